"""Export records: one schema in the store, shaped here for each consumer.

Mention lines keep the foundation's contract keys (plus extras); the events
CSV uses ACLED's column names wherever ACLED has one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from eventscope.export.plover import PloverCrosswalk
from eventscope.store.db import Store

MENTION_KEYS = ("article", "event_type", "sub_event_type", "date", "date_precision", "actor1",
                "actor2", "country", "admin1", "location", "lat", "lon", "geo_precision",
                "fatalities", "claim_source", "verified", "evidence", "event_id", "confidence", "iso")

ACLED_EVENT_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type",
                       "sub_event_type", "actor1", "actor2", "country", "iso", "admin1", "location",
                       "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
                       "fatalities_low", "fatalities_best", "fatalities_high", "corroboration",
                       "disagreements")


def mention_records(db: Store) -> Iterator[dict[str, Any]]:
    plover = PloverCrosswalk.load()
    sql = """SELECT m.*, a.source AS article_source, a.outlet, a.url, a.published
             FROM mentions m JOIN articles a ON a.id = m.article_id
             ORDER BY a.source, m.article_id, m.seq"""
    for r in db.iter_query(sql):
        evidence = json.loads(r["evidence"]) if r["evidence"] else {}
        rec = {
            "article": r["article_source"] or r["article_id"],
            "event_type": r["event_type"],
            "sub_event_type": r["sub_event_type"],
            "date": r["date"],
            "date_precision": r["date_precision"],
            "actor1": r["actor1"],
            "actor2": r["actor2"],
            "country": r["country"],
            "admin1": r["admin1"],
            "location": r["location"],
            "lat": r["lat"],
            "lon": r["lon"],
            "geo_precision": r["geo_precision"],
            "fatalities": r["fatalities"],
            "claim_source": r["claim_source"],
            "verified": r["verified"],
            "evidence": evidence.get("sentence", {}).get("text"),
            "event_id": r["event_id"],
            "confidence": r["confidence"],
            "iso": r["iso"],
            # extras beyond the contract
            "mention_id": r["id"],
            "article_id": r["article_id"],
            "outlet": r["outlet"],
            "url": r["url"],
            "time_precision": r["time_precision"],
            "actor1_type": r["actor1_type"],
            "actor2_type": r["actor2_type"],
            "associated_actors": json.loads(r["associated"] or "[]"),
            "geonameid": r["geonameid"],
            "fatalities_low": r["fatalities_low"],
            "fatalities_high": r["fatalities_high"],
            "evidence_spans": evidence,
            **_plover_fields(plover, r["event_type"], r["sub_event_type"]),
        }
        yield rec


def _plover_fields(plover: PloverCrosswalk, event_type: str, sub_event_type: str) -> dict[str, Any]:
    code = plover.code(event_type, sub_event_type)
    return {"plover_event": code.event if code else None,
            "plover_mode": list(code.modes) if code else []}


def event_records(db: Store) -> Iterator[dict[str, Any]]:
    plover = PloverCrosswalk.load()
    for r in db.iter_query("SELECT * FROM events ORDER BY date NULLS LAST, id"):
        sources = json.loads(r["sources"] or "[]")
        yield {
            "event_id_cnty": r["id"],
            "event_date": r["date"],
            "year": int(r["date"][:4]) if r["date"] else None,
            "time_precision": r["time_precision"],
            "event_type": r["event_type"],
            "sub_event_type": r["sub_event_type"],
            "actor1": r["actor1"],
            "actor2": r["actor2"],
            "country": r["country"],
            "iso": r["iso"],
            "admin1": r["admin1"],
            "location": r["location"],
            "latitude": r["lat"],
            "longitude": r["lon"],
            "geo_precision": r["geo_precision"],
            "source": "; ".join(sorted({s["outlet"] or s["article"] for s in sources})),
            "notes": r["notes"],
            "fatalities": r["fatalities"],
            "fatalities_low": r["fatalities_low"],
            "fatalities_best": r["fatalities_best"],
            "fatalities_high": r["fatalities_high"],
            "corroboration": r["corroboration"],
            "disagreements": r["disagreements"],
            "sources": sources,
            "merge_reasons": json.loads(r["merge_reasons"] or "[]"),
            **_plover_fields(plover, r["event_type"], r["sub_event_type"]),
        }


def story_records(db: Store) -> Iterator[dict[str, Any]]:
    sql = """SELECT a.source, a.id, s.story_id FROM articles a LEFT JOIN stories s ON s.article_id = a.id
             ORDER BY a.source, a.id"""
    for r in db.iter_query(sql):
        yield {"article": r["source"] or r["id"], "story": r["story_id"] or r["id"], "article_id": r["id"]}


def relation_records(db: Store) -> Iterator[dict[str, Any]]:
    sql = """SELECT r.*, a.source FROM relations r JOIN articles a ON a.id = r.article_id
             ORDER BY a.source, r.a, r.b, r.kind"""
    for r in db.iter_query(sql):
        ev = json.loads(r["evidence"]) if r["evidence"] else {}
        yield {"a": r["a"], "b": r["b"], "kind": r["kind"], "article": r["source"] or r["article_id"],
               "evidence": ev.get("text"), "basis": r["basis"], "date": r["date"],
               "evidence_span": ev}


RECORDS = {"mentions": mention_records, "events": event_records, "stories": story_records,
           "relations": relation_records}
