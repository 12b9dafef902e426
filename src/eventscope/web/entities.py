"""Stories, actors and the actor network for the API, built on the CLI views' helpers.

The views already compute a story's outlets, dates, top actors and places and an
actor's event count; the API reuses them so the terminal and the browser agree.
"""

from __future__ import annotations

from typing import Any

from eventscope.cli.views import actor_rows, story_rows
from eventscope.export.network import Network, load_network, network_json
from eventscope.web.queries import event_item


def stories(db: Any, min_articles: int, q: str | None) -> list[dict[str, Any]]:
    rows = story_rows(db, min_articles)
    if q:
        needle = q.lower()
        rows = [r for r in rows if needle in " ".join([r["story"], *r["outlets"], *r["actors"],
                                                        *r["places"]]).lower()]
    return rows


def story_detail(db: Any, story_id: str) -> dict[str, Any] | None:
    summary = next((r for r in story_rows(db) if r["story"] == story_id), None)
    if summary is None:
        return None
    articles = db.query("""SELECT a.id, a.title, a.url, a.outlet, a.published, a.source
                           FROM stories s JOIN articles a ON a.id = s.article_id
                           WHERE s.story_id = ? ORDER BY a.published NULLS LAST, a.id""", [story_id])
    events = db.query("""SELECT DISTINCT e.* FROM events e JOIN mentions m ON m.event_id = e.id
                         JOIN stories s ON s.article_id = m.article_id
                         WHERE s.story_id = ? ORDER BY e.date NULLS LAST, e.id""", [story_id])
    return {**summary, "article_list": articles, "events": [event_item(e) for e in events]}


def actors(db: Any, q: str | None, actor_type: str | None, country: str | None) -> list[dict[str, Any]]:
    rows = actor_rows(db)
    if q:
        rows = [r for r in rows if q.lower() in r["name"].lower()]
    if actor_type:
        rows = [r for r in rows if (r["actor_type"] or "").lower() == actor_type.lower()]
    if country:
        rows = [r for r in rows if (r["country"] or "").lower() == country.lower()]
    return rows


def actor_detail(db: Any, name: str) -> dict[str, Any] | None:
    row = next((r for r in actor_rows(db) if r["name"] == name), None)
    events = db.query("SELECT * FROM events WHERE actor1 = ? OR actor2 = ? ORDER BY date NULLS LAST, id",
                      [name, name])
    net = network(db, None, None, actor=name)
    if row is None and not events and not net["edges"]:
        return None
    row = row or {"name": name, "actor_type": None, "country": None, "n_mentions": 0, "events": len(events)}
    return {**row, "event_list": [event_item(e) for e in events], "edges": net["edges"]}


def network(db: Any, since: str | None, until: str | None, actor: str | None = None,
            kind: str | None = None) -> dict[str, Any]:
    """Nodes and edges with evidence; optionally only edges touching `actor` or of one `kind`."""
    net: Network = load_network(db, since, until)
    edges = [e for e in net.edges if (actor is None or actor in (e.source, e.target))
             and (kind is None or e.kind == kind)]
    keep = {n for e in edges for n in (e.source, e.target)}
    return network_json(Network([n for n in net.nodes if n.id in keep], edges))
