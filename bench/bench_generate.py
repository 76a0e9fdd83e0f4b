"""Benchmark (not a test): generate 60 department workbooks of 250 actions each.

    python bench/bench_generate.py [--departments 60] [--actions 250] [--previous]

Prints the wall time of `generate_round` (first run, without tracemalloc, whose overhead doubles
the time), the time of the strategy load alone (part of it), then the peak memory of a second run
under tracemalloc, and the process's max RSS. Goal on the 2-core reference machine: at most 10 s.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository root: tests.builders

from tests.builders import add_return, add_round, make_project, synthetic_strategy  # noqa: E402

from seuranta_xl.workbook.generate import generate_round  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--departments", type=int, default=60)
    ap.add_argument("--actions", type=int, default=250)
    ap.add_argument("--previous", action="store_true", help="add a previous round with values (reference columns)")
    ap.add_argument("--no-tracemalloc", action="store_true", help="skip the second, memory-measuring run")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-generate-") as tmp:
        strategy = synthetic_strategy(args.departments, args.actions)
        project = make_project(Path(tmp) / "p", strategy, organisation="Benchmarkin kunta")
        if args.previous:
            add_round(project, "edellinen", imported=True)
            for dept in strategy.departments():
                add_return(project, "edellinen", dept,
                           {r.id: (str(i % 5 + 1), f"Kommentti {i}") for i, r in enumerate(strategy.rows_for(dept))})
        add_round(project, "2025-syys", title="Strategian seuranta syksy 2025")

        t0 = time.perf_counter()
        result = generate_round(project.root)
        elapsed = time.perf_counter() - t0
        size = sum(p.stat().st_size for p, _ in result.files)
        with project.ledger() as ledger:
            t0 = time.perf_counter()
            ledger.strategy()
            load = time.perf_counter() - t0
        peak = 0
        if not args.no_tracemalloc:
            tracemalloc.start()
            generate_round(project.root)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(result.files)
    print(f"{n} workbooks × {args.actions} actions ({n * args.actions} rows), previous round: {args.previous}")
    print(f"time {elapsed:.2f} s ({elapsed / n * 1000:.0f} ms per workbook), total size {size / 1e6:.1f} MB")
    print(f"  of which loading the strategy from the ledger (pydantic validation): {load:.2f} s")
    if peak:
        print(f"peak traced memory {peak / 1e6:.1f} MB (tracemalloc)")
    print(f"max RSS {rss_mb:.0f} MB (whole process)")
    print("goal ≤ 10 s:", "met" if elapsed <= 10 else "NOT met")


if __name__ == "__main__":
    main()
