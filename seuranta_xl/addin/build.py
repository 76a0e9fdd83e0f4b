"""Build the coordinator's add-in, seuranta.xlam, on any OS from text sources (no Excel needed).

The .xlam is xlwings' quickstart add-in template (BSD, shipped in the xlwings wheel) with:
- `customUI/customUI.xml` replaced by macros/customUI.xml (our ribbon);
- `xl/vbaProject.bin` written from source (ovba.py streams in a cfb.py compound file): the xlwings
  runtime VBA of the installed xlwings (runtime.py, patched), the template's two document modules,
  and our macros/*.bas;
- its inactive `_myaddin.conf` sheet made the add-in's own `seuranta.conf` sheet (settings.py):
  the interpreter, and no workbook folder on sys.path.
Only the standard library is used. Output is deterministic (same inputs, same bytes).
"""
from __future__ import annotations

import io
import sys
import zipfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from seuranta_xl.addin.cfb import write_cfb
from seuranta_xl.addin.ovba import Module, document_module, std_module, vba_project_streams
from seuranta_xl.addin.runtime import RuntimeMismatch, xlwings_dir, xlwings_runtime, xlwings_version
from seuranta_xl.addin.settings import conf_rows, default_interpreter, patch_sheet_xml, patch_workbook_xml

MACROS_PACKAGE = "seuranta_xl.macros"   # the top-level macros/ folder, packaged into the wheel
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
SHEET_CODENAME = "Sheet2"          # the codeName of the template's one (hidden) sheet
CONF_SHEET_PART = "xl/worksheets/sheet1.xml"

# --------------------------------------------------------------------------------- sources


def macros_dir() -> Traversable:
    """macros/ as installed: the repository folder in a checkout, package data in the wheel."""
    return resources.files(MACROS_PACKAGE)


def our_modules(macros: Traversable | None = None) -> list[Module]:
    macros = macros or macros_dir()
    sources = sorted((p for p in macros.iterdir() if p.name.endswith(".bas")), key=lambda p: p.name)
    return [std_module(p.read_text("utf-8")) for p in sources]


def all_modules(macros: Traversable | None = None) -> list[Module]:
    return [document_module("ThisWorkbook"), document_module(SHEET_CODENAME), *xlwings_runtime(),
            *our_modules(macros)]


# --------------------------------------------------------------------------------- the .xlam

_ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def template_path() -> Path:
    return xlwings_dir() / TEMPLATE_NAME


def _missing_template(template: Path):
    from seuranta_xl.core.errors import UserError
    return UserError("addin-template-missing", path=str(template))


def _runtime_changed(exc: RuntimeMismatch):
    from seuranta_xl.core.errors import UserError
    return UserError("addin-runtime-unknown", version=xlwings_version(), what=str(exc))


def vba_project(macros: Traversable | None = None) -> bytes:
    """xl/vbaProject.bin: the document modules, the patched xlwings runtime and macros/*.bas."""
    try:
        modules = all_modules(macros or macros_dir())
    except RuntimeMismatch as exc:
        raise _runtime_changed(exc) from None
    return write_cfb(vba_project_streams(modules))


def _patched_part(name: str, data: bytes, vba: bytes, ribbon: bytes, interpreter: str | None) -> bytes:
    if name == "xl/vbaProject.bin":
        return vba
    if name == "customUI/customUI.xml":
        return ribbon
    if name == "xl/workbook.xml":
        return patch_workbook_xml(data)
    if name == CONF_SHEET_PART:
        return patch_sheet_xml(data, conf_rows(interpreter))
    return data


def xlam_bytes(macros: Traversable | None = None, interpreter: str | None = None) -> bytes:
    """The add-in package: the template's parts, with our VBA project, ribbon and settings."""
    template = template_path()
    if not template.exists():
        raise _missing_template(template)
    macros = macros or macros_dir()
    vba = vba_project(macros)
    ribbon = macros.joinpath("customUI.xml").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = _patched_part(info.filename, src.read(info.filename), vba, ribbon, interpreter)
            zi = zipfile.ZipInfo(info.filename, _ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    return buf.getvalue()


def build_xlam(out: Path, macros: Traversable | None = None, interpreter: str | None = None) -> Path:
    """Write the add-in to ``out`` (atomically) and return its path. ``interpreter``: the Python
    the buttons run (settings.interpreter_key says for which OS); None writes none."""
    from seuranta_xl.core.errors import UserError
    from seuranta_xl.store.atomic import write_atomic

    data = xlam_bytes(macros, interpreter)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise UserError("addin-not-written", path=str(out), reason=exc.strerror or str(exc)) from None
    return out


def _excel_addin_dir() -> Path:
    """Excel's per-user XLSTART folder, as `xlwings addin install` finds it (asks a running or a
    hidden Excel)."""
    from seuranta_xl.core.errors import UserError
    from xlwings.cli import get_addin_dir
    try:
        return Path(get_addin_dir())
    except Exception as exc:  # noqa: BLE001 - whatever Excel or COM says, one line to the user
        raise UserError("addin-folder-unknown", reason=str(exc)) from None


def _close_open_copies(name: str) -> None:
    """Close the add-in in every running Excel (as xlwings does), so that its file can be replaced."""
    try:
        import xlwings as xw
        for app in xw.apps:
            try:
                app.books[name].close()
            except KeyError:
                pass
    except Exception:  # noqa: BLE001 - no Excel running, or none reachable: nothing to close
        pass


def _install_applescript() -> None:
    """macOS: xlwings' RunPython goes through AppleScriptTask("xlwings-<version>.applescript"),
    which Excel runs only from ~/Library/Application Scripts/com.microsoft.Excel (what
    `xlwings runpython install` copies there)."""
    from xlwings.cli import runpython_install
    runpython_install(None)


def install_xlam(xlam: Path | None = None, platform: str | None = None, addin_dir: Path | None = None,
                 interpreter: str | None = None) -> Path:
    """Put the add-in into Excel's XLSTART folder (Windows and macOS only; on macOS also the
    AppleScript RunPython needs). Without ``xlam`` a fresh one is built for ``interpreter``
    (default: the running Python). Returns the installed path."""
    from seuranta_xl.core.errors import UserError
    from seuranta_xl.store.atomic import write_atomic

    platform = platform or sys.platform
    if not (platform.startswith("win") or platform == "darwin"):
        raise UserError("addin-no-excel")
    if xlam is None:
        data, name = xlam_bytes(interpreter=interpreter or default_interpreter(platform)), "seuranta.xlam"
    else:
        data, name = Path(xlam).read_bytes(), Path(xlam).name
    target = Path(addin_dir or _excel_addin_dir()) / name
    _close_open_copies(name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as exc:
        raise UserError("addin-not-written", path=str(target), reason=exc.strerror or str(exc)) from None
    if platform == "darwin":
        _install_applescript()
    return target
