"""Strategy tables in (`seuranta init`): files -> a plain grid -> layouts -> the project's ledger.

The shell around the pure ``layouts``: reads .xlsx (openpyxl, merged cells resolved) and .csv into a
:class:`~seuranta_xl.strategy.layouts.Grid`, loads a column mapping (TOML), and creates or re-imports a project.

Mapping file keys (TOML, all under ``[mapping]`` or at the top level; see docs/mapping.md)::

    sheet = "Taulukko1"            # optional: the sheet to read (default: the first sheet with data)
    header_row = 3                 # optional: 1-based header row (default: found by the titles)
    fill_down = ["focus_area", "goal"]   # roles where a blank cell means "same as above"
    default_department = "Sivistys"      # for tables without a department column
    scale = "1-5"                  # optional: the scale of the grade column
    [mapping.columns]              # role = "column title as in the header row"
    focus_area = "Painopiste"
    goal = "Tavoite"
    action = "Toimenpide"          # required
    department = "Vastuutaho"
    indicator = "Mittari"          # also: target, responsible, schedule, sdg, grade, comment, id
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seuranta_xl.strategy import layouts
from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding
from seuranta_xl.present.i18n import pick
from seuranta_xl.store.ledger import Ledger, now_iso
from seuranta_xl.core.model import ROUND_ID_PATTERN, ReturnRecord, Round, Strategy
from seuranta_xl.store.project import Project, new_config
from seuranta_xl.store.rounds import check_folder_safe

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_BYTES = 50 * 1024 * 1024
ORGANISATION = {"keuruu": "Keuruu", "tuusula": "Tuusula", "kemi": "Kemi"}


# ----------------------------------------------------------------------------------------- reading
def _check_file(path: Path) -> bytes:
    if not path.exists():
        raise UserError(f"Tiedostoa {path} ei löydy", f"File {path} not found", f"Filen {path} hittas inte",
                        hint_fi="Tarkista polku ja tiedoston nimi.", hint_en="Check the path and the file name.")
    if path.is_dir():
        raise UserError(f"{path} on kansio, ei taulukko", f"{path} is a folder, not a table")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise UserError(f"Tiedosto {path.name} on liian suuri ({len(data) // 1_000_000} Mt)",
                        f"The file {path.name} is too large ({len(data) // 1_000_000} MB)")
    return data


def _is_encrypted_ole(data: bytes) -> bool:
    """An OLE2/CFB file holding an "EncryptedPackage" stream: Office's password-encrypted .xlsx."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo")
    except OSError:
        return "EncryptedPackage".encode("utf-16-le") in data


def read_grid(path: Path, sheet: str | None = None) -> layouts.Grid:
    """The first sheet with data (or ``sheet``) of an .xlsx or .csv file as a Grid; UserError if unreadable."""
    data = _check_file(path)
    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        grid = _read_csv(data, path)
    elif data.startswith(OLE_MAGIC):
        if _is_encrypted_ole(data):
            raise UserError(f"Tiedosto {path.name} on salattu salasanalla eikä sitä voi lukea",
                            f"The file {path.name} is encrypted with a password and cannot be read",
                            f"Filen {path.name} är krypterad med lösenord",
                            hint_fi="Poista avaussalasana Excelissä (Tiedosto › Tiedot › Suojaa työkirja) ja tallenna.",
                            hint_en="Remove the password to open in Excel (File › Info › Protect Workbook) and save.")
        raise UserError(f"Tiedosto {path.name} on vanhaa .xls-muotoa, ei .xlsx",
                        f"The file {path.name} is an old .xls workbook, not .xlsx",
                        hint_fi="Tallenna se Excel-työkirjana (.xlsx).", hint_en="Save it as an Excel workbook (.xlsx).")
    elif not data.startswith(ZIP_MAGIC):
        raise UserError(f"Tiedosto {path.name} ei ole Excel-työkirja (.xlsx) eikä CSV-tiedosto",
                        f"The file {path.name} is not an Excel workbook (.xlsx) or a CSV file",
                        hint_fi="Tallenna taulukko .xlsx- tai .csv-muodossa.", hint_en="Save the table as .xlsx or .csv.")
    else:
        grid = _read_xlsx(data, path, sheet)
    if not any(any(layouts.cell_text(v) for v in row) for row in grid.rows):
        raise UserError(f"Taulukko {path.name}{' › ' + grid.sheet if grid.sheet else ''} on tyhjä",
                        f"The table {path.name}{' › ' + grid.sheet if grid.sheet else ''} is empty",
                        hint_fi="Valitse tiedosto, jossa strategia on.", hint_en="Choose the file that holds the strategy.")
    return grid


