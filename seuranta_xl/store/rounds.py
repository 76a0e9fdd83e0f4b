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
        raise UserError(
            f"Kierroksen tunnus ”{round_id}” ei kelpaa: sallitut merkit ovat A-Z, a-z, 0-9, '-', '_' ja '.' "
            "(enintään 40 merkkiä)",
            f"Round id “{round_id}” is not valid: allowed are A-Z, a-z, 0-9, '-', '_' and '.' (at most 40)",
            hint_fi="Esimerkiksi 2025-syys.", hint_en="For example 2025-autumn.")
    scale_obj = project.scale(scale or config.scale, config)
    _check_dropdown(scale_obj)
    with project.lock(), project.ledger() as ledger:
        if ledger.round(round_id) is not None:
            raise UserError(f"Kierros {round_id} on jo olemassa", f"Round {round_id} already exists",
                            hint_fi="Valitse toinen tunnus; olemassa olevaa kierrosta ei korvata.",
                            hint_en="Choose another id; an existing round is never replaced.")
        check_folder_safe(round_id, ledger.rounds())
        latest = ledger.strategy()
        if latest is None:
            raise UserError("Projektissa ei ole strategiaa", "The project has no strategy",
                            hint_fi="Tuo strategia: seuranta init --strategy TIEDOSTO.",
                            hint_en="Import one: seuranta init --strategy FILE.")
        try:
            rnd = Round(id=round_id, title=title or round_id, deadline=deadline, scale=scale_obj,
                        created_at=now_iso(), strategy_id=latest[0])
        except ValidationError as exc:  # pragma: no cover - the id was checked above
            raise UserError(str(exc), str(exc)) from None
        ledger.add_round(rnd)
    return rnd, config.language


def _check_dropdown(scale: Scale) -> None:
    """Two steps must not look the same in the workbook's dropdown (value "1 a" vs value "1" with
    label "a"): a person could not tell them apart and a return could not be read back."""
    seen: dict[str, str] = {}
    for step in scale.steps:
        key = step.display.casefold()
        if key in seen:
            raise UserError(
                f"Asteikon ”{scale.name}” askeleet ”{seen[key]}” ja ”{step.value}” näkyvät pudotusvalikossa samoin "
                f"(”{step.display}”)",
                f"Scale “{scale.name}”: steps “{seen[key]}” and “{step.value}” look the same in the dropdown "
                f"(“{step.display}”)",
                hint_fi=f"Muuta arvoa tai selitettä avaimessa scales.{scale.name} (seuranta.toml).",
                hint_en=f"Change a value or label under scales.{scale.name} in seuranta.toml.")
        seen[key] = step.value


def check_folder_safe(round_id: str, existing: Iterable[Round] = ()) -> None:
    """A new round's id names folders (lomakkeet/<round>, palautukset/<round>) and begins every workbook
    and report name, so it must work as a Windows folder name: not a device name (CON, NUL, COM1…),
    no dot at the end, and not an existing round's id in other case (Windows folders ignore case)."""
    same = next((r.id for r in existing if r.id.casefold() == round_id.casefold()), None)
    if same is not None:
        raise UserError(f"Kierros {same} on jo olemassa; ”{round_id}” eroaa siitä vain kirjainkooltaan",
                        f"Round {same} already exists; “{round_id}” differs from it only in case",
                        f"Omgång {same} finns redan; ”{round_id}” skiljer sig bara i versaler/gemener",
                        hint_fi="Windowsissa ne olisivat sama kansio; valitse toinen tunnus.",
                        hint_en="On Windows they would be the same folder; choose another id.",
                        hint_sv="I Windows vore de samma mapp; välj ett annat id.")
    if safe_stem(round_id, max_len=len(round_id)) != round_id:
        raise UserError(f"Kierroksen tunnus ”{round_id}” ei kelpaa Windowsin kansion nimeksi "
                        "(laitenimi kuten CON tai NUL, tai piste lopussa)",
                        f"Round id “{round_id}” cannot name a Windows folder (a device name such as CON or NUL, "
                        "or a dot at the end)",
                        f"Omgångens id ”{round_id}” duger inte som mappnamn i Windows (ett enhetsnamn som CON "
                        "eller NUL, eller en punkt i slutet)",
                        hint_fi="Esimerkiksi 2025-syys.", hint_en="For example 2025-autumn.",
                        hint_sv="Till exempel 2025-host.")
