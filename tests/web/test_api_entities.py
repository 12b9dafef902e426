"""Stories, actors, network and articles endpoints; OpenAPI; a locked or missing store."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from eventscope.cli.main import cli
from eventscope.web.app import create_app
from tests.web.conftest import TestClient
from tests.web.store_rows import FSA, ISIL, T1, XSS


def test_stories_list_pages_and_formats(client):
    page = client.get("/api/v1/stories").json()
    assert [s["story"] for s in page["items"]] == ["S1", "S2", "S3"]
    assert page["items"][0]["outlets"] == ["Al Jazeera America", "BBC News"]
    first = client.get("/api/v1/stories?limit=2").json()
    rest = client.get(first["next"]).json()
    assert [s["story"] for s in first["items"] + rest["items"]] == ["S1", "S2", "S3"]
    assert [s["story"] for s in client.get("/api/v1/stories?min_articles=2").json()["items"]] == ["S1"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/stories?format=csv").text)))
    assert rows[0]["story"] == "S1" and rows[0]["articles"] == "2"
    fc = client.get("/api/v1/stories?format=geojson").json()
    assert fc["type"] == "FeatureCollection" and all(f["geometry"] is None for f in fc["features"])


def test_stories_refuse_a_cursor_of_another_list(client):
    from eventscope.web.params import Cursor

    events_cursor = client.get("/api/v1/events?limit=1").json()["next_cursor"]
    assert client.get(f"/api/v1/stories?cursor={events_cursor}").status_code == 422
    forged = Cursor("stories", "2014-01-01", "E1").encode()  # right list, no offset
    assert client.get(f"/api/v1/stories?cursor={forged}").status_code == 422


def test_story_detail_lists_articles_and_events(client):
    s = client.get("/api/v1/stories/S1").json()
    assert [a["id"] for a in s["article_list"]] == ["a1", "a2"]
    assert [e["id"] for e in s["events"]] == ["E1"]
    assert client.get("/api/v1/stories/S9").status_code == 404
    assert client.get("/api/v1/stories?min_articles=0").status_code == 422


def test_actors_list_filters_and_detail(client):
    names = [a["name"] for a in client.get("/api/v1/actors").json()["items"]]
    assert set(names) == {FSA, ISIL, "Military Forces of Iraq", XSS}
    assert [a["name"] for a in client.get("/api/v1/actors?country=IQ").json()["items"]] == [
        "Military Forces of Iraq"]
    assert [a["name"] for a in client.get("/api/v1/actors?q=free").json()["items"]] == [FSA]
    fsa = client.get(f"/api/v1/actors/{FSA}").json()
    assert fsa["events"] == 1 and [e["id"] for e in fsa["event_list"]] == ["E1"]
    assert {e["kind"] for e in fsa["edges"]} == {"hostile"}
    assert client.get("/api/v1/actors/Nobody").status_code == 404
    assert client.get("/api/v1/actors?limit=1000").status_code == 422


def test_network_edges_carry_evidence_and_filter_by_date_and_kind(client):
    net = client.get("/api/v1/network").json()
    edge = next(e for e in net["edges"] if e["basis"] == "statement" or "statement" in e["basis"])
    assert {edge["source"], edge["target"]} == {FSA, ISIL} and edge["kind"] == "hostile"
    assert any(ev["text"] == "The FSA is fighting Isis." for ev in edge["evidence"])
    assert {n["id"] for n in net["nodes"]} >= {FSA, ISIL}
    assert client.get("/api/v1/network?since=2015-01-01").json() == {"nodes": [], "edges": []}
    assert client.get("/api/v1/network?kind=allied").json()["edges"] == []
    assert client.get("/api/v1/network?kind=friends").status_code == 422
    assert client.get("/api/v1/network?since=2014-02-01&until=2014-01-01").status_code == 422
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/network?format=csv").text)))
    assert rows and rows[0]["kind"] == "hostile"


def test_article_text_with_a_span_for_every_value(client):
    a = client.get("/api/v1/articles/a1").json()
    assert a["text"] == T1 and a["outlet"] == "Al Jazeera America" and a["story_id"] == "S1"
    fields = {s["field"]: s for s in a["spans"]}
    assert set(fields) == {"sentence", "fatalities", "place", "date", "claim_source"}
    for s in a["spans"]:
        assert T1[s["start"]:s["end"]] == s["text"]
    assert fields["fatalities"]["value"] == 10 and fields["place"]["value"] == "Darkūsh"
    assert fields["fatalities"]["event_id"] == "E1"
    rel = client.get("/api/v1/articles/a2").json()["spans"]
    assert any(s["field"] == "relation" and s["value"] == f"{FSA} hostile {ISIL}" for s in rel)
    assert client.get("/api/v1/articles/zz").status_code == 404


def test_empty_store_answers_every_list(empty_client):
    for url in ("/api/v1/stories", "/api/v1/actors"):
        assert empty_client.get(url).json()["items"] == []
    assert empty_client.get("/api/v1/network").json() == {"nodes": [], "edges": []}
    for url in ("/api/v1/stories/S1", "/api/v1/actors/X", "/api/v1/articles/a1"):
        assert empty_client.get(url).status_code == 404


def test_openapi_schema_is_a_valid_openapi_document(client):
    from openapi_spec_validator import validate

    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    validate(schema)  # raises on any violation of the OpenAPI 3.1 specification


def test_openapi_schema_lists_every_endpoint(client):
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) >= {
        "/api/v1/events", "/api/v1/events/counts", "/api/v1/events/{event_id}", "/api/v1/stories",
        "/api/v1/stories/{story_id}", "/api/v1/actors", "/api/v1/actors/{name}", "/api/v1/network",
        "/api/v1/articles/{article_id}"}
    params = {p["name"] for p in schema["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert params >= {"country", "admin1", "since", "until", "event_type", "sub_event_type", "actor", "q",
                      "bbox", "min_sources", "min_confidence", "sort", "limit", "cursor", "format"}
    assert client.get("/docs").status_code == 200
    ok = schema["paths"]["/api/v1/events"]["get"]["responses"]["200"]["content"]
    assert set(ok) == {"application/json", "text/csv", "application/geo+json"}


def test_documented_event_fields_are_the_returned_ones(client):
    from eventscope.web.schemas import CountItem, EventItem, EventPage

    page = client.get("/api/v1/events").json()
    assert set(page) == set(EventPage.model_fields)
    for item in page["items"]:
        assert set(item) == set(EventItem.model_fields)
        EventItem.model_validate(item)
    for item in client.get("/api/v1/events/counts").json()["items"]:
        CountItem.model_validate(item)


HOLD_LOCK = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    print("locked", flush=True)
    sys.stdin.read()
""")


