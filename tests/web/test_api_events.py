"""The events endpoints: filters, sorting, cursor pages, formats, counts, one event; 422s."""

from __future__ import annotations

import csv
import io

import pytest

from tests.web.store_rows import FSA, XSS


def ids(client, query: str) -> list[str]:
    r = client.get(f"/api/v1/events?{query}")
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["items"]]


@pytest.mark.parametrize("query, expected", [
    ("", ["E2", "E1", "E3"]),  # newest first, undated last
    ("country=sy", ["E1"]),
    ("country=Iraq", ["E2"]),
    ("admin1=anbar", ["E2"]),
    ("since=2014-01-08", ["E2"]),
    ("until=2014-01-07", ["E1"]),
    ("event_type=battles", ["E1"]),
    ("sub_event_type=Air%2Fdrone%20strike", ["E2"]),
    ("actor=syrian%20army", ["E1"]),
    ("q=darkush", ["E1"]),
    ("bbox=35,32,40,37", ["E1"]),
    ("min_sources=2", ["E1"]),
    ("min_confidence=0.8", ["E1", "E3"]),
    ("country=SY&event_type=Protests", []),
    ("sort=fatalities", ["E3", "E2", "E1"]),
    ("sort=-fatalities", ["E1", "E2", "E3"]),
    ("sort=date", ["E1", "E2", "E3"]),
    ("sort=-sources", ["E1", "E2", "E3"]),
])
def test_events_filters_and_sorts(client, query, expected):
    assert ids(client, query) == expected


def test_events_item_has_acled_fields_and_outlets(client):
    e1 = next(e for e in client.get("/api/v1/events").json()["items"] if e["id"] == "E1")
    assert e1["actor1"] == FSA and e1["lat"] == 35.99 and e1["fatalities_high"] == 14
    assert e1["outlets"] == ["Al Jazeera America", "BBC News"]


@pytest.mark.parametrize("sort", ["-date", "date", "fatalities", "-sources"])
def test_events_cursor_pages_cover_every_event_once(client, sort):
    everything = ids(client, f"sort={sort}")
    seen, url = [], f"/api/v1/events?limit=1&sort={sort}"
    while url:
        page = client.get(url).json()
        assert page["count"] <= 1
        seen += [e["id"] for e in page["items"]]
        url = page["next"]
    assert seen == everything


def test_events_cursor_is_in_link_header_for_csv(client):
    r = client.get("/api/v1/events?limit=2&format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'rel="next"' in r.headers["link"] and "cursor=" in r.headers["link"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == ["E2", "E1"]
    assert rows[1]["outlets"] == '["Al Jazeera America", "BBC News"]'


def test_events_geojson_is_a_feature_collection_with_lon_lat(client):
    r = client.get("/api/v1/events?format=geojson")
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 3
    by_id = {f["id"]: f for f in fc["features"]}
    assert by_id["E1"]["geometry"] == {"type": "Point", "coordinates": [36.39, 35.99]}
    assert by_id["E3"]["geometry"] is None  # unlocated events stay, without a point


@pytest.mark.parametrize("query, param", [
    ("limit=0", "limit"), ("limit=501", "limit"), ("since=2014-02-30", "since"),
    ("until=yesterday", "until"), ("since=2014-02-01&until=2014-01-01", "until"),
    ("bbox=1,2,3", "bbox"), ("bbox=40,30,35,37", "bbox"), ("bbox=a,b,c,d", "bbox"),
    ("min_sources=-1", "min_sources"), ("min_confidence=2", "min_confidence"),
    ("sort=actor1", "sort"), ("format=xml", "format"), ("cursor=garbage!", "cursor"),
    ("country=" + "x" * 101, "country"),
])
def test_events_bad_input_is_422_naming_the_parameter(client, query, param):
    r = client.get(f"/api/v1/events?{query}")
    assert r.status_code == 422, r.text
    assert param in [d["loc"][-1] for d in r.json()["detail"]]


def test_events_cursor_from_another_sort_is_422(client):
    nxt = client.get("/api/v1/events?limit=1&sort=date").json()["next_cursor"]
    r = client.get(f"/api/v1/events?sort=-fatalities&cursor={nxt}")
    assert r.status_code == 422 and "sort=date" in r.json()["detail"][0]["msg"]


def test_events_filter_text_is_a_parameter_not_sql(client):
    assert ids(client, "country=' OR 1=1 --") == []
    assert ids(client, "actor=%25") == []  # a LIKE wildcard matches nothing literal
    assert ids(client, f"actor={XSS}") == ["E3"]


@pytest.mark.parametrize("by, expected", [
    ("day", [("2014-01-07", 1, 10), ("2014-01-10", 1, 3), (None, 1, 2)]),
    ("week", [("2014-01-06", 2, 13), (None, 1, 2)]),
    ("month", [("2014-01", 2, 13), (None, 1, 2)]),
    ("country", [("Iraq", 1, 3), ("Syria", 1, 10), (None, 1, 2)]),
])
def test_counts_group_events_and_fatalities(client, by, expected):
    items = client.get(f"/api/v1/events/counts?by={by}").json()["items"]
    assert [(i["key"], i["events"], i["fatalities"]) for i in items] == expected


def test_counts_take_the_event_filters_and_formats(client):
    items = client.get("/api/v1/events/counts?by=event_type&country=SY").json()["items"]
    assert items == [{"key": "Battles", "events": 1, "fatalities": 10}]
    text = client.get("/api/v1/events/counts?by=month&format=csv").text
    assert text.splitlines()[0] == "key,events,fatalities"
    assert client.get("/api/v1/events/counts?by=year").status_code == 422


def test_event_detail_has_every_source_with_spans_and_disagreements(client):
    e = client.get("/api/v1/events/E1").json()
    assert [m["outlet"] for m in e["mentions"]] == ["Al Jazeera America", "BBC News"]
    aj, bbc = e["mentions"]
    assert aj["url"] == "https://aljazeera.example/1" and aj["fatalities"] == 10 and bbc["fatalities"] == 14
    assert aj["evidence"].startswith("At least 10 fighters")
    assert aj["evidence_spans"]["fatalities"]["text"] == "At least 10"
    assert e["disagreements"] == {"fatalities": ["10", "14"]}
    assert e["merge_reasons"] == ["m2 joined m1: same type, same day, same place"]
    assert e["stories"] == ["S1"]


def test_event_unknown_is_404_and_malformed_id_is_422(client):
    assert client.get("/api/v1/events/E999").status_code == 404
    assert client.get("/api/v1/events/E1;DROP").status_code == 422


def test_events_on_an_empty_store(empty_client):
    assert empty_client.get("/api/v1/events").json() == {"count": 0, "items": [], "next_cursor": None,
                                                         "next": None}
    assert empty_client.get("/api/v1/events?format=csv").status_code == 200
    assert empty_client.get("/api/v1/events?format=geojson").json()["features"] == []
    assert empty_client.get("/api/v1/events/counts").json()["items"] == []
    assert empty_client.get("/api/v1/events/E1").status_code == 404
