"""The report in LibreOffice: the xlsx and the docx convert to PDF; page 1 of each is rendered to
tests/output/report/ for a person to look at."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests import libreoffice as lo
from seuranta_xl.demo import run_demo

pytestmark = pytest.mark.libreoffice   # LibreOffice headless as the second client

OUT = Path(__file__).resolve().parent / "output" / "report"



@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("lo") / "demo", echo=lambda _line: None)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_report_converts_to_pdf_and_renders(demo, fmt):
    (OUT / fmt / f"{demo.reports[fmt].stem}.pdf").unlink(missing_ok=True)   # convert() reports new files only
    pdf = lo.to_pdf(demo.reports[fmt], OUT / fmt)
    assert lo.pdf_pages(pdf) >= 3
    png = lo.pdf_page_png(pdf, OUT / f"{fmt}_page1", page=1, dpi=80)
    assert png.stat().st_size > 20_000   # tables and a chart, not a blank page
