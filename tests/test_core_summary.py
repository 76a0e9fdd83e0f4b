"""core/summary.summarise on a small hand-built round (plain model objects, no files): counts,
shares, average, done share, change against the previous round and who returned — every number
computed by hand below."""
from __future__ import annotations

import pytest

from seuranta_xl.core.merge import CurrentValue, RoundState
from seuranta_xl.core.model import Action, FocusArea, Goal, ReturnRecord, Round, Scale, ScaleStep, Strategy
from seuranta_xl.core.summary import IMPROVED, WORSE, Move, summarise

ONE_TO_FIVE = Scale(name="1-5", steps=[ScaleStep(value=str(i), label=f"taso {i}") for i in range(1, 6)])
WORDS = Scale(name="kylla-kesken-ei", steps=[ScaleStep(value="ei", label="ei toteutunut"),
                                             ScaleStep(value="kesken", label="osittain"),
                                             ScaleStep(value="kyllä", label="toteutunut")])

# Focus area A: a1, a2 (Elinvoima), a3 (Sivistys); focus area B: a4 (Sivistys), a5, a6 (Tekninen)
STRATEGY = Strategy(focus_areas=[
    FocusArea(id="1", name="A", goals=[Goal(id="1.1", text="g1", actions=[
        Action(id="a1", text="yksi", department="Elinvoima"),
        Action(id="a2", text="kaksi", department="Elinvoima"),
        Action(id="a3", text="kolme", department="Sivistys")])]),
    FocusArea(id="2", name="B", goals=[Goal(id="2.1", text="g2", actions=[
        Action(id="a4", text="neljä", department="Sivistys"),
        Action(id="a5", text="viisi", department="Tekninen"),
        Action(id="a6", text="kuusi", department="Tekninen")])]),
])


def a_round(rid: str, scale: Scale = ONE_TO_FIVE, imported: bool = False) -> Round:
    return Round(id=rid, scale=scale, imported=imported)


def state(rnd: Round, grades: dict[str, str | None], returned: list[str], comments: dict[str, str] | None = None) -> RoundState:
    values = {aid: CurrentValue(grade=g, comment=(comments or {}).get(aid)) for aid, g in grades.items()}
    recs = {d: [ReturnRecord(round_id=rnd.id, department=d, file_name=f"{d}.xlsx", file_hash="0" * 64, size=1,
                             received_at="2025-05-01T10:00:00+00:00", n_rows=1, n_errors=0)] for d in returned}
    return RoundState(round=rnd, values=values, returns=recs)


NOW = a_round("2025-kevat")
# Elinvoima returned a1=5, a2=3; Sivistys a3=4 and left a4 empty; Tekninen did not return.
NOW_STATE = state(NOW, {"a1": "5", "a2": "3", "a3": "4", "a4": None}, ["Elinvoima", "Sivistys"], {"a4": "kesken"})
BEFORE = a_round("2024-syys")
BEFORE_STATE = state(BEFORE, {"a1": "4", "a2": "3", "a3": "5", "a4": "2", "a6": "1"},
                     ["Elinvoima", "Sivistys", "Tekninen"])


def test_counts_shares_average_and_done_of_all_actions():
    s = summarise(NOW, STRATEGY, NOW_STATE, overall_name="Kaikki")
    o = s.overall
    assert o.name == "Kaikki" and o.counts == {"1": 0, "2": 0, "3": 1, "4": 1, "5": 1}
    assert (o.empty, o.total, o.graded) == (3, 6, 3)
    assert o.share("5") == pytest.approx(1 / 6) and o.share("1") == 0.0
    assert o.empty_share == pytest.approx(0.5)
    assert sum(o.share(v) for v in ONE_TO_FIVE.values) + o.empty_share == pytest.approx(1.0)
    assert o.average == pytest.approx(4.0)                # (5 + 3 + 4) / 3: the empty ones do not count as 0
    assert (o.done, o.done_share) == (1, pytest.approx(1 / 6))
    assert o.change is None and s.previous_round is None and not s.comparable


