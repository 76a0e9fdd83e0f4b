"""`seuranta demo`: one command that walks the whole flow on bundled data (shell).

From the Keuruu table bundled with the package (``data/keuruu_strategia.tsv``):
1. write it as an .xlsx table (what a coordinator has) under ``lahtotiedot/``;
2. ``init`` through the real importer, with its grades as the past round 2023-syys;
3. add the alias for the misspelt department and re-import (ids are kept);
4. open the round 2024-kevat and generate one workbook per department;
5. fill the workbooks as departments would (openpyxl, only the unlocked cells), with deterministic
   grades (most moved one step from the past round) and Finnish comments, and a few deliberate
   mistakes: two grades left empty, an invalid grade 6, a comment over the length limit, "4 " typed
   with a space (accepted), one department returning twice (an unfinished copy, then the final one),
   one department not returning at all; the final return is marked ready (Valmis: Kyllä, with the
   approver's name), the unfinished copy and the careless department's return are left as drafts;
6. sync, and write the reports (xlsx, docx, md, csv).

The target folder must be new, empty, or an earlier demo (marked with ``.seuranta-demo``; it is
then rebuilt). Anything else is refused: the demo never deletes a folder it did not make.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding, Severity, counted
from seuranta_xl.present.messages import plural, text
from seuranta_xl.present.tables import severity_label
from seuranta_xl.present.terminal import counts_text, group_findings
from seuranta_xl.store.atomic import atomic_path

MARKER = ".seuranta-demo"
PAST_ROUND = "2023-syys"
ROUND = "2024-kevat"
ALIAS = {"Elinvoima ja asuin ympäristö": "Elinvoima ja asuinympäristö"}
ORGANISATION = "Keuruun kaupunki"
TABLE_NAME = "keuruu_seuranta_2023.xlsx"
REPORT_FORMATS = ("xlsx", "docx", "md", "csv")

# who does what in the demo (matched by the start of the department's name)
TWICE = "Hallinto"          # sends an unfinished copy first, then the final one
CARELESS = "Kasvu"          # two grades empty, a 6, a comment that is too long
SILENT = "Elinvoima"        # does not return at all
APPROVER = "Marja Virtanen, hallintojohtaja"   # approves the final return of TWICE (its ready mark)

COMMENTS = {
    "improved": [
        "Työpaja pidettiin 14.10. ja jatkosuunnitelma hyväksyttiin johtoryhmässä.\nToteutus etenee kevään aikana.",
        "Käyttöaste nousi 12,5 % edellisestä vuodesta.\nTavoitetaso saavutetaan syksyllä.",
        "Toimintamalli otettiin käyttöön 1.3. alkaen.\nSeuranta jatkuu osana vuosikelloa.",
        "Osallistujia 42, palautteen keskiarvo 4,3/5.\nKokemukset jaetaan muille toimialoille 6.6.",
    ],
    "same": [
        "Työ jatkuu suunnitellusti.\nSeuraava tarkistuspiste 30.9.",
        "Ei muutosta edelliseen raporttiin.\nResursointi ratkaistaan talousarviossa 2025.",
        "Selvitys käynnissä, budjetti 25 000 €.\nValmistuu arviolta 15.11.",
    ],
    "worse": [
        "Hanke viivästyi rahoituspäätöksen vuoksi (päätös 3.4.).\nAikataulua tarkistetaan.",
        "Henkilöstövaihdosten takia työ on ollut tauolla 1.2. alkaen.\nJatketaan syksyllä.",
        "Kustannukset ylittivät arvion 12,5 %; laajuutta supistetaan.\nUusi suunnitelma 14.10. mennessä.",
    ],
}

Echo = Callable[[str], None]


@dataclass
class DemoResult:
    root: Path
    language: str
    round_id: str
    previous_round: str
    table: Path
    workbooks: list[Path] = field(default_factory=list)
    returns_dir: Path | None = None
    returned: list[Path] = field(default_factory=list)
    master: Path | None = None
    reports: dict[str, Path] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def summary(self) -> dict:
        return {"project": str(self.root), "round": self.round_id, "previous_round": self.previous_round,
                "workbooks": [str(p) for p in self.workbooks], "returns": [str(p) for p in self.returned],
                "master": str(self.master) if self.master else None,
                "reports": {k: str(v) for k, v in self.reports.items()},
                "findings": dict(Counter(f.code for f in self.findings))}


# ------------------------------------------------------------------------------------ the folder
def prepare_folder(target: Path) -> None:
    """Make ``target`` an empty demo folder, or refuse (UserError) without touching anything."""
    if target.exists() and not target.is_dir():
        raise UserError("demo-target-is-file", path=str(target))
    if target.is_dir() and any(target.iterdir()):
        if not (target / MARKER).is_file():
            raise UserError("demo-folder-not-empty", path=str(target))
        try:
            shutil.rmtree(target)
        except OSError as exc:
            raise UserError("demo-not-removed", path=str(target), reason=exc.strerror or str(exc)) from None
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / MARKER).write_text("seuranta demo: this folder is rebuilt by `seuranta demo`\n", "utf-8")
    except OSError as exc:
        raise UserError("folder-not-created", path=str(target), reason=exc.strerror or str(exc)) from None


def bundled_rows() -> list[list[str]]:
    text = resources.files("seuranta_xl.data").joinpath("keuruu_strategia.tsv").read_text("utf-8")
    return [line.split("\t") for line in text.split("\n")]


def write_table(path: Path) -> Path:
    """The bundled Keuruu table as the .xlsx a coordinator would have (grades as numbers)."""
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Seuranta 2023"
    for r, cells in enumerate(bundled_rows(), start=1):
        for c, raw in enumerate(cells, start=1):
            raw = raw.strip()
            if not raw:
                continue
            value: object = int(raw) if re.fullmatch(r"[1-5]", raw) else raw
            cell = ws.cell(r, c, value)
            if isinstance(value, str) and len(value) > 40:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEF", (22, 40, 60, 28, 12, 60), strict=True):
        ws.column_dimensions[col].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


# ------------------------------------------------------------------------------------ filling
def _h(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16)


def demo_value(action_id: str, previous: str | None) -> tuple[int, str | None]:
    """A deterministic new grade (most move one step from ``previous``) and a comment for it."""
    h = _h(action_id)
    before = int(previous) if previous and previous.isdigit() else 3
    delta = (1, 1, 1, 1, 1, -1, -1, 0, 0, 0)[h % 10]
    grade = min(5, max(1, before + delta))
    kind = "improved" if grade > before else "worse" if grade < before else "same"
    if (h >> 8) % 6 == 0:
        return grade, None
    options = COMMENTS[kind]
    return grade, options[(h >> 4) % len(options)]


def _meta(wb) -> dict:
    from seuranta_xl.core.identity import META_SHEET
    return {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_row=19) if r[0].value}


def _set_input(ws, ref: str, value) -> None:
    cell = ws[ref]
    if cell.protection.locked:   # the demo types only where a department can
        raise RuntimeError(f"demo tried to write a locked cell {ref}")
    cell.value = value


def fill_workbook(src: Path, dst: Path, previous: dict[str, str | None], *, saved: dt.datetime,
                  only_first: int | None = None, mistakes: bool = False, typo_space: bool = False,
                  lang: str = "fi", approver: str | None = None) -> list[str]:
    """Fill a generated workbook as its department would; the deliberate mistakes made (as text).
    ``approver``: the answers are final — the ready mark set to yes, with this name; else a draft."""
    import openpyxl

    wb = openpyxl.load_workbook(src)
    meta = _meta(wb)
    cols = json.loads(meta["columns"])
    ws = wb[meta["data_sheet"]]
    first = int(meta["first_data_row"])
    rows = [r for r in range(first, ws.max_row + 1) if ws[f"{cols['id']}{r}"].value]
    made: list[str] = []
    for i, r in enumerate(rows):
        if only_first is not None and i >= only_first:
            break
        aid = str(ws[f"{cols['id']}{r}"].value)
        grade, comment = demo_value(aid, previous.get(aid))
        value: object = grade
        if mistakes and i in (3, 11):
            value, comment = None, comment
            made.append(text("demo.empty", lang, aid=aid))
        elif mistakes and i == 7:
            value = 6
            made.append(text("demo.six", lang, aid=aid))
        elif mistakes and i == 15:
            comment = ("Toimenpiteen eteneminen on kuvattu tarkemmin liitteessä. " * 40).strip()
            made.append(text("demo.long", lang, aid=aid, n=len(comment)))
        elif typo_space and i == 5:
            value = f"{grade} "
            made.append(text("demo.space", lang, aid=aid, g=grade))
        _set_input(ws, f"{cols['grade']}{r}", value)
        _set_input(ws, f"{cols['comment']}{r}", comment)
    if approver:
        _mark_ready(ws, meta, approver, lang)
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    set_saved_time(dst, saved)
    return made


def _mark_ready(ws, meta: dict, approver: str, lang: str) -> None:
    """Valmis: Kyllä and the approver's name, in the cells the workbook's identity names."""
    from seuranta_xl.core.ready import READY_WORDS

    cells = json.loads(meta["ready"])
    _set_input(ws, cells["mark"], READY_WORDS.get(lang, READY_WORDS["fi"])[0])
    _set_input(ws, cells["approver"], approver)


def set_saved_time(path: Path, when: dt.datetime) -> None:
    """Set the workbook's saved time (docProps/core.xml) and the file time, as a save then would."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            dst.writestr(info, data)
    ts = when.replace(tzinfo=dt.timezone.utc).timestamp()
    os.utime(path, (ts, ts))


