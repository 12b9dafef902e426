"""`eventscope eval`: run the pipeline over gold articles and score the output."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventscope.evaluate.gold import find_incidents, gold_digest, load_gold, load_incidents
from eventscope.evaluate.metrics import (
    bcubed,
    field_accuracy,
    invented_fatalities,
    linking_bcubed,
    linking_errors,
    match_events,
    relation_key,
    relation_prf,
)
from eventscope.export.records import mention_records, relation_records, story_records
from eventscope.pipeline.process import process_items
from eventscope.resources import Resources
from eventscope.store.db import Store


@dataclass
class EvalReport:
    metrics: dict[str, Any]
    errors: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _actor_same(resources: Resources) -> Any:
    def canon(name: str | None) -> str | None:
        if name is None:
            return None
        return resources.actors.canonical_name(name) or name
    return lambda g, p: canon(g) == canon(p)


def evaluate(gold_dir: str | Path, db_path: str | Path = ":memory:",
             resources: Resources | None = None, incidents: str | Path | None = None) -> EvalReport:
    """Run the pipeline over the gold articles and score it.

    `incidents` names the file saying which gold events report the same real
    incident (default: `incidents.json` in the gold directory or above it); it
    and any `incident` key on gold events define event-linking B-cubed.
    """
    res = resources or Resources()
    golds = load_gold(gold_dir)
    incidents_path = Path(incidents) if incidents else find_incidents(gold_dir)
    incident_of = load_incidents(incidents_path) if incidents_path else {}
    with Store(db_path) as db:
        process_items((g.article for g in golds), db, inputs=[str(gold_dir)], resources=res)
        preds: dict[str, list[dict]] = defaultdict(list)
        for rec in mention_records(db):
            preds[rec["article"]].append(rec)
        stories = {r["article"]: r["story"] for r in story_records(db)}
        pred_rel = {relation_key(*_canon_rel(res, r)) for r in relation_records(db)
                    if r["article"] in {g.name for g in golds}}
    gold_events = {g.name: g.events for g in golds}
    scores = match_events(gold_events, preds)
    same_actor = _actor_same(res)
    gold_rel = {relation_key(*_canon_rel(res, r)) for g in golds for r in g.relations}
    metrics = {
        "gold_digest": gold_digest(gold_dir)[:16],
        "articles": len(golds),
        "gold_events": sum(len(g.events) for g in golds),
        "predicted_mentions": sum(len(v) for v in preds.values()),
        "events": scores.events.as_dict(),
        "sub_event_type": field_accuracy(scores.matched, "sub_event_type"),
        "actor1": field_accuracy(scores.matched, "actor1", same_actor),
        "actor2": field_accuracy(scores.matched, "actor2", same_actor),
        "date": field_accuracy(scores.matched, "date"),
        "fatalities": field_accuracy(scores.matched, "fatalities"),
        "invented_fatalities": invented_fatalities(scores.matched, scores.unmatched_pred),
        "linking_bcubed": linking_bcubed(scores.matched, incident_of),
        "incidents_file": str(incidents_path) if incidents_path else None,
        "stories_bcubed": bcubed({g.name: g.story for g in golds if g.story}, stories),
        "relations": relation_prf(gold_rel, pred_rel).as_dict(),
    }
    keys = ("event_type", "sub_event_type", "date", "location", "actor1", "actor2", "fatalities", "evidence")
    errors = {
        "missed": [{k: g.get(k) for k in keys} for g in scores.unmatched_gold],
        "spurious": [{k: p.get(k) for k in keys} for p in scores.unmatched_pred],
        **{f"linking_{k}": v for k, v in linking_errors(scores.matched, incident_of).items()},
    }
    return EvalReport(metrics, errors)


def _canon_rel(res: Resources, r: dict) -> tuple[str, str, str]:
    def canon(name: str) -> str:
        return res.actors.canonical_name(name) or name
    return canon(r["a"]), canon(r["b"]), r["kind"]
