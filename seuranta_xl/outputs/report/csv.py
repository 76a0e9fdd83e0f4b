"""The report's summary table as csv, in the export's conventions (UTF-8 BOM, ';', formula-like text
neutralised); numbers written as text in the project's language."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from seuranta_xl.outputs.export import neutralise
from seuranta_xl.outputs.report.model import Report, _t
from seuranta_xl.present.i18n import fmt_number, fmt_percent


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


