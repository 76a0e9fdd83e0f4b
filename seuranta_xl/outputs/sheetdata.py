"""Streaming the rows of big sheets into a package XlsxWriter wrote (shell helper of master.py).

XlsxWriter spends about 6 µs per cell (a cell object, then XML at close); the master's two big
views hold 2 × 15 000 rows in a 60 × 250 round, and its write was most of a sync. Here XlsxWriter
still writes the whole package — styles, the Table part, widths, filters, hyperlinks, the header
row — and only the data rows of the named sheets are streamed into their <sheetData>, as inline
strings (values always text or numbers, never formulas) with the column's style. Escaping follows
XlsxWriter's own rules: & < > as entities, control characters as _xHHHH_ and a literal "_xHHHH_"
as "_x005F_xHHHH_", so a cell reads back exactly as XlsxWriter would have written it.

With a free core (store/fanout.py) each big sheet's rows and XML are made in a process of their own,
into a temporary file the package then takes in; the parts are byte for byte those of one process.
A Table is given to XlsxWriter on its header and one row and stretched over the rows here.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from seuranta_xl.core.cells import col_letter
from seuranta_xl.present.rowheight import row_height, wrapped_lines
from seuranta_xl.store import fanout

_LITERAL_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_COL = re.compile(r"<col\b([^>]*)/>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')
_TABLE_REF = re.compile(r'(ref="[A-Z]+)1:([A-Z]+)\d+"')      # a Table's and its autoFilter's range


def escape(text: str) -> str:
    if "_x" in text:
        text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
    if "\ufffe" in text or "\uffff" in text:
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _columns(sheet_xml: str) -> tuple[dict[int, str], dict[int, float]]:
    """(column -> style id, column -> width in characters) from the sheet's <cols>."""
    styles: dict[int, str] = {}
    widths: dict[int, float] = {}
    for m in _COL.finditer(sheet_xml):
        attrs = dict(_ATTR.findall(m.group(1)))
        for c in range(int(attrs["min"]) - 1, int(attrs["max"])):
            if "style" in attrs:
                styles[c] = attrs["style"]
            if "width" in attrs:
                widths[c] = float(attrs["width"])
    return styles, widths


def rows_xml_chunks(rows: Sequence[Sequence[object]], first_row: int, styles: dict[int, str],
                    wrap_widths: dict[int, float] | None = None, chunk_rows: int = 2000) -> Iterator[str]:
    """<row> elements for ``rows`` starting at 1-based ``first_row``, in pieces of ``chunk_rows`` rows (a big
    sheet is streamed into the zip, never held whole); None cells are left out.

    Columns in ``wrap_widths`` wrap their text: the row gets a height for its tallest such cell, since
    LibreOffice (unlike Excel) does not fit row heights when it opens a file.
    """
    wrap_widths = wrap_widths or {}
    width = max((len(r) for r in rows), default=0)
    cell_open = [f'<c r="{col_letter(c)}' for c in range(width)]
    style = [f' s="{styles[c]}"' if c in styles else "" for c in range(width)]
    # focus areas, goals, departments and file names repeat row after row: each text escaped, and its
    # wrapped height estimated, once per column
    text_cells: list[dict[str, tuple[str, int]]] = [{} for _ in range(width)]
    for start in range(0, len(rows), chunk_rows):
        parts: list[str] = []
        append = parts.append
        for i, values in enumerate(rows[start:start + chunk_rows], start=start):
            r = first_row + i
            row_ref = f'{r}"'                 # each cell's reference ends in the row number
            lines = 1
            row_start = len(parts)
            append("")                        # the <row> tag, once its height is known
            for c, value in enumerate(values):
                if value is None or value == "":
                    continue
                kind = type(value)
                if kind is not str and (kind is int or kind is float or (
                        isinstance(value, (int, float)) and not isinstance(value, bool))):
                    num = int(value) if float(value).is_integer() else value
                    append(f'{cell_open[c]}{row_ref}{style[c]}><v>{num}</v></c>')
                    continue
                text = value if kind is str else str(value)
                known = text_cells[c].get(text)
                if known is None:
                    known = text_cells[c][text] = (
                        f'{style[c]} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>',
                        wrapped_lines(text, wrap_widths[c]) if c in wrap_widths else 1)
                if known[1] > lines:
                    lines = known[1]
                append(f'{cell_open[c]}{row_ref}{known[0]}')
            height = f' ht="{row_height([], min_lines=lines):g}" customHeight="1"' if lines > 1 else ""
            parts[row_start] = f'<row r="{r}"{height}>'
            append("</row>")
        yield "".join(parts)


Rows = Sequence[Sequence[object]]
PARALLEL_ROWS = 5000          # fewer rows in the big sheets than this: one process writes them all


