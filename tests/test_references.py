"""Reference columns from the strategy (#16) and a status per goal, on real workbooks made from the seeds.

Kemi (seed 001), Tuusula (002) and the 2024 table (004) are imported from the real .xlsx fixtures,
workbooks generated, read back with openpyxl, filled, changed and synced; one return is filled and
saved in LibreOffice. The old-style workbook in tests/data/workbooks was written by the code before #16.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from seuranta_xl.core import identity as idn
from seuranta_xl.outputs.export import EXPORT_KEYS, export_rows, to_csv
from seuranta_xl.outputs.report import build_report
from seuranta_xl.outputs.report.md import markdown
from seuranta_xl.returns.sync import sync_folder
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import load_round
from seuranta_xl.store.rounds import new_round
from seuranta_xl.strategy.importer import init_project
from seuranta_xl.workbook.generate import generate_round
from tests.test_workbook import identity_from_sheet, unlocked_cells

DATA = Path(__file__).resolve().parent / "data" / "workbooks"
PRE16 = DATA / "pre16_2023-syksy_hyvinvointi.xlsx"
PRE16_PROJECT = {"project_id": "1e" * 16, "secret": "6b" * 32}   # the project PRE16 was generated in
GREY = "EDEDED"     # layout.toml reference_bg


def _project(tmp_path: Path, table: Path, round_id: str = "2023-syksy", results_round: str | None = None,
             ids: dict | None = None) -> Project:
    root = tmp_path / table.stem
    init_project(root, table, results_round=results_round)
    project = Project(root)
    if ids:
        project.save_config(project.load_config().model_copy(update=ids))
    new_round(root, round_id, title="Syksy 2023")
    return project


def _meta(wb) -> dict:
    return {r[0].value: r[1].value for r in wb[idn.META_SHEET].iter_rows(max_row=19) if r[0].value}


def _rows(wb) -> tuple[dict, dict, object, dict[str, int]]:
    """(meta, columns, data sheet, action id -> row)."""
    meta = _meta(wb)
    cols = json.loads(meta["columns"])
    ws = wb[meta["data_sheet"]]
    first = int(meta["first_data_row"])
    rows = {ws[f"{cols['id']}{r}"].value: r for r in range(first, ws.max_row + 1) if ws[f"{cols['id']}{r}"].value}
    return meta, cols, ws, rows


def _strategy(project: Project):
    with project.ledger() as ledger:
        return ledger.strategy()[1]


@pytest.mark.parametrize("table,keys,spot", [
    ("kemi.xlsx", ("indicator", "sdg", "responsible", "schedule"),
     {"1.1.1": {"sdg": "3, 6", "responsible": "Varhaiskasvatuspäällikkö", "schedule": "2022",
                "indicator": "Vähintään puolet päiväkodeista auditoitu vuoden 2022 aikana."},
      "1.3.1": {"sdg": "9, 11", "responsible": "Hyvinvointijohtaja", "schedule": ""}}),
    ("taulukko2024.xlsx", ("target",),
     {"1.1.1": {"target": "Suunnitelma esitetty lautakunnalle"},
      "2.1.1": {"target": "Mittari: opetussuunnitelma tehty, kyllä/ei."}}),
    # Tuusula's Vastuuhenkilö is the department of every action: no responsible column of its own
    ("tuusula.xlsx", (), {}),
])
def test_reference_columns_are_grey_locked_and_signed(tmp_path, fixtures_dir, table, keys, spot):
    project = _project(tmp_path, fixtures_dir / table)
    strategy = _strategy(project)
    assert idn.reference_keys(strategy) == keys
    for path, _n in generate_round(project.root).files:
        wb = openpyxl.load_workbook(path)
        meta, cols, ws, rows = _rows(wb)
        assert json.loads(meta["references"]) == list(keys)
        assert [k for k in idn.STRATEGY_REFERENCE_KEYS if k in cols] == list(keys)
        header = int(meta["header_row"])
        unlocked = unlocked_cells(ws)
        ready = json.loads(meta["ready"])       # the ready block (#13): mark and approver (merged over two cells)
        block = {ready["mark"], ready["approver"], f"{cols['comment']}{ready['approver'][1:]}"}
        assert unlocked == {f"{cols[k]}{r}" for k in idn.INPUT_KEYS for r in rows.values()} | block
        by_id = {r.id: r.action for r in strategy.rows()}
        for key in keys:
            assert ws[f"{cols[key]}{header}"].value == idn.TITLES["fi"][key]
            for aid, r in rows.items():
                cell = ws[f"{cols[key]}{r}"]
                assert (cell.value or "") == idn.reference_text(by_id[aid], key)
                assert cell.protection.locked and cell.coordinate not in unlocked
                assert cell.fill.fgColor.rgb.endswith(GREY)
        for aid, want in spot.items():
            if aid in rows:
                assert {k: ws[f"{cols[k]}{rows[aid]}"].value or "" for k in want} == want
        ident, signature = identity_from_sheet(wb)
        assert ident.references == keys and ident.verify(signature, project.load_config().secret)
        said = [r[1].value for r in wb.worksheets[1].iter_rows(max_col=2) if r[1].value]   # Ohjeet
        grey = [x for x in said if x.startswith("Harmaat sarakkeet") and "strategiasta" in x]
        assert grey == ([f"Harmaat sarakkeet {', '.join(idn.TITLES['fi'][k] for k in keys)} ovat strategiasta: "
                         "niihin toimenpidettä verrataan. Ne on lukittu."] if keys else [])


def _fill(src: Path, dst: Path, edit=None) -> Path:
    """Every grade cell 3 (only unlocked cells), then ``edit(ws, cols, rows)``."""
    wb = openpyxl.load_workbook(src)
    _meta_, cols, ws, rows = _rows(wb)
    for r in rows.values():
        assert not ws[f"{cols['grade']}{r}"].protection.locked
        ws[f"{cols['grade']}{r}"] = 3
    if edit:
        edit(ws, cols, rows)
    wb.save(dst)
    return dst


def test_a_changed_reference_cell_is_structure_changed_at_that_cell(tmp_path, fixtures_dir):
    project = _project(tmp_path, fixtures_dir / "kemi.xlsx")
    path = generate_round(project.root).files[0][0]
    returns = tmp_path / "palautukset"
    returns.mkdir()
    where = {}

    def tamper(ws, cols, rows):
        where["sdg"] = f"{cols['sdg']}{rows['1.2.1']}"
        where["schedule"] = f"{cols['schedule']}{rows['1.1.1']}"
        ws[where["sdg"]] = "7, 8, 13"
        ws[where["schedule"]] = "2030"
    _fill(path, returns / path.name, tamper)
    result = sync_folder(project.root, returns)
    changed = sorted((f.cell, f.action_id, f.params["column"]) for f in result.findings
                     if f.code == "structure-changed")
    assert changed == sorted([(where["sdg"], "1.2.1", "SDG-tavoitteet"), (where["schedule"], "1.1.1", "Aikataulu")])
    graded = {aid for aid, v in result.view.state.values.items() if v.grade}
    assert "1.2.1" not in graded and "1.1.1" not in graded and "1.4.1" in graded   # only the changed rows held back


def test_a_signed_reference_column_taken_out_of_the_columns_map_is_found(tmp_path, fixtures_dir):
    project = _project(tmp_path, fixtures_dir / "kemi.xlsx")
    path = generate_round(project.root).files[0][0]
    returns = tmp_path / "palautukset"
    returns.mkdir()
    dst = _fill(path, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(dst)
    meta_ws = wb[idn.META_SHEET]
    row = next(r for r in meta_ws.iter_rows(max_row=19) if r[0].value == "columns")
    cols = json.loads(row[1].value)
    del cols["sdg"]
    row[1].value = json.dumps(cols)
    wb.save(returns / path.name)
    result = sync_folder(project.root, returns)
    assert [f.params["expected"] for f in result.findings if f.code == "column-missing"] == ["SDG-tavoitteet"]


@pytest.fixture()
def pre16_project(tmp_path, fixtures_dir):
    project = _project(tmp_path, fixtures_dir / "kemi.xlsx", ids=PRE16_PROJECT)
    returns = tmp_path / "palautukset"
    returns.mkdir()
    return project, returns


def test_a_workbook_made_before_reference_columns_still_verifies(pre16_project):
    project, returns = pre16_project
    meta, cols, _ws, _rows_ = _rows(openpyxl.load_workbook(PRE16))
    assert "references" not in meta and "indicator" in cols and "sdg" not in cols     # the old writer's
    _fill(PRE16, returns / PRE16.name)
    result = sync_folder(project.root, returns)
    assert result.new_returns == 1 and result.rejected == 0
    assert [f.code for f in result.findings if f.severity.value == "error"] == []
    assert sum(1 for v in result.view.state.values.values() if v.grade == "3") == 12
    # its indicator cells are still checked, located at the cell
    def tamper(ws, cols, rows):
        ws[f"{cols['indicator']}{rows['1.5.1']}"] = "Jotain muuta"
    shutil.rmtree(returns)
    returns.mkdir()
    _fill(PRE16, returns / "muutettu.xlsx", tamper)
    result = sync_folder(project.root, returns)
    changed = [f for f in result.findings if f.code == "structure-changed"]
    assert [(f.action_id, f.cell[:1]) for f in changed] == [("1.5.1", cols["indicator"])]


def test_a_workbook_made_before_reference_columns_is_not_outdated(pre16_project):
    """Its fingerprint (indicator only) is one the strategy's workbooks may carry: send and update accept it."""
    project, _returns = pre16_project
    strategy = _strategy(project)
    meta = _meta(openpyxl.load_workbook(PRE16))
    assert meta["fingerprint"] != idn.department_fingerprints(strategy)["hyvinvointi"]
    assert meta["fingerprint"] in idn.known_fingerprints(strategy)["hyvinvointi"]


