"""sync as a whole: idempotency, rebuild from the ledger, crash safety, the project lock, a master
that is open elsewhere, and the export contract."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from tests.builders import make_project, synthetic_strategy
from tests.returns_kit import ROUND, Kit
from seuranta_xl.cli import main
from seuranta_xl.store.ledger import CACHE_TABLES, Ledger
from seuranta_xl.outputs.master import write_master
from seuranta_xl.store.project import Project
from seuranta_xl.store.rounds import new_round
from seuranta_xl.returns.sync import sync_folder
from seuranta_xl.workbook.generate import generate_round

HKP = "Hallinto"


def workbook_content(path: Path) -> dict[str, list[list]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def ledger_dump(db: Path) -> list:
    """Every table of history (the caches of an incremental sync left out)."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
                  if r[0] not in CACHE_TABLES]
        return [(t, conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()) for t in tables]
    finally:
        conn.close()


def test_sync_twice_changes_nothing(tmp_path):
    kit = Kit(tmp_path)
    for dept in ("Hallinto", "Kasvu", "Elinvoima"):
        kit.fill(dept)
    first = sync_folder(kit.proj, kit.returns)
    assert first.new_returns == 3
    before_db = ledger_dump(kit.project.db_path)
    before_master = kit.project.master_path.read_bytes()
    master_time = kit.project.master_path.stat().st_mtime_ns
    second = sync_folder(kit.proj, kit.returns)
    assert (second.new_returns, second.unchanged) == (0, 3)
    assert ledger_dump(kit.project.db_path) == before_db
    # nothing changed: the master is left as it was (not rewritten, so no backup of it either)
    assert kit.project.master_path.read_bytes() == before_master
    assert kit.project.master_path.stat().st_mtime_ns == master_time
    assert not (kit.proj / "master.bak.xlsx").exists()
    assert second.findings == first.findings
    assert second.view.state.values == first.view.state.values


def test_master_rebuilt_from_ledger_is_the_same(tmp_path):
    kit = Kit(tmp_path)
    kit.fill("Hallinto")
    kit.fill("Kasvu")
    sync_folder(kit.proj, kit.returns)
    original = kit.project.master_path.read_bytes()
    content = workbook_content(kit.project.master_path)
    kit.project.master_path.unlink()
    with Ledger(kit.project.db_path) as ledger:
        write_master(kit.proj, ledger, "fi")
    assert workbook_content(kit.project.master_path) == content
    assert kit.project.master_path.read_bytes() == original   # byte for byte: nothing volatile is written


def test_master_content_wide_long_returns_findings(tmp_path):
    kit = Kit(tmp_path)
    kit.fill("Hallinto")
    sync_folder(kit.proj, kit.returns)
    content = workbook_content(kit.project.master_path)
    assert list(content) == ["Toimenpiteet", "Kaikki arviot", "Palautukset", "Havainnot", "Versiot", "Tavoitteet"]
    [version] = content["Versiot"][1:]
    assert version[1:3] == ["Hallinto- ja konsernipalvelut", "2023-syys_Hallinto- ja konsernipalvelut.xlsx"]
    assert version[5].startswith("voimassa") and version[6] == "0"
    wide = content["Toimenpiteet"]
    assert wide[0][:5] == ["ID", "Painopiste", "Tavoite", "Toimenpide", "Vastuutaho"]
    assert len(wide) == 1 + 134
    assert sum(1 for row in content["Kaikki arviot"][1:] if row[6] != "") == 54
    states = {row[1]: row[2] for row in content["Palautukset"][1:]}
    assert states == {"Elinvoima ja asuinympäristö": "puuttuu", "Hallinto- ja konsernipalvelut": "palautettu",
                      "Kasvu ja hyvinvointi": "puuttuu"}
    codes = [row[2] for row in content["Havainnot"][1:]]
    assert codes.count("missing-return") == 2


def test_department_text_is_never_a_formula_in_master(tmp_path):
    kit = Kit(tmp_path)

    def edit(wb, ws, meta, cols):
        r = kit.data_rows(ws, meta, cols)[0]
        c = ws[f"{cols['comment']}{r}"]
        c.value, c.data_type, c.quotePrefix = '=HYPERLINK("http://x.invalid","klik")', "s", True
    kit.fill("Hallinto", edit=edit)
    sync_folder(kit.proj, kit.returns)
    import zipfile
    with zipfile.ZipFile(kit.project.master_path) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in zf.read(n) for n in sheets)


def test_master_open_elsewhere_ledger_still_committed(tmp_path):
    kit = Kit(tmp_path)
    kit.fill("Hallinto")
    (kit.proj / "~$master.xlsx").write_bytes(b"\0" * 165)     # Excel's owner file: master is open
    res = CliRunner().invoke(main, ["sync", "--project", str(kit.proj), str(kit.returns)])
    assert res.exit_code == 2
    assert "master.xlsx" in res.output and "Sulje" in res.output and "Traceback" not in res.output
    with Ledger(kit.project.db_path) as ledger:
        assert len(ledger.returns(ROUND)) == 1
    (kit.proj / "~$master.xlsx").unlink()
    res = CliRunner().invoke(main, ["sync", "--project", str(kit.proj), str(kit.returns)])
    assert res.exit_code == 0, res.output
    assert kit.project.master_path.exists()


@pytest.mark.slow
def test_second_sync_waits_then_refuses_clearly(tmp_path):
    kit = Kit(tmp_path)
    kit.fill("Hallinto")
    project = Project(kit.proj)
    with project.lock():
        t0 = time.monotonic()
        res = subprocess.run([sys.executable, "-m", "seuranta_xl.cli", "sync", "--project", str(kit.proj),
                              str(kit.returns)], capture_output=True, text=True, timeout=60)
        waited = time.monotonic() - t0
    assert res.returncode == 2
    assert "käynnissä" in res.stderr and "Traceback" not in res.stderr
    assert waited >= 4.5  # it waited briefly for the other one first
    with Ledger(kit.project.db_path) as ledger:
        assert ledger.returns(ROUND) == []