def _read_xlsx(data: bytes, path: Path, sheet: str | None) -> layouts.Grid:
    import openpyxl
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise UserError(f"Tiedosto {path.name} on vioittunut eikä sitä voi lukea ({type(exc).__name__})",
                        f"The file {path.name} is damaged and cannot be read ({type(exc).__name__})",
                        hint_fi="Avaa ja tallenna se uudelleen Excelissä.", hint_en="Open and save it again in Excel.") from None
    if sheet is not None:
        if sheet not in wb.sheetnames:
            raise UserError(f"Välilehteä ”{sheet}” ei ole tiedostossa {path.name} ({', '.join(wb.sheetnames)})",
                            f"No sheet “{sheet}” in {path.name} ({', '.join(wb.sheetnames)})")
        sheets = [wb[sheet]]
    else:
        sheets = [ws for ws in wb.worksheets if ws.max_row > 1 or ws.max_column > 1 or ws.cell(1, 1).value]
        sheets = sheets or wb.worksheets[:1]
    ws = sheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:   # a vertical merge means "this value in every row"
        top = ws.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row + 1, rng.max_row + 1):
            if r - 1 < len(rows) and rng.min_col - 1 < len(rows[r - 1]):
                rows[r - 1][rng.min_col - 1] = top
    return layouts.Grid(rows, path.name, ws.title)


def _read_csv(data: bytes, path: Path) -> layouts.Grid:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise UserError(f"Tiedosto {path.name} ei ole tekstimuotoinen CSV-tiedosto",
                        f"The file {path.name} is not a text CSV file")
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return layouts.Grid(rows, path.name, None)


def load_mapping(path: Path) -> layouts.Mapping:
    """A mapping TOML file (keys in this module's docstring) -> Mapping; UserError naming a bad key."""
    if not path.exists():
        raise UserError(f"Sarakemääritystä {path} ei löydy", f"Mapping file {path} not found")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path.name} ei ole kelvollista TOMLia: {exc}", f"{path.name} is not valid TOML: {exc}") from None
    body: dict[str, Any] = data.get("mapping", data)
    allowed = {"columns", "sheet", "header_row", "fill_down", "default_department", "scale"}
    for key in body:
        if key not in allowed:
            raise UserError(f"{path.name}: tuntematon avain ”{key}” (sallitut: {', '.join(sorted(allowed))})",
                            f"{path.name}: unknown key “{key}” (allowed: {', '.join(sorted(allowed))})")
    columns = body.get("columns")
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise UserError(f"{path.name}: avain ”columns” puuttuu tai ei ole taulukko rooli = ”sarakkeen otsikko”",
                        f"{path.name}: key “columns” is missing or is not a table role = “column title”")
    fill = body.get("fill_down", [])
    header_row = body.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise UserError(f"{path.name}: ”header_row” on rivinumero 1, 2, …", f"{path.name}: “header_row” is a row number 1, 2, …")
    return layouts.Mapping(columns=dict(columns), sheet=body.get("sheet"), header_row=header_row,
                           fill_down=list(fill), default_department=body.get("default_department"),
                           scale=body.get("scale"))


