"""Every finding code of a return, each on a real file made for it, through `seuranta check` / sync."""
from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tests.returns_kit import Kit, set_saved_time
from seuranta_xl.cli import main
from seuranta_xl.core.identity import META_SHEET
from seuranta_xl.store.rounds import new_round
from seuranta_xl.returns.check import check_files
from seuranta_xl.returns.sync import sync_folder

HKP = "Hallinto"   # the department whose workbook most tests use (54 actions)


@pytest.fixture
def kit(tmp_path: Path) -> Kit:
    return Kit(tmp_path)


def codes_of(kit: Kit, path: Path) -> list[tuple]:
    results, _ = check_files(kit.proj, [path])
    return [(f.code, f.cell, f.action_id) for v in results for f in v.findings]


def check_json(kit: Kit, *paths: Path) -> tuple[int, dict]:
    res = CliRunner().invoke(main, ["check", "--project", str(kit.proj), "--json", *map(str, paths)])
    return res.exit_code, json.loads(res.stdout)


def first_row(kit, ws, meta, cols) -> int:
    return kit.data_rows(ws, meta, cols)[0]


# ------------------------------------------------------------------------------ a clean return
def test_clean_return_has_no_findings_and_exit_0(kit):
    path = kit.fill(HKP)
    code, doc = check_json(kit, path)
    assert code == 0, doc
    assert doc["findings"] == []


# ------------------------------------------------------------------------------ cell level
def test_missing_grade(kit):
    def edit(wb, ws, meta, cols):
        r = first_row(kit, ws, meta, cols)
        ws[f"{cols['grade']}{r}"] = None
    path = kit.fill(HKP, edit=edit, ready="Ei")    # a draft: marked ready it would be ready-incomplete too
    code, doc = check_json(kit, path)
    [f, draft] = doc["findings"]
    assert draft["code"] == "draft-return"
    assert f["code"] == "missing-grade" and f["severity"] == "warning"
    assert f["cell"].startswith(json.loads(kit.workbook(HKP)[2]["columns"])["grade"])
    assert f["department"] == "Hallinto- ja konsernipalvelut" and f["action_id"]
    assert code == 0  # a warning does not fail the check


@pytest.mark.parametrize("typed", [7, "neljä", "4,5", "x"])
def test_invalid_grade(kit, typed):
    def edit(wb, ws, meta, cols):
        ws[f"{cols['grade']}{first_row(kit, ws, meta, cols)}"] = typed
    path = kit.fill(HKP, edit=edit)
    code, doc = check_json(kit, path)
    assert code == 1
    [f] = [f for f in doc["findings"] if f["code"] == "invalid-grade"]
    assert str(typed) in f["message"] and f["hint"]


@pytest.mark.parametrize("typed, expected", [("4 ", "4"), (4.0, "4"), (" 5", "5")])
def test_grade_typed_as_text_or_float_is_accepted(kit, typed, expected):
    def edit(wb, ws, meta, cols):
        ws[f"{cols['grade']}{first_row(kit, ws, meta, cols)}"] = typed
    path = kit.fill(HKP, edit=edit)
    results, _ = check_files(kit.proj, [path])
    assert results[0].findings == []
    assert results[0].entries[0].grade == expected


def test_missing_comment_rule_configurable(tmp_path):
    kit = Kit(tmp_path, comments={"max_length": 2000, "required_at_or_below": "2"})

    def edit(wb, ws, meta, cols):
        for r in kit.data_rows(ws, meta, cols):
            if ws[f"{cols['grade']}{r}"].value <= 2:
                ws[f"{cols['comment']}{r}"] = None
    path = kit.fill(HKP, edit=edit)
    found = [c for c in codes_of(kit, path) if c[0] == "missing-comment"]
    low = sum(1 for r in kit.seed.values() if r["department"].startswith(HKP) and int(r["grade"]) <= 2)
    assert len(found) == low > 0


