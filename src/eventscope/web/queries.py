"""The API's reads: events with keyset pagination, one event with its sources, counts, articles.

Each function takes a `Reader` (or a `Store`) and returns plain dicts ready for
JSON; JSON columns of the store are parsed here so clients never see JSON in a
string.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from eventscope.web.params import SORTS, Cursor, EventFilters

CountBy = Literal["day", "week", "month", "country", "event_type", "sub_event_type"]
#: grouping name -> SQL key expression (fixed text, chosen by a validated literal).
COUNT_KEYS: dict[str, str] = {
    "day": "CAST(try_cast(e.date AS DATE) AS VARCHAR)",
    "week": "CAST(CAST(date_trunc('week', try_cast(e.date AS DATE)) AS DATE) AS VARCHAR)",
    "month": "substr(e.date, 1, 7)",
    "country": "e.country",
    "event_type": "e.event_type",
    "sub_event_type": "e.sub_event_type",
}
EVENT_FIELDS = ("id", "event_type", "sub_event_type", "date", "date_precision", "time_precision",
                "actor1", "actor2", "country", "iso", "admin1", "location", "lat", "lon",
                "geo_precision", "fatalities", "fatalities_low", "fatalities_best", "fatalities_high",
                "corroboration", "n_mentions", "notes")
#: evidence key in a mention's spans -> the mention column holding the value it supports.
SPAN_VALUES = {"trigger": "sub_event_type", "actor1": "actor1", "actor2": "actor2", "place": "location",
               "date": "date", "fatalities": "fatalities", "claim_source": "claim_source",
               "verified": "verified"}


def _json(raw: str | None, default: Any) -> Any:
    return json.loads(raw) if raw else default


def event_item(row: dict[str, Any]) -> dict[str, Any]:
    """An event for a list: its own fields plus the outlets that reported it."""
    item = {k: row.get(k) for k in EVENT_FIELDS}
    sources = _json(row.get("sources"), [])
    item["outlets"] = sorted({s.get("outlet") or s.get("article") for s in sources} - {None})
    return item


def list_events(db: Any, f: EventFilters, sort: str, limit: int,
                cursor: Cursor | None) -> tuple[list[dict[str, Any]], Cursor | None]:
    """One page of events and the cursor of the next page (None on the last page)."""
    expr, direction, _ = SORTS[sort]
    where, params = f.where()
    if cursor is not None:
        op = ">" if direction == "ASC" else "<"
        where += (" AND " if where else " WHERE ") + f"({expr} {op} ? OR ({expr} = ? AND e.id > ?))"
        params += [cursor.key, cursor.key, cursor.id]
    sql = (f"SELECT e.*, {expr} AS sort_key FROM events e{where} "
           f"ORDER BY {expr} {direction}, e.id ASC LIMIT ?")
    rows = db.query(sql, params + [limit + 1])
    nxt = None
    if len(rows) > limit:
        rows = rows[:limit]
        nxt = Cursor(sort, rows[-1]["sort_key"], rows[-1]["id"])
    return [event_item(r) for r in rows], nxt


def count_events(db: Any, f: EventFilters, by: str) -> list[dict[str, Any]]:
    key = COUNT_KEYS[by]
    where, params = f.where()
    sql = (f"SELECT {key} AS key, count(*) AS events, sum(coalesce(e.fatalities, 0)) AS fatalities "
           f"FROM events e{where} GROUP BY 1 ORDER BY 1 NULLS LAST")
    return [{"key": r["key"], "events": int(r["events"]), "fatalities": int(r["fatalities"] or 0)}
            for r in db.query(sql, params)]


def event_detail(db: Any, event_id: str) -> dict[str, Any] | None:
    """An event with every source mention: outlet, url, its own values, evidence spans."""
    rows = db.query("SELECT * FROM events WHERE id = ?", [event_id])
    if not rows:
        return None
    row = rows[0]
    event = event_item(row)
    event["sources"] = _json(row["sources"], [])
    event["disagreements"] = _json(row["disagreements"], {})
    event["merge_reasons"] = _json(row["merge_reasons"], [])
    mentions = db.query("""SELECT m.*, a.outlet, a.url, a.title, a.published, a.source AS article_source,
                                  s.story_id
                           FROM mentions m JOIN articles a ON a.id = m.article_id
                           LEFT JOIN stories s ON s.article_id = a.id
                           WHERE m.event_id = ? ORDER BY a.outlet NULLS LAST, m.article_id, m.seq""",
                        [event_id])
    event["mentions"] = [_mention_item(m) for m in mentions]
    event["stories"] = sorted({m["story_id"] for m in mentions if m["story_id"]})
    return event


def _mention_item(m: dict[str, Any]) -> dict[str, Any]:
    spans = _json(m["evidence"], {})
    return {
        "id": m["id"], "article_id": m["article_id"], "outlet": m["outlet"], "url": m["url"],
        "title": m["title"], "published": m["published"], "article_source": m["article_source"],
        "event_type": m["event_type"], "sub_event_type": m["sub_event_type"], "date": m["date"],
        "date_precision": m["date_precision"], "actor1": m["actor1"], "actor1_type": m["actor1_type"],
        "actor2": m["actor2"], "actor2_type": m["actor2_type"],
        "associated": _json(m["associated"], []), "country": m["country"], "iso": m["iso"],
        "admin1": m["admin1"], "location": m["location"], "lat": m["lat"], "lon": m["lon"],
        "geonameid": m["geonameid"], "geo_precision": m["geo_precision"],
        "fatalities": m["fatalities"], "fatalities_low": m["fatalities_low"],
        "fatalities_high": m["fatalities_high"], "claim_source": m["claim_source"],
        "verified": m["verified"], "confidence": m["confidence"],
        "evidence": (spans.get("sentence") or {}).get("text"), "evidence_spans": spans,
    }


def article_detail(db: Any, article_id: str) -> dict[str, Any] | None:
    """An article's text and the span behind every extracted value, in text order."""
    rows = db.query("""SELECT a.*, s.story_id FROM articles a LEFT JOIN stories s ON s.article_id = a.id
                       WHERE a.id = ?""", [article_id])
    if not rows:
        return None
    a = rows[0]
    spans: list[dict[str, Any]] = []
    for m in db.query("SELECT * FROM mentions WHERE article_id = ? ORDER BY seq", [article_id]):
        for key, span in _json(m["evidence"], {}).items():
            values = span if isinstance(span, list) else [span]
            names = _json(m["associated"], []) if key == "associated" else [None] * len(values)
            for s, name in zip(values, names, strict=False):
                if not s:
                    continue
                value = name if key == "associated" else (m[SPAN_VALUES[key]] if key in SPAN_VALUES else None)
                spans.append({"start": s.get("start"), "end": s.get("end"), "text": s.get("text"),
                              "field": key, "value": value, "mention_id": m["id"], "event_id": m["event_id"]})
    for r in db.query("SELECT * FROM relations WHERE article_id = ? ORDER BY a, b, kind", [article_id]):
        s = _json(r["evidence"], {})
        if s.get("start") is not None:
            spans.append({"start": s["start"], "end": s.get("end"), "text": s.get("text"), "field": "relation",
                          "value": f"{r['a']} {r['kind']} {r['b']}", "mention_id": None, "event_id": None})
    spans.sort(key=lambda s: (s["start"] if s["start"] is not None else -1, s["end"] or 0, s["field"]))
    return {"id": a["id"], "title": a["title"], "url": a["url"], "outlet": a["outlet"],
            "published": a["published"], "published_source": a["published_source"],
            "language": a["language"], "source": a["source"], "story_id": a["story_id"],
            "actors": _json(a["actors"], []), "countries": _json(a["countries"], []),
            "text": a["text"], "spans": spans}
