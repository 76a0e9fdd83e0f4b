"""The docx report for a portrait budget book (#14): portrait A4, at most eight columns and one value per
cell, named styles, the document's language, header rows marked, alt text on every chart, one rounding
rule; built on the municipality's own template (raportti-pohja.docx) when the project holds one."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt, RGBColor

from seuranta_xl.outputs.report import build_report, save_report
from seuranta_xl.outputs.report.model import DOCX_TEMPLATE_NAME
from seuranta_xl.strategy.importer import init_project

PAST = "2023-syys"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def keuruu(tmp_path_factory, fixtures_dir) -> Path:
    root = tmp_path_factory.mktemp("docx") / "keuruu"
    init_project(root, fixtures_dir / "keuruu.xlsx", results_round=PAST, name="Keuruun kaupunki")
    return root


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def _write(root: Path, out: Path, lang: str | None = None) -> Path:
    report = build_report(root, PAST)
    if lang:
        report.lang = lang
    return save_report(report, root, "docx", out)


def test_portrait_a4_named_styles_language_and_accessibility(keuruu, tmp_path):
    path = _write(keuruu, tmp_path / "r.docx")
    doc = Document(str(path))
    for section in doc.sections:
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert abs(section.page_width - Cm(21.0)) < Cm(0.1) and abs(section.page_height - Cm(29.7)) < Cm(0.1)
    body = _part(path, "word/document.xml")
    styles = _part(path, "word/styles.xml")
    # every table: the named table style, its header row marked as a header, a caption; no hard fonts
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", body, re.S)
    assert tables and all('<w:tblStyle w:val="Seuranta-taulukko"/>' in t for t in tables)
    assert all(re.search(r"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>", t) for t in tables)
    assert all("<w:tblCaption w:val=" in t for t in tables)
    assert "<w:rFonts" not in "".join(tables) and "<w:sz " not in "".join(tables)
    assert 'w:styleId="Seuranta-taulukko"' in styles and 'w:styleId="Seuranta-taulukonteksti"' in styles
    # the language, for spelling and hyphenation
    assert re.search(r'<w:rPrDefault><w:rPr>.*<w:lang w:val="fi-FI"', styles, re.S)
    assert doc.core_properties.language == "fi-FI" and doc.core_properties.title.startswith("Keuruun kaupunki")
    # every picture has alt text that points to the table with the same figures
    pictures = re.findall(r"<wp:docPr [^>]*>", body)
    assert len(pictures) == 2
    assert all('descr="Arvioiden osuudet' in p and "taulukossa" in p for p in pictures)


def test_one_value_per_cell_and_one_rounding_rule(keuruu, tmp_path):
    path = _write(keuruu, tmp_path / "r.docx")
    doc = Document(str(path))
    for table in doc.tables:
        assert len(table.columns) <= 8
    counts, shares, measures = doc.tables[:3]
    for row in counts.rows[1:]:
        assert all(re.fullmatch(r"\d+", c.text) for c in row.cells[1:])
    for row in shares.rows[1:]:
        assert all(re.fullmatch(r"\d+\u00a0%", c.text) for c in row.cells[1:])      # whole percent
    averages = [row.cells[1].text for row in measures.rows[1:]]
    assert all(re.fullmatch(r"\d,\d", a) for a in averages)                     # one decimal
    md = save_report(build_report(keuruu, PAST), keuruu, "md", tmp_path / "r.md").read_text("utf-8")
    for row in shares.rows[1:]:          # the md says the same numbers
        assert "| " + " | ".join(c.text for c in row.cells) + " |" in md


@pytest.mark.parametrize("lang,tag,word", [("sv", "sv-SE", "Fokusområde"), ("en", "en-GB", "Focus area")])
def test_swedish_and_english_documents_declare_their_language(keuruu, tmp_path, lang, tag, word):
    path = _write(keuruu, tmp_path / f"r-{lang}.docx", lang)
    assert f'<w:lang w:val="{tag}"' in _part(path, "word/styles.xml")
    assert Document(str(path)).tables[0].rows[0].cells[0].text == word


def _logo_png() -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    fig = Figure(figsize=(1.2, 0.4), dpi=100)
    fig.text(0.05, 0.3, "KEMI", fontsize=14, color="#00539B")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def make_template(path: Path) -> Path:
    """A municipality's Word template: its own page set-up, header with a logo, footer, a heading colour,
    and its own definition of the report's table and cell styles."""
    from docx.enum.style import WD_STYLE_TYPE

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(_logo_png()), width=Cm(2.5))
    header.add_run("  Kemin kaupunki · Talousarvio 2025")
    section.footer.paragraphs[0].text = "Kemin kaupunki, Valtakatu 26, 94100 Kemi"
    doc.styles["Heading 1"].font.color.rgb = RGBColor(0x00, 0x80, 0x40)
    table_style = doc.styles.add_style("Seuranta-taulukko", WD_STYLE_TYPE.TABLE)
    table_style.base_style = doc.styles["Table Grid"]
    text_style = doc.styles.add_style("Seuranta-taulukon teksti", WD_STYLE_TYPE.PARAGRAPH)
    text_style.font.size = Pt(9)
    text_style.font.name = "Liberation Serif"
    doc.add_paragraph("POISTETTAVA MALLITEKSTI")
    doc.save(str(path))
    return path


def test_built_on_the_municipalitys_template(keuruu, tmp_path):
    import shutil
    root = tmp_path / "kemi"
    shutil.copytree(keuruu, root)
    make_template(root / DOCX_TEMPLATE_NAME)
    path = _write(root, tmp_path / "r.docx")
    doc = Document(str(path))
    section = doc.sections[0]
    assert abs(section.left_margin - Cm(2.5)) < Cm(0.01)                      # the template's page set-up
    assert "Kemin kaupunki · Talousarvio 2025" in section.header.paragraphs[0].text
    assert section.header.part.related_parts, "the logo in the header is kept"
    assert "Valtakatu 26" in section.footer.paragraphs[0].text
    assert "POISTETTAVA MALLITEKSTI" not in "\n".join(p.text for p in doc.paragraphs)
    styles = _part(path, "word/styles.xml")
    assert styles.count("<w:name w:val=\"Seuranta-taulukko\"/>") == 1         # the template's, not a second one
    assert "Liberation Serif" in styles and 'w:val="008040"' in styles
    text_id = doc.styles["Seuranta-taulukon teksti"].style_id
    assert f'<w:pStyle w:val="{text_id}"/>' in _part(path, "word/document.xml")
    assert doc.tables[0].style.name == "Seuranta-taulukko"
