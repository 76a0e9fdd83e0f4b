"""The SQLite ledger: the project's source of truth, append-only.

Tables: meta (schema version), strategies (each import, as JSON), rounds, returns (one row per
accepted return file, with its findings) and entries (every value a return carried); from schema 2
also refused_files (every file a sync refused as a whole, first sight), sync_runs with sync_files
(which files were in the returns folder at each sync: what is current) and decisions (the
coordinator's withdraw / prefer, undone only by a later decision). Triggers make them append-only;
master.xlsx is rebuilt from here. From schema 4 also three caches that are not history (rows replaced;
emptied, the next sync only does more work): file_stats (the stat and hash of each file a sync hashed,
returns/filestats.py), master_builds (the state the master was last written for, outputs/masterstate.py)
and round_findings (a round's current findings at that state); from schema 8 round_status (what
`seuranta status` shows of a round at a state of the ledger and the code, returns/status.py, its
findings included), which replaces round_findings from schema 9.

Schema versions: a ledger is created at version 1 (BASE_SCHEMA) and brought to SCHEMA_VERSION by the
ordered MIGRATIONS, so a new ledger and a migrated one are built by the same statements. Opening an
older ledger migrates it in one transaction; a ledger newer than this code is refused.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding
from seuranta_xl.core.goals import GoalStatus
from seuranta_xl.core.inputs import inputs_from_json, inputs_json
from seuranta_xl.core.model import Entry, ReturnRecord, Round, Strategy
from seuranta_xl.core.roundlife import LateReturn, RoundEvent, apply_events
from seuranta_xl.core.versions import Decision, RefusedFile
from seuranta_xl.store.location import project_location

SCHEMA_VERSION = 9
CACHE_TABLES = ("file_stats", "master_builds", "round_status")   # not history: rows are replaced

BASE_SCHEMA = """
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


