"""Strategy tables in (`seuranta init`): a file -> a grid (``tables``) -> layouts -> the project's ledger.

The shell around the pure ``layouts``: creates or re-imports a project. Nothing is written before the
table has been read and understood.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding
from seuranta_xl.core.model import ROUND_ID_PATTERN, Config, Entry, ReturnRecord, Round, Scale, Strategy
from seuranta_xl.present.messages import text
from seuranta_xl.store.ledger import Ledger, now_iso
from seuranta_xl.store.project import Project, new_config
from seuranta_xl.store.rounds import check_folder_safe
from seuranta_xl.strategy import layouts
from seuranta_xl.strategy.tables import load_mapping, read_grid
from seuranta_xl.strategy.update import UpdateNote, record_update

ORGANISATION = {"keuruu": "Keuruu", "tuusula": "Tuusula", "kemi": "Kemi"}
PAST_ROUND_CODES = ("invalid-grade", "scale-label-mismatch")   # the findings a past round's return keeps


@dataclass
class InitResult:
    root: Path
    language: str
    layout: str
    detected: bool
    strategy: Strategy
    strategy_id: int
    findings: list[Finding]
    results_round: str | None = None
    grade_counts: dict[str, int] = field(default_factory=dict)
    input_counts: dict[str, int] = field(default_factory=dict)   # further input's title -> values kept (Toteuma: 9)
    goal_statuses: int = 0                # statuses the table gave its goals as a whole (Tuusula's parent rows)
    reimport: bool = False
    update: UpdateNote | None = None      # a re-import: the diff, the open rounds moved, outdated workbooks
    organisation: str = ""
    organisation_defaulted: bool = False    # no --name: the preset's town or "Kunta" (a finding says so)

    def summary(self) -> dict[str, Any]:
        return {
            "project": str(self.root),
            "layout": self.layout,
            "layout_detected": self.detected,
            "strategy_id": self.strategy_id,
            "focus_areas": len(self.strategy.focus_areas),
            "goals": sum(len(fa.goals) for fa in self.strategy.focus_areas),
            "actions": len(self.strategy.actions()),
            "departments": self.strategy.departments(),
            "results_round": self.results_round,
            "grades": self.grade_counts,
            "goal_statuses": self.goal_statuses,
            "reimport": self.reimport,
            **({"update": self.update.to_json()} if self.update else {}),
            "organisation": self.organisation,
            "organisation_defaulted": self.organisation_defaulted,
        }

    def summary_lines(self) -> list[str]:
        s, lang = self.summary(), self.language
        lines = []
        lines.append(text("init.detected" if self.detected else "init.layout", lang, l=self.layout))
        lines.append(text("init.counts", lang, verb=text("init.reimported" if self.reimport else "init.created", lang),
                          root=self.root, a=s["actions"], g=s["goals"], f=s["focus_areas"]))
        lines.append(text("init.departments", lang, n=len(s["departments"]), d=", ".join(s["departments"])))
        if self.results_round:
            counts = "; ".join(part for part in (", ".join(f"{k}: {v}" for k, v in self.grade_counts.items()),
                                                 ", ".join(f"{k}: {v}" for k, v in self.input_counts.items())) if part)
            lines.append(text("init.past-round", lang, r=self.results_round, c=counts or "–"))
            if self.goal_statuses:
                lines.append(text("init.goal-statuses", lang, n=self.goal_statuses))
        if self.update:
            lines += self.update.lines(lang)
            if self.update.saved:
                lines.append(text("diff.saved", lang, p=self.update.saved))
        return lines


def _retired_ids(ledger: Ledger) -> set[str]:
    latest = ledger.strategy()
    out: set[str] = set()
    if latest is None:
        return out
    for sid in range(1, latest[0] + 1):
        got = ledger.strategy(sid)
        if got is not None:
            out.update(got[1].action_ids())
    return out


@dataclass
class _Table:
    """A strategy table read and understood, before anything is written."""
    path: Path
    grid: layouts.Grid
    layout: str
    detected: bool
    mapping: layouts.Mapping | None


def _check_arguments(project: Project, preset: str | None, mapping, results_round: str | None, force: bool) -> bool:
    """Whether the project exists already; UserError for arguments that cannot go together."""
    existing = project.exists()
    if existing and not force:
        raise UserError("project-exists", root=str(project.root))
    if preset and mapping:
        raise UserError("preset-and-mapping")
    if results_round is not None and not ROUND_ID_PATTERN.match(results_round):
        raise UserError("round-id-invalid", round=results_round)
    if results_round is not None:
        check_folder_safe(results_round)
    return existing


def _read_table(path: Path, preset: str | None, mapping: Path | str | None) -> _Table:
    mapping_obj = load_mapping(Path(mapping)) if mapping else None
    grid = read_grid(path, mapping_obj.sheet if mapping_obj else None)
    layout = "mapping" if mapping_obj else preset
    detected = layout is None
    if layout is None:
        layout = layouts.detect(grid)
        if layout is None:
            raise UserError("layout-not-recognised", name=path.name)
    return _Table(path, grid, layout, detected, mapping_obj)


def _settings(project: Project, table: _Table, config: Config | None, name: str | None,
              scale: str | None, language: str) -> tuple[Config, Scale]:
    """The project's config (new, or the existing one with --name and --scale applied) and the scale."""
    mapping_scale = table.mapping.scale if table.mapping and table.mapping.scale else None
    scale_name = scale or mapping_scale or (config.scale if config else None) \
        or layouts.NATURAL_SCALE.get(table.layout, "1-5")
    if config is None:
        organisation = name or ORGANISATION.get(table.layout, "Kunta")
        config = new_config(organisation, scale=scale_name, language=language)
    else:
        if name:
            config.organisation = name
        if scale:
            config.scale = scale
    return config, project.scale(scale_name, config)


