"""A round as the ledger knows it: strategy, merged state and every current finding.

Everything that shows a round (sync, status, master, export, report) goes through load_round, so
they all say the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.core.merge import RoundState, merge_round
from seuranta_xl.core.model import Round, Strategy


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
            known = ", ".join(r.id for r in ledger.rounds()) or "-"
            raise UserError(f"Kierrosta {round_id} ei ole (kierrokset: {known})",
                            f"There is no round {round_id} (rounds: {known})",
                            hint_fi="Avaa kierros: seuranta round new TUNNUS.",
                            hint_en="Open one: seuranta round new ID.")
        return rnd
    rounds = [r for r in ledger.rounds() if not (live_only and r.imported)]
    if not rounds:
        raise UserError("Projektissa ei ole vielä kierroksia", "The project has no rounds yet",
                        hint_fi="Avaa kierros: seuranta round new TUNNUS.",
                        hint_en="Open one: seuranta round new ID.")
    return rounds[-1]


def load_round(ledger: Ledger, rnd: Round) -> RoundView:
    found = ledger.strategy(rnd.strategy_id)
    if found is None:  # pragma: no cover - rounds always reference a stored strategy
        raise UserError("Kierroksen strategia puuttuu kirjanpidosta", "The round's strategy is missing")
    strategy = found[1]
    with ledger.snapshot():  # returns, entries, presence, decisions and refusals from one state
        returns = ledger.round_returns(rnd.id)
        refused = ledger.refused(rnd.id)
        presence = ledger.presence(rnd.id)
        decisions = ledger.decisions(rnd.id)
        rejected = ledger.rejected(rnd.id)
        folder = ledger.last_folder(rnd.id)
    state = merge_round(rnd, strategy, returns, presence=presence, decisions=decisions, refused=refused)
    return RoundView(rnd, strategy, state, [*state.findings, *rejected], folder)