# ------------------------------------------------------------------------------------ the run
class _Steps:
    """Numbered lines "[i/7] …" and the indented lines under them."""

    N = 7

    def __init__(self, echo: Echo):
        self.echo = echo

    def step(self, i: int, text: str) -> None:
        self.echo(f"[{i}/{self.N}] {text}")

    def line(self, text: str) -> None:
        self.echo(f"      {text}")


def _import(root: Path, out: _Steps, language: str) -> tuple[Path, str]:
    """Steps 1-3: the table, init with its past round, the alias and a re-import; (table, language)."""
    from seuranta_xl.store.project import Project
    from seuranta_xl.strategy.importer import init_project

    table = write_table(root / "lahtotiedot" / TABLE_NAME)
    out.step(1, text("demo.step1", language, table=table))
    first = init_project(root, table, results_round=PAST_ROUND, name=ORGANISATION, language=language)
    lang = first.language
    counts = ", ".join(f"{k}: {v}" for k, v in first.grade_counts.items())
    out.step(2, text("demo.step2", lang, actions=plural("actions", len(first.strategy.actions()), lang),
                     departments=plural("departments", len(first.strategy.departments()), lang), r=PAST_ROUND,
                     counts=counts))
    names = Counter(f.code for f in first.findings if f.code != "layout-detected")
    out.line(text("demo.import-findings", lang) + ", ".join(f"{code} ×{k}" for code, k in sorted(names.items())))
    project = Project(root)
    config = project.load_config()
    config.aliases.update(ALIAS)
    project.save_config(config)
    second = init_project(root, table, force=True)
    (alias, name), = ALIAS.items()
    out.step(3, text("demo.step3", lang, a=alias, b=name,
                     departments=plural("departments", len(second.strategy.departments()), lang)))
    return table, lang