@pytest.mark.slow
def test_sync_killed_while_writing_master_leaves_previous_master(tmp_path):
    """kill -9 in the middle of writing the master: the previous master stays whole and openable."""
    root = tmp_path / "iso"
    make_project(root, synthetic_strategy(20, 250))
    new_round(root, "R1")
    files = [p for p, _ in generate_round(root, round_id="R1", out_dir=None).files]
    returns = tmp_path / "palautukset"
    returns.mkdir()
    import shutil
    for p in files[:10]:
        shutil.copyfile(p, returns / p.name)
    sync_folder(root, returns)
    # The master is written in one short burst at the end: kill at moments spread over a whole run
    # (measured here), so some kills land during the ledger commit and some during the master write.
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "seuranta_xl.cli", "sync", "--project", str(root), str(returns)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    duration = time.monotonic() - started
    kills = 0
    for attempt in range(6):
        before = workbook_content(root / "master.xlsx")
        for p in files[10 + attempt:11 + attempt]:   # every attempt has a new return to record
            shutil.copyfile(p, returns / p.name)
        proc = subprocess.Popen([sys.executable, "-m", "seuranta_xl.cli", "sync", "--project", str(root),
                                 str(returns)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * (0.5 + 0.1 * attempt))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        assert Ledger(root / "seuranta.db").integrity_ok()
        after = workbook_content(root / "master.xlsx")
        with Ledger(root / "seuranta.db") as ledger:
            recorded = len(ledger.returns("R1"))
        # The master is whole: the state before this sync, or (if the kill came after the swap) after it.
        graded_dept_rows = [r for r in after["Palautukset"][1:] if r[2] in ("palautettu", "luonnos")]
        assert after == before or len(graded_dept_rows) == recorded
    assert kills >= 1
    res = sync_folder(root, returns)     # a rerun completes the sync
    assert len([r for r in workbook_content(root / "master.xlsx")["Palautukset"][1:] if r[2] in ("palautettu", "luonnos")]) == 16
    assert res.master is not None


def test_export_csv_contract(tmp_path):
    kit = Kit(tmp_path)

    def edit(wb, ws, meta, cols):
        rows = kit.data_rows(ws, meta, cols)
        c = ws[f"{cols['comment']}{rows[0]}"]
        c.value, c.data_type, c.quotePrefix = "=2+2", "s", True
        ws[f"{cols['comment']}{rows[1]}"] = "Rivi yksi\nRivi kaksi; ”lainaus” ja € ✓"
    kit.fill("Hallinto", edit=edit)
    sync_folder(kit.proj, kit.returns)
    out = tmp_path / "vienti.csv"
    res = CliRunner().invoke(main, ["export", "--project", str(kit.proj), "--format", "csv", "--out", str(out)])
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["round", "action_id", "department", "painopiste", "tavoite", "toimenpide", "grade",
                       "comment", "source_file", "received_at"]
    assert len(rows) == 1 + 134
    comments = [r[7] for r in rows[1:]]
    assert "'=2+2" in comments
    assert "Rivi yksi\nRivi kaksi; ”lainaus” ja € ✓" in comments
    res = CliRunner().invoke(main, ["export", "--project", str(kit.proj), "--format", "json"])
    doc = json.loads(res.stdout)
    assert "=2+2" in [r["comment"] for r in doc["rows"]]  # JSON keeps the text exactly


def test_status_json_counts(tmp_path):
    kit = Kit(tmp_path)
    kit.fill("Kasvu")
    sync_folder(kit.proj, kit.returns)
    res = CliRunner().invoke(main, ["status", "--project", str(kit.proj), "--json"])
    doc = json.loads(res.stdout)
    assert doc["counts"] == {"departments": 3, "returned": 1, "missing": 2, "drafts": 0, "with_errors": 0,
                             "actions": 134, "graded": 47, "errors": 0, "warnings": 2, "infos": 0}
    assert res.exit_code == 0 and doc["days_left"] is None and doc["deadline"] is None
    assert sorted(f["code"] for f in doc["findings"]) == ["missing-return", "missing-return"]
    states = {d["department"]: d["state"] for d in doc["departments"]}
    assert states["Kasvu ja hyvinvointi"] == "returned"


def test_master_rows_fit_their_wrapped_text_and_text_reads_back_exactly(tmp_path):
    """The streamed rows: a height for the tallest wrapped cell (LibreOffice does not fit rows on
    load), and escaping that gives back exactly what the department wrote."""
    import openpyxl
    kit = Kit(tmp_path)
    tricky = "Rivi 1 & <b>\nRivi 2 ”lainaus” € ✓ " + "pitkä " * 60

    def edit(wb, ws, meta, cols):
        ws[f"{cols['comment']}{kit.data_rows(ws, meta, cols)[0]}"] = tricky
    kit.fill("Hallinto", edit=edit)
    sync_folder(kit.proj, kit.returns)
    wb = openpyxl.load_workbook(kit.project.master_path)
    wide = wb["Toimenpiteet"]
    row = next(r for r in range(2, wide.max_row + 1) if tricky in [c.value for c in wide[r]])
    assert wide.row_dimensions[row].height >= 5 * 15          # 360+ characters in a 45-wide column
    assert wide.cell(row, 1).alignment.vertical == "top"
    assert tricky in [c.value for c in wb["Kaikki arviot"][row]]
    assert workbook_content(kit.project.master_path)["Kaikki arviot"][row - 1][8] == tricky
