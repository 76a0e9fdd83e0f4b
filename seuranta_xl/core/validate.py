"""Validating one returned workbook against the round it claims (pure: no I/O).

A ReturnedWorkbook (what reading.py found in the file) × what the project expects (round, strategy,
secret, rules) → the department, its entries and the findings. File-level problems (unknown
workbook, bad signature, wrong round) reject the whole file; row-level errors mark that row's entry
as not accepted (kept in the ledger, never merged); warnings never block.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from seuranta_xl.core.cells import col_index, col_letter
from seuranta_xl.core.findings import Finding, Severity
from seuranta_xl.core.identity import (INPUT_KEYS, META_SHEET, STRUCTURE_KEYS, TITLES, Identity, locked_texts)
from seuranta_xl.core.model import ActionRow, Config, Entry, Round, Strategy
from seuranta_xl.core.returned import ReadFailure, ReturnedWorkbook

# Characters XML 1.0 cannot hold (Excel stores them escaped as _xHHHH_); removed and reported.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Expectation:
    """What the project expects of a return (all plain data from the ledger and the config)."""

    project_id: str
    secret: str
    config: Config
    round: Round
    strategy: Strategy
    known_rounds: frozenset[str] = frozenset()
    previous_grades: dict[str, str] = field(default_factory=dict)  # action id -> previous round's grade

    def __post_init__(self) -> None:
        self.rows_by_department = self.strategy.rows_by_department()


@dataclass
class Validation:
    file_name: str
    department: str | None
    accepted: bool                       # False: the file as a whole is rejected, nothing is recorded
    entries: list[Entry]
    findings: list[Finding]

    @property
    def n_errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


def failure_finding(file_name: str, failure: ReadFailure) -> Finding:
    return Finding(code=failure.code, file=file_name, params={"detail": failure.detail})


def _text(value: Any) -> str | None:
    """A cell value as the text a person sees; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    text = str(value)
    return text if text != "" else None


