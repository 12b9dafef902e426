"""Issue 11: inputs crafted to crash, hang, exhaust or trick ingest each get one named outcome."""

from __future__ import annotations

import codecs
import io
import json
import os
import threading
from pathlib import Path

import pytest

from eventscope.errors import REASONS, InputError
from eventscope.ingest import read_inputs
from eventscope.ingest.safeio import read_bounded
from eventscope.models import Article, FailedInput
from tests.ingest.ingest_samples import AFGHAN_TXT, CONGO_TXT

pytestmark = pytest.mark.issue(11)


def _items(*paths, **kw) -> list[Article | FailedInput]:
    """read_inputs in a thread, so a test that would hang fails instead."""
    out: list = []
    worker = threading.Thread(target=lambda: out.extend(read_inputs(list(paths), **kw)), daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "read_inputs blocked"
    return out


def _by_source(items) -> dict[str, Article | FailedInput]:
    sources = [i.source for i in items]
    assert len(sources) == len(set(sources)), sources
    return {i.source: i for i in items}


def _code(item) -> str:
    assert isinstance(item, FailedInput), item
    assert item.code in REASONS and item.reason.endswith(REASONS[item.code])
    return item.code


def test_fifo_in_a_folder_fails_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(CONGO_TXT, encoding="utf-8")
    items = _by_source(_items(tmp_path))
    assert _code(items["pipe.txt"]) == "not_regular" and "FIFO" in items["pipe.txt"].reason
    assert isinstance(items["ok.txt"], Article)


def test_fifo_named_explicitly_or_as_jsonl_fails_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "feed.jsonl")
    os.mkfifo(tmp_path / "articles.jsonl")
    (tmp_path / "ok.txt").write_text(CONGO_TXT, encoding="utf-8")
    assert [_code(i) for i in _items(tmp_path / "feed.jsonl")] == ["not_regular"]
    items = _by_source(_items(tmp_path))  # a FIFO sidecar must not hang the metadata lookup
    assert isinstance(items["ok.txt"], Article) and _code(items["feed.jsonl"]) == "not_regular"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_links_to_devices_are_refused(tmp_path, device):
    (tmp_path / "zero.txt").symlink_to(device)
    assert [_code(i) for i in _items(tmp_path)] == ["outside_inputs"]
    assert [_code(i) for i in _items(tmp_path, follow_links=True)] == ["not_regular"]
    assert [_code(i) for i in _items(tmp_path / "zero.txt")] == ["not_regular"]