def _append_only(table: str) -> str:
    return "".join(f"CREATE TRIGGER IF NOT EXISTS {table}_append_only_{op[0].lower()} BEFORE {op} ON {table} "
                   f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END;\n" for op in ("UPDATE", "DELETE"))


# (version reached, statements): applied in order to a ledger at the version before it.
MIGRATIONS: tuple[tuple[int, str], ...] = (
    (2, """
ALTER TABLE returns ADD COLUMN application TEXT;
ALTER TABLE returns ADD COLUMN package_time TEXT;
ALTER TABLE sync_runs ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;
CREATE TABLE refused_files (
    id INTEGER PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    file_hash TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    department TEXT,
    first_seen TEXT NOT NULL,
    saved_at TEXT,
    application TEXT,
    package_time TEXT,
    file_mtime TEXT,
    findings_json TEXT NOT NULL,
    UNIQUE (round_id, file_hash)
);
CREATE TABLE sync_files (
    sync_id INTEGER NOT NULL REFERENCES sync_runs(id),
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    PRIMARY KEY (sync_id, file_name)
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    kind TEXT NOT NULL CHECK (kind IN ('withdraw', 'reinstate', 'prefer', 'unprefer')),
    file_hash TEXT NOT NULL,
    file_name TEXT NOT NULL,
    at TEXT NOT NULL
);
""" + "".join(_append_only(t) for t in ("refused_files", "sync_runs", "sync_files", "decisions"))),
    # The round's life (issue 13): independent statements, so the lead can renumber this step at a merge.
    (3, """
ALTER TABLE rounds ADD COLUMN carried_from TEXT;
CREATE TABLE IF NOT EXISTS round_events (
    id INTEGER PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    kind TEXT NOT NULL CHECK (kind IN ('edit', 'close', 'reopen', 'strategy')),
    title TEXT,
    deadline TEXT,
    strategy_id INTEGER REFERENCES strategies(id),
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS generated_workbooks (
    id INTEGER PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    department TEXT NOT NULL,
    strategy_id INTEGER NOT NULL REFERENCES strategies(id),
    fingerprint TEXT NOT NULL,
    file_name TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS late_returns (
    id INTEGER PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    file_hash TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    department TEXT,
    first_seen TEXT NOT NULL,
    closed_at TEXT NOT NULL,
    UNIQUE (round_id, file_hash)
);
CREATE TABLE IF NOT EXISTS strategy_diffs (
    id INTEGER PRIMARY KEY,
    old_strategy_id INTEGER REFERENCES strategies(id),
    new_strategy_id INTEGER NOT NULL REFERENCES strategies(id),
    at TEXT NOT NULL,
    diff_json TEXT NOT NULL
);
""" + "".join(_append_only(t) for t in ("round_events", "generated_workbooks", "late_returns", "strategy_diffs"))),
    # A status per goal (issue 16): what a source table said of a goal or focus area as a whole
    # (Tuusula's parent rows), imported with `init --results-round`. Self-contained: renumber freely.
    (4, """
CREATE TABLE IF NOT EXISTS goal_statuses (
    id INTEGER PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    level TEXT NOT NULL CHECK (level IN ('focus_area', 'goal')),
    node_id TEXT NOT NULL,
    grade TEXT,
    raw TEXT,
    cell TEXT,
    row INTEGER,
    UNIQUE (round_id, level, node_id)
);
""" + _append_only("goal_statuses")),
    # Ready and approved (issue 13): a return's ready mark (NULL: a workbook without the ready block, taken
    # as ready; 0 a draft; 1 ready) and who approved it. Self-contained, so the lead can renumber it.
    (5, """
ALTER TABLE returns ADD COLUMN ready INTEGER;
ALTER TABLE returns ADD COLUMN approver TEXT;
"""),
    # Incremental sync (issue 17): two caches, not history (rows are replaced; deleting them only makes
    # the next sync read every file and write the master again). Self-contained: renumbered at a merge.
    (6, """
CREATE TABLE IF NOT EXISTS file_stats (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    file_hash TEXT NOT NULL,
    checked_ns INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS master_builds (
    path TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS round_findings (
    round_id TEXT PRIMARY KEY REFERENCES rounds(id),
    state TEXT NOT NULL,
    findings_json TEXT NOT NULL
);
"""),
    # A round's inputs as data (issue 16): the round's input set (NULL: grade + comment, as before) and the
    # values of the inputs other than grade and comment. Self-contained, so the lead can renumber it.
    (7, """
ALTER TABLE rounds ADD COLUMN inputs_json TEXT;
CREATE TABLE IF NOT EXISTS entry_values (
    return_id INTEGER NOT NULL REFERENCES returns(id),
    action_id TEXT NOT NULL,
    input_key TEXT NOT NULL,
    value TEXT,
    cell TEXT,
    PRIMARY KEY (return_id, action_id, input_key)
);
""" + _append_only("entry_values")),
    # What status shows of a round (issue 17): a cache like round_findings, replaced per round; the state
    # is a hash of the ledger's history and of the code (returns/status.py), the JSON its departments'
    # rows and current findings.
    (8, """
CREATE TABLE IF NOT EXISTS round_status (
    round_id TEXT PRIMARY KEY REFERENCES rounds(id),
    state TEXT NOT NULL,
    status_json TEXT NOT NULL
);
"""),
    # round_findings dropped: round_status holds the same findings for the same state (the ledger's history
    # and the code), and sync with nothing new reads them from there.
    (9, """
DROP TABLE IF EXISTS round_findings;
"""),
)
assert [v for v, _ in MIGRATIONS] == list(range(2, SCHEMA_VERSION + 1))


def _statements(script: str) -> list[str]:
    """A script split into whole statements (executescript would commit the open transaction)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s]


def _findings_json(findings: list[Finding]) -> str:
    return json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False)


def _findings(text: str) -> list[Finding]:
    return [Finding.model_validate(f) for f in json.loads(text)]


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Ledger:
    def __init__(self, path: Path | str, *, _new: bool = False):
        self.path = Path(path)
        self.conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        self.conn.execute("PRAGMA foreign_keys = ON")
        # WAL on a local disk; a rollback journal on a network share or in a synced folder, where WAL's
        # shared memory does not reach other hosts and a -wal file could be uploaded without the db.
        self.journal = "WAL" if project_location(self.path.parent).local else "DELETE"
        self.conn.execute(f"PRAGMA journal_mode = {self.journal}")
        self.conn.execute("PRAGMA synchronous = FULL")
        self._strategies: dict[int, Strategy] = {}  # strategies are append-only: safe to keep
        if not _new:
            self._upgrade()

    # ------------------------------------------------------------ schema
    @classmethod
    def create(cls, path: Path | str) -> Ledger:
        ledger = cls(path, _new=True)
        ledger.conn.execute("BEGIN IMMEDIATE")
        try:
            if ledger._stored_version() == 0:
                for statement in _statements(BASE_SCHEMA):
                    ledger.conn.execute(statement)
                ledger.conn.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '1')")
            ledger.conn.execute("COMMIT")
        except BaseException:
            ledger.conn.execute("ROLLBACK")
            raise
        ledger._upgrade()
        return ledger

    def _stored_version(self) -> int:
        has_meta = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if not has_meta:
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def schema_version(self) -> int:
        return self._stored_version()

    def _upgrade(self) -> None:
        """Refuse a ledger newer than this code; bring an older one to SCHEMA_VERSION, step by step, in
        one transaction (a concurrent opener waits, then finds it done)."""
        version = self._stored_version()
        if version > SCHEMA_VERSION:
            raise UserError("ledger-newer", name=self.path.name, version=version, known=SCHEMA_VERSION)
        if version in (0, SCHEMA_VERSION):
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            version = self._stored_version()
            for target, sql in MIGRATIONS:
                if target > version:
                    for statement in _statements(sql):
                        self.conn.execute(statement)
                    self.conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(target),))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the ledger, whatever a concurrent sync commits meanwhile
        (a WAL read transaction; in rollback-journal mode a shared lock that a writer waits for). Nested
        use is fine."""
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
            "INSERT INTO rounds(id, title, deadline, scale_json, strategy_id, created_at, imported, seq, carried_from, "
            "inputs_json) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (rnd.id, rnd.title, rnd.deadline.isoformat() if rnd.deadline else None,
             rnd.scale.model_dump_json(), rnd.strategy_id, rnd.created_at or now_iso(), int(rnd.imported), seq,
             rnd.carried_from, inputs_json(rnd.inputs)),
        )

    _ROUND_SQL = ("SELECT id, title, deadline, scale_json, strategy_id, created_at, imported, carried_from, "
                  "inputs_json FROM rounds")

    def rounds(self) -> list[Round]:
        """Every round as it stands now: created, then edited, closed, reopened or moved to a newer strategy
        (round_events, applied in order; the rounds row itself is never changed). One snapshot."""
        with self.snapshot():
            rows = self.conn.execute(self._ROUND_SQL + " ORDER BY seq").fetchall()
            events = self._events(None)
        return [self._round(r, events.get(r[0], [])) for r in rows]

    def round(self, round_id: str) -> Round | None:
        with self.snapshot():
            row = self.conn.execute(self._ROUND_SQL + " WHERE id=?", (round_id,)).fetchone()
            events = self._events(round_id) if row else {}
        return self._round(row, events.get(round_id, [])) if row else None

    def _events(self, round_id: str | None) -> dict[str, list[RoundEvent]]:
        sql = "SELECT round_id, kind, title, deadline, strategy_id, at FROM round_events"
        rows = self.conn.execute(sql + (" WHERE round_id=? ORDER BY id" if round_id else " ORDER BY id"),
                                 (round_id,) if round_id else ())
        out: dict[str, list[RoundEvent]] = {}
        for r in rows:
            out.setdefault(r[0], []).append(RoundEvent(kind=r[1], title=r[2], deadline=r[3], strategy_id=r[4], at=r[5]))
        return out

    def round_events(self, round_id: str) -> list[RoundEvent]:
        """What happened to the round after it was opened, oldest first (`round edit/close/reopen`, strategy)."""
        return self._events(round_id).get(round_id, [])

    def add_round_event(self, round_id: str, event: RoundEvent) -> None:
        self.conn.execute("INSERT INTO round_events(round_id, kind, title, deadline, strategy_id, at) "
                          "VALUES (?,?,?,?,?,?)",
                          (round_id, event.kind, event.title, event.deadline, event.strategy_id, event.at))

    @staticmethod
    def _round(row, events: list[RoundEvent] = ()) -> Round:
        from seuranta_xl.core.model import Scale
        rnd = Round(id=row[0], title=row[1], deadline=dt.date.fromisoformat(row[2]) if row[2] else None,
                    scale=Scale.model_validate_json(row[3]), strategy_id=row[4], created_at=row[5],
                    imported=bool(row[6]), carried_from=row[7], inputs=inputs_from_json(row[8]))
        return apply_events(rnd, events)

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
        with self._write():
            return self._insert_returns(items)

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _insert_returns(self, items: list[tuple[ReturnRecord, list[Entry]]]) -> list[int]:
        ids: list[int] = []
        for rec, entries in items:
            cur = self.conn.execute(
                "INSERT INTO returns(round_id, department, file_name, file_hash, size, saved_at, file_mtime, "
                "received_at, n_rows, n_errors, findings_json, application, package_time, ready, approver) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (rec.round_id, rec.department, rec.file_name, rec.file_hash, rec.size, rec.saved_at,
                 rec.file_mtime, rec.received_at, rec.n_rows, rec.n_errors, _findings_json(rec.findings),
                 rec.application, rec.package_time, None if rec.ready is None else int(rec.ready), rec.approver),
            )
            rid = int(cur.lastrowid)
            ids.append(rid)
            self.conn.executemany(
                "INSERT INTO entries(return_id, action_id, grade, raw_grade, comment, grade_cell, comment_cell, "
                "accepted) VALUES (?,?,?,?,?,?,?,?)",
                [(rid, e.action_id, e.grade, e.raw_grade, e.comment, e.grade_cell, e.comment_cell,
                  int(e.accepted)) for e in entries],
            )
            self.conn.executemany(
                "INSERT INTO entry_values(return_id, action_id, input_key, value, cell) VALUES (?,?,?,?,?)",
                [(rid, e.action_id, key, value, e.cells.get(key)) for e in entries for key, value in e.values.items()],
            )
        return ids

    def returns(self, round_id: str | None = None) -> list[ReturnRecord]:
        sql = ("SELECT id, round_id, department, file_name, file_hash, size, saved_at, file_mtime, received_at, "
               "n_rows, n_errors, findings_json, application, package_time, ready, approver FROM returns")
        args: tuple = ()
        if round_id is not None:
            sql += " WHERE round_id=?"
            args = (round_id,)
        sql += " ORDER BY id"
        out = []
        for r in self.conn.execute(sql, args):
            out.append(ReturnRecord(id=r[0], round_id=r[1], department=r[2], file_name=r[3], file_hash=r[4],
                                    size=r[5], saved_at=r[6], file_mtime=r[7], received_at=r[8], n_rows=r[9],
                                    n_errors=r[10], findings=_findings(r[11]), application=r[12],
                                    package_time=r[13], ready=None if r[14] is None else bool(r[14]),
                                    approver=r[15]))
        return out

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
        extra = self._entry_values(round_id)
        for r in rows:
            values, cells = extra.get((r[0], r[1]), ({}, {}))
            by_id[r[0]].append(Entry(round_id=round_id, department=dept[r[0]], action_id=r[1], grade=r[2],
                                     raw_grade=r[3], comment=r[4], grade_cell=r[5], comment_cell=r[6],
                                     accepted=bool(r[7]), values=values, cells=cells))
        return [(rec, by_id[rec.id]) for rec in recs]

    def _entry_values(self, round_id: str) -> dict[tuple[int, str], tuple[dict, dict]]:
        """(return id, action id) -> (input key -> value, input key -> cell) of the further inputs."""
        out: dict[tuple[int, str], tuple[dict, dict]] = {}
        rows = self.conn.execute(
            "SELECT v.return_id, v.action_id, v.input_key, v.value, v.cell FROM entry_values v "
            "JOIN returns r ON r.id = v.return_id WHERE r.round_id=? ORDER BY v.rowid", (round_id,))
        for rid, aid, key, value, cell in rows:
            values, cells = out.setdefault((rid, aid), ({}, {}))
            values[key] = value
            if cell:
                cells[key] = cell
        return out

    # ------------------------------------------------------------ refused files, presence, decisions
    def has_refused(self, round_id: str, file_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM refused_files WHERE round_id=? AND file_hash=?",
                                 (round_id, file_hash)).fetchone() is not None

    def refused(self, round_id: str) -> list[RefusedFile]:
        rows = self.conn.execute(
            "SELECT round_id, file_hash, file_name, size, department, first_seen, findings_json, saved_at, "
            "application, package_time, file_mtime FROM refused_files WHERE round_id=? ORDER BY id", (round_id,))
        return [RefusedFile(round_id=r[0], file_hash=r[1], file_name=r[2], size=r[3], department=r[4],
                            first_seen=r[5], findings=tuple(_findings(r[6])), saved_at=r[7], application=r[8],
                            package_time=r[9], file_mtime=r[10]) for r in rows]

    def presence(self, round_id: str) -> dict[str, str] | None:
        """file hash -> file name of what was in the returns folder at the latest sync of the round;
        None when no sync has listed the folder (an imported round, a ledger from before schema 2)."""
        row = self.conn.execute("SELECT id, listed FROM sync_runs WHERE round_id=? ORDER BY id DESC LIMIT 1",
                                (round_id,)).fetchone()
        if row is None or not row[1]:
            return None
        files = self.conn.execute("SELECT file_hash, file_name FROM sync_files WHERE sync_id=? ORDER BY file_name",
                                  (row[0],))
        return {h: n for h, n in files}

    def decisions(self, round_id: str) -> list[Decision]:
        rows = self.conn.execute("SELECT kind, file_hash, file_name, at FROM decisions WHERE round_id=? ORDER BY id",
                                 (round_id,))
        return [Decision(kind=r[0], file_hash=r[1], file_name=r[2], at=r[3]) for r in rows]

    def add_decision(self, round_id: str, decision: Decision) -> None:
        self.conn.execute("INSERT INTO decisions(round_id, kind, file_hash, file_name, at) VALUES (?,?,?,?,?)",
                          (round_id, decision.kind, decision.file_hash, decision.file_name, decision.at))

    # ------------------------------------------------------------ sync runs (presence, rejected files)
    def last_folder(self, round_id: str) -> str | None:
        row = self.conn.execute("SELECT folder FROM sync_runs WHERE round_id=? ORDER BY id DESC LIMIT 1",
                                (round_id,)).fetchone()
        return row[0] if row else None

    def rejected(self, round_id: str) -> list[Finding]:
        """Findings of the files the latest sync of a round refused (they are not returns)."""
        row = self.conn.execute("SELECT rejected_json FROM sync_runs WHERE round_id=? ORDER BY id DESC LIMIT 1",
                                (round_id,)).fetchone()
        return _findings(row[0]) if row else []

    def record_sync(self, round_id: str, folder: str, new: list[tuple[ReturnRecord, list[Entry]]],
                    present: dict[str, str], rejected: list[Finding], refused: list[RefusedFile]) -> bool:
        """One transaction (a reader sees all of a sync or none of it): the new returns with their
        entries, the refused files not seen before, and a sync run listing the folder's files (file name
        -> hash) with the refusals' findings, unless exactly that is already the latest run."""
        with self._write():
            self._insert_returns(new)
            for ref in refused:
                self.conn.execute(
                    "INSERT OR IGNORE INTO refused_files(round_id, file_hash, file_name, size, department, first_seen, "
                    "findings_json, saved_at, application, package_time, file_mtime) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (round_id, ref.file_hash, ref.file_name, ref.size, ref.department, ref.first_seen,
                     _findings_json(list(ref.findings)), ref.saved_at, ref.application, ref.package_time,
                     ref.file_mtime))
            changed = self._latest_run(round_id) != (folder, sorted(present.items()), _findings_json(rejected))
            if changed:
                cur = self.conn.execute(
                    "INSERT INTO sync_runs(round_id, at, folder, rejected_json, listed) VALUES (?,?,?,?,1)",
                    (round_id, now_iso(), folder, _findings_json(rejected)))
                self.conn.executemany("INSERT INTO sync_files(sync_id, file_name, file_hash) VALUES (?,?,?)",
                                      [(cur.lastrowid, name, digest) for name, digest in present.items()])
        return changed

    def _latest_run(self, round_id: str) -> tuple | None:
        row = self.conn.execute("SELECT id, folder, rejected_json, listed FROM sync_runs WHERE round_id=? "
                                "ORDER BY id DESC LIMIT 1", (round_id,)).fetchone()
        if row is None or not row[3]:
            return None
        files = self.conn.execute("SELECT file_name, file_hash FROM sync_files WHERE sync_id=? ORDER BY file_name",
                                  (row[0],)).fetchall()
        return (row[1], [tuple(f) for f in files], row[2])

    # ------------------------------------------------------------ a status per goal (issue 16)
    def add_goal_statuses(self, statuses: list[GoalStatus]) -> None:
        with self._write():
            self.conn.executemany(
                "INSERT INTO goal_statuses(round_id, level, node_id, grade, raw, cell, row) VALUES (?,?,?,?,?,?,?)",
                [(s.round_id, s.level, s.node_id, s.grade, s.raw, s.cell, s.row) for s in statuses])

    def goal_statuses(self, round_id: str) -> dict[tuple[str, str], GoalStatus]:
        """(level, node id) -> the status a source gave that goal or focus area in the round."""
        rows = self.conn.execute("SELECT round_id, level, node_id, grade, raw, cell, row FROM goal_statuses "
                                 "WHERE round_id=? ORDER BY id", (round_id,))
        return {(r[1], r[2]): GoalStatus(*r) for r in rows}

    # ------------------------------------------------------------ the round's life (issue 13)
    def add_generated(self, round_id: str, items: list[tuple[str, int, str, str]]) -> None:
        """The workbooks a generate wrote: (department, strategy id, fingerprint, file name) each."""
        at = now_iso()
        with self._write():
            self.conn.executemany("INSERT INTO generated_workbooks(round_id, department, strategy_id, fingerprint, "
                                  "file_name, at) VALUES (?,?,?,?,?,?)",
                                  [(round_id, d, sid, fp, name, at) for d, sid, fp, name in items])

    def generated(self, round_id: str) -> dict[str, tuple[int, str, str]]:
        """department -> (strategy id, fingerprint, file name) of the latest workbook generated for it."""
        rows = self.conn.execute("SELECT department, strategy_id, fingerprint, file_name FROM generated_workbooks "
                                 "WHERE round_id=? ORDER BY id", (round_id,))
        return {r[0]: (int(r[1]), r[2], r[3]) for r in rows}

    def generated_all(self, round_id: str) -> list[tuple[str, int, str]]:
        """Every (department, strategy id, fingerprint) ever generated for the round, oldest first."""
        rows = self.conn.execute("SELECT department, strategy_id, fingerprint FROM generated_workbooks "
                                 "WHERE round_id=? ORDER BY id", (round_id,))
        return [(r[0], int(r[1]), r[2]) for r in rows]

    def add_late(self, late: list[LateReturn]) -> None:
        with self._write():
            self.conn.executemany(
                "INSERT OR IGNORE INTO late_returns(round_id, file_hash, file_name, size, department, first_seen, "
                "closed_at) VALUES (?,?,?,?,?,?,?)",
                [(x.round_id, x.file_hash, x.file_name, x.size, x.department, x.first_seen, x.closed_at) for x in late])

    def late(self, round_id: str) -> list[LateReturn]:
        rows = self.conn.execute("SELECT round_id, file_hash, file_name, size, department, first_seen, closed_at "
                                 "FROM late_returns WHERE round_id=? ORDER BY id", (round_id,))
        return [LateReturn(*r) for r in rows]

    def has_late(self, round_id: str, file_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM late_returns WHERE round_id=? AND file_hash=?",
                                 (round_id, file_hash)).fetchone() is not None

    def add_strategy_diff(self, old_id: int | None, new_id: int, diff_json: str) -> int:
        cur = self.conn.execute("INSERT INTO strategy_diffs(old_strategy_id, new_strategy_id, at, diff_json) "
                                "VALUES (?,?,?,?)", (old_id, new_id, now_iso(), diff_json))
        return int(cur.lastrowid)

    def strategy_diffs(self) -> list[tuple[int | None, int, str, str]]:
        """(old strategy id, new strategy id, at, diff JSON) of every re-import, oldest first."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT old_strategy_id, new_strategy_id, at, diff_json FROM strategy_diffs ORDER BY id")]

    # ------------------------------------------------------------ caches for incremental sync (issue 17)
    def file_stats(self) -> dict[str, tuple[int, int, int, int, str, int]]:
        """path -> (size, mtime_ns, ctime_ns, inode, hash, checked_ns) of every file a sync has hashed."""
        return {r[0]: tuple(r[1:]) for r in self.conn.execute(
            "SELECT path, size, mtime_ns, ctime_ns, inode, file_hash, checked_ns FROM file_stats")}

    def put_file_stats(self, items: list[tuple[str, int, int, int, int, str, int]]) -> None:
        """(path, size, mtime_ns, ctime_ns, inode, hash, checked_ns) of files just hashed."""
        if items:
            with self._write():
                self.conn.executemany("INSERT OR REPLACE INTO file_stats(path, size, mtime_ns, ctime_ns, inode, "
                                      "file_hash, checked_ns) VALUES (?,?,?,?,?,?,?)", items)

    def state_signature(self) -> str:
        """What every table of history holds, in a few numbers (they are append-only: a row count and the
        highest rowid change with every write): equal signatures, equal ledgers."""
        tables = ("strategies", "rounds", "round_events", "returns", "entries", "refused_files", "sync_runs",
                  "sync_files", "decisions", "late_returns", "generated_workbooks", "strategy_diffs", "goal_statuses",
                  "entry_values")
        with self.snapshot():
            counts = [self.conn.execute(f"SELECT count(*), max(rowid) FROM {t}").fetchone() for t in tables]
        return ";".join(f"{t}={n},{top}" for t, (n, top) in zip(tables, counts))

    def master_build(self, path: str) -> tuple[str, int, int] | None:
        """(state, size, mtime_ns) recorded when the master at ``path`` was last written."""
        row = self.conn.execute("SELECT state, size, mtime_ns FROM master_builds WHERE path=?", (path,)).fetchone()
        return (row[0], int(row[1]), int(row[2])) if row else None

    def put_master_build(self, path: str, state: str, size: int, mtime_ns: int) -> None:
        with self._write():
            self.conn.execute("INSERT OR REPLACE INTO master_builds(path, state, size, mtime_ns, at) VALUES (?,?,?,?,?)",
                              (path, state, size, mtime_ns, now_iso()))

    def round_status(self, round_id: str, state: str) -> str | None:
        """The JSON that status kept of the round at ``state`` (None: not for this state)."""
        row = self.conn.execute("SELECT status_json FROM round_status WHERE round_id=? AND state=?",
                                (round_id, state)).fetchone()
        return row[0] if row else None

    def put_round_status(self, round_id: str, state: str, status_json: str) -> bool:
        """Keep what status shows of the round at ``state``. A cache, so not kept (False) when the
        ledger cannot be written at once: read-only, or busy for more than a moment."""
        self.conn.execute("PRAGMA busy_timeout = 250")
        try:
            with self._write():
                self.conn.execute("INSERT OR REPLACE INTO round_status(round_id, state, status_json) "
                                  "VALUES (?,?,?)", (round_id, state, status_json))
            return True
        except sqlite3.OperationalError:
            return False
        finally:
            self.conn.execute("PRAGMA busy_timeout = 30000")

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
