"""The strategy import on the real fixture tables built from the seeds (tests/make_fixtures.py)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.make_fixtures import KEURUU_TSV, SEED, seed_lines
from seuranta_xl.strategy import layouts
from seuranta_xl.strategy.tables import read_grid
from seuranta_xl.core.textmatch import similar_names, similar_texts


def parse(path: Path, layout: str | None = None, **kw):
    grid = read_grid(path)
    layout = layout or layouts.detect(grid)
    parsed = layouts.parse(grid, layout, default_department=kw.pop("default_department", "Kunta"))
    return layout, parsed, layouts.assemble(parsed, **kw)


def by_code(findings, code):
    return [f for f in findings if f.code == code]


def seed_row(path: Path, needle: str) -> int:
    """1-based line number (= fixture row) of the first seed line containing ``needle``."""
    return next(i for i, cells in enumerate(seed_lines(path), start=1) if needle in "\t".join(cells))


# ----------------------------------------------------------------------------------------- detection
@pytest.mark.parametrize("name, expected", [("keuruu.xlsx", "keuruu"), ("keuruu.csv", "keuruu"),
                                            ("tuusula.xlsx", "tuusula"), ("kemi.xlsx", "kemi"),
                                            ("kemi_strategia.xlsx", "kemi"), ("taulukko2024.xlsx", "taulukko-2024")])
def test_layout_is_detected_from_the_headers(fixtures_dir, name, expected):
    assert layouts.detect(read_grid(fixtures_dir / name)) == expected


# ----------------------------------------------------------------------------------------- Keuruu
def test_keuruu_actions_focus_areas_departments(fixtures_dir):
    _, parsed, asm = parse(fixtures_dir / "keuruu.xlsx")
    s = asm.strategy
    assert len(s.actions()) == 134
    assert [fa.name for fa in s.focus_areas] == ["Lempeästi läsnä", "Rohkeasti kokeileva", "Vastuullisesti toimiva",
                                                 "Yhdessä tekevä"]
    assert s.departments() == ["Elinvoima ja asuin ympäristö", "Elinvoima ja asuinympäristö",
                               "Hallinto- ja konsernipalvelut", "Kasvu ja hyvinvointi"]
    assert Counter(layouts.cell_text(r.grade) for r in parsed.records) == {"1": 7, "2": 29, "3": 38, "4": 35, "5": 25}


def test_keuruu_header_rows_are_never_actions(fixtures_dir):
    _, parsed, asm = parse(fixtures_dir / "keuruu.xlsx")
    lines = seed_lines(KEURUU_TSV)
    data_rows = {i for i, c in enumerate(lines, start=1) if len(c) == 6 and c[4].strip().isdigit()}
    assert {a.source_row for a in asm.strategy.actions()} == data_rows
    texts = {a.text for a in asm.strategy.actions()} | {a.department for a in asm.strategy.actions()}
    assert not texts & {"Toimenpide", "Toimiala", "VASTUUTAHO", "TOIMENPITEET", "syys", "Painopiste"}
    # the last block's two-row header (row 193: just "syys / osavuosikatsaus III") is skipped too
    assert seed_row(KEURUU_TSV, "\t\t\t\tsyys\tosavuosikatsaus III") not in data_rows
    assert max(data_rows) > 193


def test_keuruu_inconsistencies_are_reported_with_rows(fixtures_dir):
    _, _, asm = parse(fixtures_dir / "keuruu.xlsx")
    (name,) = by_code(asm.findings, "inconsistent-name")
    assert name.params["name"] == "Elinvoima ja asuin ympäristö"
    assert name.params["other"] == "Elinvoima ja asuinympäristö"
    variant_rows = [i for i, c in enumerate(seed_lines(KEURUU_TSV), start=1)
                    if len(c) == 6 and c[3] == "Elinvoima ja asuin ympäristö"]
    assert len(variant_rows) == 3 and variant_rows[0] == 93
    assert name.cell == "D93" and name.row == 93 and name.params["rows"] == variant_rows
    assert name.params["other_row"] == 7 and name.file == "keuruu.xlsx" and name.sheet == "Seuranta 2023"

    near = {(f.cell, f.params["other_row"]): f.params["text"] for f in by_code(asm.findings, "near-duplicate-text")}
    assert set(near) == {("B17", 8), ("B9", 8), ("B94", 95), ("B146", 150)}
    assert "suunnitellaan" in near[("B17", 8)]
    assert near[("B9", 8)].endswith("vastuullisesti ja")
    assert "tervein kunnat talouden" in near[("B146", 150)]
    assert "joustavasti ja luomme" in near[("B94", 95)]
    assert not by_code(asm.findings, "duplicate-action") and not by_code(asm.findings, "empty-cell")


def test_near_duplicate_goals_stay_separate(fixtures_dir):
    _, _, asm = parse(fixtures_dir / "keuruu.xlsx")
    goals = [g.text for fa in asm.strategy.focus_areas for g in fa.goals]
    assert sum(1 for g in goals if g.startswith("Hyödynnämme palveluissa digitalisaatiota")) == 3


def test_aliases_resolve_the_name_variant(fixtures_dir):
    alias = {"Elinvoima ja asuin ympäristö": "Elinvoima ja asuinympäristö"}
    _, _, asm = parse(fixtures_dir / "keuruu.xlsx", aliases=alias)
    assert len(asm.strategy.departments()) == 3
    assert not by_code(asm.findings, "inconsistent-name")
    assert [a.department for a in asm.strategy.actions() if a.source_row == 93] == ["Elinvoima ja asuinympäristö"]


def test_keuruu_csv_gives_the_same_strategy(fixtures_dir):
    _, _, xlsx = parse(fixtures_dir / "keuruu.xlsx")
    _, _, csv = parse(fixtures_dir / "keuruu.csv")
    assert [(r.id, r.action.text, r.action.department) for r in csv.strategy.rows()] == \
        [(r.id, r.action.text, r.action.department) for r in xlsx.strategy.rows()]


def test_keuruu_ids_are_hierarchical_numbers(fixtures_dir):
    _, _, asm = parse(fixtures_dir / "keuruu.xlsx")
    first = asm.strategy.focus_areas[0]
    assert first.id == "1" and first.goals[1].id == "1.2"
    assert [a.id for a in first.goals[1].actions] == ["1.2.1", "1.2.2"] or first.goals[1].actions[0].id == "1.2.1"
    assert len(set(asm.strategy.action_ids())) == 134


# ----------------------------------------------------------------------------------------- Tuusula
def test_tuusula_codes_and_hierarchy(fixtures_dir):
    _, parsed, asm = parse(fixtures_dir / "tuusula.xlsx")
    s = asm.strategy
    fa = next(f for f in s.focus_areas if f.id == "01")
    goal = next(g for g in fa.goals if g.id == "01.03")
    assert [a.id for a in goal.actions] == ["01.03.01", "01.03.02"]
    assert goal.actions[0].text == "Varmistamme tuusulalaisten toimivat lähipalvelut"
    assert fa.name.startswith("Uudistamme kuntaa, palveluita ja organisaatiota")
    # annual goals without actions are graded themselves: the goal is the action, id = its code
    lone = next(g for g in fa.goals if g.id == "01.01")
    assert [a.id for a in lone.actions] == ["01.01"]
    assert len(s.actions()) == 43
    assert {a.department for a in s.actions()} == {"Kansliapäällikkö"}


def test_tuusula_quirks_are_placed_by_code_and_reported(fixtures_dir):
    _, parsed, asm = parse(fixtures_dir / "tuusula.xlsx")
    rows = {r.id: r for r in asm.strategy.rows()}
    assert rows["14.07.02"].goal.startswith("Laadimme kestävä kehityksen raportin")
    assert rows["29.14"].focus_area.startswith("Uudistamme ja tehostamme kunnan palveluverkkoa")
    assert rows["30.01"].focus_area.startswith("Olemme edelläkävijä osallisuuden")
    mism = {(f.params["code"], f.cell) for f in by_code(asm.findings, "hierarchy-mismatch")}
    assert mism == {("14.07.02", "B43"), ("14.07.03", "B44")}
    # "30. …" and "29.14 …" share row 55: 29.14 goes under 29 by its code, and that is said.
    [mixed] = by_code(asm.findings, "mixed-levels-in-row")
    assert (mixed.params["code"], mixed.params["row_code"], mixed.params["parent"], mixed.cell) == \
        ("29.14", "30", "29", "B55")
    rec = next(r for r in parsed.records if r.code == "29.14")
    assert rec.comment.startswith("Vanhan hallintorakennuksen purku viivästyy")


# ----------------------------------------------------------------------------------------- Kemi
def test_kemi_realisation_blocks(fixtures_dir):
    _, parsed, asm = parse(fixtures_dir / "kemi.xlsx")
    s = asm.strategy
    # by hand from seed 001: 6 rows under ELINVOIMAINEN KAUPUNKI, 5 under HYVINVOIVAT KUNTALAISET,
    # 1 (many paragraphs) under SUJUVA ARKI
    assert [sum(len(g.actions) for g in fa.goals) for fa in s.focus_areas] == [6, 5, 1]
    assert [fa.name for fa in s.focus_areas] == ["ELINVOIMAINEN KAUPUNKI", "HYVINVOIVAT KUNTALAISET", "SUJUVA ARKI"]
    assert s.departments() == ["hyvinvointi"]
    first = s.actions()[0]
    assert first.text == "Ympäristösertifiointi laajenee päiväkodeille"
    assert (first.responsible, first.schedule) == ("Varhaiskasvatuspäällikkö", "2022")
    assert first.indicator == "Vähintään puolet päiväkodeista auditoitu vuoden 2022 aikana."
    assert first.sdg == [3, 6]
    assert all(a.responsible and a.indicator for a in s.actions())
    wide = s.focus_areas[1].goals[0].actions[0]
    assert wide.sdg == [1, 2, 3, 4, 5, 8, 10, 11, 16, 17]
    many = s.focus_areas[2].goals[0].actions[0]
    assert many.text.count("\n\n") == 8 and many.text.startswith("Päiväkoti- ja kouluverkkosuunnittelu")
    (multi,) = by_code(asm.findings, "multiple-items-in-cell")
    assert multi.params["count"] == 9 and multi.row == seed_row(SEED["kemi"], "<p>Päiväkoti- ja kouluverkko")
    # the Toteuma column is free text, kept as the past round's Toteuma input (the kemi preset), never a grade
    assert parsed.records[0].values == {"toteuma": "Päiväkodeista kaksi auditoitu, jäljellä kuusi, auditoinnit jatkuvat 2023"}
    assert all(r.comment is None for r in parsed.records)
    assert all(r.grade is None for r in parsed.records)


def test_kemi_city_strategy_row_wise_blocks(fixtures_dir):
    _, parsed, asm = parse(fixtures_dir / "kemi_strategia.xlsx")
    s = asm.strategy
    # by hand from seed 003: row-wise blocks hold 6+6+5+2+5+5+5+3+5+5+6 = 53 rows, of which two
    # (lines 324 and 432) have no action text: 51 actions
    assert len(s.actions()) == 51
    assert s.departments() == ["elinvoima", "hyvinvointi", "keskusvirasto", "perusturva", "ympäristö"]
    empty = {(f.cell, f.params["column"]) for f in by_code(asm.findings, "empty-cell")}
    assert {("B324", "Toimenpiteet"), ("B432", "Toimenpiteet"), ("C435", "Vastuu ja aikataulu")} == empty
    blocks = by_code(asm.findings, "unreadable-block")   # the column-by-column blocks are reported, not guessed
    assert [f.row for f in blocks] == [255, 330, 448, 496, 563, 643]
    co2 = next(a for a in s.actions() if a.text.startswith("CO2"))
    assert (co2.department, co2.responsible, co2.schedule) == ("ympäristö", "Ympäristöpäällikkö", "jatkuva")
    # the heading's trailing "KV 31.1.22 § 3" is not part of the sector
    assert "ympäristö KV" not in " ".join(s.departments())
    merged = next(a for a in s.actions() if a.text.startswith("Henkilökohtaista palvelua"))
    row = next(r for r in s.rows() if r.action is merged)
    assert row.goal.startswith("Liikkuminen on esteetöntä")   # vertically merged goal cell


# ----------------------------------------------------------------------------------------- 2024
def test_taulukko_2024(fixtures_dir):
    _, parsed, asm = parse(fixtures_dir / "taulukko2024.xlsx", default_department="Sivistystoimi")
    s = asm.strategy
    # by hand from seed 004: 10 actions (rows 6-15), the colour legend below is not one
    assert len(s.actions()) == 10
    rows = list(s.rows())
    assert rows[1].focus_area == rows[0].focus_area == "Laadukkaat sivistys ja hyvinvointipalvelut"
    assert rows[1].goal == rows[0].goal                      # merged "same as above"
    assert rows[8].goal == rows[7].goal == rows[6].goal == "1. eVakan käyttöönotto"   # plain blanks
    assert rows[9].focus_area == "Älykkäät palvelut" and rows[9].goal.startswith("2. Sähköinen arkisto")
    assert {a.department for a in s.actions()} == {"Sivistystoimi"}
    assert [f.code for f in asm.findings].count("department-missing") == 1
    # "Mittarin tavoitetaso" is the target level (shown as such in the workbook), not a second indicator
    assert rows[0].action.target == "Suunnitelma esitetty lautakunnalle" and rows[0].action.indicator is None
    assert Counter(layouts.cell_text(r.grade) for r in parsed.records) == {"kyllä": 8, "kesken": 2}
    (near,) = by_code(asm.findings, "near-duplicate-text")
    assert near.params["text"] == "Laadukkaat sivistys- ja hyvinvointipalvelut" and near.params["other_row"] == 6


def test_mapping_describes_a_flat_table(fixtures_dir):
    grid = read_grid(fixtures_dir / "taulukko2024.xlsx")
    mapping = layouts.Mapping(columns={"focus_area": "Strategiakärjet", "goal": "Toiminnallinen tavoite",
                                       "action": "Teko", "target": "Mittarin tavoitetaso",
                                       "grade": "Toteutuma (toteutumisaste)", "comment": "Kommentointi"},
                              fill_down=["focus_area", "goal"], default_department="Sivistys")
    parsed = layouts.parse(grid, "mapping", mapping)
    assert len(parsed.records) == 10 and {r.department for r in parsed.records} == {"Sivistys"}
    bad = layouts.Mapping(columns={"action": "Teko", "department": "Vastuuyksikkö"})
    with pytest.raises(layouts.LayoutError, match="Vastuuyksikkö"):
        layouts.parse(grid, "mapping", bad)


# ----------------------------------------------------------------------------------------- text matching
def test_textmatch_rules():
    assert similar_names("Elinvoima ja asuin ympäristö", "Elinvoima ja asuinympäristö")
    assert not similar_names("Kasvu ja hyvinvointi", "Hallinto- ja konsernipalvelut")
    assert similar_texts("Meille on helppo tulla ja jäädä.", "Meille on helppo tulla ja jäädä")
    assert not similar_texts("Emme jätä ketään yksin.", "Luontoarvot ovat lähellä sydäntämme.")
    assert not similar_texts("Yhteistyön lisääminen naapurikuntien kanssa",
                             "Uusimme rakennusjärjestyksen seutunäkökulma huomioiden yhteistyössä naapurikuntien kanssa.")
