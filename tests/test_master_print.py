"""master.xlsx reads and prints (#14): headers that fit their columns, the grade with its label in one
cell only when the label adds words, every sheet A4 landscape one page wide with the header repeated,
rows tall enough, times as Excel date-times in Finnish local time (read back with openpyxl)."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from seuranta_xl.present.i18n import local_time
from seuranta_xl.present.rowheight import wrapped_lines
from seuranta_xl.returns.sync import sync_folder
from seuranta_xl.store.rounds import new_round
from tests.returns_kit import ROUND, Kit, set_saved_time

SAVED = dt.datetime(2023, 9, 28, 14, 5, tzinfo=dt.timezone.utc)     # 17.05 in Helsinki (summer time)


@pytest.fixture(scope="module")
def master(tmp_path_factory):
    kit = Kit(tmp_path_factory.mktemp("master"))
    set_saved_time(kit.fill("Hallinto"), SAVED.replace(tzinfo=None))
    sync_folder(kit.proj, kit.returns)
    return kit, openpyxl.load_workbook(kit.project.master_path)


def test_every_sheet_prints_landscape_one_page_wide(master):
    _kit, wb = master
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1), ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title
        assert ws.print_title_rows in ("1:1", "$1:$1"), ws.title


def test_headers_fit_their_columns(master):
    _kit, wb = master
    for ws in wb.worksheets:
        height = ws.row_dimensions[1].height or 15
        for cell in ws[1]:
            if not cell.value:
                continue
            width = ws.column_dimensions[cell.column_letter].width
            assert max(len(w) for w in str(cell.value).split()) * 1.1 <= width, (ws.title, cell.value, width)
            assert wrapped_lines(str(cell.value), width) * 15 <= height, (ws.title, cell.value)


def test_grade_alone_when_the_label_adds_no_words(master):
    _kit, wb = master
    wide = wb["Toimenpiteet"]
    head = [c.value for c in wide[1]]
    assert f"{ROUND} arvio" in head and not any("selite" in (h or "") for h in head)
    grades = [r[head.index(f"{ROUND} arvio")].value for r in wide.iter_rows(min_row=2)]
    assert {g for g in grades if g is not None} <= {1, 2, 3, 4, 5}        # numbers: sums and filters work


def test_a_labelled_scale_shows_value_and_label_in_one_cell(tmp_path):
    kit = Kit(tmp_path, scale="1-5-kuvaus")
    kit.fill("Kasvu")
    sync_folder(kit.proj, kit.returns)
    new_round(kit.proj, "r2")
    empty = tmp_path / "r2"
    empty.mkdir()
    sync_folder(kit.proj, empty, round_id="r2")
    wb = openpyxl.load_workbook(kit.project.master_path)
    wide = wb["Toimenpiteet"]
    head = [c.value for c in wide[1]]
    values = {r[head.index(f"{ROUND} arvio")].value for r in wide.iter_rows(min_row=2)} - {None}
    labels = {st.display for st in kit.project.scale("1-5-kuvaus").steps}
    assert values and values <= labels and "3 Toteutus on aloitettu, ei vielä valmis" in values
    # the earlier round's comment and source are grouped out of sight; its grade stays beside the latest
    col = wide.column_dimensions
    letters = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(head)}
    assert col[letters[f"{ROUND} kommentti"]].hidden and col[letters[f"{ROUND} kommentti"]].outline_level == 1
    assert not col[letters[f"{ROUND} arvio"]].hidden and not col[letters["r2 kommentti"]].hidden


def test_times_are_local_excel_date_times(master):
    kit, wb = master
    returns = wb["Palautukset"]
    head = [c.value for c in returns[1]]
    row = next(r for r in returns.iter_rows(min_row=2) if r[head.index("Tila")].value == "palautettu")
    saved, received = row[head.index("Tallennettu")], row[head.index("Vastaanotettu")]
    assert isinstance(saved.value, dt.datetime) and saved.value == dt.datetime(2023, 9, 28, 17, 5)
    assert saved.number_format == "d.m.yyyy h.mm" and isinstance(received.value, dt.datetime)
    with kit.project.ledger() as ledger:
        rec = ledger.round_returns(ROUND)[0][0]
    assert abs(received.value - local_time(rec.received_at)) < dt.timedelta(seconds=1)
    long = wb["Kaikki arviot"]
    head = [c.value for c in long[1]]
    stamps = [r[head.index("Vastaanotettu")] for r in long.iter_rows(min_row=2) if r[head.index("Arvio")].value]
    assert stamps and all(isinstance(c.value, dt.datetime) and c.number_format == "d.m.yyyy h.mm" for c in stamps)


def test_findings_rows_are_tall_enough(master):
    _kit, wb = master
    ws = wb["Havainnot"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        need = max(wrapped_lines(str(c.value or ""), ws.column_dimensions[c.column_letter].width)
                   for c in row if head[c.column - 1] in ("Havainto", "Mitä tehdä", "Vastuutaho"))
        assert (ws.row_dimensions[row[0].row].height or 15) >= need * 15 - 1


def test_the_long_tables_rows_are_tall_enough_for_their_texts(master):
    """The Table of every entry wraps its text columns (a comment of several lines printed over the next
    rows before) and each row is tall enough for its tallest text."""
    _kit, wb = master
    ws = wb["Kaikki arviot"]
    head = [c.value for c in ws[1]]
    wrapped = [i for i, title in enumerate(head) if title in ("Toimenpide", "Kommentti", "Tavoite")]
    assert all(c.alignment.wrap_text for row in ws.iter_rows(min_row=2) for i, c in enumerate(row)
               if i in wrapped and c.value)
    for row in ws.iter_rows(min_row=2):
        need = max(wrapped_lines(str(row[i].value or ""), ws.column_dimensions[row[i].column_letter].width)
                   for i in wrapped)
        assert (ws.row_dimensions[row[0].row].height or 15) >= need * 15 - 1
