"""The machine export (`seuranta export`): one row per (round, action), stable keys.

CSV in the conventions of :mod:`seuranta_xl.present.csvtext` (UTF-8 with BOM, ';' separator, CRLF
rows, fields with line breaks quoted, text that starts with = + - @ or a tab / carriage return
prefixed with an apostrophe so that no spreadsheet turns it into a formula). JSON: the same rows,
text exactly as written.
"""
from __future__ import annotations

import json
from pathlib import Path

from seuranta_xl.present.csvtext import csv_text
from seuranta_xl.store.atomic import write_atomic
from seuranta_xl.store.roundview import RoundView

EXPORT_KEYS = ("round", "action_id", "department", "painopiste", "tavoite", "toimenpide", "grade", "comment",
               "source_file", "received_at")


def export_rows(view: RoundView) -> list[dict[str, str | None]]:
    rows = []
    for r in view.strategy.rows():
        v = view.state.value(r.id)
        src = v.source
        rows.append({
            "round": view.round.id, "action_id": r.id, "department": r.action.department,
            "painopiste": r.focus_area, "tavoite": r.goal, "toimenpide": r.action.text,
            "grade": v.grade, "comment": v.comment,
            "source_file": src.file_name if src else None, "received_at": src.received_at if src else None,
        })
    return rows


def to_csv(rows: list[dict]) -> str:
    return csv_text([EXPORT_KEYS, *([row[k] for k in EXPORT_KEYS] for row in rows)])


def to_json(rows: list[dict]) -> str:
    return json.dumps({"rows": rows}, ensure_ascii=False, indent=2)


def write_export(rows: list[dict], fmt: str, out: Path | None) -> str | None:
    """Write to ``out`` atomically, or return the text for stdout."""
    text = to_csv(rows) if fmt == "csv" else to_json(rows)
    if out is None:
        return text
    write_atomic(out, text)
    return None
