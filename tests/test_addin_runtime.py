"""What the build does to xlwings' runtime and to the add-in's own settings, the version guard and
the install step, without Excel (the VBA itself runs in LibreOffice: tests/test_addin_vba.py)."""
from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from seuranta_xl import addin
from seuranta_xl.addin import build as addin_build
from seuranta_xl.addin import guard, runtime, settings
from seuranta_xl.cli import main
from seuranta_xl.core.errors import UserError

WIN_PYTHON = "D:\\Ohjelmat\\Jääskeläinen\\seuranta\\.venv\\Scripts\\python.exe"


def installed_runtime() -> str:
    return (runtime.xlwings_dir() / runtime.RUNTIME_FILE).read_text("utf-8").replace("\r\n", "\n")


def shipped_runtime() -> str:
    return runtime.xlwings_runtime()[0].source.replace("\r\n", "\n")


def code_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip() and not line.strip().startswith("'")]


# ------------------------------------------------------------------ the runtime's patches

def test_every_patch_applies_exactly_as_often_as_written():
    text = installed_runtime()
    for p in runtime.PATCHES:
        assert text.count(p.old) == p.count, p.why
    shipped = shipped_runtime()
    for p in runtime.PATCHES[1:]:
        assert p.old not in shipped or p.old in p.new, p.why


# Each use of the active workbook left in the shipped runtime, and why it cannot choose what runs.
REVIEWED_ACTIVE_WORKBOOK = {
    'If InStr(ActiveWorkbook.FullName, "://") = 0 Then': "a test only; ActiveFullName is then set empty",
    'XLPy.SetAttr XLPy.Module("xlwings._xlwindows"), "BOOK_CALLER", ActiveWorkbook': "UDF server's caller object",
    'ParameterString = ParameterString + "|" + ActiveWorkbook.Name': "macOS --wb: the buttons call from a SafeName book",
    '" --wb=" & """" & ActiveWorkbook.Name & """ --from_xl=1" & " --app=" & Chr(34) & _': "Windows --wb: the same",
    "Set wb = ActiveWorkbook": "ImportPythonUDFsBase (xlwings' UDF import), not called by the add-in",
    'ActiveWorkbook.VBProject.VBComponents.Remove ActiveWorkbook.VBProject.VBComponents("xlwings_udfs")': "UDF import",
    "ActiveWorkbook.VBProject.VBComponents.Import tf": "UDF import",
    'GetDirectoryConfigFilePath = GetDirectoryPath(ActiveWorkbook) & pathSeparator & PROJECT_NAME & ".conf"':
        "defined, no longer called (GetConfig replaced)",
    'If SheetExists(ActiveWorkbook, "Error") = False Then': "ShowError writes the message into it, reads nothing",
    "Set ErrorSheet = ActiveWorkbook.Sheets.Add()": "ShowError",
    'Set ErrorSheet = ActiveWorkbook.Sheets("Error")': "ShowError",
}


def test_what_is_left_of_the_active_workbook_in_the_runtime_is_reviewed():
    left = {line for line in code_lines(shipped_runtime()) if "ActiveWorkbook" in line}
    assert left == set(REVIEWED_ACTIVE_WORKBOOK)
    text = shipped_runtime()
    for helper in ("GetDirectoryConfigFilePath", "GetConfigFromSheet"):   # defined, never called
        assert [line for line in code_lines(text) if helper in line and "Function" not in line
                and not line.startswith(f"{helper} =") and not line.startswith(f"Set {helper} =")] == []
    get_config = text[text.index("Function GetConfig(configKey"):]
    get_config = get_config[:get_config.index("End Function")]
    assert "ActiveWorkbook" not in get_config and "ConfigValue(configKey, fallback, only)" in get_config


def test_a_runtime_text_that_changed_stops_the_build(monkeypatch, tmp_path):
    text = installed_runtime().replace("            Set wb = ActiveWorkbook\n", "            Set wb = ActiveWorkbook ' x\n")
    with pytest.raises(runtime.RuntimeMismatch):
        runtime.patch_runtime(text)
    import xlwings
    monkeypatch.setattr(xlwings, "__version__", "0.38.0")
    with pytest.raises(UserError) as exc:
        addin_build.build_xlam(tmp_path / "x.xlam")
    assert "0.38.0" in exc.value.one_line("fi") and "pip install" in exc.value.one_line("fi")
    assert not (tmp_path / "x.xlam").exists()


# ------------------------------------------------------------------ the add-in's own seuranta.conf sheet

def conf_sheet(xlam: Path) -> list[list]:
    wb = CalamineWorkbook.from_path(str(xlam))
    assert wb.sheet_names == [settings.SHEET_NAME]
    return wb.get_sheet_by_name(settings.SHEET_NAME).to_python()


@pytest.mark.parametrize("interpreter, key", [
    (WIN_PYTHON, "INTERPRETER_WIN"), ("\\\\palvelin\\python\\python.exe", "INTERPRETER_WIN"),
    ("/Volumes/Kunta/anna/Python 3.12/bin/python3", "INTERPRETER_MAC"), ("/opt/homebrew/bin/python3", "INTERPRETER_MAC")])
