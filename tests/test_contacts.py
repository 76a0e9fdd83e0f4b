"""Department contacts (issue 13): seuranta.toml's [departments."Name"], `contacts import` from .csv and
.xlsx with Finnish headers, aliases and "did you mean", invalid-contact with its cell, status JSON."""
from __future__ import annotations

import json
import tomllib

import openpyxl
import pytest
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.core.contacts import check_address, contact_findings, resolve_department
from seuranta_xl.core.model import Config
from seuranta_xl.store.project import Project
from tests.builders import KEURUU_ALIASES, keuruu_strategy, make_project

DEPTS = ["Elinvoima ja asuinympäristö", "Hallinto- ja konsernipalvelut", "Kasvu ja hyvinvointi"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "p", keuruu_strategy(), aliases=KEURUU_ALIASES)


@pytest.mark.parametrize("address, fi", [
    ("maija@", "puuttuu osa"), ("mäkinen@keuruu.fi", "ääkköset"), ("a b@keuruu.fi", "merkki"),
    ("x@keuruu", "piste"), ("Maija <m@keuruu.fi>", "pelkkä osoite"), ("x@keuruu..fi", "kaksi pistettä"),
    ("keuruu.fi", "@-merkki")])
def test_a_bad_address_says_what_is_wrong_in_every_language(address, fi):
    good, problem = check_address(address)
    assert good is None and fi in problem["problem_fi"]
    assert problem["problem_sv"] and problem["problem_en"] and problem["problem_sv"] != problem["problem_fi"]


def test_good_addresses_are_normalised_for_a_mail_header():
    assert check_address(" maija.meikalainen@Keuruu.fi ")[0] == "maija.meikalainen@keuruu.fi"
    assert check_address("x@äänekoski.fi")[0] == "x@xn--nekoski-4waa.fi"      # IDNA: the header stays ASCII


def test_config_contacts_are_checked_where_they_are_used():
    config = Config.model_validate({"secret": "0" * 64, "project_id": "p" * 8, "departments": {
        "Kasvu ja hyvinvointi": {"contacts": [{"name": "Liisa", "email": "liisa@keuruu"}]},
        "Kasvu ja hyvinvoinit": {"contacts": [{"email": "a@keuruu.fi"}]}}})
    found = contact_findings(config, DEPTS)
    assert [(f.code, f.department) for f in found] == [("invalid-contact", "Kasvu ja hyvinvointi"),
                                                       ("invalid-contact", "Kasvu ja hyvinvoinit")]
    assert "tarkoititko ”Kasvu ja hyvinvointi”" in found[1].message("fi")
    assert "did you mean “Kasvu ja hyvinvointi”" in found[1].message("en")
    assert resolve_department("elinvoima ja  asuinympäristö", DEPTS, {}) == "Elinvoima ja asuinympäristö"
    assert resolve_department("Elinvoima ja asuin ympäristö", DEPTS, KEURUU_ALIASES) == DEPTS[0]


def _csv(path, rows):
    path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8-sig")
    return path


def test_import_from_csv_with_finnish_headers_keeps_the_toml_comments(project, tmp_path):
    config_text = project.config_path.read_text("utf-8")
    project.config_path.write_text("# Keuruun seurannan asetukset\n" + config_text, "utf-8")
    table = _csv(tmp_path / "yhteystiedot.csv", [
        ["Vastuutaho", "Nimi", "Sähköposti"],
        ["Hallinto- ja konsernipalvelut", "Maija Meikäläinen", "maija.meikalainen@keuruu.fi"],
        ["hallinto- ja  konsernipalvelut", "Pekka Virtanen", "pekka.virtanen@keuruu.fi"],
        ["Elinvoima ja asuin ympäristö", "Ville Koski", "Ville Koski <ville.koski@keuruu.fi>"],
        ["Kasvu ja hyvinvointi", "Liisa Mäkinen", "liisa.mäkinen@keuruu.fi"],
        ["Kasvu ja hyvinvoinit", "Anna", "anna@keuruu.fi"],
        ["", "", ""]])
    res = run("contacts", "import", str(table), "--json", "--project", str(project.root))
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert (doc["summary"]["departments"], doc["summary"]["contacts"]) == (2, 3)
    assert doc["summary"]["without"] == ["Kasvu ja hyvinvointi"]
    bad = {(f["cell"], f["code"]) for f in doc["findings"]}
    assert bad == {("C5", "invalid-contact"), ("A6", "invalid-contact")}
    assert any("tarkoititko ”Kasvu ja hyvinvointi”" in f["message"] for f in doc["findings"])
    written = project.config_path.read_text("utf-8")
    assert written.startswith("# Keuruun seurannan asetukset\n")          # tomlkit kept the comment
    data = tomllib.loads(written)
    assert data["departments"]["Hallinto- ja konsernipalvelut"]["contacts"] == [
        {"name": "Maija Meikäläinen", "email": "maija.meikalainen@keuruu.fi"},
        {"name": "Pekka Virtanen", "email": "pekka.virtanen@keuruu.fi"}]
    assert data["departments"]["Elinvoima ja asuinympäristö"]["contacts"] == [
        {"name": "Ville Koski", "email": "ville.koski@keuruu.fi"}]
    assert Project(project.root).load_config().secret        # still a valid config


def test_import_from_xlsx_replaces_a_department_and_status_shows_it(project, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Yhteystiedot 2024"])
    ws.append(["Vastuutaho", "Yhteyshenkilö", "Sähköpostiosoite", "Kieli"])
    ws.append(["Kasvu ja hyvinvointi", "Liisa Makinen", "liisa.makinen@keuruu.fi; sijainen@keuruu.fi", "ruotsi"])
    wb.save(tmp_path / "yht.xlsx")
    assert run("contacts", "import", str(tmp_path / "yht.xlsx"), "--project", str(project.root)).exit_code == 0
    assert run("round", "new", "2024-kevat", "--project", str(project.root)).exit_code == 0
    doc = json.loads(run("status", "--json", "--project", str(project.root)).stdout)
    kasvu = next(d for d in doc["departments"] if d["department"] == "Kasvu ja hyvinvointi")
    assert kasvu["contacts"] == [{"name": "Liisa Makinen", "email": "liisa.makinen@keuruu.fi"},
                                 {"name": "Liisa Makinen", "email": "sijainen@keuruu.fi"}]
    assert doc["state"] == "open" and doc["days_left"] is None
    assert Project(project.root).load_config().departments["Kasvu ja hyvinvointi"].language == "sv"


def test_a_table_without_the_columns_is_one_line(project, tmp_path):
    table = _csv(tmp_path / "x.csv", [["Osoite", "Puhelin"], ["a@keuruu.fi", "040"]])
    res = run("contacts", "import", str(table), "--project", str(project.root))
    assert res.exit_code == 2 and "Vastuutaho" in res.output and len(res.output.strip().splitlines()) == 1
