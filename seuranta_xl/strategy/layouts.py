"""Strategy table layouts: a plain grid of cells -> records -> strategy, past-round results and findings.

Pure: no I/O. ``importing.py`` reads a file into a :class:`Grid`; here it is understood.

Presets (the seed layouts, see docs/import.md):
- ``keuruu``: flat table Painopiste · Strateginen tavoite · Toimenpide · Toimiala · grade · comment;
  header blocks repeat every few rows with drifting wording and are skipped wherever they appear.
- ``tuusula``: hierarchical codes "01." (focus area) → "01.03" (goal) → "01.03.01" (action); a code is
  placed by its own level, whatever column it stands in. An annual goal without child actions is
  itself graded in the source and becomes an action with its own code as id; a council-term goal
  without any annual goals likewise becomes one action (id = its code without the dot).
- ``kemi``: one block per "Strateginen päämäärä: X, sektori" heading: focus area X, department =
  the sector; Tavoite · Toimenpiteet · Vastuu ja aikataulu · Mittarit, arviointi · Toteuma · SDG.
- ``taulukko-2024``: Strategiakärjet · Toiminnallinen tavoite · Teko · Mittarin tavoitetaso ·
  Toteutuma · Kommentointi; a blank cell means "same as above"; no department column.
- ``mapping``: any flat table described by a column mapping (:class:`Mapping`).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from seuranta_xl.core import ids as idmod
from seuranta_xl.core import textmatch
from seuranta_xl.core.cells import col_letter
from seuranta_xl.core.findings import Finding
from seuranta_xl.core.model import Action, Entry, FocusArea, Goal, Scale, Strategy

PRESETS = ("keuruu", "tuusula", "kemi", "taulukko-2024")
NATURAL_SCALE = {"keuruu": "1-5", "tuusula": "1-5-kuvaus", "kemi": "1-5", "taulukko-2024": "kylla-kesken-ei"}
ROLES = ("focus_area", "goal", "action", "department", "indicator", "target", "responsible", "schedule",
         "sdg", "grade", "comment", "id")
ROLE_TITLES = {"focus_area": "Painopiste", "goal": "Tavoite", "action": "Toimenpide", "department": "Vastuutaho",
               "responsible": "Vastuu", "grade": "Arvio", "comment": "Kommentti"}


# ----------------------------------------------------------------------------------------- the grid
@dataclass
class Grid:
    """One sheet as plain values: ``rows[r][c]`` is sheet row r+1, column c+1. Vertically merged
    cells carry the merged value in every row of their first column; other merged cells are empty."""

    rows: list[list[object]]
    file: str = ""
    sheet: str | None = None

    def value(self, r: int, c: int | None) -> object:
        if c is None or r >= len(self.rows) or c >= len(self.rows[r]):
            return None
        return self.rows[r][c]

    def text(self, r: int, c: int | None) -> str:
        return cell_text(self.value(r, c))

    def row_texts(self, r: int) -> list[str]:
        return [cell_text(v) for v in self.rows[r]]

    def is_blank(self, r: int) -> bool:
        return not any(self.row_texts(r))


def cell_text(value: object) -> str:
    """A cell as stripped text: 5.0 -> "5", None -> ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def ref(r: int, c: int | None) -> str | None:
    """0-based row and column -> "B12"."""
    return None if c is None else f"{col_letter(c)}{r + 1}"


_TAG = re.compile(r"</?(?:b|i|strong|em|span)[^>]*>", re.I)
_PARA = re.compile(r"\s*</p>\s*<p>\s*|\n\s*\n", re.I)


def paragraphs(text: str) -> list[str]:
    """A cell's paragraphs: separated by blank lines, or by <p> elements in an HTML extraction."""
    text = _TAG.sub("", text)
    text = re.sub(r"^\s*<p>|</p>\s*$", "", text.strip(), flags=re.I)
    return [p.strip() for p in _PARA.split(text) if p.strip()]


def clean_paragraphs(text: str) -> str:
    """The text with HTML paragraph marks turned into blank lines (paragraphs kept)."""
    return "\n\n".join(paragraphs(text)) if text else ""


