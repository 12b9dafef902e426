"""The one writer for sharded extraction: commit partitions into a store, then link.

Why the result equals a single run on the same inputs: a run writes the articles it has
not seen, in input order, keeping the first copy of a duplicate, and then links the
store; ids are hashes of content and linking reads articles in publication order. The
merge does the same with the partitions' order key: every row carries (unit, item), the
rank of its input file in the run's walk and its place in that file, and partitions of
several extractions are ordered as given on the command line. So which shard finished
first, or how Ray grouped them, changes nothing. The rows are moved by DuckDB itself
(read_parquet into SQL), never one by one through Python.

Failures follow `Store.write_batch` for one batch: an input that failed replaces the
store's earlier row with the same (source, code), and a source stored now loses its old
failure rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from eventscope import __version__
from eventscope.link.relink import relink_store
from eventscope.models import FailedInput
from eventscope.pipeline.process import Result
from eventscope.store.bulk import columns_view
from eventscope.store.db import Store

from .format import COLUMNS, Partition, PartitionError, check_partition, find_partitions

_ORDER = "src, unit, item"


def load_partitions(paths: Sequence[str | Path]) -> list[tuple[int, Partition]]:
    """Every partition under `paths`, checked, with the rank of its extraction: extractions
    are ranked by where they first appear in `paths`."""
    parts = [check_partition(p) for p in find_partitions(paths)]
    ranks: dict[str, int] = {}
    for part in parts:
        ranks.setdefault(part.extraction_id, len(ranks))
    versions = {part.extraction_id: part.meta.get("data_versions") for part in parts}
    if len({repr(sorted((v or {}).items())) for v in versions.values()}) > 1:
        raise PartitionError("these partitions were extracted with different data files (lexicons, "
                             "gazetteer, models); extract them again with one eventscope")
    return [(ranks[p.extraction_id], p) for p in parts]


def merge(paths: Sequence[str | Path], store: Store | str | Path) -> Result:
    """Commit the partitions under `paths` into `store` in input order and link them."""
    parts = load_partitions(paths)
    own = not isinstance(store, Store)
    db = Store(store) if own else store
    result = Result(run_id=uuid.uuid4().hex[:12])
    started = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        _stage(db.con, parts)
        _commit(db, result)
        summary = relink_store(db)
        result.events, result.stories, result.relations = summary.events, summary.stories, summary.relations
        result.articles_read += sum(int(p.meta.get("articles_read") or 0) for _, p in parts)
        result.duplicates += sum(int(p.meta.get("duplicates") or 0) for _, p in parts)
        db.record_run(result.run_id, started, datetime.now(UTC).isoformat(timespec="seconds"),
                      [str(p.path) for _, p in parts], result.counts(),
                      dict(parts[0][1].meta.get("data_versions") or {}), __version__)
    finally:
        for name in COLUMNS:
            db.con.execute(f"DROP TABLE IF EXISTS shard_{name}")
        db.con.execute("DROP TABLE IF EXISTS shard_win")
        if own:
            db.close()
    return result


def _stage(con: duckdb.DuckDBPyConnection, parts: list[tuple[int, Partition]]) -> None:
    """Each table of every partition in one temporary table, with its extraction's rank."""
    con.execute("SELECT 1").fetchall()  # DuckDB registers no view while a result is unread (Store's own)
    for name in COLUMNS:
        files = [str(p.table(name)) for _, p in parts]
        ranks = {"file": files, "src": [rank for rank, _ in parts]}
        with columns_view(con, ranks) as view:
            try:
                con.execute(f"CREATE OR REPLACE TEMP TABLE shard_{name} AS SELECT r.src, t.* EXCLUDE (filename) "
                            f"FROM read_parquet(?, filename = true) t JOIN {view} r ON r.file = t.filename",
                            [files])
            except duckdb.Error as exc:
                raise PartitionError(f"reading the partitions' {name} failed: {exc}") from exc
    # The first copy of each article (by order key), unless the store has it already: extraction
    # failures take part, as a run counts a failed article as seen.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE shard_win AS
        SELECT id, src, unit, item FROM (
            SELECT *, row_number() OVER (PARTITION BY id ORDER BY {_ORDER}) AS rn FROM (
                SELECT id, src, unit, item FROM shard_articles
                UNION ALL SELECT article_id, src, unit, item FROM shard_failures WHERE article_id IS NOT NULL))
        WHERE rn = 1 AND id NOT IN (SELECT id FROM articles)""")


def _columns(table: str, skip: set[str]) -> str:
    return ", ".join(c for c, _ in COLUMNS[table] if c not in skip)


def _commit(db: Store, result: Result) -> None:
    """Insert the winners' rows in input order, and the failures, in one transaction."""
    con = db.con
    win = "JOIN shard_win w ON w.id = {0} AND w.src = t.src AND w.unit = t.unit AND w.item = t.item"
    art = _columns("articles", {"unit", "item"})
    men = _columns("mentions", {"unit", "item"})
    rel = _columns("relations", {"unit", "item", "seq"})
    when = datetime.now(UTC).isoformat(timespec="seconds")
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"INSERT INTO articles ({art}, run_id) SELECT {_prefixed(art)}, ? FROM shard_articles t "
                    f"{win.format('t.id')} ORDER BY t.src, t.unit, t.item", [result.run_id])
        con.execute(f"INSERT INTO mentions ({men}) SELECT {_prefixed(men)} FROM shard_mentions t "
                    f"{win.format('t.article_id')} ORDER BY t.src, t.unit, t.item, t.seq")
        con.execute(f"INSERT INTO relations ({rel}) SELECT {_prefixed(rel)} FROM shard_relations t "
                    f"{win.format('t.article_id')} ORDER BY t.src, t.unit, t.item, t.seq")
        con.execute("""
            CREATE OR REPLACE TEMP TABLE shard_failed AS
            SELECT source, code, reason FROM (
                SELECT t.*, row_number() OVER (PARTITION BY source, code
                                               ORDER BY src DESC, unit DESC, item DESC) AS rn
                FROM shard_failures t
                WHERE t.article_id IS NULL OR EXISTS (
                    SELECT 1 FROM shard_win w WHERE w.id = t.article_id AND w.src = t.src
                    AND w.unit = t.unit AND w.item = t.item))
            WHERE rn = 1 ORDER BY source, code""")
        con.execute("DELETE FROM failed_inputs WHERE source IN (SELECT t.source FROM shard_articles t "
                    f"{win.format('t.id')})")
        con.execute("DELETE FROM failed_inputs f USING shard_failed n WHERE f.source = n.source AND f.code = n.code")
        con.execute("INSERT INTO failed_inputs SELECT source, code, reason, ?, ? FROM shard_failed",
                    [result.run_id, when])
        failed = con.execute("SELECT source, code, reason FROM shard_failed").fetchall()
        con.execute("DROP TABLE shard_failed")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    result.failed = [FailedInput(*row) for row in failed]
    result.stored = con.execute("SELECT count(*) FROM shard_win w WHERE EXISTS "
                                "(SELECT 1 FROM shard_articles t WHERE t.id = w.id AND t.src = w.src "
                                "AND t.unit = w.unit AND t.item = w.item)").fetchone()[0]
    result.mentions = con.execute(f"SELECT count(*) FROM shard_mentions t {win.format('t.article_id')}").fetchone()[0]
    occurrences = con.execute("SELECT (SELECT count(*) FROM shard_articles) + "
                              "(SELECT count(*) FROM shard_failures WHERE article_id IS NOT NULL)").fetchone()[0]
    winners = con.execute("SELECT count(*) FROM shard_win").fetchone()[0]
    result.duplicates = occurrences - winners


def _prefixed(columns: str) -> str:
    return ", ".join(f"t.{c.strip()}" for c in columns.split(","))
