"""`seuranta send` and `seuranta remind` (issue 13): the .eml drafts parsed back with the standard
library's parser — headers, Finnish characters in names and subjects, the attachment's bytes equal to
the workbook — and the reminders' exact lists of what is missing."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import shutil
from pathlib import Path

import pytest
import tomli_w
from click.testing import CliRunner

from seuranta_xl.cli import main
from seuranta_xl.store.project import Project
from tests.returns_kit import ROUND, Kit

HKP, KASVU, ELINVOIMA = "Hallinto- ja konsernipalvelut", "Kasvu ja hyvinvointi", "Elinvoima ja asuinympäristö"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def parse(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def body_of(msg) -> str:
    return msg.get_body(("plain",)).get_content().replace("\r\n", "\n")   # CRLF on the wire


@pytest.fixture
def kit(tmp_path):
    kit = Kit(tmp_path)
    project = Project(kit.proj)
    config = project.load_config()
    data = config.model_dump(mode="json", exclude_none=True)
    data["departments"] = {
        HKP: {"contacts": [{"name": "Päivi Mäkelä-Öhman", "email": "paivi.makela-ohman@keuruu.fi"},
                           {"name": "Jörn Åström", "email": "jorn.astrom@keuruu.fi"}]},
        KASVU: {"contacts": [{"name": "Liisa", "email": "liisa@keuruu"}]},         # malformed: no dot
    }
    data["mail"] = {"sender": "Strategiakoordinaattori Säde Ylönen <sade.ylonen@keuruu.fi>"}
    project.config_path.write_text(tomli_w.dumps(data), "utf-8")
    with project.ledger() as ledger:   # a deadline three days from now
        from seuranta_xl.core.roundlife import RoundEvent
        ledger.add_round_event(ROUND, RoundEvent("edit", "2023-09-01T00:00:00+00:00",
                                                 deadline=(dt.date.today() + dt.timedelta(days=3)).isoformat()))
    return kit


def test_send_writes_one_draft_per_department_that_parses_back(kit):
    res = run("send", "--json", "--project", str(kit.proj))
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert len(doc["summary"]["drafts"]) == 3
    codes = sorted((f["code"], f["department"]) for f in doc["findings"])
    assert codes == [("invalid-contact", KASVU), ("missing-contact", ELINVOIMA), ("missing-contact", KASVU)]
    folder = kit.proj / "lahetys" / ROUND
    hkp = parse(folder / f"{ROUND}_{HKP}.eml")
    assert hkp["X-Unsent"] == "1"
    assert [(a.display_name, a.addr_spec) for a in hkp["To"].addresses] == [
        ("Päivi Mäkelä-Öhman", "paivi.makela-ohman@keuruu.fi"), ("Jörn Åström", "jorn.astrom@keuruu.fi")]
    assert hkp["From"].addresses[0].display_name == "Strategiakoordinaattori Säde Ylönen"
    assert hkp["Subject"] == f"Keuruun kaupunki: strategian seuranta Syksy 2023 – {HKP}"
    raw = (folder / f"{ROUND}_{HKP}.eml").read_bytes()
    assert raw.isascii() and b"\r\n" in raw and b"=?utf-8?" in raw     # RFC 2047 words, CRLF lines
    body = body_of(hkp)
    deadline = dt.date.today() + dt.timedelta(days=3)
    assert f"viimeistään {deadline.day}.{deadline.month}.{deadline.year}" in body and "54 toimenpidettä" in body
    assert "sarakkeeseen Arvio" in body and "Kiitos!\nStrategiakoordinaattori Säde Ylönen" in body
    [att] = list(hkp.iter_attachments())
    assert att.get_content_type() == XLSX and att.get_filename() == f"{ROUND}_{HKP}.xlsx"
    assert att.get_content() == kit.source("Hallinto").read_bytes()
    elin = parse(folder / f"{ROUND}_{ELINVOIMA}.eml")
    assert elin["To"] == "" and elin["Subject"].endswith(ELINVOIMA)
    [att] = list(elin.iter_attachments())
    assert att.get_filename() == f"{ROUND}_{ELINVOIMA}.xlsx"              # ä in the file name
    assert att.get_param("name") == f"{ROUND}_{ELINVOIMA}.xlsx"           # and in Content-Type's name
    assert att.get_content() == kit.source("Elinvoima").read_bytes()
    assert (kit.proj / "viestipohjat" / "lahetys.txt").is_file()


def test_the_municipalitys_own_template(kit):
    folder = kit.proj / "viestipohjat"
    folder.mkdir()
    (folder / "lahetys.txt").write_text(
        "# oma pohja\nAihe: {department}: arviot {deadline} mennessä ({days})\n\nHyvä {contact},\n\n"
        "täyttäkää {workbook}, {{ei kenttä}}.\n\n{sender}\n", "utf-8")
    assert run("send", "--project", str(kit.proj)).exit_code == 0
    msg = parse(kit.proj / "lahetys" / ROUND / f"{ROUND}_{HKP}.eml")
    assert msg["Subject"].startswith(f"{HKP}: arviot ") and msg["Subject"].endswith("(3 päivää jäljellä)")
    assert body_of(msg) == (
        f"Hyvä Päivi Mäkelä-Öhman, Jörn Åström,\n\ntäyttäkää {ROUND}_{HKP}.xlsx, {{ei kenttä}}.\n\n"
        "Strategiakoordinaattori Säde Ylönen\n")
    (folder / "lahetys.txt").write_text("Aihe: {vastuutaho}\n\nx\n", "utf-8")
    res = run("send", "--project", str(kit.proj))
    assert res.exit_code == 2 and "{vastuutaho}" in res.output and "{department}" in res.output
    assert "rivi 1" in res.output and len(res.output.strip().splitlines()) == 1


def _return(kit, prefix: str, blank: int = 0, bad: bool = False, **ready) -> Path:
    def edit(wb, ws, meta, cols):
        rows = kit.data_rows(ws, meta, cols)
        for r in rows[:blank]:
            ws[f"{cols['grade']}{r}"] = None
        if bad:
            ws[f"{cols['grade']}{rows[-1]}"] = 6
    path = kit.fill(prefix, edit=edit, **ready)
    dst = kit.proj / "palautukset" / ROUND / path.name
    shutil.copyfile(path, dst)
    return dst


def test_remind_only_those_who_owe_and_says_exactly_what(kit):
    hkp = _return(kit, "Hallinto", blank=2, bad=True, ready="Ei")    # not finished: a draft
    _return(kit, "Kasvu")
    assert run("sync", "--project", str(kit.proj)).exit_code == 1
    res = run("remind", "--json", "--project", str(kit.proj))
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert sorted(d["department"] for d in doc["summary"]["drafts"]) == [ELINVOIMA, HKP]
    assert doc["summary"]["skipped"] == [KASVU]
    folder = kit.proj / "lahetys" / ROUND / f"muistutus_{dt.date.today().isoformat()}"
    msg = parse(folder / f"{ROUND}_{HKP}.eml")
    assert msg["Subject"] == f"Muistutus: strategian seuranta Syksy 2023 – {HKP}"
    body = body_of(msg)
    with kit.project.ledger() as ledger:
        from seuranta_xl.store.roundview import load_round
        view = load_round(ledger, ledger.round(ROUND))
    rows = view.strategy.rows_for(HKP)
    first, second, last = rows[0], rows[1], rows[-1]
    _, ws, meta, cols = kit.workbook("Hallinto")
    r1, r2 = kit.data_rows(ws, meta, cols)[:2]
    assert "Puuttuu (2):" in body and f"- {last.id} " not in body.split("Korjattavaa")[0]   # the invalid one: to fix
    assert f"- {first.id} {first.action.text[:40]}" in body and f"arvio (solu {cols['grade']}{r1})" in body
    assert f"- {second.id} " in body and f"(solu {cols['grade']}{r2})" in body
    assert "Korjattavaa (1):" in body and f"- {last.id}: Arvio ”6” ei ole asteikolla" in body
    assert "3 päivää jäljellä" in body and "jatka siihen" in body
    assert "se on luonnos" in body and "valitse lomakkeen yläosan Valmis-kohtaan Kyllä" in body
    [att] = list(msg.iter_attachments())
    assert att.get_filename() == hkp.name and att.get_content() == hkp.read_bytes()   # their own return
    elin = parse(folder / f"{ROUND}_{ELINVOIMA}.eml")
    text = body_of(elin)
    assert "ei ole vielä palautettu" in text and "33 toimenpidettä" in text and "tyhjä lomake" in text
    assert list(elin.iter_attachments())[0].get_content() == kit.source("Elinvoima").read_bytes()


def test_send_refuses_a_closed_round_and_missing_workbooks(kit):
    shutil.rmtree(kit.proj / "lomakkeet")
    res = run("send", "--project", str(kit.proj))
    assert res.exit_code == 2 and "seuranta generate" in res.output
    assert run("round", "close", ROUND, "--project", str(kit.proj)).exit_code == 0
    res = run("remind", "--project", str(kit.proj))
    assert res.exit_code == 2 and "round reopen" in res.output


def test_a_department_with_its_own_language_gets_its_draft_in_it(kit):
    project = Project(kit.proj)
    import tomllib
    data = tomllib.loads(project.config_path.read_text("utf-8"))
    data["departments"][KASVU] = {"contacts": [{"name": "Åsa Öberg", "email": "asa.oberg@keuruu.fi"}], "language": "sv"}
    project.config_path.write_text(tomli_w.dumps(data), "utf-8")
    assert run("send", "--project", str(kit.proj)).exit_code == 0
    msg = parse(kit.proj / "lahetys" / ROUND / f"{ROUND}_{KASVU}.eml")
    assert msg["Subject"] == f"Keuruun kaupunki: uppföljning av strategin Syksy 2023 – {KASVU}"
    assert "Returnera blanketten senast" in body_of(msg)
    assert (kit.proj / "viestipohjat" / "lahetys.sv.txt").read_text("utf-8").startswith("# Meddelandemall")
    assert parse(kit.proj / "lahetys" / ROUND / f"{ROUND}_{HKP}.eml")["Subject"].startswith("Keuruun kaupunki: strategian")
