"""The machine export (`seuranta export`): one row per (round, action), stable keys.

CSV in the conventions of :mod:`seuranta_xl.present.csvtext` (UTF-8 with BOM, ';' separator, CRLF
rows, fields with line breaks quoted, text that starts with = + - @ or a tab / carriage return
prefixed with an apostrophe so that no spreadsheet turns it into a formula), with the contract's header
``EXPORT_KEYS``. JSON (docs/json.md): the same rows with English keys (``JSON_KEYS``) and typed values — a
grade on a numeric scale is a number, on a text scale its text; no grade is null — text exactly as written.
A round whose inputs go beyond grade and comment (core/inputs.py) adds one CSV column per further input
after the contract's header, named by the input's stable key, and in JSON an ``inputs`` object (key ->
value: a number as a number, a date as ISO text, anything else as text; empty: null). Then the strategy's
reference texts (``REFERENCE_KEYS``, those the strategy has): the order is always the contract's columns,
the further inputs, the references (CSV columns and JSON keys alike).
"""
from __future__ import annotations

import json
from pathlib import Path

from seuranta_xl.core.identity import STRATEGY_REFERENCE_KEYS, reference_keys, reference_text
from seuranta_xl.core.inputs import typed_value
from seuranta_xl.present.csvtext import csv_text
from seuranta_xl.present.inputs import extra_inputs
from seuranta_xl.store.atomic import write_atomic
from seuranta_xl.store.roundview import RoundView

# The CSV header (the export contract, DESIGN.md): machine keys, kept as they have always been.
EXPORT_KEYS = ("round", "action_id", "department", "painopiste", "tavoite", "toimenpide", "grade", "comment",
               "source_file", "received_at")
# The JSON keys, one language (English); CSV column -> JSON key where they differ.
JSON_KEYS = ("round", "action_id", "department", "focus_area", "goal", "action", "grade", "grade_label", "comment",
             "source_file", "received_at")
_CSV_COLUMN = {"painopiste": "focus_area", "tavoite": "goal", "toimenpide": "action", "grade": "grade_text"}
# The strategy's reference texts (#16), after the contract's columns, only those the strategy has
# (identity.reference_keys): CSV and JSON alike; in JSON ``sdg`` is a list of numbers.
REFERENCE_KEYS = STRATEGY_REFERENCE_KEYS


def _references(rows: list[dict]) -> list[str]:
    return [k for k in REFERENCE_KEYS if rows and k in rows[0]]


def export_rows(view: RoundView) -> list[dict[str, str | int | float | None]]:
    """The round's rows with the JSON keys and typed values (and ``grade_text``, the grade as stored, for CSV;
    ``inputs``, the further inputs)."""
    rows = []
    scale = view.round.scale
    further = extra_inputs(view.round, "en")
    refs = reference_keys(view.strategy)
    for r in view.strategy.rows():
        v = view.state.value(r.id)
        src = v.source
        step = scale.step(v.grade)
        grade = step.number if step is not None and step.number is not None else v.grade
        if isinstance(grade, float) and grade.is_integer():
            grade = int(grade)
        rows.append({
            "round": view.round.id, "action_id": r.id, "department": r.action.department,
            "focus_area": r.focus_area, "goal": r.goal, "action": r.action.text,
            "grade": grade, "grade_text": v.grade, "grade_label": step.label if step is not None and step.label != step.value else None,
            "comment": v.comment,
            "source_file": src.file_name if src else None, "received_at": src.received_at if src else None,
            "inputs": {spec.key: typed_value(spec, v.value(spec.key)) for spec in further},
            **{k: (list(r.action.sdg) if k == "sdg" else reference_text(r.action, k) or None) for k in refs},
        })
    return rows


def _csv_cell(value) -> str | None:
    if isinstance(value, list):        # SDG goals: "3, 11", as the workbook shows them
        return ", ".join(str(n) for n in value) or None
    return None if value is None else str(value)


def to_csv(rows: list[dict]) -> str:
    inputs = list(rows[0]["inputs"]) if rows else []
    refs = _references(rows)
    return csv_text([(*EXPORT_KEYS, *inputs, *refs),
                     *([_csv_cell(row[_CSV_COLUMN.get(k, k)]) for k in EXPORT_KEYS]
                       + [_csv_cell(row["inputs"][k]) for k in inputs]
                       + [_csv_cell(row[k]) for k in refs] for row in rows)])


def to_json(rows: list[dict]) -> str:
    keys = (*JSON_KEYS, *_references(rows))
    out = [{**{k: row[k] for k in JSON_KEYS}, **({"inputs": row["inputs"]} if row["inputs"] else {}),
            **{k: row[k] for k in keys[len(JSON_KEYS):]}} for row in rows]
    return json.dumps({"rows": out}, ensure_ascii=False, indent=2)


def write_export(rows: list[dict], fmt: str, out: Path | None) -> str | None:
    """Write to ``out`` atomically, or return the text for stdout."""
    text = to_csv(rows) if fmt == "csv" else to_json(rows)
    if out is None:
        return text
    write_atomic(out, text)
    return None
