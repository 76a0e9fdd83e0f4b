"""Core data model (pure: no I/O).

The strategy hierarchy is painopiste (FocusArea) -> strateginen tavoite (Goal) -> toimenpide (Action).
Every action is owned by one vastuutaho (Department). A Round asks every department to grade its
actions on a Scale; what a department returned becomes Entries.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import weakref
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from seuranta_xl.core.findings import Finding
from seuranta_xl.core.inputs import InputPreset, InputSpec

Language = Literal["fi", "sv", "en"]
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")

_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
ROUND_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


# --------------------------------------------------------------------------- scale
class ScaleStep(_Model):
    value: str = Field(min_length=1, max_length=40)
    label: str = Field(min_length=1, max_length=250)
    colour: str = "#FFFFFF"
    # What the step means, in words, per language (fi, sv, en): the workbook's instructions say it for a
    # step whose label is only its value ("3"). Defaults in workbook_templates/scales.toml.
    meaning: dict[str, str] = Field(default_factory=dict)

    def meaning_in(self, lang: str) -> str:
        """The step in words: its meaning in ``lang`` (else Finnish), else its label."""
        return self.meaning.get(lang) or self.meaning.get("fi") or self.label

    @field_validator("value", "label")
    @classmethod
    def _strip(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("must not be empty")
        return v

    @field_validator("colour")
    @classmethod
    def _colour(cls, v: str) -> str:
        if not _HEX_COLOUR.match(v):
            raise ValueError(f"colour must look like #RRGGBB, got {v!r}")
        return v.upper()

    @property
    def number(self) -> float | None:
        try:
            return float(self.value.replace(",", "."))
        except ValueError:
            return None

    @property
    def display(self) -> str:
        """What a person sees in a grade cell and a report: the value, plus the label if it adds words."""
        if self.label == self.value:
            return self.value
        if self.number is not None:
            return f"{self.value} {self.label}"
        return f"{self.value} ({self.label})"


class Scale(_Model):
    """Ordered steps, lowest first; the last step is 'done'."""

    name: str = Field(min_length=1)
    description: str = ""
    steps: list[ScaleStep] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique(self) -> Scale:
        seen: set[str] = set()
        for step in self.steps:
            key = step.value.casefold()
            if key in seen:
                raise ValueError(f"steps: duplicate value {step.value!r}")
            seen.add(key)
        labels = [s.label.casefold() for s in self.steps]
        dup = {lab for lab in labels if labels.count(lab) > 1}
        if dup:
            raise ValueError(f"steps: duplicate label {sorted(dup)[0]!r}")
        return self

    @property
    def values(self) -> list[str]:
        return [s.value for s in self.steps]

    @property
    def numeric(self) -> bool:
        return all(s.number is not None for s in self.steps)

    @property
    def top(self) -> ScaleStep:
        return self.steps[-1]

    @functools.cached_property
    def step_index(self) -> dict[str, ScaleStep]:
        """Casefolded value -> step (a scale is never changed after it is made; step() is a hot path)."""
        return {s.value.casefold(): s for s in self.steps}

    def step(self, value: str | None) -> ScaleStep | None:
        if value is None:
            return None
        return self.step_index.get(value.strip().casefold())

    @functools.cached_property
    def rank_index(self) -> dict[str, int]:
        """Casefolded value -> its position (list.index would compare pydantic models field by field)."""
        return {s.value.casefold(): i for i, s in enumerate(self.steps)}

    def rank(self, value: str | None) -> int | None:
        """Position of a value on the scale (0 = lowest), or None if it is not on the scale."""
        if value is None:
            return None
        return self.rank_index.get(value.strip().casefold())

    def parse(self, raw: object) -> ScaleStep | None:
        """Map what a person typed (or a spreadsheet stored) to a step, or None if it is not one.

        Accepts the exact value, a float that equals an integer value (4.0 -> "4"), surrounding
        spaces, and the value followed by its label ("3 Toteutus on aloitettu...") as in Tuusula's
        documents and in the workbook's dropdown.
        """
        if raw is None:
            return None
        if isinstance(raw, bool):
            return None
        if isinstance(raw, (int, float)):
            if isinstance(raw, float) and not raw.is_integer():
                return self.step(str(raw))
            return self.step(str(int(raw)))
        text = str(raw).strip()
        if not text:
            return None
        direct = self.step(text)
        if direct is not None:
            return direct
        for s in self.steps:
            if text.casefold() in (s.display.casefold(), s.label.casefold()):
                return s
        # "<value> <label words>" or "<value>= <label>" (Tuusula): the value is the first word. A value
        # glued to more characters ("4.5", "4)", "4-5") is not a value on the scale.
        parts = re.split(r"\s+|=", text, maxsplit=1)
        if len(parts) == 2 and parts[0]:
            rest = parts[1].casefold()
            # "4 tai 5", "kyllä / ei": more than one value is no value.
            if re.search(r"\d", rest) or any(re.search(rf"\b{re.escape(v.casefold())}\b", rest)
                                             for v in self.values):
                return None
            return self.step(parts[0])
        return None


# --------------------------------------------------------------------------- strategy
class Action(_Model):
    """A toimenpide: the unit a department grades."""

    id: str = Field(min_length=1, max_length=40)
    text: str = Field(min_length=1)
    department: str = Field(min_length=1)
    indicator: str | None = None          # mittari
    target: str | None = None             # mittarin tavoitetaso
    responsible: str | None = None        # named person or role, where the source has one
    schedule: str | None = None           # aikataulu
    # SDG goals 1-17, checked by pydantic's core (no Python call per action: a strategy of 15 000 actions
    # is validated on every command); the Strategy keeps each list sorted and unique.
    sdg: list[Annotated[int, Field(ge=1, le=17)]] = Field(default_factory=list)
    source_row: int | None = None         # 1-based row in the imported table


class Goal(_Model):
    """A strateginen tavoite."""

    id: str
    text: str = Field(min_length=1)
    actions: list[Action] = Field(default_factory=list)


class FocusArea(_Model):
    """A painopiste."""

    id: str
    name: str = Field(min_length=1)
    goals: list[Goal] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ActionRow:
    """An action together with the texts above it in the hierarchy (what a workbook row shows).

    A plain dataclass, not a pydantic model: strategies are walked row by row on every hot path.
    """

    action: Action
    focus_area: str
    goal: str

    @property
    def id(self) -> str:
        return self.action.id


# id(strategy) -> (a weak reference to it, its shape, its rows): kept outside the model, since pydantic
# compares private attributes too and a strategy with its rows kept must equal one without. Not I/O: a
# memo of a pure function of the strategy, dropped with it.
_ROWS: dict[int, tuple[weakref.ref, tuple, list[ActionRow]]] = {}


class Strategy(_Model):
    name: str = ""
    focus_areas: list[FocusArea] = Field(default_factory=list)

    def rows(self) -> Iterator[ActionRow]:
        return iter(self.row_list())

    def row_list(self) -> list[ActionRow]:
        """Every action with its focus area and goal, in order: built once and kept (one pass over 15 000
        actions took 21 ms, and a sync made a dozen) while the strategy's shape stays the same."""
        shape = tuple((id(fa), fa.name, id(goal), goal.text, id(goal.actions), len(goal.actions))
                      for fa in self.focus_areas for goal in fa.goals)
        kept = _ROWS.get(id(self))
        if kept is not None and kept[0]() is self and kept[1] == shape:
            return kept[2]
        rows = [ActionRow(action=action, focus_area=fa.name, goal=goal.text)
                for fa in self.focus_areas for goal in fa.goals for action in goal.actions]
        key = id(self)
        _ROWS[key] = (weakref.ref(self, lambda _gone, key=key: _ROWS.pop(key, None)), shape, rows)
        return rows

    def actions(self) -> list[Action]:
        return [r.action for r in self.rows()]

    def action_ids(self) -> list[str]:
        return [r.id for r in self.rows()]

    def departments(self) -> list[str]:
        seen: dict[str, None] = {}
        for r in self.rows():
            seen.setdefault(r.action.department, None)
        return sorted(seen, key=str.casefold)

    def rows_for(self, department: str) -> list[ActionRow]:
        return [r for r in self.rows() if r.action.department == department]

    def rows_by_department(self) -> dict[str, list[ActionRow]]:
        out: dict[str, list[ActionRow]] = {}
        for r in self.rows():
            out.setdefault(r.action.department, []).append(r)
        return out

    @property
    def has_indicators(self) -> bool:
        return any(r.action.indicator for r in self.rows())

    @model_validator(mode="after")
    def _unique_ids(self) -> Strategy:
        for fa in self.focus_areas:        # SDG goals sorted and unique (the sources list them any way)
            for goal in fa.goals:
                for action in goal.actions:
                    if len(action.sdg) > 1 and action.sdg != sorted(set(action.sdg)):
                        action.sdg = sorted(set(action.sdg))
        counts = Counter(r.id for r in self.rows())
        dup = sorted(i for i, n in counts.items() if n > 1)
        if dup:
            raise ValueError(f"focus_areas: duplicate action id {dup[0]!r}")
        return self


