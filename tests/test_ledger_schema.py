"""The ledger's schema version: a real version-1 ledger (built from the v1 SQL kept in tests/data/ledger)
opens with today's code and is migrated, its returns and values intact and still append-only; a
ledger newer than the code is refused with one line; a new ledger and a migrated one have the same
schema."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.builders import REPO, keuruu_strategy
from seuranta_xl.cli import main
from seuranta_xl.core.errors import UserError
from seuranta_xl.core.versions import Decision
from seuranta_xl.store.ledger import SCHEMA_VERSION, Ledger
from seuranta_xl.store.project import Project, new_config

V1_SQL = REPO / "tests" / "data" / "ledger" / "schema_v1.sql"


def _v1_ledger(path: Path) -> None:
    """A version-1 ledger as the code of that time wrote it: strategy, a round, one accepted return."""
    conn = sqlite3.connect(path)
    conn.executescript(V1_SQL.read_text("utf-8"))
    strategy = keuruu_strategy()
    conn.execute("INSERT INTO strategies(imported_at, source_file, source_hash, layout, strategy_json) "
                 "VALUES ('2023-09-01T00:00:00+00:00', 'test', ?, 'test', ?)", ("0" * 64, strategy.model_dump_json()))
    scale = {"name": "1-5", "description": "", "steps": [{"value": str(i), "label": str(i), "colour": "#FFFFFF"}
                                                          for i in range(1, 6)]}
    conn.execute("INSERT INTO rounds(id, title, deadline, scale_json, strategy_id, created_at, imported, seq) "
                 "VALUES ('2023-syys', 'Syksy', NULL, ?, 1, '2023-09-01T00:00:00+00:00', 0, 1)", (json.dumps(scale),))
    rows = list(strategy.rows())[:2]
    dept = rows[0].action.department
    conn.execute("INSERT INTO returns(round_id, department, file_name, file_hash, size, saved_at, file_mtime, "
                 "received_at, n_rows, n_errors, findings_json) VALUES ('2023-syys', ?, 'vanha.xlsx', ?, 10, "
                 "'2023-09-30T12:00:00Z', NULL, '2023-10-01T08:00:00+00:00', 2, 0, '[]')", (dept, "a" * 64))
    conn.executemany("INSERT INTO entries(return_id, action_id, grade, raw_grade, comment, grade_cell, comment_cell, "
                     "accepted) VALUES (1, ?, ?, NULL, ?, 'H7', 'I7', 1)",
                     [(rows[0].id, "4", "hyvä"), (rows[1].id, "2", None)])
    conn.execute("INSERT INTO sync_runs(round_id, at, folder, rejected_json) VALUES ('2023-syys', "
                 "'2023-10-01T08:00:00+00:00', '/palautukset', '[]')")
    conn.commit()
    conn.close()


def _schema(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        conn.close()


def test_a_version_1_ledger_is_migrated_and_keeps_every_value(tmp_path):
    db = tmp_path / "seuranta.db"
    _v1_ledger(db)
    with Ledger(db) as ledger:
        assert ledger.schema_version() == SCHEMA_VERSION == 9
        [(rec, entries)] = ledger.round_returns("2023-syys")
        assert (rec.file_name, rec.application, rec.package_time) == ("vanha.xlsx", None, None)
        assert (rec.ready, rec.approver, rec.draft) == (None, None, False)   # before the ready step: taken as ready
        assert [(e.grade, e.comment) for e in entries] == [("4", "hyvä"), ("2", None)]
        assert [e.values for e in entries] == [{}, {}]        # no further inputs before schema 4
        assert ledger.round("2023-syys").inputs is None       # grade + comment, as the round always asked
        assert ledger.presence("2023-syys") is None          # v1 never listed the folder: everything counts
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            ledger.conn.execute("DELETE FROM returns")
        ledger.add_decision("2023-syys", Decision(kind="withdraw", file_hash="a" * 64, file_name="vanha.xlsx",
                                                  at="2023-10-02T00:00:00+00:00"))
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            ledger.conn.execute("UPDATE decisions SET kind='prefer'")   # new tables are append-only too
        ledger.add_decision("2023-syys", Decision(kind="reinstate", file_hash="a" * 64, file_name="vanha.xlsx",
                                                  at="2023-10-03T00:00:00+00:00"))
    migrated = _schema(db)
    fresh = tmp_path / "uusi.db"
    Ledger.create(fresh).close()
    strip = lambda rows: [(t, n, " ".join((s or "").split())) for t, n, s in rows]   # noqa: E731
    assert strip(migrated) == strip(_schema(fresh))


def test_the_migrated_round_shows_its_return_through_the_cli(tmp_path):
    project = Project(tmp_path)
    project.save_config(new_config("Keuruu"))
    _v1_ledger(project.db_path)
    res = CliRunner().invoke(main, ["status", "--project", str(tmp_path), "--json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["counts"]["returned"] == 1 and doc["counts"]["graded"] == 2
    res = CliRunner().invoke(main, ["returns", "--project", str(tmp_path), "--json"])
    [version] = json.loads(res.stdout)["versions"]
    assert (version["file"], version["state"], version["in_force"]) == ("vanha.xlsx", "current", True)


def test_a_ledger_newer_than_the_code_is_refused_in_one_line(tmp_path):
    db = tmp_path / "seuranta.db"
    Ledger.create(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 1),))
    conn.commit()
    conn.close()
    with pytest.raises(UserError) as exc:
        Ledger(db)
    assert "newer seuranta-xl" in exc.value.message("en") and "\n" not in exc.value.one_line("fi")
    project = Project(tmp_path)
    project.save_config(new_config("Keuruu"))
    res = CliRunner().invoke(main, ["status", "--project", str(tmp_path)])
    assert res.exit_code == 2 and "uudemmalla" in res.output and "Traceback" not in res.output


def test_the_state_signature_covers_every_table_of_history(tmp_path):
    """The master is left alone while the signature is unchanged (outputs/masterstate.py): a table of
    history left out of it would leave a master that does not show what the ledger holds."""
    from seuranta_xl.store.ledger import CACHE_TABLES
    with Ledger.create(tmp_path / "seuranta.db") as ledger:
        tables = {name for (name,) in ledger.conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                                          "AND name NOT LIKE 'sqlite_%'")}
        signed = {part.split("=")[0] for part in ledger.state_signature().split(";")}
    assert tables - {"meta", *CACHE_TABLES} == signed
