"""What a layout parser makes of a grid: records (one action each), the parse, a column mapping (pure)."""
from __future__ import annotations

from dataclasses import dataclass, field

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding
from seuranta_xl.strategy.layouts.grid import Grid, ref

ROLES = ("focus_area", "goal", "action", "department", "indicator", "target", "responsible", "schedule",
         "sdg", "grade", "comment", "id")


@dataclass
class Record:
    """One action as found in the table, before ids and aliases."""

    focus_area: str
    goal: str
    text: str
    department: str
    sheet_row: int                   # 1-based, as Finding.row
    cells: dict[str, str] = field(default_factory=dict)   # role -> "B12"
    code: str | None = None
    focus_code: str | None = None
    goal_code: str | None = None
    indicator: str | None = None
    target: str | None = None
    responsible: str | None = None
    schedule: str | None = None
    sdg: list[int] = field(default_factory=list)
    grade: object = None             # as the cell held it
    comment: str | None = None
    # The past round's further inputs (core/inputs.py), by the key of the layout's input preset
    # (Tuusula: risks; Kemi: toteuma); the cells are in ``cells`` under the same keys.
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class Parsed:
    layout: str
    records: list[Record]
    findings: list[Finding]
    file: str = ""
    sheet: str | None = None
    scale_definition: dict[str, tuple[int, str]] = field(default_factory=dict)   # value -> (row, label)
    # What the table says of a focus area or goal as a whole (Tuusula's parent rows): (level "focus_area" or
    # "goal", its source code, the cell's value, its cell, 1-based row)
    group_statuses: list[tuple[str, str, object, str | None, int]] = field(default_factory=list)


@dataclass
class Mapping:
    """A column mapping for a flat table (the keys of a mapping TOML file; see docs/mapping.md).

    ``columns`` maps a role (focus_area, goal, action, department, indicator, target, responsible,
    schedule, sdg, grade, comment, id) to the column's title in the header row.
    """

    columns: dict[str, str]
    sheet: str | None = None
    header_row: int | None = None            # 1-based; found by the titles when omitted
    fill_down: list[str] = field(default_factory=list)
    default_department: str | None = None
    scale: str | None = None


class LayoutError(UserError):
    """The table does not fit the layout (a named column is missing, no header row): a catalogue
    error (core/error_catalogue.py) naming the file, which the shell shows as it is."""


def layout_finding(code: str, grid: Grid, r: int | None, c: int | None = None, /, **params) -> Finding:
    """A finding at 0-based row ``r`` and column ``c`` of the grid."""
    return Finding(code=code, file=grid.file or None, sheet=grid.sheet, cell=ref(r, c) if r is not None else None,
                   row=r + 1 if r is not None else None, department=params.get("department"), params=params)
