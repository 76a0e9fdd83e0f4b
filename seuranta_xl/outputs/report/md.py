"""The report as Markdown, for e-mail or an intranet page."""
from __future__ import annotations

from pathlib import Path

from seuranta_xl.outputs.report.model import (Report, change_line, count_rows, filled_rows, goal_notes, goal_rows,
                                              item_rows, measure_rows, move_rows, report_text, share_rows)
from seuranta_xl.present.messages import text


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
    if not s.graded:
        return "\n".join(lines + _filled(report))
    for key, shares_key, first, groups in (("by_fa", "shares_fa", report_text("focus_area", lang), s.by_focus_area),
                                           ("by_dept", "shares_dept", text("col.department", lang), s.by_department)):
        kind = "fa" if key == "by_fa" else "dept"
        lines += [f"## {report_text(key, lang)}", ""]
        for caption, rows in ((f"counts_{kind}", count_rows(report, groups, first)),
                              (shares_key, share_rows(report, groups, first)),
                              (f"measures_{kind}", measure_rows(report, groups, first))):
            lines += [f"### {report_text(caption, lang)}", ""] + _md_table(rows) + [""]
    lines += [f"## {report_text('changes', lang)}", ""]
    line = change_line(report)
    if line is None:
        lines += [report.no_change_text(), ""]
    else:
        lines += [line, ""]
        if s.moves:
            lines += _md_table(move_rows(report), numeric_from=99) + [""]
    lines += [f"## {report_text('goals', lang)}", ""]
    for note in goal_notes(report):
        lines += [note, ""]
    lines += _md_table(goal_rows(report), numeric_from=99) + [""]
    lines += [f"## {report_text('list', lang)}", ""]
    for fa, items in s.items_by_focus_area():
        lines += [f"### {fa}", ""]
        lines += _md_table(item_rows(report, items), numeric_from=99) + [""]
    return "\n".join(lines)


def _filled(report: Report) -> list[str]:
    """A round without a grade (Kemi): how much is filled in per group, then per focus area every action's
    indicator and what was written."""
    lang, s = report.lang, report.s
    lines: list[str] = []
    for key, caption, first, groups in (("by_fa", "filled_fa", report_text("focus_area", lang), s.by_focus_area),
                                        ("by_dept", "filled_dept", text("col.department", lang), s.by_department)):
        lines += [f"## {report_text(key, lang)}", "", f"### {report_text(caption, lang)}", ""]
        lines += _md_table(filled_rows(report, groups, first)) + [""]
    lines += [f"## {report_text('list', lang)}", ""]
    for fa, items in s.items_by_focus_area():
        lines += [f"### {fa}", ""] + _md_table(item_rows(report, items), numeric_from=99) + [""]
    return lines


def write_md(report: Report, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(markdown(report))
