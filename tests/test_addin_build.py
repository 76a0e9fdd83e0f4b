"""The add-in as code: the ribbon, the VBA and the Python entry points agree, and `seuranta addin
build` writes an .xlam whose VBA, read back with oletools (olevba), equals the sources in macros/.

What this cannot show without Excel: that Excel renders the ribbon and compiles the project (the
build writes the same source-only form as xlwings' own template; see macros/README.md)."""
from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

import olefile
import pytest
from click.testing import CliRunner
from defusedxml import ElementTree as ET
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import VBA_Parser, decompress_stream

from seuranta_xl import addin
from seuranta_xl.addin import build as addin_build
from seuranta_xl.addin import cfb, ovba, runtime
from seuranta_xl.cli import main

REPO = Path(__file__).resolve().parents[1]
MACROS = REPO / "macros"
CUI = "{http://schemas.microsoft.com/office/2006/01/customui}"


def vba_sources() -> dict[str, str]:
    return {p.stem: p.read_text("utf-8") for p in MACROS.glob("*.bas")}


def vba_subs() -> dict[str, set[str]]:
    """module -> names of public subs taking the ribbon control."""
    out = {}
    for text in vba_sources().values():
        module = re.match(r'Attribute VB_Name = "([^"]+)"', text).group(1)
        out[module] = set(re.findall(r"^(?:Public )?Sub (\w+)\(control As IRibbonControl\)", text, re.M))
    return out


def ribbon_buttons() -> list:
    root = ET.parse(MACROS / "customUI.xml").getroot()
    return list(root.iter(f"{CUI}button"))


@pytest.fixture(scope="module")
def xlam(tmp_path_factory) -> Path:
    return addin_build.build_xlam(tmp_path_factory.mktemp("addin") / "seuranta.xlam")


@pytest.fixture(scope="module")
def read_back(xlam) -> dict[str, str]:
    parser = VBA_Parser(str(xlam))
    try:
        return {Path(name).stem: code for (_f, _s, name, code) in parser.extract_all_macros()}
    finally:
        parser.close()


# ------------------------------------------------------------------ ribbon ↔ VBA ↔ Python

def test_every_runpython_names_an_entry_point():
    """Each button calls CallPython "entry"[, arg]; CallPython is the one RunPython of our VBA."""
    calls = []
    for text in vba_sources().values():
        prefix = re.search(r'Private Const PY As String = "([^"]+)"', text)
        calls += re.findall(r'^\s*CallPython "(\w+)"', text, re.M)
        if prefix:
            assert prefix.group(1) == "import seuranta_xl.addin; seuranta_xl.addin."
    assert sorted(set(calls)) == sorted(addin.ENTRY_POINTS)
    for name in calls:
        assert callable(getattr(addin, name)), name
    code_calls = [c for text in vba_sources().values() for c in re.findall(r"^\s*RunPython\b.*$", text, re.M)]
    assert [c.strip() for c in code_calls] == [
        'RunPython PY & entry & "(" & args & "built_with=" & PyStr(XLWINGS_VERSION) & ")"']


def test_every_onaction_is_a_sub_and_every_sub_a_button():
    subs = vba_subs()
    wired = set()
    for button in ribbon_buttons():
        module, sub = button.get("onAction").split(".")
        assert sub in subs.get(module, set()), button.get("onAction")
        wired.add((module, sub))
    assert wired == {(m, s) for m, names in subs.items() for s in names}


DATA = Path(__file__).resolve().parent / "data"


def excel_controls() -> dict[str, set[str]]:
    """tests/data/excel_control_ids.tsv: Excel's own control ids (see tests/data/README.md)."""
    out: dict[str, set[str]] = {}
    for line in (DATA / "excel_control_ids.tsv").read_text("utf-8").splitlines()[1:]:
        if line and not line.startswith("#") and line != "control\ttype":
            name, kind = line.split("\t")
            out.setdefault(name, set()).add(kind)
    return out


