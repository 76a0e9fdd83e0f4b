"""`seuranta contacts import FILE` (shell): department contacts from a .csv/.xlsx table into seuranta.toml.

The table has a header row with a department column, a name column and an e-mail column (Finnish,
Swedish or English titles: Vastuutaho / Ansvarig / Department, Nimi / Namn / Name, Sähköposti /
E-post / E-mail, optionally Kieli / Språk / Language); one row per person, several rows per
department. An e-mail cell may hold "Nimi <osoite>" or several addresses separated by ";".
Department names are matched to the strategy as written, through the aliases, or ignoring case and
spaces; a name that is not in the strategy is reported with the nearest one ("did you mean"), and a
bad address as invalid-contact with its cell; neither is written. The departments of the table get
exactly the table's contacts; the others keep theirs. seuranta.toml is edited in place with tomlkit,
so the coordinator's comments and layout stay (and it is written atomically, readable by its owner only).
"""
from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit

from seuranta_xl.core.cells import col_letter
from seuranta_xl.core.contacts import check_address, resolve_department, unknown_department
from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding
from seuranta_xl.core.model import Contact
from seuranta_xl.store.atomic import write_atomic
from seuranta_xl.store.project import CONFIG_NAME, Project
from seuranta_xl.strategy.tables import read_grid

HEADERS = {
    "department": ("vastuutaho", "toimiala", "osasto", "palvelualue", "ansvarig", "department", "responsible"),
    "name": ("nimi", "yhteyshenkilö", "henkilö", "namn", "kontaktperson", "name", "contact"),
    "email": ("sähköposti", "sähköpostiosoite", "sposti", "email", "epost", "emailaddress", "mail"),
    "language": ("kieli", "språk", "language"),
}
LANGUAGE_WORDS = {"suomi": "fi", "fi": "fi", "ruotsi": "sv", "svenska": "sv", "sv": "sv", "englanti": "en",
                  "english": "en", "en": "en"}    # a Kieli / Språk / Language cell -> the mail's language


@dataclass
class ContactsImport:
    language: str
    file: str
    contacts: dict[str, list[Contact]] = field(default_factory=dict)   # department -> its contacts now
    languages: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    without: list[str] = field(default_factory=list)    # departments of the strategy with no contact at all


def _key(title: str) -> str:
    return re.sub(r"[\s\-_.:]", "", title).casefold()


def _columns(grid) -> tuple[int, dict[str, int]]:
    """(0-based header row, role -> column) from the first row that has a department and an e-mail title."""
    for r in range(min(len(grid.rows), 20)):
        found: dict[str, int] = {}
        for c, title in enumerate(grid.row_texts(r)):
            for role, names in HEADERS.items():
                if _key(title) in names and role not in found:
                    found[role] = c
        if "department" in found and "email" in found:
            return r, found
    titles = ", ".join(t for t in (grid.row_texts(0) if grid.rows else []) if t) or "-"
    raise UserError("contacts-columns-missing", file=grid.file, titles=titles)


def _addresses(cell: str, name: str) -> list[tuple[str, str]]:
    """(name, address) for each address in a cell ("Maija <m@kunta.fi>; p@kunta.fi")."""
    out = []
    for part in (p.strip() for p in re.split(r"[;\n]", cell)):
        if not part:
            continue
        display, address = email.utils.parseaddr(part) if "<" in part else ("", part)
        out.append(((display or name).strip(), (address or part).strip()))
    return out


def read_contacts(path: Path, departments: list[str], aliases: dict[str, str]) -> ContactsImport:
    grid = read_grid(Path(path))
    header, cols = _columns(grid)
    result = ContactsImport(language="fi", file=Path(path).name)
    for r in range(header + 1, len(grid.rows)):
        dept_raw, mail = grid.text(r, cols["department"]), grid.text(r, cols["email"])
        if not dept_raw and not mail:
            continue
        where = {"file": result.file, "sheet": grid.sheet, "row": r + 1}
        dept = resolve_department(dept_raw, departments, aliases)
        if dept is None:
            result.findings.append(Finding(code="invalid-contact", cell=f"{col_letter(cols['department'])}{r + 1}",
                                           department=dept_raw, params={"value": dept_raw,
                                                                        **unknown_department(dept_raw, departments)},
                                           **where))
            continue
        name = grid.text(r, cols.get("name"))
        for display, address in _addresses(mail, name) or [(name, "")]:
            good, problem = check_address(address)
            if good is None:
                result.findings.append(Finding(code="invalid-contact", cell=f"{col_letter(cols['email'])}{r + 1}",
                                               department=dept, params={"value": address or "–", **(problem or {})},
                                               **where))
                continue
            result.contacts.setdefault(dept, []).append(Contact(name=display, email=good))
        lang = LANGUAGE_WORDS.get(grid.text(r, cols.get("language")).casefold())
        if lang:
            result.languages[dept] = lang
    return result


def _write(project: Project, found: ContactsImport) -> None:
    """Each imported department's contacts (and language) into seuranta.toml, the rest of the file as it was."""
    doc = tomlkit.parse(project.config_path.read_text("utf-8"))
    if "departments" not in doc:
        doc["departments"] = tomlkit.table(is_super_table=True)
    for dept, contacts in found.contacts.items():
        table = doc["departments"].get(dept) or tomlkit.table()
        people = tomlkit.array()
        for c in contacts:
            person = tomlkit.inline_table()
            person.update({"name": c.name, "email": c.email} if c.name else {"email": c.email})
            people.append(person)
        table["contacts"] = people.multiline(True)
        if dept in found.languages:
            table["language"] = found.languages[dept]
        doc["departments"][dept] = table
    write_atomic(project.config_path, tomlkit.dumps(doc), mode=0o600)


def import_contacts(root: Path, path: Path) -> ContactsImport:
    """Read the contacts table, write the good rows into seuranta.toml (checked by loading it back)."""
    project = Project(root)
    config = project.load_config()
    with project.ledger() as ledger:
        latest = ledger.strategy()
    if latest is None:
        raise UserError("no-strategy")
    departments = latest[1].departments()
    found = read_contacts(Path(path), departments, config.aliases)
    found.language = config.language
    with project.lock():
        if found.contacts:
            _write(project, found)
            config = project.load_config()     # what was written is a valid config, or config-invalid names the key
    have = {d for d in departments
            if any(resolve_department(k, [d], config.aliases) and v.contacts for k, v in config.departments.items())}
    found.without = [d for d in departments if d not in have]
    return found


__all__ = ["CONFIG_NAME", "ContactsImport", "import_contacts", "read_contacts"]
