"""The command line speaks the user's language (#14): help for every command and option, Click's own
usage errors, Finnish and ISO dates, "Tarkoititko …?", the project found from parent folders and shown
as a full path, plurals, and a catalogue with no gap in Swedish."""
from __future__ import annotations

import ast
import datetime as dt
import os
import re
from pathlib import Path

import click
import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.commandline import clickgettext, helptext
from seuranta_xl.core.error_catalogue import ERRORS
from seuranta_xl.core.findings import CATALOGUE
from seuranta_xl.core.identity import TITLES
from seuranta_xl.present.messages import LANGUAGES, MESSAGES, PLURALS, plural, text
from seuranta_xl.workbook.texts import TEXTS
from tests.builders import add_return, add_round, keuruu_strategy, make_project

# Click's messages only a programmer can meet (a command line declared wrongly), left in English.
CLICK_DEVELOPER_ONLY = {
    "d", "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.", "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.", "Unknown color {colour!r}",
    "Unknown standard stream '{name}'", "Couldn't detect Bash version, shell completion is not supported.",
    "Shell completion is not supported for Bash versions older than 4.4.",
}
# Words that are the same in Swedish and English (and differ from Finnish), checked one by one.
SAME_IN_SWEDISH_AND_ENGLISH = {"col.cell", "col.status", "severity.info", "metavar.round", "metavar.text",
                               "init.organisation", "init.layout", "plural.infos", "title.status",
                               "plural.versions", "plural.people", "report.median"}   # "1 version", "1 person", "Median" in both


def run(*args: str, lang: str = "fi", cwd: Path | None = None):
    runner = CliRunner()
    env = {"SEURANTA_LANG": lang, "COLUMNS": "80"}
    if cwd is None:
        return runner.invoke(main, list(args), env=env)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), env=env)
    finally:
        os.chdir(old)


@pytest.fixture()
def project(tmp_path):
    strategy = keuruu_strategy()
    proj = make_project(tmp_path / "p", strategy)
    add_round(proj, "2023-syys", imported=True)
    add_round(proj, "2024-kevat", title="Kevät 2024", deadline=dt.date.today() + dt.timedelta(days=3))
    dept = strategy.departments()[0]
    add_return(proj, "2024-kevat", dept, {r.id: ("3", None) for r in strategy.rows_for(dept)})
    return proj


# ------------------------------------------------------------------------------------------ help
def click_msgids() -> set[str]:
    """Every message the installed Click marks for translation (the first argument of _ and ngettext,
    and the singular and plural of ngettext)."""
    ids: set[str] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                ids.update(a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return ids | {"required"}       # core.py translates extra["required"], whose value is "required"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_message_of_click_has_a_translation(lang):
    import io
    catalog = read_po(io.StringIO(clickgettext.po_text(lang)))
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string}
    translated |= {m.id[1] for m in catalog if isinstance(m.id, tuple)}
    missing = sorted(click_msgids() - CLICK_DEVELOPER_ONLY - translated)
    assert not missing, f"add to seuranta_xl/data/locale/{lang}/click.po: {missing}"


def test_every_command_and_option_has_help_in_the_catalogue():
    for path, cmd in [("main", main), *helptext.commands(main)]:
        if path != "main":
            assert f"cmd.{path}" in MESSAGES and f"cmd.{path}.short" in MESSAGES, path
        for param in cmd.params:
            if isinstance(param, click.Option) and param.name != "help":
                assert helptext.option_key(path, param) or param.name == "version", (path, param.name)


@pytest.mark.parametrize("lang,words,not_words", [
    ("fi", ["Käyttö: seuranta [VALINNAT] KOMENTO", "Valinnat:", "Komennot:", "Näytä tämä ohje.",
            "Kokoa palautukset kirjanpitoon ja master.xlsx:ään"], ["Usage", "Options", "Show this"]),
    ("sv", ["Användning: seuranta [ALTERNATIV] KOMMANDO", "Alternativ:", "Kommandon:", "Visa den här hjälpen."],
     ["Usage", "Show this", "Käyttö"]),
    ("en", ["Usage: seuranta [OPTIONS] COMMAND", "Options:", "Commands:", "Show this message and exit."],
     ["Käyttö", "Valinnat"]),
])
def test_help_speaks_one_language(lang, words, not_words):
    res = run("--help", lang=lang)
    assert res.exit_code == 0
    for w in words:
        assert w in res.output, (w, res.output)
    for w in not_words:
        assert w not in res.output
    for line in res.output.splitlines():
        assert len(line) <= 80 and not line.endswith("…"), line   # the command list is never cut