def _previous(project: Project, results_round: str | None) -> tuple[tuple[int, Strategy] | None, set[str]]:
    """The latest strategy and every id ever used, from an existing ledger."""
    if not project.db_path.exists():
        return None, set()
    with Ledger(project.db_path) as ledger:
        if results_round is not None and ledger.round(results_round) is not None:
            raise UserError("round-exists", round=results_round)
        if results_round is not None:
            check_folder_safe(results_round, ledger.rounds())
        return ledger.strategy(), _retired_ids(ledger)


def _assemble(table: _Table, parsed: layouts.Parsed, config: Config, previous: Strategy | None,
              retired: set[str]) -> layouts.Assembled:
    try:
        return layouts.assemble(parsed, aliases=config.aliases, previous=previous, retired=sorted(retired),
                                name=config.organisation)
    except ValueError as exc:   # e.g. an id column holding 41+ characters
        lines = str(exc).strip().splitlines()
        raise UserError("strategy-not-built", name=table.path.name, detail=lines[-1] if lines else str(exc)) from None


def past_round_inputs(project: Project, config: Config, layout: str) -> list | None:
    """The inputs of a past round imported from a seed layout: the layout's own input preset (Tuusula's
    risks, Kemi's Toteuma without a grade); a mapped table's: grade + comment (None)."""
    presets = project.input_presets(config)
    return list(presets[layout].columns) if layout in presets else None


def _add_past_round(ledger: Ledger, table: _Table, round_id: str, scale: Scale, strategy_id: int, lang: str,
                    entries_by_dept: dict[str, list[Entry]], findings: list[Finding],
                    inputs: list | None = None) -> dict[str, int]:
    """The table's grades as an imported round (asking ``inputs``), one return per department; the grade counts."""
    data = table.path.read_bytes()
    ledger.add_round(Round(id=round_id, title=text("init.past-round-title", lang, f=table.path.name),
                           scale=scale, created_at=now_iso(), strategy_id=strategy_id, imported=True,
                           inputs=inputs))
    received = now_iso()
    mtime = dt.datetime.fromtimestamp(table.path.stat().st_mtime, dt.timezone.utc).replace(microsecond=0).isoformat()
    items = []
    for dept, entries in entries_by_dept.items():
        rec = ReturnRecord(round_id=round_id, department=dept, file_name=table.path.name,
                           file_hash=hashlib.sha256(data + dept.encode("utf-8")).hexdigest(), size=len(data),
                           file_mtime=mtime, received_at=received, n_rows=len(entries),
                           n_errors=sum(1 for e in entries if not e.accepted),
                           findings=[f for f in findings if f.department == dept and f.code in PAST_ROUND_CODES])
        items.append((rec, entries))
    ledger.add_returns(items)
    counts: dict[str, int] = {}
    for entries in entries_by_dept.values():
        for e in entries:
            if e.grade is not None:
                counts[e.grade] = counts.get(e.grade, 0) + 1
    return {v: counts[v] for v in scale.values if v in counts}


