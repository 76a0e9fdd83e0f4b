"""One mail draft as an .eml file (shell: the standard library's email package; the tool never sends mail).

- Headers through ``email.policy.default``: a non-ASCII subject or display name becomes an RFC 2047
  encoded word (=?utf-8?q?…?=), addresses stay ASCII (core/contacts.py refuses SMTPUTF8 local parts
  and turns IDNA domains into xn--), lines end in CRLF as RFC 5322 says.
- ``X-Unsent: 1``: Outlook (Windows and Mac) opens the file as a new message ready to send, from the
  user's own account. No Date and no Message-ID: the program that sends it sets them.
- The body is text/plain UTF-8, quoted-printable (safe through any gateway).
- The workbook is attached as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, its
  name both as RFC 2231 ``filename*`` (the standard) and as an RFC 2047 ``name`` on the Content-Type
  (what Outlook and older programs read), so "2024-kevat_Elinvoima ja asuinympäristö.xlsx" arrives
  with its ä.
"""
from __future__ import annotations

import email.policy
from dataclasses import dataclass
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
# refold_source="none": a header given here as already folded text is written as it is. Python's own
# refolding of a long Content-Type with a non-ASCII parameter turns the MIME type itself into encoded
# words (application/=?utf-8?q?vnd=2Eopen…?=), which no program can read.
POLICY = email.policy.default.clone(linesep="\r\n", refold_source="none")


@dataclass(frozen=True)
class Draft:
    to: list[tuple[str, str]]           # (display name, address), addresses checked already
    subject: str
    body: str
    attachment_name: str
    attachment: bytes
    sender: tuple[str, str] | None = None


def _address(name: str, address: str) -> Address:
    user, _, domain = address.rpartition("@")
    return Address(display_name=name, username=user, domain=domain)


def build_message(draft: Draft) -> EmailMessage:
    msg = EmailMessage(policy=POLICY)
    msg["X-Unsent"] = "1"
    if draft.sender is not None:
        msg["From"] = _address(*draft.sender)
    msg["To"] = [_address(n, a) for n, a in draft.to] if draft.to else ""
    msg["Subject"] = draft.subject
    msg.set_content(draft.body, charset="utf-8", cte="quoted-printable")
    msg.add_attachment(draft.attachment, maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1],
                       filename=draft.attachment_name)
    part = list(msg.iter_attachments())[-1]
    del part["Content-Type"]
    name = draft.attachment_name if draft.attachment_name.isascii() else \
        Header(draft.attachment_name, "utf-8").encode(maxlinelen=998)
    part.set_raw("Content-Type", f"{XLSX_TYPE[0]}/{XLSX_TYPE[1]};\r\n name=\"{name}\"")
    return msg


def draft_bytes(draft: Draft) -> bytes:
    return build_message(draft).as_bytes(policy=POLICY)
