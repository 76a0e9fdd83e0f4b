"""`seuranta sync` as a library function (shell: files, ledger, master).

Validate every return in a folder; in one ledger transaction record each new accepted return, each
refused file not seen before, and which files the folder holds now (what is current: a file removed
from the folder stops counting, a replaced one is superseded); then rebuild master.xlsx from the
ledger. A file already recorded is not read again; the same folder twice is a no-op. In a closed round
a new file is recorded as a late return and nothing is merged (`round reopen` takes it in).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from seuranta_xl.core.findings import Finding
from seuranta_xl.core.model import Entry, ReturnRecord, Round
from seuranta_xl.core.returned import MAX_FILE_BYTES, ReadFailure, ReturnedWorkbook
from seuranta_xl.core.roundlife import LateReturn
from seuranta_xl.core.versions import RefusedFile
from seuranta_xl.outputs import masterstate
from seuranta_xl.returns.expectation import project_expectation
from seuranta_xl.returns.folder import RETURNS_DIR, list_returns
from seuranta_xl.returns.filestats import FileStats
from seuranta_xl.returns.rebuild import rebuild_master
from seuranta_xl.returns.status import keep_status, kept_status
from seuranta_xl.store.gcpause import collector_paused
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import RoundView, load_round, resolve_round

if TYPE_CHECKING:   # the reader, the validator and the workers are imported when a file is new (a
    # sync with nothing new starts 40 ms sooner without them)
    from seuranta_xl.core.validate import Expectation, Validation

__all__ = ["RETURNS_DIR", "SyncResult", "sync_folder"]

Progress = Callable[[int, int, str], None]


@dataclass
class SyncResult:
    round_id: str
    language: str
    files_seen: int = 0
    new_returns: int = 0
    unchanged: int = 0
    rejected: int = 0
    late: int = 0                 # files recorded as late returns (the round is closed: nothing merged)
    master: Path | None = None
    findings: list[Finding] = field(default_factory=list)
    closed: bool = False          # the round is closed (the new files were recorded as late)
    _view: RoundView | None = field(default=None, repr=False)
    _reload: Callable[[], RoundView] | None = field(default=None, repr=False)

    @property
    def view(self) -> RoundView | None:
        """The round as the ledger shows it after this sync; a sync with nothing new (its findings
        from the cache) loads it only when asked, from the ledger as it is then."""
        if self._view is None and self._reload is not None:
            self._view = self._reload()
        return self._view

    @view.setter
    def view(self, value: RoundView | None) -> None:
        self._view = value

    def summary(self) -> dict:
        return {"round": self.round_id, "files": self.files_seen, "new_returns": self.new_returns,
                "unchanged": self.unchanged, "rejected": self.rejected, "late": self.late,
                "master": str(self.master) if self.master else None}


@dataclass
class _Batch:
    """What one sync found in the folder, to be recorded in one transaction."""

    new: list[tuple[ReturnRecord, list[Entry]]] = field(default_factory=list)
    present: dict[str, str] = field(default_factory=dict)       # file name -> hash
    rejected: list[Finding] = field(default_factory=list)
    refused: list[RefusedFile] = field(default_factory=list)
    hashes: set[str] = field(default_factory=set)


def _record(v: Validation, wb: ReturnedWorkbook, path: Path, rnd: Round, seen_at: str) -> ReturnRecord:
    return ReturnRecord(round_id=rnd.id, department=v.department or "", file_name=path.name, file_hash=wb.sha256,
                        size=wb.size, saved_at=wb.saved_at, file_mtime=wb.file_mtime, received_at=seen_at,
                        n_rows=len(v.entries), n_errors=v.n_errors, findings=v.findings,
                        application=wb.application, package_time=wb.package_time, ready=v.ready.ready,
                        approver=v.ready.approver)


def _refusal(v: Validation, wb: ReturnedWorkbook | ReadFailure, path: Path, digest: str, size: int,
             rnd: Round, seen_at: str) -> RefusedFile:
    facts = wb if isinstance(wb, ReturnedWorkbook) else None
    return RefusedFile(round_id=rnd.id, file_hash=digest, file_name=path.name, size=size, department=v.department,
                       first_seen=seen_at, findings=tuple(v.findings),
                       saved_at=facts.saved_at if facts else None, application=facts.application if facts else None,
                       package_time=facts.package_time if facts else None,
                       file_mtime=facts.file_mtime if facts else None)


class _Expected:
    """The round's Expectation, built on first need: a sync where every file is known reads none."""

    def __init__(self, ledger: Ledger, config, rnd: Round):
        self.ledger, self.config, self.round = ledger, config, rnd
        self._exp: Expectation | None = None

    def get(self) -> Expectation:
        if self._exp is None:
            self._exp = project_expectation(self.ledger, self.config, self.round)
        return self._exp


