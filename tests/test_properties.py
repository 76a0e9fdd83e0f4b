"""Property tests (hypothesis; profile "ci" by default, HYPOTHESIS_PROFILE=long for more examples).

1. Any text a department can type survives generate -> fill -> sync -> export unchanged, or changed only
   as reported: control characters XML cannot hold are removed, with illegal-characters.
2. Any sequence of add / replace / remove / withdraw / prefer of versions on real files gives the state
   of the reference model (tests/test_versions_model.py, independent of merge.py) in the export and
   the master.
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
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from tests.builders import make_project, synthetic_strategy
from tests.returns_kit import set_saved_time
from tests.test_versions_model import Reference
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
@pytest.mark.slow          # a hundred round trips through a workbook: 7 s
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
    assert {f.code for f in res.findings} <= {"illegal-characters", "missing-return", "draft-return"}   # not marked ready
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
REAL_OP = st.one_of(
    st.tuples(st.just("put"), st.sampled_from(["a.xlsx", "b.xlsx"]), st.integers(0, 30),
              st.lists(st.tuples(st.one_of(st.none(), st.sampled_from("12345")),
                                 st.one_of(st.none(), st.sampled_from(["hyvä", "=1+1", "rivi\nrivi", "😀"]))),
                       min_size=3, max_size=3)),
    st.tuples(st.just("remove"), st.sampled_from(["a.xlsx", "b.xlsx"])),
    st.tuples(st.sampled_from(["withdraw", "reinstate", "prefer", "unprefer"]), st.integers(0, 4)),
)


def _real_step(project: Project, op: tuple, ref: Reference, folder: Path, kept: list[Path]) -> None:
    """One operation on real files: a file saved into (or removed from) the returns folder, then sync;
    or a decision through the CLI on a version found by its content (a copy kept aside)."""
    kind = op[0]
    if kind == "put":
        _, name, minute, values = op
        made = project.fill(0, {i: (int(g) if g else None, c) for i, (g, c) in enumerate(values)},
                            dt.datetime(2023, 9, 1) + dt.timedelta(minutes=minute), folder.parent / "tmp")
        data = made.read_bytes()
        made.unlink()
        known = [i for i, p in enumerate(kept) if p.read_bytes() == data]
        (folder / name).write_bytes(data)
        if known:
            ref.folder[name] = known[0]
        else:
            kept.append(folder.parent / f"kept-{len(kept)}.xlsx")
            kept[-1].write_bytes(data)
            ref.seen.append((minute, list(values), len(ref.seen)))
            ref.folder[name] = len(kept) - 1
    elif kind == "remove":
        (folder / op[1]).unlink(missing_ok=True)
        ref.folder.pop(op[1], None)
    elif op[1] < len(kept):
        v = op[1]
        current = v in ref.folder.values() and v not in ref.withdrawn
        if kind == "prefer" and not current:
            return               # refused by the command (only a current version can be preferred)
        undo = kind in ("reinstate", "unprefer")
        verb = {"reinstate": "withdraw", "unprefer": "prefer"}.get(kind, kind)
        args = ["returns", verb, str(kept[v]), "--project", str(project.root)] + (["--undo"] if undo else [])
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 0, res.output
        ref.decide(kind, v)
        return
    sync_folder(project.root, folder)


@pytest.mark.slow          # forty sequences of real syncs: 7 s
@settings(max_examples=40)
@given(ops=st.lists(REAL_OP, min_size=1, max_size=7))
def test_any_sequence_of_versions_gives_the_reference_state_in_export_and_master(template, ops):
    """Real workbooks through sync and `seuranta returns withdraw/prefer`: after every step the export
    and the master show the state of the reference model of tests/test_versions_model.py."""
    root, sources, base = template
    project = Project(root, sources, base / "work-merge")
    folder = base / "work-merge-in"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(base / "tmp", ignore_errors=True)
    folder.mkdir()
    ref = Reference(actions=("D00-000", "D00-001", "D00-002"))
    kept: list[Path] = []
    for op in ops:
        _real_step(project, op, ref, folder, kept)
        if not ref.seen:
            continue
        rows, _ = project.export()
        got = {r["action_id"]: (None if r["grade"] is None else str(r["grade"]), r["comment"])
               for r in rows if r["department"].endswith("00")}
        assert got == ref.values(), (op, ops)
    if ref.seen:
        wb = CalamineWorkbook.from_path(str(project.root / "master.xlsx"))
        wide = wb.get_sheet_by_name(wb.sheet_names[0]).to_python()
        g, c = wide[0].index("R1 arvio"), wide[0].index("R1 kommentti")
        shown = {str(line[0]): (str(int(line[g])) if line[g] != "" else None, line[c] if line[c] != "" else None)
                 for line in wide[1:] if str(line[0]).startswith("D00")}
        assert shown == ref.values()
