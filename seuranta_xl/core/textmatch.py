"""Near-duplicate texts and inconsistent names (pure: no I/O).

A strategy table typed by hand holds the same goal written in several ways: a changed verb form
("suunnittelemme" / "suunnitellaan"), a copy cut short ("… vastuullisesti ja"), a typo ("terveen
kuntatalouden" / "tervein kunnat talouden"), a comma more or less. Such texts are grouped into
clusters here; the import reports every variant against the cluster's most used spelling and never
merges them silently.

Two texts are near duplicates when they differ but
- their similarity (rapidfuzz ``ratio`` on case-folded, space-collapsed text) is at least
  ``RATIO_THRESHOLD``, or
- one is (almost) contained in the other -- a truncated copy -- (``partial_ratio`` at least
  ``PARTIAL_THRESHOLD``) and the shorter one is at least ``MIN_PARTIAL_LENGTH`` characters and at
  least half the length of the longer one.
Department names are compared the same way after dropping spaces and hyphens, so "asuin ympäristö"
and "asuinympäristö" are one name written two ways.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

RATIO_THRESHOLD = 90.0
PARTIAL_THRESHOLD = 95.0
MIN_PARTIAL_LENGTH = 30
NAME_RATIO_THRESHOLD = 90.0

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case-folded, with runs of whitespace collapsed to one space and the ends stripped."""
    return _SPACE.sub(" ", text).strip().casefold()


def name_key(name: str) -> str:
    """A department name reduced to its letters: spaces, hyphens and dots do not count."""
    return re.sub(r"[\s\-–.]+", "", name).casefold()


def similar_texts(a: str, b: str) -> bool:
    """True when two different texts look like the same text written differently."""
    if a == b:
        return False
    na, nb = normalise(a), normalise(b)
    if na == nb:
        return True
    from rapidfuzz import fuzz     # here, not at the top: status and sync start without it (17 ms)
    if fuzz.ratio(na, nb) >= RATIO_THRESHOLD:
        return True
    short, long_ = sorted((na, nb), key=len)
    return (len(short) >= MIN_PARTIAL_LENGTH and len(short) * 2 >= len(long_)
            and fuzz.partial_ratio(short, long_) >= PARTIAL_THRESHOLD)


def similar_names(a: str, b: str) -> bool:
    """True when two different department names look like one name written two ways."""
    if a == b:
        return False
    ka, kb = name_key(a), name_key(b)
    from rapidfuzz import fuzz
    return ka == kb or fuzz.ratio(ka, kb) >= NAME_RATIO_THRESHOLD


@dataclass(frozen=True)
class Variant:
    """One spelling of a text that has a near duplicate: it and the reference spelling it resembles."""

    text: str
    reference: str


def clusters(texts: Sequence[str], counts: dict[str, int] | None = None, *,
             names: bool = False) -> list[list[str]]:
    """Group distinct texts that resemble each other (transitively), each group with 2+ members.

    Each group is ordered by use (``counts``, most used first), ties by first appearance in
    ``texts``; the first member is the reference spelling.
    """
    distinct = list(dict.fromkeys(texts))
    counts = counts or {}
    same = similar_names if names else similar_texts
    parent = list(range(len(distinct)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(distinct)):
        for j in range(i + 1, len(distinct)):
            if same(distinct[i], distinct[j]):
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(distinct)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (-counts.get(distinct[i], 0), i))
        out.append([distinct[i] for i in members])
    return out


def variants(texts: Sequence[str], counts: dict[str, int] | None = None, *,
             names: bool = False) -> list[Variant]:
    """Every spelling that is not its cluster's reference, paired with that reference."""
    out = []
    for group in clusters(texts, counts, names=names):
        out.extend(Variant(text=t, reference=group[0]) for t in group[1:])
    return out


SUGGEST_CUTOFF = 70.0
SUGGEST_SPREAD = 10.0


def closest(value: str, choices: Sequence[str], limit: int = 3) -> list[str]:
    """The choices that look most like a mistyped ``value`` ("2024-syksy" → "2024-syys"), best first:
    rapidfuzz ``WRatio`` on case-folded text of at least ``SUGGEST_CUTOFF`` and within ``SUGGEST_SPREAD``
    of the best; empty when none is close."""
    if not choices:
        return []
    from rapidfuzz import fuzz, process
    found = process.extract(normalise(value), [normalise(c) for c in choices], scorer=fuzz.WRatio,
                            score_cutoff=SUGGEST_CUTOFF, limit=limit)
    best = found[0][1] if found else 0.0
    return [choices[i] for _, score, i in found if score >= best - SUGGEST_SPREAD]
