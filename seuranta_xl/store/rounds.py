"""Opening a reporting round (`seuranta round new`)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.filenames import safe_stem
from seuranta_xl.store.ledger import now_iso
from seuranta_xl.core.model import ROUND_ID_PATTERN, Round, Scale
from seuranta_xl.store.project import Project


def new_round(root: Path, round_id: str, title: str = "", deadline: dt.date | None = None,
              scale: str | None = None) -> tuple[Round, str]:
    project = Project(root)
    config = project.load_config()
    if not ROUND_ID_PATTERN.match(round_id):
        raise UserError("round-id-invalid", round=round_id)
    scale_obj = project.scale(scale or config.scale, config)
    _check_dropdown(scale_obj)
    with project.lock(), project.ledger() as ledger:
        if ledger.round(round_id) is not None:
            raise UserError("round-exists", round=round_id)
        check_folder_safe(round_id, ledger.rounds())
        latest = ledger.strategy()
        if latest is None:
            raise UserError("no-strategy")
        try:
            rnd = Round(id=round_id, title=title or round_id, deadline=deadline, scale=scale_obj,
                        created_at=now_iso(), strategy_id=latest[0])
        except ValidationError as exc:  # pragma: no cover - the id was checked above
            raise UserError("round-invalid", detail=str(exc)) from None
        ledger.add_round(rnd)
    return rnd, config.language


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
