"""The error catalogue: every UserError code with its message and hint in Finnish, Swedish and English.

Pure data, like the findings catalogue. Templates use ``{name}`` fields filled from the error's
parameters; every language of a code uses the same fields (tests/test_errors.py checks it, and that
every raise site gives them).
"""
from __future__ import annotations

import string
from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorText:
    code: str
    message: dict[str, str]   # lang -> template
    hint: dict[str, str]      # lang -> template


def _e(code: str, fi: str, sv: str, en: str, hint_fi: str, hint_sv: str, hint_en: str) -> ErrorText:
    return ErrorText(code, {"fi": fi, "sv": sv, "en": en}, {"fi": hint_fi, "sv": hint_sv, "en": hint_en})


_CHECK_LAYOUT = ("Tarkista --preset tai sarakemääritys.", "Kontrollera --preset eller kolumnbeskrivningen.",
                 "Check --preset or the mapping.")

_ERRORS: list[ErrorText] = [
    # ------------------------------------------------------------------ strategy table layouts
    _e("layout-header-missing",
       "{file}: otsikkoriviä ({titles}) ei löytynyt",
       "{file}: rubrikraden ({titles}) hittades inte",
       "{file}: no header row ({titles}) found", *_CHECK_LAYOUT),
    _e("mapping-unknown-role",
       "{file}: tuntematon rooli sarakemäärityksessä: {role} (sallitut: {allowed})",
       "{file}: okänd roll i kolumnbeskrivningen: {role} (tillåtna: {allowed})",
       "{file}: unknown role in the column mapping: {role} (allowed: {allowed})", *_CHECK_LAYOUT),
    _e("mapping-no-action",
       "{file}: sarakemäärityksestä puuttuu toimenpidesarake (action)",
       "{file}: kolumnbeskrivningen saknar åtgärdskolumnen (action)",
       "{file}: the column mapping has no action column (action)", *_CHECK_LAYOUT),
    _e("mapping-no-titles",
       "{file}: yhtäkään sarakemäärityksen saraketta ei löytynyt taulukon otsikoista ({titles})",
       "{file}: ingen av kolumnbeskrivningens kolumner finns bland tabellens rubriker ({titles})",
       "{file}: none of the mapped columns is among the table's titles ({titles})", *_CHECK_LAYOUT),
    _e("mapping-column-missing",
       "{file}: sarakemäärityksen sarake ”{title}” ({role}) puuttuu otsikkoriviltä {row}",
       "{file}: kolumnbeskrivningens kolumn ”{title}” ({role}) saknas på rubrikraden {row}",
       "{file}: the mapped column “{title}” ({role}) is not in header row {row}", *_CHECK_LAYOUT),
]

ERRORS: dict[str, ErrorText] = {e.code: e for e in _ERRORS}


def placeholders(entry: ErrorText) -> set[str]:
    """The ``{name}`` fields of every template of a code."""
    names: set[str] = set()
    for text in (*entry.message.values(), *entry.hint.values()):
        names.update(field for _, field, _, _ in string.Formatter().parse(text) if field)
    return names
