"""The municipality's own message text (shell: reads and writes viestipohjat/*.txt).

A template file is "Aihe: <subject>", an empty line, then the body; #-lines at its top are notes.
{placeholders} are filled by str.format; an unknown one, or a brace left open, stops the command with
one line that names the file, the line and the known names. The first run writes the default text
in the project's language (texts.TEMPLATES) so that there is a file to edit.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

from seuranta_xl.core.errors import UserError
from seuranta_xl.outputs.mail import texts
from seuranta_xl.store.atomic import write_atomic

TEMPLATES_DIR = "viestipohjat"


@dataclass(frozen=True)
class Template:
    path: Path
    subject: str
    body: str
    created: bool          # written now from the default text


def known_names(kind: str) -> list[str]:
    return [k for k in texts.PLACEHOLDERS if kind == texts.REMIND or k not in texts.REMIND_ONLY]


def _check(path: Path, lines: list[tuple[int, str]], kind: str) -> None:
    known = set(known_names(kind))
    for number, line in lines:
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(line) if name is not None]
        except ValueError as exc:   # a single { or }
            raise UserError("template-invalid", file=str(path), line=number, detail=str(exc)) from None
        for name in names:
            if name not in known:
                raise UserError("template-placeholder-unknown", file=str(path), line=number, name=name or "{}",
                                known=", ".join("{" + k + "}" for k in known_names(kind)))


def parse_template(path: Path, source: str, kind: str) -> tuple[str, str]:
    """(subject, body) of a template file's text; UserError naming the line for what is wrong."""
    lines = source.replace("\r\n", "\n").split("\n")
    numbered = [(i + 1, line) for i, line in enumerate(lines)]
    while numbered and (numbered[0][1].startswith("#") or not numbered[0][1].strip()):
        numbered.pop(0)
    if not numbered or ":" not in numbered[0][1] or \
            numbered[0][1].split(":", 1)[0].strip().casefold() not in texts.SUBJECT_WORDS:
        raise UserError("template-invalid", file=str(path), line=numbered[0][0] if numbered else 1,
                        detail="Aihe: … / Ämne: … / Subject: …")
    _check(path, numbered, kind)
    subject = numbered[0][1].split(":", 1)[1].strip()
    body = "\n".join(line for _, line in numbered[1:]).strip("\n") + "\n"
    return subject, body


def template_path(root: Path, kind: str, lang: str, project_lang: str) -> Path:
    """viestipohjat/lahetys.txt in the project's language; viestipohjat/lahetys.sv.txt for a department
    whose mail is in another language."""
    name = texts.FILE_NAMES[kind]
    if lang != project_lang:
        name = f"{name.rsplit('.', 1)[0]}.{lang}.txt"
    return Path(root) / TEMPLATES_DIR / name


def load_template(root: Path, kind: str, lang: str, project_lang: str | None = None) -> Template:
    """The project's template of ``kind`` (send / remind) in ``lang``; written from the default first
    when the project has none."""
    path = template_path(root, kind, lang, project_lang or lang)
    created = False
    if not path.exists():
        default = texts.template_help(kind, lang) + texts.TEMPLATES[kind][lang]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, default)
        except OSError as exc:
            raise UserError("folder-not-created", path=str(path.parent), reason=exc.strerror or str(exc)) from None
        created = True
    try:
        source = path.read_text("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError("template-invalid", file=str(path), line=1, detail="UTF-8") from None
    subject, body = parse_template(path, source, kind)
    return Template(path, subject, body, created)


def render(template: Template, fields: dict[str, str]) -> tuple[str, str]:
    """(subject, body) with the placeholders filled; a subject is one line."""
    subject = " ".join(template.subject.format(**fields).split())
    return subject, template.body.format(**fields)
