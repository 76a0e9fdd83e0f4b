"""The command line's own words at 80 columns, as a new coordinator sees them (#14): `init` on Kemi's
strategy table, then a round on Keuruu's — `sync` and `status` — with the demo's deliberate mistakes,
and on to the round's end (#13): contacts, a deadline moved into the past, send, remind (and the
reminder one department gets), close, a late return, round list, reopen, the versions of the returns.

The transcripts are frozen in tests/data/transcripts/*.txt (checked line by line by
tests/test_transcripts.py, and shown in README.md). What varies is frozen: the temporary folder (always
/tmp/seuranta-XXXXXXXX, so lines wrap the same), the deadline's date (14 days from the day of the run)
and the year of the suggested next round; the round's end also freezes the moved deadline (3 days
ago), today's date (Finnish and ISO) and the times of day a sync first saw a file. Rewrite them after a
deliberate change of the output:

    python -m tests.transcripts
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo
import os
import re
import tempfile
from pathlib import Path

from click.testing import CliRunner

from seuranta_xl.cli import main

FOLDER = "/tmp/seuranta-XXXXXXXX"
DEADLINE = "{DEADLINE}"
PAST, TODAY = "{PAST}", "{TODAY}"
TODAY_ISO, TIME, LOCAL_TIME = "YYYY-MM-DD", "HH:MM", "HH.MM"   # as long as what they stand for (lines wrap the same)
FROZEN = Path(__file__).resolve().parent / "data" / "transcripts"
LIFE = ("contacts", "edit", "send", "remind", "reminder", "close", "late", "list", "reopen", "returns")
NAMES = ("init", "sync", "status", *LIFE)
MAIL = {"reminder"}            # a mail's text, not the terminal's: its lines are not wrapped to 80 columns
# What each token stands for in README.md (any date, any time of day).
PATTERNS = {DEADLINE: r"\d{1,2}\.\d{1,2}\.\d{4}", PAST: r"\d{1,2}\.\d{1,2}\.\d{4}", TODAY: r"\d{1,2}\.\d{1,2}\.\d{4}",
            TODAY_ISO: r"\d{4}-\d\d-\d\d", TIME: r"\d\d:\d\d", LOCAL_TIME: r"\d{1,2}\.\d\d"}
CONTACTS = ("Vastuutaho;Nimi;Sähköposti\n"
            "Elinvoima ja asuin ympäristö;Ville Koski;ville.koski@keuruu.fi\n"
            "Hallinto- ja konsernipalvelut;Päivi Mäkelä;paivi.makela@keuruu.fi\n"
            "Kasvu ja hyvinvointi;Liisa Järvinen;liisa.jarvinen@keuruu\n"
            "Kasvu ja hyvinvointi;Anna Öhman;anna.ohman@keuruu.fi\n")


def temp_base() -> Path:
    """A folder whose path is as long as FOLDER (under /tmp where there is one)."""
    return Path(tempfile.mkdtemp(prefix="seuranta-", dir="/tmp" if os.path.isdir("/tmp") else None))


def run(args: list[str], cwd: Path | None = None) -> tuple[int, str]:
    """(exit code, what the command printed on stdout); stderr (a progress bar) must stay empty."""
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        res = CliRunner().invoke(main, args, env={"COLUMNS": "80", "SEURANTA_LANG": "fi"})
    finally:
        os.chdir(old)
    assert not res.stderr.strip(), res.stderr
    return res.exit_code, res.stdout


def _fill(root: Path, round_id: str) -> None:
    """The departments fill their workbooks as in the demo: one returns twice (a draft, then marked
    ready), one makes mistakes and leaves its return a draft, one does not return."""
    from seuranta_xl.demo import APPROVER, fill_workbook
    from seuranta_xl.store.project import Project
    from seuranta_xl.store.roundview import load_round

    with Project(root).ledger() as ledger:
        past = load_round(ledger, ledger.round("2023-syys"))
    previous = {aid: v.grade for aid, v in past.state.values.items()}
    returns = root / "palautukset" / round_id
    for path in sorted((root / "lomakkeet" / round_id).glob("*.xlsx")):
        if "Elinvoima" in path.name:
            continue
        if "Hallinto" in path.name:
            fill_workbook(path, returns / f"{path.stem}_keskenerainen.xlsx", previous,
                          saved=dt.datetime(2024, 5, 20, 9, 30), only_first=20)
            fill_workbook(path, returns / path.name, previous, saved=dt.datetime(2024, 5, 28, 14, 5), typo_space=True,
                          approver=APPROVER)
        else:
            fill_workbook(path, returns / path.name, previous, saved=dt.datetime(2024, 5, 30, 16, 45), mistakes=True)


def make(base: Path, tables: Path) -> dict[str, tuple[int, str]]:
    """Run the commands; (exit code, output) of each transcript."""
    from seuranta_xl.store.project import Project

    out = {"init": run(["init", "--strategy", str(tables / "kemi_strategia.xlsx"), "--project", str(base / "kemi")])}
    root = base / "keuruu"
    deadline = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    steps = [["init", "--strategy", str(tables / "keuruu.xlsx"), "--results-round", "2023-syys", "--name",
              "Keuruun kaupunki", "--project", str(root), "--json"]]
    for args in steps:
        assert run(args)[0] == 0
    project = Project(root)
    config = project.load_config()
    config.aliases["Elinvoima ja asuin ympäristö"] = "Elinvoima ja asuinympäristö"
    project.save_config(config)
    for args in (["init", "--strategy", str(tables / "keuruu.xlsx"), "--force", "--json"],
                 ["round", "new", "2024-kevat", "--title", "Kevät 2024", "--deadline", deadline],
                 ["generate"]):
        assert run(args, cwd=root)[0] == 0, args
    _fill(root, "2024-kevat")
    out["sync"] = run(["sync"], cwd=root)
    out["status"] = run(["status"], cwd=root / "palautukset")        # found from a folder inside the project
    out.update(round_end(root))
    return out


def past_deadline() -> dt.date:
    return dt.date.today() - dt.timedelta(days=3)


def round_end(root: Path) -> dict[str, tuple[int, str]]:
    """The round's end (#13), each command run in the project folder."""
    from seuranta_xl.demo import fill_workbook

    (root / "yhteystiedot.csv").write_text(CONTACTS, "utf-8")
    past = past_deadline()
    out = {"contacts": run(["contacts", "import", "yhteystiedot.csv"], cwd=root),
           "edit": run(["round", "edit", "2024-kevat", "--deadline", f"{past.day}.{past.month}.{past.year}"], cwd=root),
           "send": run(["send"], cwd=root), "remind": run(["remind"], cwd=root)}
    out["reminder"] = (0, reminder_text(root, "Kasvu ja hyvinvointi"))
    out["close"] = run(["round", "close", "2024-kevat"], cwd=root)
    form = root / "lomakkeet" / "2024-kevat" / "2024-kevat_Elinvoima ja asuinympäristö.xlsx"
    fill_workbook(form, root / "palautukset" / "2024-kevat" / form.name, {}, saved=dt.datetime(2024, 6, 3, 11, 20),
                  approver="Ville Ylönen")
    out["late"] = run(["sync"], cwd=root)
    out["list"] = run(["round", "list"], cwd=root)
    out["reopen"] = run(["round", "reopen", "2024-kevat"], cwd=root)
    run(["sync"], cwd=root)
    out["returns"] = run(["returns"], cwd=root)
    return out


