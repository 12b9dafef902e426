"""Reading articles' leads, and building linking's index for a store linked before it existed.

Story linking compares the title and the first `lead_words` words of an article;
the rest of its text is never needed, so it is never read: `read_leads` takes the
first LEAD_CHARS characters in SQL and reads the whole text only of an article
whose first LEAD_CHARS characters hold fewer words than that (rare).

A store written by an earlier eventscope has `stories` rows but no
`story_features`, `story_keys` or `story_df`. `backfill_story_index` computes
them once for those articles, a slice at a time, without changing any story or
event: the next run then links against them like any other.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from eventscope.link.stories_incremental import StoryLinker, StoryParams
from eventscope.link.story_features import article_features
from eventscope.link.story_store import StoreStories, write_new
from eventscope.link.wire_store import groups_of

LEAD_CHARS = 8_000
BATCH = 5_000


def read_leads(con: Any, ids: list[str], lead_words: int) -> list[dict[str, Any]]:
    """Article rows (id, title, published, actors, countries, text) whose `text` is cut after
    its first `lead_words` words or LEAD_CHARS characters, whichever comes later."""
    cur = con.execute(
        "SELECT id, title, published, actors, countries, left(text, ?) AS text, "
        "length(left(text, ?)) < length(text) AS cut FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY id", [LEAD_CHARS, LEAD_CHARS, ids])
    cols = [c[0] for c in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    short = [r["id"] for r in rows if r["cut"] and len(r["text"].split()) <= lead_words]
    if short:
        full = dict(con.execute("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                [short]).fetchall())
        for r in rows:
            if r["id"] in full:
                r["text"] = full[r["id"]]
    return rows


def backfill_story_index(con: Any, params: StoryParams) -> int:
    """Features, document frequencies and blocking keys of linked articles that lack them,
    a slice at a time, each in one transaction (as a run would have written them)."""
    n_stories = con.execute("SELECT count(*) FROM stories").fetchone()[0]
    if n_stories == con.execute("SELECT count(*) FROM story_features").fetchone()[0]:
        return 0
    done = 0
    while ids := [r[0] for r in con.execute(
            "SELECT s.article_id FROM stories s ANTI JOIN story_features f ON f.article_id = s.article_id "
            "ORDER BY s.article_id LIMIT ?", [BATCH]).fetchall()]:
        places: dict[str, set[str]] = defaultdict(set)
        events: dict[str, set[str]] = defaultdict(set)
        for aid, gid, event_id in con.execute(
                "SELECT article_id, geonameid, event_id FROM mentions WHERE article_id IN "
                "(SELECT unnest(?::VARCHAR[]))", [ids]).fetchall():
            if gid is not None:
                places[aid].add(str(gid))
            if event_id:
                events[aid].add(event_id)
        wire = groups_of(con, ids)
        docs = [article_features(a, places[a["id"]], events[a["id"]], wire.get(a["id"]), params.lead_words,
                                 params.name_words, params.title_weight) for a in read_leads(con, ids, params.lead_words)]
        linker = StoryLinker(docs, [], {}, params, stored=StoreStories(con, params.window_days, params.pool_take))
        linker.keys = {d.id: linker.keys_of(d) for d in docs}
        con.execute("BEGIN TRANSACTION")
        try:
            write_new(con, linker, docs)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        done += len(ids)
    return done
