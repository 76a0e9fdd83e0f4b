"""Jobs on every core the machine gives (shell: worker processes).

sync reads and validates each new return (about 12 ms a file: calamine, then the pure validator), and
the master's two big sheets are made as two jobs (outputs/sheetdata.py). On a machine with free cores,
worker processes take jobs too: they are claimed one at a time from a shared counter by whichever
process is free, the main process included, so a worker that starts late or not at all costs nothing
but its start. Results come back in job order.

Only where a fork is safe and cheap: Linux, and a process with one thread (a fork copies no other
thread, and any lock one of them held would stay held in the child). The workers are forks, so the
jobs and the function need no pickling; only results travel: each pickled by the worker itself, then
sent through a queue whose feeder thread keeps the worker working while the main process is busy.
Elsewhere (Windows, macOS, a process with threads) everything runs in the calling process, as before.

Nothing is lost to a worker: a job that raises in a worker, whose result cannot be pickled, or whose
worker dies is done again in the main process, which then raises or reports exactly as a serial run
would.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

J = TypeVar("J")
R = TypeVar("R")

MIN_JOBS_PER_WORKER = 4      # below this a worker's start (a fork, 5-10 ms) is not worth it
_POLL_SECONDS = 0.05


def forkable() -> bool:
    """Whether this process may fork workers: Linux, and no thread but this one."""
    return sys.platform == "linux" and threading.active_count() == 1


def worker_count(jobs: int, per_worker: int = MIN_JOBS_PER_WORKER) -> int:
    """How many worker processes ``jobs`` jobs are worth beside the main process (0: none), each worker
    given at least ``per_worker`` jobs."""
    if not forkable():
        return 0
    cores = len(os.sched_getaffinity(0))
    return max(0, min(cores - 1, jobs // per_worker - 1))


Done = Callable[[int, int], None]


def run_all(jobs: Sequence[J], work: Callable[[J], R], workers: int, done: Done | None = None) -> list[R]:
    """``work(job)`` for every job, in the main process and ``workers`` forked ones; ``done(n, i)`` in
    the main process after each result: n jobs done so far, job i the last."""
    if workers <= 0 or len(jobs) < 2 or sys.platform != "linux":     # no fork to rely on elsewhere
        return _serial(jobs, work, done)
    ctx = multiprocessing.get_context("fork")
    claimed = ctx.Value("i", 0)
    results = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(jobs, work, claimed, results), daemon=True) for _ in range(workers)]
    gc.freeze()       # the workers' collections leave the inherited objects alone: no page copied for them
    try:
        for p in procs:
            p.start()
    finally:
        gc.unfreeze()
    out: dict[int, R] = {}
    try:
        while (i := _claim(claimed, len(jobs))) is not None:
            out[i] = work(jobs[i])
            if done:
                done(len(out), i)
            _collect(results, out, False, done)
        _wait(results, out, procs, len(jobs), done)
    except BaseException:          # a job raised here (or Ctrl+C): the workers' results are not wanted
        for p in procs:
            p.kill()
        raise
    for i in range(len(jobs)):     # a worker that failed on a job, or died: the job again, here
        if i not in out:
            out[i] = work(jobs[i])
            if done:
                done(len(out), i)
    return [out[i] for i in range(len(jobs))]


def _serial(jobs: Sequence[J], work: Callable[[J], R], done: Done | None) -> list[R]:
    out = []
    for i, job in enumerate(jobs):
        out.append(work(job))
        if done:
            done(len(out), i)
    return out


def _claim(claimed, total: int) -> int | None:
    """The next job nobody has taken (None: all taken)."""
    with claimed.get_lock():
        i = claimed.value
        if i >= total:
            return None
        claimed.value = i + 1
        return i


def _worker(jobs, work, claimed, results) -> None:
    while (i := _claim(claimed, len(jobs))) is not None:
        try:     # pickled here, not by the queue's thread: a result that cannot travel is a failed job
            results.put((i, True, pickle.dumps(work(jobs[i]), pickle.HIGHEST_PROTOCOL)))
        except BaseException:            # the main process does it again and reports what happens there
            results.put((i, False, None))
    results.close()
    results.join_thread()


def _collect(results, out: dict, block: bool, done: Done | None) -> bool:
    """Take the results that have arrived (waiting briefly for one when ``block``); False when none came."""
    came = False
    while True:
        try:
            i, ok, value = results.get(timeout=_POLL_SECONDS) if block and not came else results.get_nowait()
        except queue.Empty:
            return came
        came = True
        if ok:
            out[i] = pickle.loads(value)
            if done:
                done(len(out), i)


def _wait(results, out: dict, procs, total: int, done: Done | None) -> None:
    """The workers' last results, until every job is in or no worker is left to send one (the jobs a
    worker failed on are then done again by the caller)."""
    while len(out) < total:
        if not _collect(results, out, True, done) and not any(p.is_alive() for p in procs):
            _collect(results, out, False, done)
            break
    for p in procs:
        p.join(timeout=1)
        if p.is_alive():              # pragma: no cover - a worker stuck after its last job
            p.kill()
