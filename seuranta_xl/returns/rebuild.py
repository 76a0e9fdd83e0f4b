"""master.xlsx rebuilt after the ledger changed (shell: ledger, master), the one way every command does
it: sync, `returns withdraw` / `prefer`, `round close` / `reopen`.

Every round is merged once; what status shows of each is kept (before the write, so a master open in
Excel loses nothing); the master is written from the same views and the state it shows is recorded,
so the next sync with nothing new leaves it alone (outputs/masterstate.py).
"""
from __future__ import annotations

from pathlib import Path

from seuranta_xl.outputs import masterstate
from seuranta_xl.returns.status import keep_status
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import RoundView


def rebuild_master(project: Project, ledger: Ledger, lang: str, state: str | None = None) -> tuple[list[RoundView], Path]:
    """(every round's view, the master's path); ``state``: the master state already computed."""
    from seuranta_xl.outputs.master import all_views, write_master   # xlsxwriter only when a master is written
    state = state or masterstate.master_state(ledger, lang, project.master_path)
    views = all_views(ledger)
    keep_status(ledger, *views)
    master = write_master(project.root, ledger, lang, views=views)
    masterstate.remember(ledger, master, state)
    return views, master
