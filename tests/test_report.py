"""seuranta report: the numbers (against the ledger and the seed file), the four formats, bad input."""
from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tests.builders import add_return, add_round, make_project, strategy_from_rows
from tests.make_fixtures import KEURUU_TSV
from seuranta_xl.cli import main
from seuranta_xl.core.errors import UserError
from seuranta_xl.strategy.importer import init_project
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.outputs.report import build_report, write_report
from seuranta_xl.store.rounds import new_round

PAST = "2023-syys"
OVERALL = {"1": 7, "2": 29, "3": 38, "4": 35, "5": 25}


def seed_grades() -> list[tuple[str, str, str]]:
    """(focus area, department, grade) of every action row of the Keuruu seed, read independently."""
    out = []
    for line in KEURUU_TSV.read_text("utf-8").split("\n"):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) == 6 and cells[4] in {"1", "2", "3", "4", "5"}:
            out.append((cells[0], cells[3], cells[4]))
    return out


@pytest.fixture(scope="module")
def keuruu(tmp_path_factory, fixtures_dir) -> Path:
    root = tmp_path_factory.mktemp("report") / "keuruu"
    init_project(root, fixtures_dir / "keuruu.xlsx", results_round=PAST)
    return root


def test_counts_equal_ledger_and_seed(keuruu):
    s = build_report(keuruu, PAST).s
    assert s.overall.counts == OVERALL and s.overall.empty == 0 and s.overall.total == 134
    with Ledger(keuruu / "seuranta.db") as ledger:
        in_ledger = Counter(e.grade for _r, es in ledger.round_returns(PAST) for e in es if e.grade)
    assert s.overall.counts == dict(in_ledger)
    seed = seed_grades()
    assert len(seed) == 134
    for fa in s.by_focus_area:
        expected = Counter(g for f, _d, g in seed if f == fa.name)
        assert {k: v for k, v in fa.counts.items() if v} == dict(expected), fa.name
    for dept in s.by_department:
        expected = Counter(g for _f, d, g in seed if d == dept.name)
        assert {k: v for k, v in dept.counts.items() if v} == dict(expected), dept.name
    assert abs(s.overall.average - sum(int(g) for *_x, g in seed) / 134) < 1e-9
    assert abs(s.overall.done_share - 25 / 134) < 1e-9
    assert s.previous_round is None and s.overall.change is None


def test_change_from_imported_previous_round(keuruu, tmp_path):
    import shutil
    root = tmp_path / "p"
    shutil.copytree(keuruu, root)
    new_round(root, "2024-kevat")
    with Ledger(root / "seuranta.db") as ledger:
        strategy = ledger.strategy()[1]
        seed = {e.action_id: e.grade for _r, es in ledger.round_returns(PAST) for e in es}
    dept = "Hallinto- ja konsernipalvelut"
    ids = [r.id for r in strategy.rows_for(dept)]
    values = {aid: (str(min(5, int(seed[aid]) + 1)) if i % 3 else seed[aid], "Kommentti\nrivi 2") for i, aid in enumerate(ids)}
    values[ids[1]] = ("1", None) if seed[ids[1]] != "1" else ("2", None)
    add_return(_project(root), "2024-kevat", dept, values)
    s = build_report(root, "2024-kevat").s
    assert s.previous_round.id == PAST and s.comparable
    exp = Counter("improved" if int(g) > int(seed[a]) else "worse" if int(g) < int(seed[a]) else "same"
                  for a, (g, _c) in values.items())
    ch = s.overall.change
    assert (ch.improved, ch.same, ch.worse) == (exp["improved"], exp["same"], exp["worse"])
    assert ch.not_compared == 134 - len(ids)
    assert {m.action_id for m in s.moves} == {a for a, (g, _c) in values.items() if g != seed[a]}
    by_dept = {g.name: g for g in s.by_department}
    assert by_dept[dept].change.compared == len(ids) and by_dept["Kasvu ja hyvinvointi"].change.compared == 0
    assert s.missing == sorted({d for d in strategy.departments() if d != dept}, key=str.casefold)
    # the markdown says it too, and keeps a comment's line break
    path, lang = write_report(root, fmt="md")
    assert lang == "fi" and path == root / "raportit" / "2024-kevat_raportti.md"
    md = path.read_text("utf-8")
    assert f"Edellinen kierros {PAST}: {ch.improved} parani, {ch.same} ennallaan, {ch.worse} heikkeni" in md
    assert "Kommentti<br>rivi 2" in md


def _project(root: Path):
    from seuranta_xl.store.project import Project
    return Project(root)


