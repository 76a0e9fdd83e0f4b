"""Docs and help that cannot drift: the findings table is generated, every command has help."""
from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.core.findings import CATALOGUE, catalogue_markdown

REPO = Path(__file__).resolve().parents[1]


def test_findings_doc_is_generated_from_the_catalogue():
    assert (REPO / "docs" / "findings.md").read_text("utf-8") == catalogue_markdown(), \
        "regenerate: python -m seuranta_xl.core.findings > docs/findings.md"


def test_every_code_has_three_languages_and_a_hint():
    for code in CATALOGUE.values():
        assert code.code == code.code.lower() and " " not in code.code
        for lang in ("fi", "sv", "en"):
            assert code.message[lang].strip() and code.hint[lang].strip(), (code.code, lang)


def _commands(group: click.Group, prefix: str = ""):
    for name, cmd in group.commands.items():
        yield f"{prefix}{name}", cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix}{name} ")


def test_every_command_has_help_and_is_in_the_readme():
    readme = (REPO / "README.md").read_text("utf-8")
    for name, cmd in _commands(main):
        assert (cmd.help or "").strip(), f"{name} has no help text"
        res = CliRunner().invoke(main, [*name.split(), "--help"])
        assert res.exit_code == 0, name
        top = name.split()[0]
        assert f"seuranta {top}" in readme, f"'seuranta {top}' is not documented in README.md"


def test_an_unexpected_error_is_one_line_and_a_log_not_a_traceback(tmp_path, monkeypatch):
    import seuranta_xl.returns.status as sync_module

    def boom(*a, **k):
        raise RuntimeError("simulated bug")
    monkeypatch.setattr(sync_module, "round_status", boom)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    res = CliRunner().invoke(main, ["status", "--project", str(tmp_path)])
    assert res.exit_code == 2
    assert "Traceback" not in res.output and "simulated bug" in res.output
    log = (tmp_path / "seuranta-xl-crash.log").read_text("utf-8")
    assert "Traceback" in log and "RuntimeError: simulated bug" in log
