"""The presentation layer (seuranta_xl/present/): one catalogue of labels, one way to format numbers,
neutralise formulas, write CSV, link to a cell and size a row — used by every shell alike."""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from seuranta_xl.core.findings import Finding
from seuranta_xl.present.csvtext import csv_text
from seuranta_xl.present.formulas import FORMULA_START, neutralise
from seuranta_xl.present.i18n import fmt_date, fmt_number, fmt_percent
from seuranta_xl.present.links import cell_link
from seuranta_xl.present.messages import LANGUAGES, MESSAGES, fields_of, plural, text
from seuranta_xl.present.rowheight import MAX_HEIGHT, row_height, wrapped_lines
from seuranta_xl.present.tables import finding_row, headers, severity_label, state_label

PKG = Path(__file__).resolve().parents[1] / "seuranta_xl"
NBSP = "\u00a0"


def test_every_message_is_in_three_languages_with_the_same_fields():
    for key, entry in MESSAGES.items():
        assert len(entry) == len(LANGUAGES) and all(t.strip() for t in entry), key
        assert fields_of(entry[0]) == fields_of(entry[1]) == fields_of(entry[2]), key


def test_no_shell_keeps_its_own_language_dictionaries():
    """Labels live in the catalogue: no {"fi": …, "sv": …} mapping is left in the shells."""
    for path in PKG.rglob("*.py"):
        if path.parent.name in ("core", "present") or path.name == "texts.py" or path.parent.name == "macros":
            continue
        source = path.read_text("utf-8")
        assert '{"fi": ' not in source, f"{path.relative_to(PKG)} has an inline language dictionary"


def test_labels_read_the_same_everywhere():
    assert [severity_label(s, "fi") for s in ("error", "warning", "info")] == ["virhe", "varoitus", "tieto"]
    assert state_label("missing", "sv") == "saknas" and state_label("returned", "en") == "returned"
    assert headers(("severity", "code", "location", "id", "finding", "hint"), "fi") == \
        ["Vakavuus", "Koodi", "Sijainti", "ID", "Havainto", "Mitä tehdä"]
    f = Finding(code="invalid-grade", file="a.xlsx", sheet="Seuranta", cell="H7", action_id="1.2",
                department="Sivistys", params={"value": "6", "allowed": "1, 2, 3"})
    row = finding_row(f, ("severity", "code", "location", "department", "cell"), "en")
    assert row == ["error", "invalid-grade", "a.xlsx › Seuranta!H7", "Sivistys", "H7"]
    assert text("sync.done", "sv", r="r", files=plural("files", 1, "sv"), new=plural("new-returns", 2, "sv"), same=0,
                rej=0, counts="-").startswith("Omgång r: 1 fil; 2 nya returer")
    assert text("total", "xx") == "Yhteensä"      # an unknown language falls back to Finnish


def test_numbers_shares_and_dates_in_each_locale():
    assert fmt_number(1234.5, "fi") == f"1{NBSP}234,5" == fmt_number(1234.5, "sv")
    assert fmt_number(1234.5, "en") == "1,234.5" and fmt_number(3.0, "en", 2) == "3.00"
    assert fmt_percent(0.125, "fi", 1) == f"12,5{NBSP}%" and fmt_percent(0.125, "en", 1) == "12.5%"
    assert fmt_percent(0.5, "sv") == f"50{NBSP}%" and fmt_percent(1.0, "en") == "100%"
    # one rounding rule in every format, the spreadsheet's: 15 significant digits, then half away from zero
    assert fmt_percent(0.995, "fi") == f"100{NBSP}%" and fmt_percent(5 / 40, "fi") == f"13{NBSP}%"
    assert fmt_number(3.25, "fi") == "3,3" and fmt_number(2.675, "en", 2) == "2.68" and fmt_number(-0.25, "en") == "-0.3"
    assert fmt_date(dt.date(2024, 2, 1), "fi") == "1.2.2024" == fmt_date(dt.date(2024, 2, 1), "sv")
    assert fmt_date(dt.date(2024, 2, 1), "en") == "2024-02-01" and fmt_date(None, "fi") == ""


def test_every_formula_start_is_neutralised():
    assert set(FORMULA_START) == {"=", "+", "-", "@", "\t", "\r"}
    for start in FORMULA_START:
        assert neutralise(f"{start}1+1") == f"'{start}1+1"
    assert neutralise("1+1") == "1+1" and neutralise(None) == "" and neutralise("") == ""


def test_csv_conventions():
    doc = csv_text([["a", "b"], ["=SUM(A1)", "rivi 1\nrivi 2"], ["x;y", None]])
    assert doc.startswith("\ufeff") and doc.count("\r\n") == 3 and "\"rivi 1\nrivi 2\"" in doc   # CRLF rows, quoted break
    rows = list(csv.reader(io.StringIO(doc[1:], newline=""), delimiter=";"))
    assert rows == [["a", "b"], ["'=SUM(A1)", "rivi 1\nrivi 2"], ["x;y", ""]]


def test_cell_links():
    assert cell_link("/p/a.xlsx", "Seuranta", "C5") == "/p/a.xlsx#'Seuranta'!C5"
    assert cell_link("external:a.xlsx", "Ville's", "C5") == "external:a.xlsx#'Ville''s'!C5"
    assert cell_link("/p/a.xlsx", None, "C5") == "/p/a.xlsx" == cell_link("/p/a.xlsx", "S", None)


def test_one_row_height_estimator():
    assert wrapped_lines("", 40) == 1 and wrapped_lines("a\nb\nc", 40) == 3
    assert wrapped_lines("x" * 200, 40) > wrapped_lines("x" * 200, 80)
    assert wrapped_lines("x" * 100, 20, font_size=10) < wrapped_lines("x" * 100, 20, font_size=11)
    assert row_height([("lyhyt", 40)]) == 18.0 and row_height([("lyhyt", 40)], min_lines=3) == 48.0
    assert row_height([("x" * 100_000, 10)]) == MAX_HEIGHT
