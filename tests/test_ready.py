"""Ready and approved (#13): the workbook's ready block (Valmis + Hyväksyjä) read back, what a draft is
(status, --json, master, report, remind), a return marked ready with inputs missing, a bad mark, no
approver, a workbook made before the ready step (taken as ready), and the mark set through LibreOffice."""
from __future__ import annotations

import datetime as dt
import email
import json
from email import policy

import openpyxl
import pytest
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.core import identity as idn
from seuranta_xl.core.ready import parse_mark
from seuranta_xl.returns.sync import sync_folder
from tests.returns_kit import ROUND, Kit

HKP, KASVU = "Hallinto- ja konsernipalvelut", "Kasvu ja hyvinvointi"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def kit(tmp_path) -> Kit:
    return Kit(tmp_path)


def _status(kit: Kit) -> dict:
    res = run("status", "--project", str(kit.proj), "--json")
    return json.loads(res.stdout)


def _cells(kit: Kit) -> tuple[str, str]:
    """(mark cell, approver cell) as the workbook's identity records them."""
    cells = json.loads(kit.workbook("Hallinto")[2]["ready"])
    return cells["mark"], cells["approver"]


def _clear_first(kit: Kit, n: int = 1):
    def edit(wb, ws, meta, cols):
        for r in kit.data_rows(ws, meta, cols)[:n]:
            ws[f"{cols['grade']}{r}"] = None
    return edit


def test_the_mark_words_in_every_language():
    assert [parse_mark(t) for t in ("Kyllä", " kyllä ", "JA", "Yes", "TRUE")] == [True] * 5
    assert [parse_mark(t) for t in ("Ei", "nej", "No", "", "  ", None)] == [False] * 6
    assert [parse_mark(t) for t in ("valmis", "x", "kyllä!")] == [None] * 3


def test_a_draft_is_not_returned_but_its_values_are_merged(kit):
    kit.fill("Kasvu", ready=None)            # every grade given, the mark left empty
    kit.fill("Hallinto")                     # marked ready, with an approver
    result = sync_folder(kit.proj, kit.returns)
    [draft] = [f for f in result.findings if f.code == "draft-return"]
    assert draft.department == KASVU and draft.cell == _cells(kit)[0] and draft.severity.value == "warning"
    doc = _status(kit)
    states = {d["department"]: (d["state"], d["approver"]) for d in doc["departments"]}
    assert states[KASVU] == ("draft", None) and states[HKP] == ("returned", "Testi Hyväksyjä")
    assert (doc["counts"]["returned"], doc["counts"]["drafts"], doc["counts"]["missing"]) == (1, 1, 1)
    assert doc["counts"]["graded"] == 54 + 47                      # the draft's grades are merged
    text = run("status", "--project", str(kit.proj)).output
    assert "luonnos" in text and "Palautettu 1/3" in text and "Luonnoksia 1" in text
    assert "hyväksyjä: Testi Hyväksyjä" in text
    # the master: the draft in its returns sheet, its values marked as a draft's
    wb = openpyxl.load_workbook(kit.project.master_path, read_only=True)
    returns = {r[1]: r for r in wb["Palautukset"].iter_rows(min_row=2, values_only=True)}
    assert returns[KASVU][2] == "luonnos" and returns[HKP][2] == "palautettu" and returns[HKP][8] == "Testi Hyväksyjä"
    sources = {r[4]: r[-1] for r in wb["Toimenpiteet"].iter_rows(min_row=2, values_only=True)}
    assert sources[KASVU].endswith("(luonnos)") and not sources[HKP].endswith("(luonnos)")
    # the report counts the draft's grades and names it a draft
    res = run("report", "--project", str(kit.proj), "--format", "md", "--out", str(kit.root / "r.md"))
    assert res.exit_code == 0, res.output
    report = (kit.root / "r.md").read_text("utf-8")
    assert "Palauttanut 1/3 vastuutahoa, arvioitu 101/134" in report and "Luonnoksina (1; " in report
    # returns shows which version was marked ready by whom
    versions = json.loads(run("returns", "--project", str(kit.proj), "--json").stdout)["versions"]
    assert {(v["department"], v["ready"], v["approver"]) for v in versions} == {
        (KASVU, False, None), (HKP, True, "Testi Hyväksyjä")}


