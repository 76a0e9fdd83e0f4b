"""A return of a workbook made from an older strategy text of its round (pure: no I/O; a step of validate.py).

The workbook is read against the rows it was made with (so its locked texts are not "changed"), then
compared with the round's strategy now, action by action: an unchanged action's entry is merged as
usual; an action whose locked texts changed, that moved to another department or that was removed
is outdated-workbook and its entry is kept in the ledger but not merged; an action added since is
outdated-workbook too (it is not in the workbook). The department's other findings about the changed
actions are dropped: outdated-workbook is the one that says what to do.
"""
from __future__ import annotations

from dataclasses import replace

from seuranta_xl.core.identity import STRATEGY_REFERENCE_KEYS, TITLES, legacy_keys, locked_texts, reference_text
from seuranta_xl.core.model import ActionRow, Entry
from seuranta_xl.core.returnctx import Ctx

_CHANGES = {
    "reworded": {"fi": "toimenpiteen {id} teksti on muuttunut: ”{old}” → ”{new}”; arviota ei yhdistetty",
                 "sv": "texten för åtgärd {id} har ändrats: ”{old}” → ”{new}”; bedömningen slogs inte samman",
                 "en": "the text of action {id} changed: “{old}” → “{new}”; its grade was not merged"},
    "reference": {"fi": "toimenpiteen {id} tieto ”{column_fi}” on muuttunut: ”{old}” → ”{new}”; arviota ei yhdistetty",
                  "sv": "uppgiften ”{column_sv}” för åtgärd {id} har ändrats: ”{old}” → ”{new}”; bedömningen slogs "
                        "inte samman",
                  "en": "the “{column_en}” of action {id} changed: “{old}” → “{new}”; its grade was not merged"},
    "moved": {"fi": "toimenpide {id} on siirretty vastuutaholle {to}; arviota ei yhdistetty",
              "sv": "åtgärd {id} har flyttats till {to}; bedömningen slogs inte samman",
              "en": "action {id} moved to {to}; its grade was not merged"},
    "removed": {"fi": "toimenpide {id} on poistettu strategiasta; arviota ei yhdistetty",
                "sv": "åtgärd {id} har tagits bort ur strategin; bedömningen slogs inte samman",
                "en": "action {id} was removed from the strategy; its grade was not merged"},
    "added": {"fi": "toimenpide {id} on lisätty lomakkeen tekemisen jälkeen eikä ole lomakkeessa: ”{new}”",
              "sv": "åtgärd {id} lades till efter att blanketten gjordes och finns inte i den: ”{new}”",
              "en": "action {id} was added after the workbook was made and is not in it: “{new}”"},
}


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _change(kind: str, **fields: str) -> dict[str, str]:
    return {f"change_{lang}": t.format(**fields) for lang, t in _CHANGES[kind].items()}


def _reworded(aid: str, old: ActionRow, new: ActionRow, refs) -> dict[str, str]:
    """What changed in a row's locked texts: the action's text, else the first reference text that did."""
    for key in (k for k in STRATEGY_REFERENCE_KEYS if k in refs):
        before, after = reference_text(old.action, key), reference_text(new.action, key)
        if before != after and old.action.text == new.action.text:
            columns = {f"column_{lang}": TITLES[lang][key] for lang in TITLES}
            return _change("reference", id=aid, old=_clip(before), new=_clip(after), **columns)
    return _change("reworded", id=aid, old=_clip(old.action.text), new=_clip(new.action.text))


def apply_outdated(ctx: Ctx, entries: list[Entry], made_with: list[ActionRow], now: list[ActionRow],
                   owner: dict[str, str]) -> list[Entry]:
    """The entries of a workbook made from ``made_with`` (the department's rows then) judged against
    ``now`` (its rows in the round's strategy today); ``owner`` is action id -> department today."""
    refs = ctx.references if ctx.references is not None else legacy_keys(ctx.exp.strategy)
    before = {r.id: r for r in made_with}
    current = {r.id: r for r in now}
    changed: dict[str, dict[str, str]] = {}
    for aid, old in before.items():
        new = current.get(aid)
        if new is None and aid in owner:
            changed[aid] = _change("moved", id=aid, to=owner[aid])
        elif new is None:
            changed[aid] = _change("removed", id=aid)
        elif locked_texts(old, refs) != locked_texts(new, refs):
            changed[aid] = _reworded(aid, old, new, refs)
    ctx.findings = [f for f in ctx.findings if f.action_id not in changed]
    out = []
    for e in entries:
        if e.action_id in changed:
            fields = changed.pop(e.action_id)
            if e.action_id not in current and e.grade is None and e.comment is None and e.raw_grade is None:
                continue        # an action no longer the department's, left empty: nothing to keep or say
            ctx.add("outdated-workbook", cell=e.grade_cell, action_id=e.action_id, **fields)
            e = replace(e, accepted=False)
        out.append(e)
    for aid, fields in changed.items():     # rows not in the sheet: reworded ones still owe a grade
        if aid in current:
            ctx.add("outdated-workbook", action_id=aid, **fields)
    for aid, new in current.items():
        if aid not in before:
            ctx.add("outdated-workbook", action_id=aid, **_change("added", id=aid, new=_clip(new.action.text)))
    return out
