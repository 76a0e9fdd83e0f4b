"""LibreOffice headless as a second, independent spreadsheet client for tests (no UNO needed).

Every call runs `soffice` with its own private profile (-env:UserInstallation) so that parallel or
earlier instances never hand work to each other (measured facts in docs/libreoffice.md).

    from tests.libreoffice import to_pdf, to_csv, pdf_page_png
    (LibreOffice is required, never skipped: `bash .ci/run` installs it from Debian's packages.)
    pdf = to_pdf(xlsx, out_dir)                 # Path of the PDF
    sheets = to_csv(xlsx, out_dir)              # {sheet name: Path}, UTF-8, one CSV per sheet
    rows = read_csv(sheets["Seuranta"])         # list of rows (lists of str)
    png = pdf_page_png(pdf, out_dir / "page1")  # Path of page 1 as PNG
"""
from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from pathlib import Path

# UTF-8 (76), comma (44), double quote (34), all sheets (-1: one file per sheet, named FILE-SHEET.csv)
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
TIMEOUT = 120


class LibreOfficeError(RuntimeError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None and shutil.which("pdftoppm") is not None


def convert(src: Path, out_dir: Path, target: str) -> list[Path]:
    """Run one `soffice --convert-to TARGET` on ``src`` into ``out_dir``; the files it wrote."""
    exe = soffice()
    if exe is None:
        raise LibreOfficeError("soffice is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    before = set(out_dir.iterdir())
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(out_dir), str(src)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    made = sorted(set(out_dir.iterdir()) - before)
    if proc.returncode != 0 or "Error" in proc.stderr or not made:
        raise LibreOfficeError(f"soffice --convert-to {target} {src.name} failed (rc {proc.returncode}): "
                               f"{proc.stderr.strip() or proc.stdout.strip()}")
    return made


def to_pdf(src: Path, out_dir: Path) -> Path:
    made = [p for p in convert(src, out_dir, "pdf") if p.suffix == ".pdf"]
    if not made:
        raise LibreOfficeError(f"no PDF for {src.name}")
    return made[0]


def to_csv(src: Path, out_dir: Path) -> dict[str, Path]:
    """One UTF-8 CSV per sheet: {sheet name: path}. LibreOffice names them STEM-SHEET.csv."""
    made = convert(src, out_dir, CSV_FILTER)
    prefix = src.stem + "-"
    return {p.stem[len(prefix):] if p.stem.startswith(prefix) else p.stem: p for p in made if p.suffix == ".csv"}


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def pdf_page_png(pdf: Path, out_base: Path, page: int = 1, dpi: int = 80) -> Path:
    """Render one PDF page to ``out_base``.png with pdftoppm."""
    out_base.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(out_base)], check=True, capture_output=True, timeout=TIMEOUT)
    return out_base.with_suffix(".png")


def pdf_pages(pdf: Path) -> int:
    """The number of pages (pdfinfo when present, else a count of /Type /Page objects)."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
    data = pdf.read_bytes()
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")
