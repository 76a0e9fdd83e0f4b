"""master.xlsx: the coordinator's view, rebuilt from the ledger every time (shell).

Sheets: a wide sheet (one row per action; per round grade, label, comment, source file), a long
Excel Table of all entries for PivotTables and Power Query, a returns sheet and a findings sheet
with clickable locations. Department text is always written as a string, never as a formula.
Written to a temp file, then swapped in; the previous master is kept as master.bak.xlsx; the
master path always holds a whole workbook, whatever moment a sync is killed at.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path

import xlsxwriter

from seuranta_xl.core.errors import FileInUseError, MasterLockedError
from seuranta_xl.core.findings import Finding
from seuranta_xl.core.identity import TITLES
from seuranta_xl.outputs.sheetdata import splice_rows
from seuranta_xl.present.links import cell_link
from seuranta_xl.present.messages import text
from seuranta_xl.present.tables import finding_cell, headers, state_label
from seuranta_xl.store.atomic import atomic_path, write_atomic
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.roundview import RoundView, load_round

BACKUP_NAME = "master.bak.xlsx"

FINDING_COLUMNS = ("round", "severity", "code", "department", "file", "sheet", "cell", "id", "finding", "hint")
RETURN_COLUMNS = ("round", "department", "status", "file", "saved", "received", "rows", "errors")


def _stamp(views: list[RoundView]) -> dt.datetime:
    """A creation time derived from the ledger, so a rebuild gives the same package."""
    times = [rec.received_at for v in views for recs in v.state.returns.values() for rec in recs]
    latest = max(times) if times else "2000-01-01T00:00:00+00:00"
    return dt.datetime.fromisoformat(latest).replace(tzinfo=None)


def build_master(views: list[RoundView], lang: str, master_dir: Path) -> bytes:
    """XlsxWriter writes the package (styles, the Table part, widths, filters, links, the small
    sheets); the rows of the two big sheets are streamed into it by sheetdata.splice_rows."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_numbers": False, "strings_to_urls": False})
    wb.set_properties({"title": text("master.title", lang), "created": _stamp(views)})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    top = wb.add_format({"valign": "top"})
    link = wb.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top"})
    wide, wide_wrap = _wide_sheet(wb, views, lang, head, wrap, top)
    long = _long_sheet(wb, views, lang)
    _returns_sheet(wb, views, lang, head)
    _findings_sheet(wb, views, lang, head, wrap, link, master_dir)
    _history_sheet(wb, views, lang, head, wrap)
    wb.close()
    return splice_rows(buf.getvalue(), {"xl/worksheets/sheet1.xml": (wide, wide_wrap),
                                        "xl/worksheets/sheet2.xml": (long, set())})


def _s(ws, r: int, c: int, value, fmt=None) -> None:
    """Write text as text (or nothing for None)."""
    if value is None or value == "":
        return
    ws.write_string(r, c, str(value), fmt)


def _grade_cell(step, grade: str | None):
    """A numeric grade as a number (sums and pivots work), any other grade as its text."""
    return step.number if step is not None and step.number is not None else grade


def _wide_sheet(wb, views: list[RoundView], lang: str, head, wrap, top) -> tuple[list[list], set[int]]:
    """Header and layout through XlsxWriter; returns the data rows (one per action) and the columns
    whose text wraps."""
    ws = wb.add_worksheet(text("master.wide", lang))
    titles = TITLES[lang]
    strategy = views[-1].strategy if views else None
    with_ind = bool(strategy and strategy.has_indicators)
    cols = [titles["id"], titles["focus_area"], titles["goal"], titles["action"], titles["department"]]
    if with_ind:
        cols.append(titles["indicator"])
    for v in views:
        final = f" ({text('master.final', lang)})" if v.round.closed else ""   # a closed round's values are final
        for key in ("grade", "label", "comment", "source"):
            cols.append(f"{v.round.id} {text('master.' + key, lang)}{final}")
    for c, title in enumerate(cols):
        ws.write_string(0, c, title, head)
    widths = [9, 22, 32, 45, 22] + ([30] if with_ind else []) + [9, 16, 45, 22] * len(views)
    ws.set_landscape()
    ws.set_paper(9)            # A4
    ws.fit_to_pages(1, 0)      # all columns on the page width
    ws.repeat_rows(0)
    wrapping = {c for c, w in enumerate(widths) if w > 12}
    for c, w in enumerate(widths):
        ws.set_column(c, c, w, wrap if c in wrapping else top)
    ws.freeze_panes(1, 1)
    rows: list[list] = []
    if strategy is None:
        return rows, wrapping
    for row in strategy.rows():
        values = [row.id, row.focus_area, row.goal, row.action.text, row.action.department]
        if with_ind:
            values.append(row.action.indicator)
        for v in views:
            cur = v.state.value(row.id)
            step = v.round.scale.step(cur.grade)
            values += [_grade_cell(step, cur.grade), step.label if step else None, cur.comment,
                       cur.source.file_name if cur.source else None]
        rows.append(values)
    ws.autofilter(0, 0, max(1, len(rows)), len(cols) - 1)
    return rows, wrapping


