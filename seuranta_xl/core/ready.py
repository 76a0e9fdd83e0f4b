"""The ready mark of a return: "Valmis" and the approver's name (pure: no I/O; a step of validate.py).

A workbook carries a ready block on its data sheet (workbook/writer.py): a Kyllä / Ei dropdown and
the name of whoever approved the answers, both unlocked input cells. Their places are in the signed
identity (meta key ``ready``: ``{"mark": "E2", "approver": "E3"}``), so a return cannot point the
reader elsewhere. What the mark says:
- Kyllä (Ja, Yes in any of the three languages, any case): ready — the return counts as returned;
  without an approver's name a warning (missing-approver), with inputs still missing an error naming
  them (ready-incomplete);
- Ei or empty: a draft (draft-return) — its values are merged, it does not count as returned;
- anything else, or a formula: reported (invalid-ready-mark) and read as a draft.
A workbook made before the ready step has no block: its return is taken as ready (back-compat).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from seuranta_xl.core.cells import col_index, col_letter, split_ref
from seuranta_xl.core.returnctx import Ctx, cell_at
from seuranta_xl.core.returned import SheetFacts

READY_KEY = "ready"                      # the meta key (identity.META_KEYS)
# The dropdown's words per workbook language (yes, no); a mark in any of them is understood.
READY_WORDS = {"fi": ("Kyllä", "Ei"), "sv": ("Ja", "Nej"), "en": ("Yes", "No")}
APPROVER_MAX = 100                       # the approver cell's length validation
# Findings that say an input is missing in a row: the grade, the comment the rules require, and any
# required input of the round (missing-input, core/rows.py: named by its column's title).
MISSING_INPUT_CODES = {"missing-grade": "grade", "missing-comment": "comment", "carried-comment": "comment",
                       "missing-input": "input"}
_INPUT_WORDS = {"grade": {"fi": "arvio", "sv": "bedömning", "en": "grade"},
                "comment": {"fi": "kommentti", "sv": "kommentar", "en": "comment"}}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class ReadyMark:
    """What a return's ready block says. ``ready`` None: the workbook has no ready block (made before
    the ready step; taken as ready)."""

    ready: bool | None = None
    approver: str | None = None
    mark_cell: str | None = None
    approver_cell: str | None = None

    @property
    def draft(self) -> bool:
        return self.ready is False


def ready_cells(mark: str, approver: str) -> str:
    """The meta value that records the ready block's cells (signed with the identity)."""
    return json.dumps({"mark": mark, "approver": approver}, separators=(",", ":"))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


_YES = {_fold(yes) for yes, _ in READY_WORDS.values()} | {"true"}
_NO = {_fold(no) for _, no in READY_WORDS.values()} | {"false"}


def parse_mark(text: str | None) -> bool | None:
    """True for Kyllä / Ja / Yes, False for Ei / Nej / No or an empty cell, None for anything else."""
    if text is None or not text.strip():
        return False
    folded = _fold(text)
    return True if folded in _YES else False if folded in _NO else None


def _shifted(ref: str, dr: int, dc: int) -> str:
    letters, row = split_ref(ref)
    return f"{col_letter(col_index(letters) + dc)}{row + dr}"


def _cells(ctx: Ctx, header: int, cols: dict[str, int]) -> tuple[str, str] | None:
    """(mark cell, approver cell) on the data sheet as it is: the signed places, moved with the header
    row and the column they stand above (the grade, or a round's first input: whichever column the stored
    map has at the mark's letter) when rows or columns were inserted (columns-moved said so)."""
    try:
        places = json.loads(ctx.wb.meta.get(READY_KEY) or "null")
        mark, approver = str(places["mark"]), str(places["approver"])
        stored_header = int(float(ctx.wb.meta.get("header_row", "0"))) - 1
        stored = {k: col_index(v) for k, v in json.loads(ctx.wb.meta.get("columns", "{}")).items()}
        above = next((k for k, c in stored.items() if c == col_index(split_ref(mark)[0])), None)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    dr = header - stored_header
    dc = cols[above] - stored[above] if above in cols else 0
    return _shifted(mark, dr, dc), _shifted(approver, dr, dc)


def check_ready(ctx: Ctx, facts: SheetFacts, header: int, cols: dict[str, int]) -> ReadyMark:
    """Read the ready block and report what it says (after the rows: the missing inputs are known)."""
    if not ctx.wb.meta.get(READY_KEY):
        return ReadyMark()
    cells = _cells(ctx, header, cols)
    if cells is None:      # a signed value that does not parse: the identity check refused such a file
        return ReadyMark(ready=False)
    mark_cell, approver_cell = cells
    yes, no = READY_WORDS.get(ctx.exp.config.language, READY_WORDS["fi"])
    words = {"yes": yes, "no": no, "mark_cell": mark_cell, "approver_cell": approver_cell}
    formula = facts.formulas.get(mark_cell)
    raw = cell_at(ctx.wb, facts.name, mark_cell)
    ready = None if formula is not None else parse_mark(raw)   # a formula is never a mark, whatever it shows
    if ready is None:
        ctx.add("invalid-ready-mark", cell=mark_cell, value=formula or raw, **words)
        ready = False
    elif not ready:
        ctx.add("draft-return", cell=mark_cell, state_code="mark-no" if raw and raw.strip() else "mark-empty",
                **words)
    approver = _CONTROL.sub(" ", cell_at(ctx.wb, facts.name, approver_cell) or "").strip() or None
    if ready:
        if approver is None:
            ctx.add("missing-approver", cell=approver_cell, **words)
        _incomplete(ctx, mark_cell, words)
    return ReadyMark(ready, approver, mark_cell, approver_cell)


def _incomplete(ctx: Ctx, mark_cell: str, words: dict[str, str]) -> None:
    """ready-incomplete: marked ready while inputs are still missing, naming each (action id, input, cell)."""
    missing = [(f.action_id, MISSING_INPUT_CODES[f.code], f.cell, f.params.get("column")) for f in ctx.findings
               if f.code in MISSING_INPUT_CODES and f.action_id]
    if not missing:
        return

    def word(kind: str, column: str | None, lang: str) -> str:   # a round's own input: its column's title
        return column if kind == "input" and column else _INPUT_WORDS.get(kind, _INPUT_WORDS["comment"])[lang]
    listed = {f"missing_{lang}": ", ".join(f"{aid} {word(kind, column, lang)} {cell or ''}".strip()
                                           for aid, kind, cell, column in missing) for lang in ("fi", "sv", "en")}
    ctx.add("ready-incomplete", cell=mark_cell, count=len(missing), **listed, **words)
