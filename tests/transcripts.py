"""The command line's own words at 80 columns, as a new coordinator sees them (#14): `init` on Kemi's
strategy table, then a round on Keuruu's — `sync` and `status` — with the demo's deliberate mistakes.

The transcripts are frozen in tests/data/transcripts/*.txt (checked line by line by
tests/test_transcripts.py, and shown in README.md). What varies is frozen: the temporary folder (always
/tmp/seuranta-XXXXXXXX, so lines wrap the same), the deadline's date (14 days from the day of the run)
and the year of the suggested next round. Rewrite them after a deliberate change of the output:

    python -m tests.transcripts
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

from click.testing import CliRunner

from seuranta_xl.cli import main

FOLDER = "/tmp/seuranta-XXXXXXXX"
DEADLINE = "{DEADLINE}"
FROZEN = Path(__file__).resolve().parent / "data" / "transcripts"
NAMES = ("init", "sync", "status")


def temp_base() -> Path:
    """A folder whose path is as long as FOLDER (under /tmp where there is one)."""
    return Path(tempfile.mkdtemp(prefix="seuranta-", dir="/tmp" if os.path.isdir("/tmp") else None))


def run(args: list[str], cwd: Path | None = None) -> tuple[int, str]:
    """(exit code, what the command printed on stdout); stderr (a progress bar) must stay empty."""
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        res = CliRunner().invoke(main, args, env={"COLUMNS": "80", "SEURANTA_LANG": "fi"})
    finally:
        os.chdir(old)
    assert not res.stderr.strip(), res.stderr
    return res.exit_code, res.stdout


def _fill(root: Path, round_id: str) -> None:
    """The departments fill their workbooks as in the demo: one returns twice, one makes mistakes, one
    does not return."""
    from seuranta_xl.demo import fill_workbook
    from seuranta_xl.store.project import Project
    from seuranta_xl.store.roundview import load_round

    with Project(root).ledger() as ledger:
        past = load_round(ledger, ledger.round("2023-syys"))
    previous = {aid: v.grade for aid, v in past.state.values.items()}
    returns = root / "palautukset" / round_id
    for path in sorted((root / "lomakkeet" / round_id).glob("*.xlsx")):
        if "Elinvoima" in path.name:
            continue
        if "Hallinto" in path.name:
            fill_workbook(path, returns / f"{path.stem}_keskenerainen.xlsx", previous,
                          saved=dt.datetime(2024, 5, 20, 9, 30), only_first=20)
            fill_workbook(path, returns / path.name, previous, saved=dt.datetime(2024, 5, 28, 14, 5), typo_space=True)
        else:
            fill_workbook(path, returns / path.name, previous, saved=dt.datetime(2024, 5, 30, 16, 45), mistakes=True)


def make(base: Path, tables: Path) -> dict[str, tuple[int, str]]:
    """Run the commands; (exit code, output) of each transcript."""
    from seuranta_xl.store.project import Project

    out = {"init": run(["init", "--strategy", str(tables / "kemi_strategia.xlsx"), "--project", str(base / "kemi")])}
    root = base / "keuruu"
    deadline = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    steps = [["init", "--strategy", str(tables / "keuruu.xlsx"), "--results-round", "2023-syys", "--name",
              "Keuruun kaupunki", "--project", str(root), "--json"]]
    for args in steps:
        assert run(args)[0] == 0
    project = Project(root)
    config = project.load_config()
    config.aliases["Elinvoima ja asuin ympäristö"] = "Elinvoima ja asuinympäristö"
    project.save_config(config)
    for args in (["init", "--strategy", str(tables / "keuruu.xlsx"), "--force", "--json"],
                 ["round", "new", "2024-kevat", "--title", "Kevät 2024", "--deadline", deadline],
                 ["generate"]):
        assert run(args, cwd=root)[0] == 0, args
    _fill(root, "2024-kevat")
    out["sync"] = run(["sync"], cwd=root)
    out["status"] = run(["status"], cwd=root / "palautukset")        # found from a folder inside the project
    return out


def freeze(text: str, base: Path) -> str:
    """The output with what varies frozen: the folder, the deadline's date, the suggested round."""
    text = text.replace(str(base), FOLDER)
    text = re.sub(r"round new(\s+)20\d\d-(kevat|syksy)(\s+)--deadline(\s+)15\.\d\d\.20\d\d",
                  r"round new\g<1>2026-syksy\g<3>--deadline\g<4>15.10.2026", text)
    deadline = dt.date.today() + dt.timedelta(days=14)
    return text.replace(f"{deadline.day}.{deadline.month}.{deadline.year}", DEADLINE)


def frozen(name: str) -> str:
    return (FROZEN / f"{name}.txt").read_text("utf-8")


if __name__ == "__main__":  # pragma: no cover - rewrites the frozen transcripts
    from tests.make_fixtures import build_all

    base = temp_base()
    tables = base / "taulukot"
    build_all(tables)
    FROZEN.mkdir(parents=True, exist_ok=True)
    for name, (code, output) in make(base, tables).items():
        (FROZEN / f"{name}.txt").write_text(freeze(output, base), "utf-8")
        print(name, "exit", code, len(output.splitlines()), "lines")
