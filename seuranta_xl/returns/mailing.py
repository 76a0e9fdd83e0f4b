"""`seuranta send` and `seuranta remind` as library functions (shell: ledger, workbooks, .eml files).

send: one draft per department into lahetys/<round>/, its workbook attached. remind: drafts only for
the departments that still owe something (status.outstanding: not returned, a draft (not marked ready),
or the current return has errors or missing inputs), each saying exactly what, with the days to or past the deadline, its latest
return in force attached (so it continues where it was), else the blank workbook; into
lahetys/<round>/muistutus_<date>/. Both write drafts only: the tool never sends mail.
"""
from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass, field
from pathlib import Path

from seuranta_xl.core.contacts import check_address, contacts_of, language_of, recipients
from seuranta_xl.core.errors import UserError
from seuranta_xl.core.filenames import workbook_file_names
from seuranta_xl.core.identity import known_fingerprints
from seuranta_xl.core.findings import Finding
from seuranta_xl.core.inputs import COMMENT, GRADE, input_title, round_inputs
from seuranta_xl.core.model import Config, Round
from seuranta_xl.core.ready import READY_WORDS
from seuranta_xl.core.roundlife import days_left
from seuranta_xl.outputs.mail import texts
from seuranta_xl.outputs.mail.message import Draft, draft_bytes
from seuranta_xl.outputs.mail.template import Template, load_template, render
from seuranta_xl.present.i18n import fmt_date
from seuranta_xl.returns.status import Outstanding, outstanding
from seuranta_xl.store.atomic import write_atomic
from seuranta_xl.store.project import FORMS_DIR, CONFIG_NAME, Project
from seuranta_xl.store.rounds import open_round
from seuranta_xl.present.inputs import shown_inputs
from seuranta_xl.store.roundview import RoundView, load_round

MAIL_DIR = "lahetys"


@dataclass
class MailResult:
    language: str
    round_id: str
    out_dir: Path
    drafts: list[tuple[str, Path, int, str]] = field(default_factory=list)   # (department, draft, recipients, attached)
    findings: list[Finding] = field(default_factory=list)
    templates_written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)     # remind: departments that owe nothing


def _days(deadline: dt.date | None, today: dt.date, parts: dict[str, str]) -> str:
    n = days_left(deadline, today)
    if n is None:
        return parts["days.none"]
    if n == 1:
        return parts["days.one"]
    return parts["days.left"].format(n=n) if n > 0 else parts["days.today"] if n == 0 else \
        parts["days.over"].format(n=-n)


def _return_by(deadline: dt.date | None, today: dt.date, lang: str) -> str:
    """"viimeistään 15.5.2024"; after the deadline "mahdollisimman pian"; without one "sovitussa ajassa"."""
    parts = texts.PARTS[lang]
    if deadline is None:
        return parts["return_by.none"]
    if deadline < today:
        return parts["return_by.late"]
    return parts["return_by"].format(date=fmt_date(deadline, lang))


def _fields(config: Config, rnd: Round, dept: str, lang: str, n_actions: int, attachment: str,
            today: dt.date) -> dict[str, str]:
    parts = texts.PARTS[lang]
    sender_name = email.utils.parseaddr(config.mail.sender or "")[0]
    deadline = fmt_date(rnd.deadline, lang)
    return {"organisation": config.organisation, "round": rnd.id, "title": rnd.title or rnd.id, "department": dept,
            "contact": ", ".join(c.name for c in contacts_of(config, dept) if c.name),
            "deadline": deadline or "–",
            "return_by": _return_by(rnd.deadline, today, lang),
            "days": _days(rnd.deadline, today, parts), "actions": str(n_actions), "workbook": attachment,
            "grade": config.columns.grade, "comment": config.columns.comment,
            "ready": READY_WORDS[config.language][0],      # the workbook's word, whatever the mail's language
            "sender": sender_name or parts["sender"].format(organisation=config.organisation),
            **_fill(config, rnd, lang)}