# ----------------------------------------------------------------------------------------- init
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
    reimport: bool = False

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
            "reimport": self.reimport,
        }

    def summary_lines(self) -> list[str]:
        s, lang = self.summary(), self.language
        lines = []
        if self.detected:
            lines.append(pick({"fi": "Rakenne tunnistettiin otsikoista: {l}", "sv": "Layouten identifierades: {l}",
                               "en": "Layout detected from the headers: {l}"}, lang, l=self.layout))
        else:
            lines.append(pick({"fi": "Rakenne: {l}", "sv": "Layout: {l}", "en": "Layout: {l}"}, lang, l=self.layout))
        lines.append(pick({"fi": "{verb} {root}: {a} toimenpidettä, {g} tavoitetta, {f} painopistettä",
                           "sv": "{verb} {root}: {a} åtgärder, {g} mål, {f} fokusområden",
                           "en": "{verb} {root}: {a} actions, {g} goals, {f} focus areas"}, lang,
                          verb=pick({"fi": "Tuotiin uudelleen" if self.reimport else "Projekti luotu",
                                     "sv": "Omimporterat" if self.reimport else "Projekt skapat",
                                     "en": "Re-imported" if self.reimport else "Project created"}, lang),
                          root=self.root, a=s["actions"], g=s["goals"], f=s["focus_areas"]))
        lines.append(pick({"fi": "Vastuutahot ({n}): {d}", "sv": "Ansvariga ({n}): {d}", "en": "Departments ({n}): {d}"},
                          lang, n=len(s["departments"]), d=", ".join(s["departments"])))
        if self.results_round:
            counts = ", ".join(f"{k}: {v}" for k, v in self.grade_counts.items())
            lines.append(pick({"fi": "Aiempi kierros {r} tuotu ({c})", "sv": "Tidigare omgång {r} importerad ({c})",
                               "en": "Past round {r} imported ({c})"}, lang, r=self.results_round, c=counts or "–"))
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


