from eventscope.evaluate.metrics import (
    bcubed,
    date_ok,
    invented_fatalities,
    match_events,
    relation_key,
)


def ev(etype="Battles", date="2014-01-08", lat=36.2, lon=37.16, fatalities=None):
    return {"event_type": etype, "date": date, "lat": lat, "lon": lon, "location": "x", "fatalities": fatalities}


def test_metrics_strict_match_allows_one_day_and_25_km():
    s = match_events({"a": [ev()]}, {"a": [ev(date="2014-01-07", lat=36.3)]})
    assert (s.events.tp, s.events.fp, s.events.fn) == (1, 0, 0)


def test_metrics_wrong_type_or_far_place_is_no_match():
    s = match_events({"a": [ev()]}, {"a": [ev(etype="Protests"), ev(lat=35.0)]})
    assert (s.events.tp, s.events.fp, s.events.fn) == (0, 2, 1)


def test_metrics_match_prefers_the_same_day_then_the_same_sub_type_at_one_place():
    capture = {**ev(date="2024-06-11"), "id": "e1", "sub_event_type": "Non-state actor overtakes territory"}
    clash = {**ev(date="2024-06-10"), "id": "e2", "sub_event_type": "Armed clash"}
    pred = {**ev(date="2024-06-10"), "sub_event_type": "Armed clash"}
    s = match_events({"a": [capture, clash]}, {"a": [pred]})
    assert [g["id"] for g, _p in s.matched] == ["e2"]
    same_day = {**ev(date="2024-06-11"), "id": "e3", "sub_event_type": "Armed clash"}
    pred = {**ev(date="2024-06-11"), "sub_event_type": "Armed clash"}
    s = match_events({"a": [capture, same_day]}, {"a": [pred]})
    assert [g["id"] for g, _p in s.matched] == ["e3"]


def test_metrics_undated_gold_needs_undated_prediction():
    assert date_ok(None, None)
    assert not date_ok(None, "2014-01-08")
    assert not date_ok("2014-01-08", None)


def test_metrics_invented_fatalities_counts_tolls_where_gold_has_none():
    matched = [(ev(), ev(fatalities=3)), (ev(), ev()), (ev(fatalities=4), ev(fatalities=4))]
    assert invented_fatalities(matched, []) == {"unstated": 2, "invented": 1, "rate": 0.5}


def test_metrics_bcubed_perfect_and_split():
    assert bcubed({"a": "s", "b": "s"}, {"a": "1", "b": "1"})["f1"] == 1.0
    assert bcubed({"a": "s", "b": "s"}, {"a": "1", "b": "2"})["recall"] == 0.5


def test_metrics_symmetric_relations_ignore_order():
    assert relation_key("B", "A", "allied") == relation_key("A", "B", "allied")
    assert relation_key("B", "A", "split_from") != relation_key("A", "B", "split_from")
