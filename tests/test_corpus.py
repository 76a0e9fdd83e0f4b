"""The corpus of bad returns (tests/corpus/generate.py): every case through `seuranta check --json` (or
`sync --json`) gives exactly its expected findings, the right exit code, and no traceback; every
finding names its file and has a message and a hint."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.corpus.generate import CASES, Corpus, build, case
from seuranta_xl.cli import main
from seuranta_xl.core.findings import CATALOGUE

NAMES = [c.name for c in CASES]
PARAMS = [pytest.param(c.name, marks=pytest.mark.libreoffice) if c.libreoffice else c.name for c in CASES]


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("corpus"))


def _corpus_for(c, shared: Corpus, tmp_path: Path) -> Corpus:
    return Corpus(tmp_path, **c.config) if c.fresh else shared


def _run(c, corpus: Corpus, target: Path):
    if c.mode == "sync":
        args = ["sync", "--project", str(corpus.kit.proj), "--json", *c.sync_args, str(target)]
    else:
        args = ["check", "--project", str(corpus.kit.proj), "--json", str(target)]
    return CliRunner().invoke(main, args)


def _assert_document(c, res, target: Path) -> dict:
    assert res.exception is None or isinstance(res.exception, SystemExit), \
        f"{c.name}: {type(res.exception).__name__}: {res.exception}"
    assert "Traceback" not in res.output
    doc = json.loads(res.stdout)
    got = Counter(f["code"] for f in doc["findings"])
    assert got == Counter(c.expected), f"{c.name}: {dict(got)} != {c.expected}"
    assert res.exit_code == c.exit_code, f"{c.name}: exit {res.exit_code}"
    for f in doc["findings"]:
        assert f["message"] and f["hint"] and "{" not in f["message"], f
        assert f["severity"] == CATALOGUE[f["code"]].severity.value
        if f["code"] != "missing-return":   # a missing return has no file, by definition
            assert f["file"], f
    if c.mode == "check":
        assert {f["file"] for f in doc["findings"]} <= {target.name}
    return doc


def test_the_corpus_is_big_enough_and_covers_every_return_code():
    assert len(CASES) >= 40 and len(set(NAMES)) == len(NAMES)
    produced = {code for c in CASES for code in c.expected}
    return_codes = {code for code, entry in CATALOGUE.items() if {"return", "merge"} & set(entry.tags)}
    assert return_codes <= produced, sorted(return_codes - produced)


@pytest.mark.parametrize("name", PARAMS)
def test_case(name, shared, tmp_path):
    c = case(name)
    corpus = _corpus_for(c, shared, tmp_path)
    target = build(c, corpus)
    res = _run(c, corpus, target)
    _assert_document(c, res, target)


@pytest.mark.parametrize("name", ["clean", "comment-ctrl-raw-in-xml",
                                  pytest.param("zip-bomb-ratio", marks=pytest.mark.slow), "meta-from-other-department"])
def test_case_in_a_real_process(name, shared):
    """A few cases through the installed entry point in a process of its own: same document, same exit."""
    c = case(name)
    target = build(c, shared)
    proc = subprocess.run([sys.executable, "-m", "seuranta_xl.cli", "check", "--project", str(shared.kit.proj),
                           "--json", str(target)], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == c.exit_code, proc.stderr
    doc = json.loads(proc.stdout)
    assert Counter(f["code"] for f in doc["findings"]) == Counter(c.expected)


@pytest.mark.libreoffice
def test_libreoffice_saved_return_keeps_every_value(shared):
    """A return saved by LibreOffice is read exactly: grades, and the odd comment text as typed."""
    from tests.corpus.generate import ODD_TEXT
    from seuranta_xl.returns.check import check_files

    target = build(case("libreoffice-saved"), shared)
    [v], _ = check_files(shared.kit.proj, [target])
    assert v.accepted and not v.findings
    graded = {e.action_id: e for e in v.entries}
    assert len(graded) == 54 and all(e.grade for e in graded.values())
    assert ODD_TEXT.replace("\r\n", "\n") in [e.comment for e in v.entries]


def test_xxe_never_leaks_a_local_file(shared):
    target = build(case("xxe-sheet-xml"), shared)
    res = _run(case("xxe-sheet-xml"), shared, target)
    assert "root:" not in res.stdout


def test_odd_text_survives_check_exactly(shared):
    from tests.corpus.generate import ODD_TEXT
    from seuranta_xl.returns.check import check_files

    target = build(case("comment-odd-text"), shared)
    [v], _ = check_files(shared.kit.proj, [target])
    assert v.entries[0].comment == ODD_TEXT     # exactly, even the pasted CR LF


def test_config_with_the_secret_is_private(shared):
    """seuranta.toml holds the HMAC secret: created 0600 (docs/security.md)."""
    import os
    import stat

    mode = stat.S_IMODE(os.stat(shared.kit.proj / "seuranta.toml").st_mode)
    assert mode == 0o600, oct(mode)
