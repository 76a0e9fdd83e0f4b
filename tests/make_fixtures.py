"""Build real .xlsx (and .csv) strategy tables from the seed text extractions.

Each line of a seed becomes a sheet row with the same number (tabs separate the cells), so a finding's
row can be checked against the seed by eye. What a real exported table has is added on top: merged
title rows and block headings, vertically merged "same as above" cells, real line breaks between a
cell's paragraphs (the extraction's <p> marks), numbers stored as numbers. Also the bad inputs that
`seuranta init` must refuse with one clear line.

    python tests/make_fixtures.py OUT_DIR
"""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"          # copies of the public documents
KEURUU_TSV = REPO / "seuranta_xl" / "data" / "keuruu_strategia.tsv"   # the demo's bundled table
SEED = {
    "kemi": SEEDS / "001_09050fdfe5e94683.txt",
    "tuusula": SEEDS / "002_1776d941d6fce2d1.txt",
    "kemi_strategia": SEEDS / "003_9e907ade40a0c207.txt",
    "taulukko2024": SEEDS / "004_e12f7f98443a463c.txt",
}


def seed_lines(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text("utf-8").split("\n")]


def html_cell(text: str) -> str:
    """"<p>a</p> <p>b</p>" -> "a\\n\\nb"; <b> marks dropped."""
    text = re.sub(r"</?b>", "", text)
    if "<p>" not in text:
        return text
    parts = re.findall(r"<p>(.*?)</p>", text, flags=re.S)
    return "\n\n".join(p.strip() for p in parts)


def _value(text: str) -> object:
    text = html_cell(text)
    if re.fullmatch(r"[1-5]", text.strip()):
        return int(text)
    return text if text.strip() else None


def write_rows(ws, rows: list[list[str]]) -> None:
    for r, cells in enumerate(rows, start=1):
        for c, text in enumerate(cells, start=1):
            value = _value(text)
            if value is not None:
                cell = ws.cell(r, c, value)
                if isinstance(value, str) and "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")


def build_keuruu(out: Path, rows: list[list[str]] | None = None, name: str = "keuruu.xlsx") -> Path:
    rows = rows if rows is not None else seed_lines(KEURUU_TSV)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Seuranta 2023"
    write_rows(ws, rows)
    for r, cells in enumerate(rows, start=1):
        if cells[0].startswith("KEURUUN"):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
        if cells[0] == "TOIMENPITEET":
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
    path = out / name
    wb.save(path)
    return path


def build_keuruu_csv(out: Path) -> Path:
    """The same table saved from Excel as CSV (semicolons, UTF-8 with BOM)."""
    import csv
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    for cells in seed_lines(KEURUU_TSV):
        writer.writerow(cells)
    path = out / "keuruu.csv"
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    return path


def build_tuusula(out: Path) -> Path:
    rows = seed_lines(SEED["tuusula"])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tavoitteet 2021"
    write_rows(ws, rows)
    for r, cells in enumerate(rows, start=1):
        if len(cells) == 1 and cells[0].strip():   # the intro and the scale lines span the table
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=8)
    path = out / "tuusula.xlsx"
    wb.save(path)
    return path


def _kemi_rows(rows: list[list[str]]) -> list[list[str]]:
    return [[c.removeprefix("# ") for c in cells] for cells in rows]


def build_kemi(out: Path, seed: str = "kemi", name: str = "kemi.xlsx") -> Path:
    rows = _kemi_rows(seed_lines(SEED[seed]))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Toteuma 2022" if seed == "kemi" else "Strategia 2022-2025"
    write_rows(ws, rows)
    for r, cells in enumerate(rows, start=1):
        if cells[0].startswith("Strateginen päämäärä"):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
        # a goal cell left blank under a filled one: in the original it was one merged cell
        if seed == "kemi_strategia" and len(cells) == 6 and not cells[0].strip() and cells[1].strip() \
                and r > 1 and rows[r - 2][0].strip():
            ws.merge_cells(start_row=r - 1, start_column=1, end_row=r, end_column=1)
    path = out / name
    wb.save(path)
    return path


def build_2024(out: Path) -> Path:
    rows = seed_lines(SEED["taulukko2024"])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Toiminnalliset tavoitteet"
    write_rows(ws, rows)
    for r, cells in enumerate(rows, start=1):
        if cells[0].startswith("Strategian toteutumista"):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
    # the first "same as above" pair is a real vertical merge; the later blanks are plain blanks
    first = next(r for r, cells in enumerate(rows, start=1) if len(cells) > 2 and cells[0] and cells[2].startswith("1."))
    ws.merge_cells(start_row=first, start_column=1, end_row=first + 1, end_column=1)
    ws.merge_cells(start_row=first, start_column=2, end_row=first + 1, end_column=2)
    path = out / "taulukko2024.xlsx"
    wb.save(path)
    return path


def build_bad(out: Path) -> dict[str, Path]:
    bad = out / "bad"
    bad.mkdir(exist_ok=True)
    png = bad / "kuva.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64))
    text = bad / "teksti.xlsx"
    text.write_text("Tämä on pelkkää tekstiä eikä taulukko.\n", "utf-8")
    corrupt = bad / "rikki.xlsx"
    corrupt.write_bytes(b"PK\x03\x04" + bytes(200))
    empty = bad / "tyhja.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Taulukko1"
    wb.save(empty)
    encrypted = bad / "salattu.xlsx"
    encrypted.write_bytes(encrypt(out / "taulukko2024.xlsx", "salasana"))
    mapping = bad / "vaara_sarake.toml"
    mapping.write_text('[mapping.columns]\naction = "Teko"\ndepartment = "Vastuuyksikkö"\n', "utf-8")
    return {"png": png, "text": text, "corrupt": corrupt, "empty": empty, "encrypted": encrypted,
            "bad_mapping": mapping}


def encrypt(path: Path, password: str) -> bytes:
    """A password-encrypted copy of an .xlsx, as Excel writes it (an OLE2/CFB file)."""
    from msoffcrypto.format.ooxml import OOXMLFile
    buf = io.BytesIO()
    with path.open("rb") as fh:
        OOXMLFile(fh).encrypt(password, buf)
    return buf.getvalue()


def build_all(out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "keuruu": build_keuruu(out),
        "keuruu_csv": build_keuruu_csv(out),
        "tuusula": build_tuusula(out),
        "kemi": build_kemi(out),
        "kemi_strategia": build_kemi(out, "kemi_strategia", "kemi_strategia.xlsx"),
        "taulukko2024": build_2024(out),
    }
    paths.update(build_bad(out))
    return paths


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures")
    for key, p in build_all(target).items():
        print(f"{key}\t{p}")
