"""Rules that keep datelines, headlines and history out of the incident list (no model needed)."""

from datetime import date

import pytest

from eventscope.extract.dates import Anchor
from eventscope.extract.incident_dates import is_background
from eventscope.extract.mentions import MentionExtractor, _is_dateline
from eventscope.models import DateValue, Mention
from eventscope.resources import Resources
from tests.conftest import make_article


@pytest.fixture(scope="module")
def extractor() -> MentionExtractor:
    return MentionExtractor(Resources())


def extract_text(extractor: MentionExtractor, text: str, published: str) -> list[Mention]:
    return extractor.extract(make_article(text, published)).mentions


def test_mentions_wire_dateline_city_is_not_the_incident_place():
    for text in ("KABUL, May 17 (Reuters) - A suicide bomber blew himself up in Pul-e Khumri.",
                 "Bamako (AFP) - Six soldiers were killed in an ambush near Niono.",
                 "CAIRO (Reuters) - Police fired tear gas at protesters."):
        city_end = text.index(" ") if not text.startswith("KABUL") else text.index(",")
        if text.startswith("Bamako") or text.startswith("CAIRO"):
            city_end = text.index(" (")
        assert _is_dateline(text, 0, 0, city_end), text


def test_mentions_place_opening_a_sentence_is_not_a_dateline():
    text = "Kano was hit by a bomb on Monday, police said."
    assert not _is_dateline(text, 0, 0, 4)


def test_mentions_old_dates_are_background_but_a_dated_recent_past_is_an_incident():
    # "He was arrested in April 2023" in a 2024 report is an arrest of April 2023, as ACLED
    # would code it late; a year alone is no ACLED date, and years back is history.
    anchor = Anchor(date(2024, 8, 16), None)
    assert not is_background(DateValue("2023-04", "month", None), anchor)
    assert not is_background(DateValue("2022-09-03", "day", None), anchor)
    assert is_background(DateValue("2021-04", "month", None), anchor)
    assert is_background(DateValue("2020-05-02", "day", None), anchor)
    assert is_background(DateValue("2023", "year", None), anchor)
    assert is_background(DateValue("2016", "year", None), anchor)
    assert not is_background(DateValue("2024", "year", None), anchor)
    assert not is_background(DateValue("2024-08", "month", None), anchor)
    assert not is_background(DateValue("2024-08-13", "day", None), anchor)


def test_a_sentence_about_the_town_completes_the_incident_named_before(extractor):
    text = ("Rebels have seized the strategic town of Sake in eastern Congo, raising fears for Goma.\n\n"
            "Residents said the rebels took control of the town on Tuesday after the army pulled back.")
    ms = extract_text(extractor, text, "2024-06-12")
    assert [(m.sub_event_type, m.place.place.name) for m in ms] == [("Non-state actor overtakes territory", "Sake")]
    assert ms[0].date.value == "2024-06-11"
    assert text[ms[0].date.span.start:ms[0].date.span.end] == "Tuesday"


def test_a_placeless_sentence_alone_makes_no_mention(extractor):
    text = "Residents said the rebels took control of the town on Tuesday after the army pulled back."
    assert extract_text(extractor, text, "2024-06-12") == []


def test_the_same_day_takes_the_date_of_the_sentence_before(extractor):
    text = ("M23 rebels seized the town of Sake on Tuesday, residents said.\n\n"
            "On the same day, shells fell on the Mugunga camp on the outskirts of Goma, killing five people, "
            "according to the North Kivu provincial government.")
    ms = extract_text(extractor, text, "2024-06-14")
    shelling = next(m for m in ms if m.sub_event_type == "Shelling/artillery/missile attack")
    assert (shelling.place.place.name, shelling.date.value, shelling.fatalities.best) == ("Goma", "2024-06-11", 5)


@pytest.mark.parametrize("text", [
    '"The fighting lasted more than an hour," a security source in Niono told reporters.',
    "It was a killer blow for the visitors, who had bombarded the Leicester goal for most of the second half.",
    "Robotyne, which lies on the road south towards Tokmak, has seen heavy fighting since 2023.",
])
def test_a_type_and_a_place_without_date_actor_or_toll_is_no_mention(extractor, text):
    assert extract_text(extractor, text, "2024-08-16") == []


