"""Python's cycle collector paused for one batch of work (shell: process state).

A first sync creates a few million small objects (cells, entries, findings, the master's rows) and
frees them by reference counting; almost none are in reference cycles. The cycle collector still
walked the whole heap again and again while they were made: 0.43 s of a 1.57 s sync of 60 returns ×
250 actions (bench/README.md), with the same peak memory when it was paused (115 MB). So the batch
runs with it paused, and it resumes as it was afterwards (the add-in's long-lived process keeps
collecting). Worker processes forked inside inherit the pause.

Only around code that makes no reference cycles of its own in bulk (no openpyxl workbooks, whose
cells and sheets point at each other): calamine's values, the validator's entries and xlsxwriter's
one workbook are plain trees.
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
