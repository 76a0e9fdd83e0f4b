"""A round's inputs are data (issue 16): a whole round per seed layout with its input preset — import
from tests/data/seeds' tables → round new --inputs → generate → fill (openpyxl here; LibreOffice in
test_round_inputs_lo.py) → sync → export and report — every value of every input column arrives
exactly; each kind's bad values give their located finding; the signed identity holds the inputs."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest
from pydantic import ValidationError

from tests.inputs_kit import ALL_KINDS, ROUND, fill_openpyxl, open_round, plan
from seuranta_xl.core.errors import UserError
from seuranta_xl.core.identity import STRATEGY_REFERENCE_KEYS
from seuranta_xl.core.inputs import InputPreset, InputSpec
from seuranta_xl.outputs.export import export_rows, to_csv, to_json
from seuranta_xl.outputs.report import build_report
from seuranta_xl.outputs.report.md import markdown
from seuranta_xl.returns.status import outstanding, round_status
from seuranta_xl.returns.sync import sync_folder
from seuranta_xl.store.project import Project, builtin_inputs
from seuranta_xl.store.roundview import load_round
from seuranta_xl.store.rounds import new_round


def _view(root):
    with Project(root).ledger() as ledger:
        return load_round(ledger, ledger.round(ROUND))


def _export(root) -> list[dict[str, str]]:
    text = to_csv(export_rows(_view(root))).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def assert_every_value_arrived(rnd) -> None:
    """The export (machine keys), the ledger's current state and the master hold every typed value exactly."""
    rows = {r["action_id"]: r for r in _export(rnd.root)}
    view = _view(rnd.root)
    keys = [s.key for s in rnd.inputs]
    header = list(next(iter(rows.values())))
    further = [k for k in keys if k not in ("grade", "comment")]
    assert header[:10] == ["round", "action_id", "department", "painopiste", "tavoite", "toimenpide", "grade",
                           "comment", "source_file", "received_at"]
    # the further inputs after the contract's header, then the strategy's reference texts (docs/json.md)
    assert header[10:10 + len(further)] == further
    assert header[10 + len(further):] == [k for k in STRATEGY_REFERENCE_KEYS if k in header]
    assert rnd.cells, "nothing was filled"
    for c in rnd.cells:
        assert rows[c.action_id][c.key] == c.expected, (c.action_id, c.key)
        assert view.state.value(c.action_id).value(c.key) == c.expected
    assert not [f for f in view.findings if f.severity.value == "error"]


# ---------------------------------------------------------------------------------------- the presets
def test_presets_are_the_seeds_columns():
    presets = builtin_inputs()
    assert {k: [(c.key, c.kind, c.title, c.required) for c in p.columns] for k, p in presets.items()} == {
        "keuruu": [("grade", "grade", "Arvio", True), ("comment", "text", "Kommentti", False)],
        "tuusula": [("grade", "grade", "Etenemisaste", True), ("comment", "text", "Eteneminen", False),
                    ("risks", "text", "Merkittävimmät tavoitteen toteuttamista uhkaavat riskit", False)],
        "kemi": [("toteuma", "text", "Toteuma", True)],
        "taulukko-2024": [("grade", "grade", "Toteutuma", True), ("comment", "text", "Kommentointi", False)],
    }
    assert {k: p.scale for k, p in presets.items()} == {"keuruu": "1-5", "tuusula": "1-5-kuvaus", "kemi": None,
                                                        "taulukko-2024": "kylla-kesken-ei"}


@pytest.mark.parametrize("body, key", [
    ({"key": "Toteuma", "kind": "text"}, "key"),
    ({"key": "action", "kind": "text"}, "key"),
    ({"key": "x", "kind": "number", "choices": ["a", "b"]}, "choices"),
    ({"key": "x", "kind": "choice", "choices": ["a"]}, "choice"),
    ({"key": "x", "kind": "number", "min": 5, "max": 1}, "min"),
    ({"key": "grade", "kind": "text"}, "grade"),
    ({"key": "x", "kind": "kuva"}, "kind"),
])
def test_a_bad_input_spec_is_refused_naming_what_is_wrong(body, key):
    with pytest.raises(ValidationError, match=key):
        InputSpec.model_validate(body)


