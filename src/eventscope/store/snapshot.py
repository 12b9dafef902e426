"""A store's content without what differs from run to run, for comparing two stores.

Two runs over the same inputs (one process or several, one shard or four) must store the
same rows; run ids and attempt times are the only columns allowed to differ.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

#: Every table a run writes, with a key that orders it.
TABLES = {"articles": "id", "mentions": "id", "relations": "article_id, a, b, kind, evidence",
          "events": "id", "stories": "article_id", "actors": "name", "places": "key",
          "article_signatures": "article_id", "failed_inputs": "source, code"}
PER_RUN = {"run_id", "attempted_at"}


def table_rows(db: str | Path, with_order: bool = False) -> dict[str, list[tuple]]:
    """Each table's rows in key order, per-run columns left out; with `with_order`, also
    the order the articles were written in (under "article order")."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table, key in TABLES.items():
            cur = con.execute(f"SELECT * FROM {table} ORDER BY {key}")
            keep = [i for i, d in enumerate(cur.description) if d[0] not in PER_RUN]
            out[table] = [tuple(r[i] for i in keep) for r in cur.fetchall()]
        if with_order:
            out["article order"] = con.execute("SELECT id FROM articles ORDER BY rowid").fetchall()
        return out
    finally:
        con.close()
