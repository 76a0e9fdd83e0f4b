"""init_project: the project folder, the ledger, the imported past round, aliases and stable ids."""
from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest
import tomli_w

from tests.make_fixtures import KEURUU_TSV, SEED, build_keuruu, seed_lines
from tests.test_import_layouts import seed_row
from seuranta_xl.core.errors import UserError
from seuranta_xl.strategy.importer import init_project
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.project import Project

ALIAS = {"Elinvoima ja asuin ympäristö": "Elinvoima ja asuinympäristö"}


def grades_in_ledger(root: Path, round_id: str) -> Counter:
    with Ledger(root / "seuranta.db") as ledger:
        return Counter(e.grade for _rec, entries in ledger.round_returns(round_id) for e in entries if e.grade)


def test_keuruu_project_and_past_round(fixtures_dir, tmp_path):
    root = tmp_path / "keuruu"
    result = init_project(root, fixtures_dir / "keuruu.xlsx", results_round="2023-syys")
    assert result.layout == "keuruu" and result.detected
    assert any(line.startswith("Rakenne tunnistettiin otsikoista: keuruu") for line in result.summary_lines())
    assert result.findings[0].code == "layout-detected"
    config = Project(root).load_config()
    assert config.scale == "1-5" and len(config.secret) >= 32 and config.organisation == "Keuruu"
    with Ledger(root / "seuranta.db") as ledger:
        assert ledger.schema_version() >= 1
        sid, strategy = ledger.strategy()
        assert len(strategy.actions()) == 134 and len(strategy.focus_areas) == 4
        (rnd,) = ledger.rounds()
        assert rnd.imported and rnd.id == "2023-syys" and rnd.strategy_id == sid
        returns = ledger.returns("2023-syys")
        assert sorted(r.department for r in returns) == strategy.departments()
        assert all(r.file_name == "keuruu.xlsx" and len(r.file_hash) == 64 for r in returns)
        assert len({r.file_hash for r in returns}) == len(returns)
        entries = {e.action_id: e for _r, es in ledger.round_returns("2023-syys") for e in es}
    assert grades_in_ledger(root, "2023-syys") == {"1": 7, "2": 29, "3": 38, "4": 35, "5": 25}
    # comments are kept exactly as the cells held them
    lines = seed_lines(KEURUU_TSV)
    by_row = {a.source_row: a.id for a in strategy.actions()}
    for row in (7, 93, 194):
        assert entries[by_row[row]].comment == lines[row - 1][5]
    assert result.summary()["grades"] == {"1": 7, "2": 29, "3": 38, "4": 35, "5": 25}


def test_existing_project_refuses_without_force(fixtures_dir, tmp_path):
    init_project(tmp_path, fixtures_dir / "taulukko2024.xlsx")
    with pytest.raises(UserError) as exc:
        init_project(tmp_path, fixtures_dir / "taulukko2024.xlsx")
    assert "--force" in exc.value.one_line("fi")


def test_alias_then_force_reimport_keeps_config_ledger_and_ids(fixtures_dir, tmp_path):
    root = tmp_path / "p"
    first = init_project(root, fixtures_dir / "keuruu.xlsx", results_round="2023-syys")
    assert len(first.strategy.departments()) == 4
    assert [f.code for f in first.findings].count("inconsistent-name") == 1
    config_path = root / "seuranta.toml"
    data = tomllib.loads(config_path.read_text("utf-8"))
    secret = data["secret"]
    data["aliases"] = ALIAS
    config_path.write_text(tomli_w.dumps(data), "utf-8")
    db_inode = (root / "seuranta.db").stat().st_ino

    second = init_project(root, fixtures_dir / "keuruu.xlsx", force=True)
    assert second.reimport and second.strategy_id == first.strategy_id + 1
    assert "inconsistent-name" not in [f.code for f in second.findings]
    assert second.strategy.departments() == ["Elinvoima ja asuinympäristö", "Hallinto- ja konsernipalvelut",
                                             "Kasvu ja hyvinvointi"]
    assert Project(root).load_config().secret == secret
    assert Project(root).load_config().aliases == ALIAS
    assert (root / "seuranta.db").stat().st_ino == db_inode
    # every action keeps its id, also the three whose department name the alias changed
    assert [(r.id, r.action.text) for r in second.strategy.rows()] == [(r.id, r.action.text) for r in first.strategy.rows()]
    with Ledger(root / "seuranta.db") as ledger:
        assert [r.id for r in ledger.rounds()] == ["2023-syys"]   # the past round is still there


