"""A round's state and deadline in words (pure): "avoinna, määräaika 15.5.2024, 3 pv jäljellä"."""
from __future__ import annotations

import datetime as dt

from seuranta_xl.core.model import Round
from seuranta_xl.core.roundlife import days_left, round_state
from seuranta_xl.present.i18n import fmt_date
from seuranta_xl.present.messages import text


def deadline_phrase(deadline: dt.date | None, today: dt.date, lang: str) -> str:
    n = days_left(deadline, today)
    if n is None:
        return text("round.no-deadline", lang)
    d = fmt_date(deadline, lang)
    if n > 0:
        return text("round.days-left", lang, d=d, n=n)
    if n == 0:
        return text("round.due-today", lang, d=d)
    return text("round.days-over", lang, d=d, n=-n)


def state_word(rnd: Round, lang: str) -> str:
    """avoinna / suljettu 3.6.2024 / tuotu."""
    word = text(f"round.{round_state(rnd)}", lang)
    if rnd.closed and not rnd.imported:
        word += " " + fmt_date(dt.date.fromisoformat(rnd.closed_at[:10]), lang)
    return word


def round_deadline(rnd: Round, today: dt.date, lang: str) -> str:
    """The deadline with the days to or past it; a closed round's deadline without them."""
    if rnd.closed:
        return text("round.deadline", lang, d=fmt_date(rnd.deadline, lang)) if rnd.deadline else \
            text("round.no-deadline", lang)
    return deadline_phrase(rnd.deadline, today, lang)


def round_line(rnd: Round, today: dt.date, lang: str) -> str:
    """One line: the round, open or closed, and its deadline with the days to or past it."""
    return text("round.line", lang, r=rnd.id, state=state_word(rnd, lang), deadline=round_deadline(rnd, today, lang))