def test_link_out_of_the_input_folder_is_refused_unless_follow_links(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(AFGHAN_TXT, encoding="utf-8")
    root = tmp_path / "in"
    root.mkdir()
    (root / "passwd.txt").symlink_to("/etc/passwd")
    (root / "secret.txt").symlink_to(outside / "secret.txt")
    (root / "elsewhere").symlink_to(outside, target_is_directory=True)
    items = _by_source(_items(root))
    assert {s: _code(i) for s, i in items.items()} == {
        "elsewhere": "outside_inputs", "passwd.txt": "outside_inputs", "secret.txt": "outside_inputs"}
    followed = _by_source(_items(root, follow_links=True))
    assert isinstance(followed["secret.txt"], Article)
    assert followed["elsewhere/secret.txt"].id == followed["secret.txt"].id  # the same file, a duplicate


@pytest.mark.parametrize("follow_links", [False, True])
def test_every_name_of_a_file_linked_inside_the_folder_gets_an_outcome(tmp_path, follow_links):
    """A link to a file in the folder and the file itself are two inputs: each is read under its
    own name (an article twice is then a duplicate; a bad file fails twice), whichever of the two
    the walk meets first. Before, the second name met got no outcome at all."""
    (tmp_path / "a.txt").write_text(CONGO_TXT, encoding="utf-8")
    (tmp_path / "b-link.txt").symlink_to(tmp_path / "a.txt")  # met after its target
    (tmp_path / "y-link.txt").symlink_to(tmp_path / "z.txt")  # met before it
    (tmp_path / "z.txt").write_text(AFGHAN_TXT, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01" * 40)
    (tmp_path / "bad-link.txt").symlink_to(tmp_path / "bad.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").symlink_to(tmp_path / "a.txt")
    items = _items(tmp_path, follow_links=follow_links)
    assert sorted(i.source for i in items) == ["a.txt", "b-link.txt", "bad-link.txt", "bad.txt", "sub/c.txt",
                                               "y-link.txt", "z.txt"]
    by = _by_source(items)
    assert by["a.txt"].id == by["b-link.txt"].id == by["sub/c.txt"].id and by["y-link.txt"].id == by["z.txt"].id
    assert _code(by["bad.txt"]) == _code(by["bad-link.txt"]) == "binary"


def test_link_inside_the_folder_is_followed_and_loops_end(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "report.txt").write_text(CONGO_TXT, encoding="utf-8")
    (tmp_path / "b").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    items = _items(tmp_path, follow_links=True)
    assert [i.source for i in items] == ["a/report.txt"]
    assert [i.source for i in _items(tmp_path)] == ["a/report.txt"]


def test_same_named_files_in_two_folders_are_told_apart(tmp_path):
    for sub, text in (("x", CONGO_TXT), ("y", AFGHAN_TXT)):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(text, encoding="utf-8")
    assert [i.source for i in _items(tmp_path)] == ["x/report.txt", "y/report.txt"]


def test_unreadable_folder_is_a_failure_not_a_silence(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(CONGO_TXT, encoding="utf-8")
    real = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)  # root can read any folder, so refuse it by hand
    items = _items(tmp_path)
    assert [(i.source, _code(i)) for i in items] == [("locked", "unreadable")]


def test_file_name_that_is_not_utf8_is_escaped(tmp_path):
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as fh:
        fh.write(CONGO_TXT.encode("utf-8"))
    (item,) = _items(tmp_path)
    assert isinstance(item, Article) and item.source == "caf\\xe9.txt"
    item.source.encode("utf-8")  # storable


def test_sidecar_file_paths_stay_inside_its_folder(tmp_path):
    (tmp_path / "secret.txt").write_text(AFGHAN_TXT, encoding="utf-8")
    root = tmp_path / "in"
    root.mkdir()
    (root / "ok.txt").write_text(CONGO_TXT, encoding="utf-8")
    lines = [{"file": "ok.txt", "outlet": "Radio Okapi"}, {"file": "../secret.txt"},
             {"file": str(tmp_path / "secret.txt")}, {"file": "/etc/passwd"}, {"file": "gone.txt"}]
    sidecar = root / "articles.jsonl"
    sidecar.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    items = _items(sidecar)
    codes = [(i.source, i.code if isinstance(i, FailedInput) else "stored") for i in items]
    assert codes[:3] == [("ok.txt", "stored"), ("../secret.txt", "outside_inputs"),
                         ("../secret.txt", "outside_inputs")]
    assert [c for _, c in codes] == ["stored", "outside_inputs", "outside_inputs", "outside_inputs", "not_found"]
    assert all("Afghan" not in i.text for i in items if isinstance(i, Article))


@pytest.mark.parametrize("depth", [40, 1_500, 100_000])
def test_deeply_nested_json_line_is_too_deep(tmp_path, depth):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "x", "a": ' + "[" * depth + "]" * depth + "}\n"
                    + json.dumps({"text": CONGO_TXT}) + "\n", encoding="utf-8")
    first, second = _items(feed)
    assert _code(first) == "too_deep" and isinstance(second, Article)


@pytest.mark.parametrize(("line", "code"), [
    ({"text": 123}, "bad_field"), ({"text": ["a"]}, "bad_field"), ({"html": {"p": 1}}, "bad_field"),
    ({"text": CONGO_TXT, "title": "t" * 10_000}, "bad_field"),
    ({"text": CONGO_TXT, "url": {"href": "x"}}, "bad_field"),
    ({"text": "\u0000" * 500}, "empty_text"), ({"text": "... --- !!!"}, "empty_text"),
    ({"text": "\u0001\u0002 news " * 50}, "binary"),
])
def test_jsonl_fields_of_the_wrong_kind_are_named(tmp_path, line, code):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (item,) = _items(feed)
    assert _code(item) == code


def test_jsonl_text_with_lone_surrogates_is_storable(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": ' + json.dumps(CONGO_TXT)[:-1] + ' \\ud800 end.", "title": "a\\udfffb"}\n',
                    encoding="utf-8")
    (item,) = _items(feed)
    assert isinstance(item, Article)
    item.text.encode("utf-8")
    assert item.title == "a\ufffdb" and len(item.text) == len(CONGO_TXT) + 7


def test_empty_jsonl_files_fail_once(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n\n")
    items = _by_source(_items(tmp_path))
    assert {s: _code(i) for s, i in items.items()} == {"blank.jsonl": "empty_text", "empty.jsonl": "empty_text"}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(tmp_path, codec):
    path = tmp_path / "report.txt"
    path.write_bytes(CONGO_TXT.encode(codec))
    assert not path.read_bytes().startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    (item,) = _items(path)
    assert isinstance(item, Article) and item.text == CONGO_TXT


def test_reads_are_bounded_by_bytes_read_not_claimed_size():
    class Endless(io.RawIOBase):  # like /dev/zero: claims nothing, never ends
        def readable(self) -> bool:
            return True

        def readinto(self, buf) -> int:
            buf[:] = b"a" * len(buf)
            return len(buf)

    with pytest.raises(InputError) as err:
        read_bounded(io.BufferedReader(Endless()), 1_000_000, "endless")
    assert err.value.code == "too_large"


def test_sidecar_metadata_of_absurd_size_or_shape_is_dropped(tmp_path):
    (tmp_path / "ok.txt").write_text(CONGO_TXT, encoding="utf-8")
    (tmp_path / "articles.jsonl").write_text(json.dumps(
        {"file": "ok.txt", "title": "t" * 50_000, "outlet": {"x": 1}, "url": "https://example.org/a"}) + "\n",
        encoding="utf-8")
    (item,) = _items(tmp_path)
    assert isinstance(item, Article)
    assert (item.title, item.outlet, item.url) == (None, None, "https://example.org/a")


def test_reading_an_input_has_the_time_budget_too(tmp_path, monkeypatch):
    from eventscope.ingest import readers

    def slow_html(text, url=None):
        while True:
            sum(range(1000))

    monkeypatch.setattr(readers, "extract_html", slow_html)
    (tmp_path / "a.html").write_text("<p>slow</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text(CONGO_TXT, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"html": "<p>slow</p>"}) + "\n", encoding="utf-8")
    items = list(read_inputs([tmp_path], max_seconds=0.3))  # main thread: the budget applies
    assert [(i.source, getattr(i, "code", "stored")) for i in items] == [
        ("a.html", "timeout"), ("b.txt", "stored"), ("c.jsonl:1", "timeout")]
    assert items[0].reason.endswith("--max-seconds-per-article; split the article or raise the limit")
