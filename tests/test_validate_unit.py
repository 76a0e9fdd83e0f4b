"""validate_return and merge_round on data built in the test (no files, milliseconds each): a signed
ReturnedWorkbook as reading.py would give it, and ReturnRecord / Entry lists as the ledger would."""
from __future__ import annotations

import json

from seuranta_xl.core.findings import Finding
from seuranta_xl.core.identity import META_SHEET, identity_for
from seuranta_xl.core.merge import merge_round
from seuranta_xl.core.model import (Action, Config, Entry, FocusArea, Goal, ReturnRecord, Round, Scale, ScaleStep,
                                    Strategy)
from seuranta_xl.core.returned import ReturnedWorkbook, SheetFacts
from seuranta_xl.core.validate import Expectation, validate_return
from seuranta_xl.core.versions import Decision

SECRET = "ab" * 32
SCALE = Scale(name="1-5", steps=[ScaleStep(value=str(i), label=str(i)) for i in range(1, 6)])
STRATEGY = Strategy(focus_areas=[FocusArea(id="P1", name="Elinvoima", goals=[Goal(id="G1", text="Kasvu", actions=[
    Action(id="T1", text="Kaavoitus", department="Tekninen"), Action(id="T2", text="Tiet", department="Tekninen"),
    Action(id="T3", text="Koulut", department="Sivistys")])])])
ROUND = Round(id="R1", scale=SCALE)
CONFIG = Config(secret=SECRET, project_id="projekti-1")
COLS = {"id": "A", "focus_area": "B", "goal": "C", "action": "D", "department": "E", "grade": "F", "comment": "G"}
HEADER = ["ID", "Painopiste", "Tavoite", "Toimenpide", "Vastuutaho", "Arvio", "Kommentti"]


def expectation() -> Expectation:
    return Expectation(project_id="projekti-1", secret=SECRET, config=CONFIG, round=ROUND, strategy=STRATEGY)


def workbook(dept: str, rows: list[list], *, identity_dept: str | None = None, extra_sheets: dict | None = None,
             notes: dict | None = None, protected: bool = True, name: str = "palautus.xlsx") -> ReturnedWorkbook:
    """A return of ``dept`` whose data rows are ``rows`` (under the header on row 3)."""
    who = identity_dept or dept
    ident = identity_for("projekti-1", "R1", who, STRATEGY.rows_by_department()[who], False)
    meta = {"project_id": "projekti-1", "round_id": "R1", "department": who, "template_version": ident.template_version,
            "fingerprint": ident.fingerprint, "signature": ident.sign(SECRET), "header_row": "3",
            "first_data_row": "4", "data_sheet": "Seuranta", "columns": json.dumps(COLS)}
    values = {"Seuranta": [["Otsikko"], [None], HEADER, *rows], **(extra_sheets or {})}
    sheets = [SheetFacts(name="Seuranta", protected=protected, notes=notes or {}),
              SheetFacts(name=META_SHEET, state="veryHidden")] + [SheetFacts(name=n) for n in (extra_sheets or {})]
    return ReturnedWorkbook(file_name=name, size=1, sha256="0" * 64, file_mtime=None, saved_at=None,
                            workbook_protected=True, sheets=sheets, meta=meta,
                            meta_rows=list(zip(ident.row_ids, ident.row_hashes)), values=values)


def row(aid: str, action: str, grade, comment=None) -> list:
    return [aid, "Elinvoima", "Kasvu", action, "Tekninen", grade, comment]


def codes(findings: list[Finding]) -> list[tuple]:
    return [(f.code, f.cell, f.action_id, f.department) for f in findings]


def test_a_clean_return():
    v = validate_return(workbook("Tekninen", [row("T1", "Kaavoitus", 4.0, "ok"), row("T2", "Tiet", "5")]), expectation())
    assert v.accepted and v.findings == []
    assert [(e.action_id, e.grade, e.comment, e.grade_cell) for e in v.entries] == \
        [("T1", "4", "ok", "F4"), ("T2", "5", None, "F5")]


def test_words_after_a_grade_go_into_the_comment():
    v = validate_return(workbook("Tekninen", [row("T1", "Kaavoitus", "3 mutta hanke on viivästynyt", "alku"),
                                              row("T2", "Tiet", "4=lähes valmis")]), expectation())
    assert codes(v.findings) == [("text-after-grade", "F4", "T1", "Tekninen"), ("text-after-grade", "F5", "T2", "Tekninen")]
    assert [(e.grade, e.comment) for e in v.entries] == [("3", "alku\nmutta hanke on viivästynyt"), ("4", "lähes valmis")]


def test_a_duplicated_row_with_other_values_is_a_conflict():
    v = validate_return(workbook("Tekninen", [row("T1", "Kaavoitus", 4), row("T2", "Tiet", 5),
                                              row("T1", "Kaavoitus", 1)]), expectation())
    assert codes(v.findings) == [("duplicate-row", "A6", "T1", "Tekninen")]
    assert [e.accepted for e in v.entries] == [False, True]


def test_rows_pasted_below_are_one_finding_per_block():
    pasted = [[None, None, None, f"rivi {i}"] for i in range(500)] + [[None]] + [["X9", None, None, "toinen"]]
    v = validate_return(workbook("Tekninen", [row("T1", "Kaavoitus", 4), row("T2", "Tiet", 5), *pasted]), expectation())
    assert [(f.code, f.cell, f.params["count"]) for f in v.findings] == [("row-added", "D6:D505", 500),
                                                                         ("row-added", "A507:D507", 1)]


