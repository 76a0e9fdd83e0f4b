"""Windows-safe file names and Excel-safe sheet names (pure: no I/O).

A department name goes into a file name as it is wherever Windows, macOS and Linux allow it: letters
with diacritics (ä, ö, å) are kept; the characters ``<>:"/\\|?*`` and control characters become ``_``;
a name never ends in a dot or a space, never is a reserved device name (CON, PRN, AUX, NUL, COM1-9,
LPT1-9, also with an extension), and is bounded in length. Names in one folder are unique regardless
of case (Windows and macOS folders are case-insensitive).
"""
from __future__ import annotations

import re
import unicodedata

FORBIDDEN_FILE_CHARS = '<>:"/\\|?*'
MAX_STEM = 120           # characters; keeps whole paths comfortably below Windows' 260
SHEET_NAME_MAX = 31
FORBIDDEN_SHEET_CHARS = "[]:*?/\\"

_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
             "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


def safe_stem(name: str, max_len: int = MAX_STEM, fallback: str = "nimeton") -> str:
    """One file name part (no extension) that is valid on Windows, macOS and Linux."""
    text = unicodedata.normalize("NFC", name or "")
    text = _CONTROL.sub("_", text)
    text = "".join("_" if ch in FORBIDDEN_FILE_CHARS else ch for ch in text)
    text = _SPACES.sub(" ", text).strip()
    text = text[:max_len].rstrip(". ")
    if not text:
        text = fallback
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text[:max_len - 1]
    return text


def workbook_file_name(round_id: str, department: str) -> str:
    """`<round>_<department>.xlsx`, safe on Windows (not yet made unique)."""
    return f"{safe_stem(f'{round_id}_{department}')}.xlsx"


def unique_names(names: list[str]) -> list[str]:
    """The same names, with ` (2)`, ` (3)`... before the extension where two collide case-insensitively."""
    taken: set[str] = set()
    out: list[str] = []
    for name in names:
        stem, dot, ext = name.rpartition(".")
        if not dot:
            stem, ext = name, ""
        suffix = f".{ext}" if dot else ""
        candidate = name
        n = 2
        while candidate.casefold() in taken:
            tail = f" ({n})"
            candidate = f"{stem[:MAX_STEM - len(tail)]}{tail}{suffix}"
            n += 1
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def workbook_file_names(round_id: str, departments: list[str]) -> dict[str, str]:
    """Department -> its unique, safe file name, in the order given."""
    names = unique_names([workbook_file_name(round_id, d) for d in departments])
    return dict(zip(departments, names, strict=True))


def safe_sheet_name(name: str, fallback: str = "Taulukko") -> str:
    """An Excel-valid sheet name: at most 31 characters, none of []:*?/\\, no leading or trailing
    apostrophe, not the reserved name 'History'."""
    text = _CONTROL.sub(" ", name or "")
    text = "".join("_" if ch in FORBIDDEN_SHEET_CHARS else ch for ch in text)
    text = _SPACES.sub(" ", text).strip().strip("'")
    text = text[:SHEET_NAME_MAX].strip().strip("'")
    if not text:
        text = fallback
    if text.casefold() == "history":
        text = f"{text}_"
    return text


def unique_sheet_names(names: list[str]) -> list[str]:
    """Safe sheet names, unique case-insensitively as Excel requires."""
    taken: set[str] = set()
    out: list[str] = []
    for name in names:
        base = safe_sheet_name(name)
        candidate, n = base, 2
        while candidate.casefold() in taken:
            tail = f" ({n})"
            candidate = base[:SHEET_NAME_MAX - len(tail)].rstrip().rstrip("'") + tail
            n += 1
        taken.add(candidate.casefold())
        out.append(candidate)
    return out
