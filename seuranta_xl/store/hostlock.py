"""A project lock that holds across machines (shell): a lock file that names its host and process.

An OS lock (fcntl / LockFileEx, what filelock.FileLock takes) lives in one machine's kernel: another
machine sees it through SMB only when the server enforces byte-range locks, and never through a sync
client. On a network share or in a synced folder the project lock is therefore this file: created
with O_CREAT | O_EXCL (atomic on a local disk, on SMB and on NFS v3+), holding the host, the process
id and the time, removed on release. A lock left by a process that died on this host is taken over;
one held by another host makes the command wait, then stop with one line that names the host, the
process and since when (and what to do if that machine is no longer running seuranta). In a synced
folder the file reaches the other machine only when the client has uploaded it: the warning the
command prints says so (docs/reliability.md).
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from seuranta_xl.core.errors import UserError

POLL_SECONDS = 0.1


def _holder(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this host. Never os.kill: on Windows it terminates the process.
    Windows: OpenProcess + GetExitCodeProcess (STILL_ACTIVE); elsewhere kill(pid, 0) through libc, which
    only asks (ESRCH: no such process). When it cannot be told, the process counts as alive."""
    if pid <= 0:
        return False
    try:
        if sys.platform == "win32":
            kernel32 = ctypes.windll.kernel32   # type: ignore[attr-defined]
            handle = kernel32.OpenProcess(0x1000, False, pid)   # PROCESS_QUERY_LIMITED_INFORMATION
            if not handle:
                return ctypes.get_last_error() == 5             # ERROR_ACCESS_DENIED: it exists
            code = ctypes.c_ulong()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            kernel32.CloseHandle(handle)
            return not ok or code.value == 259                  # STILL_ACTIVE
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.kill(pid, 0) == 0 or ctypes.get_errno() != errno.ESRCH
    except (OSError, AttributeError):
        return True


def _stale(holder: dict | None, host: str) -> bool:
    """A lock this host's dead process left, or a file that is not a lock at all (empty, half written)."""
    if holder is None:
        return True
    return holder.get("host") == host and not _alive(int(holder.get("pid", 0)))


def _try_create(path: Path, body: str) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(body)
        fh.flush()
        os.fsync(fh.fileno())
    return True


@contextlib.contextmanager
def host_lock(path: Path, wait: float) -> Iterator[None]:
    """Hold the lock file ``path`` for the block (waiting at most ``wait`` seconds for it)."""
    host = socket.gethostname()
    body = json.dumps({"host": host, "pid": os.getpid(),
                       "since": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()})
    deadline = time.monotonic() + wait
    while not _try_create(path, body):
        holder = _holder(path)
        if _stale(holder, host) and _holder(path) == holder:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            continue
        if time.monotonic() >= deadline:
            holder = holder or {}
            raise UserError("project-busy-elsewhere", host=str(holder.get("host", "?")),
                            pid=str(holder.get("pid", "?")), since=str(holder.get("since", "?")), path=str(path))
        time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        if _holder(path) == json.loads(body):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