def test_buttons_have_finnish_labels_and_tips():
    labels = {b.get("label") for b in ribbon_buttons()}
    assert {"Tarkista työkirja", "Yhdistä palautukset", "Tilanne", "Raportti"} <= labels
    for b in ribbon_buttons():
        assert b.get("screentip") and b.get("supertip")
    ids = [b.get("id") for b in ribbon_buttons()]
    assert len(ids) == len(set(ids))


def test_every_icon_is_one_of_excels_own_controls():
    controls = excel_controls()
    assert len(controls) > 1000 and "FileOpen" in controls
    for name in ("TableSummary", "ReviewAcceptChange", "ImportExcel"):   # no Excel icon / Word's / Access's
        assert name not in controls
    root = ET.parse(MACROS / "customUI.xml").getroot()
    icons = [e.get("imageMso") for e in root.iter() if e.get("imageMso") is not None]
    assert len(icons) == len(ribbon_buttons())
    for icon in icons:
        assert icon in controls, f"imageMso={icon!r} is not in Excel's control list"


def test_ribbon_is_valid_against_the_customui_schema():
    import xmlschema
    schema = xmlschema.XMLSchema(str(DATA / "customUI.xsd"))
    schema.validate(str(MACROS / "customUI.xml"))
    ribbon = (MACROS / "customUI.xml").read_text("utf-8")
    assert not schema.is_valid(ribbon.replace('size="large"', 'size="huge"', 1))       # the check can fail
    assert not schema.is_valid(ribbon.replace("<button ", "<buton ", 1))


def test_callbacks_have_the_ribbon_signature():
    """onAction callbacks: Sub name(control As IRibbonControl), public, in a standard module."""
    for text in vba_sources().values():
        for sub in re.findall(r"^(?:Public |Private )?Sub (Seuranta\w+)\(([^)]*)\)", text, re.M):
            assert sub[1] == "control As IRibbonControl", sub
    for text in vba_sources().values():
        assert not re.search(r"^Private Sub \w+\(control As IRibbonControl\)", text, re.M)


def test_vba_sources_fit_the_project_code_page():
    for name, text in vba_sources().items():
        text.encode(f"cp{ovba.CODEPAGE}")               # Excel stores VBA in the ANSI code page
        assert name != ovba.VBA_PROJECT_NAME           # a module named like the project does not compile


# ------------------------------------------------------------------ the built .xlam

def test_modules_read_back_equal_the_sources(read_back):
    for name, text in vba_sources().items():
        assert read_back[name] == ovba.crlf(text), name
    shipped = {m.name: m.source for m in runtime.xlwings_runtime()}
    assert read_back["xlwings"] == shipped["xlwings"] and read_back["Dictionary"] == shipped["Dictionary"]
    assert 'PROJECT_NAME As String = "seuranta"' in read_back["xlwings"]
    assert "Public Function RunPython" in read_back["xlwings"]
    assert set(read_back) == {"ThisWorkbook", addin_build.SHEET_CODENAME, "xlwings", "Dictionary", *vba_sources()}


def test_package_parts(xlam):
    with zipfile.ZipFile(xlam) as z:
        assert z.read("customUI/customUI.xml") == (MACROS / "customUI.xml").read_bytes()
        rels = z.read("_rels/.rels").decode()
        assert 'Target="customUI/customUI.xml"' in rels and "ui/extensibility" in rels
        types = z.read("[Content_Types].xml").decode()
        assert "addin.macroEnabled.main+xml" in types and "vnd.ms-office.vbaProject" in types
        assert 'codeName="ThisWorkbook"' in z.read("xl/workbook.xml").decode()
        assert f'codeName="{addin_build.SHEET_CODENAME}"' in z.read("xl/worksheets/sheet1.xml").decode()
        assert '<sheet name="seuranta.conf"' in z.read("xl/workbook.xml").decode()
        assert z.testzip() is None


