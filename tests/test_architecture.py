"""The rule that holds the code together (DESIGN.md "Code shape"), checked by package:

- `seuranta_xl/core/` is pure: it imports no I/O library and nothing outside core; so is
  `seuranta_xl/strategy/layouts/` (the strategy tables understood), which imports only core and itself;
- every other package imports only packages below it in LAYERS (no import runs back up, no cycle);
- every module lives in a package of LAYERS (a new folder must be placed in the picture first).

A change that breaks one of these fails here, whatever the modules are called.
"""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "seuranta_xl"

# Lowest first. A package may import the packages of earlier layers only.
LAYERS: list[set[str]] = [
    {"core"},                                  # pure: models, catalogue, validate, merge, ids, identity
    {"present"},                               # labels, tables and formats for people (fi/sv/en)
    {"store"},                                 # project folder, config, ledger, rounds, atomic writes, workers
    {"strategy", "workbook", "outputs"},       # tables in, workbooks out, master/report/export out
    {"returns"},                               # reading, check, sync (writes the master)
    {"addin", "demo", "frames", "commandline"},  # the Excel entry points, the demo, the pandas API, the CLI's click side
    {"cli"},                                   # the command line
]
DATA_PACKAGES = {"data", "workbook_templates", "macros"}   # files only, no code that imports
IO_LIBRARIES = {"openpyxl", "python_calamine", "sqlite3", "click", "xlsxwriter", "docx", "xlwings", "pandas",
                "rich", "zipfile", "subprocess", "shutil", "os", "pathlib", "io", "tempfile", "filelock",
                "matplotlib", "defusedxml", "socket", "email"}


def layer_of(package: str) -> int:
    for i, layer in enumerate(LAYERS):
        if package in layer:
            return i
    raise AssertionError(f"seuranta_xl/{package} is in no layer of tests/test_architecture.py")


def package_of(path: Path) -> str:
    rel = path.relative_to(PKG).parts
    return rel[0] if len(rel) > 1 else rel[0].removesuffix(".py")


def imports(path: Path) -> list[tuple[str, str]]:
    """(top-level module, seuranta_xl package or '') for every import in the file."""
    out: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                out.append((parts[0], parts[1] if parts[0] == "seuranta_xl" and len(parts) > 1 else ""))
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.relative_to(PKG)}: relative import (use seuranta_xl.<package>...)"
            parts = (node.module or "").split(".")
            if parts[0] == "seuranta_xl" and len(parts) == 1:
                out.extend(("seuranta_xl", a.name) for a in node.names)
            else:
                out.append((parts[0], parts[1] if parts[0] == "seuranta_xl" and len(parts) > 1 else ""))
    return out


def modules() -> list[Path]:
    """Every code file of the package but its own __init__.py and the data folders."""
    return [p for p in PKG.rglob("*.py") if p != PKG / "__init__.py" and package_of(p) not in DATA_PACKAGES]


# Pure folders: no I/O library, and only these seuranta_xl modules (dotted prefixes).
PURE: dict[str, tuple[str, ...]] = {
    "core": ("seuranta_xl.core",),
    "strategy/layouts": ("seuranta_xl.core", "seuranta_xl.strategy.layouts"),
}


def dotted_imports(path: Path) -> list[str]:
    """Every imported module of the file, dotted in full (``from a.b import c`` gives ``a.b.c``)."""
    out: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            out.extend(f"{node.module}.{a.name}" for a in node.names)
    return out


def test_pure_folders_import_no_io_library_and_no_shell():
    for folder, allowed in PURE.items():
        paths = list((PKG / folder).rglob("*.py"))
        assert paths, f"seuranta_xl/{folder} holds no module"
        for path in paths:
            for name in dotted_imports(path):
                top = name.split(".")[0]
                assert top not in IO_LIBRARIES, f"{folder}/{path.name} imports the I/O library {top}"
                if top == "seuranta_xl":
                    assert name.startswith(tuple(a + "." for a in allowed)), f"{folder}/{path.name} imports {name}"


def test_no_import_runs_back_up():
    for path in modules():
        here = package_of(path)
        for top, pkg in imports(path):
            if top != "seuranta_xl" or pkg in ("", "__version__", here) or pkg in DATA_PACKAGES:
                continue
            assert layer_of(pkg) < layer_of(here), (
                f"{path.relative_to(PKG)} ({here}, layer {layer_of(here)}) imports seuranta_xl.{pkg} "
                f"(layer {layer_of(pkg)}): only lower layers may be imported")


def test_every_module_is_in_a_layer():
    for path in modules():
        layer_of(package_of(path))


def test_top_level_holds_only_the_entry_points():
    """The command line, the demo and the public pandas API (seuranta_xl.frames) are the top-level modules."""
    entry_points = {"cli", "demo", "frames"}
    top = {p.stem for p in PKG.glob("*.py")} - {"__init__", "__main__"}
    assert top <= entry_points, sorted(top - entry_points)


def test_frames_reads_through_the_store_only():
    """seuranta_xl.frames is a thin view: it reads the project as the CLI does (store.roundview) and
    never the ledger's SQL or a workbook itself."""
    tops = {top for top, _pkg in imports(PKG / "frames.py")}
    assert not tops & {"sqlite3", "openpyxl", "python_calamine", "xlsxwriter"}, tops
    pkgs = {pkg for top, pkg in imports(PKG / "frames.py") if top == "seuranta_xl"}
    assert pkgs <= {"core", "store"}, pkgs




def test_every_function_fits_on_a_screen():
    """No function of the package over 60 lines (issue 11: one module, one job; functions that fit on a
    screen)."""
    for path in sorted(PKG.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                assert length <= 60, f"{path.relative_to(PKG)}: {node.name} has {length} lines"