def test_a_bad_preset_in_seuranta_toml_names_the_key(tmp_path, fixtures_dir):
    init_root = open_round(tmp_path, fixtures_dir, "keuruu").root
    text = (init_root / "seuranta.toml").read_text("utf-8")
    (init_root / "seuranta.toml").write_text(text + '\n[inputs.oma]\ncolumns = [{ key = "x", kind = "number", '
                                             'min = 9, max = 1 }]\n', "utf-8")
    with pytest.raises(UserError) as err:
        Project(init_root).load_config()
    assert "inputs.oma.columns.0" in err.value.message("fi")
    with pytest.raises(ValidationError, match="duplicate key"):
        InputPreset.model_validate({"columns": [{"key": "a"}, {"key": "a"}]})


def test_an_unknown_preset_is_a_clear_error(tmp_path, fixtures_dir):
    rnd = open_round(tmp_path, fixtures_dir, "keuruu")
    with pytest.raises(UserError) as err:
        new_round(rnd.root, "toinen", inputs="kemii")
    assert err.value.code == "inputs-unknown" and "kemi" in err.value.message("fi")


def test_an_input_titled_as_another_column_is_refused(tmp_path, fixtures_dir):
    clash = {"columns": [{"key": "grade", "kind": "grade", "title": "Arvio"},
                         {"key": "vaihe", "kind": "choice", "title": "Tila", "choices": ["a", "b"]}]}
    rnd = open_round(tmp_path, fixtures_dir, "keuruu", extra_preset=clash)
    with pytest.raises(UserError) as err:
        new_round(rnd.root, "toinen", inputs="mittarit")
    assert err.value.code == "inputs-title-clash" and "Tila" in err.value.message("fi")


# ---------------------------------------------------------------------------------------- whole rounds
@pytest.mark.parametrize("layout", ["keuruu", "tuusula", "kemi", "taulukko-2024"])
def test_a_whole_round_per_seed_layout_arrives_exactly(tmp_path, fixtures_dir, layout):
    rnd = plan(open_round(tmp_path, fixtures_dir, layout))
    fill_openpyxl(rnd)
    result = sync_folder(rnd.root)
    assert result.new_returns == len(rnd.workbooks)
    assert_every_value_arrived(rnd)
    report = build_report(rnd.root, ROUND)
    md = markdown(report)
    texts = [c.expected for c in rnd.cells if c.key not in ("grade",) and "\n" not in c.expected]
    assert all(t.replace("|", "\\|") in md for t in texts[:40])
    _, rows, _ = round_status(rnd.root, ROUND)
    assert sum(r.graded for r in rows) == sum(r.actions for r in rows)      # every action filled in


def test_kemi_round_without_a_grade_end_to_end(tmp_path, fixtures_dir):
    rnd = plan(open_round(tmp_path, fixtures_dir, "kemi"))
    assert [s.key for s in rnd.inputs] == ["toteuma"]
    name, path = sorted(rnd.workbooks.items())[0]
    wb = openpyxl.load_workbook(path)
    ws = wb[rnd.sheet]
    heads = [c.value for c in ws[6]]
    assert "Toteuma" in heads and "Arvio" not in heads and "Edellinen arvio" not in heads
    assert ws["A4"].value is not None and "täytetty" in str(ws["A4"].value)
    # fill all but two Toteuma cells of the first workbook: those two are what is missing, in those terms
    skip = [c for c in rnd.cells if c.file == name][:2]
    fill_openpyxl(rnd, override={(c.action_id, c.key): None for c in skip})
    sync_folder(rnd.root)
    view = _view(rnd.root)
    missing = [f for f in view.findings if f.code == "missing-input"]
    assert sorted((f.action_id, f.cell) for f in missing) == sorted((c.action_id, c.ref) for c in skip)
    assert all(f.message("fi") == "Toteuma puuttuu" for f in missing)
    owed = outstanding(view, missing[0].department)
    assert [(m.action_id, m.inputs, m.cells) for m in owed.missing] == [(c.action_id, ("toteuma",), (c.ref,))
                                                                        for c in skip]
    report = build_report(rnd.root, ROUND)
    md = markdown(report)
    assert "Täyttö painopisteittäin" in md and "Arvioiden osuudet" not in md and "Mittari" in md
    assert report.s.overall.filled == len(rnd.cells) - 2 and not report.s.graded
    filled = [c for c in rnd.cells if c not in skip]
    assert all(c.expected.replace("\n", "<br>") in md for c in filled)


