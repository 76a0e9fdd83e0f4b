"""`seuranta returns` (every version of a round's returns) and the coordinator's decisions
`returns withdraw FILE` / `returns prefer FILE` (shell: ledger, master).

A decision is appended to the ledger (never changed or deleted) and undone only by a later one
(`--undo`: reinstate, unprefer); the master is rebuilt, since what is current changed.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.versions import CURRENT, REJECTED, WITHDRAWN, Decision, Version
from seuranta_xl.returns.rebuild import rebuild_master
from seuranta_xl.store.ledger import Ledger, now_iso
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import RoundView, load_round, resolve_round

UNDO = {"withdraw": "reinstate", "prefer": "unprefer"}


def round_history(root: Path, round_id: str | None = None) -> tuple[RoundView, str]:
    project = Project(root)
    config = project.load_config()
    with project.ledger() as ledger:
        view = load_round(ledger, resolve_round(ledger, round_id))
    return view, config.language


def version_document(v: Version) -> dict:
    """One version as the JSON of `seuranta returns --json` shows it."""
    return {"department": v.department, "file": v.file_name, "file_hash": v.file_hash,
            "saved": v.saved.isoformat() if v.saved else None, "saved_basis": v.basis, "first_seen": v.first_seen,
            "state": v.state, "in_force": v.in_force, "why": v.why, "preferred_at": v.preferred_at,
            "ready": v.record.ready if v.record else None, "approver": v.record.approver if v.record else None,
            "errors": v.errors, "warnings": sum(1 for f in v.findings if f.severity.value == "warning"),
            "findings": [f.to_json() for f in v.findings]}


def _find(view: RoundView, file: Path) -> Version:
    """The version FILE names: by content when the file exists, else by name (the current one first)."""
    versions = view.state.versions
    if file.is_file():
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        found = [v for v in versions if v.file_hash == digest]
    else:
        found = [v for v in versions if v.file_name == file.name]
        current = [v for v in found if v.state == CURRENT]
        found = current or found
    if not found:
        names = ", ".join(sorted({v.file_name for v in versions})) or "-"
        raise UserError("version-not-found", round=view.round.id, file=file.name, names=names)
    if len(found) > 1:
        raise UserError("version-ambiguous", file=file.name, count=len(found))
    return found[0]


def _allowed(v: Version, kind: str) -> None:
    if v.state == REJECTED:
        raise UserError("version-refused", file=v.file_name)
    if kind == "prefer" and v.state == WITHDRAWN:
        raise UserError("version-withdrawn", file=v.file_name)
    if kind == "prefer" and v.state != CURRENT:
        raise UserError("version-not-in-folder", file=v.file_name)


def decide(root: Path, kind: str, file: Path, round_id: str | None = None, undo: bool = False) -> tuple[Decision, str]:
    """Record withdraw / prefer (or its undo) for the version FILE names, then rebuild the master."""
    project = Project(root)
    config = project.load_config()
    with project.lock(), project.ledger() as ledger:
        rnd = resolve_round(ledger, round_id)
        if rnd.closed:     # a closed round is frozen: its decisions too
            raise UserError("round-closed", round=rnd.id, closed_on=rnd.closed_at, action=f"returns {kind}")
        view = load_round(ledger, rnd)
        version = _find(view, Path(file))
        if not undo:
            _allowed(version, kind)
        decision = Decision(kind=UNDO[kind] if undo else kind, file_hash=version.file_hash,
                            file_name=version.file_name, at=now_iso())
        ledger.add_decision(rnd.id, decision)
        _rebuild(project, ledger, config.language)
    return decision, config.language


def _rebuild(project: Project, ledger: Ledger, lang: str) -> None:
    if project.master_path.exists() or ledger.returns():
        rebuild_master(project, ledger, lang)
