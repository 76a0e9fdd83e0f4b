"""A round's input columns as data (pure: no I/O).

A round asks its departments for a set of inputs: at most one grade on the round's scale (key
``grade``), a comment (key ``comment``, a text) and any number of further columns of kind text
(max length), number (min, max, unit, decimals), choice (a list of values) or date. Every layer —
the workbook's columns, validation and status formula, the signed identity, reading, the ledger,
the merge, master, export, report, add-in — is driven by this one list.

A round with no stored inputs (every round before schema 4) asks grade + comment exactly as before:
``default_inputs``. Presets live in workbook_templates/inputs.toml; a coordinator adds their own under
``[inputs.NAME]`` in seuranta.toml (docs/inputs.md).

Values are kept as canonical text: a number as ``40`` or ``40.5`` (a point, no unit), a date as ISO
``2025-05-15``, a choice as the value as the preset spells it, a text as written.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

InputKind = Literal["grade", "text", "number", "choice", "date"]
GRADE, COMMENT = "grade", "comment"
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,29}$")
# Keys the workbook, the export and the JSON already use for something else.
RESERVED_KEYS = frozenset({"id", "focus_area", "goal", "action", "department", "indicator", "prev_grade",
                           "prev_comment", "status", "round", "action_id", "painopiste", "tavoite",
                           "toimenpide", "source_file", "received_at", "grade_label", "grade_text",
                           "target", "sdg", "responsible", "schedule",     # the strategy's reference columns
                           "ready", "approver"})                            # the ready block (core/ready.py)
TEXT_MAX = 32767       # an Excel cell holds at most this many characters
NUMBER_LIMIT = 1e15    # the bounds of a number column without min / max (Excel's validation needs two)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InputSpec(_Model):
    """One input column of a round."""

    key: str
    kind: InputKind = "text"
    title: str = ""                     # the workbook's title; "" for grade / comment: [columns] in seuranta.toml
    titles: dict[Literal["fi", "sv", "en"], str] = Field(default_factory=dict)   # per language, over title
    required: bool = False
    max_length: int | None = Field(default=None, ge=1, le=TEXT_MAX)   # text
    min: float | None = None            # number
    max: float | None = None            # number
    unit: str = Field(default="", max_length=20)   # number: shown beside the title and in the prompt
    decimals: int | None = Field(default=None, ge=0, le=6)   # number: at most this many decimals
    choices: list[str] = Field(default_factory=list)   # choice
    min_date: dt.date | None = None     # date
    max_date: dt.date | None = None     # date

    @field_validator("key")
    @classmethod
    def _key(cls, v: str) -> str:
        if not KEY_PATTERN.match(v):
            raise ValueError(f"key must be lower-case letters a-z, digits and '_', starting with a letter, "
                             f"at most 30 characters; got {v!r}")
        if v in RESERVED_KEYS:
            raise ValueError(f"key {v!r} is reserved (a column the workbook or the export already has)")
        return v

    @field_validator("choices")
    @classmethod
    def _choices(cls, v: list[str]) -> list[str]:
        cleaned = [c.strip() for c in v]
        if any(not c for c in cleaned):
            raise ValueError("a choice must not be empty")
        folded = [c.casefold() for c in cleaned]
        dup = sorted({c for c in folded if folded.count(c) > 1})
        if dup:
            raise ValueError(f"duplicate choice {dup[0]!r}")
        return cleaned

    @model_validator(mode="after")
    def _kind_fields(self) -> InputSpec:
        if (self.key == GRADE) != (self.kind == "grade"):
            raise ValueError("the grade is the input with key 'grade' and kind 'grade' (one needs the other)")
        if self.key == COMMENT and self.kind != "text":
            raise ValueError("the input 'comment' is of kind 'text'")
        own = {"text": {"max_length"}, "number": {"min", "max", "unit", "decimals"}, "choice": {"choices"},
               "date": {"min_date", "max_date"}, "grade": set()}[self.kind]
        for name in ("max_length", "min", "max", "unit", "decimals", "choices", "min_date", "max_date"):
            if name not in own and getattr(self, name) not in (None, "", []):
                raise ValueError(f"{name} belongs to another kind of input than {self.kind!r}")
        if self.kind == "choice" and len(self.choices) < 2:
            raise ValueError("a choice input needs at least two choices")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is greater than max")
        if self.min_date and self.max_date and self.min_date > self.max_date:
            raise ValueError("min_date is after max_date")
        return self

    def title_in(self, lang: str) -> str:
        return self.titles.get(lang) or self.title or self.key  # type: ignore[call-overload]

    @property
    def low(self) -> float:
        return self.min if self.min is not None else -NUMBER_LIMIT

    @property
    def high(self) -> float:
        return self.max if self.max is not None else NUMBER_LIMIT


class InputPreset(_Model):
    """A named set of inputs (workbook_templates/inputs.toml, ``[inputs.NAME]`` in seuranta.toml)."""

    description: str = ""
    scale: str | None = None            # the grade's scale preset, when the round names none
    columns: list[InputSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> InputPreset:
        keys = [c.key for c in self.columns]
        dup = sorted({k for k in keys if keys.count(k) > 1})
        if dup:
            raise ValueError(f"columns: duplicate key {dup[0]!r}")
        return self


def default_inputs() -> tuple[InputSpec, ...]:
    """What a round asks when it stores no inputs: grade (required) + comment, as before schema 4."""
    return (InputSpec(key=GRADE, kind="grade", required=True), InputSpec(key=COMMENT, kind="text"))


def stored_inputs(rnd) -> tuple[InputSpec, ...]:
    """The inputs a round (a Round) stores, unresolved: keys, kinds and whether required (no stored set:
    grade + comment, as before schema 4)."""
    return tuple(rnd.inputs) if rnd.inputs is not None else default_inputs()


def resolve(specs: list[InputSpec] | tuple[InputSpec, ...] | None, lang: str, grade_title: str,
            comment_title: str, comment_max: int) -> tuple[InputSpec, ...]:
    """The round's inputs with every title in the project's language and every text's limit filled in."""
    out = []
    for s in specs if specs is not None else default_inputs():
        fallback = grade_title if s.key == GRADE else comment_title if s.key == COMMENT else s.key
        title = s.titles.get(lang) or s.title or fallback  # type: ignore[call-overload]
        update: dict[str, Any] = {"title": title, "titles": {}}
        if s.kind == "text" and s.max_length is None:
            update["max_length"] = comment_max
        out.append(s.model_copy(update=update))
    return tuple(out)


