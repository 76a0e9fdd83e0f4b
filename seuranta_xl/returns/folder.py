"""The returns folder (shell): which files in it are returns to read, which are skipped and why."""
from __future__ import annotations

from pathlib import Path

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding
from seuranta_xl.store.project import RETURNS_DIR  # noqa: F401  (where returns are saved: palautukset/<round>/)

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".xlsb", ".fods", ".numbers"}


def skip_reason(path: Path) -> str | None:
    """Why a file in the returns folder is not a return at all, as a core/findings.DETAILS code (None:
    it is one to read)."""
    if path.name.startswith("~$"):
        return "excel-lock-file"
    if path.name.startswith(".") or path.suffix.lower() in (".tmp", ".bak"):
        return "temporary-file"
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return "not-spreadsheet"
    return None


def skipped(path: Path, why: str) -> Finding:
    return Finding(code="skipped-file", file=path.name, params={"detail_code": why})


def list_returns(folder: Path) -> tuple[list[Path], list[Finding]]:
    if not folder.is_dir():
        raise UserError("returns-folder-missing", folder=str(folder))
    files, skips = [], []
    for path in sorted(folder.iterdir(), key=lambda p: p.name.casefold()):
        if path.is_dir():
            continue
        why = skip_reason(path)
        if why:
            skips.append(skipped(path, why))
        else:
            files.append(path)
    return files, skips
