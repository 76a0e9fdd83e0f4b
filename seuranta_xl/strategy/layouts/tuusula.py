"""The Tuusula preset: hierarchical codes "01." (focus area) → "01.03" (goal) → "01.03.01" (action) (pure).

A code is placed by its own level, whatever column it stands in. An annual goal without child
actions is itself graded in the source and becomes an action with its own code as id; a
council-term goal without any annual goals likewise becomes one action (id = its code without the dot).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from seuranta_xl.core.findings import Finding
from seuranta_xl.strategy.layouts.flat import header_row
from seuranta_xl.strategy.layouts.grid import Grid, cell_text, column_title, columns, optional_text, ref
from seuranta_xl.strategy.layouts.records import Parsed, Record, layout_finding

_CODE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,2})\.?\s+(\S.*)$", re.S)
_SCALE_DEF = re.compile(r"^\s*-?\s*(\d)\s*=\s*(.+?)\s*$")


@dataclass
class _Node:
    text: str
    row: int                 # 0-based grid row
    col: int
    level: int
    grade: object = None
    comment: str | None = None
    risks: str | None = None
    dept: str = ""
    overall: object = None   # its Kokonais-tilanne cell (a parent row's status of itself)
    cells: dict[str, str | None] = field(default_factory=dict)


def _parent(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


class _Tree:
    """The coded rows of the sheet as a tree; findings for codes out of place."""

    def __init__(self, grid: Grid, header: int, cols: dict[str, int]):
        self.grid, self.header, self.cols = grid, header, cols
        self.level_cols = [cols["focus_area"], cols["goal"], cols["action"]]
        self.nodes: dict[str, _Node] = {}
        self.order: list[str] = []
        self.children: dict[str | None, list[str]] = {}
        self.findings: list[Finding] = []

    def level_title(self, level: int) -> str:
        """A level by the title of its column in the table (data, not a word of ours)."""
        if 1 <= level <= len(self.level_cols):
            return column_title(self.grid, self.header, self.level_cols[level - 1])
        return str(level)

    def read(self) -> None:
        for r in range(self.header + 1, len(self.grid.rows)):
            items = []
            for col_level, c in enumerate(self.level_cols, start=1):
                m = _CODE.match(self.grid.text(r, c))
                if m:
                    items.append((m.group(1), m.group(2).strip(), c, col_level))
            for i, (code, text, c, col_level) in enumerate(items):
                self._add(r, i, items, code, text, c, col_level)

    def _add(self, r: int, i: int, items: list, code: str, text: str, c: int, col_level: int) -> None:
        grid, cols = self.grid, self.cols
        level = code.count(".") + 1
        if level != col_level:
            self.findings.append(layout_finding("hierarchy-mismatch", grid, r, c, code=code,
                                                column=column_title(grid, self.header, c),
                                                level=self.level_title(level)))
        above = code.rsplit(".", 1)[0]
        if i > 0 and above != items[i - 1][0]:
            self.findings.append(layout_finding("mixed-levels-in-row", grid, r, c, code=code,
                                                row_code=items[i - 1][0], parent=above))
        deepest = i == len(items) - 1
        raw = grid.value(r, cols.get("grade")) if deepest else None
        overall = grid.value(r, cols.get("overall")) if deepest and "overall" in cols else None
        self.nodes[code] = _Node(
            text, r, c, level, grade=raw if cell_text(raw) else None,
            comment=optional_text(grid.value(r, cols.get("comment")) if deepest else None),
            risks=optional_text(grid.value(r, cols.get("risks")) if deepest and "risks" in cols else None),
            dept=grid.text(r, cols.get("department")) if deepest or level == 1 else "",
            overall=overall if cell_text(overall) else None,
            cells={"action": ref(r, c), "grade": ref(r, cols.get("grade")), "comment": ref(r, cols.get("comment")),
                   "overall": ref(r, cols.get("overall")),
                   "department": ref(r, cols.get("department")), "risks": ref(r, cols.get("risks"))})
        if code not in self.order:
            self.order.append(code)

    def link(self) -> None:
        """Children per parent; a child whose parent row is missing is said and gets a bare parent."""
        for code in self.order:
            p = _parent(code)
            if p is not None and p not in self.nodes:
                node = self.nodes[code]
                self.findings.append(layout_finding("empty-cell", self.grid, node.row, node.col,
                                                    column=self.level_title(node.level - 1)))
                self.nodes[p] = _Node(p, node.row, node.col, node.level - 1)
                self.children.setdefault(_parent(p), []).append(p)
            self.children.setdefault(p, []).append(code)

    def dept_of(self, code: str | None) -> str:
        while code is not None:
            if self.nodes[code].dept:
                return self.nodes[code].dept
            code = _parent(code)
        return ""

    def graded(self) -> list[tuple[str, str, str, str]]:
        """(code, focus area code, goal code, goal code of the id) of every graded node, in order."""
        out = []
        for fa in [c for c in self.children.get(None, []) if self.nodes[c].level == 1]:
            goals = self.children.get(fa, [])
            if not goals:       # a council-term goal graded on its own
                out.append((fa, fa, fa, fa))
            for goal in goals:
                acts = self.children.get(goal, [])
                if not acts:    # an annual goal without actions is graded in the source: it is the action
                    out.append((goal, fa, goal, goal))
                out.extend((act, fa, goal, goal) for act in acts)
        return out


def parse_tuusula(grid: Grid, default_department: str = "") -> Parsed:
    header = header_row(grid, "tuusula")
    cols = columns(grid, header, {"focus_area": ["valtuustokauden"], "goal": ["vuositavoite"],
                                  "action": ["toimenpide"], "grade": ["etenemisaste"], "comment": ["eteneminen"],
                                  "department": ["vastuuhenkilö", "vastuu"], "risks": ["merkittävimmät"],
                                  "overall": ["kokonais"]})
    tree = _Tree(grid, header, cols)
    tree.read()
    tree.link()
    records: list[Record] = []
    for code, fa, goal, goal_code in tree.graded():
        node = tree.nodes[code]
        dept = tree.dept_of(code)
        if not dept:
            tree.findings.append(layout_finding("empty-cell", grid, node.row, cols.get("department"),
                                                column=column_title(grid, header, cols.get("department"))))
            dept = default_department
        records.append(Record(focus_area=tree.nodes[fa].text, goal=tree.nodes[goal].text, text=node.text,
                              department=dept, sheet_row=node.row + 1, cells=node.cells, code=code, focus_code=fa,
                              goal_code=goal_code, responsible=dept, grade=node.grade, comment=node.comment,
                              values={"risks": node.risks} if node.risks else {}))
    return Parsed("tuusula", records, tree.findings, grid.file, grid.sheet, scale_definition(grid, header),
                  group_statuses(tree))


def group_statuses(tree: _Tree) -> list[tuple[str, str, object, str | None, int]]:
    """The status a parent row (a council-term or annual goal with rows under it) gives itself: its
    Kokonais-tilanne when that cell is filled, else its Etenemisaste."""
    out = []
    for code in tree.order:
        node = tree.nodes[code]
        raw, cell = (node.overall, "overall") if node.overall is not None else (node.grade, "grade")
        if node.level in (1, 2) and tree.children.get(code) and raw is not None:
            level = "focus_area" if node.level == 1 else "goal"
            out.append((level, code, raw, node.cells.get(cell), node.row + 1))
    return out


def scale_definition(grid: Grid, header: int) -> dict[str, tuple[int, str]]:
    """value -> (row, label) as defined in the lines "1= …" above the header row (Tuusula)."""
    out: dict[str, tuple[int, str]] = {}
    for r in range(header):
        for text in grid.row_texts(r):
            m = _SCALE_DEF.match(text)
            if m:
                out[m.group(1)] = (r, m.group(2))
    return out
