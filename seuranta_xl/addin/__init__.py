"""The Python entry points that the add-in's ribbon calls (macros/RibbonSeuranta.bas, via RunPython).

Two layers:
- plain Python, taking and returning plain data (tested on real files without Excel):
  the remembered project folder, the tables that go into sheets (`findings_table`, `status_table`,
  `to_cells`), the one-line texts for status bar and alerts;
- the xlwings layer: the five entry points at the bottom, a few lines each over the same library
  functions as the CLI (check.check_files, sync.sync_folder, status.round_status, report.write_report).
  Errors become one Excel alert with the hint, never a traceback window.
"""
from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding
from seuranta_xl.present.inputs import asks_grade
from seuranta_xl.present.formulas import neutralise
from seuranta_xl.present.links import cell_link
from seuranta_xl.present.messages import plural, text
from seuranta_xl.present.tables import finding_row, headers, state_label
from seuranta_xl.present.terminal import counts_text
from seuranta_xl.store.atomic import write_atomic
from seuranta_xl.store.project import CONFIG_NAME, MASTER_NAME, shell_language

CONFIG_ENV = "SEURANTA_ADDIN_CONFIG"     # a path to addin.json; overrides the per-user location
TITLE = "Seuranta"

# --------------------------------------------------------------------------------- remembered project


