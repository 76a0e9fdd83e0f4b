"""Making real returned workbooks for tests: generate a round, then fill or damage the files with
openpyxl the way a department (or an accident) would."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl

from tests.builders import keuruu_rows, keuruu_strategy, make_project
from seuranta_xl.demo import set_saved_time  # noqa: F401  (re-exported for the tests)
from seuranta_xl.core.identity import META_SHEET
from seuranta_xl.store.rounds import new_round
from seuranta_xl.workbook.generate import generate_round

ROUND = "2023-syys"


def set_ready(ws, meta: dict, mark: str | None, approver: str | None) -> None:
    """Set the ready block of an openpyxl data sheet as a department would (its cells from the meta)."""
    cells = json.loads(meta["ready"])
    ws[cells["mark"]] = mark
    ws[cells["approver"]] = approver


def paste_identity_of(source: Path):
    """An edit for Kit.fill: the identity sheet of the workbook at ``source`` pasted over the return's own
    (a department copying another's identity)."""
    other = openpyxl.load_workbook(source)[META_SHEET]

    def edit(wb, ws, meta, cols):
        mine = wb[META_SHEET]
        for row in mine.iter_rows():
            for cell in row:
                cell.value = None
        for row in other.iter_rows():
            for cell in row:
                mine.cell(cell.row, cell.column).value = cell.value
    return edit


class Kit:
    """A Keuruu project with one open round and its generated workbooks."""

    def __init__(self, root: Path, **config):
        self.root = root
        self.project = make_project(root / "projekti", keuruu_strategy(), **config)
        self.proj = self.project.root
        new_round(self.proj, ROUND, title="Syksy 2023")
        self.generated = {p.name: p for p, _ in generate_round(self.proj, round_id=ROUND, out_dir=None).files}
        self.returns = root / "palautukset"
        self.returns.mkdir()
        self.seed = {r["action"]: r for r in keuruu_rows()}

    def source(self, department_prefix: str) -> Path:
        for name, path in self.generated.items():
            if department_prefix in name:
                return path
        raise KeyError(department_prefix)

    def workbook(self, department_prefix: str):
        """(openpyxl workbook, data sheet, meta dict, column letters) of a fresh copy."""
        wb = openpyxl.load_workbook(self.source(department_prefix))
        meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_row=19) if r[0].value}
        cols = json.loads(meta["columns"])
        return wb, wb[meta["data_sheet"]], meta, cols

    def data_rows(self, ws, meta, cols) -> list[int]:
        first = int(meta["first_data_row"])
        return [r for r in range(first, ws.max_row + 1) if ws[f"{cols['id']}{r}"].value]

    def fill(self, department_prefix: str, name: str | None = None, *, seed_values: bool = True,
             edit=None, saved: dt.datetime | None = None, ready: str | None = "default",
             approver: str | None = "Testi Hyväksyjä") -> Path:
        """Fill a department's workbook with the seed's grades and comments, apply ``edit``, save.

        ``ready``: the text put in the ready mark ("Kyllä", "Ei", None: left empty); by default "Kyllä"
        with the seed's values (a finished return), empty without them (a draft)."""
        wb, ws, meta, cols = self.workbook(department_prefix)
        if seed_values:
            for r in self.data_rows(ws, meta, cols):
                seed = self.seed[ws[f"{cols['action']}{r}"].value]
                ws[f"{cols['grade']}{r}"] = int(seed["grade"])
                ws[f"{cols['comment']}{r}"] = seed["comment"] or None
        if ready == "default":
            ready = "Kyllä" if seed_values else None
        set_ready(ws, meta, ready, approver if ready else None)
        if edit:
            edit(wb, ws, meta, cols)
        if saved:
            wb.properties.modified = saved
        dst = self.returns / (name or self.source(department_prefix).name)
        wb.save(dst)
        return dst

    def copy_generated(self, department_prefix: str, name: str | None = None) -> Path:
        src = self.source(department_prefix)
        dst = self.returns / (name or src.name)
        shutil.copyfile(src, dst)
        return dst
