"""The embedded DuckDB store.

One file holds articles, mentions, events, stories, actors, places, relations
and failed inputs. Each batch of articles is written in one transaction, so a
crash mid-run never leaves half an article; re-ingesting a stored article is a
no-op because its id is the hash of its text. Another process holding the file
is waited for (`wait` seconds, see store.lock) before the store gives up.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from eventscope.errors import StoreError
from eventscope.models import ArticleResult, FailedInput
from eventscope.store.lock import connect, lock_wait
from eventscope.store.rows import article_row, failed_row, mention_row, relation_row
from eventscope.store.schema import MIGRATIONS, SCHEMA_VERSION, TABLES

DEFAULT_DB = "eventscope.duckdb"


class Store:
    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False,
                 wait: float | None = None) -> None:
        """`wait`: seconds to wait while another process holds the file (None: store.lock's
        reader default, $EVENTSCOPE_LOCK_WAIT or 30)."""
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}; run `eventscope run INPUT --db {self.path}` first")
        self.con = connect(self.path, read_only, lock_wait() if wait is None else wait)
        if not read_only:
            self._ensure_schema()
        else:
            self._check_version()

    # --- schema -----------------------------------------------------------------------------
    def _ensure_schema(self) -> None:
        for ddl in TABLES.values():
            self.con.execute(ddl)
        version = self._version()
        if version is None:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            return
        self._check_version()
        while version < SCHEMA_VERSION:
            for stmt in MIGRATIONS.get(version, []):
                self.con.execute(stmt)
            version += 1
            self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])

    def _version(self) -> int | None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            return None
        return int(row[0]) if row else None

    def _check_version(self) -> None:
        version = self._version()
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer eventscope (schema {version}); upgrade eventscope")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writes -----------------------------------------------------------------------------
    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:  # duckdb refuses executemany with no parameter sets
            return
        cols = list(rows[0])
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        self.con.executemany(sql, [[r[c] for c in cols] for r in rows])

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def write_batch(self, results: list[ArticleResult], failed: list[FailedInput], run_id: str,
                    attempted_at: str | None = None) -> None:
        """Store a batch of extracted articles and failed inputs in one transaction.

        Failures are a set, not a log (issue 11): a failure replaces an earlier row
        with the same (source, code), so a re-run keeps one row with the last
        attempt's time, and a source stored now loses its old failure rows.
        """
        when = attempted_at or datetime.now(UTC).isoformat(timespec="seconds")
        rows = list({(r["source"], r["code"]): r for r in (failed_row(f, run_id, when) for f in failed)}.values())
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._insert("articles", [article_row(r, run_id) for r in results])
            self._insert("mentions", [mention_row(m, i) for r in results for i, m in enumerate(r.mentions)])
            self._insert("relations", [relation_row(x) for r in results for x in r.relations])
            stored = [r.article.source for r in results]
            if stored:
                self.con.execute("DELETE FROM failed_inputs WHERE source IN (SELECT unnest(?))", [stored])
            if rows:
                self.con.executemany("DELETE FROM failed_inputs WHERE source = ? AND code = ?",
                                     [[r["source"], r["code"]] for r in rows])
            self._insert("failed_inputs", rows)
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"writing a batch to {self.path} failed: {exc}") from exc

    def replace_table(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Swap a derived table's content (events, stories, actors, places) in one transaction."""
        if table not in TABLES:
            raise StoreError(f"unknown table {table}")
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(f"DELETE FROM {table}")
            self._insert(table, rows)
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"replacing {table} in {self.path} failed: {exc}") from exc

    def set_event_ids(self, assignment: dict[str, str]) -> None:
        if not assignment:
            return
        self.con.execute("BEGIN TRANSACTION")
        self.con.executemany("UPDATE mentions SET event_id = ? WHERE id = ?",
                             [[e, m] for m, e in assignment.items()])
        self.con.execute("COMMIT")

    def record_run(self, run_id: str, started: str, finished: str, inputs: list[str],
                   counts: dict[str, int], data_versions: dict[str, str], version: str) -> None:
        self.con.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [run_id, started, finished, json.dumps(inputs), json.dumps(counts),
                          json.dumps(data_versions), version])

    # --- reads ------------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        return query_rows(self.con, sql, params)

    def iter_query(self, sql: str, params: list[Any] | None = None, size: int = 1000) -> Iterator[dict[str, Any]]:
        return iter_rows(self.con, sql, params, size)

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise StoreError(f"unknown table {table}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def query_rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Rows as dicts keyed by column name: what every reader of the store works with."""
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def iter_rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None,
              size: int = 1000) -> Iterator[dict[str, Any]]:
    """The same rows streamed `size` at a time, for exports of any length."""
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    while rows := cur.fetchmany(size):
        for row in rows:
            yield dict(zip(cols, row, strict=True))
