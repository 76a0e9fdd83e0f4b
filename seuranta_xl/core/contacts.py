"""Department contacts (pure: no I/O): which addresses are usable, and what is wrong with the others.

The addresses come from seuranta.toml (`[departments."Name"]`, `contacts = [{name, email}]`) or from a
contacts table (`seuranta contacts import`). An address is checked with email-validator (the validator
pydantic's EmailStr uses; syntax only, never a DNS look-up): it knows the RFC 5321/5322 rules that a
hand-written pattern gets wrong (quoted local parts, IDNA domains, length limits). Characters outside
ASCII before the @ are refused too (SMTPUTF8): many municipal mail servers do not take them and
Outlook cannot address them. A bad address is an invalid-contact finding, never an error that stops
a command; a department with no usable address gets missing-contact where a draft is written.
"""
from __future__ import annotations

from dataclasses import dataclass


from seuranta_xl.core.findings import Finding
from seuranta_xl.core.model import Config, Contact
from seuranta_xl.core.textmatch import closest

# What email-validator says (English), in Finnish, Swedish and English words: (start of its message, texts)
_PROBLEMS: list[tuple[str, dict[str, str]]] = [
    ("An email address must have an @-sign", {
        "fi": "osoitteesta puuttuu @-merkki", "sv": "adressen saknar @-tecken", "en": "the address has no @ sign"}),
    ("There must be something", {
        "fi": "@-merkin edeltä tai jäljestä puuttuu osa", "sv": "en del saknas före eller efter @-tecknet",
        "en": "a part is missing before or after the @ sign"}),
    ("Internationalized characters before the @-sign", {
        "fi": "ääkköset ja muut erikoismerkit eivät käy @-merkin edellä", "sv": "å, ä, ö och andra specialtecken "
        "duger inte före @-tecknet", "en": "letters such as ä or ö are not accepted before the @ sign"}),
    ("The part after the @-sign is not valid. It should have a period", {
        "fi": "verkkotunnuksesta puuttuu piste (esim. kunta.fi)", "sv": "domänen saknar punkt (t.ex. kommun.fi)",
        "en": "the domain has no dot (e.g. kunta.fi)"}),
    ("A display name and angle brackets", {
        "fi": "anna pelkkä osoite, ilman nimeä ja kulmasulkeita", "sv": "ange bara adressen, utan namn och vinkelparenteser",
        "en": "give the address alone, without a name and angle brackets"}),
    ("An email address cannot have two periods in a row", {
        "fi": "osoitteessa on kaksi pistettä peräkkäin", "sv": "adressen har två punkter i rad",
        "en": "the address has two dots in a row"}),
]
_INVALID_CHARACTERS = {"fi": "osoitteessa on merkki, joka ei käy osoitteeseen ({detail})",
                       "sv": "adressen har ett tecken som inte duger i en adress ({detail})",
                       "en": "the address holds a character an address cannot have ({detail})"}
_OTHER = {"fi": "osoite ei ole kelvollinen ({detail})", "sv": "adressen är inte giltig ({detail})",
          "en": "the address is not valid ({detail})"}
_UNKNOWN_DEPARTMENT = {"fi": "vastuutahoa ei ole strategiassa{hint}", "sv": "den ansvariga finns inte i strategin{hint}",
                       "en": "the department is not in the strategy{hint}"}
_DID_YOU_MEAN = {"fi": "; tarkoititko ”{name}”?", "sv": "; menade du ”{name}”?", "en": "; did you mean “{name}”?"}


def problem_texts(detail: str) -> dict[str, str]:
    """email-validator's reason in the three languages (the params problem_fi, problem_sv, problem_en)."""
    for start, texts in _PROBLEMS:
        if detail.startswith(start):
            return {f"problem_{lang}": t for lang, t in texts.items()}
    chosen = _INVALID_CHARACTERS if "invalid characters" in detail else _OTHER
    return {f"problem_{lang}": t.format(detail=detail.rstrip(".")) for lang, t in chosen.items()}


def check_address(address: str) -> tuple[str | None, dict[str, str] | None]:
    """(the address as it goes into a mail header, None) or (None, the problem in words)."""
    from email_validator import EmailNotValidError, validate_email   # 25 ms of imports: only where addresses are
    try:
        found = validate_email(address.strip(), check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        return None, problem_texts(str(exc))
    return found.ascii_email or found.normalized, None


def unknown_department(name: str, departments: list[str]) -> dict[str, str]:
    """The problem texts for a department name that is not in the strategy, with a "did you mean"."""
    near = closest(name, departments, limit=1)
    out = {}
    for lang, template in _UNKNOWN_DEPARTMENT.items():
        hint = _DID_YOU_MEAN[lang].format(name=near[0]) if near else ""
        out[f"problem_{lang}"] = template.format(hint=hint)
    return out


def resolve_department(name: str, departments: list[str], aliases: dict[str, str]) -> str | None:
    """The strategy's name for ``name`` (as written, through an alias, or differing only in case and
    spaces); None when it is not a department of the strategy."""
    name = " ".join(name.split())
    name = aliases.get(name, name)
    if name in departments:
        return name
    folded = {" ".join(d.split()).casefold(): d for d in departments}
    return folded.get(name.casefold())


@dataclass(frozen=True)
class Recipients:
    """A department's usable addresses ("Name <address>" pairs) and the findings about the rest."""

    addresses: list[tuple[str, str]]     # (display name, address)
    findings: list[Finding]


def recipients(department: str, contacts: list[Contact], where: str) -> Recipients:
    good: list[tuple[str, str]] = []
    findings: list[Finding] = []
    for c in contacts:
        address, problem = check_address(c.email)
        if address is None:
            findings.append(Finding(code="invalid-contact", file=where, department=department,
                                    params={"value": c.email, **(problem or {})}))
        else:
            good.append((c.name.strip(), address))
    return Recipients(good, findings)


def contact_findings(config: Config, departments: list[str], where: str = "seuranta.toml") -> list[Finding]:
    """invalid-contact for every configured address that is not usable and every configured department
    that is not in the strategy (with the nearest name)."""
    findings: list[Finding] = []
    for name, settings in config.departments.items():
        if resolve_department(name, departments, config.aliases) is None:
            findings.append(Finding(code="invalid-contact", file=where, department=name,
                                    params={"value": name, **unknown_department(name, departments)}))
            continue
        findings += recipients(name, settings.contacts, where).findings
    return findings


def contacts_of(config: Config, department: str) -> list[Contact]:
    """The department's contacts from the config (its own key, or a key that resolves to it)."""
    out: list[Contact] = []
    for name, settings in config.departments.items():
        if resolve_department(name, [department], config.aliases) == department:
            out += settings.contacts
    return out


def language_of(config: Config, department: str) -> str:
    """The language of the department's mail: its own setting, else the project's."""
    for name, settings in config.departments.items():
        if settings.language and resolve_department(name, [department], config.aliases) == department:
            return settings.language
    return config.language
