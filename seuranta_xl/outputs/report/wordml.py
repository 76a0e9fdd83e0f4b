"""WordprocessingML for the docx report's tables, written as text (pure: strings in, strings out).

python-docx builds a cell as a tree of objects; the full list of a 60 × 250 round is 15 000 rows of
seven cells and took 24-38 s that way. Here a table is one string — a named table style, a fixed
grid, the header row marked as a header (``w:tblHeader``: screen readers announce it, Word repeats it on
every page), a caption and description for assistive technology — and docx.py splices the strings into
the saved package. No hard formatting but alignment: borders, fonts, the bold header and total rows
come from the table style, so a table pasted into the municipality's document takes its look.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

TWIPS_PER_CM = 567
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CANT_SPLIT_MAX_CHARS = 1200        # a row longer than this may break across pages (it could not fit one)


def esc(text: str) -> str:
    """Text for an XML element or attribute: entities escaped, characters XML cannot hold dropped."""
    text = _INVALID_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def runs(text: str, bold: bool = False) -> str:
    """The text as a run, its lines joined by line breaks."""
    parts = text.split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{esc(p)}</w:t>' for p in parts)
    rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    return f"<w:r>{rpr}{body}</w:r>" if text else ""


def paragraph(text: str, style_id: str, bold: bool = False, keep_next: bool = False) -> str:
    keep = "<w:keepNext/>" if keep_next else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}</w:pPr>{runs(text, bold)}</w:p>'


@dataclass(frozen=True)
class Styles:
    """The ids of the named styles a table uses: the table style and the paragraph styles of its text
    and of its numbers (right-aligned)."""

    table: str
    text: str
    number: str


class SpanRow(str):
    """A row of one cell across the whole table (a goal heading inside the list), kept with the next row."""


def min_width_cm(header: str, cm_per_char: float = 0.2, padding_cm: float = 0.35) -> float:
    """The width a header needs so that its longest word fits on one line (bold, 8.5 pt, a wide font)."""
    return max(len(word) for word in header.split() or [""]) * cm_per_char + padding_cm


def fit_widths(headers: Sequence[str], weights: Sequence[float], total_cm: float) -> list[float]:
    """Column widths that fill ``total_cm`` in proportion to ``weights``, no column narrower than its
    header's longest word (the flexible columns give up the room)."""
    mins = [min_width_cm(h) for h in headers]
    widths = [max(m, total_cm * w / sum(weights)) for m, w in zip(mins, weights, strict=True)]
    excess = sum(widths) - total_cm
    flexible = [i for i, (w, m) in enumerate(zip(widths, mins, strict=True)) if w > m]
    while excess > 1e-6 and flexible:
        room = sum(widths[i] - mins[i] for i in flexible)
        cut = min(excess, room)
        for i in flexible:
            widths[i] -= cut * (widths[i] - mins[i]) / room
        excess -= cut
        flexible = [i for i in flexible if widths[i] > mins[i] + 1e-6]
    return widths


@dataclass(frozen=True)
class TableSpec:
    styles: Styles
    widths_cm: Sequence[float]
    caption: str
    numeric_from: int | None = None      # columns from this index are numbers (right-aligned)
    total_row: bool = False              # the last row is a total (the style's lastRow: bold)


def table(rows: Sequence[Sequence[str]], spec: TableSpec) -> str:
    """A table whose first row is its header row."""
    widths = [round(w * TWIPS_PER_CM) for w in spec.widths_cm]
    look = (f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="{int(spec.total_row)}" w:firstColumn="0" '
            f'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>')
    st = spec.styles
    head = (f'<w:tbl><w:tblPr><w:tblStyle w:val="{esc(st.table)}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:tblLayout w:type="fixed"/>{look}<w:tblCaption w:val="{esc(spec.caption)}"/>'
            f'<w:tblDescription w:val="{esc(spec.caption)}"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>")
    tc_pr = [f'<w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>' for w in widths]
    numeric_from = spec.numeric_from if spec.numeric_from is not None else len(widths)
    span_pr = f'<w:tcPr><w:tcW w:w="{sum(widths)}" w:type="dxa"/><w:gridSpan w:val="{len(widths)}"/></w:tcPr>'
    last = len(rows) - 1
    parts = [head]
    for r, row in enumerate(rows):
        if isinstance(row, SpanRow):
            parts.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc>{span_pr}"
                         f"{paragraph(row, st.text, bold=True, keep_next=True)}</w:tc></w:tr>")
            continue
        long_row = sum(len(c) for c in row) > CANT_SPLIT_MAX_CHARS
        tr_pr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if r == 0 else (
            "" if long_row else "<w:trPr><w:cantSplit/></w:trPr>")
        bold = spec.total_row and r == last          # also where a reader ignores the style's lastRow
        cells = "".join(f"<w:tc>{tc_pr[c]}{paragraph(value, st.number if c >= numeric_from else st.text, bold)}</w:tc>"
                        for c, value in enumerate(row))
        parts.append(f"<w:tr>{tr_pr}{cells}</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def table_style(style_id: str, name: str, based_on: str) -> str:
    """The report's table style (added when the template has none of that name): thin grey grid, a bold
    header row on light grey (reads in black and white), a bold total row, compact cells."""
    border = 'w:val="single" w:sz="4" w:space="0" w:color="808080"'
    edges = "".join(f"<w:{e} {border}/>" for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f'<w:style {_NS} w:type="table" w:customStyle="1" w:styleId="{esc(style_id)}"><w:name w:val="{esc(name)}"/>'
            f'<w:basedOn w:val="{esc(based_on)}"/><w:uiPriority w:val="59"/><w:qFormat/>'
            f'<w:tblPr><w:tblBorders>{edges}</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/>'
            f'<w:left w:w="57" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
            f'</w:tblCellMar></w:tblPr>'
            f'<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr>'
            f'<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/></w:tcPr></w:tblStylePr>'
            f'<w:tblStylePr w:type="lastRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:tcBorders>'
            f'<w:top w:val="single" w:sz="12" w:space="0" w:color="404040"/></w:tcBorders></w:tcPr></w:tblStylePr>'
            f"</w:style>")


def paragraph_style(style_id: str, name: str, based_on: str, right: bool = False, half_points: int = 17) -> str:
    """A paragraph style for the text in table cells (added when the template has none of that name):
    the cell's font size and no spacing; the numbers' style right-aligned."""
    jc = '<w:jc w:val="right"/>' if right else ""
    return (f'<w:style {_NS} w:type="paragraph" w:customStyle="1" w:styleId="{esc(style_id)}">'
            f'<w:name w:val="{esc(name)}"/><w:basedOn w:val="{esc(based_on)}"/><w:qFormat/>'
            f'<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{jc}</w:pPr>'
            f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr></w:style>')
