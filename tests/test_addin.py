"""The add-in's Python side (seuranta_xl.addin) on real project files, without Excel.

The plain-data functions are tested directly. The five entry points are also run once each through
a small stand-in for xlwings' Book/App (no Excel here), which checks that the thin layer calls the
library and writes what the plain functions made; what Excel itself does with it is not tested."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.returns_kit import ROUND, Kit
from seuranta_xl import addin
from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding
from seuranta_xl.returns.check import check_files
from seuranta_xl.returns.status import round_status
from seuranta_xl.returns.sync import sync_folder

HKP = "Hallinto"


@pytest.fixture(autouse=True)
def addin_config(tmp_path, monkeypatch):
    path = tmp_path / "cfg" / "addin.json"
    monkeypatch.setenv(addin.CONFIG_ENV, str(path))
    return path


@pytest.fixture
def kit(tmp_path):
    return Kit(tmp_path)


def bad_grade(wb, ws, meta, cols):
    first = int(meta["first_data_row"])
    ws[f"{cols['grade']}{first}"] = 7


# ------------------------------------------------------------------ the remembered project

def test_remember_project_round_trip(tmp_path, addin_config):
    assert addin.remembered_project() is None
    addin.remember_project(tmp_path)
    assert addin.remembered_project() == tmp_path.resolve()
    assert json.loads(addin_config.read_text("utf-8"))["project"] == str(tmp_path.resolve())


def test_config_path_default_locations(monkeypatch, tmp_path):
    monkeypatch.delenv(addin.CONFIG_ENV)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr(addin.sys, "platform", "linux")
    assert addin.config_path() == tmp_path / "seuranta-xl" / "addin.json"
    monkeypatch.setattr(addin.sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData"))
    assert addin.config_path() == tmp_path / "AppData" / "seuranta-xl" / "addin.json"


def test_broken_config_is_ignored(addin_config):
    addin_config.parent.mkdir(parents=True)
    addin_config.write_text("{not json", "utf-8")
    assert addin.remembered_project() is None


def test_project_found_from_hints_then_remembered(kit):
    nested = kit.proj / "palautukset" / ROUND     # generate made it: where the returns go
    assert nested.is_dir()
    assert addin.project_folder(None, nested) == kit.proj.resolve()
    # remembered: found again without hints
    assert addin.project_folder(None) == kit.proj.resolve()
    # the master open in Excel is a hint too
    assert addin.project_folder(kit.project.master_path) == kit.proj.resolve()


def test_unknown_project_is_one_user_error(tmp_path):
    with pytest.raises(UserError) as exc:
        addin.project_folder(tmp_path)
    text = addin.error_text(exc.value, "fi")
    assert "Projektikansio" in text and "\n\n" in text          # message, blank line, hint


def test_choose_project_needs_a_project(kit, tmp_path):
    with pytest.raises(UserError):
        addin.choose_project_folder(tmp_path / "tyhjä")
    assert addin.choose_project_folder(kit.proj) == kit.proj.resolve()
    assert addin.remembered_project() == kit.proj.resolve()


# ------------------------------------------------------------------ tables

def test_findings_table_links_to_the_cell(kit):
    path = kit.fill(HKP, edit=bad_grade)
    results, lang = check_files(kit.proj, [path])
    findings = [f for v in results for f in v.findings]
    rows = addin.findings_table(findings, lang, path.parent)
    assert rows[0][:3] == ["Vakavuus", "Koodi", "Sijainti"]
    [row] = [r for r in rows[1:] if r[1] == "invalid-grade"]
    f = next(f for f in findings if f.code == "invalid-grade")
    assert row[0] == "virhe" and row[3] == f.action_id and row[5] == f.message("fi") and row[6] == f.hint("fi")
    link = row[2]
    assert isinstance(link, addin.Link)
    assert link.target == f"{path}#'{f.sheet}'!{f.cell}" and link.text == f.location()
    cells = addin.to_cells(rows)
    formula = cells[rows.index(row)][2]
    assert formula.startswith('=HYPERLINK("') and f"!{f.cell}" in formula


def test_findings_table_without_file_is_text(kit):
    f = Finding(code="missing-return", department="Kasvu")
    rows = addin.findings_table([f], "en", kit.returns)
    assert rows[1][2] == f.location() and rows[1][4] == "Kasvu"
    assert addin.findings_table([], "fi")[1] == ["Ei havaintoja."]


def test_sheet_name_with_quote_is_escaped(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"x")
    f = Finding(code="missing-grade", file="a.xlsx", sheet="Kaupungin's", cell="D5")
    assert addin.link_target(tmp_path, f).endswith("#'Kaupungin''s'!D5")


def test_to_cells_keeps_formula_like_text_as_text():
    cells = addin.to_cells([["=SUM(A1)", "+1", "-x", "@a", "ok", 3], ["short"],
                            [addin.Link("C:\\" + "x" * 300, "long")]])
    assert cells[0] == ["'=SUM(A1)", "'+1", "'-x", "'@a", "ok", 3]
    assert cells[1] == ["short", "", "", "", "", ""]                 # rectangular for one range write
    assert cells[2][0] == "long"                                     # over Excel's 255 limit: plain text
    assert addin.to_cells([[addin.Link('C:\\a"b.xlsx', 'x"y')]])[0][0] == '=HYPERLINK("C:\\a""b.xlsx","x""y")'


def test_status_table_on_a_synced_round(kit):
    kit.fill(HKP)
    sync_folder(kit.proj, kit.returns)
    view, rows, lang = round_status(kit.proj)
    table = addin.status_table(rows, lang)
    assert table[0][0] == "Vastuutaho" and len(table) == len(rows) + 2
    hkp = next(r for r in table[1:-1] if r[0].startswith(HKP))
    assert hkp[1] == "palautettu" and hkp[2] == hkp[3] > 0 and hkp[6].endswith(".xlsx")
    assert table[-1][0] == "Yhteensä" and table[-1][1] == f"1 / {len(rows)}"
    assert table[-1][3] == sum(r.actions for r in rows)


def test_texts(kit):
    path = kit.fill(HKP, edit=bad_grade)
    results, lang = check_files(kit.proj, [path])
    assert "virheitä: 1" in addin.check_summary(results, lang)
    assert addin.progress_text(2, 5, "a.xlsx", "fi") == "Seuranta: luetaan 2/5 a.xlsx"
    result = sync_folder(kit.proj, kit.returns)
    assert addin.sync_summary(result).startswith(f"Kierros {ROUND}: 1 tiedosto; 1 uusi palautus")


# ------------------------------------------------------------------ entry points through a stand-in for xlwings


class FakeRange:
    def __init__(self, sheet):
        self.sheet = sheet
        self.font = type("Font", (), {"bold": False})()
        self.columns = self

    def expand(self, _):
        return self

    def autofit(self):
        pass

    @property
    def value(self):
        return self.sheet.values

    @value.setter
    def value(self, rows):
        self.sheet.values = rows


class FakeSheet:
    def __init__(self):
        self.name, self.values = "Sheet1", None

    def __getitem__(self, _):
        return FakeRange(self)

    @property
    def used_range(self):
        return FakeRange(self)


class FakeBook:
    def __init__(self, app, fullname="Book1"):
        self.app, self.fullname, self.sheets, self.closed = app, fullname, [FakeSheet()], False
        self.api = type("Api", (), {"Saved": True})()

    def close(self):
        self.closed = True
        self.app.open_books.remove(self)


class FakeBooks:
    def __init__(self, app):
        self.app = app

    def __iter__(self):
        return iter(list(self.app.open_books))

    def add(self):
        book = FakeBook(self.app)
        self.app.open_books.append(book)
        self.app.added.append(book)
        return book

    def open(self, path):
        book = FakeBook(self.app, str(path))
        self.app.open_books.append(book)
        self.app.opened.append(str(path))
        return book


class FakeApp:
    def __init__(self):
        self.open_books, self.added, self.opened, self.alerts, self.status = [], [], [], [], []
        self.books = FakeBooks(self)

    def alert(self, prompt, title=None, mode=None, **_):
        self.alerts.append((mode, prompt))

    @property
    def status_bar(self):
        return self.status[-1] if self.status else False

    @status_bar.setter
    def status_bar(self, value):
        self.status.append(value)


@pytest.fixture
def excel(monkeypatch):
    import xlwings as xw
    app = FakeApp()
    app.caller = FakeBook(app)                           # the active workbook RunPython calls from
    app.open_books.append(app.caller)
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: app.caller))
    return app


def test_check_workbook_entry(kit, excel):
    path = kit.fill(HKP, edit=bad_grade)
    addin.check_workbook(str(path))                      # returns outside the project, none remembered
    [(mode, text)] = excel.alerts
    assert mode == "critical" and "Projektikansio" in text
    excel.alerts.clear()
    addin.remember_project(kit.proj)
    addin.check_workbook(str(path))
    [book] = excel.added
    sheet = book.sheets[0]
    assert sheet.name == "Havainnot" and sheet.values[0][0] == "Vakavuus"
    assert any(str(c).startswith('=HYPERLINK("') for row in sheet.values for c in row)
    [(mode, text)] = excel.alerts
    assert mode == "info" and path.name in text
    assert excel.status[-1] is False                     # status bar handed back to Excel


def test_sync_entry_reports_progress_and_reopens_master(kit, excel):
    kit.fill(HKP)
    kit.fill("Kasvu")
    sync_folder(kit.proj, kit.returns)                   # a master exists, and is open in Excel
    kit.fill("Elinvoima")
    master = excel.caller = excel.books.open(kit.project.master_path)   # the coordinator looks at the master
    addin.sync_returns(str(kit.returns))
    assert master.closed and excel.opened[-1] == str(kit.project.master_path)
    assert any(isinstance(s, str) and s.startswith("Seuranta: luetaan 1/3") for s in excel.status)
    assert excel.added[-1].sheets[0].name == "Havainnot"
    [(mode, text)] = excel.alerts
    assert mode == "info" and "1 uusi palautus" in text
    assert addin.remembered_project() == kit.proj.resolve()


def test_status_and_report_entries_use_the_remembered_project(kit, excel, monkeypatch):
    kit.fill(HKP)
    sync_folder(kit.proj, kit.returns)
    addin.choose_project(str(kit.proj))
    addin.show_status()
    sheet = excel.added[-1].sheets[0]
    assert sheet.name == "Tilanne" and sheet.values[0][0].startswith(ROUND) and sheet.values[1][0] == "Vastuutaho"
    calls = []

    def fake_report(root, round_id=None, fmt="xlsx", out=None):
        calls.append(root)
        target = Path(root) / "raportti.xlsx"
        target.write_bytes(b"")
        return target, "fi"
    import seuranta_xl.outputs.report as report
    monkeypatch.setattr(report, "write_report", fake_report)
    addin.make_report()
    assert calls == [kit.proj.resolve()] and excel.opened[-1].endswith("raportti.xlsx")


def test_errors_are_one_alert_never_a_traceback(tmp_path, excel, monkeypatch, addin_config):
    addin.show_status()                                  # no project known
    [(mode, text)] = excel.alerts
    assert mode == "critical" and "Projektikansio" in text and "Traceback" not in text
    import seuranta_xl.returns.status as sync

    def boom(*a, **k):
        raise RuntimeError("levy täynnä")
    monkeypatch.setattr(sync, "round_status", boom)
    addin.remember_project(tmp_path)
    (tmp_path / "seuranta.toml").write_text("", "utf-8")
    addin.show_status()
    mode, text = excel.alerts[-1]
    assert mode == "critical" and "RuntimeError: levy täynnä" in text and "Traceback" not in text
    assert "Traceback" in addin.log_path().read_text("utf-8")
