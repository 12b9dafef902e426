"""Link what a run added against what could match it, reading the store with SQL.

A run's new articles are those without a `stories` row. They are linked in
chronological slices of at most `chunk` articles, each against only the stored
events and stories that could take them (see `link.event_store` and
`link.story_store`), and each slice is written in one transaction: the new
mentions' event ids, the rows of the events that are new or gained a mention,
the new articles' story rows, the stories a newcomer merged, and linking's own
index (features, blocking keys, document frequencies). Peak memory follows the
slice, not the store, and the time of a run follows what it added.

Ids stay stable: an event keeps the id it was given (a hash of its first
mentions) as mentions join it, a story keeps its id as articles join it, and
when a newcomer shows two stories are one the older id survives. Running again
after a run that added nothing changes nothing.

`full=True` forgets every event and story and links the whole store again, slice
by slice, as if every article had just arrived; with the store in one slice it
gives what one incremental run over the same articles gives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb

from eventscope.link.compat import Facts
from eventscope.link.event_store import (
    candidate_event_ids,
    mention_rows,
    recount_sources,
    stored_events,
    write_events,
)
from eventscope.link.events import link_new_mentions
from eventscope.link.index_backfill import backfill_story_index, read_leads
from eventscope.link.stories_incremental import StoryLinker, StoryParams
from eventscope.link.story_features import article_features
from eventscope.link.story_store import StoreStories, write_new
from eventscope.link.wire_store import groups_of, pending_merges
from eventscope.link.wire_store import update_store as update_wire_groups
from eventscope.store.bulk import insert_columns
from eventscope.store.db import Store

#: Articles linked together in one slice: the bound on a run's memory (about 60 MB of
#: Python per 1,000; 20,000 would link a large first run some 15% faster for twice that).
CHUNK_ARTICLES = 10_000
#: DuckDB's memory limit while linking a file store (its cache of blocks read).
LINK_DUCKDB_MEMORY = "512MB"

_AGE = "coalesce(a.published, '9999-99-99'), a.id"
_DERIVED = ("events", "stories", "story_features", "story_keys", "story_df")


@dataclass(frozen=True)
class LinkSummary:
    events: int
    stories: int
    relations: int
    linked: int = 0  # articles linked by this call
    stage_seconds: dict[str, float] = field(default_factory=dict, compare=False)


def relink_store(db: Store, full: bool = False, params: StoryParams | None = None,
                 chunk: int = CHUNK_ARTICLES, clock: Callable[[], float] | None = None) -> LinkSummary:
    """Link the articles the store holds without a story, then refresh actors and places.

    `full` first forgets all events and stories (a rebuild after the rules changed).
    `clock` (e.g. time.perf_counter) times the stages, for benchmarks.
    """
    params = params or StoryParams()
    with _bounded_memory(db, LINK_DUCKDB_MEMORY):
        return _relink(db, full, params, chunk, clock)


@contextmanager
def _bounded_memory(db: Store, limit: str) -> Iterator[None]:
    """DuckDB keeps the blocks it has read cached up to its memory limit (80% of RAM by
    default), so scans of a large store would grow the process however little Python
    holds. Linking lowers the limit for a file store (one in memory lives in that pool)
    and puts it back afterwards."""
    if db.path == ":memory:":
        yield
        return
    setting = "SELECT current_setting('memory_limit')"
    before = db.con.execute(setting).fetchone()[0]
    default = duckdb.connect().execute(setting).fetchone()[0]
    db.con.execute(f"SET memory_limit = '{limit}'")
    try:
        yield
    finally:  # the setting prints rounded: the default is reset, not set to its rounding
        db.con.execute("RESET memory_limit" if before == default else f"SET memory_limit = '{before}'")


def _relink(db: Store, full: bool, params: StoryParams, chunk: int,
            clock: Callable[[], float] | None) -> LinkSummary:
    con = db.con
    times: dict[str, float] = defaultdict(float)
    tick = _ticker(clock, times)
    if full:
        _forget(db)
    update_wire_groups(con)
    tick("wire")
    if backfill_story_index(con, params):
        tick("index_backfill")
    # The new articles in publication order, numbered once (in DuckDB, not in Python).
    con.execute(f"CREATE OR REPLACE TEMP TABLE link_todo AS SELECT a.id, row_number() OVER (ORDER BY {_AGE}) AS rn "
                "FROM articles a ANTI JOIN stories s ON s.article_id = a.id")
    linked = 0
    while ids := [r[0] for r in con.execute("SELECT id FROM link_todo WHERE rn > ? AND rn <= ? ORDER BY rn",
                                            [linked, linked + chunk]).fetchall()]:
        _link_slice(db, ids, params, tick)
        linked += len(ids)
    con.execute("DROP TABLE link_todo")
    _recount_merged_sources(db)
    tick("events")
    if linked or full or _counts_behind(con):  # only new mentions change them
        _recount_actors_and_places(db)
        tick("actors_places")
    return LinkSummary(db.count("events"), con.execute("SELECT count(DISTINCT story_id) FROM stories").fetchone()[0],
                       db.count("relations"), linked, dict(times))


def _ticker(clock: Callable[[], float] | None, times: dict[str, float]) -> Callable[[str], None]:
    last = [clock() if clock else 0.0]

    def tick(stage: str) -> None:
        if clock is not None:
            now = clock()
            times[stage] += now - last[0]
            last[0] = now
    return tick


def _in_transaction(db: Store, work: Callable[[], None]) -> None:
    db.con.execute("BEGIN TRANSACTION")
    try:
        work()
        db.con.execute("COMMIT")
    except Exception:
        db.con.execute("ROLLBACK")
        raise


def _forget(db: Store) -> None:
    def work() -> None:
        for table in _DERIVED:
            db.con.execute(f"DELETE FROM {table}")
        db.con.execute("UPDATE mentions SET event_id = NULL WHERE event_id IS NOT NULL")
    _in_transaction(db, work)


def _link_slice(db: Store, ids: list[str], params: StoryParams, tick: Callable[[str], None]) -> None:
    """Link one slice of new articles and write what changed, in one transaction."""
    con = db.con
    new = mention_rows(con, "m.article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    stored = stored_events(con, candidate_event_ids(con, [Facts.of(m) for m in new]))
    old_articles = sorted({m["article_id"] for e in stored for m in e.mentions})
    wire = groups_of(con, ids + old_articles)
    tick("read")
    # Pass 1: events on the mentions' own evidence; they help tell which articles are one story.
    first = link_new_mentions(new, stored, wire)
    tick("events")
    places: dict[str, set[str]] = defaultdict(set)
    events: dict[str, set[str]] = defaultdict(set)
    for m in new:
        if m["geonameid"] is not None:
            places[m["article_id"]].add(str(m["geonameid"]))
        events[m["article_id"]].add(first.assignment[m["id"]])
    leads = read_leads(con, ids, params.lead_words)
    tick("read")
    docs = [article_features(a, places[a["id"]], events[a["id"]], wire.get(a["id"]), params.lead_words,
                             params.name_words, params.title_weight) for a in leads]
    del leads
    tick("features")
    linker = StoryLinker(docs, [], {}, params, stored=StoreStories(con, params.window_days, params.pool_take))
    stories = linker.run()
    tick("stories")
    # Pass 2: the story is a prior for the looser rules (undated mentions, close event types).
    prior = dict(con.execute("SELECT article_id, story_id FROM stories WHERE article_id IN "
                             "(SELECT unnest(?::VARCHAR[]))", [old_articles]).fetchall())
    prior = {a: stories.merged.get(s, s) for a, s in prior.items()} | stories.stories
    second = link_new_mentions(new, stored, wire, prior)
    tick("events")

    def work() -> None:
        write_events(con, second.rows, second.assignment)
        insert_columns(con, "stories", {"article_id": [d.id for d in docs],
                                        "story_id": [stories.stories[d.id] for d in docs]})
        if stories.merged:
            con.execute("UPDATE stories SET story_id = m.keep FROM (SELECT unnest(?::VARCHAR[]) AS gone, "
                        "unnest(?::VARCHAR[]) AS keep) m WHERE stories.story_id = m.gone",
                        [list(stories.merged), list(stories.merged.values())])
        write_new(con, linker, docs)
    _in_transaction(db, work)
    tick("write")


def _recount_merged_sources(db: Store) -> None:
    """Recount the sources of the stored events whose wire groups merged (in this run, or in a
    run killed before it got here), and forget those groups, in one transaction."""
    merged = pending_merges(db.con)
    if not merged:
        return
    rows = recount_sources(db.con, merged)

    def work() -> None:
        if rows:
            write_events(db.con, rows, {})
        db.con.execute("DELETE FROM wire_merged")
    _in_transaction(db, work)


def _counts_behind(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether actors and places miss mentions: a run killed after writing its last slice and
    before counting them. Mentions are only ever added, so the totals tell."""
    return bool(con.execute(
        "SELECT (SELECT coalesce(sum(n_mentions), 0) FROM actors) <> (SELECT count(*) FILTER (WHERE actor1 <> '') "
        "+ count(*) FILTER (WHERE actor2 <> '') FROM mentions) OR (SELECT coalesce(sum(n_mentions), 0) FROM places) "
        "<> (SELECT count(*) FROM mentions WHERE location IS NOT NULL)").fetchone()[0])


def _recount_actors_and_places(db: Store) -> None:
    """Actors and places with their mention counts, as SQL aggregates over the mentions; a place
    shows the values of its latest mention (by id)."""
    def work() -> None:
        db.con.execute("DELETE FROM actors")
        db.con.execute(
            "INSERT INTO actors SELECT name, actor_type, NULL, count(*) FROM ("
            "SELECT actor1 AS name, actor1_type AS actor_type FROM mentions WHERE actor1 <> '' "
            "UNION ALL SELECT actor2, actor2_type FROM mentions WHERE actor2 <> '') GROUP BY name, actor_type")
        db.con.execute("DELETE FROM places")
        db.con.execute(
            "INSERT INTO places SELECT key, location, geonameid, lat, lon, country, iso, admin1, NULL, n FROM ("
            "SELECT *, row_number() OVER (PARTITION BY key ORDER BY id DESC) AS rn, "
            "count(*) OVER (PARTITION BY key) AS n FROM (SELECT id, location, geonameid, lat, lon, country, iso, "
            "admin1, coalesce(CAST(geonameid AS VARCHAR), coalesce(iso, 'None') || ':' || location) AS key "
            "FROM mentions WHERE location IS NOT NULL)) WHERE rn = 1")
    _in_transaction(db, work)
