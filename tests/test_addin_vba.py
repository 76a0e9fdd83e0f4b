"""The add-in's VBA compiled and run by a second real VBA engine: LibreOffice Basic in VBA mode.

Measured facts this relies on (LibreOffice 7.4, see tests/lo_basic.py): the .xlam opens only with
the filter "Calc MS Excel 2007 VBA XML" and MacroExecutionMode set, and LibreOffice then imports
the project's modules from our vbaProject.bin into a document Basic library; a compile error makes
every call into a library return None, so each module is compiled in a library of its own with a
probe returning 42, and a module with a missing End If must fail (the negative control);
LibreOffice compiles both branches of #If, so each module is first resolved for Win64, Win32 and
Mac (tests/vba_source.py), and Enum values must be literals. It catches syntax errors, not
undeclared names. The host and the shells are stand-ins (tests/vba_stubs.py); our code and
xlwings' runtime run as shipped.
"""
from __future__ import annotations

import ast
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from seuranta_xl.addin import build as addin_build
from seuranta_xl.addin import runtime
from tests.lo_driver import uno_python
from tests.vba_stubs import PICKERS, RUNPYTHON_STUB, STUBS, WSCRIPT, class_modules

pytestmark = pytest.mark.libreoffice

BASIC_SCRIPT = Path(__file__).with_name("lo_basic.py")
MODULES = ["xlwings", "Dictionary", "RibbonSeuranta", "SeurantaRuntime", "ThisWorkbook", "Sheet2"]
PLATFORMS = ["Win64", "Win32", "Mac"]
VERSION = runtime.xlwings_version()


def run_basic(xlam: Path, jobs: list[dict], open_docs: list[Path] = (), cwd: Path | None = None,
              env: dict | None = None, timeout: float = 300) -> tuple[list[str], dict[str, list]]:
    """Run jobs in one LibreOffice; (modules LibreOffice imported from the add-in, results by library)."""
    spec = {"xlam": str(xlam), "open": [str(p) for p in open_docs], "jobs": jobs}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(spec, fh)
    full_env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})}
    full_env.pop("SEURANTA_LANG", None) if "SEURANTA_LANG" not in (env or {}) else None
    proc = subprocess.run([uno_python(), str(BASIC_SCRIPT), fh.name], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=full_env)
    Path(fh.name).unlink(missing_ok=True)
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines or len(lines) != len(jobs) + 1:
        raise RuntimeError(f"LibreOffice Basic run failed: {proc.stderr[-3000:]}")
    return lines[0]["imported"], {line["library"]: line["results"] for line in lines[1:]}


def stubs_module(*extra: str) -> dict:
    return {"name": "Stubs", "source": STUBS + "".join(extra)}


# ------------------------------------------------------------------ compile every module

NEGATIVE = "Option VBASupport 1\nSub Broken()\n    If 1 = 1 Then\n        Beep\nEnd Sub\n"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    xlam = addin_build.build_xlam(tmp_path_factory.mktemp("vba") / "seuranta.xlam",
                                  interpreter="/opt/anna/.venv/bin/python")
    jobs = []
    for platform in PLATFORMS:
        for name in MODULES:
            probe = f"Probe{name}" if name == "Dictionary" else name
            jobs.append({"library": f"C_{name}_{platform}", "platform": platform,
                         "modules": [{"name": name, "from_xlam": True}], "calls": [[probe, "Probe42", []]]})
    jobs.append({"library": "Negative", "modules": [{"name": "Broken", "source": NEGATIVE}],
                 "calls": [["Broken", "Probe42", []]]})
    jobs.append({"library": "NegativeOurs", "modules": [{"name": "RibbonSeuranta", "from_xlam": True,
                                                          "stubs": {"IsPlain": "Private Function IsPlain(c)\n"
                                                                    "    If c > 0 Then\nEnd Function\n"}}],
                 "calls": [["RibbonSeuranta", "Probe42", []]]})
    return run_basic(xlam, jobs)