def _past_grades(root: Path) -> dict[str, str | None]:
    from seuranta_xl.store.ledger import Ledger
    from seuranta_xl.store.project import Project
    from seuranta_xl.store.roundview import load_round

    with Ledger(Project(root).db_path) as ledger:
        past = load_round(ledger, ledger.round(PAST_ROUND))
    return {aid: v.grade for aid, v in past.state.values.items()}


def _fill(root: Path, workbooks: list[Path], lang: str, out: _Steps) -> tuple[Path, list[Path]]:
    """Step 5: the departments fill their workbooks, with the deliberate mistakes; (folder, files)."""
    from seuranta_xl.returns.sync import RETURNS_DIR

    previous = _past_grades(root)
    returns = root / RETURNS_DIR / ROUND
    returned: list[Path] = []
    out.step(5, text("demo.step5", lang, d=returns))
    out.line(text("demo.mistakes", lang))
    for path in workbooks:
        dept = path.stem.split("_", 1)[1] if "_" in path.stem else path.stem
        if dept.startswith(SILENT):
            out.line(text("demo.silent", lang, dept=dept))
            continue
        if dept.startswith(TWICE):
            older = returns / f"{path.stem}_keskenerainen.xlsx"
            fill_workbook(path, older, previous, saved=dt.datetime(2024, 5, 20, 9, 30), only_first=20, lang=lang)
            made = fill_workbook(path, returns / path.name, previous, saved=dt.datetime(2024, 5, 28, 14, 5),
                                 typo_space=True, lang=lang, approver=APPROVER)
            returned += [older, returns / path.name]
            out.line(text("demo.twice", lang, dept=dept))
        else:
            careless = dept.startswith(CARELESS)
            made = fill_workbook(path, returns / path.name, previous, saved=dt.datetime(2024, 5, 30, 16, 45),
                                 mistakes=careless, lang=lang, approver=None if careless else APPROVER)
            returned.append(returns / path.name)
            if careless:
                made.append(text("demo.draft", lang))
        for line in made:
            out.line(f"- {dept}: {line}")
    return returns, returned


