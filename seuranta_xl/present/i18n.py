"""Picking user-facing text in the project's language (fi by default, sv and en)."""
from __future__ import annotations

from collections.abc import Mapping

DEFAULT_LANGUAGE = "fi"


def pick(texts: Mapping[str, str], lang: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The text in ``lang`` (falling back to Finnish), formatted with ``fields``."""
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return text.format(**fields) if fields else text


def fmt_number(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """1234.5 -> '1 234,5' (fi/sv) or '1,234.5' (en)."""
    text = f"{value:,.{decimals}f}"
    if lang in ("fi", "sv"):
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def fmt_percent(share: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    sep = "\u00a0" if lang in ("fi", "sv") else ""
    return f"{fmt_number(share * 100, lang, decimals)}{sep}%"


def fmt_date(value, lang: str = DEFAULT_LANGUAGE) -> str:
    """d.m.yyyy in Finnish and Swedish, yyyy-mm-dd in English."""
    if value is None:
        return ""
    if lang in ("fi", "sv"):
        return f"{value.day}.{value.month}.{value.year}"
    return value.isoformat()
