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
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from seuranta_xl.core.model import Action, ActionRow, Strategy

TEMPLATE_VERSION = "2"

# The workbook contract: names both the writer and the reader rely on.
META_SHEET = "_seuranta"
LISTS_SHEET = "_listat"
META_KEYS = ("project_id", "round_id", "department", "template_version", "fingerprint", "signature",
             "header_row", "first_data_row", "data_sheet", "columns", "references", "ready", "inputs")
# The meta sheet's "inputs": the round's input specs as JSON (core/inputs.inputs_json; the identity signs
# their inputs_signature), or this word for grade + comment (signed as no inputs at all, as before #16).
DEFAULT_INPUTS = "default"
META_ROWS_START = 20  # row ids and row hashes are listed from this row of the meta sheet (A: id, B: hash)

# Column keys of the data sheet, in order. Titles come from contract_titles().
# Reference texts from the strategy: grey and locked, shown only when the strategy has them
# (reference_keys), signed like the structure; which of them a workbook covers is in its signed identity.
STRATEGY_REFERENCE_KEYS = ("indicator", "target", "sdg", "responsible", "schedule")
STRUCTURE_KEYS = ("id", "focus_area", "goal", "action", "department", *STRATEGY_REFERENCE_KEYS)   # the locked texts
SHEET_STRUCTURE_KEYS = ("id", "focus_area", "goal", "action", *STRATEGY_REFERENCE_KEYS)           # shown, version 2
REFERENCE_KEYS = ("prev_grade", "prev_comment")
INPUT_KEYS = ("grade", "comment")   # the default inputs' keys; a round's own: core/inputs.py
# Locked formula columns that only guide the person filling in (neither signed nor read back).
STATUS_KEYS = ("status",)
NON_INPUT_KEYS = frozenset({*STRUCTURE_KEYS, *REFERENCE_KEYS, *STATUS_KEYS})   # every column but the inputs

TITLES = {
    "fi": {"id": "ID", "focus_area": "Painopiste", "goal": "Tavoite", "action": "Toimenpide",
           "department": "Vastuutaho", "indicator": "Mittari", "target": "Mittarin tavoitetaso",
           "sdg": "SDG-tavoitteet", "responsible": "Vastuuhenkilö", "schedule": "Aikataulu",
           "prev_grade": "Edellinen arvio",
           "prev_comment": "Edellinen kommentti", "data_sheet": "Seuranta", "instructions": "Ohjeet",
           "status": "Tila"},
    "sv": {"id": "ID", "focus_area": "Fokusområde", "goal": "Mål", "action": "Åtgärd",
           "department": "Ansvarig", "indicator": "Mätare", "target": "Målnivå för mätaren",
           "sdg": "Mål för hållbar utveckling (SDG)", "responsible": "Ansvarsperson", "schedule": "Tidtabell",
           "prev_grade": "Föregående bedömning",
           "prev_comment": "Föregående kommentar", "data_sheet": "Uppföljning", "instructions": "Anvisningar",
           "status": "Status"},
    "en": {"id": "ID", "focus_area": "Focus area", "goal": "Goal", "action": "Action",
           "department": "Responsible", "indicator": "Indicator", "target": "Target level",
           "sdg": "SDG goals", "responsible": "Responsible person", "schedule": "Schedule",
           "prev_grade": "Previous grade",
           "prev_comment": "Previous comment", "data_sheet": "Follow-up", "instructions": "Instructions",
           "status": "Status"},
}


def reference_text(action: Action, key: str) -> str:
    """What a reference cell shows: the strategy's text; SDG goals as their numbers ("3, 11")."""
    if key == "sdg":
        return ", ".join(str(n) for n in action.sdg)
    return getattr(action, key) or ""


def reference_keys(strategy: Strategy) -> tuple[str, ...]:
    """The strategy's reference columns, in ``STRATEGY_REFERENCE_KEYS`` order: a key that at least one
    action has. A target level the same as the action's indicator, or a responsible person the same as its
    department (Tuusula's Vastuuhenkilö is both), adds nothing and does not make a column of its own."""
    def adds(key: str, action: Action) -> bool:
        text = reference_text(action, key)
        if key == "target":
            return bool(text) and text != (action.indicator or "")
        if key == "responsible":
            return bool(text) and text != action.department
        return bool(text)
    # one pass, asking each action only the keys not yet found, and the raw field first: an action
    # without the field cannot add its column (5 calls per action made this 63 ms at 15 000 actions)
    missing = list(STRATEGY_REFERENCE_KEYS)
    for action in strategy.actions():
        found = [k for k in missing if getattr(action, k) and adds(k, action)]
        if found:
            missing = [k for k in missing if k not in found]
            if not missing:
                break
    return tuple(k for k in STRATEGY_REFERENCE_KEYS if k not in missing)


def legacy_keys(strategy: Strategy) -> tuple[str, ...]:
    """The reference columns a workbook made before #16 covers: the indicator, when the strategy has one."""
    return ("indicator",) if strategy.has_indicators else ()


