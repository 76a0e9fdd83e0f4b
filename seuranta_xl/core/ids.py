"""Stable action ids (pure: no I/O).

An action keeps its id for as long as it lives: the ids are what the department workbooks, the
ledger's entries and every past round refer to.

- Where the source has its own codes (Tuusula's "01.03.01"), the code is the id.
- Otherwise ids are hierarchical numbers "focus area . goal . action" ("1.2.3") in source order.
- On a re-import, the previous strategy (``Ledger.strategy()``) is matched first: an action whose
  (focus area, goal, text, department) is exactly the same as an old one keeps the old id; then
  an action that differs only a little (a word edited in its text, a comma in its goal) keeps the
  id of the closest unmatched old action of the same department; an action whose focus area, goal
  and text are the same but whose department changed (moved) keeps its id too. Focus areas and goals
  keep their numbers the same way.
- A new action gets the next free number under its goal; a number that was ever used (``retired``:
  every id of every earlier strategy) is never given again, so an old entry can never be mistaken
  for a new action.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from seuranta_xl.core.model import Strategy
from seuranta_xl.core.textmatch import normalise

STRUCTURE_THRESHOLD = 90.0   # focus area / goal texts: a comma or a word form may differ
TEXT_THRESHOLD = 80.0        # action texts: one word may have been edited


@dataclass(frozen=True)
class ActionKey:
    focus_area: str
    goal: str
    text: str
    department: str
    code: str | None = None        # the source's own code for the action, if any
    focus_code: str | None = None
    goal_code: str | None = None


@dataclass
class Ids:
    actions: list[str]                              # one per key, in the same order
    focus_areas: dict[str, str]                     # focus area name -> id
    goals: dict[tuple[str, str], str]               # (focus area, goal) -> id
    changed: list[tuple[int, str, str]] = field(default_factory=list)  # (key index, old id, new id)


def _ratio(a: str, b: str) -> float:
    return fuzz.ratio(normalise(a), normalise(b))


_TRAILING_NUMBER = re.compile(r"\d+$")


class _Numbers:
    """The highest number taken under each prefix ("" for focus areas, "1." for goals, "1.2." for
    actions), kept up to date as ids are added: one pass over the ids in use, not one per new id."""

    def __init__(self, taken: Iterable[str] = ()):
        self._top: dict[str, int] = {}
        for u in taken:
            self.add(u)

    def add(self, taken: str) -> None:
        m = _TRAILING_NUMBER.search(taken)
        if m:   # the whole trailing run of digits: "1.12" is 12 under "1.", never 2 under "1.1"
            head, number = taken[:m.start()], int(m.group())
            if number > self._top.get(head, -1):
                self._top[head] = number

    def next(self, prefix: str) -> int:
        """The next free number under ``prefix`` (which is "" or ends in "."): one more than the highest."""
        assert not prefix[-1:].isdigit(), prefix
        return self._top.get(prefix, 0) + 1


def _match_names(new: Sequence[str], old: dict[str, str], threshold: float) -> dict[str, str]:
    """new name -> old id: exact names first, then the most similar unmatched old name."""
    out: dict[str, str] = {}
    free = dict(old)
    for name in new:
        if name in free:
            out[name] = free.pop(name)
    pairs = sorted(((_ratio(n, o), n, o) for n in new if n not in out for o in free), reverse=True)
    for score, n, o in pairs:
        if score < threshold:
            break
        if n not in out and o in free:
            out[n] = free.pop(o)
    return out


def _match_moved(keys: Sequence[ActionKey], free: dict, matched_old: dict[int, str]) -> None:
    """An action moved to another department (the same focus area, goal and text): it keeps its id."""
    by_place: dict[tuple[str, str, str], list[str]] = {}
    for oid, r in free.items():
        by_place.setdefault((r.focus_area, r.goal, r.action.text), []).append(oid)
    for i, k in enumerate(keys):
        if i in matched_old:
            continue
        candidates = [oid for oid in by_place.get((k.focus_area, k.goal, k.text), []) if oid in free]
        if candidates:
            matched_old[i] = candidates[0]
            del free[candidates[0]]


def assign(keys: Sequence[ActionKey], previous: Strategy | None = None,
           retired: Iterable[str] = ()) -> Ids:
    """Ids for the actions ``keys`` (source order), reusing the previous strategy's where they match."""
    used: set[str] = set(retired)
    old_rows = list(previous.rows()) if previous else []
    old_fa = {fa.name: fa.id for fa in previous.focus_areas} if previous else {}
    old_goal = {(fa.name, g.text): g.id for fa in previous.focus_areas for g in fa.goals} if previous else {}
    used.update(r.id for r in old_rows)
    struct_used = set(old_fa.values()) | set(old_goal.values())
    fa_names = list(dict.fromkeys(k.focus_area for k in keys))
    fa_ids = _focus_area_ids(keys, fa_names, old_fa, struct_used, used)
    goal_ids = _goal_ids(keys, fa_names, fa_ids, old_fa, old_goal, struct_used, used)

    ids: list[str | None] = [k.code for k in keys]
    free = {r.id: r for r in old_rows}
    matched_old = _match_exact(keys, old_rows, free)
    _match_similar(keys, free, matched_old)
    _match_moved(keys, free, matched_old)
    changed: list[tuple[int, str, str]] = []
    for i, oid in matched_old.items():
        if ids[i] is None:
            ids[i] = oid
        elif ids[i] != oid:
            changed.append((i, oid, ids[i]))
    _number_new(keys, ids, goal_ids, used)
    return Ids(actions=[i for i in ids if i is not None], focus_areas=fa_ids, goals=goal_ids, changed=changed)


