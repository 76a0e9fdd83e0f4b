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

from seuranta_xl.core.errors import MasterLockedError
from seuranta_xl.store.atomic import atomic_path, write_atomic
from seuranta_xl.core.findings import Finding
from seuranta_xl.present.i18n import pick
from seuranta_xl.core.identity import TITLES
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.roundview import RoundView, load_round
from seuranta_xl.outputs.sheetdata import splice_rows

BACKUP_NAME = "master.bak.xlsx"

T = {
    "wide": {"fi": "Toimenpiteet", "sv": "Åtgärder", "en": "Actions"},
    "long": {"fi": "Kaikki arviot", "sv": "Alla bedömningar", "en": "All entries"},
    "returns": {"fi": "Palautukset", "sv": "Returer", "en": "Returns"},
    "findings": {"fi": "Havainnot", "sv": "Fynd", "en": "Findings"},
    "history": {"fi": "Versiot", "sv": "Versioner", "en": "Versions"},
    "grade": {"fi": "arvio", "sv": "bedömning", "en": "grade"},
    "label": {"fi": "selite", "sv": "beskrivning", "en": "label"},
    "comment": {"fi": "kommentti", "sv": "kommentar", "en": "comment"},
    "source": {"fi": "lähde", "sv": "källa", "en": "source"},
    "round": {"fi": "Kierros", "sv": "Omgång", "en": "Round"},
    "file": {"fi": "Tiedosto", "sv": "Fil", "en": "File"},
    "received": {"fi": "Vastaanotettu", "sv": "Mottagen", "en": "Received"},
    "saved": {"fi": "Tallennettu", "sv": "Sparad", "en": "Saved"},
    "rows": {"fi": "Rivejä", "sv": "Rader", "en": "Rows"},
    "errors": {"fi": "Virheitä", "sv": "Fel", "en": "Errors"},
    "status": {"fi": "Tila", "sv": "Status", "en": "Status"},
    "returned": {"fi": "palautettu", "sv": "returnerad", "en": "returned"},
    "missing": {"fi": "puuttuu", "sv": "saknas", "en": "missing"},
    "imported": {"fi": "tuotu taulukosta", "sv": "importerad", "en": "imported"},
    "severity": {"fi": "Vakavuus", "sv": "Allvar", "en": "Severity"},
    "code": {"fi": "Koodi", "sv": "Kod", "en": "Code"},
    "sheet": {"fi": "Taulukko", "sv": "Blad", "en": "Sheet"},
    "cell": {"fi": "Solu", "sv": "Cell", "en": "Cell"},
    "message": {"fi": "Havainto", "sv": "Fynd", "en": "Finding"},
    "hint": {"fi": "Mitä tehdä", "sv": "Vad göra", "en": "What to do"},
    "department": {"fi": "Vastuutaho", "sv": "Ansvarig", "en": "Department"},
}
SEVERITY = {"fi": {"error": "virhe", "warning": "varoitus", "info": "tieto"},
            "sv": {"error": "fel", "warning": "varning", "info": "info"},
            "en": {"error": "error", "warning": "warning", "info": "info"}}


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
    wb.set_properties({"title": "Strategian seuranta", "created": _stamp(views)})
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
    ws = wb.add_worksheet(pick(T["wide"], lang))
    titles = TITLES[lang]
    strategy = views[-1].strategy if views else None
    with_ind = bool(strategy and strategy.has_indicators)
    cols = [titles["id"], titles["focus_area"], titles["goal"], titles["action"], titles["department"]]
    if with_ind:
        cols.append(titles["indicator"])
    for v in views:
        for key in ("grade", "label", "comment", "source"):
            cols.append(f"{v.round.id} {pick(T[key], lang)}")
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
    ws = wb.add_worksheet(pick(T["long"], lang))
    titles = TITLES[lang]
    cols = [pick(T["round"], lang), titles["id"], titles["department"], titles["focus_area"], titles["goal"],
            titles["action"], pick(T["grade"], lang).capitalize(), pick(T["label"], lang).capitalize(),
            pick(T["comment"], lang).capitalize(), pick(T["file"], lang), pick(T["received"], lang)]
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
    ws = wb.add_worksheet(pick(T["returns"], lang))
    cols = [pick(T["round"], lang), pick(T["department"], lang), pick(T["status"], lang), pick(T["file"], lang),
            pick(T["saved"], lang), pick(T["received"], lang), pick(T["rows"], lang), pick(T["errors"], lang)]
    for c, title in enumerate(cols):
        ws.write_string(0, c, title, head)
    r = 0
    for v in views:
        for dept in v.strategy.departments():
            r += 1
            recs = v.state.returns.get(dept, [])
            _s(ws, r, 0, v.round.id)
            _s(ws, r, 1, dept)
            if not recs:
                _s(ws, r, 2, pick(T["missing"], lang))
                continue
            rec = recs[-1]           # the version in force
            _s(ws, r, 2, pick(T["imported" if v.round.imported else "returned"], lang))
            _s(ws, r, 3, rec.file_name)
            _s(ws, r, 4, rec.saved_at)
            _s(ws, r, 5, rec.received_at)
            ws.write_number(r, 6, rec.n_rows)
            ws.write_number(r, 7, rec.n_errors)
    for c, w in enumerate([12, 28, 14, 34, 22, 22, 8, 8]):
        ws.set_column(c, c, w)


