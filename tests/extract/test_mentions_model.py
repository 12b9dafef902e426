"""Mentions where the event model decides: snippets, sentences without trigger words,
sub-types the rules got wrong, and the hard constraints the rules keep."""

from __future__ import annotations

import pytest

from eventscope.extract.mentions import MentionExtractor
from eventscope.resources import Resources
from tests.conftest import make_article


@pytest.fixture(scope="module")
def extractor() -> MentionExtractor:
    return MentionExtractor(Resources())


def subtypes(extractor: MentionExtractor, text: str, published: str = "2024-05-22") -> list[str]:
    return [m.sub_event_type for m in extractor.extract(make_article(text, published)).mentions]


def test_a_junta_bombing_a_village_is_an_air_strike(extractor):
    text = "Myanmar's military junta bombed a village in Sagaing region on Tuesday, killing at least 50 people."
    (m,) = extractor.extract(make_article(text, "2024-05-22")).mentions
    assert (m.sub_event_type, m.date.value, m.fatalities.best) == ("Air/drone strike", "2024-05-21", 50)
    assert m.actor1 is not None and "Myanmar" in m.actor1.name


def test_a_headline_only_snippet_is_read(extractor):
    assert subtypes(extractor, "Taliban gunmen shoot dead two judges in Kabul") == ["Attack"]


def test_a_seizure_of_weapons_without_trigger_words_is_disrupted_weapons_use(extractor):
    text = "Police in Kaduna seized 40 rifles and 3,000 rounds of ammunition from a hideout on Sunday."
    assert subtypes(extractor, text) == ["Disrupted weapons use"]


def test_a_report_naming_no_place_keeps_its_place_null(extractor):
    (m,) = extractor.extract(make_article(
        "Gunmen abducted 30 students from a boarding school on Friday, police said.", "2024-05-22")).mentions
    assert m.sub_event_type == "Abduction/forced disappearance" and m.place is None


def test_a_threat_stays_no_incident_whatever_the_model_says(extractor):
    text = "The militants threatened to attack the town of Djibo unless the army withdrew by Friday."
    assert subtypes(extractor, text) == []


def test_rebels_do_not_arrest_they_abduct(extractor):
    text = "M23 rebels arrested 14 civil society activists in Rutshuru on Monday, residents said."
    assert subtypes(extractor, text) == ["Abduction/forced disappearance"]


def test_market_and_sports_news_give_no_incident(extractor):
    for text in ("The striker scored twice as Al Ahly crushed Zamalek 4-0 in Cairo on Saturday.",
                 "Shares in the Lagos bank fell 3% on Monday after it launched a hostile takeover bid."):
        assert subtypes(extractor, text) == [], text


def test_confidence_is_the_models_calibrated_probability(extractor):
    (m,) = extractor.extract(make_article(
        "A suicide bomber blew himself up at a checkpoint in Mogadishu on Sunday, killing six soldiers.",
        "2024-05-22")).mentions
    assert m.sub_event_type == "Suicide bomb" and 0.5 < m.confidence <= 1.0


def test_a_sentence_found_by_the_model_reads_its_roles_around_the_parsed_verb(extractor):
    (m,) = extractor.extract(make_article(
        "Haitian gangs set fire to a police station in Port-au-Prince on Monday.", "2024-05-22")).mentions
    assert m.trigger.text == "set"
    assert m.actor1 is not None and m.actor1.name.startswith("Unidentified Gang")
    assert m.actor2 is not None and m.actor2.actor_type == "State forces"


KUWAIT_ARREST = ("Security forces arrested a prominent blogger at his home on Tuesday over posts criticising "
                 "the government, his lawyer said.\n\nKuwait has prosecuted dozens of online critics in the "
                 "past two years under its cybercrime law, rights groups say.")


def test_a_report_naming_no_place_happened_in_the_one_country_its_article_names(extractor):
    (m,) = extractor.extract(make_article(KUWAIT_ARREST, "2024-05-22")).mentions
    assert m.sub_event_type == "Arrests"
    assert (m.place.place.feature, m.place.place.iso, m.place.place.geo_precision) == ("country", "KW", 3)
    assert KUWAIT_ARREST[m.place.span.start:m.place.span.end] == "Kuwait"


def test_a_report_naming_no_place_stays_unplaced_when_its_article_names_two_countries(extractor):
    text = KUWAIT_ARREST.replace("rights groups say.", "rights groups in Qatar say.")
    (m,) = extractor.extract(make_article(text, "2024-05-22")).mentions
    assert m.place is None


@pytest.mark.parametrize("text", [
    "Police arrested Chima Ikwunado at a checkpoint on Wednesday and detained him for two days, his family said.",
    "The abduction occurred on Thursday as Omar Abdi was in a taxi with relatives heading home, his lawyer said.",
])
def test_a_person_is_never_geocoded(extractor, text):
    (m,) = extractor.extract(make_article(text, "2024-05-22")).mentions
    assert m.place is None  # not Chimá in Colombia, not 'Omer in Israel


def test_a_town_the_small_recogniser_calls_a_person_stays_a_place_after_in(extractor):
    text = "Protesters in Bloomington took to the streets on Monday demanding arrests, organisers said."
    (m,) = extractor.extract(make_article(text, "2024-05-22")).mentions
    assert m.place is not None and m.place.place.name == "Bloomington"


def test_a_place_beside_a_person_named_like_a_town_is_kept(extractor):
    text = "Gunmen abducted the activist Salem Haddad outside his home in Beirut on Thursday, his family said."
    (m,) = extractor.extract(make_article(text, "2024-05-22")).mentions
    assert (m.place.place.name, m.place.place.iso) == ("Beirut", "LB")


@pytest.mark.issue(8)
def test_a_named_armed_group_is_not_a_place(extractor):
    # "Shabab" is also a town in Iran; inside the group's name it places nothing.
    text = ("Al-Shabab fighters attacked an army base in Bulo Burde in central Somalia on Sunday, "
            "residents said.\n\nAfter hours of fighting the troops withdrew and al-Shabab captured the base.")
    ms = extractor.extract(make_article(text, "2024-05-22")).mentions
    assert ms and all(m.place is None or m.place.place.iso == "SO" for m in ms)


@pytest.mark.issue(8)
def test_taliban_gunmen_shooting_two_judges_is_an_attack_on_civilians_in_kabul(extractor):
    text = "Taliban gunmen shot dead two female judges in Kabul on Sunday."
    (m,) = extractor.extract(make_article(text, "2021-01-18")).mentions
    assert (m.sub_event_type, m.actor1.name, m.actor2.name) == ("Attack", "Taliban", "Civilians (Afghanistan)")
    assert (m.place.place.name, m.date.value, m.fatalities.best) == ("Kabul", "2021-01-17", 2)
