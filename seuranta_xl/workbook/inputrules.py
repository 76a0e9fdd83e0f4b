"""An input column's Excel data validation and the words that explain it (prompt, error, the
instructions' line), per kind of input (core/inputs.py). Grade and the default comment keep the
writer's own validations (writer.py); every other input gets its rule here."""
from __future__ import annotations

import datetime as dt

from seuranta_xl.core.inputs import InputSpec, date_shown, number_example, number_shown
from seuranta_xl.workbook.texts import texts

PROMPT_MAX, TITLE_MAX = 255, 32       # Excel's limits for a validation's message and title
DATE_FLOOR, DATE_CEILING = dt.date(1900, 1, 1), dt.date(9999, 12, 31)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number_words(spec: InputSpec, lang: str) -> dict[str, str]:
    t = texts(lang)
    if spec.min is not None and spec.max is not None:
        rng = t["range_between"].format(min=number_shown(spec.min, lang), max=number_shown(spec.max, lang))
    elif spec.min is not None:
        rng = t["range_min"].format(min=number_shown(spec.min, lang))
    elif spec.max is not None:
        rng = t["range_max"].format(max=number_shown(spec.max, lang))
    else:
        rng = ""
    dec = "" if spec.decimals is None else (t["decimals_none"] if spec.decimals == 0
                                            else t["decimals_n"].format(n=spec.decimals))
    return {"range": rng, "decimals": dec, "unit": t["unit"].format(unit=spec.unit) if spec.unit else "",
            "example": number_shown(number_example(spec), lang)}


def _date_words(spec: InputSpec, lang: str) -> str:
    t = texts(lang)
    if spec.min_date and spec.max_date:
        return t["date_between"].format(min=date_shown(spec.min_date, lang), max=date_shown(spec.max_date, lang))
    if spec.min_date:
        return t["date_min"].format(min=date_shown(spec.min_date, lang))
    if spec.max_date:
        return t["date_max"].format(max=date_shown(spec.max_date, lang))
    return ""


def prompt(spec: InputSpec, lang: str) -> str:
    """What the cell's input message says (and the instructions' line for the column)."""
    t = texts(lang)
    if spec.kind == "number":
        return t["number_prompt"].format(**_number_words(spec, lang))
    if spec.kind == "date":
        return t["date_prompt"].format(range=_date_words(spec, lang))
    if spec.kind == "choice":
        return t["choice_prompt"].format(values=", ".join(spec.choices))
    return t["text_prompt"].format(max=spec.max_length)


def error(spec: InputSpec, lang: str) -> tuple[str, str]:
    """(title, message) of the error Excel shows for a value the rule refuses."""
    t = texts(lang)
    title = spec.title
    if spec.kind == "number":
        return t["number_error_title"], t["number_error"].format(title=title, **_number_words(spec, lang))
    if spec.kind == "date":
        return t["date_error_title"], t["date_error"].format(title=title, range=_date_words(spec, lang))
    if spec.kind == "choice":
        return t["choice_error_title"], t["choice_error"].format(title=title, values=", ".join(spec.choices))
    return t["text_error_title"], t["text_error"].format(title=title, max=spec.max_length)


def validation(spec: InputSpec, lang: str, choice_range: str | None = None) -> dict:
    """The XlsxWriter data_validation options of an input column (``choice_range``: the list's cells on the
    hidden lists sheet, for a choice input)."""
    if spec.kind == "number":
        rule: dict = {"validate": "decimal" if spec.decimals != 0 else "integer", "criteria": "between",
                      "minimum": spec.low, "maximum": spec.high}
    elif spec.kind == "date":
        rule = {"validate": "date", "criteria": "between", "minimum": spec.min_date or DATE_FLOOR,
                "maximum": spec.max_date or DATE_CEILING}
    elif spec.kind == "choice":
        rule = {"validate": "list", "source": "=" + (choice_range or ""), "dropdown": True}
    else:
        rule = {"validate": "length", "criteria": "<=", "value": spec.max_length}
    title, message = error(spec, lang)
    return {**rule, "ignore_blank": True, "input_title": clip(spec.title, TITLE_MAX),
            "input_message": clip(prompt(spec, lang), PROMPT_MAX), "error_title": clip(title, TITLE_MAX),
            "error_message": clip(message, PROMPT_MAX), "error_type": "stop"}
