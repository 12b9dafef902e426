"""Many rows in or out of DuckDB in one statement.

`executemany` runs one INSERT or UPDATE per row (about a thousand rows a second on
this machine), which made writing the derived tables the slowest part of linking.
Here the columns travel as NumPy arrays that DuckDB scans in place (`columns_view`):
a write of 100,000 rows is one statement, and costs a fraction of the memory that
the same values passed as SQL list parameters take (about 170 bytes a value).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
import numpy as np

_names = itertools.count()


def column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column name -> SQL type of `table` (JSON columns travel as VARCHAR)."""
    rows = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                       "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
    return {name: ("VARCHAR" if kind == "JSON" else kind) for name, kind in rows}


def as_array(values: Sequence[Any]) -> np.ndarray:
    """A column as NumPy: int64 or float64 when every value is one, else objects (None is NULL)."""
    if values and all(type(v) is int for v in values):
        return np.fromiter(values, dtype=np.int64, count=len(values))
    if values and all(type(v) is float for v in values):
        return np.fromiter(values, dtype=np.float64, count=len(values))
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


@contextmanager
def columns_view(con: duckdb.DuckDBPyConnection, columns: dict[str, Any]) -> Iterator[str]:
    """A name under which SQL can read these equally long columns (lists or arrays)."""
    name = f"bulk_{next(_names)}"
    con.register(name, {c: v if isinstance(v, np.ndarray) else as_array(v) for c, v in columns.items()})
    try:
        yield name
    finally:
        con.unregister(name)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert dict rows (all with the same keys) into `table` in one statement."""
    if not rows:
        return
    cols = list(rows[0])
    insert_columns(con, table, {c: [r[c] for r in rows] for c in cols})


def insert_columns(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, Any]) -> None:
    """Insert equally long columns (lists or NumPy arrays) into `table` in one statement."""
    if not columns or not len(next(iter(columns.values()))):
        return
    types = column_types(con, table)
    cols = list(columns)
    with columns_view(con, columns) as view:
        select = ", ".join(f"CAST({c} AS {types[c]})" for c in cols)
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} FROM {view}")


def id_list(ids: Iterable[str]) -> list[str]:
    """Sorted distinct ids: the one parameter shape every `IN (SELECT unnest(?))` takes."""
    return sorted(set(ids))
