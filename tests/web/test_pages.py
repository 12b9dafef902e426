"""The dashboard pages render from the store, and a hostile report runs nothing.

Pages are parsed with html.parser and every tag is checked: scripts only from
/static with no inline body, no on* handler attributes, no javascript: links.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from eventscope.web.app import CSP
from eventscope.web.highlight import safe_url, segments
from tests.web.store_rows import FSA, XSS, XSS_URL

STATIC = Path(__file__).resolve().parents[2] / "src" / "eventscope" / "web" / "static"


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._in_script = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.script_text if self._in_script else self.text).append(data)


def parse(html: str) -> Tags:
    t = Tags()
    t.feed(html)
    return t


def assert_inert(html: str) -> Tags:
    t = parse(html)
    for tag, attrs in t.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for key in ("href", "src", "action"):
            assert not (attrs.get(key) or "").strip().lower().startswith(("javascript:", "data:text")), attrs
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
        assert tag != "img", attrs  # the report's <img onerror> must not become an element
    assert "".join(t.script_text).strip() == ""
    return t


HOSTILE_PAGES = ["/", "/events/E3", "/articles/a4", "/stories/S3", f"/actors/{quote(XSS, safe='')}", "/network",
                 "/actors"]


@pytest.mark.parametrize("url", HOSTILE_PAGES)
def test_hostile_report_is_shown_as_text_and_runs_nothing(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-security-policy"] == CSP
    t = assert_inert(r.text)
    if url != "/network":
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in r.text  # escaped, visible
        assert XSS in "".join(t.text)


def test_hostile_urls_are_not_links(client):
    html = client.get("/events/E3").text
    assert 'href="javascript' not in html.lower()
    assert "(javascript:alert(1))" in html  # shown, for the analyst, as text
    assert "&lt;img src=x onerror=alert(2)&gt;" in client.get("/articles/a4").text


def test_dashboard_lists_events_with_links_and_keeps_filters(client):
    t = parse(client.get("/?country=SY").text)
    rows = [a for tag, a in t.tags if tag == "tr" and "data-event" in a]
    assert [a["data-event"] for a in rows] == ["E1"]
    hrefs = {a.get("href") for tag, a in t.tags if tag == "a"}
    assert "/events/E1" in hrefs and f"/actors/{quote(FSA)}" in hrefs
    map_div = next(a for tag, a in t.tags if a.get("id") == "map")
    assert map_div["data-query"] == "country=SY&sort=-date"


def test_dashboard_pages_with_a_cursor(client):
    html = client.get("/?limit=1").text
    nxt = next(a["href"] for tag, a in parse(html).tags if tag == "a" and "next" in (a.get("class") or ""))
    second = parse(client.get(nxt).text)
    assert [a["data-event"] for tag, a in second.tags if "data-event" in a] == ["E1"]


def test_dashboard_bad_filter_is_a_422_page(client):
    r = client.get("/?since=2014-99-01&bbox=1,2")
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "since" in r.text
    assert client.get("/events/E404").status_code == 404


def test_event_page_puts_sources_side_by_side_and_marks_evidence(client):
    html = client.get("/events/E1").text
    t = assert_inert(html)
    sources = [a for tag, a in t.tags if tag == "article"]
    assert len(sources) == 2
    assert '<dd class="differ">14</dd>' in html and '<dd class="differ">10</dd>' in html
    assert '<mark class="f-fatalities " title="fatalities: 10">At least 10</mark>' in html
    assert "sources disagree on <b>fatalities</b>: 10 vs 14" in html


def test_article_page_marks_every_span(client):
    html = client.get("/articles/a1").text
    assert '<mark class="f-claim_source f-sentence " title="sentence; claim_source: activists">activists</mark>' in html


def test_story_actor_and_network_pages(client, empty_client):
    assert "/events/E1" in client.get("/stories/S1").text
    assert "The FSA is fighting Isis." in client.get(f"/actors/{quote(FSA)}").text
    assert "The FSA is fighting Isis." in client.get("/network").text
    for url in ("/", "/network"):
        assert empty_client.get(url).status_code == 200
    assert "No events match." in empty_client.get("/").text


def test_story_and_actor_lists_link_to_their_pages(client):
    t = parse(client.get("/stories").text)
    assert [a["data-story"] for tag, a in t.tags if "data-story" in a] == ["S1", "S2", "S3"]
    assert [a["data-story"] for tag, a in parse(client.get("/stories?min_articles=2").text).tags
            if "data-story" in a] == ["S1"]
    hrefs = {a.get("href") for tag, a in parse(client.get("/actors").text).tags if tag == "a"}
    assert f"/actors/{quote(FSA)}" in hrefs and f"/actors/{quote(XSS)}" in hrefs
    assert client.get("/stories?min_articles=0").status_code == 422


def test_docs_and_static_are_served_locally(client):
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui-dist-5.35.0/swagger-ui-bundle.js" in html and "cdn." not in html
    for path in ("vendor/leaflet-1.9.4/leaflet.js", "vendor/topojson-client-3.1.0/topojson-client.min.js",
                 "vendor/world-atlas-2.0.2/countries-110m.json", "dashboard.js", "network.js", "style.css"):
        assert client.get(f"/static/{path}").status_code == 200, path


def test_vendored_libraries_ship_with_their_licences():
    for lib in (STATIC / "vendor").iterdir():
        if lib.is_dir():
            assert (lib / "LICENSE").is_file(), lib.name


def test_own_scripts_never_write_html():
    for js in STATIC.glob("*.js"):
        text = js.read_text()
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text and "document.write" not in text


def test_segments_cover_the_text_once_and_clip_spans():
    text = "At least 10 died in Darkush."  # starts at offset 100 of its article
    segs = segments(text, [{"start": 103, "end": 111, "field": "fatalities", "value": 10},
                           {"start": 90, "end": 105, "field": "sentence"},
                           {"start": 100, "end": 200, "field": "evil<script>"},
                           {"start": 5, "end": 2, "field": "date"}], offset=100)
    assert "".join(s["text"] for s in segs) == text
    assert [(s["text"], s["fields"]) for s in segs] == [
        ("At ", ["other", "sentence"]), ("le", ["fatalities", "other", "sentence"]),
        ("ast 10", ["fatalities", "other"]), (" died in Darkush.", ["other"])]
    assert segs[1]["title"] == "fatalities: 10; sentence; other"


@pytest.mark.parametrize("url, ok", [("https://bbc.example/x", True), ("http://a.b", True),
                                     (XSS_URL, False), (" JavaScript:alert(1)", False),
                                     ("data:text/html,<script>", False), ("//evil.example", False), (None, False)])
def test_safe_url_allows_only_http(url, ok):
    assert (safe_url(url) is not None) is ok
