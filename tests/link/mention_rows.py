"""Mention rows as the store holds them, for linking tests: real places, invented incidents."""

from __future__ import annotations

import json
from typing import Any

# name: (country, iso, admin1, lat, lon, geonameid, geo_precision)
PLACES: dict[str, tuple] = {
    "Darkush": ("Syria", "SY", "Idlib", 35.99, 36.39, 170865, 1),
    "Douma": ("Syria", "SY", "Rif Dimashq", 33.57, 36.40, 170654, 1),
    "Dikwa": ("Nigeria", "NG", "Borno", 12.03609, 13.91815, 2344854, 1),
    "Sake": ("DR Congo", "CD", "Nord Kivu", -1.57386, 29.04339, 205970, 1),
    "Goma": ("DR Congo", "CD", "Nord Kivu", -1.67409, 29.22845, 217831, 1),
    "Dnipro": ("Ukraine", "UA", "Dnipropetrovsk", 48.4593, 35.03865, 709930, 1),
    "Nikopol": ("Ukraine", "UA", "Dnipropetrovsk", 47.56659, 34.40815, 700051, 1),
    "Dnipropetrovsk Oblast": ("Ukraine", "UA", "Dnipropetrovsk", 48.5, 34.83, None, 3),
    "Kharkiv": ("Ukraine", "UA", "Kharkiv", 49.98081, 36.25272, 706483, 1),
    "Sa'dah": ("Yemen", "YE", "Sadah", 16.94021, 43.76393, 71334, 1),
    "Kabul": ("Afghanistan", "AF", "Kabul", 34.52813, 69.17233, 1138958, 1),
    "Pul-e Khumri": ("Afghanistan", "AF", "Baghlan", 35.94458, 68.71512, 1129516, 1),
    "Baghlan": ("Afghanistan", "AF", "Baghlan", 35.7614, 68.7691, None, 3),
    "Jalalabad": ("Afghanistan", "AF", "Nangarhar", 34.42647, 70.45153, 1125095, 1),
    "El Fasher": ("Sudan", "SD", "North Darfur", 13.62793, 25.34936, 379252, 1),
    "Bandiagara": ("Mali", "ML", "Mopti", 14.35005, -3.61038, 2460489, 1),
    "Mali": ("Mali", "ML", None, 17.0, -4.0, 2453866, 3),
}

SUB_TYPES = {
    "Armed clash": "Battles", "Non-state actor overtakes territory": "Battles",
    "Government regains territory": "Battles",
    "Air/drone strike": "Explosions/Remote violence", "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence", "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Attack": "Violence against civilians", "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests", "Arrests": "Strategic developments",
}


def mention(mid: str, article: str, sub: str, date: str | None, place: str | None, *,
            precision: str | None = None, actor1: str | None = None, actor2: str | None = None,
            fatalities: int | None = None, geo_precision: int | None = None, published: str | None = None,
            outlet: str | None = None, confidence: float = 0.8) -> dict[str, Any]:
    country, iso, admin1, lat, lon, gid, gp = PLACES[place] if place else (None,) * 7
    if precision is None:
        precision = None if date is None else {10: "day", 7: "month", 4: "year"}[len(date)]
    return {"id": mid, "article_id": article, "event_type": SUB_TYPES[sub], "sub_event_type": sub,
            "date": date, "date_precision": precision,
            "time_precision": {"day": 1, "week": 2}.get(precision or "", 3 if date else None),
            "actor1": actor1, "actor2": actor2, "country": country, "iso": iso, "admin1": admin1,
            "location": place, "lat": lat, "lon": lon, "geonameid": gid,
            "geo_precision": geo_precision or gp, "fatalities": fatalities, "fatalities_low": fatalities,
            "fatalities_high": fatalities, "claim_source": None, "confidence": confidence,
            "outlet": outlet or f"outlet of {article}", "published": published,
            "evidence": json.dumps({"sentence": {"start": 0, "end": 5, "text": f"sentence {mid}"}})}
