"""Every path the tool writes fits Windows for a project folder of typical depth (100 characters: the
drive, Users, a long user name, "OneDrive - <municipality>", two folders) and long department names: under
260 characters (MAX_PATH), and under Excel's 218 for every workbook a person opens.

Measured, not derived: a whole round runs here (generate, the returns copied into palautukset/, sync
twice so that the backup exists, every report format), every os.replace is observed (so the temp files
beside targets and the staging folder of generate count too), and every path under the project is
then placed under a 100-character Windows project folder.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from seuranta_xl.core.filenames import (EXCEL_MAX_PATH, PROJECT_FOLDER_BUDGET, RETURNS_FOLDER, WINDOWS_MAX_PATH,
                                        workbook_file_names)
from seuranta_xl.core.identity import META_SHEET
from seuranta_xl.outputs.report import FORMATS, write_report
from seuranta_xl.returns.sync import RETURNS_DIR, sync_folder
from seuranta_xl.store.rounds import new_round
from seuranta_xl.workbook.generate import generate_round
from tests.builders import make_project, strategy_from_rows

# Built from parts: C:, Users, ... (exactly PROJECT_FOLDER_BUDGET characters)
WINDOWS_PROJECT = PureWindowsPath("C:\\", "Users", "Matti-Pekka.Virtanen-Korhonen", "OneDrive - Keuruun kaupunki",
                                  "Strategia ja talous", "Seuranta 2025")
LONG = "Kaupunkiympäristön toimiala / Rakennusvalvonta-, ympäristönsuojelu- ja kiinteistöpalvelujen vastuualue"
DEPARTMENTS = [
    LONG,
    LONG.upper(),                                   # differs only in case
    LONG + " (ruotsinkielinen palvelualue)",        # the same beginning: cut to the same prefix
    "Sivistyksen toimiala: varhaiskasvatus, perusopetus, lukiokoulutus, kirjasto-, kulttuuri- ja liikuntapalvelut "
    "sekä nuorisopalvelut",
    "Konserni",
]
ROUND_IDS = ["2025-kevat", "2025-syys.valtuustokauden-valiarviointi2"]   # typical, and the longest (40)


def run_round(root: Path, round_id: str, monkeypatch) -> set[Path]:
    """A whole round in ``root``; every path written or renamed under it."""
    seen: set[Path] = set()
    real_replace = os.replace

    def observed_replace(src, dst, *args, **kwargs):
        seen.update((Path(src), Path(dst)))
        return real_replace(src, dst, *args, **kwargs)
    monkeypatch.setattr(os, "replace", observed_replace)

    rows = [{"focus_area": "Elinvoimainen ja vastuullinen kaupunki", "goal": f"Tavoite {i % 3}",
             "action": f"Toimenpide {i}", "department": d} for i, d in enumerate(DEPARTMENTS * 2)]
    make_project(root, strategy_from_rows(rows))
    new_round(root, round_id)
    generated = generate_round(root, round_id=round_id)
    generate_round(root, round_id=round_id)          # again: the staging folder now publishes file by file
    returns = root / RETURNS_DIR / round_id
    assert returns == generated.returns_dir and returns.is_dir()    # generate made it
    first, *rest = [path for path, _count in generated.files]
    shutil.copyfile(first, returns / first.name)
    sync_folder(root, returns, round_id)
    for path in rest:
        shutil.copyfile(path, returns / path.name)
    sync_folder(root, returns, round_id)             # new returns: the first master is kept as the backup
    for fmt in FORMATS:
        write_report(root, round_id, fmt)
    seen.update(root.rglob("*"))
    seen.update(root / f"seuranta.db{suffix}" for suffix in ("-journal", "-wal", "-shm"))   # SQLite's own
    return {p for p in seen if p.is_relative_to(root)}


def on_windows(path: Path, root: Path) -> PureWindowsPath:
    return WINDOWS_PROJECT.joinpath(*PurePosixPath(path.relative_to(root)).parts)


@pytest.mark.parametrize("round_id", ROUND_IDS)
def test_every_written_path_fits_windows_and_excel(tmp_path, monkeypatch, round_id):
    assert len(str(WINDOWS_PROJECT)) == PROJECT_FOLDER_BUDGET and RETURNS_DIR == RETURNS_FOLDER
    root = tmp_path / "Seuranta 2025"
    paths = {p: on_windows(p, root) for p in run_round(root, round_id, monkeypatch)}
    worst = max(paths.values(), key=lambda w: len(str(w)))
    print(f"\n{round_id}: {len(paths)} paths, longest {len(str(worst))} characters: {worst}")
    assert len(str(worst)) <= WINDOWS_MAX_PATH, worst
    opened = [w for p, w in paths.items() if p.suffix == ".xlsx" and not any(part.startswith(".") for part in
                                                                           p.relative_to(root).parts)]
    assert len(opened) >= 2 * len(DEPARTMENTS) + 3                    # forms, returns, master, backup, report
    longest = max(opened, key=lambda w: len(str(w)))
    print(f"longest workbook a person opens: {len(str(longest))} characters")
    assert len(str(longest)) <= EXCEL_MAX_PATH, longest
    assert any(".tmp" in str(w) for w in paths.values())              # the temp paths were seen and counted


def test_names_that_differ_only_in_case_get_their_own_workbooks(tmp_path):
    """On a case-insensitive file system (Windows, macOS) `X.xlsx` and `x.xlsx` are one file: the names
    must differ in more than case, and each workbook must still be its department's."""
    import openpyxl

    departments = ["Sivistys", "SIVISTYS", "sivistys"]
    names = workbook_file_names("2025-kevat", departments)
    assert len({n.casefold() for n in names.values()}) == 3
    rows = [{"focus_area": "P", "goal": "G", "action": f"Toimenpide {d}", "department": d} for d in departments]
    root = tmp_path / "p"
    make_project(root, strategy_from_rows(rows))
    new_round(root, "2025-kevat")
    result = generate_round(root, round_id="2025-kevat")
    files = [p for p, _ in result.files]
    assert len({p.name.casefold() for p in files}) == 3 and all(p.exists() for p in files)
    for dept, path in zip(sorted(departments, key=str.casefold), files, strict=True):
        meta = {r[0].value: r[1].value for r in openpyxl.load_workbook(path)[META_SHEET].iter_rows(max_row=19)}
        assert meta["department"] == dept and path.name == names[dept]


