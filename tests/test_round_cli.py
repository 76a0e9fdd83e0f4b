"""`seuranta round new` and `seuranta generate` through click's CliRunner."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.builders import keuruu_strategy, make_project, synthetic_strategy
from seuranta_xl.cli import main


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "proj", keuruu_strategy())


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result


def one_line_error(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    for w in words:
        assert w in lines[0], lines[0]


def test_commands_have_help():
    for args in (["round", "new", "--help"], ["generate", "--help"], ["round", "--help"]):
        result = run(*args)
        assert result.exit_code == 0 and len(result.output) > 50


def test_round_new_then_generate(project):
    result = run("round", "new", "2024-kevat", "--title", "Kevät 2024", "--deadline", "2024-05-15",
                 "--scale", "1-5-kuvaus", "--project", str(project.root))
    assert result.exit_code == 0, result.output
    assert "2024-kevat" in result.output
    with project.ledger() as ledger:
        rnd = ledger.round("2024-kevat")
    assert rnd.title == "Kevät 2024" and rnd.deadline == dt.date(2024, 5, 15) and rnd.scale.name == "1-5-kuvaus"
    assert not rnd.imported and rnd.strategy_id is not None

    result = run("generate", "--project", str(project.root))
    assert result.exit_code == 0, result.output
    out_dir = project.root / "lomakkeet" / "2024-kevat"
    assert "3" in result.output and str(out_dir) in result.output.replace("\n", "")
    assert len(list(out_dir.glob("*.xlsx"))) == 3


def test_round_new_defaults_to_project_scale(project):
    assert run("round", "new", "r1", "--project", str(project.root)).exit_code == 0
    with project.ledger() as ledger:
        rnd = ledger.round("r1")
    assert rnd.scale.name == "1-5" and rnd.title == "r1" and rnd.deadline is None


def test_generate_explicit_round_and_out(project, tmp_path):
    run("round", "new", "r1", "--project", str(project.root))
    run("round", "new", "r2", "--project", str(project.root))
    out = tmp_path / "deep" / "lähtevät"
    result = run("generate", "--round", "r1", "--out", str(out), "--project", str(project.root))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir())[0].startswith("r1_")


def test_round_exists(project):
    assert run("round", "new", "r1", "--project", str(project.root)).exit_code == 0
    one_line_error(run("round", "new", "r1", "--project", str(project.root)), "r1")


@pytest.mark.parametrize("bad", ["2024/syys", "syys:2024", "kevät", "_alku", "a" * 41, "r 1", "CON?"])
def test_round_id_rejected(project, bad):
    one_line_error(run("round", "new", bad, "--project", str(project.root)), "2")  # names the id or the rule
    with project.ledger() as ledger:
        assert ledger.rounds() == []


def test_unknown_scale(project):
    one_line_error(run("round", "new", "r1", "--scale", "1-10", "--project", str(project.root)), "1-10")


def test_custom_scale_from_config(project):
    text = project.config_path.read_text("utf-8")
    text += ('\n[scales.oma]\nname = "oma"\nsteps = [{ value = "A", label = "aloitettu" }, '
             '{ value = "B", label = "valmis", colour = "#00FF00" }]\n')
    project.config_path.write_text(text, "utf-8")
    result = run("round", "new", "r1", "--scale", "oma", "--project", str(project.root))
    assert result.exit_code == 0, result.output
    assert run("generate", "--project", str(project.root)).exit_code == 0


def test_custom_scale_with_duplicate_values_names_the_key(project):
    text = project.config_path.read_text("utf-8")
    text += ('\n[scales.tupla]\nname = "tupla"\nsteps = [{ value = "1", label = "yksi" }, '
             '{ value = "1", label = "toinen" }]\n')
    project.config_path.write_text(text, "utf-8")
    result = run("round", "new", "r1", "--scale", "tupla", "--project", str(project.root))
    one_line_error(result, "scales.tupla", "duplicate")


def test_generate_without_round(project):
    one_line_error(run("generate", "--project", str(project.root)), "round new")


def test_generate_unknown_round(project):
    run("round", "new", "r1", "--project", str(project.root))
    one_line_error(run("generate", "--round", "r9", "--project", str(project.root)), "r9")


def test_generate_without_project(tmp_path):
    one_line_error(run("generate", "--project", str(tmp_path / "none")), "seuranta.toml")


@pytest.mark.parametrize("where", ["under_file", "proc"])
def test_generate_unwritable_out_leaves_nothing(project, tmp_path, where):
    run("round", "new", "r1", "--project", str(project.root))
    if where == "under_file":
        blocker = tmp_path / "tavallinen.txt"
        blocker.write_text("x")
        out = blocker / "lomakkeet"
    else:
        out = Path("/proc/seuranta-xl-test/lomakkeet")
    before = sorted(tmp_path.rglob("*"))
    one_line_error(run("generate", "--out", str(out), "--project", str(project.root)), str(out))
    assert sorted(tmp_path.rglob("*")) == before


def test_generate_out_is_a_file(project, tmp_path):
    run("round", "new", "r1", "--project", str(project.root))
    target = tmp_path / "lomakkeet.xlsx"
    target.write_text("x")
    one_line_error(run("generate", "--out", str(target), "--project", str(project.root)), str(target))
    assert target.read_text() == "x"


def test_generate_failure_midway_leaves_nothing(project, tmp_path, monkeypatch):
    """If one workbook fails, none is moved into place (the temp folder is removed)."""
    from seuranta_xl.workbook import generate as workbook

    run("round", "new", "r1", "--project", str(project.root))
    calls = {"n": 0}
    real = workbook.write_workbook

    def flaky(path, sheet):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real(path, sheet)

    monkeypatch.setattr(workbook, "write_workbook", flaky)
    out = tmp_path / "out"
    one_line_error(run("generate", "--out", str(out), "--project", str(project.root)), "No space left")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [project.root]


def test_generate_department_with_illegal_characters(tmp_path):
    from tests.builders import strategy_from_rows
    rows = [{"id": "A1", "focus_area": "P", "goal": "G", "action": "T", "department": 'Tekniikka/ympäristö: "A|B"'}]
    project = make_project(tmp_path / "p", strategy_from_rows(rows))
    run("round", "new", "r1", "--project", str(project.root))
    result = run("generate", "--project", str(project.root))
    assert result.exit_code == 0, result.output
    (path,) = (project.root / "lomakkeet" / "r1").iterdir()
    assert path.name == "r1_Tekniikka_ympäristö_ _A_B_.xlsx"


def test_synthetic_many_departments(tmp_path):
    project = make_project(tmp_path / "p", synthetic_strategy(6, 4))
    run("round", "new", "r1", "--project", str(project.root))
    result = run("generate", "--project", str(project.root))
    assert result.exit_code == 0
    assert len(list((project.root / "lomakkeet" / "r1").glob("*.xlsx"))) == 6


def test_custom_scale_with_ambiguous_dropdown(project):
    text = project.config_path.read_text("utf-8")
    text += ('\n[scales.sama]\nname = "sama"\nsteps = [{ value = "1", label = "a" }, '
             '{ value = "1 a", label = "1 a" }]\n')
    project.config_path.write_text(text, "utf-8")
    one_line_error(run("round", "new", "r1", "--scale", "sama", "--project", str(project.root)), "scales.sama")


def test_round_new_without_strategy(tmp_path):
    from seuranta_xl.store.ledger import Ledger
    from seuranta_xl.store.project import Project, new_config
    root = tmp_path / "tyhja"
    root.mkdir()
    project = Project(root)
    project.save_config(new_config("Kunta"))
    Ledger.create(project.db_path).close()
    one_line_error(run("round", "new", "r1", "--project", str(root)), "init")
