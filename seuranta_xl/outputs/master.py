"""master.xlsx: the coordinator's view, rebuilt from the ledger every time (shell).

Sheets: a wide sheet (one row per action; per round the grade — with its label in the cell only when
the label adds words — the comment and the source file; earlier rounds' comments and sources grouped
out of sight), a long Excel Table of all entries for PivotTables and Power Query, a returns sheet,
a findings sheet with clickable locations, a versions sheet and a goals sheet (each focus area and goal,
per round the median of its actions' grades and the source's own status: outputs/goalsheet.py). Every
sheet prints on A4 landscape, one page wide, header row repeated, headers that fit their columns and rows tall enough for their wrapped text. Times are
Excel date-times in Finnish local time (Europe/Helsinki). Department text is always written as a
string, never as a formula.
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
from seuranta_xl.core.inputs import typed_value   # a number as a number, other values as stored (dates: ISO)
from seuranta_xl.core.identity import TITLES, reference_keys, reference_text
from seuranta_xl.outputs.goalsheet import goals_sheet
from seuranta_xl.outputs.sheetdata import SheetRows, splice_rows
from seuranta_xl.present.i18n import DATETIME_FORMATS, excel_serial, local_time
from seuranta_xl.present.inputs import asks_comment, asks_grade, extra_inputs
from seuranta_xl.present.links import cell_link
from seuranta_xl.present.messages import text
from seuranta_xl.present.rowheight import row_height
from seuranta_xl.present.tables import finding_cell, headers, state_label
from seuranta_xl.store.atomic import atomic_path, write_atomic
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.roundview import RoundView, load_round

BACKUP_NAME = "master.bak.xlsx"

FINDING_COLUMNS = ("round", "severity", "code", "department", "file", "sheet", "cell", "id", "finding", "hint")
RETURN_COLUMNS = ("round", "department", "status", "file", "saved", "received", "rows", "errors", "approver")


def _stamp(views: list[RoundView]) -> dt.datetime:
    """A creation time derived from the ledger, so a rebuild gives the same package."""
    times = [rec.received_at for v in views for recs in v.state.returns.values() for rec in recs]
    latest = max(times) if times else "2000-01-01T00:00:00+00:00"
    return dt.datetime.fromisoformat(latest).replace(tzinfo=None)


def build_master(views: list[RoundView], lang: str, master_dir: Path,
                 goal_statuses: dict[str, dict] | None = None) -> bytes:
    """XlsxWriter writes the package (styles, the Table part, widths, filters, links, the small
    sheets); the rows of the two big sheets are streamed into it by sheetdata.splice_rows."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_numbers": False, "strings_to_urls": False})
    wb.set_properties({"title": text("master.title", lang), "created": _stamp(views)})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    top = wb.add_format({"valign": "top"})
    link = wb.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top", "text_wrap": True})
    when = wb.add_format({"num_format": DATETIME_FORMATS.get(lang, DATETIME_FORMATS["fi"]), "valign": "top",
                          "align": "left"})
    wide = _wide_sheet(wb, views, lang, head, wrap, top)
    long = _long_sheet(wb, views, lang, when, wrap, top)
    _returns_sheet(wb, views, lang, head, top, when)
    _findings_sheet(wb, views, lang, head, wrap, top, link, master_dir)
    _history_sheet(wb, views, lang, head, wrap, top, when)
    goals_sheet(wb, views, goal_statuses or {}, lang, head, wrap,
                wb.add_format({"bold": True, "text_wrap": True, "valign": "top"}))    # #16: a status per goal
    wb.close()
    return splice_rows(buf.getvalue(), {"xl/worksheets/sheet1.xml": wide, "xl/worksheets/sheet2.xml": long},
                       tables={"xl/tables/table1.xml": "xl/worksheets/sheet2.xml"})


def _s(ws, r: int, c: int, value, fmt=None) -> None:
    """Write text as text (or nothing for None)."""
    if value is None or value == "":
        return
    ws.write_string(r, c, str(value), fmt)


def _grade_cell(step, grade: str | None):
    """A numeric grade as a number (sums and pivots work), any other grade as its text."""
    return step.number if step is not None and step.number is not None else grade




def _labelled(scale) -> bool:
    """Whether the scale's labels add words to its values ("3 Toteutus on aloitettu"; not "5" / "5")."""
    return any(st.label.strip().casefold() != st.value.strip().casefold() for st in scale.steps)


