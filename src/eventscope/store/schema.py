"""The DuckDB schema, versioned so an old database is recognised, not misread.

Bump SCHEMA_VERSION when a column changes meaning; `Store` refuses a file
written by a newer version and upgrades older ones through MIGRATIONS.
"""

from __future__ import annotations

SCHEMA_VERSION = 2

TABLES: dict[str, str] = {
    "meta": """
        CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    "runs": """
        CREATE TABLE IF NOT EXISTS runs (
            run_id VARCHAR PRIMARY KEY, started VARCHAR, finished VARCHAR,
            inputs JSON, counts JSON, data_versions JSON, eventscope_version VARCHAR)""",
    "articles": """
        CREATE TABLE IF NOT EXISTS articles (
            id VARCHAR PRIMARY KEY, source VARCHAR, title VARCHAR, url VARCHAR, outlet VARCHAR,
            published VARCHAR, published_source VARCHAR, language VARCHAR, kind VARCHAR,
            text VARCHAR, actors JSON, countries JSON, run_id VARCHAR)""",
    "failed_inputs": """
        CREATE TABLE IF NOT EXISTS failed_inputs (
            source VARCHAR, code VARCHAR, reason VARCHAR, run_id VARCHAR, attempted_at VARCHAR)""",
    "mentions": """
        CREATE TABLE IF NOT EXISTS mentions (
            id VARCHAR PRIMARY KEY, article_id VARCHAR, event_type VARCHAR, sub_event_type VARCHAR,
            date VARCHAR, date_precision VARCHAR, time_precision INTEGER,
            actor1 VARCHAR, actor1_type VARCHAR, actor2 VARCHAR, actor2_type VARCHAR,
            associated JSON, country VARCHAR, iso VARCHAR, admin1 VARCHAR, location VARCHAR,
            lat DOUBLE, lon DOUBLE, geonameid BIGINT, geo_precision INTEGER,
            fatalities INTEGER, fatalities_low INTEGER, fatalities_high INTEGER,
            claim_source VARCHAR, verified BOOLEAN, confidence DOUBLE,
            evidence JSON, event_id VARCHAR, seq INTEGER)""",
    "events": """
        CREATE TABLE IF NOT EXISTS events (
            id VARCHAR PRIMARY KEY, event_type VARCHAR, sub_event_type VARCHAR,
            date VARCHAR, date_precision VARCHAR, time_precision INTEGER,
            actor1 VARCHAR, actor2 VARCHAR, country VARCHAR, iso VARCHAR, admin1 VARCHAR,
            location VARCHAR, lat DOUBLE, lon DOUBLE, geo_precision INTEGER,
            fatalities INTEGER, fatalities_low INTEGER, fatalities_best INTEGER,
            fatalities_high INTEGER, corroboration INTEGER, n_mentions INTEGER,
            sources JSON, disagreements JSON, merge_reasons JSON, notes VARCHAR)""",
    "stories": """
        CREATE TABLE IF NOT EXISTS stories (article_id VARCHAR PRIMARY KEY, story_id VARCHAR)""",
    "relations": """
        CREATE TABLE IF NOT EXISTS relations (
            a VARCHAR, b VARCHAR, kind VARCHAR, article_id VARCHAR, evidence JSON,
            basis VARCHAR, date VARCHAR)""",
    "actors": """
        CREATE TABLE IF NOT EXISTS actors (
            name VARCHAR PRIMARY KEY, actor_type VARCHAR, country VARCHAR, n_mentions INTEGER)""",
    "article_signatures": """
        CREATE TABLE IF NOT EXISTS article_signatures (
            article_id VARCHAR PRIMARY KEY, wire_group VARCHAR, n_shingles INTEGER,
            published VARCHAR, signature BLOB)""",
    # Linking's own index (link/story_store.py, link/wire_store.py): what a run needs to link
    # its new articles against the store without reading every article.
    "story_features": """
        CREATE TABLE IF NOT EXISTS story_features (
            article_id VARCHAR PRIMARY KEY, published VARCHAR, day INTEGER, terms JSON, names JSON,
            actors JSON, places JSON, countries JSON)""",
    "story_keys": """
        CREATE TABLE IF NOT EXISTS story_keys (
            key VARCHAR, article_id VARCHAR, day INTEGER, published VARCHAR)""",
    "story_df": """
        CREATE TABLE IF NOT EXISTS story_df (kind VARCHAR, term VARCHAR, df INTEGER)""",
    "article_bands": """
        CREATE TABLE IF NOT EXISTS article_bands (band BIGINT, article_id VARCHAR)""",
    # Wire groups that merged, kept until their stored events' sources are recounted, so a run
    # killed in between leaves the recount to the next one (link/relink.py).
    "wire_merged": """
        CREATE TABLE IF NOT EXISTS wire_merged (wire_group VARCHAR)""",
    "places": """
        CREATE TABLE IF NOT EXISTS places (
            key VARCHAR PRIMARY KEY, name VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE,
            country VARCHAR, iso VARCHAR, admin1 VARCHAR, feature VARCHAR, n_mentions INTEGER)""",
}

#: from-version -> statements reaching from-version + 1
MIGRATIONS: dict[int, list[str]] = {
    # 1 -> 2 (issue 11): failures are a set keyed by (source, code), with the last attempt's time;
    # a v1 file may already hold repeats from re-runs, so keep only the last row of each key.
    1: ["ALTER TABLE failed_inputs ADD COLUMN attempted_at VARCHAR",
        """DELETE FROM failed_inputs WHERE rowid NOT IN (
               SELECT max(rowid) FROM failed_inputs GROUP BY source, code)"""],
}
