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
