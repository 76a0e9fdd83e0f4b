"""Links that open a finding's file at its cell, in the form Excel understands (pure):
``path#'Sheet name'!C5`` — a quote in the sheet's name doubled, as in a formula."""
from __future__ import annotations


def cell_link(path: str, sheet: str | None, cell: str | None) -> str:
    """``path``, and ``#'sheet'!cell`` when both are known."""
    if sheet and cell:
        return f"{path}#'{sheet.replace(chr(39), chr(39) * 2)}'!{cell}"
    return path
