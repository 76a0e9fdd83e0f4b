"""Pytest-side wrapper around tests/lo_fill.py (which must run under Debian's /usr/bin/python3)."""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
FILL_SCRIPT = Path(__file__).with_name("lo_fill.py")


def fill(jobs: list[dict], timeout: float = 300) -> list[dict]:
    """Run fill jobs in one LibreOffice instance; returns one result dict per job."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump({"jobs": jobs}, fh, ensure_ascii=False)
        spec = fh.name
    proc = subprocess.run([SYSTEM_PYTHON, str(FILL_SCRIPT), spec], capture_output=True, text=True,
                          timeout=timeout)
    Path(spec).unlink(missing_ok=True)
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if len(results) != len(jobs):
        raise RuntimeError(f"LibreOffice fill failed: {proc.stderr[-2000:]}")
    return results
