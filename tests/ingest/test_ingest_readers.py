"""read_inputs on realistic files of every kind: text, HTML, gzip, sniffed, folders."""

from __future__ import annotations

import gzip
import inspect
import shutil
from pathlib import Path

from eventscope.ingest import article_id, read_inputs
from eventscope.models import Article, FailedInput
from tests.ingest.ingest_samples import (
    AFGHAN_TXT,
    BROKEN_YEMEN_HTML,
    CONGO_TXT,
    NIGERIA_HTML,
    UKRAINE_TXT,
)

SEEDS = Path("/work/shared/seeds")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _one(path: Path, **kw) -> Article | FailedInput:
    items = list(read_inputs([path], **kw))
    assert len(items) == 1, items
    return items[0]


def test_plain_text_article(tmp_path):
    path = tmp_path / "beni-attack.txt"
    path.write_bytes(CONGO_TXT.replace("\n", "\r\n").encode("utf-8"))
    art = _one(path)
    assert isinstance(art, Article)
    assert art.kind == "text" and art.source == "beni-attack.txt"
    assert "\r" not in art.text and art.text == CONGO_TXT  # \r\n normalised, nothing else touched
    assert art.id == article_id(CONGO_TXT) and len(art.id) == 16
    assert art.language == "en"
    assert art.published is None and art.published_source is None
    assert art.title is None and art.outlet is None and art.url is None
    start = art.text.index("Mamove")
    assert art.text[start:start + 6] == "Mamove"  # offsets index the stored text


def test_text_extension_and_published_line(tmp_path):
    path = tmp_path / "kharkiv.text"
    path.write_text(UKRAINE_TXT, encoding="utf-8")
    art = _one(path)
    assert art.kind == "text"
    assert (art.published, art.published_source) == ("2022-05-14", "text")


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "report.story").write_text(AFGHAN_TXT, encoding="utf-8")
    (tmp_path / "page.asp").write_text("\n\n  " + NIGERIA_HTML, encoding="utf-8")
    items = {i.source: i for i in read_inputs([tmp_path])}
    assert items["report.story"].kind == "text"
    assert items["page.asp"].kind == "html"
    assert items["page.asp"].text.count("Zamfara") >= 1 and "<p>" not in items["page.asp"].text


def test_html_article_with_boilerplate_removed(tmp_path):
    path = tmp_path / "zamfara.html"
    path.write_text(NIGERIA_HTML, encoding="utf-8")
    art = _one(path)
    assert art.kind == "html" and art.source == "zamfara.html"
    assert art.title == "Gunmen kill 23 villagers in Zamfara raid"
    assert art.outlet == "Daily Sahel Times"
    assert art.url == "https://sahel-times.example/news/zamfara-raid"
    assert (art.published, art.published_source) == ("2023-03-14", "html")
    assert "killed at least 23 people in an overnight raid on Kadawa village" in art.text
    assert "abducted at least 15 women and children" in art.text
    for junk in ("Sign up", "morning briefing", "Subscribe", "Kidnappers free 20 students",
                 "Share on Facebook", "All rights reserved", "Sport"):
        assert junk not in art.text, junk
    assert "\n\n" in art.text  # paragraphs stay apart


def test_gzipped_html(tmp_path):
    path = tmp_path / "zamfara.html.gz"
    path.write_bytes(gzip.compress(NIGERIA_HTML.encode("utf-8")))
    art = _one(path)
    assert art.kind == "html" and "Kadawa village" in art.text


def test_broken_html_with_real_text_still_ingests(tmp_path):
    path = tmp_path / "saada.htm"
    path.write_text(BROKEN_YEMEN_HTML, encoding="utf-8")
    art = _one(path)
    assert isinstance(art, Article), art
    assert "killing at least 14 civilians" in art.text
    assert "26 people were wounded" in art.text


def test_html_without_article_text_is_bad_html(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a>"
                    "</nav><div><img src='x.png'></div></body></html>", encoding="utf-8")
    item = _one(path)
    assert isinstance(item, FailedInput) and item.code == "bad_html"
    assert "menu.html" in item.reason and item.source == "menu.html"