def test_a_copied_identity_is_blamed_on_the_sender():
    wb = workbook("Tekninen", [row("T1", "Kaavoitus", 4), row("T2", "Tiet", 5)], identity_dept="Sivistys")
    v = validate_return(wb, expectation())
    assert not v.accepted and codes(v.findings) == [("signature-invalid", None, None, "Tekninen")]


def test_added_sheet_notes_and_cells_outside_the_inputs():
    wb = workbook("Tekninen", [row("T1", "Kaavoitus", 4) + [None, "oma huomio"], row("T2", "Tiet", 5)],
                  extra_sheets={"Muistiot": [[None, "muistiinpano"]]}, notes={"G5": "selitys"})
    v = validate_return(wb, expectation())
    assert [(f.code, f.sheet, f.cell) for f in v.findings] == [
        ("content-outside-inputs", "Seuranta", "I4"), ("content-outside-inputs", "Seuranta", "G5"),
        ("content-outside-inputs", "Muistiot", "B1")]
    assert v.accepted and all(e.accepted for e in v.entries)


def test_one_renamed_header_is_read_by_its_place():
    wb = workbook("Tekninen", [row("T1", "Kaavoitus", 4, "ok"), row("T2", "Tiet", 5)])
    wb.values["Seuranta"][2][6] = "Kommentit"
    v = validate_return(wb, expectation())
    assert codes(v.findings) == [("header-renamed", "G3", None, "Tekninen")]
    assert v.entries[0].comment == "ok"


# ------------------------------------------------------------------------------ merge_round
def record(i: int, name: str, saved: str, seen: str, app: str = "Microsoft Excel") -> ReturnRecord:
    return ReturnRecord(id=i, round_id="R1", department="Tekninen", file_name=name, file_hash=f"h{i}", size=1,
                        saved_at=saved, received_at=seen, n_rows=2, n_errors=0, application=app)


def entries(*values: tuple) -> list[Entry]:
    return [Entry(round_id="R1", action_id=a, department="Tekninen", grade=g, comment=c, grade_cell="F4",
                  comment_cell="G4") for a, g, c in values]


def test_merge_newest_saved_wins_and_says_why():
    old = (record(1, "vanha.xlsx", "2023-09-01T10:00:00Z", "2023-09-02T00:00:00+00:00"), entries(("T1", "2", "a"), ("T2", "3", None)))
    new = (record(2, "uusi.xlsx", "2023-09-05T10:00:00Z", "2023-09-06T00:00:00+00:00"), entries(("T1", "4", None), ("T2", "3", None)))
    state = merge_round(ROUND, STRATEGY, [old, new], presence={"h1": "vanha.xlsx", "h2": "uusi.xlsx"})
    assert (state.value("T1").grade, state.value("T1").comment) == ("4", "a")
    assert state.value("T1").comment_source.file_name == "vanha.xlsx"
    assert sorted(f.code for f in state.findings) == ["conflicting-versions", "duplicate-return", "missing-return",
                                                      "value-cleared"]
    [dup] = [f for f in state.findings if f.code == "duplicate-return"]
    assert dup.params["filled"] == 1 and dup.params["newest"] == "uusi.xlsx"


def test_merge_a_libreoffice_local_stamp_does_not_beat_a_later_excel_save():
    lo = record(1, "lo.xlsx", "2023-09-05T12:00:00Z", "2023-09-06T00:00:00+00:00", "LibreOffice/7.4.7.2$Linux_X86_64")
    lo.package_time = "2023-09-05T09:00:00+00:00"      # the true UTC time: 12:00 Finnish summer time
    excel = record(2, "excel.xlsx", "2023-09-05T10:30:00Z", "2023-09-06T00:00:00+00:00")
    state = merge_round(ROUND, STRATEGY, [(lo, entries(("T1", "2", None))), (excel, entries(("T1", "5", None)))])
    assert state.value("T1").grade == "5" and state.in_force("Tekninen").file_name == "excel.xlsx"


def test_merge_only_current_versions_count_and_decisions_are_undone_by_later_ones():
    a = (record(1, "a.xlsx", "2023-09-01T10:00:00Z", "2023-09-02T00:00:00+00:00"), entries(("T1", "2", None)))
    b = (record(2, "b.xlsx", "2023-09-05T10:00:00Z", "2023-09-06T00:00:00+00:00"), entries(("T1", "4", None)))
    assert merge_round(ROUND, STRATEGY, [a, b], presence={"h1": "a.xlsx"}).value("T1").grade == "2"
    prefer = Decision(kind="prefer", file_hash="h1", file_name="a.xlsx", at="2023-09-07T00:00:00+00:00")
    state = merge_round(ROUND, STRATEGY, [a, b], decisions=[prefer])
    assert state.value("T1").grade == "2" and not [f for f in state.findings if f.code == "conflicting-versions"]
    undo = Decision(kind="unprefer", file_hash="h1", file_name="a.xlsx", at="2023-09-08T00:00:00+00:00")
    withdraw = Decision(kind="withdraw", file_hash="h2", file_name="b.xlsx", at="2023-09-08T00:00:00+00:00")
    assert merge_round(ROUND, STRATEGY, [a, b], decisions=[prefer, undo]).value("T1").grade == "4"
    assert merge_round(ROUND, STRATEGY, [a, b], decisions=[withdraw]).value("T1").grade == "2"