def test_export_and_master_carry_the_reference_values(tmp_path, fixtures_dir):
    project = _project(tmp_path, fixtures_dir / "kemi.xlsx")
    with project.ledger() as ledger:
        view = load_round(ledger, ledger.round("2023-syksy"))
    rows = list(csv.reader(io.StringIO(to_csv(export_rows(view)).lstrip("\ufeff")), delimiter=";"))
    assert tuple(rows[0]) == (*EXPORT_KEYS, "indicator", "sdg", "responsible", "schedule")
    first = dict(zip(rows[0], rows[1], strict=True))
    assert (first["action_id"], first["sdg"], first["responsible"], first["schedule"]) == \
        ("1.1.1", "3, 6", "Varhaiskasvatuspäällikkö", "2022")
    from seuranta_xl.outputs.master import build_master
    wb = openpyxl.load_workbook(io.BytesIO(build_master([view], "fi", tmp_path)))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[5:9] == ["Mittari", "SDG-tavoitteet", "Vastuuhenkilö", "Aikataulu"]
    assert [c.value for c in ws[2]][6:9] == ["3, 6", "Varhaiskasvatuspäällikkö", "2022"]


def test_the_report_lists_the_target_level_beside_the_indicator(tmp_path, fixtures_dir):
    project = _project(tmp_path, fixtures_dir / "taulukko2024.xlsx", results_round="2024")
    md = markdown(build_report(project.root, "2024"))
    assert "| ID | Tavoite | Toimenpide | Mittarin tavoitetaso | Vastuutaho |" in md
    assert "| Suunnitelma esitetty lautakunnalle |" in md


