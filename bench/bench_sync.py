"""Benchmark: sync 60 returns × 250 actions, next to a plain pandas script and the floor.

    python bench/bench_sync.py [--departments 60] [--actions 250] [--repeat 3]

Contenders, each in its own subprocess (so peak RSS is its own):
- seuranta sync  — validate every return, record in the ledger, rebuild master.xlsx (first sync of a round)
- pandas script  — read_excel every return + concat + to_excel (what a coordinator might script)
- floor          — calamine read of every return + one write-only (constant_memory) master of the rows
Goals (DESIGN.md): sync ≤ 1.5 × floor, ≥ 2 × faster than pandas (the issue said 5×), peak ≤ 300 MB.
Prints the figures (wall seconds, and CPU seconds: on a shared machine the steadier measure of the
work, each contender being one thread); asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))   # the repository root: tests.builders


def prepare(base: Path, departments: int, actions: int) -> tuple[Path, Path]:
    import openpyxl

    from tests.builders import make_project, synthetic_strategy
    from seuranta_xl.core.identity import META_SHEET
    from seuranta_xl.store.rounds import new_round
    from seuranta_xl.workbook.generate import generate_round

    proj = base / "projekti"
    make_project(proj, synthetic_strategy(departments, actions))
    new_round(proj, "R1")
    returns = base / "palautukset"
    returns.mkdir()
    for i, (path, _) in enumerate(generate_round(proj, round_id="R1", out_dir=None).files):
        wb = openpyxl.load_workbook(path)
        meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_row=19) if r[0].value}
        cols = json.loads(meta["columns"])
        ws = wb[meta["data_sheet"]]
        for r in range(int(meta["first_data_row"]), ws.max_row + 1):
            if ws[f"{cols['id']}{r}"].value:
                ws[f"{cols['grade']}{r}"] = (r + i) % 5 + 1
                ws[f"{cols['comment']}{r}"] = f"Edistynyt suunnitellusti, {r % 97},5 % valmis.\nSeuraava vaihe 14.10."
        wb.save(returns / path.name)
    return proj, returns


def run_sync(proj: Path, returns: Path) -> None:
    from seuranta_xl.returns.sync import sync_folder
    sync_folder(proj, returns)


def run_pandas(proj: Path, returns: Path) -> None:
    import pandas as pd
    frames = [pd.read_excel(p, sheet_name=0, header=5) for p in sorted(returns.glob("*.xlsx"))]
    pd.concat(frames, ignore_index=True).to_excel(proj / "pandas_master.xlsx", index=False)


def run_floor(proj: Path, returns: Path) -> None:
    import xlsxwriter
    from python_calamine import CalamineWorkbook
    rows = []
    for p in sorted(returns.glob("*.xlsx")):
        wb = CalamineWorkbook.from_path(str(p))
        rows.extend(wb.get_sheet_by_index(0).to_python())
    out = xlsxwriter.Workbook(str(proj / "floor_master.xlsx"), {"constant_memory": True})
    ws = out.add_worksheet()
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v != "":
                ws.write(r, c, v)
    out.close()


CONTENDERS = {"seuranta sync": run_sync, "pandas script": run_pandas, "floor": run_floor}


def _cpu() -> float:
    """CPU seconds of this process and of the worker processes it waited for (sync's, store/fanout.py)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> float:
    """This process's own peak resident memory: VmHWM, not ru_maxrss, which on Linux keeps the bench
    process's size from before the exec (every contender then showed the same 115 MB)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(name: str, proj: str, returns: str) -> None:
    t0, c0 = time.perf_counter(), _cpu()
    CONTENDERS[name](Path(proj), Path(returns))
    elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
    peak_mb = _peak_mb()
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024   # sync's workers (0: none)
    print(json.dumps({"seconds": elapsed, "cpu": cpu, "peak_mb": peak_mb, "child_mb": child_mb}))


def measure(name: str, proj: Path, returns: Path, fresh_ledger: Path) -> dict:
    if name == "seuranta sync":  # every repetition is a first sync: restore the empty ledger
        shutil.copyfile(fresh_ledger, proj / "seuranta.db")
        for extra in ("seuranta.db-wal", "seuranta.db-shm"):
            (proj / extra).unlink(missing_ok=True)
    out = subprocess.run([sys.executable, __file__, "--child", name, str(proj), str(returns)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--departments", type=int, default=60)
    ap.add_argument("--actions", type=int, default=250)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", nargs=3)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        proj, returns = prepare(Path(tmp), args.departments, args.actions)
        fresh = Path(tmp) / "fresh.db"
        shutil.copyfile(proj / "seuranta.db", fresh)
        print(f"prepared {args.departments} returns × {args.actions} actions in {time.perf_counter() - t0:.1f} s")
        # in rounds, each contender once per round: a drift of the machine's speed (a shared VM) falls on
        # all three alike, and each round's own ratios are reported beside the medians
        rounds = [{name: measure(name, proj, returns, fresh) for name in CONTENDERS} for _ in range(args.repeat)]
        _report(rounds)


def _report(rounds: list[dict[str, dict]]) -> None:
    median = statistics.median
    print(f"{'contender':<16}{'median s':>10}{'cpu s':>8}{'peak MB':>10}")
    for name in CONTENDERS:
        runs = [r[name] for r in rounds]
        print(f"{name:<16}{median(x['seconds'] for x in runs):>10.2f}{median(x['cpu'] for x in runs):>8.2f}"
              f"{max(x['peak_mb'] for x in runs):>10.0f}")
    floor_ratios = [r["seuranta sync"]["seconds"] / r["floor"]["seconds"] for r in rounds]
    pandas_ratios = [r["pandas script"]["seconds"] / r["seuranta sync"]["seconds"] for r in rounds]
    cpu_floor = median(r["seuranta sync"]["cpu"] / r["floor"]["cpu"] for r in rounds)
    cpu_pandas = median(r["pandas script"]["cpu"] / r["seuranta sync"]["cpu"] for r in rounds)
    each = lambda ratios: ", ".join(f"{x:.2f}" for x in ratios)   # noqa: E731
    print(f"sync / floor   = {median(floor_ratios):.2f}×   (rounds {each(floor_ratios)}; cpu {cpu_floor:.2f}×; "
          "goal ≤ 1.5×)")
    print(f"pandas / sync  = {median(pandas_ratios):.2f}×   (rounds {each(pandas_ratios)}; cpu {cpu_pandas:.2f}×; "
          "goal ≥ 2×)")
    peak = max(r["seuranta sync"]["peak_mb"] for r in rounds)
    print(f"sync peak      = {peak:.0f} MB, its largest worker {max(r['seuranta sync']['child_mb'] for r in rounds):.0f} MB "
          "(goal ≤ 300 MB)")

if __name__ == "__main__":
    main()