# ----------------------------------------------------------------------------------------- records
@dataclass
class Record:
    """One action as found in the table, before ids and aliases."""

    focus_area: str
    goal: str
    text: str
    department: str
    row: int                         # 0-based grid row
    cells: dict[str, str] = field(default_factory=dict)   # role -> "B12"
    code: str | None = None
    focus_code: str | None = None
    goal_code: str | None = None
    indicator: str | None = None
    target: str | None = None
    responsible: str | None = None
    schedule: str | None = None
    sdg: list[int] = field(default_factory=list)
    grade: object = None             # as the cell held it
    comment: str | None = None


@dataclass
class Parsed:
    layout: str
    records: list[Record]
    findings: list[Finding]
    file: str = ""
    sheet: str | None = None
    scale_definition: dict[str, tuple[int, str]] = field(default_factory=dict)   # value -> (row, label)


@dataclass
class Mapping:
    """A column mapping for a flat table (the keys of a mapping TOML file; see docs/mapping.md).

    ``columns`` maps a role (focus_area, goal, action, department, indicator, target, responsible,
    schedule, sdg, grade, comment, id) to the column's title in the header row.
    """

    columns: dict[str, str]
    sheet: str | None = None
    header_row: int | None = None            # 1-based; found by the titles when omitted
    fill_down: list[str] = field(default_factory=list)
    default_department: str | None = None
    scale: str | None = None


class LayoutError(ValueError):
    """The table does not fit the layout (a named column is missing, no header row). The shell turns
    it into a UserError; ``fi`` and ``en`` hold the message."""

    def __init__(self, fi: str, en: str):
        super().__init__(en)
        self.fi, self.en = fi, en


def _finding(code: str, grid: Grid, r: int | None, c: int | None = None, /, **params) -> Finding:
    return Finding(code=code, file=grid.file or None, sheet=grid.sheet, cell=ref(r, c) if r is not None else None,
                   row=r + 1 if r is not None else None, department=params.get("department"), params=params)


def _norm(text: str) -> str:
    return textmatch.normalise(text)


# ----------------------------------------------------------------------------------------- detection
_SIGNATURES: dict[str, list[str]] = {
    "keuruu": ["painopiste", "strateginen tavoite", "toimenpide"],
    "tuusula": ["valtuustokauden tavoite", "vuositavoite", "toimenpide"],
    "kemi": ["tavoite", "toimenpiteet", "vastuu ja aikataulu"],
    "taulukko-2024": ["strategiakärjet", "toiminnallinen tavoite", "teko"],
}


def _find_header(grid: Grid, titles: Sequence[str], limit: int | None = None) -> int | None:
    """The first row whose cells start with every one of ``titles`` (case-insensitive)."""
    for r in range(min(len(grid.rows), limit or len(grid.rows))):
        cells = [_norm(t) for t in grid.row_texts(r)]
        if all(any(c.startswith(t) for c in cells) for t in titles):
            return r
    return None


def detect(grid: Grid) -> str | None:
    """The preset whose header titles appear first in the sheet, or None."""
    found = [(r, name) for name, sig in _SIGNATURES.items() if (r := _find_header(grid, sig)) is not None]
    return min(found)[1] if found else None


def _columns(grid: Grid, r: int, wanted: dict[str, Sequence[str]]) -> dict[str, int]:
    """role -> column index for a header row: the first cell starting with one of the role's prefixes."""
    cells = [_norm(t) for t in grid.row_texts(r)]
    out: dict[str, int] = {}
    for role, prefixes in wanted.items():
        for c, text in enumerate(cells):
            if text and any(text.startswith(p) for p in prefixes) and c not in out.values():
                out[role] = c
                break
    return out


# ----------------------------------------------------------------------------------------- flat tables
_HEADER_WORDS = re.compile(
    r"^(toimenpiteet|vastuutaho|toimiala|painopiste|strateginen tavoite|toimenpide|syys|kevät|kesä|"
    r"seurantavuosi( \d{4})?|osavuosi\w*( [ivx]+)?|kommentti|arvio)$")


def _header_like(cells: list[str], titles: set[str]) -> bool:
    """A repeated header row: at least two of its cells are column titles or header words."""
    hits = sum(1 for c in cells if c and (_norm(c) in titles or _HEADER_WORDS.match(_norm(c))))
    return hits >= 2


