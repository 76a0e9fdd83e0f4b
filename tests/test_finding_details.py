"""A finding's words are in the reader's language: the pure code puts codes and numbers into a
finding's params, never a phrase; core/findings.DETAILS writes them out in fi, sv and en."""
from __future__ import annotations

import string

from seuranta_xl.core.findings import DETAILS, Finding
from seuranta_xl.core.returned import ReadFailure
from seuranta_xl.core.validate import failure_finding
from seuranta_xl.returns.folder import skip_reason, skipped


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_detail_has_three_languages_with_the_same_fields():
    for code, texts in DETAILS.items():
        assert set(texts) == {"fi", "sv", "en"}, code
        assert len({frozenset(_fields(t)) for t in texts.values()}) == 1, code


def test_an_english_message_holds_no_finnish_words():
    empty = failure_finding("a.xlsx", ReadFailure("corrupt-file", detail_code="empty-file"))
    assert empty.message("en") == "The file is damaged and cannot be read (empty file)"
    assert "tyhjä" in empty.message("fi") and "tom fil" in empty.message("sv")
    big = failure_finding("b.xlsx", ReadFailure("file-too-large", detail_code="compression-ratio", values={"ratio": 900}))
    assert big.message("en").endswith("(compression ratio 900:1)") and "pakkaussuhde 900:1" in big.message("fi")
    reason = Finding(code="missing-comment", params={"reason_code": "grade-at-or-below", "grade": "2", "limit": "2"})
    assert reason.message("en") == "The comment is missing (grade 2 ≤ 2)"
    assert reason.message("fi") == "Kommentti puuttuu (arvio 2 ≤ 2)"


def test_a_technical_detail_is_shown_as_it_came():
    f = failure_finding("c.xlsx", ReadFailure("corrupt-file", "zip: File is not a zip file"))
    assert f.message("en").endswith("(zip: File is not a zip file)")


def test_skipped_files_say_why_in_each_language(tmp_path):
    lock = tmp_path / "~$palautus.xlsx"
    f = skipped(lock, skip_reason(lock))
    assert (f.message("fi"), f.message("en")) == ("Ohitettiin: Excelin lukitustiedosto", "Skipped: Excel lock file")