def test_a_spelling_variant_in_another_province_than_the_one_named_is_not_used(extractor):
    text = ("Ukraine's military said on Thursday its forces had recaptured the village of Robotyne "
            "in the Zaporizhzhia region after days of fighting.")
    ms = extract_text(extractor, text, "2024-10-04")
    assert [(m.place.place.name, m.place.place.feature, m.place.place.geo_precision) for m in ms] == [
        ("Zaporizhzhia", "admin1", 3)]


@pytest.mark.parametrize("text, sub_type", [
    ("Taliban forces killed four ISKP fighters in a raid on a hideout in Jalalabad on Sunday, "
     "two days after a suicide bombing at a mosque.", "Armed clash"),
    ("Six Malian soldiers were killed in an ambush near Niono on Tuesday, the army said, "
     "as armed men kidnapped around 20 bus passengers further east.", "Armed clash"),
    ("Police arrested 11 suspects in Kunduz on Saturday in connection with the bombing.", "Arrests"),
])
def test_the_act_of_the_main_clause_types_the_sentence(extractor, text, sub_type):
    ms = extract_text(extractor, text, "2024-05-20")
    assert [m.sub_event_type for m in ms] == [sub_type]


def test_killed_after_an_airstrike_is_the_airstrike(extractor):
    text = ("In Douma, a town close to the capital, Damascus, three adults and a child were killed after a "
            "government airstrike targeted a house on Tuesday, activists reported.")
    ms = extract_text(extractor, text, "2014-01-08")
    assert [(m.sub_event_type, m.fatalities.best) for m in ms] == [("Air/drone strike", 4)]


@pytest.mark.parametrize("text", [
    "The fight broke out on Tuesday afternoon on a commuter train pulling into a station in Hayward.",
    "Browns lineman Sheldon Richardson weighed in on Thursday's fight in Cleveland on Monday.",
])
def test_a_fight_with_no_armed_party_is_no_battle(extractor, text):
    assert extract_text(extractor, text, "2019-11-20") == []


def test_a_date_long_before_the_report_is_history(extractor):
    text = ("Roughly 13,000 US troops remain in Afghanistan, 18 years after Washington invaded the country "
            "in the wake of the September 11, 2001 attacks.")
    assert extract_text(extractor, text, "2019-11-20") == []


def test_a_sentence_past_the_lede_that_says_no_timeis_background(extractor):
    text = ("Police fired tear gas at protesters in Hong Kong on Monday, officials said.\n\n"
            "The city has been shaken by months of unrest.\n\nA second sentence follows here.\n\n"
            "Beijing's backtracking on the extradition law, which sparked the protests in Hong Kong, "
            "has not cooled the protesters' fury.")
    ms = extract_text(extractor, text, "2019-11-20")
    assert [m.evidence.text[:20] for m in ms] == ["Police fired tear ga"]


def test_the_object_inside_a_trigger_phrase_is_the_target(extractor):
    text = "The fighting began on Monday when M23 rebels attacked army positions on the hills around Sake, in eastern Congo."
    (m,) = extract_text(extractor, text, "2024-06-12")
    assert (m.actor1.name, m.actor2.name) == ("March 23 Movement", "Military Forces of the Democratic Republic of Congo")


def test_the_city_names_the_town_told_last(extractor):
    text = ("Rapid Support Forces shelled El Fasher in Sudan on Saturday, killing 10 people, a medic said.\n\n"
            "The RSF also attacked the city from the east on Saturday before the army pushed them back.")
    ms = extract_text(extractor, text, "2024-12-16")
    assert sorted((m.sub_event_type, m.place.place.name) for m in ms) == [
        ("Armed clash", "El Fasher"), ("Shelling/artillery/missile attack", "El Fasher")]
    clash = next(m for m in ms if m.sub_event_type == "Armed clash")
    assert "the city" in clash.evidence.text and clash.place.span.text == "El Fasher"
