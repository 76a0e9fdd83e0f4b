"""What a returned workbook holds, as plain data (pure: no I/O). reading.py fills it; validate.py
judges it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ReadFailure:
    """The file could not be read as a workbook at all: the finding code and a detail."""

    code: str          # corrupt-file, encrypted-file, not-xlsx, file-too-large
    detail: str


@dataclass
class SheetFacts:
    name: str
    state: str = "visible"                       # visible / hidden / veryHidden
    protected: bool = False
    formulas: dict[str, str] = field(default_factory=dict)   # cell ref -> formula text


@dataclass
class ReturnedWorkbook:
    """What a return holds, as plain data for the pure validator."""

    file_name: str
    size: int
    sha256: str
    file_mtime: str | None
    saved_at: str | None
    workbook_protected: bool
    sheets: list[SheetFacts]
    meta: dict[str, str]                     # key/value rows of the identity sheet
    meta_rows: list[tuple[str, str]]         # (row id, row hash) from META_ROWS_START
    values: dict[str, list[list[Any]]]       # sheet name -> rows of values (calamine; None for empty)

    def sheet(self, name: str) -> SheetFacts | None:
        for s in self.sheets:
            if s.name == name:
                return s
        return None
