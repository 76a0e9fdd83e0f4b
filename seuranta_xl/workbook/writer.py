"""Writing one department workbook (XlsxWriter): the data sheet with its title block, locked
structure, dropdown and status formulas; the instructions; the hidden lists and the very hidden
identity sheet (identity.META_SHEET: key/value rows for identity.META_KEYS and, from
identity.META_ROWS_START, the row ids and row hashes, all as strings — the workbook contract).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path

import xlsxwriter
import xlsxwriter.worksheet

from seuranta_xl.core import identity as idn
from seuranta_xl.core.filenames import safe_sheet_name
from seuranta_xl.core.inputs import COMMENT, GRADE, has_grade, inputs_json, inputs_signature, round_inputs
from seuranta_xl.core.model import ActionRow, Config, Round
from seuranta_xl.core.ready import APPROVER_MAX, READY_WORDS, ready_cells
from seuranta_xl.present.i18n import fmt_date
from seuranta_xl.present.rowheight import row_height as estimate_row_height
from seuranta_xl.workbook import inputrules
from seuranta_xl.workbook.columns import Column, columns_for, inline_list, layout, row_height
from seuranta_xl.workbook.texts import texts


@dataclass(frozen=True)
class WorkbookSpec:
    """Everything one department workbook needs; built once per department."""

    config: Config
    round: Round
    department: str
    rows: list[ActionRow]
    with_indicator: bool
    previous: dict[str, tuple[str | None, str | None]] | None  # None: no previous round
    carried: dict[str, str] | None = None   # action id -> comment carried in as starting text (--carry-comments)
    # The strategy's reference columns shown (identity.reference_keys); None: the indicator when
    # ``with_indicator`` (the form before #16).
    references: tuple[str, ...] | None = None

    @property
    def reference_keys(self) -> tuple[str, ...]:
        if self.references is not None:
            return self.references
        return ("indicator",) if self.with_indicator else ()


def sheet_password(project_id: str) -> str:
    """The protection password of a project's workbooks (documented in docs/workbook.md).

    Protection only keeps a well-meaning person from editing the wrong cell; the security is the
    signature. The coordinator can always compute it: ``python -c "from seuranta_xl.workbook.writer import
    sheet_password; print(sheet_password('<project_id>'))"`` (project_id is in seuranta.toml).
    """
    return "sx-" + hashlib.sha256(f"seuranta-xl:{project_id}".encode()).hexdigest()[:10]


def _q(text: str) -> str:
    """A string literal for an Excel formula."""
    return '"' + text.replace('"', '""') + '"'


def _number(value: str | None) -> int | float | None:
    """"3" -> 3, "2,5" -> 2.5; None for anything that is not a number."""
    try:
        number = float((value or "").replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Worksheet(xlsxwriter.worksheet.Worksheet):
    """Skips XlsxWriter's 30 regex passes per formula that expand Excel 365 function names: the
    formulas here use only classic functions (IF, AND, OR, TRIM, ISNA, MATCH, IFERROR, COUNTIF).
    That pass was 40 % of the write time."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        return formula[1:] if formula.startswith("=") else formula


class _ProtectedWorkbook(xlsxwriter.Workbook):
    """XlsxWriter has no workbook (structure) protection; add <workbookProtection> after <workbookPr>."""

    structure_password_hash: str | None = None

    def _write_workbook_pr(self) -> None:
        super()._write_workbook_pr()
        if self.structure_password_hash:
            self._xml_empty_tag("workbookProtection", [("workbookPassword", self.structure_password_hash),
                                                       ("lockStructure", "1")])


def _password_hash(password: str) -> str:
    """The legacy 16-bit hash Excel stores for sheet and workbook protection (ECMA-376 §18.2.29)."""
    digest = 0
    for ch in password[::-1]:
        digest = ((digest >> 14) & 0x01) | ((digest << 1) & 0x7FFF)
        digest ^= ord(ch)
    digest = ((digest >> 14) & 0x01) | ((digest << 1) & 0x7FFF)
    digest ^= len(password) ^ 0xCE4B
    return f"{digest:X}"


READY_STATE_WIDTH = 26   # the status column, when the ready state has no other column to run over


def _ready_room(cols: list[Column]) -> list[Column]:
    """A round with one input column and no grade (Kemi) has only the status column right of the ready
    mark for the state in words: that column is made wide enough for it."""
    inputs = [c for c in cols if c.kind == "input"]
    if len(inputs) != 1 or cols[-1].width >= READY_STATE_WIDTH:
        return cols
    return [*cols[:-1], replace(cols[-1], width=READY_STATE_WIDTH)]


