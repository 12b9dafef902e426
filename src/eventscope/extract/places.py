"""Which of a sentence's places is where the incident happened.

A sentence names places for many reasons: "In Douma, a town close to the
capital, Damascus, ..." happened in Douma; "the Aleppo village of Kafr
Takharim" happened in the village; "Atareb, Aleppo province" in the town.
Rules here drop places that only locate another one, keep coordinated places
("in Saraqeb and Kafranbel") as separate incident sites, and set ACLED
geo_precision from the words around the place ("suburbs of", "near").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.lang.en.stop_words import STOP_WORDS

from eventscope.extract.dates import WEEKDAYS
from eventscope.extract.roles import GENERIC_PREFIXES
from eventscope.models import ActorMention, Place, PlaceMention, Span
from eventscope.resolve.gazetteer import Toponym

# "close to the capital, Damascus" / "near Homs" / "north of Kabul": the place is a reference point.
_REFERENCE_BEFORE = re.compile(
    r"(?:\bnear(?:by)?|\bclose to|\boutside(?: of)?|\bon the outskirts of|\b(?:north|south|east|west|"
    r"north-?east|north-?west|south-?east|south-?west)(?:ern)? of|\bkm (?:from|of)|\bkilometres (?:from|of)|"
    r"\bmiles (?:from|of)|\bfrom)(?:\s+the\s+(?:capital|city|town|provincial capital|border))?[\s,]*$",
    re.IGNORECASE,
)
_NEAR_BEFORE = re.compile(
    r"(?:\bnear|\bclose to|\boutside|\boutskirts of|\bsuburbs? of|\b(?:north|south|east|west)(?:ern)? of|"
    r"\bsurrounding|\baround)[\s\w,-]{0,25}$", re.IGNORECASE)
_NEAR_AFTER = re.compile(r"^[\s,]*(?:suburbs?|outskirts|countryside|environs)", re.IGNORECASE)
_SUBURBS_IN_SENTENCE = re.compile(r"\b(?:suburbs?|outskirts|countryside)\b", re.IGNORECASE)
# "the Aleppo village of Kafr Takharim": the first place qualifies the second.
_QUALIFIER_AFTER = re.compile(r"^\s+(?:village|town|city|district|province|region|neighbou?rhood|"
                              r"suburb|area|governorate|state|county)\s+of\s", re.IGNORECASE)
_COORD_BETWEEN = re.compile(r"^\s*(?:,|and|&|or|as well as|, and)\s*$", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|on|into|across|inside|within|town of|city of|village of)\s+(?:the\s+)?"
                              r"(?:(?:central|downtown|northern|southern|eastern|western|north-?eastern|"
                              r"north-?western|south-?eastern|south-?western|greater|old|besieged|"
                              r"[\w-]+-(?:held|controlled|occupied))\s+)?$",
                              re.IGNORECASE)
# "a protest in Cairo in solidarity with Palestinians in Gaza": the place is the cause, not the site.
_TOPIC_BEFORE = re.compile(r"\b(?:solidarity with|in support of|support for|on behalf of|against the (?:war|occupation|"
                           r"siege|offensive|bombing) (?:in|on|of)|over the (?:war|situation|crisis|killings?) in|"
                           r"(?:war|conflict) in)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:in\s+)?$", re.IGNORECASE)

# "the Maiduguri police command said", "Kigali officials", "the North Kivu provincial government":
# the place names whose office speaks, not where the incident happened.
_OFFICE_AFTER = re.compile(
    r"^(?:'s)?\s+(?:(?:provincial|state|regional|district|local|city|municipal|county|military|health)\s+)?"
    r"(?:government|governor|governor's office|authorities|officials?|administration|council|police|"
    r"police (?:command|chief|spokes(?:man|woman|person))|ministry|health (?:ministry|department|office)|"
    r"spokes(?:man|woman|person)|mayor|prosecutors?|court)\b", re.IGNORECASE)

FEATURE_RANK = {"district": 0, "city": 0, "supplement": 0, "admin1": 1, "country": 2}


@dataclass(frozen=True)
class Located:
    place: Place
    span: Span


def is_part_of(inner: Place, outer: Place) -> bool:
    if outer.feature == "country":
        return inner.iso == outer.iso and inner.feature != "country"
    if outer.feature == "admin1":
        return inner.iso == outer.iso and inner.admin1 == outer.admin1 and inner.feature != "admin1"
    return False


def incident_places(text: str, sent_start: int, located: list[Located]) -> list[PlaceMention]:
    """The incident site(s) among a sentence's resolved places, with geo_precision set."""
    if not located:
        return []
    keep = list(located)
    # Drop places that only contain another named place (province, country of a town).
    keep = [p for p in keep if not any(is_part_of(q.place, p.place) for q in keep if q is not p)]
    # Drop "Idlib" in "Saraqeb and Kafranbel, Idlib": a province named after the towns it holds.
    keep = [p for p in keep if not any(_qualifies_previous(text, q, p) for q in keep)]
    # Drop a place that qualifies the next one ("the Aleppo village of X").
    keep = [p for p in keep if not _QUALIFIER_AFTER.match(text[p.span.end:p.span.end + 20])]
    # Places that name a speaking office, the cause a crowd stands for, or a reference point
    # give way to a place without that role, in that order.
    keep = _unless_alone(keep, lambda p: bool(_OFFICE_AFTER.match(text[p.span.end:p.span.end + 50])))
    keep = _unless_alone(keep, lambda p: bool(
        _TOPIC_BEFORE.search(text[max(sent_start, p.span.start - 60):p.span.start])))
    keep = _unless_alone(keep, lambda p: bool(
        _REFERENCE_BEFORE.search(text[max(sent_start, p.span.start - 40):p.span.start])))
    if not keep:
        return []
    keep.sort(key=lambda p: p.span.start)
    best_rank = min(FEATURE_RANK.get(p.place.feature, 0) for p in keep)
    keep = [p for p in keep if FEATURE_RANK.get(p.place.feature, 0) == best_rank]
    sites = _coordinated_group(text, keep)
    out: list[PlaceMention] = []
    seen: set[tuple] = set()
    for p in sites:
        place = _with_precision(text, sent_start, p)
        key = (place.geonameid, place.name, place.iso)
        if key in seen:
            continue
        seen.add(key)
        out.append(PlaceMention(place, p.span))
    return out


