"""What it costs a run to let readers in between its batches, by two designs.

DuckDB lets one process write a file and no other process open it meanwhile, so
`eventscope events`, `export` and `serve` were refused while `eventscope run`
wrote. Two ways out were weighed (issue 11):

- reopen: the run opens the store for each batch commit and closes it after, so
  the file is free between batches; the cost is an open (catalog read) and a close
  (checkpoint) per batch.
- snapshot: the run keeps the file and, after each batch, publishes a read-only
  copy (checkpoint, copy, atomic rename); the cost is a copy of the whole file.

This writes synthetic stores of growing size (`synthetic_store.generate`: article
and mention rows as a run writes them), then times 20 batches of 64 articles each
way and prints milliseconds per batch. Run:
`PYTHONPATH=src python benchmarks/store_sharing.py 10000 100000`.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_store import ARTICLE_COLS, MENTION_COLS, generate, insert_columns  # noqa: E402

from eventscope.store.db import Store  # noqa: E402

BATCH = 64
BATCHES = 20


def _rows(source: Any, count: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    arts: list[dict[str, Any]] = []
    ments: list[dict[str, Any]] = []
    for article, mentions in itertools.islice(source, count):
        arts.append(article)
        ments += mentions
    return arts, ments


def _write(con: duckdb.DuckDBPyConnection, arts: list[dict[str, Any]], ments: list[dict[str, Any]]) -> None:
    con.execute("BEGIN TRANSACTION")
    insert_columns(con, "articles", {c: [a[c] for a in arts] for c in ARTICLE_COLS})
    insert_columns(con, "mentions", {c: [m[c] for m in ments] for c in MENTION_COLS})
    con.execute("COMMIT")


def _commit_batch(store: Store, source: Any) -> None:
    """One batch as a run commits it: ask which articles are stored, then write."""
    arts, ments = _rows(source, BATCH)
    store.known_article_ids(a["id"] for a in arts)
    _write(store.con, arts, ments)


def build(path: Path, n: int) -> Any:
    """A store holding `n` synthetic articles; returns the generator of the ones after them."""
    Store(path).close()
    source = generate(n + BATCH * BATCHES * 2, seed=11)
    con = duckdb.connect(str(path))
    for first in range(0, n, 20_000):
        _write(con, *_rows(source, min(20_000, n - first)))
    con.close()
    return source


def reopen(path: Path, source: Any) -> float:
    """Seconds per batch when each batch opens the store (as a run does) and closes it."""
    start = time.perf_counter()
    for _ in range(BATCHES):
        with Store(path) as store:
            _commit_batch(store, source)
    return (time.perf_counter() - start) / BATCHES


def kept_open(path: Path, source: Any) -> float:
    """Seconds per batch on one connection held for the run (the old way: no readers)."""
    start = time.perf_counter()
    with Store(path) as store:
        for _ in range(BATCHES):
            _commit_batch(store, source)
    return (time.perf_counter() - start) / BATCHES


def snapshot(path: Path, source: Any) -> float:
    """Seconds per batch when each batch is followed by a published copy of the whole file."""
    copy = path.with_suffix(".snapshot")
    start = time.perf_counter()
    with Store(path) as store:
        for _ in range(BATCHES):
            _commit_batch(store, source)
            store.con.execute("CHECKPOINT")
            shutil.copyfile(path, copy.with_suffix(".tmp"))
            os.replace(copy.with_suffix(".tmp"), copy)
    return (time.perf_counter() - start) / BATCHES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    args = parser.parse_args()
    print(f"{'articles':>9} {'file MB':>8} {'kept open ms':>13} {'reopen ms':>10} {'snapshot ms':>12}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "store.duckdb"
            source = build(path, n)
            size = path.stat().st_size / 1e6
            kept = kept_open(path, source)
            again = reopen(path, source)
            copied = snapshot(path, source)
            print(f"{n:>9,} {size:>8.0f} {kept * 1000:>13.1f} {again * 1000:>10.1f} {copied * 1000:>12.1f}")


if __name__ == "__main__":
    main()
