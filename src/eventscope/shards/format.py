"""The partition format: what extraction of a shard leaves for the one writer to commit.

Why a format of its own: `eventscope run` is extraction (per article, pure: an Article in,
rows out) followed by one writer that commits rows and links. `--workers` keeps both in
one process tree; a cluster cannot, so the rows the workers would have handed the writer
are written down instead, as Parquet, and `eventscope merge` is the writer. A partition
is a directory:

    part-<unit>-<item>/
        _partition.json      format name and version, eventscope and data versions, counts
        articles.parquet     one row per article: the store's `articles` columns
        mentions.parquet     the store's `mentions` columns (event_id still null)
        relations.parquet    the store's `relations` columns, plus `seq` in the article
        failures.parquet     source, code, reason, and the article id if extraction failed

Every table starts with the order key (`unit`, `item`): the rank of the input file in the
order `eventscope run` walks the inputs, and the position of the item in that file. The
merge sorts by it, so the store gets its rows in the order a single run writes them,
whatever shard finished first. JSON columns are plain strings, so any Parquet reader can
read a partition. Bump VERSION when a column is added, removed or changes meaning: a
merge refuses a partition of another version instead of misreading it.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from eventscope import __version__
from eventscope.errors import EventscopeError
from eventscope.models import ArticleResult, FailedInput
from eventscope.store.bulk import insert_rows
from eventscope.store.rows import article_row, failed_row, mention_row, relation_row

FORMAT = "eventscope-partition"
VERSION = 1
META_FILE = "_partition.json"

_KEY = [("unit", "BIGINT"), ("item", "INTEGER")]

#: table -> its columns, in order, with their DuckDB types.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": _KEY + [(c, "VARCHAR") for c in (
        "id", "source", "title", "url", "outlet", "published", "published_source", "language",
        "kind", "text", "actors", "countries")],
    "mentions": _KEY + [
        ("id", "VARCHAR"), ("article_id", "VARCHAR"), ("event_type", "VARCHAR"),
        ("sub_event_type", "VARCHAR"), ("date", "VARCHAR"), ("date_precision", "VARCHAR"),
        ("time_precision", "INTEGER"), ("actor1", "VARCHAR"), ("actor1_type", "VARCHAR"),
        ("actor2", "VARCHAR"), ("actor2_type", "VARCHAR"), ("associated", "VARCHAR"),
        ("country", "VARCHAR"), ("iso", "VARCHAR"), ("admin1", "VARCHAR"), ("location", "VARCHAR"),
        ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geonameid", "BIGINT"), ("geo_precision", "INTEGER"),
        ("fatalities", "INTEGER"), ("fatalities_low", "INTEGER"), ("fatalities_high", "INTEGER"),
        ("claim_source", "VARCHAR"), ("verified", "BOOLEAN"), ("confidence", "DOUBLE"),
        ("evidence", "VARCHAR"), ("event_id", "VARCHAR"), ("seq", "INTEGER")],
    "relations": _KEY + [("seq", "INTEGER")] + [(c, "VARCHAR") for c in (
        "a", "b", "kind", "article_id", "evidence", "basis", "date")],
    "failures": _KEY + [(c, "VARCHAR") for c in ("article_id", "source", "code", "reason")],
}


class PartitionError(EventscopeError):
    """A partition is missing, incomplete, or of another format version."""


@dataclass(frozen=True)
class Keyed:
    """One outcome of extraction with its place in the input order."""

    unit: int
    item: int
    outcome: ArticleResult | FailedInput
    article_id: str | None = None  # for a FailedInput of extraction: the article it was


@dataclass(frozen=True)
class Partition:
    """A partition on disk, checked: its directory and what its `_partition.json` says."""

    path: Path
    meta: dict[str, Any]

    @property
    def extraction_id(self) -> str:
        return str(self.meta["extraction_id"])

    def table(self, name: str) -> Path:
        return self.path / f"{name}.parquet"


def partition_name(unit: int, item: int) -> str:
    """The directory name of the partition whose first row has this key (sorts in key order)."""
    return f"part-{unit:09d}-{item:07d}"


def rows_of(outcomes: Sequence[Keyed]) -> dict[str, list[dict[str, Any]]]:
    """The four tables' rows for these outcomes, built by the store's own row functions."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    for k in outcomes:
        key = {"unit": k.unit, "item": k.item}
        if isinstance(k.outcome, FailedInput):
            row = failed_row(k.outcome, run_id="")
            tables["failures"].append(key | {"article_id": k.article_id, "source": row["source"],
                                             "code": row["code"], "reason": row["reason"]})
            continue
        article = article_row(k.outcome, run_id="")
        del article["run_id"]
        tables["articles"].append(key | article)
        tables["mentions"].extend(key | mention_row(m, i) for i, m in enumerate(k.outcome.mentions))
        tables["relations"].extend(key | {"seq": i} | relation_row(x) for i, x in enumerate(k.outcome.relations))
    return tables