# --------------------------------------------------------------------------- rounds and entries
class Round(_Model):
    id: str
    title: str = ""
    deadline: dt.date | None = None
    scale: Scale
    created_at: str = ""
    strategy_id: int | None = None
    imported: bool = False  # a past round imported from a table that already carried results
    closed_at: str | None = None      # set while the round is closed (`round close`; None again after reopen)
    carried_from: str | None = None   # the round whose comments the workbooks start from (--carry-comments)
    # The round's input columns (core/inputs.py); None: grade + comment as before schema 4 (default_inputs).
    inputs: list[InputSpec] | None = None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not ROUND_ID_PATTERN.match(v):
            raise ValueError(
                "round id may hold letters A-Z, digits, '-', '_' and '.', start with a letter or digit, "
                f"at most 40 characters; got {v!r}"
            )
        return v


@dataclass(frozen=True, slots=True)
class Entry:
    """One department's value for one action in one round, as returned.

    A plain dataclass (a sync makes one per returned row, and again per row it reads back from the
    ledger): every field comes from values the validator or the ledger has already checked.
    """

    round_id: str
    action_id: str
    department: str
    grade: str | None = None      # canonical scale value, or None if empty / not on the scale
    raw_grade: str | None = None  # what the cell held, as text, when it was not a scale value
    comment: str | None = None
    grade_cell: str | None = None
    comment_cell: str | None = None
    accepted: bool = True         # False: the row had an error; kept in the ledger, never merged
    # The inputs other than grade and comment (core/inputs.py): key -> canonical text (None: empty),
    # and key -> the cell it was read from.
    values: dict[str, str | None] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)

    def value(self, key: str) -> str | None:
        """The value of any input of the entry (grade, comment or a further one)."""
        if key == "grade":
            return self.grade
        if key == "comment":
            return self.comment
        return self.values.get(key)

    def cell(self, key: str) -> str | None:
        if key == "grade":
            return self.grade_cell
        if key == "comment":
            return self.comment_cell
        return self.cells.get(key)


