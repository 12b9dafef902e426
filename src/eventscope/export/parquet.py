"""Parquet exports of events and mentions, written by DuckDB itself (no pyarrow).

Columns are typed — dates as DATE, coordinates as DOUBLE, tolls as INTEGER,
the verified flag as BOOLEAN, associated actors as a list — so a notebook gets
the right types without parsing. Nested values an analyst rarely filters on
(per-source values, evidence spans, disagreements) stay JSON text. Events use
ACLED's column names like the CSV; a date that is not YYYY-MM-DD is NULL in
the DATE column (its precision is in `time_precision`).

The file is written beside its target and renamed into place, so a failed
export never leaves a truncated Parquet file under the requested name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

EVENTS_SQL = """
SELECT id AS event_id_cnty, try_cast(date AS DATE) AS event_date,
       CAST(year(try_cast(date AS DATE)) AS INTEGER) AS year, time_precision, event_type,
       sub_event_type, actor1, actor2, country, iso, admin1, location,
       lat AS latitude, lon AS longitude, geo_precision,
       array_to_string(list_sort(list_distinct(list_transform(
           from_json(coalesce(sources, '[]'), '[{"outlet": "VARCHAR", "article": "VARCHAR"}]'),
           lambda s: coalesce(s.outlet, s.article)))), '; ') AS source,
       notes, fatalities, fatalities_low, fatalities_best, fatalities_high, corroboration, n_mentions,
       CAST(disagreements AS JSON) AS disagreements, CAST(sources AS JSON) AS sources,
       CAST(merge_reasons AS JSON) AS merge_reasons
FROM events ORDER BY date NULLS LAST, id"""

MENTIONS_SQL = """
SELECT m.id AS mention_id, m.article_id, coalesce(a.source, m.article_id) AS article, a.outlet, a.url,
       try_cast(a.published AS DATE) AS published, m.event_type, m.sub_event_type,
       try_cast(m.date AS DATE) AS date, m.date_precision, m.time_precision,
       m.actor1, m.actor1_type, m.actor2, m.actor2_type,
       from_json(coalesce(m.associated, '[]'), '["VARCHAR"]') AS associated_actors,
       m.country, m.iso, m.admin1, m.location, m.lat, m.lon, m.geonameid, m.geo_precision,
       m.fatalities, m.fatalities_low, m.fatalities_high, m.claim_source, m.verified, m.confidence,
       json_extract_string(m.evidence, '$.sentence.text') AS evidence,
       CAST(m.evidence AS JSON) AS evidence_spans, m.event_id
FROM mentions m JOIN articles a ON a.id = m.article_id
ORDER BY a.source, m.article_id, m.seq"""

SQL = {"events": EVENTS_SQL, "mentions": MENTIONS_SQL}


def _literal(path: str) -> str:
    # COPY ... TO takes no bound parameter for its target; quote the local path as a literal.
    return "'" + path.replace("'", "''") + "'"


def write_parquet(db: Any, what: str, path: str | Path) -> int:
    """Write `what` (events or mentions) to `path`; return the number of rows."""
    if what not in SQL:
        raise ValueError(f"Parquet export covers {', '.join(SQL)}, not {what}")
    target = Path(path)
    tmp = target.with_name(f".{target.name}.part")
    try:
        db.con.execute(f"COPY ({SQL[what]}) TO {_literal(str(tmp))} (FORMAT parquet, COMPRESSION zstd)")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return db.con.execute(f"SELECT count(*) FROM read_parquet({_literal(str(target))})").fetchone()[0]
