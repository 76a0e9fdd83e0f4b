"""What the command line prints, laid out for a terminal of a given width (pure: lines of styled spans).

- Findings as blocks grouped by department, each group headed by its counts: one line per finding with
  the severity word, the code, the action id and the sheet!cell (the stable ids), the message and the
  hint indented below it; the file named once for the group when it is the group's only file. A run of
  more than ``per_code`` findings of one code in a group ends with "… ja 17 muuta: code (where)".
- The status table: one row per department, the returned file and the contact on lines of their own
  beneath it.

Lines are wrapped at spaces only, never inside a word: a code (``missing-grade``), a cell reference
(``Seuranta!H12``) or a file name (its spaces are held together) is never broken across lines.
A line that cannot fit (a file name longer than the terminal) is left whole to overflow.
"""
from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from seuranta_xl.core.findings import SUMMARY_CODES, Finding, Severity
from seuranta_xl.present.i18n import fmt_date
from seuranta_xl.present.messages import plural, severity_counts, text
from seuranta_xl.present.tables import severity_label, state_label

Span = tuple[str, str]          # (text, style key: "", "head", "dim", "code", a severity or a state)
Line = list[Span]

_HOLD = "\ue000"                # stands for a space that must not break (inside a file name) while wrapping
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_FILE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".ods", ".docx", ".toml")


def plain(lines: Sequence[Line]) -> list[str]:
    """The lines as plain text (what a transcript shows)."""
    return ["".join(t for t, _ in line) for line in lines]


def wrap(text_: str, width: int, indent: str = "", keep: Sequence[str] = (), hang: str = "") -> list[str]:
    """``text_`` wrapped at spaces to ``width`` (each line starting with ``indent``, the lines after the
    first with ``hang`` more); the strings in ``keep`` (file names, paths) are never split; a paragraph
    break in the text starts a new line."""
    for item in keep:
        if item and " " in item:
            text_ = text_.replace(item, item.replace(" ", _HOLD))
    wrapper = textwrap.TextWrapper(width=max(width, len(indent + hang) + 20), initial_indent=indent,
                                   subsequent_indent=indent + hang, break_long_words=False, break_on_hyphens=False)
    out: list[str] = []
    for para in text_.splitlines() or [""]:
        out.extend(wrapper.wrap(para) or [indent.rstrip()])
    return [line.replace(_HOLD, " ") for line in out]


def _file_like(findings: Sequence[Finding]) -> list[str]:
    """File names a finding's text may hold (its file and parameters that name a file)."""
    names = {f.file for f in findings if f.file}
    for f in findings:
        names.update(v for v in f.params.values() if isinstance(v, str) and v.lower().endswith(_FILE_SUFFIXES))
    return sorted(names, key=len, reverse=True)


def group_findings(findings: Sequence[Finding]) -> list[tuple[str | None, list[Finding]]]:
    """Findings by department (alphabetical), those without a department last."""
    groups: dict[str | None, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.department or None, []).append(f)
    named = sorted((d for d in groups if d is not None), key=str.casefold)
    return [(d, groups[d]) for d in named] + ([(None, groups[None])] if None in groups else [])


def counts_text(findings: Sequence[Finding], lang: str) -> str:
    """"2 virhettä, 5 varoitusta": the counted findings (a summary finding is not counted again)."""
    counted = [f for f in findings if f.code not in SUMMARY_CODES]
    by = {sev: sum(1 for f in counted if f.severity is sev) for sev in Severity}
    return severity_counts(by[Severity.ERROR], by[Severity.WARNING], by[Severity.INFO], lang)


@dataclass(frozen=True)
class Layout:
    lang: str
    width: int = 80
    per_code: int | None = 3          # None: every finding
    where: str = ""                   # where all findings can be seen, said on a "… and N more" line


def finding_lines(findings: Sequence[Finding], layout: Layout) -> list[Line]:
    """Every finding as a block, grouped by department; an empty list for no findings."""
    keep = _file_like(findings)
    lines: list[Line] = []
    for dept, group in group_findings(findings):
        if lines:
            lines.append([])
        lines.extend(_group_lines(dept, group, layout, keep))
    return lines


def _group_lines(dept: str | None, group: list[Finding], lay: Layout, keep: list[str]) -> list[Line]:
    lang = lay.lang
    name = dept if dept is not None else text("findings.other", lang)
    lines: list[Line] = [[(text("findings.group", lang, department=name, counts=counts_text(group, lang)), "head")]]
    files = {f.file for f in group if f.file}
    single = files.pop() if len(files) == 1 else None
    if single:
        lines.append([(f"  {text('findings.file', lang, f=single)}", "dim")])
    for note in (f for f in group if f.code in SUMMARY_CODES):
        lines += [[(ln, "dim")] for ln in wrap(note.message(lang), lay.width, "  ", keep)]
    shown = sorted((f for f in group if f.code not in SUMMARY_CODES),
                   key=lambda f: (_SEVERITY_ORDER[f.severity], f.code))
    last_hint: dict[str, str] = {}
    i = 0
    while i < len(shown):
        code = shown[i].code
        run = [f for f in shown[i:] if f.code == code]
        visible = run if lay.per_code is None else run[: lay.per_code]
        for f in visible:
            lines += _block(f, lay, single, keep, last_hint.get(code))
            last_hint[code] = f.hint(lang)
        if len(run) > len(visible):
            more = text("findings.more", lang, more=plural("more", len(run) - len(visible), lang), code=code,
                        where=lay.where or text("findings.where-all", lang))
            lines += [[(ln, "dim")] for ln in wrap(more, lay.width, "  ", keep)]
        i += len(run)
    return lines