def test_option_help_is_translated_for_every_command():
    for path, cmd in helptext.commands(main):
        res = run(*path.split("."), "--help", lang="fi")
        assert res.exit_code == 0, path
        assert "Käyttö:" in res.output and "Näytä tämä ohje." in res.output
        for param in cmd.params:
            if isinstance(param, click.Option) and param.name != "help":
                first_words = " ".join(text(helptext.option_key(path, param), "fi").split()[:2])
                assert first_words in " ".join(res.output.split()), (path, param.name)


# ------------------------------------------------------------------------------------------ usage errors
def test_clicks_own_errors_are_finnish(project):
    res = run("report", "--jsn", "--project", str(project.root))
    assert res.exit_code == 2
    assert "Valintaa '--jsn' ei ole. Tarkoititko '--json'?" in res.output
    assert "Ohjeet: 'seuranta report -h'" in res.output or "Ohjeet: 'seuranta report --help'" in res.output
    assert "No such option" not in res.output and "Try" not in res.output
    res = run("report", "--format", "pdf", "--project", str(project.root))
    assert res.exit_code == 2 and "Virheellinen arvo kohdassa '--format'" in res.output


@pytest.mark.parametrize("typed", ["15.5.2025", "15.05.2025", "2025-05-15"])
def test_finnish_and_iso_dates(project, typed):
    res = run("round", "new", "r2", "--deadline", typed, "--project", str(project.root))
    assert res.exit_code == 0, res.output
    with project.ledger() as ledger:
        assert ledger.round("r2").deadline == dt.date(2025, 5, 15)
    assert "määräaika 15.5.2025" in res.output and "Seuraavaksi: seuranta generate" in res.output


def test_a_date_that_is_not_one(project):
    for bad in ("15/5/2025", "31.2.2025", "huomenna"):
        res = run("round", "new", "r3", "--deadline", bad, "--project", str(project.root))
        assert res.exit_code == 2
        assert f"”{bad}” ei ole päivämäärä: kirjoita muodossa 15.5.2025 tai 2025-05-15." in res.output
        assert "does not match" not in res.output


def test_did_you_mean_a_round_and_a_department(project):
    res = run("status", "--round", "2024-kevät", "--project", str(project.root))
    assert res.exit_code == 2 and "Tarkoititko 2024-kevat?" in res.stderr
    res = run("status", "--department", "kasvu", "--project", str(project.root))
    assert res.exit_code == 2 and "Tarkoititko ”Kasvu ja hyvinvointi”?" in res.stderr
    res = run("generate", "--department", "hallinto ja konsernipalvelut", "--project", str(project.root))
    assert res.exit_code == 2 and "Tarkoititko ”Hallinto- ja konsernipalvelut”?" in res.stderr
    res = run("generate", "--department", "Hallinto- ja  konsernipalvelut", "--project", str(project.root))
    assert res.exit_code == 0, res.output
    assert "1 työkirja " in res.output and "(54 toimenpidettä)" in res.output


def test_the_project_is_found_from_a_folder_inside_it(project, tmp_path):
    inner = project.root / "lomakkeet" / "alikansio"
    inner.mkdir(parents=True)
    res = run("status", cwd=inner)
    assert " ".join(res.output.split()).startswith(f"Projekti: {project.root} Kierros")   # a long path wraps at 80
    assert res.exit_code == 0, res.output
    elsewhere = tmp_path / "muu"
    elsewhere.mkdir()
    res = run("status", cwd=elsewhere)
    assert res.exit_code == 2
    assert f"Projektia ei löydy kansiosta {elsewhere}:" in res.stderr      # the full path, never "."
    assert "seuranta init --strategy" in res.stderr


