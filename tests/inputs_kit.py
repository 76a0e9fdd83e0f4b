"""A whole round with a round's inputs as data (issue 16), for the fast tests (openpyxl fills) and the
LibreOffice test (tests/lo_fill.py fills): import a seed layout's table → round new with an input preset
→ generate → fill every input cell of every workbook with a known value → the value each input should
arrive as. Every value is distinct per action and input, so a value landing in the wrong row or column
cannot pass."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from seuranta_xl.core.identity import META_SHEET
from seuranta_xl.core.inputs import InputPreset, InputSpec, number_text, round_inputs
from seuranta_xl.store.project import Project
from seuranta_xl.store.rounds import new_round
from seuranta_xl.strategy.importer import init_project
from seuranta_xl.workbook.generate import generate_round

SEED_TABLES = {"keuruu": "keuruu.xlsx", "tuusula": "tuusula.xlsx", "kemi": "kemi.xlsx",
               "taulukko-2024": "taulukko2024.xlsx"}
ROUND = "2025-kevat"
EXCEL_EPOCH = dt.date(1899, 12, 30)

# A round asking every kind of input (seuranta.toml [inputs.mittarit]): what the fast tests add to a seed.
ALL_KINDS = {
    "description": "Arvio, kommentti, toteutunut arvo, valmistumispäivä ja tila",
    "scale": "1-5",
    "columns": [
        {"key": "grade", "kind": "grade", "title": "Arvio", "required": True},
        {"key": "comment", "kind": "text", "title": "Kommentti"},
        {"key": "toteutunut", "kind": "number", "title": "Toteutunut arvo", "unit": "%", "min": 0, "max": 100,
         "decimals": 1, "required": True},
        {"key": "valmis", "kind": "date", "title": "Valmistumispäivä", "min_date": "2024-01-01",
         "max_date": "2030-12-31"},
        {"key": "tila", "kind": "choice", "title": "Aikataulun tila", "choices": ["aikataulussa", "myöhässä", "keskeytetty"]},
        {"key": "riskit", "kind": "text", "title": "Riskit", "max_length": 120},
    ],
}


@dataclass
class Cell:
    """One input cell to fill: where, what to type (openpyxl / LibreOffice), what should arrive."""

    file: str
    ref: str
    action_id: str
    key: str
    typed: object
    expected: str


@dataclass
class Round:
    root: Path
    layout: str
    inputs: tuple[InputSpec, ...]
    workbooks: dict[str, Path]                    # file name -> generated path
    sheet: str = ""
    cells: list[Cell] = field(default_factory=list)
    ready_cells: dict[str, tuple[str, str]] = field(default_factory=dict)   # file name -> (mark, approver) cells

    @property
    def returns(self) -> Path:
        return self.root / "palautukset" / ROUND


def open_round(tmp: Path, fixtures_dir: Path, layout: str, preset: str | None = None,
               extra_preset: dict | None = None, language: str = "fi") -> Round:
    """A project from the seed layout's table (its results as past round 'aiempi'), round ROUND asking
    ``preset`` (default: the layout's own), generated."""
    root = tmp / layout
    init_project(root, fixtures_dir / SEED_TABLES[layout], preset=layout, results_round="aiempi", language=language)
    project = Project(root)
    if extra_preset is not None:
        config = project.load_config()
        project.save_config(config.model_copy(update={"inputs": {"mittarit": InputPreset.model_validate(extra_preset)}}))
        config = project.load_config()     # validated as a coordinator's own file is
    new_round(root, ROUND, title="Kevät 2025", inputs=preset or layout)
    config = project.load_config()
    with project.ledger() as ledger:
        rnd = ledger.round(ROUND)
    made = generate_round(root, round_id=ROUND)
    return Round(root, layout, round_inputs(rnd, config), {p.name: p for p, _ in made.files})


def typed_value(spec: InputSpec, scale, aid: str, i: int) -> tuple[object, str]:
    """(what a department types, what should arrive) for input ``spec`` of the i-th action ``aid``."""
    if spec.kind == "grade":
        step = scale.steps[i % len(scale.steps)]
        return (int(step.value) if step.value.isdigit() else step.display), step.value
    if spec.kind == "number":
        low = spec.min if spec.min is not None else 0
        span = (spec.max if spec.max is not None else low + 100) - low
        value = round(low + 0.5 + (i * 1.7) % (span - 1), 1)
        return value, number_text(value)
    if spec.kind == "date":
        day = dt.date(2025, 1, 1) + dt.timedelta(days=3 * i)
        return day, day.isoformat()
    if spec.kind == "choice":
        choice = spec.choices[i % len(spec.choices)]
        return choice, choice
    text = f"{spec.title[:20]} {aid}: rivi {i} – åäö ÅÄÖ" + ("\ntoinen kappale" if i % 2 else "")
    return text, text


def plan(rnd: Round) -> Round:
    """Every input cell of every workbook with its value (read from each workbook's own column map)."""
    project = Project(rnd.root)
    with project.ledger() as ledger:
        scale = ledger.round(ROUND).scale
    i = 0
    for name, path in sorted(rnd.workbooks.items()):
        wb = openpyxl.load_workbook(path, read_only=True)
        meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_row=19) if r[0].value}
        cols = json.loads(meta["columns"])
        rnd.sheet = meta["data_sheet"]
        places = json.loads(meta["ready"])
        rnd.ready_cells[name] = (places["mark"], places["approver"])
        ids = [r[0].value for r in wb[meta["data_sheet"]].iter_rows(min_row=int(meta["first_data_row"]),
                                                                    max_col=1)]
        first = int(meta["first_data_row"])
        for n, aid in enumerate(ids):
            if not aid:
                continue
            for spec in rnd.inputs:
                typed, expected = typed_value(spec, scale, aid, i)
                rnd.cells.append(Cell(name, f"{cols[spec.key]}{first + n}", aid, spec.key, typed, expected))
            i += 1
        wb.close()
    return rnd


