"""The acceptance test of the returns issue: departments fill their generated workbooks in a real,
independent spreadsheet client (LibreOffice headless, driven by UNO, touching only unlocked cells,
saving as .xlsx) with the Keuruu grades and comments; sync; the export equals the seed's 134 rows."""
from __future__ import annotations

import pytest

import csv
import io
import json
from collections import Counter

import openpyxl
from click.testing import CliRunner

from tests import lo_driver
from tests.builders import KEURUU_ALIASES, keuruu_rows
from seuranta_xl.cli import main
from seuranta_xl.core.identity import META_SHEET
from seuranta_xl.store.project import Project

pytestmark = pytest.mark.libreoffice   # LibreOffice headless as the second client


def run(*args: str) -> str:
    res = CliRunner().invoke(main, list(args))
    assert res.exit_code in (0, 1), res.output
    return res.stdout


def test_libreoffice_filled_returns_sync_to_the_seed_exactly(tmp_path, fixtures_dir):
    proj = tmp_path / "keuruu"
    run("init", "--strategy", str(fixtures_dir / "keuruu.xlsx"), "--preset", "keuruu", "--project", str(proj))
    project = Project(proj)
    config = project.load_config()
    project.save_config(config.model_copy(update={"aliases": dict(KEURUU_ALIASES)}))
    run("init", "--strategy", str(fixtures_dir / "keuruu.xlsx"), "--preset", "keuruu", "--force",
        "--project", str(proj))
    run("round", "new", "2023-syys", "--title", "Osavuosikatsaus III", "--deadline", "2023-10-15",
        "--project", str(proj))
    run("generate", "--project", str(proj))
    generated = sorted((proj / "lomakkeet" / "2023-syys").glob("*.xlsx"))
    assert len(generated) == 3

    seed = {(r["focus_area"], r["goal"], r["action"], r["department"]): r for r in keuruu_rows()}
    returns = tmp_path / "palautukset"
    returns.mkdir()
    jobs = []
    for path in generated:
        wb = openpyxl.load_workbook(path)
        meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_row=19) if r[0].value}
        cols = json.loads(meta["columns"])
        ws = wb[meta["data_sheet"]]
        cells: dict[str, object] = {}
        for r in range(int(meta["first_data_row"]), ws.max_row + 1):
            if not ws[f"{cols['id']}{r}"].value:
                continue
            key = tuple(ws[f"{cols[k]}{r}"].value for k in ("focus_area", "goal", "action")) + (meta["department"],)
            row = seed[key]
            cells[f"{cols['grade']}{r}"] = int(row["grade"])
            cells[f"{cols['comment']}{r}"] = row["comment"] or None
        jobs.append({"src": str(path), "dst": str(returns / path.name), "sheet": meta["data_sheet"],
                     "cells": cells})
    results = lo_driver.fill(jobs)
    assert all(r.get("ok") for r in results), results

    out = run("sync", str(returns), "--project", str(proj), "--json")
    doc = json.loads(out)
    assert doc["summary"]["new_returns"] == 3 and doc["summary"]["rejected"] == 0
    # A LibreOffice save is not tampering: no signature, structure or protection findings.
    assert [f["code"] for f in doc["findings"] if f["severity"] == "error"] == []

    export = tmp_path / "vienti.csv"
    run("export", "--format", "csv", "--out", str(export), "--project", str(proj))
    rows = list(csv.DictReader(io.StringIO(export.read_text("utf-8-sig"), newline=""), delimiter=";"))
    got = Counter((r["painopiste"], r["tavoite"], r["toimenpide"], r["department"], r["grade"], r["comment"])
                  for r in rows)
    want = Counter((r["focus_area"], r["goal"], r["action"], r["department"], r["grade"], r["comment"])
                   for r in keuruu_rows())
    assert len(rows) == 134
    assert got == want
    assert Counter(r["grade"] for r in rows) == {"1": 7, "2": 29, "3": 38, "4": 35, "5": 25}