def reminder_text(root: Path, department: str) -> str:
    """The reminder's subject and text as a mail program shows them (parsed back from the .eml)."""
    import email
    from email import policy

    folder = next((root / "lahetys" / "2024-kevat").glob("muistutus_*"))
    msg = email.message_from_bytes((folder / f"2024-kevat_{department}.eml").read_bytes(), policy=policy.default)
    body = msg.get_body(preferencelist=("plain",)).get_content().strip("\n")
    attached = [part.get_filename() for part in msg.iter_attachments()]
    return (f"Vastaanottaja: {msg['To']}\nAihe: {msg['Subject']}\nLiite: {', '.join(attached)}\n\n"
            f"{body}\n")


def freeze(text: str, base: Path) -> str:
    """The output with what varies frozen: the folder, the dates (the deadline, the moved deadline,
    today), the times of day a file was first seen, the suggested round."""
    text = text.replace(str(base), FOLDER)
    text = re.sub(r"round new(\s+)20\d\d-(kevat|syksy)(\s+)--deadline(\s+)15\.\d\d\.20\d\d",
                  r"round new\g<1>2026-syksy\g<3>--deadline\g<4>15.10.2026", text)
    today = dt.date.today()
    # A moment of today shown in Finnish local time (first seen): there it may already be tomorrow.
    local_today = dt.datetime.now(ZoneInfo("Europe/Helsinki")).date()
    for day in {today, local_today}:
        text = re.sub(rf"(?<![\d.]){day.day}\.{day.month}\.{day.year} \d{{1,2}}\.\d\d(?!\d)",
                      f"{TODAY} {LOCAL_TIME}", text)
    for day, token in ((today + dt.timedelta(days=14), DEADLINE), (past_deadline(), PAST), (today, TODAY),
                       (local_today, TODAY)):    # a round closed today: the Finnish calendar day (core/clock.py)
        text = re.sub(rf"(?<![\d.]){day.day}\.{day.month}\.{day.year}(?!\d)", token, text)
    text = re.sub(rf"{today.isoformat()}(\s+)\d\d:\d\d", rf"{TODAY_ISO}\g<1>{TIME}", text)
    return text.replace(today.isoformat(), TODAY_ISO)


def readme_pattern(name: str) -> str:
    """A regular expression of the frozen transcript as README.md shows it (any date for a token)."""
    pattern = re.escape(frozen(name).rstrip("\n"))
    for token, regex in PATTERNS.items():
        pattern = pattern.replace(re.escape(token), regex)
    return pattern


def frozen(name: str) -> str:
    return (FROZEN / f"{name}.txt").read_text("utf-8")


if __name__ == "__main__":  # pragma: no cover - rewrites the frozen transcripts
    from tests.make_fixtures import build_all

    base = temp_base()
    tables = base / "taulukot"
    build_all(tables)
    FROZEN.mkdir(parents=True, exist_ok=True)
    for name, (code, output) in make(base, tables).items():
        (FROZEN / f"{name}.txt").write_text(freeze(output, base), "utf-8")
        print(name, "exit", code, len(output.splitlines()), "lines")
