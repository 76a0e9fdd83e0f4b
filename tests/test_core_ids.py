"""core/ids.assign on hand-built keys and strategies (no files): fresh numbering, source codes, and
what a re-import keeps — ids kept on a reword or a reorder, new ids for new actions, an id once
used never given again."""
from __future__ import annotations

from seuranta_xl.core.ids import ActionKey, Ids, assign
from seuranta_xl.core.model import Action, FocusArea, Goal, Strategy

FA1, FA2 = "Elinvoimainen kunta", "Hyvinvoiva asukas"
G11, G12, G21 = "Yritykset viihtyvät", "Keskusta on elävä", "Palvelut ovat lähellä"
ELI, SIV = "Elinvoima", "Sivistys"


def key(text: str, fa: str = FA1, goal: str = G11, dept: str = ELI, **codes) -> ActionKey:
    return ActionKey(focus_area=fa, goal=goal, text=text, department=dept, **codes)


def strategy_of(keys: list[ActionKey], ids: Ids) -> Strategy:
    """The strategy an import of ``keys`` stores (what the next import gets as ``previous``)."""
    fas: dict[str, FocusArea] = {}
    goals: dict[tuple[str, str], Goal] = {}
    for k, aid in zip(keys, ids.actions, strict=True):
        fa = fas.setdefault(k.focus_area, FocusArea(id=ids.focus_areas[k.focus_area], name=k.focus_area))
        if (k.focus_area, k.goal) not in goals:
            goals[(k.focus_area, k.goal)] = Goal(id=ids.goals[(k.focus_area, k.goal)], text=k.goal)
            fa.goals.append(goals[(k.focus_area, k.goal)])
        goals[(k.focus_area, k.goal)].actions.append(Action(id=aid, text=k.text, department=k.department))
    return Strategy(focus_areas=list(fas.values()))


FIRST = [key("Perustetaan yrityspalvelupiste kaupungintalolle"),
         key("Järjestetään yrittäjäaamut neljästi vuodessa"),
         key("Elävöitetään toria kesätapahtumilla", goal=G12),
         key("Avataan lähikirjasto koulun yhteyteen", fa=FA2, goal=G21, dept=SIV),
         key("Lisätään liikuntaneuvontaa ikäihmisille", fa=FA2, goal=G21, dept=SIV)]


def first_import() -> tuple[Ids, Strategy]:
    ids = assign(FIRST)
    return ids, strategy_of(FIRST, ids)


def test_fresh_ids_are_hierarchical_numbers_in_source_order():
    ids, _ = first_import()
    assert ids.actions == ["1.1.1", "1.1.2", "1.2.1", "2.1.1", "2.1.2"]
    assert ids.focus_areas == {FA1: "1", FA2: "2"}
    assert ids.goals == {(FA1, G11): "1.1", (FA1, G12): "1.2", (FA2, G21): "2.1"}
    assert ids.changed == []


def test_source_codes_are_the_ids():
    keys = [key("A", code="01.03.01", focus_code="01", goal_code="01.03"),
            key("B", code="01.03.02", focus_code="01", goal_code="01.03"),
            key("C")]   # a row without a code is numbered under its goal's code
    ids = assign(keys)
    assert ids.actions == ["01.03.01", "01.03.02", "01.03.3"]
    assert ids.focus_areas == {FA1: "01"} and ids.goals == {(FA1, G11): "01.03"}


def test_a_reimport_in_another_order_keeps_every_id():
    ids, previous = first_import()
    again = [FIRST[4], FIRST[2], FIRST[0], FIRST[3], FIRST[1]]
    out = assign(again, previous, retired=ids.actions)
    assert out.actions == ["2.1.2", "1.2.1", "1.1.1", "2.1.1", "1.1.2"]
    assert out.focus_areas == ids.focus_areas and out.goals == ids.goals


