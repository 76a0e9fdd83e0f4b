"""`seuranta status` as a library function (shell: reads the ledger): per department, its current
state — returned / errors / rejected (only refused files in the folder) / missing."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from seuranta_xl.core.findings import Severity
from seuranta_xl.core.versions import REJECTED
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import RoundView, load_round, resolve_round


@dataclass
class DepartmentStatus:
    department: str
    state: str                   # returned / errors / rejected / missing
    file: str | None             # the version in force (or the refused file in the folder)
    received_at: str | None
    actions: int
    graded: int
    errors: int
    warnings: int


def department_rows(view: RoundView) -> list[DepartmentStatus]:
    rows = []
    refused = {v.department: v for v in view.state.versions if v.state == REJECTED and v.present and v.department}
    for dept in view.strategy.departments():
        actions = view.strategy.rows_for(dept)
        graded = sum(1 for a in actions if view.state.value(a.id).grade is not None)
        top = view.state.in_force(dept)
        own = [f for f in view.findings if f.department == dept]
        errors = sum(1 for f in own if f.severity is Severity.ERROR)
        warnings = sum(1 for f in own if f.severity is Severity.WARNING and f.code != "missing-return")
        shown = top or refused.get(dept)
        if top is not None:
            state = "errors" if errors else "returned"
        else:
            state = "rejected" if dept in refused else "missing"
        rows.append(DepartmentStatus(dept, state, shown.file_name if shown else None,
                                     shown.first_seen if shown else None, len(actions), graded, errors, warnings))
    return rows


def round_status(root: Path, round_id: str | None = None) -> tuple[RoundView, list[DepartmentStatus], str]:
    project = Project(root)
    config = project.load_config()
    with project.ledger() as ledger:
        view = load_round(ledger, resolve_round(ledger, round_id))
    return view, department_rows(view), config.language
