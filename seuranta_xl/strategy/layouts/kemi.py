"""The Kemi preset: one block per "Strateginen päämäärä: X, sektori" heading (pure).

Focus area X, department = the sector; Tavoite · Toimenpiteet · Vastuu ja aikataulu · Mittarit,
arviointi · Toteuma · SDG. A block without a row-wise table is reported, not guessed.
"""
from __future__ import annotations

import re

from seuranta_xl.core.findings import Finding
from seuranta_xl.strategy.layouts.detect import SIGNATURE_TITLES, SIGNATURES
from seuranta_xl.strategy.layouts.grid import Grid, cell_text, column_title, columns, find_header, norm, ref
from seuranta_xl.strategy.layouts.records import LayoutError, Parsed, Record, layout_finding
from seuranta_xl.strategy.layouts.texts import clean_paragraphs, is_sdg_list, paragraphs, sdg_numbers

_HEADING = re.compile(r"^#*\s*strateginen päämäärä\s*:\s*(.+)$", re.I)
_SECTOR_END = re.compile(r"\s+(?:KV|KH|LTK|§|\d).*$")
_SCHEDULE = re.compile(
    r"(?:\s*/\s*)?(?:v\.\s*)?\d{4}(?:\s*[-–]\s*(?:\d{4})?)?(?:\s+(?:alkaen|loppuun mennessä))?"
    r"|vuoden \d{4} loppuun mennessä|jatkuva\w*(?:\s+toimintaa)?\.?|vuosittain(?:\s+[\wäö]+-?/?[\wäö]*kuussa)?"
    r"|vuositainen prosessi|puolivuosittain", re.I)


def split_responsible(text: str) -> tuple[str | None, str | None]:
    """"Varhaiskasvatuspäällikkö 2022" -> ("Varhaiskasvatuspäällikkö", "2022"); paragraphs kept."""
    resp_parts, sched_parts = [], []
    for para in paragraphs(text):
        found = [m.group(0).strip(" /") for m in _SCHEDULE.finditer(para)]
        rest = _SCHEDULE.sub(" ", para)
        rest = re.sub(r"\s*/\s*(?=$|\s*/)", "", rest)
        rest = re.sub(r"\s+", " ", rest).strip(" /,;")
        if rest:
            resp_parts.append(rest)
        sched_parts.extend(f for f in found if f not in sched_parts)
    return ("\n\n".join(resp_parts) or None, "; ".join(sched_parts) or None)


class _Block:
    """Where the reader is: the current heading's focus area and sector, the table's columns."""

    def __init__(self, grid: Grid, default_department: str):
        self.grid, self.default_department = grid, default_department
        self.focus, self.dept = "", default_department
        self.cols: dict[str, int] | None = None
        self.header = -1
        self.last_goal = ""
        self.heading: tuple[int, str] | None = None
        self.findings: list[Finding] = []

    def start(self, r: int, first: str, name_and_sector: str) -> None:
        self.close()
        self.heading = (r, first)
        name, _, sector = name_and_sector.partition(",")
        self.focus = name.strip()
        self.dept = _SECTOR_END.sub("", sector).strip() or self.default_department
        self.cols, self.last_goal = None, ""

    def close(self) -> None:
        """A heading whose block had no row-wise table: say so."""
        if self.heading is not None and self.cols is None:
            self.findings.append(layout_finding("unreadable-block", self.grid, self.heading[0], 0,
                                                heading=self.heading[1]))

    def take_header(self, r: int) -> None:
        grid = self.grid
        cols = columns(grid, r, {"goal": ["tavoite"], "action": ["toimenpi"], "responsible": ["vastuu"],
                                 "indicator": ["mittari"], "result": ["toteuma"], "sdg": ["sdg"]})
        if "result" in cols and "sdg" not in cols and "sdg" in norm(grid.text(r, cols["result"])):
            cols["result_sdg"] = cols.pop("result")
        self.cols, self.header = cols, r

    def empty(self, r: int, role: str) -> None:
        c = self.cols.get(role)
        self.findings.append(layout_finding("empty-cell", self.grid, r, c,
                                            column=column_title(self.grid, self.header, c), department=self.dept))

    def result_and_sdg(self, r: int) -> tuple[str | None, list[int]]:
        """The Toteuma text (the past round's toteuma input) and the SDG numbers; one column may hold
        either, told by whether it reads as a list of goals."""
        grid, cols = self.grid, self.cols
        result = grid.value(r, cols["result"]) if "result" in cols else None
        sdg_text = grid.text(r, cols.get("sdg"))
        if "result_sdg" in cols:
            combined = grid.text(r, cols["result_sdg"])
            if is_sdg_list(combined):
                sdg_text = combined
            else:
                result = grid.value(r, cols["result_sdg"])
        result_text = clean_paragraphs(cell_text(result)) if cell_text(result) else None
        return result_text, sdg_numbers(sdg_text)

    def record(self, r: int) -> Record | None:
        grid, cols = self.grid, self.cols
        text = clean_paragraphs(grid.text(r, cols.get("action")))
        goal = clean_paragraphs(grid.text(r, cols.get("goal")))
        if not text:
            self.empty(r, "action")
            return None
        if not goal:
            self.empty(r, "goal")
            goal = self.last_goal or "–"
        self.last_goal = goal
        raw_resp = grid.text(r, cols.get("responsible"))
        responsible, schedule = split_responsible(raw_resp)
        if not raw_resp:
            self.empty(r, "responsible")
        toteuma, sdg = self.result_and_sdg(r)
        count = len(paragraphs(grid.text(r, cols.get("action"))))
        if count > 1:
            self.findings.append(layout_finding("multiple-items-in-cell", grid, r, cols.get("action"), count=count,
                                                department=self.dept))
        return Record(
            focus_area=self.focus, goal=goal, text=text, department=self.dept, sheet_row=r + 1,
            cells={role: ref(r, c) for role, c in cols.items()}
            | {"department": ref(r, cols.get("responsible")),
               "toteuma": ref(r, cols.get("result", cols.get("result_sdg")))},
            indicator=clean_paragraphs(grid.text(r, cols.get("indicator"))) or None,
            responsible=responsible, schedule=schedule, sdg=sdg,
            values={"toteuma": toteuma} if toteuma else {})


def parse_kemi(grid: Grid, default_department: str = "") -> Parsed:
    block = _Block(grid, default_department)
    records: list[Record] = []
    for r in range(len(grid.rows)):
        first = next((c for c in grid.row_texts(r) if c), "")
        m = _HEADING.match(first)
        if m:
            block.start(r, first, m.group(1))
        elif not first:
            continue
        elif find_header(Grid([grid.rows[r]]), SIGNATURES["kemi"]) == 0:
            block.take_header(r)
        elif block.cols is not None and block.focus:
            rec = block.record(r)
            if rec is not None:
                records.append(rec)
    block.close()
    if not records:
        raise LayoutError("layout-header-missing", file=grid.file, titles=SIGNATURE_TITLES["kemi"])
    return Parsed("kemi", records, block.findings, grid.file, grid.sheet)
