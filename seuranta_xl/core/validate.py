"""Validating one returned workbook against the project's round (pure: no I/O).

A ReturnedWorkbook (what reading.py found in the file) × what the project expects (round, strategy,
secret, rules) → the department, its entries and the findings. File-level problems (unknown
workbook, bad signature, wrong round) reject the whole file; row-level errors mark that row's entry
as not accepted (kept in the ledger, never merged); warnings never block. The steps: the identity
(here), the data sheet and its header (here), the rows (rows.py), content outside the input cells
(outside.py).

A file refused for its identity is blamed on its sender where the file shows it (the department whose
action ids fill its rows, else the department its file name is generated for), never on the
department whose identity it carries.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from seuranta_xl.core.cells import col_index, col_letter
from seuranta_xl.core.filenames import workbook_file_names
from seuranta_xl.core.findings import Finding, Severity
from seuranta_xl.core.identity import (DEFAULT_INPUTS, META_SHEET, NON_INPUT_KEYS, STRUCTURE_KEYS, TITLES, Identity,
                                      covered_keys, parse_references)
from seuranta_xl.core.inputs import (InputSpec, extra, input_title, inputs_from_json, inputs_signature,
                                    previous_text_title, round_inputs)
from seuranta_xl.core.model import ActionRow, Config, Entry, Round, Strategy
from seuranta_xl.core.outdated import apply_outdated
from seuranta_xl.core.outside import check_outside
from seuranta_xl.core.ready import ReadyMark, check_ready
from seuranta_xl.core.returnctx import Ctx, cell_text
from seuranta_xl.core.returned import ReadFailure, ReturnedWorkbook, SheetFacts
from seuranta_xl.core.rows import check_rows


@dataclass
class Expectation:
    """What the project expects of a return (all plain data from the ledger and the config).

    secret None: a check outside any project (core/standalone.py): the signature is not verified."""

    project_id: str
    secret: str | None
    config: Config
    round: Round
    strategy: Strategy
    known_rounds: frozenset[str] = frozenset()
    previous_grades: dict[str, str] = field(default_factory=dict)  # action id -> previous round's grade
    max_length: int | None = None      # the comment limit, when it is not the config's (standalone)
    # (department, fingerprint) -> the department's rows in an older strategy its round's workbooks were made from
    earlier: dict[tuple[str, str], list[ActionRow]] = field(default_factory=dict)
    carried: dict[str, str] = field(default_factory=dict)   # action id -> the comment carried in (--carry-comments)

    def __post_init__(self) -> None:
        self.rows_by_department = self.strategy.rows_by_department()
        self.inputs: tuple[InputSpec, ...] = round_inputs(self.round, self.config)   # resolved (core/inputs.py)
        # once per round, not per row: key -> its spec (the first, as listed), the inputs beyond grade and
        # comment with the column title a finding names
        self.input_specs: dict[str, InputSpec] = {}
        for spec in self.inputs:
            self.input_specs.setdefault(spec.key, spec)
        self.further_inputs: tuple[tuple[InputSpec, str], ...] = tuple((s, input_title(s)) for s in extra(self.inputs))


@dataclass
class Validation:
    file_name: str
    department: str | None
    accepted: bool                       # False: the file as a whole is rejected, nothing is recorded
    entries: list[Entry]
    findings: list[Finding]
    ready: ReadyMark = field(default_factory=ReadyMark)   # the ready mark (no block: made before it)

    @property
    def n_errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


def failure_finding(file_name: str, failure: ReadFailure) -> Finding:
    return Finding(code=failure.code, file=file_name, params=failure.params)


def validate_return(wb: ReturnedWorkbook | ReadFailure, exp: Expectation, file_name: str = "") -> Validation:
    if isinstance(wb, ReadFailure):
        return Validation(file_name, None, False, [], [failure_finding(file_name, wb)])
    ctx = Ctx(wb, exp)
    rows = _check_identity(ctx)
    if rows is None:
        return Validation(wb.file_name, ctx.department, False, [], ctx.findings)
    found = _data_sheet(ctx)
    if found is None:
        for r in rows:
            ctx.add("row-deleted", action_id=r.id, text=r.action.text)
        return Validation(wb.file_name, ctx.department, not rows, [], ctx.findings)
    facts, header, cols = found
    for key in covered_keys(ctx.references, cols):      # a signed reference column gone from the map
        if key not in cols:
            ctx.add("column-missing", cell=f"A{header + 1}", expected=_titles(ctx)[key])
    entries = check_rows(ctx, rows, facts, header, cols)
    if entries is not None and ctx.made_with is not None:     # a workbook made from an older strategy text
        owner = {r.id: d for d, rs in exp.rows_by_department.items() for r in rs}
        entries = apply_outdated(ctx, entries, rows, exp.rows_by_department.get(ctx.department or "", []), owner)
    if entries is None:      # rows of another department under this identity: a copied identity
        ctx.findings = []
        _refuse(ctx, "identity-rows-mismatch")
        return Validation(wb.file_name, ctx.department, False, [], ctx.findings)
    check_outside(ctx, facts, header, cols)
    ready = check_ready(ctx, facts, header, cols)
    # A return in which not one of the department's rows could be read carries nothing to record:
    # refused as a whole (its findings say why), so the department still shows as not returned.
    return Validation(wb.file_name, ctx.department, bool(entries) or not rows, entries, ctx.findings, ready)


# ---------------------------------------------------------------------------- identity
def _refuse(ctx: Ctx, detail_code: str) -> None:
    """signature-invalid on the file, under its sender where the file shows it (detail: a DETAILS code)."""
    ctx.department = _sender(ctx)
    ctx.sheet = None
    ctx.add("signature-invalid", detail_code=detail_code)


def _sender(ctx: Ctx) -> str | None:
    """The department that sent the file: whose action ids fill its rows, else whose file name it has."""
    wb, exp = ctx.wb, ctx.exp
    owner = {r.id: dept for dept, rows in exp.rows_by_department.items() for r in rows}
    counts: dict[str, int] = {}
    for name, grid in wb.values.items():
        if name == META_SHEET:
            continue
        for row in grid:
            for value in row[:3]:
                dept = owner.get((cell_text(value) or "").strip())
                if dept:
                    counts[dept] = counts.get(dept, 0) + 1
    if counts:
        return max(sorted(counts), key=lambda d: counts[d])
    by_name = {name: dept for dept, name in workbook_file_names(exp.round.id, list(exp.rows_by_department)).items()}
    return by_name.get(wb.file_name)


def _check_identity(ctx: Ctx) -> list[ActionRow] | None:
    wb, exp = ctx.wb, ctx.exp
    meta = wb.meta
    if wb.sheet(META_SHEET) is None or not meta.get("round_id") or not meta.get("signature"):
        ctx.department = _sender(ctx)
        ctx.add("unknown-workbook")
        return None
    if exp.secret is not None and meta.get("project_id") != exp.project_id:
        _refuse(ctx, "other-project")
        return None
    try:
        stated = stated_inputs(wb)
        identity = Identity(project_id=meta.get("project_id", ""), round_id=meta.get("round_id", ""),
                            department=meta.get("department", ""),
                            template_version=meta.get("template_version", ""), ready=meta.get("ready", ""),
                            row_ids=[i for i, _ in wb.meta_rows], row_hashes=[h for _, h in wb.meta_rows],
                            references=parse_references(meta.get("references")), inputs=inputs_signature(stated))
    except ValueError:
        ctx.department = _sender(ctx)
        ctx.add("unknown-workbook")
        return None
    signed = exp.secret is None or identity.verify(meta.get("signature"), exp.secret)
    if meta.get("fingerprint") != identity.fingerprint or not signed:
        _refuse(ctx, "identity-altered")
        return None
    ctx.department = identity.department or None
    ctx.references = identity.references
    if identity.round_id != exp.round.id:
        ctx.add("wrong-round", found=identity.round_id, expected=exp.round.id)
        return None
    if identity.inputs != inputs_signature(exp.round.inputs):
        _inputs_changed(ctx)
        return None
    expected = exp.rows_by_department.get(identity.department, [])
    made_with = exp.earlier.get((identity.department, identity.fingerprint))
    if made_with is not None:       # made from an older strategy text of this round (core/outdated.py)
        ctx.made_with = made_with
        return made_with
    if [r.id for r in expected] != identity.row_ids:
        ctx.add("unknown-workbook")
        return None
    return expected


def stated_inputs(wb: ReturnedWorkbook) -> list[InputSpec] | None:
    """The input specs a workbook's identity sheet states (None: grade + comment); ValueError when the
    text is not a list of specs."""
    text = wb.meta.get("inputs", DEFAULT_INPUTS) or DEFAULT_INPUTS
    if text == DEFAULT_INPUTS:
        return None
    try:
        return inputs_from_json(text)
    except (TypeError, AttributeError, KeyError) as exc:
        raise ValueError(str(exc)) from None


def _inputs_changed(ctx: Ctx) -> None:
    """inputs-changed: the signed workbook asks other inputs than its round (made before a change of the
    round's inputs, or for another project's round of the same id)."""
    try:
        stored = json.loads(ctx.wb.meta.get("columns", "{}"))
    except ValueError:
        stored = {}
    found = ", ".join(k for k in stored if k not in NON_INPUT_KEYS) or "–"
    expected = ", ".join(s.key for s in ctx.exp.inputs)
    ctx.add("inputs-changed", found=found, expected=expected, round=ctx.exp.round.id)


# ---------------------------------------------------------------------------- data sheet and header
def _data_sheet(ctx: Ctx) -> tuple[SheetFacts, int, dict[str, int]] | None:
    """(the data sheet, its 0-based header row, column key -> 0-based column), or None (reported)."""
    wb = ctx.wb
    name = wb.meta.get("data_sheet", "")
    facts = wb.sheet(name)
    if facts is not None:
        ctx.sheet = facts.name
        mapped = _header_map(ctx, wb.values.get(facts.name, []))
        if mapped is None:
            ctx.add("structure-changed", cell="A1", column_code="header-row")
            return None
        return facts, *mapped
    # A renamed data sheet: the sheet whose header still matches is read, with a warning.
    for cand in wb.sheets:
        if cand.name == META_SHEET:
            continue
        probe = Ctx(wb, ctx.exp)
        probe.department, probe.sheet = ctx.department, cand.name
        mapped = _header_map(probe, wb.values.get(cand.name, []))
        if mapped is not None:
            ctx.sheet = cand.name
            ctx.add("sheet-renamed", found=cand.name, expected=name)
            ctx.findings += probe.findings
            return cand, *mapped
    ctx.add("structure-changed", column_code="sheet-missing", sheet_name=name)
    return None


def _titles(ctx: Ctx) -> dict[str, str]:
    titles = dict(TITLES[ctx.exp.config.language])
    for spec in ctx.exp.inputs:
        titles[spec.key] = input_title(spec)
    previous = previous_text_title(ctx.exp.inputs, ctx.exp.config.language)
    if previous is not None:           # the previous round's text column of a round without a comment
        titles["prev_comment"] = previous
    return titles


def _title_at(grid: list[list[Any]], r: int, c: int) -> str:
    if 0 <= r < len(grid) and 0 <= c < len(grid[r]):
        return (cell_text(grid[r][c]) or "").strip()
    return ""


def _header_map(ctx: Ctx, grid: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """(0-based header row, column key -> 0-based column) as stored; one renamed title is tolerated
    (header-renamed); moved columns are re-found by their titles (columns-moved), a title that is
    gone then costs only its own column (column-missing)."""
    try:
        stored = {k: col_index(v) for k, v in json.loads(ctx.wb.meta.get("columns", "{}")).items()}
        header = int(float(ctx.wb.meta.get("header_row", "0"))) - 1
    except (ValueError, TypeError, AttributeError):
        return None
    titles = _titles(ctx)
    wanted = [k for k in (*STRUCTURE_KEYS, *(s.key for s in ctx.exp.inputs)) if k in stored]
    off = [k for k in wanted if _title_at(grid, header, stored[k]) != titles[k]]
    if not off:
        return header, stored
    if len(off) == 1 and _title_at(grid, header, stored[off[0]]) and "id" not in off:
        ctx.add("header-renamed", cell=f"{col_letter(stored[off[0]])}{header + 1}",
                found=_title_at(grid, header, stored[off[0]]), expected=titles[off[0]])
        return header, stored
    return _refind_header(ctx, grid, header, stored, wanted, titles)


def _refind_header(ctx: Ctx, grid: list[list[Any]], header: int, stored: dict[str, int], wanted: list[str],
                   titles: dict[str, str]) -> tuple[int, dict[str, int]] | None:
    """Columns or rows were inserted, moved or deleted: the header row found by its titles."""
    best: tuple[int, dict[str, int]] | None = None
    for r in range(min(len(grid), header + 30)):
        row_titles: dict[str, int] = {}
        for c, v in enumerate(grid[r]):
            row_titles.setdefault((cell_text(v) or "").strip(), c)
        found = {k: row_titles[titles[k]] for k in wanted if titles[k] in row_titles}
        if len(found) == len(wanted):
            best = (r, found)
            break
        if len(found) == len(wanted) - 1 and "id" in found and best is None:
            best = (r, found)
    if best is None:
        return None
    r, found = best
    ctx.add("columns-moved", cell=f"A{r + 1}")
    for k in wanted:
        if k not in found:
            ctx.add("column-missing", cell=f"A{r + 1}", expected=titles[k])
    row_titles = {}
    for c, v in enumerate(grid[r]):
        row_titles.setdefault((cell_text(v) or "").strip(), c)
    extra = {k: row_titles[titles[k]] for k in stored if k not in wanted and titles.get(k) in row_titles}
    return r, {**extra, **found}
