"""The report as docx, for a portrait A4 budget book (talousarvio, tilinpäätös).

- Built on the municipality's own Word template when the project holds one (``raportti-pohja.docx``:
  its styles, page set-up, header, footer and logo; its body is left out), else on python-docx's
  default made A4 portrait.
- Portrait throughout: per focus area and per department three tables of at most eight narrow columns,
  one value per cell (counts; shares; average, done share and change) and a chart image with alt text;
  the moved actions; the full list per focus area in six columns, each goal a row across the table.
  Every column is at least as wide as its header's longest word, so no header word is broken.
- Tables use one named table style (``Seuranta-taulukko``; the template's, when it defines one), the
  built-in Caption and Heading styles, header rows marked as headers; the document's language is
  fi-FI, sv-SE or en-GB so Word checks the spelling in the right language.
Tables are written as WordprocessingML text (wordml.py) and spliced into the package python-docx saved:
that keeps a 15 000-action report within seconds.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from seuranta_xl.outputs.report import wordml
from seuranta_xl.outputs.report.chart import chart_png
from seuranta_xl.outputs.report.model import (Report, change_line, count_rows, filled_rows, goal_notes, goal_rows,
                                              item_rows, measure_rows, report_text, share_rows)
from seuranta_xl.core.summary import IMPROVED
from seuranta_xl.present.i18n import DOCUMENT_LANGUAGES
from seuranta_xl.present.messages import text

TABLE_STYLE = "Seuranta-taulukko"
TEXT_STYLE = "Seuranta-taulukon teksti"
NUMBER_STYLE = "Seuranta-taulukon luku"
_MARK = "@@SEURANTA-TABLE-{}@@"
_MARK_PARAGRAPH = re.compile(rb"<w:p\b[^>]*>(?:(?!</w:p>).)*?@@SEURANTA-TABLE-(\d+)@@.*?</w:p>", re.DOTALL)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Writer:
    """One report into one python-docx Document; tables collected as XML to splice in at save."""

    def __init__(self, report: Report, template: Path | None):
        self.r = report
        self.doc = _document(template)
        _set_language(self.doc, DOCUMENT_LANGUAGES.get(report.lang, DOCUMENT_LANGUAGES["fi"]))
        self.styles = _styles(self.doc)
        self.tables: list[str] = []

    def usable_cm(self) -> float:
        sec = self.doc.sections[-1]
        return (sec.page_width - sec.left_margin - sec.right_margin) / 360000

    def table(self, rows: list, weights: list[float], caption: str, numeric_from: int | None = None,
              total_row: bool = False, shown: bool = True) -> None:
        """A caption kept with its table (``shown``; always the table's own caption for assistive
        technology), the table, and an empty paragraph after it (tables that touch merge in Word)."""
        if shown:
            self.doc.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = True
        widths = wordml.fit_widths(rows[0], weights, self.usable_cm())
        spec = wordml.TableSpec(self.styles, widths, caption, numeric_from, total_row)
        self.tables.append(wordml.table(rows, spec))
        self.doc.add_paragraph(_MARK.format(len(self.tables) - 1))
        self.doc.add_paragraph()

    def chart(self, groups, title: str, table_caption: str) -> None:
        from docx.shared import Cm

        width = min(16.0, self.usable_cm())
        self.doc.add_picture(io.BytesIO(chart_png(self.r, groups, title, width)), width=Cm(width))
        inline = self.doc.inline_shapes[-1]._inline
        inline.docPr.set("descr", report_text("chart_alt", self.r.lang, title=title, table=table_caption))
        inline.docPr.set("title", title)

    def save(self, path: Path) -> None:
        buf = io.BytesIO()
        self.doc.save(buf)
        path.write_bytes(_splice(buf.getvalue(), self.tables))


def _document(template: Path | None):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    if template is not None:
        doc = Document(str(template))
        body = doc.element.body
        for child in list(body):
            if child.tag != f"{_W}sectPr":
                body.remove(child)
        section = doc.sections[0]
        if section.page_width > section.page_height:
            section.page_width, section.page_height = section.page_height, section.page_width
        section.orientation = WD_ORIENT.PORTRAIT
        return doc
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    return doc


def _set_language(doc, tag: str) -> None:
    """The document's language for spelling and hyphenation: docDefaults and the core properties."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:bidi"), "ar-SA")
    lang.set(qn("w:eastAsia"), tag)
    doc.core_properties.language = tag


