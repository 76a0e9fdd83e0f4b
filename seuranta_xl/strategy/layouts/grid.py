"""One sheet as plain values, and the small reads every layout makes of it (pure)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from seuranta_xl.core import textmatch
from seuranta_xl.core.cells import col_letter


@dataclass
class Grid:
    """One sheet as plain values: ``rows[r][c]`` is sheet row r+1, column c+1. Vertically merged
    cells carry the merged value in every row of their first column; other merged cells are empty."""

    rows: list[list[object]]
    file: str = ""
    sheet: str | None = None
    _normalised: dict[int, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def value(self, r: int, c: int | None) -> object:
        if c is None or r >= len(self.rows) or c >= len(self.rows[r]):
            return None
        return self.rows[r][c]

    def text(self, r: int, c: int | None) -> str:
        return cell_text(self.value(r, c))

    def row_texts(self, r: int) -> list[str]:
        return [cell_text(v) for v in self.rows[r]]

    def normalised_texts(self, r: int) -> list[str]:
        """Row r's cell texts normalised (case-folded, spaces collapsed), computed once per row: every
        preset's header search reads the same rows."""
        if r not in self._normalised:
            self._normalised[r] = [norm(t) for t in self.row_texts(r)]
        return self._normalised[r]


def cell_text(value: object) -> str:
    """A cell as stripped text: 5.0 -> "5", None -> ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def optional_text(value: object) -> str | None:
    """A cell's text as written (not stripped), None for an empty or blank cell."""
    return None if value is None or str(value).strip() == "" else str(value)


def ref(r: int, c: int | None) -> str | None:
    """0-based row and column -> "B12"."""
    return None if c is None else f"{col_letter(c)}{r + 1}"


def norm(text: str) -> str:
    return textmatch.normalise(text)


def column_title(grid: Grid, header: int, c: int | None) -> str:
    """A column as the table names it: its header cell, or its letter when the header cell is blank
    (data from the table, never a word of ours)."""
    if c is None:
        return ""
    return grid.text(header, c) or col_letter(c)


def find_header(grid: Grid, titles: Sequence[str], limit: int | None = None) -> int | None:
    """The first row whose cells start with every one of ``titles`` (case-insensitive)."""
    for r in range(min(len(grid.rows), limit or len(grid.rows))):
        cells = grid.normalised_texts(r)
        if all(any(c.startswith(t) for c in cells) for t in titles):
            return r
    return None


def columns(grid: Grid, r: int, wanted: dict[str, Sequence[str]]) -> dict[str, int]:
    """role -> column index for a header row: the first cell starting with one of the role's prefixes."""
    cells = grid.normalised_texts(r)
    out: dict[str, int] = {}
    for role, prefixes in wanted.items():
        for c, text in enumerate(cells):
            if text and any(text.startswith(p) for p in prefixes) and c not in out.values():
                out[role] = c
                break
    return out
