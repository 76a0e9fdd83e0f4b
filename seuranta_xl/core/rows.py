"""The rows of a return's data sheet → the department's entries (pure: no I/O; a step of validate.py).

Rows are matched by their action id, wherever they were sorted to. Per row: the locked texts against
the strategy (the exact cell is named), the grade (scale.parse; words after a grade are kept in the
comment, text-after-grade), the comment (length, control characters, formulas), the comment rule.
An action whose row appears twice with different values is duplicate-row (neither merged); rows that
are not the department's are row-added, one finding per block of consecutive rows (100 000 pasted rows
are one finding with a range and a count).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from seuranta_xl.core.cells import col_letter
from seuranta_xl.core.identity import NON_INPUT_KEYS, TITLES, covered_keys, locked_keys, locked_texts
from seuranta_xl.core.inputcheck import looks_like_percent, read_input
from seuranta_xl.core.inputs import COMMENT, GRADE, InputSpec, input_title
from seuranta_xl.core.model import ActionRow, Entry, Scale, ScaleStep
from seuranta_xl.core.returnctx import Ctx, cell_text, norm
from seuranta_xl.core.returned import SheetFacts

# Characters XML 1.0 cannot hold (Excel stores them escaped as _xHHHH_); removed and reported.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_A_GRADE = (dt.date, dt.datetime, dt.time, dt.timedelta)


@dataclass
class Sheet:
    """The data sheet's grid with its column map: cell values and refs by (0-based row, key)."""

    grid: list[list[Any]]
    cols: dict[str, int]
    facts: SheetFacts
    references: tuple[str, ...] = ()                      # the reference keys the identity covers
    # once per sheet, not per row: key -> its column's letters; the locked columns' keys, in locked_texts' order
    letters: dict[str, str] = field(init=False)
    locked: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.letters = {key: col_letter(c) for key, c in self.cols.items()}
        self.locked = locked_keys(self.references)

    def value(self, r: int, key: str) -> Any:
        c = self.cols.get(key)
        if c is None or r < 0:
            return None
        try:                  # rows and columns are never negative here: an index past the end is empty
            return self.grid[r][c]
        except IndexError:
            return None

    def ref(self, r: int, key: str) -> str:
        return f"{self.letters.get(key, 'A')}{r + 1}"


@dataclass
class Scan:
    seen: dict[str, int] = field(default_factory=dict)          # action id -> its (first) row
    twice: dict[str, list[int]] = field(default_factory=dict)   # action id -> its further rows
    added: list[tuple[int, int, int, str]] = field(default_factory=list)   # (row, first col, last col, text)


def check_rows(ctx: Ctx, expected: list[ActionRow], facts: SheetFacts, header: int,
               cols: dict[str, int]) -> list[Entry] | None:
    """The entries of the department's rows; None when the sheet holds only other departments' rows
    (the identity was copied from another file)."""
    sheet = Sheet(ctx.wb.values.get(facts.name, []), cols, facts, covered_keys(ctx.references, cols))
    if not facts.protected:
        ctx.add("protection-removed", sheet_or_book=facts.name)
    by_id = {r.id: r for r in expected}
    scan = _scan(sheet, header, by_id)
    if not scan.seen and scan.added:
        return None
    _report_added(ctx, scan.added)
    entries: list[Entry] = []
    for row in expected:
        r = scan.seen.get(row.id)
        if r is None:
            ctx.add("row-deleted", action_id=row.id, text=row.action.text)
            continue
        entry = _entry(ctx, sheet, row, r)
        if row.id in scan.twice and _differs(sheet, [r, *scan.twice[row.id]]):
            _duplicate(ctx, sheet, row, [r, *scan.twice[row.id]])
            entry = replace(entry, accepted=False)
        entries.append(entry)
    return entries


def _scan(sheet: Sheet, header: int, by_id: dict[str, ActionRow]) -> Scan:
    scan = Scan()
    for r in range(header + 1, len(sheet.grid)):
        raw_id = cell_text(sheet.value(r, "id"))
        raw_id = raw_id.strip() if raw_id else None
        if raw_id in by_id:
            if raw_id in scan.seen:
                scan.twice.setdefault(raw_id, []).append(r)
            else:
                scan.seen[raw_id] = r
            continue
        texts = [(c, t) for c, t in ((c, cell_text(v)) for c, v in enumerate(sheet.grid[r])) if t and t.strip()]
        if texts:
            text = cell_text(sheet.value(r, "action")) or raw_id or " | ".join(t for _, t in texts)
            scan.added.append((r, texts[0][0], texts[-1][0], text))
    return scan


