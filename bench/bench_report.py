"""Benchmark (not a test): `report` of a round of 60 departments × 250 actions in every format.

    python bench/bench_report.py [--departments 60] [--actions 250] [--formats docx,xlsx,csv,md]

Builds a project with a past round and a current round in which every department has returned
(tests/builders: synthetic_strategy, add_return), then times `build_report` (ledger load and
summary, once) and `save_report` for each format. Goal on the 2-core reference machine (#17):
`report --format docx` for 15 000 actions in at most 5 s (build + write).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository root: tests.builders

from tests.builders import add_return, add_round, make_project, synthetic_strategy  # noqa: E402

from seuranta_xl.outputs.report import build_report, save_report  # noqa: E402

GOAL_DOCX_SECONDS = 5.0


def _project(root: Path, departments: int, actions: int):
    strategy = synthetic_strategy(departments, actions)
    project = make_project(root, strategy, organisation="Benchmarkin kunta")
    add_round(project, "2025-kevat", imported=True)
    add_round(project, "2025-syys", title="Syksy 2025")
    for dept in strategy.departments():
        rows = strategy.rows_for(dept)
        add_return(project, "2025-kevat", dept, {r.id: (str(i % 5 + 1), None) for i, r in enumerate(rows)})
        add_return(project, "2025-syys", dept,
                   {r.id: (str((i + i // 3) % 5 + 1), f"Kommentti {i}: työ etenee suunnitellusti.")
                    for i, r in enumerate(rows)})
    return project


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--departments", type=int, default=60)
    ap.add_argument("--actions", type=int, default=250)
    ap.add_argument("--formats", default="docx,xlsx,csv,md")
    args = ap.parse_args()
    formats = args.formats.split(",")

    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        t0 = time.perf_counter()
        project = _project(Path(tmp) / "p", args.departments, args.actions)
        print(f"prepared {args.departments} departments × {args.actions} actions in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        report = build_report(project.root)
        build = time.perf_counter() - t0
        print(f"build_report (ledger, merge, summary)   {build:6.2f} s")
        for fmt in formats:
            t0 = time.perf_counter()
            path = save_report(report, project.root, fmt)
            write = time.perf_counter() - t0
            total = build + write
            print(f"{fmt:<5} write {write:6.2f} s   build + write {total:6.2f} s   {path.stat().st_size / 1e6:5.1f} MB")
            if fmt == "docx":
                print(f"      goal docx ≤ {GOAL_DOCX_SECONDS:.0f} s:", "met" if total <= GOAL_DOCX_SECONDS else "NOT met")


if __name__ == "__main__":
    main()