def _severity_width(lang: str) -> int:
    return max(len(severity_label(s.value, lang)) for s in Severity)


def _block(f: Finding, lay: Layout, single_file: str | None, keep: list[str], previous_hint: str | None) -> list[Line]:
    """One finding: severity, code, id and place on the first line; message and hint indented below."""
    lang, sev = lay.lang, f.severity.value
    indent = " " * (2 + _severity_width(lang) + 2)
    place = _place(f, lang, single_file)
    head: Line = [("  ", ""), (severity_label(sev, lang).ljust(_severity_width(lang)), sev), ("  ", ""),
                  (f.code, "code")]
    if f.action_id:
        head += [("  ", ""), (f.action_id, "")]
    lines: list[Line] = []
    if place and len("".join(t for t, _ in head)) + 2 + len(place) <= lay.width:
        head += [("  ", ""), (place, "dim")]
        lines.append(head)
    else:
        lines.append(head)
        if place:
            lines.append([(indent + place, "dim")])
    lines += [[(ln, "")] for ln in wrap(f.message(lang), lay.width, indent, keep)]
    hint = f.hint(lang)
    if hint and hint != previous_hint:
        lines += [[(ln, "dim")] for ln in wrap("→ " + hint, lay.width, indent, keep)]
    return lines


def _place(f: Finding, lang: str, single_file: str | None) -> str:
    """sheet!cell (or sheet, row 12), after the file unless the group names its one file already."""
    if single_file and f.file == single_file:
        return Finding(code=f.code, sheet=f.sheet, cell=f.cell, row=f.row).location(lang)
    return f.location(lang)


# ------------------------------------------------------------------------------------ the status table
@dataclass(frozen=True)
class StatusRow:
    department: str
    state: str                  # returned / missing / errors
    graded: int
    actions: int
    errors: int
    warnings: int
    file: str | None
    contact: str | None = None  # "Name <address>, …" from seuranta.toml (issue 13)
    approver: str | None = None  # who approved the return in force (its ready mark)


STATUS_HEADERS = ("department", "status", "graded", "errors", "warnings")


def status_lines(rows: Sequence[StatusRow], lang: str, width: int = 80, graded: bool = True) -> list[Line]:
    """A table of departments that fits ``width``: only the department name wraps; each returned file
    is on its own line beneath its department (``graded``: the round asks a grade; else the count is
    of actions filled in)."""
    heads = [text(f"col.{c}" if c != "graded" or graded else "col.filled", lang) for c in STATUS_HEADERS]
    cells = [[state_label(r.state, lang), f"{r.graded} / {r.actions}", str(r.errors), str(r.warnings)] for r in rows]
    widths = [max([len(heads[i + 1])] + [len(c[i]) for c in cells]) for i in range(4)]
    rest = sum(widths) + 2 * len(widths)
    name_w = max(12, min(max([len(heads[0])] + [len(r.department) for r in rows]), width - rest))
    out: list[Line] = [[(heads[0].ljust(name_w), "head")]
                       + [("  " + h.rjust(w) if i else "  " + h.ljust(w), "head")
                          for i, (h, w) in enumerate(zip(heads[1:], widths, strict=True))]]
    for r, c in zip(rows, cells, strict=True):
        names = wrap(r.department, name_w) or [""]
        line: Line = [(names[0].ljust(name_w), "")]
        line.append(("  " + c[0].ljust(widths[0]), r.state))
        line += [("  " + v.rjust(w), "") for v, w in zip(c[1:], widths[1:], strict=True)]
        out.append(line)
        out += [[(n, "")] for n in names[1:]]
        if r.file:
            out.append([("  " + r.file, "dim")])
        if r.approver:
            out += [[(ln, "dim")] for ln in wrap(text("status.approved", lang, a=r.approver), width, "  ", hang="  ")]
        if r.contact:
            out += [[(ln, "dim")] for ln in wrap(text("contacts.shown", lang, c=r.contact), width, "  ", hang="  ")]
    return out


def deadline_text(deadline: dt.date | None, today: dt.date, lang: str) -> str:
    """"Määräaika 31.5.2024: 3 päivää jäljellä." / "… meni 2 päivää sitten." / "… on tänään …"."""
    if deadline is None:
        return text("status.no-deadline", lang)
    days = (deadline - today).days
    date = fmt_date(deadline, lang)
    if days == 0:
        return text("status.deadline-today", lang, date=date)
    if days > 0:
        return text("status.deadline-left", lang, date=date, days=plural("days", days, lang))
    return text("status.deadline-passed", lang, date=date, days=plural("days", -days, lang))


def example_round(today: dt.date, lang: str) -> tuple[str, str]:
    """A round id and deadline to suggest for the next ``round new``: the 15th of the month a month from
    today, and its half-year ("2026-syksy", "15.10.2026"; days and months written with two digits, as
    Finnish also allows, so the suggestion is as long whatever the date)."""
    deadline = (today + dt.timedelta(days=30)).replace(day=15)
    season = text("round.spring" if deadline.month <= 6 else "round.autumn", lang)
    shown = deadline.isoformat() if lang == "en" else deadline.strftime("%d.%m.%Y")
    return f"{deadline.year}-{season}", shown
