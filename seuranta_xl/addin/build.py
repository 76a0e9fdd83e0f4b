"""Build the coordinator's add-in, seuranta.xlam, on any OS from text sources (no Excel needed).

The .xlam is xlwings' quickstart add-in template (BSD, shipped in the xlwings wheel) with:
- `customUI/customUI.xml` replaced by macros/customUI.xml (our ribbon);
- `xl/vbaProject.bin` written from source: the xlwings runtime VBA of the installed xlwings
  (`xlwings_custom_addin.bas`, `addin/Dictionary.cls`), the template's two document modules, and
  our macros/*.bas. The project is written *source-only* ([MS-OVBA]: `_VBA_PROJECT` version 0xFFFF,
  every MODULEOFFSET 0, no performance cache), the same form as the template's own project, so Excel
  compiles the modules from their source when it opens the add-in.

Only the standard library is used: [MS-OVBA] 2.4.1 compression, the `dir`/`PROJECT`/`PROJECTwm`
streams, and a small [MS-CFB] version 3 writer. Output is deterministic (same inputs, same bytes).
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

MACROS_PACKAGE = "seuranta_xl.macros"   # the top-level macros/ folder, packaged into the wheel
PROJECT_NAME = "seuranta"          # xlwings' PROJECT_NAME: config file ~/.seuranta/seuranta.conf
VBA_PROJECT_NAME = "SeurantaXL"    # must differ from every module name
CODEPAGE = 1252
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"

# --------------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class Module:
    name: str
    kind: str        # "module" (procedural), "class" or "document"
    source: str      # the stored text: Attribute lines first, CRLF line ends

    @property
    def stored(self) -> bytes:
        return self.source.encode(f"cp{CODEPAGE}")


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


_DOC_BASE = {"ThisWorkbook": "0{00020819-0000-0000-C000-000000000046}",
             "Sheet": "0{00020820-0000-0000-C000-000000000046}"}
SHEET_CODENAME = "Sheet2"          # the codeName of the template's one (hidden) sheet


def document_module(name: str) -> Module:
    base = _DOC_BASE["ThisWorkbook" if name == "ThisWorkbook" else "Sheet"]
    lines = [f'Attribute VB_Name = "{name}"', f'Attribute VB_Base = "{base}"',
             "Attribute VB_GlobalNameSpace = False", "Attribute VB_Creatable = False",
             "Attribute VB_PredeclaredId = True", "Attribute VB_Exposed = True",
             "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = True", ""]
    return Module(name, "document", "\r\n".join(lines))


def class_module(text: str) -> Module:
    """An exported .cls (VERSION/BEGIN…END header) as Excel stores it in the project."""
    lines = crlf(text).split("\r\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Attribute VB_Name"))
    lines = lines[start:]
    name = re.match(r'Attribute VB_Name = "([^"]+)"', lines[0]).group(1)
    attrs = [line for line in lines if line.startswith("Attribute VB_")]
    body = lines[len(attrs):]
    want = ["Attribute VB_Name", 'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"',
            "Attribute VB_GlobalNameSpace", "Attribute VB_Creatable", "Attribute VB_PredeclaredId",
            "Attribute VB_Exposed", "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = False"]
    header = []
    for key in want:
        found = [a for a in attrs if a.split(" =")[0] == key.split(" =")[0]]
        header.append(found[0] if found else key)
    header += [a for a in attrs if a.split(" =")[0] not in {k.split(" =")[0] for k in want}]
    return Module(name, "class", "\r\n".join(header + body))


def std_module(text: str) -> Module:
    text = crlf(text)
    m = re.match(r'Attribute VB_Name = "([^"]+)"', text)
    if not m:
        raise ValueError("a .bas source must start with Attribute VB_Name")
    return Module(m.group(1), "module", text)


def xlwings_dir() -> Path:
    import xlwings
    return Path(xlwings.__file__).resolve().parent


def xlwings_runtime() -> list[Module]:
    """The xlwings runtime of the installed xlwings, as its custom add-ins use it."""
    d = xlwings_dir()
    text = (d / "xlwings_custom_addin.bas").read_text("utf-8")
    text = text.replace('Public Const PROJECT_NAME As String = "myaddin"',
                        f'Public Const PROJECT_NAME As String = "{PROJECT_NAME}"')
    return [std_module(text), class_module((d / "addin" / "Dictionary.cls").read_text("utf-8"))]


def macros_dir() -> Traversable:
    """macros/ as installed: the repository folder in a checkout, package data in the wheel."""
    return resources.files(MACROS_PACKAGE)


def our_modules(macros: Traversable | None = None) -> list[Module]:
    macros = macros or macros_dir()
    sources = sorted((p for p in macros.iterdir() if p.name.endswith(".bas")), key=lambda p: p.name)
    return [std_module(p.read_text("utf-8")) for p in sources]


def all_modules(macros: Traversable | None = None) -> list[Module]:
    return [document_module("ThisWorkbook"), document_module(SHEET_CODENAME), *xlwings_runtime(), *our_modules(macros)]


# --------------------------------------------------------------------------------- [MS-OVBA] 2.4.1 compression


def _copy_token_help(pos: int) -> tuple[int, int]:
    """(bit count of the offset, maximum length) at decompressed position ``pos`` (>0) in a chunk."""
    bits = max((pos - 1).bit_length(), 4)
    return bits, (0xFFFF >> bits) + 3


def _compress_chunk(chunk: bytes) -> bytes:
    out = bytearray()
    pos, n = 0, len(chunk)
    table: dict[bytes, list[int]] = {}
    while pos < n:
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= n:
                break
            best_len, best_off = 0, 0
            if pos > 0 and pos + 3 <= n:
                bits, max_len = _copy_token_help(pos)
                for cand in reversed(table.get(chunk[pos:pos + 3], [])[-32:]):
                    length = 0
                    limit = min(max_len, n - pos)
                    while length < limit and chunk[cand + length] == chunk[pos + length]:
                        length += 1
                    if length > best_len:
                        best_len, best_off = length, pos - cand
                        if length == limit:
                            break
            if best_len >= 3:
                bits, _ = _copy_token_help(pos)
                token = ((best_off - 1) << (16 - bits)) | (best_len - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
                step = best_len
            else:
                out.append(chunk[pos])
                step = 1
            for p in range(pos, pos + step):
                if p + 3 <= n:
                    table.setdefault(chunk[p:p + 3], []).append(p)
            pos += step
        out[flag_at] = flags
    return bytes(out)


def compress(data: bytes) -> bytes:
    """[MS-OVBA] 2.4.1.3.7: a CompressedContainer (signature 0x01, then chunks of 4096 bytes)."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), 4096):
        chunk = data[start:start + 4096]
        body = _compress_chunk(chunk)
        if len(body) <= 4096:
            out += struct.pack("<H", 0xB000 | (len(body) + 2 - 3)) + body
        elif len(chunk) == 4096:     # incompressible: a raw chunk
            out += struct.pack("<H", 0x3000 | 0x0FFF) + chunk
        else:                        # cannot happen for text; never write something Excel would reject
            raise ValueError("incompressible final chunk")
    return bytes(out)


