"""Flat tables, one action per row: the Keuruu and 2024 presets and any table a mapping describes (pure).

- ``keuruu``: Painopiste · Strateginen tavoite · Toimenpide · Toimiala · grade · comment; header
  blocks repeat every few rows with drifting wording and are skipped wherever they appear.
- ``taulukko-2024``: Strategiakärjet · Toiminnallinen tavoite · Teko · Mittarin tavoitetaso ·
  Toteutuma · Kommentointi; a blank cell means "same as above"; no department column.
- ``mapping``: any flat table described by a column mapping (:class:`Mapping`).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from seuranta_xl.core.findings import Finding
from seuranta_xl.strategy.layouts.detect import SIGNATURE_TITLES, SIGNATURES
from seuranta_xl.strategy.layouts.grid import (Grid, cell_text, column_title, columns, find_header, norm,
                                               optional_text, ref)
from seuranta_xl.strategy.layouts.records import ROLES, LayoutError, Mapping, Parsed, Record, layout_finding
from seuranta_xl.strategy.layouts.texts import clean_paragraphs, sdg_numbers

_HEADER_WORDS = re.compile(
    r"^(toimenpiteet|vastuutaho|toimiala|painopiste|strateginen tavoite|toimenpide|syys|kevät|kesä|"
    r"seurantavuosi( \d{4})?|osavuosi\w*( [ivx]+)?|kommentti|arvio)$")


def header_row(grid: Grid, layout: str) -> int:
    """The preset's header row, or a LayoutError naming its titles."""
    header = find_header(grid, SIGNATURES[layout])
    if header is None:
        raise LayoutError("layout-header-missing", file=grid.file, titles=SIGNATURE_TITLES[layout])
    return header


def _header_like(normalised: list[str], titles: set[str]) -> bool:
    """A repeated header row: at least two of its (normalised) cells are column titles or header words."""
    hits = sum(1 for c in normalised if c and (c in titles or _HEADER_WORDS.match(c)))
    return hits >= 2


class _Structure:
    """The focus area, goal and department of a row: a blank cell repeats the one above (said with a
    finding unless the role is filled down), a cell blank from the start becomes "–"."""

    def __init__(self, grid: Grid, header: int, cols: dict[str, int], fill_down: Sequence[str]):
        self.grid, self.header, self.cols, self.fill_down = grid, header, cols, fill_down
        self.last: dict[str, str] = {}

    def values(self, r: int, findings: list[Finding]) -> dict[str, str]:
        out: dict[str, str] = {}
        for role in ("focus_area", "goal", "department"):
            if role not in self.cols:
                continue
            c = self.cols[role]
            v = self.grid.text(r, c)
            if not v and self.last.get(role):
                if role not in self.fill_down:
                    findings.append(self._empty(r, c))
                v = self.last[role]
            if not v:
                findings.append(self._empty(r, c))
                v = "–"
            out[role] = self.last[role] = v
        return out

    def _empty(self, r: int, c: int) -> Finding:
        return layout_finding("empty-cell", self.grid, r, c, column=column_title(self.grid, self.header, c))


def _record(grid: Grid, r: int, cols: dict[str, int], text: str, values: dict[str, str], dept: str) -> Record:
    def opt(role: str) -> str | None:
        return grid.text(r, cols.get(role)) or None

    raw_grade = grid.value(r, cols.get("grade")) if "grade" in cols else None
    return Record(
        focus_area=values.get("focus_area", "–"), goal=values.get("goal", "–"), text=text, department=dept,
        sheet_row=r + 1, cells={role: ref(r, c) for role, c in cols.items()},
        code=opt("id") if "id" in cols else None, indicator=opt("indicator"), target=opt("target"),
        responsible=opt("responsible"), schedule=opt("schedule"), sdg=sdg_numbers(grid.text(r, cols.get("sdg"))),
        grade=raw_grade if cell_text(raw_grade) else None,
        comment=optional_text(grid.value(r, cols.get("comment")) if "comment" in cols else None))


