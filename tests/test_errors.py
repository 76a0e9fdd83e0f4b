"""Errors are catalogue codes with parameters (core/error_catalogue.py), shown in the project's language.

The catalogue is complete (fi, sv, en message and hint for every code, the same fields in each), every
raise site names a known code and gives every field its texts use, and the CLI prints an error in the
language of the project it works in.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.core.error_catalogue import ERRORS, error_markdown, placeholders
from seuranta_xl.core.errors import MasterLockedError, UserError
from seuranta_xl.present.messages import fields_of

PKG = Path(__file__).resolve().parents[1] / "seuranta_xl"
REPO = PKG.parent
ERROR_CLASSES = {"UserError", "MasterLockedError", "FileInUseError", "LayoutError"}


def test_every_code_has_a_message_and_a_hint_in_every_language():
    for code, entry in ERRORS.items():
        for lang in ("fi", "sv", "en"):
            assert entry.message.get(lang, "").strip(), f"{code}: no {lang} message"
            assert entry.hint.get(lang, "").strip(), f"{code}: no {lang} hint"
        assert entry.message["sv"] not in (entry.message["fi"], entry.message["en"]), f"{code}: sv is a copy"


def test_every_language_of_a_code_uses_the_same_fields():
    for code, entry in ERRORS.items():
        per_lang = {lang: fields_of(entry.message[lang]) | fields_of(entry.hint[lang]) for lang in ("fi", "sv", "en")}
        assert per_lang["fi"] == per_lang["sv"] == per_lang["en"], f"{code}: {per_lang}"


def _raise_sites() -> list[tuple[str, int, str, set[str], bool]]:
    """(file, line, code, keyword names, has **kwargs) of every error built with a code."""
    sites = []
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in ERROR_CLASSES or not node.args or not isinstance(node.args[0], ast.Constant):
                continue
            first = node.args[0].value
            if len(node.args) == 1 and isinstance(first, str):
                keywords = {k.arg for k in node.keywords if k.arg}
                spread = any(k.arg is None for k in node.keywords)
                sites.append((str(path.relative_to(REPO)), node.lineno, first, keywords, spread))
    return sites


def test_every_raise_site_names_a_known_code_and_gives_its_fields():
    sites = _raise_sites()
    assert len(sites) > 40
    for file, line, code, keywords, spread in sites:
        assert code in ERRORS, f"{file}:{line}: unknown error code {code!r}"
        if not spread:
            missing = placeholders(ERRORS[code]) - keywords
            assert not missing, f"{file}:{line}: {code} needs {sorted(missing)}"
            extra = keywords - placeholders(ERRORS[code])
            assert not extra, f"{file}:{line}: {code} does not use {sorted(extra)}"


def test_every_code_is_raised_somewhere():
    raised = {code for _, _, code, _, _ in _raise_sites()}
    assert set(ERRORS) - raised == set()


def test_an_error_renders_in_each_language_and_refuses_a_missing_field():
    exc = UserError("round-exists", round="2024-kevat")
    assert exc.one_line("fi") == ("Kierros 2024-kevat on jo olemassa — "
                                  "Valitse toinen tunnus; olemassa olevaa kierrosta ei korvata.")
    assert exc.message("sv") == "Omgången 2024-kevat finns redan"
    assert str(exc) == "Round 2024-kevat already exists" and exc.code == "round-exists"
    assert exc.params == {"round": "2024-kevat"}
    with pytest.raises(TypeError, match="round"):
        UserError("round-exists")
    with pytest.raises(TypeError, match="unknown error code"):
        UserError("no-such-code")


def test_inline_texts_are_refused_and_subclasses_keep_working():
    with pytest.raises(TypeError, match="unknown error code"):
        UserError("Jotain meni pieleen")     # a sentence is not a code: every error is in the catalogue
    with pytest.raises(TypeError):
        UserError("round-exists", "Something went wrong", round="x")   # no positional English text
    locked = MasterLockedError("master-locked", path="master.xlsx")
    assert isinstance(locked, UserError) and "master.xlsx" in locked.one_line("sv")
    assert "Stäng filen" in locked.one_line("sv")


def test_docs_errors_md_is_generated_from_the_catalogue():
    assert (REPO / "docs" / "errors.md").read_text("utf-8") == error_markdown()


def _project_in(root: Path, lang: str) -> None:
    """A project folder whose seuranta.toml is real but whose ledger is missing."""
    from seuranta_xl.store.project import Project, new_config
    root.mkdir()
    Project(root).save_config(new_config("X", language=lang))


def test_the_cli_prints_an_error_in_the_projects_language(tmp_path, monkeypatch):
    monkeypatch.setenv("SEURANTA_LANG", "fi")
    _project_in(tmp_path / "sv", "sv")
    res = CliRunner().invoke(main, ["status", "--project", str(tmp_path / "sv")])
    assert res.exit_code == 2
    assert res.stderr.startswith("Fel: Liggaren ") and "saknas" in res.stderr   # the project's seuranta.db is missing
    # no --project: the project in the current folder
    _project_in(tmp_path / "en", "en")
    monkeypatch.chdir(tmp_path / "en")
    res = CliRunner().invoke(main, ["report"])
    assert res.exit_code == 2 and res.stderr.startswith("Error: The ledger ")


def test_without_a_project_the_cli_speaks_seuranta_lang_else_finnish(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SEURANTA_LANG", "sv")
    res = CliRunner().invoke(main, ["status", "--project", str(tmp_path / "none")])
    assert res.exit_code == 2 and res.stderr.startswith("Fel: Inget projekt i ")
    monkeypatch.delenv("SEURANTA_LANG")
    res = CliRunner().invoke(main, ["status", "--project", str(tmp_path / "none")])
    assert res.exit_code == 2 and res.stderr.startswith("Virhe: Projektia ei löydy kansiosta ")
