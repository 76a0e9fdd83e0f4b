"""The report's view model: a round's summary with what every format shows around it — the
title, the lines under it, column headers, shares and colours, and the tables as text (pure).

The numbers come from :mod:`seuranta_xl.core.summary`; the words from the message catalogue
(``report.*`` in :mod:`seuranta_xl.present.messages`).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from seuranta_xl.core.clock import local_date
from seuranta_xl.core.goals import FOCUS_AREA
from seuranta_xl.core.identity import TITLES
from seuranta_xl.core.summary import IMPROVED, Group, Summary, summarise
from seuranta_xl.core.inputs import COMMENT, extra
from seuranta_xl.present.i18n import fmt_date, fmt_number, fmt_percent
from seuranta_xl.present.inputs import shown_inputs, value_text
from seuranta_xl.present.messages import text
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import load_round, previous_state, resolve_round

DOCX_TEMPLATE_NAME = "raportti-pohja.docx"   # the municipality's own Word template, in the project folder
NO_GRADE_COLOUR = "#FFFFFF"     # no grade: white with a dotted hatch in charts (reads in black and white)
# One rounding rule for every format (xlsx, docx, csv, md): shares in whole percent, averages with one decimal.
SHARE_DECIMALS = 0
AVERAGE_DECIMALS = 1


def report_text(key: str, lang: str, **fields) -> str:
    """The report's words: ``report.<key>`` of the message catalogue."""
    return text(f"report.{key}", lang, **fields)



