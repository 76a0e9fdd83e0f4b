"""What a returned workbook holds, as plain data (pure: no I/O). reading.py fills it; validate.py
judges it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


MAX_FILE_BYTES = 50 * 1024 * 1024          # a department return is a few hundred kB

@dataclass
class ReadFailure:
    """The file could not be read as a workbook at all: the finding code and a detail."""

    code: str                  # corrupt-file, encrypted-file, not-xlsx, file-too-large
    detail: str = ""           # a technical detail as it came (an exception's text, a file suffix)
    detail_code: str | None = None   # or words from core/findings.DETAILS, in the reader's language
    values: dict = field(default_factory=dict)   # the numbers those words show

    @property
    def params(self) -> dict:
        out = {"detail": self.detail, **self.values}
        if self.detail_code:
            out["detail_code"] = self.detail_code
        return out


@dataclass
class SheetFacts:
    name: str
    state: str = "visible"                       # visible / hidden / veryHidden
    protected: bool = False
    formulas: dict[str, str] = field(default_factory=dict)   # cell ref -> formula text
    notes: dict[str, str] = field(default_factory=dict)      # cell ref -> the text of a note / comment on it
    hyperlinks: dict[str, str] = field(default_factory=dict)  # cell ref -> link target
    drawing_texts: list[str] = field(default_factory=list)   # text in shapes and text boxes over the sheet
    max_length: int | None = None                            # a text-length validation's limit, if any


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
    application: str | None = None           # docProps/app.xml Application: the program that saved it
    package_time: str | None = None          # the zip members' time, ISO (LibreOffice: the save time in UTC)

    def sheet(self, name: str) -> SheetFacts | None:
        for s in self.sheets:
            if s.name == name:
                return s
        return None
