"""Building projects for tests without the importer (conftest-free: import what you need).

`make_project` creates a project folder (seuranta.toml + seuranta.db with one strategy);
`keuruu_strategy` parses the Keuruu extraction with a tiny parser (the real importer will replace
it); `synthetic_strategy` makes any number of departments and actions.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from seuranta_xl.store.ledger import Ledger, now_iso
from seuranta_xl.core.model import Action, Entry, FocusArea, Goal, ReturnRecord, Round, Strategy
from seuranta_xl.store.project import Project, new_config

REPO = Path(__file__).resolve().parents[1]
KEURUU_ALIASES = {"Elinvoima ja asuin ympäristö": "Elinvoima ja asuinympäristö"}


def keuruu_source() -> Path:
    """Keuruu's table as the package bundles it for the demo (the seed 000 text, unchanged)."""
    return REPO / "seuranta_xl" / "data" / "keuruu_strategia.tsv"


def keuruu_rows() -> list[dict]:
    """Action rows of the Keuruu table: painopiste, tavoite, toimenpide, toimiala, grade, comment."""
    out = []
    for line in keuruu_source().read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 6 or parts[0].strip() in ("TOIMENPITEET", "Painopiste", ""):
            continue
        fa, goal, text, dept, grade, comment = (p.strip() for p in parts)
        out.append({"focus_area": fa, "goal": goal, "action": text,
                    "department": KEURUU_ALIASES.get(dept, dept), "grade": grade, "comment": comment})
    return out


def strategy_from_rows(rows: list[dict], name: str = "") -> Strategy:
    fas: dict[str, FocusArea] = {}
    goals: dict[tuple[str, str], Goal] = {}
    for i, r in enumerate(rows, start=1):
        fa = fas.setdefault(r["focus_area"], FocusArea(id=f"P{len(fas) + 1}", name=r["focus_area"]))
        key = (r["focus_area"], r["goal"])
        if key not in goals:
            goals[key] = Goal(id=f"{fa.id}.{len(fa.goals) + 1}", text=r["goal"])
            fa.goals.append(goals[key])
        goal = goals[key]
        goal.actions.append(Action(id=r.get("id") or f"T{i:03d}", text=r["action"], department=r["department"],
                                   indicator=r.get("indicator"), source_row=i))
    return Strategy(name=name, focus_areas=list(fas.values()))


def keuruu_strategy() -> Strategy:
    return strategy_from_rows(keuruu_rows(), name="Keuruu")


def synthetic_strategy(n_departments: int, n_actions: int, indicators: bool = False) -> Strategy:
    rows = []
    for d in range(n_departments):
        for a in range(n_actions):
            rows.append({"id": f"D{d:02d}-{a:03d}", "focus_area": f"Painopiste {a % 4 + 1}",
                         "goal": f"Strateginen tavoite {a % 9 + 1}: kehitämme palveluja yhdessä asukkaiden kanssa",
                         "action": f"Toimenpide {a + 1} osastolle {d}: selvitetään, kehitetään ja otetaan käyttöön "
                                   "uusi toimintamalli, jossa huomioidaan asukkaiden palaute.",
                         "department": f"Toimiala {d:02d}",
                         "indicator": f"Mittari {a}" if indicators else None})
    return strategy_from_rows(rows, name="Synteettinen")


def make_project(root: Path, strategy: Strategy, organisation: str = "Keuruun kaupunki", scale: str = "1-5",
                 language: str = "fi", **config_updates) -> Project:
    root.mkdir(parents=True, exist_ok=True)
    project = Project(root)
    config = new_config(organisation, scale=scale, language=language)
    if config_updates:
        config = config.model_validate({**config.model_dump(), **config_updates})
    project.save_config(config)
    with Ledger.create(project.db_path) as ledger:
        ledger.add_strategy(strategy, source_file="test", source_hash="0" * 64, layout="test")
    return project


def add_round(project: Project, round_id: str, scale_name: str = "1-5", imported: bool = False,
              title: str = "", deadline: dt.date | None = None) -> Round:
    with project.ledger() as ledger:
        sid = ledger.strategy()[0]
        rnd = Round(id=round_id, title=title or round_id, deadline=deadline, scale=project.scale(scale_name),
                    created_at=now_iso(), strategy_id=sid, imported=imported)
        ledger.add_round(rnd)
    return rnd


def add_return(project: Project, round_id: str, department: str, values: dict[str, tuple[str | None, str | None]],
               saved_at: str = "2023-09-30T12:00:00+00:00", accepted: bool = True, file_hash: str | None = None) -> None:
    """Record a return for ``department`` holding action_id -> (grade, comment)."""
    import hashlib
    fh = file_hash or hashlib.sha256(f"{round_id}{department}{saved_at}{sorted(values.items())}".encode()).hexdigest()
    rec = ReturnRecord(round_id=round_id, department=department, file_name=f"{round_id}_{department}.xlsx",
                       file_hash=fh, size=1, saved_at=saved_at, received_at=now_iso(), n_rows=len(values),
                       n_errors=0)
    entries = [Entry(round_id=round_id, action_id=aid, department=department, grade=g, comment=c, accepted=accepted)
               for aid, (g, c) in values.items()]
    with project.ledger() as ledger:
        ledger.add_returns([(rec, entries)])


def import_keuruu_results(project: Project, round_id: str = "2023-syys") -> Round:
    """The grades and comments in the Keuruu table as an imported past round."""
    rnd = add_round(project, round_id, imported=True)
    strategy = keuruu_strategy()
    by_dept: dict[str, dict[str, tuple[str | None, str | None]]] = {}
    for row, src in zip(strategy.rows(), keuruu_rows(), strict=True):
        by_dept.setdefault(row.action.department, {})[row.id] = (src["grade"] or None, src["comment"] or None)
    for dept, values in by_dept.items():
        add_return(project, round_id, dept, values)
    return rnd
