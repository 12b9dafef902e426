"""Response shapes for the OpenAPI schema, so /docs shows clients what a page holds.

The handlers build plain dicts (see `queries`); these models only document
them. A test checks that real responses carry exactly these fields.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class EventItem(BaseModel):
    id: str
    event_type: str | None
    sub_event_type: str | None
    date: str | None = Field(description="YYYY-MM-DD; its precision is in date_precision/time_precision")
    date_precision: str | None
    time_precision: int | None = Field(description="ACLED time precision 1-3")
    actor1: str | None
    actor2: str | None
    country: str | None
    iso: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None = Field(description="ACLED geo precision 1-3")
    fatalities: int | None = Field(description="ACLED's conservative figure")
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    corroboration: int | None = Field(description="independent sources (wire copies count once)")
    n_mentions: int | None
    notes: str | None
    outlets: list[str]


class Page(BaseModel):
    count: int = Field(description="items on this page")
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last")
    next: str | None = Field(description="the next page's URL")


class EventPage(Page):
    items: list[EventItem]


class CountItem(BaseModel):
    key: str | None
    events: int
    fatalities: int


class CountPage(Page):
    items: list[CountItem]


class ItemPage(Page):
    items: list[dict[str, Any]]


def list_responses(model: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for a list: JSON by default, CSV and GeoJSON with `format=`."""
    return {200: {"model": model, "description": "JSON, or CSV / GeoJSON with `format=csv|geojson`; "
                                                 'the next page also in a `Link: <...>; rel="next"` header',
                  "content": {"text/csv": {"schema": {"type": "string"}},
                              "application/geo+json": {"schema": {"type": "object"}}}},
            503: {"description": "a run holds the store's write lock; retry after Retry-After seconds"}}
