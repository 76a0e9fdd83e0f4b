"""Text that a spreadsheet would take for a formula, kept as text (pure).

A cell or CSV field that starts with = + - @, a tab or a carriage return can run as a formula when
opened in Excel or LibreOffice (CSV injection); an apostrophe in front keeps it text. The same rule
for the export, the report's CSV and the add-in's sheets.
"""
from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str | None) -> str:
    """``text`` with an apostrophe in front when it would start a formula; None -> ""."""
    if text is None:
        return ""
    return "'" + text if text.startswith(FORMULA_START) else text