def _long_sheet(wb, views: list[RoundView], lang: str) -> list[list]:
    """The Excel Table "Seuranta" of every (round, action); returns its data rows."""
    ws = wb.add_worksheet(text("master.long", lang))
    titles = TITLES[lang]
    cols = [text("col.round", lang), titles["id"], titles["department"], titles["focus_area"], titles["goal"],
            titles["action"], text("master.grade", lang).capitalize(), text("master.label", lang).capitalize(),
            text("master.comment", lang).capitalize(), text("col.file", lang), text("col.received", lang)]
    rows: list[list] = []
    for v in views:
        for row in v.strategy.rows():
            cur = v.state.value(row.id)
            step = v.round.scale.step(cur.grade)
            src = cur.source
            rows.append([v.round.id, row.id, row.action.department, row.focus_area, row.goal, row.action.text,
                         _grade_cell(step, cur.grade), step.label if step else None, cur.comment,
                         src.file_name if src else None, src.received_at if src else None])
    for c, w in enumerate([12, 9, 22, 22, 32, 45, 8, 16, 45, 24, 22]):
        ws.set_column(c, c, w)
    ws.add_table(0, 0, max(len(rows), 1), len(cols) - 1, {
        "name": "Seuranta", "style": "Table Style Medium 2",
        "columns": [{"header": c} for c in cols]})
    return rows


def _returns_sheet(wb, views: list[RoundView], lang: str, head) -> None:
    ws = wb.add_worksheet(text("master.returns", lang))
    for c, title in enumerate(headers(RETURN_COLUMNS, lang)):
        ws.write_string(0, c, title, head)
    r = 0
    for v in views:
        for dept in v.strategy.departments():
            r += 1
            recs = v.state.returns.get(dept, [])
            _s(ws, r, 0, v.round.id)
            _s(ws, r, 1, dept)
            if not recs:
                _s(ws, r, 2, state_label("missing", lang))
                continue
            rec = recs[-1]           # the version in force
            _s(ws, r, 2, state_label("imported" if v.round.imported else "returned", lang))
            _s(ws, r, 3, rec.file_name)
            _s(ws, r, 4, rec.saved_at)
            _s(ws, r, 5, rec.received_at)
            ws.write_number(r, 6, rec.n_rows)
            ws.write_number(r, 7, rec.n_errors)
    for c, w in enumerate([12, 28, 14, 34, 22, 22, 8, 8]):
        ws.set_column(c, c, w)


def _findings_sheet(wb, views: list[RoundView], lang: str, head, wrap, link, master_dir: Path) -> None:
    ws = wb.add_worksheet(text("master.findings", lang))
    for c, title in enumerate(headers(FINDING_COLUMNS, lang)):
        ws.write_string(0, c, title, head)
    r = 0
    for v in views:
        for f in v.findings:
            r += 1
            for c, column in enumerate(FINDING_COLUMNS):
                target = _link_target(f, v.folder, master_dir) if column == "file" else None
                if column == "round":
                    _s(ws, r, c, v.round.id)
                elif target:
                    ws.write_url(r, c, target, link, f.file, text("master.open", lang))
                else:
                    _s(ws, r, c, finding_cell(f, column, lang), wrap if column in ("finding", "hint") else None)
    for c, w in enumerate([12, 10, 20, 26, 32, 14, 8, 9, 60, 50]):
        ws.set_column(c, c, w)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(r, 1), len(FINDING_COLUMNS) - 1)


def _history_sheet(wb, views: list[RoundView], lang: str, head, wrap) -> None:
    """Every version every sync saw, per round and department: the history behind the current state."""
    from seuranta_xl.present.versions import COLUMNS, sorted_versions, version_cells
    ws = wb.add_worksheet(text("master.history", lang))
    cols = headers(("round", *COLUMNS), lang)
    for c, title in enumerate(cols):
        ws.write_string(0, c, title, head)
    r = 0
    for v in views:
        for version in sorted_versions(v.state.versions):
            r += 1
            _s(ws, r, 0, v.round.id)
            for c, cell_text in enumerate(version_cells(version, lang), start=1):
                _s(ws, r, c, cell_text, wrap if c == 7 else None)
    for c, w in enumerate([12, 28, 34, 20, 18, 26, 8, 40]):
        ws.set_column(c, c, w)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(r, 1), len(cols) - 1)


def _link_target(f: Finding, folder: str | None, master_dir: Path) -> str | None:
    """external:relative/path.xlsx#'Sheet'!C5 — opens the return at the cell in Excel."""
    if not f.file or not folder:
        return None
    path = Path(folder) / f.file
    try:
        rel = os.path.relpath(path, master_dir)
    except ValueError:  # another drive on Windows
        rel = str(path)
    target = cell_link("external:" + rel.replace("\\", "/"), f.sheet, f.cell)
    return target if len(target) <= 2079 else None


def all_views(ledger: Ledger) -> list[RoundView]:
    return [load_round(ledger, r) for r in ledger.rounds()]


def write_master(root: Path, ledger: Ledger, lang: str, master_name: str = "master.xlsx",
                 views: list[RoundView] | None = None) -> Path:
    """Rebuild master.xlsx from the ledger (or from ``views`` already loaded from it): temp file,
    backup, atomic swap."""
    master = root / master_name
    lock_file = root / f"~${master_name}"
    if views is None:
        views = all_views(ledger)
    data = build_master(views, lang, root)
    if lock_file.exists():   # Excel's owner file: the master is open (the rename would fail on Windows)
        raise MasterLockedError("master-locked", path=str(master))
    try:
        if master.exists():
            with atomic_path(root / BACKUP_NAME) as bak:
                shutil.copy2(master, bak)
        write_atomic(master, data)
    except FileInUseError as exc:   # the master or its backup is open or write-protected
        raise MasterLockedError("master-locked", path=exc.path) from None
    return master
