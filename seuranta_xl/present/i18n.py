"""Numbers, shares and dates as people read them in the project's language (Babel's CLDR data for
fi_FI, sv_FI and en_GB), and picking a text from an inline {lang: text} mapping."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

DEFAULT_LANGUAGE = "fi"
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
# Dates as the workbooks and reports have always written them: 1.2.2024 in Finnish and Swedish
# (CLDR's sv_FI agrees), ISO 8601 in English (en_GB's own short form would be 01/02/2024).
DATE_PATTERNS = {"fi": "d.M.y", "sv": "d.M.y", "en": "y-MM-dd"}


def pick(texts: Mapping[str, str], lang: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The text in ``lang`` (falling back to Finnish), formatted with ``fields``."""
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return text.format(**fields) if fields else text


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE])


def _exact(value: float) -> Decimal:
    """The float's exact value, so Babel rounds it as Python's own formatting does."""
    return Decimal(value) if isinstance(value, float) else Decimal(str(value))


def fmt_number(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """1234.5 -> '1 234,5' (fi/sv, a no-break space between thousands) or '1,234.5' (en)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(_exact(value), format=pattern, locale=_locale(lang), decimal_quantization=True)


def fmt_percent(share: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """0.125 -> '12,5 %' (fi/sv, a no-break space before %) or '12.5%' (en): the locale's percent
    pattern with ``decimals`` places."""
    pattern = Locale.parse(_locale(lang)).percent_formats[None].pattern   # "#,##0 %" or "#,##0%"
    if decimals:
        end = pattern.rindex("0") + 1
        pattern = pattern[:end] + "." + "0" * decimals + pattern[end:]
    # Babel multiplies by 100 itself: give it the float product's exact value over 100, so it rounds
    # the same number Python's own formatting would.
    return format_percent(_exact(share * 100) / 100, format=pattern, locale=_locale(lang), decimal_quantization=True)


def fmt_date(value: dt.date | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """d.m.yyyy in Finnish and Swedish, yyyy-mm-dd in English; "" for no date."""
    if value is None:
        return ""
    return format_date(value, DATE_PATTERNS.get(lang, DATE_PATTERNS[DEFAULT_LANGUAGE]), locale=_locale(lang))
