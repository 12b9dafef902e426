"""Score predicted mentions, stories and relations against gold.

Strict event match (DESIGN.md): same event type, date within ±1 day (an
undated gold event matches an undated prediction), place within 25 km.
Matching is greedy one-to-one per article, best place distance first, then
the closer date, then the same sub-event type (so a prediction of Monday's
clash in a town is not paired with Tuesday's capture of it).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventscope.link.events import haversine_km

MAX_KM = 25.0


def _day(v: str | None) -> date | None:
    return date.fromisoformat(v) if v and len(v) == 10 else None


def date_ok(gold: str | None, pred: str | None) -> bool:
    if gold is None:
        return pred is None
    g, p = _day(gold), _day(pred)
    if g and p:
        return abs((g - p).days) <= 1
    return pred is not None and (pred.startswith(gold) or gold.startswith(pred)) and len(pred) == len(gold)


def _day_gap(gold: dict, pred: dict) -> int:
    g, p = _day(gold.get("date")), _day(pred.get("date"))
    return abs((g - p).days) if g and p else 0


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", s)


def place_km(gold: dict, pred: dict) -> float | None:
    if None in (gold.get("lat"), gold.get("lon"), pred.get("lat"), pred.get("lon")):
        return 0.0 if _norm(gold.get("location")) and _norm(gold.get("location")) == _norm(pred.get("location")) else None
    return haversine_km(gold["lat"], gold["lon"], pred["lat"], pred["lon"])


def strict_match(gold: dict, pred: dict) -> float | None:
    """The place distance when gold and pred are the same event, else None."""
    if gold.get("event_type") != pred.get("event_type") or not date_ok(gold.get("date"), pred.get("date")):
        return None
    km = place_km(gold, pred)
    return km if km is not None and km <= MAX_KM else None


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class EventScores:
    events: PRF = field(default_factory=PRF)
    matched: list[tuple[dict, dict]] = field(default_factory=list)
    unmatched_pred: list[dict] = field(default_factory=list)
    unmatched_gold: list[dict] = field(default_factory=list)


def match_events(gold_by_article: dict[str, list[dict]], pred_by_article: dict[str, list[dict]]) -> EventScores:
    scores = EventScores()
    for art in sorted(set(gold_by_article) | set(pred_by_article)):
        golds, preds = gold_by_article.get(art, []), pred_by_article.get(art, [])
        pairs = []
        for gi, g in enumerate(golds):
            for pi, p in enumerate(preds):
                km = strict_match(g, p)
                if km is not None:
                    pairs.append((round(km, 1), _day_gap(g, p),
                                  g.get("sub_event_type") != p.get("sub_event_type"), gi, pi))
        used_g, used_p = set(), set()
        for *_closeness, gi, pi in sorted(pairs):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            scores.matched.append((golds[gi], preds[pi]))
        scores.events.tp += len(used_g)
        scores.events.fn += len(golds) - len(used_g)
        scores.events.fp += len(preds) - len(used_p)
        scores.unmatched_gold += [g for i, g in enumerate(golds) if i not in used_g]
        scores.unmatched_pred += [p for i, p in enumerate(preds) if i not in used_p]
    return scores


def field_accuracy(matched: list[tuple[dict, dict]], key: str,
                   same: Callable[[Any, Any], bool] = lambda a, b: a == b) -> dict[str, float | int]:
    n = len(matched)
    ok = sum(1 for g, p in matched if same(g.get(key), p.get(key)))
    return {"n": n, "correct": ok, "accuracy": round(ok / n, 3) if n else 0.0}


def invented_fatalities(matched: list[tuple[dict, dict]], unmatched_pred: list[dict]) -> dict[str, float | int]:
    """Predictions that give a toll where gold says none was stated."""
    unstated = [(g, p) for g, p in matched if g.get("fatalities") is None]
    invented = sum(1 for _g, p in unstated if p.get("fatalities") is not None)
    return {"unstated": len(unstated), "invented": invented,
            "rate": round(invented / len(unstated), 3) if unstated else 0.0}


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """B-cubed precision/recall/F1 of a clustering (item -> cluster label) against gold."""
    items = [i for i in gold if i in pred]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n": 0}
    g_members: dict[str, set[str]] = defaultdict(set)
    p_members: dict[str, set[str]] = defaultdict(set)
    for i in items:
        g_members[gold[i]].add(i)
        p_members[pred[i]].add(i)
    prec = sum(len(p_members[pred[i]] & g_members[gold[i]]) / len(p_members[pred[i]]) for i in items) / len(items)
    rec = sum(len(p_members[pred[i]] & g_members[gold[i]]) / len(g_members[gold[i]]) for i in items) / len(items)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3), "n": len(items)}


def _incident(gold: dict, incident_of: dict[str, str]) -> str | None:
    return gold.get("incident") or incident_of.get(gold.get("id") or "")


def linking_bcubed(matched: list[tuple[dict, dict]], incident_of: dict[str, str] | None
                   ) -> dict[str, float | int | None]:
    """Event-linking B-cubed over the gold events matched to a predicted mention.

    The gold cluster of a matched gold event is its incident (a gold event's own
    `incident` key, else `incident_of[gold id]`); its predicted cluster is the
    matched mention's `event_id`. Gold events with no incident are left out and
    counted in `without_incident`. With no incident identity at all the figure is
    undefined: precision, recall and F1 are None (printed "n/a"), never a guess.
    """
    incident_of = incident_of or {}
    gold_label: dict[str, str] = {}
    pred_label: dict[str, str] = {}
    without = 0
    for i, (g, p) in enumerate(matched):
        incident = _incident(g, incident_of)
        if incident is None:
            without += 1
            continue
        gold_label[str(i)] = incident
        pred_label[str(i)] = p.get("event_id") or f"unlinked:{i}"
    if not gold_label:
        return {"precision": None, "recall": None, "f1": None, "n": 0, "without_incident": without}
    return {**bcubed(gold_label, pred_label), "without_incident": without}


def linking_errors(matched: list[tuple[dict, dict]], incident_of: dict[str, str] | None
                   ) -> dict[str, list[dict[str, Any]]]:
    """Incidents split over several predicted events, and predicted events holding several incidents."""
    incident_of = incident_of or {}
    by_incident: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    by_event: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for g, p in matched:
        incident = _incident(g, incident_of)
        if incident is None or not p.get("event_id"):
            continue
        label = f"{g.get('id')} ({p.get('article')})"
        by_incident[incident][p["event_id"]].append(label)
        by_event[p["event_id"]][incident].append(label)
    split = [{"incident": k, "events": {e: sorted(v) for e, v in sorted(evs.items())}}
             for k, evs in sorted(by_incident.items()) if len(evs) > 1]
    merged = [{"event_id": k, "incidents": {i: sorted(v) for i, v in sorted(incs.items())}}
              for k, incs in sorted(by_event.items()) if len(incs) > 1]
    return {"split": split, "merged": merged}


SYMMETRIC = {"allied", "hostile", "affiliated"}


def relation_key(a: str, b: str, kind: str) -> tuple[str, str, str]:
    if kind in SYMMETRIC and b < a:
        a, b = b, a
    return (a, b, kind)


def relation_prf(gold: set[tuple], pred: set[tuple]) -> PRF:
    return PRF(tp=len(gold & pred), fp=len(pred - gold), fn=len(gold - pred))