# ------------------------------------------------------------------------------- a status per goal
def test_tuusula_goal_status_roll_up_and_the_imported_kokonais_tilanne(tmp_path, fixtures_dir):
    project = _project(tmp_path, fixtures_dir / "tuusula.xlsx", results_round="2021-kesa")
    with project.ledger() as ledger:
        statuses = ledger.goal_statuses("2021-kesa")
    # by hand from seed 002: the parent rows (an annual goal with actions, a council-term goal with goals)
    assert len(statuses) == 21
    assert (statuses[("goal", "31.02")].grade, statuses[("goal", "31.02")].cell) == ("4", "F69")
    assert statuses[("focus_area", "06")].grade == "3" and statuses[("goal", "06.01")].grade == "2"
    assert ("goal", "01.01") not in statuses        # a goal without actions is graded as its own action
    report = build_report(project.root, "2021-kesa")
    goals = {(g.level, g.node_id): g for g in report.s.goals}
    # the lower median of the actions' grades: 31.02.01 = 3, 31.02.02 = 4 -> 3 (the source says 4)
    assert (goals[("goal", "31.02")].median, goals[("goal", "31.02")].imported.grade) == ("3", "4")
    assert goals[("goal", "31.01")].median == "4"            # 4, 5, 4
    assert goals[("goal", "14.07")].median == "3"            # 4, 3
    assert (goals[("goal", "32.03")].total, goals[("goal", "32.03")].median) == (5, "3")
    agree = sum(1 for g in goals.values() if g.imported and g.imported.grade == g.median)
    assert agree == 17                                        # of the 21 (docs/report.md)
    md = markdown(report)
    section = md.split("## Tavoitteiden tilanne")[1].split("## Toimenpiteet")[0]
    fa_rows = [line.split(" | ")[1] for line in section.splitlines() if line.startswith("| Painopiste | ")]
    assert fa_rows == [fa.id for fa in _strategy(project).focus_areas]
    row = next(line for line in md.splitlines() if line.startswith("| Tavoite | 31.02 |"))
    assert row.endswith("| 2 | 2 | 3 Toteutus on aloitettu, ei vielä valmis | "
                        "4 Toteutusvaiheessa lähellä valmistumista, ei vielä viimeistelty/käyttöön otettu |")


