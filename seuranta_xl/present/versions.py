"""The versions of a round's returns for people (`seuranta returns`, the master's history sheet):
state labels, the why of the version in force, the versions laid out for a terminal, and the one-line
answer to a decision."""
from __future__ import annotations

from seuranta_xl.core.clock import show_time
from seuranta_xl.core.versions import BY_ARRIVAL, BY_PREFERENCE, BY_SAVED_TIME, Decision, Version
from seuranta_xl.present.messages import plural, text
from seuranta_xl.present.tables import headers
from seuranta_xl.present.terminal import Line, wrap

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


def ready_facts(v: Version, lang: str) -> list[str]:
    """The version's ready mark in words: "luonnos", "valmis: Name", "valmis (hyväksyjä puuttuu)"; nothing
    for a refused file or a workbook made before the ready step."""
    rec = v.record
    if rec is None or rec.ready is None:
        return []
    if not rec.ready:
        return [text("state.draft", lang)]
    return [text("version.ready", lang, a=rec.approver) if rec.approver else text("version.ready-unapproved", lang)]


def sorted_versions(versions: list[Version]) -> list[Version]:
    return sorted(versions, key=lambda v: ((v.department or "").casefold(), v.first_seen, v.file_name))


def version_lines(versions: list[Version], lang: str, width: int = 80) -> list[Line]:
    """Every version grouped by department (with its count): the file on a line of its own, then
    (indented, wrapped at spaces) its state, saved time, first sighting, errors and finding codes."""
    heads = dict(zip(COLUMNS, headers(COLUMNS, lang), strict=True))
    lines: list[Line] = []
    groups: dict[str, list[Version]] = {}
    for v in sorted_versions(versions):
        groups.setdefault(v.department or "?", []).append(v)
    for dept, group in groups.items():
        if lines:
            lines.append([])
        lines.append([(f"{dept}: {plural('versions', len(group), lang)}", "head")])
        for v in group:
            _dept, name, saved, seen, state, errors, found = version_cells(v, lang)
            lines.append([("  " + name, "")])
            facts = [state] + ready_facts(v, lang)
            facts += [f"{heads[k].lower()} {x}" for k, x in (("saved", saved), ("first_seen", seen)) if x]
            facts.append(f"{heads['errors'].lower()} {errors}")
            style = "returned" if v.in_force else ("errors" if v.state == "rejected" else "dim")
            lines += [[(ln, style)] for ln in wrap(" · ".join(facts), width, "    ", keep=[name, *facts], hang="  ")]
            if found:
                lines += [[(ln, "dim")] for ln in wrap(f"{heads['findings'].lower()}: {found}", width, "    ",
                                                        hang="  ")]
    return lines


def versions_summary(versions: list[Version], lang: str) -> str:
    """"4 versiota, 3 vastuutahoa: 3 voimassa, 1 korvattu"."""
    departments = {v.department for v in versions if v.department}
    counts: dict[str, int] = {}
    for v in versions:
        key = "in_force" if v.in_force else v.state
        counts[key] = counts.get(key, 0) + 1
    order = ("in_force", "current", "superseded", "withdrawn", "rejected")
    states = ", ".join(f"{counts[k]} {text('version.' + k, lang)}" for k in order if counts.get(k))
    return text("versions.summary", lang, versions=plural("versions", len(versions), lang),
                departments=plural("departments", len(departments), lang), states=states or "–")


def decision_line(decision: Decision, lang: str) -> str:
    return text(f"version.{decision.kind}", lang, f=decision.file_name)
