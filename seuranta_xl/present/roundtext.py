"""A round's life in words (pure): its state and deadline ("avoinna, määräaika 15.5.2024, 3 päivää
jäljellä"), the list of rounds, and the mail drafts of `send` / `remind` — laid out for a terminal of a
given width, as present/terminal.py lays out findings (lines of styled spans; file names never broken)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from seuranta_xl.core.clock import local_date
from seuranta_xl.core.model import Round
from seuranta_xl.core.roundlife import days_left, round_state
from seuranta_xl.present.i18n import fmt_date
from seuranta_xl.present.messages import plural, text
from seuranta_xl.present.terminal import Line, wrap


def deadline_phrase(deadline: dt.date | None, today: dt.date, lang: str) -> str:
    """"määräaika 15.5.2024, 3 päivää jäljellä" / "… on tänään" / "… meni 2 päivää sitten" / "ei määräaikaa"."""
    n = days_left(deadline, today)
    if n is None:
        return text("round.no-deadline", lang)
    d = fmt_date(deadline, lang)
    if n > 0:
        return text("round.days-left", lang, d=d, days=plural("days", n, lang))
    if n == 0:
        return text("round.due-today", lang, d=d)
    return text("round.days-over", lang, d=d, days=plural("days", -n, lang))


def closed_on(rnd: Round) -> dt.date | None:
    return local_date(rnd.closed_at)


def state_word(rnd: Round, lang: str) -> str:
    """avoinna / suljettu 3.6.2024 / tuotu."""
    word = text(f"round.{round_state(rnd)}", lang)
    if rnd.closed and not rnd.imported:
        word += " " + fmt_date(closed_on(rnd), lang)
    return word


def round_deadline(rnd: Round, today: dt.date, lang: str) -> str:
    """The deadline with the days to or past it; a closed round's deadline without them."""
    if rnd.closed:
        return text("round.deadline", lang, d=fmt_date(rnd.deadline, lang)) if rnd.deadline else \
            text("round.no-deadline", lang)
    return deadline_phrase(rnd.deadline, today, lang)


def round_facts_line(rnd: Round, today: dt.date, lang: str) -> str:
    """"avoinna · määräaika 15.5.2024, 3 päivää jäljellä · asteikko 1-5" (an imported round: no deadline)."""
    parts = [state_word(rnd, lang)]
    if not rnd.imported:
        parts.append(round_deadline(rnd, today, lang))
    parts.append(text("round.scale", lang, s=rnd.scale.name))
    return " · ".join(parts)


def round_list_lines(rounds: Sequence[Round], today: dt.date, lang: str, width: int = 80) -> list[Line]:
    """Two lines a round: its id and title, then (indented) its state, deadline and scale."""
    lines: list[Line] = []
    for r in rounds:
        lines.append([(r.id, "head"), ("  " + r.title, "")] if r.title and r.title != r.id else [(r.id, "head")])
        style = "returned" if round_state(r) == "open" else "dim"
        lines += [[(ln, style)] for ln in wrap(round_facts_line(r, today, lang), width, "  ", hang="  ")]
    return lines


def status_round_line(rnd: Round, today: dt.date, lang: str) -> str | None:
    """status's line for a closed round ("Suljettu 1.12.2026; määräaika oli 14.6.2024. …"); None for an
    open one (status shows its deadline and days left as for any round)."""
    if not rnd.closed or rnd.imported:
        return None
    deadline = fmt_date(rnd.deadline, lang) if rnd.deadline else text("round.no-deadline", lang)
    return text("status.closed", lang, date=fmt_date(closed_on(rnd), lang), deadline=deadline)


def draft_lines(drafts: Sequence[tuple[str, object, int, str]], lang: str, width: int = 80) -> list[Line]:
    """Each draft: its .eml file, then (indented) its recipients and its attachment."""
    lines: list[Line] = []
    for _dept, path, recipients, attached in drafts:
        name = getattr(path, "name", str(path))
        lines.append([("  " + name, "")])
        what = text("mail.draft-line", lang, recipients=plural("recipients", recipients, lang), a=attached)
        lines += [[(ln, "dim")] for ln in wrap(what, width, "    ", keep=[attached], hang="  ")]
    return lines