def test_a_round_without_imported_statuses_shows_the_roll_up_only(tmp_path, fixtures_dir):
    project = _project(tmp_path, fixtures_dir / "tuusula.xlsx", results_round="2021-kesa")
    md = markdown(build_report(project.root, "2023-syksy"))      # the new round: nothing returned yet
    assert "Lähteen tilanne" not in md
    row = next(line for line in md.splitlines() if line.startswith("| Tavoite | 31.02 |"))
    assert row.endswith("| 2 | 0 | – |")


# ------------------------------------------------------------------------------- LibreOffice
@pytest.mark.libreoffice
def test_a_libreoffice_save_gives_no_false_structure_change(tmp_path, fixtures_dir):
    from tests import lo_driver

    project = _project(tmp_path, fixtures_dir / "kemi.xlsx")
    path = generate_round(project.root).files[0][0]
    meta, cols, _ws, rows = _rows(openpyxl.load_workbook(path))
    returns = tmp_path / "palautukset"
    returns.mkdir()
    cells = {f"{cols['grade']}{r}": 4 for r in rows.values()} | {f"{cols['comment']}{r}": f"Toteuma {aid}"
                                                                   for aid, r in rows.items()}
    results = lo_driver.fill([{"src": str(path), "dst": str(returns / path.name), "sheet": meta["data_sheet"],
                               "cells": cells}])
    assert all(r.get("ok") for r in results), results
    result = sync_folder(project.root, returns)
    assert result.new_returns == 1 and result.rejected == 0
    assert [f.code for f in result.findings if f.severity.value == "error"] == []
    assert {aid: (v.grade, v.comment) for aid, v in result.view.state.values.items()} == \
        {aid: ("4", f"Toteuma {aid}") for aid in rows}