def parse_references(text: str | None) -> tuple[str, ...] | None:
    """The meta sheet's ``references`` (a JSON list of keys) as a tuple; None when the workbook has none
    (made before #16). ValueError for anything else (the identity was altered)."""
    if text is None:
        return None
    keys = json.loads(text)
    if not isinstance(keys, list) or any(k not in STRATEGY_REFERENCE_KEYS for k in keys):
        raise ValueError(f"references: not a list of reference keys: {text!r}")
    return tuple(keys)


def covered_keys(references: tuple[str, ...] | None, columns: dict) -> tuple[str, ...]:
    """The reference keys a return's identity covers: its signed ``references`` (from #16); a workbook
    made before that covers the indicator when its columns have one."""
    if references is None:
        return ("indicator",) if "indicator" in columns else ()
    return references


def _keys(references: Sequence[str] | bool) -> Sequence[str]:
    if isinstance(references, bool):   # the pre-#16 form: with or without the indicator
        return ("indicator",) if references else ()
    return references


def locked_keys(references: Sequence[str] | bool) -> list[str]:
    """The column keys of ``locked_texts``, in its order."""
    keys = _keys(references)
    return [k for k in STRUCTURE_KEYS if k not in STRATEGY_REFERENCE_KEYS or k in keys]


def locked_texts(row: ActionRow, references: Sequence[str] | bool) -> list[str]:
    """The texts a row's hash covers: the structure, then each covered reference key in
    ``STRATEGY_REFERENCE_KEYS`` order (``True``/``False``: the indicator or none, as before #16)."""
    keys = _keys(references)
    texts = [row.id, row.focus_area, row.goal, row.action.text, row.action.department]
    texts += [reference_text(row.action, k) for k in STRATEGY_REFERENCE_KEYS if k in keys]
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
    inputs: str = ""       # core/inputs.inputs_signature of the round's inputs ("": grade + comment, as always)
    # The reference keys the row hashes cover (meta key "references", a JSON list, from #16); None for a
    # workbook made before it (it covers the indicator when it shows one, and is signed without the list).
    references: tuple[str, ...] | None = None
    # The ready block's cells on the data sheet, e.g. '{"mark":"E2","approver":"E3"}' (core/ready.py); ""
    # for a workbook made before the ready step: signed only when present, so such a return verifies as before.
    ready: str = ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.row_ids, self.row_hashes)

    def canonical(self) -> bytes:
        body = {"project_id": self.project_id, "round_id": self.round_id, "department": self.department,
                "template_version": self.template_version, "fingerprint": self.fingerprint}
        if self.references is not None:
            body["references"] = list(self.references)
        if self.ready:
            body["ready"] = self.ready
        if self.inputs:    # absent for the default inputs: every workbook made before #16 verifies as it did
            body["inputs"] = self.inputs
        return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def sign(self, secret: str) -> str:
        return hmac.new(bytes.fromhex(secret), self.canonical(), hashlib.sha256).hexdigest()

    def verify(self, signature: str | None, secret: str) -> bool:
        if not signature:
            return False
        return hmac.compare_digest(self.sign(secret), signature.strip().lower())


def identity_for(project_id: str, round_id: str, department: str, rows: list[ActionRow],
                 references: Sequence[str] | bool, ready: str = "", inputs: str = "") -> Identity:
    """A workbook's identity; ``references`` the reference keys it covers (a bool: the form before #16,
    signed without the list); ``ready`` the ready block's cells (core/ready.py), "" for none; ``inputs``
    the round's inputs_signature (core/inputs.py), "" for grade + comment."""
    signed = None if isinstance(references, bool) else tuple(k for k in STRATEGY_REFERENCE_KEYS if k in references)
    return Identity(project_id=project_id, round_id=round_id, department=department,
                    row_ids=[r.id for r in rows],
                    row_hashes=[row_hash(locked_texts(r, references)) for r in rows], references=signed,
                    ready=ready, inputs=inputs)


def department_fingerprints(strategy: Strategy, references: Sequence[str] | None = None) -> dict[str, str]:
    """department -> the fingerprint of its workbook's locked rows in ``strategy``: what a strategy change
    makes outdated, and what a workbook made from it carries (``references``: default the strategy's)."""
    keys = reference_keys(strategy) if references is None else tuple(references)
    return {d: identity_for("", "", d, rows, keys).fingerprint
            for d, rows in strategy.rows_by_department().items()}


def known_fingerprints(strategy: Strategy) -> dict[str, set[str]]:
    """department -> the fingerprints a workbook of ``strategy`` may carry: today's, and that of a workbook
    made before #16 (indicator only), whose texts are just as current."""
    now = department_fingerprints(strategy)
    before = department_fingerprints(strategy, legacy_keys(strategy))
    return {d: {fp, before[d]} for d, fp in now.items()}
