"""The rule that holds the code together (DESIGN.md): the core is pure. Nothing in it imports a
spreadsheet library, SQLite, click or the shell modules; a change that breaks this fails here."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "seuranta_xl"
CORE = ["model", "findings", "validate", "merge", "identity", "layouts", "textmatch", "ids", "summary",
        "cells", "returned", "filenames", "i18n", "errors"]
FORBIDDEN = {"openpyxl", "python_calamine", "sqlite3", "click", "xlsxwriter", "docx", "xlwings", "pandas",
             "rich", "zipfile", "subprocess", "shutil"}
SHELLS = {"importing", "workbook", "reading", "ledger", "master", "report", "cli", "addin", "addin_build",
          "sync", "project", "roundview", "demo", "export", "sheetdata", "rounds", "files"}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from .x import y / from . import x
                names.update({node.module.split(".")[0]} if node.module else {a.name for a in node.names})
            else:
                names.add((node.module or "").split(".")[0])
    return names


def test_core_modules_import_no_io_library_and_no_shell():
    for name in CORE:
        imported = imported_modules(PKG / f"{name}.py")
        assert not imported & FORBIDDEN, f"{name}.py imports {sorted(imported & FORBIDDEN)}"
        assert not imported & SHELLS, f"{name}.py imports the shell module(s) {sorted(imported & SHELLS)}"


def test_every_module_is_classified():
    modules = {p.stem for p in PKG.glob("*.py")} - {"__init__", "workbook_texts"}
    assert modules <= set(CORE) | SHELLS, sorted(modules - set(CORE) - SHELLS)
