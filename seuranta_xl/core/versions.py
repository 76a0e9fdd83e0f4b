"""The versions of a round's returns: which are current, in which order, which one is in force
(pure: no I/O).

A department's return arrives in versions (files). What counts is decided here, from facts the ledger
keeps:
- current: accepted, present in the returns folder at the latest sync (or presence never recorded:
  rounds imported from a table, ledgers older than schema 2), and not withdrawn by the coordinator;
- superseded: accepted once, no longer in the folder (removed, or replaced by a file of the same name);
- withdrawn: the coordinator's latest decision on it is `returns withdraw` (undone by `--undo`);
- rejected: the file was refused as a whole (its findings say why).

Order of the current versions (oldest first, the last one is in force):
1. the coordinator's `returns prefer` puts a version on top (the latest such decision wins);
2. otherwise the true save time, in UTC (saved_utc): Excel and openpyxl write docProps/core.xml
   dcterms:modified in UTC; LibreOffice (7.x) writes local time marked 'Z', but stamps every zip
   member with the save time in UTC, so for LibreOffice the package's time is taken when the two
   differ by a whole time-zone offset (quarter hours, at most 14 h); any other writer's stamp is taken
   as written, and a file without one falls back to its file time;
3. then the order of arrival (first seen by a sync), then the ledger's order.
Nothing here is trusted silently: two current versions that disagree are reported by merge.py.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from seuranta_xl.core.clock import parse_time, show_time
from seuranta_xl.core.findings import Finding
from seuranta_xl.core.model import ReturnRecord

CURRENT, SUPERSEDED, WITHDRAWN, REJECTED = "current", "superseded", "withdrawn", "rejected"
DECISION_KINDS = ("withdraw", "reinstate", "prefer", "unprefer")

# Why the version in force is in force.
BY_PREFERENCE, BY_SAVED_TIME, BY_ARRIVAL = "preferred", "saved-later", "arrived-later"

_MAX_OFFSET = dt.timedelta(hours=14)
_SLACK = dt.timedelta(minutes=2)
_QUARTER = dt.timedelta(minutes=15).total_seconds()


@dataclass(frozen=True)
class Decision:
    """One coordinator decision on one version (append-only; a later decision undoes an earlier one)."""

    kind: str            # withdraw / reinstate / prefer / unprefer
    file_hash: str
    file_name: str
    at: str


@dataclass(frozen=True)
class RefusedFile:
    """A file a sync refused as a whole (kept for the history; never merged)."""

    round_id: str
    file_hash: str
    file_name: str
    size: int
    department: str | None            # the sender, where known (never the department it imitates)
    first_seen: str
    findings: tuple[Finding, ...] = ()
    saved_at: str | None = None
    application: str | None = None
    package_time: str | None = None
    file_mtime: str | None = None


@dataclass
class Version:
    """One file of a round as the coordinator sees it now."""

    file_hash: str
    file_name: str
    department: str | None
    state: str
    first_seen: str
    saved: dt.datetime | None
    basis: str                         # excel / libreoffice-package / as-written / file-time / none
    findings: list[Finding] = field(default_factory=list)
    record: ReturnRecord | None = None  # None: refused as a whole
    preferred_at: str | None = None
    present: bool = True                # in the folder at the latest sync (or presence unknown)
    in_force: bool = False
    why: str | None = None              # in force among several: BY_PREFERENCE / BY_SAVED_TIME / BY_ARRIVAL

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity.value == "error")


def saved_utc(saved_at: str | None, application: str | None, package_time: str | None,
              file_mtime: str | None = None) -> tuple[dt.datetime | None, str]:
    """(the true save time in UTC, the basis it was read on) by the rule in the module docstring."""
    stamp = parse_time(saved_at)
    app = (application or "").strip()
    if stamp is not None and app.startswith("LibreOffice"):
        package = parse_time(package_time)
        if package is not None:
            offset = stamp - package
            seconds = offset.total_seconds()
            whole = round(seconds / _QUARTER) * _QUARTER
            if abs(offset) <= _MAX_OFFSET + _SLACK and abs(seconds - whole) <= _SLACK.total_seconds():
                return package, "libreoffice-package"
        return stamp, "as-written"
    if stamp is not None:
        return stamp, "excel" if app.startswith("Microsoft Excel") else "as-written"
    mtime = parse_time(file_mtime)
    return (mtime, "file-time") if mtime is not None else (None, "none")


def _decided(decisions: list[Decision]) -> tuple[set[str], dict[str, str]]:
    """(hashes withdrawn, hash -> time of the prefer decision still standing), from the decisions in order."""
    withdrawn: set[str] = set()
    preferred: dict[str, str] = {}
    for d in decisions:
        if d.kind == "withdraw":
            withdrawn.add(d.file_hash)
        elif d.kind == "reinstate":
            withdrawn.discard(d.file_hash)
        elif d.kind == "prefer":
            preferred[d.file_hash] = d.at
        elif d.kind == "unprefer":
            preferred.pop(d.file_hash, None)
    return withdrawn, preferred


def _accepted(rec: ReturnRecord, presence: dict[str, str] | None, withdrawn: set[str],
              preferred: dict[str, str]) -> Version:
    saved, basis = saved_utc(rec.saved_at, rec.application, rec.package_time, rec.file_mtime)
    present = presence is None or rec.file_hash in presence
    state = WITHDRAWN if rec.file_hash in withdrawn else (CURRENT if present else SUPERSEDED)
    name = presence.get(rec.file_hash, rec.file_name) if presence else rec.file_name
    return Version(file_hash=rec.file_hash, file_name=name, department=rec.department, state=state,
                   first_seen=rec.received_at, saved=saved, basis=basis, findings=list(rec.findings), record=rec,
                   preferred_at=preferred.get(rec.file_hash), present=present)


def _refused(ref: RefusedFile, presence: dict[str, str] | None) -> Version:
    saved, basis = saved_utc(ref.saved_at, ref.application, ref.package_time, ref.file_mtime)
    name = presence.get(ref.file_hash, ref.file_name) if presence else ref.file_name
    return Version(file_hash=ref.file_hash, file_name=name, department=ref.department, state=REJECTED,
                   first_seen=ref.first_seen, saved=saved, basis=basis, findings=list(ref.findings),
                   present=presence is None or ref.file_hash in presence)


_EPOCH = dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc)


def version_key(v: Version) -> tuple:
    """Oldest first: save time (none: oldest), then arrival, then the ledger's order."""
    rid = v.record.id if v.record is not None and v.record.id is not None else 0
    return (v.saved or _EPOCH, v.first_seen, rid)