def test_a_kemi_workbook_marked_ready_names_a_missing_toteuma_and_counts_as_returned_when_complete(
        tmp_path, fixtures_dir):
    """The ready block (#13) in a round without a grade: above the first input column (Toteuma), the approver
    in that one cell, the state in words in the status column; ready-incomplete names the missing Toteuma."""
    rnd = plan(open_round(tmp_path, fixtures_dir, "kemi"))
    name = sorted(rnd.workbooks)[0]
    wb = openpyxl.load_workbook(rnd.workbooks[name])
    ws = wb[rnd.sheet]
    meta = {r[0].value: r[1].value for r in wb["_seuranta"].iter_rows(max_row=19) if r[0].value}
    cols = json.loads(meta["columns"])
    toteuma, status = cols["toteuma"], cols["status"]
    mark, approver = rnd.ready_cells[name]
    assert (mark, approver) == (f"{toteuma}2", f"{toteuma}3") and "grade" not in cols
    label = openpyxl.utils.get_column_letter(openpyxl.utils.column_index_from_string(toteuma) - 1)
    assert (ws[f"{label}2"].value, ws[f"{label}3"].value) == ("Valmis:", "Hyväksyjä:")
    assert not any(approver in m for m in ws.merged_cells.ranges)         # one input column: one cell
    state = ws[f"{status}2"].value
    assert state.startswith("=IF(") and f"${toteuma}$2" in state and f"${toteuma}$3" in state
    assert f'COUNTIF(${status}$7:' in state                              # "all ok" is the Tila column's
    assert ws.column_dimensions[status].width >= 26                      # room for the state in words
    (dv,) = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == mark]
    assert dv.type == "list" and dv.formula1 == '"Kyllä,Ei"'
    # every workbook marked ready; one Toteuma of the first left empty
    skip = next(c for c in rnd.cells if c.file == name)
    fill_openpyxl(rnd, override={(skip.action_id, "toteuma"): None})
    sync_folder(rnd.root)
    view = _view(rnd.root)
    (err,) = [f for f in view.findings if f.code == "ready-incomplete"]
    assert (err.file, err.cell, err.severity.value) == (name, mark, "error")
    assert "1 kohtaa" in err.message("fi") and f"{skip.action_id} Toteuma {skip.ref}" in err.message("fi")
    assert f"{skip.action_id} Toteuma {skip.ref}" in err.message("en")
    states = {r.department: r.state for r in round_status(rnd.root, ROUND)[1]}
    assert states[err.department] == "errors"        # marked ready: returned, with an error
    # filled in and returned again, marked ready: returned, nothing about the mark
    fill_openpyxl(rnd)
    sync_folder(rnd.root)
    view = _view(rnd.root)
    assert not [f for f in view.findings if f.code in ("ready-incomplete", "draft-return", "missing-input")]
    assert {r.state for r in round_status(rnd.root, ROUND)[1]} == {"returned"}
    report = build_report(rnd.root, ROUND)
    assert report.s.drafts == [] and report.s.goals == [] and len(report.s.returned) == len(rnd.workbooks)


def test_a_kemi_return_with_a_column_inserted_keeps_its_ready_mark_and_previous_text(tmp_path, fixtures_dir):
    """Columns moved: the ready mark is re-found above Toteuma, and "Edellinen toteuma" by its own title."""
    rnd = plan(open_round(tmp_path, fixtures_dir, "kemi"))
    fill_openpyxl(rnd)
    for name in rnd.workbooks:
        wb = openpyxl.load_workbook(rnd.returns / name)
        ws = wb[rnd.sheet]
        ws.protection.sheet = False
        ws.insert_cols(3)
        wb.save(rnd.returns / name)
    sync_folder(rnd.root)
    view = _view(rnd.root)
    assert sorted(f.code for f in view.findings) == ["columns-moved", "protection-removed"]
    assert all(rec.ready and rec.approver == "Testi Hyväksyjä" for recs in view.state.returns.values() for rec in recs)
    assert_every_value_arrived(rnd)


def test_a_kemi_workbook_left_unmarked_is_a_draft(tmp_path, fixtures_dir):
    rnd = plan(open_round(tmp_path, fixtures_dir, "kemi"))
    fill_openpyxl(rnd, ready=None)
    sync_folder(rnd.root)
    view = _view(rnd.root)
    assert len([f for f in view.findings if f.code == "draft-return"]) == len(rnd.workbooks)
    assert {r.state for r in round_status(rnd.root, ROUND)[1]} == {"draft"}
    assert_every_value_arrived(rnd)                       # a draft's values are merged
    md = markdown(build_report(rnd.root, ROUND))
    assert "Luonnoksina (1; ei merkitty valmiiksi, vastaukset ovat mukana luvuissa)" in md
    assert "Palauttanut 0/1 vastuutahoa" in md


