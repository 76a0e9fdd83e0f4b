"""Which seed layout a grid is, told by its header titles (pure)."""
from __future__ import annotations

from seuranta_xl.strategy.layouts.grid import Grid, find_header

PRESETS = ("keuruu", "tuusula", "kemi", "taulukko-2024")
NATURAL_SCALE = {"keuruu": "1-5", "tuusula": "1-5-kuvaus", "kemi": "1-5", "taulukko-2024": "kylla-kesken-ei"}
SIGNATURES: dict[str, list[str]] = {
    "keuruu": ["painopiste", "strateginen tavoite", "toimenpide"],
    "tuusula": ["valtuustokauden tavoite", "vuositavoite", "toimenpide"],
    "kemi": ["tavoite", "toimenpiteet", "vastuu ja aikataulu"],
    "taulukko-2024": ["strategiakärjet", "toiminnallinen tavoite", "teko"],
}
# The header titles as a person reads them, for the error that says none was found.
SIGNATURE_TITLES = {
    "keuruu": "Painopiste, Strateginen tavoite, Toimenpide",
    "tuusula": "Valtuustokauden tavoite, Vuositavoite, Toimenpide",
    "kemi": "Tavoite, Toimenpiteet, Vastuu ja aikataulu",
    "taulukko-2024": "Strategiakärjet, Toiminnallinen tavoite, Teko",
}


def detect(grid: Grid) -> str | None:
    """The preset whose header titles appear first in the sheet, or None."""
    found = [(r, name) for name, sig in SIGNATURES.items() if (r := find_header(grid, sig)) is not None]
    return min(found)[1] if found else None