def _header_width(title: str, width: float) -> float:
    """A column at least as wide as its header's longest word (bold), so no header word is cut."""
    return max(width, max(len(w) for w in title.split()) * 1.15 + 1.5)


def _setup_print(ws, header_row: int = 0) -> None:
    """A4 landscape, all columns on the page width, the header row on every page."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)


def _write_header(ws, titles: list[str], widths: list[float], head) -> None:
    """The header row, tall enough for each title wrapped in its column."""
    for c, title in enumerate(titles):
        ws.write_string(0, c, title, head)
    ws.set_row(0, row_height(list(zip(titles, widths, strict=True)), font_size=11))


def _stamp_cell(ws, r: int, c: int, iso: str | None, when) -> None:
    """A time from the ledger as an Excel date-time in local time (its text if it is not a time)."""
    local = local_time(iso)
    if local is not None:
        ws.write_number(r, c, excel_serial(local), when)
    else:
        _s(ws, r, c, iso)


_REFERENCE_WIDTHS = {"indicator": 26, "target": 24, "sdg": 10, "responsible": 18, "schedule": 12}


def _wide_columns(views: list[RoundView], lang: str, refs: tuple[str, ...]) -> list[tuple[str, float, bool]]:
    """(title, width, hidden) of every column: the structure, then per round grade, comment and source;
    an earlier round's comment and source are grouped out of sight (its grade stays, beside the latest)."""
    titles = TITLES[lang]
    cols = [(titles["id"], 8, False), (titles["focus_area"], 18, False), (titles["goal"], 28, False),
            (titles["action"], 40, False), (titles["department"], 20, False)]
    cols += [(titles[k], _REFERENCE_WIDTHS[k], False) for k in refs]    # the strategy's reference texts
    for i, v in enumerate(views):
        older = i < len(views) - 1
        grade_width = 26 if _labelled(v.round.scale) else 8
        final = f" ({text('master.final', lang)})" if v.round.closed else ""   # a closed round's values are final
        if asks_grade(v.round):
            cols.append((f"{v.round.id} {text('master.grade', lang)}{final}", grade_width, False))
        if asks_comment(v.round):
            cols.append((f"{v.round.id} {text('master.comment', lang)}{final}", 40, older))
        # one column per further input (a round without a grade shows its first one beside the latest)
        cols += [(f"{v.round.id} {spec.title}{final}", 40 if spec.kind == "text" else 14,
                  older and (asks_grade(v.round) or j > 0)) for j, spec in enumerate(extra_inputs(v.round, lang))]
        cols.append((f"{v.round.id} {text('master.source', lang)}{final}", 20, older))
    return [(title, _header_width(title, width), hidden) for title, width, hidden in cols]


def _wide_sheet(wb, views: list[RoundView], lang: str, head, wrap, top) -> SheetRows:
    """Header and layout through XlsxWriter; the data rows (one per action) are made later, perhaps in
    a worker process, with the visible columns whose text wraps (they set the rows' heights)."""
    ws = wb.add_worksheet(text("master.wide", lang))
    strategy = views[-1].strategy if views else None
    refs = reference_keys(strategy) if strategy else ()
    cols = _wide_columns(views, lang, refs)
    _write_header(ws, [c[0] for c in cols], [c[1] for c in cols], head)
    wrapping = {c for c, (_t, w, hidden) in enumerate(cols) if w > 12 and not hidden}
    for c, (_title, w, hidden) in enumerate(cols):
        after_group = c > 0 and cols[c - 1][2] and not hidden     # the outline's "+" sits on this column
        options = {"level": 1, "hidden": True} if hidden else ({"collapsed": True} if after_group else {})
        ws.set_column(c, c, w, wrap if w > 12 else top, options)
    _setup_print(ws)
    ws.freeze_panes(1, 1)
    if strategy is None:
        return SheetRows(list, wrapping)
    count = len(strategy.row_list())
    ws.autofilter(0, 0, max(1, count), len(cols) - 1)
    return SheetRows(lambda: _wide_rows(views, strategy, refs, lang), wrapping, count)


