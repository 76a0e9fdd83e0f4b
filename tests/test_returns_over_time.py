"""Issue 12 on real files: a round in versions (replaced, removed, withdrawn, preferred), true messages,
check's verdict in the project's round, blame on the sender, and nothing typed ignored."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl.comments import Comment

from tests.returns_kit import ROUND, Kit, paste_identity_of, set_saved_time
from seuranta_xl.cli import main
from seuranta_xl.returns.sync import sync_folder
from seuranta_xl.store.rounds import new_round

HKP = "Hallinto"
HKP_NAME = "Hallinto- ja konsernipalvelut"


@pytest.fixture
def kit(tmp_path: Path) -> Kit:
    return Kit(tmp_path)


def run(kit: Kit, *args: str):
    res = CliRunner().invoke(main, [*args, "--project", str(kit.proj)])
    assert "Traceback" not in res.output
    return res


def sync_json(kit: Kit) -> tuple[int, dict]:
    res = run(kit, "sync", str(kit.returns), "--json")
    return res.exit_code, json.loads(res.stdout)


def export(kit: Kit) -> dict[str, dict]:
    res = run(kit, "export", "--format", "json")
    return {r["action_id"]: r for r in json.loads(res.stdout)["rows"]}


def rows_of(kit: Kit, ws, meta, cols) -> list[int]:
    return kit.data_rows(ws, meta, cols)


def set_cells(kit: Kit, values: dict[int, tuple]):
    """An edit setting (grade, comment) on the n-th data rows."""
    def edit(wb, ws, meta, cols):
        rows = rows_of(kit, ws, meta, cols)
        for n, (grade, comment) in values.items():
            ws[f"{cols['grade']}{rows[n]}"] = grade
            ws[f"{cols['comment']}{rows[n]}"] = comment
    return edit


def action_ids(kit: Kit) -> list[str]:
    wb, ws, meta, cols = kit.workbook(HKP)
    return [ws[f"{cols['id']}{r}"].value for r in rows_of(kit, ws, meta, cols)]


# ------------------------------------------------------------------------------ 1, 2: replaced, removed
def test_a_corrected_file_replacing_the_old_one_clears_its_errors(kit):
    bad = set_cells(kit, {0: (9, "a"), 1: ("x", "b"), 2: (0, "c"), 3: (7, "d")})
    path = kit.fill(HKP, edit=bad)
    set_saved_time(path, dt.datetime(2023, 9, 20, 8))
    code, doc = sync_json(kit)
    assert code == 1 and doc["summary"]["by_code"]["invalid-grade"] == 4
    fixed = kit.fill(HKP)                          # the same name: the file is replaced
    set_saved_time(fixed, dt.datetime(2023, 9, 21, 8))
    code, doc = sync_json(kit)
    assert code == 0, doc["summary"]
    assert {f["code"] for f in doc["findings"]} == {"missing-return"}
    status = json.loads(run(kit, "status", "--json").stdout)
    hkp = next(d for d in status["departments"] if d["department"] == HKP_NAME)
    assert (hkp["state"], hkp["errors"]) == ("returned", 0)
    history = json.loads(run(kit, "returns", "--json").stdout)["versions"]
    assert sorted((v["state"], v["in_force"], v["errors"]) for v in history) == \
        [("current", True, 0), ("superseded", False, 4)]


def test_a_removed_draft_stops_counting(kit):
    draft = kit.fill(HKP, name="luonnos.xlsx", edit=set_cells(kit, {0: (2, "luonnos")}))
    set_saved_time(draft, dt.datetime(2023, 9, 20, 8))
    final = kit.fill(HKP, name="valmis.xlsx", edit=set_cells(kit, {0: (None, None)}))
    set_saved_time(final, dt.datetime(2023, 9, 25, 8))
    code, doc = sync_json(kit)
    codes = [f["code"] for f in doc["findings"]]
    assert codes.count("value-cleared") == 2 and "duplicate-return" in codes
    first = action_ids(kit)[0]
    assert (export(kit)[first]["grade"], export(kit)[first]["comment"]) == (2, "luonnos")
    draft.unlink()
    code, doc = sync_json(kit)
    codes = [f["code"] for f in doc["findings"]]
    assert "value-cleared" not in codes and "duplicate-return" not in codes
    assert codes.count("missing-grade") == 1
    assert (export(kit)[first]["grade"], export(kit)[first]["comment"]) == (None, None)


# ------------------------------------------------------------------------------ 4: true messages
def test_stale_return_says_how_many_of_its_values_are_in_force(kit):
    newer = kit.fill(HKP, name="uusi.xlsx", edit=set_cells(kit, {0: (None, None), 1: (None, None)}))
    set_saved_time(newer, dt.datetime(2023, 10, 2, 12))
    sync_folder(kit.proj, kit.returns)
    older = kit.fill(HKP, name="vanha.xlsx", edit=set_cells(kit, {0: (1, "vanha"), 1: (2, None)}))
    set_saved_time(older, dt.datetime(2023, 9, 30, 8))
    res = sync_folder(kit.proj, kit.returns)
    [stale] = [f for f in res.findings if f.code == "stale-return"]
    assert stale.file == "vanha.xlsx" and stale.params["used"] == 3     # two grades and a comment
    assert "3" in stale.message("en") and "uusi.xlsx" in stale.message("en")
    [dup] = [f for f in res.findings if f.code == "duplicate-return"]
    assert dup.params["newest"] == "uusi.xlsx" and dup.params["filled"] == 3
    # Times as the coordinator reads them: Finnish local time (UTC+3 in summer), Finnish format in Finnish.
    assert "saved later: 2023-10-02 15:00 > 2023-09-30 11:00" in dup.message("en")
    assert "tallennettu myöhemmin: 2.10.2023 15.00 > 30.9.2023 11.00" in dup.message("fi")
    ids = action_ids(kit)
    values = export(kit)
    assert (values[ids[0]]["grade"], values[ids[0]]["source_file"]) == (1, "vanha.xlsx")


def test_conflicting_versions_name_both_files_and_values_and_prefer_settles_them(kit):
    a = kit.fill(HKP, name="a.xlsx", edit=set_cells(kit, {0: (5, "valmis")}))
    set_saved_time(a, dt.datetime(2023, 10, 2, 12))
    b = kit.fill(HKP, name="b.xlsx", edit=set_cells(kit, {0: (3, "kesken")}))
    set_saved_time(b, dt.datetime(2023, 10, 1, 12))
    code, doc = sync_json(kit)
    conflicts = [f for f in doc["findings"] if f["code"] == "conflicting-versions"]
    assert len(conflicts) == 2                                 # grade and comment of one action
    assert any("a.xlsx antaa ”5”, b.xlsx antaa ”3”; voimassa on a.xlsx (tallennettu myöhemmin: 2.10.2023 15.00"
               in f["message"] for f in conflicts)
    assert all(f["file"] == "a.xlsx" and f["action_id"] == action_ids(kit)[0] for f in conflicts)
    res = run(kit, "returns", "prefer", str(b))
    assert res.exit_code == 0 and "b.xlsx" in res.output
    first = action_ids(kit)[0]
    assert export(kit)[first]["grade"] == 3
    code, doc = sync_json(kit)
    assert not [f for f in doc["findings"] if f["code"] == "conflicting-versions"]
    dup = next(f for f in doc["findings"] if f["code"] == "duplicate-return")
    assert "koordinaattori valitsi" in dup["message"]
    run(kit, "returns", "prefer", str(b), "--undo")
    assert export(kit)[first]["grade"] == 5


def test_withdraw_stops_a_version_counting_and_undo_brings_it_back(kit):
    only = kit.fill(HKP)
    sync_folder(kit.proj, kit.returns)
    assert run(kit, "returns", "withdraw", only.name).exit_code == 0     # by name: the current one
    status = json.loads(run(kit, "status", "--json").stdout)
    assert next(d for d in status["departments"] if d["department"] == HKP_NAME)["state"] == "missing"
    history = json.loads(run(kit, "returns", "--json").stdout)["versions"]
    assert [v["state"] for v in history] == ["withdrawn"]
    assert run(kit, "returns", "prefer", only.name).exit_code == 2        # a withdrawn version cannot be preferred
    assert run(kit, "returns", "withdraw", only.name, "--undo").exit_code == 0
    status = json.loads(run(kit, "status", "--json").stdout)
    assert status["counts"]["graded"] == 54


# ------------------------------------------------------------------------------ 5: check = sync's verdict
def test_check_gives_the_verdict_sync_gives_in_the_projects_round(kit):
    path = kit.fill(HKP)            # a 2023-syys workbook
    new_round(kit.proj, "2024-kevat")
    res = run(kit, "check", str(path), "--json")
    assert res.exit_code == 1
    assert [f["code"] for f in json.loads(res.stdout)["findings"]] == ["wrong-round"]
    res = run(kit, "check", str(path), "--json", "--round", ROUND)
    assert res.exit_code == 0 and json.loads(res.stdout)["findings"] == []


def test_check_outside_any_project_checks_all_but_the_signature(kit, tmp_path, monkeypatch):
    def edit(wb, ws, meta, cols):
        rows = rows_of(kit, ws, meta, cols)
        ws[f"{cols['grade']}{rows[0]}"] = 7
        ws[f"{cols['comment']}{rows[1]}"] = "ä" * 2001
        ws.protection.sheet = False
        ws[f"{cols['action']}{rows[2]}"] = "muutettu teksti"
    path = kit.fill(HKP, edit=edit)
    away = tmp_path / "muualla"
    away.mkdir()
    monkeypatch.chdir(away)
    res = CliRunner().invoke(main, ["check", str(path), "--json"])
    assert res.exit_code == 1, res.output
    doc = json.loads(res.stdout)
    assert sorted(f["code"] for f in doc["findings"]) == ["comment-too-long", "invalid-grade", "protection-removed",
                                                          "structure-changed"]
    assert doc["summary"]["signature_verified"] is False
    res = CliRunner().invoke(main, ["check", str(kit.fill(HKP, name="hyva.xlsx"))])
    assert res.exit_code == 0 and "koordinaattori vastaanottaa" in res.output


# ------------------------------------------------------------------------------ 6: blame the sender
def test_a_copied_identity_is_an_error_of_the_sender_not_of_the_department_it_imitates(kit):
    kit.fill(HKP, edit=paste_identity_of(kit.source("Kasvu")))
    code, doc = sync_json(kit)
    [bad] = [f for f in doc["findings"] if f["code"] == "signature-invalid"]
    assert bad["department"] == HKP_NAME
    status = {d["department"]: d for d in json.loads(run(kit, "status", "--json").stdout)["departments"]}
    assert status[HKP_NAME]["state"] == "rejected" and status[HKP_NAME]["errors"] == 1
    assert status["Kasvu ja hyvinvointi"]["state"] == "missing" and status["Kasvu ja hyvinvointi"]["errors"] == 0


# ------------------------------------------------------------------------------ 7, 8: nothing typed is ignored
def test_words_after_a_grade_are_kept_in_the_comment(kit):
    kit.fill(HKP, edit=set_cells(kit, {0: ("3 mutta hanke on viivästynyt", None), 1: ("2 (rahoitus puuttuu)", "ok"),
                                       2: ("4=lähes valmis", None)}))
    code, doc = sync_json(kit)
    words = [f for f in doc["findings"] if f["code"] == "text-after-grade"]
    assert len(words) == 3 and code == 0
    ids = action_ids(kit)
    values = export(kit)
    assert (values[ids[0]]["grade"], values[ids[0]]["comment"]) == (3, "mutta hanke on viivästynyt")
    assert (values[ids[1]]["grade"], values[ids[1]]["comment"]) == (2, "ok\n(rahoitus puuttuu)")
    assert (values[ids[2]]["grade"], values[ids[2]]["comment"]) == (4, "lähes valmis")


def test_added_sheet_new_column_and_notes_are_reported_where_they_stand(kit):
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        rows = rows_of(kit, ws, meta, cols)
        extra = wb.create_sheet("Omat")
        extra["B2"] = "Tärkeä huomio"
        for r in rows[:3]:
            ws[f"Z{r}"] = "lisätieto"
        ws[f"{cols['comment']}{rows[5]}"].comment = Comment("Tarkennus: koskee vain kevättä", "Maija")
    kit.fill(HKP, edit=edit)
    code, doc = sync_json(kit)
    outside = [f for f in doc["findings"] if f["code"] == "content-outside-inputs"]
    where = sorted((f["sheet"], f["cell"]) for f in outside)
    wb, ws, meta, cols = kit.workbook(HKP)
    rows = rows_of(kit, ws, meta, cols)
    assert where == sorted([("Omat", "B2"), (meta["data_sheet"], f"Z{rows[0]}:Z{rows[2]}"),
                            (meta["data_sheet"], f"{cols['comment']}{rows[5]}")])
    assert any("Tarkennus: koskee vain kevättä" in f["message"] for f in outside)
    assert any("3 solua" in f["message"] for f in outside)


def test_a_duplicated_action_row_is_a_conflict_not_an_added_row(kit):
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        first = rows_of(kit, ws, meta, cols)[0]
        r = ws.max_row + 1
        for cell in ws[first]:
            ws.cell(r, cell.column, cell.value)
        ws[f"{cols['grade']}{r}"] = 1
    kit.fill(HKP, edit=edit)
    code, doc = sync_json(kit)
    codes = [f["code"] for f in doc["findings"]]
    assert "row-added" not in codes and codes.count("duplicate-row") == 1
    first = action_ids(kit)[0]
    dup = next(f for f in doc["findings"] if f["code"] == "duplicate-row")
    assert dup["action_id"] == first and ": 3 / " in dup["message"] and ": 1 / " in dup["message"]
    assert export(kit)[first]["grade"] is None     # neither value merged


def test_one_renamed_header_is_tolerated_and_a_renamed_sheet_is_a_warning(kit):
    def edit(wb, ws, meta, cols):
        ws[f"{cols['comment']}{meta['header_row']}"] = "Kommentit"
        ws.title = "Meidän arviot"
    kit.fill(HKP, edit=edit)
    code, doc = sync_json(kit)
    assert code == 0
    assert sorted(f["code"] for f in doc["findings"] if f["code"] != "missing-return") == \
        ["header-renamed", "sheet-renamed"]
    status = {d["department"]: d for d in json.loads(run(kit, "status", "--json").stdout)["departments"]}
    assert status[HKP_NAME]["state"] == "returned" and status[HKP_NAME]["graded"] == 54


# ------------------------------------------------------------------------------ 9: bounded output
def test_thousands_of_rows_pasted_below_the_data_are_one_finding(kit):
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        start = ws.max_row + 1
        for r in range(start, start + 20_000):
            ws[f"A{r}"] = f"rivi {r}"
    kit.fill(HKP, edit=edit)
    code, doc = sync_json(kit)
    [added] = [f for f in doc["findings"] if f["code"] == "row-added"]
    assert added["cell"].startswith("A") and ":A" in added["cell"] and "20000" in added["message"]
    assert len(json.dumps(doc)) < 20_000