def _findings_sheet(wb, views: list[RoundView], lang: str, head, wrap, link, master_dir: Path) -> None:
    ws = wb.add_worksheet(pick(T["findings"], lang))
    cols = [pick(T["round"], lang), pick(T["severity"], lang), pick(T["code"], lang), pick(T["department"], lang),
            pick(T["file"], lang), pick(T["sheet"], lang), pick(T["cell"], lang), "ID", pick(T["message"], lang),
            pick(T["hint"], lang)]
    for c, title in enumerate(cols):
        ws.write_string(0, c, title, head)
    r = 0
    for v in views:
        for f in v.findings:
            r += 1
            _s(ws, r, 0, v.round.id)
            _s(ws, r, 1, SEVERITY[lang][f.severity.value])
            _s(ws, r, 2, f.code)
            _s(ws, r, 3, f.department)
            target = _link_target(f, v.folder, master_dir)
            if target:
                ws.write_url(r, 4, target, link, f.file, pick({"fi": "Avaa kohta", "sv": "Öppna", "en": "Open"}, lang))
            else:
                _s(ws, r, 4, f.file)
            _s(ws, r, 5, f.sheet)
            _s(ws, r, 6, f.cell or (str(f.row) if f.row else None))
            _s(ws, r, 7, f.action_id)
            _s(ws, r, 8, f.message(lang), wrap)
            _s(ws, r, 9, f.hint(lang), wrap)
    for c, w in enumerate([12, 10, 20, 26, 32, 14, 8, 9, 60, 50]):
        ws.set_column(c, c, w)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(r, 1), len(cols) - 1)


def _history_sheet(wb, views: list[RoundView], lang: str, head, wrap) -> None:
    """Every version every sync saw, per round and department: the history behind the current state."""
    from seuranta_xl.present.versions import HEAD, sorted_versions, version_cells
    ws = wb.add_worksheet(pick(T["history"], lang))
    cols = [pick(T["round"], lang)] + [pick(HEAD[k], lang) for k in
                                       ("department", "file", "saved", "first_seen", "state", "errors", "findings")]
    for c, title in enumerate(cols):
        ws.write_string(0, c, title, head)
    r = 0
    for v in views:
        for version in sorted_versions(v.state.versions):
            r += 1
            _s(ws, r, 0, v.round.id)
            for c, text in enumerate(version_cells(version, lang), start=1):
                _s(ws, r, c, text, wrap if c == 7 else None)
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
    target = "external:" + rel.replace("\\", "/")
    if f.sheet and f.cell:
        target += f"#'{f.sheet}'!{f.cell}"
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
    if lock_file.exists():
        raise _locked(master)
    try:
        if master.exists():
            with atomic_path(root / BACKUP_NAME) as bak:
                shutil.copy2(master, bak)
        write_atomic(master, data)
    except PermissionError:
        raise _locked(master) from None
    return master


def _locked(master: Path) -> MasterLockedError:
    return MasterLockedError(
        f"{master.name} on auki toisessa ohjelmassa eikä sitä voitu korvata; palautukset on kuitenkin kirjattu",
        f"{master.name} is open in another program and could not be replaced; the returns were recorded",
        f"{master.name} är öppen i ett annat program och kunde inte ersättas; returerna har bokförts",
        hint_fi="Sulje tiedosto ja aja seuranta sync uudelleen.",
        hint_en="Close the file and run seuranta sync again.",
        hint_sv="Stäng filen och kör seuranta sync igen.")
