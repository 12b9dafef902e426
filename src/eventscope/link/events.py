"""Mentions of the same incident, in one article and across articles, become one event.

The pairwise rules (type, dates within precision, places within MAX_KM or one
containing the other, actors, story) are in `link.compat`. Here mentions are
clustered in three greedy rounds: precise mentions (a day, a town) in date
order join the same kind of incident; those events then merge where one
incident was told as two kinds on one day; then the vaguer mentions (a week or
month, a province or country, no date) join. A unit joins the best-scoring
event it links with and conflicts with no member of (two dated mentions of one
article, or two towns more than MAX_KM apart, are never one event, so a
province-level mention cannot chain two towns together); a loose link that two
events offer equally is ambiguous and joins neither. Candidates come from
indexes by country, event type and day (or month, year, article), so linking
grows close to linearly with the store, never all-pairs. Every join records
why it merged (`merge_reasons`).
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from eventscope.link.compat import (
    DAY_SLACK,
    MAX_KM,
    UNDATED_WINDOW_DAYS,
    Facts,
    Link,
    conflict,
    haversine_km,
    link,
    partner_types,
)
from eventscope.link.wire import independent_sources

__all__ = ["MAX_KM", "Cluster", "EventUpdate", "StoredEvent", "event_row", "haversine_km", "link_events",
           "link_new_mentions"]


@dataclass
class Cluster:
    mentions: list[dict[str, Any]] = field(default_factory=list)
    facts: list[Facts] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    id: str | None = None  # a stored event keeps its id as mentions join it

    def best_link(self, unit: Cluster, same_kind_only: bool = False) -> tuple[Link, str, str] | None:
        """The strongest link (link, member id, unit member id) from the unit's mentions to this
        cluster's, or None when any pair conflicts."""
        best: tuple[Link, str, str] | None = None
        for other in self.facts:
            for f in unit.facts:
                if conflict(other, f):
                    return None
                lk = link(other, f, same_kind_only)
                if lk is not None and (best is None or lk.score > best[0].score):
                    best = (lk, other.id, f.id)
        return best

    def absorb(self, unit: Cluster, why: str) -> None:
        self.mentions += unit.mentions
        self.facts += unit.facts
        self.reasons += [why, *unit.reasons]


def _phase(f: Facts) -> tuple:
    """Precise mentions first (a day and a town), then other dated ones, then undated."""
    if f.span is None:
        return (2, f.published or 0, f.id)
    vague = f.span[2] != "day" or not f.precise
    return (1 if vague else 0, f.span[0], f.id)


