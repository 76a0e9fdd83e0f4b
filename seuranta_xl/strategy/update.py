"""After a re-import (`seuranta strategy update FILE`, `init --force`): the diff, saved; the open rounds
moved to the new strategy; the departments whose workbooks were made from the old text (shell).

Every open round (not closed, not imported) follows the latest strategy: a strategy event in the
ledger says from when. Its workbooks already sent carry the old text: the departments whose rows'
locked texts changed are named (from the ledger's record of which strategy each workbook was made
from), `generate --only-changed` writes just those, and a return of an old workbook is accepted for
its unchanged actions (core/outdated.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from seuranta_xl.core.identity import known_fingerprints
from seuranta_xl.core.roundlife import RoundEvent
from seuranta_xl.core.strategydiff import StrategyDiff, diff_strategies
from seuranta_xl.core.model import Strategy
from seuranta_xl.present.strategydiff import diff_lines
from seuranta_xl.store.atomic import write_atomic
from seuranta_xl.store.ledger import Ledger, now_iso

CHANGES_DIR = "strategiamuutokset"


@dataclass
class UpdateNote:
    old_id: int | None
    new_id: int
    diff: StrategyDiff
    rounds: list[str] = field(default_factory=list)              # open rounds moved to the new strategy
    outdated: dict[str, list[str]] = field(default_factory=dict)  # round -> departments with an outdated workbook
    saved: Path | None = None

    def lines(self, lang: str) -> list[str]:
        return diff_lines(self.diff, self.old_id, self.new_id, self.outdated, lang)

    def to_json(self) -> dict:
        import json
        return {"old_strategy": self.old_id, "new_strategy": self.new_id, "diff": json.loads(self.diff.to_json()),
                "rounds": self.rounds, "outdated": self.outdated, "saved": str(self.saved) if self.saved else None}


def _outdated(ledger: Ledger, round_id: str, new: Strategy) -> list[str]:
    prints = known_fingerprints(new)
    return sorted((d for d, (_sid, fp, _name) in ledger.generated(round_id).items() if fp not in prints.get(d, ())),
                  key=str.casefold)


def record_update(root: Path, ledger: Ledger, old: tuple[int, Strategy] | None, new_id: int, new: Strategy,
                  lang: str) -> UpdateNote:
    """The diff into the ledger (and strategiamuutokset/ when something changed), the open rounds moved."""
    diff = diff_strategies(old[1] if old else None, new)
    note = UpdateNote(old[0] if old else None, new_id, diff)
    ledger.add_strategy_diff(note.old_id, new_id, diff.to_json())
    for rnd in ledger.rounds():
        if rnd.imported or rnd.closed or rnd.strategy_id == new_id:
            continue
        ledger.add_round_event(rnd.id, RoundEvent("strategy", now_iso(), strategy_id=new_id))
        note.rounds.append(rnd.id)
        stale = _outdated(ledger, rnd.id, new)
        if stale:
            note.outdated[rnd.id] = stale
    if not diff.empty:
        path = Path(root) / CHANGES_DIR / f"strategia_v{note.old_id}-v{new_id}.md"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, "\n".join(note.lines(lang)) + "\n")
            note.saved = path
        except OSError:
            note.saved = None     # the ledger holds the diff; the file is a copy for people
    return note
