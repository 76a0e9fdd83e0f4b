"""What the tables people read are made of, defined once for the CLI, the master, the reports and
the add-in: column headers, the words for a finding's severity and a department's state, and the
cells of a finding row (pure)."""
from __future__ import annotations

from collections.abc import Sequence

from seuranta_xl.core.findings import Finding
from seuranta_xl.present.messages import text


def headers(columns: Sequence[str], lang: str) -> list[str]:
    """Column headers for column keys (``severity``, ``code``, ``location`` … as ``col.*`` in the catalogue)."""
    return [text(f"col.{c}", lang) for c in columns]


def severity_label(severity: str, lang: str) -> str:
    """error / warning / info in words: virhe, varoitus, tieto."""
    return text(f"severity.{severity}", lang)


def state_label(state: str, lang: str) -> str:
    """A department's state in a round (returned, missing, errors, imported) in words."""
    return text(f"state.{state}", lang)


def finding_cell(f: Finding, column: str, lang: str) -> object:
    """The value of one column of a findings table (the keys of :func:`headers`)."""
    values = {
        "severity": lambda: severity_label(f.severity.value, lang),
        "code": lambda: f.code,
        "location": lambda: f.location(lang),
        "id": lambda: f.action_id or "",
        "department": lambda: f.department or "",
        "file": lambda: f.file,
        "sheet": lambda: f.sheet,
        "cell": lambda: f.cell or (str(f.row) if f.row else None),
        "finding": lambda: f.message(lang),
        "hint": lambda: f.hint(lang),
    }
    return values[column]()


def finding_row(f: Finding, columns: Sequence[str], lang: str) -> list[object]:
    return [finding_cell(f, c, lang) for c in columns]
