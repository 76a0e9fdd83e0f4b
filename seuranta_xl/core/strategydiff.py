"""What changed between two versions of a strategy (pure: no I/O).

Actions are compared by their stable id (core/ids.py keeps an action's id through a re-import when its
text, goal or department changed a little): an id only in the new version is added, only in the old
one removed; an id in both with another text (or indicator) is reworded, with another department
moved. Focus areas and goals are compared by id too (renamed). A department's workbook is outdated
when any of its rows' locked texts changed, so the diff also says which departments are touched.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from seuranta_xl.core.model import ActionRow, Strategy
from seuranta_xl.core.identity import STRATEGY_REFERENCE_KEYS, reference_text


@dataclass(frozen=True)
class ActionNote:
    id: str
    department: str
    text: str


@dataclass(frozen=True)
class Reworded:
    id: str
    department: str
    field: str          # "text" or a reference key (identity.STRATEGY_REFERENCE_KEYS: "indicator", "target", …)
    old: str
    new: str


@dataclass(frozen=True)
class Moved:
    id: str
    text: str
    old_department: str
    new_department: str


@dataclass(frozen=True)
class Renamed:
    kind: str           # "focus_area" or "goal"
    id: str
    old: str
    new: str


@dataclass
class StrategyDiff:
    added: list[ActionNote] = field(default_factory=list)
    removed: list[ActionNote] = field(default_factory=list)
    reworded: list[Reworded] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    renamed: list[Renamed] = field(default_factory=list)
    unchanged: int = 0
    touched: list[str] = field(default_factory=list)    # departments whose rows' locked texts changed

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.reworded or self.moved or self.renamed)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> StrategyDiff:
        data = json.loads(text)
        return cls(added=[ActionNote(**x) for x in data["added"]], removed=[ActionNote(**x) for x in data["removed"]],
                   reworded=[Reworded(**x) for x in data["reworded"]], moved=[Moved(**x) for x in data["moved"]],
                   renamed=[Renamed(**x) for x in data["renamed"]], unchanged=data["unchanged"],
                   touched=data["touched"])


def _locked(row: ActionRow) -> tuple:
    return (row.focus_area, row.goal, row.action.text, row.action.department,
            *(reference_text(row.action, k) for k in STRATEGY_REFERENCE_KEYS))


def _renamed(old: Strategy, new: Strategy) -> list[Renamed]:
    out = []
    old_fa = {fa.id: fa for fa in old.focus_areas}
    for fa in new.focus_areas:
        before = old_fa.get(fa.id)
        if before is not None and before.name != fa.name:
            out.append(Renamed("focus_area", fa.id, before.name, fa.name))
    old_goals = {g.id: g for f in old.focus_areas for g in f.goals}
    for g in (g for f in new.focus_areas for g in f.goals):
        before = old_goals.get(g.id)
        if before is not None and before.text != g.text:
            out.append(Renamed("goal", g.id, before.text, g.text))
    return out


def diff_strategies(old: Strategy | None, new: Strategy) -> StrategyDiff:
    """The changes from ``old`` to ``new`` (every action added when there is no old version)."""
    old_rows = {r.id: r for r in old.rows()} if old is not None else {}
    new_rows = {r.id: r for r in new.rows()}
    diff = StrategyDiff(renamed=_renamed(old, new) if old is not None else [])
    touched: set[str] = set()
    for aid, r in new_rows.items():
        before = old_rows.get(aid)
        if before is None:
            diff.added.append(ActionNote(aid, r.action.department, r.action.text))
            touched.add(r.action.department)
            continue
        if before.action.department != r.action.department:
            diff.moved.append(Moved(aid, r.action.text, before.action.department, r.action.department))
            touched.update((before.action.department, r.action.department))
        if before.action.text != r.action.text:
            diff.reworded.append(Reworded(aid, r.action.department, "text", before.action.text, r.action.text))
        for key in STRATEGY_REFERENCE_KEYS:      # the reference texts the workbook shows (#16)
            old_text, new_text = reference_text(before.action, key), reference_text(r.action, key)
            if old_text != new_text:
                diff.reworded.append(Reworded(aid, r.action.department, key, old_text, new_text))
        if _locked(before) != _locked(r):
            touched.update((before.action.department, r.action.department))
        else:
            diff.unchanged += 1
    for aid, r in old_rows.items():
        if aid not in new_rows:
            diff.removed.append(ActionNote(aid, r.action.department, r.action.text))
            touched.add(r.action.department)
    if old is not None:
        old_order = {d: [r.id for r in rows] for d, rows in old.rows_by_department().items()}
        for d, rows in new.rows_by_department().items():
            if old_order.get(d) is not None and old_order[d] != [r.id for r in rows]:
                touched.add(d)      # the same rows in another order: the workbook's rows differ too
    diff.touched = sorted(touched, key=str.casefold)
    return diff
