"""Mentions of the same incident, across articles, become one event.

Two mentions are the same incident when their type is compatible, their
dates agree within precision and their places are within MAX_KM (or one
contains the other). Mentions are blocked by (event type, country) so the
comparison never runs all-pairs across the store. Distinct incidents of the
same day and type in different towns stay distinct.
"""

from __future__ import annotations

import hashlib
import json
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from eventscope.link.wire import independent_sources

MAX_KM = 25.0
DAY_SLACK = 1


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def _day(value: str | None) -> date | None:
    if value and len(value) == 10:
        return date.fromisoformat(value)
    return None


def dates_compatible(a: dict[str, Any], b: dict[str, Any]) -> tuple[bool, str]:
    da, db = _day(a["date"]), _day(b["date"])
    if da and db:
        gap = abs((da - db).days)
        return gap <= DAY_SLACK, f"dates {gap} day(s) apart"
    va, vb = a["date"], b["date"]
    if va and vb:  # month or year precision: one must contain the other
        return va.startswith(vb) or vb.startswith(va), "dates overlap in precision"
    same_article = a["article_id"] == b["article_id"]
    return same_article, "undated, same article" if same_article else "undated"


def places_compatible(a: dict[str, Any], b: dict[str, Any]) -> tuple[bool, str]:
    if a["geonameid"] is not None and a["geonameid"] == b["geonameid"]:
        return True, "same place"
    if None in (a["lat"], a["lon"], b["lat"], b["lon"]):
        return False, "no coordinates"
    km = haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
    if km <= MAX_KM:
        return True, f"places {km:.0f} km apart"
    coarse = [m for m in (a, b) if (m["geo_precision"] or 1) >= 3]
    if coarse and a["iso"] == b["iso"] and (a["admin1"] == b["admin1"] or coarse[0]["location"] == a["country"]):
        return True, "one place contains the other"
    return False, f"places {km:.0f} km apart"


def types_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["event_type"] == b["event_type"]


@dataclass
class Cluster:
    mentions: list[dict[str, Any]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def accepts(self, m: dict[str, Any]) -> tuple[bool, str]:
        for other in self.mentions:
            if other["article_id"] == m["article_id"]:
                continue  # one article's distinct mentions are distinct incidents
            ok_d, why_d = dates_compatible(other, m)
            ok_p, why_p = places_compatible(other, m)
            if types_compatible(other, m) and ok_d and ok_p:
                return True, f"{other['id']}: same type, {why_d}, {why_p}"
        return False, ""


def _date_keys(value: str | None) -> list[str]:
    """Buckets a mention can meet others in: its day and the days either side, or its month/year."""
    day = _day(value)
    if day is not None:
        return [(day + timedelta(days=k)).isoformat() for k in range(-DAY_SLACK, DAY_SLACK + 1)]
    return [value] if value else []


def link_events(mentions: list[dict[str, Any]], wire_groups: dict[str, str] | None = None
                ) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Cluster mention rows into events: (mention id -> event id, event rows).

    Clusters are indexed by (type, country) and by date bucket, so a mention is
    compared only with clusters dated within a day of it: linking grows close to
    linearly with the store. Undated mentions never join another article's event.
    """
    wire_groups = wire_groups or {}
    blocks: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for m in sorted(mentions, key=lambda r: (r["date"] or "", r["id"])):
        blocks[(m["event_type"], m["iso"])].append(m)
    assignment: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for block in blocks.values():
        clusters: list[Cluster] = []
        by_date: dict[str, list[int]] = defaultdict(list)
        for m in block:
            target = None
            seen: set[int] = set()
            for key in _date_keys(m["date"]):
                for ci in by_date.get(key, []):
                    if ci in seen:
                        continue
                    seen.add(ci)
                    ok, why = clusters[ci].accepts(m)
                    if ok:
                        target, reason = ci, why
                        break
                if target is not None:
                    break
            if target is None:
                clusters.append(Cluster([m]))
                target = len(clusters) - 1
            else:
                clusters[target].mentions.append(m)
                clusters[target].reasons.append(f"{m['id']} joined {reason}")
            if m["date"]:
                bucket = by_date[m["date"]]
                if target not in bucket:
                    bucket.append(target)
        for c in clusters:
            row = event_row(c, wire_groups)
            rows.append(row)
            for m in c.mentions:
                assignment[m["id"]] = row["id"]
    return assignment, rows


def _representative(ms: list[dict[str, Any]]) -> dict[str, Any]:
    return max(ms, key=lambda m: (m["confidence"] or 0, -(m["geo_precision"] or 3), m["id"]))


def event_row(c: Cluster, wire_groups: dict[str, str] | None = None) -> dict[str, Any]:
    ms = c.mentions
    rep = _representative(ms)
    event_id = "E" + hashlib.sha256(",".join(sorted(m["id"] for m in ms)).encode()).hexdigest()[:12]
    tolls = [m["fatalities"] for m in ms if m["fatalities"] is not None]
    lows = [m["fatalities_low"] for m in ms if m["fatalities_low"] is not None]
    highs = [m["fatalities_high"] or m["fatalities"] for m in ms if m["fatalities"] is not None]
    sources = [{"mention": m["id"], "article": m["article_id"], "outlet": m.get("outlet"),
                "claim_source": m["claim_source"], "date": m["date"], "location": m["location"],
                "fatalities": m["fatalities"], "actor1": m["actor1"], "actor2": m["actor2"],
                "evidence": json.loads(m["evidence"])["sentence"]["text"] if m["evidence"] else None}
               for m in ms]
    disagreements = {}
    for key in ("fatalities", "date", "location", "actor1", "actor2", "sub_event_type"):
        values = sorted({str(m[key]) for m in ms if m[key] is not None})
        if len(values) > 1:
            disagreements[key] = values
    return {
        "id": event_id,
        "event_type": rep["event_type"],
        "sub_event_type": rep["sub_event_type"],
        "date": rep["date"], "date_precision": rep["date_precision"], "time_precision": rep["time_precision"],
        "actor1": rep["actor1"], "actor2": rep["actor2"],
        "country": rep["country"], "iso": rep["iso"], "admin1": rep["admin1"], "location": rep["location"],
        "lat": rep["lat"], "lon": rep["lon"], "geo_precision": rep["geo_precision"],
        "fatalities": min(tolls) if tolls else None,  # ACLED's conservative figure
        "fatalities_low": min(lows) if lows else None,
        "fatalities_best": int(statistics.median_low(tolls)) if tolls else None,
        "fatalities_high": max(highs) if highs else None,
        "corroboration": independent_sources(ms, wire_groups or {}),
        "n_mentions": len(ms),
        "sources": json.dumps(sources, ensure_ascii=False),
        "disagreements": json.dumps(disagreements, ensure_ascii=False),
        "merge_reasons": json.dumps(c.reasons, ensure_ascii=False),
        "notes": sources[0]["evidence"] if sources else None,
    }
