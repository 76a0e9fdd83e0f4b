"""A round as the ledger knows it: strategy, merged state and every current finding.

Everything that shows a round (sync, status, master, export, report) goes through load_round, so
they all say the same thing; whatever shows the round before it (the workbooks' reference columns,
the report's change, sync's check of moved grades) goes through previous_state.
"""
from __future__ import annotations

from dataclasses import dataclass

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.core.merge import RoundState, merge_round
from seuranta_xl.core.model import Round, Strategy
from seuranta_xl.core.roundlife import late_findings
from seuranta_xl.core.textmatch import closest


@dataclass
class RoundView:
    round: Round
    strategy: Strategy
    state: RoundState
    findings: list[Finding]      # current: versions' own (merge.py says which), merge, refused files of the last sync
    folder: str | None           # where the last sync read the returns from


def resolve_round(ledger: Ledger, round_id: str | None, live_only: bool = False) -> Round:
    """The named round, or the latest one (the latest live round when live_only)."""
    if round_id:
        rnd = ledger.round(round_id)
        if rnd is None:
            ids = [r.id for r in ledger.rounds()]
            guesses = closest(round_id, ids)
            if guesses:
                raise UserError("round-unknown-near", round=round_id, known=", ".join(ids), guess=" / ".join(guesses))
            raise UserError("round-unknown", round=round_id, known=", ".join(ids) or "-")
        return rnd
    rounds = [r for r in ledger.rounds() if not (live_only and r.imported)]
    if not rounds:
        raise UserError("no-rounds")
    return rounds[-1]


def resolve_department(strategy: Strategy, name: str) -> str:
    """The strategy's department called ``name`` (case and spacing do not matter); a UserError that
    suggests the closest names for a mistyped one."""
    return department_named(strategy.departments(), name)


def department_named(departments: list[str], name: str) -> str:
    """The one of ``departments`` called ``name``, as :func:`resolve_department` says."""
    wanted = " ".join(name.split()).casefold()
    for dept in departments:
        if " ".join(dept.split()).casefold() == wanted:
            return dept
    guesses = closest(name, departments)
    if guesses:
        raise UserError("department-unknown-near", department=name, guess="” / ”".join(guesses))
    raise UserError("department-unknown", department=name, known=", ".join(departments))


def load_round(ledger: Ledger, rnd: Round) -> RoundView:
    """The round's current state. Pass the round read in the same snapshot when it matters (a round
    closed between the two reads); the returns, decisions and late files are read in one."""
    found = ledger.strategy(rnd.strategy_id)
    if found is None:  # pragma: no cover - rounds always reference a stored strategy
        raise UserError("round-strategy-missing", round=rnd.id)
    strategy = found[1]
    with ledger.snapshot():  # returns, entries, presence, decisions and refusals from one state
        returns = ledger.round_returns(rnd.id)
        refused = ledger.refused(rnd.id)
        presence = ledger.presence(rnd.id)
        decisions = ledger.decisions(rnd.id)
        rejected = ledger.rejected(rnd.id)
        folder = ledger.last_folder(rnd.id)
        late = late_findings(ledger.late(rnd.id), {rec.file_hash for rec, _ in returns} | {r.file_hash for r in refused})
    state = merge_round(rnd, strategy, returns, presence=presence, decisions=decisions, refused=refused)
    return RoundView(rnd, strategy, state, [*state.findings, *rejected, *late], folder)


def previous_state(ledger: Ledger, rnd: Round) -> tuple[Round, RoundState] | None:
    """The round before ``rnd`` and its merged state (the same newest-wins state that sync, status
    and the master show); None when ``rnd`` is the first round."""
    prev = ledger.previous_round(rnd.id)
    if prev is None:
        return None
    return prev, load_round(ledger, prev).state


def carried_comments(ledger: Ledger, rnd: Round) -> dict[str, str]:
    """action id -> the comment the round's workbooks start from (round new --carry-comments)."""
    if not rnd.carried_from:
        return {}
    source = ledger.round(rnd.carried_from)
    if source is None:
        return {}
    state = load_round(ledger, source).state
    return {aid: v.comment for aid, v in state.values.items() if v.comment and v.comment.strip()}