# --------------------------------------------------------------------------------- [MS-OVBA] streams

PROJECT_ID = "{318BEE36-5BE1-492A-826D-473DB19B0F30}"   # the template's; CMG/DPB/GC below belong to it
_PROTECTION = ['CMG="5D5F8AADDAA8DEA8DEA8DEA8DE"', 'DPB="5D5F8AADDAADDBADDBAD"', 'GC="5D5F8AADDAADDBADDB52"']


def _rec(rid: int, data: bytes) -> bytes:
    return struct.pack("<HI", rid, len(data)) + data


def _mbcs(s: str) -> bytes:
    return s.encode(f"cp{CODEPAGE}")


def _u16(s: str) -> bytes:
    return s.encode("utf-16-le")


def _references() -> bytes:
    """stdole and Office (IRibbonControl), as registered references ([MS-OVBA] 2.3.4.2.2)."""
    refs = [("stdole", "*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#"
                       "C:\\Windows\\System32\\stdole2.tlb#OLE Automation"),
            ("Office", "*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#"
                       "C:\\Program Files\\Common Files\\Microsoft Shared\\OFFICE16\\MSO.DLL#"
                       "Microsoft Office 16.0 Object Library")]
    out = b""
    for name, libid in refs:
        out += _rec(0x0016, _mbcs(name)) + _rec(0x003E, _u16(name))
        lib = _mbcs(libid)
        out += _rec(0x000D, struct.pack("<I", len(lib)) + lib + b"\x00" * 6)
    return out