def _wide_rows(views: list[RoundView], strategy, refs: tuple[str, ...], lang: str) -> list[list]:
    # what each round shows, once per round and not once per action: (view, its scale's labels add words,
    # it asks a grade, it asks a comment, its further inputs, its drafts' ids)
    plans = [(v, _labelled(v.round.scale), asks_grade(v.round), asks_comment(v.round), extra_inputs(v.round, lang),
              _draft_ids(v)) for v in views]
    rows: list[list] = []
    for row in strategy.rows():
        values = [row.id, row.focus_area, row.goal, row.action.text, row.action.department]
        values += [reference_text(row.action, k) or None for k in refs]
        for v, labelled, graded, commented, further, drafted in plans:
            cur = v.state.value(row.id)
            if graded:
                step = v.round.scale.step(cur.grade)
                values.append(cur.grade if step is None
                              else (step.display if labelled else _grade_cell(step, cur.grade)))
            if commented:
                values.append(cur.comment)
            values += [typed_value(spec, cur.value(spec.key)) for spec in further]
            values.append(_source_text(cur.source, drafted, lang))
        rows.append(values)
    return rows


def _draft_ids(view: RoundView) -> set[int]:
    """The ledger ids of the round's current returns that are drafts (not marked ready)."""
    return {rec.id for recs in view.state.returns.values() for rec in recs if rec.draft and rec.id is not None}


def _source_text(src, drafted: set[int], lang: str) -> str | None:
    """The file a value came from, "(luonnos)" after it when that return is a draft."""
    if src is None:
        return None
    return f"{src.file_name} ({text('state.draft', lang)})" if src.return_id in drafted else src.file_name


def _long_sheet(wb, views: list[RoundView], lang: str, when, wrap, top) -> SheetRows:
    """The Excel Table "Seuranta" of every (round, action); its data rows are made later. The label
    column holds a label only where it adds words; the received time is an Excel date-time in local time.
    Its text columns wrap, as the wide sheet's do, and set the rows' heights (a comment of three lines
    printed over the next rows before); every column is aligned to the top of its row."""
    ws = wb.add_worksheet(text("master.long", lang))
    titles = TITLES[lang]
    cols = [text("col.round", lang), titles["id"], titles["department"], titles["focus_area"], titles["goal"],
            titles["action"], text("master.grade", lang).capitalize(), text("master.label", lang).capitalize(),
            text("master.comment", lang).capitalize(), text("col.file", lang), text("col.received", lang)]
    further: dict[str, object] = {}          # key -> spec (the latest round's title), after the fixed columns
    for v in views:
        further.update({spec.key: spec for spec in extra_inputs(v.round, lang)})
    cols += [spec.title for spec in further.values() if spec.title not in cols]
    keys = [k for k, spec in further.items() if spec.title in cols[11:]]
    widths = [12, 9, 22, 22, 32, 45, 10, 16, 45, 24, 17] + [30] * len(keys)
    wrapping = {c for c, w in enumerate(widths) if w > 12 and c != 10}
    for c, w in enumerate(widths):
        ws.set_column(c, c, _header_width(cols[c], w), when if c == 10 else (wrap if c in wrapping else top))
    _setup_print(ws)
    ws.add_table(0, 0, 1, len(cols) - 1, {    # on one row: splice_rows stretches it over the rows
        "name": "Seuranta", "style": "Table Style Medium 2",
        "columns": [{"header": c} for c in cols]})
    count = sum(len(v.strategy.row_list()) for v in views)
    return SheetRows(lambda: _long_rows(views, [(k, further[k]) for k in keys]), wrapping, count)


def _long_rows(views: list[RoundView], further: list[tuple[str, object]]) -> list[list]:
    rows: list[list] = []
    for v in views:
        labelled = _labelled(v.round.scale)
        for row in v.strategy.rows():
            cur = v.state.value(row.id)
            step = v.round.scale.step(cur.grade)
            src = cur.source
            local = local_time(src.received_at) if src else None
            label = step.label if step is not None and labelled else None
            rows.append([v.round.id, row.id, row.action.department, row.focus_area, row.goal, row.action.text,
                         _grade_cell(step, cur.grade), label, cur.comment,
                         src.file_name if src else None, excel_serial(local) if local else None,
                         *(typed_value(spec, cur.value(k)) for k, spec in further)])
    return rows


def _returns_sheet(wb, views: list[RoundView], lang: str, head, top, when) -> None:
    ws = wb.add_worksheet(text("master.returns", lang))
    titles = headers(RETURN_COLUMNS, lang)
    files = [rec.file_name for v in views for recs in v.state.returns.values() for rec in recs[-1:]]
    departments = [d for v in views for d in v.strategy.departments()]
    base = [12, max(20, max(map(len, departments), default=0) + 2), 14, max(24, max(map(len, files), default=0) + 2),
            16, 16, 8, 8, 20]
    widths = [_header_width(t, w) for t, w in zip(titles, base, strict=True)]
    _write_header(ws, titles, widths, head)
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
            state = "imported" if v.round.imported else ("draft" if rec.draft else "returned")
            _s(ws, r, 2, state_label(state, lang))      # a draft's values are in the other sheets too
            _s(ws, r, 3, rec.file_name)
            _stamp_cell(ws, r, 4, rec.saved_at, when)
            _stamp_cell(ws, r, 5, rec.received_at, when)
            ws.write_number(r, 6, rec.n_rows)
            ws.write_number(r, 7, rec.n_errors)
            _s(ws, r, 8, rec.approver)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w, top if c not in (4, 5) else when)
    _setup_print(ws)


