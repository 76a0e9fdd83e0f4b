"""`seuranta round close` and `round reopen` as library functions (shell: ledger, master).

Closing freezes the round: its current state stays what it was at the close (a later sync records a
new file as a late return and merges nothing), and master.xlsx and the reports mark it final.
Reopening is recorded too; the next sync takes the late files in like any others.
"""
from __future__ import annotations

from pathlib import Path

from seuranta_xl.core.model import Round
from seuranta_xl.returns.rebuild import rebuild_master
from seuranta_xl.store.project import Project
from seuranta_xl.store.rounds import set_round_closed


def _rebuild(root: Path, lang: str) -> Path:
    project = Project(root)
    with project.lock(), project.ledger() as ledger:
        return rebuild_master(project, ledger, lang)[1]


def close_round(root: Path, round_id: str) -> tuple[Round, Path, str]:
    """Close the round (a close event in the ledger) and rebuild the master, which marks it final."""
    rnd, lang = set_round_closed(Path(root), round_id, closed=True)
    return rnd, _rebuild(Path(root), lang), lang


def reopen_round(root: Path, round_id: str) -> tuple[Round, Path, str]:
    rnd, lang = set_round_closed(Path(root), round_id, closed=False)
    return rnd, _rebuild(Path(root), lang), lang