def test_libreoffice_imports_every_module_of_the_project(compiled):
    imported, _ = compiled
    assert sorted(imported) == sorted(MODULES)


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("name", MODULES)
def test_every_module_compiles(compiled, name, platform):
    _, results = compiled
    assert results[f"C_{name}_{platform}"] == [42]


def test_a_compile_error_is_seen(compiled):
    _, results = compiled
    assert results["Negative"] == [None]
    assert results["NegativeOurs"] == [None]          # our module with one End If removed


# ------------------------------------------------------------------ PyStr and the buttons, RunPython stubbed

TRICKY = ["D:\\Palautukset\\Jääskeläinen\\O'Brien \"x\" $(touch pwned) `id` %TEMP% & | ; < > ^.xlsx",
          "/Volumes/Kunta/Palautukset 2024/Sivistys – ÅÄÖ €.xlsx", "\\\\server\\share\\a'b\\", "tab\there",
          "new\nline", "emoji 😀 beside text", ""]
PLAIN = re.compile(r"'[A-Za-z0-9 ._/:\\-]*'")          # \ only as the start of a \u / \U escape


def button_library(platform: str) -> dict:
    return {"library": f"Buttons_{platform}", "platform": platform,
            "modules": [{"name": "RibbonSeuranta", "from_xlam": True, "stubs": PICKERS},
                        stubs_module(RUNPYTHON_STUB.format(version=VERSION).replace("Option VBASupport 1\n", "")),
                        *class_modules("IRibbonControl", "BookStub", "WorkbooksStub")],
            "calls": []}


SCENARIOS = [  # (active workbook: name, folder, saved), picker gives, MsgBox gives, button
    ("saved return", ("Palautus_Sivistys.xlsx", "/srv/palautukset", True), "", 1, "SeurantaTarkista"),
    ("unsaved return, OK", ("Palautus_Sivistys.xlsx", "/srv/palautukset", False), "", 1, "SeurantaTarkista"),
    ("unsaved return, Cancel", ("Palautus_Sivistys.xlsx", "/srv/palautukset", False), "", 2, "SeurantaTarkista"),
    ("new book: pick", ("Kirja1", "", False), TRICKY[0], 1, "SeurantaTarkista"),
    ("picker cancelled", ("Kirja1", "", False), "", 1, "SeurantaTarkista"),
    ("hostile name", ("Palautus $(touch pwned) 'x'.xlsx", "/srv/palautukset", True), "", 1, "SeurantaTarkista"),
    ("no workbook", ("", "", True), "/srv/palautukset", 1, "SeurantaYhdista"),
    ("sync", ("master.xlsx", "/srv/projekti", True), TRICKY[1], 1, "SeurantaYhdista"),
    ("status", ("master.xlsx", "/srv/projekti", True), "", 1, "SeurantaTilanne"),
    ("report", ("master.xlsx", "/srv/projekti", True), "", 1, "SeurantaRaportti"),
    ("project", ("Kirja1", "", False), "/srv/projekti ä", 1, "SeurantaProjekti"),
]


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    xlam = addin_build.build_xlam(tmp_path_factory.mktemp("vba") / "seuranta.xlam")
    jobs = []
    for platform in ("Win64", "Mac"):
        job = button_library(platform)
        job["calls"] += [["RibbonSeuranta", "PyStr", [s]] for s in TRICKY]
        for _label, (name, folder, saved), picked, answer, button in SCENARIOS:
            job["calls"] += [["Stubs", "Setup", [picked, answer, ""]], ["Stubs", "SetBook", [name, folder, saved, ""]],
                             ["Stubs", "Press", [button]], ["Stubs", "Noted", []]]
        jobs.append(job)
    return run_basic(xlam, jobs)[1]


def sent_by(results: list, label: str) -> list[str]:
    at = len(TRICKY) + 4 * [s[0] for s in SCENARIOS].index(label) + 3
    return results[at].splitlines()


def cmd(entry: str, *args: str) -> str:
    from_vba = [pystr(a) for a in args] + [f"built_with={pystr(VERSION)}"]
    return f"RunPython import seuranta_xl.addin; seuranta_xl.addin.{entry}({', '.join(from_vba)})"


