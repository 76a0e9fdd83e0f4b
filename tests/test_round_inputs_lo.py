"""A round's inputs (issue 16) filled in LibreOffice, the second client: for each seed layout (keuruu,
tuusula, kemi, taulukko-2024) a whole round with its input preset, and a round asking every kind of input
with one bad value per kind — all filled in ONE LibreOffice session (tests/lo_fill.py touches only
unlocked cells, typing numbers and dates as values, text as text) → sync → export and report: every value
of every input arrives exactly and each bad value is its located finding."""
from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from tests import lo_driver
from tests.inputs_kit import ALL_KINDS, ROUND, lo_jobs, open_round, plan
from tests.test_round_inputs import _view, assert_every_value_arrived
from seuranta_xl.outputs.report import build_report
from seuranta_xl.outputs.report.md import markdown
from seuranta_xl.returns.sync import sync_folder

pytestmark = pytest.mark.libreoffice

BAD = {"toteutunut": "noin 40 %", "valmis": "ensi viikolla", "tila": "ehkä", "riskit": "r" * 121}
CODES = {"toteutunut": "invalid-number", "valmis": "invalid-date", "tila": "invalid-choice",
         "riskit": "input-too-long"}


def test_every_layouts_inputs_and_every_kinds_bad_value_through_libreoffice(tmp_path, fixtures_dir):
    rounds = [plan(open_round(tmp_path, fixtures_dir, layout))
              for layout in ("keuruu", "tuusula", "kemi", "taulukko-2024")]
    kinds = plan(open_round(tmp_path / "kinds", fixtures_dir, "keuruu", preset="mittarit", extra_preset=ALL_KINDS))
    # one bad value per kind, each on its own action of the first workbook
    first = sorted({c.file for c in kinds.cells})[0]
    actions = list(dict.fromkeys(c.action_id for c in kinds.cells if c.file == first))
    bad = {(aid, key): value for aid, (key, value) in zip(actions, BAD.items())}
    jobs = [job for rnd in rounds for job in lo_jobs(rnd)] + lo_jobs(kinds, override=bad)
    results = lo_driver.fill(jobs, timeout=900)
    assert all(r.get("ok") for r in results), [r for r in results if not r.get("ok")]

    for rnd in rounds:
        result = sync_folder(rnd.root)
        assert result.new_returns == len(rnd.workbooks), rnd.layout
        assert_every_value_arrived(rnd)
        saved_by = {rec.application for recs in _view(rnd.root).state.returns.values() for rec in recs}
        assert all((app or "").startswith("LibreOffice") for app in saved_by), saved_by
        md = markdown(build_report(rnd.root, ROUND))
        words = [c.expected.replace("\n", "<br>") for c in rnd.cells if c.key not in ("grade",)]
        assert all(w in md for w in words), rnd.layout

    # Kemi (no grade): LibreOffice recalculated the ready state in the status column on save: every
    # Toteuma filled, marked ready with an approver
    kemi = next(rnd for rnd in rounds if rnd.layout == "kemi")
    for name in kemi.workbooks:
        wb = openpyxl.load_workbook(kemi.returns / name, data_only=True)
        meta = {r[0].value: r[1].value for r in wb["_seuranta"].iter_rows(max_row=19) if r[0].value}
        status = json.loads(meta["columns"])["status"]
        assert wb[kemi.sheet][f"{status}2"].value == "Valmis", name

    sync_folder(kinds.root)
    view = _view(kinds.root)
    for (aid, key), value in bad.items():
        cell = next(c for c in kinds.cells if c.action_id == aid and c.key == key)
        (f,) = [f for f in view.findings if f.code == CODES[key] and f.action_id == aid]
        assert (f.file, f.cell) == (cell.file, cell.ref)
        assert view.state.value(aid).value(key) is None          # never a guess
    good = [c for c in kinds.cells if (c.action_id, c.key) not in bad
            and c.action_id not in {a for a, _ in bad}]
    for c in good:
        assert view.state.value(c.action_id).value(c.key) == c.expected, (c.action_id, c.key)
    dates = [c for c in good if c.key == "valmis"]
    assert dates and all(dt.date.fromisoformat(c.expected) for c in dates)
