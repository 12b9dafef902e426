"""Incidents across outlets: do the GVA articles of one incident share an event id?

    python benchmarks/gva_corpus.py PATH/the_violent_corpus -o gva_even.jsonl --even-only
    eventscope run gva_even.jsonl --db gva.duckdb
    python benchmarks/gva_linking.py gva_even.jsonl --db gva.duckdb [--json]

The Gun Violence Archive corpus groups local US news reports by incident (one shooting,
told by one to a dozen outlets); many incidents share a day and a kind in different
towns, so joining too much is punished as much as splitting. Scored over the articles
that have at least one mention: an article's event is the event of its most confident
mention (its own account of the incident it is about), and B-cubed compares those with
the incidents. Stories are scored against incidents over all articles. Only the even
incident ids are the dev split; the odd ones are held out.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import duckdb


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of `pred` against `gold` over the keys of `gold`."""
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for k in gold:
        by_gold[gold[k]].add(k)
        by_pred[pred[k]].add(k)
    p = r = 0.0
    for k in gold:
        same = len(by_gold[gold[k]] & by_pred[pred[k]])
        p += same / len(by_pred[pred[k]])
        r += same / len(by_gold[gold[k]])
    n = len(gold) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def incidents_by_id(jsonl: Path) -> dict[str, str]:
    """Record id (what the JSONL reader stores as an article's source) -> incident id."""
    out = {}
    with jsonl.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                out[row["id"]] = row["incident"]
    return out


def score(jsonl: Path, db: Path) -> dict[str, float | int]:
    incident = incidents_by_id(jsonl)
    con = duckdb.connect(str(db), read_only=True)
    gold_all = {aid: incident[source] for aid, source in con.execute("SELECT id, source FROM articles").fetchall()
                if source in incident}
    best: dict[str, tuple[float, str, str]] = {}
    for aid, mid, eid, conf in con.execute(
            "SELECT article_id, id, event_id, confidence FROM mentions WHERE event_id IS NOT NULL").fetchall():
        key = (conf or 0.0, mid, eid)
        if aid in gold_all and (aid not in best or key > best[aid]):
            best[aid] = key
    gold = {a: gold_all[a] for a in best}
    events = {a: best[a][2] for a in best}
    stories = dict(con.execute("SELECT article_id, story_id FROM stories").fetchall())
    ep, er, ef = bcubed(gold, events)
    sp, sr, sf = bcubed(gold_all, {a: stories.get(a, f"_alone_{a}") for a in gold_all})
    return {
        "articles": len(gold_all), "incidents": len(set(gold_all.values())),
        "articles_with_mention": len(gold), "incidents_with_mention": len(set(gold.values())),
        "predicted_events": len(set(events.values())),
        "event_bcubed_P": round(ep, 3), "event_bcubed_R": round(er, 3), "event_bcubed_F1": round(ef, 3),
        "story_bcubed_P": round(sp, 3), "story_bcubed_R": round(sr, 3), "story_bcubed_F1": round(sf, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("jsonl", type=Path, help="the JSONL that gva_corpus.py wrote and eventscope ran")
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = score(args.jsonl, args.db)
    if not res["articles"]:
        sys.exit("no article of the store comes from that JSONL (was it run with eventscope run?)")
    if args.json:
        print(json.dumps(res))
    else:
        for k, v in res.items():
            print(f"{k:28} {v}")


if __name__ == "__main__":
    main()
