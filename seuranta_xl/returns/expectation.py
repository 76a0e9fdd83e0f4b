"""What the project expects of a return in one of its rounds (shell: reads the ledger)."""
from __future__ import annotations

from seuranta_xl.core.model import Config, Round
from seuranta_xl.core.validate import Expectation
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.roundview import previous_state


def project_expectation(ledger: Ledger, config: Config, rnd: Round) -> Expectation:
    found = ledger.strategy(rnd.strategy_id)
    assert found is not None
    prev = previous_state(ledger, rnd)     # the same previous round the workbooks and the report show
    previous = {aid: v.grade for aid, v in prev[1].values.items() if v.grade is not None} if prev else {}
    return Expectation(project_id=config.project_id, secret=config.secret, config=config, round=rnd,
                       strategy=found[1], known_rounds=frozenset(r.id for r in ledger.rounds()),
                       previous_grades=previous)
