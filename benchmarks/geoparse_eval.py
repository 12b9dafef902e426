"""Score the geoparser on LGL / TR-News (Gritta et al. XML) with the gold toponym spans.

    python benchmarks/geoparse_eval.py path/to/lgl.xml [path/to/TR-News.xml ...]

Reads the corpus from the given path (never shipped with eventscope), resolves each
gold span through the same code path as `eventscope geoparse` with spans, and reports
acc@161 km (distance from the gold coordinates <= 161 km, i.e. 100 miles; an
unresolved span counts as a miss), exact GeoNames-id match, mean error and AUC-free
median error. Toponyms whose gold carries no coordinates are skipped.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from eventscope.models import Place
from eventscope.resolve.gazetteer import Gazetteer, distance_km
from eventscope.resolve.geoparser import geoparse


def _aligned(text: str, start: int, end: int, phrase: str | None, slack: int = 20) -> tuple[int, int]:
    """The gold span moved onto its own phrase when the offsets drift from it.

    About one TR-News toponym in eleven has offsets a few characters off its
    `<phrase>` (the text was edited after annotation); the phrase is the annotation,
    so the nearest occurrence within `slack` characters is the span meant.
    """
    if not phrase or text[start:end] == phrase:
        return start, end
    hits = [m for m in range(max(0, start - slack), start + slack + 1) if text.startswith(phrase, m)]
    if not hits:
        return start, end
    m = min(hits, key=lambda h: abs(h - start))
    return m, m + len(phrase)


def read_corpus(path: Path) -> list[tuple[str, list[tuple[int, int, float, float, int | None]]]]:
    """(text, [(start, end, lat, lon, geonameid)]) per article."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for top in art.iter("toponym"):
            start, end = _aligned(text, int(top.findtext("start")), int(top.findtext("end")),
                                  top.findtext("phrase"))
            gaz = top.find("gaztag")
            lat = lon = None
            gid = None
            if gaz is not None:
                lat, lon = gaz.findtext("lat"), gaz.findtext("lon")
                gid = int(gaz.get("geonameid")) if gaz.get("geonameid", "").isdigit() else None
            else:
                lat, lon = top.findtext("lat"), top.findtext("lon")
            if lat and lon and 0 <= start < end <= len(text):  # TR-News has one span past its text
                gold.append((start, end, float(lat), float(lon), gid))
        if text and gold:
            docs.append((text, gold))
    return docs


def evaluate(gaz: Gazetteer, path: Path, show_errors: int = 0) -> dict:
    docs = read_corpus(path)
    n = hits = exact = with_gid = unresolved = 0
    errors: list[float] = []
    misses: list[str] = []
    t0 = time.perf_counter()
    for text, gold in docs:
        out = geoparse(gaz, text, [[s, e] for s, e, *_ in gold])
        for (s, e, lat, lon, gid), rec in zip(gold, out, strict=True):
            n += 1
            if gid is not None:
                with_gid += 1
                exact += int(rec["geonameid"] == gid)
            if rec["lat"] is None:
                unresolved += 1
                errors.append(20038.0)
                misses.append(f"  unresolved {text[s:e]!r}")
                continue
            d = distance_km(Place("", lat, lon, None, None, None), Place("", rec["lat"], rec["lon"], None, None, None))
            errors.append(d)
            if d <= 161:
                hits += 1
            else:
                misses.append(f"  {text[s:e]!r} -> {rec['name']} ({rec['country']}) {d:.0f} km")
    secs = time.perf_counter() - t0
    for m in misses[:show_errors]:
        print(m)
    return {
        "corpus": path.name, "articles": len(docs), "toponyms": n,
        "acc@161": hits / n if n else math.nan,
        "exact_geonameid": exact / with_gid if with_gid else math.nan,
        "unresolved": unresolved, "median_km": statistics.median(errors) if errors else math.nan,
        "seconds": round(secs, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="+", type=Path, help="LGL or TR-News XML file")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses per corpus")
    args = ap.parse_args(argv)
    gaz = Gazetteer.load()
    total = hits = 0
    for path in args.corpus:
        r = evaluate(gaz, path, args.errors)
        print(" ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()))
        total += r["toponyms"]
        hits += round(r["acc@161"] * r["toponyms"])
    if len(args.corpus) > 1 and total:
        print(f"combined acc@161={hits / total:.3f} over {total} toponyms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
