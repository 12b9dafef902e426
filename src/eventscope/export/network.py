"""The actor network: who is allied with, affiliated to, split from or fighting whom.

Edges come from two places: statements in the text ("Nusra is now closely
allied to the Islamic Front"), stored in the `relations` table, and incidents
(the two sides of a battle are hostile on its date), from `relations` rows with
basis `incident` and from the merged `events` table. One edge per actor pair
and kind keeps every piece of evidence with its article, outlet and date, so a
reader can check why the edge exists.

The network is time-aware: each edge has first_seen / last_seen dates, and an
alliance (allied, affiliated, part_of) that is followed later by a hostile or
split_from edge between the same pair is marked `ended` on that later date.

Output is JSON (`network_json`) or GraphML written with xml.etree
(`network_graphml`), readable by Gephi, yEd or networkx.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from eventscope.store.db import Store

DIRECTED_KINDS = frozenset({"part_of", "split_from"})  # "a split_from b" keeps its direction
ENDABLE_KINDS = frozenset({"allied", "affiliated", "part_of"})
ENDING_KINDS = frozenset({"hostile", "split_from"})
#: Event types whose two actors are on opposite sides (ACLED: organised armed groups fighting).
HOSTILE_EVENT_TYPES = frozenset({"Battles"})
UNARMED_PREFIXES = ("Civilians", "Protesters", "Rioters")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Evidence:
    article: str
    outlet: str | None
    date: str | None
    text: str | None
    basis: str  # statement | incident
    event: str | None = None


@dataclass
class Edge:
    source: str
    target: str
    kind: str
    directed: bool
    evidence: list[Evidence] = field(default_factory=list)
    ended: str | None = None

    @property
    def dates(self) -> list[str]:
        return sorted(e.date for e in self.evidence if e.date)

    @property
    def first_seen(self) -> str | None:
        return self.dates[0] if self.dates else None

    @property
    def last_seen(self) -> str | None:
        return self.dates[-1] if self.dates else None

    @property
    def basis(self) -> str:
        return ",".join(sorted({e.basis for e in self.evidence}))

    @property
    def articles(self) -> int:
        return len({e.article for e in self.evidence})

    @property
    def outlets(self) -> list[str]:
        return sorted({e.outlet for e in self.evidence if e.outlet})

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "kind": self.kind,
                "directed": self.directed, "basis": self.basis, "first_seen": self.first_seen,
                "last_seen": self.last_seen, "ended": self.ended, "articles": self.articles,
                "outlets": self.outlets, "evidence": [asdict(e) for e in self.evidence]}


@dataclass
class Node:
    id: str
    actor_type: str | None
    country: str | None
    mentions: int
    events: int
    degree: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Network:
    nodes: list[Node]
    edges: list[Edge]


def _edge_key(a: str, b: str, kind: str) -> tuple[str, str, str]:
    if kind not in DIRECTED_KINDS and b < a:
        a, b = b, a
    return (a, b, kind)


def _in_range(d: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if d is None:
        return False
    return (since is None or d >= since) and (until is None or d[:len(until)] <= until)


def build_network(relations: Iterable[dict[str, Any]], events: Iterable[dict[str, Any]] = (),
                  actors: Iterable[dict[str, Any]] = (), since: str | None = None,
                  until: str | None = None) -> Network:
    """The network from plain rows (what `load_network` reads from a store).

    relations: a, b, kind, article_id, evidence (JSON span or text), basis, date,
    and optionally outlet, published. events: id, event_type, date, actor1,
    actor2, sources (JSON list with article, outlet, evidence), notes. actors:
    name, actor_type, country, n_mentions.
    """
    edges: dict[tuple[str, str, str], Edge] = {}
    seen: set[tuple[tuple[str, str, str], str, str | None]] = set()

    def add(a: str, b: str, kind: str, ev: Evidence) -> None:
        if not a or not b or a == b or not _in_range(ev.date, since, until):
            return
        key = _edge_key(a, b, kind)
        mark = (key, ev.article, ev.text)
        if mark in seen:  # the same sentence found as a relation and as an event
            return
        seen.add(mark)
        edge = edges.setdefault(key, Edge(key[0], key[1], kind, kind in DIRECTED_KINDS))
        edge.evidence.append(ev)

    for r in relations:
        raw = r.get("evidence")
        text = raw
        if isinstance(raw, str) and raw.startswith("{"):
            text = json.loads(raw).get("text")
        add(r["a"], r["b"], r["kind"], Evidence(r["article_id"], r.get("outlet"),
                                                r.get("date") or r.get("published"), text,
                                                r.get("basis") or "statement"))
    event_counts: Counter[str] = Counter()
    for e in events:
        for side in ("actor1", "actor2"):
            if e.get(side):
                event_counts[e[side]] += 1
        if e.get("event_type") not in HOSTILE_EVENT_TYPES or not e.get("actor1") or not e.get("actor2"):
            continue
        if e["actor1"].startswith(UNARMED_PREFIXES) or e["actor2"].startswith(UNARMED_PREFIXES):
            continue  # civilians caught in a battle are not a side of it
        sources = json.loads(e.get("sources") or "[]")
        for s in sources or [{"article": None, "outlet": None, "evidence": e.get("notes")}]:
            add(e["actor1"], e["actor2"], "hostile",
                Evidence(s.get("article") or e["id"], s.get("outlet"), s.get("date") or e.get("date"),
                         s.get("evidence"), "incident", e["id"]))
    for edge in edges.values():
        edge.evidence.sort(key=lambda x: (x.date or "9999", x.article, x.text or ""))
    _mark_ended(edges)
    return Network(_nodes(edges, actors, event_counts), sorted(edges.values(),
                                                             key=lambda x: (x.source, x.target, x.kind)))


def _mark_ended(edges: dict[tuple[str, str, str], Edge]) -> None:
    """An alliance ends on the first hostile or split_from date after its last sighting."""
    by_pair: dict[frozenset[str], list[Edge]] = defaultdict(list)
    for edge in edges.values():
        by_pair[frozenset((edge.source, edge.target))].append(edge)
    for group in by_pair.values():
        later_dates = sorted(d for e in group if e.kind in ENDING_KINDS for d in e.dates)
        for edge in group:
            if edge.kind in ENDABLE_KINDS and edge.last_seen:
                after = [d for d in later_dates if d > edge.last_seen]
                edge.ended = after[0] if after else None


def _nodes(edges: dict[tuple[str, str, str], Edge], actors: Iterable[dict[str, Any]],
           event_counts: Counter[str]) -> list[Node]:
    info = {a["name"]: a for a in actors}
    degree: Counter[str] = Counter()
    for edge in edges.values():
        degree[edge.source] += 1
        degree[edge.target] += 1
    nodes = []
    for name in sorted(degree):
        a = info.get(name, {})
        nodes.append(Node(name, a.get("actor_type"), a.get("country"), int(a.get("n_mentions") or 0),
                          event_counts[name], degree[name]))
    return nodes


def load_network(db: Store, since: str | None = None, until: str | None = None) -> Network:
    """The network of a store: relations (with each article's outlet and date), events, actors."""
    relations = db.query("""SELECT r.*, a.outlet, a.published FROM relations r
                            LEFT JOIN articles a ON a.id = r.article_id
                            ORDER BY r.a, r.b, r.kind, r.article_id""")
    events = db.query("SELECT id, event_type, date, actor1, actor2, sources, notes FROM events ORDER BY id")
    actors = db.query("SELECT name, actor_type, country, n_mentions FROM actors ORDER BY name")
    return build_network(relations, events, actors, since, until)


# --- outputs ---------------------------------------------------------------------------------
def network_json(net: Network) -> dict[str, Any]:
    return {"nodes": [n.as_dict() for n in net.nodes], "edges": [e.as_dict() for e in net.edges]}


_NODE_KEYS = (("actor_type", "string"), ("country", "string"), ("mentions", "int"), ("events", "int"),
              ("degree", "int"))
_EDGE_KEYS = (("kind", "string"), ("basis", "string"), ("first_seen", "string"),
              ("last_seen", "string"), ("ended", "string"), ("articles", "int"),
              ("outlets", "string"), ("evidence", "string"))


def _clean(value: Any) -> str:
    return _XML_BAD.sub(" ", str(value))


def network_graphml(net: Network) -> str:
    """GraphML text: node and edge attributes declared as keys; evidence as a JSON string."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for scope, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, typ in keys:
            ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": f"{scope[0]}_{name}", "for": scope,
                                                         "attr.name": name, "attr.type": typ})
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "actors", "edgedefault": "undirected"})
    for n in net.nodes:
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": _clean(n.id)})
        for name, _typ in _NODE_KEYS:
            value = getattr(n, name)
            if value is not None:
                ET.SubElement(el, f"{{{GRAPHML_NS}}}data", {"key": f"n_{name}"}).text = _clean(value)
    for i, e in enumerate(net.edges):
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge",
                           {"id": f"e{i}", "source": _clean(e.source), "target": _clean(e.target),
                            "directed": "true" if e.directed else "false"})
        values = e.as_dict()
        values["outlets"] = "; ".join(e.outlets)
        values["evidence"] = json.dumps(values["evidence"], ensure_ascii=False)
        for name, _typ in _EDGE_KEYS:
            if values[name] is not None:
                ET.SubElement(el, f"{{{GRAPHML_NS}}}data", {"key": f"e_{name}"}).text = _clean(values[name])
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