class Report:
    """A summary with what every writer needs around it (language, organisation, date)."""

    def __init__(self, summary: Summary, lang: str, organisation: str, made: dt.date,
                 docx_template: Path | None = None):
        self.s = summary
        self.lang = lang
        self.organisation = organisation
        self.made = made
        self.docx_template = docx_template      # the docx is built on it when the project holds one
        self.inputs = shown_inputs(summary.round, lang)   # the round's inputs, titled in the report's language
        self.extras = extra(self.inputs)
        self.asks_comment = any(spec.key == COMMENT for spec in self.inputs)

    def input_title(self, key: str) -> str:
        """The list's header of the grade or the comment: the round's own title (Etenemisaste, Eteneminen,
        Toteutuma), the report's words when the round stores none."""
        if self.s.round.inputs is None:
            return report_text(key, self.lang)
        return next((spec.title for spec in self.inputs if spec.key == key), report_text(key, self.lang))

    def inputs_text(self) -> str:
        """The required inputs' titles (all of them when none is required): what "filled in" means."""
        required = [spec.title for spec in self.inputs if spec.required] or [spec.title for spec in self.inputs]
        return ", ".join(required)

    def extra_cells(self, item) -> list[str]:
        """An item's further inputs as a person reads them, one cell each."""
        return [value_text(spec, item.values.get(spec.key), self.lang) or "" for spec in self.extras]

    @property
    def title(self) -> str:
        rnd = self.s.round
        name = rnd.title if rnd.title and rnd.title != rnd.id else rnd.id
        return f"{self.organisation}: {report_text('title', self.lang)} – {name}"

    def meta_lines(self) -> list[str]:
        lang, s = self.lang, self.s
        first = f"{report_text('round', lang)} {s.round.id}"
        if s.round.closed:   # issue 13: a closed round's report is final
            first += f" ({report_text('final', lang, d=fmt_date(local_date(s.round.closed_at), lang))})"
        if s.previous_round is not None:
            prev = f"{report_text('previous', lang)} {s.previous_round.id}"
            if not s.comparable and s.graded:     # a round without a grade compares no grades
                prev += f" ({report_text('not_comparable', lang)})"
        else:
            prev = report_text("no_previous", lang)
        parts = [first, prev]
        if s.round.deadline:
            parts.append(f"{report_text('deadline', lang)} {fmt_date(s.round.deadline, lang)}")
        parts.append(f"{report_text('made', lang)} {fmt_date(self.made, lang)}")
        if not s.graded:
            return self._filled_meta(parts)
        lines = [" · ".join(parts), f"{report_text('scale', lang)}: {self.scale_text()}"]
        if self.extras:
            lines.append(report_text("asked", lang, inputs=", ".join(spec.title for spec in self.inputs)))
        if not s.has_values:
            lines.append(report_text("no_returns", lang, r=s.round.id))
        else:
            n_dept = len(s.returned) + len(s.missing) + len(s.drafts)
            lines.append(report_text("returned", lang, a=len(s.returned), b=n_dept, c=s.overall.graded,
                                     d=s.overall.total))
            if s.drafts:
                lines.append(report_text("drafts", lang, n=len(s.drafts), d=", ".join(s.drafts)))
            if s.missing:
                lines.append(report_text("missing", lang, n=len(s.missing), d=", ".join(s.missing)))
        lines.append(report_text("shares_note", lang, v=s.scale.top.value))
        return lines

    def _filled_meta(self, parts: list[str]) -> list[str]:
        """The lines under the title of a round without a grade (Kemi): what was asked and how much is filled."""
        lang, s = self.lang, self.s
        lines = [" · ".join(parts), report_text("asked", lang, inputs=", ".join(spec.title for spec in self.inputs))]
        if not s.has_values:
            lines.append(report_text("no_returns", lang, r=s.round.id))
        else:
            lines.append(report_text("returned_filled", lang, a=len(s.returned),
                                     b=len(s.returned) + len(s.missing) + len(s.drafts), c=s.overall.filled,
                                     d=s.overall.total))
            if s.drafts:
                lines.append(report_text("drafts_filled", lang, n=len(s.drafts), d=", ".join(s.drafts)))
            if s.missing:
                lines.append(report_text("missing", lang, n=len(s.missing), d=", ".join(s.missing)))
        lines.append(report_text("filled_note", lang, inputs=self.inputs_text()))
        return lines

    def no_change_text(self) -> str:
        """Why there is no change to show: no previous round, or scales that cannot be compared."""
        return report_text("no_previous" if self.s.previous_round is None else "not_comparable", self.lang)

    def move_headers(self) -> list[str]:
        """The columns of the table of actions whose grade moved."""
        return ["ID", report_text("focus_area", self.lang), text("col.department", self.lang),
                report_text("action", self.lang), report_text("before", self.lang), report_text("now", self.lang),
                report_text("direction", self.lang)]

    def item_headers(self) -> list[str]:
        """The first columns of the list of actions (the grade's label, previous grade and comment follow)."""
        return ["ID", report_text("goal", self.lang), report_text("action", self.lang),
                text("col.department", self.lang), self.input_title("grade")]

    def reference_headers(self) -> list[str]:
        """The strategy's indicator and target level, side by side after the action (#16), when it has them."""
        return [TITLES[self.lang][k] for k in self.s.listed]

    def reference_cells(self, item) -> list[str]:
        return [getattr(item, k) or "" for k in self.s.listed]

    def change_cells(self, g: Group) -> list[str]:
        """Improved, same, worse of a group when the rounds compare; else no cells."""
        if not self.s.comparable or g.change is None:
            return []
        return [str(g.change.improved), str(g.change.same), str(g.change.worse)]

    def tail_cells(self, g: Group, no_average: str) -> list[str]:
        """A group's average (numeric scales), done share and change, as text."""
        cells = []
        if self.s.scale.numeric:
            cells.append(self.average_text(g.average, no_average))
        return cells + [self.share_text(g.done_share), *self.change_cells(g)]

    def share_text(self, share: float) -> str:
        """A share as every format writes it (``SHARE_DECIMALS``): '24 %' (fi, sv), '24%' (en)."""
        return fmt_percent(share, self.lang, SHARE_DECIMALS)

    def average_text(self, average: float | None, none: str = "–") -> str:
        return fmt_number(average, self.lang, AVERAGE_DECIMALS) if average is not None else none

    def count_headers(self, first: str) -> list[str]:
        """Group, actions, one column per scale step, no grade: counts only."""
        return [first, text("col.actions", self.lang), *(st.value for st in self.s.scale.steps),
                report_text("no_grade", self.lang)]

    def measure_headers(self, first: str) -> list[str]:
        """Group, average (numeric scales), done share, and improved / same / worse when the rounds compare."""
        lang, s = self.lang, self.s
        cols = [first] + ([report_text("average", lang)] if s.scale.numeric else [])
        cols.append(report_text("done", lang, v=s.scale.top.value))
        if s.comparable:
            cols += [report_text("improved", lang), report_text("same", lang), report_text("worse", lang)]
        return cols

    def scale_text(self) -> str:
        return ", ".join(step.display for step in self.s.scale.steps)

    # column headers of the summary table
    def summary_headers(self, first: str) -> list[str]:
        lang, s = self.lang, self.s
        cols = [first, text("col.actions", lang), *(st.value for st in s.scale.steps), report_text("no_grade", lang)]
        if s.scale.numeric:
            cols.append(report_text("average", lang))
        cols.append(report_text("done", lang, v=s.scale.top.value))
        if s.comparable:
            cols += [report_text("improved", lang), report_text("same", lang), report_text("worse", lang)]
        return cols

    def share_headers(self, first: str) -> list[str]:
        return [first] + [st.value for st in self.s.scale.steps] + [report_text("no_grade", self.lang)]

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
        previous = previous_state(ledger, rnd)
        statuses = ledger.goal_statuses(rnd.id)
    lang = config.language
    summary = summarise(rnd, view.strategy, view.state, previous, overall_name=report_text("all", lang),
                        goal_statuses=statuses)
    template = project.root / DOCX_TEMPLATE_NAME
    return Report(summary, lang, config.organisation, today or dt.date.today(),
                  template if template.is_file() else None)



