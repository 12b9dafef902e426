"""The main job as a library call: ingest, extract, store, link.

`process()` is what the CLI, tests and notebooks call. It streams inputs in
batches (never the whole corpus in memory), skips articles the store already
holds, records every failed input with its reason, and re-links events and
stories over the whole store at the end, so a second run on the same inputs
changes nothing. With `workers` > 1 the articles are extracted in worker
processes (`parallel`) while this process alone reads, deduplicates and writes,
in input order, so the store ends up the same as with one.

Given a path, a run holds the store file only while it asks which articles are
stored, commits a batch, or links at the end, and closes it in between: DuckDB
lets no other process open a file one process writes, so this is what lets
`eventscope events`, `export` and `serve` read during a run (they see the batches
committed so far). Reopening costs about 50 ms a batch whatever the store's size
(benchmarks/store_sharing.py); publishing a copy after each batch would cost a
copy of the whole file. Given an open Store, the run uses it as it is.

A run killed mid-way keeps every batch it committed; the next run skips those
articles (they are stored) and links them with its own, as `eventscope relink` does.
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from itertools import islice
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
from eventscope.store.lock import WRITE_WAIT_SECONDS

from .budget import ArticleTimeout, deadline
from .parallel import ParallelExtractor, start_method

BATCH_SIZE = 64
MAX_SECONDS_PER_ARTICLE = 30.0
#: A worker still on one article at twice its budget plus this is stuck where the budget's
#: signal cannot reach (one long C call): the parent kills it and records a timeout.
HARD_TIMEOUT_GRACE = 5.0

Item = Article | FailedInput


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


def extract_safely(extractor: MentionExtractor, article: Article,
                   max_seconds: float | None = None) -> ArticleResult | FailedInput:
    """Extract one article within its budget; any failure becomes its FailedInput (also used
    by sharded extraction, eventscope.shards, so a shard fails articles as a run does)."""
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


def warm_up(extractor: MentionExtractor) -> None:
    """Load every model and lexicon once, before the first budgeted article."""
    warm = Article(id=article_id(_WARM_UP_TEXT), text=_WARM_UP_TEXT, source="(warm-up)",
                   published="2020-01-06", published_source="metadata", language="en")
    try:
        extractor.extract(warm)
        extractor.res.parser.nlp  # noqa: B018 - parsed only for some sentences, so loaded here
        extractor.res.entities.nlp  # noqa: B018 - likewise the entity recogniser
        if extractor.res.event_model.can_rescore:  # and the encoder, for sentences in doubt
            extractor.res.event_model.encoder  # noqa: B018
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
            on_progress: Callable[[int], None] | None = None, workers: int = 1) -> Result:
    """Ingest, extract and link `paths` (files or directories) into `store`.

    `follow_links` lets folder walks follow symlinks out of the input folders;
    `max_seconds_per_article` (None or 0: no limit) records a slower article as
    failed (`timeout`) and goes on; it is enforced only in the main thread (see budget),
    and always in worker processes. `workers` > 1 extracts in that many processes
    (see parallel); the output is the same as with 1.
    """
    paths = [str(p) for p in paths]
    items = read_inputs(paths, max_bytes=max_bytes, follow_links=follow_links,
                        max_seconds=max_seconds_per_article)
    return process_items(items, store, inputs=[display_name(p) for p in paths], resources=resources,
                         batch_size=batch_size, max_seconds_per_article=max_seconds_per_article,
                         on_progress=on_progress, workers=workers)


@dataclass(frozen=True)
class _WorkerSetup:
    """What a worker process runs once: inherited as is under fork (`resources` loaded and
    shared), pickled by reference under spawn (`resources` None: the worker loads its own)."""

    extractor: Callable[[Resources], MentionExtractor]
    max_seconds: float | None
    resources: Resources | None = None

    def __call__(self) -> Callable[[Article], ArticleResult | FailedInput]:
        extractor = self.extractor(self.resources or Resources())
        if self.resources is None:
            warm_up(extractor)
        return partial(extract_safely, extractor, max_seconds=self.max_seconds)


@contextmanager
def _extraction(res: Resources, workers: int, max_seconds: float | None,
                window: int) -> Iterator[Callable[[Iterable[Item]], Iterator[Item]]]:
    """Yields a function from read items to outcomes (ArticleResult or FailedInput), in order:
    in this process for one worker, else on a pool of worker processes."""
    if workers == 1:
        extractor = MentionExtractor(res)

        def in_process(items: Iterable[Item]) -> Iterator[Item]:
            warmed = False
            for item in items:
                if isinstance(item, FailedInput):
                    yield item
                    continue
                if max_seconds and not warmed:
                    warm_up(extractor)
                    warmed = True
                yield extract_safely(extractor, item, max_seconds)

        yield in_process
        return
    method = start_method()
    if method == "fork":  # load and warm everything before forking: the workers share those pages
        warm_up(MentionExtractor(res))
    setup = _WorkerSetup(MentionExtractor, max_seconds, res if method == "fork" else None)
    hard = 2 * max_seconds + HARD_TIMEOUT_GRACE if max_seconds else None
    with ParallelExtractor(setup, workers, method=method, window=window, hard_timeout=hard) as pool:
        yield pool.extract


def _unseen(items: Iterable[Item], session: Callable[[], AbstractContextManager[Store]], result: Result,
            batch_size: int, on_progress: Callable[[int], None] | None) -> Iterator[Item]:
    """The items minus articles already stored or already met in this run, decided here in
    the parent before any extraction, one store query per `batch_size` items."""
    seen: set[str] = set()
    source = iter(items)
    while chunk := list(islice(source, batch_size)):
        with session() as db:
            known = db.known_article_ids(a.id for a in chunk if isinstance(a, Article))
        for item in chunk:
            if isinstance(item, Article):
                result.articles_read += 1
                if item.id in known or item.id in seen:
                    result.duplicates += 1
                    if on_progress is not None:
                        on_progress(1)
                    continue
                seen.add(item.id)
            yield item


def process_items(items: Iterable[Article | FailedInput], store: Store | str | Path, *,
                  inputs: list[str] | None = None, resources: Resources | None = None,
                  batch_size: int = BATCH_SIZE,
                  max_seconds_per_article: float | None = MAX_SECONDS_PER_ARTICLE,
                  on_progress: Callable[[int], None] | None = None, workers: int = 1) -> Result:
    """Extract and link already-read articles (e.g. gold files) into `store`."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    session = _sessions(store)
    res = resources or Resources()
    result = Result(run_id=uuid.uuid4().hex[:12])
    started = datetime.now(UTC).isoformat(timespec="seconds")
    results: list[ArticleResult] = []
    failed: list[FailedInput] = []

    def flush() -> None:
        if not results and not failed:
            return
        with session() as db:
            stored = _write(db, results, failed, result.run_id)
        result.stored += len(stored)
        result.mentions += sum(len(r.mentions) for r in stored)
        result.failed.extend(failed)
        results.clear()
        failed.clear()

    with _extraction(res, workers, max_seconds_per_article, 2 * batch_size) as extract:
        for out in extract(_unseen(items, session, result, batch_size, on_progress)):
            (failed if isinstance(out, FailedInput) else results).append(out)
            if on_progress is not None:
                on_progress(1)
            if len(results) >= batch_size or len(failed) >= batch_size:
                flush()
        flush()
    with session() as db:
        summary = relink_store(db)
        result.events, result.stories, result.relations = summary.events, summary.stories, summary.relations
        db.record_run(result.run_id, started, datetime.now(UTC).isoformat(timespec="seconds"), inputs or [],
                      result.counts(), res.data_versions(), __version__)
    return result


def _sessions(store: Store | str | Path) -> Callable[[], AbstractContextManager[Store]]:
    """How the run gets at the store for one piece of work: an open Store as it is; a path
    opened for that piece and closed after it (so readers get in between), waiting for
    readers that hold it. The first open creates or upgrades the schema, before any work."""
    if isinstance(store, Store):
        return lambda: nullcontext(store)
    path = str(store)
    if path == ":memory:":  # nothing else can read it, and closing would lose it
        kept = Store(path)
        return lambda: nullcontext(kept)
    Store(path, wait=WRITE_WAIT_SECONDS).close()
    return lambda: Store(path, wait=WRITE_WAIT_SECONDS)