def test_vba_project_is_source_only_and_consistent(xlam):
    with zipfile.ZipFile(xlam) as z:
        ole = olefile.OleFileIO(z.read("xl/vbaProject.bin"))
    assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("cc61ffff000100")
    project = ole.openstream("PROJECT").read().decode("cp1252")
    listed = re.findall(r"^(?:Module|Class|Document)=(\w+)", project, re.M)
    streams = {e[1] for e in ole.listdir() if e[0] == "VBA"} - {"dir", "_VBA_PROJECT"}
    assert set(listed) == streams
    assert f'Name="{ovba.VBA_PROJECT_NAME}"' in project
    dir_bytes = bytes(decompress_stream(bytearray(ole.openstream("VBA/dir").read())))
    offsets = [struct.unpack_from("<I", dir_bytes, m.start() + 6)[0]
               for m in re.finditer(rb"\x31\x00\x04\x00\x00\x00", dir_bytes)]
    assert offsets == [0] * len(listed)                       # every module's source starts at 0: no p-code


def test_compound_file_directory_is_a_red_black_tree(xlam):
    with zipfile.ZipFile(xlam) as z:
        ole = olefile.OleFileIO(z.read("xl/vbaProject.bin"))
    entries = ole.direntries

    def check(sid, parent_red=False):
        if sid == olefile.NOSTREAM:
            return 1
        e = entries[sid]
        red = e.color == 0
        assert not (red and parent_red), e.name
        left, right = check(e.sid_left, red), check(e.sid_right, red)
        assert left == right, e.name
        return left + (0 if red else 1)

    for e in entries:
        if e is not None and e.entry_type in (olefile.STGTY_ROOT, olefile.STGTY_STORAGE):
            assert entries[e.sid_child].color == 1              # a tree's root is black
            check(e.sid_child)


def test_build_is_deterministic(xlam, tmp_path):
    again = addin_build.build_xlam(tmp_path / "again.xlam")
    assert again.read_bytes() == xlam.read_bytes()


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=9000) | st.text(alphabet="ab \r\nSub()", max_size=12000).map(str.encode))
def test_compression_round_trips_through_oletools(data):
    assert bytes(decompress_stream(bytearray(ovba.compress(data)))) == data


def test_cfb_writer_round_trip_with_large_and_small_streams():
    streams = {"A": b"x" * 5000, "S/b": b"y" * 10, "S/c": b"", "S/d": bytes(range(256)) * 40}
    ole = olefile.OleFileIO(cfb.write_cfb(streams))
    for path, data in streams.items():
        assert ole.openstream(path).read() == data


# The bytes the single-file builder (before the split into ovba.py / cfb.py) wrote for these fixed
# inputs: the split, and any later tidy-up, must not change one byte of the formats.
GOLDEN_TEXT = bytes(range(256)) * 20 + b"Sub Foo()\r\n  x = 1\r\nEnd Sub\r\n" * 300
GOLDEN_STREAMS = {"A": b"x" * 5000, "S/b": b"y" * 10, "S/c": b"", "S/d": bytes(range(256)) * 40}


def test_compression_and_compound_file_bytes_unchanged_by_the_split():
    import hashlib
    assert hashlib.sha256(ovba.compress(GOLDEN_TEXT)).hexdigest() == \
        "b36f2ae9fe17ddabe1e69116ab2d4284c328f14cd815a254f14bb92c214f4fc0"
    assert hashlib.sha256(cfb.write_cfb(GOLDEN_STREAMS)).hexdigest() == \
        "d5aae8460baf72c47b5d1a151137eea9034ebc0debf6daeb3ccc9602021df5bb"


# ------------------------------------------------------------------ CLI

def test_cli_build_and_install_on_linux(tmp_path, monkeypatch):
    out = tmp_path / "x" / "seuranta.xlam"
    res = CliRunner().invoke(main, ["addin", "build", "--out", str(out)])
    assert res.exit_code == 0 and out.exists() and str(out) in res.output
    monkeypatch.setattr("sys.platform", "linux")
    res = CliRunner().invoke(main, ["addin", "install", "--file", str(out)])
    assert res.exit_code == 2
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Excel" in lines[0]


def test_install_refuses_without_excel_platform():
    from seuranta_xl.core.errors import UserError
    with pytest.raises(UserError) as exc:
        addin_build.install_xlam(None, platform="linux")
    assert "Excel" in exc.value.one_line("en")