@pytest.fixture
def locked_store(tmp_path, store_path):
    """A copy of the store held open for writing by another process, as `eventscope run` does."""
    path = tmp_path / "locked.duckdb"
    shutil.copyfile(store_path, path)
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    yield str(path), proc.pid
    proc.stdin.close()
    proc.wait(timeout=10)


def test_a_store_locked_by_a_run_is_a_clear_503_and_serve_refuses(locked_store, monkeypatch):
    path, pid = locked_store
    monkeypatch.setenv("EVENTSCOPE_LOCK_WAIT", "0.5")  # a run holds the file only briefly; this one never lets go
    r = TestClient(create_app(path)).get("/api/v1/events")
    assert r.status_code == 503 and r.headers["retry-after"] == "30"
    assert f"locked by process {pid}" in r.json()["detail"] and "eventscope run" in r.json()["detail"]
    result = CliRunner().invoke(cli, ["serve", "--db", path])
    assert result.exit_code == 126 and f"locked by process {pid}" in result.output


def test_serve_refuses_a_missing_store(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 126 and "no database" in result.output


def test_serve_binds_localhost_by_default(monkeypatch, store_path):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    result = CliRunner().invoke(cli, ["serve", "--db", store_path, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123 and seen["app"].state.db == store_path


def test_serve_warns_when_bound_beyond_localhost(monkeypatch, store_path):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    result = CliRunner().invoke(cli, ["serve", "--db", store_path, "--host", "0.0.0.0"])
    assert result.exit_code == 0 and "anyone who can reach this address can read the store" in result.output
    assert CliRunner().invoke(cli, ["serve", "--db", store_path, "--port", "0"]).exit_code == 2


@pytest.mark.parametrize("url", ["/api/v1/stories/S1;DROP", "/api/v1/articles/a1%27--",
                                 "/api/v1/actors/" + "x" * 201, "/api/v1/events/E1%20OR%201"])
def test_one_item_endpoints_reject_malformed_ids_with_422(client, url):
    assert client.get(url).status_code == 422


def test_empty_store_has_no_event(empty_client):
    assert empty_client.get("/api/v1/events/E1").status_code == 404