def _sync(root: Path, returns: Path, lang: str, out: _Steps):
    """Step 6: sync, and the findings it gives (the deliberate ones), one line each by department."""
    from seuranta_xl.returns.sync import sync_folder

    result = sync_folder(root, returns, ROUND)
    out.step(6, text("demo.step6", lang, files=plural("files", result.files_seen, lang),
                     returns=plural("returns", result.new_returns, lang), counts=counts_text(result.findings, lang)))
    shown = [f for f in counted(result.findings) if f.severity is not Severity.INFO]
    for dept, found in group_findings(shown):
        out.line(f"{dept or text('findings.other', lang)}: {counts_text(found, lang)}")
        for f in found:
            out.line(f"  {severity_label(f.severity.value, lang):<9} {f.code:<17} {f.action_id or ''}".rstrip())
            if not f.action_id and f.file:
                out.line(f"    {f.file}")
    return result


def _reports(root: Path, lang: str, out: _Steps) -> dict[str, Path]:
    """Step 7: the reports in every format."""
    from seuranta_xl.outputs.report import write_report

    reports = {fmt: write_report(root, ROUND, fmt)[0] for fmt in REPORT_FORMATS}
    out.step(7, text("demo.step7", lang, formats=", ".join(REPORT_FORMATS), d=reports["xlsx"].parent))
    for fmt in REPORT_FORMATS:
        out.line(reports[fmt].name)
    return reports


def run_demo(target: Path, echo: Echo = print, language: str = "fi") -> DemoResult:
    """Build a demo project in ``target`` and walk the whole flow; what was made (see module doc)."""
    from seuranta_xl.store.rounds import new_round
    from seuranta_xl.workbook.generate import generate_round

    root = Path(target)
    prepare_folder(root)
    out = _Steps(echo)
    table, lang = _import(root, out, language)
    new_round(root, ROUND, title="Kevät 2024", deadline=dt.date(2024, 5, 31))
    gen = generate_round(root, round_id=ROUND)
    out.step(4, text("demo.step4", lang, r=ROUND, workbooks=plural("workbooks", len(gen.files), lang), d=gen.out_dir))
    for path, k in gen.files:
        out.line(f"{path.name} ({plural('actions', k, lang)})")
    workbooks = [p for p, _ in gen.files]
    returns, returned = _fill(root, workbooks, lang, out)
    result = _sync(root, returns, lang, out)
    reports = _reports(root, lang, out)
    echo("")
    echo(text("demo.done", lang, x=reports["xlsx"], d=reports["docx"], m=result.master))
    echo(text("cli.next", lang, what=text("next.demo", lang, p=root)))
    return DemoResult(root=root, language=lang, round_id=ROUND, previous_round=PAST_ROUND, table=table,
                      workbooks=workbooks, returns_dir=returns, returned=returned,
                      master=result.master, reports=reports, findings=result.findings)
