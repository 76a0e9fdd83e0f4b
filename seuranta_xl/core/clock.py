"""Moments as a Finnish coordinator reads them (pure): every time stored is UTC ISO 8601; every time
a person reads is Finnish local time (Europe/Helsinki), in the reader's language's format."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Europe/Helsinki")   # the municipalities' clock


def parse_time(text: str | None) -> dt.datetime | None:
    """An ISO 8601 time as an aware UTC datetime ('Z', an offset, or none meaning UTC); None if unreadable."""
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc)


def show_time(value: dt.datetime | str | None, lang: str = "fi") -> str:
    """28.5.2024 17.05 (fi, sv) or 2024-05-28 17:05 (en), in Finnish local time; '?' when unknown."""
    if isinstance(value, str):
        value = parse_time(value)
    if value is None:
        return "?"
    local = value.astimezone(LOCAL_ZONE)
    if lang == "en":
        return local.strftime("%Y-%m-%d %H:%M")
    return f"{local.day}.{local.month}.{local.year} {local.hour}.{local.minute:02d}"


def show_date(value: dt.datetime | str | None, lang: str = "fi") -> str:
    """The local calendar day of a moment: 28.5.2024 (fi, sv) or 2024-05-28 (en)."""
    if isinstance(value, str):
        value = parse_time(value)
    if value is None:
        return "?"
    local = value.astimezone(LOCAL_ZONE).date()
    return local.isoformat() if lang == "en" else f"{local.day}.{local.month}.{local.year}"


def local_date(value: dt.datetime | str | None) -> dt.date | None:
    """The Finnish calendar day of a moment (a round closed at 23.30 UTC closed on the next day here)."""
    if isinstance(value, str):
        value = parse_time(value)
    return value.astimezone(LOCAL_ZONE).date() if value is not None else None
