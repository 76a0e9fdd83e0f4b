"""seuranta_xl.frames: the docs example runs as written and prints what docs/frames.md says; the
frames hold what the CLI's own views hold (export rows, report summary, findings, returns), with
typed columns."""
from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pandas as pd
import pytest

import seuranta_xl.frames as sf
from seuranta_xl.core.errors import UserError
from seuranta_xl.demo import PAST_ROUND, ROUND, run_demo
from seuranta_xl.outputs.export import export_rows
from seuranta_xl.outputs.report import build_report
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import load_round
from tests.builders import add_return, add_round, make_project, strategy_from_rows

DOC = Path(__file__).resolve().parents[1] / "docs" / "frames.md"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """A demo project in a folder of its own, at ./seuranta-demo as the docs example expects."""
    base = tmp_path_factory.mktemp("frames")
    run_demo(base / "seuranta-demo", echo=lambda _line: None)
    return base


def _doc_blocks() -> tuple[str, str]:
    text = DOC.read_text("utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    printed = re.search(r"It prints:\s*```text\n(.*?)```", text, re.S).group(1)
    return code, printed


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip().splitlines()]


def test_the_docs_example_runs_and_prints_what_the_page_shows(demo, monkeypatch):
    code, printed = _doc_blocks()
    monkeypatch.chdir(demo)
    out, namespace = io.StringIO(), {}
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(DOC), "exec"), namespace)
    assert _lines(out.getvalue()) == _lines(printed)
    # ...and its numbers are the report's numbers
    s = build_report(demo / "seuranta-demo", ROUND).s
    by_dept = namespace["by_department"]
    for group in s.by_department:
        assert by_dept.loc[group.name, "graded"] == group.graded and by_dept.loc[group.name, "actions"] == group.total
        average = by_dept.loc[group.name, "average"]
        assert (pd.isna(average) and group.average is None) or average == pytest.approx(group.average)
    moved = namespace["moved"]
    change = s.overall.change
    assert ((moved > 0).sum(), (moved == 0).sum(), (moved < 0).sum()) == (change.improved, change.same, change.worse)


def test_results_hold_the_export_rows_with_typed_columns(demo):
    root = demo / "seuranta-demo"
    df = sf.results(root)
    project = Project(root)
    with project.ledger() as ledger:
        view = load_round(ledger, ledger.round(ROUND))
    rows = export_rows(view)
    assert list(df["action_id"]) == [r["action_id"] for r in rows]
    for (_, got), want in zip(df.iterrows(), rows, strict=True):
        assert (None if pd.isna(got["grade"]) else got["grade"]) == want["grade_text"]      # the value as stored (the JSON export types it)
        assert (None if pd.isna(got["comment"]) else got["comment"]) == want["comment"]
        assert (None if pd.isna(got["source_file"]) else got["source_file"]) == want["source_file"]
        assert (pd.isna(got["received_at"]) if want["received_at"] is None
                else got["received_at"] == pd.Timestamp(want["received_at"]))
    assert isinstance(df["grade"].dtype, pd.CategoricalDtype) and df["grade"].cat.ordered
    assert list(df["grade"].cat.categories) == ["1", "2", "3", "4", "5"]
    assert df["grade_number"].dtype == "Float64" and df["grade_rank"].dtype == "Int64"
    graded = df[df["grade"].notna()]
    assert (graded["grade_number"] == graded["grade"].astype(int)).all()
    assert (graded["grade_rank"] == graded["grade_number"] - 1).all()
    assert str(df["received_at"].dtype.tz) == "UTC"
    assert df["department"].dtype == "string" and set(df.columns) == set(sf.RESULT_COLUMNS)


def test_history_orders_rounds_and_keeps_one_scale_ordered(demo):
    df = sf.history(demo / "seuranta-demo")
    assert list(df["round_id"].cat.categories) == [PAST_ROUND, ROUND] and df["round_id"].cat.ordered
    assert len(df) == 2 * 134 and df["grade"].cat.ordered
    assert (df.groupby("round_id", observed=True).size() == 134).all()
    assert (df["round_id"] > PAST_ROUND).sum() == 134