def init_project(root: Path, strategy_file: Path | str, preset: str | None = None, mapping: Path | str | None = None,
                 results_round: str | None = None, scale: str | None = None, name: str | None = None,
                 force: bool = False) -> InitResult:
    """Create a project from a strategy table, or (``force``) re-import into an existing one.

    A re-import keeps seuranta.toml (secret, aliases) and the ledger, and adds a new strategy version
    whose unchanged actions keep their ids. Nothing is written before the table has been read.
    """
    root = Path(root)
    strategy_path = Path(strategy_file)
    project = Project(root)
    existing = project.exists()
    if existing and not force:
        raise UserError(f"Kansiossa {root} on jo projekti", f"There is already a project in {root}",
                        f"Det finns redan ett projekt i {root}",
                        hint_fi="Tuo strategia uudelleen lisäämällä --force (kirjanpito ja asetukset säilyvät).",
                        hint_en="Re-import with --force (the ledger and the settings are kept).")
    if preset and mapping:
        raise UserError("Anna joko --preset tai --mapping, ei molempia", "Give either --preset or --mapping, not both")
    if results_round is not None and not ROUND_ID_PATTERN.match(results_round):
        raise UserError(f"Kierroksen tunnus ”{results_round}” ei kelpaa (sallitut: A-Z, a-z, 0-9, '-', '_', '.')",
                        f"Round id “{results_round}” is not valid (allowed: A-Z, a-z, 0-9, '-', '_', '.')")
    if results_round is not None:
        check_folder_safe(results_round)
    config = project.load_config() if existing else None

    # ---- read and understand the table (nothing written yet)
    mapping_obj = load_mapping(Path(mapping)) if mapping else None
    grid = read_grid(strategy_path, mapping_obj.sheet if mapping_obj else None)
    detected = False
    layout = "mapping" if mapping_obj else preset
    if layout is None:
        layout = layouts.detect(grid)
        detected = True
        if layout is None:
            raise UserError(f"Taulukon {strategy_path.name} rakennetta ei tunnistettu otsikoista",
                            f"The layout of {strategy_path.name} was not recognised from its headers",
                            hint_fi="Anna --preset (keuruu, tuusula, kemi, taulukko-2024) tai --mapping TIEDOSTO.",
                            hint_en="Give --preset (keuruu, tuusula, kemi, taulukko-2024) or --mapping FILE.")
    organisation = name or (config.organisation if config else ORGANISATION.get(layout, "Kunta"))
    default_dept = (config.default_department if config else None) or organisation
    try:
        parsed = layouts.parse(grid, layout, mapping_obj, default_dept)
    except layouts.LayoutError as exc:
        raise UserError(f"{strategy_path.name}: {exc.fi}", f"{strategy_path.name}: {exc.en}",
                        hint_fi="Tarkista --preset tai sarakemääritys.", hint_en="Check --preset or the mapping.") from None
    if not parsed.records:
        raise UserError(f"Taulukosta {strategy_path.name} ei löytynyt yhtään toimenpidettä ({layout})",
                        f"No actions found in {strategy_path.name} ({layout})",
                        hint_fi="Tarkista --preset tai sarakemääritys.", hint_en="Check --preset or the mapping.")
    scale_name = scale or (mapping_obj.scale if mapping_obj and mapping_obj.scale else None) \
        or (config.scale if config else None) or layouts.NATURAL_SCALE.get(layout, "1-5")
    if config is None:
        config = new_config(organisation, scale=scale_name)
    else:
        if name:
            config.organisation = name
        if scale:
            config.scale = scale
    scale_obj = project.scale(scale_name, config)

    previous, retired = None, set()
    if project.db_path.exists():
        with Ledger(project.db_path) as old_ledger:
            if results_round is not None and old_ledger.round(results_round) is not None:
                raise UserError(f"Kierros {results_round} on jo olemassa", f"Round {results_round} already exists",
                                hint_fi="Valitse toinen tunnus.", hint_en="Choose another id.")
            if results_round is not None:
                check_folder_safe(results_round, old_ledger.rounds())
            latest = old_ledger.strategy()
            previous = latest[1] if latest else None
            retired = _retired_ids(old_ledger)
    try:
        assembled = layouts.assemble(parsed, aliases=config.aliases, previous=previous, retired=sorted(retired),
                                     name=config.organisation)
    except ValueError as exc:   # e.g. an id column holding 41+ characters
        first = str(exc).strip().splitlines()
        raise UserError(f"{strategy_path.name}: strategiaa ei voitu muodostaa ({first[-1] if first else exc})",
                        f"{strategy_path.name}: the strategy could not be built ({first[-1] if first else exc})") from None

    root.mkdir(parents=True, exist_ok=True)
    ledger = Ledger.create(project.db_path) if not project.db_path.exists() else Ledger(project.db_path)
    with ledger:
        findings = assembled.findings
        if detected:
            findings.insert(0, Finding(code="layout-detected", file=strategy_path.name, sheet=grid.sheet,
                                       params={"preset": layout}))
        entries_by_dept: dict = {}
        if results_round is not None:
            entries_by_dept, grade_findings = layouts.results(assembled, scale_obj, results_round, parsed)
            findings.extend(grade_findings)
        project.save_config(config)
        data = strategy_path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        strategy_id = ledger.add_strategy(assembled.strategy, strategy_path.name, digest, layout)
        counts: dict[str, int] = {}
        if results_round is not None:
            ledger.add_round(Round(id=results_round, title=pick({"fi": "Tuotu: {f}", "en": "Imported: {f}"},
                                                                config.language, f=strategy_path.name),
                                   scale=scale_obj, created_at=now_iso(), strategy_id=strategy_id, imported=True))
            received = now_iso()
            items = []
            for dept, entries in entries_by_dept.items():
                rec = ReturnRecord(round_id=results_round, department=dept, file_name=strategy_path.name,
                                   file_hash=hashlib.sha256(data + dept.encode("utf-8")).hexdigest(), size=len(data),
                                   file_mtime=dt.datetime.fromtimestamp(strategy_path.stat().st_mtime,
                                                                        dt.timezone.utc).replace(microsecond=0).isoformat(),
                                   received_at=received, n_rows=len(entries),
                                   n_errors=sum(1 for e in entries if not e.accepted),
                                   findings=[f for f in findings if f.department == dept
                                             and f.code in ("invalid-grade", "scale-label-mismatch")])
                items.append((rec, entries))
            ledger.add_returns(items)
            for entries in entries_by_dept.values():
                for e in entries:
                    if e.grade is not None:
                        counts[e.grade] = counts.get(e.grade, 0) + 1
            counts = {v: counts[v] for v in scale_obj.values if v in counts}
    return InitResult(root=root, language=config.language, layout=layout, detected=detected,
                      strategy=assembled.strategy, strategy_id=strategy_id, findings=findings,
                      results_round=results_round, grade_counts=counts, reimport=existing)

