"""Concurrency: two syncs at once, and syncs while report / export / status read the same project.

Nothing may be corrupted: the ledger passes integrity_check and holds each return once, the master
opens, and every reader sees a whole state (the one before a sync or the one after it). Two syncs
either both succeed, one after the other (the project lock waits), or the loser exits 2 with the lock
message and no traceback.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.builders import make_project, synthetic_strategy
from tests.returns_kit import set_saved_time
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.rounds import new_round
from seuranta_xl.store.roundview import load_round, resolve_round
from seuranta_xl.workbook.generate import generate_round

pytestmark = pytest.mark.slow   # processes racing for the lock and the ledger

CLI = [sys.executable, "-m", "seuranta_xl.cli"]


def cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "projekti"
    make_project(root, synthetic_strategy(4, 30))
    new_round(root, "R1")
    sources = [p for p, _ in generate_round(root, round_id="R1", out_dir=None).files]
    return root, sources, tmp_path


def drop_return(src: Path, folder: Path, n: int) -> Path:
    """A copy of a generated workbook with its own saved time (a new file hash each time)."""
    import datetime as dt
    dst = folder / f"{n:03d}_{src.name}"
    shutil.copyfile(src, dst)
    set_saved_time(dst, dt.datetime(2023, 9, 1) + dt.timedelta(minutes=n))
    return dst


def check_project(root: Path, expected_returns: int) -> None:
    conn = sqlite3.connect(root / "seuranta.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM returns").fetchone()[0] == expected_returns
        assert conn.execute("SELECT COUNT(*) FROM (SELECT file_hash FROM returns GROUP BY round_id, file_hash "
                            "HAVING COUNT(*) > 1)").fetchone()[0] == 0
    finally:
        conn.close()
    wb = CalamineWorkbook.from_path(str(root / "master.xlsx"))
    assert len(wb.sheet_names) >= 3


def test_two_syncs_at_once(project):
    root, sources, tmp = project
    folder = tmp / "palautukset"
    folder.mkdir()
    n = 0
    outcomes = []
    for attempt in range(6):
        for src in sources:
            drop_return(src, folder, n)
            n += 1
        a, b = cli("sync", "--project", str(root), str(folder)), cli("sync", "--project", str(root), str(folder))
        # communicate, not wait-then-read: a sync's findings table can outgrow the pipe's buffer
        results = [(p.returncode, *p.communicate(timeout=120))[1:] for p in (a, b)]
        results = [(p.returncode, out, err) for p, (out, err) in zip((a, b), results)]
        for code, out, err in results:
            assert "Traceback" not in err, err
            assert code in (0, 2), (code, err)
            if code == 2:
                assert "käynnissä" in err       # "Toinen seuranta-komento on jo käynnissä tässä projektissa"
        assert any(code == 0 for code, _, _ in results)
        outcomes.append(tuple(sorted(code for code, _, _ in results)))
        check_project(root, n)                  # each return recorded exactly once, by whichever ran first
    # Whatever the interleaving, a last sync finds nothing new.
    last = subprocess.run([*CLI, "sync", "--project", str(root), "--json", str(folder)], capture_output=True,
                          text=True, timeout=120)
    assert last.returncode == 0 and json.loads(last.stdout)["summary"]["new_returns"] == 0
    assert outcomes


def test_loser_is_told_clearly_when_the_lock_stays_taken(project):
    root, sources, tmp = project
    folder = tmp / "palautukset"
    folder.mkdir()
    drop_return(sources[0], folder, 0)
    from seuranta_xl.store.project import Project
    with Project(root).lock():
        res = subprocess.run([*CLI, "sync", "--project", str(root), "--json", str(folder)], capture_output=True,
                             text=True, timeout=60)
    assert res.returncode == 2 and res.stdout == ""
    assert "käynnissä" in res.stderr and "Traceback" not in res.stderr
    with Ledger(root / "seuranta.db") as ledger:
        assert ledger.returns("R1") == []


def _snapshot(root: Path) -> dict[str, tuple]:
    with Ledger(root / "seuranta.db") as ledger:
        view = load_round(ledger, resolve_round(ledger, None))
    return {aid: (v.grade, v.comment) for aid, v in view.state.values.items()}


def test_sync_while_report_export_and_status_read(project):
    """Syncs in a loop (subprocesses) while readers run: report, export, status as processes, and
    load_round in a thread as fast as it can. Every read succeeds and is a whole state."""
    root, sources, tmp = project
    folder = tmp / "palautukset"
    folder.mkdir()
    subprocess.run([*CLI, "sync", "--project", str(root), str(folder)], check=True, capture_output=True)
    stop = threading.Event()
    errors: list[str] = []
    reads = {"thread": 0, "report": 0, "export": 0, "status": 0}

    def reader() -> None:
        while not stop.is_set():
            try:
                _snapshot(root)
                reads["thread"] += 1
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(f"load_round: {type(exc).__name__}: {exc}")
                return

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    n = 0
    try:
        for i in range(8):
            for src in sources:
                drop_return(src, folder, n)
                n += 1
            sync = cli("sync", "--project", str(root), str(folder))
            readers = [("report", cli("report", "--project", str(root), "--format", "xlsx", "--out",
                                      str(tmp / f"raportti{i}.xlsx"))),
                       ("export", cli("export", "--project", str(root), "--format", "json")),
                       ("status", cli("status", "--project", str(root), "--json"))]
            for name, proc in readers:
                out, err = proc.communicate(timeout=120)
                code = proc.returncode
                assert "Traceback" not in err, (name, err)
                assert code == 0, (name, code, err)
                if name in ("export", "status"):
                    json.loads(out)
                reads[name] += 1
            _, err = sync.communicate(timeout=120)
            code = sync.returncode
            assert code == 0 and "Traceback" not in err, err
            CalamineWorkbook.from_path(str(tmp / f"raportti{i}.xlsx"))
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not errors, errors[:3]
    assert reads["thread"] > 0
    check_project(root, n)