def test_comment_too_long(kit):
    def edit(wb, ws, meta, cols):
        ws[f"{cols['comment']}{first_row(kit, ws, meta, cols)}"] = "å" * 2001
    path = kit.fill(HKP, edit=edit)
    code, doc = check_json(kit, path)
    assert code == 1
    [f] = [f for f in doc["findings"] if f["code"] == "comment-too-long"]
    assert "2001" in f["message"]


@pytest.mark.parametrize("where", ["grade", "comment"])
def test_formula_in_input(kit, where):
    def edit(wb, ws, meta, cols):
        ws[f"{cols[where]}{first_row(kit, ws, meta, cols)}"] = '=HYPERLINK("http://example.invalid","klikkaa")'
    path = kit.fill(HKP, edit=edit)
    found = [c for c in codes_of(kit, path) if c[0] == "formula-in-input"]
    assert len(found) == 1


def test_formula_like_text_is_text_not_a_finding(kit):
    """'=1+1' typed as text (quote prefix) is a comment like any other."""
    def edit(wb, ws, meta, cols):
        c = ws[f"{cols['comment']}{first_row(kit, ws, meta, cols)}"]
        c.value = "=1+1 on laskettu"
        c.data_type = "s"
        c.quotePrefix = True
    path = kit.fill(HKP, edit=edit)
    results, _ = check_files(kit.proj, [path])
    assert results[0].findings == []
    assert results[0].entries[0].comment == "=1+1 on laskettu"


# ------------------------------------------------------------------------------ row and structure level
def test_structure_changed_names_the_cell(kit):
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        r = first_row(kit, ws, meta, cols)
        ws[f"{cols['action']}{r}"] = ws[f"{cols['action']}{r}"].value + " (muutettu)"
    path = kit.fill(HKP, edit=edit)
    found = codes_of(kit, path)
    assert ("protection-removed", None, None) in found
    changed = [c for c in found if c[0] == "structure-changed"]
    assert len(changed) == 1 and changed[0][1].startswith(json.loads(kit.workbook(HKP)[2]["columns"])["action"])


def test_row_deleted_and_others_still_merge(kit):
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        ws.delete_rows(first_row(kit, ws, meta, cols))
    path = kit.fill(HKP, edit=edit)
    results, _ = check_files(kit.proj, [path])
    v = results[0]
    assert [f.code for f in v.findings if f.code == "row-deleted"] == ["row-deleted"]
    assert len(v.entries) == 53 and all(e.accepted for e in v.entries)


def test_row_added(kit):
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        r = ws.max_row + 1
        ws[f"{cols['action']}{r}"] = "Uusi toimenpide, jota ei ole strategiassa"
        ws[f"{cols['grade']}{r}"] = 5
    path = kit.fill(HKP, edit=edit)
    found = [c for c in codes_of(kit, path) if c[0] == "row-added"]
    assert len(found) == 1


def test_rows_sorted_still_match_by_id(kit):
    def edit(wb, ws, meta, cols):
        rows = kit.data_rows(ws, meta, cols)
        values = [[c.value for c in ws[r]] for r in rows]
        for r, vals in zip(rows, reversed(values)):
            for c, val in zip(ws[r], vals):
                c.value = val
    path = kit.fill(HKP, edit=edit)
    results, _ = check_files(kit.proj, [path])
    assert results[0].findings == []
    assert len(results[0].entries) == 54


def test_column_inserted_values_read_by_title(kit):
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        ws.insert_cols(2)
    path = kit.fill(HKP, edit=edit)
    results, _ = check_files(kit.proj, [path])
    codes = {f.code for f in results[0].findings}
    assert codes == {"columns-moved", "protection-removed"}
    assert sum(1 for e in results[0].entries if e.grade) == 54


# ------------------------------------------------------------------------------ file level
def test_unknown_workbook(kit):
    path = kit.returns / "oma_taulukko.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["ID", "Toimenpide", "Arvio"])
    wb.save(path)
    assert codes_of(kit, path) == [("unknown-workbook", None, None)]


