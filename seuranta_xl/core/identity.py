"""A department workbook's identity and its HMAC signature (pure: no I/O).

What is signed: project id, round id, department, template version, the row ids in order and a
fingerprint of the locked texts of each row. Everything is stored in the workbook as strings (a
LibreOffice save keeps strings but turns an integer property into a float and veryHidden into hidden),
so a return saved by LibreOffice verifies exactly like one saved by Excel.

Template versions: "1" showed every structure column on the data sheet, the department on every row;
"2" (#14) leaves the department column out (``SHEET_STRUCTURE_KEYS``): the department is in the signed
identity, the title block and the page footer. The row hashes cover the same texts in both
(``locked_texts``, the department's name included), and a return is read by the columns its own meta
sheet lists, so a version 1 return is read, and its department cells checked, as before.
"""
from __future__ import annotations

import hashlib
import hmac
import json

from pydantic import BaseModel, ConfigDict

from seuranta_xl.core.model import ActionRow

TEMPLATE_VERSION = "2"

# The workbook contract: names both the writer and the reader rely on.
META_SHEET = "_seuranta"
LISTS_SHEET = "_listat"
META_KEYS = ("project_id", "round_id", "department", "template_version", "fingerprint", "signature",
             "header_row", "first_data_row", "data_sheet", "columns", "ready")
META_ROWS_START = 20  # row ids and row hashes are listed from this row of the meta sheet (A: id, B: hash)

# Column keys of the data sheet, in order. Titles come from contract_titles().
STRUCTURE_KEYS = ("id", "focus_area", "goal", "action", "department", "indicator")   # the locked texts
SHEET_STRUCTURE_KEYS = ("id", "focus_area", "goal", "action", "indicator")           # shown, version 2
REFERENCE_KEYS = ("prev_grade", "prev_comment")
INPUT_KEYS = ("grade", "comment")
# Locked formula columns that only guide the person filling in (neither signed nor read back).
STATUS_KEYS = ("status",)

TITLES = {
    "fi": {"id": "ID", "focus_area": "Painopiste", "goal": "Tavoite", "action": "Toimenpide",
           "department": "Vastuutaho", "indicator": "Mittari", "prev_grade": "Edellinen arvio",
           "prev_comment": "Edellinen kommentti", "data_sheet": "Seuranta", "instructions": "Ohjeet",
           "status": "Tila"},
    "sv": {"id": "ID", "focus_area": "Fokusområde", "goal": "Mål", "action": "Åtgärd",
           "department": "Ansvarig", "indicator": "Mätare", "prev_grade": "Föregående bedömning",
           "prev_comment": "Föregående kommentar", "data_sheet": "Uppföljning", "instructions": "Anvisningar",
           "status": "Status"},
    "en": {"id": "ID", "focus_area": "Focus area", "goal": "Goal", "action": "Action",
           "department": "Responsible", "indicator": "Indicator", "prev_grade": "Previous grade",
           "prev_comment": "Previous comment", "data_sheet": "Follow-up", "instructions": "Instructions",
           "status": "Status"},
}


def locked_texts(row: ActionRow, with_indicator: bool) -> list[str]:
    texts = [row.id, row.focus_area, row.goal, row.action.text, row.action.department]
    if with_indicator:
        texts.append(row.action.indicator or "")
    return texts


def row_hash(texts: list[str]) -> str:
    """A short hash of one row's locked texts (normalised line endings)."""
    norm = "\x1f".join((t or "").replace("\r\n", "\n").replace("\r", "\n") for t in texts)
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def fingerprint(row_ids: list[str], row_hashes: list[str]) -> str:
    payload = "\x1e".join(f"{i}\x1f{h}" for i, h in zip(row_ids, row_hashes, strict=True))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Identity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    project_id: str
    round_id: str
    department: str
    template_version: str = TEMPLATE_VERSION
    row_ids: list[str]
    row_hashes: list[str]
    # The ready block's cells on the data sheet, e.g. '{"mark":"E2","approver":"E3"}' (core/ready.py); ""
    # for a workbook made before the ready step: signed only when present, so such a return verifies as before.
    ready: str = ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.row_ids, self.row_hashes)

    def canonical(self) -> bytes:
        body = {"project_id": self.project_id, "round_id": self.round_id, "department": self.department,
                "template_version": self.template_version, "fingerprint": self.fingerprint}
        if self.ready:
            body["ready"] = self.ready
        return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def sign(self, secret: str) -> str:
        return hmac.new(bytes.fromhex(secret), self.canonical(), hashlib.sha256).hexdigest()

    def verify(self, signature: str | None, secret: str) -> bool:
        if not signature:
            return False
        return hmac.compare_digest(self.sign(secret), signature.strip().lower())


def identity_for(project_id: str, round_id: str, department: str, rows: list[ActionRow],
                 with_indicator: bool, ready: str = "") -> Identity:
    return Identity(project_id=project_id, round_id=round_id, department=department,
                    row_ids=[r.id for r in rows],
                    row_hashes=[row_hash(locked_texts(r, with_indicator)) for r in rows], ready=ready)


def department_fingerprints(strategy) -> dict[str, str]:
    """department -> the fingerprint of its workbook's locked rows in ``strategy`` (a Strategy): what a
    strategy change makes outdated, and what a workbook made from it carries."""
    with_indicator = strategy.has_indicators
    return {d: identity_for("", "", d, rows, with_indicator).fingerprint
            for d, rows in strategy.rows_by_department().items()}
