"""Reporting rounds: opening one (`seuranta round new`), editing, closing and reopening it (each change
appended to the ledger as a round event)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.filenames import safe_stem
from seuranta_xl.core.identity import TITLES
from seuranta_xl.core.inputs import input_title, resolve
from seuranta_xl.core.roundlife import RoundEvent
from seuranta_xl.store.ledger import Ledger, now_iso
from seuranta_xl.core.model import ROUND_ID_PATTERN, Round, Scale
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import resolve_round


def new_round(root: Path, round_id: str, title: str = "", deadline: dt.date | None = None,
              scale: str | None = None, carry_comments: bool = False,
              inputs: str | None = None) -> tuple[Round, str]:
    """Open a round; ``carry_comments``: its workbooks start from the previous round's comments (marked:
    a carried comment returned untouched is reported, never taken as a new assessment); ``inputs``: the
    input preset (core/inputs.py) it asks, else seuranta.toml's round_inputs, else grade + comment."""
    project = Project(root)
    config = project.load_config()
    if not ROUND_ID_PATTERN.match(round_id):
        raise UserError("round-id-invalid", round=round_id)
    preset_name = inputs or config.round_inputs
    preset = project.input_preset(preset_name, config) if preset_name else None
    scale_obj = project.scale(scale or (preset.scale if preset else None) or config.scale, config)
    if preset is not None:
        _check_titles(preset_name, preset.columns, config)
    _check_dropdown(scale_obj)
    with project.lock(), project.ledger() as ledger:
        if ledger.round(round_id) is not None:
            raise UserError("round-exists", round=round_id)
        check_folder_safe(round_id, ledger.rounds())
        latest = ledger.strategy()
        if latest is None:
            raise UserError("no-strategy")
        before = ledger.rounds()
        if carry_comments and not before:
            raise UserError("round-no-previous", round=round_id)
        try:
            rnd = Round(id=round_id, title=title or round_id, deadline=deadline, scale=scale_obj,
                        created_at=now_iso(), strategy_id=latest[0],
                        carried_from=before[-1].id if carry_comments else None,
                        inputs=list(preset.columns) if preset else None)
        except ValidationError as exc:  # pragma: no cover - the id was checked above
            raise UserError("round-invalid", detail=str(exc)) from None
        ledger.add_round(rnd)
    return rnd, config.language


def _check_titles(name: str, columns, config) -> None:
    """Every input's title differs from the others and from the sheet's own columns (ID, Tila, …): a return
    is read by its header's titles."""
    seen = set(TITLES[config.language].values())
    for spec in resolve(columns, config.language, config.columns.grade, config.columns.comment, 1):
        title = input_title(spec)
        if title in seen:
            raise UserError("inputs-title-clash", preset=name, title=title)
        seen.add(title)


def _check_dropdown(scale: Scale) -> None:
    """Two steps must not look the same in the workbook's dropdown (value "1 a" vs value "1" with
    label "a"): a person could not tell them apart and a return could not be read back."""
    seen: dict[str, str] = {}
    for step in scale.steps:
        key = step.display.casefold()
        if key in seen:
            raise UserError("scale-steps-look-same", scale=scale.name, first=seen[key], second=step.value,
                            display=step.display)
        seen[key] = step.value


def check_folder_safe(round_id: str, existing: Iterable[Round] = ()) -> None:
    """A new round's id names folders (lomakkeet/<round>, palautukset/<round>) and begins every workbook
    and report name, so it must work as a Windows folder name: not a device name (CON, NUL, COM1…),
    no dot at the end, and not an existing round's id in other case (Windows folders ignore case)."""
    same = next((r.id for r in existing if r.id.casefold() == round_id.casefold()), None)
    if same is not None:
        raise UserError("round-id-case-clash", round=round_id, existing=same)
    if safe_stem(round_id, max_len=len(round_id)) != round_id:
        raise UserError("round-id-not-a-folder", round=round_id)


# ------------------------------------------------------------------ the round's life (issue 13)
def open_round(ledger: Ledger, round_id: str | None, action: str) -> Round:
    """The named (or latest live) round, refused with round-closed when it is closed: ``action`` names
    the command that would change it."""
    rnd = resolve_round(ledger, round_id, live_only=True)
    if rnd.closed:
        raise UserError("round-closed", round=rnd.id, closed_on=rnd.closed_at, action=action)
    return rnd


def _live(ledger: Ledger, round_id: str) -> Round:
    rnd = resolve_round(ledger, round_id)
    if rnd.imported:
        raise UserError("round-imported", round=rnd.id)
    return rnd


def edit_round(root: Path, round_id: str, title: str | None = None, deadline: dt.date | None = None,
               clear_deadline: bool = False) -> tuple[Round, str]:
    """`round edit`: a new title and/or deadline, appended to the ledger as an edit event."""
    project = Project(root)
    config = project.load_config()
    if title is None and deadline is None and not clear_deadline:
        raise UserError("round-edit-nothing", round=round_id)
    with project.lock(), project.ledger() as ledger:
        rnd = _live(ledger, round_id)
        if rnd.closed:
            raise UserError("round-closed", round=rnd.id, closed_on=rnd.closed_at, action="round edit")
        iso = "" if clear_deadline else (deadline.isoformat() if deadline else None)
        ledger.add_round_event(rnd.id, RoundEvent(kind="edit", at=now_iso(), title=title, deadline=iso))
        return ledger.round(rnd.id), config.language


def set_round_closed(root: Path, round_id: str, closed: bool) -> tuple[Round, str]:
    """`round close` / `round reopen`: the event appended to the ledger (the caller rebuilds the master)."""
    project = Project(root)
    config = project.load_config()
    with project.lock(), project.ledger() as ledger:
        rnd = _live(ledger, round_id)
        if closed and rnd.closed:
            raise UserError("round-already-closed", round=rnd.id, closed_on=rnd.closed_at)
        if not closed and not rnd.closed:
            raise UserError("round-not-closed", round=rnd.id)
        ledger.add_round_event(rnd.id, RoundEvent(kind="close" if closed else "reopen", at=now_iso()))
        return ledger.round(rnd.id), config.language