def _report_added(ctx: Ctx, added: list[tuple[int, int, int, str]]) -> None:
    """One row-added per block of consecutive rows."""
    i = 0
    while i < len(added):
        j = i
        while j + 1 < len(added) and added[j + 1][0] == added[j][0] + 1:
            j += 1
        block = added[i:j + 1]
        first, last = block[0][0], block[-1][0]
        c0, c1 = min(b[1] for b in block), max(b[2] for b in block)
        cell = f"{col_letter(c0)}{first + 1}" if first == last and c0 == c1 else \
            f"{col_letter(c0)}{first + 1}:{col_letter(c1)}{last + 1}"
        ctx.add("row-added", row=first + 1, cell=cell, count=len(block), text=block[0][3])
        i = j + 1


def _differs(sheet: Sheet, rows: list[int]) -> bool:
    keys = [k for k in sheet.cols if k not in NON_INPUT_KEYS]
    values = {tuple(cell_text(sheet.value(r, k)) for k in keys) for r in rows}
    return len(values) > 1


def _duplicate(ctx: Ctx, sheet: Sheet, row: ActionRow, rows: list[int]) -> None:
    shown = "; ".join(f"{r + 1}: {cell_text(sheet.value(r, 'grade')) or '–'} / {cell_text(sheet.value(r, 'comment')) or '–'}"
                      for r in rows)
    ctx.add("duplicate-row", cell=sheet.ref(rows[1], "id"), row=rows[1] + 1, action_id=row.id, action=row.id,
            rows=", ".join(str(r + 1) for r in rows), values=shown)


def _entry(ctx: Ctx, sheet: Sheet, row: ActionRow, r: int) -> Entry:
    ok = _locked_ok(ctx, sheet, row, r)
    grade, raw_grade, words, grade_ok = _grade(ctx, sheet, row, r)
    comment, comment_ok = _comment(ctx, sheet, row, r, words)
    carried = ctx.exp.carried.get(row.id) if comment is not None else None
    if carried is not None and norm(comment).strip() == norm(carried).strip():   # --carry-comments, untouched
        ctx.add("carried-comment", cell=sheet.ref(r, "comment"), row=r + 1, action_id=row.id,
                round=ctx.exp.round.carried_from)
        comment = None
    if comment is None and grade is not None:
        _comment_rule(ctx, sheet, row, r, grade)
    values, cells, extra_ok = _extra_inputs(ctx, sheet, row, r)
    return Entry(round_id=ctx.exp.round.id, action_id=row.id, department=row.action.department, grade=grade,
                 raw_grade=raw_grade, comment=comment, grade_cell=sheet.ref(r, "grade"),
                 comment_cell=sheet.ref(r, "comment"), accepted=ok and grade_ok and comment_ok and extra_ok,
                 values=values, cells=cells)


def _spec(ctx: Ctx, key: str) -> InputSpec | None:
    return ctx.exp.input_specs.get(key)


def _extra_inputs(ctx: Ctx, sheet: Sheet, row: ActionRow, r: int) -> tuple[dict, dict, bool]:
    """(key -> value, key -> cell, ok) of the inputs other than grade and comment (core/inputcheck.py)."""
    values: dict[str, str | None] = {}
    cells: dict[str, str] = {}
    ok = True
    for spec, column in ctx.exp.further_inputs:
        if spec.key not in sheet.cols:          # column-missing said so
            continue
        ref = cells[spec.key] = sheet.ref(r, spec.key)
        formula = sheet.facts.formulas.get(ref)
        if formula is not None:
            ctx.add("formula-in-input", cell=ref, row=r + 1, action_id=row.id, formula=formula)
            values[spec.key], ok = formula, False
            continue
        raw = sheet.value(r, spec.key)
        shown = cell_text(raw)
        if shown is not None and spec.kind == "text":
            shown, n = _ILLEGAL.subn("", shown)
            if n:
                ctx.add("illegal-characters", cell=ref, row=r + 1, action_id=row.id, count=n)
        if shown is None or not shown.strip():
            values[spec.key] = None
            if spec.required:
                ctx.add("missing-input", cell=ref, row=r + 1, action_id=row.id, column=column, input=spec.key)
            continue
        value, problem = read_input(spec, raw if spec.kind != "text" else shown, shown.strip())
        values[spec.key] = value if problem is None else (value or shown)
        hint = looks_like_percent(spec, raw) if problem is None and spec.kind == "number" else None
        if hint is not None:        # a warning: the value is taken as it stands
            ctx.add(hint[0], cell=ref, row=r + 1, action_id=row.id, column=column, **hint[1])
        if problem is not None:
            code, params = problem
            ctx.add(code, cell=ref, row=r + 1, action_id=row.id, column=column, **params)
            ok = False
    return values, cells, ok


def _locked_ok(ctx: Ctx, sheet: Sheet, row: ActionRow, r: int) -> bool:
    """Locked texts compared with the strategy itself, so the exact cell is named."""
    ok = True
    for key, text in zip(sheet.locked, locked_texts(row, sheet.references), strict=True):
        if key not in sheet.cols:
            continue
        raw = sheet.value(r, key)
        if raw == text:  # the common case: untouched
            continue
        if norm(cell_text(raw)).strip() != norm(text).strip():
            ctx.add("structure-changed", cell=sheet.ref(r, key), row=r + 1, action_id=row.id,
                    column=TITLES[ctx.exp.config.language][key])
            ok = False
    return ok


