"""Short-lived read-only connections to the store, one per request.

Why not one connection for the server's lifetime: DuckDB lets only one process
hold a file that another opens for writing, so a server that kept the file open
all day would make every `eventscope run` fail. Opening per request (a few
milliseconds on a local file) leaves the file free between requests. A run holds
the file only while it commits a batch or links (see store.lock), so a request that
meets it waits up to REQUEST_WAIT_SECONDS ($EVENTSCOPE_LOCK_WAIT overrides) and then
gets a clear 503 instead of a stack trace.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from eventscope.errors import StoreError
from eventscope.store.db import iter_rows, query_rows
from eventscope.store.lock import StoreBusy, connect, lock_wait
from eventscope.store.schema import SCHEMA_VERSION

__all__ = ["REQUEST_WAIT_SECONDS", "Reader", "StoreBusy", "check_store", "open_reader"]

#: How long one request waits for a run to let go of the file before answering 503.
REQUEST_WAIT_SECONDS = 5.0


class Reader:
    """The read methods of `Store` over one read-only connection.

    Library helpers (stories, actors, network, export records) accept anything
    with `query` and `iter_query`, so they run unchanged on a request's reader.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        return query_rows(self.con, sql, params)

    def iter_query(self, sql: str, params: list[Any] | None = None, size: int = 1000) -> Iterator[dict[str, Any]]:
        return iter_rows(self.con, sql, params, size)

    def one(self, sql: str, params: list[Any] | None = None) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None


@contextmanager
def open_reader(path: str, wait: float | None = None) -> Iterator[Reader]:
    """A read-only reader on `path`; StoreBusy if a writer holds the file past `wait` seconds."""
    if not Path(path).exists():
        raise StoreError(f"no database at {path}; run `eventscope run INPUT --db {path}` first")
    con = connect(path, True, lock_wait(REQUEST_WAIT_SECONDS) if wait is None else wait)
    try:
        yield Reader(con)
    finally:
        con.close()


def check_store(path: str) -> None:
    """Fail early (at `serve` start) on a missing, foreign or too-new file, or one held
    past the reader's wait (a run lets go between batches, so that is rare)."""
    with open_reader(path, lock_wait()) as reader:
        try:
            row = reader.one("SELECT value FROM meta WHERE key = 'schema_version'")
        except duckdb.CatalogException as exc:
            raise StoreError(f"{path} is not an eventscope store (no meta table)") from exc
        if row and int(row["value"]) > SCHEMA_VERSION:
            raise StoreError(f"{path} was written by a newer eventscope (schema {row['value']}); "
                             "upgrade eventscope")
