"""What the project expects of a return in one of its rounds (shell: reads the ledger)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from seuranta_xl.core.identity import known_fingerprints
from seuranta_xl.core.model import ActionRow, Config, Round
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.roundview import carried_comments, previous_state

if TYPE_CHECKING:    # the validator is imported when a return is to be validated (not by a sync with nothing new)
    from seuranta_xl.core.validate import Expectation


def earlier_workbooks(ledger: Ledger, rnd: Round) -> dict[tuple[str, str], list[ActionRow]]:
    """(department, fingerprint) -> its rows, for every workbook of the round made from a strategy text
    that has changed since (strategy update): such a return is read against the rows it was made with."""
    generated = [g for g in ledger.generated_all(rnd.id) if g[1] != rnd.strategy_id]
    if not generated:    # every workbook made from today's strategy: no fingerprints to compute
        return {}
    found = ledger.strategy(rnd.strategy_id)
    now = known_fingerprints(found[1]) if found else {}
    out: dict[tuple[str, str], list[ActionRow]] = {}
    for dept, sid, fp in generated:
        if fp in now.get(dept, ()) or (dept, fp) in out:
            continue
        old = ledger.strategy(sid)
        if old is not None and fp in known_fingerprints(old[1]).get(dept, ()):
            out[(dept, fp)] = old[1].rows_for(dept)
    return out


def project_expectation(ledger: Ledger, config: Config, rnd: Round) -> Expectation:
    from seuranta_xl.core.validate import Expectation
    found = ledger.strategy(rnd.strategy_id)
    assert found is not None
    prev = previous_state(ledger, rnd)     # the same previous round the workbooks and the report show
    previous = {aid: v.grade for aid, v in prev[1].values.items() if v.grade is not None} if prev else {}
    return Expectation(project_id=config.project_id, secret=config.secret, config=config, round=rnd,
                       strategy=found[1], known_rounds=frozenset(r.id for r in ledger.rounds()),
                       previous_grades=previous, earlier=earlier_workbooks(ledger, rnd),
                       carried=carried_comments(ledger, rnd))
