"""Spreadsheet cell references (pure): column letters and A1 refs, 0-based indexes."""
from __future__ import annotations


def col_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def col_index(letter: str) -> int:
    """A -> 0, AA -> 26."""
    n = 0
    for ch in letter.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def split_ref(ref: str) -> tuple[str, int]:
    """"B12" -> ("B", 12): the column letters and the 1-based row of an A1 reference (A and 1 where
    either is missing)."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = "".join(ch for ch in ref if ch.isdigit())
    return letters or "A", int(digits or 1)
