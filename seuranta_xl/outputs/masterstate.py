"""Whether master.xlsx already shows the ledger's state (shell): a sync with nothing new leaves it alone.

The master is a function of the ledger, the language, where it is written (its links to the returns
are relative to it) and the code that writes it. After each write sync records a hash of those next to
the master's size and modification time (ledger table master_builds); the next sync writes the master
again only when the hash differs, or the file is gone or not as written (opened and saved, replaced).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from seuranta_xl.store.codehash import code_fingerprint
from seuranta_xl.store.ledger import Ledger


def master_state(ledger: Ledger, lang: str, master: Path) -> str:
    """A hash of everything the master at ``master`` is made from."""
    parts = (ledger.state_signature(), lang, str(master.resolve()), code_fingerprint())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def is_current(ledger: Ledger, master: Path, state: str) -> bool:
    """The master file is the one written for ``state`` and untouched since."""
    recorded = ledger.master_build(str(master.resolve()))
    try:
        st = master.stat()
    except OSError:
        return False
    return recorded == (state, st.st_size, st.st_mtime_ns)


def remember(ledger: Ledger, master: Path, state: str) -> None:
    st = master.stat()
    ledger.put_master_build(str(master.resolve()), state, st.st_size, st.st_mtime_ns)
