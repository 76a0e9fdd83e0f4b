"""Strategy table layouts: a plain grid of cells -> records -> strategy, past-round results and findings.

Pure: no I/O (tests/test_architecture.py checks it). ``strategy/tables.py`` reads a file into a
:class:`Grid`; here it is understood, one module a job:
- ``grid``: the grid and its small reads (cell text, header rows, columns by title);
- ``texts``: a cell's paragraphs and SDG numbers; ``records``: what a parser makes (Record, Parsed,
  Mapping, LayoutError);
- ``detect``: which preset a grid is; one parser module per seed layout (docs/import.md):
  ``flat`` (keuruu, taulukko-2024 and any mapped flat table), ``tuusula``, ``kemi``;
- ``assemble``: records -> a Strategy with stable ids and cross-row findings;
- ``results``: the past round the table holds.
"""
from __future__ import annotations

from seuranta_xl.strategy.layouts.assemble import Assembled, assemble, check_records
from seuranta_xl.strategy.layouts.detect import NATURAL_SCALE, PRESETS, detect
from seuranta_xl.strategy.layouts.flat import parse_2024, parse_keuruu, parse_mapping
from seuranta_xl.strategy.layouts.grid import Grid, cell_text
from seuranta_xl.strategy.layouts.kemi import parse_kemi
from seuranta_xl.strategy.layouts.records import ROLES, LayoutError, Mapping, Parsed, Record
from seuranta_xl.strategy.layouts.results import goal_statuses, results
from seuranta_xl.strategy.layouts.tuusula import parse_tuusula

__all__ = ["Assembled", "Grid", "LayoutError", "Mapping", "NATURAL_SCALE", "PRESETS", "Parsed", "ROLES", "Record",
           "assemble", "cell_text", "check_records", "detect", "goal_statuses", "parse", "results"]


def parse(grid: Grid, layout: str, mapping: Mapping | None = None, default_department: str = "") -> Parsed:
    if layout == "mapping":
        assert mapping is not None
        return parse_mapping(grid, mapping, default_department)
    parser = {"keuruu": parse_keuruu, "tuusula": parse_tuusula, "kemi": parse_kemi, "taulukko-2024": parse_2024}
    return parser[layout](grid, default_department)
