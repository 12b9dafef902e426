"""Issue 11 in the pipeline: a time budget per article, one bad row never loses a batch,
failures are a set across re-runs."""

from __future__ import annotations

import contextlib
import os
import threading
import time

import pytest

from eventscope.models import ArticleResult
from eventscope.pipeline import process as proc
from eventscope.pipeline.budget import ArticleTimeout, deadline
from eventscope.store.db import Store
from tests.ingest.ingest_samples import AFGHAN_TXT, CONGO_TXT, UKRAINE_TXT

pytestmark = pytest.mark.issue(11)


class _FakeExtractor:
    """Stands in for MentionExtractor: no model, and a chosen article that never ends."""

    def __init__(self, resources) -> None:
        pass

    def extract(self, article):
        if "Kunduz" in article.text:
            while True:  # a pathological text: pure Python, as extraction is
                sum(range(1000))
        if "Kharkiv" in article.text:
            with contextlib.suppress(Exception):  # code that swallows errors must not swallow the budget
                time.sleep(30)
        return ArticleResult(article)


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a.txt", CONGO_TXT), ("b.txt", AFGHAN_TXT), ("c.txt", UKRAINE_TXT)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_article_over_its_time_budget_fails_as_timeout_and_the_run_goes_on(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _FakeExtractor)
    start = time.monotonic()
    result = proc.process([inputs], tmp_path / "e.duckdb", max_seconds_per_article=0.5)
    assert time.monotonic() - start < 10
    assert sorted((f.source, f.code) for f in result.failed) == [("b.txt", "timeout"), ("c.txt", "timeout")]
    assert result.stored == 1
    assert "0.5 s" in result.failed[0].reason


def test_deadline_is_not_enforced_off_the_main_thread():
    seen: list[bool] = []
    worker = threading.Thread(target=lambda: seen.append(deadline(0.1).__enter__()))
    worker.start()
    worker.join()
    assert seen == [False]
    with deadline(None) as enforced:
        assert not enforced
    with pytest.raises(ArticleTimeout), deadline(0.05):
        time.sleep(1)


def test_one_unwritable_article_does_not_lose_its_batch(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _FakeExtractor)
    real = Store.write_batch

    def write_batch(self, results, failed, run_id, attempted_at=None):
        if any(r.article.source == "a.txt" for r in results):
            raise proc.StoreError("cannot encode a.txt")
        return real(self, results, failed, run_id, attempted_at)

    monkeypatch.setattr(Store, "write_batch", write_batch)
    (inputs / "b.txt").write_text(CONGO_TXT.replace("Beni", "Butembo"), encoding="utf-8")
    (inputs / "c.txt").write_text("   ", encoding="utf-8")
    result = proc.process([inputs], tmp_path / "e.duckdb", max_seconds_per_article=5)
    assert sorted((f.source, f.code) for f in result.failed) == [("a.txt", "store_failed"), ("c.txt", "empty_text")]
    with Store(tmp_path / "e.duckdb", read_only=True) as db:
        assert [r["source"] for r in db.query("SELECT source FROM articles")] == ["b.txt"]
        assert db.count("failed_inputs") == 2


def test_rerun_keeps_one_failure_row_per_input(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _FakeExtractor)
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "feed.jsonl").write_text('{"text": 123}\nnot json\n', encoding="utf-8")
    db = tmp_path / "e.duckdb"
    first = proc.process([inputs], db, max_seconds_per_article=0.3)
    second = proc.process([inputs], db, max_seconds_per_article=0.3)
    assert first.n_failed == second.n_failed == 5
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT source, code, run_id FROM failed_inputs ORDER BY source")
    assert [(r["source"], r["code"]) for r in rows] == [
        ("b.txt", "timeout"), ("c.txt", "timeout"), ("empty.txt", "empty_text"),
        ("feed.jsonl:1", "bad_field"), ("feed.jsonl:2", "bad_json")]
    assert {r["run_id"] for r in rows} == {second.run_id}


