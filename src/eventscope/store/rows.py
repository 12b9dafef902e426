"""Turn extraction records into flat table rows and back.

A mention row keeps, in its `evidence` JSON, the article span behind every
non-null field, so an exported value can always be checked against its text.
"""

from __future__ import annotations

import json
from typing import Any

from eventscope.ingest.safeio import clean_text
from eventscope.models import ArticleResult, FailedInput, Mention, Relation, Span


def _span(span: Span | None) -> dict | None:
    return span.as_dict() if span is not None else None


def mention_evidence(m: Mention) -> dict[str, Any]:
    """Per-field evidence spans of a mention (only fields that have a value)."""
    ev: dict[str, Any] = {"sentence": _span(m.evidence), "trigger": _span(m.trigger)}
    if m.actor1:
        ev["actor1"] = _span(m.actor1.span)
    if m.actor2:
        ev["actor2"] = _span(m.actor2.span)
    if m.place:
        ev["place"] = _span(m.place.span)
    if m.date and m.date.span:
        ev["date"] = _span(m.date.span)
    if m.fatalities:
        ev["fatalities"] = _span(m.fatalities.span)
    if m.claim.source and m.claim.span:
        ev["claim_source"] = _span(m.claim.span)
    if m.claim.verified_span:
        ev["verified"] = _span(m.claim.verified_span)
    if m.associated:
        ev["associated"] = [_span(a.span) for a in m.associated]
    return ev


def mention_row(m: Mention, seq: int) -> dict[str, Any]:
    place = m.place.place if m.place else None
    return {
        "id": m.id,
        "article_id": m.article_id,
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "date": m.date.value if m.date else None,
        "date_precision": m.date.precision if m.date else None,
        "time_precision": m.date.time_precision if m.date else None,
        "actor1": m.actor1.name if m.actor1 else None,
        "actor1_type": m.actor1.actor_type if m.actor1 else None,
        "actor2": m.actor2.name if m.actor2 else None,
        "actor2_type": m.actor2.actor_type if m.actor2 else None,
        "associated": json.dumps([a.name for a in m.associated]),
        "country": place.country if place else None,
        "iso": place.iso if place else None,
        "admin1": place.admin1 if place else None,
        "location": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
        "geo_precision": place.geo_precision if place else None,
        "fatalities": m.fatalities.best if m.fatalities else None,
        "fatalities_low": m.fatalities.low if m.fatalities else None,
        "fatalities_high": m.fatalities.high if m.fatalities else None,
        "claim_source": m.claim.source,
        "verified": m.claim.verified,
        "confidence": round(m.confidence, 3),
        "evidence": json.dumps(mention_evidence(m), ensure_ascii=False),
        "event_id": m.event_id,
        "seq": seq,
    }


def article_row(r: ArticleResult, run_id: str) -> dict[str, Any]:
    a = r.article
    return {
        "id": a.id, "source": a.source, "title": a.title, "url": a.url, "outlet": a.outlet,
        "published": a.published, "published_source": a.published_source,
        "language": a.language, "kind": a.kind, "text": a.text,
        "actors": json.dumps(r.actors, ensure_ascii=False), "countries": json.dumps(r.countries),
        "run_id": run_id,
    }


def failed_row(f: FailedInput, run_id: str, attempted_at: str | None = None) -> dict[str, Any]:
    """A failed input's row; text is made encodable so one odd name cannot fail the batch."""
    return {"source": clean_text(f.source), "code": f.code, "reason": clean_text(f.reason),
            "run_id": run_id, "attempted_at": attempted_at}


def relation_row(r: Relation) -> dict[str, Any]:
    return {"a": r.a, "b": r.b, "kind": r.kind, "article_id": r.article_id,
            "evidence": json.dumps(r.evidence.as_dict(), ensure_ascii=False),
            "basis": r.basis, "date": r.date}
