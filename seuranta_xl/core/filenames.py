"""Windows-safe file names and Excel-safe sheet names (pure: no I/O).

A department name goes into a file name as it is wherever Windows, macOS and Linux allow it: letters
with diacritics (ä, ö, å) are kept; the characters ``<>:"/\\|?*`` and control characters become ``_``;
a name never ends in a dot or a space, never is a reserved device name (CON, PRN, AUX, NUL, COM1-9,
LPT1-9, also with an extension), and is bounded in length. Names in one folder are unique regardless
of case (Windows and macOS folders are case-insensitive).

Paths: Windows opens paths of at most 259 characters (MAX_PATH 260 with its terminating NUL) unless
long paths are enabled, and Excel cannot open or save a file whose full path is over 218 characters.
A department workbook's name is bounded so that the deepest place it lies,
PROJECT\\palautukset\\<round>\\<name>.xlsx, stays within Excel's limit for a project folder of up to
PROJECT_FOLDER_BUDGET characters (C:\\Users\\<name>\\OneDrive - <municipality>\\Strategia\\Seuranta 2025);
every other path the tool writes under the project is shorter (tests/test_windows_paths.py).
"""
from __future__ import annotations

import re
import unicodedata

FORBIDDEN_FILE_CHARS = '<>:"/\\|?*'
MAX_STEM = 120           # characters; keeps whole paths comfortably below Windows' 260
WINDOWS_MAX_PATH = 259   # MAX_PATH (260) less the terminating NUL
EXCEL_MAX_PATH = 218     # Excel refuses to open or save a file whose path (name included) is longer
PROJECT_FOLDER_BUDGET = 100   # the project folder's own path the names are sized for
RETURNS_FOLDER = "palautukset"   # PROJECT/palautukset/<round>/: the deepest folder a workbook lies in
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


def workbook_stem_limit(round_id: str) -> int:
    """The longest stem of a round's department workbook: PROJECT/palautukset/<round>/<stem>.xlsx stays
    within EXCEL_MAX_PATH for a project folder of PROJECT_FOLDER_BUDGET characters (89 for a round id
    of 10 characters, 59 for the longest id, 40 characters)."""
    folder = PROJECT_FOLDER_BUDGET + 1 + len(RETURNS_FOLDER) + 1 + len(round_id) + 1
    return min(MAX_STEM, EXCEL_MAX_PATH - folder - len(".xlsx"))


def workbook_file_name(round_id: str, department: str) -> str:
    """`<round>_<department>.xlsx`, safe on Windows, the department cut to fit the path (not yet unique)."""
    return f"{safe_stem(f'{round_id}_{department}', max_len=workbook_stem_limit(round_id))}.xlsx"


def unique_names(names: list[str], max_stem: int = MAX_STEM) -> list[str]:
    """The same names, with ` (2)`, ` (3)`... before the extension where two collide case-insensitively
    (the stem cut so that it stays within ``max_stem`` characters with the number)."""
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
            candidate = f"{stem[:max_stem - len(tail)].rstrip('. ')}{tail}{suffix}"
            n += 1
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def workbook_file_names(round_id: str, departments: list[str]) -> dict[str, str]:
    """Department -> its unique, safe file name, in the order given."""
    names = unique_names([workbook_file_name(round_id, d) for d in departments], workbook_stem_limit(round_id))
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