def test_the_past_round_of_tuusula_keeps_its_risks_and_the_next_round_asks_them(tmp_path, fixtures_dir):
    rnd = open_round(tmp_path, fixtures_dir, "tuusula")
    with Project(rnd.root).ledger() as ledger:
        past = load_round(ledger, ledger.round("aiempi"))
    risks = {aid: v.values.get("risks") for aid, v in past.state.values.items() if v.values.get("risks")}
    assert risks["01.03.01"].startswith("Keusoten tuottavuusohjelman toteutus")
    rows = list(csv.DictReader(io.StringIO(to_csv(export_rows(past)).lstrip("\ufeff")), delimiter=";"))
    assert {r["action_id"]: r["risks"] for r in rows if r["risks"]} == risks


# ---------------------------------------------------------------------------------------- every kind
def _all_kinds(tmp_path, fixtures_dir):
    return plan(open_round(tmp_path, fixtures_dir, "keuruu", preset="mittarit", extra_preset=ALL_KINDS))


def test_number_date_and_choice_inputs_arrive_exactly(tmp_path, fixtures_dir):
    rnd = _all_kinds(tmp_path, fixtures_dir)
    fill_openpyxl(rnd)
    sync_folder(rnd.root)
    assert_every_value_arrived(rnd)
    doc = json.loads(to_json(export_rows(_view(rnd.root))))
    first = doc["rows"][0]["inputs"]
    assert isinstance(first["toteutunut"], float | int) and not isinstance(first["toteutunut"], bool)
    assert dt.date.fromisoformat(first["valmis"]) and first["tila"] == "aikataulussa"


def test_the_workbook_validates_each_kind_with_finnish_words(tmp_path, fixtures_dir):
    rnd = _all_kinds(tmp_path, fixtures_dir)
    path = sorted(rnd.workbooks.values())[0]
    wb = openpyxl.load_workbook(path)
    ws = wb[rnd.sheet]
    heads = {c.value: c.column_letter for c in ws[6] if c.value}
    assert "Toteutunut arvo (%)" in heads and "Valmistumispäivä" in heads and "Aikataulun tila" in heads
    by_col = {heads[t]: dv for t in heads for dv in ws.data_validations.dataValidation
              if str(dv.sqref).startswith(heads[t] + "7:")}
    number = by_col[heads["Toteutunut arvo (%)"]]
    assert (number.type, number.operator or "between") == ("decimal", "between")     # between: OOXML's default
    assert (float(number.formula1), float(number.formula2)) == (0, 100)
    assert "luku" in number.prompt and "0–100" in number.prompt and "ilman sanoja" in number.prompt
    assert number.errorStyle in (None, "stop") and "Luku ei kelpaa" == number.errorTitle
    date = by_col[heads["Valmistumispäivä"]]
    assert date.type == "date" and "15.5.2025" in date.prompt
    choice = by_col[heads["Aikataulun tila"]]
    assert choice.type == "list" and choice.formula1.startswith("'_listat'!$C$1")
    text = by_col[heads["Riskit"]]
    assert text.type == "textLength" and text.formula1 == "120"
    # the unlocked cells are exactly the input cells
    unlocked = {c.coordinate for row in ws.iter_rows(min_row=1, max_row=ws.max_row) for c in row
                if c.protection is not None and c.protection.locked is False}
    # ... and the ready block's mark and approver (the approver's cell merged over the first two input columns)
    mark, approver = rnd.ready_cells[path.name]
    merged = next(m for m in ws.merged_cells.ranges if approver in m)
    block = {mark} | {c.coordinate for row in ws[merged.coord] for c in row}
    assert block == {"G2", "G3", "H3"}
    assert unlocked == {c.ref for c in rnd.cells if c.file == path.name} | block