def test_the_projects_language_wins_over_the_environment(project):
    cfg = project.config_path.read_text("utf-8").replace('language = "fi"', 'language = "sv"')
    project.config_path.write_text(cfg, "utf-8")
    res = run("status", "--project", str(project.root), lang="en")
    assert "Omgång 2024-kevat – Kevät 2024" in res.output and "3 dagar kvar" in res.output
    res = run("status", "--help", "--project", str(project.root), lang="en")
    assert "Användning:" in res.output


# ------------------------------------------------------------------------------------------ plurals, catalogue
def test_plurals_follow_the_languages_rule():
    assert [plural("workbooks", n, "fi") for n in (0, 1, 2)] == ["0 työkirjaa", "1 työkirja", "2 työkirjaa"]
    assert [plural("workbooks", n, "sv") for n in (1, 3)] == ["1 arbetsbok", "3 arbetsböcker"]
    assert [plural("days", n, "en") for n in (1, 2)] == ["1 day", "2 days"]
    assert plural("more", 17, "fi") == "… ja 17 muuta"


def _pairs():
    """(key, fi, sv, en) of every user-facing text in every catalogue."""
    for key, (fi, sv, en) in MESSAGES.items():
        yield key, fi, sv, en
    for key, forms in PLURALS.items():
        for i in range(2):
            yield f"plural.{key}", forms[0][i], forms[1][i], forms[2][i]
    for code in CATALOGUE.values():
        for part in ("message", "hint"):
            d = getattr(code, part)
            yield f"finding.{code.code}.{part}", d["fi"], d["sv"], d["en"]
    for code in ERRORS.values():
        for part in ("message", "hint"):
            d = getattr(code, part)
            yield f"error.{code.code}.{part}", d["fi"], d["sv"], d["en"]
    for key in TEXTS["fi"]:
        yield f"workbook.{key}", str(TEXTS["fi"][key]), str(TEXTS["sv"].get(key, "")), str(TEXTS["en"].get(key, ""))
    for key in TITLES["fi"]:
        yield f"title.{key}", TITLES["fi"][key], TITLES["sv"].get(key, ""), TITLES["en"].get(key, "")


def test_swedish_is_complete_in_every_catalogue():
    """A gap fails here: a text without Swedish, or with Swedish that is just the English copied."""
    for key, fi, sv, en in _pairs():
        assert fi.strip() and sv.strip() and en.strip(), key
        if sv == en and fi != en:
            assert key in SAME_IN_SWEDISH_AND_ENGLISH, f"{key}: the Swedish is the English text: {sv!r}"
    assert set(LANGUAGES) == {"fi", "sv", "en"}


def test_no_english_usage_words_left_in_finnish_output(project):
    for args in (["status"], ["round", "list"], ["report", "--format", "md"]):
        res = run(*args, "--project", str(project.root))
        assert not re.search(r"\b(Error|Usage|Options|Try)\b", res.output), (args, res.output)


def test_init_asks_for_the_organisation_on_a_terminal(fixtures_dir, tmp_path, monkeypatch):
    import seuranta_xl.cli as cli
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    res = CliRunner().invoke(main, ["init", "--strategy", str(fixtures_dir / "kemi_strategia.xlsx"), "--project",
                                    str(tmp_path / "k")], input="Kemin kaupunki\n", env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert "Organisaation nimi (näkyy työkirjoissa ja raporteissa):" in res.output
    assert "Organisaatio: Kemin kaupunki" in res.output and "organisation-defaulted" not in res.output
    assert 'organisation = "Kemin kaupunki"' in (tmp_path / "k" / "seuranta.toml").read_text("utf-8")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_committed_mo_holds_what_the_po_says(lang):
    """click.mo is compiled from click.po beforehand (start-up, issue 17): after an edit of the .po,
    `python -m seuranta_xl.commandline.clickgettext` writes it again, or this fails."""
    import gettext
    import io
    clickgettext.translations.cache_clear()
    committed = clickgettext.translations(lang)
    fresh = gettext.GNUTranslations(io.BytesIO(clickgettext.compiled(lang)))
    def messages(tr):
        return {k: v for k, v in tr._catalog.items() if k != ""}   # the header holds Babel's date and version
    assert messages(committed) == messages(fresh), (
        f"seuranta_xl/data/locale/{lang}/click.mo is not click.po compiled: "
        "run python -m seuranta_xl.commandline.clickgettext")
    assert committed.gettext("Show this message and exit.") != "Show this message and exit."
