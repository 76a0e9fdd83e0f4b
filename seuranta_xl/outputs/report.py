"""`seuranta report`: the round summarised for finance and councils (shell: files out).

The numbers come from :mod:`seuranta_xl.core.summary` (pure); this module only writes them:
- xlsx (XlsxWriter): a summary sheet (counts, averages, done share, change per focus area and per
  department, shares that feed native stacked-bar charts in the scale's colours), the actions that
  moved since the previous round, and the full list per focus area. Values, not formulas; no merged
  cells, no protection, plain bordered tables with bold headers (they survive a paste into Word);
  shares are numbers with the locale-neutral format ``0.0%``;
- docx (python-docx): the same tables, and the charts as PNG images drawn with matplotlib;
- csv: the summary table in the export's conventions (UTF-8 BOM, ';', formula-like text neutralised),
  numbers written as text in the project's language;
- md: the same for e-mail or an intranet page.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError

from seuranta_xl.core.errors import FileInUseError, UserError
from seuranta_xl.outputs.export import neutralise
from seuranta_xl.present.i18n import fmt_date, fmt_number, fmt_percent, pick
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import load_round, resolve_round
from seuranta_xl.core.summary import IMPROVED, Group, Summary, summarise
from seuranta_xl.store.atomic import atomic_path

FORMATS = ("xlsx", "docx", "csv", "md")
REPORTS_DIR = "raportit"
NO_GRADE_COLOUR = "#D9D9D9"

T = {
    "title": {"fi": "Strategian seuranta", "sv": "Uppföljning av strategin", "en": "Strategy follow-up"},
    "round": {"fi": "Kierros", "sv": "Omgång", "en": "Round"},
    "previous": {"fi": "Edellinen kierros", "sv": "Föregående omgång", "en": "Previous round"},
    "no_previous": {"fi": "ei edellistä kierrosta", "sv": "ingen föregående omgång", "en": "no previous round"},
    "not_comparable": {"fi": "asteikot eivät ole vertailukelpoisia", "sv": "skalorna är inte jämförbara",
                       "en": "the scales cannot be compared"},
    "deadline": {"fi": "Määräaika", "sv": "Sista dag", "en": "Deadline"},
    "made": {"fi": "Raportti laadittu", "sv": "Rapporten skapad", "en": "Report made"},
    "scale": {"fi": "Asteikko", "sv": "Skala", "en": "Scale"},
    "no_returns": {"fi": "Kierrokselle {r} ei ole vielä yhtään palautusta: taulukoissa ei ole arvioita.",
                   "sv": "Omgång {r} har ännu inga returer: tabellerna har inga bedömningar.",
                   "en": "Round {r} has no returns yet: the tables hold no grades."},
    "missing": {"fi": "Palauttamatta ({n}): {d}", "sv": "Inte returnerat ({n}): {d}", "en": "Not returned ({n}): {d}"},
    "returned": {"fi": "Palauttanut {a}/{b} vastuutahoa, arvioitu {c}/{d} toimenpidettä.",
                 "sv": "{a}/{b} ansvariga har returnerat, {c}/{d} åtgärder bedömda.",
                 "en": "{a}/{b} departments returned, {c}/{d} actions graded."},
    "by_fa": {"fi": "Painopisteittäin", "sv": "Per fokusområde", "en": "By focus area"},
    "by_dept": {"fi": "Vastuutahoittain", "sv": "Per ansvarig", "en": "By department"},
    "shares_fa": {"fi": "Arvioiden osuudet painopisteittäin", "sv": "Bedömningarnas andelar per fokusområde",
                  "en": "Grade shares by focus area"},
    "shares_dept": {"fi": "Arvioiden osuudet vastuutahoittain", "sv": "Bedömningarnas andelar per ansvarig",
                    "en": "Grade shares by department"},
    "focus_area": {"fi": "Painopiste", "sv": "Fokusområde", "en": "Focus area"},
    "department": {"fi": "Vastuutaho", "sv": "Ansvarig", "en": "Department"},
    "grouping": {"fi": "Ryhmittely", "sv": "Gruppering", "en": "Grouping"},
    "group": {"fi": "Ryhmä", "sv": "Grupp", "en": "Group"},
    "all": {"fi": "Kaikki", "sv": "Alla", "en": "All"},
    "actions": {"fi": "Toimenpiteitä", "sv": "Åtgärder", "en": "Actions"},
    "no_grade": {"fi": "Ei arviota", "sv": "Ingen bedömning", "en": "No grade"},
    "average": {"fi": "Keskiarvo", "sv": "Medelvärde", "en": "Average"},
    "done": {"fi": "Valmiina ({v})", "sv": "Klara ({v})", "en": "Done ({v})"},
    "improved": {"fi": "Parani", "sv": "Bättre", "en": "Improved"},
    "same": {"fi": "Ennallaan", "sv": "Oförändrad", "en": "Same"},
    "worse": {"fi": "Heikkeni", "sv": "Sämre", "en": "Worse"},
    "changes": {"fi": "Muutokset edellisestä kierroksesta", "sv": "Förändringar sedan föregående omgång",
                "en": "Changes from the previous round"},
    "changes_sheet": {"fi": "Muutokset", "sv": "Förändringar", "en": "Changes"},
    "summary_sheet": {"fi": "Yhteenveto", "sv": "Sammanfattning", "en": "Summary"},
    "list_sheet": {"fi": "Toimenpiteet", "sv": "Åtgärder", "en": "Actions"},
    "no_moves": {"fi": "Yhdenkään toimenpiteen arvio ei muuttunut.", "sv": "Ingen bedömning ändrades.",
                 "en": "No grade changed."},
    "moves_line": {"fi": "{i} parani, {s} ennallaan, {w} heikkeni ({c} verrattavissa, {n} ilman vertailuparia).",
                   "sv": "{i} bättre, {s} oförändrade, {w} sämre ({c} jämförbara, {n} utan jämförelse).",
                   "en": "{i} improved, {s} same, {w} worse ({c} compared, {n} without a pair)."},
    "list": {"fi": "Toimenpiteet painopisteittäin", "sv": "Åtgärder per fokusområde", "en": "Actions by focus area"},
    "goal": {"fi": "Tavoite", "sv": "Mål", "en": "Goal"},
    "action": {"fi": "Toimenpide", "sv": "Åtgärd", "en": "Action"},
    "grade": {"fi": "Arvio", "sv": "Bedömning", "en": "Grade"},
    "label": {"fi": "Selite", "sv": "Beskrivning", "en": "Label"},
    "comment": {"fi": "Kommentti", "sv": "Kommentar", "en": "Comment"},
    "before": {"fi": "Aiempi", "sv": "Tidigare", "en": "Before"},
    "now": {"fi": "Nyt", "sv": "Nu", "en": "Now"},
    "direction": {"fi": "Suunta", "sv": "Riktning", "en": "Direction"},
    "up": {"fi": "parani", "sv": "bättre", "en": "improved"},
    "down": {"fi": "heikkeni", "sv": "sämre", "en": "worse"},
    "shares_note": {"fi": "Osuudet lasketaan kaikista toimenpiteistä; valmiina = asteikon ylin arvo ({v}).",
                    "sv": "Andelarna räknas av alla åtgärder; klara = skalans högsta steg ({v}).",
                    "en": "Shares are of all actions; done = the scale's top step ({v})."},
    "written": {"fi": "Raportti kirjoitettu: {p}", "sv": "Rapporten skriven: {p}", "en": "Report written: {p}"},
}


def _t(key: str, lang: str, **fields) -> str:
    return pick(T[key], lang, **fields)


# ------------------------------------------------------------------------------------ building
class Report:
    """A summary with what every writer needs around it (language, organisation, date)."""

    def __init__(self, summary: Summary, lang: str, organisation: str, made: dt.date):
        self.s = summary
        self.lang = lang
        self.organisation = organisation
        self.made = made

    @property
    def title(self) -> str:
        rnd = self.s.round
        name = rnd.title if rnd.title and rnd.title != rnd.id else rnd.id
        return f"{self.organisation}: {_t('title', self.lang)} – {name}"

    def meta_lines(self) -> list[str]:
        lang, s = self.lang, self.s
        first = f"{_t('round', lang)} {s.round.id}"
        if s.previous_round is not None:
            prev = f"{_t('previous', lang)} {s.previous_round.id}"
            if not s.comparable:
                prev += f" ({_t('not_comparable', lang)})"
        else:
            prev = _t("no_previous", lang)
        parts = [first, prev]
        if s.round.deadline:
            parts.append(f"{_t('deadline', lang)} {fmt_date(s.round.deadline, lang)}")
        parts.append(f"{_t('made', lang)} {fmt_date(self.made, lang)}")
        lines = [" · ".join(parts), f"{_t('scale', lang)}: {self.scale_text()}"]
        if not s.has_values:
            lines.append(_t("no_returns", lang, r=s.round.id))
        else:
            n_dept = len(s.returned) + len(s.missing)
            lines.append(_t("returned", lang, a=len(s.returned), b=n_dept, c=s.overall.graded, d=s.overall.total))
            if s.missing:
                lines.append(_t("missing", lang, n=len(s.missing), d=", ".join(s.missing)))
        lines.append(_t("shares_note", lang, v=s.scale.top.value))
        return lines

    def scale_text(self) -> str:
        return ", ".join(step.display for step in self.s.scale.steps)

    # column headers of the summary table
    def summary_headers(self, first: str) -> list[str]:
        lang, s = self.lang, self.s
        cols = [first, _t("actions", lang)] + [st.value for st in s.scale.steps] + [_t("no_grade", lang)]
        if s.scale.numeric:
            cols.append(_t("average", lang))
        cols.append(_t("done", lang, v=s.scale.top.value))
        if s.comparable:
            cols += [_t("improved", lang), _t("same", lang), _t("worse", lang)]
        return cols

    def share_headers(self, first: str) -> list[str]:
        return [first] + [st.value for st in self.s.scale.steps] + [_t("no_grade", self.lang)]

    def colours(self) -> list[str]:
        return [st.colour for st in self.s.scale.steps] + [NO_GRADE_COLOUR]

    def shares(self, g: Group) -> list[float]:
        return [g.share(v) for v in self.s.scale.values] + [g.empty_share]

    def grade_text(self, value: str | None) -> str:
        step = self.s.scale.step(value)
        return step.display if step else (value or "")


def build_report(root: Path, round_id: str | None = None, today: dt.date | None = None) -> Report:
    project = Project(root)
    config = project.load_config()
    with project.ledger() as ledger:
        rnd = resolve_round(ledger, round_id)
        view = load_round(ledger, rnd)
        prev = ledger.previous_round(rnd.id)
        previous = (prev, load_round(ledger, prev).state) if prev is not None else None
    lang = config.language
    summary = summarise(rnd, view.strategy, view.state, previous, overall_name=_t("all", lang))
    return Report(summary, lang, config.organisation, today or dt.date.today())


def default_path(root: Path, round_id: str, fmt: str) -> Path:
    return Path(root) / REPORTS_DIR / f"{round_id}_raportti.{fmt}"


def write_report(root: Path, round_id: str | None = None, fmt: str = "xlsx", out: Path | None = None) -> tuple[Path, str]:
    """Write the report of a round (default: the latest) as xlsx, docx, csv or md; (path, language).

    Default path: PROJECT/raportit/<round>_raportti.<fmt>. UserError (exit 2) for an unknown round or
    format and for a path that cannot be written; a round without returns gives a report that says so.
    """
    path, report = make_report(root, round_id, fmt, out)
    return path, report.lang


def make_report(root: Path, round_id: str | None = None, fmt: str = "xlsx",
                out: Path | None = None) -> tuple[Path, Report]:
    """As write_report, returning the Report (its summary) instead of only the language."""
    if fmt not in FORMATS:
        raise UserError(f"Tuntematon raporttimuoto ”{fmt}” (sallitut: {', '.join(FORMATS)})",
                        f"Unknown report format “{fmt}” (allowed: {', '.join(FORMATS)})")
    root = Path(root)
    report = build_report(root, round_id)
    path = Path(out) if out is not None else default_path(root, report.s.round.id, fmt)
    writer: Callable[[Report, Path], None] = {"xlsx": write_xlsx, "docx": write_docx, "csv": write_csv,
                                              "md": write_md}[fmt]
    _atomic(path, lambda tmp: writer(report, tmp))
    return path, report


def _io_error(path: Path, exc: OSError) -> UserError:
    why = exc.strerror or str(exc)
    return UserError(f"Raporttia ei voitu kirjoittaa polkuun {path}: {why}",
                     f"Could not write the report to {path}: {why}",
                     f"Rapporten kunde inte skrivas till {path}: {why}",
                     hint_fi="Valitse kansio, johon sinulla on kirjoitusoikeus, ja sulje tiedosto, jos se on auki.",
                     hint_en="Choose a folder you can write to, and close the file if it is open.")


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    if path.is_dir():
        raise UserError(f"{path} on kansio; anna tiedoston nimi", f"{path} is a folder; give a file name")
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise UserError(f"Raporttia ei voitu kirjoittaa polkuun {path}: {blocker} on tiedosto, ei kansio",
                        f"Could not write the report to {path}: {blocker} is a file, not a folder",
                        hint_fi="Anna --out-polku kansioon.", hint_en="Give an --out path inside a folder.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            write(tmp)
    except OSError as exc:
        raise _io_error(path, exc) from None
    except FileCreateError as exc:   # xlsxwriter's wrapper of the OSError that stopped it writing the temp file
        cause = exc.__context__
        if isinstance(cause, PermissionError):
            raise FileInUseError(path) from None
        raise _io_error(path, cause if isinstance(cause, OSError) else OSError(0, str(exc))) from None


# ------------------------------------------------------------------------------------ xlsx
def write_xlsx(report: Report, path: Path) -> None:
    import xlsxwriter

    lang, s = report.lang, report.s
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                         "strings_to_urls": False})
    wb.set_properties({"title": report.title, "created": dt.datetime.combine(report.made, dt.time())})
    f = {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "h2": wb.add_format({"bold": True, "font_size": 12}),
        "note": wb.add_format({"italic": True}),
        "head": wb.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "top"}),
        "head_num": wb.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "top", "align": "right"}),
        "text": wb.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
        "bold": wb.add_format({"border": 1, "text_wrap": True, "valign": "top", "bold": True}),
        "int": wb.add_format({"border": 1, "valign": "top", "num_format": "0"}),
        "int_b": wb.add_format({"border": 1, "valign": "top", "num_format": "0", "bold": True}),
        "dec": wb.add_format({"border": 1, "valign": "top", "num_format": "0.0"}),
        "dec_b": wb.add_format({"border": 1, "valign": "top", "num_format": "0.0", "bold": True}),
        "pct": wb.add_format({"border": 1, "valign": "top", "num_format": "0.0%"}),
        "pct_b": wb.add_format({"border": 1, "valign": "top", "num_format": "0.0%", "bold": True}),
    }
    sheet = _t("summary_sheet", lang)
    ws = wb.add_worksheet(sheet)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 14)
    ws.set_column(2, 20, 11)
    ws.write_string(0, 0, report.title, f["title"])
    row = 1
    for line in report.meta_lines():
        ws.write_string(row, 0, line)
        row += 1
    row += 1
    breaks = []
    for key, shares_key, first, groups in (("by_fa", "shares_fa", _t("focus_area", lang), s.by_focus_area),
                                           ("by_dept", "shares_dept", _t("department", lang), s.by_department)):
        if key == "by_dept":
            breaks.append(row)   # the department tables and chart start a printed page of their own
        ws.write_string(row, 0, _t(key, lang), f["h2"])
        row = _summary_table(ws, row + 1, report, first, groups, f) + 1
        ws.write_string(row, 0, _t(shares_key, lang), f["h2"])
        top = row + 1
        row = _shares_table(ws, top, report, first, groups, f)
        if s.has_values:
            chart = _chart(wb, report, sheet, top, len(groups), _t(shares_key, lang))
            ws.insert_chart(row + 1, 0, chart, {"x_offset": 2, "y_offset": 4})
            row += 2 + _chart_rows(len(groups))
        row += 1
    ws.set_h_pagebreaks(breaks)
    _changes_sheet(wb, report, f)
    _list_sheet(wb, report, f)
    wb.close()


def row_height(cells: list[tuple[str, float]]) -> float:
    """Points for a row of wrapped (text, column width) cells: XlsxWriter cannot autofit, and
    LibreOffice does not autofit rows on open either."""
    lines = 1
    for text, width in cells:
        per_line = max(1, int(width * 1.25))
        lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in (text or "").split("\n")))
    return 15.0 * lines + 1.5


def _chart_rows(n: int) -> int:
    return int((_chart_height(n) + 19) // 20) + 1


def _chart_height(n: int) -> int:
    return 110 + 34 * n


def _summary_table(ws, row: int, report: Report, first: str, groups: list[Group], f) -> int:
    for c, title in enumerate(report.summary_headers(first)):
        ws.write_string(row, c, title, f["head_num" if c else "head"])
    for g in groups + [report.s.overall]:
        row += 1
        total = g is report.s.overall
        ws.write_string(row, 0, g.name, f["bold" if total else "text"])
        ints = [g.total] + [g.counts[v] for v in report.s.scale.values] + [g.empty]
        c = 0
        for c, n in enumerate(ints, start=1):
            ws.write_number(row, c, n, f["int_b" if total else "int"])
        c += 1
        if report.s.scale.numeric:
            if g.average is None:
                ws.write_blank(row, c, None, f["dec"])
            else:
                ws.write_number(row, c, round(g.average, 4), f["dec_b" if total else "dec"])
            c += 1
        ws.write_number(row, c, g.done_share, f["pct_b" if total else "pct"])
        if report.s.comparable and g.change is not None:
            for n in (g.change.improved, g.change.same, g.change.worse):
                c += 1
                ws.write_number(row, c, n, f["int_b" if total else "int"])
    return row + 1


def _shares_table(ws, row: int, report: Report, first: str, groups: list[Group], f) -> int:
    for c, title in enumerate(report.share_headers(first)):
        ws.write_string(row, c, title, f["head_num" if c else "head"])
    for g in groups:
        row += 1
        ws.write_string(row, 0, g.name, f["text"])
        for c, share in enumerate(report.shares(g), start=1):
            ws.write_number(row, c, share, f["pct"])
    return row + 1


def _chart(wb, report: Report, sheet: str, head_row: int, n: int, title: str):
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    first, last = head_row + 1, head_row + n
    for c, colour in enumerate(report.colours(), start=1):
        chart.add_series({
            "name": [sheet, head_row, c],
            "categories": [sheet, first, 0, last, 0],
            "values": [sheet, first, c, last, c],
            "fill": {"color": colour},
            "border": {"color": "#595959", "width": 0.5},
            "gap": 60,
        })
    chart.set_title({"name": title, "name_font": {"size": 11, "bold": True}})
    chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%", "major_gridlines": {"visible": True,
                                                                                  "line": {"color": "#D9D9D9"}}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": _chart_height(n)})
    return chart


def _changes_sheet(wb, report: Report, f) -> None:
    lang, s = report.lang, report.s
    ws = wb.add_worksheet(_t("changes_sheet", lang))
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.write_string(0, 0, _t("changes", lang), f["h2"])
    widths = [9, 22, 24, 60, 9, 9, 11]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    if s.overall.change is None:
        ws.write_string(1, 0, _t("no_previous", lang) if s.previous_round is None else _t("not_comparable", lang))
        return
    ch = s.overall.change
    ws.write_string(1, 0, f"{_t('previous', lang)} {s.previous_round.id}: " + _t(
        "moves_line", lang, i=ch.improved, s=ch.same, w=ch.worse, c=ch.compared, n=ch.not_compared))
    heads = ["ID", _t("focus_area", lang), _t("department", lang), _t("action", lang), _t("before", lang),
             _t("now", lang), _t("direction", lang)]
    for c, title in enumerate(heads):
        ws.write_string(3, c, title, f["head"])
    ws.repeat_rows(3)
    for r, m in enumerate(s.moves, start=4):
        ws.set_row(r, row_height([(m.focus_area, widths[1]), (m.department, widths[2]), (m.text, widths[3])]))
        ws.write_string(r, 0, m.action_id, f["text"])
        ws.write_string(r, 1, m.focus_area, f["text"])
        ws.write_string(r, 2, m.department, f["text"])
        ws.write_string(r, 3, m.text, f["text"])
        _grade_cell(ws, r, 4, report, m.before, f)
        _grade_cell(ws, r, 5, report, m.after, f)
        ws.write_string(r, 6, _t("up" if m.direction == IMPROVED else "down", lang), f["text"])
    if not s.moves:
        ws.write_string(4, 0, _t("no_moves", lang))


def _grade_cell(ws, r: int, c: int, report: Report, value: str | None, f) -> None:
    step = report.s.scale.step(value)
    if step is not None and step.number is not None:
        ws.write_number(r, c, step.number, f["int"])
    elif value:
        ws.write_string(r, c, value, f["text"])
    else:
        ws.write_blank(r, c, None, f["text"])


def _list_sheet(wb, report: Report, f) -> None:
    lang, s = report.lang, report.s
    ws = wb.add_worksheet(_t("list_sheet", lang))
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    with_label = any(st.label != st.value for st in s.scale.steps)
    heads = ["ID", _t("goal", lang), _t("action", lang), _t("department", lang), _t("grade", lang)]
    widths = [9, 30, 45, 22, 8]
    if with_label:
        heads.append(_t("label", lang))
        widths.append(22)
    if s.comparable:
        heads.append(_t("before", lang))
        widths.append(8)
    heads.append(_t("comment", lang))
    widths.append(55)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.write_string(0, 0, _t("list", lang), f["h2"])
    row = 1
    for fa, items in s.items_by_focus_area():
        row += 1
        ws.write_string(row, 0, fa, f["h2"])
        row += 1
        for c, title in enumerate(heads):
            ws.write_string(row, c, title, f["head"])
        for it in items:
            row += 1
            ws.set_row(row, row_height([(it.goal, widths[1]), (it.text, widths[2]), (it.department, widths[3]),
                                        (it.label or "", 22), (it.comment or "", widths[-1])]))
            ws.write_string(row, 0, it.action_id, f["text"])
            ws.write_string(row, 1, it.goal, f["text"])
            ws.write_string(row, 2, it.text, f["text"])
            ws.write_string(row, 3, it.department, f["text"])
            _grade_cell(ws, row, 4, report, it.grade, f)
            c = 5
            if with_label:
                ws.write_string(row, c, it.label or "", f["text"])
                c += 1
            if s.comparable:
                _grade_cell(ws, row, c, report, it.previous, f)
                c += 1
            if it.comment:
                ws.write_string(row, c, it.comment, f["text"])
            else:
                ws.write_blank(row, c, None, f["text"])
        row += 1


# ------------------------------------------------------------------------------------ text tables
def summary_rows(report: Report, groups: list[Group], first: str, with_total: bool = True,
                 shares_inline: bool = False, two_lines: bool = False) -> list[list[str]]:
    """The summary table as formatted text (docx, md): header row first."""
    lang, s = report.lang, report.s
    rows = [report.summary_headers(first)]
    for g in groups + ([s.overall] if with_total else []):
        cells = [g.name, str(g.total)]
        for n, share in zip([g.counts[v] for v in s.scale.values] + [g.empty], report.shares(g), strict=True):
            if shares_inline and g.total:
                cells.append(f"{n}\n{fmt_percent(share, lang)}" if two_lines else f"{n} ({fmt_percent(share, lang)})")
            else:
                cells.append(str(n))
        if s.scale.numeric:
            cells.append(fmt_number(g.average, lang, 1) if g.average is not None else "–")
        cells.append(fmt_percent(g.done_share, lang, 1))
        if s.comparable and g.change is not None:
            cells += [str(g.change.improved), str(g.change.same), str(g.change.worse)]
        rows.append(cells)
    return rows


def move_rows(report: Report) -> list[list[str]]:
    lang = report.lang
    rows = [["ID", _t("focus_area", lang), _t("department", lang), _t("action", lang), _t("before", lang),
             _t("now", lang), _t("direction", lang)]]
    for m in report.s.moves:
        rows.append([m.action_id, m.focus_area, m.department, m.text, m.before, m.after,
                     _t("up" if m.direction == IMPROVED else "down", lang)])
    return rows


def item_rows(report: Report, items) -> list[list[str]]:
    lang, s = report.lang, report.s
    heads = ["ID", _t("goal", lang), _t("action", lang), _t("department", lang), _t("grade", lang)]
    if s.comparable:
        heads.append(_t("before", lang))
    heads.append(_t("comment", lang))
    rows = [heads]
    for it in items:
        cells = [it.action_id, it.goal, it.text, it.department, report.grade_text(it.grade)]
        if s.comparable:
            cells.append(it.previous or "")
        cells.append(it.comment or "")
        rows.append(cells)
    return rows


def change_line(report: Report) -> str | None:
    s, lang = report.s, report.lang
    if s.overall.change is None:
        return None
    ch = s.overall.change
    return f"{_t('previous', lang)} {s.previous_round.id}: " + _t(
        "moves_line", lang, i=ch.improved, s=ch.same, w=ch.worse, c=ch.compared, n=ch.not_compared)


# ------------------------------------------------------------------------------------ charts (PNG)
def chart_png(report: Report, groups: list[Group], title: str) -> bytes:
    """A horizontal stacked bar chart of grade shares (matplotlib, Agg backend, bundled DejaVu font)."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    lang = report.lang
    names = [g.name for g in groups]
    labels = [st.value for st in report.s.scale.steps] + [_t("no_grade", lang)]
    n = len(groups)
    fig = Figure(figsize=(7.0, 1.35 + 0.42 * n), dpi=170)
    ax = fig.add_subplot()
    left = [0.0] * n
    for i, (label, colour) in enumerate(zip(labels, report.colours(), strict=True)):
        values = [report.shares(g)[i] for g in groups]
        bars = ax.barh(names, values, left=left, color=colour, edgecolor="#595959", linewidth=0.5, label=label,
                       height=0.65)
        for bar, v, x in zip(bars, values, left, strict=True):
            if v >= 0.06:
                ax.text(x + v / 2, bar.get_y() + bar.get_height() / 2, fmt_percent(v, lang),
                        ha="center", va="center", fontsize=7, color="#000000")
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: fmt_percent(x, lang)))
    ax.tick_params(labelsize=8)
    ax.set_title(title, fontsize=10, fontweight="bold", loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(ncol=len(labels), fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


# ------------------------------------------------------------------------------------ docx
def write_docx(report: Report, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    lang, s = report.lang, report.s
    doc = Document()
    doc.core_properties.title = report.title
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)

    doc.add_heading(report.title, level=1)
    for line in report.meta_lines():
        doc.add_paragraph(line)
    for key, shares_key, first, groups in (("by_fa", "shares_fa", _t("focus_area", lang), s.by_focus_area),
                                           ("by_dept", "shares_dept", _t("department", lang), s.by_department)):
        doc.add_heading(_t(key, lang), level=2)
        rows = summary_rows(report, groups, first, shares_inline=True, two_lines=True)
        # each number column as wide as its header's longest word (no word broken), the name takes the rest
        rest = [max(1.45, 0.19 * max(len(w) for w in h.split()) + 0.5) for h in rows[0][1:]]
        _docx_table(doc, rows, widths=[max(3.5, 25.8 - sum(rest))] + rest, bold_last=True, numeric_from=1)
        if s.has_values:
            doc.add_picture(io.BytesIO(chart_png(report, groups, _t(shares_key, lang))), width=Cm(15))
    doc.add_heading(_t("changes", lang), level=2)
    line = change_line(report)
    if line is None:
        doc.add_paragraph(_t("no_previous", lang) if s.previous_round is None else _t("not_comparable", lang))
    else:
        doc.add_paragraph(line)
        if s.moves:
            _docx_table(doc, move_rows(report), widths=[1.6, 3.6, 4.2, 11.6, 1.6, 1.4, 1.8])
    doc.add_heading(_t("list", lang), level=2)
    for fa, items in s.items_by_focus_area():
        doc.add_heading(fa, level=3)
        widths = [1.4, 5.0, 7.0, 3.4, 1.6] + ([1.6] if s.comparable else []) + [5.8 if s.comparable else 7.4]
        _docx_table(doc, item_rows(report, items), widths=widths)
    doc.save(str(path))


def _docx_table(doc, rows: list[list[str]], widths: list[float] | None, bold_last: bool = False,
                numeric_from: int | None = None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    if widths:
        table.autofit = False
        for column, w in zip(table.columns, widths, strict=True):
            column.width = Cm(w)        # the grid (LibreOffice reads it) and each cell (Word reads those)
    head = table.rows[0]
    tr_pr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")     # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for r, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
        bold = r == 0 or (bold_last and r == len(rows) - 1)
        for c, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
            if widths:
                cell.width = Cm(widths[c])
            para = cell.paragraphs[0]
            if numeric_from is not None and c >= numeric_from:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = para.add_run(text)
            run.font.size = Pt(8.5)
            run.bold = bold


# ------------------------------------------------------------------------------------ csv
def csv_rows(report: Report) -> list[list[str]]:
    lang, s = report.lang, report.s
    heads = [_t("grouping", lang), _t("group", lang), _t("actions", lang)]
    heads += [st.value for st in s.scale.steps] + [_t("no_grade", lang)]
    heads += [f"{st.value} %" for st in s.scale.steps] + [f"{_t('no_grade', lang)} %"]
    if s.scale.numeric:
        heads.append(_t("average", lang))
    heads.append(_t("done", lang, v=s.scale.top.value) + " %")
    if s.comparable:
        heads += [_t("improved", lang), _t("same", lang), _t("worse", lang)]
    rows = [heads]
    for kind, groups in ((_t("all", lang), [s.overall]), (_t("focus_area", lang), s.by_focus_area),
                         (_t("department", lang), s.by_department)):
        for g in groups:
            cells = [kind, g.name, str(g.total)]
            cells += [str(g.counts[v]) for v in s.scale.values] + [str(g.empty)]
            cells += [fmt_percent(x, lang, 1) for x in report.shares(g)]
            if s.scale.numeric:
                cells.append(fmt_number(g.average, lang, 2) if g.average is not None else "")
            cells.append(fmt_percent(g.done_share, lang, 1))
            if s.comparable and g.change is not None:
                cells += [str(g.change.improved), str(g.change.same), str(g.change.worse)]
            rows.append(cells)
    return rows


def write_csv(report: Report, path: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for row in csv_rows(report):
        writer.writerow([neutralise(c) for c in row])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\ufeff" + buf.getvalue())


# ------------------------------------------------------------------------------------ markdown
def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")


def _md_table(rows: list[list[str]], numeric_from: int = 1) -> list[str]:
    out = ["| " + " | ".join(_md_cell(c) for c in rows[0]) + " |"]
    out.append("| " + " | ".join("---" if i < numeric_from else "---:" for i in range(len(rows[0]))) + " |")
    out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows[1:]]
    return out


def markdown(report: Report) -> str:
    lang, s = report.lang, report.s
    lines = [f"# {report.title}", ""]
    for line in report.meta_lines():
        lines += [line, ""]
    for key, first, groups in (("by_fa", _t("focus_area", lang), s.by_focus_area),
                               ("by_dept", _t("department", lang), s.by_department)):
        lines += [f"## {_t(key, lang)}", ""]
        lines += _md_table(summary_rows(report, groups, first, shares_inline=True)) + [""]
    lines += [f"## {_t('changes', lang)}", ""]
    line = change_line(report)
    if line is None:
        lines += [_t("no_previous", lang) if s.previous_round is None else _t("not_comparable", lang), ""]
    else:
        lines += [line, ""]
        if s.moves:
            lines += _md_table(move_rows(report), numeric_from=99) + [""]
    lines += [f"## {_t('list', lang)}", ""]
    for fa, items in s.items_by_focus_area():
        lines += [f"### {fa}", ""]
        lines += _md_table(item_rows(report, items), numeric_from=99) + [""]
    return "\n".join(lines)


def write_md(report: Report, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(markdown(report))
