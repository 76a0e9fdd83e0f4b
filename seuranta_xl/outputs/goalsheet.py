"""The master's goals sheet (#16): each focus area and goal, per round the median of its actions' grades
(core/goals.py) and, where the source table gave one, the status it said the goal had (shell: XlsxWriter).
A round without a grade (the kemi inputs) has no median column."""
from __future__ import annotations

from seuranta_xl.core.goals import FOCUS_AREA, GoalStatus, roll_up
from seuranta_xl.present.inputs import asks_grade
from seuranta_xl.present.messages import text
from seuranta_xl.present.rowheight import row_height
from seuranta_xl.store.roundview import RoundView


def _cell(scale, value: str | None, raw: str | None = None) -> str | None:
    step = scale.step(value)
    return step.display if step else (value or raw)


def goals_sheet(wb, views: list[RoundView], statuses: dict[str, dict[tuple[str, str], GoalStatus]], lang: str,
                head, wrap, bold) -> None:
    """One row per focus area (bold) and goal of the latest round's strategy; per round its median, and
    the source's status for a round that has them."""
    ws = wb.add_worksheet(text("report.goals_sheet", lang))
    strategy = views[-1].strategy if views else None
    titles = [text("report.level", lang), "ID", text("report.goal", lang), text("col.actions", lang)]
    widths = [12.0, 9.0, 50.0, 12.0]
    per_round = []
    for v in views:
        got = statuses.get(v.round.id) or {}
        if not asks_grade(v.round) and not got:     # a round without a grade (Kemi) has no median to show
            continue
        grades = {aid: value.grade for aid, value in v.state.values.items()}
        per_round.append((v, {(g.level, g.node_id): g for g in roll_up(v.strategy, v.round.scale, grades, got)},
                          bool(got)))
        titles.append(f"{v.round.id} {text('report.median', lang).lower()}")
        widths.append(26.0)
        if got:
            titles.append(f"{v.round.id} {text('report.source_status', lang).lower()}")
            widths.append(26.0)
    widths = [max(w, max(len(word) for word in t.split()) * 1.15 + 1.5) for t, w in zip(titles, widths, strict=True)]
    for c, (title, w) in enumerate(zip(titles, widths, strict=True)):
        ws.write_string(0, c, title, head)
        ws.set_column(c, c, w, wrap)
    ws.set_row(0, row_height(list(zip(titles, widths, strict=True)), font_size=11))
    rows = roll_up(strategy, views[-1].round.scale, {}) if strategy else []
    for r, g in enumerate(rows, start=1):
        fmt = bold if g.level == FOCUS_AREA else wrap
        cells: list[str | None] = [text("report.focus_area" if g.level == FOCUS_AREA else "report.goal", lang),
                                   g.node_id, g.name, str(g.total)]
        for v, by_node, with_source in per_round:
            mine = by_node.get((g.level, g.node_id))
            cells.append(_cell(v.round.scale, mine.median) if mine else None)
            if with_source:
                src = mine.imported if mine else None
                cells.append(_cell(v.round.scale, src.grade, src.raw) if src else None)
        for c, value in enumerate(cells):
            if c == 3:
                ws.write_number(r, c, g.total, fmt)      # a count stays a number (sums, filters)
            elif value:
                ws.write_string(r, c, value, fmt)
        ws.set_row(r, row_height([(value or "", widths[c]) for c, value in enumerate(cells) if c >= 2],
                                 font_size=11))
    ws.freeze_panes(1, 3)
    ws.autofilter(0, 0, max(len(rows), 1), len(titles) - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
