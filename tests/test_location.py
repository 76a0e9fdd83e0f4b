"""Where the project folder lives (issue 13): a network filesystem from a mounts table, a sync client's
folder from the path, and what the project does there — the ledger in rollback-journal mode (no -wal
file a sync client could upload alone), a lock file naming its host and process — simulated on Linux
with a fake mounts table and a folder named like "OneDrive - Kunta"."""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path, PureWindowsPath

import pytest
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.core.errors import UserError
from seuranta_xl.store import location
from seuranta_xl.store.hostlock import host_lock
from seuranta_xl.store.location import locate, mount_type, sync_client
from seuranta_xl.store.project import LOCK_NAME, Project
from tests.returns_kit import ROUND, Kit

MOUNTS = """sysfs /sys sysfs rw,nosuid 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw 0 0
//nas.keuruu.fi/strategia /mnt/strategia cifs rw,vers=3.1.1 0 0
nas:/export/yhteiset /mnt/yhteiset\\040kansiot nfs4 rw 0 0
kone@palvelin:/srv /srv/u/etä fuse.sshfs rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize("path, kind, detail", [
    ("/mnt/strategia/seuranta-2024", "network", "cifs"),
    ("/mnt/strategia", "network", "cifs"),
    ("/mnt/yhteiset kansiot/seuranta", "network", "nfs4"),        # \040 in the table is a space
    ("/srv/u/etä/projekti", "network", "fuse.sshfs"),
    ("/mnt/strategiat/projekti", "local", ""),                     # a longer name is not under /mnt/strategia
    ("/srv/u/seuranta", "local", ""),
    ("/tmp/x", "local", ""),
])
def test_network_filesystems_from_a_mounts_table(path, kind, detail):
    where = locate(Path(path), mounts_text=MOUNTS, platform="linux", env={})
    assert (where.kind, where.detail) == (kind, detail)


@pytest.mark.parametrize("path, client", [
    ("/koti/u/OneDrive - Keuruun kaupunki/Strategia/seuranta", "OneDrive"),
    ("/koti/u/OneDrive/seuranta", "OneDrive"),
    ("/kayttajat/u/Library/CloudStorage/OneDrive-KeuruunKaupunki/seuranta", "OneDrive"),
    ("/koti/u/Dropbox (Keuruu)/seuranta", "Dropbox"),
    ("/kayttajat/u/Library/CloudStorage/GoogleDrive-a@keuruu.fi/My Drive/seuranta", "Google Drive"),
    ("/kayttajat/u/Library/Mobile Documents/com~apple~CloudDocs/seuranta", "iCloud Drive"),
    ("/koti/u/Nextcloud/seuranta", "Nextcloud"),
    ("/koti/u/asiakirjat/seuranta", None),
    ("/koti/u/onedrive-ohje/seuranta", "OneDrive"),    # errs on the safe side: a name like a sync folder
])
def test_sync_folders_from_the_path(path, client):
    assert sync_client(Path(path), env={}) == client
    where = locate(Path(path), mounts_text=MOUNTS, platform="linux", env={})
    assert where.kind == ("synced" if client else "local")


def test_windows_unc_paths_and_the_onedrive_variables():
    assert location._windows_remote(PureWindowsPath(r"\\palvelin\jako\seuranta"))
    assert not location._windows_remote(PureWindowsPath(r"\\?\C:\seuranta"))
    assert locate(Path(r"\\palvelin\jako\seuranta"), platform="win32", env={}).kind == "network"
    env = {"OneDriveCommercial": r"D:\Profiilit\u\Keuruun kaupunki"}
    assert sync_client(PureWindowsPath(r"D:\Profiilit\u\Keuruun kaupunki\Strategia"), env) == "OneDrive"
    assert sync_client(PureWindowsPath(r"D:\Profiilit\u\Asiakirjat"), env) is None
    assert mount_type(Path("/"), "") is None


def _onedrive_kit(tmp_path) -> Kit:
    folder = tmp_path / "OneDrive - Kunta"
    folder.mkdir()
    return Kit(folder)


def test_in_a_synced_folder_the_ledger_has_one_file_and_the_lock_names_its_host(tmp_path):
    kit = _onedrive_kit(tmp_path)
    assert Project(kit.proj).location().kind == "synced"
    returns = kit.proj / "palautukset" / ROUND
    (returns / "hkp.xlsx").write_bytes(kit.fill("Hallinto").read_bytes())
    seen: dict = {}

    def watch():      # the lock file while a sync runs: who holds it
        lock = kit.proj / LOCK_NAME
        for _ in range(400):
            if lock.exists():
                try:
                    seen.update(json.loads(lock.read_text("utf-8")))
                    return
                except ValueError:
                    pass
            time.sleep(0.005)
    t = threading.Thread(target=watch)
    t.start()
    res = CliRunner().invoke(main, ["sync", "--project", str(kit.proj)])
    t.join()
    assert res.exit_code == 0, res.output
    assert "synkronoidussa kansiossa (OneDrive)" in res.stderr and "rollback-journal" in res.stderr
    assert seen.get("host") == socket.gethostname() and seen.get("pid") == os.getpid()
    assert not (kit.proj / LOCK_NAME).exists()                     # released
    conn = sqlite3.connect(kit.proj / "seuranta.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert not list(kit.proj.glob("seuranta.db-*"))              # no -wal, no -shm beside it
    with kit.project.ledger() as ledger:
        assert [r.file_name for r in ledger.returns(ROUND)] == ["hkp.xlsx"]


def test_a_lock_held_on_another_host_stops_with_its_name(tmp_path):
    lock = tmp_path / LOCK_NAME
    lock.write_text(json.dumps({"host": "KUNTA-PC-17", "pid": 4242, "since": "2024-05-30T08:00:00+00:00"}), "utf-8")
    t0 = time.monotonic()
    with pytest.raises(UserError) as exc:
        with host_lock(lock, wait=0.3):
            pass
    assert time.monotonic() - t0 >= 0.3
    line = exc.value.one_line("fi")
    assert "KUNTA-PC-17" in line and "4242" in line and str(lock) in line
    assert lock.exists()                                           # never taken from another host


def test_a_lock_left_by_a_dead_process_here_or_a_broken_file_is_taken_over(tmp_path):
    lock = tmp_path / LOCK_NAME
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock.write_text(json.dumps({"host": socket.gethostname(), "pid": int(dead.stdout), "since": "x"}), "utf-8")
    with host_lock(lock, wait=0.5):
        assert json.loads(lock.read_text("utf-8"))["pid"] == os.getpid()
    assert not lock.exists()
    lock.write_text("", "utf-8")                                   # a half-written lock file
    with host_lock(lock, wait=0.5):
        pass


def test_a_live_process_here_holds_the_lock(tmp_path):
    lock = tmp_path / LOCK_NAME
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock.write_text(json.dumps({"host": socket.gethostname(), "pid": sleeper.pid, "since": "x"}), "utf-8")
        with pytest.raises(UserError, match="in use"):
            with host_lock(lock, wait=0.2):
                pass
    finally:
        sleeper.kill()
        sleeper.wait()


def test_conflict_copies_of_the_ledger_are_reported(tmp_path):
    kit = Kit(tmp_path)
    (kit.proj / "seuranta-KUNTA-PC-17.db").write_bytes(b"")
    res = CliRunner().invoke(main, ["status", "--project", str(kit.proj)])
    assert res.exit_code == 0 and "seuranta-KUNTA-PC-17.db" in res.stderr and "ristiriitakopioita" in res.stderr


def test_the_override_and_a_local_folder(tmp_path, monkeypatch):
    kit = Kit(tmp_path)
    res = CliRunner().invoke(main, ["status", "--project", str(kit.proj)])
    assert res.exit_code == 0 and "Huom" not in res.stderr
    monkeypatch.setenv("SEURANTA_LOCATION", "network")
    assert Project(kit.proj).location().kind == "network"
    with kit.project.ledger() as ledger:
        assert ledger.journal == "DELETE"
