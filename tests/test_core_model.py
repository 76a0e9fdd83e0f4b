"""The strategy model's own rules (core/model.py), on the pydantic models directly."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from seuranta_xl.core.model import Action, FocusArea, Goal, Strategy


def _strategy(sdg: list[int]) -> Strategy:
    action = Action(id="1.1.1", text="Toimenpide", department="Hallinto", sdg=sdg)
    return Strategy(focus_areas=[FocusArea(id="1", name="Elinvoima", goals=[Goal(id="1.1", text="Tavoite",
                                                                                   actions=[action])])])


def test_sdg_goals_are_1_to_17_sorted_and_unique():
    assert _strategy([11, 3, 11]).actions()[0].sdg == [3, 11]
    assert _strategy([]).actions()[0].sdg == []
    for bad in (0, 18):
        with pytest.raises(ValidationError, match="sdg"):
            Action(id="1.1.1", text="x", department="d", sdg=[3, bad])


def test_a_stored_strategy_reads_back_the_same():
    strategy = _strategy([17, 1])
    again = Strategy.model_validate_json(strategy.model_dump_json())
    assert again == strategy and again.actions()[0].sdg == [1, 17]


def test_kept_rows_follow_every_change_of_the_strategys_shape():
    """Strategy.rows() is kept between calls (issue 17) but never stale: an action added, a goal renamed,
    a goal's list replaced all show at once; a copy has its own rows; kept rows do not change equality."""
    import copy
    strategy = _strategy([3])
    fresh = Strategy.model_validate_json(strategy.model_dump_json())
    assert [r.id for r in strategy.rows()] == ["1.1.1"]
    assert strategy == fresh                                  # rows kept for one, not the other
    goal = strategy.focus_areas[0].goals[0]
    goal.actions.append(Action(id="1.1.2", text="Toinen", department="Kasvu"))
    assert [r.id for r in strategy.rows()] == ["1.1.1", "1.1.2"]
    goal.text = "Uusi tavoite"
    strategy.focus_areas[0].name = "Uusi painopiste"
    assert {(r.goal, r.focus_area) for r in strategy.rows()} == {("Uusi tavoite", "Uusi painopiste")}
    goal.actions = [goal.actions[1]]
    assert [r.id for r in strategy.rows()] == ["1.1.2"]
    twin = copy.deepcopy(strategy)
    twin.focus_areas[0].goals[0].actions[0].department = "Hallinto"
    assert [r.action.department for r in twin.rows()] == ["Hallinto"]
    assert [r.action.department for r in strategy.rows()] == ["Kasvu"]
    assert strategy.departments() == ["Kasvu"] and twin.departments() == ["Hallinto"]


@pytest.mark.parametrize("seed", range(20))
def test_reference_keys_in_one_pass_says_what_asking_every_action_says(seed):
    """The one-pass reference_keys against the rule spelled out action by action."""
    import random
    from seuranta_xl.core.identity import STRATEGY_REFERENCE_KEYS, reference_keys, reference_text
    rnd = random.Random(seed)
    actions = []
    for i in range(rnd.randint(0, 12)):
        dept = rnd.choice(["Hallinto", "Kasvu"])
        indicator = rnd.choice([None, "", "Mittari"])
        actions.append(Action(id=f"1.1.{i + 1}", text=f"T{i}", department=dept, indicator=indicator,
                              target=rnd.choice([None, "", "Mittari", "50 %"]),
                              responsible=rnd.choice([None, dept, "Johtaja"]),
                              schedule=rnd.choice([None, "", "2026"]), sdg=rnd.choice([[], [3]])))
    strategy = Strategy(focus_areas=[FocusArea(id="1", name="P", goals=[Goal(id="1.1", text="G", actions=actions)])])

    def adds(key, a):
        text = reference_text(a, key)
        if key == "target":
            return bool(text) and text != (a.indicator or "")
        if key == "responsible":
            return bool(text) and text != a.department
        return bool(text)
    expected = tuple(k for k in STRATEGY_REFERENCE_KEYS if any(adds(k, a) for a in actions))
    assert reference_keys(strategy) == expected
