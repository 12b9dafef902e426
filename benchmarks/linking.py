"""Linking time at 10,000 and 100,000 articles: it must grow close to linearly.

    python benchmarks/linking.py [--sizes 10000 100000] [--seed 7]

Articles and mention rows are synthesised (no extraction runs): 60 countries
with their own places and named actors, dates over one year, stories of 1–8
articles from different outlets over a few days, a shared vocabulary plus
story-specific words, and one article in five a wire copy of another (new
headline, a reworded word, a trimmed tail). Each stage is timed separately:
wire copies (MinHash/LSH), events (`link.events.link_events`) and stories
(`link.stories_incremental`, a full pass and an incremental pass adding the
last 10%). Prints JSON with seconds per size and the ratio between sizes
(10x the articles should cost about 10x the time, not 100x).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from typing import Any

from eventscope.link.events import link_events
from eventscope.link.stories_incremental import cluster_stories_incremental
from eventscope.link.wire import WireIndex

N_COUNTRIES = 60
PLACES_PER_COUNTRY = 40
ACTORS_PER_COUNTRY = 12
COMMON = ("the", "a", "of", "in", "on", "and", "said", "to", "was", "were", "by", "at", "from",
          "with", "killed", "attack", "forces", "fighters", "government", "police", "officials",
          "village", "town", "province", "security", "group", "people", "civilians", "army",
          "rebels", "report", "according", "clashes", "district", "residents", "spokesman",
          "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots")
OUTLETS = tuple(f"Outlet {i}" for i in range(80))


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


def synthesise(n: int, seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(article rows, mention rows) for `n` articles; same seed, same corpus."""
    rng = random.Random(seed)
    vocab = [_word(rng) for _ in range(30000)]
    countries = []
    for c in range(N_COUNTRIES):
        lat0, lon0 = rng.uniform(-30, 50), rng.uniform(-20, 100)
        countries.append({
            "iso": f"C{c:02d}",
            "places": [(c * 1000 + p, lat0 + rng.uniform(-4, 4), lon0 + rng.uniform(-4, 4))
                       for p in range(PLACES_PER_COUNTRY)],
            "actors": [f"Group {c}-{a}" for a in range(ACTORS_PER_COUNTRY)]})
    start = date(2020, 1, 1)
    articles: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    story = 0
    while len(articles) < n:
        story += 1
        country = rng.choice(countries)
        day = start + timedelta(days=rng.randrange(365))
        words = rng.sample(vocab, 25)
        actors = rng.sample(country["actors"], rng.randint(1, 3))
        places = rng.sample(country["places"], rng.randint(1, 3))
        etype = rng.choice(EVENT_TYPES)
        for k in range(min(rng.randint(1, 8), n - len(articles))):
            aid = f"a{len(articles):07d}"
            published = (day + timedelta(days=rng.randint(0, 4) if k else 0)).isoformat()
            wire_of = articles[-1] if k and rng.random() < 0.2 else None
            if wire_of is not None:
                text = wire_of["text"].replace(words[0], words[1], 1)
                text = " ".join(text.split()[:max(40, len(text.split()) - rng.randint(0, 15))])
            else:
                body = [rng.choice(words) if rng.random() < 0.35 else rng.choice(COMMON) for _ in range(150)]
                body += [a.lower() for a in actors] + [rng.choice(vocab) for _ in range(20)]
                rng.shuffle(body)
                text = " ".join(body)
            articles.append({"id": aid, "published": published, "title": " ".join(rng.sample(words, 6)),
                             "text": text, "outlet": rng.choice(OUTLETS), "actors": actors,
                             "countries": [country["iso"]], "story": story})
            for j in range(rng.randint(1, 3)):
                gid, lat, lon = places[j % len(places)]
                toll = rng.choice([None, rng.randint(1, 60)])
                mentions.append({
                    "id": f"{aid}-{j}", "article_id": aid, "event_type": etype, "sub_event_type": etype,
                    "date": (day + timedelta(days=j)).isoformat(), "date_precision": "day",
                    "time_precision": 1, "actor1": actors[0], "actor2": actors[-1] if len(actors) > 1 else None,
                    "iso": country["iso"], "country": country["iso"], "admin1": None,
                    "location": f"Place {gid}", "geonameid": gid, "lat": lat, "lon": lon,
                    "geo_precision": 1, "confidence": 0.7, "fatalities": toll, "fatalities_low": toll,
                    "fatalities_high": None, "claim_source": None, "evidence": None,
                    "outlet": articles[-1]["outlet"]})
    return articles, mentions


def bcubed_f1(pred: dict[str, str], gold: dict[str, Any]) -> float:
    """B-cubed F1 of a clustering against the synthetic stories (a sanity check, not a score)."""
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[Any, set[str]] = {}
    for a in gold:
        by_pred.setdefault(pred[a], set()).add(a)
        by_gold.setdefault(gold[a], set()).add(a)
    p = r = 0.0
    for a in gold:
        shared = len(by_pred[pred[a]] & by_gold[gold[a]])
        p += shared / len(by_pred[pred[a]])
        r += shared / len(by_gold[gold[a]])
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def time_size(n: int, seed: int) -> dict[str, Any]:
    articles, mentions = synthesise(n, seed)
    out: dict[str, Any] = {"articles": n, "mentions": len(mentions)}

    t0 = time.perf_counter()
    index = WireIndex()
    index.add_many(articles)
    wire = index.groups()
    out["wire_seconds"] = round(time.perf_counter() - t0, 2)
    out["wire_articles_per_second"] = round(n / (time.perf_counter() - t0))
    out["wire_groups_of_two_or_more"] = len(index.members())

    t0 = time.perf_counter()
    assignment, events = link_events(mentions)
    out["events_seconds"] = round(time.perf_counter() - t0, 2)
    out["events"] = len(events)
    for m in mentions:
        m["event_id"] = assignment[m["id"]]

    t0 = time.perf_counter()
    full = cluster_stories_incremental(articles, mentions, wire_groups=wire)
    out["stories_seconds"] = round(time.perf_counter() - t0, 2)
    out["stories"] = len(set(full.stories.values()))
    out["stories_bcubed_f1_vs_synthetic_truth"] = round(bcubed_f1(
        full.stories, {a["id"]: a["story"] for a in articles}), 3)

    cut = int(n * 0.9)
    old_ids = {a["id"] for a in articles[:cut]}
    first = cluster_stories_incremental(articles[:cut], [m for m in mentions if m["article_id"] in old_ids],
                                        wire_groups=wire)
    t0 = time.perf_counter()
    second = cluster_stories_incremental(articles, mentions, existing=first.stories, wire_groups=wire)
    out["stories_incremental_last_10pct_seconds"] = round(time.perf_counter() - t0, 2)
    out["stories_ids_kept"] = all(second.stories[a] == s or s in second.merged for a, s in first.stories.items())
    out["total_seconds"] = round(out["wire_seconds"] + out["events_seconds"] + out["stories_seconds"], 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    results = [time_size(n, args.seed) for n in args.sizes]
    report: dict[str, Any] = {"sizes": results, "python": sys.version.split()[0]}
    if len(results) >= 2:
        a, b = results[0], results[-1]
        report["size_ratio"] = b["articles"] / a["articles"]
        report["time_ratio"] = {k: round(b[k] / a[k], 2) if a[k] else None
                                for k in ("wire_seconds", "events_seconds", "stories_seconds", "total_seconds")}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