def order_current(current: list[Version]) -> list[Version]:
    """The current versions of one department, oldest first; the last is in force (and says why)."""
    ordered = sorted(current, key=version_key)
    for v in ordered:
        v.in_force, v.why = False, None
    if not ordered:
        return ordered
    preferred = [v for v in ordered if v.preferred_at]
    if preferred:
        top = max(preferred, key=lambda v: v.preferred_at or "")
        ordered.remove(top)
        ordered.append(top)
        top.why = BY_PREFERENCE
    else:
        top = ordered[-1]
        same_time = len(ordered) > 1 and (ordered[-2].saved or _EPOCH) == (top.saved or _EPOCH)
        top.why = None if len(ordered) == 1 else (BY_ARRIVAL if same_time else BY_SAVED_TIME)
    top.in_force = True
    return ordered


def round_versions(returns: list[ReturnRecord], refused: list[RefusedFile], presence: dict[str, str] | None,
                   decisions: list[Decision]) -> list[Version]:
    """Every version of a round with its state (accepted ones in the ledger's order, then refused ones)."""
    withdrawn, preferred = _decided(decisions)
    versions = [_accepted(r, presence, withdrawn, preferred) for r in returns]
    versions += [_refused(r, presence) for r in refused]
    return versions


def current_by_department(versions: list[Version]) -> dict[str, list[Version]]:
    """department -> its current versions, oldest first (the last one is in force)."""
    out: dict[str, list[Version]] = {}
    for v in versions:
        if v.state == CURRENT and v.department:
            out.setdefault(v.department, []).append(v)
    return {dept: order_current(vs) for dept, vs in out.items()}


_BASIS = {"libreoffice-package": {"fi": ", LibreOfficen aika paketista", "sv": ", LibreOffice-tiden ur paketet",
                                  "en": ", LibreOffice's time from the package"},
          "file-time": {"fi": ", tiedoston aika", "sv": ", filens tid", "en": ", the file's time"}}


def why_texts(winner: Version, other: Version) -> dict[str, str]:
    """Why ``winner``'s value is in force rather than ``other``'s, in every user language."""
    if winner.in_force and winner.why == BY_PREFERENCE:
        at = {lang: show_time(winner.preferred_at, lang) for lang in ("fi", "sv", "en")}
        return {"fi": f"koordinaattori valitsi sen {at['fi']}", "sv": f"koordinatorn valde den {at['sv']}",
                "en": f"the coordinator preferred it on {at['en']}"}
    if (winner.saved or _EPOCH) > (other.saved or _EPOCH):
        basis = _BASIS.get(winner.basis, {})
        return {lang: f"{word} {show_time(winner.saved, lang)} > {show_time(other.saved, lang)}{basis.get(lang, '')}"
                for lang, word in (("fi", "tallennettu myöhemmin:"), ("sv", "sparad senare:"),
                                   ("en", "saved later:"))}
    first = {lang: show_time(winner.first_seen, lang) for lang in ("fi", "sv", "en")}
    return {"fi": f"sama tallennusaika, saapui myöhemmin ({first['fi']})",
            "sv": f"samma sparningstid, kom senare ({first['sv']})",
            "en": f"same save time, arrived later ({first['en']})"}


def localised(key: str, texts: dict[str, str]) -> dict[str, str]:
    """Finding params key_fi / key_sv / key_en (each message template uses its own language's)."""
    return {f"{key}_{lang}": text for lang, text in texts.items()}
