"""Rank a toponym's gazetteer candidates with document context (Mordecai-style).

Score = prominence (log population) + context (its country / admin1 named in the
article, and named close to the toponym) + name quality (primary name over an
alternate, exact key over skeleton) + feature fit ("X province" wants an admin1;
a bare name prefers the town over the region it gives its name to) + proximity to the
plausible readings of the article's other toponyms.
All weights are general rules; none mention a particular place.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

W_COUNTRY = 1.2  # the candidate's country is named in the article
W_COUNTRY_SELF = 0.5  # strength of the country context a country's own name gives it
W_ADMIN1 = 0.9  # its admin1 is named in the article
W_NEAR = 0.6  # ... within NEAR_CHARS of the toponym
W_NEIGHBOUR = 0.5  # the article names a country it borders ("Israeli troops raided Jenin")
W_IMPLICIT = 0.35  # its country is the likely country of other toponyms in the article
W_IMPLICIT_A1 = 0.5  # its admin1 is where other toponyms of the article lie
W_ALTERNATE = -0.25  # matched an alternate name, not the primary one
W_SHADOWED = -0.35  # ... and other candidates bear that name as their own
W_SKELETON = -0.6  # matched only by consonant skeleton
W_REGION_WORD = 2.0  # "province"/"state" follows and the candidate is an admin1
W_REGION_OVER_TOWN = -0.4  # admin1 whose namesake town is also a candidate
NEAR_CHARS = 250
W_PROX = 0.9  # lies near the article's confidently placed toponyms (local news)
PROX_NEAR_KM = 40.0
PROX_FAR_KM = 400.0


@dataclass
class GeoContext:
    """What an article says about where it is: countries and admin1s named, with offsets."""

    countries: Counter[str] = field(default_factory=Counter)  # iso -> weight
    admin1: Counter[str] = field(default_factory=Counter)  # "SY.12" -> weight
    implicit: Counter[str] = field(default_factory=Counter)  # iso / "iso.a1" -> votes from toponyms
    own: dict[str, Counter[str]] = field(default_factory=dict)  # name key -> its own votes
    #: name key -> what its own mentions added to `countries` ("Lebanon" names Lebanon: that is
    #: no evidence that "Lebanon" means the country rather than a town of that name)
    own_countries: dict[str, Counter[str]] = field(default_factory=dict)
    anchors: list[tuple[int, str]] = field(default_factory=list)  # (offset, iso or "iso.a1")
    #: The article's toponyms, and the points of those resolved with confidence
    #: (key, lat, lon, weight), filled lazily by the gazetteer on the first `rank`.
    topos: list = field(default_factory=list, repr=False)
    points: list[tuple[str, float, float, float]] | None = field(default=None, repr=False)
    mentions: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)  # key -> offsets
    _offsets: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)
    _offsets_for: int = field(default=-1, repr=False, compare=False)

    def near(self, code: str, offset: int | tuple[int, ...]) -> bool:
        """Named within NEAR_CHARS of the toponym (of any of its mentions, given several)."""
        offsets = offset if isinstance(offset, tuple) else (offset,)
        where = self._anchor_offsets().get(code)
        if not where:
            return False
        for x in offsets:  # the nearest anchor at or after x - NEAR_CHARS decides
            k = bisect_left(where, x - NEAR_CHARS)
            if k < len(where) and where[k] <= x + NEAR_CHARS:
                return True
        return False

    def _anchor_offsets(self) -> dict[str, list[int]]:
        """Sorted offsets per code, rebuilt only when anchors were added since."""
        if self._offsets_for != len(self.anchors):
            by_code: dict[str, list[int]] = {}
            for o, c in self.anchors:
                by_code.setdefault(c, []).append(o)
            for v in by_code.values():
                v.sort()
            self._offsets, self._offsets_for = by_code, len(self.anchors)
        return self._offsets

    def vote(self, key: str, codes: set[str], weight: float = 1.0) -> None:
        """A toponym's vote, split over the countries/admin1s its candidates lie in."""
        if not codes:
            return
        mine = self.own.setdefault(key, Counter())
        for c in codes:
            self.implicit[c] += weight / len(codes)
            mine[c] += weight / len(codes)

    def votes(self, code: str, key: str) -> float:
        """Votes for a region from the *other* toponyms of the article."""
        return self.implicit.get(code, 0.0) - self.own.get(key, {}).get(code, 0.0)

    def country_strength(self, iso: str, key: str = "") -> float:
        w = self.countries.get(iso, 0)
        if w and key in self.own_countries:
            w -= self.own_countries[key].get(iso, 0)
        return min(w, 3) / 3 * 1.5 if w > 0 else 0.0


