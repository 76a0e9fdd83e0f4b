"""A fingerprint of the code that is running (shell: stats the package's files).

Caches that hold what the code computed from the ledger (the master, outputs/masterstate.py; what
status shows, returns/status.py) keep it next to the ledger's state: after an update of the tool, even
within one version, they are computed again.

A fingerprint of the package's .py files by name, size and modification time, not their content: any
edit, checkout or install of a file gives it a new time, and stating 120 files takes 2 ms where reading
them takes 20 ms, which a status of 0.5 s cannot spare.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import seuranta_xl


@functools.cache
def code_fingerprint() -> str:
    package = Path(seuranta_xl.__file__).parent
    digest = hashlib.sha256(seuranta_xl.__version__.encode())
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        digest.update(f"\0{path.relative_to(package).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return digest.hexdigest()