def _input_counts(inputs: list | None, entries_by_dept: dict[str, list[Entry]], lang: str) -> dict[str, int]:
    """The past round's further inputs by their titles, with how many actions have a value (Toteuma: 9)."""
    out: dict[str, int] = {}
    for spec in inputs or ():
        n = sum(1 for entries in entries_by_dept.values() for e in entries if e.values.get(spec.key))
        if spec.key not in ("grade", "comment") and n:
            out[spec.title_in(lang)] = n
    return out


def init_project(root: Path, strategy_file: Path | str, preset: str | None = None, mapping: Path | str | None = None,
                 results_round: str | None = None, scale: str | None = None, name: str | None = None,
                 force: bool = False, language: str = "fi") -> InitResult:
    """Create a project from a strategy table, or (``force``) re-import into an existing one.

    ``language`` (fi, sv, en) is a new project's. A re-import keeps seuranta.toml (secret, aliases,
    language) and the ledger, and adds a new strategy version
    whose unchanged actions keep their ids. Nothing is written before the table has been read.
    """
    root = Path(root)
    project = Project(root)
    existing = _check_arguments(project, preset, mapping, results_round, force)
    old_config = project.load_config() if existing else None
    table = _read_table(Path(strategy_file), preset, mapping)
    organisation = name or (old_config.organisation if old_config else ORGANISATION.get(table.layout, "Kunta"))
    default_dept = (old_config.default_department if old_config else None) or organisation
    parsed = layouts.parse(table.grid, table.layout, table.mapping, default_dept)   # a LayoutError names the file
    if not parsed.records:
        raise UserError("no-actions-found", name=table.path.name, layout=table.layout)
    config, scale_obj = _settings(project, table, old_config, name, scale, language)
    previous, retired = _previous(project, results_round)
    assembled = _assemble(table, parsed, config, previous[1] if previous else None, retired)

    root.mkdir(parents=True, exist_ok=True)
    ledger = Ledger.create(project.db_path) if not project.db_path.exists() else Ledger(project.db_path)
    with ledger:
        findings = assembled.findings
        defaulted = name is None and old_config is None
        if defaulted:
            findings.insert(0, Finding(code="organisation-defaulted", file=table.path.name,
                                       params={"name": config.organisation}))
        if table.detected:
            findings.insert(0, Finding(code="layout-detected", file=table.path.name, sheet=table.grid.sheet,
                                       params={"preset": table.layout}))
        entries_by_dept: dict[str, list[Entry]] = {}
        statuses: list = []
        if results_round is not None:
            entries_by_dept, grade_findings = layouts.results(assembled, scale_obj, results_round, parsed)
            statuses, status_findings = layouts.goal_statuses(assembled, scale_obj, results_round, parsed)
            findings.extend(grade_findings + status_findings)
        project.save_config(config)
        digest = hashlib.sha256(table.path.read_bytes()).hexdigest()
        strategy_id = ledger.add_strategy(assembled.strategy, table.path.name, digest, table.layout)
        update = record_update(root, ledger, previous, strategy_id, assembled.strategy, config.language) \
            if existing and previous else None
        counts: dict[str, int] = {}
        further: dict[str, int] = {}
        if results_round is not None:
            inputs = past_round_inputs(project, config, table.layout)
            counts = _add_past_round(ledger, table, results_round, scale_obj, strategy_id, config.language,
                                     entries_by_dept, findings, inputs)
            further = _input_counts(inputs, entries_by_dept, config.language)
            ledger.add_goal_statuses(statuses)
    return InitResult(root=root, language=config.language, layout=table.layout, detected=table.detected,
                      strategy=assembled.strategy, strategy_id=strategy_id, findings=findings,
                      results_round=results_round, grade_counts=counts, input_counts=further,
                      goal_statuses=len(statuses), reimport=existing, update=update,
                      organisation=config.organisation, organisation_defaulted=defaulted)
