"""Deaths of one incident, conservative, with the words behind them; tolls that are not one
incident's, and outcomes that are not deaths, give None."""

from __future__ import annotations

import pytest

from eventscope.extract.fatalities import find_fatalities


def toll(text: str) -> tuple[int, int, int | None, str] | None:
    f = find_fatalities(text, 0, len(text))
    if f is None:
        return None
    assert text[f.span.start:f.span.end] == f.span.text
    return f.best, f.low, f.high, f.span.text


@pytest.mark.parametrize("text,best,words", [
    ("Gunmen killed at least 12 villagers in Zamfara state late on Sunday, police said.", 12, "at least 12"),
    ("In besieged Aleppo, the Observatory said a series of government airstrikes in two rebel-held "
     "suburbs late on Tuesday night killed 19 people.", 19, "19"),
    ("The rebels on Tuesday saw 20 of their fighters killed in a suicide car bombing in Darkoush.", 20, "20"),
    ("Three adults and a child were killed and several were wounded after an airstrike hit a house "
     "in Douma.", 4, "Three adults and a child"),
    ("Two soldiers and three civilians died when their convoy hit a mine near Kidal, the army said.", 5,
     "Two soldiers and three civilians"),
    ("A car bomb outside a ministry in Mogadishu left seven dead.", 7, "seven"),
    ("Houthi shelling of Taiz on Monday killed a child, residents told Reuters.", 1, "a child"),
    ("Militiamen in Ituri hacked to death 22 people, killing 22 villagers in Djugu.", 22, "22"),
    ("The bodies of 14 men were found in a ravine outside Iguala, Guerrero prosecutors said.", 14, "14"),
    ("The death toll from Tuesday's bombing of a Kabul mosque rose to 25, officials said.", 25, "25"),
    ("Four policemen were shot and killed at a checkpoint in North Sinai.", 4, "Four"),
    ("Soldiers executed 11 men in a village in Sagaing, witnesses said.", 11, "11"),
    ("Army airstrikes on Sunday claimed the lives of 30 people in Rakhine.", 30, "30"),
    ("Jihadists killed the mayor of a town in central Mali.", 1, "the mayor"),
    ("Dozens of people were killed when Boko Haram attacked Gamboru.", 12, "Dozens"),
])
def test_deaths_are_counted(text: str, best: int, words: str) -> None:
    found = toll(text)
    assert found is not None and found[0] == best and found[3] == words


def test_killed_and_wounded_counts_only_the_dead() -> None:
    assert toll("Five soldiers were killed and 12 wounded in an ambush in Borno.")[:3] == (5, 5, None)
    assert toll("The blast in Kandahar killed 3 and wounded 17.")[:3] == (3, 3, None)


def test_ranges_and_bounds() -> None:
    assert toll("Between 10 and 15 miners were killed in an attack in Ituri.")[:3] == (10, 10, 15)
    assert toll("Nearly 40 villagers were killed in Zamfara.")[:3] == (40, 40, 40)
    assert toll("More than 20 Ukrainian soldiers died in the assault.")[:3] == (20, 20, None)


@pytest.mark.issue(8)
def test_the_person_who_tells_the_toll_is_not_counted_in_it() -> None:
    assert toll("Gunmen attacked an army post near Djibo on Monday, killing at least nine soldiers, "
                "a military officer said.")[:4] == (9, 9, None, "at least nine")
    assert toll("The airstrike killed six civilians, a local official told AFP.")[0] == 6
    assert toll("The blast killed two police officers and a child, the governor said.")[0] == 3


def test_lists_followed_by_another_verb_are_not_summed() -> None:
    assert toll("Boko Haram fighters killed twenty-one fishermen and 1,200 people fled Baga.")[0] == 21


@pytest.mark.parametrize("text", [
    "Twelve people were wounded in the attack in Kaduna.",
    "At least 40 people were killed or wounded in the clashes in Sanaa.",
    "Dozens of its members are reported to have been killed or captured over the past two days.",
    "Gunmen abducted 12 villagers and later killed them.",
    "Several people were killed in the raid in Tillaberi.",
    "Twenty-three soldiers were captured and five are missing after the attack in Menaka.",
    "Police arrested 30 suspects in Tamaulipas.",
])
def test_not_deaths_or_not_counted(text: str) -> None:
    assert toll(text) is None


@pytest.mark.parametrize("text", [
    "The Syrian civil war, where at least 300 people have been killed since Friday, the Observatory said.",
    "The war, which has killed more than 130,000 people, entered its fourth year.",
    "This year alone 2,000 have died in the violence in Darfur.",
    "More than 5,000 people have been killed in the conflict in eastern Ukraine.",
    "Some 1,500 civilians have been killed in recent weeks in Myanmar's Shan state.",
    "At least 200 people have died over the past two days in Nigeria's Plateau state.",
])
def test_aggregate_tolls_are_not_one_incident(text: str) -> None:
    assert toll(text) is None


def test_aggregate_in_another_clause_does_not_hide_the_incident() -> None:
    text = ("Gunmen killed 12 villagers in Katsina on Sunday, the latest in a wave of attacks that "
            "have killed more than 200 people this year.")
    assert toll(text)[0] == 12


@pytest.mark.parametrize("text", [
    "The militants threatened to kill 20 hostages in Kidal.",
    "Officials warned that hundreds could be killed if the dam in Derna fails.",
    "At least 30 people may have been killed in the landslide-hit village.",
    "Twenty people are feared dead after the attack in Kasai.",
])
def test_threats_and_hypotheticals_are_not_deaths(text: str) -> None:
    assert toll(text) is None


def test_stated_zero() -> None:
    assert toll("A roadside bomb hit a patrol in Helmand, but no one was killed, police said.")[:3] == (0, 0, 0)
    assert toll("There were no immediate reports of casualties.") is None


def test_window_offsets() -> None:
    text = "Five died in Aden on Monday. In Taiz, shelling killed seven civilians."
    f = find_fatalities(text, 29, len(text))
    assert f is not None and f.best == 7 and text[f.span.start:f.span.end] == "seven"


@pytest.mark.parametrize("text, best", [
    ("Taliban gunmen shot dead two female judges in Kabul on Sunday.", 2),
    ("Two judges were shot dead outside the court.", 2),
    ("Militants gunned down four teachers in Mandera on Monday.", 4),
    ("A mob stabbed to death two men accused of theft.", 2),
])
def test_manner_of_killing_verbs_count_their_object(text, best):
    assert find_fatalities(text, 0, len(text)).best == best
