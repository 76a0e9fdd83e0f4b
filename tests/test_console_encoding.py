"""Output on a legacy Windows console code page: `PYTHONIOENCODING=cp1252` (what a redirected or piped
stdout is encoded in on a Finnish Windows) and cp850 (the OEM console page). Real subprocesses with
that environment: no command crashes, Finnish letters the page has stay themselves, what it lacks
becomes "?", tables use ASCII boxes, JSON stays lossless, and the export stays UTF-8."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seuranta_xl.demo import ROUND, TABLE_NAME, run_demo

# Whole processes of the CLI (seconds each): in the full suite, not in the fast subset.
pytestmark = pytest.mark.slow

BOX_CHARS = {chr(c) for c in range(0x2500, 0x2580)}     # Unicode's box drawing block


def seuranta(args: list[str], encoding: str, cwd: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("seuranta")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "seuranta_xl.cli"]
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "80"}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(cmd + args, capture_output=True, cwd=cwd, env=env, timeout=120)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("codepage") / "demo"
    run_demo(root, echo=lambda _line: None)
    return root


def readable(proc: subprocess.CompletedProcess, encoding: str) -> tuple[str, str]:
    """stdout and stderr decoded strictly in ``encoding`` (fails if anything else was written)."""
    out, err = proc.stdout.decode(encoding), proc.stderr.decode(encoding)
    assert "Traceback" not in out + err and "Odottamaton" not in out + err and "UnicodeEncodeError" not in err, err
    assert not BOX_CHARS & set(out + err)
    return out, err


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_status_sync_and_check_complete_readably(demo, encoding):
    out, _ = readable(status := seuranta(["status"], encoding, demo), encoding)
    assert status.returncode == 1                                               # the demo's errors remain
    assert "Elinvoima ja" in out and "asuinympäristö" in out and "puuttuu" in out
    assert any(line.startswith("Vastuutaho") and "Tila" in line for line in out.splitlines())   # plain columns
    assert "arvioitu 97/134 toimenpidettä" in out

    sync = seuranta(["sync"], encoding, demo)
    out, _ = readable(sync, encoding)
    assert sync.returncode == 1 and "2.2.3" in out and "virhe" in out and "Koontityökirja" in out

    files = sorted((demo / "palautukset" / ROUND).glob("*.xlsx"))
    check = seuranta(["check", *map(str, files)], encoding, demo)
    out, _ = readable(check, encoding)
    assert check.returncode == 1 and "hyväksytty" in out and "virheitä" in out


def test_init_with_characters_the_code_page_lacks(tmp_path, demo):
    """The import findings quote texts with ≈ and ”: cp1252 has ” but not ≈, which becomes "?"."""
    table = demo / "lahtotiedot" / TABLE_NAME
    runs = {}
    for n, encoding in enumerate(("utf-8", "cp1252")):
        proc = seuranta(["init", "--strategy", str(table), "--project", str(tmp_path / f"p{n}")], encoding, tmp_path)
        runs[encoding] = readable(proc, encoding)[0] if encoding != "utf-8" else proc.stdout.decode("utf-8")
        assert proc.returncode == 0
    utf8, legacy = runs["utf-8"], runs["cp1252"]
    lacking = [c for c in utf8 if c not in BOX_CHARS and not _encodes(c, "cp1252")]
    assert set(lacking) == {"≈", "→"}                     # the only text characters cp1252 has not (→ marks a hint)
    assert legacy.count("?") == utf8.count("?") + len(lacking) and "≈" not in legacy
    assert "”Hyödynnämme" in legacy and "Elinvoima ja asuin ympäristö" in legacy


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def test_demo_completes_on_cp1252(tmp_path):
    proc = seuranta(["demo", str(tmp_path / "d")], "cp1252", tmp_path)
    out, _ = readable(proc, "cp1252")
    assert proc.returncode == 0 and "[7/7]" in out and "Elinvoima ja asuinympäristö" in out
    assert (tmp_path / "d" / "master.xlsx").is_file()


def test_json_and_export_are_lossless_on_a_legacy_code_page(demo, tmp_path):
    plain = seuranta(["status", "--json"], "utf-8", demo)
    legacy = seuranta(["status", "--json"], "cp1252", demo)
    assert legacy.returncode == 1 and json.loads(legacy.stdout.decode("cp1252")) == json.loads(plain.stdout)
    sync_plain = seuranta(["sync", "--json"], "utf-8", demo)
    sync = seuranta(["sync", "--json"], "cp850", demo)
    assert json.loads(sync.stdout.decode("cp850")) == json.loads(sync_plain.stdout) and sync.returncode == 1

    exports = {}
    for fmt in ("csv", "json"):
        utf8 = seuranta(["export", "--format", fmt], "utf-8", demo)
        exports[fmt] = seuranta(["export", "--format", fmt], "cp1252", demo)
        assert exports[fmt].returncode == 0 and exports[fmt].stdout == utf8.stdout, fmt   # byte for byte UTF-8
    assert exports["csv"].stdout.startswith(b"\xef\xbb\xbfround;action_id;")                # with its BOM
    assert json.loads(exports["json"].stdout.decode("utf-8"))["rows"][0]["department"] == "Elinvoima ja asuinympäristö"
