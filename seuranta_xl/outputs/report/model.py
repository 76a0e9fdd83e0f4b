"""The report's view model: a round's summary with what every format shows around it — the
title, the lines under it, column headers, shares and colours, and the tables as text (pure).

The numbers come from :mod:`seuranta_xl.core.summary`; the words from the texts below.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from seuranta_xl.core.summary import IMPROVED, Group, Summary, summarise
from seuranta_xl.present.i18n import fmt_date, fmt_number, fmt_percent, pick
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import load_round, resolve_round

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