def _recorded(name: str, digest: str, ledger: Ledger, rnd: Round, batch: _Batch, result: SyncResult) -> bool:
    """A file of this content is a return already recorded (or met earlier in this sync): counted as
    unchanged and present under ``name``."""
    if not (digest in batch.hashes or ledger.has_return(rnd.id, digest)):
        return False
    batch.present[name] = digest
    batch.hashes.add(digest)
    result.unchanged += 1
    return True


@dataclass
class _Job:
    """A file to read and validate: not seen before, its bytes read once and hashed."""

    path: Path
    data: bytes | None         # None: too large to read (refused as such)
    digest: str
    size: int


def _triage(path: Path, ledger: Ledger, rnd: Round, batch: _Batch, result: SyncResult,
            stats: FileStats) -> _Job | None:
    """The file's bytes and hash, unless it is known (counted as unchanged) or cannot be read."""
    try:
        st = path.stat()
        known = stats.known_hash(path, st)     # its stat says which content it holds: not read again
        if known is not None and _recorded(path.name, known, ledger, rnd, batch, result):
            return None
        size = st.st_size
        if size > MAX_FILE_BYTES:    # refused without reading it into memory
            digest = "unread:" + hashlib.sha256(f"{path.name}\0{size}".encode()).hexdigest()
            data = None
        else:
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            stats.remember(path, st, digest)
    except OSError as exc:
        batch.rejected.append(Finding(code="corrupt-file", file=path.name, params={"detail": exc.strerror or str(exc)}))
        return None
    if _recorded(path.name, digest, ledger, rnd, batch, result):
        return None
    batch.present[path.name] = digest
    batch.hashes.add(digest)
    return _Job(path, data, digest, size)


def _examine(job: _Job, exp: Expectation) -> tuple[ReturnedWorkbook | ReadFailure, Validation]:
    """Read and validate one file (in a worker process, or here). The workbook's facts come back without
    its sheets' values: the record needs only its times, size and program."""
    from seuranta_xl.core.validate import validate_return
    from seuranta_xl.returns.reading import read_return
    wb = read_return(job.path, job.data)
    v = validate_return(wb, exp, job.path.name)
    if isinstance(wb, ReturnedWorkbook):
        wb = replace(wb, sheets=[], meta={}, meta_rows=[], values={})
    return wb, v


def _sort(job: _Job, wb: ReturnedWorkbook | ReadFailure, v: Validation, rnd: Round, batch: _Batch,
          result: SyncResult, seen_at: str) -> None:
    """An examined file into the batch: a new return, or a refused file."""
    if not v.accepted:
        result.rejected += 1
        batch.rejected.extend(v.findings)
        batch.refused.append(_refusal(v, wb, job.path, job.digest, job.size, rnd, seen_at))
        return
    assert isinstance(wb, ReturnedWorkbook)
    batch.new.append((_record(v, wb, job.path, rnd, seen_at), v.entries))


def _late(files: list[Path], ledger: Ledger, exp: Expectation, result: SyncResult, seen_at: str) -> None:
    """A closed round: every file not seen before is recorded as a late return (its sender read from the
    file), and nothing is merged; the round's current state stays as it was closed."""
    from seuranta_xl.core.validate import validate_return
    from seuranta_xl.returns.reading import read_return
    rnd, late = exp.round, []
    for path in files:
        try:
            data = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else b""
        except OSError:
            continue
        digest = hashlib.sha256(data or path.name.encode()).hexdigest()
        if ledger.has_return(rnd.id, digest) or ledger.has_refused(rnd.id, digest) or ledger.has_late(rnd.id, digest):
            result.unchanged += 1
            continue
        department = validate_return(read_return(path, data), exp, path.name).department if data else None
        late.append(LateReturn(rnd.id, digest, path.name, len(data), department, seen_at, rnd.closed_at or ""))
    ledger.add_late(late)
    result.late = len(late)


