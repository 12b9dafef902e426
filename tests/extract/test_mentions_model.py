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
