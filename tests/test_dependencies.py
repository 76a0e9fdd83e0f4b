"""Dependencies that match the code (pyproject.toml against every import):

- every library the package imports is a runtime dependency (a user's `pip install` brings it);
- every library the tests and benchmarks import is a runtime dependency or a test extra;
- every runtime dependency is imported by the package, every test extra by the tests (nothing
  declared that no code uses).

Import names are mapped to distributions through the installed metadata
(importlib.metadata.packages_distributions: ``docx`` -> python-docx), so a renamed package cannot hide.
"""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Run by LibreOffice's own Python (/usr/bin/python3 with uno), never by the project's: its `uno` and
# `com.sun.star` come with LibreOffice, not from PyPI.
LIBREOFFICE_SCRIPTS = {REPO / "tests" / "lo_fill.py", REPO / "tests" / "lo_basic.py"}
OWN = {"seuranta_xl", "tests"}
# Declared but never imported by name: the standard library's zoneinfo reads tzdata's files where the
# system has no time-zone database (Windows), for the master's Europe/Helsinki times.
READ_NOT_IMPORTED = {"tzdata"}
PYTEST_PLUGINS = {"pytest-xdist"}    # used through pyproject.toml's addopts (-n), never imported


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]

    def names(reqs: list[str]) -> set[str]:
        return {_normal(re.match(r"[A-Za-z0-9._-]+", r).group(0)) for r in reqs}
    return names(project["dependencies"]), names(project["optional-dependencies"]["test"])


def _imported(folders: list[str]) -> dict[str, set[str]]:
    """Distribution -> files importing it, for every third-party import under ``folders``."""
    dists = packages_distributions()
    out: dict[str, set[str]] = {}
    for folder in folders:
        for path in (REPO / folder).rglob("*.py"):
            if path in LIBREOFFICE_SCRIPTS:
                continue
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    tops = [a.name.split(".")[0] for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    tops = [node.module.split(".")[0]]
                else:
                    continue
                for top in tops:
                    if top in sys.stdlib_module_names or top in OWN:
                        continue
                    assert top in dists, f"{path.relative_to(REPO)} imports {top}, which no installed distribution provides"
                    for dist in dists[top]:
                        out.setdefault(_normal(dist), set()).add(str(path.relative_to(REPO)))
    return out


def test_the_package_imports_only_declared_runtime_dependencies():
    runtime, _test = _declared()
    undeclared = {d: sorted(files) for d, files in _imported(["seuranta_xl"]).items() if d not in runtime}
    assert not undeclared, f"imported by the package but not in [project] dependencies: {undeclared}"


def test_tests_and_benchmarks_import_only_declared_dependencies():
    runtime, test = _declared()
    undeclared = {d: sorted(files) for d, files in _imported(["tests", "bench"]).items()
                  if d not in runtime | test}
    assert not undeclared, f"imported by tests/bench but in neither dependencies nor the test extra: {undeclared}"


def test_every_declared_dependency_is_used():
    runtime, test = _declared()
    assert runtime - set(_imported(["seuranta_xl"])) - READ_NOT_IMPORTED == set(), "runtime dependencies no module imports"
    assert test - set(_imported(["tests"])) - PYTEST_PLUGINS == set(), "test extras no test imports"
