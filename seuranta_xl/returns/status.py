"""`seuranta status` as a library function (shell: reads the ledger): per department, its current
state — returned / errors / draft (its return is not marked ready) / rejected (only refused files in the
folder) / missing — its contacts, and
what it still owes (:func:`outstanding`, the one place that says what is missing: status, remind and
the reminders' texts all use it)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from seuranta_xl.core.contacts import contacts_of
from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding, Severity
from seuranta_xl.core.inputs import COMMENT, GRADE, is_filled, stored_inputs
from seuranta_xl.core.model import Config, Round
from seuranta_xl.core.roundlife import round_facts
from seuranta_xl.core.versions import REJECTED, Version
from seuranta_xl.store.codehash import code_fingerprint
from seuranta_xl.store.gcpause import collector_paused
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import RoundView, load_round, resolve_round


@dataclass
class DepartmentStatus:
    department: str
    state: str                   # returned / errors / draft / rejected / missing
    file: str | None             # the version in force (or the refused file in the folder)
    received_at: str | None
    actions: int
    graded: int                  # actions filled in: every required input given (the default: graded)
    errors: int
    warnings: int
    contacts: list[dict[str, str]] = field(default_factory=list)   # {"name", "email"} from seuranta.toml
    approver: str | None = None  # who approved the return in force (its ready block)


@dataclass(frozen=True)
class MissingInput:
    """An action of the department with inputs still missing in the round's current state."""

    action_id: str
    text: str
    inputs: tuple[str, ...]      # which inputs by key: a required one empty, "comment" the rules require
    cells: tuple[str, ...] = ()  # where, in the version in force (empty: no return yet)


@dataclass
class Outstanding:
    """What a department still owes in the round: its inputs missing and its current errors."""

    department: str
    state: str
    in_force: Version | None                # its latest return in force (attach it to a reminder)
    missing: list[MissingInput] = field(default_factory=list)
    errors: list[Finding] = field(default_factory=list)    # current findings of severity error, with cells

    @property
    def owes(self) -> bool:
        """Whether a reminder is due: nothing returned, a draft, or the current return has errors or missing inputs."""
        return self.state in ("missing", "rejected", "draft") or bool(self.missing or self.errors)


_COMMENT_OWED = frozenset({"missing-comment", "carried-comment"})   # the rules want one / a carried one untouched


def outstanding(view: RoundView, department: str) -> Outstanding:
    """What ``department`` still owes in the round's current state: every action without a grade, or
    without the comment the rules require (missing-comment, or a carried one left untouched), and every
    current error (with its cell; an action with an error is listed there, not again as missing).

    The one place that says what is missing: a new kind of input (issue 16) adds its check here."""
    own = [f for f in view.findings if f.department == department]
    comment_cells: dict[str, str | None] = {f.action_id: f.cell for f in own if f.code in _COMMENT_OWED
                                            and f.action_id}
    top = view.state.in_force(department)
    missing_cells = _missing_cells(view, department)
    specs = stored_inputs(view.round)
    errors = [f for f in own if f.severity is Severity.ERROR and f.code != "rows-not-merged"]
    explained = {f.action_id for f in errors if f.action_id}     # an error says what to fix there
    missing: list[MissingInput] = []
    for row in view.strategy.rows_for(department):
        if row.id in explained:
            continue
        inputs, cells = [], []
        current = view.state.value(row.id)
        for spec in specs:
            if spec.required and current.value(spec.key) in (None, ""):
                inputs.append(spec.key)
                cells += [c for c in (missing_cells.get((row.id, spec.key)),) if c]
            elif spec.key == COMMENT and row.id in comment_cells:
                inputs.append(COMMENT)
                cells += [c for c in (comment_cells[row.id],) if c]
        if inputs:
            missing.append(MissingInput(row.id, row.action.text, tuple(inputs), tuple(cells)))
    return Outstanding(department, _state(view, department, own), top, missing, errors)


def _missing_cells(view: RoundView, department: str) -> dict[tuple[str, str], str]:
    """(action id, input key) -> its empty cell in the version in force (missing-grade, missing-input)."""
    recs = view.state.returns.get(department) or []
    if not recs:
        return {}
    out: dict[tuple[str, str], str] = {}
    for f in recs[-1].findings:
        if f.action_id and f.cell and f.code == "missing-grade":
            out[(f.action_id, GRADE)] = f.cell
        elif f.action_id and f.cell and f.code == "missing-input":
            out[(f.action_id, str(f.params.get("input", "")))] = f.cell
    return out


def _state(view: RoundView, department: str, own: list[Finding]) -> str:
    top = view.state.in_force(department)
    if top is not None:
        if top.record is not None and top.record.draft:     # not marked ready: does not count as returned
            return "draft"
        return "errors" if any(f.severity is Severity.ERROR for f in own) else "returned"
    refused = any(v.state == REJECTED and v.present and v.department == department for v in view.state.versions)
    return "rejected" if refused else "missing"


