"""Stand-alone geoparsing: text (and optionally the toponym spans) -> resolved places.

Used by `eventscope geoparse` and the benchmark. With spans given (gold or from
another tagger) it resolves exactly one place per span, in order, keeping the
offsets even when a span cannot be resolved; without spans it finds toponyms itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventscope.models import Place
from eventscope.resolve.gazetteer import Gazetteer, region_word_near


def place_record(start: int, end: int, text: str, place: Place | None) -> dict:
    """One output record; geonameid/lat/lon are null for an unresolved span."""
    return {
        "start": start,
        "end": end,
        "name": place.name if place else text[start:end],
        "geonameid": place.geonameid if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country": place.iso if place else None,
        "admin1": place.admin1 if place else None,
        "feature": place.feature if place else None,
    }


def geoparse(gaz: Gazetteer, text: str, spans: Sequence[Sequence[int]] | None = None) -> list[dict]:
    """Places in `text`: one per span when spans are given, else one per toponym found."""
    ctx = gaz.document_context(text)
    if spans is None:
        return [place_record(t.start, t.end, text, gaz.resolve(t, ctx)) for t in gaz.find_toponyms(text)]
    for start, end in spans:
        if not (0 <= start < end <= len(text)):
            raise ValueError(f"span [{start}, {end}] is outside the text (length {len(text)})")
    found = {(t.start, t.end): t for t in gaz.find_toponyms(text)}
    # The given spans are toponyms even where the scan was not sure: let them vote too.
    ctx = gaz.with_spans(ctx, text, [(s, e) for s, e in spans if (s, e) not in found])
    # The caller's spans are the toponyms: only they anchor the others (not the scan's extra finds).
    given = {(s, e) for s, e in spans}
    ctx.topos = [t for t in ctx.topos if (t.start, t.end) in given]
    out = []
    for start, end in spans:
        t = found.get((start, end))
        if t is not None and t.refs:
            place = gaz.resolve(t, ctx)
        else:
            place = gaz.resolve_name(text[start:end], ctx, start=start,
                                     region_word=region_word_near(text, start, end))
        out.append(place_record(start, end, text, place))
    return out
