"""Reading a returned workbook (shell): values fast through python-calamine, and the facts values do
not show straight from the package: formulas in cells, sheet protection, the saved time.

The package is checked before anything parses it: size, zip structure, member count, total
uncompressed size and compression ratio are bounded, so a zip bomb is refused in bounded time and
memory. Every XML part we parse goes through defusedxml; a part that declares a DTD is refused.
"""
from __future__ import annotations

import datetime as dt
import html
import hashlib
import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from python_calamine import CalamineWorkbook

from seuranta_xl.core.filekind import EMPTY, ENCRYPTED, LEGACY_XLS, ZIP, file_kind
from seuranta_xl.core.identity import META_ROWS_START, META_SHEET
from seuranta_xl.core.returned import MAX_FILE_BYTES, ReadFailure, ReturnedWorkbook, SheetFacts

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_RATIO = 200                            # uncompressed / compressed, per member over 1 MB
DTD_SCAN_BYTES = 64 * 1024                 # the head of each XML part searched for a DTD

NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dcterms": "http://purl.org/dc/terms/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}
_M = "{%s}" % NS["main"]



def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sniff(data: bytes, suffix: str) -> ReadFailure | None:
    """Refuse what is not an xlsx package, before any parsing."""
    if len(data) > MAX_FILE_BYTES:
        return ReadFailure("file-too-large", detail_code="file-size",
                           values={"mb": f"{len(data) / 1e6:.1f}", "limit": MAX_FILE_BYTES // 1_000_000})
    kind = file_kind(data)            # the one sniff, shared with strategy import
    if kind == EMPTY:
        return ReadFailure("corrupt-file", detail_code="empty-file")
    if kind == ENCRYPTED:
        return ReadFailure("encrypted-file", detail_code="encrypted-package")
    if kind == LEGACY_XLS:
        return ReadFailure("not-xlsx", detail_code="legacy-xls")
    if kind != ZIP:
        if suffix in (".xlsx", ".xlsm"):
            return ReadFailure("corrupt-file", detail_code="not-zip")
        return ReadFailure("not-xlsx", suffix or "?")
    return None


def check_package(zf: zipfile.ZipFile, compressed_size: int) -> ReadFailure | None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        return ReadFailure("file-too-large", detail_code="too-many-parts", values={"parts": len(infos)})
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1_000_000 and info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            return ReadFailure("file-too-large", detail_code="compression-ratio",
                               values={"ratio": info.file_size // info.compress_size})
    if total > MAX_UNCOMPRESSED_BYTES:
        return ReadFailure("file-too-large", detail_code="uncompressed-size", values={"mb": f"{total / 1e6:.0f}"})
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            return ReadFailure("not-xlsx", "OpenDocument (.ods)")
        return ReadFailure("corrupt-file", detail_code="workbook-part-missing")
    if "xl/vbaProject.bin" in names:
        # A macro-enabled save (.xlsm) of our workbook: readable, but not what we sent.
        return ReadFailure("not-xlsx", detail_code="macro-enabled")
    # No part may declare a DTD, including those only calamine reads (sharedStrings, styles): a DTD
    # sits in the prolog, so the head of each part is enough (the parts we parse are scanned whole).
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            with zf.open(info) as part:
                if b"<!DOCTYPE" in part.read(DTD_SCAN_BYTES):
                    return ReadFailure("corrupt-file", f"DTD in {info.filename}")
    return None


def _raw(zf: zipfile.ZipFile, name: str) -> bytes:
    raw = zf.read(name)
    # A DTD can only sit in the prolog, but look everywhere: it is a C-speed scan.
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise DefusedXmlException(f"DTD in {name}")
    return raw


def _parse(zf: zipfile.ZipFile, name: str):
    return SafeET.fromstring(_raw(zf, name), forbid_dtd=True)


def _sheet_targets(zf: zipfile.ZipFile) -> tuple[list[tuple[str, str, str]], bool]:
    """[(sheet name, state, part path)] and whether workbook structure protection is on."""
    wb = _parse(zf, "xl/workbook.xml")
    rels = _parse(zf, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", NS)}
    out = []
    for s in wb.iterfind("main:sheets/main:sheet", NS):
        rid = s.get("{%s}id" % NS["r"])
        target = targets.get(rid, "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append((s.get("name", ""), s.get("state", "visible"), path))
    prot = wb.find("main:workbookProtection", NS)
    protected = prot is not None and any(
        prot.get(k) in ("1", "true") for k in ("lockStructure", "lockWindows"))
    return out, protected


_SHEET_PROTECTION = re.compile(rb"<(?:\w+:)?sheetProtection\b[^>]*?\ssheet=\"(?:1|true)\"")
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3}[0-9]{1,7})\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(/?)>")


def _formula_cells(raw: bytes) -> dict[str, str]:
    """Cell ref -> formula text, for every <f> element, attributed to the <c> that opened before it
    (found by looking back from the formula, so the cells without one are never parsed)."""
    out: dict[str, str] = {}
    if b"<f" not in raw and b":f" not in raw:
        return out
    cell, searched_from = None, 0
    for m in _FORMULA.finditer(raw):
        cell = _cell_before(raw, searched_from, m.start()) or cell
        searched_from = m.end()
        if cell is None:
            continue
        text = ""
        if not m.group(1):  # not self-closing: the text runs to the closing tag
            end = raw.find(b"</", m.end())
            text = html.unescape(raw[m.end():end].decode("utf-8", "replace")) if end > 0 else ""
        out[cell.decode()] = "=" + text
    return out


def _cell_before(raw: bytes, start: int, end: int) -> bytes | None:
    """The reference of the last cell start tag (with an r attribute) in raw[start:end], or None."""
    i = end
    while (i := raw.rfind(b"<", start, i)) >= 0:
        m = _CELL.match(raw, i)
        if m and m.end() <= end:
            return m.group(1)
    return None


_HYPERLINK = re.compile(rb"<(?:\w+:)?hyperlink\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_LENGTH_RULE = re.compile(rb'<(?:\w+:)?dataValidation\b[^>]*type="textLength"[^>]*>\s*<(?:\w+:)?formula1>(\d+)<')
_TEXT_RUN = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</(?:\w+:)?t>")
TAIL_SCAN_BYTES = 256 * 1024               # hyperlinks and validations follow <sheetData>: scanned in its tail


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """rId -> (relationship type's last word, target part path or external target) of one part."""
    folder, base = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", base + ".rels")
    if rels_path not in zf.namelist():
        return {}
    out = {}
    for r in _parse(zf, rels_path).findall("rel:Relationship", NS):
        target = r.get("Target", "")
        if r.get("TargetMode") != "External":
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[r.get("Id", "")] = (r.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def _notes(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Cell ref -> text of the notes (legacy comments) in one comments part."""
    out: dict[str, str] = {}
    for c in _parse(zf, part).iter(_M + "comment"):
        text = "".join(t.text or "" for t in c.iter(_M + "t")).strip()
        if text:
            out[c.get("ref", "")] = text
    return out


def _texts(zf: zipfile.ZipFile, part: str) -> list[str]:
    """The text runs of a drawing part (shapes, text boxes), joined per run."""
    raw = _raw(zf, part)
    runs = [html.unescape(m.group(1).decode("utf-8", "replace")).strip() for m in _TEXT_RUN.finditer(raw)]
    return [r for r in runs if r]


def _hyperlinks(tail: bytes, rels: dict[str, tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _HYPERLINK.finditer(tail):
        attrs = {k.split(b":")[-1].decode(): html.unescape(v.decode("utf-8", "replace"))
                 for k, v in _ATTR.findall(m.group(1))}
        target = rels.get(attrs.get("id", ""), ("", ""))[1] or attrs.get("location", "")
        if attrs.get("ref"):
            out[attrs["ref"]] = target
    return out


def _sheet_facts(zf: zipfile.ZipFile, name: str, state: str, path: str) -> SheetFacts:
    """Protection, formula cells, notes, links, drawings' text and a length rule of one sheet, by
    bounded scans of the raw part (entities are never expanded: a part with a DTD was refused by
    _raw) and defusedxml for the small parts beside it."""
    facts = SheetFacts(name=name, state=state)
    if path not in zf.namelist():
        return facts
    raw = _raw(zf, path)
    facts.protected = _SHEET_PROTECTION.search(raw) is not None
    facts.formulas = _formula_cells(raw)
    end = raw.rfind(b"</sheetData>")
    tail = raw[end:end + TAIL_SCAN_BYTES] if end >= 0 else raw[-TAIL_SCAN_BYTES:]
    rels = _rels(zf, path)
    facts.hyperlinks = _hyperlinks(tail, rels)
    rule = _LENGTH_RULE.search(tail)
    facts.max_length = int(rule.group(1)) if rule else None
    for kind, target in rels.values():
        if target not in zf.namelist():
            continue
        if kind == "comments":
            facts.notes.update(_notes(zf, target))
        elif kind == "drawing":
            facts.drawing_texts += _texts(zf, target)
    return facts


def _saved_at(zf: zipfile.ZipFile) -> str | None:
    if "docProps/core.xml" not in zf.namelist():
        return None
    root = _parse(zf, "docProps/core.xml")
    node = root.find("dcterms:modified", NS)
    return node.text.strip() if node is not None and node.text else None


def _application(zf: zipfile.ZipFile) -> str | None:
    if "docProps/app.xml" not in zf.namelist():
        return None
    node = _parse(zf, "docProps/app.xml").find("ep:Application", NS)
    return node.text.strip() if node is not None and node.text else None


def _package_time(zf: zipfile.ZipFile) -> str | None:
    """The time stamped on docProps/core.xml in the zip (no zone in the format; None for Excel's 1980)."""
    try:
        stamp = zf.getinfo("docProps/core.xml").date_time
    except KeyError:
        return None
    if stamp[0] <= 1980:
        return None
    return dt.datetime(*stamp, tzinfo=dt.timezone.utc).isoformat()


def _values(wb: CalamineWorkbook, names: list[str]) -> dict[str, list[list[Any]]]:
    out: dict[str, list[list[Any]]] = {}
    for name in names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        out[name] = [[None if v == "" else v for v in row] for row in rows]
    return out


def _meta(rows: list[list[Any]]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    meta: dict[str, str] = {}
    meta_rows: list[tuple[str, str]] = []
    for i, row in enumerate(rows, start=1):
        a = row[0] if row else None
        b = row[1] if len(row) > 1 else None
        if a is None:
            continue
        if i < META_ROWS_START:
            meta[str(a)] = "" if b is None else _text(b)
        else:
            meta_rows.append((_text(a), "" if b is None else _text(b)))
    return meta, meta_rows


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_return(path: Path, data: bytes | None = None) -> ReturnedWorkbook | ReadFailure:
    """Read one returned file (``data``: its bytes, if the caller has read them already).

    Never raises for bad content: a ReadFailure says what is wrong. Values are read from the identity
    sheet and from every other sheet (a sheet a person added is content too).
    """
    try:
        stat = path.stat()
        if stat.st_size > MAX_FILE_BYTES:
            return ReadFailure("file-too-large", detail_code="file-size",
                                   values={"mb": f"{stat.st_size / 1e6:.1f}", "limit": MAX_FILE_BYTES // 1_000_000})
        if data is None:
            data = path.read_bytes()
    except OSError as exc:
        return ReadFailure("corrupt-file", exc.strerror or str(exc))
    failure = sniff(data, path.suffix.lower())
    if failure:
        return failure
    mtime = dt.datetime.fromtimestamp(stat.st_mtime, dt.timezone.utc).replace(microsecond=0).isoformat()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            failure = check_package(zf, len(data))
            if failure:
                return failure
            targets, wb_protected = _sheet_targets(zf)
            saved_at, application, package_time = _saved_at(zf), _application(zf), _package_time(zf)
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            names = [n for n, _, _ in targets]
            values = _values(book, [META_SHEET] if META_SHEET in names else [])
            meta, meta_rows = _meta(values.get(META_SHEET, []))
            values.update(_values(book, [n for n in names if n != META_SHEET]))
            sheets = [_sheet_facts(zf, n, s, p) if n != META_SHEET else SheetFacts(name=n, state=s)
                      for n, s, p in targets]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError) as exc:
        return ReadFailure("corrupt-file", f"zip: {exc}")
    except (DefusedXmlException, SafeET.ParseError) as exc:
        return ReadFailure("corrupt-file", f"XML: {exc}")
    except Exception as exc:  # calamine raises its own error types for damaged parts
        return ReadFailure("corrupt-file", f"{type(exc).__name__}: {exc}")
    return ReturnedWorkbook(file_name=path.name, size=len(data), sha256=file_digest(data), file_mtime=mtime,
                            saved_at=saved_at, workbook_protected=wb_protected, sheets=sheets, meta=meta,
                            meta_rows=meta_rows, values=values, application=application,
                            package_time=package_time)