def _parse_flat(grid: Grid, layout: str, header: int, cols: dict[str, int], *, fill_down: Sequence[str] = (),
                default_department: str = "") -> Parsed:
    """Rows below ``header``: one action per row with an action text; header-like rows are skipped."""
    findings: list[Finding] = []
    titles = {_norm(t) for t in grid.row_texts(header) if t}
    records: list[Record] = []
    last: dict[str, str] = {}
    for r in range(header + 1, len(grid.rows)):
        cells = grid.row_texts(r)
        if not any(cells) or _header_like(cells, titles):
            continue
        text = clean_paragraphs(grid.text(r, cols.get("action")))
        if not text:
            if sum(1 for c in cells if c) >= 2:   # a row with content but no action: say so
                findings.append(_finding("empty-cell", grid, r, cols.get("action"),
                                         column=grid.text(header, cols.get("action")) or "Toimenpide"))
            continue                                # a lone note, title or legend row
        values: dict[str, str] = {}
        for role in ("focus_area", "goal", "department"):
            if role not in cols:
                continue
            v = grid.text(r, cols[role])
            if not v and last.get(role):
                if role not in fill_down:
                    findings.append(_finding("empty-cell", grid, r, cols[role],
                                             column=grid.text(header, cols[role]) or ROLE_TITLES[role]))
                v = last[role]
            if not v:
                findings.append(_finding("empty-cell", grid, r, cols[role],
                                         column=grid.text(header, cols[role]) or ROLE_TITLES[role]))
                v = "–"
            values[role] = last[role] = v
        dept = values.get("department") or default_department
        raw_grade = grid.value(r, cols.get("grade")) if "grade" in cols else None
        comment = grid.value(r, cols.get("comment")) if "comment" in cols else None
        rec = Record(
            focus_area=values.get("focus_area", "–"), goal=values.get("goal", "–"), text=text, department=dept, row=r,
            cells={role: ref(r, c) for role, c in cols.items()},
            code=grid.text(r, cols.get("id")) or None if "id" in cols else None,
            indicator=grid.text(r, cols.get("indicator")) or None,
            target=grid.text(r, cols.get("target")) or None,
            responsible=grid.text(r, cols.get("responsible")) or None,
            schedule=grid.text(r, cols.get("schedule")) or None,
            sdg=sdg_numbers(grid.text(r, cols.get("sdg"))),
            grade=raw_grade if cell_text(raw_grade) else None,
            comment=None if comment is None or str(comment).strip() == "" else str(comment),
        )
        records.append(rec)
    return Parsed(layout, records, findings, grid.file, grid.sheet)


def parse_keuruu(grid: Grid, default_department: str = "") -> Parsed:
    header = _find_header(grid, _SIGNATURES["keuruu"])
    if header is None:
        raise LayoutError("Otsikkoriviä (Painopiste, Strateginen tavoite, Toimenpide) ei löytynyt",
                          "No header row (Painopiste, Strateginen tavoite, Toimenpide) found")
    cols = _columns(grid, header, {"focus_area": ["painopiste"], "goal": ["strateginen tavoite", "tavoite"],
                                   "action": ["toimenpide"], "department": ["toimiala", "vastuutaho"]})
    if "department" in cols:   # the two columns after Toimiala hold the grade and the comment
        cols["grade"], cols["comment"] = cols["department"] + 1, cols["department"] + 2
    return _parse_flat(grid, "keuruu", header, cols, default_department=default_department)


def parse_2024(grid: Grid, default_department: str) -> Parsed:
    header = _find_header(grid, _SIGNATURES["taulukko-2024"])
    if header is None:
        raise LayoutError("Otsikkoriviä (Strategiakärjet, Toiminnallinen tavoite, Teko) ei löytynyt",
                          "No header row (Strategiakärjet, Toiminnallinen tavoite, Teko) found")
    cols = _columns(grid, header, {"focus_area": ["strategiakär"], "goal": ["toiminnallinen tavoite"],
                                   "action": ["teko"], "target": ["mittari"], "grade": ["toteutuma"],
                                   "comment": ["kommentointi", "kommentti"]})
    parsed = _parse_flat(grid, "taulukko-2024", header, cols, fill_down=("focus_area", "goal"),
                         default_department=default_department)
    for rec in parsed.records:   # "Mittari: …" is the indicator with its target level
        rec.indicator = rec.target
    if parsed.records:
        parsed.findings.insert(0, _finding("department-missing", grid, header, None, department=default_department))
    return parsed