def _fill(config: Config, rnd: Round, lang: str) -> dict[str, str]:
    """{fill}: one line per input the round asks (grade + comment: the two lines the drafts always had);
    {grade}, {comment}: the round's own titles of them."""
    parts = texts.PARTS[lang]
    inputs = round_inputs(rnd, config)
    titles = {spec.key: input_title(spec) for spec in inputs}
    words = {"grade": titles.get(GRADE, config.columns.grade), "comment": titles.get(COMMENT, config.columns.comment)}
    lines = []
    for spec in inputs:
        if spec.key in (GRADE, COMMENT):
            lines.append(parts[f"fill.{spec.key}"].format(**words))
        else:
            lines.append(parts["fill.required" if spec.required else "fill.optional"].format(title=titles[spec.key]))
    return {**words, "fill": "\n".join(lines)}


def _sender(config: Config) -> tuple[str, str] | None:
    if not config.mail.sender:
        return None
    name, raw = email.utils.parseaddr(config.mail.sender)
    address, _problem = check_address(raw or config.mail.sender)
    if address is None:
        raise UserError("mail-sender-invalid", value=config.mail.sender, config=CONFIG_NAME)
    return name, address


class _Writer:
    """Templates per (kind, language), the To of each department, the drafts written."""

    def __init__(self, project: Project, config: Config, rnd: Round, out_dir: Path, kind: str):
        self.project, self.config, self.rnd, self.out_dir, self.kind = project, config, rnd, out_dir, kind
        self.result = MailResult(config.language, rnd.id, out_dir)
        self.templates: dict[str, Template] = {}
        self.sender = _sender(config)
        self.today = dt.date.today()

    def template(self, lang: str) -> Template:
        if lang not in self.templates:
            t = load_template(self.project.root, self.kind, lang, self.config.language)
            if t.created:
                self.result.templates_written.append(t.path)
            self.templates[lang] = t
        return self.templates[lang]

    def write(self, dept: str, fields: dict[str, str], lang: str, attachment: Path, stem: str) -> None:
        people = recipients(dept, contacts_of(self.config, dept), CONFIG_NAME)
        self.result.findings += people.findings
        if not people.addresses:
            self.result.findings.append(Finding(code="missing-contact", department=dept, file=f"{stem}.eml"))
        subject, body = render(self.template(lang), fields)
        draft = Draft(to=people.addresses, subject=subject, body=body, attachment_name=attachment.name,
                      attachment=attachment.read_bytes(), sender=self.sender)
        path = self.out_dir / f"{stem}.eml"
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError("folder-not-created", path=str(self.out_dir), reason=exc.strerror or str(exc)) from None
        write_atomic(path, draft_bytes(draft))
        self.result.drafts.append((dept, path, len(people.addresses), attachment.name))


def _setup(root: Path, round_id: str | None, action: str) -> tuple[Project, Config, RoundView, dict]:
    project = Project(root)
    config = project.load_config()
    with project.ledger() as ledger, ledger.snapshot():
        rnd = open_round(ledger, round_id, action)
        view = load_round(ledger, rnd)
        made = ledger.generated(rnd.id)
    return project, config, view, made


def _blank_workbooks(project: Project, view: RoundView, made: dict) -> dict[str, Path]:
    """department -> its generated workbook, refused when missing or made from an older strategy text."""
    by_dept = view.strategy.rows_by_department()
    names = workbook_file_names(view.round.id, sorted(by_dept, key=str.casefold))
    prints = known_fingerprints(view.strategy)
    forms = project.root / FORMS_DIR / view.round.id
    out = {}
    for dept, name in names.items():
        path = forms / name
        if not path.is_file():
            raise UserError("send-workbook-missing", path=str(path), round=view.round.id)
        if dept in made and made[dept][1] not in prints[dept]:
            raise UserError("send-workbook-outdated", department=dept, round=view.round.id)
        out[dept] = path
    return out


def send_drafts(root: Path, round_id: str | None = None, out_dir: Path | None = None) -> MailResult:
    """One draft per department with its workbook attached (lahetys/<round>/)."""
    project, config, view, made = _setup(root, round_id, "send")
    forms = _blank_workbooks(project, view, made)
    out_dir = Path(out_dir) if out_dir else project.root / MAIL_DIR / view.round.id
    w = _Writer(project, config, view.round, out_dir, texts.SEND)
    for dept, path in forms.items():
        lang = language_of(config, dept)
        fields = _fields(config, view.round, dept, lang, len(view.strategy.rows_for(dept)), path.name, w.today)
        w.write(dept, fields, lang, path, path.stem)
    return w.result


