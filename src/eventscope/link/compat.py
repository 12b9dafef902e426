"""When two mentions can be one incident: the pairwise rules of event linking.

A mention row becomes `Facts` once (its date as an interval of days, its place
as precise or containing, its named actors). `conflict` says two mentions
cannot be one incident whatever else agrees; `link` says they can, by which
rule and how strongly. The rules, strictest first (the score's base):

- strict (3): same ACLED event type, dates within DAY_SLACK, places within
  MAX_KM or the same GeoNames id.
- within precision (2): a week, month or year date that contains the other's.
- contains (2): a province- or country-level place that contains the other's.
- same article (2): an article telling one incident twice: undated (the same
  kind of incident, or another kind with the same toll), or on the same day
  with the same sub-event type, at the same site (within SAME_SITE_KM; a list
  of nearby villages is a list of incidents).
- same story (1): an undated mention from another outlet of the same story,
  published within UNDATED_WINDOW_DAYS after the other's date, same kind of
  incident at the same site.
- close types (1): two ACLED types outlets use for one incident (an attack on
  civilians / an air strike or bombing; a protest / a violent demonstration),
  inside one story, same day, same place, and the same named perpetrator
  (actor1) or the same toll. An attack on civilians and an armed clash are
  never merged: the army's fight with the attackers is its own incident.

Dates that are not the same day (a day apart, or a coarser precision) need the
same kind of incident (sub-event FAMILY); two kinds on the same day in one
town are one incident told two ways ("shells" / "bombs"), but a province-level
place needs a shared named actor or the same toll for that. The same kind
scores higher, so it wins when both kinds are on offer. Other dated mentions
of one article are distinct incidents (the writer told them apart), and two
precise places more than MAX_KM apart are distinct towns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

MAX_KM = 25.0
SAME_SITE_KM = 5.0  # an undated mention must name the same site, not a town nearby
DAY_SLACK = 1
UNDATED_WINDOW_DAYS = 7
WEEK_HALF = 3

# Sub-event types outlets use for one kind of incident ("missile strike" / "air strike").
FAMILY = {
    "Armed clash": "clash",
    "Government regains territory": "territory", "Non-state actor overtakes territory": "territory",
    "Air/drone strike": "strike", "Shelling/artillery/missile attack": "strike", "Chemical weapon": "strike",
    "Remote explosive/landmine/IED": "bomb", "Suicide bomb": "bomb", "Grenade": "bomb",
    "Peaceful protest": "protest", "Protest with intervention": "protest",
    "Excessive force against protesters": "protest",
    "Violent demonstration": "riot", "Mob violence": "riot",
}
VAC, EXPLOSIONS = "Violence against civilians", "Explosions/Remote violence"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def date_span(value: str | None, precision: str | None) -> tuple[int, int, str] | None:
    """(first day, last day, precision) of a mention date as ordinals; None when undated."""
    if not value:
        return None
    try:
        if len(value) == 10:
            d = date.fromisoformat(value).toordinal()
            # a week-precision value is at most WEEK_HALF days from the true day (extract.dates)
            return (d - WEEK_HALF, d + WEEK_HALF, "week") if precision == "week" else (d, d, "day")
        if len(value) == 7:
            first = date.fromisoformat(value + "-01")
            nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return first.toordinal(), nxt.toordinal() - 1, "month"
        if len(value) == 4:
            y = int(value)
            return date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal(), "year"
    except ValueError:
        return None
    return None


def _ordinal(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value[:10]).toordinal() if value and len(value) >= 10 else None
    except ValueError:
        return None


@dataclass(slots=True)
class Facts:
    """What linking needs of one mention row, computed once."""

    id: str
    article: str
    story: str | None
    published: int | None
    event_type: str
    sub: str
    family: str
    span: tuple[int, int, str] | None
    months: tuple[int, ...]  # year * 12 + month - 1 of each month the span touches
    years: tuple[int, ...]
    iso: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    gid: int | None
    precise: bool
    coarse: bool
    actor1: str | None
    named: frozenset[str]
    toll: int | None

    @classmethod
    def of(cls, m: dict[str, Any], stories: dict[str, str] | None = None) -> Facts:
        has_xy = m.get("lat") is not None and m.get("lon") is not None
        gp = m.get("geo_precision") or 1
        coarse = m.get("iso") is not None and (gp >= 3 or (m.get("location") is not None
                                                           and m.get("location") == m.get("country")))
        actors = {m.get("actor1"), m.get("actor2")} - {None}
        span = date_span(m.get("date"), m.get("date_precision"))
        ends = [] if span is None else [m["date"]] if span[2] == "day" else \
            [date.fromordinal(o).isoformat() for o in (span[0], span[1])]
        return cls(
            id=m["id"], article=m["article_id"], story=(stories or {}).get(m["article_id"]),
            published=_ordinal(m.get("published")), event_type=m["event_type"],
            sub=m.get("sub_event_type") or m["event_type"],
            family=FAMILY.get(m.get("sub_event_type") or "", m.get("sub_event_type") or m["event_type"]),
            span=span, months=tuple(sorted({int(d[:4]) * 12 + int(d[5:7]) - 1 for d in ends})),
            years=tuple(sorted({int(d[:4]) for d in ends})), iso=m.get("iso"), admin1=m.get("admin1"),
            location=m.get("location"), lat=m.get("lat"), lon=m.get("lon"), gid=m.get("geonameid"),
            precise=has_xy and not coarse, coarse=coarse,
            actor1=m.get("actor1"), named=frozenset(a for a in actors if "(" not in a),
            toll=m.get("fatalities"))

    @property
    def dated(self) -> bool:
        return self.span is not None


@dataclass(frozen=True, slots=True)
class Link:
    score: float
    rule: str
    why: str

    same_kind: bool = True

    @property
    def loose(self) -> bool:
        """Not a strict link of the same kind of incident: a tie between two events is then ambiguous."""
        return self.rule != "strict" or not self.same_kind


def _dates_overlap(a: Facts, b: Facts) -> bool:
    """Whether two dated mentions can be one incident's. Two days that far apart only
    conflict beyond 2 * DAY_SLACK: each may be a day off the incident's own date."""
    assert a.span is not None and b.span is not None
    slack = 2 * DAY_SLACK if a.span[2] == b.span[2] == "day" else DAY_SLACK
    return a.span[0] <= b.span[1] + slack and b.span[0] <= a.span[1] + slack