def _norm(text: str | None) -> str:
    return unicodedata.normalize("NFC", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


class _Ctx:
    def __init__(self, wb: ReturnedWorkbook, exp: Expectation):
        self.wb = wb
        self.exp = exp
        self.findings: list[Finding] = []
        self.department: str | None = None
        self.sheet: str | None = None

    def add(self, code: str, *, cell: str | None = None, row: int | None = None, action_id: str | None = None,
            **params: Any) -> Finding:
        f = Finding(code=code, file=self.wb.file_name, sheet=self.sheet, cell=cell, row=row, action_id=action_id,
                    department=self.department, params=params)
        self.findings.append(f)
        return f


def validate_return(wb: ReturnedWorkbook | ReadFailure, exp: Expectation, file_name: str = "") -> Validation:
    if isinstance(wb, ReadFailure):
        return Validation(file_name, None, False, [], [failure_finding(file_name, wb)])
    ctx = _Ctx(wb, exp)
    rows = _check_identity(ctx)
    if rows is None:
        return Validation(wb.file_name, ctx.department, False, [], ctx.findings)
    entries = _check_rows(ctx, rows)
    # A return in which not one of the department's rows could be read carries nothing to record:
    # refused as a whole (its findings say why), so the department still shows as not returned.
    accepted = bool(entries) or not rows
    return Validation(wb.file_name, ctx.department, accepted, entries, ctx.findings)


# ---------------------------------------------------------------------------- identity
def _check_identity(ctx: _Ctx) -> list[ActionRow] | None:
    wb, exp = ctx.wb, ctx.exp
    meta = wb.meta
    if wb.sheet(META_SHEET) is None or not meta.get("round_id") or not meta.get("signature"):
        ctx.add("unknown-workbook")
        return None
    ctx.department = meta.get("department") or None
    if meta.get("project_id") != exp.project_id:
        ctx.add("signature-invalid", detail="toisen projektin työkirja / another project's workbook")
        return None
    try:
        identity = Identity(project_id=meta.get("project_id", ""), round_id=meta.get("round_id", ""),
                            department=meta.get("department", ""),
                            template_version=meta.get("template_version", ""),
                            row_ids=[i for i, _ in wb.meta_rows], row_hashes=[h for _, h in wb.meta_rows])
    except ValueError:
        ctx.add("unknown-workbook")
        return None
    if meta.get("fingerprint") != identity.fingerprint or not identity.verify(meta.get("signature"), exp.secret):
        ctx.add("signature-invalid", detail="tunnistetiedot muutettu / identity data altered")
        return None
    if identity.round_id != exp.round.id:
        ctx.add("wrong-round", found=identity.round_id, expected=exp.round.id)
        return None
    expected = exp.rows_by_department.get(identity.department, [])
    if [r.id for r in expected] != identity.row_ids:
        ctx.add("unknown-workbook")
        return None
    return expected


# ---------------------------------------------------------------------------- rows
def _header_map(ctx: _Ctx, grid: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """(0-based header row, column key -> 0-based column) as stored; re-found by titles if moved."""
    meta, exp = ctx.wb.meta, ctx.exp
    try:
        stored = {k: col_index(v) for k, v in json.loads(meta.get("columns", "{}")).items()}
        header = int(float(meta.get("header_row", "0"))) - 1
    except (ValueError, TypeError, AttributeError):
        return None
    lang = exp.config.language
    titles = dict(TITLES[lang])
    titles["grade"] = exp.config.columns.grade
    titles["comment"] = exp.config.columns.comment

    def title_at(r: int, c: int) -> str:
        if 0 <= r < len(grid) and 0 <= c < len(grid[r]):
            return (_text(grid[r][c]) or "").strip()
        return ""

    wanted = [k for k in (*STRUCTURE_KEYS, *INPUT_KEYS) if k in stored]
    if all(title_at(header, stored[k]) == titles[k] for k in wanted):
        return header, stored
    # Columns or rows were inserted, moved or deleted: find the header row by its titles.
    for r in range(min(len(grid), header + 30)):
        row_titles = {(_text(v) or "").strip(): c for c, v in enumerate(grid[r])}
        if all(titles[k] in row_titles for k in wanted):
            found = {k: row_titles[titles[k]] for k in wanted}
            ctx.add("columns-moved", cell=f"A{r + 1}")
            return r, found
    return None


def _check_rows(ctx: _Ctx, expected: list[ActionRow]) -> list[Entry]:
    wb, exp = ctx.wb, ctx.exp
    data_sheet = wb.meta.get("data_sheet", "")
    facts = wb.sheet(data_sheet)
    if facts is None:
        visible = [s for s in wb.sheets if s.name != META_SHEET and s.state == "visible"]
        ctx.add("structure-changed", column=f"taulukko ”{data_sheet}” puuttuu / sheet missing")
        # A renamed data sheet: try the sheet whose header still matches.
        for cand in visible:
            ctx.sheet = cand.name
            grid = wb.values.get(cand.name, [])
            if _header_map(_Ctx(wb, exp), grid) is not None:
                facts = cand
                break
        if facts is None:
            ctx.sheet = None
            for r in expected:
                ctx.add("row-deleted", action_id=r.id, text=r.action.text)
            return []
    ctx.sheet = facts.name
    grid = wb.values.get(facts.name, [])
    mapped = _header_map(ctx, grid)
    if mapped is None:
        ctx.add("structure-changed", cell="A1", column="otsikkorivi / header row")
        for r in expected:
            ctx.add("row-deleted", action_id=r.id, text=r.action.text)
        return []
    header, cols = mapped
    if not facts.protected:
        ctx.add("protection-removed", sheet_or_book=facts.name)

    def cell(r: int, key: str) -> Any:
        c = cols.get(key)
        if c is None or r >= len(grid) or c >= len(grid[r]):
            return None
        return grid[r][c]

    def ref(r: int, key: str) -> str:
        return f"{col_letter(cols[key])}{r + 1}"

    by_id = {r.id: r for r in expected}
    seen: dict[str, int] = {}
    for r in range(header + 1, len(grid)):
        raw_id = _text(cell(r, "id"))
        if raw_id is None:
            # A row without an id: anything typed there was added by hand.
            texts = [t for t in (_text(v) for v in grid[r]) if t]
            if texts:
                ctx.add("row-added", row=r + 1, text=" | ".join(texts))
            continue
        raw_id = raw_id.strip()
        if raw_id not in by_id or raw_id in seen:
            ctx.add("row-added", row=r + 1, cell=ref(r, "id"), text=_text(cell(r, "action")) or raw_id)
            continue
        seen[raw_id] = r
    if not seen and any(f.code == "row-added" for f in ctx.findings):
        # Rows with ids, none of them this department's: the identity was copied from another file.
        ctx.findings = [f for f in ctx.findings if f.code != "row-added"]
        ctx.add("signature-invalid", detail="tunnistetiedot eivät vastaa työkirjan rivejä / "
                                            "the identity does not match the workbook's rows")
        return []

    with_indicator = "indicator" in cols
    entries: list[Entry] = []
    rules = exp.config.comments
    scale = exp.round.scale
    threshold = scale.rank(rules.required_at_or_below) if rules.required_at_or_below else None
    allowed = ", ".join(s.value for s in scale.steps)
    for row in expected:
        r = seen.get(row.id)
        if r is None:
            ctx.add("row-deleted", action_id=row.id, text=row.action.text)
            continue
        ok = True
        # Locked texts: compare with the strategy itself, so the exact cell is named.
        want = locked_texts(row, with_indicator)
        for key, text in zip(("id", "focus_area", "goal", "action", "department", "indicator"), want):
            if key not in cols:
                continue
            raw = cell(r, key)
            if raw == text:  # the common case: untouched
                continue
            if _norm(_text(raw)).strip() != _norm(text).strip():
                ctx.add("structure-changed", cell=ref(r, key), row=r + 1, action_id=row.id,
                        column=TITLES[exp.config.language][key])
                ok = False
        grade_ref, comment_ref = ref(r, "grade"), ref(r, "comment")
        raw_grade = cell(r, "grade")
        raw_comment = cell(r, "comment")
        formula_cells = facts.formulas
        grade = None
        raw_grade_text = None
        if grade_ref in formula_cells:
            ctx.add("formula-in-input", cell=grade_ref, row=r + 1, action_id=row.id, formula=formula_cells[grade_ref])
            ok = False
            raw_grade_text = formula_cells[grade_ref]
        elif raw_grade is not None and _text(raw_grade) is not None and (_text(raw_grade) or "").strip():
            step = scale.parse(raw_grade) if not isinstance(raw_grade, (dt.date, dt.datetime, dt.time, dt.timedelta)) else None
            if step is None:
                raw_grade_text = _text(raw_grade)
                ctx.add("invalid-grade", cell=grade_ref, row=r + 1, action_id=row.id, value=raw_grade_text,
                        allowed=allowed)
                ok = False
            else:
                grade = step.value
        else:
            ctx.add("missing-grade", cell=grade_ref, row=r + 1, action_id=row.id)
        comment: str | None = None
        if comment_ref in formula_cells:
            ctx.add("formula-in-input", cell=comment_ref, row=r + 1, action_id=row.id,
                    formula=formula_cells[comment_ref])
            comment = formula_cells[comment_ref]
            ok = False
        else:
            comment = _text(raw_comment)
            if comment is not None:
                cleaned, n = _ILLEGAL.subn("", comment)
                if n:
                    ctx.add("illegal-characters", cell=comment_ref, row=r + 1, action_id=row.id, count=n)
                    comment = cleaned
                if not comment.strip():
                    comment = None
            if comment is not None and len(comment) > rules.max_length:
                ctx.add("comment-too-long", cell=comment_ref, row=r + 1, action_id=row.id, length=len(comment),
                        max=rules.max_length)
                ok = False
        if comment is None and grade is not None:
            reason = None
            if threshold is not None and scale.rank(grade) is not None and scale.rank(grade) <= threshold:
                reason = f"arvio {grade} ≤ {rules.required_at_or_below}"
            elif rules.required_when_changed and row.id in exp.previous_grades \
                    and exp.previous_grades[row.id] != grade:
                reason = f"arvio muuttui {exp.previous_grades[row.id]} → {grade}"
            if reason:
                ctx.add("missing-comment", cell=comment_ref, row=r + 1, action_id=row.id, reason=reason)
        entries.append(Entry(round_id=exp.round.id, action_id=row.id, department=row.action.department,
                             grade=grade, raw_grade=raw_grade_text, comment=comment, grade_cell=grade_ref,
                             comment_cell=comment_ref, accepted=ok))
    return entries
