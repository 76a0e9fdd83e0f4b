"""`seuranta check`, `sync` and `status` as library functions (shell: files, ledger, master).

sync: validate every return in a folder, record each accepted return in the ledger in one
transaction (append-only), then rebuild master.xlsx from the ledger. The same file twice is a no-op.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding, Severity
from seuranta_xl.store.ledger import Ledger, now_iso
from seuranta_xl.outputs.master import all_views, write_master
from seuranta_xl.core.model import Config, ReturnRecord, Round
from seuranta_xl.store.project import Project
from seuranta_xl.returns.reading import MAX_FILE_BYTES, read_return
from seuranta_xl.core.returned import ReturnedWorkbook
from seuranta_xl.store.roundview import RoundView, load_round, resolve_round
from seuranta_xl.core.validate import Expectation, Validation, validate_return

RETURNS_DIR = "palautukset"
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".xlsb", ".fods", ".numbers"}

Progress = Callable[[int, int, str], None]


@dataclass
class SyncResult:
    round_id: str
    language: str
    files_seen: int = 0
    new_returns: int = 0
    unchanged: int = 0
    rejected: int = 0
    master: Path | None = None
    findings: list[Finding] = field(default_factory=list)
    view: RoundView | None = None

    def summary(self) -> dict:
        return {"round": self.round_id, "files": self.files_seen, "new_returns": self.new_returns,
                "unchanged": self.unchanged, "rejected": self.rejected,
                "master": str(self.master) if self.master else None}


def _expectation(ledger: Ledger, config: Config, rnd: Round) -> Expectation:
    found = ledger.strategy(rnd.strategy_id)
    assert found is not None
    prev = ledger.previous_round(rnd.id)
    previous: dict[str, str] = {}
    if prev is not None:
        pview = load_round(ledger, prev)
        previous = {aid: v.grade for aid, v in pview.state.values.items() if v.grade is not None}
    return Expectation(project_id=config.project_id, secret=config.secret, config=config, round=rnd,
                       strategy=found[1], known_rounds=frozenset(r.id for r in ledger.rounds()),
                       previous_grades=previous)


def _skip(path: Path) -> str | None:
    """Why a file in the returns folder is not a return at all (None: it is one to read)."""
    if path.name.startswith("~$"):
        return "Excelin lukitustiedosto / Excel lock file"
    if path.name.startswith(".") or path.suffix.lower() in (".tmp", ".bak"):
        return "väliaikainen tiedosto / temporary file"
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return "ei taulukkotiedosto / not a spreadsheet"
    return None


def list_returns(folder: Path) -> tuple[list[Path], list[Finding]]:
    if not folder.is_dir():
        raise UserError(f"Palautuskansiota {folder} ei ole", f"The returns folder {folder} does not exist",
                        hint_fi="Anna kansio, johon palautetut työkirjat on tallennettu.",
                        hint_en="Give the folder where the returned workbooks are saved.")
    files, skipped = [], []
    for path in sorted(folder.iterdir(), key=lambda p: p.name.casefold()):
        if path.is_dir():
            continue
        why = _skip(path)
        if why:
            skipped.append(Finding(code="skipped-file", file=path.name, params={"detail": why}))
        else:
            files.append(path)
    return files, skipped


def _record(v: Validation, path: Path, digest: str, size: int, saved_at: str | None, mtime: str | None,
            rnd: Round) -> ReturnRecord:
    return ReturnRecord(round_id=rnd.id, department=v.department or "", file_name=path.name, file_hash=digest,
                        size=size, saved_at=saved_at, file_mtime=mtime, received_at=now_iso(),
                        n_rows=len(v.entries), n_errors=v.n_errors, findings=v.findings)


def sync_folder(root: Path, folder: Path | None = None, round_id: str | None = None,
                progress: Progress | None = None) -> SyncResult:
    project = Project(root)
    config = project.load_config()
    with project.lock():
        with project.ledger() as ledger:
            rnd = resolve_round(ledger, round_id, live_only=True)
            folder = Path(folder) if folder else project.root / RETURNS_DIR / rnd.id
            files, skipped = list_returns(folder)
            exp = _expectation(ledger, config, rnd)
            result = SyncResult(round_id=rnd.id, language=config.language, files_seen=len(files))
            new: list[tuple[ReturnRecord, list]] = []
            rejected: list[Finding] = list(skipped)
            seen_hashes: set[str] = set()
            for i, path in enumerate(files, start=1):
                if progress:
                    progress(i, len(files), path.name)
                try:
                    if path.stat().st_size > MAX_FILE_BYTES:   # refused without reading it into memory
                        result.rejected += 1
                        rejected.append(validate_return(read_return(path), exp, path.name).findings[0])
                        continue
                    data = path.read_bytes()
                    digest = hashlib.sha256(data).hexdigest()
                except OSError as exc:
                    rejected.append(Finding(code="corrupt-file", file=path.name,
                                            params={"detail": exc.strerror or str(exc)}))
                    continue
                if digest in seen_hashes or ledger.has_return(rnd.id, digest):
                    result.unchanged += 1
                    seen_hashes.add(digest)
                    continue
                seen_hashes.add(digest)
                wb = read_return(path, data)
                v = validate_return(wb, exp, path.name)
                if not v.accepted:
                    result.rejected += 1
                    rejected.extend(v.findings)
                    continue
                new.append((_record(v, path, digest, wb.size, wb.saved_at, wb.file_mtime, rnd), v.entries))
            if new:
                ledger.add_returns(new)
            ledger.record_rejected(rnd.id, str(folder.resolve()), rejected)
            result.new_returns = len(new)
            views = all_views(ledger)
            view = next(v for v in views if v.round.id == rnd.id)
            result.view = view
            result.findings = view.findings
            # The ledger is committed; now the master (which may fail if the file is open in Excel).
            result.master = write_master(project.root, ledger, config.language, views=views)
    return result


def check_files(root: Path, files: list[Path]) -> tuple[list[Validation], str]:
    """Validate returns without merging. The round is the one each workbook claims (if it exists)."""
    project = Project(root)
    config = project.load_config()
    out: list[Validation] = []
    with project.ledger() as ledger:
        rounds = {r.id: r for r in ledger.rounds()}
        latest = resolve_round(ledger, None, live_only=True)
        exps: dict[str, Expectation] = {}
        for path in files:
            path = Path(path)
            if not path.exists():
                raise UserError(f"Tiedostoa {path} ei ole", f"The file {path} does not exist")
            why = _skip(path)
            if why:
                out.append(Validation(path.name, None, False, [],
                                      [Finding(code="skipped-file", file=path.name, params={"detail": why})]))
                continue
            wb = read_return(path)
            claimed = wb.meta.get("round_id") if isinstance(wb, ReturnedWorkbook) else None
            rnd = rounds.get(claimed) if claimed in rounds and not rounds[claimed].imported else latest
            if rnd.id not in exps:
                exps[rnd.id] = _expectation(ledger, config, rnd)
            out.append(validate_return(wb, exps[rnd.id], path.name))
    return out, config.language


@dataclass
class DepartmentStatus:
    department: str
    state: str                   # returned / missing / errors
    file: str | None
    received_at: str | None
    actions: int
    graded: int
    errors: int
    warnings: int


def round_status(root: Path, round_id: str | None = None) -> tuple[RoundView, list[DepartmentStatus], str]:
    project = Project(root)
    config = project.load_config()
    with project.ledger() as ledger:
        rnd = resolve_round(ledger, round_id)
        view = load_round(ledger, rnd)
    rows = []
    for dept in view.strategy.departments():
        actions = view.strategy.rows_for(dept)
        graded = sum(1 for a in actions if view.state.value(a.id).grade is not None)
        recs = view.state.returns.get(dept, [])
        dept_findings = [f for f in view.findings if f.department == dept]
        errors = sum(1 for f in dept_findings if f.severity is Severity.ERROR)
        warnings = sum(1 for f in dept_findings if f.severity is Severity.WARNING and f.code != "missing-return")
        state = "missing" if not recs else ("errors" if errors else "returned")
        rows.append(DepartmentStatus(dept, state, recs[-1].file_name if recs else None,
                                     recs[-1].received_at if recs else None, len(actions), graded, errors, warnings))
    return view, rows, config.language