def count_rows(report: Report, groups: list[Group], first: str) -> list[list[str]]:
    """Counts per scale step (one value per cell), the total row last: header row first."""
    rows = [report.count_headers(first)]
    for g in groups + [report.s.overall]:
        rows.append([g.name, str(g.total), *(str(g.counts[v]) for v in report.s.scale.values), str(g.empty)])
    return rows


def share_rows(report: Report, groups: list[Group], first: str) -> list[list[str]]:
    """Shares per scale step of all the group's actions (they and no grade add up to 100 %), total row last."""
    rows = [report.share_headers(first)]
    for g in groups + [report.s.overall]:
        rows.append([g.name, *(report.share_text(x) for x in report.shares(g))])
    return rows


def measure_rows(report: Report, groups: list[Group], first: str) -> list[list[str]]:
    """Average, done share and change per group, total row last."""
    rows = [report.measure_headers(first)]
    for g in groups + [report.s.overall]:
        rows.append([g.name, *report.tail_cells(g, "–")])
    return rows


def move_rows(report: Report) -> list[list[str]]:
    lang = report.lang
    rows = [report.move_headers()]
    for m in report.s.moves:
        rows.append([m.action_id, m.focus_area, m.department, m.text, m.before, m.after,
                     report_text("up" if m.direction == IMPROVED else "down", lang)])
    return rows


def item_rows(report: Report, items) -> list[list[str]]:
    """The list of actions: ID, goal, action, (indicator: a round without a grade), department, grade,
    previous grade, comment, then one column per further input (their texts per action)."""
    lang, s = report.lang, report.s
    if not s.graded:
        return filled_item_rows(report, items)
    heads = report.item_headers()
    heads[3:3] = report.reference_headers()
    if s.comparable:
        heads.append(report_text("before", lang))
    if report.asks_comment:
        heads.append(report.input_title("comment"))
    heads += [spec.title for spec in report.extras]
    rows = [heads]
    for it in items:
        cells = [it.action_id, it.goal, it.text, *report.reference_cells(it), it.department,
                 report.grade_text(it.grade)]
        if s.comparable:
            cells.append(it.previous or "")
        if report.asks_comment:
            cells.append(it.comment or "")
        rows.append(cells + report.extra_cells(it))
    return rows


def filled_item_rows(report: Report, items) -> list[list[str]]:
    """A round without a grade: per action its indicator (and target level) and what was written (Kemi: the
    Toteuma text)."""
    lang = report.lang
    heads = ["ID", report_text("goal", lang), report_text("action", lang), *report.reference_headers()]
    heads.append(text("col.department", lang))
    if report.asks_comment:
        heads.append(next(spec.title for spec in report.inputs if spec.key == COMMENT))
    heads += [spec.title for spec in report.extras]
    rows = [heads]
    for it in items:
        cells = [it.action_id, it.goal, it.text, *report.reference_cells(it)]
        cells.append(it.department)
        if report.asks_comment:
            cells.append(it.comment or "")
        rows.append(cells + report.extra_cells(it))
    return rows


def filled_rows(report: Report, groups: list[Group], first: str) -> list[list[str]]:
    """Per group: actions, filled in, missing, the filled share; the total row last (a round without a grade)."""
    lang = report.lang
    rows = [[first, text("col.actions", lang), report_text("filled", lang), report_text("not_filled", lang),
             report_text("filled_share", lang)]]
    for g in groups + [report.s.overall]:
        share = g.filled / g.total if g.total else 0.0
        rows.append([g.name, str(g.total), str(g.filled), str(g.total - g.filled), report.share_text(share)])
    return rows


def change_line(report: Report) -> str | None:
    s, lang = report.s, report.lang
    if s.overall.change is None:
        return None
    ch = s.overall.change
    return f"{report_text('previous', lang)} {s.previous_round.id}: " + report_text(
        "moves_line", lang, i=ch.improved, s=ch.same, w=ch.worse, c=ch.compared, n=ch.not_compared)




def goal_rows(report: Report) -> list[list[str]]:
    """Each focus area and goal: level, ID, name, actions, graded, the median of its actions' grades and,
    when the round has them, the status the source table gave it (header row first)."""
    lang, s = report.lang, report.s
    with_source = any(g.imported for g in s.goals)
    heads = [report_text("level", lang), "ID", report_text("goal", lang), text("col.actions", lang),
             report_text("graded", lang), report_text("median", lang)]
    rows = [heads + ([report_text("source_status", lang)] if with_source else [])]
    for g in s.goals:
        level = report_text("focus_area" if g.level == FOCUS_AREA else "goal", lang)
        cells = [level, g.node_id, g.name, str(g.total), str(g.graded), report.grade_text(g.median) or "–"]
        if with_source:
            src = g.imported
            cells.append("" if src is None else (report.grade_text(src.grade) if src.grade else src.raw or ""))
        rows.append(cells)
    return rows


def goal_notes(report: Report) -> list[str]:
    notes = [report_text("goals_note", report.lang)]
    if any(g.imported for g in report.s.goals):
        notes.append(report_text("goals_source_note", report.lang))
    return notes
