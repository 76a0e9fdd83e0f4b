"""Benchmark (not a test): every command at 1× and 10× the rows, and sync at 100×: is each linear?

    python bench/bench_scale.py [--base 6] [--actions 250] [--hundred] [--repeat 1]

1× is ``--base`` departments × ``--actions`` actions (6 × 250 = 1 500 actions), 10× ten times the
departments (60 × 250 = 15 000), 100× (with ``--hundred``) 60 departments × 2 500 actions (150 000
rows, sync only). Each command runs as the coordinator runs it, ``seuranta …`` in its own process:
the time is the whole process (start-up included), the memory its peak resident set (os.wait4's
rusage of that one child). Steps: init (a strategy .xlsx without ids), round new, generate, sync (the
first, then again with nothing new, then with one new return), status, report xlsx / docx / md,
export csv. Every department returns its workbook filled (prepared with openpyxl, not timed).

Prints, per step, the seconds at each scale, the ratio 10× / 1× (goal ≤ 11) and the peak MB at 10×
(goal ≤ 300 MB). Asserts nothing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEURANTA = [sys.executable, "-m", "seuranta_xl.cli"]


def write_strategy(path: Path, departments: int, actions: int) -> None:
    """A flat strategy table (Keuruu's columns, no ids: init numbers them) of departments × actions."""
    import xlsxwriter
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Strategia")
    ws.write_row(0, 0, ["Painopiste", "Strateginen tavoite", "Toimenpide", "Toimiala"])
    r = 1
    for d in range(departments):
        for a in range(actions):
            ws.write_row(r, 0, [f"Painopiste {a % 4 + 1}",
                                f"Strateginen tavoite {a % 9 + 1}: kehitämme palveluja yhdessä asukkaiden kanssa",
                                f"Toimenpide {a + 1} toimialalle {d}: selvitetään, kehitetään ja otetaan käyttöön "
                                "uusi toimintamalli, jossa huomioidaan asukkaiden palaute.", f"Toimiala {d:02d}"])
            r += 1
    wb.close()


def run(args: list[str], cwd: Path) -> tuple[float, float]:
    """One command in its own process: (wall seconds, peak MB of that process)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(SEURANTA + args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "COLUMNS": "80"})
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):   # 1: the command reported findings
        raise SystemExit(f"seuranta {' '.join(args)} failed ({proc.returncode}):\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def _fill(job: tuple[str, str, int]) -> None:
    from seuranta_xl.demo import fill_workbook
    src, dst, _ = job
    fill_workbook(Path(src), Path(dst), {}, saved=dt.datetime(2026, 11, 20, 12, 0))


def fill_returns(project: Path, round_id: str, keep_back: int = 1) -> list[Path]:
    """Every generated workbook filled into palautukset/ROUND, but the last ``keep_back`` kept aside
    (returned later: the 'one new return' step); the kept ones' filled paths."""
    forms = sorted((project / "lomakkeet" / round_id).glob("*.xlsx"))
    inbox = project / "palautukset" / round_id
    aside = project / "myohemmin"
    inbox.mkdir(parents=True, exist_ok=True)
    aside.mkdir(exist_ok=True)
    jobs = [(str(p), str((aside if i >= len(forms) - keep_back else inbox) / p.name), i) for i, p in enumerate(forms)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_fill, jobs))
    return sorted(aside.glob("*.xlsx"))


def steps(project: Path, strategy: Path, only_sync: bool, repeat: int) -> dict[str, tuple[float, float]]:
    """The round of one scale, step by step: step -> (median seconds, peak MB)."""
    out: dict[str, tuple[float, float]] = {}
    p = ["--project", str(project)]

    def timed(name: str, args: list[str], before=None) -> None:
        runs = []
        for _ in range(repeat):
            if before:
                before()
            runs.append(run(args, project.parent))
        out[name] = (statistics.median(r[0] for r in runs), max(r[1] for r in runs))

    def fresh_init() -> None:
        shutil.rmtree(project, ignore_errors=True)
    timed("init", ["init", "--strategy", str(strategy), "--name", "Mittakaavan kunta", *p], before=fresh_init)
    run(["round", "new", "R1", "--deadline", "15.12.2026", *p], project.parent)
    timed("generate", ["generate", *p])
    later = fill_returns(project, "R1")
    db = project / "seuranta.db"
    empty_ledger = project.parent / "empty.db"
    shutil.copyfile(db, empty_ledger)

    def first_sync_state() -> None:
        shutil.copyfile(empty_ledger, db)
        for extra in ("seuranta.db-wal", "seuranta.db-shm"):
            (project / extra).unlink(missing_ok=True)
        (project / "master.xlsx").unlink(missing_ok=True)
    timed("sync (first)", ["sync", *p], before=first_sync_state)
    timed("sync (nothing new)", ["sync", *p])
    synced = project.parent / "synced.db"
    shutil.copyfile(db, synced)
    new_return = project / "palautukset" / "R1" / later[0].name

    def one_new() -> None:
        shutil.copyfile(synced, db)
        for extra in ("seuranta.db-wal", "seuranta.db-shm"):
            (project / extra).unlink(missing_ok=True)
        shutil.copyfile(later[0], new_return)
    timed("sync (one new return)", ["sync", *p], before=one_new)
    if only_sync:
        return out
    timed("status", ["status", *p])
    for fmt in ("xlsx", "docx", "md"):
        timed(f"report {fmt}", ["report", "--format", fmt, *p])
    timed("export csv", ["export", "--format", "csv", "--out", str(project / "vienti.csv"), *p])
    return out


def scale(tmp: Path, name: str, departments: int, actions: int, only_sync: bool, repeat: int):
    base = tmp / name
    base.mkdir()
    strategy = base / "strategia.xlsx"
    write_strategy(strategy, departments, actions)
    t0 = time.perf_counter()
    result = steps(base / "projekti", strategy, only_sync, repeat)
    print(f"  {name}: {departments} × {actions} = {departments * actions} actions "
          f"({time.perf_counter() - t0:.0f} s with preparation)", flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=6, help="departments at 1× (default 6)")
    ap.add_argument("--actions", type=int, default=250)
    ap.add_argument("--hundred", action="store_true", help="also sync at 100× (60 × 2 500 actions)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each step (the median is shown)")
    args = ap.parse_args()
    print(f"{os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"{dt.date.today().isoformat()}")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        one = scale(Path(tmp), "1x", args.base, args.actions, False, args.repeat)
        ten = scale(Path(tmp), "10x", args.base * 10, args.actions, False, args.repeat)
        hundred = (scale(Path(tmp), "100x", args.base * 10, args.actions * 10, True, args.repeat)
                   if args.hundred else {})
    print(f"{'step':<24}{'1× s':>8}{'10× s':>8}{'10×/1×':>8}{'10× MB':>8}" + (f"{'100× s':>8}{'100×/1×':>9}{'100× MB':>9}"
                                                                     if hundred else ""))
    for step, (s1, _) in one.items():
        s10, mb10 = ten[step]
        line = f"{step:<24}{s1:>8.2f}{s10:>8.2f}{s10 / s1:>8.1f}{mb10:>8.0f}"
        if step in hundred:
            s100, mb100 = hundred[step]
            line += f"{s100:>8.2f}{s100 / s1:>9.1f}{mb100:>9.0f}"
        print(line)
    print("goals: 10×/1× ≤ 11, peak ≤ 300 MB at 10×; at 10× (15 000 actions) init ≤ 3 s, sync with nothing new "
          "≤ 0.5 s, status ≤ 0.5 s, report docx ≤ 5 s")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
