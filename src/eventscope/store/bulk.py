"""Many rows in or out of DuckDB in one statement.

`executemany` runs one INSERT or UPDATE per row (about a thousand rows a second on
this machine), which made writing the derived tables the slowest part of linking.
Here every column travels as one typed list and is unnested in SQL, so a write of
100,000 rows is one statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import duckdb


def column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column name -> SQL type of `table` (JSON columns travel as VARCHAR)."""
    rows = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                       "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
    return {name: ("VARCHAR" if kind == "JSON" else kind) for name, kind in rows}


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert dict rows (all with the same keys) into `table` in one statement."""
    if not rows:
        return
    cols = list(rows[0])
    insert_columns(con, table, {c: [r[c] for r in rows] for c in cols})


def insert_columns(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, list[Any]]) -> None:
    """Insert equally long column lists into `table` in one statement."""
    if not columns or not next(iter(columns.values())):
        return
    types = column_types(con, table)
    cols = list(columns)
    select = ", ".join(f"unnest(?::{types[c]}[])" for c in cols)
    con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select}", [columns[c] for c in cols])


def id_list(ids: Iterable[str]) -> list[str]:
    """Sorted distinct ids: the one parameter shape every `IN (SELECT unnest(?))` takes."""
    return sorted(set(ids))