BAD_VALUES = [
    ("toteutunut", "noin 40 %", "invalid-number", "pelkkä luku (0–100, enintään 1 desimaalia)"),
    ("toteutunut", "40 %", "invalid-number", "ilman sanoja ja yksikköä"),
    ("toteutunut", 140, "invalid-number", "luku ei ole sallitulla välillä"),
    ("toteutunut", 12.345, "invalid-number", "liian monta desimaalia"),
    ("valmis", "ensi viikolla", "invalid-date", "muodossa 15.5.2025 väliltä 1.1.2024–31.12.2030"),
    ("valmis", dt.date(2040, 1, 1), "invalid-date", "sallitulla välillä"),
    ("tila", "ehkä", "invalid-choice", "aikataulussa, myöhässä, keskeytetty"),
    ("riskit", "x" * 121, "input-too-long", "121 merkkiä, enintään 120"),
    ("toteutunut", None, "missing-input", "Toteutunut arvo (%) puuttuu"),
]


@pytest.fixture(scope="module")
def bad_round(tmp_path_factory, fixtures_dir):
    """One every-kind round whose workbooks hold each bad value on an action of its own."""
    rnd = _all_kinds(tmp_path_factory.mktemp("bad"), fixtures_dir)
    actions = list(dict.fromkeys(c.action_id for c in rnd.cells))
    placed = {(aid, key): typed for aid, (key, typed, _code, _words) in zip(actions, BAD_VALUES)}
    fill_openpyxl(rnd, override=placed)
    sync_folder(rnd.root)
    return rnd, _view(rnd.root), actions


@pytest.mark.parametrize("i", range(len(BAD_VALUES)), ids=[f"{b[0]}-{b[2]}" for b in BAD_VALUES])
def test_each_kinds_bad_value_is_a_located_finding(bad_round, i):
    rnd, view, actions = bad_round
    key, _typed, code, words = BAD_VALUES[i]
    aid = actions[i]
    target = next(c for c in rnd.cells if c.action_id == aid and c.key == key)
    (f,) = [f for f in view.findings if f.code == code and f.action_id == aid]
    assert (f.file, f.sheet, f.cell) == (target.file, rnd.sheet, target.ref)
    said = f.message("fi") + " " + f.hint("fi")
    assert words in said, said
    assert f.message("sv") != f.message("fi") and f.message("en") != f.message("fi")
    assert view.state.value(aid).value(key) is None     # a bad value is never merged, never a guess (no 0.4, no 40)
    assert f.severity.value == ("warning" if code == "missing-input" else "error")


def test_the_rows_without_a_bad_value_arrive_exactly(bad_round):
    rnd, view, actions = bad_round
    bad = set(actions[:len(BAD_VALUES)])
    good = [c for c in rnd.cells if c.action_id not in bad]
    assert good and all(view.state.value(c.action_id).value(c.key) == c.expected for c in good)


def test_a_return_whose_inputs_differ_from_the_rounds_is_refused(tmp_path, fixtures_dir):
    rnd = _all_kinds(tmp_path, fixtures_dir)
    from seuranta_xl.core.inputs import inputs_json
    name, path = sorted(rnd.workbooks.items())[0]
    wb = openpyxl.load_workbook(path)
    meta = wb["_seuranta"]
    row = next(r for r in range(1, 20) if meta.cell(r, 1).value == "inputs")
    changed = json.loads(meta.cell(row, 2).value)
    changed[2]["max"] = 1000                    # a wider number rule: another input set than signed
    meta.cell(row, 2).value = json.dumps(changed)
    wb.save(rnd.returns / name)
    sync_folder(rnd.root)
    (f,) = [f for f in _view(rnd.root).findings if f.file == name]
    assert f.code == "signature-invalid"         # the inputs are in the signed identity
    assert inputs_json(None) is None


def test_a_default_round_signs_and_reads_as_before(tmp_path, fixtures_dir):
    """A round without stored inputs asks grade + comment exactly as it always did (the workbook says
    'default' and signs no inputs at all), so workbooks made before #16 verify."""
    root = open_round(tmp_path, fixtures_dir, "keuruu").root
    new_round(root, "vanha")
    from seuranta_xl.workbook.generate import generate_round
    made = generate_round(root, round_id="vanha")
    wb = openpyxl.load_workbook(made.files[0][0])
    meta = {r[0].value: r[1].value for r in wb["_seuranta"].iter_rows(max_row=19) if r[0].value}
    assert meta["inputs"] == "default" and set(json.loads(meta["columns"])) >= {"grade", "comment"}
    ws = wb[meta["data_sheet"]]
    assert "Täytä sarakkeet Arvio ja Kommentti" in ws["D4"].value or any(
        "Täytä sarakkeet Arvio ja Kommentti" in str(c.value) for c in ws[4] if c.value)