def _styles(doc) -> wordml.Styles:
    """The named styles of the tables: the template's own where it has a style of that name, else ours,
    added (based on the template's default paragraph and table styles, whatever their ids)."""
    from docx.oxml import parse_xml

    found: dict[tuple[str, str], str] = {}
    defaults: dict[str, str] = {}
    for style in doc.styles.element.iterchildren(f"{_W}style"):
        name, kind, sid = style.find(f"{_W}name"), style.get(f"{_W}type"), style.get(f"{_W}styleId")
        if name is not None:
            found[(kind, name.get(f"{_W}val"))] = sid
        if style.get(f"{_W}default") in ("1", "true"):
            defaults[kind] = sid
    ids = {}
    for kind, name, make in (
            ("table", TABLE_STYLE, lambda sid: wordml.table_style(sid, TABLE_STYLE, defaults.get("table", "TableNormal"))),
            ("paragraph", TEXT_STYLE, lambda sid: wordml.paragraph_style(sid, TEXT_STYLE, defaults.get("paragraph", "Normal"))),
            ("paragraph", NUMBER_STYLE, lambda sid: wordml.paragraph_style(sid, NUMBER_STYLE, ids["text"], right=True))):
        sid = found.get((kind, name))
        if sid is None:
            sid = name.replace(" ", "")
            doc.styles.element.append(parse_xml(make(sid)))
        ids["table" if kind == "table" else ("text" if name == TEXT_STYLE else "number")] = sid
    return wordml.Styles(ids["table"], ids["text"], ids["number"])


def _splice(package: bytes, tables: list[str]) -> bytes:
    """Put each table's XML where its marker paragraph is in word/document.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = _MARK_PARAGRAPH.sub(lambda m: tables[int(m.group(1))].encode("utf-8"), data)
            zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ------------------------------------------------------------------------------------ the content
def write_docx(report: Report, path: Path) -> None:
    w = _Writer(report, report.docx_template)
    lang, s = report.lang, report.s
    w.doc.core_properties.title = report.title
    w.doc.add_heading(report.title, level=1)
    for line in report.meta_lines():
        w.doc.add_paragraph(line)
    if not s.graded:      # a round without a grade (Kemi): filled-in counts, then the texts per action
        _filled(w)
        w.save(path)
        return
    for key, kind, first, groups in (("by_fa", "fa", report_text("focus_area", lang), s.by_focus_area),
                                     ("by_dept", "dept", text("col.department", lang), s.by_department)):
        _summary(w, report_text(key, lang), kind, first, groups)
    _changes(w)
    _goals(w)
    _full_list(w)
    w.save(path)


def _goals(w: _Writer) -> None:
    """Each focus area and goal: the median of its actions' grades (and the source's own status)."""
    r = w.r
    w.doc.add_heading(report_text("goals", r.lang), level=2)
    for note in goal_notes(r):
        w.doc.add_paragraph(note)
    rows = goal_rows(r)
    weights = [2.2, 1.3, 6.5, 1.9, 1.8, 2.6, 2.6][:len(rows[0])]
    w.table(rows, weights, report_text("goals_caption", r.lang), numeric_from=None)


def _summary(w: _Writer, heading: str, kind: str, first: str, groups) -> None:
    r = w.r
    n_steps = len(r.s.scale.steps)
    w.doc.add_heading(heading, level=2)
    counts = report_text(f"counts_{kind}", r.lang)
    w.table(count_rows(r, groups, first), [4.2, 1.9] + [1.25] * n_steps + [1.7], counts, 1, True)
    shares = report_text(f"shares_{kind}", r.lang)
    w.table(share_rows(r, groups, first), [4.2] + [1.4] * n_steps + [1.7], shares, 1, True)
    measures = measure_rows(r, groups, first)
    w.table(measures, [4.2] + [1.9] * (len(measures[0]) - 1), report_text(f"measures_{kind}", r.lang), 1, True)
    if r.s.has_values:
        w.chart(groups, shares, shares)


def _filled(w: _Writer) -> None:
    """Filled in per focus area and per department; per focus area each action's indicator and texts."""
    from docx.enum.text import WD_BREAK

    r = w.r
    lang, s = r.lang, r.s
    for key, caption, first, groups in (("by_fa", "filled_fa", report_text("focus_area", lang), s.by_focus_area),
                                        ("by_dept", "filled_dept", text("col.department", lang), s.by_department)):
        w.doc.add_heading(report_text(key, lang), level=2)
        w.table(filled_rows(r, groups, first), [5.6, 2.2, 2.2, 2.2, 2.6], report_text(caption, lang), 1, True)
    w.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    w.doc.add_heading(report_text("list", lang), level=2)
    heads = item_rows(r, [])[0]
    weights = [1.2, 4.0] + [3.0] * len(s.listed) + [2.4]
    weights += [6.0] * (len(heads) - 1 - len(weights))        # the goal is a row across (a SpanRow)
    titles = ", ".join(spec.title for spec in r.inputs)
    for fa, items in s.items_by_focus_area():
        w.doc.add_heading(fa, level=3)
        rows: list = [[c for i, c in enumerate(heads) if i != 1]]
        goal = None
        for it, cells in zip(items, item_rows(r, items)[1:], strict=True):
            if it.goal != goal:
                goal = it.goal
                rows.append(wordml.SpanRow(f"{report_text('goal', lang)}: {goal}"))
            rows.append([c for i, c in enumerate(cells) if i != 1])
        w.table(rows, weights, report_text("list_caption_inputs", lang, fa=fa, inputs=titles), shown=False)


