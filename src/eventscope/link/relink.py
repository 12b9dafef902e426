"""Recompute the derived tables (events, stories, actors, places) from stored mentions.

Events are a pure function of the stored mentions, wire groups and stories;
stories are incremental (an existing story keeps its id as articles join). Running again
after a run that added nothing leaves every id unchanged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from eventscope.link.events import link_events
from eventscope.link.stories_incremental import cluster_stories_incremental
from eventscope.link.wire_store import update_store as update_wire_groups
from eventscope.store.db import Store


@dataclass(frozen=True)
class LinkSummary:
    events: int
    stories: int
    relations: int


def relink_store(db: Store) -> LinkSummary:
    mentions = db.query(
        "SELECT m.*, a.outlet, a.published FROM mentions m JOIN articles a ON a.id = m.article_id ORDER BY m.id")
    update_wire_groups(db.con)
    wire_groups = dict(db.con.execute("SELECT article_id, wire_group FROM article_signatures").fetchall())
    # Pass 1: events on the mentions' own evidence; they help tell which articles are one story.
    assignment, _ = link_events(mentions, wire_groups)
    for m in mentions:
        m["event_id"] = assignment[m["id"]]
    existing = {r["article_id"]: r["story_id"] for r in db.query("SELECT article_id, story_id FROM stories")}
    articles = db.query("SELECT id, title, published, actors, countries, text FROM articles ORDER BY id")
    stories = cluster_stories_incremental(articles, mentions, existing=existing,
                                          wire_groups=wire_groups).stories
    # Pass 2: the story is a prior for the looser rules (undated mentions, close event types).
    # They only join mentions of one story, so the stories of pass 1 stay right.
    assignment, events = link_events(mentions, wire_groups, stories=stories)
    for m in mentions:
        m["event_id"] = assignment[m["id"]]
    db.set_event_ids(assignment)
    db.replace_table("events", events)
    db.replace_table("stories", [{"article_id": k, "story_id": v} for k, v in sorted(stories.items())])

    actor_counts: Counter[tuple[str, str | None]] = Counter()
    for m in mentions:
        for side in ("actor1", "actor2"):
            if m[side]:
                actor_counts[(m[side], m[f"{side}_type"])] += 1
    db.replace_table("actors", [{"name": n, "actor_type": t, "country": None, "n_mentions": c}
                                for (n, t), c in sorted(actor_counts.items())])
    place_counts: Counter[str] = Counter()
    place_rows: dict[str, dict] = {}
    for m in mentions:
        if m["location"] is None:
            continue
        key = str(m["geonameid"]) if m["geonameid"] is not None else f"{m['iso']}:{m['location']}"
        place_counts[key] += 1
        place_rows[key] = {"key": key, "name": m["location"], "geonameid": m["geonameid"],
                           "lat": m["lat"], "lon": m["lon"], "country": m["country"], "iso": m["iso"],
                           "admin1": m["admin1"], "feature": None}
    db.replace_table("places", [{**place_rows[k], "n_mentions": c} for k, c in sorted(place_counts.items())])
    return LinkSummary(len(events), len(set(stories.values())), db.count("relations"))
