"""Articles about the same developing story share a story id.

Two articles join when they report a common event, or when they name the same
country and at least two of the same named (non-generic) actors within
WINDOW_DAYS of each other. Components of that graph are stories; a story id is
a hash of its earliest member, so re-running on the same articles gives the
same ids.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date
from itertools import combinations
from typing import Any

WINDOW_DAYS = 10
MIN_SHARED_ACTORS = 2
GENERIC_MARKERS = ("(", "Military Forces of", "Police Forces of")


def _named(actors: list[str]) -> set[str]:
    return {a for a in actors if not any(g in a for g in GENERIC_MARKERS)}


def _close_in_time(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= WINDOW_DAYS


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster_stories(articles: list[dict[str, Any]], event_ids: dict[str, set[str]]) -> dict[str, str]:
    """article id -> story id. `articles` rows carry id, published, actors, countries."""
    uf = _UnionFind()
    for a in articles:
        uf.find(a["id"])
    by_event: dict[str, list[str]] = defaultdict(list)
    for art, events in event_ids.items():
        for e in events:
            by_event[e].append(art)
    for members in by_event.values():
        for other in members[1:]:
            uf.union(members[0], other)
    # Blocking by shared named actor keeps this far from all-pairs on a large store.
    by_actor: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in articles:
        for name in _named(a["actors"]):
            by_actor[name].append(a)
    checked: set[tuple[str, str]] = set()
    for group in by_actor.values():
        for x, y in combinations(group, 2):
            key = (x["id"], y["id"]) if x["id"] < y["id"] else (y["id"], x["id"])
            if key in checked:
                continue
            checked.add(key)
            shared = _named(x["actors"]) & _named(y["actors"])
            if (len(shared) >= MIN_SHARED_ACTORS and set(x["countries"]) & set(y["countries"])
                    and _close_in_time(x["published"], y["published"])):
                uf.union(x["id"], y["id"])
    roots: dict[str, str] = {}
    out = {}
    for a in sorted(articles, key=lambda r: r["id"]):
        root = uf.find(a["id"])
        if root not in roots:
            roots[root] = "S" + hashlib.sha256(root.encode()).hexdigest()[:10]
        out[a["id"]] = roots[root]
    return out