def _km(a: Facts, b: Facts) -> float | None:
    if a.precise and b.precise:
        return haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
    return None


def _contains(coarse: Facts, other: Facts) -> bool:
    return coarse.admin1 is None or coarse.admin1 == other.admin1


def conflict(a: Facts, b: Facts) -> str | None:
    """Why a and b cannot be one incident, or None."""
    if a.article == b.article and a.dated and b.dated and not _restatement(a, b):
        return "two dated mentions of one article"
    if a.iso and b.iso and a.iso != b.iso:
        return "different countries"
    if a.dated and b.dated and not _dates_overlap(a, b):
        return "dates too far apart"
    if a.gid is not None and a.gid == b.gid:
        return None
    km = _km(a, b)
    if km is not None and km > MAX_KM:
        return f"places {km:.0f} km apart"
    if (a.coarse or b.coarse) and a.iso and b.iso and not (
            (a.coarse and _contains(a, b)) or (b.coarse and _contains(b, a))):
        return "place outside the other's province"
    return None


def _same_site(a: Facts, b: Facts) -> bool:
    if a.gid is not None and a.gid == b.gid:
        return True
    km = _km(a, b)
    return km is not None and km <= SAME_SITE_KM


def _restatement(a: Facts, b: Facts) -> bool:
    """One article telling one incident twice: same day, same sub-event type, same site
    (ACLED codes one event per day, place and type)."""
    return (a.span is not None and b.span is not None and a.span[2] == b.span[2] == "day"
            and a.span[0] == b.span[0] and a.sub == b.sub and a.event_type == b.event_type and _same_site(a, b))


def _place(a: Facts, b: Facts) -> tuple[str, float, str] | None:
    """(kind, km, words) when the places can be one site: same, near or contains."""
    if a.gid is not None and a.gid == b.gid:
        return "same", 0.0, f"same place ({a.location})"
    km = _km(a, b)
    if km is not None:
        return ("near", km, f"places {km:.0f} km apart") if km <= MAX_KM else None
    for c, o in ((a, b), (b, a)):
        if c.coarse and o.iso and _contains(c, o):
            return "contains", 0.0, f"{c.location} contains {o.location}"
    return None


