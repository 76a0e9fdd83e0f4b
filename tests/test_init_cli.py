"""`seuranta init` through the command line: results, JSON, and one clear line (exit 2) for bad input."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.store.ledger import Ledger


def run(*args: str, lang: str = "fi"):
    runner = CliRunner()
    return runner.invoke(main, list(args), env={"SEURANTA_LANG": lang, "COLUMNS": "200"})


def test_init_help_text():
    result = run("init", "--help")
    assert result.exit_code == 0 and "--results-round" in result.output and "--preset" in result.output


def test_init_detects_and_reports(fixtures_dir, tmp_path):
    result = run("init", "--strategy", str(fixtures_dir / "keuruu.xlsx"), "--project", str(tmp_path),
                 "--results-round", "2023-syys")
    assert result.exit_code == 0, result.output
    assert "Rakenne tunnistettiin otsikoista: keuruu" in result.output
    assert "134 toimenpidettä" in result.output
    assert "inconsistent-name" in result.output and "near-duplicate-text" in result.output
    with Ledger(tmp_path / "seuranta.db") as ledger:
        assert len(ledger.strategy()[1].actions()) == 134
        assert len(ledger.returns("2023-syys")) == 4


def test_init_json_document(fixtures_dir, tmp_path):
    result = run("init", "--strategy", str(fixtures_dir / "taulukko2024.xlsx"), "--project", str(tmp_path),
                 "--preset", "taulukko-2024", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["summary"]["actions"] == 10 and doc["summary"]["layout"] == "taulukko-2024"
    assert not doc["summary"]["layout_detected"]
    codes = [f["code"] for f in doc["findings"]]
    assert "department-missing" in codes and "layout-detected" not in codes
    assert all({"code", "severity", "file", "sheet", "cell", "action_id", "department", "message"} <= set(f)
               for f in doc["findings"])


def test_init_with_mapping_file(fixtures_dir, tmp_path):
    mapping = tmp_path / "sarakkeet.toml"
    mapping.write_text(
        '[mapping]\nfill_down = ["focus_area", "goal"]\ndefault_department = "Sivistys"\nscale = "kylla-kesken-ei"\n'
        '[mapping.columns]\nfocus_area = "Strategiakärjet"\ngoal = "Toiminnallinen tavoite"\naction = "Teko"\n'
        'grade = "Toteutuma (toteutumisaste)"\ncomment = "Kommentointi"\n', "utf-8")
    project = tmp_path / "p"
    result = run("init", "--strategy", str(fixtures_dir / "taulukko2024.xlsx"), "--mapping", str(mapping),
                 "--project", str(project), "--results-round", "2024", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["summary"]["departments"] == ["Sivistys"] and doc["summary"]["grades"] == {"kesken": 2, "kyllä": 8}


def _one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    text = result.stderr.strip()
    assert text.count("\n") == 0 and "Traceback" not in text, text
    for needle in needles:
        assert needle in text, text


@pytest.mark.parametrize("key, needles", [
    ("png", ["ei ole Excel-työkirja"]),
    ("text", ["ei ole Excel-työkirja"]),
    ("corrupt", ["vioittunut"]),
    ("empty", ["tyhjä"]),
    ("encrypted", ["salattu"]),
])
def test_bad_files_are_one_clear_line(fixtures_dir, tmp_path, key, needles):
    files = {"png": "kuva.xlsx", "text": "teksti.xlsx", "corrupt": "rikki.xlsx", "empty": "tyhja.xlsx",
             "encrypted": "salattu.xlsx"}
    result = run("init", "--strategy", str(fixtures_dir / "bad" / files[key]), "--project", str(tmp_path / "p"))
    _one_line_error(result, *needles)
    assert not (tmp_path / "p" / "seuranta.db").exists()   # nothing written for a refused table


def test_encrypted_file_is_ole2_and_recognised_in_english(fixtures_dir, tmp_path):
    path = fixtures_dir / "bad" / "salattu.xlsx"
    assert path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    result = run("init", "--strategy", str(path), "--project", str(tmp_path), lang="en")
    _one_line_error(result, "encrypted with a password")


def test_missing_file_and_bad_mapping_and_existing_project(fixtures_dir, tmp_path):
    _one_line_error(run("init", "--strategy", str(tmp_path / "puuttuu.xlsx"), "--project", str(tmp_path / "a")),
                    "ei löydy")
    _one_line_error(run("init", "--strategy", str(fixtures_dir / "taulukko2024.xlsx"), "--mapping",
                        str(fixtures_dir / "bad" / "vaara_sarake.toml"), "--project", str(tmp_path / "b")),
                    "Vastuuyksikkö")
    assert run("init", "--strategy", str(fixtures_dir / "taulukko2024.xlsx"), "--project",
               str(tmp_path / "c")).exit_code == 0
    _one_line_error(run("init", "--strategy", str(fixtures_dir / "taulukko2024.xlsx"), "--project", str(tmp_path / "c")),
                    "--force")
    _one_line_error(run("init", "--strategy", str(fixtures_dir / "taulukko2024.xlsx"), "--project", str(tmp_path / "d"),
                        "--results-round", "kierros 1"), "ei kelpaa")


def test_subprocess_never_shows_a_traceback(fixtures_dir, tmp_path):
    exe = shutil.which("seuranta")
    cmd = [exe] if exe else [sys.executable, "-m", "seuranta_xl.cli"]
    proc = subprocess.run(cmd + ["init", "--strategy", str(fixtures_dir / "bad" / "salattu.xlsx"),
                                 "--project", str(tmp_path)],
                          capture_output=True, text=True, env={**os.environ, "SEURANTA_LANG": "fi"}, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "salattu" in proc.stderr
    assert proc.stdout == ""
