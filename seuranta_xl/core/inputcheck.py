"""Reading one cell of an input other than grade and comment (pure: no I/O; a step of rows.py).

A value is taken only when it is exactly what the column asks: a number column given "noin 40 %" or
"40 %" is invalid-number (never 0.4 or 40 by a guess), a date column given "ensi viikolla" is
invalid-date, a choice not on the list is invalid-choice, a text over its limit is input-too-long.
Each problem says what to type, in the reader's language (params ``*_fi``, ``*_sv``, ``*_en``).
"""
from __future__ import annotations

from typing import Any

from seuranta_xl.core.inputs import (InputSpec, date_shown, decimals_of, number_example, number_shown, number_text,
                                     parse_choice, parse_date, parse_number)

_LANGS = ("fi", "sv", "en")
Problem = tuple[str, dict[str, Any]]    # (finding code, params)


_ALLOWED = {"between": {"fi": "{a}–{b}", "sv": "{a}–{b}", "en": "{a}–{b}"},
            "min": {"fi": "vähintään {a}", "sv": "minst {a}", "en": "at least {a}"},
            "max": {"fi": "enintään {b}", "sv": "högst {b}", "en": "at most {b}"},
            "any": {"fi": "mikä tahansa luku", "sv": "vilket tal som helst", "en": "any number"}}
_DECIMALS = {"fi": ", enintään {n} desimaalia", "sv": ", högst {n} decimaler", "en": ", at most {n} decimals"}
_WHOLE = {"fi": ", kokonaisluku", "sv": ", heltal", "en": ", a whole number"}
_PROBLEM = {"not-a-number": {"fi": "se ei ole pelkkä luku", "sv": "det är inte bara ett tal",
                             "en": "it is not just a number"},
            "out-of-range": {"fi": "luku ei ole sallitulla välillä", "sv": "talet ligger utanför det tillåtna",
                             "en": "the number is out of range"},
            "decimals": {"fi": "liian monta desimaalia", "sv": "för många decimaler", "en": "too many decimals"}}
_DATE_RANGE = {"between": {"fi": " väliltä {a}–{b}", "sv": " mellan {a} och {b}", "en": " from {a} to {b}"},
               "min": {"fi": " aikaisintaan {a}", "sv": " tidigast {a}", "en": " on or after {a}"},
               "max": {"fi": " viimeistään {b}", "sv": " senast {b}", "en": " on or before {b}"}}
_DATE_OUT = {"fi": " sallitulla välillä", "sv": " inom det tillåtna", "en": " in the allowed range"}


def _which(low: Any, high: Any) -> str | None:
    if low is not None and high is not None:
        return "between"
    return "min" if low is not None else "max" if high is not None else None


def number_allowed(spec: InputSpec) -> dict[str, str]:
    """What a number column takes, in every language: "0–100, enintään 1 desimaalia"."""
    which = _which(spec.min, spec.max) or "any"
    out = {}
    for lang in _LANGS:
        a = number_shown(spec.min, lang) if spec.min is not None else ""
        b = number_shown(spec.max, lang) if spec.max is not None else ""
        text = _ALLOWED[which][lang].format(a=a, b=b)
        if spec.decimals == 0:
            text += _WHOLE[lang]
        elif spec.decimals is not None:
            text += _DECIMALS[lang].format(n=spec.decimals)
        out[f"allowed_{lang}"] = text
    return out


def date_allowed(spec: InputSpec) -> dict[str, str]:
    which = _which(spec.min_date, spec.max_date)
    out = {}
    for lang in _LANGS:
        a = date_shown(spec.min_date, lang) if spec.min_date else ""
        b = date_shown(spec.max_date, lang) if spec.max_date else ""
        out[f"allowed_{lang}"] = _DATE_RANGE[which][lang].format(a=a, b=b) if which else ""
    return out


def looks_like_percent(spec: InputSpec, raw: Any) -> Problem | None:
    """A % column's number cell holding a fraction (0.4) where the range allows whole percents: Excel turns
    "40 %" typed into a number cell into 0.4, so say so (a warning: 0.4 may be meant)."""
    if spec.unit != "%" or isinstance(raw, (bool, str)) or not isinstance(raw, (int, float)):
        return None
    if not 0 < raw < 1 or (spec.max is not None and spec.max <= 1):
        return None
    percent = number_shown(round(raw * 100, 6), "fi")
    return "number-looks-like-percent", {"value": number_shown(raw, "fi"), "percent": percent}


def _number(spec: InputSpec, raw: Any, shown: str) -> tuple[str | None, Problem | None]:
    number = parse_number(raw)
    if number is None:
        problem = "not-a-number"
    elif not spec.low <= number <= spec.high:
        problem = "out-of-range"
    elif spec.decimals is not None and decimals_of(number) > spec.decimals:
        problem = "decimals"
    else:
        return number_text(number), None
    example = number_shown(number_example(spec), "fi")
    params = {"value": shown, "example": example, **number_allowed(spec),
              **{f"problem_{lang}": _PROBLEM[problem][lang] for lang in _LANGS}}
    return None, ("invalid-number", params)


def _date(spec: InputSpec, raw: Any, shown: str) -> tuple[str | None, Problem | None]:
    day = parse_date(raw)
    if day is not None and (spec.min_date is None or day >= spec.min_date) and \
            (spec.max_date is None or day <= spec.max_date):
        return day.isoformat(), None
    problem = {f"problem_{lang}": (_DATE_OUT[lang] if day is not None else "") for lang in _LANGS}
    return None, ("invalid-date", {"value": shown, **date_allowed(spec), **problem})


def read_input(spec: InputSpec, raw: Any, shown: str) -> tuple[str | None, Problem | None]:
    """(the canonical value, or None; the problem, or None) of a non-empty cell ``raw`` (``shown``: the
    cell as text) of input ``spec`` (not grade or comment; a text is checked for length by the caller)."""
    if spec.kind == "number":
        return _number(spec, raw, shown)
    if spec.kind == "date":
        return _date(spec, raw, shown)
    if spec.kind == "choice":
        choice = parse_choice(spec, raw)
        if choice is None:
            return None, ("invalid-choice", {"value": shown, "allowed": ", ".join(spec.choices)})
        return choice, None
    text = shown
    if spec.max_length is not None and len(text) > spec.max_length:
        return text, ("input-too-long", {"length": len(text), "max": spec.max_length})
    return text, None
