"""Build the coordinator's add-in, seuranta.xlam, on any OS from text sources (no Excel needed).

The .xlam is xlwings' quickstart add-in template (BSD, shipped in the xlwings wheel) with:
- `customUI/customUI.xml` replaced by macros/customUI.xml (our ribbon);
- `xl/vbaProject.bin` written from source (ovba.py streams in a cfb.py compound file): the xlwings
  runtime VBA of the installed xlwings (runtime.py), the template's two document modules, and our
  macros/*.bas.
Only the standard library is used. Output is deterministic (same inputs, same bytes).
"""
from __future__ import annotations

import io
import zipfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from seuranta_xl.addin.cfb import write_cfb
from seuranta_xl.addin.ovba import Module, document_module, std_module, vba_project_streams
from seuranta_xl.addin.runtime import PROJECT_NAME, xlwings_dir, xlwings_runtime

MACROS_PACKAGE = "seuranta_xl.macros"   # the top-level macros/ folder, packaged into the wheel
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
SHEET_CODENAME = "Sheet2"          # the codeName of the template's one (hidden) sheet

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
    return UserError(f"xlwingsin add-in-pohjaa ei löydy: {template}", f"xlwings' add-in template is missing: {template}",
                     hint_fi="Asenna xlwings uudelleen (pip install --force-reinstall xlwings).",
                     hint_en="Reinstall xlwings (pip install --force-reinstall xlwings).")


def xlam_bytes(macros: Traversable | None = None) -> bytes:
    """The add-in package: the template's parts, with our VBA project and ribbon."""
    template = template_path()
    if not template.exists():
        raise _missing_template(template)
    macros = macros or macros_dir()
    vba = write_cfb(vba_project_streams(all_modules(macros)))
    ribbon = macros.joinpath("customUI.xml").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/vbaProject.bin":
                data = vba
            elif info.filename == "customUI/customUI.xml":
                data = ribbon
            elif info.filename in ("xl/workbook.xml", "docProps/app.xml"):
                data = data.replace(b"_myaddin.conf", f"_{PROJECT_NAME}.conf".encode())
            zi = zipfile.ZipInfo(info.filename, _ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    return buf.getvalue()


def build_xlam(out: Path, macros: Traversable | None = None) -> Path:
    """Write the add-in to ``out`` (atomically) and return its path."""
    from seuranta_xl.core.errors import UserError
    from seuranta_xl.store.atomic import write_atomic

    data = xlam_bytes(macros)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise UserError(f"Add-iniä ei voitu kirjoittaa: {exc.strerror or exc}",
                        f"Could not write the add-in: {exc.strerror or exc}",
                        hint_fi="Sulje seuranta.xlam Excelistä tai valitse toinen --out.",
                        hint_en="Close seuranta.xlam in Excel or choose another --out.") from None
    return out


def install_xlam(xlam: Path | None = None, platform: str | None = None) -> Path:
    """Copy the add-in into Excel's XLSTART folder, as `xlwings addin install --file` does
    (Windows and macOS only: it asks a running or hidden Excel where that folder is)."""
    import sys
    import tempfile

    from seuranta_xl.core.errors import UserError

    platform = platform or sys.platform
    if not (platform.startswith("win") or platform == "darwin"):
        raise UserError("Exceliä ei ole tällä koneella; apuohjelman voi asentaa vain Windowsissa tai macOS:ssä",
                        "Excel is not on this machine; the add-in installs on Windows or macOS only",
                        hint_fi="Rakenna se komennolla 'seuranta addin build' ja kopioi seuranta.xlam Excel-koneelle.",
                        hint_en="Build it with 'seuranta addin build' and copy seuranta.xlam to a machine with Excel.")
    if xlam is None:
        xlam = build_xlam(Path(tempfile.mkdtemp()) / "seuranta.xlam")
    from xlwings.cli import _addin_install, get_addin_dir

    _addin_install(str(Path(xlam).resolve()))
    return Path(get_addin_dir()) / Path(xlam).name