def test_folder_is_recursive_sorted_and_skips_data_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "kunduz.txt").write_text(AFGHAN_TXT, encoding="utf-8")
    (tmp_path / "a" / "kharkiv.txt").write_text(UKRAINE_TXT, encoding="utf-8")
    (tmp_path / "beni.txt").write_text(CONGO_TXT, encoding="utf-8")
    (tmp_path / "gold.json").write_text('{"events": []}', encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    sources = [i.source for i in read_inputs([tmp_path])]
    assert sources == ["beni.txt", "a/kharkiv.txt", "b/kunduz.txt"]  # relative to the root (issue 11)


def test_a_file_reached_three_times_is_read_under_each_name(tmp_path):
    """Each name given or walked gets its outcome (issue 11): here one article, then two of
    its duplicates (the pipeline skips them by content), not one outcome for three names."""
    path = tmp_path / "beni.txt"
    path.write_text(CONGO_TXT, encoding="utf-8")
    items = list(read_inputs([tmp_path, path, str(path)]))
    assert [i.source for i in items] == ["beni.txt"] * 3
    assert all(isinstance(i, Article) for i in items) and len({i.id for i in items}) == 1


def test_missing_path_is_not_found_and_run_goes_on(tmp_path):
    good = tmp_path / "kunduz.txt"
    good.write_text(AFGHAN_TXT, encoding="utf-8")
    items = list(read_inputs([tmp_path / "nope.txt", good]))
    assert isinstance(items[0], FailedInput) and items[0].code == "not_found"
    assert "nope.txt" in items[0].source
    assert isinstance(items[1], Article)


def test_read_inputs_streams(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(AFGHAN_TXT + f"\nUpdate {i}.", encoding="utf-8")
    gen = read_inputs([tmp_path])
    assert inspect.isgenerator(gen)
    first = next(gen)
    assert first.source == "0.txt"


def test_same_report_as_txt_and_jsonl_gets_same_id(tmp_path):
    (tmp_path / "kunduz.txt").write_text(AFGHAN_TXT, encoding="utf-8")
    retyped = AFGHAN_TXT.upper().replace("\n\n", "\n  \n") + "   "
    import json
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": retyped}) + "\n", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert len(items) == 2 and all(isinstance(i, Article) for i in items)
    assert items[0].id == items[1].id
    assert items[0].text != items[1].text  # stored text keeps its own characters


def test_seed_directory_with_sidecar(tmp_path):
    for source in (SEEDS, EXAMPLES):
        items = list(read_inputs([source]))
        assert all(isinstance(i, Article) for i in items), items
        by_file = {i.source: i for i in items}
        assert sorted(by_file) == ["000_18d4f89314b8d183.txt", "003_cb45ddb110bccc13.txt"]
        aj = by_file["000_18d4f89314b8d183.txt"]
        assert aj.outlet == "Al Jazeera America"
        assert aj.url.startswith("http://america.aljazeera.com/articles/2014/1/8/")
        assert (aj.published, aj.published_source) == ("2014-01-08", "metadata")
        assert aj.language == "en"
        bbc = by_file["003_cb45ddb110bccc13.txt"]
        assert bbc.outlet == "BBC News"
        # The BBC text only dates a photo caption; its URL has no date: stays unknown.
        assert bbc.published is None and bbc.published_source is None


def test_single_seed_file_still_finds_its_sidecar(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds", ignore=shutil.ignore_patterns("gold"))
    art = _one(tmp_path / "seeds" / "000_18d4f89314b8d183.txt")
    assert art.outlet == "Al Jazeera America" and art.published_source == "metadata"


def test_sidecar_named_explicitly_reads_the_files_it_lists(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds", ignore=shutil.ignore_patterns("gold"))
    (tmp_path / "seeds" / "003_cb45ddb110bccc13.txt").unlink()
    items = list(read_inputs([tmp_path / "seeds" / "articles.jsonl"]))
    assert [type(i).__name__ for i in items] == ["Article", "FailedInput"]
    assert items[1].code == "not_found" and items[1].source == "003_cb45ddb110bccc13.txt"


def test_ingest_skips_a_database_and_its_wal_beside_the_articles(tmp_path):
    """A run whose --db lives in the input folder must not read its own database files."""
    (tmp_path / "report.txt").write_text("Gunmen killed five villagers in Zamfara state on Sunday, police said.")
    (tmp_path / "x.duckdb").write_bytes(b"\x00" * 64)
    (tmp_path / "x.duckdb.wal").write_bytes(b"\x00" * 64)
    items = list(read_inputs([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article"]