FINDING_WIDTHS = (11, 9, 12, 20, 24, 12, 7, 8, 44, 38)
FINDING_WRAPS = ("department", "file", "finding", "hint")


def _token_width(texts, least: float) -> float:
    """A width in which each text wraps only at its spaces: its longest space-free part fits."""
    longest = max((len(part) for t in texts if t for part in str(t).split()), default=0)
    return max(least, longest * 1.1 + 2)


def _findings_widths(views: list[RoundView], lang: str, titles: list[str]) -> list[float]:
    """Column widths: codes and file names whole (a file name wraps only at its spaces)."""
    found = [f for v in views for f in v.findings]
    widths = list(FINDING_WIDTHS)
    widths[FINDING_COLUMNS.index("code")] = _token_width([f.code for f in found], 12)
    widths[FINDING_COLUMNS.index("file")] = _token_width([f.file for f in found], 24)
    return [_header_width(t, w) for t, w in zip(titles, widths, strict=True)]


def _findings_sheet(wb, views: list[RoundView], lang: str, head, wrap, top, link, master_dir: Path) -> None:
    """Every current finding; printed landscape one page wide, each row as tall as its wrapped text."""
    ws = wb.add_worksheet(text("master.findings", lang))
    titles = headers(FINDING_COLUMNS, lang)
    widths = _findings_widths(views, lang, titles)
    _write_header(ws, titles, widths, head)
    r = 0
    for v in views:
        for f in v.findings:
            r += 1
            ws.set_row(r, row_height([(str(finding_cell(f, col, lang) or ""), widths[c])
                                      for c, col in enumerate(FINDING_COLUMNS) if col in FINDING_WRAPS]))
            for c, column in enumerate(FINDING_COLUMNS):
                target = _link_target(f, v.folder, master_dir) if column == "file" else None
                if column == "round":
                    _s(ws, r, c, v.round.id)
                elif target:
                    ws.write_url(r, c, target, link, f.file, text("master.open", lang))
                else:
                    _s(ws, r, c, finding_cell(f, column, lang), wrap if column in FINDING_WRAPS else top)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w, wrap if FINDING_COLUMNS[c] in FINDING_WRAPS else top)
    _setup_print(ws)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(r, 1), len(FINDING_COLUMNS) - 1)


def _history_sheet(wb, views: list[RoundView], lang: str, head, wrap, top, when) -> None:
    """Every version every sync saw, per round and department: the history behind the current state.
    Printed like the other sheets; its times are local Excel date-times."""
    from seuranta_xl.present.versions import COLUMNS, sorted_versions, version_cells
    ws = wb.add_worksheet(text("master.history", lang))
    cols = headers(("round", *COLUMNS), lang)
    files = [version.file_name for v in views for version in v.state.versions]
    base = [12, 28, _token_width(files, 30), 16, 16, 20, 8, 40]
    widths = [_header_width(t, w) for t, w in zip(cols, base, strict=True)]
    _write_header(ws, cols, widths, head)
    r = 0
    for v in views:
        for version in sorted_versions(v.state.versions):
            r += 1
            cells = version_cells(version, lang)
            ws.set_row(r, row_height([(cells[0], widths[1]), (cells[1], widths[2]), (cells[4], widths[5]),
                                      (cells[6], widths[7])]))
            _s(ws, r, 0, v.round.id, top)
            for c, cell_text in enumerate(cells, start=1):
                if c == 3:
                    _stamp_cell(ws, r, c, version.saved.isoformat() if version.saved else None, when)
                elif c == 4:
                    _stamp_cell(ws, r, c, version.first_seen, when)
                else:
                    _s(ws, r, c, cell_text, wrap if c in (1, 2, 5, 7) else top)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w, when if c in (3, 4) else (wrap if c in (1, 2, 5, 7) else top))
    _setup_print(ws)
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
    data = build_master(views, lang, root, {v.round.id: ledger.goal_statuses(v.round.id) for v in views})
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