def close_types(a: Facts, b: Facts) -> bool:
    """Different ACLED types that outlets use for one incident."""
    pair = {(a.event_type, a.sub), (b.event_type, b.sub)}
    types = {a.event_type, b.event_type}
    if types == {VAC, EXPLOSIONS}:
        return (VAC, "Attack") in pair
    if types == {"Protests", "Riots"}:
        return ("Riots", "Violent demonstration") in pair
    return False


def partner_types(f: Facts) -> tuple[str, ...]:
    """The event types f could link with: its own, and those `close_types` may pair it with."""
    if f.event_type == VAC:
        return (VAC, EXPLOSIONS) if f.sub == "Attack" else (VAC,)
    if f.event_type == EXPLOSIONS:
        return (EXPLOSIONS, VAC)
    if f.event_type == "Protests":
        return ("Protests", "Riots")
    if f.event_type == "Riots":
        return ("Riots", "Protests") if f.sub == "Violent demonstration" else ("Riots",)
    return (f.event_type,)


def link(a: Facts, b: Facts, same_kind_only: bool = False) -> Link | None:
    """Whether a and b can be one incident (callers check `conflict` first), by which rule.

    `same_kind_only` admits only the same event type and sub-event family.
    """
    place = _place(a, b)
    if place is None:
        return None
    kind, km, where = place
    same_type = a.event_type == b.event_type
    if not same_type and not close_types(a, b):
        return None
    if same_kind_only and not (same_type and a.family == b.family):
        return None
    evidence = []
    same_actor1 = a.actor1 is not None and a.actor1 == b.actor1 and "(" not in a.actor1
    shared = sorted(a.named & b.named)
    if shared:
        evidence.append("shared actor " + ", ".join(shared))
    if a.toll is not None and a.toll > 0 and a.toll == b.toll:
        evidence.append(f"same toll {a.toll}")
    same_story = a.story is not None and a.story == b.story
    same_day = False
    if a.span and b.span and a.article == b.article:
        if not _restatement(a, b):
            return None
        same_day = True
        rule, base, when = "same article", 2.0, "same day restatement"
    elif a.span and b.span:
        both_days = a.span[2] == b.span[2] == "day"
        gap = abs(a.span[0] - b.span[0])
        if both_days and gap > DAY_SLACK:
            return None
        same_day = both_days and gap == 0
        if not same_type:
            toll = any(e.startswith("same toll") for e in evidence)
            if not (same_story and same_day and kind != "contains" and (same_actor1 or toll)):
                return None
            rule, base, when = "close types", 1.0, f"{a.sub} ~ {b.sub}, same day"
        else:
            if a.family != b.family and not (same_day and (kind != "contains" or evidence)):
                return None
            when = "same day" if same_day else f"dates {gap} day(s) apart" if both_days else \
                f"dates within {a.span[2] if a.span[2] != 'day' else b.span[2]} precision"
            rule = "contains" if kind == "contains" else "strict" if both_days else "within precision"
            base = 3.0 if rule == "strict" else 2.0
    else:  # undated: only the same site, and the same kind of incident unless the toll says so
        same_kind = same_type and a.family == b.family
        if kind == "contains" or km > SAME_SITE_KM:
            return None
        if a.article == b.article:
            if not (same_kind or any(e.startswith("same toll") for e in evidence)):
                return None
            rule, base, when = "same article", 2.0, "undated restatement"
        else:
            if not (same_kind and same_story and _undated_window(a, b)):
                return None
            rule, base, when = "same story", 1.0, "undated, published within a week"
    score = (base + 0.5 * (a.sub == b.sub) + 0.3 * same_day + 0.3 * (kind == "same") + 0.3 * bool(shared)
             + 0.2 * any(e.startswith("same toll") for e in evidence) - min(km, MAX_KM) / 100)
    why = ", ".join([rule, *(["same type"] if same_type else []), when, where, *evidence])
    return Link(round(score, 4), rule, why, same_type and a.family == b.family)


def _undated_window(a: Facts, b: Facts) -> bool:
    """An undated mention reports something from the week before its article's publication."""
    undated, other = (a, b) if a.span is None else (b, a)
    if undated.published is None:
        return False
    if other.span is None:
        return other.published is not None and abs(other.published - undated.published) <= UNDATED_WINDOW_DAYS
    return other.span[0] <= undated.published and other.span[1] >= undated.published - UNDATED_WINDOW_DAYS