def test_marking_the_draft_ready_makes_it_returned(kit):
    kit.fill("Kasvu", ready="Ei", name="luonnos.xlsx", saved=dt.datetime(2023, 9, 1, 8, 0))
    sync_folder(kit.proj, kit.returns)
    assert {d["department"]: d["state"] for d in _status(kit)["departments"]}[KASVU] == "draft"
    kit.fill("Kasvu", ready="Kyllä", approver="Anna Öhman", saved=dt.datetime(2023, 9, 2, 8, 0))
    sync_folder(kit.proj, kit.returns)
    doc = _status(kit)
    assert {d["department"]: (d["state"], d["approver"]) for d in doc["departments"]}[KASVU] == ("returned", "Anna Öhman")
    assert not [f for f in doc["findings"] if f["code"] == "draft-return"]    # the older draft is history


def test_ready_with_missing_inputs_is_an_error_naming_them(kit):
    path = kit.fill("Hallinto", edit=_clear_first(kit, 2))
    res = run("check", "--project", str(kit.proj), "--json", str(path))
    assert res.exit_code == 1
    doc = json.loads(res.stdout)
    missing = [f for f in doc["findings"] if f["code"] == "missing-grade"]
    [err] = [f for f in doc["findings"] if f["code"] == "ready-incomplete"]
    assert err["severity"] == "error" and err["cell"] == _cells(kit)[0] and "2 kohtaa" in err["message"]
    for f in missing:                                   # each action id and its cell is named
        assert f"{f['action_id']} arvio {f['cell']}" in err["message"]
    sync_folder(kit.proj, kit.returns)
    state = {d["department"]: d["state"] for d in _status(kit)["departments"]}
    assert state[HKP] == "errors"                       # marked ready: returned, with an error
    res = run("remind", "--project", str(kit.proj), "--json")
    body = _body(kit, HKP)
    assert "Korjattavaa (1):" in body and "merkitty valmiiksi, mutta siitä puuttuu 2 kohtaa" in body
    assert "Puuttuu (2):" in body


def test_a_comment_the_rules_require_is_a_missing_input_too(tmp_path):
    kit = Kit(tmp_path, comments={"max_length": 2000, "required_at_or_below": "2"})

    def edit(wb, ws, meta, cols):
        r = kit.data_rows(ws, meta, cols)[0]
        ws[f"{cols['grade']}{r}"], ws[f"{cols['comment']}{r}"] = 1, None
    path = kit.fill("Hallinto", edit=edit)
    doc = json.loads(run("check", "--project", str(kit.proj), "--json", str(path)).stdout)
    [f] = [f for f in doc["findings"] if f["code"] == "missing-comment" and f["cell"].endswith(str(7))]
    [err] = [f for f in doc["findings"] if f["code"] == "ready-incomplete"]
    assert f"{f['action_id']} kommentti {f['cell']}" in err["message"]


def test_an_unknown_mark_is_located_and_read_as_a_draft(kit):
    path = kit.fill("Hallinto", ready="melkein")
    doc = json.loads(run("check", "--project", str(kit.proj), "--json", str(path)).stdout)
    [f] = doc["findings"]
    assert (f["code"], f["severity"], f["cell"], f["sheet"]) == ("invalid-ready-mark", "error", _cells(kit)[0],
                                                                 "Seuranta")
    assert "”melkein”" in f["message"] and "Kyllä" in f["hint"]
    sync_folder(kit.proj, kit.returns)
    assert {d["department"]: d["state"] for d in _status(kit)["departments"]}[HKP] == "draft"


def test_ready_without_an_approver_counts_as_ready_with_a_warning(kit):
    kit.fill("Hallinto", approver=None)
    result = sync_folder(kit.proj, kit.returns)
    [f] = [f for f in result.findings if f.code == "missing-approver"]
    approver = _cells(kit)[1]
    assert f.severity.value == "warning" and f.cell == approver and approver in f.hint("fi")
    doc = _status(kit)
    assert {d["department"]: d["state"] for d in doc["departments"]}[HKP] == "returned"
    assert doc["counts"]["returned"] == 1