def pystr(s: str) -> str:
    """What PyStr should give: the plain characters as they are, every other one escaped."""
    out = []
    for ch in s:
        if re.fullmatch(r"[A-Za-z0-9 ._/:-]", ch):
            out.append(ch)
        elif ord(ch) > 0xFFFF:
            out.append(f"\\U{ord(ch):08X}")
        else:
            out.append(f"\\u{ord(ch):04X}")
    return "'" + "".join(out) + "'"


@pytest.mark.parametrize("platform", ["Win64", "Mac"])
def test_pystr_is_exact_and_inert_in_every_shell(ran, platform):
    results = ran[f"Buttons_{platform}"][:len(TRICKY)]
    for original, literal in zip(TRICKY, results):
        assert PLAIN.fullmatch(re.sub(r"\\u[0-9A-F]{4}|\\U[0-9A-F]{8}", "", literal)), literal
        assert ast.literal_eval(literal) == original
        assert literal == pystr(original)


@pytest.mark.parametrize("platform", ["Win64", "Mac"])
def test_each_button_sends_the_exact_python_command(ran, platform):
    r = ran[f"Buttons_{platform}"]
    assert sent_by(r, "saved return") == [cmd("check_workbook", "/srv/palautukset/Palautus_Sivistys.xlsx")]
    [ask, sent] = sent_by(r, "unsaved return, OK")
    assert ask == "MsgBox unsaved changes" and sent == cmd(
        "check_workbook", "/srv/palautukset/Palautus_Sivistys.xlsx")
    assert len(sent_by(r, "unsaved return, Cancel")) == 1                   # asked, nothing sent
    assert sent_by(r, "new book: pick") == ["PickFile Valitse tarkistettava palautus",
                                            cmd("check_workbook", TRICKY[0])]
    assert sent_by(r, "picker cancelled") == ["PickFile Valitse tarkistettava palautus"]
    assert sent_by(r, "hostile name") == ["Workbooks.Add", cmd(
        "check_workbook", "/srv/palautukset/Palautus $(touch pwned) 'x'.xlsx")]
    assert sent_by(r, "no workbook") == ["PickFolder Valitse palautuskansio", "Workbooks.Add",
                                         cmd("sync_returns", "/srv/palautukset")]
    assert sent_by(r, "sync") == ["PickFolder Valitse palautuskansio", cmd("sync_returns", TRICKY[1])]
    assert sent_by(r, "status") == [cmd("show_status")]
    assert sent_by(r, "report") == [cmd("make_report")]
    assert sent_by(r, "project") == ["PickFolder Valitse projektikansio (jossa on seuranta.toml)",
                                     cmd("choose_project", "/srv/projekti ä")]


# ------------------------------------------------------------------ a returned workbook changes nothing

EVIL_ADDIN = "import pathlib\npathlib.Path({marker!r}).write_text('planted seuranta_xl imported')\n"


def hostile_return(tmp: Path) -> dict:
    """A returns folder as a department could leave it: the returned workbook carries a seuranta.conf
    sheet (interpreter, PYTHONPATH, workbook folder on sys.path) and a *.py sheet; beside it a
    seuranta.conf file and a seuranta_xl/addin.py. Every one of them, if used, leaves a marker file."""
    import openpyxl
    folder = tmp / "palautukset"
    (folder / "seuranta_xl").mkdir(parents=True)
    markers = {k: tmp / f"marker-{k}" for k in ("interpreter", "import")}
    evil = tmp / "evil" / "python"
    evil.parent.mkdir()
    evil.write_text(f"#!/bin/sh\ntouch '{markers['interpreter']}'\n", "utf-8")
    evil.chmod(evil.stat().st_mode | stat.S_IXUSR)
    (folder / "seuranta_xl" / "__init__.py").write_text("", "utf-8")
    (folder / "seuranta_xl" / "addin.py").write_text(EVIL_ADDIN.format(marker=str(markers["import"])), "utf-8")
    settings = [("INTERPRETER_MAC", str(evil)), ("INTERPRETER_WIN", str(evil)), ("PYTHONPATH", str(folder)),
                ("ADD_WORKBOOK_TO_PYTHONPATH", "True"), ("CONDA PATH", str(folder)), ("CONDA ENV", "base")]
    beside = settings + [("LICENSE_KEY", "from-beside")]
    (folder / "seuranta.conf").write_text("".join(f'"{k}","{v}"\n' for k, v in beside), "utf-8")
    wb = openpyxl.Workbook()
    wb.active.title = "Seuranta"
    conf = wb.create_sheet("seuranta.conf")
    for row, (k, v) in enumerate(settings, start=1):
        conf.cell(row, 1, k)
        conf.cell(row, 2, v)
    wb.create_sheet("main.py")["A1"] = "import os; os.system('touch pwned')"
    wb.save(folder / "returned.xlsx")
    return {"folder": folder, "book": folder / "returned.xlsx", "evil": evil, "markers": markers}


