"""Two sentences of one article about one incident are one mention.

A lede restates what the body tells with its date; a generic "attack" on the same day and
place is the bombing told in detail; a placeless sentence ("took the town on Tuesday")
completes the incident it points at. Placeless and country-wide mentions stand alone only
where the article gives nothing finer.
"""

from __future__ import annotations

import re

from eventscope.extract.places import is_part_of
from eventscope.models import DateValue, Mention, PlaceMention

# "the town", "the village", "there": the sentence's place is one already named.
PLACE_ANAPHOR = re.compile(r"\b(?:the|that)\s+(?:\w+\s+)?(?:town|city|village|camp|area|district|base|locality|"
                           r"settlement|hill|neighbou?rhood|region)s?\b|\bthere\b", re.IGNORECASE)
TOWN_ANAPHOR = re.compile(r"\bthe\s+(?:town|city|village)\b", re.IGNORECASE)


def _fill_gaps(keep: Mention, other: Mention, fields: tuple[str, ...]) -> None:
    """keep takes other's value for each field it lacks, and other's date when its own has no day."""
    for field in fields:
        if getattr(keep, field) is None and getattr(other, field) is not None:
            setattr(keep, field, getattr(other, field))
    if other.date is not None and other.date.value and (keep.date is None or not keep.date.value):
        keep.date = other.date


def complete(keep: Mention, other: Mention) -> None:
    """Fill what `keep` lacks from a placeless sentence about the same incident."""
    _fill_gaps(keep, other, ("actor1", "actor2", "fatalities"))
    keep.confidence = min(0.95, keep.confidence + 0.05)


def _compatible_dates(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None or a.value is None or b.value is None:
        return True
    return a.value == b.value


def _same_place(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None:
        return False
    pa, pb = a.place, b.place
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return True
    return pa.name == pb.name and pa.iso == pb.iso


# What a bare "attack"/"killed" gives: the same day and place as a bombing, it is the bombing.
# A clash is not generic: fighting and shelling of one town on one day are two incidents.
_GENERIC_TYPES = {"Attack"}
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _contains(outer: PlaceMention | None, inner: PlaceMention | None) -> bool:
    return outer is not None and inner is not None and is_part_of(inner.place, outer.place)


def _same_day(a: DateValue | None, b: DateValue | None) -> bool:
    return (a is not None and b is not None and a.precision == "day" and a.value is not None
            and a.value == b.value)


def _undated(d: DateValue | None) -> bool:
    return d is None or d.value is None


def _same_incident(a: Mention, b: Mention, lede_end: int) -> bool:
    """Whether two mentions of one article tell one incident.

    Same sub-type at the same place (or a place inside the other's province) with compatible
    dates; or the same event type on the same day, or told undated in the lede ("14 killed in
    coalition strike on Saada") beside the body's dated account; or a generic attack on the
    same day (or undated in the lede) at the same place as a specific act (the bombing that
    "killed 17").
    """
    if not _compatible_dates(a.date, b.date):
        return False
    if not (_same_place(a.place, b.place) or _contains(a.place, b.place) or _contains(b.place, a.place)):
        return False
    if a.sub_event_type == b.sub_event_type:
        return True
    told_together = _same_day(a.date, b.date) or any(
        _undated(m.date) and m.evidence.start < lede_end for m in (a, b))
    if a.event_type == b.event_type:
        return told_together
    generic = a.sub_event_type in _GENERIC_TYPES or b.sub_event_type in _GENERIC_TYPES
    return told_together and generic and a.event_type in _VIOLENT and b.event_type in _VIOLENT


def _absorb(keep: Mention, other: Mention) -> None:
    """keep takes the more specific type, the more precise place, and fills its gaps."""
    if keep.sub_event_type in _GENERIC_TYPES and other.sub_event_type not in _GENERIC_TYPES:
        keep.event_type, keep.sub_event_type = other.event_type, other.sub_event_type
    if keep.place is not None and other.place is not None and _contains(keep.place, other.place):
        keep.place = other.place
    _fill_gaps(keep, other, ("actor1", "actor2", "date", "fatalities"))
    if keep.claim.source is None and other.claim.source is not None:
        keep.claim = other.claim
    keep.confidence = min(0.95, max(keep.confidence, other.confidence) + 0.05)


def drop_country_level(mentions: list[Mention]) -> list[Mention]:
    """A country-wide mention ("clashes in Syria") stands only in an article that names no
    finer place: elsewhere it is a summary of the incidents told with their towns."""
    if not any(m.place is not None and m.place.place.feature != "country" for m in mentions):
        return mentions
    return [m for m in mentions if m.place is None or m.place.place.feature != "country"]


def placeless_reports(mentions: list[Mention]) -> set[str]:
    """Placeless mentions that may stand alone: those of an article that places none
    (a snippet, a report naming no town). Their place stays null, never guessed; one that
    points at a place told elsewhere ("took the town") only completes that incident."""
    if any(m.place is not None for m in mentions):
        return set()
    return {m.id for m in mentions if not PLACE_ANAPHOR.search(m.evidence.text)}


def place_in_sole_country(mentions: list[Mention], country: PlaceMention | None) -> None:
    """A report that names no place happened in the one country its article names.

    Only where the article names exactly one country (by name, demonym or any place
    resolved in it): the place is that country, precision 3, with the span where the
    article names it as evidence. With two countries named nothing says which, so the
    place stays null.
    """
    if country is None:
        return
    for m in mentions:
        if m.place is None:
            m.place = country


def merge_within_article(mentions: list[Mention], lede_end: int = 0,
                         standalone: set[str] | None = None) -> list[Mention]:
    """Two sentences about one incident are one mention (see `_same_incident`).

    A mention without a place ("the rebels took the town on Tuesday") completes the latest
    earlier mention of the same sub-type; alone it is dropped unless its id is in
    `standalone`, and never placed by guess. `lede_end` is the offset where the article's
    opening sentences end.
    """
    merged: list[Mention] = []
    for m in mentions:
        if m.place is None:
            twin = next((k for k in reversed(merged) if k.sub_event_type == m.sub_event_type
                         and _compatible_dates(k.date, m.date)), None)
            if twin is not None:
                complete(twin, m)
            elif standalone and m.id in standalone:
                merged.append(m)
            elif merged and TOWN_ANAPHOR.search(m.evidence.text) and not _undated(m.date):
                last = max(merged, key=lambda k: k.evidence.start)
                if last.place is not None and last.place.place.geo_precision == 1:
                    m.place = last.place  # "attacked the city on Saturday": the town named last
                    merged.append(m)
            continue
        twin = next((k for k in merged if _same_incident(k, m, lede_end)), None)
        if twin is None:
            merged.append(m)
            continue
        dated_first = _undated(twin.date) != _undated(m.date)
        if dated_first:
            keep, other = (m, twin) if _undated(twin.date) else (twin, m)
        else:
            keep, other = (twin, m) if twin.confidence >= m.confidence else (m, twin)
        _absorb(keep, other)
        if keep is m:
            merged[merged.index(twin)] = m
    return merged