def input_title(spec: InputSpec) -> str:
    """The column title of a resolved input in the workbook: its title, with a number's unit when the
    title does not already show it ("Toteutunut arvo (%)")."""
    if spec.kind == "number" and spec.unit and spec.unit not in spec.title:
        return f"{spec.title} ({spec.unit})"
    return spec.title


PREVIOUS_WORD = {"fi": "Edellinen", "sv": "Föregående", "en": "Previous"}


def previous_text_title(specs: tuple[InputSpec, ...], lang: str) -> str | None:
    """The previous round's text column's title in a round without a comment whose first text input is
    shown there ("Edellinen toteuma"); None when the column keeps its own title (Edellinen kommentti).
    The writer titles the column by it and the reader re-finds a moved column by it."""
    texts = [spec for spec in specs if spec.kind == "text"]
    if not texts or any(spec.key == COMMENT for spec in specs):
        return None
    title = texts[0].title
    return f"{PREVIOUS_WORD.get(lang, PREVIOUS_WORD['fi'])} {title[:1].lower()}{title[1:]}"


def round_inputs(rnd, config) -> tuple[InputSpec, ...]:
    """The inputs of a round (a Round) under a project's config (a Config), resolved."""
    return resolve(rnd.inputs, config.language, config.columns.grade, config.columns.comment,
                   config.comments.max_length)


def extra(specs: tuple[InputSpec, ...]) -> tuple[InputSpec, ...]:
    """The inputs other than grade and comment (their values live in Entry.values)."""
    return tuple(s for s in specs if s.key not in (GRADE, COMMENT))


def has_grade(specs: tuple[InputSpec, ...]) -> bool:
    return any(s.key == GRADE for s in specs)