def test_xlsx_values_formats_and_native_charts(keuruu, tmp_path):
    path, _ = write_report(keuruu, PAST, "xlsx", tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Yhteenveto", "Muutokset", "Tavoitteet", "Toimenpiteet"]
    for ws in wb.worksheets:
        assert not ws.merged_cells.ranges and not ws.protection.sheet
        for row in ws.iter_rows():
            for c in row:
                assert not (isinstance(c.value, str) and c.value.startswith("=")), c.coordinate
    ws = wb["Yhteenveto"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    assert "Painopisteittäin" in cells and "Vastuutahoittain" in cells
    shares = [c for row in ws.iter_rows() for c in row if c.number_format == "0\\ %" and isinstance(c.value, float)]
    assert shares and all(0 <= c.value <= 1 for c in shares)
    header = cells["Arvioiden osuudet painopisteittäin"].row + 1
    assert [ws.cell(header, c).value for c in range(1, 8)] == ["Painopiste", "1", "2", "3", "4", "5", "Ei arviota"]
    with zipfile.ZipFile(path) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        assert len(charts) == 2
        xml = z.read(charts[0]).decode()
    assert "<c:barChart>" in xml and 'val="stacked"' in xml
    for colour in ("F8696B", "FBAA77", "FFEB84", "B1D580", "63BE7B", "FFFFFF"):
        assert colour in xml
    assert xml.count("<a:pattFill") == 5         # steps 1-4 and "no grade" patterned, the top step solid
    listed = wb["Toimenpiteet"]
    ids = [c.value for c in listed["A"] if isinstance(c.value, str) and c.value[:1].isdigit()]
    assert len(ids) == 134


def test_docx_has_the_tables_and_charts(keuruu, tmp_path):
    from docx import Document

    path, _ = write_report(keuruu, PAST, "docx", tmp_path / "r.docx")
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0].startswith("Keuruu: Strategian seuranta")
    # per focus area and per department: counts, shares, key figures; the goals; one list table per focus area
    assert len(doc.tables) == 3 + 3 + 1 + 4
    counts, shares, measures = doc.tables[:3]
    assert [c.text for c in counts.rows[0].cells] == ["Painopiste", "Toimenpiteitä", "1", "2", "3", "4", "5",
                                                      "Ei arviota"]
    assert counts.rows[-1].cells[0].text == "Kaikki" and counts.rows[-1].cells[1].text == "134"
    assert [c.text for c in shares.rows[-1].cells] == ["Kaikki", "5\u00a0%", "22\u00a0%", "28\u00a0%", "26\u00a0%",
                                                       "19\u00a0%", "0\u00a0%"]     # 7, 29, 38, 35, 25 of 134
    assert [c.text for c in measures.rows[0].cells] == ["Painopiste", "Keskiarvo", "Valmiina (5)"]
    for table in doc.tables:                       # one value per cell, at most eight columns (portrait)
        assert len(table.columns) <= 8
        assert all("\n" not in c.text for row in table.rows[1:] for c in row.cells if c.text[:1].isdigit())
    assert len(doc.inline_shapes) == 2
    listed = sum(1 for t in doc.tables[7:] for row in t.rows[1:] if not row.cells[0].text.startswith("Tavoite"))
    assert listed == 134


def test_csv_conventions_and_neutralising(tmp_path):
    rows = [{"focus_area": "=SUMMA(A1)", "goal": "g", "action": "a1", "department": "+Kasvu", "id": "A1"},
            {"focus_area": "Muut", "goal": "g", "action": "a2", "department": "Hallinto", "id": "A2"}]
    project = make_project(tmp_path / "p", strategy_from_rows(rows))
    add_round(project, "k1")
    add_return(project, "k1", "+Kasvu", {"A1": ("4", "-5 % budjetista")})
    path, _ = write_report(project.root, fmt="csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Ryhmittely;Ryhmä;Toimenpiteitä;1;2;3;4;5;Ei arviota;1 %")
    assert "'=SUMMA(A1)" in data.decode("utf-8") and "'+Kasvu" in data.decode("utf-8")
    overall = lines[1].split(";")
    assert overall[:3] == ["Kaikki", "Kaikki", "2"] and "50\u00a0%" in overall and "4,0" in overall


def test_english_and_text_scale(tmp_path):
    rows = [{"focus_area": "F", "goal": "g", "action": f"a{i}", "department": "D", "id": f"A{i}"} for i in range(4)]
    project = make_project(tmp_path / "p", strategy_from_rows(rows), language="en", scale="kylla-kesken-ei")
    add_round(project, "r1", "kylla-kesken-ei")
    add_return(project, "r1", "D", {"A0": ("kyllä", None), "A1": ("ei", None), "A2": ("kesken", None)})
    md = write_report(project.root, fmt="md")[0].read_text("utf-8")
    assert "## By focus area" in md and "Average" not in md
    assert "| F | 4 | 1 | 1 | 1 | 1 |" in md and "| F | 25% | 25% | 25% | 25% |" in md and "| F | 25% |" in md


def test_round_without_returns_says_so(keuruu, tmp_path):
    import shutil
    root = tmp_path / "p"
    shutil.copytree(keuruu, root)
    new_round(root, "2024-kevat")
    result = CliRunner().invoke(main, ["report", "--project", str(root), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "ei ole vielä palautuksia" in result.output
    md = (root / "raportit" / "2024-kevat_raportti.md").read_text("utf-8")
    assert "Kierrokselle 2024-kevat ei ole vielä yhtään palautusta" in md
    for fmt in ("xlsx", "docx", "csv"):
        assert write_report(root, fmt=fmt)[0].stat().st_size > 0


def test_unknown_round_and_unwritable_path(keuruu, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["report", "--project", str(keuruu), "--round", "2099-ei"])
    assert result.exit_code == 2
    assert "2099-ei" in result.output and "Traceback" not in result.output
    blocker = tmp_path / "tiedosto.txt"
    blocker.write_text("x")
    result = runner.invoke(main, ["report", "--project", str(keuruu), "--out", str(blocker / "r.xlsx")])
    assert result.exit_code == 2 and "ei kansio" in result.output
    with pytest.raises(UserError):
        write_report(keuruu, PAST, "pdf")


def test_cli_default_path_and_help(keuruu):
    result = CliRunner().invoke(main, ["report", "--project", str(keuruu), "--round", PAST])
    assert result.exit_code == 0, result.output
    assert (keuruu / "raportit" / f"{PAST}_raportti.xlsx").exists()
    for cmd in ("report", "demo"):
        assert CliRunner().invoke(main, [cmd, "--help"]).exit_code == 0
        assert main.commands[cmd].help
    assert (Path(__file__).resolve().parents[1] / "docs" / "report.md").exists()
