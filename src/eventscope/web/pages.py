"""The dashboard: server-rendered pages over the same queries as the API.

Pages carry data to the browser only as text in autoescaped templates and as
API URLs in data- attributes; the small scripts in static/ fetch JSON and build
DOM nodes with textContent, never innerHTML. A Content-Security-Policy (set in
`app`) forbids inline and foreign scripts as a second line of defence.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from eventscope.web import entities, queries
from eventscope.web.api import DB, CursorQ, Filters, Id
from eventscope.web.highlight import safe_url, segments
from eventscope.web.params import DEFAULT_PAGE, MAX_PAGE, EventSort, decode_cursor

HERE = Path(__file__).parent
EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments")

env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                         undefined=jinja2.StrictUndefined)
env.filters["safe_url"] = safe_url
env.globals["EVENT_TYPES"] = EVENT_TYPES
templates = Jinja2Templates(env=env)
router = APIRouter(include_in_schema=False)


def page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, db: DB, filters: Filters, sort: EventSort = "-date",
              limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE, cursor: CursorQ = None):
    """Map, timeline and table of the events matching the filters."""
    items, nxt = queries.list_events(db, filters, sort, limit, decode_cursor(cursor, sort))
    query = urlencode({**filters.as_query(), "sort": sort})
    next_url = "/?" + urlencode({**filters.as_query(), "sort": sort, "limit": limit,
                                 "cursor": nxt.encode()}) if nxt else None
    return page(request, "index.html", events=items, f=filters, sort=sort, query=query, next_url=next_url,
                total=db.one("SELECT count(*) AS n FROM events")["n"])


def _mention_segments(m: dict[str, Any]) -> list[dict[str, Any]]:
    spans = m["evidence_spans"] or {}
    sentence = spans.get("sentence") or {}
    text = sentence.get("text") or ""
    fields = [{**s, "field": k, "value": m.get(queries.SPAN_VALUES.get(k, ""))}
              for k, s in spans.items() if k not in ("sentence", "associated") and isinstance(s, dict)]
    return segments(text, fields, sentence.get("start") or 0)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, db: DB, event_id: Id):
    """One event with its sources side by side and each evidence sentence highlighted."""
    event = queries.event_detail(db, event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id}")
    for m in event["mentions"]:
        m["segments"] = _mention_segments(m)
    differ = {k for k in ("date", "location", "fatalities", "actor1", "actor2", "sub_event_type")
              if len({m[k] for m in event["mentions"] if m[k] is not None}) > 1}
    return page(request, "event.html", e=event, differ=differ)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, db: DB, article_id: Id):
    """An article's text with the span behind every extracted value marked."""
    article = queries.article_detail(db, article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    return page(request, "article.html", a=article, segs=segments(article["text"] or "", article["spans"]))


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, db: DB, min_articles: Annotated[int, Query(ge=1, le=10_000)] = 1):
    """Every story, largest first, linking to its page."""
    return page(request, "stories.html", stories=entities.stories(db, min_articles, None),
                min_articles=min_articles)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, db: DB):
    """Every actor with its type, country, mentions and events."""
    return page(request, "actors.html", actors=entities.actors(db, None, None, None))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, db: DB, story_id: Id):
    story = entities.story_detail(db, story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id}")
    return page(request, "story.html", s=story)


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor_page(request: Request, db: DB, name: str):
    actor = entities.actor_detail(db, name)
    if actor is None:
        raise HTTPException(404, f"no actor {name}")
    return page(request, "actor.html", a=actor)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, db: DB, since: dt.date | None = None, until: dt.date | None = None):
    """The actor network drawn in SVG, and the same edges as a table with their evidence."""
    bounds = {k: v.isoformat() for k, v in (("since", since), ("until", until)) if v}
    net = entities.network(db, bounds.get("since"), bounds.get("until"))
    return page(request, "network.html", net=net, since=bounds.get("since", ""),
                until=bounds.get("until", ""), query=urlencode(bounds))
