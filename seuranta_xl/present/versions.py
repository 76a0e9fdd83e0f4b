"""The versions of a round's returns for people (`seuranta returns`, the master's history sheet):
state labels, the why of the version in force, and the one-line answer to a decision."""
from __future__ import annotations

from seuranta_xl.core.versions import BY_ARRIVAL, BY_PREFERENCE, BY_SAVED_TIME, Decision, Version, show_time
from seuranta_xl.present.i18n import pick

STATE = {
    "current": {"fi": "mukana", "sv": "med", "en": "current"},
    "in_force": {"fi": "voimassa", "sv": "gäller", "en": "in force"},
    "superseded": {"fi": "korvattu", "sv": "ersatt", "en": "superseded"},
    "withdrawn": {"fi": "vedetty pois", "sv": "återkallad", "en": "withdrawn"},
    "rejected": {"fi": "hylätty", "sv": "avvisad", "en": "rejected"},
}
WHY = {
    BY_PREFERENCE: {"fi": "koordinaattorin valinta", "sv": "koordinatorns val", "en": "preferred by the coordinator"},
    BY_SAVED_TIME: {"fi": "tallennettu viimeksi", "sv": "senast sparad", "en": "saved last"},
    BY_ARRIVAL: {"fi": "saapui viimeksi", "sv": "kom sist", "en": "arrived last"},
}
HEAD = {
    "department": {"fi": "Vastuutaho", "sv": "Ansvarig", "en": "Department"},
    "file": {"fi": "Tiedosto", "sv": "Fil", "en": "File"},
    "saved": {"fi": "Tallennettu", "sv": "Sparad", "en": "Saved"},
    "first_seen": {"fi": "Nähty ensin", "sv": "Sågs först", "en": "First seen"},
    "state": {"fi": "Tila", "sv": "Status", "en": "State"},
    "errors": {"fi": "Virheitä", "sv": "Fel", "en": "Errors"},
    "findings": {"fi": "Havainnot", "sv": "Fynd", "en": "Findings"},
}
DECIDED = {
    "withdraw": {"fi": "{f} vedetty pois; se ei enää ole voimassa (kumoa: --undo).",
                 "sv": "{f} återkallad; den gäller inte längre (ångra: --undo).",
                 "en": "{f} withdrawn; it no longer counts (undo: --undo)."},
    "reinstate": {"fi": "{f} palautettu; se on taas voimassa, jos se on kansiossa.",
                  "sv": "{f} återställd; den gäller igen om den finns i mappen.",
                  "en": "{f} reinstated; it counts again while it is in the folder."},
    "prefer": {"fi": "{f} on nyt voimassa vastuutahonsa versioista (kumoa: --undo).",
               "sv": "{f} gäller nu bland den ansvarigas versioner (ångra: --undo).",
               "en": "{f} is now in force among its department's versions (undo: --undo)."},
    "unprefer": {"fi": "{f}: valinta kumottu; versioiden järjestys ratkaisee taas.",
                 "sv": "{f}: valet ångrat; versionernas ordning avgör igen.",
                 "en": "{f}: preference taken back; the version order decides again."},
}


def state_label(v: Version, lang: str) -> str:
    if v.in_force:
        why = f" ({pick(WHY[v.why], lang)})" if v.why else ""
        return pick(STATE["in_force"], lang) + why
    return pick(STATE[v.state], lang)


def version_cells(v: Version, lang: str) -> list[str]:
    """department, file, saved, first seen, state, errors, findings (codes × count)."""
    codes: dict[str, int] = {}
    for f in v.findings:
        codes[f.code] = codes.get(f.code, 0) + 1
    found = ", ".join(f"{c} ×{n}" if n > 1 else c for c, n in codes.items())
    return [v.department or "?", v.file_name, show_time(v.saved) if v.saved else "", v.first_seen[:16].replace("T", " "),
            state_label(v, lang), str(v.errors), found]


def sorted_versions(versions: list[Version]) -> list[Version]:
    return sorted(versions, key=lambda v: ((v.department or "").casefold(), v.first_seen, v.file_name))


def versions_table(round_id: str, versions: list[Version], lang: str):
    from rich.table import Table
    table = Table(title=round_id)
    for key in ("department", "file", "saved", "first_seen", "state", "errors", "findings"):
        table.add_column(pick(HEAD[key], lang), overflow="fold")
    for v in sorted_versions(versions):
        table.add_row(*version_cells(v, lang))
    return table


def decision_line(decision: Decision, lang: str) -> str:
    return pick(DECIDED[decision.kind], lang, f=decision.file_name)