def test_a_draft_gets_a_reminder_saying_what_is_left_and_to_mark_it_ready(kit):
    kit.fill("Hallinto", edit=_clear_first(kit), ready="Ei")
    kit.fill("Kasvu")
    sync_folder(kit.proj, kit.returns)
    res = run("remind", "--project", str(kit.proj), "--json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert KASVU in doc["summary"]["skipped"]
    body = _body(kit, HKP)
    assert "Sitä ei ole vielä merkitty valmiiksi, joten se on luonnos" in body
    assert "Puuttuu (1):" in body and "valitse lomakkeen yläosan Valmis-kohtaan Kyllä" in body
    # a complete draft is reminded too: only the mark is left
    kit2 = kit.fill("Hallinto", ready="Ei", saved=dt.datetime(2030, 1, 1))
    sync_folder(kit.proj, kit.returns)
    run("remind", "--project", str(kit.proj))
    body = _body(kit, HKP)
    assert "Puuttuu" not in body and "Valmis-kohtaan Kyllä" in body and kit2.name in body


def _body(kit: Kit, dept: str) -> str:
    folder = kit.proj / "lahetys" / ROUND / f"muistutus_{dt.date.today().isoformat()}"
    msg = email.message_from_bytes((folder / f"{ROUND}_{dept}.eml").read_bytes(), policy=policy.default)
    return msg.get_body(("plain",)).get_content()


def test_the_send_text_explains_the_step(kit):
    assert run("send", "--project", str(kit.proj)).exit_code == 0
    draft = next((kit.proj / "lahetys" / ROUND).glob("*.eml"))
    msg = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert "Valmis-kohtaan Kyllä" in msg.get_body(("plain",)).get_content()


def test_a_workbook_made_before_the_ready_step_is_taken_as_ready(kit):
    """The writer of before: no ready block, no `ready` key, signed without it (re-signed here with the
    project's secret, exactly as that writer signed)."""
    wb, ws, meta, cols = kit.workbook("Hallinto")
    ms = wb[idn.META_SHEET]
    for row in ms.iter_rows(max_row=19):
        if row[0].value == "ready":
            row[0].value = row[1].value = None
    for rng in [m for m in ws.merged_cells.ranges if m.min_row in (2, 3)]:
        ws.unmerge_cells(str(rng))
    for row in ws.iter_rows(min_row=2, max_row=3, min_col=2):    # the block's labels, cells and state
        for cell in row:
            cell.value = None
    ident = idn.Identity(project_id=meta["project_id"], round_id=meta["round_id"], department=meta["department"],
                         template_version=meta["template_version"],
                         row_ids=[r[0].value for r in ms.iter_rows(min_row=idn.META_ROWS_START) if r[0].value],
                         row_hashes=[r[1].value for r in ms.iter_rows(min_row=idn.META_ROWS_START) if r[0].value],
                         references=idn.parse_references(meta.get("references")))
    config = kit.project.load_config()
    for row in ms.iter_rows(max_row=19):
        if row[0].value == "signature":
            row[1].value = ident.sign(config.secret)
    for r in kit.data_rows(ws, meta, cols):
        ws[f"{cols['grade']}{r}"] = 3
    wb.save(kit.returns / "vanha.xlsx")
    result = sync_folder(kit.proj, kit.returns)
    assert result.rejected == 0 and {f.code for f in result.findings} == {"missing-return"}
    [rec] = result.view.state.returns[HKP]
    assert (rec.ready, rec.draft) == (None, False)
    assert {d["department"]: d["state"] for d in _status(kit)["departments"]}[HKP] == "returned"


@pytest.mark.libreoffice
def test_the_mark_set_in_libreoffice_is_read(kit, tmp_path):
    """A department marks its return ready in LibreOffice (only unlocked cells: the lock is checked), and
    a second one leaves it a draft; sync reads both, and LibreOffice's own recalculation shows the state."""
    from tests import lo_driver
    wb, ws, meta, cols = kit.workbook("Hallinto")
    cells = json.loads(meta["ready"])
    values = {f"{cols['grade']}{r}": 4 for r in kit.data_rows(ws, meta, cols)}
    jobs = [{"src": str(kit.source("Hallinto")), "dst": str(kit.returns / "hkp.xlsx"), "sheet": meta["data_sheet"],
             "cells": {**values, cells["mark"]: "Kyllä", cells["approver"]: "Päivi Mäkelä"}},
            {"src": str(kit.source("Kasvu")), "dst": str(kit.returns / "kasvu.xlsx"), "sheet": meta["data_sheet"],
             "cells": {cells["mark"]: "Ei"}}]
    assert all(r.get("ok") for r in lo_driver.fill(jobs)), jobs
    result = sync_folder(kit.proj, kit.returns)
    recs = {d: recs[-1] for d, recs in result.view.state.returns.items()}
    assert (recs[HKP].ready, recs[HKP].approver) == (True, "Päivi Mäkelä")
    assert (recs[KASVU].ready, recs[KASVU].approver) == (False, None)
    states = {d["department"]: d["state"] for d in _status(kit)["departments"]}
    assert states == {HKP: "returned", KASVU: "draft", "Elinvoima ja asuinympäristö": "missing"}
    # LibreOffice recalculated the state formula on save: the words say what the mark says
    state_cell = f"{cols['comment']}2"
    shown = openpyxl.load_workbook(kit.returns / "hkp.xlsx", data_only=True)[meta["data_sheet"]][state_cell].value
    assert shown == "Valmis"
    shown = openpyxl.load_workbook(kit.returns / "kasvu.xlsx", data_only=True)[meta["data_sheet"]][state_cell].value
    assert shown.startswith("Luonnos")
