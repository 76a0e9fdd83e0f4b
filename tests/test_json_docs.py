"""Every key a `--json` document holds is listed in docs/json.md, in English, with typed values (#14)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.demo import fill_workbook
from seuranta_xl.returns.sync import sync_folder
from seuranta_xl.strategy.importer import init_project
from tests.make_fixtures import KEURUU_TSV, build_keuruu, seed_lines
from tests.returns_kit import ROUND, Kit

DOC = (Path(__file__).resolve().parents[1] / "docs" / "json.md").read_text("utf-8")


def keys(value, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            if not k.startswith(("1", "2", "3", "4", "5")) and k not in ("md", "xlsx", "docx", "csv"):
                out.add(k)
            if k not in ("by_code", "grades", "reports", "outdated"):   # objects keyed by codes, grades, rounds
                keys(v, out)
    elif isinstance(value, list):
        for v in value:
            keys(v, out)
    return out


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    kit = Kit(tmp_path_factory.mktemp("json"))
    kit.fill("Hallinto")
    sync_folder(kit.proj, kit.returns)
    return kit


def run(*args) -> dict:
    res = CliRunner().invoke(main, list(args))
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout)


def test_every_key_is_documented(kit, tmp_path, fixtures_dir):
    p = str(kit.proj)
    docs = [
        run("status", "--project", p, "--json"),
        run("sync", str(kit.returns), "--project", p, "--json"),
        run("check", str(next(kit.returns.iterdir())), "--project", p, "--json"),
        run("round", "list", "--project", p, "--json"),
        run("round", "new", "r2", "--project", p, "--json"),
        run("generate", "--round", "r2", "--out", str(tmp_path / "g"), "--project", p, "--json"),
        run("report", "--round", ROUND, "--format", "all", "--out", str(tmp_path / "r"), "--project", p, "--json"),
        run("export", "--round", ROUND, "--format", "json", "--project", p),
        run("export", "--round", ROUND, "--format", "csv", "--out", str(tmp_path / "e.csv"), "--project", p, "--json"),
        run("init", "--strategy", str(fixtures_dir / "taulukko2024.xlsx"), "--project", str(tmp_path / "i"),
            "--json"),
    ]
    found: set[str] = set()
    for doc in docs:
        keys(doc, found)
    missing = sorted(k for k in found if f"`{k}`" not in DOC)
    assert not missing, f"docs/json.md does not list: {missing}"
    assert all(k == k.lower() and k.isascii() for k in found)      # one language, snake_case


def test_every_key_of_the_rounds_life_is_documented(tmp_path):
    """contacts, send, remind, round edit / close / reopen, a late sync, strategy update, --only-changed,
    --carry-comments (#13) on a real round of Keuruu's table."""
    p = str(tmp_path / "projekti")
    init_project(p, build_keuruu(tmp_path), results_round="2023-syys")
    contacts = tmp_path / "yhteystiedot.csv"
    contacts.write_text("Vastuutaho;Nimi;Sähköposti\nKasvu ja hyvinvointi;Anna Öhman;anna.ohman@keuruu\n"
                        "Hallinto- ja konsernipalvelut;Päivi Mäkelä;paivi.makela@keuruu.fi\n", "utf-8")
    docs = [run("round", "new", "2024-kevat", "--deadline", "15.5.2024", "--carry-comments", "--project", p, "--json"),
            run("generate", "--project", p, "--json"),
            run("contacts", "import", str(contacts), "--project", p, "--json"),
            run("send", "--project", p, "--json")]
    forms = tmp_path / "projekti" / "lomakkeet" / "2024-kevat"
    returns = tmp_path / "projekti" / "palautukset" / "2024-kevat"
    first, *rest = sorted(forms.glob("*.xlsx"))
    fill_workbook(first, returns / first.name, {}, saved=dt.datetime(2024, 5, 10, 9, 0))
    docs += [run("sync", "--project", p, "--json"), run("remind", "--project", p, "--json"),
             run("status", "--project", p, "--json")]
    edited = [c[:2] + [c[2] + " (muutettu)"] + c[3:] if len(c) == 6 and c[2].startswith("IT-käyttäjätuki") else c
              for c in seed_lines(KEURUU_TSV)]
    docs += [run("strategy", "update", str(build_keuruu(tmp_path, edited, name="m.xlsx")), "--project", p, "--json"),
             run("generate", "--only-changed", "--project", p, "--json"),
             run("round", "edit", "2024-kevat", "--deadline", "2024-05-31", "--project", p, "--json"),
             run("round", "close", "2024-kevat", "--project", p, "--json")]
    fill_workbook(rest[0], returns / rest[0].name, {}, saved=dt.datetime(2024, 6, 10, 9, 0))
    docs += [run("sync", "--project", p, "--json"), run("round", "reopen", "2024-kevat", "--project", p, "--json"),
             run("round", "list", "--project", p, "--json"), run("returns", "--project", p, "--json")]
    found: set[str] = set()
    for doc in docs:
        keys(doc, found)
    missing = sorted(k for k in found if f"`{k}`" not in DOC)
    assert not missing, f"docs/json.md does not list: {missing}"
    assert all(k == k.lower() and k.isascii() for k in found)
    assert docs[11]["summary"]["late"] == 1 and docs[10]["round"]["state"] == "closed"
    assert isinstance(docs[-2]["rounds"][-1]["days_left"], int)


def test_values_are_typed(kit):
    doc = run("export", "--round", ROUND, "--format", "json", "--project", str(kit.proj))
    graded = [r for r in doc["rows"] if r["grade"] is not None]
    assert graded and all(isinstance(r["grade"], int) for r in graded)
    status = run("status", "--project", str(kit.proj), "--json")
    assert all(isinstance(d["actions"], int) and isinstance(d["graded"], int) for d in status["departments"])