LOOKED_UP = ["INTERPRETER_MAC", "INTERPRETER_WIN", "PYTHONPATH", "ADD_WORKBOOK_TO_PYTHONPATH", "CONDA ENV",
             "LICENSE_KEY"]


def e2e_library(library: str, platform: str, xlwings: dict, home: Path, book_name: str, folder: Path,
                press: bool = True) -> dict:
    """Our buttons, our config lookup and xlwings' runtime as shipped, with the returned workbook
    active; the calls: each LOOKED_UP setting as GetConfig gives it, then (press) the "Tarkista
    työkirja" button all the way to the shell, and what reached it."""
    extra = xlwings.get("extra", [])
    xlwings = {k: v for k, v in xlwings.items() if k != "extra"}
    if platform != "Mac":
        xlwings["stubs"] = {**xlwings.get("stubs", {}), **WSCRIPT}
    calls = [["Stubs", "Setup", ["", 1, str(home)]],
             ["Stubs", "SetBook", [book_name, str(folder), True, "returned.xlsx"]]]
    calls += [["xlwings", "GetConfig", [key, "", ""]] for key in LOOKED_UP]
    calls += [["Stubs", "Noted", []], ["Stubs", "Press" if press else "Noted",
                                        ["SeurantaTarkista"] if press else []], ["Stubs", "Noted", []]]
    return {"library": library, "platform": platform,
            "modules": [xlwings, *extra,
                        {"name": "SeurantaRuntime", "from_xlam": True},
                        {"name": "RibbonSeuranta", "from_xlam": True, "stubs": PICKERS},
                        {"name": "Dictionary", "from_xlam": True}, stubs_module(),
                        *class_modules("IRibbonControl", "BookStub", "WorkbooksStub", "AppStub", "ShellStub")],
            "calls": calls}


def looked_up(results: list) -> dict[str, str]:
    return dict(zip(LOOKED_UP, results[-len(LOOKED_UP) - 3:-3]))


def shell_lines(results: list, prefix: str) -> list[str]:
    return [line[len(prefix):] for line in results[-1].splitlines() if line.startswith(prefix)]


# xlwings' GetConfigFromSheet walks the sheet with Range.End(xlDown), which LibreOffice headless
# refuses ("No ViewShell available"), into its Dictionary class, whose Mac branch LibreOffice cannot
# run (an Enum of a class module); the same walk, cell by cell, into a plain key/value object:
CONFIG_FROM_SHEET = """Function GetConfigFromSheet(wb As Workbook)
    Dim d As Object, sht As Object, row As Long
    Set d = New KeyValues
    Set sht = wb.Sheets(PROJECT_NAME & ".conf")
    row = 1
    Do While CStr(sht.Cells(row, 1).Value) <> ""
        d.Add UCase(sht.Cells(row, 1).Value), CStr(sht.Cells(row, 2).Value)
        row = row + 1
    Loop
    Set GetConfigFromSheet = d
End Function
"""
KEY_VALUES = {"name": "KeyValues", "source": """Option VBASupport 1
Option ClassModule
Private storedKeys As String
Private storedValues As String
Public Sub Add(ByVal key As String, ByVal value As String)
    storedKeys = storedKeys & vbLf & key
    storedValues = storedValues & vbLf & value
End Sub
Public Function Exists(ByVal key As String) As Boolean
    Exists = InStr(storedKeys & vbLf, vbLf & key & vbLf) > 0
End Function
Public Function Item(ByVal key As String) As String
    Dim names As Variant, found As Variant, i As Long
    names = Split(storedKeys, vbLf)
    found = Split(storedValues, vbLf)
    For i = 0 To UBound(names)
        If names(i) = key Then Item = found(i)
    Next i
End Function
"""}


