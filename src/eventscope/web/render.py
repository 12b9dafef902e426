"""One list, three formats: JSON (with a next-page cursor), CSV and GeoJSON.

The next page is announced the same way in every format, in a `Link: <...>;
rel="next"` header (and in the JSON body), so a CSV or GeoJSON client can page
too.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from eventscope.export.geojson import feature
from eventscope.web.params import Cursor, unprocessable

Geometry = Callable[[dict[str, Any]], dict[str, Any]]


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def to_csv(items: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    cols = list(columns or (items[0].keys() if items else []))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
    writer.writeheader()
    for item in items:
        writer.writerow({c: _cell(item.get(c)) for c in cols})
    return buf.getvalue()


def list_response(request: Request, items: list[dict[str, Any]], fmt: str, name: str,
                  nxt: Cursor | None = None, columns: Sequence[str] | None = None,
                  points: tuple[str, str] | None = None) -> Response:
    """A page of `items` as JSON, CSV or GeoJSON; `points` names the lon/lat keys if located."""
    next_url = str(request.url.include_query_params(cursor=nxt.encode())) if nxt else None
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    if fmt == "csv":
        headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return Response(to_csv(items, columns), media_type="text/csv; charset=utf-8", headers=headers)
    if fmt == "geojson":
        lon, lat = points or ("", "")
        body = {"type": "FeatureCollection", "features": [feature(i, lon, lat, "id") for i in items]}
        if next_url:
            body["next"] = next_url
        return JSONResponse(body, media_type="application/geo+json", headers=headers)
    return JSONResponse({"count": len(items), "items": items, "next_cursor": nxt.encode() if nxt else None,
                         "next": next_url}, headers=headers)


def offset_page(items: list[dict[str, Any]], sort: str, limit: int,
                cursor: Cursor | None) -> tuple[list[dict[str, Any]], Cursor | None]:
    """Page a list computed in Python (stories, actors): the cursor holds an offset."""
    if cursor is not None and cursor.offset is None:
        raise unprocessable("cursor", "not a cursor of this list", cursor.encode())
    start = cursor.offset if cursor is not None else 0
    page = items[start:start + limit]
    return page, (Cursor(sort, offset=start + limit) if start + limit < len(items) else None)
