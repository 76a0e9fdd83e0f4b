"""`seuranta check` as a library function (shell: reads files and the ledger, writes nothing).

In a project: the verdict `sync` would give, in the round sync would use (the latest live round, or
``round_id``). Outside any project: what can be checked without the secret (core/standalone.py).
"""
from __future__ import annotations

from pathlib import Path

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.standalone import standalone_validation
from seuranta_xl.core.validate import Validation, validate_return
from seuranta_xl.core.returned import ReturnedWorkbook
from seuranta_xl.returns.expectation import project_expectation
from seuranta_xl.returns.folder import skip_reason, skipped
from seuranta_xl.returns.reading import read_return
from seuranta_xl.store.project import Project
from seuranta_xl.store.roundview import resolve_round


def _existing(path: Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise UserError("file-not-found", path=str(path))
    return path


def _skipped(path: Path) -> Validation | None:
    why = skip_reason(path)
    return Validation(path.name, None, False, [], [skipped(path, why)]) if why else None


def check_files(root: Path, files: list[Path], round_id: str | None = None) -> tuple[list[Validation], str]:
    """Validate returns without merging, exactly as sync would in the project's round."""
    project = Project(root)
    config = project.load_config()
    with project.ledger() as ledger:
        rnd = resolve_round(ledger, round_id, live_only=True)
        exp = project_expectation(ledger, config, rnd)
    out: list[Validation] = []
    for path in map(_existing, files):
        out.append(_skipped(path) or validate_return(read_return(path), exp, path.name))
    return out, config.language


def check_standalone(files: list[Path]) -> list[Validation]:
    """Validate returns outside any project: everything but the signature (core/standalone.py)."""
    from seuranta_xl.core.findings import Finding
    out: list[Validation] = []
    for path in map(_existing, files):
        skip = _skipped(path)
        if skip:
            out.append(skip)
            continue
        wb = read_return(path)
        v = standalone_validation(wb) if isinstance(wb, ReturnedWorkbook) else None
        if v is None:
            if isinstance(wb, ReturnedWorkbook):
                v = Validation(path.name, None, False, [], [Finding(code="unknown-workbook", file=path.name)])
            else:
                v = Validation(path.name, None, False, [], [Finding(code=wb.code, file=path.name,
                                                                   params=wb.params)])
        out.append(v)
    return out
