"""Merging the returns of a round into its current state (pure: no I/O).

Rules (the newest-wins contract):
- A department's returns are ordered by the workbook's saved time, then the file's time, then arrival.
  The newest return's values win, field by field (grade and comment separately).
- A newer return that leaves a field empty where an older one gave a value keeps the old value and
  reports value-cleared: nothing a department wrote is silently lost.
- Entries of rows with errors (accepted=False) are kept in the ledger but never merged.
- Several returns from one department: duplicate-return; a return that arrived after a newer one:
  stale-return. A department without any return: missing-return (live rounds only).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from seuranta_xl.core.findings import Finding
from seuranta_xl.core.model import Entry, ReturnRecord, Round, Strategy


@dataclass(frozen=True)
class Source:
    file_name: str
    received_at: str
    return_id: int | None


@dataclass
class CurrentValue:
    grade: str | None = None
    comment: str | None = None
    grade_source: Source | None = None
    comment_source: Source | None = None

    @property
    def source(self) -> Source | None:
        return self.grade_source or self.comment_source


@dataclass
class RoundState:
    round: Round
    values: dict[str, CurrentValue] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    returns: dict[str, list[ReturnRecord]] = field(default_factory=dict)  # department -> oldest..newest

    def value(self, action_id: str) -> CurrentValue:
        return self.values.get(action_id) or CurrentValue()


def _source(rec: ReturnRecord) -> Source:
    return Source(rec.file_name, rec.received_at, rec.id)


def merge_round(rnd: Round, strategy: Strategy, returns: list[tuple[ReturnRecord, list[Entry]]]) -> RoundState:
    state = RoundState(round=rnd)
    by_dept: dict[str, list[tuple[ReturnRecord, list[Entry]]]] = {}
    for rec, entries in returns:
        by_dept.setdefault(rec.department, []).append((rec, entries))

    for dept in sorted(by_dept, key=str.casefold):
        items = sorted(by_dept[dept], key=lambda it: it[0].order_key())
        state.returns[dept] = [rec for rec, _ in items]
        newest = items[-1][0]
        if len(items) > 1:
            state.findings.append(Finding(code="duplicate-return", file=newest.file_name, department=dept,
                                          params={"count": len(items), "newest": newest.file_name}))
        for i, (rec, _) in enumerate(items):
            later_saved = [other for other, _ in items[i + 1:] if (other.id or 0) < (rec.id or 0)]
            if later_saved:
                state.findings.append(Finding(code="stale-return", file=rec.file_name, department=dept,
                                              params={"newer": later_saved[-1].file_name}))
        for rec, entries in items:
            invalid = [e for e in entries if not e.accepted]
            if invalid:
                state.findings.append(Finding(code="rows-not-merged", file=rec.file_name, department=dept,
                                              params={"count": len(invalid)}))
            src = _source(rec)
            for e in entries:
                if not e.accepted:
                    continue
                cur = state.values.setdefault(e.action_id, CurrentValue())
                if e.grade is not None:
                    cur.grade, cur.grade_source = e.grade, src
                elif cur.grade is not None:
                    state.findings.append(_cleared(rec, e, e.grade_cell, cur.grade, cur.grade_source))
                if e.comment is not None:
                    cur.comment, cur.comment_source = e.comment, src
                elif cur.comment is not None:
                    state.findings.append(_cleared(rec, e, e.comment_cell, cur.comment, cur.comment_source))

    if not rnd.imported:
        for dept in strategy.departments():
            if dept not in by_dept:
                state.findings.append(Finding(code="missing-return", department=dept))
    return state


def _cleared(rec: ReturnRecord, e: Entry, cell: str | None, value: str, older: Source | None) -> Finding:
    return Finding(code="value-cleared", file=rec.file_name, cell=cell, action_id=e.action_id,
                   department=rec.department,
                   params={"newer": rec.file_name, "older": older.file_name if older else "?", "value": value})