def dir_stream(modules: list[Module]) -> bytes:
    info = (_rec(0x0001, struct.pack("<I", 1))            # SYSKIND: Win32 (the template's value)
            + _rec(0x0002, struct.pack("<I", 0x0409))      # LCID
            + _rec(0x0014, struct.pack("<I", 0x0409))      # LCIDINVOKE
            + _rec(0x0003, struct.pack("<H", CODEPAGE))
            + _rec(0x0004, _mbcs(VBA_PROJECT_NAME))
            + _rec(0x0005, b"") + _rec(0x0040, b"")        # docstring
            + _rec(0x0006, b"") + _rec(0x003D, b"")        # help file
            + _rec(0x0007, struct.pack("<I", 0))           # help context
            + _rec(0x0008, struct.pack("<I", 0))           # lib flags
            + struct.pack("<HIIH", 0x0009, 4, 1, 0)        # PROJECTVERSION
            + _rec(0x000C, b"") + _rec(0x003C, b""))       # constants
    mods = _rec(0x000F, struct.pack("<H", len(modules))) + _rec(0x0013, struct.pack("<H", 0xFFFF))
    for m in modules:
        mods += (_rec(0x0019, _mbcs(m.name)) + _rec(0x0047, _u16(m.name))
                 + _rec(0x001A, _mbcs(m.name)) + _rec(0x0032, _u16(m.name))
                 + _rec(0x001C, b"") + _rec(0x0048, b"")
                 + _rec(0x0031, struct.pack("<I", 0))      # MODULEOFFSET: source at 0, no cache
                 + _rec(0x001E, struct.pack("<I", 0))
                 + _rec(0x002C, struct.pack("<H", 0xFFFF))
                 + _rec(0x0021 if m.kind == "module" else 0x0022, b"")
                 + _rec(0x002B, b""))
    return info + _references() + mods + _rec(0x0010, b"")


def project_stream(modules: list[Module]) -> bytes:
    lines = [f'ID="{PROJECT_ID}"']
    for m in modules:
        lines.append({"document": f"Document={m.name}/&H00000000", "class": f"Class={m.name}",
                      "module": f"Module={m.name}"}[m.kind])
    lines += [f'Name="{VBA_PROJECT_NAME}"', 'HelpContextID="0"', 'VersionCompatible32="393222000"',
              *_PROTECTION, "", "[Host Extender Info]",
              "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000", "", "[Workspace]"]
    lines += [f"{m.name}=0, 0, 0, 0, C" for m in modules]
    return _mbcs("\r\n".join(lines) + "\r\n")


def projectwm_stream(modules: list[Module]) -> bytes:
    return b"".join(_mbcs(m.name) + b"\x00" + _u16(m.name) + b"\x00\x00" for m in modules) + b"\x00\x00"


VBA_PROJECT_STREAM = bytes.fromhex("cc61ffff000100")   # version 0xFFFF: no performance cache, compile from source


def vba_project_streams(modules: list[Module]) -> dict[str, bytes]:
    streams = {"PROJECT": project_stream(modules), "PROJECTwm": projectwm_stream(modules),
               "VBA/_VBA_PROJECT": VBA_PROJECT_STREAM, "VBA/dir": compress(dir_stream(modules))}
    for m in modules:
        streams[f"VBA/{m.name}"] = compress(m.stored)
    return streams


# --------------------------------------------------------------------------------- [MS-CFB] v3 writer

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, ENDCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


@dataclass
class _Entry:
    name: str
    kind: int                      # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list | None = None
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = 1                 # black
    start: int = ENDCHAIN
    size: int = 0


def _cfb_key(name: str) -> tuple[int, str]:
    return (len(name), name.upper())


def _tree(nodes: list[int], entries: list[_Entry], depth: int, max_depth: list[int]) -> int:
    """A balanced tree of sibling entries (sorted), nodes on the deepest level red: a valid red-black tree."""
    if not nodes:
        return NOSTREAM
    mid = len(nodes) // 2
    node = nodes[mid]
    entries[node].left = _tree(nodes[:mid], entries, depth + 1, max_depth)
    entries[node].right = _tree(nodes[mid + 1:], entries, depth + 1, max_depth)
    entries[node].color = 0 if depth == max_depth[0] and depth > 0 else 1
    return node


def _depth(n: int) -> int:
    return max(n.bit_length() - 1, 0)


def _chain(start: int, count: int) -> list[int]:
    return [start + i + 1 for i in range(count - 1)] + [ENDCHAIN] if count else []