@pytest.mark.parametrize("bad", ["CON", "nul", "Com1", "lpt9.2025", "2025-syys."])
def test_a_round_id_that_cannot_name_a_windows_folder_is_refused(tmp_path, bad):
    from click.testing import CliRunner

    from seuranta_xl.cli import main

    root = tmp_path / "p"
    make_project(root, strategy_from_rows([{"focus_area": "P", "goal": "G", "action": "T", "department": "D"}]))
    res = CliRunner().invoke(main, ["round", "new", bad, "--project", str(root)], env={"SEURANTA_LANG": "en"})
    assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1, res.output
    assert "Windowsin kansion nimeksi" in res.stderr and "Traceback" not in res.output   # the project's language


def test_a_round_id_differing_only_in_case_is_refused(tmp_path):
    from seuranta_xl.core.errors import UserError
    from seuranta_xl.strategy.importer import init_project
    from tests.builders import keuruu_source

    root = tmp_path / "p"
    make_project(root, strategy_from_rows([{"focus_area": "P", "goal": "G", "action": "T", "department": "D"}]))
    new_round(root, "2025-kevat")
    with pytest.raises(UserError, match="only in case") as info:
        new_round(root, "2025-Kevat")
    assert "same folder" in info.value.one_line("en")
    with pytest.raises(UserError, match="only in case"):   # nor as a past round imported from a table
        init_project(root, keuruu_source(), force=True, results_round="2025-KEVAT")
