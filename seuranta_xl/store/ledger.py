"""The SQLite ledger: the project's source of truth, append-only.

Tables: meta (schema version), strategies (each import, as JSON), rounds, returns (one row per
accepted return file, with its findings) and entries (every value a return carried). Triggers make
returns and entries append-only; master.xlsx is rebuilt from here.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from seuranta_xl.core.findings import Finding
from seuranta_xl.core.model import Entry, ReturnRecord, Round, Strategy

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS strategies (
    id INTEGER PRIMARY KEY,
    imported_at TEXT NOT NULL,
    source_file TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    layout TEXT NOT NULL,
    strategy_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rounds (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    deadline TEXT,
    scale_json TEXT NOT NULL,
    strategy_id INTEGER NOT NULL REFERENCES strategies(id),
    created_at TEXT NOT NULL,
    imported INTEGER NOT NULL DEFAULT 0,
    seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS returns (
    id INTEGER PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    department TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    saved_at TEXT,
    file_mtime TEXT,
    received_at TEXT NOT NULL,
    n_rows INTEGER NOT NULL,
    n_errors INTEGER NOT NULL,
    findings_json TEXT NOT NULL,
    UNIQUE (round_id, file_hash)
);
CREATE TABLE IF NOT EXISTS entries (
    return_id INTEGER NOT NULL REFERENCES returns(id),
    action_id TEXT NOT NULL,
    grade TEXT,
    raw_grade TEXT,
    comment TEXT,
    grade_cell TEXT,
    comment_cell TEXT,
    accepted INTEGER NOT NULL,
    PRIMARY KEY (return_id, action_id)
);
CREATE TABLE IF NOT EXISTS sync_runs (
    id INTEGER PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    at TEXT NOT NULL,
    folder TEXT NOT NULL,
    rejected_json TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS returns_append_only_u BEFORE UPDATE ON returns
    BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END;
CREATE TRIGGER IF NOT EXISTS returns_append_only_d BEFORE DELETE ON returns
    BEGIN SELECT RAISE(ABORT, 'returns are append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_append_only_u BEFORE UPDATE ON entries
    BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_append_only_d BEFORE DELETE ON entries
    BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
"""


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Ledger:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self._strategies: dict[int, Strategy] = {}  # strategies are append-only: safe to keep

    # ------------------------------------------------------------ schema
    @classmethod
    def create(cls, path: Path | str) -> Ledger:
        ledger = cls(path)
        ledger.conn.executescript(SCHEMA)
        ledger.conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)",
                            (str(SCHEMA_VERSION),))
        return ledger

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the ledger, whatever a concurrent sync commits meanwhile
        (a WAL read transaction). Nested use is fine."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ strategy
    def add_strategy(self, strategy: Strategy, source_file: str, source_hash: str, layout: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO strategies(imported_at, source_file, source_hash, layout, strategy_json) "
            "VALUES (?,?,?,?,?)",
            (now_iso(), source_file, source_hash, layout, strategy.model_dump_json()),
        )
        return int(cur.lastrowid)

    def strategy(self, strategy_id: int | None = None) -> tuple[int, Strategy] | None:
        if strategy_id is not None and strategy_id in self._strategies:
            return strategy_id, self._strategies[strategy_id]
        if strategy_id is None:
            row = self.conn.execute("SELECT id, strategy_json FROM strategies ORDER BY id DESC LIMIT 1").fetchone()
        else:
            row = self.conn.execute("SELECT id, strategy_json FROM strategies WHERE id=?", (strategy_id,)).fetchone()
        if row is None:
            return None
        sid = int(row[0])
        if sid not in self._strategies:
            self._strategies[sid] = Strategy.model_validate_json(row[1])
        return sid, self._strategies[sid]

    # ------------------------------------------------------------ rounds
    def add_round(self, rnd: Round) -> None:
        seq = self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM rounds").fetchone()[0]
        self.conn.execute(
            "INSERT INTO rounds(id, title, deadline, scale_json, strategy_id, created_at, imported, seq) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (rnd.id, rnd.title, rnd.deadline.isoformat() if rnd.deadline else None,
             rnd.scale.model_dump_json(), rnd.strategy_id, rnd.created_at or now_iso(), int(rnd.imported), seq),
        )

    def rounds(self) -> list[Round]:
        rows = self.conn.execute(
            "SELECT id, title, deadline, scale_json, strategy_id, created_at, imported FROM rounds ORDER BY seq"
        ).fetchall()
        return [self._round(r) for r in rows]

    def round(self, round_id: str) -> Round | None:
        row = self.conn.execute(
            "SELECT id, title, deadline, scale_json, strategy_id, created_at, imported FROM rounds WHERE id=?",
            (round_id,),
        ).fetchone()
        return self._round(row) if row else None

    @staticmethod
    def _round(row) -> Round:
        from seuranta_xl.core.model import Scale
        return Round(id=row[0], title=row[1], deadline=dt.date.fromisoformat(row[2]) if row[2] else None,
                     scale=Scale.model_validate_json(row[3]), strategy_id=row[4], created_at=row[5],
                     imported=bool(row[6]))

    def previous_round(self, round_id: str) -> Round | None:
        ids = [r.id for r in self.rounds()]
        if round_id not in ids:
            return None
        i = ids.index(round_id)
        return self.round(ids[i - 1]) if i > 0 else None

    # ------------------------------------------------------------ returns and entries
    def has_return(self, round_id: str, file_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM returns WHERE round_id=? AND file_hash=?",
                                 (round_id, file_hash)).fetchone() is not None

    def add_returns(self, items: list[tuple[ReturnRecord, list[Entry]]]) -> list[int]:
        """Record returns and their entries in one transaction: all or nothing."""
        ids: list[int] = []
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            for rec, entries in items:
                cur.execute(
                    "INSERT INTO returns(round_id, department, file_name, file_hash, size, saved_at, file_mtime, "
                    "received_at, n_rows, n_errors, findings_json) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (rec.round_id, rec.department, rec.file_name, rec.file_hash, rec.size, rec.saved_at,
                     rec.file_mtime, rec.received_at, rec.n_rows, rec.n_errors,
                     json.dumps([f.model_dump(mode="json") for f in rec.findings], ensure_ascii=False)),
                )
                rid = int(cur.lastrowid)
                ids.append(rid)
                cur.executemany(
                    "INSERT INTO entries(return_id, action_id, grade, raw_grade, comment, grade_cell, comment_cell, "
                    "accepted) VALUES (?,?,?,?,?,?,?,?)",
                    [(rid, e.action_id, e.grade, e.raw_grade, e.comment, e.grade_cell, e.comment_cell,
                      int(e.accepted)) for e in entries],
                )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return ids

    def returns(self, round_id: str | None = None) -> list[ReturnRecord]:
        sql = ("SELECT id, round_id, department, file_name, file_hash, size, saved_at, file_mtime, received_at, "
               "n_rows, n_errors, findings_json FROM returns")
        args: tuple = ()
        if round_id is not None:
            sql += " WHERE round_id=?"
            args = (round_id,)
        sql += " ORDER BY id"
        out = []
        for r in self.conn.execute(sql, args):
            out.append(ReturnRecord(id=r[0], round_id=r[1], department=r[2], file_name=r[3], file_hash=r[4],
                                    size=r[5], saved_at=r[6], file_mtime=r[7], received_at=r[8], n_rows=r[9],
                                    n_errors=r[10],
                                    findings=[Finding.model_validate(f) for f in json.loads(r[11])]))
        return out

    def entries(self, return_id: int) -> list[Entry]:
        rec = self.conn.execute("SELECT round_id, department FROM returns WHERE id=?", (return_id,)).fetchone()
        if rec is None:
            return []
        rows = self.conn.execute(
            "SELECT action_id, grade, raw_grade, comment, grade_cell, comment_cell, accepted FROM entries "
            "WHERE return_id=? ORDER BY rowid", (return_id,)).fetchall()
        return [Entry(round_id=rec[0], department=rec[1], action_id=r[0], grade=r[1], raw_grade=r[2], comment=r[3],
                      grade_cell=r[4], comment_cell=r[5], accepted=bool(r[6])) for r in rows]

    def round_returns(self, round_id: str) -> list[tuple[ReturnRecord, list[Entry]]]:
        """Every return of a round with its entries, in arrival order (one query each).

        Both queries read one snapshot: a sync committing in between would otherwise give entries of a
        return the first query did not see (KeyError in every reader: report, export, status)."""
        with self.snapshot():
            return self._round_returns(round_id)

    def _round_returns(self, round_id: str) -> list[tuple[ReturnRecord, list[Entry]]]:
        recs = self.returns(round_id)
        by_id: dict[int, list[Entry]] = {r.id: [] for r in recs if r.id is not None}
        dept = {r.id: r.department for r in recs}
        rows = self.conn.execute(
            "SELECT e.return_id, e.action_id, e.grade, e.raw_grade, e.comment, e.grade_cell, e.comment_cell, "
            "e.accepted FROM entries e JOIN returns r ON r.id = e.return_id WHERE r.round_id=? "
            "ORDER BY e.return_id, e.rowid", (round_id,))
        for r in rows:
            by_id[r[0]].append(Entry(round_id=round_id, department=dept[r[0]], action_id=r[1], grade=r[2],
                                     raw_grade=r[3], comment=r[4], grade_cell=r[5], comment_cell=r[6],
                                     accepted=bool(r[7])))
        return [(rec, by_id[rec.id]) for rec in recs]

    # ------------------------------------------------------------ sync runs (rejected files)
    def last_folder(self, round_id: str) -> str | None:
        row = self.conn.execute("SELECT folder FROM sync_runs WHERE round_id=? ORDER BY id DESC LIMIT 1",
                                (round_id,)).fetchone()
        return row[0] if row else None

    def rejected(self, round_id: str) -> list[Finding]:
        """Findings of the files the latest sync of a round refused (they are not returns)."""
        row = self.conn.execute("SELECT rejected_json FROM sync_runs WHERE round_id=? ORDER BY id DESC LIMIT 1",
                                (round_id,)).fetchone()
        return [Finding.model_validate(f) for f in json.loads(row[0])] if row else []

    def record_rejected(self, round_id: str, folder: str, findings: list[Finding]) -> bool:
        """Append a sync run's refused files unless they are exactly those already recorded."""
        if [f.model_dump(mode="json") for f in findings] == [f.model_dump(mode="json") for f in self.rejected(round_id)]:
            return False
        self.conn.execute("INSERT INTO sync_runs(round_id, at, folder, rejected_json) VALUES (?,?,?,?)",
                          (round_id, now_iso(), folder,
                           json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False)))
        return True

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
