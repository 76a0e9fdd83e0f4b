"""A round's inputs as the outputs show them (master, export, report, add-in, frames): resolved titles
in the reader's language and values as a person reads them (core/inputs.py)."""
from __future__ import annotations

from seuranta_xl.core.inputs import COMMENT, GRADE, InputSpec, extra, has_grade, resolve, show_value
from seuranta_xl.core.model import Round
from seuranta_xl.present.messages import text


def shown_inputs(rnd: Round, lang: str) -> tuple[InputSpec, ...]:
    """The round's inputs with titles in ``lang`` (grade and comment, when the round stores no titles of
    its own: the outputs' words "arvio", "kommentti")."""
    return resolve(rnd.inputs, lang, text("master.grade", lang), text("master.comment", lang), 2000)


def extra_inputs(rnd: Round, lang: str) -> tuple[InputSpec, ...]:
    """The round's inputs other than grade and comment, titled in ``lang``."""
    return extra(shown_inputs(rnd, lang))


def asks_grade(rnd: Round) -> bool:
    return rnd.inputs is None or has_grade(tuple(rnd.inputs))


def asks_comment(rnd: Round) -> bool:
    return rnd.inputs is None or any(s.key == COMMENT for s in rnd.inputs)


def value_text(spec: InputSpec, value: str | None, lang: str) -> str | None:
    """A further input's value as a person reads it (a number with its unit, a date as 15.5.2025)."""
    if value is None:
        return None
    return show_value(spec, value, lang)


__all__ = ["GRADE", "COMMENT", "shown_inputs", "extra_inputs", "asks_grade", "asks_comment", "value_text"]
