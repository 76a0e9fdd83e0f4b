"""The report as xlsx (XlsxWriter): a summary sheet (counts, averages, done share, change per focus
area and per department, shares that feed native stacked-bar charts in the scale's colours), the
actions that moved since the previous round, and the full list per focus area. Values, not formulas;
no merged cells, no protection, plain bordered tables with bold headers (they survive a paste into
Word); shares are numbers shown in whole percent and averages with one decimal, the rounding of every
format (model.SHARE_DECIMALS, AVERAGE_DECIMALS). The charts read in black and white too: a pattern per
scale step over its colour, "no grade" dotted on white. A round without a grade (Kemi) gets the filled-in
counts per group and, per focus area, each action's indicator and texts instead of grades and charts.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from seuranta_xl.core.summary import IMPROVED, Group
from seuranta_xl.outputs.report.model import (AVERAGE_DECIMALS, SHARE_DECIMALS, Report, filled_rows, goal_notes,
                                              goal_rows, item_rows, report_text)
from seuranta_xl.present.messages import text
from seuranta_xl.present.rowheight import row_height


def write_xlsx(report: Report, path: Path) -> None:
    import xlsxwriter

    lang, s = report.lang, report.s
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                         "strings_to_urls": False})
    wb.set_properties({"title": report.title, "created": dt.datetime.combine(report.made, dt.time())})
    pct = share_format(lang)
    dec = "0." + "0" * AVERAGE_DECIMALS if AVERAGE_DECIMALS else "0"
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
        "dec": wb.add_format({"border": 1, "valign": "top", "num_format": dec}),
        "dec_b": wb.add_format({"border": 1, "valign": "top", "num_format": dec, "bold": True}),
        "pct": wb.add_format({"border": 1, "valign": "top", "num_format": pct}),
        "pct_b": wb.add_format({"border": 1, "valign": "top", "num_format": pct, "bold": True}),
    }
    sheet = report_text("summary_sheet", lang)
    ws = _sheet(wb, sheet)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 14)
    ws.set_column(2, 20, 11)
    ws.write_string(0, 0, report.title, f["title"])
    row = 1
    for line in report.meta_lines():
        ws.write_string(row, 0, line)
        row += 1
    row += 1
    if not s.graded:       # a round without a grade (Kemi): what is filled in, and the texts per action
        _filled_tables(ws, row, report, f)
        _text_list_sheet(wb, report, f)
        wb.close()
        return
    breaks = []
    for key, shares_key, first, groups in (("by_fa", "shares_fa", report_text("focus_area", lang), s.by_focus_area),
                                           ("by_dept", "shares_dept", text("col.department", lang), s.by_department)):
        if key == "by_dept":
            breaks.append(row)   # the department tables and chart start a printed page of their own
        ws.write_string(row, 0, report_text(key, lang), f["h2"])
        row = _summary_table(ws, row + 1, report, first, groups, f) + 1
        ws.write_string(row, 0, report_text(shares_key, lang), f["h2"])
        top = row + 1
        row = _shares_table(ws, top, report, first, groups, f)
        if s.has_values:
            chart = _chart(wb, report, sheet, top, len(groups), report_text(shares_key, lang))
            ws.insert_chart(row + 1, 0, chart, {"x_offset": 2, "y_offset": 4})
            row += 2 + _chart_rows(len(groups))
        row += 1
    ws.set_h_pagebreaks(breaks)
    _changes_sheet(wb, report, f)
    _goals_sheet(wb, report, f)
    _list_sheet(wb, report, f)
    wb.close()


def _goals_sheet(wb, report: Report, f) -> None:
    """Each focus area and goal with the median of its actions' grades (and the source's own status)."""
    ws = _sheet(wb, report_text("goals_sheet", report.lang))
    rows = goal_rows(report)
    widths = [14, 9, 60, 12, 10, 26, 26][:len(rows[0])]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.write_string(0, 0, report_text("goals", report.lang), f["h2"])
    for i, note in enumerate(goal_notes(report), start=1):
        ws.write_string(i, 0, note, f["note"])
    top = len(goal_notes(report)) + 2
    for c, title in enumerate(rows[0]):
        ws.write_string(top, c, title, f["head_num"] if c in (3, 4) else f["head"])
    for r, (cells, g) in enumerate(zip(rows[1:], report.s.goals, strict=True), start=top + 1):
        bold = g.level == "focus_area"
        ws.set_row(r, row_height([(cells[c], widths[c]) for c in (2, *range(5, len(cells)))]))
        for c, value in enumerate(cells):
            if c in (3, 4):
                ws.write_number(r, c, int(value), f["int_b" if bold else "int"])
            else:
                ws.write_string(r, c, value, f["bold" if bold else "text"])


# A pattern per scale step from the lowest (the top step solid), "no grade" dotted: as the docx chart.
PATTERNS = ("wide_downward_diagonal", "wide_upward_diagonal", "dashed_horizontal", "dashed_vertical",
            "large_check", "dotted_grid")
NO_GRADE_PATTERN = "percent_20"


def share_format(lang: str) -> str:
    """The number format of a share: whole percent (SHARE_DECIMALS) with a space before % in Finnish and
    Swedish ('24 %'), none in English ('24%')."""
    digits = "0." + "0" * SHARE_DECIMALS if SHARE_DECIMALS else "0"
    return f"{digits}\\ %" if lang in ("fi", "sv") else f"{digits}%"


def _fill(i: int, n_steps: int, colour: str) -> dict:
    if i == n_steps:
        return {"pattern": {"pattern": NO_GRADE_PATTERN, "fg_color": "#7F7F7F", "bg_color": "#FFFFFF"}}
    if i == n_steps - 1:
        return {"fill": {"color": colour}}
    return {"pattern": {"pattern": PATTERNS[i % len(PATTERNS)], "fg_color": "#7F7F7F", "bg_color": colour}}


def _sheet(wb, name: str):
    """A sheet that prints on A4 landscape, all columns on the page width."""
    ws = wb.add_worksheet(name)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    return ws


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
    n_steps = len(report.s.scale.steps)
    for c, colour in enumerate(report.colours(), start=1):
        chart.add_series({
            "name": [sheet, head_row, c],
            "categories": [sheet, first, 0, last, 0],
            "values": [sheet, first, c, last, c],
            **_fill(c - 1, n_steps, colour),
            "border": {"color": "#404040", "width": 0.5},
            "gap": 60,
        })
    chart.set_title({"name": title, "name_font": {"size": 11, "bold": True}})
    chart.set_x_axis({"min": 0, "max": 1, "num_format": share_format(report.lang), "major_gridlines": {"visible": True,
                                                                                  "line": {"color": "#D9D9D9"}}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": _chart_height(n)})
    return chart


def _changes_sheet(wb, report: Report, f) -> None:
    lang, s = report.lang, report.s
    ws = _sheet(wb, report_text("changes_sheet", lang))
    ws.write_string(0, 0, report_text("changes", lang), f["h2"])
    widths = [9, 22, 24, 60, 9, 9, 11]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    if s.overall.change is None:
        ws.write_string(1, 0, report.no_change_text())
        return
    ch = s.overall.change
    ws.write_string(1, 0, f"{report_text('previous', lang)} {s.previous_round.id}: " + report_text(
        "moves_line", lang, i=ch.improved, s=ch.same, w=ch.worse, c=ch.compared, n=ch.not_compared))
    heads = report.move_headers()
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
        ws.write_string(r, 6, report_text("up" if m.direction == IMPROVED else "down", lang), f["text"])
    if not s.moves:
        ws.write_string(4, 0, report_text("no_moves", lang))


def _filled_tables(ws, row: int, report: Report, f) -> None:
    """Actions, filled in, missing and the filled share per focus area and per department."""
    lang, s = report.lang, report.s
    for key, caption, first, groups in (("by_fa", "filled_fa", report_text("focus_area", lang), s.by_focus_area),
                                        ("by_dept", "filled_dept", text("col.department", lang), s.by_department)):
        ws.write_string(row, 0, report_text(caption, lang), f["h2"])
        row += 1
        table = filled_rows(report, groups, first)
        for c, title in enumerate(table[0]):
            ws.write_string(row, c, title, f["head"] if c == 0 else f["head_num"])
        for i, g in enumerate(groups + [s.overall]):
            row += 1
            bold = i == len(groups)
            ws.write_string(row, 0, g.name, f["bold" if bold else "text"])
            for c, n in enumerate((g.total, g.filled, g.total - g.filled), start=1):
                ws.write_number(row, c, n, f["int_b" if bold else "int"])
            ws.write_number(row, 4, g.filled / g.total if g.total else 0.0, f["pct_b" if bold else "pct"])
        row += 2


def _text_list_sheet(wb, report: Report, f) -> None:
    """Per focus area every action with its indicator and the round's texts (Kemi: Toteuma)."""
    s = report.s
    ws = _sheet(wb, report_text("list_sheet", report.lang))
    listed = [it for _fa, items in s.items_by_focus_area() for it in items]
    heads, *rows = item_rows(report, listed)             # the header built once, not once per action
    cells_of = {it.action_id: cells for it, cells in zip(listed, rows, strict=True)}
    widths = [9, 28, 40] + [30] * len(s.listed) + [20]
    widths += [60] * (len(heads) - len(widths))

    def write_item(row: int, it) -> None:
        cells = cells_of[it.action_id]
        ws.set_row(row, row_height(list(zip(cells, widths, strict=True))))
        for c, value in enumerate(cells):
            _text(ws, row, c, value, f)
    _list_blocks(ws, report, heads, widths, f, write_item)