def department_rows(view: RoundView, config: Config | None = None) -> list[DepartmentStatus]:
    rows = []
    refused = {v.department: v for v in view.state.versions if v.state == REJECTED and v.present and v.department}
    actions_of = view.strategy.rows_by_department()      # one pass over the strategy, not one per department
    findings_of: dict[str | None, list[Finding]] = {}
    for f in view.findings:
        findings_of.setdefault(f.department, []).append(f)
    specs = stored_inputs(view.round)
    for dept in sorted(actions_of, key=str.casefold):    # Strategy.departments(), without another pass
        actions = actions_of[dept]
        graded = sum(1 for a in actions if is_filled(specs, view.state.value(a.id).value))
        top = view.state.in_force(dept)
        own = findings_of.get(dept, [])
        errors = sum(1 for f in own if f.severity is Severity.ERROR)
        warnings = sum(1 for f in own if f.severity is Severity.WARNING and f.code != "missing-return")
        shown = top or refused.get(dept)
        people = _people(config, dept) if config else []
        rows.append(DepartmentStatus(dept, _state(view, dept, own), shown.file_name if shown else None,
                                     shown.first_seen if shown else None, len(actions), graded, errors, warnings,
                                     people, top.record.approver if top and top.record else None))
    return rows


@dataclass
class RoundStatus:
    """What status shows of a round: per department its state and counts, and the round's current
    findings (a RoundView without the strategy and the merged values, which status does not print)."""

    round: Round
    rows: list[DepartmentStatus]
    findings: list[Finding]

    @property
    def departments(self) -> list[str]:
        return [r.department for r in self.rows]


def round_status(root: Path, round_id: str | None = None) -> tuple[RoundStatus, list[DepartmentStatus], str]:
    """The round's status, its rows with each department's contacts, and the project's language.

    Kept in the ledger (table round_status) for the state of its history and the code that computed it:
    a second status of an unchanged round reads that instead of merging 15 000 actions again. The
    contacts come from seuranta.toml each time, so they are never in what is kept."""
    project = Project(root)
    config = project.load_config()
    with project.ledger() as ledger:
        with ledger.snapshot():    # the round and its returns from one state
            rnd = resolve_round(ledger, round_id)
            key = status_key(ledger)
            kept = kept_status(ledger, rnd, key)
            found = kept or _computed(ledger, rnd)
        if kept is None:
            _keep(project, ledger, key, found)
    rows = [replace(r, contacts=_people(config, r.department)) for r in found.rows]
    return found, rows, config.language


def status_key(ledger: Ledger) -> str:
    """The state status is kept for: the ledger's history and the code."""
    return hashlib.sha256(f"{ledger.state_signature()}\0{code_fingerprint()}".encode()).hexdigest()


def kept_status(ledger: Ledger, rnd: Round, key: str | None = None) -> RoundStatus | None:
    """What was kept of the round for the ledger's state now (None: nothing for this state)."""
    text = ledger.round_status(rnd.id, key or status_key(ledger))
    return _from_json(rnd, text) if text is not None else None


def _computed(ledger: Ledger, rnd: Round) -> RoundStatus:
    with collector_paused():          # the merge of every action: store/gcpause.py
        view = load_round(ledger, rnd)
        return RoundStatus(rnd, department_rows(view), view.findings)


def _people(config: Config, department: str) -> list[dict[str, str]]:
    return [{"name": c.name, "email": c.email} for c in contacts_of(config, department)]


def keep_status(ledger: Ledger, *views: RoundView) -> None:
    """Keep what status will show of each of ``views`` (a command that wrote the ledger has just merged
    them for the master: status need not again)."""
    key = status_key(ledger)
    for view in views:
        ledger.put_round_status(view.round.id, key,
                                _to_json(RoundStatus(view.round, department_rows(view), view.findings)))


def _keep(project: Project, ledger: Ledger, key: str, found: RoundStatus) -> None:
    """Keep a status just computed, unless another command is writing the project (status never waits)."""
    try:
        with project.lock(wait=0):
            if status_key(ledger) == key:      # nothing was written since it was read
                ledger.put_round_status(found.round.id, key, _to_json(found))
    except (UserError, OSError):               # busy, or a folder that cannot be written
        return


def _to_json(found: RoundStatus) -> str:
    return json.dumps({"rows": [asdict(replace(r, contacts=[])) for r in found.rows],
                       "findings": [f.model_dump(mode="json") for f in found.findings]}, ensure_ascii=False)


def _from_json(rnd: Round, kept: str) -> RoundStatus:
    data = json.loads(kept)
    return RoundStatus(rnd, [DepartmentStatus(**r) for r in data["rows"]],
                       [Finding.model_validate(f) for f in data["findings"]])


def status_facts(view: RoundView, today: dt.date | None = None) -> dict[str, object]:
    """The round's state, deadline and days left for status --json."""
    return round_facts(view.round, today or dt.date.today())