def test_newest_wins_per_input_and_two_current_versions_that_disagree_are_named(tmp_path, fixtures_dir):
    """The returns model per input: a newer version that leaves an input empty keeps the older value
    (value-cleared names the input); two current versions with different values: conflicting-versions."""
    rnd = _all_kinds(tmp_path, fixtures_dir)
    name = sorted({c.file for c in rnd.cells})[0]
    first = next(c for c in rnd.cells if c.file == name and c.key == "riskit")
    number = next(c for c in rnd.cells if c.file == name and c.key == "toteutunut" and c.action_id != first.action_id)

    def save(dst: str, saved: dt.datetime, changes: dict) -> None:
        wb = openpyxl.load_workbook(rnd.workbooks[name])
        ws = wb[rnd.sheet]
        for c in rnd.cells:
            if c.file == name:
                ws[c.ref] = changes.get((c.action_id, c.key), c.typed)
        wb.properties.modified = saved
        wb.save(rnd.returns / dst)

    save("v1.xlsx", dt.datetime(2025, 5, 1, 9), {})
    save("v2.xlsx", dt.datetime(2025, 5, 2, 9), {(first.action_id, "riskit"): None,
                                                 (number.action_id, "toteutunut"): 77.5})
    sync_folder(rnd.root)
    view = _view(rnd.root)
    assert view.state.value(first.action_id).value("riskit") == first.expected      # the older value stays
    (cleared,) = [f for f in view.findings if f.code == "value-cleared"]
    assert (cleared.file, cleared.cell, cleared.action_id) == ("v2.xlsx", first.ref, first.action_id)
    assert "Riskit" in cleared.message("fi")
    (conflict,) = [f for f in view.findings if f.code == "conflicting-versions"]
    assert conflict.action_id == number.action_id and conflict.cell == number.ref
    assert view.state.value(number.action_id).value("toteutunut") == "77.5"          # saved later wins
    said = conflict.message("fi")
    assert "Toteutunut arvo" in said and "77.5" in said and number.expected in said


@pytest.mark.parametrize("lang, number_words, date_words, choice_words", [
    ("sv", "Skriv ett tal mellan 0 och 100", "Skriv ett datum som 15.5.2025", "Välj i listan"),
    ("en", "Type a number from 0 to 100", "Type a date as 2025-05-15", "Choose from the list"),
])
def test_a_swedish_or_english_project_explains_each_kind_in_its_language(tmp_path, fixtures_dir, lang,
                                                                          number_words, date_words, choice_words):
    rnd = plan(open_round(tmp_path, fixtures_dir, "keuruu", preset="mittarit", extra_preset=ALL_KINDS,
                          language=lang))
    ws = openpyxl.load_workbook(sorted(rnd.workbooks.values())[0])[rnd.sheet]
    prompts = {dv.prompt: dv for dv in ws.data_validations.dataValidation}
    said = " ".join(prompts)
    assert number_words in said and date_words in said and choice_words in said
    errors = " ".join(dv.error or "" for dv in prompts.values())
    assert "Toteutunut arvo" in errors and "luku" not in errors.split("Toteutunut arvo")[1][:60]
    fill_openpyxl(rnd, override={(rnd.cells[2].action_id, "toteutunut"): "noin 40 %"})
    sync_folder(rnd.root)
    (f,) = [f for f in _view(rnd.root).findings if f.code == "invalid-number"]
    assert f.message(lang) != f.message("fi") and "noin 40 %" in f.message(lang)


def test_a_percent_column_holding_a_fraction_is_said_but_taken(tmp_path, fixtures_dir):
    """Excel turns "40 %" typed into a number cell into 0.4: a % column's 0.4 is number-looks-like-percent
    (a warning naming the cell and 40), and 0.4 stays the value (it may be meant)."""
    rnd = _all_kinds(tmp_path, fixtures_dir)
    target = next(c for c in rnd.cells if c.key == "toteutunut")
    fill_openpyxl(rnd, override={(target.action_id, "toteutunut"): 0.4})
    sync_folder(rnd.root)
    view = _view(rnd.root)
    (f,) = [f for f in view.findings if f.code == "number-looks-like-percent"]
    assert (f.cell, f.action_id, f.severity.value) == (target.ref, target.action_id, "warning")
    assert "”40 %”" in f.message("fi") and "0,4" in f.message("fi")
    assert view.state.value(target.action_id).value("toteutunut") == "0.4"
