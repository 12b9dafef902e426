"""The REST API, /api/v1: events, counts, stories, actors, the network and articles.

Every list takes `format=json|csv|geojson`, `limit` (1-500) and the opaque
`cursor` of the previous page. Bad input is a 422 naming the parameter; an
unknown id is a 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from eventscope.web import entities, queries
from eventscope.web.params import (
    DEFAULT_PAGE,
    MAX_PAGE,
    EventFilters,
    EventSort,
    Format,
    decode_cursor,
    event_filters,
    unprocessable,
)
from eventscope.web.render import list_response, offset_page
from eventscope.web.schemas import CountPage, EventPage, ItemPage, list_responses
from eventscope.web.store import Reader, open_reader

router = APIRouter(prefix="/api/v1", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, at most {MAX_PAGE}")]
CursorQ = Annotated[str | None, Query(max_length=500, description="`next_cursor` of the previous page")]
Fmt = Annotated[Format, Query(alias="format")]
Id = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,80}$")]
RelationKind = Literal["allied", "hostile", "affiliated", "split_from", "part_of"]


def reader(request: Request) -> Iterator[Reader]:
    """A read-only connection for the duration of one request."""
    with open_reader(request.app.state.db) as r:
        yield r


DB = Annotated[Reader, Depends(reader)]
Filters = Annotated[EventFilters, Depends(event_filters)]


def _not_found(what: str, ident: str) -> HTTPException:
    return HTTPException(404, detail=f"no {what} {ident}")


@router.get("/events", summary="Events, filtered, sorted and paged", responses=list_responses(EventPage))
def list_events(request: Request, db: DB, filters: Filters, sort: EventSort = "-date",
                limit: Limit = DEFAULT_PAGE, cursor: CursorQ = None, fmt: Fmt = "json") -> Response:
    """Events matching every filter given. `sort` is date, fatalities or sources (number of
    independent sources), `-` for descending; events without the value come last."""
    items, nxt = queries.list_events(db, filters, sort, limit, decode_cursor(cursor, sort))
    return list_response(request, items, fmt, "events", nxt, points=("lon", "lat"))


@router.get("/events/counts", summary="Event and fatality counts by day, week, month, country or type",
            responses=list_responses(CountPage))
def event_counts(request: Request, db: DB, filters: Filters,
                 by: queries.CountBy = "day", fmt: Fmt = "json") -> Response:
    """Counts under the same filters as /events. Events whose date is coarser than the
    grouping (a month-precision date counted by day) fall in the `null` key."""
    return list_response(request, queries.count_events(db, filters, by), fmt, f"counts-by-{by}")


@router.get("/events/{event_id}", summary="One event with every source mention")
def get_event(db: DB, event_id: Id) -> dict:
    """Every mention with its outlet, url, own values and evidence spans; the per-source
    values, disagreements and merge reasons of the linking step."""
    event = queries.event_detail(db, event_id)
    if event is None:
        raise _not_found("event", event_id)
    return event


@router.get("/stories", summary="Stories: articles about one developing story", responses=list_responses(ItemPage))
def list_stories(request: Request, db: DB, min_articles: Annotated[int, Query(ge=1, le=10_000)] = 1,
                 q: Annotated[str | None, Query(max_length=200)] = None, limit: Limit = DEFAULT_PAGE,
                 cursor: CursorQ = None, fmt: Fmt = "json") -> Response:
    items = entities.stories(db, min_articles, q)
    page, nxt = offset_page(items, "stories", limit, decode_cursor(cursor, "stories"))
    return list_response(request, page, fmt, "stories", nxt)


@router.get("/stories/{story_id}", summary="One story: its articles and events")
def get_story(db: DB, story_id: Id) -> dict:
    story = entities.story_detail(db, story_id)
    if story is None:
        raise _not_found("story", story_id)
    return story


@router.get("/actors", summary="Actors with their mention and event counts", responses=list_responses(ItemPage))
def list_actors(request: Request, db: DB, q: Annotated[str | None, Query(max_length=200)] = None,
                actor_type: Annotated[str | None, Query(max_length=100)] = None,
                country: Annotated[str | None, Query(max_length=100)] = None,
                limit: Limit = DEFAULT_PAGE, cursor: CursorQ = None, fmt: Fmt = "json") -> Response:
    items = entities.actors(db, q, actor_type, country)
    page, nxt = offset_page(items, "actors", limit, decode_cursor(cursor, "actors"))
    return list_response(request, page, fmt, "actors", nxt)


@router.get("/actors/{name:path}", summary="One actor: its events and network edges")
def get_actor(db: DB, name: Annotated[str, Path(min_length=1, max_length=200)]) -> dict:
    actor = entities.actor_detail(db, name)
    if actor is None:
        raise _not_found("actor", name)
    return actor


@router.get("/network", summary="The actor network: nodes and edges with evidence")
def get_network(request: Request, db: DB, since: dt.date | None = None, until: dt.date | None = None,
                actor: Annotated[str | None, Query(max_length=200)] = None, kind: RelationKind | None = None,
                fmt: Fmt = "json") -> Response:
    """JSON gives `{nodes, edges}`; CSV and GeoJSON list the edges (GeoJSON with null geometry)."""
    if since and until and since > until:
        raise unprocessable("until", "until is before since", until.isoformat())
    net = entities.network(db, since.isoformat() if since else None, until.isoformat() if until else None,
                           actor, kind)
    if fmt == "json":
        return JSONResponse(net)
    return list_response(request, net["edges"], fmt, "network-edges")


@router.get("/articles/{article_id}", summary="One article: its text and the span of every extracted value")
def get_article(db: DB, article_id: Id) -> dict:
    article = queries.article_detail(db, article_id)
    if article is None:
        raise _not_found("article", article_id)
    return article