def parse_mapping(grid: Grid, mapping: Mapping, default_department: str = "") -> Parsed:
    unknown = sorted(set(mapping.columns) - set(ROLES))
    if unknown:
        raise LayoutError(f"Tuntematon rooli sarakemäärityksessä: {unknown[0]} (sallitut: {', '.join(ROLES)})",
                          f"Unknown role in the column mapping: {unknown[0]} (allowed: {', '.join(ROLES)})")
    if "action" not in mapping.columns:
        raise LayoutError("Sarakemäärityksestä puuttuu toimenpidesarake (action)",
                          "The column mapping has no action column (action)")
    titles = {role: _norm(title) for role, title in mapping.columns.items()}
    if mapping.header_row:
        header = mapping.header_row - 1
    else:
        # the row holding the most of the mapped titles (the first such row)
        scores = [(len(set(titles.values()) & {_norm(t) for t in grid.row_texts(r)}), -r)
                  for r in range(min(len(grid.rows), 60))]
        best, neg_r = max(scores, default=(0, 0))
        if best == 0:
            raise LayoutError("Yhtäkään sarakemäärityksen saraketta ei löytynyt taulukon otsikoista "
                              f"({', '.join(mapping.columns.values())})",
                              f"None of the mapped columns is among the table's titles ({', '.join(mapping.columns.values())})")
        header = -neg_r
    cells = [_norm(t) for t in grid.row_texts(header)] if header < len(grid.rows) else []
    cols: dict[str, int] = {}
    for role, title in titles.items():
        if title not in cells:
            raise LayoutError(
                f"Sarakemäärityksen sarake ”{mapping.columns[role]}” ({role}) puuttuu otsikkoriviltä {header + 1}",
                f"The mapped column “{mapping.columns[role]}” ({role}) is not in header row {header + 1}")
        cols[role] = cells.index(title)
    dept = mapping.default_department or default_department
    parsed = _parse_flat(grid, "mapping", header, cols, fill_down=mapping.fill_down, default_department=dept)
    if "department" not in cols and parsed.records:
        parsed.findings.insert(0, _finding("department-missing", grid, header, None, department=dept))
    return parsed


# ----------------------------------------------------------------------------------------- Tuusula
_CODE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,2})\.?\s+(\S.*)$", re.S)
_SCALE_DEF = re.compile(r"^\s*-?\s*(\d)\s*=\s*(.+?)\s*$")
_LEVEL_NAMES = {1: "valtuustokauden tavoite", 2: "vuositavoite", 3: "toimenpide"}


