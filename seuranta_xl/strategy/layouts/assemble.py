"""Records -> a Strategy with stable ids, and the findings that look across rows (pure)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from seuranta_xl.core import ids as idmod
from seuranta_xl.core import textmatch
from seuranta_xl.core.findings import Finding
from seuranta_xl.core.model import Action, FocusArea, Goal, Strategy
from seuranta_xl.strategy.layouts.grid import norm
from seuranta_xl.strategy.layouts.records import Parsed, Record


@dataclass
class Assembled:
    strategy: Strategy
    records: list[Record]              # with canonical departments, in source order
    action_ids: list[str]              # one per record
    findings: list[Finding]


def _at(parsed: Parsed, rec: Record, code: str, role: str | None, **params) -> Finding:
    return Finding(code=code, file=parsed.file or None, sheet=parsed.sheet, cell=rec.cells.get(role) if role else None,
                   row=rec.sheet_row, department=params.pop("department", rec.department), params=params)


def _variants(parsed: Parsed, records: list[Record], role: str, code: str) -> list[Finding]:
    """A text of ``role`` written in two ways: inconsistent-name for departments, else near-duplicate-text."""
    texts = [getattr(rec, role) for rec in records]
    having: dict[str, list[Record]] = {}     # text -> the records holding it, in row order
    for rec, text in zip(records, texts):
        having.setdefault(text, []).append(rec)
    out = []
    for v in textmatch.variants(texts, Counter(texts), names=role == "department"):
        a, b = having[v.text][0], having[v.reference][0]
        rows = [rec.sheet_row for rec in having[v.text]]
        if role == "department":
            out.append(_at(parsed, a, code, role, department=v.text, name=v.text, other=v.reference,
                           other_row=b.sheet_row, rows=rows))
        else:
            out.append(_at(parsed, a, code, role, text=v.text, other=v.reference, other_row=b.sheet_row,
                           column=role, rows=rows))
    return out


def check_records(parsed: Parsed, records: list[Record]) -> list[Finding]:
    """Import findings across rows: name variants, near-duplicate texts, duplicated actions."""
    out = _variants(parsed, records, "department", "inconsistent-name")
    for role in ("focus_area", "goal"):
        out += _variants(parsed, records, role, "near-duplicate-text")
    seen: dict[tuple, Record] = {}
    for rec in records:   # the same action twice
        key = (norm(rec.focus_area), norm(rec.goal), norm(rec.text), rec.department)
        if key in seen:
            out.append(_at(parsed, rec, "duplicate-action", "action", text=rec.text, other_row=seen[key].sheet_row))
        else:
            seen[key] = rec
    return out


def _unique_codes(parsed: Parsed, records: list[Record]) -> list[Finding]:
    """A source code used twice cannot be an id twice: the second loses it (and gets a number)."""
    out = []
    seen_codes: dict[str, Record] = {}
    for rec in records:
        if rec.code and rec.code in seen_codes:
            out.append(_at(parsed, rec, "duplicate-action", "action", text=f"{rec.code} {rec.text}",
                           other_row=seen_codes[rec.code].sheet_row))
            rec.code = None
        elif rec.code:
            seen_codes[rec.code] = rec
    return out


def _strategy(records: list[Record], assigned: idmod.Ids, name: str) -> Strategy:
    areas: dict[str, FocusArea] = {}
    goals: dict[tuple[str, str], Goal] = {}
    for rec, action_id in zip(records, assigned.actions):
        fa = areas.get(rec.focus_area)
        if fa is None:
            fa = areas[rec.focus_area] = FocusArea(id=assigned.focus_areas[rec.focus_area], name=rec.focus_area)
        goal = goals.get((rec.focus_area, rec.goal))
        if goal is None:
            goal = goals[(rec.focus_area, rec.goal)] = Goal(id=assigned.goals[(rec.focus_area, rec.goal)],
                                                            text=rec.goal)
            fa.goals.append(goal)
        goal.actions.append(Action(id=action_id, text=rec.text, department=rec.department, indicator=rec.indicator,
                                   target=rec.target, responsible=rec.responsible, schedule=rec.schedule,
                                   sdg=rec.sdg, source_row=rec.sheet_row))
    return Strategy(name=name, focus_areas=list(areas.values()))


def assemble(parsed: Parsed, *, aliases: dict[str, str] | None = None, previous: Strategy | None = None,
             retired: Sequence[str] = (), name: str = "") -> Assembled:
    """Records -> a Strategy with stable ids, plus the cross-row findings."""
    aliases = aliases or {}
    records = list(parsed.records)
    for rec in records:
        rec.department = aliases.get(rec.department, rec.department)
    findings = list(parsed.findings) + check_records(parsed, records) + _unique_codes(parsed, records)
    keys = [idmod.ActionKey(rec.focus_area, rec.goal, rec.text, rec.department, rec.code, rec.focus_code,
                            rec.goal_code) for rec in records]
    if previous is not None and aliases:   # an old action of an aliased name is the same action
        previous = previous.model_copy(deep=True)
        for action in previous.actions():
            action.department = aliases.get(action.department, action.department)
    assigned = idmod.assign(keys, previous, retired)
    for i, old, new in assigned.changed:
        findings.append(Finding(code="id-changed", file=parsed.file or None, sheet=parsed.sheet,
                                row=records[i].sheet_row, action_id=new, department=records[i].department,
                                params={"old": old, "new": new}))
    for f in findings:
        if f.action_id is None and f.row is not None:
            f.action_id = next((aid for rec, aid in zip(records, assigned.actions) if rec.sheet_row == f.row), None)
    return Assembled(_strategy(records, assigned, name), records, assigned.actions, findings)
