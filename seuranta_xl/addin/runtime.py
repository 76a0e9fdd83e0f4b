"""The xlwings VBA runtime as the add-in ships it: the installed xlwings' own custom-add-in runtime
(`xlwings_custom_addin.bas`, `addin/Dictionary.cls`, BSD), with PROJECT_NAME set to ours and a
few patches so that nothing in the *active* workbook (a department's returned file, when the
coordinator presses "Tarkista työkirja") can choose what runs on the coordinator's machine.

Unpatched, xlwings' runtime reads its settings first from a `seuranta.conf` sheet in the active
workbook and from a `seuranta.conf` file beside it (interpreter, PYTHONPATH, conda env, UDF
server), puts the active workbook's folder first on sys.path, switches to "embedded code" when the
active workbook has a sheet named *.py, and passes the active workbook's full path through
MacScript (AppleScript source) and cmd.exe unquoted. Each patch below replaces one exact text of
the runtime; a text that is not there exactly as often as expected stops the build (a newer
xlwings must be read again before it is shipped; see macros/README.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from seuranta_xl.addin.ovba import Module, class_module, std_module

PROJECT_NAME = "seuranta"          # xlwings' PROJECT_NAME: config file ~/.seuranta/seuranta.conf
RUNTIME_FILE = "xlwings_custom_addin.bas"
REVIEWED_XLWINGS = "0.37."         # the runtime these patches were written for (read line by line)


@dataclass(frozen=True)
class Patch:
    why: str
    old: str
    new: str
    count: int = 1


_GET_CONFIG = '''Function GetConfig(configKey As String, Optional default As String = "", Optional source As String = "") As Variant
    ' seuranta-xl: settings come only from the user's config file and this add-in's own
    ' seuranta.conf sheet (SeurantaRuntime.ConfigValue), never from the active workbook's sheets
    ' or a file beside it. (Copied to locals: LibreOffice Basic passes an omitted Optional on as
    ' "missing", not as its default.)
    Dim fallback As String, only As String
    fallback = default
    only = source
    GetConfig = ExpandEnvironmentStrings(ConfigValue(configKey, fallback, only))
End Function'''

_NOTE = "' seuranta-xl: never the active workbook"

PATCHES = (
    Patch("our PROJECT_NAME: the conf sheet and file are seuranta.conf",
          'Public Const PROJECT_NAME As String = "myaddin"',
          f'Public Const PROJECT_NAME As String = "{PROJECT_NAME}"'),
    Patch("embedded code (*.py sheets) only from the add-in itself, never from the active workbook",
          "            Set wb = ActiveWorkbook\n",
          f"            Set wb = ThisWorkbook {_NOTE}\n"),
    Patch("the active workbook's path never goes into PYTHONPATH (nor through MacScript on macOS)",
          "            ActiveFullName = ToPosixPath(ActiveWorkbook.FullName)\n",
          f'            ActiveFullName = "" {_NOTE}\n'),
    Patch("the same, the other two branches",
          "ActiveFullName = ActiveWorkbook.FullName\n",
          f'ActiveFullName = "" {_NOTE}\n', count=2),
    Patch("the same for the UDF server's command",
          'PYTHONPATH = AddExcelDir & ";" & ActiveWorkbook.FullName & ";"',
          'PYTHONPATH = AddExcelDir & ";" & "" & ";"'),
    Patch("macOS: the interpreter quoted for sh (a path with spaces works) and run with -P: the shell's "
          "working folder is not put on sys.path",
          "            PythonInterpreter = ToPosixPath(PYTHON_MAC)\n",
          "            PythonInterpreter = \"'\" & Replace(ToPosixPath(PYTHON_MAC), \"'\", \"'\\''\") & \"' -P\""
          " ' seuranta-xl: quoted for sh, no cwd on sys.path\n"),
    Patch("Windows: -P, the working folder is not put on sys.path",
          '& PythonInterpreter & " -B -c ""import xlwings.utils;',
          '& PythonInterpreter & " -B -P -c ""import xlwings.utils;'),
    Patch("no empty PYTHONPATH entry: xlwings' prepare_sys_path puts it on sys.path as the working folder",
          '& ";" & GetConfig("PYTHONPATH")', '& PythonPathTail(GetConfig("PYTHONPATH"))', count=4),
    Patch("macOS: the same, the ';' ExecuteMac appends",
          '    ParameterString = PYTHONPATH + ";"\n',
          "    ParameterString = PYTHONPATH ' seuranta-xl: no empty entry\n"),
    Patch("macOS: no AppleScript of this xlwings version installed: say what to do, in Finnish",
          "    MsgBox \"To enable RunPython, please run 'xlwings runpython install' in a terminal once and try again.\""
          ", vbCritical\n",
          '    MsgBox ReinstallMessage(), vbCritical, "Seuranta" \' seuranta-xl\n'),
    Patch("Windows: the interpreter is missing: say which and what to do, in Finnish",
          '            MsgBox "Could not find Interpreter!", vbCritical\n',
          '            MsgBox InterpreterMissingMessage(PYTHON_WIN), vbCritical, "Seuranta" \' seuranta-xl\n'),
)


class RuntimeMismatch(ValueError):
    """The installed xlwings' runtime is not the text these patches were written for."""


def xlwings_dir() -> Path:
    import xlwings
    return Path(xlwings.__file__).resolve().parent


def xlwings_version() -> str:
    import xlwings
    return xlwings.__version__


def _replace_get_config(text: str) -> str:
    start = text.find("Function GetConfig(configKey As String")
    end = text.find("\nEnd Function", start)
    if start < 0 or end < 0 or text.count("Function GetConfig(configKey As String") != 1:
        raise RuntimeMismatch("GetConfig")
    return text[:start] + _GET_CONFIG + text[end + len("\nEnd Function"):]


def patch_runtime(text: str) -> str:
    """xlwings_custom_addin.bas (LF line ends) with every patch applied, each exactly as often as expected."""
    for p in PATCHES:
        found = text.count(p.old)
        if found != p.count:
            raise RuntimeMismatch(f"{p.why}: expected {p.count}, found {found}: {p.old.strip()[:80]}")
        text = text.replace(p.old, p.new)
    return _replace_get_config(text)


def xlwings_runtime() -> list[Module]:
    """The xlwings runtime of the installed xlwings, patched, as the add-in ships it."""
    if not xlwings_version().startswith(REVIEWED_XLWINGS):
        raise RuntimeMismatch(f"reviewed for xlwings {REVIEWED_XLWINGS}x only")
    d = xlwings_dir()
    text = (d / RUNTIME_FILE).read_text("utf-8").replace("\r\n", "\n")
    return [std_module(patch_runtime(text)), class_module((d / "addin" / "Dictionary.cls").read_text("utf-8"))]