def write_cfb(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``streams`` ("STORAGE/STREAM" paths, one level deep is enough here)."""
    entries = [_Entry("Root Entry", 5, children=[])]
    storages: dict[str, int] = {}
    for path, data in streams.items():
        parent = 0
        if "/" in path:
            sname, path = path.split("/", 1)
            if sname not in storages:
                storages[sname] = len(entries)
                entries.append(_Entry(sname, 1, children=[]))
                entries[0].children.append(storages[sname])
            parent = storages[sname]
        entries[parent].children.append(len(entries))
        entries.append(_Entry(path, 2, data=data, size=len(data)))
    for e in entries:
        if e.children:
            kids = sorted(e.children, key=lambda i: _cfb_key(entries[i].name))
            e.child = _tree(kids, entries, 0, [_depth(len(kids))])

    # mini stream: small streams in 64-byte mini sectors
    mini = bytearray()
    minifat: list[int] = []
    for e in entries:
        if e.kind == 2 and e.size < CUTOFF:
            n = -(-e.size // MINI)
            e.start = len(minifat) if n else ENDCHAIN
            minifat += _chain(len(minifat), n)
            mini += e.data + b"\x00" * (n * MINI - e.size)
    entries[0].data, entries[0].size = bytes(mini), len(mini)
    big = [e for e in entries if (e.kind == 2 and e.size >= CUTOFF) or (e.kind == 5 and e.size)]

    def sectors(nbytes: int) -> int:
        return -(-nbytes // SECTOR)

    n_dir = sectors(len(entries) * 128)
    n_minifat = sectors(len(minifat) * 4)
    n_data = sum(sectors(e.size) for e in big)
    n_fat = 1
    while n_fat * 128 < n_fat + n_dir + n_minifat + n_data:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("file too large for a header-only DIFAT")
    fat = [FATSECT] * n_fat
    dir_start = len(fat)
    fat += _chain(dir_start, n_dir)
    minifat_start = len(fat) if n_minifat else ENDCHAIN
    fat += _chain(len(fat), n_minifat)
    body = bytearray()
    for e in big:
        e.start = len(fat)
        fat += _chain(len(fat), sectors(e.size))
        body += e.data + b"\x00" * (sectors(e.size) * SECTOR - e.size)
    fat += [FREE] * (n_fat * 128 - len(fat))

    d = bytearray()
    for e in entries:
        name = _u16(e.name) + b"\x00\x00"
        d += name.ljust(64, b"\x00") + struct.pack("<HBB", len(name), e.kind, e.color)
        d += struct.pack("<III", e.left, e.right, e.child) + b"\x00" * 16 + struct.pack("<I", 0)
        d += b"\x00" * 16 + struct.pack("<IQ", e.start if (e.kind != 1) else 0, e.size)
    for _ in range(n_dir * 4 - len(entries)):
        d += b"\x00" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM)
        d += b"\x00" * 36 + struct.pack("<IQ", 0, 0)
    mf = b"".join(struct.pack("<I", x) for x in minifat)
    mf += struct.pack("<I", FREE) * (n_minifat * 128 - len(minifat))

    header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16)
    header += struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, CUTOFF, minifat_start, n_minifat, ENDCHAIN, 0)
    header += b"".join(struct.pack("<I", i) for i in range(n_fat)) + struct.pack("<I", FREE) * (109 - n_fat)
    assert len(header) == SECTOR
    fat_bytes = b"".join(struct.pack("<I", x) for x in fat)
    return bytes(header + fat_bytes + d + mf + body)


# --------------------------------------------------------------------------------- the .xlam

_ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def template_path() -> Path:
    return xlwings_dir() / TEMPLATE_NAME


def build_xlam(out: Path, macros: Traversable | None = None) -> Path:
    """Write the add-in to ``out`` (atomically) and return its path."""
    from seuranta_xl.core.errors import UserError
    from seuranta_xl.store.atomic import write_atomic

    template = template_path()
    if not template.exists():
        raise UserError(f"xlwingsin add-in-pohjaa ei löydy: {template}", f"xlwings' add-in template is missing: {template}",
                        hint_fi="Asenna xlwings uudelleen (pip install --force-reinstall xlwings).",
                        hint_en="Reinstall xlwings (pip install --force-reinstall xlwings).")
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
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(out, buf.getvalue())
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