def _unless_alone(places: list[Located], role: Callable[[Located], bool]) -> list[Located]:
    """Drop the places that have `role` when some place without it remains."""
    others = [p for p in places if not role(p)]
    return others if others else places


def _fold(s: str | None) -> str:
    return unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().casefold().replace("-", " ")


def _qualifies_previous(text: str, q: Located, p: Located) -> bool:
    """p names the province of q right after it: "Atareb, Aleppo province", "Saraqeb, Idlib"."""
    if q.span.end > p.span.start or q.place.admin1 is None:
        return False
    gap = text[q.span.end:p.span.start]
    return gap.strip() == "," and _fold(q.place.admin1).startswith(_fold(p.span.text))


def _coordinated_group(text: str, places: list[Located]) -> list[Located]:
    """The first run of coordinated places ("Hazzano and Maarat Misreen"), else the preferred one."""
    groups: list[list[Located]] = [[places[0]]]
    for prev, cur in zip(places, places[1:], strict=False):
        if _COORD_BETWEEN.match(text[prev.span.end:cur.span.start]):
            groups[-1].append(cur)
        else:
            groups.append([cur])
    multi = [g for g in groups if len(g) > 1]
    if multi:
        return multi[0]
    locative = [g for g in groups if _LOCATIVE_BEFORE.search(text[max(0, g[0].span.start - 20):g[0].span.start])]
    return (locative or groups)[0][:1]


def _with_precision(text: str, sent_start: int, p: Located) -> Place:
    place = p.place
    if place.feature in ("admin1", "country"):
        return replace(place, geo_precision=3)
    before = text[max(sent_start, p.span.start - 40):p.span.start]
    after = text[p.span.end:p.span.end + 25]
    near = bool(_NEAR_BEFORE.search(before) or _NEAR_AFTER.match(after))
    sentence_suburbs = bool(_SUBURBS_IN_SENTENCE.search(text, sent_start, _sentence_end(text, p.span.end)))
    if near or sentence_suburbs or place.feature == "district":
        return replace(place, geo_precision=max(place.geo_precision, 2))
    return place


