"""The report as docx (python-docx): the same tables as text, and the charts as PNG images drawn
with matplotlib (Agg backend, bundled DejaVu font: å ä ö render anywhere)."""
from __future__ import annotations

import io
from pathlib import Path

from seuranta_xl.core.summary import Group
from seuranta_xl.outputs.report.model import Report, report_text, change_line, item_rows, move_rows, summary_rows
from seuranta_xl.present.messages import text
from seuranta_xl.present.i18n import fmt_percent


def chart_png(report: Report, groups: list[Group], title: str) -> bytes:
    """A horizontal stacked bar chart of grade shares (matplotlib, Agg backend, bundled DejaVu font)."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    lang = report.lang
    names = [g.name for g in groups]
    labels = [st.value for st in report.s.scale.steps] + [report_text("no_grade", lang)]
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
    for key, shares_key, first, groups in (("by_fa", "shares_fa", report_text("focus_area", lang), s.by_focus_area),
                                           ("by_dept", "shares_dept", text("col.department", lang), s.by_department)):
        doc.add_heading(report_text(key, lang), level=2)
        rows = summary_rows(report, groups, first, shares_inline=True, two_lines=True)
        # each number column as wide as its header's longest word (no word broken), the name takes the rest
        rest = [max(1.45, 0.19 * max(len(w) for w in h.split()) + 0.5) for h in rows[0][1:]]
        _docx_table(doc, rows, widths=[max(3.5, 25.8 - sum(rest))] + rest, bold_last=True, numeric_from=1)
        if s.has_values:
            doc.add_picture(io.BytesIO(chart_png(report, groups, report_text(shares_key, lang))), width=Cm(15))
    doc.add_heading(report_text("changes", lang), level=2)
    line = change_line(report)
    if line is None:
        doc.add_paragraph(report.no_change_text())
    else:
        doc.add_paragraph(line)
        if s.moves:
            _docx_table(doc, move_rows(report), widths=[1.6, 3.6, 4.2, 11.6, 1.6, 1.4, 1.8])
    doc.add_heading(report_text("list", lang), level=2)
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
        for c, (cell, value) in enumerate(zip(row.cells, cells, strict=True)):
            if widths:
                cell.width = Cm(widths[c])
            para = cell.paragraphs[0]
            if numeric_from is not None and c >= numeric_from:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = para.add_run(value)
            run.font.size = Pt(8.5)
            run.bold = bold


