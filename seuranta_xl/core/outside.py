"""Content a person put outside the input cells (pure: no I/O; a step of validate.py).

Nothing typed is ignored silently: text in the data sheet outside the known columns (in the header
row and the department's rows; one finding per block of consecutive cells in a column), a sheet that
was added and holds anything, a note (comment) on any cell, a hyperlink, the text of a shape or a
text box. Each is reported where it stands as content-outside-inputs (a warning: the values of the
input cells are merged as they are). Rows that are not the department's are row-added (rows.py).
"""
from __future__ import annotations

from typing import Any

from seuranta_xl.core.cells import col_letter
from seuranta_xl.core.identity import LISTS_SHEET, META_SHEET, TITLES
from seuranta_xl.core.returnctx import Ctx, cell_at, cell_text, what
from seuranta_xl.core.returned import SheetFacts

_OURS = {META_SHEET, LISTS_SHEET} | {t["instructions"] for t in TITLES.values()}


def check_outside(ctx: Ctx, facts: SheetFacts, header: int, cols: dict[str, int]) -> None:
    _cells_outside(ctx, facts, header, cols)
    for sheet in ctx.wb.sheets:
        if sheet.name not in _OURS and sheet.name != facts.name:
            _added_sheet(ctx, sheet.name)
        for ref, text in sorted(sheet.notes.items()):
            ctx.add("content-outside-inputs", sheet=sheet.name, cell=ref, text=text, **what("note"))
        for ref, target in sorted(sheet.hyperlinks.items()):
            ctx.add("content-outside-inputs", sheet=sheet.name, cell=ref, text=_shown(ctx, sheet.name, ref),
                    **what("link", target=target or "?"))
        if sheet.drawing_texts:
            ctx.add("content-outside-inputs", sheet=sheet.name, text=" | ".join(sheet.drawing_texts),
                    **what("drawing"))


def _shown(ctx: Ctx, sheet: str, ref: str) -> str:
    return cell_at(ctx.wb, sheet, ref) or ""


def _cells_outside(ctx: Ctx, facts: SheetFacts, header: int, cols: dict[str, int]) -> None:
    """Text in the header row or the department's rows, in a column the workbook did not have."""
    grid = ctx.wb.values.get(facts.name, [])
    known = set(cols.values())
    ours = {r.id for r in ctx.exp.rows_by_department.get(ctx.department or "", [])}
    id_col = cols.get("id", 0)
    by_col: dict[int, list[tuple[int, str]]] = {}
    for r in range(max(header, 0), len(grid)):
        row = grid[r]
        if r != header and (cell_text(row[id_col]) if id_col < len(row) else None) not in ours:
            continue
        for c, value in enumerate(row):
            if c in known:
                continue
            text = cell_text(value)
            if text and text.strip():
                by_col.setdefault(c, []).append((r, text))
    for c in sorted(by_col):
        for block in _blocks(by_col[c]):
            first, last = block[0][0], block[-1][0]
            cell = f"{col_letter(c)}{first + 1}" + (f":{col_letter(c)}{last + 1}" if last > first else "")
            ctx.add("content-outside-inputs", cell=cell, row=first + 1, text=block[0][1],
                    **what("cells", count=len(block)))


def _blocks(items: list[tuple[int, Any]]) -> list[list[tuple[int, Any]]]:
    """Consecutive rows together: [(row, x)] → [[(row, x), (row + 1, y)], …]."""
    out: list[list[tuple[int, Any]]] = []
    for item in items:
        if out and item[0] == out[-1][-1][0] + 1:
            out[-1].append(item)
        else:
            out.append([item])
    return out


def _added_sheet(ctx: Ctx, name: str) -> None:
    cells = [(r, c, t) for r, row in enumerate(ctx.wb.values.get(name, []))
             for c, v in enumerate(row) if (t := cell_text(v)) and t.strip()]
    if not cells:
        return
    r, c, text = cells[0]
    ctx.add("content-outside-inputs", sheet=name, cell=f"{col_letter(c)}{r + 1}", text=text,
            **what("sheet", name=name, count=len(cells)))