def test_groups_per_focus_area_and_department_in_strategy_order():
    s = summarise(NOW, STRATEGY, NOW_STATE)
    fa = {g.name: g for g in s.by_focus_area}
    assert list(fa) == ["A", "B"]
    assert (fa["A"].graded, fa["A"].empty, fa["A"].average) == (3, 0, pytest.approx(4.0))
    assert fa["A"].share("3") == pytest.approx(1 / 3)
    assert (fa["B"].graded, fa["B"].empty, fa["B"].average) == (0, 3, None)
    dept = {g.name: g for g in s.by_department}
    assert list(dept) == ["Elinvoima", "Sivistys", "Tekninen"]
    assert dept["Elinvoima"].average == pytest.approx(4.0) and dept["Elinvoima"].done == 1
    assert (dept["Sivistys"].graded, dept["Sivistys"].empty, dept["Sivistys"].average) == (1, 1, pytest.approx(4.0))
    assert dept["Tekninen"].average is None and dept["Tekninen"].empty_share == 1.0
    assert s.returned == ["Elinvoima", "Sivistys"] and s.missing == ["Tekninen"]
    assert s.has_values


def test_change_against_the_previous_round_by_action_id():
    s = summarise(NOW, STRATEGY, NOW_STATE, previous=(BEFORE, BEFORE_STATE))
    c = s.overall.change
    # a1 4→5 improved, a2 3→3 same, a3 5→4 worse; a4 (now empty), a5 (never), a6 (now empty): not compared
    assert (c.improved, c.same, c.worse, c.not_compared, c.compared) == (1, 1, 1, 3, 3)
    assert s.moves == [Move("a1", "A", "Elinvoima", "yksi", "4", "5", IMPROVED),
                       Move("a3", "A", "Sivistys", "kolme", "5", "4", WORSE)]
    dept = {g.name: g.change for g in s.by_department}
    assert (dept["Sivistys"].worse, dept["Sivistys"].not_compared) == (1, 1)
    assert s.comparable and s.previous_round.id == "2024-syys"


def test_items_carry_grade_label_number_comment_and_previous():
    s = summarise(NOW, STRATEGY, NOW_STATE, previous=(BEFORE, BEFORE_STATE))
    items = {i.action_id: i for i in s.items}
    assert list(items) == ["a1", "a2", "a3", "a4", "a5", "a6"]
    a1 = items["a1"]
    assert (a1.grade, a1.label, a1.number, a1.previous, a1.goal) == ("5", "taso 5", 5.0, "4", "g1")
    a4 = items["a4"]
    assert (a4.grade, a4.number, a4.comment, a4.previous) == (None, None, "kesken", "2")
    assert [name for name, _ in s.items_by_focus_area()] == ["A", "B"]


def test_a_scale_of_words_has_no_average_and_compares_by_position():
    now, before = a_round("r2", WORDS), a_round("r1", WORDS)
    s = summarise(now, STRATEGY, state(now, {"a1": "kyllä", "a2": "ei", "a3": "kesken"}, ["Elinvoima", "Sivistys"]),
                  previous=(before, state(before, {"a1": "kesken", "a2": "kesken", "a3": "kesken"}, ["Elinvoima"])))
    assert s.overall.average is None and s.overall.counts == {"ei": 1, "kesken": 1, "kyllä": 1}
    assert s.overall.done == 1                             # the last step is "done"
    c = s.overall.change
    assert (c.improved, c.same, c.worse) == (1, 1, 1)


def test_rounds_on_scales_of_different_lengths_are_not_compared():
    before = a_round("r1", WORDS)
    s = summarise(NOW, STRATEGY, NOW_STATE, previous=(before, state(before, {"a1": "ei"}, ["Elinvoima"])))
    assert not s.comparable and s.overall.change is None and s.moves == []
    assert s.previous_round.id == "r1" and all(i.previous is None for i in s.items)


def test_an_imported_round_counts_departments_with_values_as_returned():
    past = a_round("2023-syys", imported=True)
    s = summarise(past, STRATEGY, state(past, {"a1": "2", "a5": "4"}, ["Elinvoima", "Sivistys", "Tekninen"]))
    assert s.returned == ["Elinvoima", "Tekninen"] and s.missing == ["Sivistys"]


def test_an_empty_round_has_no_values_and_no_division_by_zero():
    s = summarise(NOW, STRATEGY, state(NOW, {}, []))
    assert not s.has_values and s.overall.average is None and s.overall.done_share == 0.0
    assert s.overall.empty == 6 and s.missing == ["Elinvoima", "Sivistys", "Tekninen"]
    empty = summarise(NOW, Strategy(), state(NOW, {}, []))
    assert empty.overall.total == 0 and empty.overall.share("1") == 0.0 and empty.overall.empty_share == 0.0
