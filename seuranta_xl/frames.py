"""A project as pandas DataFrames, for analysts and finance (Jupyter, scripts): docs/frames.md.

    import seuranta_xl.frames as sf
    df = sf.results("Seuranta 2025")        # the latest round, one row per action

Read-only, and read through the same functions the CLI uses (Project, resolve_round, load_round), so
a frame says what `seuranta status`, the master, the export and the reports say. Columns are English
snake_case with fixed dtypes: text is ``string``, counts ``Int64``, times UTC-aware ``datetime64``,
a grade an ordered ``category`` in scale order, ``grade_number`` a ``Float64`` where the scale is numeric.
A round's further inputs (core/inputs.py) are columns after ``comment`` named by their keys: a number
``Float64``, a date ``datetime64``, any other ``string``.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pandas as pd

from seuranta_xl.core.inputs import extra, typed_value
from seuranta_xl.core.model import Config
from seuranta_xl.core.roundlife import round_state
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import RoundView, load_round, resolve_round

__all__ = ["rounds", "results", "history", "findings", "returns"]

SEVERITIES = ["info", "warning", "error"]      # lowest first: df[df.severity >= "warning"]
ROUND_COLUMNS = {"round_id": "string", "title": "string", "deadline": "date", "scale": "string",
                 "imported": "boolean", "created_at": "utc", "state": "string", "closed_at": "utc",
                 "strategy_id": "Int64", "carried_from": "string"}
RESULT_COLUMNS = {"round_id": "string", "action_id": "string", "focus_area": "string", "goal": "string",
                  "action": "string", "department": "string", "indicator": "string", "target": "string",
                  "grade": "category", "grade_label": "string", "grade_number": "Float64", "grade_rank": "Int64",
                  "comment": "string", "source_file": "string", "received_at": "utc"}
FINDING_COLUMNS = {"round_id": "string", "severity": "category", "code": "string", "department": "string",
                   "file": "string", "sheet": "string", "cell": "string", "row": "Int64", "action_id": "string",
                   "message": "string", "hint": "string"}
RETURN_COLUMNS = {"round_id": "string", "department": "string", "file_name": "string", "state": "string",
                  "in_force": "boolean", "why": "string", "present": "boolean", "saved_at": "utc",
                  "first_seen": "utc", "return_id": "Int64", "file_hash": "string", "size": "Int64",
                  "n_rows": "Int64", "n_errors": "Int64", "ready": "boolean", "approver": "string"}


@contextlib.contextmanager
def _opened(project: str | os.PathLike[str]) -> Iterator[tuple[Ledger, Config]]:
    proj = Project(project)
    config = proj.load_config()          # UserError naming the folder when it is not a project
    with proj.ledger() as ledger:
        yield ledger, config


def _view(project: str | os.PathLike[str], round_id: str | None) -> tuple[RoundView, Config]:
    with _opened(project) as (ledger, config):
        return load_round(ledger, resolve_round(ledger, round_id)), config


def _typed(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(columns))
    for col, kind in columns.items():
        if kind == "utc":
            df[col] = pd.to_datetime(df[col], utc=True, format="ISO8601")
        elif kind == "date":
            df[col] = pd.to_datetime(df[col])
        elif kind != "category":
            df[col] = df[col].astype(kind)
    return df


def rounds(project: str | os.PathLike[str]) -> pd.DataFrame:
    """One row per round, oldest first, as it stands now (its edits, close and reopen applied):
    ``imported`` a past round read from the strategy table, ``state`` open / closed / imported."""
    with _opened(project) as (ledger, _config):
        known = ledger.rounds()
    return _typed([{"round_id": r.id, "title": r.title, "deadline": r.deadline, "scale": r.scale.name,
                    "imported": r.imported, "created_at": r.created_at or None, "state": round_state(r),
                    "closed_at": r.closed_at or None, "strategy_id": r.strategy_id, "carried_from": r.carried_from}
                   for r in known], ROUND_COLUMNS)


def _result_rows(view: RoundView) -> list[dict]:
    scale, rows = view.round.scale, []
    further = extra(tuple(view.round.inputs or ()))
    for r in view.strategy.rows():
        value = view.state.value(r.id)
        step, source = scale.step(value.grade), value.source
        rows.append({"round_id": view.round.id, "action_id": r.id, "focus_area": r.focus_area, "goal": r.goal,
                     "action": r.action.text, "department": r.action.department, "indicator": r.action.indicator,
                     "target": r.action.target, "grade": step.value if step else None,
                     "grade_label": step.label if step else None,
                     "grade_number": step.number if step and scale.numeric else None,
                     "grade_rank": scale.rank(value.grade), "comment": value.comment,
                     "source_file": source.file_name if source else None,
                     "received_at": source.received_at if source else None,
                     **{spec.key: typed_value(spec, value.value(spec.key)) for spec in further}})
    return rows


def _input_columns(views: list[RoundView]) -> dict[str, str]:
    """key -> dtype of every further input of the rounds (the first round that has it decides)."""
    kinds = {"number": "Float64", "date": "date"}
    out: dict[str, str] = {}
    for v in views:
        for spec in extra(tuple(v.round.inputs or ())):
            out.setdefault(spec.key, kinds.get(spec.kind, "string"))
    return out


def results(project: str | os.PathLike[str], round_id: str | None = None) -> pd.DataFrame:
    """The round's current values (default: the latest round), one row per action in strategy order."""
    view, _config = _view(project, round_id)
    df = _typed(_result_rows(view), {**RESULT_COLUMNS, **_input_columns([view])})
    df["grade"] = pd.Categorical(df["grade"], categories=view.round.scale.values, ordered=True)
    return df


