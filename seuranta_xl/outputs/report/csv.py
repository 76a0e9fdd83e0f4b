"""The report's summary table as csv, in the export's conventions (UTF-8 BOM, ';', formula-like text
neutralised); numbers written as text in the project's language."""
from __future__ import annotations

from pathlib import Path

from seuranta_xl.outputs.report.model import Report, filled_rows, report_text
from seuranta_xl.present.messages import text
from seuranta_xl.present.csvtext import csv_text


def csv_rows(report: Report) -> list[list[str]]:
    lang, s = report.lang, report.s
    if not s.graded:      # a round without a grade: what is filled in, per group
        rows = [[report_text("grouping", lang)] + filled_rows(report, [], report_text("group", lang))[0]]
        for kind, groups in ((report_text("all", lang), []), (report_text("focus_area", lang), s.by_focus_area),
                             (text("col.department", lang), s.by_department)):
            body = filled_rows(report, groups, "")[1:]
            rows += [[kind, *cells] for cells in (body if not groups else body[:-1])]
        return rows
    heads = [report_text("grouping", lang), report_text("group", lang), text("col.actions", lang)]
    heads += [st.value for st in s.scale.steps] + [report_text("no_grade", lang)]
    heads += [f"{st.value} %" for st in s.scale.steps] + [f"{report_text('no_grade', lang)} %"]
    if s.scale.numeric:
        heads.append(report_text("average", lang))
    heads.append(report_text("done", lang, v=s.scale.top.value) + " %")
    if s.comparable:
        heads += [report_text("improved", lang), report_text("same", lang), report_text("worse", lang)]
    rows = [heads]
    for kind, groups in ((report_text("all", lang), [s.overall]), (report_text("focus_area", lang), s.by_focus_area),
                         (text("col.department", lang), s.by_department)):
        for g in groups:
            cells = [kind, g.name, str(g.total)]
            cells += [str(g.counts[v]) for v in s.scale.values] + [str(g.empty)]
            cells += [report.share_text(x) for x in report.shares(g)]
            rows.append(cells + report.tail_cells(g, ""))
    return rows


def write_csv(report: Report, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(csv_text(csv_rows(report)))
