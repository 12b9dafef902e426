"""The store's side of event linking: the stored events a new mention could join, by SQL.

`link.events` finds a mention's candidates by country, event type (its own and
the close ones) and date: the days within DAY_SLACK of its date (a week-precision
date spans WEEK_HALF days either side), the month or year that contains it, and
for an undated mention the week before its article's publication. Here the same
blocks and windows become one equality join over the stored mentions (by
country, type and day, month, year or publication day), so a run reads only the
mentions of events that could take its new ones, never all of them. The events
found are read whole (every member, wherever it lies), because a newcomer must
agree with every member of an event to join it.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any

from eventscope.link.compat import DAY_SLACK, UNDATED_WINDOW_DAYS, WEEK_HALF, Facts, partner_types
from eventscope.link.events import Cluster, StoredEvent, event_row
from eventscope.store.bulk import id_list, insert_rows
from eventscope.store.db import query_rows


def mention_rows(con: Any, where: str, params: list[Any]) -> list[dict[str, Any]]:
    """Mention rows (`where` filters `mentions m`) with their article's outlet and publication
    date, in id order. Two filtered reads rather than a join, which could hash all articles."""
    rows = query_rows(con, f"SELECT * FROM mentions m WHERE {where} ORDER BY m.id", params)
    meta = {a: (o, p) for a, o, p in con.execute(
        "SELECT id, outlet, published FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [id_list(r["article_id"] for r in rows)]).fetchall()}
    for r in rows:
        r["outlet"], r["published"] = meta.get(r["article_id"], (None, None))
    return rows


@lru_cache(maxsize=100_000)
def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def probes(facts: list[Facts]) -> set[tuple[str, str, str, str]]:
    """(country or '', event type, kind, value) a stored mention must match to be a candidate
    of one of `facts`: kind 'd' a day (the stored date of a day or week mention), 'm' a month,
    'y' a year, 'u' the publication day of an undated one. A superset of what
    `events._Index.candidates` looks up; the linker applies the exact rules."""
    out: set[tuple[str, str, str, str]] = set()
    for f in facts:
        if f.span is not None:
            lo, hi = f.span[0] - DAY_SLACK, f.span[1] + DAY_SLACK
            undated: range = range(0)
        elif f.published is not None:  # the week before publication, for a mention of its story
            lo, hi = f.published - UNDATED_WINDOW_DAYS, f.published
            undated = range(f.published - UNDATED_WINDOW_DAYS, f.published + UNDATED_WINDOW_DAYS + 1)
        else:
            continue  # undated and unpublished: only its own article's mentions, all new
        days = [_iso(d) for d in range(lo - WEEK_HALF, hi + WEEK_HALF + 1)]  # a week date spans its centre ±3
        months = sorted({_iso(d)[:7] for d in range(lo, hi + 1)}) if f.span is not None else []
        for t in partner_types(f):
            block = (f.iso or "", t)
            out.update((*block, "d", v) for v in days)
            out.update((*block, "u", _iso(d)) for d in undated)
            out.update((*block, "m", m) for m in months)
            out.update((*block, "y", m[:4]) for m in months)
    return out


def candidate_event_ids(con: Any, facts: list[Facts]) -> list[str]:
    """Ids of the stored events with a mention in the blocks and windows of `facts`."""
    found = probes(facts)
    if not found:
        return []
    cols = [list(c) for c in zip(*sorted(found), strict=True)]
    con.execute("CREATE OR REPLACE TEMP TABLE probe AS SELECT unnest(?::VARCHAR[]) AS iso, "
                "unnest(?::VARCHAR[]) AS etype, unnest(?::VARCHAR[]) AS kind, unnest(?::VARCHAR[]) AS val", cols)
    rows = con.execute(
        "SELECT m.event_id FROM mentions m JOIN probe p ON coalesce(m.iso, '') = p.iso "
        "AND m.event_type = p.etype AND m.date = p.val "
        "AND p.kind = CASE length(m.date) WHEN 10 THEN 'd' WHEN 7 THEN 'm' WHEN 4 THEN 'y' END "
        "WHERE m.event_id IS NOT NULL "
        "UNION SELECT m.event_id FROM mentions m JOIN articles a ON a.id = m.article_id "
        "JOIN probe p ON coalesce(m.iso, '') = p.iso AND m.event_type = p.etype AND p.kind = 'u' "
        "AND left(a.published, 10) = p.val "
        "WHERE m.event_id IS NOT NULL AND (m.date IS NULL OR length(m.date) NOT IN (4, 7, 10))").fetchall()
    con.execute("DROP TABLE probe")
    return sorted(r[0] for r in rows)


def stored_events(con: Any, event_ids: list[str]) -> list[StoredEvent]:
    """The stored events with these ids, each with all its mention rows and merge reasons."""
    if not event_ids:
        return []
    rows = mention_rows(con, "m.event_id IN (SELECT unnest(?::VARCHAR[]))", [event_ids])
    reasons = dict(con.execute("SELECT id, merge_reasons FROM events WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                               [event_ids]).fetchall())
    by_event: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_event.setdefault(r["event_id"], []).append(r)
    return [StoredEvent(e, ms, json.loads(reasons.get(e) or "[]")) for e, ms in sorted(by_event.items())]


def write_events(con: Any, rows: list[dict[str, Any]], assignment: dict[str, str]) -> None:
    """Replace the rows of these events and set the event ids of new mentions (inside the
    caller's transaction)."""
    if rows:
        con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?::VARCHAR[]))", [id_list(r["id"] for r in rows)])
        insert_rows(con, "events", rows)
    if assignment:
        con.execute("UPDATE mentions SET event_id = t.e FROM (SELECT unnest(?::VARCHAR[]) AS id, "
                    "unnest(?::VARCHAR[]) AS e) t WHERE mentions.id = t.id",
                    [list(assignment), list(assignment.values())])


def recount_sources(con: Any, wire_groups: set[str]) -> list[dict[str, Any]]:
    """Rows, recomputed, of the stored events with a mention from these wire groups: two of
    their old groups became one, so their count of independent sources may drop."""
    if not wire_groups:
        return []
    ids = [r[0] for r in con.execute(
        "SELECT DISTINCT m.event_id FROM mentions m JOIN article_signatures s ON s.article_id = m.article_id "
        "WHERE s.wire_group IN (SELECT unnest(?::VARCHAR[])) AND m.event_id IS NOT NULL",
        [sorted(wire_groups)]).fetchall()]
    events = stored_events(con, sorted(ids))
    groups = dict(con.execute(
        "SELECT article_id, wire_group FROM article_signatures WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [id_list(m["article_id"] for e in events for m in e.mentions)]).fetchall())
    return [event_row(Cluster(e.mentions, [], e.reasons, e.id), groups) for e in events]
