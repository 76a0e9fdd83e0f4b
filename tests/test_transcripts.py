"""`init`, `sync` and `status` at COLUMNS=80, line by line against the frozen transcripts that README.md
shows (tests/transcripts.py runs them; what varies — the temporary folder, the deadline's date — is frozen)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests import transcripts as tr

README = Path(__file__).resolve().parents[1] / "README.md"
EXIT = {"init": 0, "sync": 1, "status": 1,       # warnings only · errors remain · errors remain
        "contacts": 0, "edit": 0, "send": 0, "remind": 0, "reminder": 0, "close": 0, "late": 1, "list": 0,
        "reopen": 0, "returns": 0}


@pytest.fixture(scope="module")
def outputs(fixtures_dir):
    base = tr.temp_base()
    try:
        made = tr.make(base, fixtures_dir)
        yield {name: (code, tr.freeze(text, base)) for name, (code, text) in made.items()}
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("name", tr.NAMES)
def test_transcript_line_by_line(outputs, name):
    code, text = outputs[name]
    assert code == EXIT[name]
    got, want = text.splitlines(), tr.frozen(name).splitlines()
    for i, (g, w) in enumerate(zip(got, want)):
        assert g == w, f"{name}.txt line {i + 1}:\n got  {g!r}\n want {w!r}\n(python -m tests.transcripts rewrites them)"
    assert len(got) == len(want), f"{name}: {len(got)} lines, {len(want)} frozen"


@pytest.mark.parametrize("name", [n for n in tr.NAMES if n not in tr.MAIL])
def test_eighty_columns_and_nothing_broken(outputs, name):
    text = outputs[name][1]
    for line in text.splitlines():
        assert len(line) <= 80, line
    # a code, a cell reference or a file name is never split over two lines
    for token in re.findall(r"[a-z]+(?:-[a-z]+)+|\w+!\w+|\S+\.xlsx", text):
        assert token in text.replace("\n", " ")
    assert "-\n" not in text and "!\n" not in text


def test_the_readme_shows_the_transcripts():
    readme = README.read_text("utf-8")
    for name in tr.NAMES:
        assert re.search(tr.readme_pattern(name), readme), f"README.md does not show tests/data/transcripts/{name}.txt"


def test_the_findings_are_grouped_by_department_with_counts(outputs):
    text = outputs["status"][1]
    assert "Elinvoima ja asuinympäristö: 1 varoitus\n  varoitus  missing-return" in text
    assert "Kasvu ja hyvinvointi: 2 virhettä, 3 varoitusta" in text      # its draft-return among them
    # one bad row counts once: the table, the findings' heading and the totals agree
    assert re.search(r"Kasvu ja hyvinvointi\s+luonnos\s+43 / 47\s+2\s+3", text)     # a draft: not marked ready
    assert "Havainnot (2 virhettä, 5 varoitusta):" in text and "havainnot: 2 virhettä, 5\nvaroitusta." in text
    assert "Palautettu 1/3" in text and "Luonnoksia 1" in text
    init = outputs["init"][1]
    assert "… ja 3 muuta: unreadable-block (kaikki: lisää --all)" in init
    assert "Organisaatio: Kemi (oletus" in init and "Valmis: 51 toimenpidettä, 5 vastuutahoa" in init
