"""The VBA project's streams, as [MS-OVBA] defines them: module sources in their stored form, the
2.4.1 compression, and the `dir`, `PROJECT`, `PROJECTwm` and `_VBA_PROJECT` streams.

The project is written *source-only* (`_VBA_PROJECT` version 0xFFFF, every MODULEOFFSET 0, no
performance cache): the form of xlwings' own template, which Excel compiles from source on open.
Pure functions of the modules; deterministic.
"""
from __future__ import annotations

import re
import struct
from dataclasses import dataclass

VBA_PROJECT_NAME = "SeurantaXL"    # must differ from every module name
CODEPAGE = 1252

# --------------------------------------------------------------------------------- module sources


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


def document_module(name: str) -> Module:
    base = _DOC_BASE["ThisWorkbook" if name == "ThisWorkbook" else "Sheet"]
    lines = [f'Attribute VB_Name = "{name}"', f'Attribute VB_Base = "{base}"',
             "Attribute VB_GlobalNameSpace = False", "Attribute VB_Creatable = False",
             "Attribute VB_PredeclaredId = True", "Attribute VB_Exposed = True",
             "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = True", ""]
    return Module(name, "document", "\r\n".join(lines))


_CLASS_HEADER = ["Attribute VB_Name", 'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"',
                 "Attribute VB_GlobalNameSpace", "Attribute VB_Creatable", "Attribute VB_PredeclaredId",
                 "Attribute VB_Exposed", "Attribute VB_TemplateDerived = False",
                 "Attribute VB_Customizable = False"]


def _attr_key(line: str) -> str:
    return line.split(" =")[0]


def class_module(text: str) -> Module:
    """An exported .cls (VERSION/BEGIN…END header) as Excel stores it in the project."""
    lines = crlf(text).split("\r\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Attribute VB_Name"))
    lines = lines[start:]
    name = re.match(r'Attribute VB_Name = "([^"]+)"', lines[0]).group(1)
    attrs = [line for line in lines if line.startswith("Attribute VB_")]
    body = lines[len(attrs):]
    header = []
    for key in _CLASS_HEADER:
        found = [a for a in attrs if _attr_key(a) == _attr_key(key)]
        header.append(found[0] if found else key)
    known = {_attr_key(k) for k in _CLASS_HEADER}
    header += [a for a in attrs if _attr_key(a) not in known]
    return Module(name, "class", "\r\n".join(header + body))


def std_module(text: str) -> Module:
    text = crlf(text)
    m = re.match(r'Attribute VB_Name = "([^"]+)"', text)
    if not m:
        raise ValueError("a .bas source must start with Attribute VB_Name")
    return Module(m.group(1), "module", text)


# --------------------------------------------------------------------------------- 2.4.1 compression


def _copy_token_help(pos: int) -> tuple[int, int]:
    """(bit count of the offset, maximum length) at decompressed position ``pos`` (>0) in a chunk."""
    bits = max((pos - 1).bit_length(), 4)
    return bits, (0xFFFF >> bits) + 3


def _longest_match(chunk: bytes, pos: int, candidates: list[int]) -> tuple[int, int]:
    """(length, offset) of the longest earlier copy of chunk[pos:] among the last 32 candidates."""
    best_len, best_off = 0, 0
    _bits, max_len = _copy_token_help(pos)
    limit = min(max_len, len(chunk) - pos)
    for cand in reversed(candidates[-32:]):
        length = 0
        while length < limit and chunk[cand + length] == chunk[pos + length]:
            length += 1
        if length > best_len:
            best_len, best_off = length, pos - cand
            if length == limit:
                break
    return best_len, best_off


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
                best_len, best_off = _longest_match(chunk, pos, table.get(chunk[pos:pos + 3], []))
            if best_len >= 3:
                bits, _ = _copy_token_help(pos)
                out += struct.pack("<H", ((best_off - 1) << (16 - bits)) | (best_len - 3))
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
    """2.4.1.3.7: a CompressedContainer (signature 0x01, then chunks of 4096 bytes)."""
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


# --------------------------------------------------------------------------------- streams

PROJECT_ID = "{318BEE36-5BE1-492A-826D-473DB19B0F30}"   # the template's; CMG/DPB/GC below belong to it
_PROTECTION = ['CMG="5D5F8AADDAA8DEA8DEA8DEA8DE"', 'DPB="5D5F8AADDAADDBADDBAD"', 'GC="5D5F8AADDAADDBADDB52"']


def _rec(rid: int, data: bytes) -> bytes:
    return struct.pack("<HI", rid, len(data)) + data


def _mbcs(s: str) -> bytes:
    return s.encode(f"cp{CODEPAGE}")


def _u16(s: str) -> bytes:
    return s.encode("utf-16-le")


def _references() -> bytes:
    """stdole and Office (IRibbonControl), as registered references (2.3.4.2.2)."""
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


def _project_information() -> bytes:
    return (_rec(0x0001, struct.pack("<I", 1))            # SYSKIND: Win32 (the template's value)
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


def _module_record(m: Module) -> bytes:
    return (_rec(0x0019, _mbcs(m.name)) + _rec(0x0047, _u16(m.name))
            + _rec(0x001A, _mbcs(m.name)) + _rec(0x0032, _u16(m.name))
            + _rec(0x001C, b"") + _rec(0x0048, b"")
            + _rec(0x0031, struct.pack("<I", 0))      # MODULEOFFSET: source at 0, no cache
            + _rec(0x001E, struct.pack("<I", 0))
            + _rec(0x002C, struct.pack("<H", 0xFFFF))
            + _rec(0x0021 if m.kind == "module" else 0x0022, b"")
            + _rec(0x002B, b""))


def dir_stream(modules: list[Module]) -> bytes:
    mods = _rec(0x000F, struct.pack("<H", len(modules))) + _rec(0x0013, struct.pack("<H", 0xFFFF))
    mods += b"".join(_module_record(m) for m in modules)
    return _project_information() + _references() + mods + _rec(0x0010, b"")


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
    """Every stream of vbaProject.bin, by "STORAGE/STREAM" path, for the compound file writer."""
    streams = {"PROJECT": project_stream(modules), "PROJECTwm": projectwm_stream(modules),
               "VBA/_VBA_PROJECT": VBA_PROJECT_STREAM, "VBA/dir": compress(dir_stream(modules))}
    for m in modules:
        streams[f"VBA/{m.name}"] = compress(m.stored)
    return streams
