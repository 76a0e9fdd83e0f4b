"""Department workbooks read back with openpyxl: the workbook contract (docs/workbook.md)."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.builders import (add_return, add_round, import_keuruu_results, keuruu_rows, keuruu_strategy, make_project,
                      strategy_from_rows, synthetic_strategy)
from seuranta_xl.core import identity as idn
from seuranta_xl.core.model import Scale, ScaleStep
from seuranta_xl.store.project import Project
from seuranta_xl.workbook.columns import inline_list, row_height
from seuranta_xl.workbook.generate import generate_round, previous_values

# --------------------------------------------------------------------------------------- helpers


def meta_of(wb) -> tuple[dict[str, str], list[tuple[str, str]]]:
    ws = wb[idn.META_SHEET]
    meta = {ws.cell(i + 1, 1).value: ws.cell(i + 1, 2).value for i in range(len(idn.META_KEYS))}
    rows = []
    r = idn.META_ROWS_START
    while ws.cell(r, 1).value is not None:
        rows.append((ws.cell(r, 1).value, ws.cell(r, 2).value))
        r += 1
    return meta, rows


def identity_from_sheet(wb) -> tuple[idn.Identity, str]:
    """Recompute the identity from what the data sheet shows now (as the reader does)."""
    meta, _ = meta_of(wb)
    cols = json.loads(meta["columns"])
    ws = wb[meta["data_sheet"]]
    # the locked texts of a row; from template version 2 the department is the identity's, not a column
    keys = [k for k in idn.STRUCTURE_KEYS if k in cols or k == "department"]
    ids, hashes = [], []
    r = int(meta["first_data_row"])
    while ws[f"{cols['id']}{r}"].value not in (None, ""):
        texts = [str(ws[f"{cols[k]}{r}"].value or "") if k in cols else meta["department"] for k in keys]
        ids.append(texts[0])
        hashes.append(idn.row_hash(texts))
        r += 1
    ident = idn.Identity(project_id=meta["project_id"], round_id=meta["round_id"], department=meta["department"],
                         template_version=meta["template_version"], row_ids=ids, row_hashes=hashes,
                         references=idn.parse_references(meta.get("references")), ready=meta.get("ready") or "")
    return ident, meta["signature"]


def unlocked_cells(ws, margin: int = 5) -> set[str]:
    out = set()
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row + margin, max_col=ws.max_column + margin):
        for cell in row:
            if not cell.protection.locked:
                out.add(cell.coordinate)
    return out


def covered(dv, coord: str) -> bool:
    return any(coord in rng for rng in dv.sqref.ranges)


def check_contract(path: Path, secret: str, n_rows: int) -> None:
    wb = openpyxl.load_workbook(path)
    meta, meta_rows = meta_of(wb)
    assert set(meta) == set(idn.META_KEYS)
    assert all(isinstance(v, str) and v for v in meta.values())
    cols = json.loads(meta["columns"])
    ws = wb[meta["data_sheet"]]
    first, header = int(meta["first_data_row"]), int(meta["header_row"])
    last = first + n_rows - 1
    # unlocked cells are exactly the input cells of data rows and the ready block (mark, approver: merged
    # over the comment column)
    ready = json.loads(meta["ready"])
    assert (ready["mark"], ready["approver"]) == (f"{cols['grade']}2", f"{cols['grade']}3")
    expected = {f"{cols[k]}{r}" for k in idn.INPUT_KEYS for r in range(first, last + 1)}
    expected |= {ready["mark"], ready["approver"], f"{cols['comment']}3"}
    assert unlocked_cells(ws) == expected
    assert ws[ready["mark"]].value is None and ws[ready["approver"]].value is None    # a new workbook is a draft
    # protection
    assert ws.protection.sheet and ws.protection.password
    assert ws.protection.autoFilter is False and ws.protection.sort is False  # allowed on the protected sheet
    assert wb.security is not None and wb.security.lockStructure
    for name in (idn.META_SHEET, idn.LISTS_SHEET):
        assert wb[name].protection.sheet
    assert wb[idn.META_SHEET].sheet_state == "veryHidden"
    assert wb[idn.LISTS_SHEET].sheet_state == "hidden"
    # grade cells: a list validation of at most 255 characters; comment cells: a length validation
    dvs = ws.data_validations.dataValidation
    lists = [dv for dv in dvs if dv.type == "list"]
    lengths = [dv for dv in dvs if dv.type == "textLength"]
    for r in range(first, last + 1):
        assert sum(covered(dv, f"{cols['grade']}{r}") for dv in lists) == 1
        assert sum(covered(dv, f"{cols['comment']}{r}") for dv in lengths) == 1
    for dv in lists:
        assert len(dv.formula1) <= 255
        assert dv.showErrorMessage and dv.errorStyle in (None, "stop") and dv.error and dv.prompt
    # header row titles match the columns JSON
    titles = {ws[f"{letter}{header}"].value for letter in cols.values()}
    assert "ID" in titles and len(titles) == len(cols)
    # signature
    ident, sig = identity_from_sheet(wb)
    assert ident.verify(sig, secret)
    assert [i for i, _ in meta_rows] == ident.row_ids
    assert [h for _, h in meta_rows] == ident.row_hashes
    assert meta["fingerprint"] == ident.fingerprint


@pytest.fixture
def keuruu(tmp_path) -> Project:
    project = make_project(tmp_path / "keuruu", keuruu_strategy())
    return project


# --------------------------------------------------------------------------------------- tests


def test_keuruu_one_workbook_per_department_with_contract(keuruu):
    add_round(keuruu, "2024-kevat", title="Strategian seuranta kevät 2024", deadline=dt.date(2024, 5, 15))
    result = generate_round(keuruu.root)
    config = keuruu.load_config()
    strategy = keuruu_strategy()
    assert result.round_id == "2024-kevat" and result.language == "fi"
    assert result.out_dir == keuruu.root / "lomakkeet" / "2024-kevat"
    names = sorted(p.name for p, _ in result.files)
    assert names == ["2024-kevat_Elinvoima ja asuinympäristö.xlsx", "2024-kevat_Hallinto- ja konsernipalvelut.xlsx",
                     "2024-kevat_Kasvu ja hyvinvointi.xlsx"]
    assert sum(n for _, n in result.files) == len(keuruu_rows()) == 134
    assert sorted(p.name for p in result.out_dir.iterdir()) == names  # nothing else left behind
    assert not [p for p in result.out_dir.parent.iterdir() if p.name.startswith(".")]
    for path, n in result.files:
        check_contract(path, config.secret, n)
        wb = openpyxl.load_workbook(path)
        meta, rows = meta_of(wb)
        dept = meta["department"]
        assert [i for i, _ in rows] == [r.id for r in strategy.rows_for(dept)]
        cols = json.loads(meta["columns"])
        assert "prev_grade" not in cols and "indicator" not in cols  # no previous round, no indicators
        ws = wb[meta["data_sheet"]]
        first = int(meta["first_data_row"])
        assert "department" not in cols and meta["template_version"] == "2"   # the department once, at the top
        assert ws["A2"].value == f"Vastuutaho: {dept}" and dept in ws.oddFooter.left.text
        for i, row in enumerate(strategy.rows_for(dept)):
            assert ws[f"{cols['action']}{first + i}"].value == row.action.text
            assert dept not in [c.value for c in ws[first + i]]


def test_layout_title_block_freeze_filter_print(keuruu):
    add_round(keuruu, "2024-kevat", title="Kevät 2024", deadline=dt.date(2024, 5, 15))
    path, n = generate_round(keuruu.root).files[0]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["Seuranta", "Ohjeet"] and wb.active.title == "Seuranta"
    ws = wb["Seuranta"]
    meta, _ = meta_of(wb)
    header, first = int(meta["header_row"]), int(meta["first_data_row"])
    assert ws["A1"].value == "Keuruun kaupunki – Kevät 2024"
    assert ws["A2"].value.startswith("Vastuutaho: ")
    assert ws["A3"].value == "Palautettava viimeistään 15.5.2024"
    assert ws["A4"].value.startswith("=(ROWS(") and "arvioitu" in ws["A4"].value
    assert [ws.cell(header, c).value for c in range(1, 10)] == [
        "ID", "Painopiste", "Tavoite", "Toimenpide", "Arvio", "Kommentti", "Tila", None, None]
    assert ws.freeze_panes == f"B{first}"
    assert ws.auto_filter.ref == f"A{header}:G{first + n - 1}"
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)  # 1 is the default
    assert ws.page_setup.fitToHeight == 0
    assert ws[f"D{first}"].alignment.wrap_text
    assert ws.row_dimensions[first].height >= 15
    # cached values a values-only reader (calamine) sees before any recalculation
    values = openpyxl.load_workbook(path, data_only=True)["Seuranta"]
    assert values["A4"].value == f"0 / {n} arvioitu"
    assert values[f"G{first}"].value == "puuttuu"
    # conditional formats cover the grade column (missing + one per step) and the status column
    ranges = {str(cf.sqref): len(cf.rules) for cf in ws.conditional_formatting}
    assert ranges[f"E{first}:E{first + n - 1}"] == 1 + 5
    assert f"G{first}:G{first + n - 1}" in ranges
    # every header word fits its column, and the header row is tall enough for the titles wrapped
    for c in range(1, 8):
        title, width = ws.cell(header, c).value, ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
        assert max(len(w) for w in title.split()) * 1.1 <= width, title
    assert ws.row_dimensions[header].height >= 30


@pytest.mark.parametrize(("scale", "inline"), [("1-5", True), ("kylla-kesken-ei", True), ("1-5-kuvaus", False)])
def test_grade_list_inline_or_range(tmp_path, scale, inline):
    project = make_project(tmp_path / "p", keuruu_strategy())
    add_round(project, "r1", scale_name=scale)
    path, n = generate_round(project.root).files[0]
    wb = openpyxl.load_workbook(path)
    dv = next(d for d in wb["Seuranta"].data_validations.dataValidation if d.type == "list")
    steps = project.scale(scale).steps
    lists = wb[idn.LISTS_SHEET]
    assert [lists.cell(i + 1, 1).value for i in range(len(steps))] == [s.display for s in steps]
    if inline:
        assert dv.formula1 == '"' + ",".join(s.display for s in steps) + '"'
    else:
        assert dv.formula1 == f"'{idn.LISTS_SHEET}'!$A$1:$A${len(steps)}"
    assert dv.promptTitle == "Arvio" and dv.errorTitle == "Arvio ei kelpaa"
    check_contract(path, project.load_config().secret, n)


def test_inline_list_limit():
    long = Scale(name="pitkä", steps=[ScaleStep(value=str(i), label=f"{i} " + "x" * 60) for i in range(1, 6)])
    assert inline_list(long) is None
    comma = Scale(name="pilkku", steps=[ScaleStep(value="a", label="yksi, kaksi"), ScaleStep(value="b", label="b")])
    assert inline_list(comma) is None
    assert inline_list(Scale(name="x", steps=[ScaleStep(value="1", label="1"), ScaleStep(value="2", label="2")])) \
        == ["1", "2"]


def test_signature_fails_after_any_locked_text_change(keuruu, tmp_path):
    add_round(keuruu, "r1")
    path, n = generate_round(keuruu.root).files[0]
    secret = keuruu.load_config().secret
    wb = openpyxl.load_workbook(path)
    ident, sig = identity_from_sheet(wb)
    assert ident.verify(sig, secret)
    meta, _ = meta_of(wb)
    cols = json.loads(meta["columns"])
    first = int(meta["first_data_row"])
    for key in ("id", "focus_area", "goal", "action"):
        copy = tmp_path / f"tampered_{key}.xlsx"
        shutil.copy(path, copy)
        wb2 = openpyxl.load_workbook(copy)
        cell = wb2["Seuranta"][f"{cols[key]}{first + 1}"]
        cell.value = cell.value + " muutettu"
        wb2.save(copy)
        ident2, sig2 = identity_from_sheet(openpyxl.load_workbook(copy))
        assert not ident2.verify(sig2, secret), key
    # claiming another department in the meta sheet breaks the signature too
    wb3 = openpyxl.load_workbook(path)
    wb3[idn.META_SHEET]["B3"] = "Kasvu ja hyvinvointi"
    ident3, sig3 = identity_from_sheet(wb3)
    assert ident3.department == "Kasvu ja hyvinvointi" and not ident3.verify(sig3, secret)
    # a filled-in grade and comment do not
    wb4 = openpyxl.load_workbook(path)
    wb4["Seuranta"][f"{cols['grade']}{first}"] = 4
    wb4["Seuranta"][f"{cols['comment']}{first}"] = "Edennyt hyvin."
    ident4, sig4 = identity_from_sheet(wb4)
    assert ident4.verify(sig4, secret)


def test_previous_round_reference_columns(keuruu):
    import_keuruu_results(keuruu, "2023-syys")
    add_round(keuruu, "2024-kevat", scale_name="1-5-kuvaus")
    result = generate_round(keuruu.root)
    strategy = keuruu_strategy()
    source = {row.id: src for row, src in zip(strategy.rows(), keuruu_rows(), strict=True)}
    scale = keuruu.scale("1-5")
    config = keuruu.load_config()
    for path, n in result.files:
        check_contract(path, config.secret, n)
        wb = openpyxl.load_workbook(path)
        meta, rows = meta_of(wb)
        cols = json.loads(meta["columns"])
        assert list(cols) == ["id", "focus_area", "goal", "action", "prev_grade", "prev_comment",
                              "grade", "comment", "status"]
        ws = wb["Seuranta"]
        header, first = int(meta["header_row"]), int(meta["first_data_row"])
        assert ws[f"{cols['prev_grade']}{header}"].value == "Edellinen arvio"
        for i, (rid, _) in enumerate(rows):
            src = source[rid]
            prev = ws[f"{cols['prev_grade']}{first + i}"]
            assert prev.value == int(scale.step(src["grade"]).value) and prev.data_type == "n"   # a number
            assert (ws[f"{cols['prev_comment']}{first + i}"].value or "") == src["comment"]
            assert ws[f"{cols['prev_grade']}{first + i}"].protection.locked
        assert ws[f"{cols['prev_grade']}{first}"].fill.fgColor.rgb.endswith("EDEDED")


def test_previous_values_newest_accepted_non_empty_wins(tmp_path):
    rows = [{"id": f"A{i}", "focus_area": "P", "goal": "G", "action": f"Teksti {i}", "department": "D"}
            for i in range(1, 5)]
    project = make_project(tmp_path / "p", strategy_from_rows(rows))
    add_round(project, "r1")
    add_return(project, "r1", "D", {"A1": ("2", "vanha"), "A2": ("3", "vanha"), "A3": ("1", "vanha")},
               saved_at="2024-01-01T00:00:00+00:00")
    add_return(project, "r1", "D", {"A1": ("4", "uusi"), "A2": (None, None)}, saved_at="2024-02-01T00:00:00+00:00")
    add_return(project, "r1", "D", {"A3": ("5", "hylätty")}, saved_at="2024-03-01T00:00:00+00:00", accepted=False)
    # an older file that arrived last does not win
    add_return(project, "r1", "D", {"A1": ("1", "myöhässä saapunut vanha")}, saved_at="2023-12-01T00:00:00+00:00")
    rnd2 = add_round(project, "r2")
    with project.ledger() as ledger:
        values = previous_values(ledger, rnd2)
        assert values == {"A1": ("4", "uusi"), "A2": ("3", "vanha"), "A3": ("1", "vanha")}
        assert previous_values(ledger, ledger.round("r1")) == {}


def test_indicator_column_only_when_strategy_has_indicators(tmp_path):
    project = make_project(tmp_path / "p", synthetic_strategy(2, 5, indicators=True))
    add_round(project, "r1")
    result = generate_round(project.root)
    for path, n in result.files:
        check_contract(path, project.load_config().secret, n)
        meta, _ = meta_of(openpyxl.load_workbook(path))
        assert "indicator" in json.loads(meta["columns"])


@pytest.mark.parametrize(("lang", "data", "instr", "count"), [
    ("sv", "Uppföljning", "Anvisningar", "bedömda"), ("en", "Follow-up", "Instructions", "graded")])
def test_languages(tmp_path, lang, data, instr, count):
    project = make_project(tmp_path / "p", synthetic_strategy(1, 3), language=lang,
                           columns={"grade": "Bedömning" if lang == "sv" else "Grade", "comment": "Kommentar"})
    add_round(project, "r1")
    result = generate_round(project.root)
    assert result.language == lang
    path, n = result.files[0]
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb.sheetnames[:2] == [data, instr]
    meta, _ = meta_of(wb)
    assert meta["data_sheet"] == data
    assert count in wb[data]["A4"].value
    header = int(meta["header_row"])
    cols = json.loads(meta["columns"])
    assert wb[data][f"{cols['grade']}{header}"].value == ("Bedömning" if lang == "sv" else "Grade")
    check_contract(path, project.load_config().secret, n)


def test_comment_rule_in_status_formula(tmp_path):
    project = make_project(tmp_path / "p", synthetic_strategy(1, 2), comments={"required_at_or_below": "2"})
    add_round(project, "r1")
    path, _ = generate_round(project.root).files[0]
    ws = openpyxl.load_workbook(path)["Seuranta"]
    assert "kommentti puuttuu" in ws["G7"].value and "<=2" in ws["G7"].value


def test_comment_max_length_from_config(tmp_path):
    project = make_project(tmp_path / "p", synthetic_strategy(1, 2), comments={"max_length": 500})
    add_round(project, "r1")
    path, _ = generate_round(project.root).files[0]
    ws = openpyxl.load_workbook(path)["Seuranta"]
    dv = next(d for d in ws.data_validations.dataValidation if d.type == "textLength")
    assert dv.operator == "lessThanOrEqual" and dv.formula1 == "500" and "500" in dv.prompt


def test_unsafe_department_names_make_safe_unique_files(tmp_path):
    rows = [{"id": f"A{i}", "focus_area": "P", "goal": "G", "action": f"T{i}", "department": d}
            for i, d in enumerate(["Tekniset/palvelut: kunta?", "tekniset_palvelut_ kunta_", "CON", "Sivistys. "])]
    project = make_project(tmp_path / "p", strategy_from_rows(rows))
    add_round(project, "r1")
    result = generate_round(project.root)
    names = [p.name for p, _ in result.files]
    assert len({n.casefold() for n in names}) == 4
    for name in names:
        assert not set('<>:"/\\|?*') & set(name) and not name[:-5].endswith((".", " "))
    for path, n in result.files:
        check_contract(path, project.load_config().secret, n)
        meta, _ = meta_of(openpyxl.load_workbook(path))
        assert meta["department"] in [r["department"] for r in rows]  # the real name is kept inside


def test_regenerate_replaces_files_in_existing_folder(keuruu):
    add_round(keuruu, "r1")
    first = generate_round(keuruu.root)
    second = generate_round(keuruu.root)
    assert [p for p, _ in first.files] == [p for p, _ in second.files]
    assert len(list(second.out_dir.iterdir())) == 3


def test_row_height_grows_with_text():
    assert row_height([("lyhyt", 40)]) < row_height([("pitkä teksti " * 40, 40)])
    assert row_height([("a\nb\nc\nd\ne", 40)]) > row_height([("a", 40)])


def test_scale_with_duplicate_values_raises():
    with pytest.raises(ValueError, match="duplicate value"):
        Scale(name="tupla", steps=[ScaleStep(value="1", label="yksi"), ScaleStep(value="1", label="toinen")])