def parse_tuusula(grid: Grid, default_department: str = "") -> Parsed:
    header = _find_header(grid, _SIGNATURES["tuusula"])
    if header is None:
        raise LayoutError("Otsikkoriviä (Valtuustokauden tavoite, Vuositavoite, Toimenpide) ei löytynyt",
                          "No header row (Valtuustokauden tavoite, Vuositavoite, Toimenpide) found")
    cols = _columns(grid, header, {"focus_area": ["valtuustokauden"], "goal": ["vuositavoite"],
                                   "action": ["toimenpide"], "grade": ["etenemisaste"], "comment": ["eteneminen"],
                                   "department": ["vastuuhenkilö", "vastuu"]})
    findings: list[Finding] = []
    level_cols = [cols["focus_area"], cols["goal"], cols["action"]]
    # node: code -> dict(text, row, grade, comment, dept, cells)
    nodes: dict[str, dict] = {}
    order: list[str] = []
    for r in range(header + 1, len(grid.rows)):
        items = []
        for level_col_index, c in enumerate(level_cols, start=1):
            m = _CODE.match(grid.text(r, c))
            if m:
                items.append((m.group(1), m.group(2).strip(), c, level_col_index))
        if not items:
            continue
        for i, (code, text, c, col_level) in enumerate(items):
            level = code.count(".") + 1
            if level != col_level:
                findings.append(_finding("hierarchy-mismatch", grid, r, c, code=code,
                                         column=grid.text(header, c), level=_LEVEL_NAMES.get(level, str(level))))
            if i > 0 and code.rsplit(".", 1)[0] != items[i - 1][0]:
                findings.append(_finding("mixed-levels-in-row", grid, r, c, code=code, row_code=items[i - 1][0],
                                         parent=code.rsplit(".", 1)[0]))
            deepest = i == len(items) - 1
            raw = grid.value(r, cols.get("grade")) if deepest else None
            comment = grid.value(r, cols.get("comment")) if deepest else None
            nodes[code] = {"text": text, "row": r, "col": c, "level": level,
                           "grade": raw if cell_text(raw) else None,
                           "comment": None if comment is None or str(comment).strip() == "" else str(comment),
                           "dept": grid.text(r, cols.get("department")) if deepest or level == 1 else "",
                           "cells": {"action": ref(r, c), "grade": ref(r, cols.get("grade")),
                                     "comment": ref(r, cols.get("comment")),
                                     "department": ref(r, cols.get("department"))}}
            if code not in order:
                order.append(code)

    def parent(code: str) -> str | None:
        return code.rsplit(".", 1)[0] if "." in code else None

    children: dict[str | None, list[str]] = {}
    for code in order:
        p = parent(code)
        if p is not None and p not in nodes:   # a child whose parent row is missing: say so, keep the code
            findings.append(_finding("empty-cell", grid, nodes[code]["row"], nodes[code]["col"],
                                     column=_LEVEL_NAMES[nodes[code]["level"] - 1]))
            nodes[p] = {"text": p, "row": nodes[code]["row"], "col": nodes[code]["col"],
                        "level": nodes[code]["level"] - 1, "grade": None, "comment": None, "dept": "", "cells": {}}
            children.setdefault(parent(p), []).append(p)
        children.setdefault(p, []).append(code)

    def dept_of(code: str | None) -> str:
        while code is not None:
            if nodes[code]["dept"]:
                return nodes[code]["dept"]
            code = parent(code)
        return ""

    records: list[Record] = []

    def add(code: str, fa: str, goal: str, goal_code: str) -> None:
        node = nodes[code]
        dept = dept_of(code)
        if not dept:
            findings.append(_finding("empty-cell", grid, node["row"], cols.get("department"),
                                     column=grid.text(header, cols.get("department")) or "Vastuuhenkilö"))
            dept = default_department
        records.append(Record(focus_area=nodes[fa]["text"], goal=nodes[goal]["text"], text=node["text"],
                              department=dept, row=node["row"], cells=node["cells"], code=code, focus_code=fa,
                              goal_code=goal_code, responsible=dept, grade=node["grade"], comment=node["comment"]))

    for fa in [c for c in children.get(None, []) if nodes[c]["level"] == 1]:
        goals = children.get(fa, [])
        if not goals:       # a council-term goal graded on its own
            add(fa, fa, fa, fa)
        for goal in goals:
            acts = children.get(goal, [])
            if not acts:    # an annual goal without actions is graded in the source: it is the action
                add(goal, fa, goal, goal)
            for act in acts:
                add(act, fa, goal, goal)
    return Parsed("tuusula", records, findings, grid.file, grid.sheet, scale_definition(grid, header))


def scale_definition(grid: Grid, header: int) -> dict[str, str]:
    """value -> (row, label) as defined in the lines "1= …" above the header row (Tuusula)."""
    out: dict[str, tuple[int, str]] = {}
    for r in range(header):
        for text in grid.row_texts(r):
            m = _SCALE_DEF.match(text)
            if m:
                out[m.group(1)] = (r, m.group(2))
    return out


# ----------------------------------------------------------------------------------------- Kemi
_HEADING = re.compile(r"^#*\s*strateginen päämäärä\s*:\s*(.+)$", re.I)
_SECTOR_END = re.compile(r"\s+(?:KV|KH|LTK|§|\d).*$")
_SCHEDULE = re.compile(
    r"(?:\s*/\s*)?(?:v\.\s*)?\d{4}(?:\s*[-–]\s*(?:\d{4})?)?(?:\s+(?:alkaen|loppuun mennessä))?"
    r"|vuoden \d{4} loppuun mennessä|jatkuva\w*(?:\s+toimintaa)?\.?|vuosittain(?:\s+[\wäö]+-?/?[\wäö]*kuussa)?"
    r"|vuositainen prosessi|puolivuosittain", re.I)
_SDG_LIST = re.compile(r"^(?:\s*\d{1,2}\s+[A-ZÄÖÅ][A-ZÄÖÅ ,.\-]*)+\s*$")
_SDG_NUMBER = re.compile(r"(?<![\d/.\-])(\d{1,2})\s+(?=[A-ZÄÖÅ]{2})")


