"""Checking a return outside any project (pure: no I/O): what a department can run before sending.

Without the project there is no secret and no strategy, so the expectation is taken from the workbook
itself: the round and department its identity sheet names, the scale from its dropdown list (the
hidden lists sheet), the comment limit from its length validation, the column titles from its header,
and each row's locked texts verified against the row hash stored beside the identity (a changed text
is still found; which column changed is not). Only the signature cannot be verified: the coordinator's
sync does that, and the CLI says so.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace

from seuranta_xl.core.cells import col_index, col_letter
from seuranta_xl.core.findings import Finding
from seuranta_xl.core.identity import (LISTS_SHEET, STRATEGY_REFERENCE_KEYS, TITLES, covered_keys, parse_references,
                                      row_hash)
from seuranta_xl.core.model import (Action, Columns, Config, FocusArea, Goal, Round, ROUND_ID_PATTERN, Scale,
                                    ScaleStep, Strategy)
from seuranta_xl.core.returnctx import cell_text
from seuranta_xl.core.returned import ReturnedWorkbook
from seuranta_xl.core.validate import Expectation, Validation, stated_inputs, validate_return

_TEXT_KEYS = ("focus_area", "goal", "action", "department", *STRATEGY_REFERENCE_KEYS)


@dataclass
class _Layout:
    header: int
    cols: dict[str, int]
    grid: list[list]

    def text(self, r: int, key: str) -> str:
        c = self.cols.get(key)
        if c is None or r >= len(self.grid) or c >= len(self.grid[r]):
            return ""
        return cell_text(self.grid[r][c]) or ""


def _sdg(text: str) -> list[int]:
    """The SDG numbers a reference cell shows ("3, 11"); [] when it holds anything else (its row hash
    then tells that it was changed)."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not all(p.isdigit() and 1 <= int(p) <= 17 for p in parts):
        return []
    return [int(p) for p in parts]


def _scale(wb: ReturnedWorkbook) -> Scale | None:
    steps = []
    for row in wb.values.get(LISTS_SHEET, []):
        display, value = (cell_text(row[0]) if row else None), (cell_text(row[1]) if len(row) > 1 else None)
        if not value:
            continue
        label = display or value
        if label != value and label.startswith(value + " "):
            label = label[len(value) + 1:]
        elif label.startswith(f"{value} (") and label.endswith(")"):
            label = label[len(value) + 2:-1]
        steps.append(ScaleStep(value=value, label=label))
    try:
        return Scale(name="lomake", steps=steps)
    except ValueError:
        return None


def _layout(wb: ReturnedWorkbook) -> _Layout | None:
    try:
        cols = {k: col_index(v) for k, v in json.loads(wb.meta.get("columns", "{}")).items()}
        header = int(float(wb.meta.get("header_row", "0"))) - 1
    except (ValueError, TypeError, AttributeError):
        return None
    return _Layout(header, cols, wb.values.get(wb.meta.get("data_sheet", ""), []))


def _language(layout: _Layout) -> str:
    for lang, titles in TITLES.items():
        if layout.text(layout.header, "action") == titles["action"]:
            return lang
    return "fi"


def _strategy(wb: ReturnedWorkbook, layout: _Layout, department: str) -> tuple[Strategy, list[tuple[str, int]]]:
    """The department's actions with the texts the file shows; (action id, row) of rows whose locked
    texts do not match the hash stored beside the signed identity."""
    row_of: dict[str, int] = {}
    for r in range(layout.header + 1, len(layout.grid)):
        row_of.setdefault(layout.text(r, "id").strip(), r)
    actions, changed = [], []
    try:
        refs = covered_keys(parse_references(wb.meta.get("references")), layout.cols)
    except ValueError:
        refs = ()
    for aid, stored_hash in wb.meta_rows:
        r = row_of.get(aid)
        texts = {k: layout.text(r, k) if r is not None else "" for k in _TEXT_KEYS}
        actions.append(Action(id=aid, text=texts["action"] or "?", department=department,
                              indicator=texts["indicator"] or None, target=texts["target"] or None,
                              responsible=texts["responsible"] or None, schedule=texts["schedule"] or None,
                              sdg=_sdg(texts["sdg"])))
        # the department: a cell in template version 1, the identity's own from version 2 (no such column)
        dept_text = texts["department"] if "department" in layout.cols else department
        locked = [aid, texts["focus_area"], texts["goal"], texts["action"], dept_text]
        locked += [texts[k] for k in STRATEGY_REFERENCE_KEYS if k in refs]
        if r is not None and row_hash(locked) != stored_hash:
            changed.append((aid, r))
    # One focus area and goal per row keeps each row's own texts (the workbook shows them per row).
    fas = []
    for i, a in enumerate(actions):
        r = row_of.get(a.id)
        fa = layout.text(r, "focus_area") if r is not None else ""
        goal = layout.text(r, "goal") if r is not None else ""
        fas.append(FocusArea(id=f"F{i}", name=fa or "?", goals=[Goal(id=f"G{i}", text=goal or "?", actions=[a])]))
    return Strategy(name="lomake", focus_areas=fas), changed


def standalone_validation(wb: ReturnedWorkbook) -> Validation | None:
    """Validate what can be validated without the project; None when the file carries no readable
    identity and layout (the caller validates it as an unknown workbook)."""
    layout, scale = _layout(wb), _scale(wb)
    department = wb.meta.get("department") or ""
    round_id = wb.meta.get("round_id") or ""
    if layout is None or scale is None or not department or not ROUND_ID_PATTERN.match(round_id):
        return None
    try:
        inputs = stated_inputs(wb)
    except ValueError:
        return None
    strategy, changed = _strategy(wb, layout, department)
    lang = _language(layout)
    columns = Columns(grade=layout.text(layout.header, "grade") or "Arvio",
                      comment=layout.text(layout.header, "comment") or "Kommentti")
    config = Config(language=lang, secret="0" * 64, project_id=(wb.meta.get("project_id") or "").ljust(8, "-"),
                    columns=columns)
    data = wb.sheet(wb.meta.get("data_sheet", ""))
    exp = Expectation(project_id=config.project_id, secret=None, config=config,
                      round=Round(id=round_id, scale=scale, inputs=inputs),
                      strategy=strategy, max_length=data.max_length if data else None)
    v = validate_return(wb, exp, wb.file_name)
    sheet = wb.meta.get("data_sheet")
    col = col_letter(layout.cols.get("action", 0))
    for aid, r in changed:
        v.findings.append(Finding(code="structure-changed", file=wb.file_name, sheet=sheet, cell=f"{col}{r + 1}",
                                  row=r + 1, action_id=aid, department=v.department,
                                  params={"column": TITLES[lang]["action"] + " / " + TITLES[lang]["goal"]}))
        v.entries = [replace(e, accepted=False) if e.action_id == aid else e for e in v.entries]
    return v
