import pytest

from eventscope.extract.typing import captures_territory, classify
from eventscope.models import ActorMention, Span


def actor(name, kind):
    return ActorMention(name, kind, Span(0, 1, "x"))


ARMY = actor("Military Forces of Nigeria", "State forces")
REBELS = actor("Rebels (Syria)", "Rebel group")
CIVILIANS = actor("Civilians (Nigeria)", "Civilians")
ISWAP = actor("Islamic State West Africa Province", "Rebel group")


def test_typing_capture_by_state_forces_is_government_regains():
    s = "Nigerian troops captured the town of Damasak."
    assert classify("capture", s, s.index("captured") + 8, ARMY, ISWAP).sub_event_type == "Government regains territory"


def test_typing_capture_by_rebels_is_non_state_overtakes():
    s = "Rebels seized control of a hospital in Aleppo."
    et = classify("capture", s, s.index("of ") + 3, REBELS, None)
    assert (et.event_type, et.sub_event_type) == ("Battles", "Non-state actor overtakes territory")


def test_typing_capturing_people_is_not_territory():
    assert not captures_territory(" dozens of fighters in the clashes")
    assert captures_territory(" the town of Bunagana")


def test_typing_killing_civilians_is_violence_against_civilians():
    s = "Gunmen killed 12 villagers in Zamfara."
    et = classify("attack", s, s.index("killed") + 6, None, CIVILIANS)
    assert (et.event_type, et.sub_event_type) == ("Violence against civilians", "Attack")


def test_typing_attack_on_soldiers_is_a_battle():
    s = "Militants attacked soldiers at a base in Borno, killing five soldiers."
    assert classify("attack", s, s.index("attacked") + 8, ISWAP, ARMY).sub_event_type == "Armed clash"


def test_typing_firing_on_protesting_residents_is_excessive_force():
    s = "Gunmen fired at residents of the village."
    et = classify("attack", s, s.index("fired at") + 8, None, None, "They had been protesting against the arrests.")
    assert et.sub_event_type == "Excessive force against protesters"


def test_typing_protest_with_tear_gas_is_intervention():
    s = "Police fired tear gas to disperse hundreds of protesters in Nairobi."
    assert classify("protest", s, 0, None, None).sub_event_type == "Protest with intervention"


def test_typing_remote_violence_types():
    assert classify("air", "x", 0, None, None).sub_event_type == "Air/drone strike"
    assert classify("ied", "x", 0, None, None).sub_event_type == "Remote explosive/landmine/IED"


def test_typing_killing_fighters_named_as_object_is_a_battle():
    s = "Troops neutralised 22 terrorists during a counter-attack near Dikwa."
    assert classify("attack", s, s.index("neutralised") + 11, ARMY, None).sub_event_type == "Armed clash"
    s = "Police killed four bandits who attacked a village in Zamfara."
    assert classify("attack", s, s.index("killed") + 6, None, None).sub_event_type == "Armed clash"


@pytest.mark.parametrize("s", [
    "A passenger bus collided with a fuel tanker on the highway, killing 21 people.",
    "Eleven people were killed when a bus overturned near Kandahar.",
    "A building collapsed in Lagos, killing six residents.",
    "Flash floods swept through villages in Borno, killing 30 people.",
])
def test_typing_accidents_and_disasters_are_not_attacks(s):
    at = s.index("killing") + 7 if "killing" in s else s.index("killed") + 6
    assert classify("attack", s, at, None, CIVILIANS) is None


def test_typing_recapture_without_a_named_actor_is_government_regains():
    s = "Officials confirmed the liberation of Robotyne."
    at = s.index("liberation of") + len("liberation of")
    assert classify("recapture", s, at, None, None).sub_event_type == "Government regains territory"
    assert classify("recapture", s, at, REBELS, None).sub_event_type == "Non-state actor overtakes territory"