def extra_words(scale: Scale, step: ScaleStep, raw: Any) -> str | None:
    """Words typed after a grade that are not the step's own label ("3 mutta hanke on viivästynyt",
    "2 (rahoitus puuttuu)"); None for the value alone or with its label, as the dropdown shows it."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if text.casefold() in (step.value.casefold(), step.display.casefold(), step.label.casefold()):
        return None
    parts = re.split(r"\s+|=", text, maxsplit=1)
    rest = parts[1].strip() if len(parts) == 2 else ""
    bare = rest.rstrip(".… ").strip()
    if not bare:
        return None
    label = step.label.casefold()
    if step.label != step.value and (label.startswith(bare.casefold()) or bare.casefold().strip("()") == label):
        return None
    return rest


def _grade(ctx: Ctx, sheet: Sheet, row: ActionRow, r: int) -> tuple[str | None, str | None, str | None, bool]:
    """(grade, raw text when not a grade, words after the grade, ok)."""
    spec = _spec(ctx, GRADE)
    if spec is None or "grade" not in sheet.cols:      # a round without a grade; or column-missing said so
        return None, None, None, True
    ref = sheet.ref(r, "grade")
    raw = sheet.value(r, "grade")
    formula = sheet.facts.formulas.get(ref)
    if formula is not None:
        ctx.add("formula-in-input", cell=ref, row=r + 1, action_id=row.id, formula=formula)
        return None, formula, None, False
    text = cell_text(raw)
    if text is None or not text.strip():
        if spec.required:
            ctx.add("missing-grade", cell=ref, row=r + 1, action_id=row.id)
        return None, None, None, True
    scale = ctx.exp.round.scale
    step = None if isinstance(raw, _NOT_A_GRADE) else scale.parse(raw)
    if step is None:
        ctx.add("invalid-grade", cell=ref, row=r + 1, action_id=row.id, value=text,
                allowed=", ".join(s.value for s in scale.steps))
        return None, text, None, False
    words = extra_words(scale, step, raw)
    if words:
        ctx.add("text-after-grade", cell=ref, row=r + 1, action_id=row.id, value=text.strip(), grade=step.value,
                words=words, comment_cell=sheet.ref(r, "comment"))
    return step.value, None, words, True


def _comment(ctx: Ctx, sheet: Sheet, row: ActionRow, r: int, words: str | None) -> tuple[str | None, bool]:
    spec = _spec(ctx, COMMENT)
    if spec is None:                   # a round without a comment
        return None, True
    ref = sheet.ref(r, "comment")
    formula = sheet.facts.formulas.get(ref) if "comment" in sheet.cols else None
    if formula is not None:
        ctx.add("formula-in-input", cell=ref, row=r + 1, action_id=row.id, formula=formula)
        return formula, False
    comment = cell_text(sheet.value(r, "comment")) if "comment" in sheet.cols else None
    if comment is not None:
        cleaned, n = _ILLEGAL.subn("", comment)
        if n:
            ctx.add("illegal-characters", cell=ref, row=r + 1, action_id=row.id, count=n)
            comment = cleaned
        if not comment.strip():
            comment = None
    if words:
        comment = f"{comment}\n{words}" if comment else words
    limit = ctx.exp.max_length or spec.max_length or ctx.exp.config.comments.max_length
    if comment is not None and len(comment) > limit:
        ctx.add("comment-too-long", cell=ref, row=r + 1, action_id=row.id, length=len(comment), max=limit)
        return comment, False
    if comment is None and spec.required and "comment" in sheet.cols:
        ctx.add("missing-input", cell=ref, row=r + 1, action_id=row.id, column=input_title(spec), input=COMMENT)
    return comment, True


def _comment_rule(ctx: Ctx, sheet: Sheet, row: ActionRow, r: int, grade: str) -> None:
    rules, scale, exp = ctx.exp.config.comments, ctx.exp.round.scale, ctx.exp
    threshold = scale.rank(rules.required_at_or_below) if rules.required_at_or_below else None
    reason: dict | None = None   # a DETAILS code and its values: the message words it in the reader's language
    if threshold is not None and scale.rank(grade) is not None and scale.rank(grade) <= threshold:
        reason = {"reason_code": "grade-at-or-below", "grade": grade, "limit": rules.required_at_or_below}
    elif rules.required_when_changed and row.id in exp.previous_grades and exp.previous_grades[row.id] != grade:
        reason = {"reason_code": "grade-changed", "old": exp.previous_grades[row.id], "new": grade}
    if reason:
        ctx.add("missing-comment", cell=sheet.ref(r, "comment"), row=r + 1, action_id=row.id, **reason)
