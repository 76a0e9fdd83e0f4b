"""Fill workbooks the way a department does, in LibreOffice (a real, independent spreadsheet client).

Runs under a Python that has LibreOffice's `uno` (tests/lo_driver.uno_python() finds it). Usage:

    PYTHON_WITH_UNO tests/lo_fill.py JOB.json

JOB.json: {"jobs": [{"src": "...xlsx", "dst": "...xlsx", "sheet": "Seuranta",
                      "cells": {"H7": 4, "I7": "text"}, "allow_locked": false}]}

Like a person in the UI, it only touches unlocked cells: LibreOffice's API would write into locked
cells of a protected sheet without complaint (LIBREOFFICE.md), so the lock flag is checked here and
a locked target is an error unless the job says allow_locked (used to build tampered returns).
Each document is loaded from a private copy, stored with the "Calc MS Excel 2007 XML" filter to a
temp name and renamed. Prints one JSON line per job: {"dst": ..., "ok": true} or {"error": ...}.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import uno  # noqa: E402  (Debian's python3-uno)
from com.sun.star.beans import PropertyValue  # noqa: E402


def _prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_office(profile: str):
    port = _free_port()
    proc = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible", "--norestore",
         "--nologo", "--nodefault", f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                raise RuntimeError("LibreOffice did not start")
            time.sleep(0.2)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop


def stop_office(proc, desktop, work: str) -> None:
    """End the office started by start_office (killed if it does not quit in 10 s) and remove ``work``."""
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    shutil.rmtree(work, ignore_errors=True)


def fill_one(desktop, job: dict, work: str) -> None:
    private = os.path.join(work, "in_" + os.path.basename(job["src"]))
    shutil.copyfile(job["src"], private)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(private), "_blank", 0,
                                       (_prop("Hidden", True),))
    try:
        sheets = doc.getSheets()
        sheet = sheets.getByName(job["sheet"])
        for ref, value in job.get("cells", {}).items():
            cell = sheet.getCellRangeByName(ref)
            if cell.CellProtection.IsLocked and sheet.isProtected() and not job.get("allow_locked"):
                raise PermissionError(f"{ref} is locked")
            if value is None:
                cell.setString("")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.setValue(value)
            elif isinstance(value, str) and value.startswith("=") and job.get("formulas"):
                cell.setFormula(value)
            else:
                cell.setString(str(value))
        for action in job.get("actions", []):
            if action == "unprotect":
                sheet.unprotect(job.get("password", ""))
        tmp = job["dst"] + ".tmp.xlsx"
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(tmp)),
                       (_prop("FilterName", "Calc MS Excel 2007 XML"),))
        os.replace(tmp, job["dst"])
    finally:
        doc.close(True)


def main() -> int:
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    work = tempfile.mkdtemp(prefix="lo_fill_")
    profile = os.path.join(work, "profile")
    proc, desktop = start_office(profile)
    status = 0
    try:
        for job in spec["jobs"]:
            try:
                fill_one(desktop, job, work)
                print(json.dumps({"dst": job["dst"], "ok": True}), flush=True)
            except Exception as exc:  # report per job, keep going
                status = 1
                print(json.dumps({"dst": job["dst"], "error": f"{type(exc).__name__}: {exc}"}), flush=True)
    finally:
        stop_office(proc, desktop, work)
    return status


if __name__ == "__main__":
    sys.exit(main())