def _changes(w: _Writer) -> None:
    r = w.r
    lang, s = r.lang, r.s
    w.doc.add_heading(report_text("changes", lang), level=2)
    line = change_line(r)
    if line is None:
        w.doc.add_paragraph(r.no_change_text())
        return
    w.doc.add_paragraph(line)
    if not s.moves:
        return
    heads = ["ID", report_text("action", lang), text("col.department", lang), report_text("before", lang),
             report_text("now", lang), report_text("direction", lang)]
    rows = [heads] + [[m.action_id, m.text, m.department, m.before, m.after,
                       report_text("up" if m.direction == IMPROVED else "down", lang)] for m in s.moves]
    w.table(rows, [1.4, 7.6, 3.6, 1.4, 1.3, 1.7], report_text("moves_caption", lang))


def _full_list(w: _Writer) -> None:
    """Per focus area: ID, action, department, grade, previous grade, comment; each goal a row across."""
    from docx.enum.text import WD_BREAK

    r = w.r
    lang, s = r.lang, r.s
    w.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    w.doc.add_heading(report_text("list", lang), level=2)
    refs = r.reference_headers()       # indicator and target level beside the action (#16)
    heads = ["ID", report_text("action", lang), *refs, text("col.department", lang), r.input_title("grade")] \
        + ([report_text("before", lang)] if s.comparable else []) + [r.input_title("comment")] \
        + [spec.title for spec in r.extras]
    weights = [1.2, 5.6 - 1.2 * len(refs), *([3.0] * len(refs)), 2.8, 1.4] + ([1.4] if s.comparable else []) \
        + [(4.9 if s.comparable else 6.3) - 0.8 * len(refs)]
    if r.extras:        # the further inputs share the comment's width
        last = weights.pop()
        weights += [last / (1 + len(r.extras))] * (1 + len(r.extras))
    no_grade = report_text("no_grade", lang)
    for fa, items in s.items_by_focus_area():
        w.doc.add_heading(fa, level=3)
        rows: list = [heads]
        goal = None
        for it in items:
            if it.goal != goal:
                goal = it.goal
                rows.append(wordml.SpanRow(f"{report_text('goal', lang)}: {goal}"))
            cells = [it.action_id, it.text, *r.reference_cells(it), it.department, it.grade or no_grade]
            if s.comparable:
                cells.append(it.previous or "–")
            rows.append(cells + [it.comment or ""] + r.extra_cells(it))
        w.table(rows, weights, report_text("list_caption", lang, fa=fa), shown=False)