class _Index:
    """Which clusters a mention can meet: by country, event type (its own and the close ones) and
    day, month or year; by article; undated ones by publication day."""

    def __init__(self) -> None:
        self.day: dict[tuple, list[int]] = defaultdict(list)
        self.month_all: dict[tuple, list[int]] = defaultdict(list)
        self.year_all: dict[tuple, list[int]] = defaultdict(list)
        self.month_coarse: dict[tuple, list[int]] = defaultdict(list)
        self.year_coarse: dict[tuple, list[int]] = defaultdict(list)
        self.article: dict[str, list[int]] = defaultdict(list)
        self.undated_pub: dict[tuple, list[int]] = defaultdict(list)

    @staticmethod
    def _add(bucket: list[int], ci: int) -> None:
        if not bucket or bucket[-1] != ci:  # repeats are harmless: candidates() dedupes
            bucket.append(ci)

    def register(self, f: Facts, ci: int) -> None:
        block = (f.iso, f.event_type)
        self._add(self.article[f.article], ci)
        if f.span is None:
            if f.published is not None:
                self._add(self.undated_pub[(block, f.published)], ci)
            return
        lo, hi, precision = f.span
        if precision == "day":
            self._add(self.day[(block, lo)], ci)
        elif precision == "week":
            for d in range(lo, hi + 1):
                self._add(self.day[(block, d)], ci)
        for month in f.months:
            self._add(self.month_all[(block, month)], ci)
            if precision == "month":
                self._add(self.month_coarse[(block, month)], ci)
        for year in f.years:
            self._add(self.year_all[(block, year)], ci)
            if precision == "year":
                self._add(self.year_coarse[(block, year)], ci)

    def candidates(self, f: Facts) -> set[int]:
        found: set[int] = set()
        if f.span is None:
            found.update(self.article.get(f.article, ()))
        for block in ((f.iso, t) for t in partner_types(f)):
            self._block_candidates(f, block, found)
        return found

    def _block_candidates(self, f: Facts, block: tuple, found: set[int]) -> None:
        if f.span is None:
            if f.story is not None and f.published is not None:
                for d in range(f.published - UNDATED_WINDOW_DAYS, f.published + 1):
                    found.update(self.day.get((block, d), ()))
                for d in range(f.published - UNDATED_WINDOW_DAYS, f.published + UNDATED_WINDOW_DAYS + 1):
                    found.update(self.undated_pub.get((block, d), ()))
            return
        lo, hi, precision = f.span
        if precision in ("day", "week"):
            for d in range(lo - DAY_SLACK, hi + DAY_SLACK + 1):
                found.update(self.day.get((block, d), ()))
            for month in f.months:
                found.update(self.month_coarse.get((block, month), ()))
        elif precision == "month":
            for month in f.months:
                found.update(self.month_all.get((block, month), ()))
        else:
            for year in f.years:
                found.update(self.year_all.get((block, year), ()))
        if precision != "year":
            for year in f.years:
                found.update(self.year_coarse.get((block, year), ()))


def _named(c: Cluster, mention_id: str) -> str:
    """A mention id with its outlet, for merge reasons a reader can follow."""
    outlet = next((m.get("outlet") for m in c.mentions if m["id"] == mention_id), None)
    return f"{mention_id} ({outlet})" if outlet else mention_id


def _greedy(units: list[Cluster], same_kind_only: bool, seeds: list[Cluster] | None = None) -> list[Cluster]:
    """Each unit, in order, joins the existing cluster it links with best, or starts one.

    A loose best link (see `Link.loose`) that two clusters offer equally is
    ambiguous: the unit then joins neither.
    """
    clusters: list[Cluster] = []
    index = _Index()

    def place(unit: Cluster) -> None:
        clusters.append(unit)
        for f in unit.facts:
            index.register(f, len(clusters) - 1)

    for seed in seeds or []:
        place(seed)
    for unit in units:
        found = sorted(set().union(*(index.candidates(f) for f in unit.facts)))
        scored = []
        for ci in found:
            best = clusters[ci].best_link(unit, same_kind_only)
            if best is not None:
                scored.append((-best[0].score, ci, best))
        scored.sort(key=lambda t: (t[0], t[1]))
        if scored:
            _neg, ci, (lk, via, who) = scored[0]
            if not (lk.loose and len(scored) > 1 and scored[1][0] == scored[0][0]):
                others = [f.id for f in unit.facts if f.id != who]
                clusters[ci].absorb(unit, f"{_named(unit, who)} joined via {_named(clusters[ci], via)}: {lk.why}"
                                    + (f" (bringing {', '.join(others)})" if others else ""))
                for f in unit.facts:
                    index.register(f, ci)
                continue
        place(unit)
    return clusters


