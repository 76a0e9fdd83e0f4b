"""Compile and run the add-in's VBA in LibreOffice Basic (VBA mode), a second real VBA engine.

Runs under a Python that has LibreOffice's `uno` (tests/lo_driver.uno_python() finds it). Usage:

    PYTHON_WITH_UNO tests/lo_basic.py SPEC.json

SPEC.json: {"xlam": "...seuranta.xlam", "open": ["returned.xlsx", ...],
            "jobs": [{"library": "L1", "platform": "Win64",
                      "modules": [{"name": "xlwings", "from_xlam": true, "stubs": {"WScript": "..."}},
                                  {"name": "Stubs", "source": "..."}],
                      "calls": [["Stubs", "Probe42", []], ["RibbonSeuranta", "PyStr", ["a'b"]]]}]}

The add-in is loaded from a private copy with the filter "Calc MS Excel 2007 VBA XML" and macros
allowed: LibreOffice imports its modules into a document Basic library, and `from_xlam` modules
are read back from there (so what runs is what LibreOffice read out of vbaProject.bin). Each job
gets a library of its own, because one compile error makes every call into a library return None
silently; a probe function returning 42 is added to each module to tell "compiled" from "did not".
`open` documents are loaded (visible to Basic as workbooks) after the add-in; the last one is
made the active workbook. Prints one JSON line per job: {"library": ..., "results": [...]}.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile

import uno  # noqa: F401,E402  (Debian's python3-uno)

from lo_fill import _prop, start_office, stop_office  # noqa: E402  (tests/ is this script's folder)
from vba_source import for_libreoffice  # noqa: E402

PROBE = "\nPublic Function Probe42()\n    Probe42 = 42\nEnd Function\n"
CLASS_PROBE = "Option VBASupport 1\nPublic Function Probe42()\n    Probe42 = 42\nEnd Function\n"
VBA_FILTER = (_prop("Hidden", True), _prop("FilterName", "Calc MS Excel 2007 VBA XML"),
              _prop("MacroExecutionMode", 4))   # ALWAYS_EXECUTE_NO_WARN


def load(desktop, path: str, work: str, vba: bool):
    private = os.path.join(work, os.path.basename(path))
    shutil.copyfile(path, private)
    props = VBA_FILTER if vba else (_prop("Hidden", True),)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(private), "_blank", 0, props)
    if doc is None:
        raise RuntimeError(f"LibreOffice did not open {path}")
    return doc


def imported_modules(doc) -> dict[str, str]:
    libs = doc.BasicLibraries
    out = {}
    for lib_name in libs.getElementNames():
        libs.loadLibrary(lib_name)
        lib = libs.getByName(lib_name)
        out.update({name: lib.getByName(name) for name in lib.getElementNames()})
    return out


def add_library(doc, job: dict, imported: dict[str, str]) -> None:
    lib = doc.BasicLibraries.createLibrary(job["library"])
    for m in job["modules"]:
        source = imported[m["name"]] if m.get("from_xlam") else m["source"]
        source = for_libreoffice(source, job.get("platform", "Win64"), m.get("stubs"))
        if "Option ClassModule" in source:
            lib.insertByName(m["name"], source)
            lib.insertByName(f"Probe{m['name']}", CLASS_PROBE)
        else:
            lib.insertByName(m["name"], source + PROBE)


def call(doc, library: str, module: str, function: str, args: list):
    url = f"vnd.sun.star.script:{library}.{module}.{function}?language=Basic&location=document"
    result, _out_index, _out = doc.getScriptProvider().getScript(url).invoke(tuple(args), (), ())
    return result


def run_job(doc, job: dict, imported: dict[str, str]) -> dict:
    add_library(doc, job, imported)
    results = []
    for module, function, args in job.get("calls", []):
        try:
            results.append(call(doc, job["library"], module, function, args))
        except Exception as exc:  # a Basic runtime error: reported, the next call still runs
            results.append({"error": f"{type(exc).__name__}: {str(exc)[:500]}"})
    return {"library": job["library"], "results": results}


def main() -> int:
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    work = tempfile.mkdtemp(prefix="lo_basic_")
    proc, desktop = start_office(os.path.join(work, "profile"))
    try:
        doc = load(desktop, spec["xlam"], work, vba=True)
        imported = imported_modules(doc)
        print(json.dumps({"imported": sorted(imported)}), flush=True)
        others = [load(desktop, p, work, vba=False) for p in spec.get("open", [])]
        if others:
            desktop.setActiveFrame(others[-1].getCurrentController().getFrame())
            others[-1].getCurrentController().getFrame().activate()
        for job in spec["jobs"]:
            print(json.dumps(run_job(doc, job, imported), default=str), flush=True)
    finally:
        stop_office(proc, desktop, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