def _ready(rnd: Round, name: str, ready: str | None, approver: str | None) -> dict[str, object]:
    """The ready block's cells as a department sets them (``ready`` None: left empty, a draft)."""
    mark, who = rnd.ready_cells[name]
    return {mark: ready, who: approver if ready else None}


def fill_openpyxl(rnd: Round, override: dict[tuple[str, str], object] | None = None, *, ready: str | None = "Kyllä",
                  approver: str | None = "Testi Hyväksyjä") -> None:
    """Each workbook filled as a department would in Excel (openpyxl), marked ready with the approver's name
    (a finished return; ``ready=None``: a draft), saved into the returns folder; ``override``: (action id,
    key) -> another value typed there."""
    override = override or {}
    by_file: dict[str, list[Cell]] = {}
    for c in rnd.cells:
        by_file.setdefault(c.file, []).append(c)
    for name, cells in by_file.items():
        wb = openpyxl.load_workbook(rnd.workbooks[name])
        ws = wb[rnd.sheet]
        for c in cells:
            ws[c.ref] = override.get((c.action_id, c.key), c.typed)
        for ref, value in _ready(rnd, name, ready, approver).items():
            ws[ref] = value
        wb.save(rnd.returns / name)


def lo_jobs(rnd: Round, override: dict[tuple[str, str], object] | None = None, out: Path | None = None, *,
            ready: str | None = "Kyllä", approver: str | None = "Testi Hyväksyjä") -> list[dict]:
    """The same filling as LibreOffice jobs (a date typed as a date: its serial number in a date-formatted cell),
    marked ready likewise."""
    override = override or {}
    jobs: dict[str, dict] = {}
    for c in rnd.cells:
        job = jobs.setdefault(c.file, {"src": str(rnd.workbooks[c.file]), "dst": str((out or rnd.returns) / c.file),
                                       "sheet": rnd.sheet, "cells": {}})
        value = override.get((c.action_id, c.key), c.typed)
        if isinstance(value, dt.date):
            value = (value - EXCEL_EPOCH).days
        job["cells"][c.ref] = value
    for name, job in jobs.items():
        job["cells"].update({ref: value for ref, value in _ready(rnd, name, ready, approver).items() if value})
    return list(jobs.values())
