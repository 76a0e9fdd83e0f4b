"""The past round a strategy table already holds: its grades and comments as entries (pure)."""
from __future__ import annotations

import re

from seuranta_xl.core.findings import Finding
from seuranta_xl.core.goals import FOCUS_AREA, GOAL, GoalStatus
from seuranta_xl.core.model import Entry, Scale
from seuranta_xl.strategy.layouts.assemble import Assembled
from seuranta_xl.strategy.layouts.grid import cell_text, norm
from seuranta_xl.strategy.layouts.records import Parsed, Record

_LABEL_HEAD = re.compile(r"^\s*(\S+?)\s*[=.:)\-]?\s+(\S.*)$", re.S)


def _scale_definition_findings(parsed: Parsed, scale: Scale) -> list[Finding]:
    """The scale defined at the top of the sheet, where its labels differ from the project's scale."""
    out = []
    for value, (r, label) in parsed.scale_definition.items():
        step = scale.step(value)
        if step is not None and step.label != step.value and norm(label) != norm(step.label):
            out.append(Finding(code="scale-label-mismatch", file=parsed.file or None, sheet=parsed.sheet,
                               row=r + 1, cell=f"A{r + 1}", params={"text": f"{value}= {label}", "label": step.label}))
    return out


def _grade_finding(parsed: Parsed, scale: Scale, rec: Record, aid: str) -> Finding | None:
    """invalid-grade for a grade off the scale; scale-label-mismatch for "3 label" with another label."""
    raw = rec.grade
    step = scale.parse(raw)
    raw_text = cell_text(raw) or None
    where = dict(file=parsed.file or None, sheet=parsed.sheet, cell=rec.cells.get("grade"), row=rec.sheet_row,
                 action_id=aid, department=rec.department)
    if raw_text and step is None:
        return Finding(code="invalid-grade", **where, params={"value": raw_text, "allowed": ", ".join(scale.values)})
    if step is not None and isinstance(raw, str):
        m = _LABEL_HEAD.match(raw.strip())
        if m and step.label != step.value and norm(m.group(1)) == norm(step.value) \
                and norm(m.group(2)) != norm(step.label):
            return Finding(code="scale-label-mismatch", **where, params={"text": raw.strip(), "label": step.label})
    return None


def results(assembled: Assembled, scale: Scale, round_id: str, parsed: Parsed) -> tuple[dict[str, list[Entry]],
                                                                                       list[Finding]]:
    """The grades and comments already in the table, as entries per department, and their findings."""
    by_dept: dict[str, list[Entry]] = {}
    findings = _scale_definition_findings(parsed, scale)
    for rec, aid in zip(assembled.records, assembled.action_ids):
        found = _grade_finding(parsed, scale, rec, aid)
        if found is not None:
            findings.append(found)
        step = scale.parse(rec.grade)
        raw_text = cell_text(rec.grade) or None
        by_dept.setdefault(rec.department, []).append(Entry(
            round_id=round_id, action_id=aid, department=rec.department,
            grade=step.value if step else None, raw_grade=raw_text if step is None else None,
            comment=rec.comment, grade_cell=rec.cells.get("grade"), comment_cell=rec.cells.get("comment"),
            accepted=not (raw_text and step is None), values=dict(rec.values),
            cells={k: c for k in rec.values if (c := rec.cells.get(k))}))
    return by_dept, findings


def goal_statuses(assembled: Assembled, scale: Scale, round_id: str, parsed: Parsed) -> tuple[list[GoalStatus],
                                                                                             list[Finding]]:
    """What the table says of each focus area and goal as a whole (Tuusula's parent rows), by the model's
    ids; a value that is not on the scale is kept as raw text and is invalid-grade at its cell."""
    ids: dict[tuple[str, str], str] = {}
    by_action = {a.id: (fa.id, goal.id) for fa in assembled.strategy.focus_areas for goal in fa.goals
                 for a in goal.actions}
    for rec, aid in zip(assembled.records, assembled.action_ids):
        fa_id, goal_id = by_action[aid]
        if rec.focus_code:
            ids.setdefault((FOCUS_AREA, rec.focus_code), fa_id)
        if rec.goal_code:
            ids.setdefault((GOAL, rec.goal_code), goal_id)
    out, findings = [], []
    for level, code, raw, cell, row in parsed.group_statuses:
        node_id = ids.get((level, code))
        if node_id is None:
            continue
        step = scale.parse(raw)
        text = cell_text(raw) or None
        if step is None:
            findings.append(Finding(code="invalid-grade", file=parsed.file or None, sheet=parsed.sheet, cell=cell,
                                    row=row, params={"value": text or "", "allowed": ", ".join(scale.values)}))
        out.append(GoalStatus(round_id, level, node_id, step.value if step else None,
                              None if step else text, cell, row))
    return out, findings
