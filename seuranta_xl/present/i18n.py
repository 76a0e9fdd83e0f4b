"""Numbers, shares and dates as people read them in the project's language (Babel's CLDR data for
fi_FI, sv_FI and en_GB), and picking a text from an inline {lang: text} mapping."""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

DEFAULT_LANGUAGE = "fi"
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
# The language a document declares (BCP 47), so Word checks spelling and hyphenates in it.
DOCUMENT_LANGUAGES = {"fi": "fi-FI", "sv": "sv-SE", "en": "en-GB"}
# Dates as the workbooks and reports have always written them: 1.2.2024 in Finnish and Swedish
# (CLDR's sv_FI agrees), ISO 8601 in English (en_GB's own short form would be 01/02/2024).
DATE_PATTERNS = {"fi": "d.M.y", "sv": "d.M.y", "en": "y-MM-dd"}


def pick(texts: Mapping[str, str], lang: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The text in ``lang`` (falling back to Finnish), formatted with ``fields``."""
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return text.format(**fields) if fields else text


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE])


def _excel(value: float) -> Decimal:
    """The value as a spreadsheet rounds it: to 15 significant digits first (Excel and LibreOffice
    keep no more), then half away from zero (see _rounding). So 0.125 is '13 %' in the xlsx's cells and
    in the docx, md and csv alike: one rounding rule in every format."""
    return Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(str(value))


def fmt_number(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """1234.5 -> '1 234,5' (fi/sv, a no-break space between thousands) or '1,234.5' (en); 3.25 -> '3,3'."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        return format_decimal(_excel(value), format=pattern, locale=_locale(lang), decimal_quantization=True)


def fmt_percent(share: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """0.125 -> '12,5 %' (fi/sv, a no-break space before %) or '12.5%' (en): the locale's percent
    pattern with ``decimals`` places."""
    pattern = Locale.parse(_locale(lang)).percent_formats[None].pattern   # "#,##0 %" or "#,##0%"
    if decimals:
        end = pattern.rindex("0") + 1
        pattern = pattern[:end] + "." + "0" * decimals + pattern[end:]
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        return format_percent(_excel(share), format=pattern, locale=_locale(lang), decimal_quantization=True)


def fmt_date(value: dt.date | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """d.m.yyyy in Finnish and Swedish, yyyy-mm-dd in English; "" for no date."""
    if value is None:
        return ""
    return format_date(value, DATE_PATTERNS.get(lang, DATE_PATTERNS[DEFAULT_LANGUAGE]), locale=_locale(lang))


_FINNISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(value: str) -> dt.date | None:
    """A date as people type it: Finnish 15.5.2025 (or 15.05.2025) or ISO 2025-05-15; None if it is not one."""
    value = value.strip()
    m = _FINNISH_DATE.fullmatch(value)
    parts = (m.group(3), m.group(2), m.group(1)) if m else None
    m = _ISO_DATE.fullmatch(value)
    if m:
        parts = (m.group(1), m.group(2), m.group(3))
    if parts is None:
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


LOCAL_ZONE = "Europe/Helsinki"      # the local time of every time people read (the ledger keeps UTC)
# Excel number formats of a local date-time: Finnish and Swedish 23.11.2026 18.55, English ISO.
DATETIME_FORMATS = {"fi": "d.m.yyyy h.mm", "sv": "d.m.yyyy hh:mm", "en": "yyyy-mm-dd hh:mm"}
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


@functools.lru_cache(maxsize=4096)          # a round's times repeat: one per return, on every row it gave
def local_time(iso: str | None) -> dt.datetime | None:
    """An ISO 8601 time from the ledger (UTC, or without a zone: taken as UTC) as a naive local time in
    Europe/Helsinki, summer time included; None for none or text that is not a time."""
    from zoneinfo import ZoneInfo

    if not iso:
        return None
    try:
        when = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(ZoneInfo(LOCAL_ZONE)).replace(tzinfo=None)


def excel_serial(when: dt.datetime) -> float:
    """A date-time as a spreadsheet's serial number (days since 30.12.1899), whole seconds."""
    return round((when - _EXCEL_EPOCH).total_seconds()) / 86400