def config_path() -> Path:
    """%APPDATA%/seuranta-xl/addin.json on Windows, else $XDG_CONFIG_HOME or ~/.config/seuranta-xl/addin.json."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "seuranta-xl" / "addin.json"


def _read_config() -> dict:
    try:
        data = json.loads(config_path().read_text("utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def remember_project(path: Path) -> Path:
    """Store the project folder for the next calls (written atomically)."""
    path = Path(path).resolve()
    data = _read_config()
    data["project"] = str(path)
    target = config_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, json.dumps(data, ensure_ascii=False, indent=2))
    return path


def remembered_project() -> Path | None:
    value = _read_config().get("project")
    return Path(value) if isinstance(value, str) and value else None


def find_project(start: Path | None) -> Path | None:
    """The nearest folder at or above ``start`` (a file or folder) that holds seuranta.toml."""
    if not start:
        return None
    start = Path(start)
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def project_folder(*hints: Path | None) -> Path:
    """The project to work on: the first hint inside a project (the returns folder, the active
    workbook), else the remembered folder. Whatever is found is remembered."""
    for hint in hints:
        found = find_project(hint)
        if found:
            return remember_project(found)
    remembered = remembered_project()
    if remembered and (remembered / CONFIG_NAME).is_file():
        return remembered
    raise UserError("project-folder-unknown")


def choose_project_folder(path: Path) -> Path:
    found = find_project(Path(path))
    if not found:
        raise UserError("no-project-in-folder", path=str(path), config=CONFIG_NAME)
    return remember_project(found)


# --------------------------------------------------------------------------------- tables as plain data

FINDING_COLUMNS = ("severity", "code", "location", "id", "department", "finding", "hint")
STATUS_COLUMNS = ("department", "status", "graded", "actions", "errors", "warnings", "file", "received")


@dataclass(frozen=True)
class Link:
    """A cell that opens ``target`` (a file, optionally with #'sheet'!cell) when clicked."""
    target: str
    text: str


def link_target(folder: Path | None, f: Finding) -> str | None:
    """file#'sheet'!cell for a finding whose file exists in ``folder``; None when there is nothing to open."""
    if not f.file or folder is None:
        return None
    path = Path(folder) / f.file
    if not path.is_file():
        return None
    return cell_link(str(path), f.sheet, f.cell)


def findings_table(findings: list[Finding], lang: str, folder: Path | None = None) -> list[list]:
    """Header + one row per finding; the location is a Link when the file is in ``folder``."""
    rows: list[list] = [headers(FINDING_COLUMNS, lang)]
    for f in findings:
        row = finding_row(f, FINDING_COLUMNS, lang)
        target = link_target(folder, f)
        if target:
            row[FINDING_COLUMNS.index("location")] = Link(target, f.location(lang))
        rows.append(row)
    if not findings:
        rows.append([text("no-findings", lang)])
    return rows


def status_table(rows: list, lang: str, graded: bool = True) -> list[list]:
    """Header + one row per department (sync.DepartmentStatus), then a totals row (``graded``: the round
    asks a grade; else its count is of the actions filled in, headed 'Täytetty')."""
    out: list[list] = [headers([c if c != "graded" or graded else "filled" for c in STATUS_COLUMNS], lang)]
    for r in rows:
        out.append([r.department, state_label(r.state, lang), r.graded, r.actions, r.errors, r.warnings,
                    r.file or "", r.received_at or ""])
    out.append([text("total", lang),
                f"{sum(r.state in ('returned', 'errors') for r in rows)} / {len(rows)}",   # not drafts
                sum(r.graded for r in rows), sum(r.actions for r in rows),
                sum(r.errors for r in rows), sum(r.warnings for r in rows), "", ""])
    return out


def _quote_formula(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def to_cells(rows: list[list]) -> list[list]:
    """Values ready for Excel: Links as HYPERLINK formulas (plain text if a part is over 255
    characters), and text that Excel would read as a formula kept as text (present.formulas)."""
    out = []
    for row in rows:
        cells = []
        for v in row:
            if isinstance(v, Link):
                if len(v.target) <= 255 and len(v.text) <= 255:
                    cells.append(f"=HYPERLINK({_quote_formula(v.target)},{_quote_formula(v.text)})")
                    continue
                v = v.text
            if isinstance(v, str):
                v = neutralise(v)
            cells.append(v)
        out.append(cells)
    width = max((len(r) for r in out), default=0)
    return [r + [""] * (width - len(r)) for r in out]


# --------------------------------------------------------------------------------- texts


def language() -> str:
    """The remembered project's language, else SEURANTA_LANG, else Finnish."""
    return shell_language(remembered_project())


def error_text(exc: UserError, lang: str) -> str:
    hint = exc.hint(lang)
    return f"{exc.message(lang)}\n\n{hint}" if hint else exc.message(lang)


def progress_text(i: int, n: int, name: str, lang: str) -> str:
    return text("addin.reading", lang, i=i, n=n, name=name)


def check_summary(results: list, lang: str) -> str:
    lines = []
    for v in results:
        ok = v.accepted and not v.n_errors
        verdict = text("check.accepted", lang) if ok else text("check.errors-n", lang, n=v.n_errors)
        lines.append(f"{v.file_name}: {v.department or '?'} — {verdict}")
    return "\n".join(lines)


def sync_summary(result) -> str:
    lang = result.language
    return text("sync.done", lang, r=result.round_id, files=plural("files", result.files_seen, lang),
                new=plural("new-returns", result.new_returns, lang), same=result.unchanged, rej=result.rejected,
                counts=counts_text(result.findings, lang))


def log_path() -> Path:
    return config_path().with_name("addin.log")


def log_exception() -> Path:
    """Append the current traceback to addin.log (for IT); the user sees one line."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc() + "\n")
    except OSError:
        pass
    return path


# --------------------------------------------------------------------------------- the xlwings layer
# Everything below needs Excel (xw.Book.caller()); it is kept to a few lines per entry point.


def _book_path(book) -> Path | None:
    try:
        full = Path(book.fullname)
        return full.resolve() if full.is_absolute() and full.exists() else None
    except Exception:  # noqa: BLE001 - an unsaved or cloud book has no usable path
        return None


def _write_sheet(app, name: str, rows: list[list]) -> None:
    sheet = app.books.add().sheets[0]
    sheet.name = name
    sheet["A1"].value = to_cells(rows)
    sheet["A1"].expand("right").font.bold = True
    sheet.used_range.columns.autofit()


def _excel_entry(func):
    @functools.wraps(func)
    def wrapper(*args, built_with: str | None = None):   # built_with: the add-in's xlwings (guard.py)
        import xlwings as xw

        from seuranta_xl.addin.guard import check_built_with
        app = None
        lang = language()
        try:
            book = xw.Book.caller()
            app = book.app
            check_built_with(built_with)
            func(book, *args)
        except UserError as exc:
            if app is not None:
                app.alert(error_text(exc, lang), title=TITLE, mode="critical")
        except Exception as exc:  # noqa: BLE001 - never a traceback window
            log = log_exception()
            if app is not None:
                app.alert(text("addin.unexpected", lang, e=f"{type(exc).__name__}: {exc}", log=log), title=TITLE,
                          mode="critical")
        finally:
            if app is not None:
                app.status_bar = False
    return wrapper


@_excel_entry
def check_workbook(book, path: str) -> None:
    from seuranta_xl.returns.check import check_files
    root = project_folder(Path(path).parent, _book_path(book))
    results, lang = check_files(root, [Path(path)])
    _write_sheet(book.app, text("addin.findings-sheet", lang),
                 findings_table([f for v in results for f in v.findings], lang, Path(path).parent))
    book.app.alert(check_summary(results, lang), title=TITLE, mode="info")


@_excel_entry
def sync_returns(book, folder: str) -> None:
    from seuranta_xl.returns.sync import sync_folder
    app, root = book.app, project_folder(Path(folder), _book_path(book))
    master = [b for b in app.books if _book_path(b) == (root / MASTER_NAME).resolve()]
    for b in master:   # an open master cannot be replaced: close it (unchanged) and open it again after
        if sys.platform == "win32" and not b.api.Saved:
            raise UserError("master-open-changed", name=MASTER_NAME)
        b.close()
    result = sync_folder(root, Path(folder), progress=lambda i, n, name: setattr(
        app, "status_bar", progress_text(i, n, name, language())))
    _write_sheet(app, text("addin.findings-sheet", result.language),
                 findings_table(result.findings, result.language, Path(folder)))
    if master and result.master:
        app.books.open(str(result.master))
    app.alert(sync_summary(result), title=TITLE, mode="info")


@_excel_entry
def show_status(book) -> None:
    from seuranta_xl.returns.status import round_status
    view, rows, lang = round_status(project_folder(_book_path(book)))
    _write_sheet(book.app, text("addin.status-sheet", lang),
                 [[f"{view.round.id} {view.round.title}".strip()], *status_table(rows, lang, asks_grade(view.round))])


@_excel_entry
def make_report(book) -> None:
    from seuranta_xl.outputs.report import write_report
    path, _lang = write_report(project_folder(_book_path(book)))
    if Path(path).suffix.lower() == ".xlsx":
        book.app.books.open(str(path))


@_excel_entry
def choose_project(book, path: str) -> None:
    root = choose_project_folder(Path(path))
    book.app.alert(text("addin.project-folder", language(), p=root), title=TITLE, mode="info")


ENTRY_POINTS = ("check_workbook", "sync_returns", "show_status", "make_report", "choose_project")
