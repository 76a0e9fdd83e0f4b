"""Department workbooks out (`seuranta generate`): one protected .xlsx per vastuutaho.

The layout is described in docs/workbook.md; widths and colours come from
workbook_templates/layout.toml (``columns``), the words from ``texts``, the file from ``writer``.
Every workbook of a round is written into a temporary folder next to the target and moved into
place only when all of them succeeded, so a failed run never leaves a half-written set behind.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError

from seuranta_xl.core import identity as idn
from seuranta_xl.core.errors import UserError
from seuranta_xl.core.filenames import workbook_file_names
from seuranta_xl.core.model import ActionRow, Round
from seuranta_xl.store.atomic import replace_file
from seuranta_xl.store.ledger import Ledger
from seuranta_xl.store.project import FORMS_DIR, RETURNS_DIR, Project
from seuranta_xl.store.roundview import carried_comments, previous_state, resolve_department
from seuranta_xl.store.rounds import open_round
from seuranta_xl.workbook.writer import WorkbookSpec, write_workbook


@dataclass
class GenerateResult:
    language: str
    round_id: str
    out_dir: Path
    files: list[tuple[Path, int]] = field(default_factory=list)
    returns_dir: Path | None = None       # palautukset/<round>/, created: where the returns go
    unchanged: list[str] = field(default_factory=list)   # --only-changed: departments whose workbook is current



def previous_values(ledger: Ledger, rnd: Round) -> dict[str, tuple[str | None, str | None]]:
    """The previous round's merged (grade, comment) per action id — the same newest-wins state that
    sync, status and the master show. A grade on a numeric step is its value (the workbook writes it
    as a number); a text step is shown with its label. Empty when there is no previous round."""
    found = previous_state(ledger, rnd)
    if found is None:
        return {}
    prev, state = found
    # A previous round without a comment (Kemi's Toteuma): its first text input is what it said in words.
    texts = [s.key for s in prev.inputs or () if s.kind == "text"] if prev.inputs is not None else ["comment"]
    said = "comment" if "comment" in texts or not texts else texts[0]
    values: dict[str, tuple[str | None, str | None]] = {}
    for action_id, cur in state.values.items():
        words = cur.value(said)
        if cur.grade is None and not (words or "").strip():
            continue
        step = prev.scale.step(cur.grade)
        shown = step.value if step is not None and step.number is not None else (step.display if step else cur.grade)
        values[action_id] = (shown, words)
    return values


def _io_error(out_dir: Path, exc: OSError) -> UserError:
    return UserError("workbooks-not-written", folder=str(out_dir), reason=exc.strerror or str(exc))


def _publish(tmp: Path, out_dir: Path) -> None:
    """Move the finished workbooks into place: the whole folder at once when it is new."""
    if not out_dir.exists():
        replace_file(tmp, out_dir)
        return
    for item in sorted(tmp.iterdir()):
        replace_file(item, out_dir / item.name)   # FileInUseError names a workbook open in Excel
    tmp.rmdir()


def generate_round(root: Path, round_id: str | None = None, out_dir: Path | None = None,
                   only: str | None = None, only_changed: bool = False) -> GenerateResult:
    """Write the round's workbooks (``only``: the one department of that name, e.g. to send it again;
    ``only_changed``: only those of departments whose workbook was made from another strategy text, or
    never made), record which strategy each was made from, and create the returns folder."""
    project = Project(root)
    config = project.load_config()
    with project.ledger() as ledger, ledger.snapshot():
        rnd = open_round(ledger, round_id, "generate")
        found = ledger.strategy(rnd.strategy_id)
        if found is None:
            raise UserError("no-strategy")
        strategy = found[1]
        has_prev = ledger.previous_round(rnd.id) is not None
        previous = previous_values(ledger, rnd) if has_prev else None
        made = ledger.generated(rnd.id)
        carried = carried_comments(ledger, rnd) or None
    out_dir = Path(out_dir) if out_dir is not None else project.root / FORMS_DIR / rnd.id
    by_department: dict[str, list[ActionRow]] = {}
    for row in strategy.rows():  # once: Strategy.rows_for() walks the whole strategy per call
        by_department.setdefault(row.action.department, []).append(row)
    prints = idn.department_fingerprints(strategy)
    departments = sorted(by_department, key=str.casefold)
    names = workbook_file_names(rnd.id, departments)       # names of the whole set, so a lone one is the same
    if only is not None:
        departments = [resolve_department(strategy, only)]
    unchanged = [d for d in departments if only_changed and d in made and made[d][1] == prints[d]]
    departments = [d for d in departments if d not in unchanged]
    with_indicator = strategy.has_indicators
    references = idn.reference_keys(strategy)

    jobs = [(names[dept], WorkbookSpec(config, rnd, dept, by_department[dept], with_indicator, previous,
                                        carried, references)) for dept in departments]
    files = _write_workbooks(out_dir, jobs)
    with project.ledger() as ledger:
        ledger.add_generated(rnd.id, [(d, rnd.strategy_id, prints[d], names[d]) for d in departments])
    returns_dir = project.root / RETURNS_DIR / rnd.id
    try:
        returns_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError("folder-not-created", path=str(returns_dir), reason=exc.strerror or str(exc)) from None
    return GenerateResult(config.language, rnd.id, out_dir, [(out_dir / n, k) for n, k in files], returns_dir,
                          unchanged)


def _write_workbooks(out_dir: Path, jobs: list[tuple[str, WorkbookSpec]]) -> list[tuple[str, int]]:
    """Write each (file name, spec) into a temporary folder beside ``out_dir`` and move them in together
    (a failure leaves no half-written set); returns (file name, action count) per workbook."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError("out-is-file", path=str(out_dir))
    tmp: Path | None = None
    files: list[tuple[str, int]] = []
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
        for name, spec in jobs:
            write_workbook(tmp / name, spec)
            files.append((name, len(spec.rows)))
        _publish(tmp, out_dir)
        tmp = None
    except FileCreateError as exc:
        cause = exc.__context__ if isinstance(exc.__context__, OSError) else OSError(0, str(exc))
        raise _io_error(out_dir, cause) from None
    except OSError as exc:
        raise _io_error(out_dir, exc) from None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return files
