-- The ledger's schema version 1 (seuranta_xl/store/ledger.py at commit a4c9dbd), kept verbatim so a
-- test can build a real version-1 ledger and open it with today's code.
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
INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '1');
