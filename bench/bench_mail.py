"""Benchmark (not a test): the round's life on a large municipality — generate, send, remind, a strategy
update and generate --only-changed.

    python bench/bench_mail.py [--departments 60] [--actions 250]

Every department has a contact; half of them return their workbook filled (the other half get a
reminder). Prints the wall time of each step and the size of the drafts.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the repository root: tests.builders

import tomli_w  # noqa: E402

from tests.builders import make_project, synthetic_strategy  # noqa: E402

from seuranta_xl.demo import fill_workbook  # noqa: E402
from seuranta_xl.returns.mailing import remind_drafts, send_drafts  # noqa: E402
from seuranta_xl.returns.sync import sync_folder  # noqa: E402
from seuranta_xl.store.ledger import Ledger  # noqa: E402
from seuranta_xl.store.rounds import new_round  # noqa: E402
from seuranta_xl.strategy.update import record_update  # noqa: E402
from seuranta_xl.workbook.generate import generate_round  # noqa: E402


def timed(label: str, fn):
    t0 = time.perf_counter()
    out = fn()
    print(f"{label:<40} {time.perf_counter() - t0:6.2f} s")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--departments", type=int, default=60)
    ap.add_argument("--actions", type=int, default=250)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-mail-") as tmp:
        strategy = synthetic_strategy(args.departments, args.actions)
        project = make_project(Path(tmp) / "p", strategy, organisation="Benchmarkin kunta")
        data = project.load_config().model_dump(mode="json", exclude_none=True)
        data["departments"] = {d: {"contacts": [{"name": f"Yhteyshenkilö {i}", "email": f"henkilo{i}@kunta.fi"}]}
                               for i, d in enumerate(strategy.departments())}
        project.config_path.write_text(tomli_w.dumps(data), "utf-8")
        new_round(project.root, "r1", deadline=dt.date.today() + dt.timedelta(days=5))
        gen = timed(f"generate ({args.departments} × {args.actions})", lambda: generate_round(project.root))
        sent = timed("send", lambda: send_drafts(project.root))
        size = sum(p.stat().st_size for _, p, _, _ in sent.drafts)
        print(f"{'  drafts':<40} {len(sent.drafts)} files, {size / 1e6:.1f} MB")
        folder = project.root / "palautukset" / "r1"
        for path, _ in gen.files[::2]:
            fill_workbook(path, folder / path.name, {}, saved=dt.datetime(2024, 5, 20, 12, 0))
        timed(f"sync ({len(gen.files[::2])} returns)", lambda: sync_folder(project.root))
        reminded = timed("remind", lambda: remind_drafts(project.root))
        print(f"{'  reminders':<40} {len(reminded.drafts)} drafts, {len(reminded.skipped)} skipped")
        with Ledger(project.db_path) as ledger:
            old_id, old = ledger.strategy()
            new = old.model_copy(deep=True)
            for fa in new.focus_areas[:1]:
                for goal in fa.goals[:1]:
                    for action in goal.actions[:: max(1, len(goal.actions) // 5)]:
                        action.text += " (muutettu)"
            new_id = ledger.add_strategy(new, "bench", "0" * 64, "test")
            note = timed("strategy diff + outdated", lambda: record_update(project.root, ledger, (old_id, old),
                                                                            new_id, new, "fi"))
        print(f"{'  changed / outdated departments':<40} {len(note.diff.reworded)} / {len(note.outdated.get('r1', []))}")
        again = timed("generate --only-changed", lambda: generate_round(project.root, only_changed=True))
        print(f"{'  rewritten':<40} {len(again.files)} of {args.departments}")


if __name__ == "__main__":
    main()