def _focus_area_ids(keys: Sequence[ActionKey], fa_names: list[str], old_fa: dict[str, str],
                    struct_used: set[str], used: set[str]) -> dict[str, str]:
    """Focus area name -> id: the source's code, else the previous strategy's id, else the next number
    (``struct_used``: the previous strategy's structure ids, read only)."""
    fa_ids: dict[str, str] = {}
    for k in keys:
        if k.focus_code and k.focus_area not in fa_ids:
            fa_ids[k.focus_area] = k.focus_code
    fa_ids.update(_match_names([n for n in fa_names if n not in fa_ids], old_fa, STRUCTURE_THRESHOLD))
    numbers = _Numbers(struct_used | set(fa_ids.values()) | {u.split(".")[0] for u in used})
    for name in fa_names:
        if name not in fa_ids:
            number = str(numbers.next(""))
            fa_ids[name] = number
            numbers.add(number)
    return fa_ids


def _goal_ids(keys: Sequence[ActionKey], fa_names: list[str], fa_ids: dict[str, str], old_fa: dict[str, str],
              old_goal: dict[tuple[str, str], str], struct_used: set[str],
              used: set[str]) -> dict[tuple[str, str], str]:
    """(focus area, goal) -> id: the source's code, else the id of the same (or a similar) goal under the
    same focus area before, else the next number under the focus area."""
    goal_ids: dict[tuple[str, str], str] = {}
    for k in keys:
        if k.goal_code and (k.focus_area, k.goal) not in goal_ids:
            goal_ids[(k.focus_area, k.goal)] = k.goal_code
    numbers = _Numbers(struct_used | set(goal_ids.values()) | {".".join(u.split(".")[:2]) for u in used})
    goals_of: dict[str, dict[str, None]] = {fa: {} for fa in fa_names}
    for k in keys:
        if (k.focus_area, k.goal) not in goal_ids:
            goals_of[k.focus_area][k.goal] = None
    for fa in fa_names:
        goals = list(goals_of[fa])
        old_fa_name = next((o for o, i in old_fa.items() if i == fa_ids[fa]), None)
        old = {g: gid for (f, g), gid in old_goal.items() if f == old_fa_name}
        for g, gid in _match_names(goals, old, STRUCTURE_THRESHOLD).items():
            goal_ids[(fa, g)] = gid
            numbers.add(gid)
        for g in goals:
            if (fa, g) not in goal_ids:
                gid = f"{fa_ids[fa]}.{numbers.next(fa_ids[fa] + '.')}"
                goal_ids[(fa, g)] = gid
                numbers.add(gid)
    return goal_ids


def _match_exact(keys: Sequence[ActionKey], old_rows: list, free: dict) -> dict[int, str]:
    """key index -> old id for the actions whose (focus area, goal, text, department) is unchanged."""
    exact: dict[tuple, list[str]] = {}
    for r in old_rows:
        exact.setdefault((r.focus_area, r.goal, r.action.text, r.action.department), []).append(r.id)
    matched_old: dict[int, str] = {}
    for i, k in enumerate(keys):
        candidates = exact.get((k.focus_area, k.goal, k.text, k.department), [])
        while candidates:
            oid = candidates.pop(0)
            if oid in free:
                matched_old[i] = oid
                del free[oid]
                break
    return matched_old


def _match_similar(keys: Sequence[ActionKey], free: dict, matched_old: dict[int, str]) -> None:
    """A little edited action (its text, its focus area or goal) of the same department keeps the id of
    the closest unmatched old one: the best pairs first."""
    pairs = []
    for i, k in enumerate(keys):
        if i in matched_old:
            continue
        for oid, r in free.items():
            if r.action.department != k.department:
                continue
            text = _ratio(k.text, r.action.text)
            if text < TEXT_THRESHOLD:
                continue
            if min(_ratio(k.focus_area, r.focus_area), _ratio(k.goal, r.goal)) < STRUCTURE_THRESHOLD:
                continue
            pairs.append((text, -i, oid))
    for _score, neg_i, oid in sorted(pairs, reverse=True):
        i = -neg_i
        if i not in matched_old and oid in free:
            matched_old[i] = oid
            del free[oid]


def _number_new(keys: Sequence[ActionKey], ids: list[str | None], goal_ids: dict[tuple[str, str], str],
                used: set[str]) -> None:
    """The actions still without an id get the next number never used under their goal (in place)."""
    numbers = _Numbers(used | {i for i in ids if i})
    for i, k in enumerate(keys):
        if ids[i] is None:
            prefix = goal_ids[(k.focus_area, k.goal)] + "."
            new = f"{prefix}{numbers.next(prefix)}"
            ids[i] = new
            numbers.add(new)
