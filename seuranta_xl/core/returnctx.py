"""What validating one return shares across its steps (pure): the workbook, the expectation, the
findings collected so far, and how a cell value reads as text."""
from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from seuranta_xl.core.cells import col_index, split_ref
from seuranta_xl.core.findings import Finding
from seuranta_xl.core.returned import ReturnedWorkbook


def cell_text(value: Any) -> str | None:
    """A cell value as the text a person sees; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    text = str(value)
    return text if text != "" else None


def cell_at(wb: ReturnedWorkbook, sheet: str, ref: str) -> str | None:
    """The text a cell of a return shows (None: empty, or outside the sheet's values)."""
    letters, row = split_ref(ref)
    grid = wb.values.get(sheet, [])
    r, c = row - 1, col_index(letters)
    return cell_text(grid[r][c] if 0 <= r < len(grid) and 0 <= c < len(grid[r]) else None)


def norm(text: str | None) -> str:
    return unicodedata.normalize("NFC", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


class Ctx:
    """One validation's state: findings are added here, located in the current file and sheet."""

    def __init__(self, wb: ReturnedWorkbook, exp: Any):
        self.wb = wb
        self.exp = exp
        self.findings: list[Finding] = []
        self.department: str | None = None
        self.sheet: str | None = None
        self.made_with: list[Any] | None = None   # the rows of an older strategy the workbook was made from
        self.references: tuple[str, ...] | None = None   # the signed identity's reference keys (None: before #16)

    def add(self, code: str, *, cell: str | None = None, row: int | None = None, action_id: str | None = None,
            sheet: str | None = None, **params: Any) -> Finding:
        f = Finding(code=code, file=self.wb.file_name, sheet=sheet or self.sheet, cell=cell, row=row,
                    action_id=action_id, department=self.department, params=params)
        self.findings.append(f)
        return f


WHAT = {
    "sheet": {"fi": "lisätty taulukko ”{name}” ({count} solua)", "sv": "tillagt blad ”{name}” ({count} celler)",
              "en": "added sheet “{name}” ({count} cells)"},
    "cells": {"fi": "{count} solua lukitsemattomien sarakkeiden ulkopuolella", "sv": "{count} celler utanför "
              "inmatningskolumnerna", "en": "{count} cells outside the input columns"},
    "note": {"fi": "solun muistiinpano", "sv": "cellens anteckning", "en": "a note on the cell"},
    "link": {"fi": "linkki kohteeseen {target}", "sv": "länk till {target}", "en": "a link to {target}"},
    "drawing": {"fi": "tekstiruutu tai muoto", "sv": "textruta eller form", "en": "a text box or shape"},
}


def what(kind: str, **fields: Any) -> dict[str, str]:
    """The params what_fi / what_sv / what_en of a content-outside-inputs finding."""
    return {f"what_{lang}": text.format(**fields) for lang, text in WHAT[kind].items()}
