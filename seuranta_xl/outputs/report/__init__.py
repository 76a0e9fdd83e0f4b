"""`seuranta report`: the round summarised for finance and councils (shell: files out).

One view model (``model``: the summary and the words around it) and one module per format:
``xlsx`` (tables and native charts), ``docx`` (tables and chart images), ``csv`` (the summary table
in the export's conventions) and ``md`` (for e-mail or an intranet page). Every file is written
atomically.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError

from seuranta_xl.core.errors import FileInUseError, UserError
from seuranta_xl.outputs.report.csv import write_csv
from seuranta_xl.outputs.report.docx import write_docx
from seuranta_xl.outputs.report.md import write_md
from seuranta_xl.outputs.report.model import Report, build_report
from seuranta_xl.outputs.report.xlsx import write_xlsx
from seuranta_xl.store.atomic import atomic_path

__all__ = ["FORMATS", "REPORTS_DIR", "Report", "build_report", "default_path", "save_report", "write_report"]

FORMATS = ("xlsx", "docx", "csv", "md")
REPORTS_DIR = "raportit"
WRITERS: dict[str, Callable[[Report, Path], None]] = {"xlsx": write_xlsx, "docx": write_docx, "csv": write_csv,
                                                      "md": write_md}


def default_path(root: Path, round_id: str, fmt: str) -> Path:
    return Path(root) / REPORTS_DIR / f"{round_id}_raportti.{fmt}"


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UserError("report-format-unknown", format=fmt, allowed=", ".join(FORMATS))


def save_report(report: Report, root: Path, fmt: str = "xlsx", out: Path | None = None) -> Path:
    """Write a built report as xlsx, docx, csv or md to ``out`` (default: PROJECT/raportit/<round>_raportti.<fmt>)."""
    check_format(fmt)
    path = Path(out) if out is not None else default_path(root, report.s.round.id, fmt)
    _atomic(path, lambda tmp: WRITERS[fmt](report, tmp))
    return path


def write_report(root: Path, round_id: str | None = None, fmt: str = "xlsx", out: Path | None = None) -> tuple[Path, str]:
    """Write the report of a round (default: the latest) as xlsx, docx, csv or md; (path, language).

    UserError (exit 2) for an unknown round or format and for a path that cannot be written; a round
    without returns gives a report that says so.
    """
    check_format(fmt)
    report = build_report(Path(root), round_id)
    return save_report(report, Path(root), fmt, out), report.lang


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    if path.is_dir():
        raise UserError("out-is-folder", path=str(path))
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise UserError("report-parent-is-file", path=str(path), blocker=str(blocker))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            write(tmp)
    except OSError as exc:
        raise UserError("report-not-written", path=str(path), reason=exc.strerror or str(exc)) from None
    except FileCreateError as exc:   # xlsxwriter's wrapper of the OSError that stopped it writing the temp file
        cause = exc.__context__
        if isinstance(cause, PermissionError):
            raise FileInUseError("file-in-use", path=str(path)) from None
        reason = (cause.strerror if isinstance(cause, OSError) else None) or str(cause or exc)
        raise UserError("report-not-written", path=str(path), reason=reason) from None
