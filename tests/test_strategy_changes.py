"""Strategy changes between and during rounds (issue 13), on real edited tables built from the Keuruu seed
(tests/make_fixtures.py): the diff (added, removed, reworded, moved) with ids kept, saved in the ledger
and beside the project; the open round's outdated workbooks named and regenerated with --only-changed;
a return of an old workbook accepted for its unchanged actions and outdated-workbook for the rest."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.core.strategydiff import StrategyDiff, diff_strategies
from seuranta_xl.demo import fill_workbook
from seuranta_xl.returns.status import round_status
from seuranta_xl.store.project import Project
from seuranta_xl.strategy.importer import init_project
from tests.make_fixtures import KEURUU_TSV, build_keuruu, seed_lines

HKP, KASVU = "Hallinto- ja konsernipalvelut", "Kasvu ja hyvinvointi"
REWORD = "IT-käyttäjätukipalvelun kehittäminen"
MOVE = "Palvelinsalin siirtäminen pilveen"
REMOVE = "Tietoturvan ja käytettävyyden parantaminen"
ADDED = "Asukkaiden chat-palvelu otetaan käyttöön kirjastossa ja yhteispalvelupisteessä"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def edited_rows() -> list[list[str]]:
    """The seed with one action reworded, one moved to another department, one removed, one added."""
    out = []
    for cells in seed_lines(KEURUU_TSV):
        if len(cells) == 6 and cells[2].startswith(REWORD):
            cells = [cells[0], cells[1], REWORD + " ja etätuki", *cells[3:]]
        elif len(cells) == 6 and cells[2].startswith(MOVE):
            cells = [*cells[:3], KASVU, *cells[4:]]
        elif len(cells) == 6 and cells[2].startswith(REMOVE):
            continue
        out.append(cells)
        if len(cells) == 6 and cells[2].startswith("Parannamme asiakaspalvelua"):
            out.append([cells[0], cells[1], ADDED, cells[3], "", ""])
    return out


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "projekti"
    init_project(root, build_keuruu(tmp_path), results_round="2023-syys")
    return root


def _ids(root) -> dict[str, str]:
    with Project(root).ledger() as ledger:
        return {r.action.text: r.id for r in ledger.strategy()[1].rows()}


def test_the_diff_of_two_real_tables(project, tmp_path):
    with Project(project).ledger() as ledger:
        old = ledger.strategy()[1]
    before = _ids(project)
    result = init_project(project, build_keuruu(tmp_path, edited_rows(), name="muokattu.xlsx"), force=True)
    new = result.strategy
    diff = diff_strategies(old, new)
    assert [a.text for a in diff.added] == [ADDED]
    assert [r.text for r in diff.removed] == [next(t for t in before if t.startswith(REMOVE))]
    [reworded] = diff.reworded
    assert reworded.old.startswith(REWORD) and reworded.new.endswith("ja etätuki")
    assert reworded.id == before[reworded.old]                      # the id is kept
    [moved] = diff.moved
    assert (moved.old_department, moved.new_department) == (HKP, KASVU)
    assert moved.id == before[moved.text]                            # moved: the same id
    after = _ids(project)
    kept = [t for t in before if t in after]
    assert len(kept) == 134 - 2 and all(before[t] == after[t] for t in kept)
    assert diff.unchanged == 134 - 3 and sorted(diff.touched) == sorted({HKP, KASVU, diff.added[0].department})
    assert StrategyDiff.from_json(diff.to_json()) == diff
    with Project(project).ledger() as ledger:
        [(old_id, new_id, _at, saved)] = ledger.strategy_diffs()
    assert (old_id, new_id) == (1, 2) and StrategyDiff.from_json(saved) == diff
    assert result.update is not None and result.update.saved.read_text("utf-8").startswith("Strategian muutokset")


def test_strategy_update_names_outdated_workbooks_and_reads_old_returns(project, tmp_path):
    p = str(project)
    assert run("round", "new", "2024-kevat", "--deadline", "31.5.2024", "--project", p).exit_code == 0
    assert run("generate", "--project", p).exit_code == 0
    forms = project / "lomakkeet" / "2024-kevat"
    old_hkp = forms / f"2024-kevat_{HKP}.xlsx"
    returns = project / "palautukset" / "2024-kevat"
    fill_workbook(old_hkp, returns / old_hkp.name, {}, saved=dt.datetime(2024, 5, 20, 10, 0))
    untouched = {f.name: f.read_bytes() for f in forms.iterdir()}

    res = run("strategy", "update", str(build_keuruu(tmp_path, edited_rows(), name="muokattu.xlsx")), "--project", p)
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())          # wrapped to the terminal's width
    assert "1 lisätty, 1 poistettu, 1 muotoiltu uudelleen, 1 siirretty" in out and "tunnisteet säilyivät" in out
    assert "+ " in out and ADDED[:40] in out and "> " in out and f"{HKP} → {KASVU}" in out
    assert "Kierroksen 2024-kevat lomakkeet on tehty vanhasta tekstistä" in out and HKP in out
    assert "seuranta generate --only-changed" in out

    res = run("generate", "--only-changed", "--project", p)
    assert res.exit_code == 0, res.output
    written = {f.name for f in forms.iterdir() if f.read_bytes() != untouched.get(f.name)}
    doc = json.loads(run("strategy", "update", str(tmp_path / "muokattu.xlsx"), "--json", "--project", p).stdout)
    assert doc["summary"]["update"]["outdated"] == {}                # all regenerated now
    assert f"2024-kevat_{HKP}.xlsx" in written and f"2024-kevat_{KASVU}.xlsx" in written
    assert "2024-kevat_Elinvoima ja asuin ympäristö.xlsx" not in written   # not touched, not rewritten

    res = run("sync", "--json", "--project", p)
    doc = json.loads(res.stdout)
    outdated = [f for f in doc["findings"] if f["code"] == "outdated-workbook"]
    assert len(outdated) == 3 and {f["department"] for f in outdated} == {HKP}
    texts = " ".join(f["message"] for f in outdated)
    assert "teksti on muuttunut" in texts and f"siirretty vastuutaholle {KASVU}" in texts and "poistettu" in texts
    assert all(f["cell"] for f in outdated)
    _, rows, _ = round_status(project)
    hkp = next(r for r in rows if r.department == HKP)
    assert (hkp.actions, hkp.graded) == (52, 51)          # every unchanged action's grade merged


def test_init_force_prints_the_diff_too(project, tmp_path):
    res = run("init", "--strategy", str(build_keuruu(tmp_path, edited_rows(), name="m.xlsx")), "--force",
              "--project", str(project))
    assert res.exit_code == 0, res.output
    assert "Strategian muutokset (versio 1 → 2)" in res.output and "Muutokset tallennettu" in res.output
    res = run("init", "--strategy", str(tmp_path / "m.xlsx"), "--force", "--project", str(project))
    assert "Toimenpiteisiin ei tullut muutoksia." in res.output


def test_strategy_update_needs_a_project(tmp_path):
    res = run("strategy", "update", str(build_keuruu(tmp_path)), "--project", str(tmp_path / "ei"))
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert not (tmp_path / "ei" / "seuranta.toml").exists()