def test_a_reworded_action_and_a_reworded_goal_keep_their_ids():
    ids, previous = first_import()
    comma_goal = "Yritykset viihtyvät, "          # a comma in the goal's text
    edited = [key("Perustetaan yrityspalvelupiste kaupungintaloon", goal=comma_goal),  # one word edited
              key("Järjestetään yrittäjäaamut neljästi vuodessa", goal=comma_goal),
              *FIRST[2:]]
    out = assign(edited, previous, retired=ids.actions)
    assert out.actions == ids.actions
    assert out.goals[(FA1, comma_goal)] == "1.1"


def test_the_closest_old_action_wins_when_two_are_similar():
    keys = [key("Kehitetään kirjaston palveluja"), key("Kehitetään liikunnan palveluja")]
    ids = assign(keys)
    out = assign([key("Kehitetään liikunnan palveluja ulkona")], strategy_of(keys, ids), retired=ids.actions)
    assert out.actions == ["1.1.2"]


def test_new_actions_get_new_numbers_and_a_removed_id_is_never_reused():
    ids, previous = first_import()
    # 1.1.2 is dropped, a new action arrives under goal 1.1 and one under 2.1
    later = [FIRST[0], key("Uudistetaan hankintaohjelma pk-yrityksille"), *FIRST[2:],
             key("Perustetaan kotihoidon etäpalvelu", fa=FA2, goal=G21, dept=SIV)]
    out = assign(later, previous, retired=ids.actions)
    assert out.actions == ["1.1.1", "1.1.3", "1.2.1", "2.1.1", "2.1.2", "2.1.3"]
    assert "1.1.2" not in out.actions


def test_an_id_retired_in_an_older_strategy_is_not_given_again():
    ids, previous = first_import()
    # 1.1.3 and 1.1.4 lived in strategies before the previous one (the ledger's retired ids)
    out = assign([*FIRST, key("Uusi toimenpide yrityksille")], previous, retired=[*ids.actions, "1.1.3", "1.1.4"])
    assert out.actions[-1] == "1.1.5"


def test_a_new_goal_does_not_take_a_retired_goal_number():
    ids, previous = first_import()
    # goal 1.2 is gone, a new goal arrives in the same focus area
    later = [*FIRST[:2], key("Rakennetaan pyöräilyreitti", goal="Liikkuminen on helppoa"), *FIRST[3:]]
    out = assign(later, previous, retired=ids.actions)
    assert out.goals[(FA1, "Liikkuminen on helppoa")] == "1.3"
    assert out.actions[2] == "1.3.1"


def test_an_action_moved_to_another_department_keeps_its_id():
    """Issue 13: the same focus area, goal and text under another department is the same action moved
    (strategy update reports it as moved); before, it was a new action and the old id retired."""
    ids, previous = first_import()
    moved = [key(FIRST[0].text, dept=SIV), *FIRST[1:]]
    out = assign(moved, previous, retired=ids.actions)
    assert out.actions == ids.actions


def test_a_moved_action_does_not_take_the_id_of_an_exact_twin():
    """Two departments with the same text: each keeps its own id (exact matches go first)."""
    ids, previous = first_import()
    twin = [*FIRST, key(FIRST[0].text, dept=SIV)]
    first = assign(twin, previous, retired=ids.actions)
    again = assign(twin, strategy_of(twin, first), retired=first.actions)
    assert again.actions == first.actions


def test_an_action_moved_to_another_goal_is_numbered_there_and_its_old_id_retires():
    ids, previous = first_import()
    moved = [FIRST[0], key(FIRST[1].text, goal=G12), *FIRST[2:]]   # 1.1.2's text now under goal 1.2
    out = assign(moved, previous, retired=ids.actions)
    assert out.actions == ["1.1.1", "1.2.2", "1.2.1", "2.1.1", "2.1.2"]


def test_a_source_code_that_changed_is_reported():
    keys = [key("A", code="01.01.01"), key("B", code="01.01.02")]
    ids = assign(keys)
    recoded = [key("A", code="01.01.07"), key("B", code="01.01.02")]
    out = assign(recoded, strategy_of(keys, ids), retired=ids.actions)
    assert out.actions == ["01.01.07", "01.01.02"]
    assert out.changed == [(0, "01.01.01", "01.01.07")]