def test_signature_invalid_when_department_is_changed(kit):
    def edit(wb, ws, meta, cols):
        meta_ws = wb[META_SHEET]
        for row in meta_ws.iter_rows(max_row=19):
            if row[0].value == "department":
                row[1].value = "Kasvu ja hyvinvointi"
    path = kit.fill(HKP, edit=edit)
    assert [c[0] for c in codes_of(kit, path)] == ["signature-invalid"]


def test_signature_from_another_project(tmp_path):
    a, b = Kit(tmp_path / "a"), Kit(tmp_path / "b")
    path = b.fill(HKP)
    results, _ = check_files(a.proj, [path])
    assert [f.code for f in results[0].findings] == ["signature-invalid"]


def test_wrong_round(kit):
    new_round(kit.proj, "2024-kevat")
    kit.fill(HKP)      # filled from the 2023-syys workbook
    res = sync_folder(kit.proj, kit.returns, round_id="2024-kevat")
    assert res.rejected == 1
    assert "wrong-round" in [f.code for f in res.findings]


def test_corrupt_truncated_zip(kit):
    src = kit.fill(HKP)
    data = src.read_bytes()
    src.write_bytes(data[: len(data) // 2])
    assert [c[0] for c in codes_of(kit, src)] == ["corrupt-file"]


def test_empty_file_is_corrupt(kit):
    path = kit.returns / "tyhja.xlsx"
    path.write_bytes(b"")
    assert [c[0] for c in codes_of(kit, path)] == ["corrupt-file"]


def test_not_xlsx_csv_and_ods(kit):
    csv_path = kit.returns / "palautus.csv"
    csv_path.write_text("ID;Arvio\n1.1.1;4\n", "utf-8")
    ods = kit.returns / "palautus.xlsx"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    assert [c[0] for c in codes_of(kit, csv_path)] == ["not-xlsx"]
    assert [c[0] for c in codes_of(kit, ods)] == ["not-xlsx"]


def test_encrypted_file(kit):
    from msoffcrypto.format.ooxml import OOXMLFile  # test extra: a real password-to-open encryption

    src = kit.fill(HKP)
    out = io.BytesIO()
    with open(src, "rb") as fh:
        OOXMLFile(fh).encrypt("salasana", out)
    enc = kit.returns / "salattu.xlsx"
    enc.write_bytes(out.getvalue())
    assert [c[0] for c in codes_of(kit, enc)] == ["encrypted-file"]


def test_file_too_large_is_refused_without_reading(kit):
    big = kit.returns / "iso.xlsx"
    with open(big, "wb") as fh:
        fh.truncate(51 * 1024 * 1024)
    assert [c[0] for c in codes_of(kit, big)] == ["file-too-large"]


def test_zip_bomb_refused_in_bounded_time(kit):
    bomb = kit.returns / "pommi.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    assert [c[0] for c in codes_of(kit, bomb)] == ["file-too-large"]


def test_xml_entity_expansion_refused(kit):
    src = kit.fill(HKP)
    evil = kit.returns / "entiteetti.xlsx"
    zin = zipfile.ZipFile(src)
    with zipfile.ZipFile(evil, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/workbook.xml":
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
                        b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' + body)
            zout.writestr(info, data)
    assert [c[0] for c in codes_of(kit, evil)] == ["corrupt-file"]


def test_lock_files_and_non_spreadsheets_are_skipped_with_info(kit):
    kit.fill(HKP)
    (kit.returns / "~$2023-syys_Hallinto.xlsx").write_bytes(b"\0" * 165)
    (kit.returns / "saate.txt").write_text("Liitteenä palautus", "utf-8")
    res = sync_folder(kit.proj, kit.returns)
    skipped = sorted(f.file for f in res.findings if f.code == "skipped-file")
    assert skipped == ["saate.txt", "~$2023-syys_Hallinto.xlsx"]
    assert all(f.severity.value == "info" for f in res.findings if f.code == "skipped-file")
    assert res.new_returns == 1


def test_missing_return_for_departments_that_did_not_return(kit):
    kit.fill(HKP)
    res = sync_folder(kit.proj, kit.returns)
    missing = sorted(f.department for f in res.findings if f.code == "missing-return")
    assert missing == ["Elinvoima ja asuinympäristö", "Kasvu ja hyvinvointi"]


def test_return_with_errors_merges_only_its_valid_rows(kit):
    def edit(wb, ws, meta, cols):
        ws[f"{cols['grade']}{first_row(kit, ws, meta, cols)}"] = 9
    kit.fill(HKP, edit=edit)
    res = sync_folder(kit.proj, kit.returns)
    codes = [f.code for f in res.findings]
    assert "invalid-grade" in codes and "rows-not-merged" in codes
    graded = [v for v in res.view.state.values.values() if v.grade]
    assert len(graded) == 53


def test_duplicate_and_stale_return_newest_saved_wins(kit):
    def first_grade(value):
        def edit(wb, ws, meta, cols):
            ws[f"{cols['grade']}{first_row(kit, ws, meta, cols)}"] = value
        return edit
    newer = kit.fill(HKP, name="uusi.xlsx", edit=first_grade(5))
    set_saved_time(newer, dt.datetime(2023, 10, 2, 12, 0))
    sync_folder(kit.proj, kit.returns)
    older = kit.fill(HKP, name="vanha.xlsx", edit=first_grade(1))   # arrives later, saved earlier
    set_saved_time(older, dt.datetime(2023, 9, 30, 8, 0))
    res = sync_folder(kit.proj, kit.returns)
    codes = {f.code: f for f in res.findings}
    assert codes["duplicate-return"].params["newest"] == "uusi.xlsx"
    assert codes["stale-return"].file == "vanha.xlsx"
    wb, ws, meta, cols = kit.workbook(HKP)
    first_id = ws[f"{cols['id']}{first_row(kit, ws, meta, cols)}"].value
    assert res.view.state.value(first_id).grade == "5"


def test_value_cleared_keeps_old_value(kit):
    first = kit.fill(HKP, name="eka.xlsx")
    set_saved_time(first, dt.datetime(2023, 9, 1))
    sync_folder(kit.proj, kit.returns)

    def clear(wb, ws, meta, cols):
        r = first_row(kit, ws, meta, cols)
        ws[f"{cols['grade']}{r}"] = None
        ws[f"{cols['comment']}{r}"] = None
    second = kit.fill(HKP, name="toka.xlsx", edit=clear)
    set_saved_time(second, dt.datetime(2023, 9, 20))
    res = sync_folder(kit.proj, kit.returns)
    cleared = [f for f in res.findings if f.code == "value-cleared"]
    assert len(cleared) == 2  # grade and comment
    wb, ws, meta, cols = kit.workbook(HKP)
    r = first_row(kit, ws, meta, cols)
    aid = ws[f"{cols['id']}{r}"].value
    seed = kit.seed[ws[f"{cols['action']}{r}"].value]
    assert res.view.state.value(aid).grade == seed["grade"]
    assert res.view.state.value(aid).comment == seed["comment"]


def test_check_cli_exit_codes_and_single_json_document(kit):
    good = kit.fill(HKP, name="hyva.xlsx")
    bad = kit.returns / "rikki.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    res = CliRunner().invoke(main, ["check", "--project", str(kit.proj), "--json", str(good), str(bad)])
    assert res.exit_code == 1
    doc = json.loads(res.stdout)
    assert [f["code"] for f in doc["findings"]] == ["corrupt-file"]
    assert set(doc["findings"][0]) >= {"code", "severity", "file", "sheet", "cell", "action_id", "department",
                                       "message"}
    missing = CliRunner().invoke(main, ["check", "--project", str(kit.proj), str(kit.returns / "eiole.xlsx")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
