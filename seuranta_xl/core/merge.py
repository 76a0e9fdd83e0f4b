"""Merging the current versions of a round's returns into its current state (pure: no I/O).

Which versions are current and in which order is core/versions.py's rule. Here, per department:
- field by field (grade and comment separately) the value of the newest current version that gives
  one is in force; entries of rows with errors (accepted=False) are kept in the ledger, never merged;
- a newer current version that leaves a field empty where an older one gave a value: the older value
  stays in force and value-cleared says so (nothing a department wrote is silently lost);
- two current versions giving different non-empty values for one field: conflicting-versions names
  both files and both values and says which is in force and why (not after the coordinator settled
  it with `returns prefer`);
- several current versions: duplicate-return on the one in force (how many values the others fill);
  a version that arrived after a newer one: stale-return (how many of its values are in force);
- the findings of the version in force are current; those of an older current version only where
  that version can still matter (a value it holds in a field no newer version gives: not its missing
  values), its file-level findings are history;
- a department without any current file: missing-return (live rounds only).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from seuranta_xl.core.findings import Finding
from seuranta_xl.core.inputs import COMMENT, GRADE, InputSpec
from seuranta_xl.core.model import Entry, ReturnRecord, Round, Strategy
from seuranta_xl.core.versions import (BY_PREFERENCE, Decision, RefusedFile, Version,
                                       current_by_department, localised, round_versions, why_texts)

FIELDS = ("grade", "comment")
FIELD_NAMES = {"grade": {"fi": "arvio", "sv": "bedömning", "en": "grade"},
               "comment": {"fi": "kommentti", "sv": "kommentar", "en": "comment"}}


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
    values: dict[str, str] = field(default_factory=dict)       # the further inputs in force (core/inputs.py)
    sources: dict[str, Source] = field(default_factory=dict)   # their sources

    @property
    def source(self) -> Source | None:
        return self.grade_source or self.comment_source or next(iter(self.sources.values()), None)

    def value(self, key: str) -> str | None:
        """The value in force of any input: grade, comment or a further one."""
        if key in (GRADE, COMMENT):
            return getattr(self, key)
        return self.values.get(key)

    def set(self, key: str, value: str, source: Source) -> None:
        if key in (GRADE, COMMENT):
            setattr(self, key, value)
            setattr(self, f"{key}_source", source)
        else:
            self.values[key] = value
            self.sources[key] = source


def fields_of(rnd: Round) -> tuple[str, ...]:
    """The fields merged one by one: grade and comment (always: an old ledger's rounds have them), then
    the round's further inputs."""
    return FIELDS + tuple(s.key for s in rnd.inputs or () if s.key not in FIELDS)


def field_names(rnd: Round) -> dict[str, dict[str, str]]:
    """field -> its name in each language, as a finding says it."""
    names = dict(FIELD_NAMES)
    for spec in rnd.inputs or ():
        if spec.key not in FIELDS:
            names[spec.key] = {lang: _spec_title(spec, lang) for lang in ("fi", "sv", "en")}
    return names


def _spec_title(spec: InputSpec, lang: str) -> str:
    return spec.titles.get(lang) or spec.title or spec.key  # type: ignore[call-overload]


@dataclass
class RoundState:
    round: Round
    values: dict[str, CurrentValue] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)        # current: versions' own, then the merge's
    returns: dict[str, list[ReturnRecord]] = field(default_factory=dict)  # department -> current, in force last
    versions: list[Version] = field(default_factory=list)        # the history: every version ever seen
    current: dict[str, list[Version]] = field(default_factory=dict)

    def value(self, action_id: str) -> CurrentValue:
        return self.values.get(action_id) or CurrentValue()

    def in_force(self, department: str) -> Version | None:
        versions = self.current.get(department)
        return versions[-1] if versions else None


@dataclass
class _Dept:
    """One department's current versions, with their entries by action id, oldest first."""

    versions: list[Version]
    entries: list[dict[str, Entry]]
    winners: dict[tuple[str, str], int] = field(default_factory=dict)   # (action, field) -> version index
    fields: tuple[str, ...] = FIELDS
    names: dict[str, dict[str, str]] = field(default_factory=lambda: dict(FIELD_NAMES))

    def winner(self, action_id: str, name: str) -> int:
        return self.winners.get((action_id, name), -1)


def merge_round(rnd: Round, strategy: Strategy, returns: list[tuple[ReturnRecord, list[Entry]]],
                presence: dict[str, str] | None = None, decisions: Iterable[Decision] = (),
                refused: Iterable[RefusedFile] = ()) -> RoundState:
    entries_of = {rec.file_hash: entries for rec, entries in returns}
    versions = round_versions([rec for rec, _ in returns], list(refused), presence, list(decisions))
    state = RoundState(round=rnd, versions=versions, current=current_by_department(versions))
    merge_findings: list[Finding] = []
    for dept in sorted(state.current, key=str.casefold):
        current = state.current[dept]
        state.returns[dept] = [v.record for v in current if v.record is not None]
        d = _Dept(current, [{e.action_id: e for e in entries_of.get(v.file_hash, [])} for v in current],
                  fields=fields_of(rnd), names=field_names(rnd))
        merge_findings += _take_values(state, dept, d)
        state.findings += _version_findings(d)
        merge_findings += _version_notes(dept, d)
    state.findings += merge_findings
    if not rnd.imported:
        state.findings += _missing(strategy, state)
    return state