def unpatched_xlwings() -> dict:
    """The runtime as the add-in shipped it before: xlwings' own, only PROJECT_NAME set."""
    text = (runtime.xlwings_dir() / runtime.RUNTIME_FILE).read_text("utf-8").replace("\r\n", "\n")
    patch = runtime.PATCHES[0]
    text = text.replace(patch.old, patch.new)
    # Two things LibreOffice Basic reads differently from VBA, in GetConfig only, rewritten to the
    # same meaning: `GetConfig` inside GetConfig is a call there, not the return value (so the two
    # statements become one), and an omitted Optional can be copied but not compared or passed on.
    text, n = re.subn(r"GetConfig = (.+)\n\s*GetConfig = ExpandEnvironmentStrings\(GetConfig\)",
                      r"GetConfig = ExpandEnvironmentStrings(\1)", text)
    assert n == 5
    start = text.index("Function GetConfig(configKey")
    end = text.index("\nEnd Function", start)
    head, body = text[start:end].split("\n", 1)
    body = re.sub(r"\bsource\b", "only", re.sub(r"\bdefault\b", "fallback", body))
    body = "    Dim fallback As String, only As String\n    fallback = default\n    only = source\n" + body
    text = text[:start] + head + "\n" + body + text[end:]
    return {"name": "xlwings", "source": "Option VBASupport 1\n" + text,
            "stubs": {"GetConfigFromSheet": CONFIG_FROM_SHEET}, "extra": [KEY_VALUES]}