@dataclass
class SheetRows:
    """The data rows of one sheet part, made when needed (perhaps in a worker process), and the 0-based
    columns whose text wraps."""

    make: Callable[[], Rows]
    wrap: set[int] = field(default_factory=set)
    expected_rows: int = 0     # how many rows ``make`` gives (it decides whether workers are worth it)


def splice_rows(package: bytes, sheets: dict[str, SheetRows], tables: dict[str, str] | None = None) -> bytes:
    """Put data rows (from row 2, under the header XlsxWriter wrote) into the named sheet parts, and
    stretch each Table part in ``tables`` (part name -> its sheet part) over its sheet's rows: XlsxWriter
    was given the Table on the header and one row, as checking 15 000 rows for overlaps took 0.1 s.

    With a free core (store/fanout.py) each sheet's rows and XML are made in a process of their own,
    into a temporary file; otherwise here, streamed into the compressed part a chunk at a time."""
    with zipfile.ZipFile(io.BytesIO(package)) as zin:
        parts = {name: zin.read(name).decode("utf-8") for name in sheets}
        made = _made_parts(parts, sheets)
        try:
            return _write_package(zin, made, tables or {})
        finally:
            for m in made.values():
                m.discard()


@dataclass
class _Made:
    """A sheet part's XML around its data rows, and the rows' XML: chunks to stream, or a file."""

    head: str
    tail: str
    rows: int
    chunks: Iterator[str] | None = None
    file: str | None = None

    def pieces(self) -> Iterator[bytes]:
        yield self.head.encode("utf-8")
        if self.file is not None:
            with open(self.file, "rb") as f:
                while block := f.read(4 * 2**20):
                    yield block
        else:
            for chunk in self.chunks or ():
                yield chunk.encode("utf-8")
        yield self.tail.encode("utf-8")

    def discard(self) -> None:
        if self.file is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.file)


def _made_parts(parts: dict[str, str], sheets: dict[str, SheetRows]) -> dict[str, _Made]:
    names = list(sheets)
    big = sum(sheets[n].expected_rows for n in names) >= PARALLEL_ROWS
    workers = fanout.worker_count(len(names), per_worker=1) if big else 0
    if not workers:
        return {n: _streamed(parts[n], sheets[n]) for n in names}
    files = fanout.run_all(names, lambda n: _to_file(parts[n], sheets[n]), workers)
    return dict(zip(names, files, strict=True))


def _frame(xml: str, rows: int, width: int) -> tuple[str, str]:
    """The part's XML before and after its data rows, its dimension covering them (no rows: as it was)."""
    if not rows:
        return xml, ""
    xml = xml.replace("<sheetData/>", "<sheetData></sheetData>", 1)
    xml = _DIMENSION.sub(f'<dimension ref="A1:{col_letter(width - 1)}{rows + 1}"/>', xml, 1)
    head, tail = xml.split("</sheetData>", 1)
    return head, "</sheetData>" + tail


def _chunks(xml: str, rows: Rows, wrap: set[int]) -> Iterator[str]:
    styles, widths = _columns(xml)
    return rows_xml_chunks(rows, 2, styles, {c: widths[c] for c in wrap if c in widths})


def _prepared(xml: str, sheet: SheetRows) -> tuple[Rows, str, str]:
    """The sheet's rows, and its XML before and after them."""
    rows = sheet.make()
    return (rows, *_frame(xml, len(rows), max((len(r) for r in rows), default=0)))


def _streamed(xml: str, sheet: SheetRows) -> _Made:
    rows, head, tail = _prepared(xml, sheet)
    return _Made(head, tail, len(rows), chunks=_chunks(xml, rows, sheet.wrap))


def _to_file(xml: str, sheet: SheetRows) -> _Made:
    """The rows' XML in a temporary file (a worker process's job: only the file's name travels back)."""
    rows, head, tail = _prepared(xml, sheet)
    fd, name = tempfile.mkstemp(prefix="seuranta-master-", suffix=".xml")
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in _chunks(xml, rows, sheet.wrap):
                f.write(chunk.encode("utf-8"))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return _Made(head, tail, len(rows), file=name)


def _write_package(zin: zipfile.ZipFile, made: dict[str, _Made], tables: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in made:
                with zout.open(_level_one(info), "w") as part:
                    for piece in made[info.filename].pieces():
                        part.write(piece)
                continue
            data = zin.read(info.filename)
            if info.filename in tables and tables[info.filename] in made:
                data = _TABLE_REF.sub(lambda m: f'{m.group(1)}1:{m.group(2)}{made[tables[info.filename]].rows + 1}"',
                                      data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _level_one(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """The part's entry (its name and time) compressed at level 1: these parts are most of the package's
    bytes; the file is ~10 % larger, 3x faster."""
    entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = info.external_attr
    for name in ("compress_level", "_compresslevel"):   # Python 3.13+ / 3.11-3.12
        try:
            setattr(entry, name, 1)
            break
        except AttributeError:
            continue
    return entry
