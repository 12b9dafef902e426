"""The store's side of story linking: what a run reads and writes, with SQL, never all of it.

A linked article leaves three things in the store besides its `stories` row:
`story_features` (its title/lead term counts, names, actors, places, countries and
day, so it is never tokenised again and its full text never read again),
`story_keys` (its blocking keys, for the pools) and its share of `story_df` (how
many linked articles carry each term, name, actor and place, for the IDF). A run
then reads:

- the document frequencies of the words its articles and their candidate stories use;
- for each blocking key of a new article, the size of each pool (its time bucket,
  the two beside it, the undated) and its newest ids; every stored article sharing
  an event or a wire group with it;
- which story each of those articles is in, with the story's span of days;
- the members' features of the stories a new article could join (inside the time
  window; a quiet story is closed), when it first needs them.

A key's stored pool reflects the IDF when its article was linked: as the store
grows an old article's most salient terms could rank differently, but its keys
are not recomputed (that would mean reading every article again).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from eventscope.link.stories_incremental import KINDS, StoryLinker
from eventscope.link.story_features import ArticleFeatures, as_list
from eventscope.link.story_pools import Pools, homes_of, is_strong, pools_of
from eventscope.store.bulk import id_list, insert_columns

_AGE_DESC = "coalesce(published, '9999-99-99') DESC, article_id DESC"


def features_from_row(row: dict[str, Any], events: set[str], wire: str | None) -> ArticleFeatures:
    """An article as `story_features` stores it, with its live events and wire group."""
    return ArticleFeatures(
        id=row["article_id"], day=row["day"], published=row["published"],
        actors=set(as_list(row["actors"])), places=set(as_list(row["places"])),
        countries=set(as_list(row["countries"])), events=events, wire=wire,
        terms=Counter(json.loads(row["terms"] or "{}")), names=Counter(json.loads(row["names"] or "{}")))


class StoreStories:
    """`StoredStories` over a DuckDB connection (see the module docstring)."""

    def __init__(self, con: Any, window_days: int, take: int) -> None:
        self.con = con
        self.window_days = window_days
        self.take = take
        self.n_docs: int = con.execute("SELECT count(*) FROM story_features").fetchone()[0]
        self._df: dict[str, dict[str, int]] = {k: {} for k in KINDS}
        self._story_key: dict[str, str] = {}  # stored article id -> key of its story
        self._span: dict[str, tuple[int, int] | None] = {}
        self._sid: dict[str, str] = {}  # story key -> story id
        self.read: set[str] = set()  # stored articles whose features were read: what the bound lets in

    # --- document frequencies --------------------------------------------------------------
    def df(self, kind: str, items: Iterable[str]) -> dict[str, int]:
        cache = self._df[kind]
        missing = [x for x in set(items) if x not in cache]
        if missing:
            for x in missing:
                cache[x] = 0
            cache.update(self.con.execute(
                "SELECT term, df FROM story_df WHERE kind = ? AND term IN (SELECT unnest(?::VARCHAR[]))",
                [kind, missing]).fetchall())
        return cache

    # --- pools ---------------------------------------------------------------------------
    def fill_pools(self, pools: Pools, wants: dict[str, tuple[int | None, list[str]]]) -> None:
        """The stored part of every pool the new articles draw from, and the stories of its ids."""
        needed = {pool for day, keys in wants.values() for k in keys for pool in pools_of(k, day, self.window_days)}
        weak = [p for p in needed if not is_strong(p[1])]
        rows: list[tuple[Any, ...]] = []
        dated = [p for p in weak if p[0] == "d"]
        if dated:
            rows += self.con.execute(
                "WITH w AS (SELECT unnest(?::VARCHAR[]) AS key, unnest(?::BIGINT[]) AS bucket) "
                "SELECT 'd', k.key, k.day // ? AS bucket, count(*) OVER win, k.article_id, "
                "row_number() OVER (win ORDER BY published DESC, article_id DESC) AS rn "
                "FROM story_keys k JOIN w ON k.key = w.key AND k.day // ? = w.bucket "
                "WINDOW win AS (PARTITION BY k.key, k.day // ?) QUALIFY rn <= ?",
                [[p[1] for p in dated], [p[2] for p in dated], self.window_days, self.window_days,
                 self.window_days, self.take]).fetchall()
        for kind, cond in (("u", "day IS NULL AND "), ("e", "")):
            keys = [p[1] for p in weak if p[0] == kind]
            if keys:
                rows += self.con.execute(
                    f"SELECT '{kind}', key, NULL, count(*) OVER (PARTITION BY key), article_id, "
                    f"row_number() OVER (PARTITION BY key ORDER BY {_AGE_DESC}) AS rn FROM story_keys "
                    f"WHERE {cond}key IN (SELECT unnest(?::VARCHAR[])) QUALIFY rn <= ?", [keys, self.take]).fetchall()
        found: dict[tuple, tuple[int, list[tuple[int, str]]]] = {}
        for kind, key, bucket, count, aid, rn in rows:
            pool = (kind, key, bucket) if kind == "d" else (kind, key)
            found.setdefault(pool, (count, []))[1].append((rn, aid))
        for pool, (count, ranked) in found.items():
            pools.set_stored(pool, count, [aid for _rn, aid in sorted(ranked, reverse=True)])
        strong = self._strong_members(sorted({p[1] for p in needed if is_strong(p[1])}))
        for key, members in strong.items():
            lists: dict[tuple, list[str]] = {}
            for aid, day, _published in members:
                for pool in homes_of(key, day, self.window_days):
                    lists.setdefault(pool, []).append(aid)
            for pool, ids in lists.items():
                pools.set_stored(pool, len(ids), ids)
        self._learn_stories([aid for _count, ranked in found.values() for _rn, aid in ranked]
                            + [aid for ms in strong.values() for aid, _d, _p in ms])

    def _strong_members(self, keys: list[str]) -> dict[str, list[tuple[str, int | None, str | None]]]:
        """Stored linked articles of each event (`e:`) or wire group (`w:`) key, oldest first."""
        events = [k[2:] for k in keys if k.startswith("e:")]
        wires = [k[2:] for k in keys if k.startswith("w:")]
        rows = self.con.execute(
            "SELECT DISTINCT 'e:' || m.event_id, f.article_id, f.day, f.published FROM mentions m "
            "JOIN story_features f ON f.article_id = m.article_id WHERE m.event_id IN (SELECT unnest(?::VARCHAR[])) "
            "UNION ALL SELECT 'w:' || s.wire_group, f.article_id, f.day, f.published FROM article_signatures s "
            "JOIN story_features f ON f.article_id = s.article_id WHERE s.wire_group IN (SELECT unnest(?::VARCHAR[]))",
            [events, wires]).fetchall()
        out: dict[str, list[tuple[str, int | None, str | None]]] = {}
        for key, aid, day, published in sorted(rows, key=lambda r: (r[0], r[3] or "9999-99-99", r[1])):
            out.setdefault(key, []).append((aid, day, published))
        return out

    def _learn_stories(self, article_ids: list[str]) -> None:
        """Story key and span of the stories of these stored articles."""
        ids = id_list(a for a in article_ids if a not in self._story_key)
        if not ids:
            return
        sid_of = dict(self.con.execute(
            "SELECT article_id, story_id FROM stories WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids]).fetchall())
        new_sids = id_list(s for s in sid_of.values() if s not in self._sid.values())
        key_of: dict[str, str] = {v: k for k, v in self._sid.items()}
        if new_sids:
            for sid, key, lo, hi in self.con.execute(
                    "SELECT s.story_id, arg_min(s.article_id, [coalesce(f.published, '9999-99-99'), s.article_id]), "
                    "min(f.day), max(f.day) FROM stories s JOIN story_features f ON f.article_id = s.article_id "
                    "WHERE s.story_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY s.story_id", [new_sids]).fetchall():
                self._sid[key] = sid
                key_of[sid] = key
                self._span[key] = None if lo is None else (lo, hi)
        for aid, sid in sid_of.items():
            self._story_key[aid] = key_of[sid]

    def story_key(self, article_id: str) -> str:
        return self._story_key[article_id]

    def span(self, key: str) -> tuple[int, int] | None:
        return self._span.get(key)

    # --- stories on demand ----------------------------------------------------------------
    def load(self, keys: list[str]) -> list[tuple[str, list[ArticleFeatures]]]:
        """(story id, members) of the stories with these keys: every member's stored features,
        with its events and wire group as they are now."""
        sids = [self._sid[k] for k in keys if k in self._sid]
        members = read_features(self.con, "SELECT s.story_id, f.* FROM stories s JOIN story_features f "
                                "ON f.article_id = s.article_id WHERE s.story_id IN (SELECT unnest(?::VARCHAR[]))",
                                [sids])
        self.read.update(d.id for _sid, d in members)
        out: dict[str, list[ArticleFeatures]] = {}
        for sid, d in members:
            out.setdefault(sid, []).append(d)
        return sorted(out.items())


def read_features(con: Any, sql: str, params: list[Any]) -> list[tuple[Any, ArticleFeatures]]:
    """(first column, features) of the `story_features` rows `sql` selects (its first column,
    then f.*), with each article's events and wire group as they are now."""
    cur = con.execute(sql + " ORDER BY f.article_id", params)
    cols = [c[0] for c in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    ids = [r["article_id"] for r in rows]
    events: dict[str, set[str]] = {}
    for aid, event_id in con.execute(
            "SELECT DISTINCT article_id, event_id FROM mentions WHERE event_id IS NOT NULL "
            "AND article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall():
        events.setdefault(aid, set()).add(event_id)
    wires = dict(con.execute(
        "SELECT article_id, wire_group FROM article_signatures WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [ids]).fetchall())
    return [(r[cols[0]], features_from_row(r, events.get(r["article_id"], set()), wires.get(r["article_id"])))
            for r in rows]


# --- writes ------------------------------------------------------------------------------------
def write_new(con: Any, linker: StoryLinker, new: list[ArticleFeatures]) -> None:
    """Features, blocking keys and document frequencies of newly linked articles (inside the
    caller's transaction)."""
    write_features(con, new)
    write_keys(con, new, linker.keys)
    add_df(con, {kind: linker.counts[kind] for kind in KINDS})


def write_features(con: Any, docs: list[ArticleFeatures]) -> None:
    insert_columns(con, "story_features", {
        "article_id": [d.id for d in docs], "published": [d.published for d in docs], "day": [d.day for d in docs],
        "terms": [json.dumps(d.terms, ensure_ascii=False) for d in docs],
        "names": [json.dumps(d.names, ensure_ascii=False) for d in docs],
        "actors": [json.dumps(sorted(d.actors), ensure_ascii=False) for d in docs],
        "places": [json.dumps(sorted(d.places)) for d in docs],
        "countries": [json.dumps(sorted(d.countries)) for d in docs]})


def write_keys(con: Any, docs: list[ArticleFeatures], keys: dict[str, list[str]]) -> None:
    """Blocking keys; event and wire keys are not stored, they are read live (ids can change)."""
    rows = [(k, d) for d in docs for k in keys[d.id] if not is_strong(k)]
    insert_columns(con, "story_keys", {"key": [k for k, _d in rows], "article_id": [d.id for _k, d in rows],
                                       "day": [d.day for _k, d in rows], "published": [d.published for _k, d in rows]})


def add_df(con: Any, counts: dict[str, Any]) -> None:
    """Add per-kind counts (Counter) to `story_df`."""
    rows = [(kind, term, n) for kind, c in counts.items() for term, n in c.items() if n]
    if not rows:
        return
    con.execute("CREATE OR REPLACE TEMP TABLE df_add AS SELECT unnest(?::VARCHAR[]) AS kind, "
                "unnest(?::VARCHAR[]) AS term, unnest(?::INTEGER[]) AS df",
                [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]])
    con.execute("UPDATE story_df SET df = story_df.df + a.df FROM df_add a "
                "WHERE story_df.kind = a.kind AND story_df.term = a.term")
    con.execute("INSERT INTO story_df SELECT a.kind, a.term, a.df FROM df_add a "
                "ANTI JOIN story_df d ON d.kind = a.kind AND d.term = a.term")
    con.execute("DROP TABLE df_add")
