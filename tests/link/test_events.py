import json

from eventscope.link.events import link_events


def row(mid, article, etype="Explosions/Remote violence", date="2014-01-07", lat=35.99, lon=36.39,
        location="Darkush", fatalities=None, outlet=None, geonameid=None):
    return {"id": mid, "article_id": article, "event_type": etype, "sub_event_type": "Suicide bomb",
            "date": date, "date_precision": "day", "time_precision": 1, "actor1": "ISIL", "actor2": None,
            "country": "Syria", "iso": "SY", "admin1": "Idlib", "location": location, "lat": lat, "lon": lon,
            "geonameid": geonameid, "geo_precision": 1, "fatalities": fatalities, "fatalities_low": fatalities,
            "fatalities_high": fatalities, "claim_source": None, "confidence": 0.8, "outlet": outlet,
            "evidence": json.dumps({"sentence": {"start": 0, "end": 5, "text": f"sentence {mid}"}})}


def test_link_same_incident_from_two_outlets_is_one_event_with_disagreement():
    a = row("m1", "a1", fatalities=20, outlet="Al Jazeera")
    b = row("m2", "a2", date="2014-01-08", lat=36.0, lon=36.4, fatalities=17, outlet="BBC")
    assignment, events = link_events([a, b])
    assert assignment["m1"] == assignment["m2"]
    (ev,) = events
    assert ev["corroboration"] == 2
    assert (ev["fatalities"], ev["fatalities_low"], ev["fatalities_high"]) == (17, 17, 20)
    assert json.loads(ev["disagreements"])["fatalities"] == ["17", "20"]
    assert json.loads(ev["merge_reasons"])


def test_link_same_day_same_type_in_distant_towns_stays_distinct():
    a = row("m1", "a1")
    b = row("m2", "a2", lat=33.57, lon=36.40, location="Douma")
    assignment, events = link_events([a, b])
    assert assignment["m1"] != assignment["m2"]
    assert len(events) == 2


def test_link_two_mentions_of_one_article_are_not_merged():
    assignment, _ = link_events([row("m1", "a1"), row("m2", "a1")])
    assert assignment["m1"] != assignment["m2"]


def test_link_is_deterministic():
    rows = [row("m1", "a1"), row("m2", "a2"), row("m3", "a3", date="2014-01-20")]
    assert link_events(rows) == link_events(list(reversed(rows)))