def link_events(mentions: list[dict[str, Any]], wire_groups: dict[str, str] | None = None,
                stories: dict[str, str] | None = None) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Cluster mention rows into events: (mention id -> event id, event rows).

    Three rounds: precise mentions (a day, a town) link with the same kind of
    incident; those events then merge where one incident was told as two kinds
    on one day; then the vague mentions join. `stories` (article id -> story
    id) is a prior: the looser rules (an undated mention from another outlet,
    two close ACLED types) apply only inside one story. The result depends
    only on the rows, never on their order.
    """
    update = link_new_mentions(mentions, [], wire_groups, stories)
    return update.assignment, update.rows


@dataclass(frozen=True)
class StoredEvent:
    """An event already in the store: its id, its mention rows and why they merged."""

    id: str
    mentions: list[dict[str, Any]]
    reasons: list[str]


@dataclass(frozen=True)
class EventUpdate:
    """New mention id -> event id, and the rows of the events that are new or gained mentions."""

    assignment: dict[str, str]
    rows: list[dict[str, Any]]


def link_new_mentions(new: list[dict[str, Any]], stored: list[StoredEvent],
                      wire_groups: dict[str, str] | None = None,
                      stories: dict[str, str] | None = None) -> EventUpdate:
    """Link new mention rows against stored events (those that could match them).

    The same three rounds as `link_events`, with the stored events already in
    place: a new mention joins one by the same rules as it would join an event of
    its own run, and the event keeps its id. Stored events never merge with each
    other, and a stored member conflicts with a newcomer as any member does. With
    nothing stored this is exactly `link_events`.
    """
    facts = sorted((Facts.of(m, stories) for m in new), key=_phase)
    rows = {m["id"]: m for m in new}

    def unit(f: Facts) -> Cluster:
        return Cluster([rows[f.id]], [f])

    seeds = [Cluster(list(e.mentions), [Facts.of(m, stories) for m in e.mentions], list(e.reasons), e.id)
             for e in stored]
    seeds.sort(key=lambda c: (min(_phase(f) for f in c.facts), c.id))
    sizes = {c.id: len(c.mentions) for c in seeds}
    precise = [unit(f) for f in facts if _phase(f)[0] == 0]
    vague = [unit(f) for f in facts if _phase(f)[0] > 0]
    clusters = _greedy(precise, same_kind_only=True, seeds=seeds)
    clusters = _greedy(clusters[len(seeds):], same_kind_only=False, seeds=clusters[:len(seeds)])
    clusters = _greedy(vague, same_kind_only=False, seeds=clusters)
    assignment: dict[str, str] = {}
    out: list[dict[str, Any]] = []
    for c in clusters:
        if c.id is not None and len(c.mentions) == sizes[c.id]:
            continue  # a stored event nothing joined: unchanged
        row = event_row(c, wire_groups)
        out.append(row)
        for m in c.mentions:
            if m["id"] in rows:
                assignment[m["id"]] = row["id"]
    out.sort(key=lambda r: r["id"])
    return EventUpdate(assignment, out)


def _representative(ms: list[dict[str, Any]]) -> dict[str, Any]:
    """The mention whose values the event shows: dated to a day and placed in a town, if any is."""
    return max(ms, key=lambda m: (m["date_precision"] == "day" and m["date"] is not None,
                                  (m["geo_precision"] or 3) < 3 and m["lat"] is not None,
                                  m["confidence"] or 0, -(m["geo_precision"] or 3), m["id"]))


def _tolls_by_source(ms: list[dict[str, Any]]) -> list[tuple[int, int, int]]:
    """(value, low, high) per article that gives a toll: an article restating its own toll
    is one source, and its lowest figure is its value (ACLED's conservative coding)."""
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in ms:
        if m["fatalities"] is not None:
            by_article[m["article_id"]].append(m)
    out = []
    for _article, rows in sorted(by_article.items()):
        value = min(m["fatalities"] for m in rows)
        low = min(m["fatalities_low"] if m["fatalities_low"] is not None else m["fatalities"] for m in rows)
        high = max(m["fatalities_high"] or m["fatalities"] for m in rows)
        out.append((value, low, high))
    return out


def event_row(c: Cluster, wire_groups: dict[str, str] | None = None) -> dict[str, Any]:
    ms = c.mentions
    rep = _representative(ms)
    event_id = c.id or "E" + hashlib.sha256(",".join(sorted(m["id"] for m in ms)).encode()).hexdigest()[:12]
    per_source = _tolls_by_source(ms)
    tolls = [v for v, _lo, _hi in per_source]
    lows = [lo for _v, lo, _hi in per_source]
    highs = [hi for _v, _lo, hi in per_source]
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