def parse_flat(grid: Grid, layout: str, header: int, cols: dict[str, int], *, fill_down: Sequence[str] = (),
               default_department: str = "") -> Parsed:
    """Rows below ``header``: one action per row with an action text; header-like rows are skipped."""
    findings: list[Finding] = []
    titles = {norm(t) for t in grid.row_texts(header) if t}
    structure = _Structure(grid, header, cols, fill_down)
    records: list[Record] = []
    for r in range(header + 1, len(grid.rows)):
        cells = grid.row_texts(r)
        if not any(cells) or _header_like(grid.normalised_texts(r), titles):
            continue
        text = clean_paragraphs(grid.text(r, cols.get("action")))
        if not text:
            if sum(1 for c in cells if c) >= 2:   # a row with content but no action: say so
                findings.append(layout_finding("empty-cell", grid, r, cols.get("action"),
                                               column=column_title(grid, header, cols.get("action"))))
            continue                                # a lone note, title or legend row
        values = structure.values(r, findings)
        records.append(_record(grid, r, cols, text, values, values.get("department") or default_department))
    return Parsed(layout, records, findings, grid.file, grid.sheet)


def parse_keuruu(grid: Grid, default_department: str = "") -> Parsed:
    header = header_row(grid, "keuruu")
    cols = columns(grid, header, {"focus_area": ["painopiste"], "goal": ["strateginen tavoite", "tavoite"],
                                  "action": ["toimenpide"], "department": ["toimiala", "vastuutaho"]})
    if "department" in cols:   # the two columns after Toimiala hold the grade and the comment
        cols["grade"], cols["comment"] = cols["department"] + 1, cols["department"] + 2
    return parse_flat(grid, "keuruu", header, cols, default_department=default_department)


def parse_2024(grid: Grid, default_department: str) -> Parsed:
    header = header_row(grid, "taulukko-2024")
    cols = columns(grid, header, {"focus_area": ["strategiakär"], "goal": ["toiminnallinen tavoite"],
                                  "action": ["teko"], "target": ["mittari"], "grade": ["toteutuma"],
                                  "comment": ["kommentointi", "kommentti"]})
    parsed = parse_flat(grid, "taulukko-2024", header, cols, fill_down=("focus_area", "goal"),
                        default_department=default_department)
    if parsed.records:
        parsed.findings.insert(0, layout_finding("department-missing", grid, header, None,
                                                 department=default_department))
    return parsed


def _mapping_header(grid: Grid, mapping: Mapping, titles: dict[str, str]) -> int:
    """The 0-based header row: as the mapping says, else the row holding the most of the mapped
    titles (the first such row)."""
    if mapping.header_row:
        return mapping.header_row - 1
    scores = [(len(set(titles.values()) & {norm(t) for t in grid.row_texts(r)}), -r)
              for r in range(min(len(grid.rows), 60))]
    best, neg_r = max(scores, default=(0, 0))
    if best == 0:
        raise LayoutError("mapping-no-titles", file=grid.file, titles=", ".join(mapping.columns.values()))
    return -neg_r


def parse_mapping(grid: Grid, mapping: Mapping, default_department: str = "") -> Parsed:
    unknown = sorted(set(mapping.columns) - set(ROLES))
    if unknown:
        raise LayoutError("mapping-unknown-role", file=grid.file, role=unknown[0], allowed=", ".join(ROLES))
    if "action" not in mapping.columns:
        raise LayoutError("mapping-no-action", file=grid.file)
    titles = {role: norm(title) for role, title in mapping.columns.items()}
    header = _mapping_header(grid, mapping, titles)
    cells = [norm(t) for t in grid.row_texts(header)] if header < len(grid.rows) else []
    cols: dict[str, int] = {}
    for role, title in titles.items():
        if title not in cells:
            raise LayoutError("mapping-column-missing", file=grid.file, title=mapping.columns[role], role=role,
                              row=header + 1)
        cols[role] = cells.index(title)
    dept = mapping.default_department or default_department
    parsed = parse_flat(grid, "mapping", header, cols, fill_down=mapping.fill_down, default_department=dept)
    if "department" not in cols and parsed.records:
        parsed.findings.insert(0, layout_finding("department-missing", grid, header, None, department=dept))
    return parsed