def split_responsible(text: str) -> tuple[str | None, str | None]:
    """"Varhaiskasvatuspäällikkö 2022" -> ("Varhaiskasvatuspäällikkö", "2022"); paragraphs kept."""
    resp_parts, sched_parts = [], []
    for para in paragraphs(text):
        found = [m.group(0).strip(" /") for m in _SCHEDULE.finditer(para)]
        rest = _SCHEDULE.sub(" ", para)
        rest = re.sub(r"\s*/\s*(?=$|\s*/)", "", rest)
        rest = re.sub(r"\s+", " ", rest).strip(" /,;")
        if rest:
            resp_parts.append(rest)
        sched_parts.extend(f for f in found if f not in sched_parts)
    return ("\n\n".join(resp_parts) or None, "; ".join(sched_parts) or None)


def sdg_numbers(text: str) -> list[int]:
    """"3 TERVEYTTÄ JA HYVINVOINTIA 6 PUHDAS VESI" -> [3, 6] (only 1-17)."""
    plain = " ".join(paragraphs(text)) if text else ""
    return sorted({int(n) for n in _SDG_NUMBER.findall(plain) if 1 <= int(n) <= 17})


def is_sdg_list(text: str) -> bool:
    plain = " ".join(paragraphs(text)) if text else ""
    return bool(plain) and bool(_SDG_LIST.match(plain))


def parse_kemi(grid: Grid, default_department: str = "") -> Parsed:
    findings: list[Finding] = []
    records: list[Record] = []
    focus, dept = "", default_department
    cols: dict[str, int] | None = None
    header = -1
    last_goal = ""
    block: tuple[int, str] | None = None
    for r in range(len(grid.rows)):
        cells = grid.row_texts(r)
        first = next((c for c in cells if c), "")
        m = _HEADING.match(first)
        if m:
            if block is not None and cols is None:
                findings.append(_finding("unreadable-block", grid, block[0], 0, heading=block[1]))
            block = (r, first)
            name, _, sector = m.group(1).partition(",")
            focus = name.strip()
            dept = _SECTOR_END.sub("", sector).strip() or default_department
            cols, last_goal = None, ""
            continue
        if not first:
            continue
        if _find_header(Grid([grid.rows[r]]), _SIGNATURES["kemi"]) == 0:
            cols = _columns(grid, r, {"goal": ["tavoite"], "action": ["toimenpi"], "responsible": ["vastuu"],
                                      "indicator": ["mittari"], "result": ["toteuma"], "sdg": ["sdg"]})
            if "result" in cols and "sdg" not in cols and "sdg" in _norm(grid.text(r, cols["result"])):
                cols["result_sdg"] = cols.pop("result")
            header = r
            continue
        if cols is None or not focus:
            continue
        text = clean_paragraphs(grid.text(r, cols.get("action")))
        goal = clean_paragraphs(grid.text(r, cols.get("goal")))
        if not text:
            findings.append(_finding("empty-cell", grid, r, cols.get("action"),
                                     column=grid.text(header, cols.get("action")), department=dept))
            continue
        if not goal:
            findings.append(_finding("empty-cell", grid, r, cols.get("goal"),
                                     column=grid.text(header, cols.get("goal")), department=dept))
            goal = last_goal or "–"
        last_goal = goal
        raw_resp = grid.text(r, cols.get("responsible"))
        responsible, schedule = split_responsible(raw_resp)
        if not raw_resp:
            findings.append(_finding("empty-cell", grid, r, cols.get("responsible"),
                                     column=grid.text(header, cols.get("responsible")), department=dept))
        result = grid.value(r, cols["result"]) if "result" in cols else None
        sdg_text = grid.text(r, cols.get("sdg"))
        if "result_sdg" in cols:
            combined = grid.text(r, cols["result_sdg"])
            if is_sdg_list(combined):
                sdg_text = combined
            else:
                result = grid.value(r, cols["result_sdg"])
        result_text = clean_paragraphs(cell_text(result)) if cell_text(result) else None
        count = len(paragraphs(grid.text(r, cols.get("action"))))
        if count > 1:
            findings.append(_finding("multiple-items-in-cell", grid, r, cols.get("action"), count=count,
                                     department=dept))
        records.append(Record(
            focus_area=focus, goal=goal, text=text, department=dept, row=r,
            cells={role: ref(r, c) for role, c in cols.items()} | {"department": ref(r, cols.get("responsible"))},
            indicator=clean_paragraphs(grid.text(r, cols.get("indicator"))) or None,
            responsible=responsible, schedule=schedule, sdg=sdg_numbers(sdg_text), comment=result_text))
    if block is not None and cols is None:
        findings.append(_finding("unreadable-block", grid, block[0], 0, heading=block[1]))
    if not records:
        raise LayoutError("Kemin mallista ei löytynyt otsikkoriviä (Tavoite, Toimenpiteet, Vastuu ja aikataulu)",
                          "No Kemi header row (Tavoite, Toimenpiteet, Vastuu ja aikataulu) found")
    return Parsed("kemi", records, findings, grid.file, grid.sheet)


