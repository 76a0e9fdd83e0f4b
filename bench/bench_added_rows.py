"""Benchmark: a return with 100 000 rows pasted below the data (issue 12, item 9).

    python bench/bench_added_rows.py [--rows 100000] [--code PATH]

Builds a Keuruu project, fills one department's workbook and pastes ROWS rows of text under its data
(openpyxl write-only copy of the sheet is not possible, so the rows go in with openpyxl's normal
writer; that part is not timed), then times `seuranta check --json` and `seuranta sync --json` (of
the folder holding it), each in its own process, and prints the seconds, the size of the JSON
document, the number of findings and the master's size. ``--code`` runs another checkout's
seuranta_xl (e.g. main, for a before / after figure). Asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))   # the repository root: tests.returns_kit


def prepare(base: Path, rows: int) -> tuple[Path, Path]:
    from tests.returns_kit import Kit
    kit = Kit(base)

    def paste(wb, ws, meta, cols):
        ws.protection.sheet = False
        start = ws.max_row + 1
        for r in range(start, start + rows):
            ws.cell(r, 1, f"liitetty rivi {r}")
            ws.cell(r, 4, "Toimenpide, jota ei ole strategiassa")
    return kit.proj, kit.fill("Hallinto", edit=paste)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--code", type=Path, default=HERE.parent, help="checkout whose seuranta_xl is timed")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        proj, path = prepare(Path(tmp), args.rows)
        print(f"prepared a return with {args.rows} pasted rows ({path.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - t0:.1f} s")
        env = {**os.environ, "PYTHONPATH": str(args.code.resolve())}
        for command in (["check", str(path)], ["sync", str(path.parent)]):
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "seuranta_xl.cli", command[0], "--project", str(proj),
                                   "--json", *command[1:]], capture_output=True, text=True, env=env, cwd=tmp)
            took = time.perf_counter() - t0
            doc = json.loads(proc.stdout)
            print(f"seuranta {command[0]} ({args.code.name}): {took:.1f} s, exit {proc.returncode}, JSON "
                  f"{len(proc.stdout.encode()) / 1e3:.1f} kB, {len(doc['findings'])} findings "
                  f"{doc['summary']['by_code']}")
        master = proj / "master.xlsx"
        if master.exists():
            print(f"master.xlsx after the sync: {master.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