def _take_values(state: RoundState, dept: str, d: _Dept) -> list[Finding]:
    """Set the value in force of every field the department's current versions give; the findings of
    fields where they disagree or a newer one is empty."""
    if len(d.entries) == 1:
        _take_single(state, d)
        return []
    out: list[Finding] = []
    action_ids = dict.fromkeys(aid for m in d.entries for aid in m)
    for aid in action_ids:
        for name in d.fields:
            givers = [i for i, m in enumerate(d.entries)
                      if (e := m.get(aid)) is not None and e.accepted and e.value(name) is not None]
            if not givers:
                continue
            win = givers[-1]
            d.winners[(aid, name)] = win
            winner, entry = d.versions[win], d.entries[win][aid]
            value = entry.value(name)
            cur = state.values.setdefault(aid, CurrentValue())
            rec = winner.record
            cur.set(name, value, Source(winner.file_name, rec.received_at if rec else "", rec.id if rec else None))
            out += _conflicts(d, aid, name, givers, value)
            out += _cleared(d, aid, name, win, value)
    return out


def _take_single(state: RoundState, d: _Dept) -> None:
    """One current version (the usual case): its accepted values are in force, nothing to compare."""
    version, (entries,) = d.versions[0], d.entries
    rec = version.record
    source = Source(version.file_name, rec.received_at if rec else "", rec.id if rec else None)
    for aid, entry in entries.items():
        if not entry.accepted:
            continue
        for name in d.fields:          # grade, comment and the round's further inputs
            value = entry.value(name)
            if value is None:
                continue
            d.winners[(aid, name)] = 0
            state.values.setdefault(aid, CurrentValue()).set(name, value, source)


def _cell(entry: Entry, name: str) -> str | None:
    return entry.cell(name)


def _conflicts(d: _Dept, aid: str, name: str, givers: list[int], value: str) -> list[Finding]:
    win = givers[-1]
    winner = d.versions[win]
    if winner.in_force and winner.why == BY_PREFERENCE:
        return []    # settled by the coordinator
    out = []
    for i in givers[:-1]:
        other = d.entries[i][aid].value(name)
        if other == value:
            continue
        params = {"action": aid, "file_a": winner.file_name, "value_a": value, "file_b": d.versions[i].file_name,
                  "value_b": other}
        params.update(localised("field", d.names[name]))
        params.update(localised("why", why_texts(winner, d.versions[i])))
        out.append(Finding(code="conflicting-versions", file=winner.file_name, sheet=None,
                           cell=_cell(d.entries[win][aid], name), action_id=aid, department=winner.department,
                           params=params))
    return out


def _cleared(d: _Dept, aid: str, name: str, win: int, value: str) -> list[Finding]:
    """Newer versions that hold the row, accepted, with this field empty: the older value stays."""
    out = []
    for j in range(win + 1, len(d.versions)):
        e = d.entries[j].get(aid)
        if e is None or not e.accepted or e.value(name) is not None:
            continue
        params = {"newer": d.versions[j].file_name, "older": d.versions[win].file_name, "value": value}
        params.update(localised("field", d.names[name]))
        out.append(Finding(code="value-cleared", file=d.versions[j].file_name, cell=_cell(e, name), action_id=aid,
                           department=d.versions[j].department, params=params))
    return out


# An older version's missing value never describes the current state: a newer version gives the value,
# or its own finding says the same.
_SAYS_NOTHING_OLDER = frozenset({"missing-grade", "missing-comment", "missing-input"})


def _matters(d: _Dept, i: int, f: Finding) -> bool:
    """Whether a finding of version i still describes the current state (see the module docstring)."""
    if i == len(d.versions) - 1:
        return True
    if f.action_id is None or f.code in _SAYS_NOTHING_OLDER:
        return False
    e = d.entries[i].get(f.action_id)
    names = [n for n in d.fields if e is not None and f.cell is not None and f.cell == _cell(e, n)] or list(d.fields)
    return any(d.winner(f.action_id, n) <= i for n in names)


def _version_findings(d: _Dept) -> list[Finding]:
    out = []
    for i, v in enumerate(d.versions):
        out += [f for f in v.findings if _matters(d, i, f)]
    return out


def _version_notes(dept: str, d: _Dept) -> list[Finding]:
    """rows-not-merged per current version, stale-return, duplicate-return."""
    out: list[Finding] = []
    last = len(d.versions) - 1
    for i, v in enumerate(d.versions):
        invalid = [e for e in d.entries[i].values() if not e.accepted
                   and (i == last or any(d.winner(e.action_id, n) <= i for n in d.fields))]
        if invalid:
            out.append(Finding(code="rows-not-merged", file=v.file_name, department=dept,
                               params={"count": len(invalid)}))
    for i, v in enumerate(d.versions[:-1]):
        newer_earlier = [w for w in d.versions[i + 1:] if w.first_seen < v.first_seen]
        if newer_earlier:
            used = sum(1 for (aid, n), w in d.winners.items() if w == i)
            out.append(Finding(code="stale-return", file=v.file_name, department=dept,
                               params={"newer": newer_earlier[-1].file_name, "used": used}))
    if last > 0:
        top = d.versions[-1]
        filled = sum(1 for w in d.winners.values() if w != last)
        params = {"count": last + 1, "newest": top.file_name, "filled": filled,
                  "others": ", ".join(v.file_name for v in d.versions[:-1]),
                  "filling_code": "others-fill-some" if filled else "others-fill-none"}
        params.update(localised("why", why_texts(top, d.versions[-2])))
        out.append(Finding(code="duplicate-return", file=top.file_name, department=dept, params=params))
    return out


def _missing(strategy: Strategy, state: RoundState) -> list[Finding]:
    """missing-return for every department without a current accepted version (a file of its that was
    refused as a whole is reported by that file's own findings, under its sender)."""
    return [Finding(code="missing-return", department=dept) for dept in strategy.departments()
            if not state.current.get(dept)]
