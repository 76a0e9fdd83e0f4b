"""Where the project folder lives: a local disk, a network share, or a folder a sync client uploads.

Coordinators keep the project on a network drive (SMB) or in OneDrive / SharePoint / Teams. SQLite's
WAL mode needs shared memory between the processes that use the database, which a network filesystem
does not give across hosts, and a sync client may upload seuranta.db without its -wal file (the last
commits are then missing on the other machine). So a folder that is not on a local disk, or that sits
in a known sync folder, is detected here and the project runs in its safe mode there: the ledger in
rollback-journal mode (journal_mode=DELETE: one file holds every commit), the project lock as a lock
file that names its host and process (an OS lock is not seen by another machine through a sync
client, and not always through SMB), and a warning that says what to do.

Detection, by platform:
- Linux: the filesystem type of the folder's mount in /proc/mounts (cifs, smb3, nfs, nfs4, sshfs,
  davfs, 9p, fuse.rclone …: `NETWORK_FS`);
- Windows: a UNC path (\\\\server\\share), or GetDriveTypeW of its drive == DRIVE_REMOTE (a mapped drive);
- macOS: statfs' f_fstypename (smbfs, nfs, afpfs, webdav);
- every platform: a folder under a sync client's folder: OneDrive ("OneDrive", "OneDrive - <org>",
  the OneDrive* environment variables), SharePoint / Teams libraries (synced under "OneDrive - <org>"
  or "<org>" with a "SharePoint" marker), Dropbox, Google Drive, iCloud Drive, Nextcloud, Box.
"""
from __future__ import annotations

import ctypes
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath

LOCAL, NETWORK, SYNCED = "local", "network", "synced"

NETWORK_FS = frozenset({"cifs", "smb3", "smbfs", "smb", "nfs", "nfs4", "ncpfs", "afs", "coda", "9p", "afpfs",
                        "webdav", "davfs", "fuse.davfs2", "fuse.sshfs", "sshfs", "fuse.rclone", "glusterfs",
                        "fuse.glusterfs", "ceph", "fuse.ceph", "lustre", "gpfs", "beegfs", "fuse.s3fs",
                        "fuse.onedriver", "fuse.gcsfuse", "virtiofs", "vboxsf", "prl_fs", "fuse.vmhgfs-fuse"})
# Folder names a sync client uploads (matched case-insensitively against every part of the path).
SYNC_FOLDERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("OneDrive", re.compile(r"^onedrive(\s*-\s*.+|-.+)?$", re.I)),       # OneDrive, "OneDrive - Kunta", OneDrive-Kunta
    ("SharePoint", re.compile(r"^sharepoint(\s*-\s*.+)?$", re.I)),
    ("Dropbox", re.compile(r"^dropbox(\s*\(.+\))?$", re.I)),
    ("Google Drive", re.compile(r"^(google\s*drive|googledrive-.+|my drive|oma drive|min enhet)$", re.I)),
    ("iCloud Drive", re.compile(r"^(icloud\s*drive|mobile documents|com~apple~clouddocs)$", re.I)),
    ("Nextcloud", re.compile(r"^(nextcloud|owncloud)$", re.I)),
    ("Box", re.compile(r"^box(\s*sync)?$", re.I)),
)
SYNC_ENV = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
DRIVE_REMOTE = 4


@dataclass(frozen=True)
class Location:
    kind: str            # local / network / synced
    detail: str          # the filesystem type or the sync client
    path: Path

    @property
    def local(self) -> bool:
        return self.kind == LOCAL