def proximity(ctx: GeoContext, key: str, lat: float, lon: float) -> float:
    """0..1: how close a candidate lies to the confidently placed *other* toponyms.

    1 within PROX_NEAR_KM of one of them, falling off with log distance to 0 at
    PROX_FAR_KM; the weight of each anchor is its own confidence.
    """
    best = 0.0
    coslat = math.cos(math.radians(lat))
    for k, plat, plon, w in ctx.points or ():
        if k == key or w <= best:
            continue
        dx = (plon - lon) * coslat
        d = 111.2 * math.hypot(plat - lat, dx if dx < 180 else 360 - dx)
        if d <= PROX_NEAR_KM:
            f = 1.0
        elif d >= PROX_FAR_KM:
            continue
        else:
            f = 1 - math.log(d / PROX_NEAR_KM) / math.log(PROX_FAR_KM / PROX_NEAR_KM)
        best = max(best, w * f)
    return best


def prominence(pop: int) -> float:
    return math.log10(pop + 1) / 7  # 1 ~ a city of 10 million


def score(
    ctx: GeoContext,
    *,
    iso: str,
    a1: str,
    pop: int,
    feature: str,
    alternate: int,
    via_skeleton: bool,
    region_word: bool,
    namesake_town: bool,
    offset: int | tuple[int, ...],
    key: str = "",
    lat: float | None = None,
    lon: float | None = None,
    neighbours: tuple[str, ...] | list[str] = (),
) -> float:
    s = prominence(pop) if feature not in ("country",) else 0.9
    strength = ctx.country_strength(iso, key) if ctx.countries.get(iso) else 0.0
    if feature == "country":  # a country's name names it: as much as any mention of it
        strength = max(strength, W_COUNTRY_SELF)
    if strength:
        s += W_COUNTRY * min(1.0, strength)
        if ctx.near(iso, offset):
            s += W_NEAR / 2
    else:
        s += W_IMPLICIT * min(1.0, ctx.votes(iso, key) / 3)
        border = max((ctx.country_strength(n, key) for n in neighbours if ctx.countries.get(n)), default=0.0)
        s += W_NEIGHBOUR * min(1.0, border)
    code = f"{iso}.{a1}"
    if a1:  # other toponyms lie in this admin1 ("Culiacán, Sinaloa")
        s += W_IMPLICIT_A1 * min(1.0, ctx.votes(code, key) / 2)
    if a1 and ctx.admin1.get(code) and feature != "admin1":
        s += W_ADMIN1
        if ctx.near(code, offset):
            s += W_NEAR
    if alternate:  # 1: matched an alternate name; 2: one that other candidates bear as their own
        # GeoNames' own name is often a transliteration ("Janīn") and the English one an
        # alternate: the more prominent the place, the less an alternate name says against it.
        s += W_ALTERNATE * (1 - min(1.0, prominence(pop))) + (W_SHADOWED if alternate == 2 else 0.0)
    if via_skeleton:
        s += W_SKELETON
    if feature in ("admin1", "admin2"):
        if region_word:
            s += W_REGION_WORD
        elif namesake_town:
            s += W_REGION_OVER_TOWN
    if ctx.points and lat is not None and feature not in ("country", "continent"):
        s += W_PROX * proximity(ctx, key, lat, lon)
    if feature in ("supplement", "district"):
        s += 0.3  # hand-checked entries exist because the town matters in conflict news
    return s