def write_partition(out: str | Path, outcomes: Sequence[Keyed], meta: dict[str, Any]) -> Path:
    """Write one partition under `out` and return its directory.

    The files go to a temporary directory that is renamed into place last, so a partition
    either exists whole or not at all, and a task that is retried (Ray does) overwrites its
    own earlier attempt instead of adding a second copy."""
    if not outcomes:
        raise ValueError("a partition holds at least one outcome")
    first = min((k.unit, k.item) for k in outcomes)
    target = Path(out) / partition_name(*first)
    tmp = Path(out) / f".tmp-{target.name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    tables = rows_of(outcomes)
    con = duckdb.connect()
    try:
        for name, columns in COLUMNS.items():
            con.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {t}' for c, t in columns)})")
            insert_rows(con, name, tables[name])
            path = str(tmp / f"{name}.parquet").replace("'", "''")
            con.execute(f"COPY (SELECT * FROM {name} ORDER BY unit, item) TO '{path}' "
                        "(FORMAT parquet, COMPRESSION zstd)")
    finally:
        con.close()
    counts = {name: len(rows) for name, rows in tables.items()}
    full = {"format": FORMAT, "version": VERSION, "eventscope_version": __version__,
            "first_key": list(first), "counts": counts} | meta
    (tmp / META_FILE).write_text(json.dumps(full, indent=1, sort_keys=True), encoding="utf-8")
    if target.exists():
        shutil.rmtree(target)
    os.replace(tmp, target)
    return target


def _meta(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PartitionError(f"{path} is not a partition: it has no {META_FILE} "
                             "(an extraction still running, or one that stopped midway)") from exc
    except (OSError, ValueError) as exc:
        raise PartitionError(f"{path / META_FILE} cannot be read: {exc}") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise PartitionError(f"{path / META_FILE} is not an eventscope partition description")
    if meta.get("version") != VERSION:
        raise PartitionError(f"{path} is partition format version {meta.get('version')}; this eventscope "
                             f"reads version {VERSION}: extract the shards again with this version")
    if not isinstance(meta.get("extraction_id"), str):
        raise PartitionError(f"{path / META_FILE} has no extraction_id")
    return meta


def check_partition(path: str | Path, con: duckdb.DuckDBPyConnection | None = None) -> Partition:
    """The partition at `path`, after checking its description and every table's columns."""
    path = Path(path)
    meta = _meta(path)
    own = con is None
    con = con or duckdb.connect()
    try:
        for name, columns in COLUMNS.items():
            file = path / f"{name}.parquet"
            if not file.is_file():
                raise PartitionError(f"partition {path} has no {file.name}; extract it again")
            try:
                found = [(r[0], r[1]) for r in con.execute(
                    "DESCRIBE SELECT * FROM read_parquet(?)", [str(file)]).fetchall()]
            except duckdb.Error as exc:
                raise PartitionError(f"{file} is not a readable Parquet file: {exc}") from exc
            if found != columns:
                want = ", ".join(f"{c} {t}" for c, t in columns)
                raise PartitionError(f"{file} has columns ({', '.join(f'{c} {t}' for c, t in found)}), "
                                     f"not ({want}) as partition version {VERSION} says")
    finally:
        if own:
            con.close()
    return Partition(path, meta)


def find_partitions(paths: Sequence[str | Path]) -> list[Path]:
    """Partition directories: each path is one, or a directory of them (found by name)."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if (path / META_FILE).exists():
            found.append(path)
        elif path.is_dir():
            parts = sorted(p for p in path.iterdir() if p.is_dir() and p.name.startswith("part-"))
            if not parts:
                raise PartitionError(f"{path} holds no partitions (part-*/ directories); "
                                     "write them with `eventscope extract-shards`")
            found.extend(parts)
        else:
            raise PartitionError(f"{path} is neither a partition nor a directory of partitions")
    return found