def unescape_mount(field: str) -> str:
    """/proc/mounts writes a space as \\040, a tab as \\011, a backslash as \\134."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def mount_type(path: PurePath, mounts_text: str) -> str | None:
    """The filesystem type of the mount that holds ``path`` (the longest mount point above it)."""
    best, kind = "", None
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = unescape_mount(parts[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def sync_client(path: PurePath, env: dict[str, str] | None = None) -> str | None:
    """The sync client whose folder holds ``path``, if any."""
    env = os.environ if env is None else env
    for name in SYNC_ENV:
        root = env.get(name)
        if root and _under(path, root):
            return "OneDrive"
    for part in path.parts:
        for client, pattern in SYNC_FOLDERS:
            if pattern.match(part.strip()):
                return client
    return None


def _under(path: PurePath, root: str) -> bool:
    a, b = str(path).casefold().rstrip("\\/"), root.casefold().rstrip("\\/")
    return a == b or a.startswith(b + "\\") or a.startswith(b + "/")


def _windows_remote(path: PureWindowsPath) -> bool:
    if str(path).startswith(("\\\\", "//")) and not str(path).startswith(("\\\\?\\", "\\\\.\\")):
        return True         # UNC: \\server\share\…
    if sys.platform != "win32" or not path.drive:
        return False
    try:
        return ctypes.windll.kernel32.GetDriveTypeW(path.drive + "\\") == DRIVE_REMOTE   # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return False


def _macos_fstype(path: Path) -> str | None:
    """statfs(2)'s f_fstypename on macOS (struct statfs, 64-bit inodes: the name at byte 72)."""
    try:
        libc = ctypes.CDLL("libc.dylib", use_errno=True)
        try:
            statfs = libc["statfs$INODE64"]      # Intel Macs: the 64-bit-inode layout under this name
        except AttributeError:
            statfs = libc.statfs                 # Apple silicon: only that layout
        buf = ctypes.create_string_buffer(2168)
        if statfs(os.fsencode(str(path)), buf) != 0:
            return None
        return buf.raw[72:88].split(b"\0", 1)[0].decode("ascii", "replace") or None
    except (OSError, AttributeError):
        return None


def _existing(path: Path) -> Path:
    """The absolute path with its existing part resolved (symlinks followed) and the rest as given."""
    path = Path(path).absolute()
    head, tail = path, []
    while not head.exists() and head != head.parent:
        tail.insert(0, head.name)
        head = head.parent
    try:
        head = head.resolve()
    except OSError:
        pass
    return head.joinpath(*tail)


def locate(path: Path, *, mounts_text: str | None = None, platform: str | None = None,
           env: dict[str, str] | None = None) -> Location:
    """Where ``path`` (a project folder, existing or to be made) lives. ``mounts_text``, ``platform`` and
    ``env`` stand in for /proc/mounts, sys.platform and os.environ (tests)."""
    platform = platform or sys.platform
    real = _existing(path)
    client = sync_client(real, env) or sync_client(Path(path).absolute(), env)
    if platform == "win32" or re.match(r"^[A-Za-z]:[\\/]|^\\\\", str(path)):
        if _windows_remote(PureWindowsPath(str(path))):
            return Location(NETWORK, "SMB", Path(path))
    elif platform == "darwin":
        kind = _macos_fstype(real)
        if kind and kind.casefold() in NETWORK_FS:
            return Location(NETWORK, kind, Path(path))
    else:
        if mounts_text is None:
            try:
                mounts_text = Path("/proc/mounts").read_text("utf-8", "replace")
            except OSError:
                mounts_text = ""
        kind = mount_type(real, mounts_text)
        if kind and (kind in NETWORK_FS or kind.startswith("fuse.") and "sshfs" in kind):
            return Location(NETWORK, kind, Path(path))
    if client:
        return Location(SYNCED, client, Path(path))
    return Location(LOCAL, "", Path(path))


_CACHE: dict[str, Location] = {}


def project_location(root: Path) -> Location:
    """locate() of a project folder, once per process and folder (SEURANTA_LOCATION=network|synced|local
    overrides it: the escape hatch when detection is wrong either way)."""
    forced = os.environ.get("SEURANTA_LOCATION", "").strip().lower()
    if forced in (LOCAL, NETWORK, SYNCED):
        return Location(forced, "SEURANTA_LOCATION", Path(root))
    key = str(Path(root).absolute())
    if key not in _CACHE:
        _CACHE[key] = locate(Path(root))
    return _CACHE[key]


def conflict_copies(root: Path) -> list[str]:
    """Copies a sync client made of the ledger when two machines changed it ("seuranta-KONE.db",
    "seuranta (1).db"): the ledger may have forked."""
    try:
        return sorted(p.name for p in Path(root).glob("seuranta*.db") if p.name != "seuranta.db")
    except OSError:
        return []
