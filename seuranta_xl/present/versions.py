"""The versions of a round's returns for people (`seuranta returns`, the master's history sheet):
state labels, the why of the version in force, and the one-line answer to a decision."""
from __future__ import annotations

from seuranta_xl.core.versions import BY_ARRIVAL, BY_PREFERENCE, BY_SAVED_TIME, Decision, Version, show_time
from seuranta_xl.present.messages import text
from seuranta_xl.present.tables import headers

WHY = {BY_PREFERENCE: "version.why.preferred", BY_SAVED_TIME: "version.why.saved", BY_ARRIVAL: "version.why.arrival"}
COLUMNS = ("department", "file", "saved", "first_seen", "state", "errors", "findings")


def state_label(v: Version, lang: str) -> str:
    if v.in_force:
        why = f" ({text(WHY[v.why], lang)})" if v.why else ""
        return text("version.in_force", lang) + why
    return text(f"version.{v.state}", lang)


def version_cells(v: Version, lang: str) -> list[str]:
    """department, file, saved, first seen, state, errors, findings (codes × count)."""
    codes: dict[str, int] = {}
    for f in v.findings:
        codes[f.code] = codes.get(f.code, 0) + 1
    found = ", ".join(f"{c} ×{n}" if n > 1 else c for c, n in codes.items())
    return [v.department or "?", v.file_name, show_time(v.saved, lang) if v.saved else "", show_time(v.first_seen, lang),
            state_label(v, lang), str(v.errors), found]


def sorted_versions(versions: list[Version]) -> list[Version]:
    return sorted(versions, key=lambda v: ((v.department or "").casefold(), v.first_seen, v.file_name))


def versions_table(round_id: str, versions: list[Version], lang: str):
    from rich.table import Table
    table = Table(title=round_id)
    for header in headers(COLUMNS, lang):
        table.add_column(header, overflow="fold")
    for v in sorted_versions(versions):
        table.add_row(*version_cells(v, lang))
    return table


def decision_line(decision: Decision, lang: str) -> str:
    return text(f"version.{decision.kind}", lang, f=decision.file_name)
