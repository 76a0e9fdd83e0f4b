"""Property tests (hypothesis; profile "ci" by default, HYPOTHESIS_PROFILE=long for more examples).

1. Any text a department can type survives generate -> fill -> sync -> export unchanged, or changed only
   as reported: control characters XML cannot hold are removed, with illegal-characters.
2. Any interleaving of returns (arrival order, sync batches, saved times) gives the state the
   newest-wins rule says, modelled here independently of merge.py; the master shows that same state.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from tests.builders import make_project, synthetic_strategy
from tests.returns_kit import set_saved_time
from seuranta_xl.cli import main
from seuranta_xl.core.identity import META_SHEET
from seuranta_xl.store.rounds import new_round
from seuranta_xl.returns.sync import sync_folder
from seuranta_xl.workbook.generate import generate_round

MAX_COMMENT = 2000
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")   # the control characters XML 1.0 cannot hold
# U+FFFE / U+FFFF cannot be typed (the corpus covers them raw in the XML); calamine leaves _xFFFE_ as is.
SPECIAL = list("\n\t\r =+-@\"'”’;,_x") + ["\r\n", "😀", "👍🏽", "ä", "Å", "€", "✓", "\u200f", "\u202e", "עברית",
                                            "مرحبا", "\u00a0", "\u2028", "\x85", "\x01", "\x1f", "\x0b", "\x00",
                                            "_x0041_", "&amp;", "<f>", "]]>"]
_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff")
TEXT = st.one_of(
    st.lists(st.one_of(st.sampled_from(SPECIAL), _CHAR), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(SPECIAL), _CHAR), min_size=400, max_size=800).map("".join),
    st.text(alphabet=_CHAR, min_size=MAX_COMMENT - 10, max_size=MAX_COMMENT),   # up to the comment limit
).map(lambda s: s[:MAX_COMMENT])


def excel_escape(text: str) -> str:
    """Text as Excel stores it in the package: a literal _xHHHH_ gets its underscore escaped, and the
    characters XML cannot hold become _xHHHH_ (openpyxl refuses them, so we escape them ourselves)."""
    text = re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", text)
    return ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


class Project:
    """A small project (2 departments x 3 actions) copied fresh from a template for each example."""

    def __init__(self, template: Path, sources: list[Path], dst: Path):
        if dst.exists():
            shutil.rmtree(dst)
        shutil.copytree(template, dst)
        self.root = dst
        self.sources = sources
        self.n = 0

    def fill(self, dept: int, values: dict[int, tuple[int | None, str | None]], saved: dt.datetime,
             folder: Path) -> Path:
        wb = openpyxl.load_workbook(self.sources[dept])
        meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_row=19) if r[0].value}
        cols = json.loads(meta["columns"])
        ws = wb[meta["data_sheet"]]
        first = int(meta["first_data_row"])
        for i, (grade, comment) in values.items():
            ws[f"{cols['grade']}{first + i}"] = grade
            cell = ws[f"{cols['comment']}{first + i}"]
            cell.value = None if comment is None else excel_escape(comment)
            if comment is not None:
                cell.data_type = "s"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.n:03d}_{self.sources[dept].name}"
        self.n += 1
        wb.save(path)
        set_saved_time(path, saved)
        return path

    def export(self) -> tuple[list[dict], list[list[str]]]:
        res = CliRunner().invoke(main, ["export", "--project", str(self.root), "--format", "json"])
        assert res.exit_code == 0, res.output
        out = self.root / "vienti.csv"
        res2 = CliRunner().invoke(main, ["export", "--project", str(self.root), "--format", "csv", "--out", str(out)])
        assert res2.exit_code == 0, res2.output
        rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
        return json.loads(res.stdout)["rows"], rows


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    base = tmp_path_factory.mktemp("props")
    root = base / "template"
    make_project(root, synthetic_strategy(2, 3))
    new_round(root, "R1")
    sources = [p for p, _ in generate_round(root, round_id="R1", out_dir=base / "lomakkeet").files]
    return root, sorted(sources), base


def expected_comment(text: str) -> str | None:
    cleaned = ILLEGAL.sub("", text)
    return cleaned if cleaned.strip() else None


# ------------------------------------------------------------------------------------------ 1
@given(texts=st.lists(TEXT, min_size=3, max_size=3))
def test_any_text_survives_to_the_export(template, texts):
    root, sources, base = template
    project = Project(root, sources, base / "work-text")
    folder = base / "work-text-in"
    shutil.rmtree(folder, ignore_errors=True)
    project.fill(0, {i: (3, t) for i, t in enumerate(texts)}, dt.datetime(2023, 9, 1), folder)
    res = sync_folder(project.root, folder)
    illegal = [f for f in res.findings if f.code == "illegal-characters"]
    assert len(illegal) == sum(1 for t in texts if ILLEGAL.search(t)), [f.code for f in res.findings]
    assert {f.code for f in res.findings} <= {"illegal-characters", "missing-return"}
    rows, csv_rows = project.export()
    by_id = {r["action_id"]: r for r in rows}
    csv_by_id = {r[1]: r for r in csv_rows[1:]}
    for i, text in enumerate(texts):
        row, csv_row = by_id[f"D00-{i:03d}"], csv_by_id[f"D00-{i:03d}"]
        want = expected_comment(text)
        assert row["comment"] == want
        assert row["grade"] == 3 and csv_row[6] == "3"      # JSON: a number on a numeric scale; CSV: text
        # CSV: the same text, neutralised when it starts like a formula.
        shown = want or ""
        if shown.startswith(("=", "+", "-", "@", "\t", "\r")):
            shown = "'" + shown
        assert csv_row[7] == shown


# ------------------------------------------------------------------------------------------ 2
GRADE = st.one_of(st.none(), st.integers(1, 5))
COMMENT = st.one_of(st.none(), st.sampled_from(["hyvä", "kesken", "=1+1", "rivi\nrivi", "😀", "viivästyy"]))
RETURN = st.fixed_dictionaries({
    "dept": st.integers(0, 1),
    "minute": st.integers(0, 10_000),
    "values": st.lists(st.tuples(GRADE, COMMENT), min_size=3, max_size=3),
})


def newest_wins(returns: list[dict]) -> dict[tuple[int, int], tuple[str | None, str | None]]:
    """The rule, written out: per department, returns in saved order (ties: arrival order); per field,
    the newest value that is not empty (an empty field never clears an older value)."""
    state: dict[tuple[int, int], list] = {}
    ordered = sorted(enumerate(returns), key=lambda it: (it[1]["minute"], it[0]))
    for _, r in ordered:
        for i, (grade, comment) in enumerate(r["values"]):
            cur = state.setdefault((r["dept"], i), [None, None])
            if grade is not None:
                cur[0] = str(grade)
            if comment is not None:
                cur[1] = comment
    return {k: tuple(v) for k, v in state.items()}


@given(returns=st.lists(RETURN, min_size=1, max_size=6, unique_by=lambda r: r["minute"]),
       cuts=st.lists(st.integers(0, 6), max_size=3))
def test_any_interleaving_gives_the_newest_wins_state(template, returns, cuts):
    root, sources, base = template
    project = Project(root, sources, base / "work-merge")
    batches, start = [], 0
    for cut in sorted({c for c in cuts if 0 < c < len(returns)}) + [len(returns)]:
        batches.append(returns[start:cut])
        start = cut
    for b, batch in enumerate(batches):
        folder = base / f"work-merge-in-{b}"
        shutil.rmtree(folder, ignore_errors=True)
        for r in batch:
            project.fill(r["dept"], dict(enumerate(r["values"])),
                         dt.datetime(2023, 9, 1) + dt.timedelta(minutes=r["minute"]), folder)
        sync_folder(project.root, folder)
    expected = newest_wins(returns)
    rows, _ = project.export()
    got = {}
    for row in rows:
        dept, i = int(row["department"][-2:]), int(row["action_id"].split("-")[1])
        got[(dept, i)] = (None if row["grade"] is None else str(row["grade"]), row["comment"])
    for key in got:
        assert got[key] == expected.get(key, (None, None)), (key, returns, cuts)
    # The master shows the same state: the wide sheet's grade and comment for round R1.
    wb = CalamineWorkbook.from_path(str(project.root / "master.xlsx"))
    wide = wb.get_sheet_by_name(wb.sheet_names[0]).to_python()
    head = wide[0]
    g, c = head.index("R1 arvio"), head.index("R1 kommentti")
    for line in wide[1:]:
        dept, i = int(str(line[0])[1:3]), int(str(line[0]).split("-")[1])
        grade, comment = expected.get((dept, i), (None, None))
        assert (str(int(line[g])) if line[g] != "" else None) == grade
        assert (line[c] if line[c] != "" else None) == comment
