"""Other ways to read a place name the gazetteer does not hold as written.

A span known to be a toponym (a gold span, a span another tagger found) may name
something the gazetteer has no row for, yet say where it is:

* a facility, river or part of a place: "Vancouver Art Gallery", "Port of Los Angeles",
  "South Los Angeles", "Readington Township" -> the place named inside it;
* an adjective or demonym of a region: "Ohioans", "Texan", "Ontarians", "European"
  -> the region ("Ohio", "Texas", "Ontario", "Europe").

These are pure functions from a name to candidate names, most specific first; the
gazetteer tries them in order and keeps the first that it knows, and only for large
features where a demonym is concerned (see `Gazetteer.resolve_name`).
"""

from __future__ import annotations

#: Words before a place that name a part of it or a thing at it ("South Los Angeles",
#: "Downtown Houston", "Port of Spain" is in the gazetteer itself and never gets here).
MODIFIERS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "upper", "lower", "greater", "downtown", "uptown", "midtown",
    "inner", "outer", "rural", "suburban", "metro", "metropolitan", "old", "new",
})
#: "Port of Los Angeles", "Town of Groton", "University of Kentucky": the place follows "of".
OF_HEADS = frozenset({
    "port", "town", "city", "village", "township", "county", "borough", "district", "province",
    "state", "commonwealth", "republic", "university", "college", "bay", "gulf", "isle", "island",
    "islands", "lake", "river", "mount", "valley", "suburbs", "outskirts", "centre", "center",
    "diocese", "archdiocese", "municipality", "governorate", "region", "kingdom", "emirate",
})
#: Demonym endings and the name endings they replace: "Ohio|ans", "Texa(s)|n", "Ontar(io)|ians".
_DEMONYM_SUFFIXES = ("ians", "ans", "ns", "ian", "an", "n", "ese", "ers", "er", "ites", "ite", "is", "i")
_NAME_ENDINGS = ("", "a", "ia", "o", "io", "e", "s", "y")


def backoffs(name: str, heads: frozenset[str]) -> list[str]:
    """Shorter names inside `name` that may say where it is, most specific first.

    Trailing head words go ("Vancouver Art Gallery" -> "Vancouver"), then a leading
    modifier ("South Los Angeles" -> "Los Angeles") or "<head> of" ("Port of Los
    Angeles" -> "Los Angeles"). At least one word is kept.
    """
    words = name.replace(".", " ").split()
    out: list[str] = []
    while len(words) > 1:
        low = [w.casefold() for w in words]
        if low[-1] in heads or low[-1] in ("twp", "township", "gallery", "memorial", "national"):
            words = words[:-1]
        elif len(words) > 2 and low[1] == "of" and low[0] in OF_HEADS:
            words = words[2:]
        elif low[0] in MODIFIERS or low[0] == "the":
            words = words[1:]
        else:
            break
        if words[0][:1].isupper():  # "on Friday" is no "On"
            out.append(" ".join(words))
    return out


def demonym_stems(name: str) -> list[str]:
    """Names a demonym or adjective may come from: "Ohioans" -> [..., "Ohio", ...].

    Only the last word changes ("South Ossetian" -> "South Ossetia"); the caller
    must check each against the gazetteer and keep only large features, since most
    of these strings are not names at all.
    """
    head, _, last = name.rpartition(" ")
    if len(last) < 5 or not last[:1].isupper():
        return []
    out: list[str] = []
    lower = last.casefold()
    for suffix in _DEMONYM_SUFFIXES:
        if not lower.endswith(suffix) or len(last) - len(suffix) < 3:
            continue
        stem = last[: len(last) - len(suffix)]
        for ending in _NAME_ENDINGS:
            cand = f"{head} {stem}{ending}".strip()
            if cand != name and cand not in out:
                out.append(cand)
    return out
