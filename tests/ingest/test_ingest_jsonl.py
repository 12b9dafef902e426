"""JSONL article feeds and sidecar metadata files."""

from __future__ import annotations

import json

from eventscope.ingest import article_id, read_inputs
from eventscope.models import Article, FailedInput
from tests.ingest.ingest_samples import AFGHAN_TXT, CONGO_TXT, NIGERIA_HTML, UKRAINE_TXT


def _write_jsonl(path, lines):
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
                    encoding="utf-8")


def test_jsonl_feed_with_a_bad_line_among_good_ones(tmp_path):
    feed = tmp_path / "wire.jsonl"
    _write_jsonl(feed, [
        {"text": CONGO_TXT, "url": "https://news.example/africa/2021/05/31/beni", "outlet": "Kivu Monitor",
         "published": "2021-05-31T08:00:00+02:00", "title": "ADF rebels kill 18 in Beni"},
        '{"text": "Gunmen stormed a police station in Sinai, "',  # truncated JSON
        "",
        {"id": "afp-kunduz-0712", "text": AFGHAN_TXT},
        '["not", "an", "object"]',
        {"html": NIGERIA_HTML, "outlet": "Sahel Wire"},
        {"url": "https://news.example/no-text", "title": "Headline only"},
        {"file": "kharkiv.txt", "text": UKRAINE_TXT},
    ])
    items = list(read_inputs([feed]))
    assert [i.source for i in items] == [
        "wire.jsonl:1", "wire.jsonl:2", "afp-kunduz-0712", "wire.jsonl:5", "wire.jsonl:6",
        "wire.jsonl:7", "kharkiv.txt"]
    beni, bad, kunduz, array, zamfara, headline, kharkiv = items
    assert isinstance(beni, Article) and beni.kind == "jsonl"
    assert (beni.outlet, beni.title) == ("Kivu Monitor", "ADF rebels kill 18 in Beni")
    assert (beni.published, beni.published_source) == ("2021-05-31", "metadata")
    assert beni.id == article_id(CONGO_TXT)
    assert isinstance(bad, FailedInput) and bad.code == "bad_json" and "line 2" in bad.reason
    assert isinstance(kunduz, Article) and kunduz.text == AFGHAN_TXT
    assert array.code == "bad_json" and "list" in array.reason
    assert isinstance(zamfara, Article) and zamfara.outlet == "Sahel Wire"  # metadata beats sitename
    assert zamfara.title == "Gunmen kill 23 villagers in Zamfara raid"
    assert (zamfara.published, zamfara.published_source) == ("2023-03-14", "html")
    assert "Kidnappers free 20 students" not in zamfara.text
    assert headline.code == "missing_text"
    assert isinstance(kharkiv, Article) and kharkiv.published_source == "text"


def test_jsonl_empty_text_and_bad_bytes(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"text": "   \\n  "}\n{"text": "Caf\xe9 bombing"}\n'
                     + json.dumps({"text": AFGHAN_TXT}).encode() + b"\n")
    codes = [getattr(i, "code", "ok") for i in read_inputs([feed])]
    assert codes == ["empty_text", "bad_encoding", "ok"]


def test_jsonl_line_over_the_limit_fails_alone(tmp_path):
    feed = tmp_path / "big.jsonl"
    _write_jsonl(feed, [{"text": "Shelling in Donetsk. " * 2000}, {"text": AFGHAN_TXT}])
    items = list(read_inputs([feed], max_bytes=5_000))
    assert items[0].code == "too_large" and items[0].source == "big.jsonl:1"
    assert isinstance(items[1], Article) and items[1].source == "big.jsonl:2"


def test_sidecar_values_win_over_the_page(tmp_path):
    (tmp_path / "zamfara.html").write_text(NIGERIA_HTML, encoding="utf-8")
    (tmp_path / "beni.txt").write_text(CONGO_TXT, encoding="utf-8")
    (tmp_path / "kunduz.txt").write_text(AFGHAN_TXT, encoding="utf-8")
    _write_jsonl(tmp_path / "articles.jsonl", [
        {"file": "zamfara.html", "url": "https://premium-times.example/news/2023/03/13/zamfara",
         "outlet": "Premium Times", "published": "2023-03-13T22:40:00Z", "language": "en",
         "title": "Bandits kill 23 in Zamfara"},
        {"file": "beni.txt", "outlet": "Radio Okapi", "published": "2021-05-31 07:30:00",
         "language": "EN"},
        {"file": "kunduz.txt", "url": "https://tolo.example/afghanistan-2015-04-13-kunduz",
         "published": None},
    ])
    items = {i.source: i for i in read_inputs([tmp_path])}
    assert sorted(items) == ["beni.txt", "kunduz.txt", "zamfara.html"]  # sidecar not an article
    zam = items["zamfara.html"]
    assert (zam.outlet, zam.title) == ("Premium Times", "Bandits kill 23 in Zamfara")
    assert zam.url == "https://premium-times.example/news/2023/03/13/zamfara"
    assert (zam.published, zam.published_source) == ("2023-03-13", "metadata")
    beni = items["beni.txt"]
    assert (beni.outlet, beni.published, beni.language) == ("Radio Okapi", "2021-05-31", "en")
    kunduz = items["kunduz.txt"]
    assert (kunduz.published, kunduz.published_source) == ("2015-04-13", "url")


def test_sidecar_in_parent_folder_may_point_into_subfolders(tmp_path):
    (tmp_path / "2019").mkdir()
    (tmp_path / "2019" / "beni.txt").write_text(CONGO_TXT, encoding="utf-8")
    _write_jsonl(tmp_path / "articles.jsonl",
                 [{"file": "2019/beni.txt", "outlet": "Actualite.cd", "published": "2019-11-05"}])
    (art,) = read_inputs([tmp_path])
    assert (art.outlet, art.published) == ("Actualite.cd", "2019-11-05")


def test_published_source_order(tmp_path):
    """metadata → html → text → url → None, each tried only when the earlier ones say nothing."""
    dated_page = NIGERIA_HTML  # article:published_time 2023-03-14
    undated_page = NIGERIA_HTML.replace(
        '<meta property="article:published_time" content="2023-03-14T09:12:00+01:00">', "")
    with_text_date = undated_page.replace(
        "<h1>Gunmen kill 23 villagers in Zamfara raid</h1>",
        "<h1>Gunmen kill 23 villagers in Zamfara raid</h1><p>Published 15 March 2023</p>")
    url = "https://sahel.example/2023/03/16/zamfara"
    _write_jsonl(tmp_path / "order.jsonl", [
        {"id": "meta", "html": dated_page, "published": "2023-03-12", "url": url},
        {"id": "html", "html": dated_page, "url": url},
        {"id": "text", "html": with_text_date, "url": url},
        {"id": "url", "html": undated_page, "url": url},
        {"id": "none", "html": undated_page},
    ])
    got = {a.source: (a.published, a.published_source) for a in read_inputs([tmp_path / "order.jsonl"])}
    assert got == {
        "meta": ("2023-03-12", "metadata"),
        "html": ("2023-03-14", "html"),
        "text": ("2023-03-15", "text"),
        "url": ("2023-03-16", "url"),
        "none": (None, None),
    }