def write_conf(path: Path, text: str, encoding: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    """One LibreOffice run per platform family, the hostile returned workbook open and active."""
    tmp = tmp_path_factory.mktemp("returned")
    hostile = hostile_return(tmp)
    homes = {name: tmp / f"home-{name}" for name in ("none", "cp1252", "utf8bom")}
    for home in homes.values():
        home.mkdir()
    user_python = f"{tmp}/Käyttäjä Ä/bin/python"
    write_conf(homes["cp1252"] / "seuranta.conf", f'"INTERPRETER_MAC","{user_python}"\r\n', "cp1252")
    write_conf(homes["utf8bom"] / "seuranta.conf", f'"INTERPRETER_MAC","{user_python}"\n', "utf-8-sig")
    xlam = addin_build.build_xlam(tmp / "mac" / "seuranta.xlam", interpreter=sys.executable)
    ours = {"name": "xlwings", "from_xlam": True}
    name = "Palautus_Sivistys.xlsx"
    mac_jobs = [e2e_library("Mac", "Mac", ours, homes["none"], name, hostile["folder"]),
                e2e_library("MacCp1252", "Mac", ours, homes["cp1252"], name, hostile["folder"]),
                e2e_library("MacUtf8", "Mac", ours, homes["utf8bom"], name, hostile["folder"]),
                e2e_library("MacHostileName", "Mac", ours, homes["none"], "Palautus $(touch pwned).xlsx",
                            hostile["folder"]),
                e2e_library("MacUnpatched", "Mac", unpatched_xlwings(), homes["none"], name, hostile["folder"],
                            press=False)]
    mac_jobs.append(decode_library(tmp / "texts"))
    _, mac = run_basic(xlam, mac_jobs, open_docs=[hostile["book"]], env={"HOME": str(homes["none"])})
    win = windows_run(tmp / "win", hostile)
    return {**hostile, "mac": mac, "win": win, "tmp": tmp, "xlam": xlam, "user_python": user_python,
            "homes": homes}


TEXTS = {  # file name: (bytes, what ConfigFileText must read)
    "utf8.conf": ("ä € 😀 \u2013 x\n".encode("utf-8"), "ä € 😀 \u2013 x\n"),
    "utf8bom.conf": ("\ufeffÄÖ\r\n".encode("utf-8"), "ÄÖ\r\n"),
    "ansi.conf": ("ä € – x\n".encode("cp1252"), "ä € – x\n"),
    "invalid.conf": (b"\xc3\x28 \xe4", "Ã( ä"),                    # not UTF-8: read as Windows-1252
    "overlong.conf": (b"\xc0\xaf", "À¯"),
    "empty.conf": (b"", ""),
}


def decode_library(folder: Path) -> dict:
    folder.mkdir()
    for name, (data, _text) in TEXTS.items():
        (folder / name).write_bytes(data)
    calls = [["Stubs", "Setup", ["", 1, str(folder)]]]
    calls += [["SeurantaRuntime", "ConfigFileText", [str(folder / name)]] for name in TEXTS]
    calls += [["SeurantaRuntime", "ConfigFileText", [str(folder / "missing.conf")]]]
    calls += [["SeurantaRuntime", "PythonPathTail", [v]] for v in PATH_TAILS]
    calls += [["SeurantaRuntime", "ReinstallMessage", []], ["SeurantaRuntime", "InterpreterMissingMessage", ["D:\\x"]]]
    return {"library": "Decode", "platform": "Mac",
            "modules": [{"name": "xlwings", "from_xlam": True}, {"name": "SeurantaRuntime", "from_xlam": True},
                        stubs_module(), *class_modules("AppStub", "BookStub", "WorkbooksStub")],
            "calls": calls}


PATH_TAILS = {"": "", ";": "", "/opt/a": ";/opt/a", "/opt/a;;/opt/b;": ";/opt/a;/opt/b", " ; ": ""}


def test_the_users_config_file_is_read_as_utf8_or_else_ansi(returned):
    got = returned["mac"]["Decode"][1:1 + len(TEXTS) + 1]
    assert got == [text for _data, text in TEXTS.values()] + [""]


def test_no_empty_pythonpath_entry_reaches_prepare_sys_path(returned):
    at = 1 + len(TEXTS) + 1
    assert returned["mac"]["Decode"][at:at + len(PATH_TAILS)] == list(PATH_TAILS.values())


def test_the_addins_own_messages_say_what_to_do_in_finnish(returned):
    reinstall, missing = returned["mac"]["Decode"][-2:]
    assert reinstall == (f"Seuranta-apuohjelma ei saa Pythonia käyntiin (xlwings {VERSION}). Aja komento "
                         "'seuranta addin install' Päätteessä ja käynnistä Excel uudelleen.")
    assert missing.startswith("Pythonia ei löydy: D:\\x\r\n\r\n") and "seuranta addin install" in missing


WIN_PYTHON = "D:\\Ohjelmat\\Jääskeläinen\\seuranta\\.venv\\Scripts\\python.exe"


def windows_run(work: Path, hostile: dict) -> dict:
    """The Windows branch: the add-in's interpreter exists (Stubs.SetWindowsFiles), no user file."""
    work.mkdir()
    xlam = addin_build.build_xlam(work / "seuranta.xlam", interpreter=WIN_PYTHON)
    ours = {"name": "xlwings", "from_xlam": True}
    jobs = []
    for library, platform, files in (("Win64", "Win64", WIN_PYTHON), ("Win32", "Win32", WIN_PYTHON),
                                     ("Win64Missing", "Win64", "")):
        job = e2e_library(library, platform, ours, work, "Palautus_Sivistys.xlsx", hostile["folder"])
        job["calls"].insert(0, ["Stubs", "SetWindowsFiles", [files]])
        jobs.append(job)
    return run_basic(xlam, jobs, open_docs=[hostile["book"]], env={"USERPROFILE": str(work), "HOME": str(work)})[1]


def test_settings_come_from_the_addin_and_the_user_never_from_the_returned_workbook(returned):
    evil, folder = str(returned["evil"]), str(returned["folder"])
    assert looked_up(returned["mac"]["Mac"]) == {
        "INTERPRETER_MAC": sys.executable, "INTERPRETER_WIN": "", "PYTHONPATH": "",
        "ADD_WORKBOOK_TO_PYTHONPATH": "False", "CONDA ENV": "", "LICENSE_KEY": ""}
    for library in ("MacCp1252", "MacUtf8"):                        # the user's file overrides, ANSI or UTF-8
        assert looked_up(returned["mac"][library])["INTERPRETER_MAC"] == returned["user_python"]
    assert looked_up(returned["win"]["Win64"])["INTERPRETER_WIN"] == WIN_PYTHON
    e2e = [returned["mac"][k] for k in ("Mac", "MacCp1252", "MacUtf8", "MacHostileName")]
    for results in [*e2e, *returned["win"].values()]:
        assert not any(evil in v or folder in v for v in looked_up(results).values())


def test_negative_control_the_unpatched_runtime_takes_the_returned_workbooks_settings(returned):
    """The same lookup as the add-in had it before (xlwings' own GetConfig): the returned workbook's
    sheet chooses the interpreter and PYTHONPATH, the file beside it the licence key."""
    got = looked_up(returned["mac"]["MacUnpatched"])
    assert got["INTERPRETER_MAC"] == str(returned["evil"]) and got["PYTHONPATH"] == str(returned["folder"])
    assert got["ADD_WORKBOOK_TO_PYTHONPATH"] == "True" and got["LICENSE_KEY"] == "from-beside"


def parameter_fields(results: list) -> list[str]:
    [task] = shell_lines(results, "AppleScriptTask ")
    script, handler, parameter = task.split(" ", 2)
    assert (script, handler) == (f"xlwings-{VERSION}.applescript", "VbaHandler")
    return parameter.split("|")


def test_mac_button_sends_only_the_addins_interpreter_and_path(returned):
    results = returned["mac"]["Mac"]
    pythonpath, interpreter, command, book, _app, log = parameter_fields(results)
    assert interpreter == f"'{sys.executable}' -P"
    assert pythonpath == "False;;seuranta.xlam;;;"                 # LibreOffice's ThisWorkbook.FullName is the name
    assert command == ("import seuranta_xl.addin; seuranta_xl.addin.check_workbook("
                       f"{pystr(str(returned['folder'] / 'Palautus_Sivistys.xlsx'))}, built_with={pystr(VERSION)})")
    assert book == "Palautus_Sivistys.xlsx" and log.endswith("/xlwings.log")
    for script in shell_lines(results, "MacScript "):                  # AppleScript source never holds its path
        assert str(returned["folder"]) not in script
    _, cp_interpreter, *_ = parameter_fields(returned["mac"]["MacCp1252"])
    assert cp_interpreter == f"'{returned['user_python']}' -P"


def test_mac_hostile_workbook_name_never_reaches_the_shell(returned):
    results = returned["mac"]["MacHostileName"]
    assert "Workbooks.Add" in results[-1].splitlines()
    fields = parameter_fields(results)
    assert len(fields) == 6 and fields[3] == "Kirja1"
    assert "$(" not in "|".join(fields) and "touch" in fields[2]          # the path is there, escaped
    literal = re.search(r"check_workbook\(('[^']*')", fields[2]).group(1)
    assert ast.literal_eval(literal) == str(returned["folder"] / "Palautus $(touch pwned).xlsx")


@pytest.mark.parametrize("platform", ["Win64", "Win32"])
def test_windows_button_command_line(returned, platform):
    results = returned["win"][platform]
    [line] = shell_lines(results, "WScript.Run ")
    target = pystr(str(returned["folder"] / "Palautus_Sivistys.xlsx"))
    folder = WIN_PYTHON.rsplit("\\", 1)[0]
    expected = (f'cmd.exe /C D: & cd "{folder}" & "{WIN_PYTHON}" -B -P -c "import xlwings.utils;'
                f'xlwings.utils.prepare_sys_path(\\"False;;seuranta.xlam;;;\\"); import seuranta_xl.addin; '
                f'seuranta_xl.addin.check_workbook({target}, built_with={pystr(VERSION)})"  --wb="Palautus_Sivistys.xlsx"'
                ' --from_xl=1 --app="/Applications/Microsoft Excel.app/Contents\\Microsoft Excel" --hwnd="4242" 2> "')
    assert line.startswith(expected), line
    assert re.fullmatch(r'\\xlwings-[0-9A-F-]{36}\.log" ', line[len(expected):]), line[len(expected):]
    assert str(returned["folder"]) not in line.replace(target, "")


# ------------------------------------------------------------------ the macOS command, run by a real sh

def applescript_shell_command(parameter: str) -> str:
    """The shell command xlwings' AppleScript (VbaHandler, in the installed xlwings) builds from
    AppleScriptTask's parameter: its `set ShellCommand to …` expression evaluated here."""
    text = (runtime.xlwings_dir() / f"xlwings-{VERSION}.applescript").read_text("utf-8").replace("\r\n", "\n")
    names = re.search(r"set \{(.*?)\} to SplitString\(ParameterString, \"\|\"\)", text).group(1).split(", ")
    expr = re.search(r"set ShellCommand to (.*?)\n\s*try", text, re.S).group(1).replace("¬\n", " ")
    fields = parameter.split("|")
    assert len(fields) == len(names) == 6
    values = dict(zip(names, fields))
    parts = []
    for token in re.findall(r'"(?:\\.|[^"\\])*"|\w+', expr):
        parts.append(re.sub(r"\\(.)", r"\1", token[1:-1]) if token.startswith('"') else values[token])
    return "".join(parts)


def run_like_applescript(command: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    """`do shell script` runs sh; the command backgrounds Python (a trailing &), so wait for it. The
    working folder is the returns folder itself: the worst case, sys.path must not see it."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "SEURANTA_ADDIN_CONFIG": str(home / "addin.json")}
    return subprocess.run(["/bin/sh", "-c", command + " wait"], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def parameter_of(results: list) -> str:
    [task] = shell_lines(results, "AppleScriptTask ")
    return task.split(" ", 2)[2]


@pytest.mark.parametrize("library", ["Mac", "MacHostileName"])
def test_the_mac_command_runs_our_package_and_nothing_of_the_returned_folder(returned, library, tmp_path):
    command = applescript_shell_command(parameter_of(returned["mac"][library]))
    done = run_like_applescript(command, cwd=returned["folder"], home=tmp_path)
    assert done.returncode == 0, done.stderr
    log = (tmp_path / "addin.log").read_text("utf-8")                 # Python ran our entry point: no Excel here
    assert "xlwings" in log and str(Path(addin_build.__file__).parent / "__init__.py") in log
    assert not any(m.exists() for m in returned["markers"].values())  # no planted module, no other interpreter
    assert not list(returned["tmp"].rglob("pwned")) and not (returned["folder"] / "pwned").exists()


def test_negative_control_the_shell_would_run_a_name_passed_as_it_is(returned, tmp_path):
    """Why the buttons call from a safely named workbook: the name goes inside sh's double quotes."""
    fields = parameter_of(returned["mac"]["Mac"]).split("|")
    fields[3] = f"Palautus $(touch {tmp_path / 'pwned'}).xlsx"
    run_like_applescript(applescript_shell_command("|".join(fields)), cwd=returned["folder"], home=tmp_path)
    assert (tmp_path / "pwned").exists()


def test_windows_missing_interpreter_runs_nothing(returned):
    results = returned["win"]["Win64Missing"]
    assert shell_lines(results, "FileExistsOnWindows ") == [WIN_PYTHON]
    assert shell_lines(results, "WScript.Run ") == []
