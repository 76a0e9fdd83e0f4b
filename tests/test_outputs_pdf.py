"""Every output of the demo round printed by LibreOffice (#14): each department workbook, the master's four
sheets, the xlsx and the docx report converted to PDF, with structural checks on the PDF — the page
orientation of every page (pdfinfo), the page count, every header word whole in `pdftotext -layout`, and
no row of text cut off. The pages are rendered to tests/output/pdf/ for a person to look at."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from seuranta_xl.demo import run_demo
from tests import libreoffice as lo

pytestmark = pytest.mark.libreoffice

OUT = Path(__file__).resolve().parent / "output" / "pdf"
A4_PORTRAIT, A4_LANDSCAPE = (595, 842), (842, 595)
# The demo round printed (LibreOffice 7.4, DejaVu fonts): pages per file. A change here is a change of
# the printed layout: look at the pages (tests/output/pdf/) before updating the number.
PAGES = {"2024-kevat_Elinvoima ja asuinympäristö.xlsx": 4, "2024-kevat_Hallinto- ja konsernipalvelut.xlsx": 5,
         "2024-kevat_Kasvu ja hyvinvointi.xlsx": 5, "master.xlsx": 28, "2024-kevat_raportti.xlsx": 18,
         "2024-kevat_raportti.docx": 17}    # the goals (#16): two pages in each; the master one more for "(luonnos)" (#13)
# master.xlsx 18 -> 28 (2026-12-02): the long Table's texts wrap instead of printing over the rows below


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("pdf") / "demo", echo=lambda _line: None)


@pytest.fixture(scope="module")
def pdfs(demo):
    shutil.rmtree(OUT, ignore_errors=True)
    files = [*demo.workbooks, demo.master, demo.reports["xlsx"], demo.reports["docx"]]
    made = {}
    for path in files:
        pdf = lo.to_pdf(path, OUT / path.name.replace(" ", "_").replace(".", "_"))
        for page in range(1, lo.pdf_pages(pdf) + 1):
            lo.pdf_page_png(pdf, pdf.parent / f"page{page:02d}", page=page, dpi=60)
        made[path.name] = pdf
    return made


def page_sizes(pdf: Path) -> list[tuple[int, int]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return [(round(float(w)), round(float(h))) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def page_text(pdf: Path, page: int | None = None, layout: bool = True) -> str:
    args = ["pdftotext"] + (["-layout"] if layout else []) + (["-f", str(page), "-l", str(page)] if page else [])
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def words(text: str) -> Counter:
    """The text's words, counted (a line may break at a hyphen, so the parts count alone)."""
    return Counter(re.findall(r"\w+", text))


def assert_whole(words_of_headers: set[str], text: str, where: str) -> None:
    """Every header word appears whole (a word broken over two lines would not)."""
    found = set(re.findall(r"[\w\-()]+", text))
    for word in words_of_headers:
        assert word.strip("()") in {f.strip("()") for f in found}, f"{where}: header word {word!r} is broken or missing"


def header_words(titles) -> set[str]:
    return {w for t in titles if t for w in str(t).split()}


def test_every_page_has_the_right_orientation_and_count(pdfs):
    for name, pdf in pdfs.items():
        sizes = page_sizes(pdf)
        assert len(sizes) == PAGES[name], f"{name}: {len(sizes)} pages (look at {pdf.parent})"
        want = A4_PORTRAIT if name.endswith(".docx") else A4_LANDSCAPE
        assert all(s == want for s in sizes), (name, sorted(set(sizes)))


def test_department_workbooks_print_every_header_word_and_every_text(demo, pdfs):
    for path in demo.workbooks:
        pdf = pdfs[path.name]
        wb = openpyxl.load_workbook(path)
        ws = wb.worksheets[0]
        header = [c.value for c in ws[6]]
        assert "Vastuutaho" not in header
        first = page_text(pdf, 1)
        assert_whole(header_words(header), first, path.name)
        printed = words(page_text(pdf, layout=True))
        for row in ws.iter_rows(min_row=7, max_col=4, values_only=True):
            for value in row:
                missing = words(str(value or "")) - printed
                assert not missing, f"{path.name}: {value!r} is cut ({missing})"
        instructions = page_text(pdf, PAGES[path.name])
        assert "Merkitys" in instructions and "Toteutus käynnissä" in instructions


def _master_pages(pdf: Path) -> dict[str, list[int]]:
    """The master's pages by sheet, told by the first header of each sheet."""
    pages: dict[str, list[int]] = {}
    starts = {"ID": "Toimenpiteet", "Kierros      ID": "Kaikki arviot", "Kierros      Vastuutaho   Tila": "Palautukset",
              "Kierros      Vakavuus": "Havainnot", "Kierros      Vastuutaho   Tiedosto": "Versiot", "Taso": "Tavoitteet"}
    for page in range(1, PAGES["master.xlsx"] + 1):
        top = page_text(pdf, page).lstrip().splitlines()[0]
        squeezed = re.sub(r"\s+", " ", top)
        sheet = next(s for k, s in sorted(starts.items(), key=lambda kv: -len(kv[0]))
                     if squeezed.startswith(re.sub(r"\s+", " ", k)))
        pages.setdefault(sheet, []).append(page)
    return pages


def test_each_master_sheet_prints_its_headers_whole_and_every_finding(demo, pdfs):
    pdf = pdfs["master.xlsx"]
    wb = openpyxl.load_workbook(demo.master)
    pages = _master_pages(pdf)
    assert list(pages) == wb.sheetnames
    for ws in wb.worksheets:
        visible = [c.value for c in ws[1] if not ws.column_dimensions[c.column_letter].hidden]
        assert_whole(header_words(visible), page_text(pdf, pages[ws.title][0]), ws.title)
    findings = "".join(page_text(pdf, p, layout=True) for p in pages["Havainnot"])
    printed = words(findings)
    for row in wb["Havainnot"].iter_rows(min_row=2, values_only=True):
        for value in row:
            missing = words(str(value or "")) - printed
            assert not missing, f"Havainnot: {value!r} is cut ({missing})"
    times = page_text(pdf, pages["Palautukset"][0])
    assert re.search(r"\b\d{1,2}\.\d{1,2}\.20\d\d \d{1,2}\.\d\d\b", times), "times in the Finnish format"


def test_the_xlsx_report_prints_its_headers_whole(demo, pdfs):
    pdf = pdfs["2024-kevat_raportti.xlsx"]
    wb = openpyxl.load_workbook(demo.reports["xlsx"])
    text = page_text(pdf)
    for ws in wb.worksheets:
        heads = [c.value for row in ws.iter_rows() for c in row if c.font and c.font.b and isinstance(c.value, str)]
        assert_whole(header_words(h for h in heads if len(h) < 40), text, ws.title)


def test_the_docx_report_prints_every_table_header_word_whole(demo, pdfs):
    pdf = pdfs["2024-kevat_raportti.docx"]
    doc = Document(str(demo.reports["docx"]))
    text = page_text(pdf)
    for table in doc.tables:
        assert_whole(header_words(c.text for c in table.rows[0].cells), text, "docx")
    printed = words(page_text(pdf, layout=True))
    for table in doc.tables:
        for row in table.rows[1:]:
            for cell in row.cells:
                missing = words(cell.text) - printed
                assert not missing, f"docx: {cell.text!r} is cut ({missing})"
