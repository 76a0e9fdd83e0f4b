"""seuranta demo: a whole run in a fresh folder, its outputs, its exit code, and a safe target folder."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from seuranta_xl.demo import MARKER, ROUND, run_demo
from seuranta_xl.core.errors import UserError
from seuranta_xl.outputs.report import build_report


def test_demo_builds_everything(tmp_path):
    lines: list[str] = []
    result = run_demo(tmp_path / "demo", echo=lines.append)
    root = result.root
    assert (root / MARKER).is_file() and (root / "seuranta.toml").is_file() and result.master.stat().st_size > 10_000
    assert len(result.workbooks) == 3 and len(result.returned) == 3      # one department returns twice, one never
    for fmt, path in result.reports.items():
        assert path.exists() and path.stat().st_size > (20_000 if fmt in ("xlsx", "docx") else 500), fmt
    codes = {f.code for f in result.findings}
    assert {"missing-grade", "invalid-grade", "comment-too-long", "duplicate-return", "missing-return"} <= codes
    assert any("tahallisia" in line or "Tahalliset" in line for line in lines)
    s = build_report(root, ROUND).s
    assert s.previous_round.id == "2023-syys" and s.comparable
    assert s.overall.change.improved > s.overall.change.worse > 0 and s.moves
    assert s.missing == ["Elinvoima ja asuinympäristö"] and len(s.by_department) == 3
    # a silent department (33), two empty grades, and two rows not merged (the 6, the too long comment)
    assert s.overall.graded == 134 - 33 - 4
    md = result.reports["md"].read_text("utf-8")
    assert "14.10." in md and "12,5 %" in md and "<br>" in md
    # the departments typed only into unlocked cells: the returns still carry valid signatures (accepted)
    assert all(f.code != "signature-invalid" and f.code != "structure-changed" for f in result.findings)
    wb = openpyxl.load_workbook(result.reports["xlsx"])
    assert "Yhteenveto" in wb.sheetnames


def test_demo_refuses_a_folder_that_is_not_a_demo(tmp_path):
    (tmp_path / "oma.txt").write_text("tärkeä")
    with pytest.raises(UserError):
        run_demo(tmp_path, echo=lambda _line: None)
    assert (tmp_path / "oma.txt").read_text() == "tärkeä"


@pytest.mark.slow   # three whole `seuranta demo` processes
def test_demo_command_exit_0_twice_then_refuses(tmp_path):
    exe = Path(sys.executable).with_name("seuranta")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "seuranta_xl.cli"]
    target = tmp_path / "demo-run"
    for _ in range(2):   # the second run rebuilds the earlier demo
        proc = subprocess.run(cmd + ["demo", str(target)], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stdout + proc.stderr
        assert "[7/7]" in proc.stdout and str(target / "raportit") in proc.stdout
    other = tmp_path / "muu"
    other.mkdir()
    (other / "data.xlsx").write_bytes(b"x")
    proc = subprocess.run(cmd + ["demo", str(other)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
