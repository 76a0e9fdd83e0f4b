"""A file Excel holds open (Windows): replacing it raises PermissionError (winerror 32 "being used by
another process", or 5). Simulated here by making os.replace raise exactly that for one target, the
way Windows does; every writer of the CLI must then print one located line (which file, close it in
Excel, run again), exit 2, and leave the previous file as it was."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.core.errors import FileInUseError, MasterLockedError
from seuranta_xl.demo import ROUND, run_demo
from seuranta_xl.store import atomic
from seuranta_xl.store.atomic import temp_path, write_atomic
from seuranta_xl.store.ledger import Ledger

REAL_REPLACE = os.replace


def lock(monkeypatch, name: str, times: int | None = None) -> list[str]:
    """os.replace fails as on Windows when the target's name is ``name`` (always, or the first
    ``times`` attempts); returns the list of refused targets."""
    refused: list[str] = []

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == name and (times is None or len(refused) < times):
            refused.append(str(dst))
            raise PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process", str(src), 32, str(dst))
        return REAL_REPLACE(src, dst, *args, **kwargs)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(atomic, "RETRY_DELAYS", (0.001, 0.002))   # the real ones add up to 0.75 s
    return refused


def test_write_atomic_gives_one_typed_error_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "raportti.xlsx"
    target.write_bytes(b"previous")
    refused = lock(monkeypatch, target.name)
    with pytest.raises(FileInUseError) as info:
        write_atomic(target, b"new")
    assert info.value.path == str(target) and len(refused) == 3          # first try and two retries
    assert target.read_bytes() == b"previous" and not temp_path(target).exists()
    line = info.value.one_line("en")
    assert str(target) in line and "Excel" in line and "again" in line and "\n" not in line
    assert "Excelissä" in info.value.one_line("fi") and "Excel" in info.value.one_line("sv")


def test_a_lock_that_goes_away_during_the_retries_is_no_error(tmp_path, monkeypatch):
    target = tmp_path / "master.xlsx"
    target.write_bytes(b"previous")
    refused = lock(monkeypatch, target.name, times=2)    # an antivirus scan or OneDrive holding it a moment
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and len(refused) == 2 and not temp_path(target).exists()


def test_binary_content_is_written_byte_for_byte(tmp_path):
    """write_atomic opens with O_BINARY where it exists: Windows' default text mode would turn every
    \\n byte of an .xlsx into \\r\\n and break the zip."""
    data = bytes(range(256)) * 4 + b"\n\r\n\x1a"
    write_atomic(tmp_path / "b.bin", data)
    assert (tmp_path / "b.bin").read_bytes() == data


def test_master_locked_error_is_a_file_in_use_error():
    exc = MasterLockedError("master-locked", path="C:/kunta/master.xlsx")
    assert isinstance(exc, FileInUseError) and exc.path == "C:/kunta/master.xlsx"
    assert "kirjattu" in exc.one_line("fi") and "seuranta sync" in exc.one_line("fi")
    assert "recorded" in exc.one_line("en") and "bokförts" in exc.one_line("sv")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("in_use") / "demo"
    run_demo(root, echo=lambda _line: None)
    return root


def _commands(root: Path) -> dict[str, tuple[list[str], Path]]:
    """command -> (arguments, the file it replaces)."""
    workbook = next((root / "lomakkeet" / ROUND).glob("*Kasvu*.xlsx"))
    return {
        "sync": (["sync", "--project", str(root)], root / "master.xlsx"),
        "report": (["report", "--project", str(root), "--format", "docx"], root / "raportit" / f"{ROUND}_raportti.docx"),
        "export": (["export", "--project", str(root), "--format", "csv", "--out", str(root / "vienti.csv")],
                   root / "vienti.csv"),
        "generate": (["generate", "--project", str(root)], workbook),
        "addin": (["addin", "build", "--out", str(root / "seuranta.xlam")], root / "seuranta.xlam"),
    }


@pytest.mark.parametrize("command", ["sync", "report", "export", "generate", "addin"])
def test_every_writer_says_which_file_to_close_in_one_line(demo, monkeypatch, command):
    args, target = _commands(demo)[command]
    if not target.exists() or command == "sync":   # sync writes a master only when it is not the current one
        target.write_bytes(b"the previous file")
    before = target.read_bytes()
    with Ledger(demo / "seuranta.db") as ledger:
        returns_before = len(ledger.returns(ROUND))
    lock(monkeypatch, target.name)
    monkeypatch.setenv("SEURANTA_LANG", "fi")          # the demo project's language, and the add-in's here
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in res.output, res.output
    assert str(target) in lines[0] and "Sulje tiedosto Excelissä" in lines[0] and "uudelleen" in lines[0], lines[0]
    assert target.read_bytes() == before and not temp_path(target).exists()
    assert not [p for p in target.parent.iterdir() if ".tmp" in p.name]        # no temp file or folder left
    with Ledger(demo / "seuranta.db") as ledger:
        assert len(ledger.returns(ROUND)) == returns_before


def test_sync_with_the_master_open_says_the_returns_were_recorded(demo, monkeypatch):
    root = demo
    extra = root / "palautukset" / ROUND / f"{ROUND}_Elinvoima ja asuinympäristö.xlsx"
    extra.write_bytes(next((root / "lomakkeet" / ROUND).glob("*Elinvoima*")).read_bytes())
    lock(monkeypatch, "master.xlsx")
    res = CliRunner().invoke(main, ["sync", "--project", str(root)])
    assert res.exit_code == 2 and "kirjattu" in res.stderr and str(root / "master.xlsx") in res.stderr
    with Ledger(root / "seuranta.db") as ledger:
        assert any(r.department == "Elinvoima ja asuinympäristö" for r in ledger.returns(ROUND))


def test_a_report_whose_temp_file_cannot_be_created_is_one_line(demo):
    """xlsxwriter wraps the OSError of creating its file (FileCreateError); here the temp path is taken
    by a folder, as a stale or foreign entry would."""
    blocker = temp_path(demo / "raportit" / f"{ROUND}_raportti.xlsx")
    blocker.mkdir()
    try:
        res = CliRunner().invoke(main, ["report", "--project", str(demo)])
    finally:
        blocker.rmdir()
    assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1, res.output
    assert "Odottamaton" not in res.stderr and f"{ROUND}_raportti.xlsx" in res.stderr
