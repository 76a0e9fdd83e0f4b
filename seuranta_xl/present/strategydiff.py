"""A strategy diff in words, as `strategy update` prints it and saves it (pure)."""
from __future__ import annotations

from seuranta_xl.core.strategydiff import StrategyDiff
from seuranta_xl.present.messages import text


def _clip(value: str, limit: int = 100) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def diff_lines(diff: StrategyDiff, old_id: int | None, new_id: int, outdated: dict[str, list[str]],
               lang: str) -> list[str]:
    """The head line with the counts, one line per change, then the rounds whose workbooks are outdated."""
    lines = [text("diff.head", lang, a=old_id if old_id is not None else "–", b=new_id, added=len(diff.added),
                  removed=len(diff.removed), reworded=len(diff.reworded), moved=len(diff.moved),
                  renamed=len(diff.renamed), same=diff.unchanged)]
    if diff.empty:
        lines.append(text("diff.none", lang))
    for a in diff.added:
        lines.append(text("diff.added", lang, id=a.id, d=a.department, t=_clip(a.text)))
    for r in diff.removed:
        lines.append(text("diff.removed", lang, id=r.id, d=r.department, t=_clip(r.text)))
    for w in diff.reworded:
        lines.append(text(f"diff.reworded-{w.field}", lang, id=w.id, d=w.department, old=_clip(w.old, 70),
                          new=_clip(w.new, 70)))
    for m in diff.moved:
        lines.append(text("diff.moved", lang, id=m.id, a=m.old_department, b=m.new_department, t=_clip(m.text, 60)))
    for n in diff.renamed:
        lines.append(text(f"diff.renamed-{n.kind}", lang, id=n.id, old=_clip(n.old, 70), new=_clip(n.new, 70)))
    for round_id, departments in outdated.items():
        lines.append(text("diff.outdated", lang, r=round_id, n=len(departments), d=", ".join(departments)))
    return lines
