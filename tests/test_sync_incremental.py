"""Incremental sync (issue 17): a file whose stat is unchanged is not read again, a file written too
close to its hashing is (racy), a file changed in place with its size and time put back is still
caught, and the master is left alone only while it shows the ledger's state."""
from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from tests.returns_kit import ROUND, Kit
from seuranta_xl.returns import filestats
from seuranta_xl.returns.sync import sync_folder

HOUR_NS = 3600 * 10**9


def stats(db: Path) -> dict[str, tuple]:
    conn = sqlite3.connect(db)
    try:
        return {Path(r[0]).name: r[1:] for r in conn.execute("SELECT * FROM file_stats")}
    finally:
        conn.close()


def age(path: Path, ns: int = HOUR_NS) -> None:
    """The file as if saved an hour ago (a return that has waited in the folder)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - ns))


def test_files_known_by_their_stat_and_files_changed_behind_it(tmp_path, monkeypatch):
    """One sync, then a second: an old untouched file is known by its stat (not read: its record stays
    as it was); a file written just before the first sync is hashed again (racy); a file rewritten in
    place with its size and modification time put back, and one replaced by a copy with its time
    preserved, are both read again."""
    kit = Kit(tmp_path)
    old, in_place = kit.fill("Elinvoima"), kit.fill("Hallinto")
    replaced = kit.fill("Hallinto", name="Hallinto-toinen.xlsx", edit=_comment("Ensimmäinen versio"))
    for path in (old, in_place, replaced):
        age(path)
    monkeypatch.setattr(filestats, "RACY_NS", 300_000_000)   # the racy window 0.3 s here, not 2 s of sleep
    time.sleep(filestats.RACY_NS / 1e9 + 0.1)                # even their change times are old now
    fresh = kit.fill("Kasvu")
    first = sync_folder(kit.proj, kit.returns)
    assert first.new_returns == 4
    before = stats(kit.project.db_path)

    st = in_place.stat()
    data = bytearray(in_place.read_bytes())
    data[len(data) // 2] ^= 0xFF                             # one byte: the zip no longer checks out
    with open(in_place, "r+b") as f:                         # in place: the same inode, the same size
        f.write(data)
    os.utime(in_place, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the old modification time
    assert (in_place.stat().st_size, in_place.stat().st_mtime_ns, in_place.stat().st_ino) == \
        (st.st_size, st.st_mtime_ns, st.st_ino)
    st = replaced.stat()
    copy = kit.fill("Hallinto", name="kopio.xlsx", edit=_comment("Toinen versio"))
    os.replace(copy, replaced)                               # a new file under the old name, its time preserved
    os.utime(replaced, ns=(st.st_atime_ns, st.st_mtime_ns))

    second = sync_folder(kit.proj, kit.returns)
    after = stats(kit.project.db_path)
    assert after[old.name] == before[old.name]               # known by its stat: not read, not recorded again
    assert after[fresh.name][-1] > before[fresh.name][-1]    # racy: hashed again
    assert (second.new_returns, second.rejected, second.unchanged) == (1, 1, 2)
    assert any(f.file == in_place.name for f in second.findings)


def _comment(text: str):
    def edit(wb, ws, meta, cols):
        ws[f"{cols['comment']}{meta['first_data_row']}"] = text
    return edit


def test_the_master_is_written_again_when_it_was_touched_or_the_state_changed(tmp_path):
    kit = Kit(tmp_path)
    kit.fill("Hallinto")
    sync_folder(kit.proj, kit.returns)
    master = kit.project.master_path
    written = master.read_bytes()
    master.write_bytes(b"opened and saved as something else")
    sync_folder(kit.proj, kit.returns)                       # the same state, but the file is not as written
    assert master.read_bytes() == written
    stamp = master.stat().st_mtime_ns
    kit.fill("Kasvu")
    sync_folder(kit.proj, kit.returns)                       # a new return: a new state
    assert master.stat().st_mtime_ns != stamp and master.read_bytes() != written


# ------------------------------------------------------------------------------ status (issue 17)
def _kept(db: Path) -> dict[str, tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT round_id, state, status_json FROM round_status")}
    finally:
        conn.close()


def _states(root: Path) -> dict[str, str]:
    from seuranta_xl.returns.status import round_status
    return {r.department: r.state for r in round_status(root)[1]}


def test_status_reads_what_sync_kept_until_the_ledger_changes(tmp_path):
    """sync keeps what status shows; status reads it (a planted state shows) while the ledger's history
    is unchanged, and merges again once anything is written (a new return)."""
    import json
    from seuranta_xl.returns.status import status_key
    kit = Kit(tmp_path)
    kit.fill("Hallinto")
    sync_folder(kit.proj, kit.returns)
    [(round_id, (state, kept))] = _kept(kit.project.db_path).items()
    with kit.project.ledger() as ledger:
        assert state == status_key(ledger)
    computed = _states(kit.proj)
    assert computed["Hallinto- ja konsernipalvelut"] == "returned" and "missing" in computed.values()

    planted = json.loads(kept)
    for row in planted["rows"]:
        row["state"] = "rejected"
    conn = sqlite3.connect(kit.project.db_path)
    with conn:
        conn.execute("UPDATE round_status SET status_json=?", (json.dumps(planted),))
    conn.close()
    assert set(_states(kit.proj).values()) == {"rejected"}      # read, not merged again

    kit.fill("Kasvu")
    sync_folder(kit.proj, kit.returns)
    now = _states(kit.proj)
    assert {d for d, s in now.items() if s == "returned"} == {"Hallinto- ja konsernipalvelut", "Kasvu ja hyvinvointi"}


def test_status_keeps_no_contacts_and_never_waits_for_a_writer(tmp_path):
    """Contacts come from seuranta.toml at each status (an edit shows at once, though nothing in the
    ledger changed); while another command holds the project, status answers without keeping."""
    import tomllib
    import tomli_w
    from seuranta_xl.returns.status import round_status
    kit = Kit(tmp_path)
    kit.fill("Hallinto")
    sync_folder(kit.proj, kit.returns)
    toml = kit.proj / "seuranta.toml"
    config = tomllib.loads(toml.read_text("utf-8"))
    config.setdefault("departments", {})["Kasvu ja hyvinvointi"] = {
        "contacts": [{"name": "Liisa Virta", "email": "liisa.virta@keuruu.fi"}]}
    toml.write_text(tomli_w.dumps(config), "utf-8")
    rows = {r.department: r for r in round_status(kit.proj)[1]}
    assert rows["Kasvu ja hyvinvointi"].contacts == [{"name": "Liisa Virta", "email": "liisa.virta@keuruu.fi"}]
    assert "Liisa" not in next(iter(_kept(kit.project.db_path).values()))[1]

    conn = sqlite3.connect(kit.project.db_path)
    with conn:
        conn.execute("DELETE FROM round_status")
    conn.close()
    started = time.monotonic()
    with kit.project.lock():                                  # a sync of another process, say
        assert _states(kit.proj)["Hallinto- ja konsernipalvelut"] == "returned"
    assert time.monotonic() - started < 3                     # a writer waits up to 5 s for the lock
    assert _kept(kit.project.db_path) == {}
    _states(kit.proj)
    assert len(_kept(kit.project.db_path)) == 1               # kept once the project was free


def test_status_from_what_was_kept_prints_what_a_merge_prints(tmp_path):
    """Text and --json of a status read from the cache equal those of one merged from the ledger, with a
    draft, an error and a missing department among them."""
    from click.testing import CliRunner
    from seuranta_xl.cli import main
    kit = Kit(tmp_path)
    kit.fill("Hallinto")
    kit.fill("Elinvoima", ready=None)                                  # a draft
    kit.fill("Kasvu", edit=lambda wb, ws, meta, cols: ws.__setitem__(
        f"{cols['grade']}{meta['first_data_row']}", "kymmenen"))        # an invalid grade
    sync_folder(kit.proj, kit.returns)

    def both() -> tuple[str, str]:
        runner = CliRunner()
        return tuple(runner.invoke(main, ["status", *extra, "--project", str(kit.proj)]).output
                     for extra in ([], ["--json"]))
    kept = both()
    conn = sqlite3.connect(kit.project.db_path)
    with conn:
        conn.execute("DELETE FROM round_status")
    conn.close()
    merged = both()
    assert _kept(kit.project.db_path)                                 # and kept again
    assert kept == merged
    assert "luonnos" in kept[0] and "invalid-grade" in kept[0]


def test_a_decision_or_a_close_keeps_what_status_will_show(tmp_path):
    """returns withdraw and round close merge the round for the master anyway: they keep its status for
    the ledger's new state, and status then shows the withdrawn file and the closed round; they record
    the state their master shows, so the next sync with nothing new does not write it again."""
    from seuranta_xl.returns.closing import close_round
    from seuranta_xl.returns.history import decide
    from seuranta_xl.returns.status import round_status, status_key
    kit = Kit(tmp_path)
    returned = kit.fill("Hallinto")
    sync_folder(kit.proj, kit.returns)
    decide(kit.proj, "withdraw", returned)
    with kit.project.ledger() as ledger:
        key = status_key(ledger)
    assert {state for state, _ in _kept(kit.project.db_path).values()} == {key}
    assert _states(kit.proj)["Hallinto- ja konsernipalvelut"] == "missing"     # its only version withdrawn
    close_round(kit.proj, ROUND)
    with kit.project.ledger() as ledger:
        assert _kept(kit.project.db_path)[ROUND][0] == status_key(ledger)
    assert round_status(kit.proj)[0].round.closed
    written = kit.project.master_path.stat().st_mtime_ns    # the close recorded the state its master shows:
    sync_folder(kit.proj, kit.returns)                      # a sync with nothing new leaves it alone
    assert kit.project.master_path.stat().st_mtime_ns == written
