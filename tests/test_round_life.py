"""A round's life (issue 13): edit, close, a late return, reopen — through the CLI and the ledger, on real
generated and filled workbooks."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.core.model import Round, Scale, ScaleStep
from seuranta_xl.core.roundlife import RoundEvent, apply_events, days_left, round_state
from seuranta_xl.returns.status import round_status
from tests.returns_kit import ROUND, Kit


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def kit(tmp_path):
    return Kit(tmp_path)


def _scale() -> Scale:
    return Scale(name="s", steps=[ScaleStep(value="1", label="1"), ScaleStep(value="2", label="2")])


def test_events_apply_in_order_and_days_count_to_the_deadline():
    rnd = Round(id="r", title="R", deadline=dt.date(2024, 5, 15), scale=_scale())
    events = [RoundEvent("edit", "t1", title="Kevät", deadline="2024-05-31"), RoundEvent("close", "t2"),
              RoundEvent("reopen", "t3"), RoundEvent("edit", "t4", deadline=""), RoundEvent("close", "t5")]
    now = apply_events(rnd, events)
    assert (now.title, now.deadline, now.closed_at, round_state(now)) == ("Kevät", None, "t5", "closed")
    assert apply_events(rnd, events[:3]).closed_at is None and apply_events(rnd, events[:3]).deadline == dt.date(2024, 5, 31)
    assert rnd.title == "R" and not rnd.closed                       # the opened round is never changed
    assert [days_left(dt.date(2024, 5, 15), dt.date(2024, 5, d)) for d in (12, 15, 20)] == [3, 0, -5]
    assert days_left(None, dt.date(2024, 5, 1)) is None


def test_round_edit_list_and_json(kit):
    p = str(kit.proj)
    deadline = dt.date.today() + dt.timedelta(days=3)
    res = run("round", "edit", ROUND, "--deadline", f"{deadline.day}.{deadline.month}.{deadline.year}",
              "--title", "Syksy 2023 (jatkettu)", "--project", p)
    assert res.exit_code == 0, res.output
    said = " ".join(res.output.split())          # wrapped to the terminal's width
    assert "3 päivää jäljellä" in said and "”Syksy 2023 (jatkettu)”" in said
    doc = json.loads(run("round", "list", "--json", "--project", p).stdout)
    [r] = doc["rounds"]
    assert (r["state"], r["deadline"], r["days_left"], r["title"]) == ("open", deadline.isoformat(), 3,
                                                                       "Syksy 2023 (jatkettu)")
    listed = " ".join(run("round", "list", "--project", p).output.split())
    assert "avoinna · määräaika" in listed and "3 päivää jäljellä" in listed
    assert run("round", "edit", ROUND, "--no-deadline", "--project", p).exit_code == 0
    with kit.project.ledger() as ledger:
        assert ledger.round(ROUND).deadline is None
        assert [e.kind for e in ledger.round_events(ROUND)] == ["edit", "edit"]
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            ledger.conn.execute("DELETE FROM round_events")
    res = run("round", "edit", ROUND, "--project", p)
    assert res.exit_code == 2 and "--title" in res.output


def test_close_freezes_a_late_return_is_recorded_then_reopen_takes_it_in(kit):
    p = str(kit.proj)
    folder = kit.proj / "palautukset" / ROUND
    assert folder.is_dir()                                  # generate made it
    (folder / "hkp.xlsx").write_bytes(kit.fill("Hallinto").read_bytes())
    assert run("sync", "--project", p).exit_code == 0
    res = run("round", "close", ROUND, "--project", p)
    assert res.exit_code == 0 and "suljettu" in res.output, res.output
    header = [c.value for c in next(openpyxl.load_workbook(kit.project.master_path)["Toimenpiteet"].iter_rows(max_row=1))]
    assert f"{ROUND} arvio (lopullinen)" in header          # the master marks the closed round final

    (folder / "kasvu.xlsx").write_bytes(kit.fill("Kasvu").read_bytes())
    res = run("sync", "--json", "--project", p)
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    late = [f for f in doc["findings"] if f["code"] == "late-return"]
    assert [(f["file"], f["department"]) for f in late] == [("kasvu.xlsx", "Kasvu ja hyvinvointi")]
    assert doc["summary"]["late"] == 1 and doc["summary"]["new_returns"] == 0
    view, rows, _ = round_status(kit.proj, ROUND)
    state = {r.department: r.state for r in rows}
    assert state["Kasvu ja hyvinvointi"] == "missing" and state["Hallinto- ja konsernipalvelut"] == "returned"
    with kit.project.ledger() as ledger:
        [lr] = ledger.late(ROUND)
        assert (lr.file_name, lr.department) == ("kasvu.xlsx", "Kasvu ja hyvinvointi")
        assert [rec.file_name for rec in ledger.returns(ROUND)] == ["hkp.xlsx"]    # nothing merged
    assert json.loads(run("sync", "--json", "--project", p).stdout)["summary"]["late"] == 0   # seen once

    refused = run("generate", "--project", p)
    assert refused.exit_code == 2 and "round reopen" in refused.output
    refused = run("returns", "withdraw", "hkp.xlsx", "--project", p)
    assert refused.exit_code == 2 and "suljettu" in refused.output

    assert run("round", "reopen", ROUND, "--project", p).exit_code == 0
    doc = json.loads(run("sync", "--json", "--project", p).stdout)
    assert doc["summary"]["new_returns"] == 1 and not [f for f in doc["findings"] if f["code"] == "late-return"]
    _, rows, _ = round_status(kit.proj, ROUND)
    assert {r.department: r.state for r in rows}["Kasvu ja hyvinvointi"] in ("returned", "errors")
    with kit.project.ledger() as ledger:
        assert [e.kind for e in ledger.round_events(ROUND)] == ["close", "reopen"]
        assert len(ledger.late(ROUND)) == 1                # the history stays


def test_closing_twice_or_reopening_an_open_round_says_so(kit):
    p = str(kit.proj)
    res = run("round", "reopen", ROUND, "--project", p)
    assert res.exit_code == 2 and "avoinna" in res.output
    assert run("round", "close", ROUND, "--project", p).exit_code == 0
    res = run("round", "close", ROUND, "--project", p)
    assert res.exit_code == 2 and "jo suljettu" in res.output and "Traceback" not in res.output


def test_the_new_tables_are_append_only(kit):
    from seuranta_xl.core.roundlife import LateReturn
    with kit.project.ledger() as ledger:
        assert ledger.schema_version() >= 3      # 4: goal_statuses (#16)
        ledger.add_round_event(ROUND, RoundEvent("edit", "t", title="x"))
        ledger.add_late([LateReturn(ROUND, "f" * 64, "myohassa.xlsx", 1, None, "t", "t")])
        ledger.add_strategy_diff(1, 1, "{}")
        for table in ("round_events", "generated_workbooks", "late_returns", "strategy_diffs"):
            assert ledger.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] > 0, table
            for sql in (f"UPDATE {table} SET id = id + 1000", f"DELETE FROM {table}"):
                with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                    ledger.conn.execute(sql)


def test_a_closed_rounds_report_says_it_is_final(kit, tmp_path):
    p = str(kit.proj)
    assert run("round", "close", ROUND, "--project", p).exit_code == 0
    out = tmp_path / "raportti.md"
    assert run("report", "--format", "md", "--out", str(out), "--project", p).exit_code == 0
    closed = dt.datetime.now(ZoneInfo("Europe/Helsinki")).date()    # the closing day is the Finnish calendar day
    assert f"Kierros {ROUND} (lopullinen, suljettu {closed.day}.{closed.month}.{closed.year})" in out.read_text("utf-8")
