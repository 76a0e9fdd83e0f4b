"""The add-in's own settings: the rows of its `seuranta.conf` sheet, which xlwings' runtime reads
(through macros/SeurantaConfig.bas) when the user's config file does not set a key.

- the interpreter, so that the buttons work on first use: INTERPRETER_WIN for a Windows path,
  INTERPRETER_MAC for a POSIX one (by default the Python that runs `seuranta addin build/install`
  on Windows or macOS; elsewhere none, the builder is told to pass one);
- ADD_WORKBOOK_TO_PYTHONPATH False: no workbook's folder is put on sys.path.
Pure functions; the builder writes the sheet XML into the template.
"""
from __future__ import annotations

import re
import sys
from xml.sax.saxutils import escape

SHEET_NAME = "seuranta.conf"       # xlwings: PROJECT_NAME & ".conf"
TEMPLATE_SHEET_NAME = "_myaddin.conf"


def default_interpreter(platform: str | None = None, executable: str | None = None) -> str | None:
    """The running Python where Excel can run it (Windows, macOS); None elsewhere."""
    platform = platform or sys.platform
    if platform.startswith("win") or platform == "darwin":
        return executable or sys.executable
    return None


def interpreter_key(path: str) -> str:
    """INTERPRETER_WIN for a Windows path (drive letter, UNC, backslashes), else INTERPRETER_MAC."""
    windows = re.match(r"^[A-Za-z]:[\\/]", path) or path.startswith("\\\\") or "\\" in path
    return "INTERPRETER_WIN" if windows else "INTERPRETER_MAC"


def conf_rows(interpreter: str | None) -> list[tuple[str, str]]:
    rows = []
    if interpreter:
        rows.append((interpreter_key(interpreter), interpreter))
    rows.append(("ADD_WORKBOOK_TO_PYTHONPATH", "False"))
    return rows


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" s="1" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def sheet_data(rows: list[tuple[str, str]]) -> str:
    """<sheetData> with one KEY | VALUE row each, as inline strings (no shared strings needed)."""
    out = []
    for i, (key, value) in enumerate(rows, start=1):
        out.append(f'<row r="{i}" spans="1:2">{_cell(f"A{i}", key)}{_cell(f"B{i}", value)}</row>')
    return "<sheetData>" + "".join(out) + "</sheetData>"


def patch_sheet_xml(xml: bytes, rows: list[tuple[str, str]]) -> bytes:
    """The template's conf sheet with its rows replaced by ours (its keys have empty values, which
    would hide the user's file) and the used range adjusted."""
    text = xml.decode("utf-8")
    text, n_data = re.subn(r"<sheetData>.*?</sheetData>|<sheetData\s*/>", lambda _m: sheet_data(rows), text,
                           count=1, flags=re.S)
    text, n_dim = re.subn(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:B{len(rows)}" />', text, count=1)
    if n_data != 1 or n_dim != 1:
        raise ValueError("xlwings' add-in template has no conf sheet data to replace")
    return text.encode("utf-8")


def patch_workbook_xml(xml: bytes) -> bytes:
    """Rename the template's inactive `_myaddin.conf` sheet to the active `seuranta.conf`."""
    old = f'name="{TEMPLATE_SHEET_NAME}"'.encode()
    if xml.count(old) != 1:
        raise ValueError("xlwings' add-in template has no _myaddin.conf sheet")
    return xml.replace(old, f'name="{SHEET_NAME}"'.encode())
