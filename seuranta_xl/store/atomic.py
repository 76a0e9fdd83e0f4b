"""Writing a file so that its path always holds a whole file (shell helper).

Every output of the tool — seuranta.toml, master.xlsx, reports, exports, the add-in, the department
workbooks — is written to a hidden temp file beside the target, flushed to disk, and renamed over it:
a crash or a full disk leaves the previous file, never half of a new one, and no temp file is left
behind.

Windows: a file open in Excel cannot be replaced (os.replace raises PermissionError, winerror 32
"being used by another process" or 5 "access denied"), and an antivirus scan or OneDrive's sync can
hold a new file for a moment. A rename is retried briefly; if the target stays locked, or the temp file
cannot be written beside it, every writer gets one FileInUseError naming the file (one line, no
traceback), and the previous file is still there.
"""
from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from seuranta_xl.core.errors import FileInUseError

RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4)   # seconds between rename attempts: under a second in all


def temp_path(path: Path) -> Path:
    """The temp file beside ``path`` that a write goes through (`.<name>.tmp`)."""
    return path.with_name(f".{path.name}.tmp")


def replace_file(src: Path, dst: Path) -> None:
    """os.replace(src, dst), retried for a moment while dst is locked; FileInUseError(dst) if it stays so."""
    for delay in (*RETRY_DELAYS, None):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if delay is None:
                raise FileInUseError("file-in-use", path=str(dst)) from None
            time.sleep(delay)


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temp path beside ``path``; when the block ends without an exception, the temp file
    replaces ``path``. On an exception (or a failed rename) the temp file is removed. A PermissionError
    (the temp file or the target locked or write-protected) becomes FileInUseError naming ``path``."""
    path = Path(path)
    tmp = temp_path(path)
    try:
        try:
            yield tmp
        except PermissionError:
            raise FileInUseError("file-in-use", path=str(path)) from None
        replace_file(tmp, path)
    finally:
        with contextlib.suppress(OSError):   # never hide the real error behind a failed clean-up
            tmp.unlink(missing_ok=True)      # gone already after a successful rename


def write_atomic(path: Path, data: bytes | str, mode: int = 0o644) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically, created with permissions ``mode`` (on
    Windows only the read-only bit of a mode exists; both modes used here leave the file writable)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path) as tmp:
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