def test_the_interpreter_goes_into_the_addins_own_sheet(tmp_path, interpreter, key):
    xlam = addin_build.build_xlam(tmp_path / "seuranta.xlam", interpreter=interpreter)
    assert conf_sheet(xlam) == [[key, interpreter], ["ADD_WORKBOOK_TO_PYTHONPATH", "False"]]
    with zipfile.ZipFile(xlam) as z:
        assert '<sheet name="seuranta.conf"' in z.read("xl/workbook.xml").decode()


def test_without_an_interpreter_the_sheet_still_keeps_workbook_folders_off_sys_path(tmp_path):
    xlam = addin_build.build_xlam(tmp_path / "seuranta.xlam")
    assert conf_sheet(xlam) == [["ADD_WORKBOOK_TO_PYTHONPATH", "False"]]     # no empty keys hiding the user's file


def test_default_interpreter_is_this_python_where_excel_is():
    assert settings.default_interpreter("win32") == sys.executable
    assert settings.default_interpreter("darwin", "/usr/local/bin/python3") == "/usr/local/bin/python3"
    assert settings.default_interpreter("linux") is None


def test_cli_build_with_an_interpreter_and_without_one(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = tmp_path / "seuranta.xlam"
    res = CliRunner().invoke(main, ["addin", "build", "--out", str(out), "--interpreter", WIN_PYTHON])
    assert res.exit_code == 0, res.output
    assert f"Python, jota painikkeet käyttävät: {WIN_PYTHON}" in res.output
    assert conf_sheet(out)[0] == ["INTERPRETER_WIN", WIN_PYTHON]
    monkeypatch.setattr("sys.platform", "linux")
    res = CliRunner().invoke(main, ["addin", "build", "--out", str(out)])
    assert res.exit_code == 0 and "--interpreter" in res.output and "Pythonia ei kirjattu" in res.output


# ------------------------------------------------------------------ install

def test_install_on_macos_puts_the_addin_and_the_applescript_in_place(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    target = addin_build.install_xlam(platform="darwin", addin_dir=tmp_path / "XLSTART")
    assert target == tmp_path / "XLSTART" / "seuranta.xlam"
    assert conf_sheet(target)[0] == ["INTERPRETER_MAC", sys.executable]
    script = tmp_path / "home" / "Library" / "Application Scripts" / "com.microsoft.Excel" / \
        f"xlwings-{runtime.xlwings_version()}.applescript"
    assert script.read_bytes() == (runtime.xlwings_dir() / script.name).read_bytes()


def test_install_on_windows_copies_a_given_file_as_it_is(tmp_path):
    built = addin_build.build_xlam(tmp_path / "mine.xlam", interpreter=WIN_PYTHON)
    target = addin_build.install_xlam(built, platform="win32", addin_dir=tmp_path / "XLSTART")
    assert target.read_bytes() == built.read_bytes() and target.name == "mine.xlam"


def test_install_refuses_where_there_is_no_excel():
    with pytest.raises(UserError) as exc:
        addin_build.install_xlam(None, platform="linux")
    assert "Excel" in exc.value.one_line("en") and exc.value.message("sv") != exc.value.message("en")


# ------------------------------------------------------------------ the version guard

def test_guard_passes_the_same_version_and_an_old_addin():
    guard.check_built_with(guard.installed_xlwings())
    guard.check_built_with(None)
    with pytest.raises(UserError) as exc:
        guard.check_built_with("0.30.0", installed="0.37.8")
    assert exc.value.message("fi") == "Apuohjelma on rakennettu xlwingsin versiolle 0.30.0, mutta asennettuna on 0.37.8."
    assert "seuranta addin install" in exc.value.hint("fi") and "seuranta addin install" in exc.value.hint("sv")


@pytest.mark.parametrize("lang, words", [("fi", "Aja komento 'seuranta addin install' uudelleen"),
                                         ("sv", "Kör kommandot 'seuranta addin install' igen"),
                                         ("en", "Run 'seuranta addin install' again")])
def test_first_call_through_another_xlwings_says_to_install_again(tmp_path, monkeypatch, lang, words):
    from tests.test_addin import FakeApp, FakeBook
    import xlwings as xw
    monkeypatch.setenv(addin.CONFIG_ENV, str(tmp_path / "addin.json"))
    monkeypatch.setenv("SEURANTA_LANG", lang)
    app = FakeApp()
    app.caller = FakeBook(app)
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: app.caller))
    addin.show_status(built_with="0.30.0")
    [(mode, text)] = app.alerts
    assert mode == "critical" and words in text and "0.30.0" in text and "Traceback" not in text
    assert app.added == []                                     # nothing else ran


def test_the_guard_text_is_what_the_vba_sends():
    """RibbonSeuranta sends built_with= the runtime's XLWINGS_VERSION, which is the installed xlwings'."""
    assert re.search(rf'Public Const XLWINGS_VERSION As String = "{re.escape(runtime.xlwings_version())}"',
                     shipped_runtime())
