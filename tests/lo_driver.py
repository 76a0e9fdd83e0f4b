"""Pytest-side wrapper around tests/lo_fill.py, which must run under a Python that has LibreOffice's
`uno` module (Debian: python3-uno, only in the system interpreter; Windows and macOS: the Python
bundled in LibreOffice's program folder).

The interpreter is found, not assumed: $SEURANTA_UNO_PYTHON, then the Python beside `soffice`, then
every python3 / python on PATH (not only the first: a pyenv or venv shim usually comes before the
system one), each tried with `import uno`.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FILL_SCRIPT = Path(__file__).with_name("lo_fill.py")
MISSING = ("No Python with LibreOffice's 'uno' module was found (tried $SEURANTA_UNO_PYTHON, the Python "
           "beside soffice, python3 and python on PATH). On Debian: apt-get install python3-uno "
           "(bash .ci/run installs it); elsewhere set SEURANTA_UNO_PYTHON to LibreOffice's own Python.")


def _candidates() -> list[str]:
    found: list[str] = []
    if os.environ.get("SEURANTA_UNO_PYTHON"):
        found.append(os.environ["SEURANTA_UNO_PYTHON"])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        program = Path(soffice).resolve().parent
        found += [str(program / name) for name in ("python", "python.exe", "python3")]
    for folder in os.environ.get("PATH", "").split(os.pathsep):   # every match, not only the first
        for name in ("python3", "python", "python.exe"):
            found.append(str(Path(folder) / name))
    found.append(sys.executable)
    return [c for i, c in enumerate(found) if c not in found[:i] and Path(c).exists()]


@functools.cache
def uno_python() -> str:
    """The first interpreter that can `import uno`; RuntimeError with what to do when there is none."""
    for exe in _candidates():
        try:
            ok = subprocess.run([exe, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return exe
    raise RuntimeError(MISSING)


def fill(jobs: list[dict], timeout: float = 300, env: dict[str, str] | None = None) -> list[dict]:
    """Run fill jobs in one LibreOffice instance; returns one result dict per job. ``env``: variables
    added to LibreOffice's environment (e.g. TZ=Europe/Helsinki, a Finnish department's clock)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump({"jobs": jobs}, fh, ensure_ascii=False)
        spec = fh.name
    proc = subprocess.run([uno_python(), str(FILL_SCRIPT), spec], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})
    Path(spec).unlink(missing_ok=True)
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if len(results) != len(jobs):
        raise RuntimeError(f"LibreOffice fill failed: {proc.stderr[-2000:]}")
    return results
