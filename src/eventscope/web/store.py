"""Short-lived read-only connections to the store, one per request.

Why not one connection for the server's lifetime: DuckDB lets only one process
hold a file that another opens for writing, so a server that kept the file open
all day would make every `eventscope run` fail. Opening per request (a few
milliseconds on a local file) leaves the file free between requests; a request
that arrives while a run is writing gets a clear 503 instead of a stack trace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from eventscope.errors import StoreError
from eventscope.store.db import iter_rows, query_rows
from eventscope.store.schema import SCHEMA_VERSION

_PID = re.compile(r"PID (\d+)")


class StoreBusy(StoreError):
    """Another process (normally `eventscope run`) holds the write lock."""


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


def busy_message(path: str, error: str) -> str:
    pid = _PID.search(error)
    who = f"process {pid.group(1)}" if pid else "another process"
    return (f"{path} is locked by {who} (usually `eventscope run` writing); the server only reads, "
            "so retry when the run has finished, or serve a copy of the file")


@contextmanager
def open_reader(path: str) -> Iterator[Reader]:
    """A read-only reader on `path`; StoreBusy while a writer holds the lock."""
    if not Path(path).exists():
        raise StoreError(f"no database at {path}; run `eventscope run INPUT --db {path}` first")
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreBusy(busy_message(path, str(exc))) from exc
        raise StoreError(f"cannot open {path}: {exc}") from exc
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}") from exc
    try:
        yield Reader(con)
    finally:
        con.close()


def check_store(path: str) -> None:
    """Fail early (at `serve` start) on a missing, locked, foreign or too-new file."""
    with open_reader(path) as reader:
        try:
            row = reader.one("SELECT value FROM meta WHERE key = 'schema_version'")
        except duckdb.CatalogException as exc:
            raise StoreError(f"{path} is not an eventscope store (no meta table)") from exc
        if row and int(row["value"]) > SCHEMA_VERSION:
            raise StoreError(f"{path} was written by a newer eventscope (schema {row['value']}); "
                             "upgrade eventscope")