def test_reimport_of_an_edited_table_keeps_ids(fixtures_dir, tmp_path):
    root = tmp_path / "p"
    before = init_project(root, fixtures_dir / "keuruu.xlsx").strategy
    lines = seed_lines(KEURUU_TSV)
    edited = [list(c) for c in lines]
    # edit one word in one action, and insert a new action after row 10 (same goal)
    row = next(i for i, c in enumerate(edited) if len(c) > 2 and c[2].startswith("Parannamme maahanmuuttaneiden"))
    assert row > 10 and "luomalla" in edited[row][2]
    edited[row][2] = edited[row][2].replace("luomalla", "rakentamalla")
    new_row = list(edited[9])
    new_row[2], new_row[5] = "Kirjaston e-aineistojen saavutettavuutta parannetaan.", "Uusi."
    edited.insert(10, new_row)
    path = build_keuruu(tmp_path, edited, name="keuruu_muokattu.xlsx")

    after = init_project(root, path, force=True).strategy
    old = {(r.focus_area, r.goal, r.action.text, r.action.department): r.id for r in before.rows()}
    kept = [(key, r.id) for r in after.rows()
            if (key := (r.focus_area, r.goal, r.action.text, r.action.department)) in old]
    assert len(kept) == 133 and all(old[key] == aid for key, aid in kept)
    old_id_of_edited = next(r.id for r in before.rows() if r.action.text.startswith("Parannamme maahanmuuttaneiden"))
    assert next(r.id for r in after.rows() if "rakentamalla" in r.action.text) == old_id_of_edited
    new_id = next(r.id for r in after.rows() if r.action.text.startswith("Kirjaston e-aineistojen"))
    assert new_id not in set(before.action_ids())
    goal_of_new = next(r for r in after.rows() if r.id == new_id)
    assert new_id.rsplit(".", 1)[0] == next(g.id for fa in after.focus_areas for g in fa.goals
                                            if g.text == goal_of_new.goal and fa.name == goal_of_new.focus_area)


def test_tuusula_past_round_statuses(fixtures_dir, tmp_path):
    result = init_project(tmp_path, fixtures_dir / "tuusula.xlsx", preset="tuusula", results_round="2021-kesa")
    assert not result.detected and result.summary()["layout"] == "tuusula"
    with Ledger(tmp_path / "seuranta.db") as ledger:
        (rnd,) = ledger.rounds()
        assert rnd.scale.name == "1-5-kuvaus"
        entries = {e.action_id: e for _r, es in ledger.round_returns("2021-kesa") for e in es}
    assert entries["01.03.01"].grade == "3" and entries["13.01"].grade == "5" and entries["22.01"].grade == "1"
    assert entries["29.14"].comment.startswith("Vanhan hallintorakennuksen purku")
    # the risks column (seed 002, "Merkittävimmät tavoitteen toteuttamista uhkaavat riskit") is the past
    # round's risks input (the tuusula preset), exactly as the cell held it, located in column D
    assert [s.key for s in rnd.inputs] == ["grade", "comment", "risks"]
    assert entries["01.03.01"].values == {"risks": "Keusoten tuottavuusohjelman toteutus ja mm. Korona-pandemian "
                                                   "aiheuttamat paineet Keusoten ja kuntien taloudelle."}
    assert entries["01.03.01"].cells["risks"] == f"D{seed_row(SEED['tuusula'], '01.03.01 Varmistamme')}"
    mism = [f for f in result.findings if f.code == "scale-label-mismatch"]
    assert {f.action_id for f in mism} == {"13.01", "14.07.02", "22.01", "31.01.02"}
    assert all(f.cell.startswith("F") for f in mism)


def test_2024_past_round_and_default_department(fixtures_dir, tmp_path):
    result = init_project(tmp_path, fixtures_dir / "taulukko2024.xlsx", results_round="2024", name="Esimerkkikunta")
    assert result.strategy.departments() == ["Esimerkkikunta"]
    assert Project(tmp_path).load_config().scale == "kylla-kesken-ei"
    assert grades_in_ledger(tmp_path, "2024") == {"kyllä": 8, "kesken": 2}
    (missing,) = [f for f in result.findings if f.code == "department-missing"]
    assert "Esimerkkikunta" in missing.message("fi")


def test_kemi_past_round_keeps_realisation_text(fixtures_dir, tmp_path):
    init_project(tmp_path, fixtures_dir / "kemi.xlsx", results_round="2022")
    with Ledger(tmp_path / "seuranta.db") as ledger:
        entries = [e for _r, es in ledger.round_returns("2022") for e in es]
        rnd = ledger.round("2022")
    assert len(entries) == 12 and all(e.grade is None and e.comment is None for e in entries)
    # the past round asks what Kemi asks (the kemi preset): its Toteuma text, required, no grade
    assert [(s.key, s.kind, s.required) for s in rnd.inputs] == [("toteuma", "text", True)]
    assert entries[0].values == {"toteuma": "Päiväkodeista kaksi auditoitu, jäljellä kuusi, auditoinnit jatkuvat 2023"}
    assert entries[0].cells["toteuma"].startswith("E")


def test_force_with_an_existing_round_id_refuses_before_writing(fixtures_dir, tmp_path):
    init_project(tmp_path, fixtures_dir / "taulukko2024.xlsx", results_round="2024")
    with pytest.raises(UserError, match="already exists"):
        init_project(tmp_path, fixtures_dir / "taulukko2024.xlsx", results_round="2024", force=True)
    with Ledger(tmp_path / "seuranta.db") as ledger:
        assert ledger.strategy()[0] == 1   # no second strategy version was written
