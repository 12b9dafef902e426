"""Rank a toponym's gazetteer candidates with document context (Mordecai-style).

Score = prominence (log population) + context (its country / admin1 named in the
article, and named close to the toponym) + name quality (primary name over an
alternate, exact key over skeleton) + feature fit ("X province" wants an admin1;
a bare name prefers the town over the region it gives its name to).
All weights are general rules; none mention a particular place.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

W_COUNTRY = 1.2  # the candidate's country is named in the article
W_ADMIN1 = 0.9  # its admin1 is named in the article
W_NEAR = 0.6  # ... within NEAR_CHARS of the toponym
W_IMPLICIT = 0.35  # its country is the likely country of other toponyms in the article
W_IMPLICIT_A1 = 0.5  # its admin1 is where other toponyms of the article lie
W_ALTERNATE = -0.25  # matched an alternate name, not the primary one
W_SKELETON = -0.6  # matched only by consonant skeleton
W_REGION_WORD = 2.0  # "province"/"state" follows and the candidate is an admin1
W_REGION_OVER_TOWN = -0.4  # admin1 whose namesake town is also a candidate
NEAR_CHARS = 250


@dataclass
class GeoContext:
    """What an article says about where it is: countries and admin1s named, with offsets."""

    countries: Counter[str] = field(default_factory=Counter)  # iso -> weight
    admin1: Counter[str] = field(default_factory=Counter)  # "SY.12" -> weight
    implicit: Counter[str] = field(default_factory=Counter)  # iso / "iso.a1" -> votes from toponyms
    own: dict[str, Counter[str]] = field(default_factory=dict)  # name key -> its own votes
    anchors: list[tuple[int, str]] = field(default_factory=list)  # (offset, iso or "iso.a1")

    def near(self, code: str, offset: int) -> bool:
        return any(abs(o - offset) <= NEAR_CHARS and c == code for o, c in self.anchors)

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

    def country_strength(self, iso: str) -> float:
        w = self.countries.get(iso, 0)
        return min(w, 3) / 3 * 1.5 if w else 0.0


def prominence(pop: int) -> float:
    return math.log10(pop + 1) / 7  # 1 ~ a city of 10 million


def score(
    ctx: GeoContext,
    *,
    iso: str,
    a1: str,
    pop: int,
    feature: str,
    alternate: bool,
    via_skeleton: bool,
    region_word: bool,
    namesake_town: bool,
    offset: int,
    key: str = "",
) -> float:
    s = prominence(pop) if feature not in ("country",) else 0.9
    if ctx.countries.get(iso):
        s += W_COUNTRY * min(1.0, ctx.country_strength(iso))
        if ctx.near(iso, offset):
            s += W_NEAR / 2
    else:
        s += W_IMPLICIT * min(1.0, ctx.votes(iso, key) / 3)
    code = f"{iso}.{a1}"
    if a1:  # other toponyms lie in this admin1 ("Culiacán, Sinaloa")
        s += W_IMPLICIT_A1 * min(1.0, ctx.votes(code, key) / 2)
    if a1 and ctx.admin1.get(code) and feature != "admin1":
        s += W_ADMIN1
        if ctx.near(code, offset):
            s += W_NEAR
    if alternate:
        s += W_ALTERNATE
    if via_skeleton:
        s += W_SKELETON
    if feature == "admin1":
        if region_word:
            s += W_REGION_WORD
        elif namesake_town:
            s += W_REGION_OVER_TOWN
    if feature in ("supplement", "district"):
        s += 0.3  # hand-checked entries exist because the town matters in conflict news
    return s