def history(project: str | os.PathLike[str]) -> pd.DataFrame:
    """``results`` of every round, oldest round first; ``round_id`` is ordered by round. ``grade`` is an
    ordered category when every round has the same scale, else text (compare ``grade_rank`` then)."""
    with _opened(project) as (ledger, _config):
        views = [load_round(ledger, r) for r in ledger.rounds()]
    df = _typed([row for v in views for row in _result_rows(v)], {**RESULT_COLUMNS, **_input_columns(views)})
    df["round_id"] = pd.Categorical(df["round_id"], categories=[v.round.id for v in views], ordered=True)
    scales = {tuple(v.round.scale.values) for v in views}
    if len(scales) == 1:
        df["grade"] = pd.Categorical(df["grade"], categories=list(scales.pop()), ordered=True)
    else:
        df["grade"] = df["grade"].astype("string")
    return df


def findings(project: str | os.PathLike[str], round_id: str | None = None, lang: str | None = None) -> pd.DataFrame:
    """The round's current findings (what `seuranta status` and the master show); ``message`` and
    ``hint`` in ``lang`` (fi, sv, en; default: the project's language)."""
    view, config = _view(project, round_id)
    lang = lang or config.language
    df = _typed([{"round_id": view.round.id, "severity": f.severity.value, "code": f.code,
                  "department": f.department, "file": f.file, "sheet": f.sheet, "cell": f.cell, "row": f.row,
                  "action_id": f.action_id, "message": f.message(lang), "hint": f.hint(lang)}
                 for f in view.findings], FINDING_COLUMNS)
    df["severity"] = pd.Categorical(df["severity"], categories=SEVERITIES, ordered=True)
    return df


def returns(project: str | os.PathLike[str], round_id: str | None = None) -> pd.DataFrame:
    """Every version of the round's returns, as `seuranta returns` lists them (docs/returns.md): ``state``
    current / superseded / withdrawn / rejected, ``in_force`` for the version whose values win, ``why``
    when several are current (preferred / saved / arrival), ``present`` in the folder at the last sync, ``ready`` its ready mark (false: a draft; NA: a refused file
    or a workbook made before the ready step) and ``approver``."""
    view, _config = _view(project, round_id)
    rows = []
    for v in view.state.versions:
        rec = v.record
        rows.append({"round_id": view.round.id, "department": v.department, "file_name": v.file_name,
                     "state": v.state, "in_force": v.in_force, "why": v.why, "present": v.present,
                     "saved_at": v.saved, "first_seen": v.first_seen, "return_id": rec.id if rec else None,
                     "file_hash": v.file_hash, "size": rec.size if rec else None,
                     "n_rows": rec.n_rows if rec else None, "n_errors": v.errors,
                     "ready": rec.ready if rec else None, "approver": rec.approver if rec else None})
    return _typed(rows, RETURN_COLUMNS)