def _sentence_end(text: str, pos: int) -> int:
    """End of the sentence holding pos: suburbs named later in it still qualify the place."""
    stops = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return min(stops) if stops else len(text)


#: Too large to be someone's name in practice; the recogniser is not asked about them.
_NEVER_A_PERSON = ("country", "admin1")
#: "in Bloomington", "from Elathur", "in a Johnstone flat": after these a name is a place,
#: whatever the recogniser says (the small model calls many small towns PERSON).
_PLACE_CUE_BEFORE = re.compile(r"\b(?:in|at|near|of|from|outside|to|into|around|across|towards?|between|"
                               r"via|through)\s+(?:(?:the|a|an)\s+)?$", re.IGNORECASE)


_NAME_BESIDE = re.compile(r"[A-Z][\w'’-]+")
#: Capitalised words that open sentences or name days, not people.
_NOT_NAMES = frozenset(STOP_WORDS) | frozenset(WEEKDAYS) | {"police", "army", "state", "city", "province",
                                                             "district"}


def _could_be_a_name(text: str, top: Toponym, place: Place, start: int) -> bool:
    """Worth asking the recogniser: a small place, not introduced as one, with another
    capitalised word right beside it ("Chima Ikwunado", "Natividad Castro")."""
    if place.feature in _NEVER_A_PERSON or _PLACE_CUE_BEFORE.search(text[max(start, top.start - 12):top.start]):
        return False
    after = _NAME_BESIDE.match(text, top.end + 1) if text[top.end:top.end + 1] == " " else None
    before = text[max(start, top.start - 30):top.start]
    word = before.rstrip().rsplit(" ", 1)[-1] if before.endswith(" ") else ""
    return any(w and _NAME_BESIDE.fullmatch(w) and w.lower() not in _NOT_NAMES
               for w in (after.group() if after else "", word))


def drop_person_names(text: str, windows: list[tuple[int, int]], resolved: list[list[tuple[Toponym, Place]]],
                      persons: Callable[[list[str]], list[list[tuple[int, int]]]]
                      ) -> list[list[tuple[Toponym, Place]]]:
    """Each window's (toponym span, place) pairs less those that are part of a longer
    PERSON entity ("Chima Ikwunado", "Salem Haddad") and not introduced as a place ("in",
    "from", "near" ... just before it). A PERSON that is the toponym alone is not enough:
    the small recogniser calls many towns PERSON ("the Abuja court", "Johnstone"), and on
    HRDsAttack train+dev that veto lost more places than it saved.

    `windows` are the sentences' (start, end) offsets in `text`; `persons` is the entity
    recogniser (see `nlp.entities`), called once, on the windows where some toponym could
    be part of a name (see `_could_be_a_name`).
    """
    maybe = [[_could_be_a_name(text, top, p, windows[k][0]) for top, p in pairs] for k, pairs in enumerate(resolved)]
    ask = [k for k, flags in enumerate(maybe) if any(flags)]
    found = persons([text[windows[k][0]:windows[k][1]] for k in ask])
    out = list(resolved)
    for k, spans in zip(ask, found, strict=True):
        base = windows[k][0]
        out[k] = [(top, p) for (top, p), flag in zip(resolved[k], maybe[k], strict=True)
                  if not flag or not any(a <= top.start - base and top.end - base <= b and b - a > top.end - top.start
                                         for a, b in spans)]
    return out


def drop_named_actors(located: dict[int, list[Located]],
                      actors: dict[int, list[ActorMention]]) -> dict[int, list[Located]]:
    """Each sentence's places less those inside a named group's name: "Shabab" is a town in
    Iran, but in "al-Shabab captured the base" it is the group. Generic actors built around
    a place ("Jubbaland militias", "Military Forces of Mali") keep their place."""
    out = {}
    for k, places in located.items():
        named = [a.span for a in actors.get(k, []) if not a.is_claim_source and "(" not in a.name
                 and not a.name.startswith(GENERIC_PREFIXES)]
        out[k] = [p for p in places if not any(n.start <= p.span.start and p.span.end <= n.end for n in named)]
    return out
