"""Query parameters of the API: validated here, turned into parameterised SQL in `queries`.

Every user value reaches DuckDB as a bound parameter; the only text put into
SQL is chosen from fixed tables in this module (sort expressions, count
groupings), keyed by a validated literal.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from fastapi import HTTPException, Query

MAX_PAGE = 500
DEFAULT_PAGE = 50

Format = Literal["json", "csv", "geojson"]
EventSort = Literal["date", "-date", "fatalities", "-fatalities", "sources", "-sources"]

#: sort name -> (SQL key expression, direction, Python type of the key). NULLs sort last both ways.
SORTS: dict[str, tuple[str, str, type]] = {
    "date": ("coalesce(e.date, '9999')", "ASC", str),
    "-date": ("coalesce(e.date, '')", "DESC", str),
    "fatalities": ("coalesce(e.fatalities, 2147483647)", "ASC", int),
    "-fatalities": ("coalesce(e.fatalities, -1)", "DESC", int),
    "sources": ("coalesce(e.corroboration, 0)", "ASC", int),
    "-sources": ("coalesce(e.corroboration, 0)", "DESC", int),
}


def unprocessable(param: str, msg: str, value: Any = None) -> HTTPException:
    """A 422 shaped like FastAPI's own validation errors, for checks a type cannot express."""
    return HTTPException(422, detail=[{"type": "value_error", "loc": ["query", param], "msg": msg,
                                       "input": value}])


@dataclass
class EventFilters:
    country: str | None = None
    admin1: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_sources: int | None = None
    min_confidence: float | None = None

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause over `events e` and its parameters (empty clause when unfiltered)."""
        parts: list[str] = []
        params: list[Any] = []
        if self.country:
            parts.append("(lower(e.country) = lower(?) OR lower(e.iso) = lower(?))")
            params += [self.country, self.country]
        if self.admin1:
            parts.append("lower(e.admin1) = lower(?)")
            params.append(self.admin1)
        if self.since:
            parts.append("e.date >= ?")
            params.append(self.since.isoformat())
        if self.until:  # a month-precision date "2014-01" is inside until=2014-01-31
            parts.append("substr(e.date, 1, 10) <= ?")
            params.append(self.until.isoformat())
        if self.event_type:
            parts.append("lower(e.event_type) = lower(?)")
            params.append(self.event_type)
        if self.sub_event_type:
            parts.append("lower(e.sub_event_type) = lower(?)")
            params.append(self.sub_event_type)
        if self.actor:
            parts.append("(contains(lower(e.actor1), lower(?)) OR contains(lower(e.actor2), lower(?)))")
            params += [self.actor, self.actor]
        if self.q:
            parts.append("contains(lower(concat_ws(' ', e.notes, e.location, e.admin1, e.country, "
                         "e.actor1, e.actor2, e.sub_event_type)), lower(?))")
            params.append(self.q)
        if self.bbox:
            parts.append("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?")
            params += [self.bbox[0], self.bbox[2], self.bbox[1], self.bbox[3]]
        if self.min_sources is not None:
            parts.append("coalesce(e.corroboration, 0) >= ?")
            params.append(self.min_sources)
        if self.min_confidence is not None:
            parts.append("EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.confidence >= ?)")
            params.append(self.min_confidence)
        return (" WHERE " + " AND ".join(parts)) if parts else "", params

    def as_query(self) -> dict[str, str]:
        """The filters as query-string values (for links that keep them)."""
        out = {}
        for key, value in self.__dict__.items():
            if value is None or value == "":
                continue
            out[key] = ",".join(map(str, value)) if key == "bbox" else str(value)
        return out


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    if raw is None or raw == "":
        return None
    try:
        west, south, east, north = (float(x) for x in raw.split(","))
    except ValueError as exc:
        raise unprocessable("bbox", "bbox is west,south,east,north in degrees, e.g. 35,32,43,38", raw) from exc
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise unprocessable("bbox", "bbox needs -180 <= west <= east <= 180 and -90 <= south <= north <= 90", raw)
    return west, south, east, north


Text = Annotated[str | None, Query(max_length=200)]


def event_filters(
    country: Annotated[str | None, Query(max_length=100, description="Country name or ISO code")] = None,
    admin1: Text = None,
    since: Annotated[dt.date | None, Query(description="First date, YYYY-MM-DD")] = None,
    until: Annotated[dt.date | None, Query(description="Last date, YYYY-MM-DD")] = None,
    event_type: Annotated[str | None, Query(max_length=100, description="ACLED event type")] = None,
    sub_event_type: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Part of an actor name")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in notes, place or actors")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north", max_length=100)] = None,
    min_sources: Annotated[int | None, Query(ge=0, le=1000)] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> EventFilters:
    """The event filters as a FastAPI dependency, shared by the list, counts and dashboard."""
    if since and until and since > until:
        raise unprocessable("until", "until is before since", until.isoformat())
    return EventFilters(country or None, admin1 or None, since, until, event_type or None,
                        sub_event_type or None, actor or None, q or None, parse_bbox(bbox),
                        min_sources, min_confidence)


# --- cursors -----------------------------------------------------------------------------------
@dataclass
class Cursor:
    """Where the next page starts: the last row's sort key and id (keyset), or an offset."""

    sort: str
    key: Any = None
    id: str | None = None
    offset: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def encode(self) -> str:
        payload = {"s": self.sort, "k": self.key, "i": self.id, "o": self.offset}
        return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(raw: str | None, sort: str) -> Cursor | None:
    """The cursor a previous page returned; 422 when it is malformed or from another sort."""
    if not raw:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        cursor = Cursor(str(data["s"]), data.get("k"), data.get("i"), data.get("o"))
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise unprocessable("cursor", "not a cursor this API returned", raw) from exc
    if cursor.sort != sort:
        raise unprocessable("cursor", f"the cursor belongs to sort={cursor.sort}, not sort={sort}", raw)
    if cursor.offset is not None and (not isinstance(cursor.offset, int) or cursor.offset < 0):
        raise unprocessable("cursor", "not a cursor this API returned", raw)
    if sort in SORTS and cursor.offset is None:
        expected = SORTS[sort][2]
        if not isinstance(cursor.key, expected) or isinstance(cursor.key, bool) or not isinstance(cursor.id, str):
            raise unprocessable("cursor", "not a cursor this API returned", raw)
    return cursor
