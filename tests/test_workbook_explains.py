"""A department workbook that explains itself (#14): words for every step of the scale (defaults in
scales.toml, overridable in seuranta.toml), the previous grade as a number, headers that fit, and no
column that repeats the department (template version 2) — while a version 1 return is still read."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from seuranta_xl.core.identity import META_SHEET
from seuranta_xl.returns.sync import sync_folder
from seuranta_xl.store.project import builtin_scales
from seuranta_xl.store.rounds import new_round
from seuranta_xl.workbook.generate import generate_round
from tests.returns_kit import set_ready
from tests.builders import add_round, keuruu_rows, keuruu_strategy, make_project

DATA = Path(__file__).resolve().parent / "data" / "workbooks"
V1_RETURN = DATA / "v1_2023-syys_Kasvu ja hyvinvointi.xlsx"
V1_PROJECT = {"project_id": "0f" * 16, "secret": "5e" * 32}     # the project the version 1 workbook was made in


def _instructions(path: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(path).worksheets[1]          # Ohjeet / Anvisningar / Instructions
    return [(r[0].value, r[1].value) for r in ws.iter_rows(max_col=2)]


@pytest.mark.parametrize("lang,heading,three", [
    ("fi", "Merkitys", "Toteutus käynnissä: työ on aloitettu, ei vielä valmis."),
    ("sv", "Betydelse", "Genomförs: arbetet har påbörjats men är inte klart."),
    ("en", "Meaning", "Under way: the work has started but is not finished."),
])
def test_every_step_of_the_scale_in_words(tmp_path, lang, heading, three):
    project = make_project(tmp_path / "p", keuruu_strategy(), language=lang)
    add_round(project, "r1")
    rows = _instructions(generate_round(project.root).files[0][0])
    start = next(i for i, (a, b) in enumerate(rows) if b == heading)
    steps = rows[start + 1:start + 6]
    assert [a for a, _ in steps] == ["1", "2", "3", "4", "5"]
    assert all(b and b != a and len(b) > 10 for a, b in steps)      # never "1 | 1"
    assert steps[2][1] == three
    preset = builtin_scales()["1-5"]
    assert [b for _, b in steps] == [st.meaning_in(lang) for st in preset.steps]


def test_the_words_can_be_changed_in_seuranta_toml(tmp_path):
    own = {"1-5": {"name": "1-5", "steps": [
        {"value": str(i), "label": str(i), "meaning": {"fi": f"Oma selitys {i}"}} for i in range(1, 6)]}}
    project = make_project(tmp_path / "p", keuruu_strategy(), scales=own)
    new_round(project.root, "r1")
    rows = _instructions(generate_round(project.root).files[0][0])
    assert ("3", "Oma selitys 3") in rows


def test_labelled_steps_keep_their_label(tmp_path):
    project = make_project(tmp_path / "p", keuruu_strategy(), language="sv")
    add_round(project, "r1", scale_name="1-5-kuvaus")
    rows = _instructions(generate_round(project.root).files[0][0])
    assert ("3", "Genomförandet har påbörjats, inte klart ännu. (Toteutus on aloitettu, ei vielä valmis)") in rows


def fill(path: Path, dst: Path, edit=None) -> Path:
    wb = openpyxl.load_workbook(path)
    meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_row=19) if r[0].value}
    cols = json.loads(meta["columns"])
    ws = wb[meta["data_sheet"]]
    grades = {r["action"]: r["grade"] for r in keuruu_rows()}
    first = int(meta["first_data_row"])
    for r in range(first, ws.max_row + 1):
        if ws[f"{cols['id']}{r}"].value:
            assert not ws[f"{cols['grade']}{r}"].protection.locked
            ws[f"{cols['grade']}{r}"] = int(grades[ws[f"{cols['action']}{r}"].value])
    if meta.get("ready"):           # made with the ready block: marked ready as a finished return would be
        set_ready(ws, meta, "Kyllä", "Testi Hyväksyjä")
    if edit:
        edit(ws, cols, first)
    wb.save(dst)
    return dst


@pytest.fixture()
def v1_project(tmp_path):
    project = make_project(tmp_path / "p", keuruu_strategy(), **V1_PROJECT)
    new_round(project.root, "2023-syys", title="Syksy 2023")
    returns = tmp_path / "palautukset"
    returns.mkdir()
    return project, returns


def test_a_version_1_return_is_still_read(v1_project):
    project, returns = v1_project
    meta = {r[0].value: r[1].value for r in openpyxl.load_workbook(V1_RETURN)[META_SHEET].iter_rows(max_row=19)}
    assert meta["template_version"] == "1" and "department" in json.loads(meta["columns"])
    fill(V1_RETURN, returns / V1_RETURN.name.removeprefix("v1_"))
    result = sync_folder(project.root, returns)
    assert result.new_returns == 1 and result.rejected == 0
    assert {f.code for f in result.findings} == {"missing-return"}              # the other two departments
    graded = [v for v in result.view.state.values.values() if v.grade is not None]
    assert len(graded) == 47
    # made before the ready step: no ready block, taken as ready (back-compat), so it counts as returned
    [rec] = result.view.state.returns["Kasvu ja hyvinvointi"]
    assert "ready" not in meta and (rec.ready, rec.approver, rec.draft) == (None, None, False)
    from seuranta_xl.returns.status import department_rows
    states = {r.department: r.state for r in department_rows(result.view)}
    assert states["Kasvu ja hyvinvointi"] == "returned"


def test_a_version_1_returns_department_cells_are_still_checked(v1_project):
    project, returns = v1_project

    def rename(ws, cols, first):
        ws[f"{cols['department']}{first}"] = "Hallinto- ja konsernipalvelut"
    fill(V1_RETURN, returns / "muutettu.xlsx", edit=rename)
    result = sync_folder(project.root, returns)
    changed = [f for f in result.findings if f.code == "structure-changed"]
    assert len(changed) == 1 and changed[0].cell.startswith(json.loads(
        {r[0].value: r[1].value for r in openpyxl.load_workbook(V1_RETURN)[META_SHEET].iter_rows(max_row=19)}
        ["columns"])["department"])


def test_a_version_2_workbook_round_trips(v1_project, tmp_path):
    project, returns = v1_project
    path = generate_round(project.root).files[1][0]           # Kasvu ja hyvinvointi
    meta = {r[0].value: r[1].value for r in openpyxl.load_workbook(path)[META_SHEET].iter_rows(max_row=19)}
    assert meta["template_version"] == "2" and "department" not in json.loads(meta["columns"])
    shutil.copy(fill(path, tmp_path / "t.xlsx"), returns / path.name)
    result = sync_folder(project.root, returns)
    assert result.new_returns == 1 and {f.code for f in result.findings} == {"missing-return"}
