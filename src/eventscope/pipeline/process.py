"""The main job as a library call: ingest, extract, store, link.

`process()` is what the CLI, tests and notebooks call. It streams inputs in
batches (never the whole corpus in memory), skips articles the store already
holds, records every failed input with its reason, and re-links events and
stories over the whole store at the end, so a second run on the same inputs
changes nothing.
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from eventscope import __version__
from eventscope.errors import REASONS, StoreError
from eventscope.extract.mentions import MentionExtractor
from eventscope.ingest import article_id, read_inputs
from eventscope.ingest.safeio import display_name
from eventscope.link.relink import relink_store
from eventscope.models import Article, ArticleResult, FailedInput
from eventscope.resources import Resources
from eventscope.store.db import Store

from .budget import ArticleTimeout, deadline

BATCH_SIZE = 64
MAX_SECONDS_PER_ARTICLE = 30.0


@dataclass
class Result:
    """What a run did: the closing summary and the failures, with reasons."""

    run_id: str
    articles_read: int = 0
    duplicates: int = 0
    stored: int = 0
    mentions: int = 0
    events: int = 0
    stories: int = 0
    relations: int = 0
    failed: list[FailedInput] = field(default_factory=list)

    @property
    def n_failed(self) -> int:
        return len(self.failed)

    def counts(self) -> dict[str, int]:
        return {"articles_read": self.articles_read, "duplicates": self.duplicates,
                "stored": self.stored, "failed": self.n_failed, "mentions": self.mentions,
                "events": self.events, "stories": self.stories, "relations": self.relations}


def _extract_safely(extractor: MentionExtractor, article: Article,
                    max_seconds: float | None = None) -> ArticleResult | FailedInput:
    try:
        with deadline(max_seconds):
            return extractor.extract(article)
    except ArticleTimeout:
        return FailedInput(article.source, "timeout",
                           f"extraction of {len(article.text):,} characters passed {max_seconds:g} s; "
                           f"{REASONS['timeout']}")
    except Exception as exc:  # one bad article must not stop the run
        last = traceback.extract_tb(exc.__traceback__)[-1]
        detail = f"{type(exc).__name__}: {exc} (at {Path(last.filename).name}:{last.lineno})"
        return FailedInput(article.source, "extract_failed", f"{detail}; {REASONS['extract_failed']}")


#: Extracted once, unbudgeted, before the first real article: models and lexicons load
#: lazily on first use, which can take longer than the budget on a busy machine and
#: must not be charged to whichever article happens to come first.
_WARM_UP_TEXT = ("Gunmen attacked a village near Beni on Monday, killing 12 civilians, "
                 "a local official said.")


def _warm_up(extractor: MentionExtractor) -> None:
    warm = Article(id=article_id(_WARM_UP_TEXT), text=_WARM_UP_TEXT, source="(warm-up)",
                   published="2020-01-06", published_source="metadata", language="en")
    try:
        extractor.extract(warm)
        extractor.res.parser.nlp  # noqa: B018 - parsed only for some sentences, so loaded here
        extractor.res.entities.nlp  # noqa: B018 - likewise the entity recogniser
    except Exception:  # a broken extractor shows itself on the real articles, with their names
        return


def _write(db: Store, results: list[ArticleResult], failed: list[FailedInput], run_id: str) -> list[ArticleResult]:
    """Write a batch; if the batch fails, write article by article so one bad row loses
    only itself (recorded as `store_failed`), never the good ones beside it (issue 11).
    Returns the results actually stored; `failed` gains the ones that were not."""
    try:
        db.write_batch(results, failed, run_id)
        return results
    except StoreError:
        if not results:
            raise
    stored: list[ArticleResult] = []
    for r in results:
        try:
            db.write_batch([r], [], run_id)
            stored.append(r)
        except StoreError as exc:
            failed.append(FailedInput(r.article.source, "store_failed", f"{exc}; {REASONS['store_failed']}"))
    db.write_batch([], failed, run_id)
    return stored


def process(paths: Iterable[str | Path], store: Store | str | Path = "eventscope.duckdb", *,
            resources: Resources | None = None, batch_size: int = BATCH_SIZE,
            max_bytes: int = 10_000_000, follow_links: bool = False,
            max_seconds_per_article: float | None = MAX_SECONDS_PER_ARTICLE,
            on_progress: Callable[[int], None] | None = None) -> Result:
    """Ingest, extract and link `paths` (files or directories) into `store`.

    `follow_links` lets folder walks follow symlinks out of the input folders;
    `max_seconds_per_article` (None or 0: no limit) records a slower article as
    failed (`timeout`) and goes on; it is enforced only in the main thread (see budget).
    """
    paths = [str(p) for p in paths]
    items = read_inputs(paths, max_bytes=max_bytes, follow_links=follow_links,
                        max_seconds=max_seconds_per_article)
    return process_items(items, store, inputs=[display_name(p) for p in paths], resources=resources,
                         batch_size=batch_size, max_seconds_per_article=max_seconds_per_article,
                         on_progress=on_progress)


def process_items(items: Iterable[Article | FailedInput], store: Store | str | Path, *,
                  inputs: list[str] | None = None, resources: Resources | None = None,
                  batch_size: int = BATCH_SIZE,
                  max_seconds_per_article: float | None = MAX_SECONDS_PER_ARTICLE,
                  on_progress: Callable[[int], None] | None = None) -> Result:
    """Extract and link already-read articles (e.g. gold files) into `store`."""
    own_store = not isinstance(store, Store)
    db = Store(store) if own_store else store
    res = resources or Resources()
    extractor = MentionExtractor(res)
    result = Result(run_id=uuid.uuid4().hex[:12])
    started = datetime.now(UTC).isoformat(timespec="seconds")
    seen: set[str] = set()
    batch: list[Article] = []
    failed: list[FailedInput] = []

    warmed = False

    def flush() -> None:
        nonlocal warmed
        known = db.known_article_ids(a.id for a in batch)
        results: list[ArticleResult] = []
        for article in batch:
            if article.id in known or article.id in seen:
                result.duplicates += 1
                continue
            seen.add(article.id)
            if max_seconds_per_article and not warmed:
                _warm_up(extractor)
                warmed = True
            out = _extract_safely(extractor, article, max_seconds_per_article)
            if isinstance(out, FailedInput):
                failed.append(out)
            else:
                results.append(out)
        results = _write(db, results, failed, result.run_id)
        result.stored += len(results)
        result.mentions += sum(len(r.mentions) for r in results)
        result.failed.extend(failed)
        batch.clear()
        failed.clear()

    try:
        for item in items:
            if isinstance(item, FailedInput):
                failed.append(item)
            else:
                result.articles_read += 1
                batch.append(item)
            if on_progress is not None:
                on_progress(1)
            if len(batch) >= batch_size or len(failed) >= batch_size:
                flush()
        flush()
        summary = relink_store(db)
        result.events, result.stories, result.relations = summary.events, summary.stories, summary.relations
        db.record_run(result.run_id, started, datetime.now(UTC).isoformat(timespec="seconds"), inputs or [],
                      result.counts(), res.data_versions(), __version__)
    finally:
        if own_store:
            db.close()
    return result
