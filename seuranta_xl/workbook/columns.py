"""The columns of a department workbook and the layout they come from (workbook_templates/layout.toml)."""
from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from xlsxwriter.utility import xl_col_to_name

from seuranta_xl.core import identity as idn
from seuranta_xl.core.inputs import GRADE, InputSpec, has_grade, input_title, previous_text_title
from seuranta_xl.core.model import Config, Scale
from seuranta_xl.present.rowheight import row_height as estimate_row_height

INLINE_LIST_MAX = 255  # Excel repairs a file whose inline list formula is longer than this


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    index: int          # 0-based
    width: float
    kind: str           # structure | strategy (a reference text of the strategy: grey, locked, signed)
                        # | reference (the previous round's) | input | status
    spec: InputSpec | None = None   # an input column's spec

    @property
    def letter(self) -> str:
        return xl_col_to_name(self.index)


@functools.cache
def layout() -> dict:
    text = resources.files("seuranta_xl.workbook_templates").joinpath("layout.toml").read_text("utf-8")
    return tomllib.loads(text)


def columns_for(config: Config, references: Sequence[str] | bool, with_previous: bool, scale: Scale,
                inputs: tuple[InputSpec, ...]) -> list[Column]:
    """The data sheet's columns: structure with the strategy's reference texts (``references``: the keys
    shown; a bool: the indicator or none), the previous round's (reference), one per input (the round's
    resolved inputs, core/inputs.py), the status."""
    titles = idn.TITLES[config.language]
    widths = layout()["widths"]
    shown = ("indicator",) if references is True else (references or ())
    keys: list[tuple[str, str]] = [(k, "strategy" if k in idn.STRATEGY_REFERENCE_KEYS else "structure")
                                   for k in idn.SHEET_STRUCTURE_KEYS
                                   if k not in idn.STRATEGY_REFERENCE_KEYS or k in shown]
    if with_previous:
        keys += [(k, "reference") for k in idn.REFERENCE_KEYS if k != "prev_grade" or has_grade(inputs)]
    names = dict(titles)
    previous = previous_text_title(inputs, config.language)    # Kemi: the previous round's Toteuma
    if previous is not None:
        names["prev_comment"] = previous                          # "Edellinen toteuma"
    cols = [Column(key, names[key], i, header_width(names[key], widths[key]), kind)
            for i, (key, kind) in enumerate(keys)]
    for spec in inputs:
        title = input_title(spec)
        cols.append(Column(spec.key, title, len(cols), header_width(title, input_width(spec, scale)), "input", spec))
    for key in idn.STATUS_KEYS:
        cols.append(Column(key, titles[key], len(cols), header_width(titles[key], widths[key]), "status"))
    return cols


def input_width(spec: InputSpec, scale: Scale) -> float:
    """An input column's width by its kind (layout.toml [widths])."""
    widths = layout()["widths"]
    if spec.key == GRADE:
        return widths["grade_labelled"] if any(s.label != s.value for s in scale.steps) else widths["grade"]
    if spec.kind == "choice":
        return max(widths["choice"], max(len(c) for c in spec.choices) * 1.1 + 3)
    return widths.get(spec.kind, widths["comment"]) if spec.kind != "text" else widths["comment"]


def header_width(title: str, width: float) -> float:
    """A column at least as wide as its header's longest word (bold), so no header word is cut."""
    return max(width, max(len(w) for w in title.split()) * 1.15 + 1.5)


def inline_list(scale: Scale) -> list[str] | None:
    """The dropdown items as an inline list, or None when they must come from a range (the quoted,
    comma-joined formula over 255 characters, or an item holding a comma or a quote, which an inline
    list cannot carry)."""
    items = [s.display for s in scale.steps]
    if len(",".join(items)) + 2 > INLINE_LIST_MAX or any("," in i or '"' in i for i in items):
        return None
    return items


def row_height(cells: list[tuple[str, float]]) -> float:
    """An estimated height (points) for a data row of wrapped ``(text, column width)`` cells."""
    return estimate_row_height(cells, font_size=layout()["font_size"], min_lines=layout()["rows"]["min_lines"])