def remind_drafts(root: Path, round_id: str | None = None, out_dir: Path | None = None) -> MailResult:
    """Drafts for the departments that still owe something, each saying what (lahetys/<round>/muistutus_<date>/)."""
    project, config, view, made = _setup(root, round_id, "remind")
    forms = _blank_workbooks(project, view, made)
    today = dt.date.today()
    out_dir = Path(out_dir) if out_dir else project.root / MAIL_DIR / view.round.id / f"muistutus_{today.isoformat()}"
    w = _Writer(project, config, view.round, out_dir, texts.REMIND)
    for dept, blank in forms.items():
        owed = outstanding(view, dept)
        if not owed.owes:
            w.result.skipped.append(dept)
            continue
        attachment = _latest_return(view, owed) or blank
        lang = language_of(config, dept)
        fields = _fields(config, view.round, dept, lang, len(view.strategy.rows_for(dept)), attachment.name, today)
        fields.update(reminder_parts(owed, view, lang, fields, attachment != blank, attachment.name))
        w.write(dept, fields, lang, attachment, blank.stem)
    return w.result


def _latest_return(view: RoundView, owed: Outstanding) -> Path | None:
    """The department's return in force, where the last sync read it (None: none, or it is gone)."""
    if owed.in_force is None or not view.folder:
        return None
    path = Path(view.folder) / owed.in_force.file_name
    return path if path.is_file() else None


def reminder_parts(owed: Outstanding, view: RoundView, lang: str, fields: dict[str, str], returned: bool,
                   attachment: str) -> dict[str, str]:
    """The reminder's {status}, {missing} and {attachment}: exactly what the department still owes."""
    parts = texts.PARTS[lang]
    lines: list[str] = []
    file = owed.in_force.file_name if owed.in_force else ""
    if owed.state in ("missing", "rejected"):
        status = parts["status.missing"].format(**fields)
        if owed.state == "rejected":
            refused = next((f for f in view.findings if f.department == owed.department and f.file), None)
            status = parts["status.rejected"].format(department=owed.department, file=refused.file if refused else "",
                                                     reason=refused.message(lang) if refused else "") + " " + status
        lines.append(parts["missing.none"])
    else:
        key = "status.draft" if owed.state == "draft" else "status.errors" if owed.errors else "status.partial"
        status = parts[key].format(file=file, n=len(owed.missing))
        if owed.missing:
            lines.append(parts["missing.head"].format(n=len(owed.missing)))
            titles = _input_words(view, lang)
            for m in owed.missing:
                what = ", ".join(titles.get(i) or parts.get(f"input.{i}", i) for i in m.inputs)
                cells = f" ({', '.join(parts['cell'].format(cell=c) for c in m.cells)})" if m.cells else ""
                lines.append(f"- {m.action_id} {_clip(m.text)}: {what}{cells}")
        if owed.errors:
            lines.append(parts["errors.head"].format(n=len(owed.errors)))
            for f in owed.errors:
                where = f" ({parts['cell'].format(cell=f.cell)})" if f.cell else ""
                lines.append(f"- {f.action_id + ': ' if f.action_id else ''}{f.message(lang)}{where}. {f.hint(lang)}")
    if owed.state == "draft":     # what is left, then the step that makes it count
        lines += ["", parts["ready.todo"].format(**fields)]
    kind = "attachment.return" if returned else "attachment.blank"
    return {"status": status, "missing": "\n".join(lines), "attachment": parts[kind].format(file=attachment)}


def _input_words(view: RoundView, lang: str) -> dict[str, str]:
    """input key -> how a reminder names it: the round's own titles (none stored: the words arvio, kommentti)."""
    if view.round.inputs is None:
        return {}
    return {spec.key: spec.title for spec in shown_inputs(view.round, lang)}


def _clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
