"""A synthetic corpus written straight into a DuckDB store, for the linking benchmark.

No extraction runs: article and mention rows are made up and written as the
pipeline would write them. 60 countries with their own places and named actors;
stories of 1–8 articles from different outlets over a few days, each with a
shared vocabulary plus story-specific words; one article in five a wire copy of
the one before (a reworded word, a trimmed tail); one to three mentions an
article, of the story's kind of incident, at its places, on its days. Stories
start day by day over `days` days, so the newest articles (the ones a run adds)
are the latest published, as in a feed.

The corpus is generated and written in slices, so writing a million articles
needs little memory; `story` in the staging table is the synthetic truth.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import duckdb

N_COUNTRIES = 60
PLACES_PER_COUNTRY = 40
ACTORS_PER_COUNTRY = 12
COMMON = ("the", "a", "of", "in", "on", "and", "said", "to", "was", "were", "by", "at", "from",
          "with", "killed", "attack", "forces", "fighters", "government", "police", "officials",
          "village", "town", "province", "security", "group", "people", "civilians", "army",
          "rebels", "report", "according", "clashes", "district", "residents", "spokesman",
          "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots")
OUTLETS = tuple(f"Outlet {i}" for i in range(80))
START = date(2020, 1, 1)
SLICE = 20_000

ARTICLE_COLS = ("id", "source", "title", "url", "outlet", "published", "published_source", "language",
                "kind", "text", "actors", "countries", "run_id")
MENTION_COLS = ("id", "article_id", "event_type", "sub_event_type", "date", "date_precision", "time_precision",
                "actor1", "actor1_type", "actor2", "actor2_type", "associated", "country", "iso", "admin1",
                "location", "lat", "lon", "geonameid", "geo_precision", "fatalities", "fatalities_low",
                "fatalities_high", "claim_source", "verified", "confidence", "evidence", "event_id", "seq")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


def generate(n: int, seed: int, days: int = 365) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(article row, mention rows) for `n` articles, stories starting in date order."""
    rng = random.Random(seed)
    vocab = [_word(rng) for _ in range(30000)]
    countries = []
    for c in range(N_COUNTRIES):
        lat0, lon0 = rng.uniform(-30, 50), rng.uniform(-20, 100)
        countries.append({
            "iso": f"C{c:02d}",
            "places": [(c * 1000 + p, lat0 + rng.uniform(-4, 4), lon0 + rng.uniform(-4, 4))
                       for p in range(PLACES_PER_COUNTRY)],
            "actors": [f"Group {c}-{a}" for a in range(ACTORS_PER_COUNTRY)]})
    made, story, previous = 0, 0, None
    while made < n:
        story += 1
        country = rng.choice(countries)
        day = START + timedelta(days=min(days - 1, made * days // n))
        words = rng.sample(vocab, 25)
        actors = rng.sample(country["actors"], rng.randint(1, 3))
        places = rng.sample(country["places"], rng.randint(1, 3))
        etype = rng.choice(EVENT_TYPES)
        for k in range(min(rng.randint(1, 8), n - made)):
            aid = f"a{made:07d}"
            made += 1
            published = (day + timedelta(days=rng.randint(0, 4) if k else 0)).isoformat()
            if k and previous is not None and rng.random() < 0.2:
                text = previous.replace(words[0], words[1], 1)
                text = " ".join(text.split()[:max(40, len(text.split()) - rng.randint(0, 15))])
            else:
                body = [rng.choice(words) if rng.random() < 0.35 else rng.choice(COMMON) for _ in range(150)]
                body += [a.lower() for a in actors] + [rng.choice(vocab) for _ in range(20)]
                rng.shuffle(body)
                text = " ".join(body)
            previous = text
            outlet = rng.choice(OUTLETS)
            article = {"id": aid, "source": f"{aid}.txt", "title": " ".join(rng.sample(words, 6)), "url": None,
                       "outlet": outlet, "published": published, "published_source": "metadata",
                       "language": "en", "kind": None, "text": text, "actors": json.dumps(actors),
                       "countries": json.dumps([country["iso"]]), "run_id": "bench", "story": story}
            mentions = []
            for j in range(rng.randint(1, 3)):
                gid, lat, lon = places[j % len(places)]
                toll = rng.choice([None, rng.randint(1, 60)])
                mentions.append({
                    "id": f"{aid}-{j}", "article_id": aid, "event_type": etype, "sub_event_type": etype,
                    "date": (day + timedelta(days=j)).isoformat(), "date_precision": "day", "time_precision": 1,
                    "actor1": actors[0], "actor1_type": None, "actor2": actors[-1] if len(actors) > 1 else None,
                    "actor2_type": None, "associated": "[]", "country": country["iso"], "iso": country["iso"],
                    "admin1": None, "location": f"Place {gid}", "lat": lat, "lon": lon, "geonameid": gid,
                    "geo_precision": 1, "fatalities": toll, "fatalities_low": toll, "fatalities_high": None,
                    "claim_source": None, "verified": None, "confidence": 0.7, "evidence": None,
                    "event_id": None, "seq": j})
            yield article, mentions


def insert_columns(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, list[Any]]) -> None:
    """One INSERT for many rows (as `eventscope.store.bulk`, kept here so that the benchmark
    also runs against a checkout without it)."""
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = ?", [table]).fetchall())
    select = ", ".join(f"unnest(?::{'VARCHAR' if types[c] == 'JSON' else types[c]}[])" for c in columns)
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select}", list(columns.values()))


def write_staging(con: duckdb.DuckDBPyConnection, n: int, seed: int, days: int = 365) -> None:
    """Tables bench_articles (with `story`, the synthetic truth) and bench_mentions."""
    con.execute("CREATE TABLE bench_articles AS SELECT *, 0 AS story FROM articles LIMIT 0")
    con.execute("CREATE TABLE bench_mentions AS SELECT * FROM mentions LIMIT 0")
    arts: list[dict[str, Any]] = []
    ments: list[dict[str, Any]] = []

    def flush() -> None:
        insert_columns(con, "bench_articles", {c: [a[c] for a in arts] for c in (*ARTICLE_COLS, "story")})
        insert_columns(con, "bench_mentions", {c: [m[c] for m in ments] for c in MENTION_COLS})
        arts.clear()
        ments.clear()

    for article, mentions in generate(n, seed, days):
        arts.append(article)
        ments += mentions
        if len(arts) >= SLICE:
            flush()
    flush()


def add_articles(con: duckdb.DuckDBPyConnection, first: int, count: int, staging: str = "main") -> None:
    """Copy staging articles number first .. first+count-1 (in publication order) and their
    mentions into the store; `staging` names the (attached) database holding the staging tables."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE pick AS SELECT id FROM {staging}.bench_articles "
                "ORDER BY published, id LIMIT ? OFFSET ?", [count, first])
    con.execute(f"INSERT INTO articles SELECT {', '.join(ARTICLE_COLS)} FROM {staging}.bench_articles "
                "WHERE id IN (SELECT id FROM pick)")
    con.execute(f"INSERT INTO mentions SELECT {', '.join(MENTION_COLS)} FROM {staging}.bench_mentions "
                "WHERE article_id IN (SELECT id FROM pick)")
    con.execute("DROP TABLE pick")
