"""Generated workbooks opened by LibreOffice headless (a second, independent client)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests import libreoffice as lo
from tests.builders import add_round, import_keuruu_results, keuruu_strategy, make_project
from seuranta_xl.workbook.generate import generate_round

pytestmark = pytest.mark.libreoffice   # LibreOffice headless as the second client


OUTPUT = Path(__file__).parent / "output"


@pytest.fixture(scope="module")
def keuruu_round(tmp_path_factory):
    root = tmp_path_factory.mktemp("lo") / "keuruu"
    project = make_project(root, keuruu_strategy())
    import_keuruu_results(project, "2023-syys")
    add_round(project, "2024-kevat", scale_name="1-5-kuvaus", title="Strategian seuranta kevät 2024",
              deadline=dt.date(2024, 5, 15))
    return project, generate_round(project.root)


def test_csv_holds_every_action_text_exactly(keuruu_round, tmp_path):
    project, result = keuruu_round
    strategy = keuruu_strategy()
    for path, n in result.files:
        sheets = lo.to_csv(path, tmp_path / path.stem)
        assert {"Seuranta", "Ohjeet"} <= set(sheets)
        rows = lo.read_csv(sheets["Seuranta"])
        header_i = next(i for i, r in enumerate(rows) if r and r[0] == "ID")
        header = rows[header_i]
        data = [r for r in rows[header_i + 1:] if r and r[0]]
        assert len(data) == n
        assert "Vastuutaho" not in header                      # the department once, in the title block
        dept = rows[1][0].removeprefix("Vastuutaho: ")
        expected = strategy.rows_for(dept)
        assert [r[0] for r in data] == [e.id for e in expected]
        for r, e in zip(data, expected, strict=True):
            assert r[header.index("Toimenpide")] == e.action.text
            assert r[header.index("Tavoite")] == e.goal
            assert r[header.index("Painopiste")] == e.focus_area
            assert r[header.index("Tila")] == "puuttuu"  # LibreOffice recalculated the status formula
        assert rows[3][0] == f"0 / {n} arvioitu"


def test_pdf_converts_and_page_one_renders(keuruu_round, tmp_path):
    project, result = keuruu_round
    for path, _ in result.files:
        pdf = lo.to_pdf(path, tmp_path / path.stem)
        assert pdf.stat().st_size > 5000 and lo.pdf_pages(pdf) >= 2  # data pages + instructions
    # a stable path to look at by eye (tests/output is gitignored)
    path = next(p for p, _ in result.files if "Kasvu" in p.name)
    out = OUTPUT / "workbook"
    shutil.rmtree(out, ignore_errors=True)
    pdf = lo.to_pdf(path, out)
    png = lo.pdf_page_png(pdf, out / "page1", dpi=110)
    assert png.exists() and png.stat().st_size > 20000


TRICKY = [
    "Monirivinen teksti:\nrivi kaksi\n\nrivi neljä",
    '=SUM(A1:A2) ei ole kaava, "lainausmerkit" ja ”suomalaiset” – ajatusviiva',
    "+358 40 123 4567 ja -5 % sekä @käyttäjä",
    "Tabulaattori\tja  kaksi välilyöntiä sekä ä ö å € ✓ ↓",
    "1.2.3",
    "x" * 1000,
]


def test_tricky_texts_survive_exactly(tmp_path):
    from tests.builders import strategy_from_rows
    rows = [{"id": f"A{i}", "focus_area": "Painopiste; puolipiste", "goal": "Tavoite, pilkku", "action": text,
             "department": "Tekninen/ympäristö"} for i, text in enumerate(TRICKY, start=1)]
    project = make_project(tmp_path / "p", strategy_from_rows(rows))
    add_round(project, "r1", scale_name="kylla-kesken-ei")
    (path, n), = generate_round(project.root).files
    sheets = lo.to_csv(path, tmp_path / "csv")
    data = lo.read_csv(sheets["Seuranta"])
    header_i = next(i for i, r in enumerate(data) if r and r[0] == "ID")
    col = data[header_i].index("Toimenpide")
    assert [r[col] for r in data[header_i + 1:header_i + 1 + n]] == TRICKY
    assert lo.pdf_pages(lo.to_pdf(path, tmp_path / "pdf")) >= 2
