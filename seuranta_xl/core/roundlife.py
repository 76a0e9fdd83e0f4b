"""A round's life after it is opened (pure: no I/O): edited, closed, reopened, moved to a newer
strategy; its deadline and the days left; a return that arrived after it was closed.

The ledger keeps the round as it was opened and appends a RoundEvent for every change (round_events,
append-only); the round as it stands now is the opened one with its events applied in order.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from seuranta_xl.core.findings import Finding
from seuranta_xl.core.model import Round

EventKind = Literal["edit", "close", "reopen", "strategy"]
OPEN, CLOSED, IMPORTED = "open", "closed", "imported"


@dataclass(frozen=True)
class RoundEvent:
    kind: EventKind
    at: str
    title: str | None = None        # edit: the new title (None: unchanged)
    deadline: str | None = None     # edit: the new deadline, ISO; "" removes it (None: unchanged)
    strategy_id: int | None = None  # strategy: the strategy the round follows from now on


@dataclass(frozen=True)
class LateReturn:
    """A file that arrived in the returns folder while the round was closed: recorded, never merged."""

    round_id: str
    file_hash: str
    file_name: str
    size: int
    department: str | None
    first_seen: str
    closed_at: str


def apply_events(rnd: Round, events: list[RoundEvent] | tuple[RoundEvent, ...]) -> Round:
    """The round as it stands after ``events`` (oldest first)."""
    changes: dict[str, object] = {}
    for e in events:
        if e.kind == "edit":
            if e.title is not None:
                changes["title"] = e.title
            if e.deadline is not None:
                changes["deadline"] = dt.date.fromisoformat(e.deadline) if e.deadline else None
        elif e.kind == "close":
            changes["closed_at"] = e.at
        elif e.kind == "reopen":
            changes["closed_at"] = None
        elif e.kind == "strategy":
            changes["strategy_id"] = e.strategy_id
    return rnd.model_copy(update=changes) if changes else rnd


def round_state(rnd: Round) -> str:
    """open / closed / imported (a past round imported from a table)."""
    if rnd.imported:
        return IMPORTED
    return CLOSED if rnd.closed else OPEN


def days_left(deadline: dt.date | None, today: dt.date) -> int | None:
    """Days from ``today`` to the deadline: 0 on the day, negative once it has passed; None without one."""
    return None if deadline is None else (deadline - today).days


def round_facts(rnd: Round, today: dt.date) -> dict[str, object]:
    """What status and round list give about a round, as plain data (the JSON keys)."""
    return {"id": rnd.id, "title": rnd.title, "state": round_state(rnd),
            "deadline": rnd.deadline.isoformat() if rnd.deadline else None,
            "days_left": days_left(rnd.deadline, today), "closed_at": rnd.closed_at,
            "strategy_id": rnd.strategy_id, "scale": rnd.scale.name, "carried_from": rnd.carried_from}


def late_findings(late: list[LateReturn], recorded: set[str]) -> list[Finding]:
    """late-return for every late file that is not (yet) a return of the round: once the round is
    reopened and synced, the file is a return like any other and the finding goes."""
    return [Finding(code="late-return", file=x.file_name, department=x.department,
                    params={"seen_on": x.first_seen, "closed_on": x.closed_at, "round": x.round_id})
            for x in late if x.file_hash not in recorded]
