"""No POSIX-only call on a path the CLI takes, and nothing that silently differs on Windows (an audit
of the package's source, so a new call is caught when it is written):

- no module that exists only on POSIX (fcntl, pwd, grp, termios, resource, ...) and no os / Path call
  that fails or does nothing there (chmod, chown, getuid, fork, kill, symlink, ...);
- every os.open passes O_BINARY where it exists (Windows' default text mode would turn each \\n byte
  of a binary file into \\r\\n);
- every text file is opened, read and written with an explicit encoding (Windows' default is the
  ANSI code page, cp1252, not UTF-8).
"""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "seuranta_xl"
POSIX_MODULES = {"fcntl", "pwd", "grp", "termios", "tty", "pty", "resource", "posix", "syslog", "crypt", "spwd",
                 "nis", "readline", "signal"}   # signal exists on Windows, but only a few of its signals
OS_POSIX_CALLS = {"chmod", "fchmod", "lchmod", "chown", "fchown", "lchown", "getuid", "geteuid", "getgid", "getegid",
                  "fork", "forkpty", "kill", "killpg", "setsid", "symlink", "link", "mkfifo", "mknod", "statvfs",
                  "sync", "nice", "getpgid", "setuid"}
PATH_POSIX_CALLS = {"chmod", "lchmod", "owner", "group", "symlink_to", "hardlink_to"}   # on a Path
TEXT_IO = {"read_text", "write_text"}


def sources() -> list[tuple[Path, ast.AST]]:
    return [(p, ast.parse(p.read_text("utf-8"))) for p in sorted(PKG.rglob("*.py"))]


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PKG)}:{node.lineno}"


def test_no_posix_only_module_or_call():
    found = []
    for path, tree in sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [f"{_where(path, node)} import {a.name}" for a in node.names
                          if a.name.split(".")[0] in POSIX_MODULES]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in POSIX_MODULES:
                found.append(f"{_where(path, node)} from {node.module}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                on_os = isinstance(node.func.value, ast.Name) and node.func.value.id == "os"
                if (on_os and node.func.attr in OS_POSIX_CALLS) or (
                        not on_os and node.func.attr in PATH_POSIX_CALLS and _on_a_path(node.func.value)):
                    found.append(f"{_where(path, node)} .{node.func.attr}()")
    assert not found, found


def _on_a_path(value: ast.AST) -> bool:
    """Whether a method is called on something that looks like a path (a name or attribute named so,
    or Path(...)): re's match.group() and click's group() are not."""
    name = value.id if isinstance(value, ast.Name) else getattr(value, "attr", "")
    if isinstance(value, ast.Call):
        name = getattr(value.func, "id", getattr(value.func, "attr", ""))
    return any(word in name.lower() for word in ("path", "file", "dir", "root", "target", "tmp"))


def test_every_os_open_is_binary_on_windows():
    calls = []
    for path, tree in sources():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "open"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "os"):
                calls.append((path, node))
    assert calls, "the audit found no os.open at all: has store/atomic.py changed?"
    for path, node in calls:
        assert "O_BINARY" in ast.dump(node), f"{_where(path, node)}: os.open without O_BINARY"


def _has_encoding(node: ast.Call, positional_at: int) -> bool:
    return any(k.arg == "encoding" for k in node.keywords) or len(node.args) > positional_at


def _binary_mode(node: ast.Call, mode_at: int) -> bool:
    mode = node.args[mode_at] if len(node.args) > mode_at else next(
        (k.value for k in node.keywords if k.arg == "mode"), None)
    return isinstance(mode, ast.Constant) and "b" in str(mode.value)


def test_every_text_file_is_opened_with_an_encoding():
    missing = []
    for path, tree in sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in TEXT_IO:
                if not _has_encoding(node, 0 if func.attr == "read_text" else 1):
                    missing.append(_where(path, node))
            elif isinstance(func, ast.Name) and func.id == "open":
                if not (_binary_mode(node, 1) or _has_encoding(node, 3)):
                    missing.append(_where(path, node))
            elif isinstance(func, ast.Attribute) and func.attr == "open" and isinstance(func.value, ast.Name) \
                    and func.value.id in ("path", "target", "log", "fh") and not _binary_mode(node, 0):
                if not _has_encoding(node, 2):
                    missing.append(_where(path, node))
    assert not missing, f"text I/O without an explicit encoding: {missing}"


def test_only_store_atomic_renames_files():
    """Every rename over a target goes through store/atomic.replace_file, so a file Excel holds open
    always gives FileInUseError naming it (docs/windows.md), never a bare PermissionError."""
    sites = [_where(path, node) for path, tree in sources() for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and node.attr in ("replace", "rename")
             and isinstance(node.value, ast.Name) and node.value.id == "os"]
    assert sites and all(s.startswith("store/atomic.py:") for s in sites), sites
