"""Reading and validating on every core (issue 17, store/fanout.py): results in job order whoever did
them, a job that fails or whose worker dies done again in the main process, and a sync with workers
recording exactly what a serial sync records.

Each case runs in a fresh single-threaded process (a subprocess), as the CLI does: a test worker of
pytest-xdist has threads of its own, and fanout never forks a process with threads."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.returns_kit import Kit

ROOT = Path(__file__).resolve().parents[1]


def run_python(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_results_come_in_job_order_from_every_process():
    out = json.loads(run_python("""
        import json, os, time
        from seuranta_xl.store import fanout
        main = os.getpid()
        def work(n):
            time.sleep(0.01)
            return (n * n, os.getpid() != main)
        seen = []
        results = fanout.run_all(list(range(40)), work, 1, lambda n, i: seen.append(n))
        print(json.dumps({"values": [v for v, _ in results], "by_worker": sum(w for _, w in results),
                          "seen": seen}))
    """))
    assert out["values"] == [n * n for n in range(40)]
    assert 0 < out["by_worker"] < 40               # both processes took jobs
    assert out["seen"] == list(range(1, 41))       # done() once per job, counting up


def test_a_failed_job_or_a_dead_worker_is_done_again_in_the_main_process():
    out = json.loads(run_python("""
        import json, os
        from seuranta_xl.store import fanout
        main = os.getpid()
        def work(n):
            if os.getpid() != main and n == 3:
                raise ValueError("only in the worker")
            if os.getpid() != main and n >= 10:
                os._exit(1)                            # the worker dies (killed, out of memory)
            return n + 100
        print(json.dumps(fanout.run_all(list(range(30)), work, 1)))
    """))
    assert out == [n + 100 for n in range(30)]


def test_an_error_in_every_process_reaches_the_caller_as_in_a_serial_run():
    out = run_python("""
        from seuranta_xl.store import fanout
        def work(n):
            if n == 7:
                raise KeyError("job seven")
            return n
        try:
            fanout.run_all(list(range(20)), work, 1)
        except KeyError as exc:
            print("raised", exc)
    """)
    assert out.strip() == "raised 'job seven'"


def _recorded(db: Path) -> dict:
    """What the ledger holds of the sync, without the ids and times that differ between two runs."""
    conn = sqlite3.connect(db)
    try:
        returns = sorted(conn.execute("SELECT department, file_name, file_hash, n_rows, n_errors, findings_json, "
                                      "ready, approver FROM returns"))
        entries = sorted(conn.execute("SELECT r.file_hash, e.action_id, e.grade, e.comment FROM entries e "
                                      "JOIN returns r ON r.id = e.return_id"))
        refused = sorted(conn.execute("SELECT file_name, file_hash, findings_json FROM refused_files"))
        rejected = [r[0] for r in conn.execute("SELECT rejected_json FROM sync_runs")]
    finally:
        conn.close()
    return {"returns": returns, "entries": entries, "refused": refused, "rejected": rejected}


@pytest.mark.slow
def test_a_sync_with_workers_records_what_a_serial_sync_records(tmp_path):
    """The same folder, synced once with a worker process and once without, into two copies of one
    project: the same returns, entries, refused files and findings."""
    kit = Kit(tmp_path)
    for prefix in ("Hallinto", "Elinvoima", "Kasvu"):
        kit.fill(prefix)
    kit.fill("Hallinto", name="Hallinto-luonnos.xlsx", seed_values=False)
    (kit.returns / "rikki.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    kit.copy_generated("Elinvoima", name="Elinvoima-tyhja.xlsx")
    import shutil
    serial, parallel, batched = tmp_path / "serial", tmp_path / "parallel", tmp_path / "batched"
    for project in (serial, parallel, batched):
        shutil.copytree(kit.proj, project)
    # batched: one file a batch (BATCH_BYTES 1 byte), as a folder of more than 256 MB would be
    for project, workers, batch_bytes in ((serial, 0, 2**28), (parallel, 1, 2**28), (batched, 1, 1)):
        out = run_python(f"""
            import json
            from pathlib import Path
            from seuranta_xl.store import fanout
            from seuranta_xl.returns import sync
            fanout.MIN_JOBS_PER_WORKER = 1
            sync.BATCH_BYTES = {batch_bytes}
            r = sync.sync_folder(Path({str(project)!r}), Path({str(kit.returns)!r}), workers={workers})
            print(json.dumps([r.new_returns, r.rejected, len(r.findings)]))
        """)
        counts = json.loads(out)
        assert counts[0] >= 4 and counts[1] >= 1
    assert _recorded(serial / "seuranta.db") == _recorded(parallel / "seuranta.db") == _recorded(batched / "seuranta.db")


def test_no_worker_is_left_behind_when_a_job_raises():
    out = run_python("""
        import multiprocessing, time
        from seuranta_xl.store import fanout
        def work(n):
            if n == 0:
                raise KeyError("first job")
            time.sleep(0.05)
            return n
        try:
            fanout.run_all(list(range(50)), work, 1)
        except KeyError:
            pass
        time.sleep(0.2)
        print(len(multiprocessing.active_children()))
    """)
    assert out.strip() == "0"


def test_a_result_that_cannot_travel_is_made_again_in_the_main_process_without_a_traceback():
    code = textwrap.dedent("""
        import json, os, time
        from seuranta_xl.store import fanout
        main = os.getpid()
        def work(n):
            time.sleep(0.01)                                     # long enough for the worker to take some
            return (lambda: n) if os.getpid() != main else n     # a lambda cannot be pickled
        print(json.dumps(fanout.run_all(list(range(20)), work, 1)))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == list(range(20))
    assert "Traceback" not in out.stderr
