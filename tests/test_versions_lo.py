"""Version order across programs with real LibreOffice saves on a Finnish clock (TZ=Europe/Helsinki):
LibreOffice 7.x writes docProps/core.xml dcterms:modified as local time marked 'Z' (2-3 hours ahead of
the truth in Finland) while Excel and openpyxl write UTC. A department saves v1 in LibreOffice, a
colleague corrects it in Excel half an hour later: the correction is in force."""
from __future__ import annotations

import datetime as dt
import json
import re
import zipfile

import pytest
from click.testing import CliRunner

from tests.lo_driver import fill
from tests.returns_kit import Kit
from seuranta_xl.cli import main
from seuranta_xl.core.versions import saved_utc

pytestmark = pytest.mark.libreoffice
HKP = "Hallinto"


def _stamp(path) -> str:
    with zipfile.ZipFile(path) as zf:
        return re.search(r"<dcterms:modified[^>]*>([^<]+)<", zf.read("docProps/core.xml").decode()).group(1)


def test_a_libreoffice_save_then_an_excel_correction_half_an_hour_later(tmp_path):
    kit = Kit(tmp_path)
    wb, ws, meta, cols = kit.workbook(HKP)
    first = kit.data_rows(ws, meta, cols)[0]
    grade_ref, aid = f"{cols['grade']}{first}", ws[f"{cols['id']}{first}"].value
    v1 = kit.returns / "v1_libreoffice.xlsx"
    before = dt.datetime.now(dt.timezone.utc)
    [res] = fill([{"src": str(kit.source(HKP)), "dst": str(v1), "sheet": meta["data_sheet"],
                   "cells": {grade_ref: 2}}], env={"TZ": "Europe/Helsinki"})
    assert res.get("ok"), res
    # What LibreOffice wrote: local Finnish time marked Z, hours ahead of the true time.
    written = dt.datetime.fromisoformat(_stamp(v1).replace("Z", "+00:00"))
    assert written - before > dt.timedelta(hours=1, minutes=50)
    corrected = before.replace(tzinfo=None) + dt.timedelta(minutes=30)

    def edit(wb, ws, meta, cols):
        ws[grade_ref] = 5
    kit.fill(HKP, name="v2_excel.xlsx", seed_values=False, edit=edit, saved=corrected)
    res = CliRunner().invoke(main, ["sync", str(kit.returns), "--project", str(kit.proj), "--json"])
    doc = json.loads(res.stdout)
    rows = json.loads(CliRunner().invoke(main, ["export", "--project", str(kit.proj), "--format", "json"]).stdout)
    value = next(r for r in rows["rows"] if r["action_id"] == aid)
    assert (value["grade"], value["source_file"]) == (5, "v2_excel.xlsx")      # the JSON export types a grade
    [dup] = [f for f in doc["findings"] if f["code"] == "duplicate-return"]
    assert "v2_excel.xlsx on voimassa" in dup["message"] and "LibreOfficen aika paketista" not in dup["message"]
    [conflict] = [f for f in doc["findings"] if f["code"] == "conflicting-versions"]
    assert "v2_excel.xlsx antaa ”5”, v1_libreoffice.xlsx antaa ”2”" in conflict["message"]
    history = {v["file"]: v for v in json.loads(CliRunner().invoke(
        main, ["returns", "--project", str(kit.proj), "--json"]).stdout)["versions"]}
    assert history["v1_libreoffice.xlsx"]["saved_basis"] == "libreoffice-package"
    true_v1 = dt.datetime.fromisoformat(history["v1_libreoffice.xlsx"]["saved"])
    assert abs(true_v1 - before) < dt.timedelta(minutes=5)
    assert history["v2_excel.xlsx"]["in_force"] is True


def test_the_rule_on_the_stamps_each_program_writes():
    """saved_utc on the facts a package holds (the LibreOffice ones as test_a_libreoffice_save… reads them)."""
    lo = "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2"
    utc = dt.timezone.utc
    assert saved_utc("2026-12-01T20:36:16Z", lo, "2026-12-01T18:36:16+00:00") == \
        (dt.datetime(2026, 12, 1, 18, 36, 16, tzinfo=utc), "libreoffice-package")
    # A LibreOffice that writes true UTC (zip and stamp agree): the same instant.
    assert saved_utc("2026-12-01T18:36:16Z", lo, "2026-12-01T18:36:16+00:00")[0] == \
        dt.datetime(2026, 12, 1, 18, 36, 16, tzinfo=utc)
    # Zip time that is no time-zone offset away from the stamp: the stamp as written.
    assert saved_utc("2026-12-01T20:36:16Z", lo, "2026-12-01T19:03:00+00:00")[1] == "as-written"
    assert saved_utc("2026-12-01T18:36:16Z", "Microsoft Excel", None)[1] == "excel"
    assert saved_utc(None, None, None, "2026-12-01T18:00:00+00:00")[1] == "file-time"