class _QuickExtractor(_FakeExtractor):
    def extract(self, article):
        return ArticleResult(article)


def test_undecodable_file_name_is_stored_with_its_batch(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _QuickExtractor)
    with open(os.path.join(os.fsencode(inputs), b"r\xe9sum\xe9.txt"), "wb") as fh:
        fh.write(CONGO_TXT.replace("Beni", "Oicha").encode("utf-8"))
    with open(os.path.join(os.fsencode(inputs), b"\xff.txt"), "wb") as fh:
        fh.write(b"")
    result = proc.process([inputs], tmp_path / "e.duckdb", max_seconds_per_article=None)
    assert [(f.source, f.code) for f in result.failed] == [("\\xff.txt", "empty_text")]
    with Store(tmp_path / "e.duckdb", read_only=True) as db:
        sources = sorted(r["source"] for r in db.query("SELECT source FROM articles"))
    assert sources == ["a.txt", "b.txt", "c.txt", "r\\xe9sum\\xe9.txt"]


class _SlowToLoadExtractor(_FakeExtractor):
    """Loads its models on the first call, as the real extractor does."""

    loaded = False

    def extract(self, article):
        if not self.loaded:
            time.sleep(1.0)
            self.loaded = True
        return ArticleResult(article)


def test_loading_models_is_not_charged_to_the_first_article(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _SlowToLoadExtractor)
    result = proc.process([inputs], tmp_path / "e.duckdb", max_seconds_per_article=0.5)
    assert (result.stored, result.n_failed) == (3, 0)


class _InterruptedExtractor(_FakeExtractor):
    """Ctrl-C (or a kill) arrives while the run is extracting its second batch."""

    def extract(self, article):
        if "Kharkiv" in article.text:
            raise KeyboardInterrupt
        return ArticleResult(article)


def test_an_interrupted_run_keeps_the_batches_it_committed(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _InterruptedExtractor)
    db = tmp_path / "e.duckdb"
    (inputs / "b.txt").write_text(CONGO_TXT.replace("Beni", "Butembo"), encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        proc.process([inputs], db, batch_size=2, max_seconds_per_article=None)
    with Store(db, read_only=True) as store:
        assert sorted(r["source"] for r in store.query("SELECT source FROM articles")) == ["a.txt", "b.txt"]
    monkeypatch.setattr(proc, "MentionExtractor", _QuickExtractor)
    again = proc.process([inputs], db, batch_size=2, max_seconds_per_article=None)
    assert (again.duplicates, again.stored, again.n_failed) == (2, 1, 0)


def test_every_name_given_or_walked_gets_exactly_one_outcome(tmp_path, monkeypatch):
    """Stored, duplicate, or failed with a code, for each name: a link to a file beside it and a
    file named again after its folder are names too (before, they got no outcome at all)."""
    monkeypatch.setattr(proc, "MentionExtractor", _FakeExtractor)
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(CONGO_TXT, encoding="utf-8")
    (root / "b-link.txt").symlink_to(root / "a.txt")
    (root / "bad.txt").write_bytes(b"\x00\x01" * 40)
    (root / "bad-link.txt").symlink_to(root / "bad.txt")
    (root / "c.txt").write_text(CONGO_TXT.replace("Beni", "Oicha"), encoding="utf-8")
    result = proc.process([root, root / "c.txt", root / "bad.txt"], tmp_path / "e.duckdb")
    assert (result.stored, result.duplicates, result.n_failed) == (2, 2, 3)  # 5 names walked, 2 given
    assert sorted((f.source, f.code) for f in result.failed) == [
        ("bad-link.txt", "binary"), ("bad.txt", "binary"), ("bad.txt", "binary")]
    with Store(tmp_path / "e.duckdb", read_only=True) as db:
        assert sorted(r["source"] for r in db.query("SELECT source FROM articles")) == ["a.txt", "c.txt"]
        assert db.count("failed_inputs") == 2  # failures are a set of (source, code)