def sync_folder(root: Path, folder: Path | None = None, round_id: str | None = None,
                progress: Progress | None = None, workers: int | None = None) -> SyncResult:
    """Sync the round's returns folder (``workers``: processes beside this one that read and validate
    files; None: as many as the free cores are worth, store/fanout.py)."""
    project = Project(root)
    config = project.load_config()
    with project.lock(), project.ledger() as ledger, collector_paused():
        rnd = resolve_round(ledger, round_id, live_only=True)
        folder = Path(folder) if folder else project.root / RETURNS_DIR / rnd.id
        files, skipped = list_returns(folder)
        expected = _Expected(ledger, config, rnd)
        result = SyncResult(round_id=rnd.id, language=config.language, files_seen=len(files))
        batch = _Batch(rejected=list(skipped))
        seen_at = dt.datetime.now(dt.timezone.utc).isoformat()   # microseconds: two syncs in one second keep their order
        if rnd.closed:
            _late(files, ledger, expected.get(), result, seen_at)
        else:
            stats = FileStats(ledger)
            _read_folder(files, ledger, expected, batch, result, seen_at, stats, progress, workers)
            ledger.record_sync(rnd.id, str(folder.resolve()), batch.new, batch.present, batch.rejected, batch.refused)
            stats.save()
        result.new_returns = len(batch.new)
        if progress:     # the bar names the master while it is made (seconds in a large round)
            progress(len(files), len(files), project.master_path.name)
        _master(project, ledger, config.language, rnd, result)
    return result


BATCH_BYTES = 256 * 2**20    # the files read ahead of their validation, at most (then validated, then the next)


def _read_folder(files: list[Path], ledger: Ledger, expected: _Expected, batch: _Batch, result: SyncResult,
                 seen_at: str, stats: FileStats, progress: Progress | None, workers: int | None) -> None:
    """Every file of the folder into the batch: each new one read and validated, on every free core
    (store/fanout.py) in batches of at most BATCH_BYTES, the rest known by stat or hash."""
    jobs: list[_Job] = []
    pending = handled = 0
    for path in files:
        job = _triage(path, ledger, expected.round, batch, result, stats)
        if job is None:
            handled += 1
            if progress:
                progress(handled, len(files), path.name)
            continue
        jobs.append(job)
        pending += job.size
        if pending >= BATCH_BYTES:
            handled = _examine_batch(jobs, expected, batch, result, seen_at, workers, progress, handled, len(files))
            jobs, pending = [], 0
    _examine_batch(jobs, expected, batch, result, seen_at, workers, progress, handled, len(files))


def _examine_batch(jobs: list[_Job], expected: _Expected, batch: _Batch, result: SyncResult, seen_at: str,
                   workers: int | None, progress: Progress | None, handled: int, total: int) -> int:
    """Read and validate ``jobs`` (here and in workers) and sort them into the batch, in their order;
    the number of the folder's files handled after them."""
    if not jobs:
        return handled
    from seuranta_xl.returns import reading  # noqa: F401 - before the workers fork, not once in each
    from seuranta_xl.store import fanout
    exp = expected.get()
    count = fanout.worker_count(len(jobs)) if workers is None else workers

    def done(n: int, i: int) -> None:
        if progress:
            progress(handled + n, total, jobs[i].path.name)
    examined = fanout.run_all(jobs, lambda job: _examine(job, exp), count, done)
    for job, (wb, v) in zip(jobs, examined, strict=True):
        _sort(job, wb, v, expected.round, batch, result, seen_at)
    return handled + len(jobs)


def _master(project: Project, ledger: Ledger, lang: str, rnd: Round, result: SyncResult) -> None:
    """The round's findings, and master.xlsx rebuilt unless it already shows this state of the ledger
    (then the findings come from the cache kept with it). The ledger is committed; the master write
    may fail (the file is open in Excel)."""
    path = project.master_path
    state = masterstate.master_state(ledger, lang, path)
    result.master, result.closed = path, rnd.closed
    if masterstate.is_current(ledger, path, state):
        kept = kept_status(ledger, rnd)
        if kept is not None:
            result.findings = kept.findings
            result._reload = lambda: _view_of(project, rnd.id)
            return
        result.view = load_round(ledger, rnd)
        keep_status(ledger, result.view)
    else:
        views, result.master = rebuild_master(project, ledger, lang, state)
        result.view = next(v for v in views if v.round.id == rnd.id)
    result.findings = result.view.findings


def _view_of(project: Project, round_id: str) -> RoundView:
    with project.ledger() as ledger:
        rnd = ledger.round(round_id)
        assert rnd is not None
        return load_round(ledger, rnd)
