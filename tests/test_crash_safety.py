"""Crash safety: `seuranta sync` killed with SIGKILL at 100 random moments.

A small project (3 departments x 8 actions) receives a new return before each run; the sync runs as
`python -m seuranta_xl.cli sync` in a process of its own and is killed after a delay drawn from a
seeded RNG across its whole run (start-up, reading, the ledger commit, the master write). After
every kill: the ledger passes PRAGMA integrity_check and never loses a return, master.xlsx opens and
holds either the state before the run or the state after it, and a rerun completes. At the end
every value is the one the newest-wins rule gives (modelled here, independently of merge.py).
"""
from __future__ import annotations

import pytest

import datetime as dt
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from tests.builders import make_project, synthetic_strategy
from tests.returns_kit import set_saved_time
from seuranta_xl.core.identity import META_SHEET
from seuranta_xl.store.rounds import new_round
from seuranta_xl.returns.sync import sync_folder
from seuranta_xl.workbook.generate import generate_round

pytestmark = pytest.mark.slow   # 100 SIGKILLs

KILLS = int(os.environ.get("SEURANTA_KILLS", "100"))
SEED = 20231002


def content(path: Path) -> dict[str, list[list]] | None:
    if not path.exists():
        return None
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def integrity(db: Path) -> tuple[str, int]:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("PRAGMA integrity_check").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM returns").fetchone()[0])
    finally:
        conn.close()


class Returns:
    """Writes filled returns and keeps the model: department -> [(saved, {action id: (grade, comment)})]."""

    def __init__(self, root: Path, folder: Path, rng: random.Random):
        self.folder = folder
        self.rng = rng
        self.sources = [p for p, _ in generate_round(root, round_id="R1", out_dir=None).files]
        self.model: dict[str, list[tuple[dt.datetime, dict[str, tuple[str, str]]]]] = {}
        self.n = 0
        self.used_times: set[dt.datetime] = set()

    def add(self) -> Path:
        src = self.rng.choice(self.sources)
        wb = openpyxl.load_workbook(src)
        meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_row=19) if r[0].value}
        cols = json.loads(meta["columns"])
        ws = wb[meta["data_sheet"]]
        values = {}
        for r in range(int(meta["first_data_row"]), ws.max_row + 1):
            aid = ws[f"{cols['id']}{r}"].value
            if not aid:
                continue
            grade = self.rng.randint(1, 5)
            comment = f"Kommentti {self.n}/{aid}: ”{self.rng.choice(['ok', 'kesken', 'viivästyy'])}”\nrivi 2"
            ws[f"{cols['grade']}{r}"] = grade
            ws[f"{cols['comment']}{r}"] = comment
            values[aid] = (str(grade), comment)
        # Saved times in random order, so returns often arrive after a newer one (stale).
        while True:
            saved = dt.datetime(2023, 9, 1) + dt.timedelta(minutes=self.rng.randint(0, 60 * 24 * 30))
            if saved not in self.used_times:
                self.used_times.add(saved)
                break
        path = self.folder / f"{self.n:03d}_{src.name}"
        wb.save(path)
        set_saved_time(path, saved)          # openpyxl stamps its own save time
        self.n += 1
        self.model.setdefault(meta["department"], []).append((saved, values))
        return path

    def expected(self) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for versions in self.model.values():
            out.update(max(versions, key=lambda v: v[0])[1])
        return out


def run_sync(root: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "seuranta_xl.cli", "sync", "--project", str(root), str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_sync_survives_sigkill_at_random_moments(tmp_path):
    rng = random.Random(SEED)
    root, folder = tmp_path / "projekti", tmp_path / "palautukset"
    make_project(root, synthetic_strategy(3, 8))
    new_round(root, "R1")
    folder.mkdir()
    returns = Returns(root, folder, rng)
    master, db = root / "master.xlsx", root / "seuranta.db"

    # One whole run first: a master to compare with, and how long a run takes here.
    returns.add()
    t0 = time.monotonic()
    proc = run_sync(root, folder)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    full = time.monotonic() - t0

    kills = finished = lost = checked = 0
    phases = {"before-commit": 0, "committed-old-master": 0, "new-master": 0}
    started = time.monotonic()
    while kills < KILLS:
        assert time.monotonic() - started < 300, "too slow"
        returns.add()
        before, (_, n_before) = content(master), integrity(db)
        proc = run_sync(root, folder)
        time.sleep(rng.uniform(0.0, full * 1.1))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        code = proc.wait(timeout=60)
        kills += code == -signal.SIGKILL
        stderr = proc.stderr.read().decode("utf-8", "replace")
        proc.stderr.close()
        assert "Traceback" not in stderr, stderr
        if code != -signal.SIGKILL:
            finished += 1
            assert code == 0, stderr

        ok, n_after = integrity(db)
        assert ok == "ok"
        assert n_after in (n_before, n_before + 1)          # all or nothing, never a return lost
        now = content(master)                                # opens: a whole workbook
        assert now is not None
        if code == -signal.SIGKILL:
            if now != before:
                phases["new-master"] += 1
            elif n_after > n_before:
                phases["committed-old-master"] += 1
            else:
                phases["before-commit"] += 1

        # A rerun completes; if the killed run had swapped its master in, the rerun's is the same one.
        res = sync_folder(root, folder)
        assert res.master is not None
        if now != before:
            assert content(master) == now
        assert integrity(db) == ("ok", returns.n)
        state = {aid: (v.grade, v.comment) for aid, v in res.view.state.values.items()}
        expected = returns.expected()
        lost += sum(1 for aid, value in expected.items() if state.get(aid) != value)
        checked += len(expected)

    # Nothing lost: every action holds the newest return's value, as the newest-wins rule says.
    out = subprocess.run([sys.executable, "-m", "seuranta_xl.cli", "export", "--project", str(root), "--format",
                          "json"], capture_output=True, text=True, check=True)
    got = {r["action_id"]: (None if r["grade"] is None else str(r["grade"]), r["comment"])
           for r in json.loads(out.stdout)["rows"]}
    expected = returns.expected()
    lost += sum(1 for aid, value in expected.items() if got.get(aid) != value)
    checked += len(expected)
    figures = {"kills": kills, "finished_before_kill": finished, "phases": phases, "returns": returns.n,
               "values_checked": checked, "values_lost": lost, "seconds": round(time.monotonic() - started, 1)}
    print(json.dumps(figures))
    (tmp_path / "figures.json").write_text(json.dumps(figures))
    assert lost == 0
    assert kills == KILLS
    # The kills landed in more than one phase of the run (reading/commit and the master write).
    assert sum(1 for n in phases.values() if n) >= 2, phases
    shutil.rmtree(folder)
