"""GeoJSON (RFC 7946) for events and mentions: one Feature per row, a Point at [lon, lat].

A row without coordinates keeps its place in the collection with a null
geometry (valid GeoJSON), so a count of features is a count of rows and nothing
unlocated is silently dropped. Properties carry ACLED column names for events
(`event_records`) and the mention export keys for mentions.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from typing import IO, Any


def point(lon: Any, lat: Any) -> dict[str, Any] | None:
    """A Point, or None when either coordinate is missing or not a finite number in range."""
    if not isinstance(lon, (int, float)) or not isinstance(lat, (int, float)):
        return None
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}


def feature(props: dict[str, Any], lon_key: str, lat_key: str, id_key: str | None = None) -> dict[str, Any]:
    feat: dict[str, Any] = {"type": "Feature", "geometry": point(props.get(lon_key), props.get(lat_key)),
                            "properties": props}
    if id_key and props.get(id_key) is not None:
        feat["id"] = props[id_key]
    return feat


#: export kind -> (longitude key, latitude key, id key) in its records.
COORDS = {"events": ("longitude", "latitude", "event_id_cnty"), "mentions": ("lon", "lat", "mention_id")}


def features(records: Iterable[dict[str, Any]], what: str) -> Iterator[dict[str, Any]]:
    lon, lat, ident = COORDS[what]
    for rec in records:
        yield feature(rec, lon, lat, ident)


def write_geojson(records: Iterable[dict[str, Any]], out: IO[str], what: str) -> int:
    """Stream a FeatureCollection, one feature a line, without holding the rows in memory."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for feat in features(records, what):
        out.write((",\n" if n else "") + json.dumps(feat, ensure_ascii=False, default=str))
        n += 1
    out.write("\n]}\n")
    return n