def test_goal_statuses_are_append_only(tmp_path, fixtures_dir):
    import sqlite3
    project = _project(tmp_path, fixtures_dir / "tuusula.xlsx", results_round="2021-kesa")
    with project.ledger() as ledger:
        assert ledger.conn.execute("SELECT COUNT(*) FROM goal_statuses").fetchone()[0] == 21
        for sql in ("UPDATE goal_statuses SET grade = '5'", "DELETE FROM goal_statuses"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                ledger.conn.execute(sql)


def test_a_changed_reference_text_is_said_in_the_strategy_diff(tmp_path, fixtures_dir):
    from seuranta_xl.core.strategydiff import diff_strategies
    from seuranta_xl.present.strategydiff import diff_lines
    project = _project(tmp_path, fixtures_dir / "kemi.xlsx")
    old = _strategy(project)
    new = old.model_copy(deep=True)
    new.focus_areas[0].goals[1].actions[0].sdg = [7, 13]
    diff = diff_strategies(old, new)
    assert [(w.id, w.field, w.old, w.new) for w in diff.reworded] == [("1.2.1", "sdg", "7, 8", "7, 13")]
    assert diff.touched == ["hyvinvointi"]
    assert any("1.2.1 (hyvinvointi) SDG-tavoitteet: ”7, 8” → ”7, 13”" in line
               for line in diff_lines(diff, 1, 2, {}, "fi"))


def test_the_master_has_the_goal_roll_up_and_the_source_status(tmp_path, fixtures_dir):
    from seuranta_xl.outputs.master import all_views, write_master
    project = _project(tmp_path, fixtures_dir / "tuusula.xlsx", results_round="2021-kesa")
    with project.ledger() as ledger:
        path = write_master(project.root, ledger, "fi", views=all_views(ledger))
    ws = openpyxl.load_workbook(path)["Tavoitteet"]
    header = [c.value for c in ws[1]]
    assert header == ["Taso", "ID", "Tavoite", "Toimenpiteitä", "2021-kesa mediaani", "2021-kesa lähteen tilanne",
                      "2023-syksy mediaani"]
    row = next([c.value for c in r] for r in ws.iter_rows(min_row=2) if r[1].value == "31.02")
    assert row[0] == "Tavoite" and row[3] == 2 and row[4].startswith("3 ") and row[5].startswith("4 ")
    assert row[6] is None                                     # nothing returned in the new round yet


def test_init_says_how_many_goal_statuses_it_imported(tmp_path, fixtures_dir):
    result = init_project(tmp_path / "p", fixtures_dir / "tuusula.xlsx", results_round="2021-kesa")
    assert result.summary()["goal_statuses"] == 21
    assert "Tavoitteiden oma tilanne tuotu: 21 (Tavoitteet-välilehti raportissa ja koontityökirjassa)" \
        in result.summary_lines()
    keuruu = init_project(tmp_path / "k", fixtures_dir / "keuruu.xlsx", results_round="2023-syys")
    assert keuruu.summary()["goal_statuses"] == 0 and not any("Tavoitteiden" in x for x in keuruu.summary_lines())


def test_a_strategy_update_of_a_reference_text_is_said_as_such(tmp_path, fixtures_dir):
    """A workbook made before the schedule of 1.1.1 changed: outdated-workbook says what changed."""
    project = _project(tmp_path, fixtures_dir / "kemi.xlsx")
    path = generate_round(project.root).files[0][0]
    returns = project.root / "palautukset" / "2023-syksy"
    _fill(path, returns / path.name)
    table = openpyxl.load_workbook(fixtures_dir / "kemi.xlsx")
    cell = next(c for row in table.active.iter_rows() for c in row if c.value == "Varhaiskasvatuspäällikkö 2022")
    cell.value = "Varhaiskasvatuspäällikkö 2023"
    edited = tmp_path / "kemi_muutettu.xlsx"
    table.save(edited)
    update = init_project(project.root, edited, force=True).update
    assert [(w.id, w.field, w.old, w.new) for w in update.diff.reworded] == [("1.1.1", "schedule", "2022", "2023")]
    assert update.outdated == {"2023-syksy": ["hyvinvointi"]}
    result = sync_folder(project.root, returns)
    (outdated,) = [f for f in result.findings if f.code == "outdated-workbook"]
    assert outdated.action_id == "1.1.1"
    assert outdated.params["change_fi"] == "toimenpiteen 1.1.1 tieto ”Aikataulu” on muuttunut: ”2022” → ”2023”; " \
                                           "arviota ei yhdistetty"
    graded = {aid for aid, v in result.view.state.values.items() if v.grade}
    assert len(graded) == 11 and "1.1.1" not in graded
