"""A status per goal (pure: no I/O): the roll-up of a goal's actions, beside the status a source gave it.

The roll-up rule is the **median** of the goal's graded actions on the scale's order (the lower of the
two middle steps when the count is even), with how many of its actions are graded. Why the median
(docs/report.md): it is always a step of the scale, so it reads in the scale's own words ("3 Toteutus on
aloitettu…") and works for text scales (ei / kesken / kyllä) where a mean does not exist; one stalled or
one finished action does not move it the way it moves the lowest or the mean; and the lower middle
keeps it on the cautious side. Actions not graded are left out of the median and counted as not graded.

An imported status (Tuusula's parent rows: ``GoalStatus``) is what the source said of the goal as a
whole; it is shown beside the roll-up, never instead of it.
"""
from __future__ import annotations

from dataclasses import dataclass

from seuranta_xl.core.model import Scale, Strategy

FOCUS_AREA, GOAL = "focus_area", "goal"


@dataclass(frozen=True)
class GoalStatus:
    """A status a source table gives a goal or a focus area as a whole (one round)."""

    round_id: str
    level: str                  # FOCUS_AREA or GOAL
    node_id: str                # the FocusArea or Goal id
    grade: str | None           # canonical scale value; None when the cell is not on the scale
    raw: str | None = None      # as the source held it, when it was not a scale value
    cell: str | None = None     # where the source held it ("E15")
    row: int | None = None


@dataclass(frozen=True)
class GoalRollUp:
    level: str
    node_id: str
    name: str
    total: int                  # actions under it
    graded: int                 # of them with a grade on the scale
    median: str | None          # the roll-up (a scale value), None when nothing is graded
    imported: GoalStatus | None = None


def median_step(scale: Scale, grades: list[str | None]) -> str | None:
    """The lower median of the grades on the scale's order; None when none is on the scale."""
    ranks = sorted(r for r in (scale.rank(g) for g in grades) if r is not None)
    if not ranks:
        return None
    return scale.steps[ranks[(len(ranks) - 1) // 2]].value


def roll_up(strategy: Strategy, scale: Scale, grades: dict[str, str | None],
            imported: dict[tuple[str, str], GoalStatus] | None = None) -> list[GoalRollUp]:
    """Each focus area and, under it, each of its goals, in the strategy's order (``grades``: action id ->
    current grade; ``imported``: (level, id) -> the source's status)."""
    imported = imported or {}
    out = []
    for fa in strategy.focus_areas:
        fa_grades = [grades.get(a.id) for g in fa.goals for a in g.actions]
        out.append(_row(FOCUS_AREA, fa.id, fa.name, scale, fa_grades, imported))
        for goal in fa.goals:
            out.append(_row(GOAL, goal.id, goal.text, scale, [grades.get(a.id) for a in goal.actions], imported))
    return out


def _row(level: str, node_id: str, name: str, scale: Scale, grades: list[str | None],
         imported: dict[tuple[str, str], GoalStatus]) -> GoalRollUp:
    graded = sum(1 for g in grades if scale.rank(g) is not None)
    return GoalRollUp(level, node_id, name, len(grades), graded, median_step(scale, grades),
                      imported.get((level, node_id)))
