"""A small hand-built store for the web tests: two outlets on one battle, a strike in Iraq,
and a hostile report whose every string is markup, so escaping is tested on real rows."""

from __future__ import annotations

import json

from eventscope.store.db import Store

FSA, ISIL = "Free Syrian Army", "Islamic State of Iraq and the Levant"
XSS = '<script>alert("x")</script>'
XSS_URL = "javascript:alert(1)"
T1 = "Rebels said on Tuesday. At least 10 fighters were killed in Darkush on Tuesday, activists said."
T2 = "Clashes in Darkush killed 14 people, the Observatory said. The FSA is fighting Isis."
T3 = "A strike hit Fallujah on Friday, killing 3."
T4 = f"Attack in {XSS} town. Gunmen <img src=x onerror=alert(2)> killed 2 in {XSS} town."


def _span(text: str, part: str) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def _mention(mid, article, text, sentence, event_id, **values):
    ev = {"sentence": _span(text, sentence)}
    for key, part in values.pop("spans", {}).items():
        ev[key] = _span(text, part)
    row = {"id": mid, "article_id": article, "event_type": "Battles", "sub_event_type": "Armed clash",
           "date": "2014-01-07", "date_precision": "day", "time_precision": 1, "actor1": FSA, "actor2": ISIL,
           "associated": "[]", "country": "Syria", "iso": "SY", "admin1": "Idlib", "location": "Darkūsh",
           "lat": 35.99, "lon": 36.39, "geonameid": 170865, "geo_precision": 1, "fatalities": 10,
           "fatalities_low": 10, "fatalities_high": 10, "claim_source": "activists", "verified": False,
           "confidence": 0.9, "evidence": json.dumps(ev), "event_id": event_id, "seq": 0}
    row.update(values)
    return row


def _event(eid, **values):
    row = {"id": eid, "event_type": "Battles", "sub_event_type": "Armed clash", "date": "2014-01-07",
           "date_precision": "day", "time_precision": 1, "actor1": FSA, "actor2": ISIL, "country": "Syria",
           "iso": "SY", "admin1": "Idlib", "location": "Darkūsh", "lat": 35.99, "lon": 36.39,
           "geo_precision": 1, "fatalities": 10, "fatalities_low": 10, "fatalities_best": 10,
           "fatalities_high": 14, "corroboration": 2, "n_mentions": 2, "sources": "[]",
           "disagreements": "{}", "merge_reasons": "[]", "notes": None}
    row.update(values)
    return row


def build(path: str) -> str:
    arts = [("a1", "Al Jazeera America", "https://aljazeera.example/1", "2014-01-08", T1),
            ("a2", "BBC News", "https://bbc.example/2", "2014-01-08", T2),
            ("a3", "Reuters", "https://reuters.example/3", "2014-01-11", T3),
            ("a4", f"<b>Evil</b> {XSS}", XSS_URL, "2014-02-01", T4)]
    s1 = T1.index("At least")
    mentions = [
        _mention("m1", "a1", T1, T1[s1:], "E1", spans={"fatalities": "At least 10", "place": "Darkush",
                                                      "date": "on Tuesday", "claim_source": "activists"}),
        _mention("m2", "a2", T2, "Clashes in Darkush killed 14 people, the Observatory said.", "E1",
                 fatalities=14, fatalities_low=14, fatalities_high=14, claim_source="Syrian Observatory",
                 spans={"fatalities": "14 people", "place": "Darkush"}),
        _mention("m3", "a3", T3, T3, "E2", event_type="Explosions/Remote violence",
                 sub_event_type="Air/drone strike", date="2014-01-10", actor1="Military Forces of Iraq",
                 actor2=None, country="Iraq", iso="IQ", admin1="Anbar", location="Fallujah", lat=33.35,
                 lon=43.78, fatalities=3, fatalities_low=3, fatalities_high=3, confidence=0.5,
                 claim_source=None, spans={"place": "Fallujah"}),
        _mention("m4", "a4", T4, T4[T4.index("Gunmen"):], "E3", event_type="Violence against civilians",
                 sub_event_type="Attack", date=None, date_precision=None, actor1=XSS, actor2=None,
                 country=None, iso=None, admin1=None, location=XSS, lat=None, lon=None, fatalities=2,
                 fatalities_low=2, fatalities_high=2, claim_source=XSS_URL, spans={"place": XSS}),
    ]
    events = [
        _event("E1", notes="At least 10 fighters were killed in Darkush on Tuesday, activists said.",
               sources=json.dumps([{"mention": "m1", "article": "a1", "outlet": "Al Jazeera America",
                                    "fatalities": 10}, {"mention": "m2", "article": "a2",
                                                        "outlet": "BBC News", "fatalities": 14}]),
               disagreements=json.dumps({"fatalities": ["10", "14"]}),
               merge_reasons=json.dumps(["m2 joined m1: same type, same day, same place"])),
        _event("E2", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
               date="2014-01-10", actor1="Military Forces of Iraq", actor2=None, country="Iraq", iso="IQ",
               admin1="Anbar", location="Fallujah", lat=33.35, lon=43.78, fatalities=3, fatalities_low=3,
               fatalities_best=3, fatalities_high=3, corroboration=1, n_mentions=1, notes=T3,
               sources=json.dumps([{"mention": "m3", "article": "a3", "outlet": "Reuters"}])),
        _event("E3", event_type="Violence against civilians", sub_event_type="Attack", date=None,
               date_precision=None, time_precision=None, actor1=XSS, actor2=None, country=None, iso=None,
               admin1=None, location=XSS, lat=None, lon=None, geo_precision=None, fatalities=2,
               fatalities_low=2, fatalities_best=2, fatalities_high=2, corroboration=1, n_mentions=1,
               notes=T4, sources=json.dumps([{"mention": "m4", "article": "a4", "outlet": arts[3][1]}])),
    ]
    with Store(path) as store:
        store.replace_table("articles", [
            {"id": a, "source": f"{a}.txt", "title": f"Report {a}" if a != "a4" else XSS, "url": u,
             "outlet": o, "published": p, "published_source": "metadata", "language": "en", "kind": "text",
             "text": t, "actors": json.dumps([FSA, ISIL]), "countries": '["SY"]', "run_id": "r1"}
            for a, o, u, p, t in arts])
        store.replace_table("mentions", mentions)
        store.replace_table("events", events)
        store.replace_table("stories", [{"article_id": "a1", "story_id": "S1"},
                                        {"article_id": "a2", "story_id": "S1"},
                                        {"article_id": "a3", "story_id": "S2"},
                                        {"article_id": "a4", "story_id": "S3"}])
        store.replace_table("actors", [
            {"name": FSA, "actor_type": "Rebel group", "country": "SY", "n_mentions": 2},
            {"name": ISIL, "actor_type": "Rebel group", "country": None, "n_mentions": 2},
            {"name": "Military Forces of Iraq", "actor_type": "State forces", "country": "IQ", "n_mentions": 1},
            {"name": XSS, "actor_type": "Political militia", "country": None, "n_mentions": 1}])
        store.replace_table("relations", [
            {"a": FSA, "b": ISIL, "kind": "hostile", "article_id": "a2",
             "evidence": json.dumps(_span(T2, "The FSA is fighting Isis.")), "basis": "statement",
             "date": "2014-01-08"}])
    return path
