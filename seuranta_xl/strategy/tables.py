"""Strategy tables in from files (shell): .xlsx (python-calamine, merged cells resolved) and .csv into a
:class:`~seuranta_xl.strategy.layouts.Grid`, and column mapping files (TOML) into a
:class:`~seuranta_xl.strategy.layouts.Mapping`. What the grid means is ``layouts``' job.

Mapping file keys (TOML, all under ``[mapping]`` or at the top level; see docs/mapping.md)::

    sheet = "Taulukko1"            # optional: the sheet to read (default: the first sheet with data)
    header_row = 3                 # optional: 1-based header row (default: found by the titles)
    fill_down = ["focus_area", "goal"]   # roles where a blank cell means "same as above"
    default_department = "Sivistys"      # for tables without a department column
    scale = "1-5"                  # optional: the scale of the grade column
    [mapping.columns]              # role = "column title as in the header row"
    focus_area = "Painopiste"
    goal = "Tavoite"
    action = "Toimenpide"          # required
    department = "Vastuutaho"
    indicator = "Mittari"          # also: target, responsible, schedule, sdg, grade, comment, id
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
from pathlib import Path
from typing import Any

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.filekind import ENCRYPTED, LEGACY_XLS, ZIP, file_kind
from seuranta_xl.strategy.layouts import Grid, Mapping, cell_text

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
MAPPING_KEYS = {"columns", "sheet", "header_row", "fill_down", "default_department", "scale"}


def read_table_bytes(path: Path) -> bytes:
    """The bytes of a strategy table, or a UserError for a missing, folder or oversized path."""
    if not path.exists():
        raise UserError("file-not-found", path=str(path))
    if path.is_dir():
        raise UserError("path-is-folder", path=str(path))
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise UserError("file-too-large", name=path.name, mb=len(data) // 1_000_000)
    return data


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """The first sheet with data (or ``sheet``) of an .xlsx or .csv file as a Grid; UserError if unreadable."""
    data = read_table_bytes(path)
    kind = file_kind(data)
    if path.suffix.lower() in TEXT_SUFFIXES:
        grid = _read_csv(data, path)
    elif kind == ENCRYPTED:
        raise UserError("file-encrypted", name=path.name)
    elif kind == LEGACY_XLS:
        raise UserError("file-legacy-xls", name=path.name)
    elif kind != ZIP:
        raise UserError("table-not-spreadsheet", name=path.name)
    else:
        grid = _read_xlsx(data, path, sheet)
    if not any(any(cell_text(v) for v in row) for row in grid.rows):
        raise UserError("table-empty", where=path.name + (f" › {grid.sheet}" if grid.sheet else ""))
    return grid


def _read_xlsx(data: bytes, path: Path, sheet: str | None) -> Grid:
    """The sheet's values by calamine (one read of each sheet looked at; no object per cell), its vertical
    merges (from the sheet's own list of merged ranges) carried into every row they cover."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [m.name for m in wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if sheet is not None and sheet not in names:
            raise UserError("sheet-missing", sheet=sheet, name=path.name, sheets=", ".join(names))
        for name in [sheet] if sheet is not None else names:
            ws = wb.get_sheet_by_name(name)
            values = ws.to_python(skip_empty_area=False)
            if sheet is not None or any(v != "" for row in values for v in row):
                break
        else:   # no sheet with data: the first one (read_grid says the table is empty)
            ws = wb.get_sheet_by_name(names[0])
            values = ws.to_python(skip_empty_area=False)
        merged = ws.merged_cell_ranges or []
    except UserError:
        raise
    except Exception as exc:   # noqa: BLE001 — calamine's zip, XML and format errors: a damaged file
        raise UserError("file-damaged", name=path.name, detail=type(exc).__name__) from None
    return Grid(_with_merges([[_value(v) for v in row] for row in values], merged), path.name, ws.name)


def _value(v: object) -> object:
    """A calamine value as the layouts read it: an empty cell None, a date a datetime (as Excel holds it)."""
    if v == "":
        return None
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return dt.datetime(v.year, v.month, v.day)
    return v


def _with_merges(rows: list[list[object]], merged: list) -> list[list[object]]:
    """A vertical merge means "this value in every row": its top value copied down its first column."""
    width = max((len(r) for r in rows), default=0)
    for (r0, c0), (r1, c1) in merged:
        width = max(width, c1 + 1)
        while len(rows) <= r1:
            rows.append([])
        top = rows[r0][c0] if c0 < len(rows[r0]) else None
        for r in range(r0 + 1, r1 + 1):
            rows[r].extend([None] * (c0 + 1 - len(rows[r])))
            rows[r][c0] = top
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows


def _read_csv(data: bytes, path: Path) -> Grid:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise UserError("csv-not-text", name=path.name)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return Grid(rows, path.name, None)


def load_mapping(path: Path) -> Mapping:
    """A mapping TOML file (keys in this module's docstring) -> Mapping; UserError naming a bad key."""
    if not path.exists():
        raise UserError("mapping-not-found", path=str(path))
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError("toml-invalid", name=path.name, detail=str(exc)) from None
    body: dict[str, Any] = data.get("mapping", data)
    for key in body:
        if key not in MAPPING_KEYS:
            raise UserError("mapping-unknown-key", name=path.name, key=key, allowed=", ".join(sorted(MAPPING_KEYS)))
    columns = body.get("columns")
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise UserError("mapping-columns-invalid", name=path.name)
    header_row = body.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise UserError("mapping-header-row-invalid", name=path.name)
    return Mapping(columns=dict(columns), sheet=body.get("sheet"), header_row=header_row,
                   fill_down=list(body.get("fill_down", [])), default_department=body.get("default_department"),
                   scale=body.get("scale"))