class ReturnRecord(_Model):
    """One accepted return file as the ledger keeps it."""

    id: int | None = None
    round_id: str
    department: str
    file_name: str
    file_hash: str
    size: int
    saved_at: str | None = None
    file_mtime: str | None = None
    received_at: str
    n_rows: int
    n_errors: int
    findings: list[Finding] = Field(default_factory=list)
    application: str | None = None    # docProps/app.xml Application (which program saved it)
    package_time: str | None = None   # the zip members' time (LibreOffice: the save time in UTC)
    ready: bool | None = None         # its ready mark: True ready, False a draft, None no ready block (taken as ready)
    approver: str | None = None       # who approved the answers (the ready block's name cell)

    @property
    def draft(self) -> bool:
        """A return whose ready mark is not set: it does not count as returned (core/ready.py)."""
        return self.ready is False


# --------------------------------------------------------------------------- config
class CommentRules(_Model):
    max_length: int = Field(default=2000, ge=1, le=32767)
    required_at_or_below: str | None = None   # a scale value: comment required when grade <= this
    required_when_changed: bool = False       # comment required when the grade changed from the previous round


class Columns(_Model):
    grade: str = "Arvio"
    comment: str = "Kommentti"


class Contact(_Model):
    """A person who answers for a department (`[departments."Name"]` in seuranta.toml). The address
    is checked where it is used (core/contacts.py: invalid-contact), so one typo never stops a command."""

    name: str = ""
    email: str = Field(min_length=1)


class DepartmentSettings(_Model):
    contacts: list[Contact] = Field(default_factory=list)
    language: Language | None = None    # the language of its mail drafts, when not the project's


class MailSettings(_Model):
    sender: str | None = None           # From of the drafts ("Nimi <osoite@kunta.fi>"); none: the mail program's own


class Config(_Model):
    """seuranta.toml, validated. Errors name the key (pydantic's loc)."""

    organisation: str = "Kunta"
    language: Language = "fi"
    scale: str = "1-5"
    secret: str = Field(min_length=32)
    project_id: str = Field(min_length=8)
    columns: Columns = Field(default_factory=Columns)
    comments: CommentRules = Field(default_factory=CommentRules)
    aliases: dict[str, str] = Field(default_factory=dict)   # variant -> canonical department name
    scales: dict[str, Scale] = Field(default_factory=dict)  # coordinator's own scale presets
    default_department: str | None = None                   # for tables without a vastuutaho column
    departments: dict[str, DepartmentSettings] = Field(default_factory=dict)   # contacts per department
    mail: MailSettings = Field(default_factory=MailSettings)
    inputs: dict[str, InputPreset] = Field(default_factory=dict)  # coordinator's own input presets
    round_inputs: str | None = None   # the input preset a new round takes without --inputs (none: grade + comment)

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, v: dict[str, str]) -> dict[str, str]:
        for k, target in v.items():
            if not k.strip() or not target.strip():
                raise ValueError("alias names must not be empty")
            if target in v and v[target] != target:
                raise ValueError(f"alias target {target!r} is itself an alias")
        return v