def inputs_signature(specs: list[InputSpec] | tuple[InputSpec, ...] | None) -> str:
    """What the signed identity holds of a round's inputs: "" for the default (so every workbook made
    before inputs were data verifies as it did), else a short hash of each input's key, kind and rules."""
    if specs is None:
        return ""
    body = [s.model_dump(mode="json", exclude={"title", "titles"}) for s in specs]
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def inputs_json(specs: list[InputSpec] | tuple[InputSpec, ...] | None) -> str | None:
    if specs is None:
        return None
    return json.dumps([s.model_dump(mode="json", exclude_defaults=True) for s in specs], ensure_ascii=False)


def inputs_from_json(text: str | None) -> list[InputSpec] | None:
    if not text:
        return None
    return [InputSpec.model_validate(item) for item in json.loads(text)]


def is_filled(specs: tuple[InputSpec, ...] | list[InputSpec], value_of) -> bool:
    """Whether an action is filled in: every required input has a value (no input required: any has
    one). ``value_of(key)`` gives the value in force of an input (None: empty)."""
    required = [s for s in specs if s.required]
    if required:
        return all(value_of(s.key) not in (None, "") for s in required)
    return any(value_of(s.key) not in (None, "") for s in specs)


# --------------------------------------------------------------------------- values
def number_text(value: float) -> str:
    """A number as the ledger keeps it: 40 -> "40", 40.5 -> "40.5" (no exponent for ordinary numbers)."""
    if float(value).is_integer() and abs(value) < NUMBER_LIMIT:
        return str(int(value))
    return format(value, ".15g") if "e" not in format(value, ".15g") else repr(float(value))


_NUMBER = re.compile(r"^[+-]?(\d{1,3}([ \u00a0\u202f]\d{3})+|\d+)([.,]\d+)?$")
_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_number(raw: Any) -> float | None:
    """A cell's number: a numeric cell, or text that is only a number ("40", "40,5", "1 200"); None
    for anything else ("noin 40 %", "40 %": never a guess)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not _NUMBER.match(text):
        return None
    return float(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))


def parse_date(raw: Any) -> dt.date | None:
    """A cell's date: a date cell, or text as ``15.5.2025`` or ``2025-05-15``; None for anything else."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    m = _FI_DATE.match(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        return None
    return None


def parse_choice(spec: InputSpec, raw: Any) -> str | None:
    """The choice a cell holds (case and surrounding spaces aside), or None."""
    if raw is None or isinstance(raw, bool):
        return None
    text = number_text(raw) if isinstance(raw, (int, float)) else str(raw)
    folded = text.strip().casefold()
    return next((c for c in spec.choices if c.casefold() == folded), None)


def decimals_of(value: float) -> int:
    text = number_text(value)
    return len(text.split(".", 1)[1]) if "." in text else 0


def number_shown(value: float, lang: str) -> str:
    """A number as a person of ``lang`` reads it: a decimal comma in fi and sv."""
    text = number_text(value)
    return text.replace(".", ",") if lang in ("fi", "sv") else text


def date_shown(value: dt.date, lang: str) -> str:
    """A date as 15.5.2025 (fi, sv) or 2025-05-15 (en)."""
    return f"{value.day}.{value.month}.{value.year}" if lang in ("fi", "sv") else value.isoformat()


def number_example(spec: InputSpec) -> float:
    """The number an input's prompt and its finding give as an example: the middle of its range."""
    low = spec.min if spec.min is not None else 0
    high = spec.max if spec.max is not None else low + 100
    return round((low + high) / 2, spec.decimals if spec.decimals is not None else 1)


def show_value(spec: InputSpec, value: str | None, lang: str = "fi") -> str:
    """A stored value as a person reads it: a number with a decimal comma (fi, sv) and its unit, a date
    as 15.5.2025 (fi, sv) or 2025-05-15 (en), anything else as it is."""
    if value is None or value == "":
        return ""
    if spec.kind == "number":
        text = value.replace(".", ",") if lang in ("fi", "sv") else value
        return f"{text} {spec.unit}".strip()
    if spec.kind == "date":
        try:
            return date_shown(dt.date.fromisoformat(value), lang)
        except ValueError:
            return value
    return value


def typed_value(spec: InputSpec, value: str | None) -> Any:
    """A stored value typed for JSON and the frames: a number as a number, anything else as text."""
    if value is None or spec.kind != "number":
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if number.is_integer() else number