def _list_blocks(ws, report: Report, heads: list[str], widths: list[float], f, write_item) -> None:
    """The list sheet's frame: its title, then per focus area a title row, the header row and one row
    per action written by ``write_item(row, item)``."""
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.write_string(0, 0, report_text("list", report.lang), f["h2"])
    row = 1
    for fa, items in report.s.items_by_focus_area():
        row += 1
        ws.write_string(row, 0, fa, f["h2"])
        row += 1
        for c, title in enumerate(heads):
            ws.write_string(row, c, title, f["head"])
        for it in items:
            row += 1
            write_item(row, it)
        row += 1


def _text(ws, r: int, c: int, value: str | None, f) -> None:
    """A text cell, or a blank one with the same format."""
    if value:
        ws.write_string(r, c, value, f["text"])
    else:
        ws.write_blank(r, c, None, f["text"])


def _grade_cell(ws, r: int, c: int, report: Report, value: str | None, f) -> None:
    step = report.s.scale.step(value)
    if step is not None and step.number is not None:
        ws.write_number(r, c, step.number, f["int"])
    else:
        _text(ws, r, c, value, f)


def _list_sheet(wb, report: Report, f) -> None:
    lang, s = report.lang, report.s
    ws = _sheet(wb, report_text("list_sheet", lang))
    with_label = any(st.label != st.value for st in s.scale.steps)
    heads = report.item_headers()
    widths = [9, 30, 45, 22, 8]
    refs = report.reference_headers()          # indicator and target level, after the action
    heads[3:3] = refs
    widths[3:3] = [30] * len(refs)
    if with_label:
        heads.append(report_text("label", lang))
        widths.append(22)
    if s.comparable:
        heads.append(report_text("before", lang))
        widths.append(8)
    heads.append(report.input_title("comment"))
    widths.append(55)
    heads += [spec.title for spec in report.extras]
    widths += [45] * len(report.extras)

    def write_item(row: int, it) -> None:
        shown = report.reference_cells(it)
        further = report.extra_cells(it)
        ws.set_row(row, row_height([(it.goal, widths[1]), (it.text, widths[2]), (it.department, 22),
                                    (it.label or "", 22), (it.comment or "", 55),
                                    *((t, 30) for t in shown), *((x, 45) for x in further)]))
        for c, value in enumerate([it.action_id, it.goal, it.text, *shown, it.department]):
            ws.write_string(row, c, value, f["text"])
        c = 3 + len(shown)
        _grade_cell(ws, row, c + 1, report, it.grade, f)
        c += 2
        if with_label:
            ws.write_string(row, c, it.label or "", f["text"])
            c += 1
        if s.comparable:
            _grade_cell(ws, row, c, report, it.previous, f)
            c += 1
        for value in [it.comment or "", *further]:
            _text(ws, row, c, value, f)
            c += 1
    _list_blocks(ws, report, heads, widths, f, write_item)


