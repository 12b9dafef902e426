from eventscope.extract.places import Located, incident_places
from eventscope.models import Place, Span

DOUMA = Place("Douma", 33.57, 36.40, "Syria", "SY", "Rif Dimashq", 170592)
DAMASCUS = Place("Damascus", 33.51, 36.29, "Syria", "SY", "Damascus", 170654)
SARAQIB = Place("Saraqib", 35.86, 36.81, "Syria", "SY", "Idlib", 164816)
KAFRANBEL = Place("Kafranbel", 35.61, 36.56, "Syria", "SY", "Idlib", 168661)
IDLIB_PROV = Place("Idlib", 35.8, 36.6, "Syria", "SY", "Idlib", None, feature="admin1", geo_precision=3)
ALEPPO = Place("Aleppo", 36.20, 37.16, "Syria", "SY", "Aleppo", 170063)


def locate(text, *pairs):
    out = []
    for word, place in pairs:
        i = text.index(word)
        out.append(Located(place, Span(i, i + len(word), word)))
    return out


def test_places_reference_point_is_not_the_site():
    text = "In Douma, a town close to the capital, Damascus, four people were killed."
    sites = incident_places(text, 0, locate(text, ("Douma", DOUMA), ("Damascus", DAMASCUS)))
    assert [s.place.name for s in sites] == ["Douma"]
    assert sites[0].place.geo_precision == 1


def test_places_coordinated_towns_are_separate_sites():
    text = "But in Saraqeb and Kafranbel, Idlib, Isis is rounding up activists."
    sites = incident_places(text, 0, locate(text, ("Saraqeb", SARAQIB), ("Kafranbel", KAFRANBEL),
                                           ("Idlib", IDLIB_PROV)))
    assert [s.place.name for s in sites] == ["Saraqib", "Kafranbel"]
    assert [s.span.text for s in sites] == ["Saraqeb", "Kafranbel"]


def test_places_province_alone_is_precision_three():
    text = "Clashes erupted across Idlib province on Monday."
    (site,) = incident_places(text, 0, locate(text, ("Idlib", IDLIB_PROV)))
    assert site.place.geo_precision == 3


def test_places_suburbs_lower_precision_to_two():
    text = "In besieged Aleppo, airstrikes on two rebel-held suburbs killed 19 people."
    (site,) = incident_places(text, 0, locate(text, ("Aleppo", ALEPPO)))
    assert site.place.geo_precision == 2


def test_places_qualifier_before_village_is_dropped():
    text = "gunmen fired at residents of the Aleppo village of Kafranbel."
    sites = incident_places(text, 0, locate(text, ("Aleppo", ALEPPO), ("Kafranbel", KAFRANBEL)))
    assert [s.place.name for s in sites] == ["Kafranbel"]


def test_places_province_after_towns_is_not_a_site():
    text = "But in Saraqeb and Kafranbel, Idlib, Isis is rounding up activists."
    idlib_city = Place("Idlib", 35.93, 36.63, "Syria", "SY", "Idlib", 169389)
    sites = incident_places(text, 0, locate(text, ("Saraqeb", SARAQIB), ("Kafranbel", KAFRANBEL),
                                           ("Idlib", idlib_city)))
    assert [s.place.name for s in sites] == ["Saraqib", "Kafranbel"]


BAMA = Place("Bama", 11.52, 13.69, "Nigeria", "NG", "Borno", 2348395)
MAIDUGURI = Place("Maiduguri", 11.85, 13.16, "Nigeria", "NG", "Borno", 2331447)
GOMA = Place("Goma", -1.68, 29.23, "DR Congo", "CD", "Nord Kivu", 215605)
KIGALI = Place("Kigali", -1.95, 30.06, "Rwanda", "RW", "Kigali", 202061)


def test_places_a_place_naming_the_source_office_is_not_the_site():
    text = "Gunmen killed four traders in Bama on Sunday, the Maiduguri police command said."
    sites = incident_places(text, 0, locate(text, ("Bama", BAMA), ("Maiduguri", MAIDUGURI)))
    assert [s.place.name for s in sites] == ["Bama"]


def test_places_source_office_before_the_site_is_skipped_too():
    text = "Kigali officials said shells fell on the outskirts of Goma, killing five."
    sites = incident_places(text, 0, locate(text, ("Kigali", KIGALI), ("Goma", GOMA)))
    assert [s.place.name for s in sites] == ["Goma"]


CAIRO = Place("Cairo", 30.06, 31.25, "Egypt", "EG", "Cairo", 360630)
GAZA = Place("Gaza", 31.50, 34.47, "Palestine", "PS", "Gaza Strip", 281133)


def test_places_the_cause_of_a_protest_is_not_its_site():
    text = ("Egyptian police fired tear gas to break up a rare street protest in central Cairo "
            "in solidarity with Palestinians in Gaza, witnesses said.")
    sites = incident_places(text, 0, locate(text, ("Cairo", CAIRO), ("Gaza", GAZA)))
    assert [s.place.name for s in sites] == ["Cairo"]
    text = "Security forces dispersed a demonstration in solidarity with Gaza in downtown Cairo on Friday."
    sites = incident_places(text, 0, locate(text, ("Gaza", GAZA), ("Cairo", CAIRO)))
    assert [s.place.name for s in sites] == ["Cairo"]


def test_drop_person_names_asks_only_about_places_small_enough_to_be_someone():
    from eventscope.extract.places import drop_person_names
    from eventscope.resolve.gazetteer import Toponym

    text = "Omar Abdi was detained in Syria. Police in Syria said so."
    town = Place("Omer", 31.26, 34.85, "Israel", "IL", None, 1, feature="city")
    syria = Place("Syria", 35.0, 38.0, "Syria", "SY", None, 2, feature="country", geo_precision=3)
    omar = Toponym(0, 4, "Omar", [], (), False, False)
    syria1 = Toponym(26, 31, "Syria", [], (), False, False)
    syria2 = Toponym(43, 48, "Syria", [], (), False, False)
    asked = []

    def persons(texts):
        asked.extend(texts)
        return [[(0, 9)] for _ in texts]  # "Omar Abdi"

    out = drop_person_names(text, [(0, 32), (33, 56)], [[(omar, town), (syria1, syria)], [(syria2, syria)]], persons)
    assert asked == ["Omar Abdi was detained in Syria."]
    assert out == [[(syria1, syria)], [(syria2, syria)]]
