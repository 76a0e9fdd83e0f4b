"""The report's numbers (pure: no I/O): a round's grades summarised for finance.

Per group (all actions, each focus area, each department):
- ``counts``: actions per scale step (lowest first) and ``empty`` (no grade yet);
- ``share(value)``: that step's share of *all* the group's actions (so the shares and the
  no-grade share add up to 100 %; a department that has not returned shows as no grade, not as
  a better or worse average);
- ``average``: the mean of the graded actions where every step of the scale is a number;
- ``done_share``: actions at the top step (the scale's last step is "done") / all actions;
- ``change``: against the previous round (``Ledger.previous_round``; an imported past round counts),
  matched by action id, for actions graded in both rounds: improved / same / worse, and which moved.

A department whose return in force is a draft (not marked ready, core/ready.py) is in ``drafts``, not in
``returned``; its values are counted in the groups (they are its current answers; the report says which
departments are drafts).

Rounds on scales of different lengths are not compared (``change`` is None); otherwise steps are
compared by their position on the scale.

A round's inputs (core/inputs.py): ``filled`` counts the actions whose required inputs all have a value
(a round without a grade, as Kemi's, is summarised by it instead of by grades); every item carries the
values of the further inputs (``values``) and its indicator.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from seuranta_xl.core.goals import GoalRollUp, GoalStatus, roll_up
from seuranta_xl.core.identity import reference_keys
from seuranta_xl.core.inputs import extra, has_grade, is_filled, stored_inputs
from seuranta_xl.core.merge import RoundState
from seuranta_xl.core.model import ActionRow, Round, Scale, Strategy

IMPROVED, SAME, WORSE = "improved", "same", "worse"


@dataclass(frozen=True)
class Move:
    action_id: str
    focus_area: str
    department: str
    text: str
    before: str
    after: str
    direction: str            # improved / worse


@dataclass
class Change:
    improved: int = 0
    same: int = 0
    worse: int = 0
    not_compared: int = 0     # graded in only one of the two rounds (or in neither)
    moves: list[Move] = field(default_factory=list)

    @property
    def compared(self) -> int:
        return self.improved + self.same + self.worse


@dataclass
class Group:
    name: str
    scale: Scale
    counts: dict[str, int]    # scale value -> number of actions, in scale order
    empty: int                # actions without a grade
    average: float | None
    change: Change | None
    filled: int = 0           # actions whose required inputs all have a value

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.empty

    @property
    def graded(self) -> int:
        return sum(self.counts.values())

    def share(self, value: str) -> float:
        return self.counts.get(value, 0) / self.total if self.total else 0.0

    @property
    def empty_share(self) -> float:
        return self.empty / self.total if self.total else 0.0

    @property
    def done(self) -> int:
        return self.counts.get(self.scale.top.value, 0)

    @property
    def done_share(self) -> float:
        return self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class Item:
    """One action in the full list (what a report pastes per focus area)."""

    action_id: str
    focus_area: str
    goal: str
    department: str
    text: str
    grade: str | None
    label: str | None
    number: float | None
    comment: str | None
    previous: str | None
    indicator: str | None = None    # the strategy's mittari and mittarin tavoitetaso (#16)
    target: str | None = None
    values: dict[str, str | None] = field(default_factory=dict)   # further input key -> value in force
    filled: bool = False


@dataclass
class Summary:
    round: Round
    previous_round: Round | None
    scale: Scale
    overall: Group
    by_focus_area: list[Group]
    by_department: list[Group]
    items: list[Item]
    returned: list[str]       # departments with a return marked ready (imported rounds: all with values)
    missing: list[str]        # departments without any return
    comparable: bool          # the previous round exists and its scale can be compared
    listed: tuple[str, ...] = ()    # "indicator" and / or "target": the list shows them, side by side
    goals: list[GoalRollUp] = field(default_factory=list)   # each focus area and goal: its actions' median
    drafts: list[str] = field(default_factory=list)   # departments whose return in force is a draft (values counted)
    graded: bool = True       # the round asks a grade (False: summarised by what is filled in)

    @property
    def has_values(self) -> bool:
        return self.overall.graded > 0 or any(i.comment or any(i.values.values()) for i in self.items)

    @property
    def moves(self) -> list[Move]:
        return self.overall.change.moves if self.overall.change else []

    def items_by_focus_area(self) -> list[tuple[str, list[Item]]]:
        out: dict[str, list[Item]] = {}
        for item in self.items:
            out.setdefault(item.focus_area, []).append(item)
        return list(out.items())


def _comparable(a: Scale, b: Scale) -> bool:
    return len(a.steps) == len(b.steps)


def _group(name: str, rows, scale: Scale, grades: dict[str, str | None], prev_scale: Scale | None,
           prev_grades: dict[str, str | None] | None, filled: frozenset[str] = frozenset()) -> Group:
    counts = {v: 0 for v in scale.values}
    empty = 0
    numbers: list[float] = []
    change = Change() if prev_grades is not None and prev_scale is not None else None
    for row in rows:
        step = scale.step(grades.get(row.id))
        if step is None:
            empty += 1
        else:
            counts[step.value] += 1
            if step.number is not None:
                numbers.append(step.number)
        if change is None:
            continue
        before = prev_scale.step(prev_grades.get(row.id))
        if step is None or before is None:
            change.not_compared += 1
            continue
        now_rank, before_rank = scale.rank(step.value), prev_scale.rank(before.value)
        if now_rank == before_rank:
            change.same += 1
            continue
        direction = IMPROVED if now_rank > before_rank else WORSE
        if direction == IMPROVED:
            change.improved += 1
        else:
            change.worse += 1
        change.moves.append(Move(row.id, row.focus_area, row.action.department, row.action.text,
                                 before.value, step.value, direction))
    average = sum(numbers) / len(numbers) if numbers and scale.numeric else None
    return Group(name, scale, counts, empty, average, change, sum(1 for row in rows if row.id in filled))


def summarise(rnd: Round, strategy: Strategy, state: RoundState,
              previous: tuple[Round, RoundState] | None = None, overall_name: str = "",
              goal_statuses: dict[tuple[str, str], GoalStatus] | None = None) -> Summary:
    """The report's numbers for a round (``previous``: the round before it and its state;
    ``goal_statuses``: what the source said of its goals as a whole, shown beside their roll-up)."""
    scale = rnd.scale
    specs = stored_inputs(rnd)
    graded = has_grade(specs)
    filled = frozenset(aid for aid, v in state.values.items() if is_filled(specs, v.value))
    grades = {aid: v.grade for aid, v in state.values.items()} if graded else {}
    prev_round = previous[0] if previous else None
    comparable = previous is not None and graded and _comparable(scale, previous[0].scale)
    prev_scale = previous[0].scale if comparable else None
    prev_grades = {aid: v.grade for aid, v in previous[1].values.items()} if comparable else None
    rows = list(strategy.rows())

    overall = _group(overall_name, rows, scale, grades, prev_scale, prev_grades, filled)
    rows_of_fa: dict[str, list[ActionRow]] = {}
    for r in rows:               # one pass, not one per focus area and per department
        rows_of_fa.setdefault(r.focus_area, []).append(r)
    rows_of_dept = strategy.rows_by_department()
    by_fa = [_group(fa.name, rows_of_fa.get(fa.name, []), scale, grades, prev_scale, prev_grades, filled)
             for fa in strategy.focus_areas]
    departments = sorted(rows_of_dept, key=str.casefold)    # Strategy.departments(), without another pass
    by_dept = [_group(d, rows_of_dept[d], scale, grades, prev_scale, prev_grades, filled) for d in departments]
    further = [s.key for s in extra(specs)]

    items = []
    for r in rows:
        v = state.value(r.id)
        step = scale.step(v.grade)
        before = prev_scale.step(prev_grades.get(r.id)) if prev_scale and prev_grades is not None else None
        items.append(Item(r.id, r.focus_area, r.goal, r.action.department, r.action.text,
                          step.value if step else v.grade, step.label if step else None,
                          step.number if step else None, v.comment, before.value if before else None,
                          indicator=r.action.indicator, target=r.action.target,
                          values={k: v.value(k) for k in further}, filled=r.id in filled))

    if rnd.imported:
        returned = [d for d in departments if any(grades.get(r.id) or r.id in filled for r in rows_of_dept[d])]
    else:
        returned = [d for d in departments if state.returns.get(d)]
    drafts = [d for d in returned if state.returns.get(d) and state.returns[d][-1].draft]
    returned = [d for d in returned if d not in drafts]
    missing = [d for d in departments if d not in returned and d not in drafts]
    listed = tuple(k for k in reference_keys(strategy) if k in ("indicator", "target"))
    # The goal roll-up is a median of grades: a round without a grade (Kemi) has none to show.
    goals = roll_up(strategy, scale, grades, goal_statuses) if graded else []
    return Summary(rnd, prev_round, scale, overall, by_fa, by_dept, items, returned, missing, comparable, listed,
                   goals, drafts, graded)
