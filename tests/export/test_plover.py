from eventscope.export.plover import PloverCrosswalk
from eventscope.extract.typing import REMOTE, STRATEGIC

ACLED_SUB_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": set(REMOTE.values()),
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": set(STRATEGIC.values()) | {"Change to group/activity", "Other"},
}


def test_plover_crosswalk_covers_all_25_acled_sub_event_types():
    cw = PloverCrosswalk.load()
    pairs = [(t, s) for t, subs in ACLED_SUB_TYPES.items() for s in subs]
    assert len(pairs) == 25 == len(cw)
    for t, s in pairs:
        assert cw.code(t, s) is not None, (t, s)


def test_plover_crosswalk_modes():
    cw = PloverCrosswalk.load()
    assert cw.code("Explosions/Remote violence", "Suicide bomb").modes == ("suicide-attack",)
    assert cw.code("Strategic developments", "Arrests").event == "COERCE"
    assert cw.code("Nonsense", "x") is None