def parse(grid: Grid, layout: str, mapping: Mapping | None = None, default_department: str = "") -> Parsed:
    if layout == "mapping":
        assert mapping is not None
        return parse_mapping(grid, mapping, default_department)
    parser = {"keuruu": parse_keuruu, "tuusula": parse_tuusula, "kemi": parse_kemi, "taulukko-2024": parse_2024}
    return parser[layout](grid, default_department)


# ----------------------------------------------------------------------------------------- assembly
@dataclass
class Assembled:
    strategy: Strategy
    records: list[Record]              # with canonical departments, in source order
    action_ids: list[str]              # one per record
    findings: list[Finding]


def check_records(parsed: Parsed, records: list[Record]) -> list[Finding]:
    """Import findings across rows: name variants, near-duplicate texts, duplicated actions."""
    grid = Grid([], parsed.file, parsed.sheet)
    out: list[Finding] = []

    def first(pred) -> Record:
        return next(rec for rec in records if pred(rec))

    # department names written in two ways
    dept_counts = Counter(rec.department for rec in records)
    for v in textmatch.variants([rec.department for rec in records], dept_counts, names=True):
        a = first(lambda rec: rec.department == v.text)
        b = first(lambda rec: rec.department == v.reference)
        rows = [rec.row + 1 for rec in records if rec.department == v.text]
        out.append(Finding(code="inconsistent-name", file=grid.file or None, sheet=grid.sheet,
                           cell=a.cells.get("department"), row=a.row + 1, department=v.text,
                           params={"name": v.text, "other": v.reference, "other_row": b.row + 1, "rows": rows}))
    # focus areas and goals written in near-duplicate ways
    for role in ("focus_area", "goal"):
        texts = [getattr(rec, role) for rec in records]
        counts = Counter(texts)
        for v in textmatch.variants(texts, counts):
            a = first(lambda rec: getattr(rec, role) == v.text)
            b = first(lambda rec: getattr(rec, role) == v.reference)
            rows = [rec.row + 1 for rec in records if getattr(rec, role) == v.text]
            out.append(Finding(code="near-duplicate-text", file=grid.file or None, sheet=grid.sheet,
                               cell=a.cells.get(role), row=a.row + 1, department=a.department,
                               params={"text": v.text, "other": v.reference, "other_row": b.row + 1,
                                       "column": role, "rows": rows}))
    # the same action twice
    seen: dict[tuple, Record] = {}
    for rec in records:
        key = (_norm(rec.focus_area), _norm(rec.goal), _norm(rec.text), rec.department)
        if key in seen:
            out.append(Finding(code="duplicate-action", file=grid.file or None, sheet=grid.sheet,
                               cell=rec.cells.get("action"), row=rec.row + 1, department=rec.department,
                               params={"text": rec.text, "other_row": seen[key].row + 1}))
        else:
            seen[key] = rec
    return out


