"""Files a sync has already hashed, recognised by their stat alone (shell: os.stat, the ledger's cache).

A file of the returns folder whose size, modification time, change time and inode are what they were
when sync last hashed it is taken to hold the same bytes, without reading it again (the way git's index
recognises an unchanged file). What is assumed, and where it is not trusted:

- Writing a file changes its modification time, and on Linux and macOS its change time (ctime, which
  no program can set back); replacing it (a save, a sync client's download, ``cp`` over it with its time
  preserved) gives it a new inode or a new ctime. So a file with all four the same was not written.
- A file written within ``RACY_NS`` of the moment it was hashed could be written again within the same
  clock tick, leaving the four the same (git's "racy" files): such a record is not trusted, the file is
  hashed again (and, now old enough, trusted from then on).
- On Windows ``st_ctime`` is the creation time and a write in place keeps it: a program that rewrites a
  file in place to the same size and then sets its modification time back would go unnoticed there.
  Excel, LibreOffice and the sync clients all replace the file (a new file, so a new file index).
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from seuranta_xl.store.ledger import Ledger

RACY_NS = 2_000_000_000   # 2 s: coarser than any filesystem's timestamps that matter here (FAT: 2 s)


def _facts(st: os.stat_result) -> tuple[int, int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


class FileStats:
    """The ledger's file_stats for one sync: look up a file's known hash, remember new ones."""

    def __init__(self, ledger: Ledger):
        self._ledger = ledger
        self._known = ledger.file_stats()
        self._fresh: list[tuple[str, int, int, int, int, str, int]] = []

    def known_hash(self, path: Path, st: os.stat_result) -> str | None:
        """The hash recorded for ``path`` when its stat is unchanged and old enough to trust; else None."""
        known = self._known.get(_key(path))
        if known is None or known[:4] != _facts(st):
            return None
        digest, checked_ns = known[4], known[5]
        if max(st.st_mtime_ns, st.st_ctime_ns) >= checked_ns - RACY_NS:
            return None            # written too close to when it was hashed: read it again
        return digest

    def remember(self, path: Path, st: os.stat_result, digest: str) -> None:
        """``digest`` was computed from the bytes read after ``st`` was taken."""
        self._fresh.append((_key(path), *_facts(st), digest, time.time_ns()))

    def save(self) -> None:
        self._ledger.put_file_stats(self._fresh)
        self._fresh = []


def _key(path: Path) -> str:
    return str(path.resolve())
