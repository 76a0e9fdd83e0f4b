"""The model of returns over time (docs/returns.md) against a small reference written independently here:
any sequence of add / replace / remove / withdraw / prefer (and their undo) of versions gives, after
each step, exactly the reference's values in force — on hand-built records through merge_round (fast,
many examples) and on real files through sync and the `returns` commands (tests/test_properties.py)."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from seuranta_xl.core.merge import merge_round
from seuranta_xl.core.model import Action, Entry, FocusArea, Goal, ReturnRecord, Round, Scale, ScaleStep, Strategy
from seuranta_xl.core.versions import Decision

ACTIONS = ("A1", "A2")
SCALE = Scale(name="1-5", steps=[ScaleStep(value=str(i), label=str(i)) for i in range(1, 6)])
STRATEGY = Strategy(focus_areas=[FocusArea(id="F", name="F", goals=[Goal(id="G", text="G", actions=[
    Action(id=a, text=f"toimenpide {a}", department="D") for a in ACTIONS])])])
ROUND = Round(id="R1", scale=SCALE)

VALUES = st.lists(st.tuples(st.one_of(st.none(), st.sampled_from("12345")),
                            st.one_of(st.none(), st.sampled_from(["hyvä", "kesken", "viivästyy"]))),
                  min_size=len(ACTIONS), max_size=len(ACTIONS))
NAME = st.sampled_from(["a.xlsx", "b.xlsx", "c.xlsx"])
OP = st.one_of(
    st.tuples(st.just("put"), NAME, st.integers(0, 50), VALUES),          # add, or replace when the name exists
    st.tuples(st.just("remove"), NAME),
    st.tuples(st.sampled_from(["withdraw", "reinstate", "prefer", "unprefer"]), st.integers(0, 7)),
)


@dataclass
class Reference:
    """What the coordinator expects, written out without the code's helpers: the folder (name -> version),
    every version seen (its save minute, values, arrival step) and the decisions in order."""

    actions: tuple[str, ...] = ACTIONS
    folder: dict[str, int] = field(default_factory=dict)
    seen: list[tuple[int, list, int]] = field(default_factory=list)     # (minute, values, arrival step)
    withdrawn: set[int] = field(default_factory=set)
    preferred: list[int] = field(default_factory=list)                  # standing prefer decisions, in order

    def decide(self, kind: str, v: int) -> None:
        """The coordinator's decision on version ``v``: withdraw / reinstate / prefer / unprefer."""
        if kind == "withdraw":
            self.withdrawn.add(v)
        elif kind == "reinstate":
            self.withdrawn.discard(v)
        elif kind == "prefer":
            self.preferred = [p for p in self.preferred if p != v] + [v]
        else:
            self.preferred = [p for p in self.preferred if p != v]

    def in_force_order(self) -> list[int]:
        current = [v for v in set(self.folder.values()) if v not in self.withdrawn]
        current.sort(key=lambda v: (self.seen[v][0], self.seen[v][2], v))
        standing = [v for v in self.preferred if v in current]
        if standing:
            current.remove(standing[-1])
            current.append(standing[-1])
        return current

    def values(self) -> dict[str, tuple[str | None, str | None]]:
        out = {a: [None, None] for a in self.actions}
        for v in self.in_force_order():
            for a, (grade, comment) in zip(self.actions, self.seen[v][1]):
                if grade is not None:
                    out[a][0] = grade
                if comment is not None:
                    out[a][1] = comment
        return {a: tuple(gc) for a, gc in out.items()}


def _digest(minute: int, values: list) -> str:
    return hashlib.sha256(repr((minute, values)).encode()).hexdigest()


def _stamp(minute: int) -> str:
    return (dt.datetime(2023, 9, 1, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=minute)).isoformat()


def _apply(op: tuple, ref: Reference, records: list, decisions: list[Decision], step: int) -> None:
    kind = op[0]
    if kind == "put":
        _, name, minute, values = op
        digest = _digest(minute, values)
        known = [i for i, (rec, _) in enumerate(records) if rec.file_hash == digest]
        if known:
            ref.folder[name] = known[0]
            return
        rec = ReturnRecord(id=len(records) + 1, round_id="R1", department="D", file_name=name, file_hash=digest,
                           size=1, saved_at=_stamp(minute), application="Microsoft Excel",
                           received_at=_stamp(10_000 + step), n_rows=2, n_errors=0)
        entries = [Entry(round_id="R1", action_id=a, department="D", grade=g, comment=c)
                   for a, (g, c) in zip(ACTIONS, values)]
        records.append((rec, entries))
        ref.seen.append((minute, values, step))
        ref.folder[name] = len(records) - 1
    elif kind == "remove":
        ref.folder.pop(op[1], None)
    elif op[1] < len(records):
        v = op[1]
        decisions.append(Decision(kind=kind, file_hash=records[v][0].file_hash, file_name="x", at=_stamp(20_000 + step)))
        ref.decide(kind, v)


@settings(max_examples=300, deadline=None)
@given(ops=st.lists(OP, min_size=1, max_size=12))
def test_any_sequence_of_versions_and_decisions_gives_the_reference_state(ops):
    ref, records, decisions = Reference(), [], []
    for step, op in enumerate(ops):
        _apply(op, ref, records, decisions, step)
        presence = {records[v][0].file_hash: name for name, v in ref.folder.items()}
        state = merge_round(ROUND, STRATEGY, records, presence=presence, decisions=decisions)
        got = {a: (state.value(a).grade, state.value(a).comment) for a in ACTIONS}
        assert got == ref.values(), (step, ops)
        current = ref.in_force_order()
        assert [v.file_hash for v in state.current.get("D", [])] == [records[v][0].file_hash for v in current]
        codes = [f.code for f in state.findings]
        assert ("missing-return" in codes) == (not current)
        assert codes.count("duplicate-return") == (1 if len(current) > 1 else 0)