class _Writer:
    def __init__(self, spec: WorkbookSpec, path: Path):
        self.s = spec
        self.lang = spec.config.language
        self.t = texts(self.lang)
        self.titles = idn.TITLES[self.lang]
        self.lay = layout()
        self.scale = spec.round.scale
        self.inputs = round_inputs(spec.round, spec.config)
        self.has_grade = has_grade(self.inputs)
        # grade + comment only: the workbook's words are those it always had ("Täytä sarakkeet Arvio ja …")
        self.classic = [s.key for s in self.inputs] == [GRADE, COMMENT]
        self.cols = _ready_room(columns_for(spec.config, spec.reference_keys, spec.previous is not None,
                                            self.scale, self.inputs))
        self.col = {c.key: c for c in self.cols}
        self.input_cols = [c for c in self.cols if c.kind == "input"]
        self.header0 = self.lay["header_row"] - 1                 # 0-based header row
        self.first0 = self.header0 + 1                            # 0-based first data row
        self.last0 = self.first0 + len(spec.rows) - 1            # 0-based last data row
        self.password = sheet_password(spec.config.project_id)
        self.data_name = safe_sheet_name(self.titles["data_sheet"])
        self.wb = _ProtectedWorkbook(str(path), {"in_memory": True, "strings_to_numbers": False,
                                                 "strings_to_formulas": False, "strings_to_urls": False})
        self.wb.structure_password_hash = _password_hash(self.password)
        self.f = self._formats()

    # ------------------------------------------------------------ formats
    def _formats(self) -> dict:
        c = self.lay["colours"]
        base = {"font_name": self.lay["font"], "font_size": self.lay["font_size"], "valign": "top"}
        cell = {**base, "text_wrap": True, "border": 1, "border_color": c["border"]}
        head = {**cell, "bold": True, "valign": "vcenter", "font_color": c["header_fg"]}
        add = self.wb.add_format
        return {
            "title": add({**base, "bold": True, "font_size": self.lay["title_size"], "font_color": c["title_fg"]}),
            "sub": add({**base, "bold": True}),
            "plain": add(base),
            "hint": add({**base, "italic": True, "font_color": c["reference_fg"]}),
            "count": add({**base, "bold": True, "bg_color": c["count_bg"], "border": 1,
                          "border_color": c["border"], "valign": "vcenter"}),
            "head": add({**head, "bg_color": c["header_bg"]}),
            "head_ref": add({**head, "bg_color": c["reference_header_bg"]}),
            "head_input": add({**head, "bg_color": c["input_header_bg"]}),
            "text": add(cell),
            "id": add({**cell, "bold": True}),
            "ref": add({**cell, "bg_color": c["reference_bg"], "font_color": c["reference_fg"]}),
            "ref_number": add({**cell, "bg_color": c["reference_bg"], "font_color": c["reference_fg"],
                               "align": "center"}),
            "input": add({**cell, "locked": False, "bg_color": c["input_bg"]}),
            "input_grade": add({**cell, "locked": False, "bg_color": c["input_bg"], "align": "center"}),
            "input_number": add({**cell, "locked": False, "bg_color": c["input_bg"], "align": "right"}),
            "input_date": add({**cell, "locked": False, "bg_color": c["input_bg"], "align": "center",
                               "num_format": "d.m.yyyy" if self.lang in ("fi", "sv") else "yyyy-mm-dd"}),
            "status": add({**cell, "align": "center"}),
            "missing": add({"bg_color": c["missing_bg"]}),
            "status_bad": add({"bold": True, "font_color": c["missing_fg"]}),
            "done": add({"bg_color": self.scale.top.colour}),
            "ready_label": add({**base, "bold": True, "align": "right", "valign": "vcenter"}),
            "ready_input": add({**cell, "locked": False, "bg_color": c["input_bg"], "bold": True, "align": "center",
                                "valign": "vcenter", "border": 2, "border_color": c["input_header_bg"]}),
            "ready_name": add({**cell, "locked": False, "bg_color": c["input_bg"], "valign": "vcenter",
                               "text_wrap": False, "border": 2, "border_color": c["input_header_bg"]}),
            "ready_state": add({**base, "bold": True, "valign": "vcenter", "border": 1, "border_color": c["border"],
                                "text_wrap": True}),
            "not_ready": add({"bg_color": c["missing_bg"], "font_color": c["missing_fg"]}),
            "steps": [add({"bg_color": st.colour}) for st in self.scale.steps],
            "scale_cell": [add({**cell, "bg_color": st.colour}) for st in self.scale.steps],
        }

    # ------------------------------------------------------------ the whole file
    def write(self) -> None:
        ws = self.wb.add_worksheet(self.data_name, worksheet_class=_Worksheet)
        instr = self.wb.add_worksheet(safe_sheet_name(self.titles["instructions"]))
        lists = self.wb.add_worksheet(idn.LISTS_SHEET)
        meta = self.wb.add_worksheet(idn.META_SHEET)
        self.wb.set_properties({"title": f"{self.s.round.title} – {self.s.department}",
                                "company": self.s.config.organisation, "comments": "seuranta-xl"})
        self._lists(lists)
        self._data(ws)
        self._instructions(instr)
        self._meta(meta)
        ws.activate()
        self.wb.close()

    # ------------------------------------------------------------ data sheet
    def _data(self, ws) -> None:
        self._title_block(ws)
        self._ready_block(ws)
        self._header(ws)
        self._rows(ws)
        if self.s.rows:
            self._validations(ws)
            self._conditional_formats(ws)
        self._ready_rules(ws)
        last_col = self.cols[-1].index
        ws.freeze_panes(self.first0, 1)
        ws.autofilter(self.header0, 0, max(self.last0, self.first0), last_col)
        ws.protect(self.password, {"autofilter": True, "sort": True, "format_columns": True,
                                   "format_rows": True})
        self._print_setup(ws)

    def _status_range(self) -> str:
        c = self.col["status"].letter
        return f"${c}${self.first0 + 1}:${c}${self.last0 + 1}"

    def _title_block(self, ws) -> None:
        s, t, f = self.s, self.t, self.f
        heading = f"{s.config.organisation} – {s.round.title or s.round.id}"
        ws.write_string(0, 0, heading, f["title"])
        ws.set_row(0, 22)
        ws.write_string(1, 0, t["department"].format(department=s.department), f["sub"])
        deadline = (t["deadline"].format(date=fmt_date(s.round.deadline, self.lang)) if s.round.deadline
                    else t["no_deadline"])
        ws.write_string(2, 0, deadline, f["plain"])
        n = len(s.rows)
        count = t["count"] if self.has_grade else t["count_filled"]
        prefix, _, suffix = count.partition("{done}")
        suffix = suffix.format(total=n)
        last = min(2, len(self.cols) - 1)
        ws.merge_range(3, 0, 3, last, "", f["count"])
        ws.set_row(3, 20)
        if n:
            rng = self._status_range()
            done = (f'ROWS({rng})-COUNTIF({rng},{_q(t["status_missing"])})'
                    f'-COUNTIF({rng},{_q(t["status_invalid"])})')
            if self._checks():
                done += f'-COUNTIF({rng},{_q(t["status_check"])})'
            if self._carries():
                done += f'-COUNTIF({rng},{_q(t["status_carried"])})'

            formula = f'={_q(prefix) + "&" if prefix else ""}({done})&{_q(suffix)}'
            ws.write_formula(3, 0, formula, f["count"], count.format(done=0, total=n))
        else:
            ws.write_string(3, 0, count.format(done=0, total=0), f["count"])
        instructions = safe_sheet_name(self.titles["instructions"])
        if self.classic:
            hint = t["fill_hint"].format(grade=self.col["grade"].title, comment=self.col["comment"].title,
                                         instructions=instructions)
        else:
            hint = t["fill_hint_inputs"].format(columns=self._column_list(), instructions=instructions)
        ws.write_string(3, last + 1, hint, f["hint"])

    def _column_list(self) -> str:
        """The input columns' titles as a person lists them: "A, B ja C"."""
        titles = [c.title for c in self.input_cols]
        if len(titles) == 1:
            return self.t["columns_one"].format(titles=titles[0])
        return self.t["columns_many"].format(titles=f"{', '.join(titles[:-1])} {self.t['and']} {titles[-1]}")

    def _checks(self) -> bool:
        """Whether the status formula can say 'tarkista' (a number or date input holding text)."""
        return any(c.spec.kind in ("number", "date") for c in self.input_cols)

    # ------------------------------------------------------------ the ready block (core/ready.py)
    READY_ROW, APPROVER_ROW = 1, 2          # 0-based rows of the title block, above the input columns

    def _ready_span(self) -> tuple[int, int | None, int]:
        """(mark column, second input column or None, status column), 0-based: the mark above the grade,
        or above the first input when the round has no grade (Kemi's Toteuma); the approver's name over
        that column and the next input column (or that one alone); the state in words from the column after
        the mark to the status column."""
        first = self.col[GRADE] if GRADE in self.col else self.input_cols[0]
        nxt = next((c for c in self.input_cols if c.index == first.index + 1), None)
        return first.index, None if nxt is None else nxt.index, self.col["status"].index

    def _ready_refs(self) -> tuple[str, str]:
        """(mark cell, approver cell): rows 2 and 3 of the mark's column (recorded in the signed identity)."""
        g = self.cols[self._ready_span()[0]].letter
        return f"{g}{self.READY_ROW + 1}", f"{g}{self.APPROVER_ROW + 1}"

    def _ready_block(self, ws) -> None:
        """"Valmis: [Kyllä/Ei]  <state in words>" and "Hyväksyjä: [name]" right above the input columns,
        where the title block's texts (column A) do not reach; the header row does not move."""
        t, f = self.t, self.f
        g, c, st = self._ready_span()
        ws.write_string(self.READY_ROW, g - 1, t["ready_label"], f["ready_label"])
        ws.write_string(self.APPROVER_ROW, g - 1, t["approver_label"], f["ready_label"])
        ws.write_blank(self.READY_ROW, g, None, f["ready_input"])
        if c is None:
            ws.write_blank(self.APPROVER_ROW, g, None, f["ready_name"])
        else:
            ws.merge_range(self.APPROVER_ROW, g, self.APPROVER_ROW, c, "", f["ready_name"])
        if st > g + 1:
            ws.merge_range(self.READY_ROW, g + 1, self.READY_ROW, st, "", f["ready_state"])
        ws.write_formula(self.READY_ROW, g + 1, self._ready_formula(), f["ready_state"], t["state_draft"])
        ws.set_row(self.READY_ROW, 26 if st > g + 1 else self._ready_height(self.cols[st].width))
        ws.set_row(self.APPROVER_ROW, 20)

    def _ready_height(self, width: float) -> float:
        """The state row over the status column alone: as many lines as the longest state needs (bold)."""
        t = self.t
        states = [t["state_draft"], t["state_incomplete"].format(status=self.col["status"].title),
                  t["state_no_approver"]]
        return max(26, *(estimate_row_height([(x, width * 0.9)], font_size=self.lay["font_size"]) for x in states))

    def _ready_rules(self, ws) -> None:
        """The ready block's validations and colours, after the rows' (the reader takes the sheet's first
        length rule for the comment limit)."""
        t, f = self.t, self.f
        yes, no = READY_WORDS[self.lang]
        g, _, st = self._ready_span()
        words = {"yes": yes, "no": no}
        ws.data_validation(self.READY_ROW, g, self.READY_ROW, g, {
            "validate": "list", "source": [yes, no], "ignore_blank": True, "dropdown": True,
            "input_title": _clip(t["ready_prompt_title"], 32),
            "input_message": _clip(t["ready_prompt"].format(**words), 255),
            "error_title": _clip(t["ready_error_title"].format(**words), 32),
            "error_message": _clip(t["ready_error"].format(**words), 255), "error_type": "stop"})
        ws.data_validation(self.APPROVER_ROW, g, self.APPROVER_ROW, g, {
            "validate": "length", "criteria": "<=", "value": APPROVER_MAX, "ignore_blank": True,
            "input_title": _clip(t["approver_prompt_title"], 32),
            "input_message": _clip(t["approver_prompt"].format(max=APPROVER_MAX), 255),
            "error_title": _clip(t["approver_error_title"], 32),
            "error_message": _clip(t["approver_error"].format(max=APPROVER_MAX), 255), "error_type": "stop"})
        ws.conditional_format(self.READY_ROW, g, self.READY_ROW, g, {
            "type": "formula", "criteria": f'=TRIM({self._ready_cell(self.READY_ROW)}&"")=""', "format": f["missing"]})
        ws.conditional_format(self.READY_ROW, g + 1, self.READY_ROW, st, {
            "type": "formula", "criteria": f"={self._ready_ok()}", "format": f["done"]})
        ws.conditional_format(self.READY_ROW, g + 1, self.READY_ROW, st, {
            "type": "formula", "criteria": f"=NOT({self._ready_ok()})", "format": f["not_ready"]})

    def _ready_cell(self, row: int) -> str:
        """The mark's (READY_ROW) or the approver's (APPROVER_ROW) cell, absolute."""
        return f"${self.cols[self._ready_span()[0]].letter}${row + 1}"

    def _marked(self) -> str:
        """Excel: the mark says yes (in any of the three languages, as the reader takes it)."""
        mark = f"TRIM({self._ready_cell(self.READY_ROW)}&\"\")"
        return "OR(" + ",".join(f"{mark}={_q(yes)}" for yes, _ in READY_WORDS.values()) + ")"

    def _all_ok(self) -> str:
        """Every row's status is ok (the status covers the round's required inputs)."""
        n = len(self.s.rows)
        return f'COUNTIF({self._status_range()},{_q(self.t["status_ok"])})={n}' if n else "TRUE"

    def _ready_ok(self) -> str:
        approver = f"TRIM({self._ready_cell(self.APPROVER_ROW)}&\"\")"
        return f'AND({self._marked()},{self._all_ok()},{approver}<>"")'

    def _ready_formula(self) -> str:
        """The state in words: draft / marked ready but answers missing / no approver / ready."""
        t = self.t
        approver = f"TRIM({self._ready_cell(self.APPROVER_ROW)}&\"\")"
        incomplete = t["state_incomplete"].format(status=self.col["status"].title)
        return (f"=IF({self._marked()},IF(NOT({self._all_ok()}),{_q(incomplete)},"
                f'IF({approver}="",{_q(t["state_no_approver"])},{_q(t["state_ready"])})),{_q(t["state_draft"])})')

    def _header(self, ws) -> None:
        """The header row, tall enough for every title wrapped in its column (no title runs past it)."""
        style = {"structure": "head", "strategy": "head_ref", "reference": "head_ref", "input": "head_input",
                 "status": "head"}
        for c in self.cols:
            ws.set_column(c.index, c.index, c.width)
            ws.write_string(self.header0, c.index, c.title, self.f[style[c.kind]])
        ws.set_row(self.header0, max(30, row_height([(c.title, c.width) for c in self.cols])))

    def _rows(self, ws) -> None:
        f, t = self.f, self.t
        col = self.col
        status_formula = self._status_formula()
        prev = self.s.previous
        structure = [c for c in self.cols if c.kind in ("structure", "strategy")]
        refs = self.s.reference_keys
        keys = idn.locked_keys(refs)
        style = {"id": f["id"]} | {k: f["ref"] for k in refs}
        for i, row in enumerate(self.s.rows):
            r = self.first0 + i
            texts = dict(zip(keys, idn.locked_texts(row, refs), strict=True))
            sized = []
            for c in structure:
                ws.write_string(r, c.index, texts[c.key], style.get(c.key, f["text"]))
                sized.append((texts[c.key], c.width))
            if prev is not None:
                pg, pc = prev.get(row.id, (None, None))
                if "prev_grade" in col:
                    self._previous_grade(ws, r, pg)
                ws.write_string(r, col["prev_comment"].index, pc or "", f["ref"])
                sized += [(pc or "", col["prev_comment"].width)]
            ws.set_row(r, row_height(sized))
            self._input_cells(ws, r, row.id)
            ws.write_formula(r, col["status"].index, status_formula.format(n=r + 1), f["status"],
                             t["status_missing"])

    def _input_cells(self, ws, r: int, action_id: str) -> None:
        """The row's input cells: blank and unlocked, formatted by kind (a carried comment as its start)."""
        style = {"grade": "input_grade", "number": "input_number", "date": "input_date"}
        for c in self.input_cols:
            start = (self.s.carried or {}).get(action_id) if c.key == COMMENT else None
            if start:
                ws.write_string(r, c.index, start, self.f["input"])
            else:
                ws.write_blank(r, c.index, None, self.f[style.get(c.spec.kind, "input")])

    def _carries(self) -> bool:
        return bool(self.s.carried) and "prev_comment" in self.col and COMMENT in self.col

    def _previous_grade(self, ws, r: int, value: str | None) -> None:
        """The previous round's grade: a number when it is one (no "number stored as text"), else its text."""
        c = self.col["prev_grade"].index
        number = _number(value)
        if number is not None:
            ws.write_number(r, c, number, self.f["ref_number"])
        else:
            ws.write_string(r, c, value or "", self.f["ref"])

    def _lists_refs(self) -> tuple[str, str]:
        k = len(self.scale.steps)
        sheet = f"'{idn.LISTS_SHEET}'"
        return f"{sheet}!$A$1:$A${k}", f"{sheet}!$B$1:$B${k}"

    def _status_formula(self) -> str:
        """A template with {n} for the row: missing / check / comment missing / ok, in words. Missing: a
        required input is empty (no input required: every input is empty)."""
        t = self.t
        displays, values = self._lists_refs()

        def trim(key: str) -> str:
            return f"TRIM({self.col[key].letter}{{n}}&\"\")"
        g = trim(GRADE) if self.has_grade else None
        c = trim(COMMENT) if COMMENT in self.col else None
        ok = _q(t["status_ok"])
        for col in reversed(self.input_cols):
            if col.spec.kind in ("number", "date"):
                cell = f"{col.letter}{{n}}"
                ok = f'IF(AND({trim(col.key)}<>"",NOT(ISNUMBER({cell}))),{_q(t["status_check"])},{ok})'
        rule = self.s.config.comments.required_at_or_below
        rank = self.scale.rank(rule) if rule and g and c else None
        if rank is not None:
            pos = f"IFERROR(MATCH({g},{displays},0),MATCH({g},{values},0))"
            ok = f'IF(AND({pos}<={rank + 1},{c}=""),{_q(t["status_comment"])},{ok})'
        if self._carries():    # a carried comment left as it was is not this round's assessment
            prev = f"TRIM({self.col['prev_comment'].letter}{{n}}&\"\")"
            ok = f'IF(AND({c}<>"",{c}={prev}),{_q(t["status_carried"])},{ok})'
        if g is not None:
            ok = (f'IF(AND(ISNA(MATCH({g},{displays},0)),ISNA(MATCH({g},{values},0))),'
                  f'{_q(t["status_invalid"])},{ok})')
        required = [trim(col.key) for col in self.input_cols if col.spec.required]
        if required:
            missing = " ".join(required) + '=""' if len(required) == 1 else \
                "OR(" + ",".join(f'{x}=""' for x in required) + ")"
        else:
            missing = "AND(" + ",".join(f'{trim(col.key)}=""' for col in self.input_cols) + ")"
        return f'=IF({missing},{_q(t["status_missing"])},{ok})'


    def _validations(self, ws) -> None:
        """One data validation per input column: the grade's list, the comment's length, and the rule of
        every further input by its kind (workbook/inputrules.py)."""
        for col in self.input_cols:
            if col.key == GRADE:
                rule = self._grade_validation()
            elif col.key == COMMENT:
                rule = self._comment_validation(col)
            else:
                rule = inputrules.validation(col.spec, self.lang, self._choice_refs().get(col.key))
            ws.data_validation(self.first0, col.index, self.last0, col.index, rule)

    def _grade_validation(self) -> dict:
        t = self.t
        instructions = safe_sheet_name(self.titles["instructions"])
        values = ", ".join(self.scale.values)
        items = inline_list(self.scale)
        source = items if items is not None else "=" + self._lists_refs()[0]
        return {
            "validate": "list", "source": source, "ignore_blank": True, "dropdown": True,
            "input_title": _clip(t["grade_prompt_title"] if self.classic else self.col[GRADE].title, 32),
            "input_message": _clip(t["grade_prompt"].format(values=values, instructions=instructions), 255),
            "error_title": _clip(t["grade_error_title"], 32),
            "error_message": _clip(t["grade_error"].format(values=values), 255),
            "error_type": "stop",
        }

    def _comment_validation(self, col) -> dict:
        t = self.t
        mx = col.spec.max_length
        return {
            "validate": "length", "criteria": "<=", "value": mx, "ignore_blank": True,
            "input_title": _clip(t["comment_prompt_title"] if self.classic else col.title, 32),
            "input_message": _clip(t["comment_prompt"].format(max=mx), 255),
            "error_title": _clip(t["comment_error_title"], 32),
            "error_message": _clip(t["comment_error"].format(max=mx), 255),
            "error_type": "stop",
        }

    def _choice_refs(self) -> dict[str, str]:
        """input key -> the cells of its choices on the hidden lists sheet (columns C, D, … in input order)."""
        out = {}
        choices = [c for c in self.input_cols if c.spec.kind == "choice"]
        for j, col in enumerate(choices):
            letter = chr(ord("C") + j) if j < 24 else "Z"
            out[col.key] = f"'{idn.LISTS_SHEET}'!${letter}$1:${letter}${len(col.spec.choices)}"
        return out

    def _conditional_formats(self, ws) -> None:
        f, t = self.f, self.t
        for col in self.input_cols:
            if not col.spec.required:
                continue
            top = f"${col.letter}{self.first0 + 1}"
            cell = f'TRIM({top}&"")'
            rng = (self.first0, col.index, self.last0, col.index)
            ws.conditional_format(*rng, {"type": "formula", "criteria": f'={cell}=""', "format": f["missing"]})
            if col.key != GRADE:
                continue
            for step, fmt in zip(self.scale.steps, f["steps"], strict=True):
                crit = f"=OR({cell}={_q(step.display)},{cell}={_q(step.value)})"
                ws.conditional_format(*rng, {"type": "formula", "criteria": crit, "format": fmt})
        st = self.col["status"]
        ws.conditional_format(self.first0, st.index, self.last0, st.index, {
            "type": "formula", "criteria": f'=${st.letter}{self.first0 + 1}<>{_q(t["status_ok"])}',
            "format": f["status_bad"]})
        ws.conditional_format(3, 0, 3, 0, {
            "type": "formula", "criteria": f'=COUNTIF({self._status_range()},{_q(t["status_ok"])})='
                                           f'{len(self.s.rows)}', "format": f["done"]})

    def _print_setup(self, ws) -> None:
        def amp(text: str) -> str:
            return text.replace("&", "&&")
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(self.header0)
        ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.7)
        ws.set_header(f"&L{amp(self.s.config.organisation)}&R{amp(self.s.round.title or self.s.round.id)}")
        ws.set_footer(f"&L{amp(self.s.department)}&R{self.t['footer']}")
        ws.print_area(0, 0, max(self.last0, self.first0), self.cols[-1].index)

    # ------------------------------------------------------------ other sheets
    def _lists(self, ws) -> None:
        for i, step in enumerate(self.scale.steps):
            ws.write_string(i, 0, step.display)
            ws.write_string(i, 1, step.value)
        for j, col in enumerate(c for c in self.input_cols if c.spec.kind == "choice"):
            for i, choice in enumerate(col.spec.choices):
                ws.write_string(i, 2 + min(j, 23), choice)
        ws.hide()
        ws.protect(self.password)

    def _instructions(self, ws) -> None:
        s, t, f = self.s, self.t, self.f
        ws.set_column(0, 0, 16)
        ws.set_column(1, 1, 100)
        wrap = self.wb.add_format({"font_name": self.lay["font"], "font_size": self.lay["font_size"],
                                   "text_wrap": True, "valign": "top"})
        head = self.wb.add_format({"font_name": self.lay["font"], "font_size": 12, "bold": True,
                                   "font_color": self.lay["colours"]["title_fg"]})
        bullet = self.wb.add_format({"font_name": self.lay["font"], "font_size": self.lay["font_size"],
                                     "align": "right", "valign": "top", "indent": 1})
        names = {"data_sheet": self.data_name, "grade": self.col[GRADE].title if self.has_grade else "",
                 "comment": self.col[COMMENT].title if COMMENT in self.col else "",
                 "status": self.col["status"].title, "columns": self._column_list()}
        r = 0
        ws.write_string(r, 0, t["instr_title"].format(title=s.round.title or s.round.id), f["title"])
        r += 1
        ws.write_string(r, 0, f"{s.config.organisation} · {t['instr_round'].format(round_id=s.round.id)}", f["hint"])
        r += 2
        intro = t["instr_intro"] if self.classic else t["instr_intro_inputs"]
        ws.merge_range(r, 0, r, 1, intro.format(department=s.department, columns=names["columns"]), wrap)
        ws.set_row(r, 30)
        r += 2

        def section(title: str, lines: list[str]) -> None:
            nonlocal r
            ws.write_string(r, 0, title, head)
            r += 1
            for line in lines:
                ws.write_string(r, 0, "•", bullet)
                ws.write_string(r, 1, line, wrap)
                if len(line) > 90:      # LibreOffice does not fit heights on load: room for the wrapped lines
                    ws.set_row(r, estimate_row_height([(line, 100)], font_size=self.lay["font_size"]))
                r += 1
            r += 1

        section(t["instr_fill_head"], self._fill_lines(names))
        if not self.classic:
            section(t["instr_inputs_head"], self._input_lines())
        if self.has_grade:
            r = self._scale_table(ws, r, head)
            r += 1
        section(t["instr_ready_head"], self._ready_lines(names))
        deadline = (t["deadline"].format(date=fmt_date(s.round.deadline, self.lang)) if s.round.deadline
                    else t["no_deadline"])
        section(t["instr_deadline_head"], [deadline])
        section(t["instr_return_head"], list(t["instr_return"]))
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.protect(self.password)

    def _fill_lines(self, names: dict[str, str]) -> list[str]:
        """The instructions' "how to fill" lines: the inputs, the previous round, references, carried comments."""
        s, t = self.s, self.t
        lines = t["instr_fill"] if self.classic else [t["instr_fill_inputs"], *t["instr_fill"][1:]]
        fill = [line.format(**names) for line in lines]
        if s.previous is None:
            fill = fill[:-1]
        elif not self.has_grade:      # only the previous round's text is shown
            fill[-1] = t["instr_previous_text"].format(title=self.col["prev_comment"].title)
        if s.reference_keys:     # the strategy's reference columns (#16)
            fill.append(t["instr_references"].format(columns=", ".join(self.col[k].title for k in s.reference_keys)))
        if self._carries():
            fill.append(t["instr_carried"].format(**names))
        return fill

    def _ready_lines(self, names: dict[str, str]) -> list[str]:
        """The instructions' lines on the ready mark and the approver (#13)."""
        t = self.t
        yes, no = READY_WORDS[self.lang]
        ready_names = {**names, "yes": yes, "no": no, "ready_label": t["ready_label"].rstrip(":"),
                       "approver_label": t["approver_label"].rstrip(":")}
        ready_lines = t["instr_ready"] if self.classic else [*t["instr_ready"][:-1], t["instr_ready_inputs"]]
        return [line.format(**ready_names) for line in ready_lines]

    def _input_lines(self) -> list[str]:
        """One line per input column: its title, required or not, and what it takes."""
        t = self.t
        lines = []
        for col in self.input_cols:
            if col.key == GRADE:
                what = t["grade_prompt"].format(values=", ".join(self.scale.values),
                                                instructions=safe_sheet_name(self.titles["instructions"]))
            elif col.key == COMMENT:
                what = t["comment_prompt"].format(max=col.spec.max_length)
            else:
                what = inputrules.prompt(col.spec, self.lang)
            need = t["required"] if col.spec.required else t["optional"]
            lines.append(f"{col.title} ({need}): {what}")
        return lines

    def _scale_table(self, ws, r: int, head) -> int:
        """The scale: every step's value and, in words, what it means (its meaning in the workbook's
        language, else its label); the row after it."""
        t, f = self.t, self.f
        ws.write_string(r, 0, t["instr_scale_head"].format(scale=self.scale.name), head)
        r += 1
        if self.scale.description and not any(st.meaning for st in self.scale.steps):
            ws.write_string(r, 1, self.scale.description, f["hint"])
            r += 1
        ws.write_string(r, 0, t["instr_value"], f["head"])
        ws.write_string(r, 1, t["instr_label"], f["head"])
        r += 1
        for step, fmt in zip(self.scale.steps, f["scale_cell"], strict=True):
            words = step.meaning_in(self.lang)
            if step.label != step.value and step.label != words:
                words = f"{step.label}: {words}" if self.lang == "fi" else f"{words} ({step.label})"
            ws.write_string(r, 0, step.value, fmt)
            ws.write_string(r, 1, words, f["text"])
            ws.set_row(r, estimate_row_height([(words, 100)], font_size=self.lay["font_size"]))
            r += 1
        return r

    def _meta(self, ws) -> None:
        s = self.s
        ready = ready_cells(*self._ready_refs())
        ident = idn.identity_for(s.config.project_id, s.round.id, s.department, s.rows, s.reference_keys, ready,
                                 inputs_signature(s.round.inputs))
        values = {
            "project_id": s.config.project_id, "round_id": s.round.id, "department": s.department,
            "template_version": ident.template_version, "fingerprint": ident.fingerprint,
            "signature": ident.sign(s.config.secret), "header_row": str(self.header0 + 1),
            "first_data_row": str(self.first0 + 1), "data_sheet": self.data_name,
            "columns": json.dumps({c.key: c.letter for c in self.cols}, ensure_ascii=False),
            "references": json.dumps(list(ident.references or ())),
            "ready": ready,
            "inputs": inputs_json(s.round.inputs) or idn.DEFAULT_INPUTS,
        }
        for i, key in enumerate(idn.META_KEYS):
            ws.write_string(i, 0, key)
            ws.write_string(i, 1, values[key])
        for i, (rid, h) in enumerate(zip(ident.row_ids, ident.row_hashes, strict=True)):
            ws.write_string(idn.META_ROWS_START - 1 + i, 0, rid)
            ws.write_string(idn.META_ROWS_START - 1 + i, 1, h)
        ws.very_hidden()
        ws.protect(self.password)


def write_workbook(path: Path, spec: WorkbookSpec) -> None:
    """Write one department workbook to ``path``."""
    _Writer(spec, path).write()


