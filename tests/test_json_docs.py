"""Every key a `--json` document holds is listed in docs/json.md, in English, with typed values (#14)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.returns.sync import sync_folder
from tests.returns_kit import ROUND, Kit

DOC = (Path(__file__).resolve().parents[1] / "docs" / "json.md").read_text("utf-8")


def keys(value, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            if not k.startswith(("1", "2", "3", "4", "5")) and k not in ("md", "xlsx", "docx", "csv"):
                out.add(k)
            if k not in ("by_code", "grades", "reports"):
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


def test_values_are_typed(kit):
    doc = run("export", "--round", ROUND, "--format", "json", "--project", str(kit.proj))
    graded = [r for r in doc["rows"] if r["grade"] is not None]
    assert graded and all(isinstance(r["grade"], int) for r in graded)
    status = run("status", "--project", str(kit.proj), "--json")
    assert all(isinstance(d["actions"], int) and isinstance(d["graded"], int) for d in status["departments"])