def assemble(parsed: Parsed, *, aliases: dict[str, str] | None = None, previous: Strategy | None = None,
             retired: Sequence[str] = (), name: str = "") -> Assembled:
    """Records -> a Strategy with stable ids, plus the cross-row findings."""
    aliases = aliases or {}
    records = [rec for rec in parsed.records]
    for rec in records:
        rec.department = aliases.get(rec.department, rec.department)
    findings = list(parsed.findings) + check_records(parsed, records)
    seen_codes: dict[str, Record] = {}
    for rec in records:   # a source code used twice cannot be an id twice: the second gets a number
        if rec.code and rec.code in seen_codes:
            findings.append(Finding(code="duplicate-action", file=parsed.file or None, sheet=parsed.sheet,
                                    cell=rec.cells.get("action"), row=rec.row + 1, department=rec.department,
                                    params={"text": f"{rec.code} {rec.text}", "other_row": seen_codes[rec.code].row + 1}))
            rec.code = None
        elif rec.code:
            seen_codes[rec.code] = rec
    keys = [idmod.ActionKey(rec.focus_area, rec.goal, rec.text, rec.department, rec.code, rec.focus_code,
                            rec.goal_code) for rec in records]
    if previous is not None and aliases:   # an old action of an aliased name is the same action
        previous = previous.model_copy(deep=True)
        for action in previous.actions():
            action.department = aliases.get(action.department, action.department)
    assigned = idmod.assign(keys, previous, retired)
    for i, old, new in assigned.changed:
        findings.append(Finding(code="id-changed", file=parsed.file or None, sheet=parsed.sheet, row=records[i].row + 1,
                                action_id=new, department=records[i].department, params={"old": old, "new": new}))
    areas: dict[str, FocusArea] = {}
    goals: dict[tuple[str, str], Goal] = {}
    for rec, action_id in zip(records, assigned.actions):
        fa = areas.get(rec.focus_area)
        if fa is None:
            fa = areas[rec.focus_area] = FocusArea(id=assigned.focus_areas[rec.focus_area], name=rec.focus_area)
        goal = goals.get((rec.focus_area, rec.goal))
        if goal is None:
            goal = goals[(rec.focus_area, rec.goal)] = Goal(id=assigned.goals[(rec.focus_area, rec.goal)],
                                                            text=rec.goal)
            fa.goals.append(goal)
        goal.actions.append(Action(id=action_id, text=rec.text, department=rec.department, indicator=rec.indicator,
                                   target=rec.target, responsible=rec.responsible, schedule=rec.schedule,
                                   sdg=rec.sdg, source_row=rec.row + 1))
    for f in findings:
        if f.action_id is None and f.row is not None:
            f.action_id = next((aid for rec, aid in zip(records, assigned.actions) if rec.row + 1 == f.row), None)
    strategy = Strategy(name=name, focus_areas=list(areas.values()))
    return Assembled(strategy, records, assigned.actions, findings)


# ----------------------------------------------------------------------------------------- past round
_LABEL_HEAD = re.compile(r"^\s*(\S+?)\s*[=.:)\-]?\s+(\S.*)$", re.S)


def results(assembled: Assembled, scale: Scale, round_id: str, parsed: Parsed) -> tuple[dict[str, list[Entry]],
                                                                                       list[Finding]]:
    """The grades and comments already in the table, as entries per department, and their findings."""
    by_dept: dict[str, list[Entry]] = {}
    findings: list[Finding] = []
    for value, (r, label) in parsed.scale_definition.items():   # the scale defined at the top of the sheet
        step = scale.step(value)
        if step is not None and step.label != step.value and _norm(label) != _norm(step.label):
            findings.append(Finding(code="scale-label-mismatch", file=parsed.file or None, sheet=parsed.sheet,
                                    row=r + 1, cell=f"A{r + 1}", params={"text": f"{value}= {label}",
                                                                         "label": step.label}))
    for rec, aid in zip(assembled.records, assembled.action_ids):
        raw = rec.grade
        step = scale.parse(raw)
        raw_text = cell_text(raw) or None
        if raw_text and step is None:
            findings.append(Finding(code="invalid-grade", file=parsed.file or None, sheet=parsed.sheet,
                                    cell=rec.cells.get("grade"), row=rec.row + 1, action_id=aid,
                                    department=rec.department,
                                    params={"value": raw_text, "allowed": ", ".join(scale.values)}))
        elif step is not None and isinstance(raw, str):
            m = _LABEL_HEAD.match(raw.strip())
            if m and step.label != step.value and _norm(m.group(1)) == _norm(step.value) \
                    and _norm(m.group(2)) != _norm(step.label):
                findings.append(Finding(code="scale-label-mismatch", file=parsed.file or None, sheet=parsed.sheet,
                                        cell=rec.cells.get("grade"), row=rec.row + 1, action_id=aid,
                                        department=rec.department, params={"text": raw.strip(), "label": step.label}))
        by_dept.setdefault(rec.department, []).append(Entry(
            round_id=round_id, action_id=aid, department=rec.department,
            grade=step.value if step else None, raw_grade=raw_text if step is None else None,
            comment=rec.comment, grade_cell=rec.cells.get("grade"), comment_cell=rec.cells.get("comment"),
            accepted=not (raw_text and step is None)))
    return by_dept, findings
