"""`round new … --carry-comments` (issue 13): last round's comment as starting text, marked so that a
carried comment left untouched is reported (carried-comment) and never taken as a new assessment."""
from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.store.roundview import load_round
from tests.libreoffice import read_csv, to_csv
from tests.returns_kit import ROUND, Kit

NEXT = "2024-kevat"
HKP = "Hallinto- ja konsernipalvelut"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def kit(tmp_path):
    kit = Kit(tmp_path)
    folder = kit.proj / "palautukset" / ROUND
    shutil.copyfile(kit.fill("Hallinto"), folder / "hkp.xlsx")
    assert run("sync", "--project", str(kit.proj)).exit_code == 0
    assert run("round", "close", ROUND, "--project", str(kit.proj)).exit_code == 0
    res = run("round", "new", NEXT, "--carry-comments", "--project", str(kit.proj))
    assert res.exit_code == 0 and f"kierroksen {ROUND} kommentit" in res.output, res.output
    assert run("generate", "--project", str(kit.proj)).exit_code == 0
    return kit


def _sheet(path):
    wb = openpyxl.load_workbook(path)
    meta = {r[0].value: r[1].value for r in wb["_seuranta"].iter_rows(max_row=19) if r[0].value}
    return wb, wb[meta["data_sheet"]], json.loads(meta["columns"]), int(meta["first_data_row"])


def test_the_workbook_starts_from_last_rounds_comments_and_marks_them(kit):
    with kit.project.ledger() as ledger:
        before = load_round(ledger, ledger.round(ROUND)).state
    path = kit.proj / "lomakkeet" / NEXT / f"{NEXT}_{HKP}.xlsx"
    _, ws, cols, first = _sheet(path)
    aid = ws[f"{cols['id']}{first}"].value
    assert ws[f"{cols['comment']}{first}"].value == before.value(aid).comment       # the starting text
    assert ws[f"{cols['comment']}{first}"].protection.locked is False
    assert "päivitä kommentti" in ws[f"{cols['status']}{first}"].value              # the Tila formula
    assert any("pohjana edellisen kierroksen kommentti" in (c.value or "")
               for row in openpyxl.load_workbook(path)["Ohjeet"].iter_rows() for c in row)


@pytest.mark.libreoffice
def test_libreoffice_computes_the_mark(kit, tmp_path):
    """A carried comment with a grade still says "päivitä kommentti" in the Tila column, as computed."""
    path = kit.proj / "lomakkeet" / NEXT / f"{NEXT}_{HKP}.xlsx"
    wb, ws, cols, first = _sheet(path)
    ws[f"{cols['grade']}{first}"] = 3
    wb.save(tmp_path / "graded.xlsx")
    sheets = to_csv(tmp_path / "graded.xlsx", tmp_path / "csv")
    rows = read_csv(next(p for name, p in sheets.items() if "Seuranta" in name))
    status_col = openpyxl.utils.column_index_from_string(cols["status"]) - 1
    assert rows[first - 1][status_col] == "päivitä kommentti"
    assert rows[first][status_col] == "puuttuu"                  # the next row has no grade yet


def test_an_untouched_carried_comment_is_reported_and_not_taken(kit):
    path = kit.proj / "lomakkeet" / NEXT / f"{NEXT}_{HKP}.xlsx"
    wb, ws, cols, first = _sheet(path)
    rows = [r for r in range(first, ws.max_row + 1) if ws[f"{cols['id']}{r}"].value]
    carried = {}
    for i, r in enumerate(rows):
        ws[f"{cols['grade']}{r}"] = 4
        carried[ws[f"{cols['id']}{r}"].value] = ws[f"{cols['comment']}{r}"].value
        if i == 0:
            ws[f"{cols['comment']}{r}"] = (ws[f"{cols['comment']}{r}"].value or "") + " Päivitetty keväällä."
    wb.save(kit.proj / "palautukset" / NEXT / path.name)
    res = run("sync", "--json", "--round", NEXT, "--project", str(kit.proj))
    doc = json.loads(res.stdout)
    flagged = [f for f in doc["findings"] if f["code"] == "carried-comment"]
    untouched = [aid for i, (aid, c) in enumerate(carried.items()) if c and i > 0]
    assert sorted(f["action_id"] for f in flagged) == sorted(untouched) and len(untouched) > 10
    assert all(f["cell"].startswith(cols["comment"]) and ROUND in f["message"] for f in flagged)
    with kit.project.ledger() as ledger:
        state = load_round(ledger, ledger.round(NEXT)).state
    first_id = next(iter(carried))
    assert state.value(first_id).comment.endswith("Päivitetty keväällä.")       # edited: taken
    assert all(state.value(aid).comment is None for aid in untouched)            # untouched: never taken
    assert all(state.value(aid).grade == "4" for aid in carried)


def test_carry_needs_an_earlier_round(tmp_path):
    from tests.builders import keuruu_strategy, make_project
    project = make_project(tmp_path / "p", keuruu_strategy())
    res = run("round", "new", "r1", "--carry-comments", "--project", str(project.root))
    assert res.exit_code == 2 and "--carry-comments" in res.output