def test_rounds_findings_and_returns(demo):
    root = demo / "seuranta-demo"
    rounds = sf.rounds(root)
    assert list(rounds["round_id"]) == [PAST_ROUND, ROUND] and list(rounds["imported"]) == [True, False]
    assert rounds.loc[1, "deadline"] == pd.Timestamp("2024-05-31") and str(rounds["created_at"].dtype.tz) == "UTC"

    found = sf.findings(root, lang="en")
    with Project(root).ledger() as ledger:
        view = load_round(ledger, ledger.round(ROUND))
    assert list(found["code"]) == [f.code for f in view.findings]
    assert list(found["message"]) == [f.message("en") for f in view.findings]
    assert list(found["severity"].cat.categories) == ["info", "warning", "error"]
    assert set(found.loc[found["severity"] == "error", "code"]) == {"invalid-grade", "comment-too-long",
                                                                    "rows-not-merged"}
    assert sf.findings(root)["message"].iloc[0] == view.findings[0].message("fi")   # the project's language

    versions = sf.returns(root)
    twice = versions[versions["department"] == "Hallinto- ja konsernipalvelut"].sort_values("saved_at")
    # The draft and the final file are both in the folder: both current, the later save in force.
    assert list(twice["state"]) == ["current", "current"] and list(twice["in_force"]) == [False, True]
    assert twice["file_name"].iloc[1] == "2024-kevat_Hallinto- ja konsernipalvelut.xlsx"
    assert twice["saved_at"].iloc[0] == pd.Timestamp("2024-05-20 09:30", tz="UTC")
    assert list(versions["file_name"]) == [v.file_name for v in view.state.versions]
    assert versions["in_force"].sum() == len(view.state.current)


def test_rounds_as_they_stand_edited_closed_and_carried(tmp_path):
    """#13: a round's edits, close and --carry-comments show in rounds(): state, deadline, closed_at."""
    import datetime as dt

    from seuranta_xl.store.rounds import edit_round, new_round, set_round_closed

    strategy = strategy_from_rows([{"id": "T1", "focus_area": "P", "goal": "G", "action": "Toimenpide",
                                    "department": "Sivistys"}])
    project = make_project(tmp_path / "p", strategy)
    add_round(project, "r1", deadline=dt.date(2024, 5, 15))
    edit_round(project.root, "r1", deadline=dt.date(2024, 6, 14))
    set_round_closed(project.root, "r1", True)
    new_round(project.root, "r2", carry_comments=True)
    rounds = sf.rounds(project.root)
    assert list(rounds["state"]) == ["closed", "open"]
    assert rounds.loc[0, "deadline"] == pd.Timestamp("2024-06-14")           # as edited, not as opened
    assert str(rounds["closed_at"].dtype.tz) == "UTC" and not pd.isna(rounds.loc[0, "closed_at"])
    assert pd.isna(rounds.loc[1, "closed_at"]) and rounds.loc[1, "carried_from"] == "r1"
    assert str(rounds["state"].dtype) == "string" and str(rounds["strategy_id"].dtype) == "Int64"


def test_a_scale_of_words_has_no_numbers_and_history_of_two_scales_is_text(tmp_path):
    strategy = strategy_from_rows([{"id": f"T{i}", "focus_area": "P", "goal": "G", "action": f"Toimenpide {i}",
                                    "department": "Sivistys"} for i in range(1, 4)])
    project = make_project(tmp_path / "p", strategy)
    add_round(project, "r1", scale_name="1-5")
    add_return(project, "r1", "Sivistys", {"T1": ("2", None), "T2": ("5", "valmis")})
    add_round(project, "r2", scale_name="kylla-kesken-ei")
    values = project.scale("kylla-kesken-ei").values
    add_return(project, "r2", "Sivistys", {"T1": (values[-1], None), "T3": (values[0], "ei aloitettu")})

    df = sf.results(project.root)
    assert list(df["grade"].cat.categories) == values and df["grade_number"].isna().all()
    assert list(df["grade_rank"].astype("Float64").fillna(-1)) == [len(values) - 1, -1, 0]
    assert df["grade"].iloc[0] > df["grade"].iloc[2]            # in scale order, not alphabetical
    assert sf.results(project.root, "r1")["grade_number"].tolist()[:2] == [2.0, 5.0]

    history = sf.history(project.root)
    assert history["grade"].dtype == "string" and history["grade_rank"].dtype == "Int64"
    assert history.loc[history["round_id"] == "r1", "grade"].tolist()[:2] == ["2", "5"]


def test_not_a_project_and_unknown_round_are_user_errors(tmp_path, demo):
    with pytest.raises(UserError, match="seuranta.toml"):
        sf.results(tmp_path)
    with pytest.raises(UserError, match="2099"):
        sf.findings(demo / "seuranta-demo", "2099")
