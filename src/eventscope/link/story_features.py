"""What an article brings to story linking, and how two of those are compared.

A story is what several articles are about, whatever the subject: an earthquake, a
coach fired, a product recalled, a battle. Two signals carry it in any kind of news:
the words of the title and lead (TF-IDF) and the names in them (people, teams,
companies, places). The names are what tell two stories of one kind apart (one
singer's rehab from another's, one church fire from another), so they form a vector
of their own. Conflict news adds what extraction found: named actors, GeoNames places
and countries.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from sys import intern
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from eventscope.extract.dates import MONTH_NAMES, WEEKDAYS

GENERIC_MARKERS = ("(", "Military Forces of", "Police Forces of")
_TERM = re.compile(r"[A-Za-z][A-Za-z'\-]{2,}|\d[\d,.]*\d|\d")
#: A run of capitalised words, with the particles names carry inside them ("Bank of England").
_NAME = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:(?:of|de|del|al|bin|van|von|la|le)\s+)?[A-Z][\w'’\-]*)*")
_TITLE_CASE = 0.6  # a title with this share of capitalised words is styled, not named
_LOWER_WORD = re.compile(r"\b[a-z][\w'’\-]*")
_POSSESSIVE = re.compile(r"['’]s$")
#: Capitalised but not names: every story has a weekday and a month.
_CALENDAR = frozenset(WEEKDAYS) | frozenset(MONTH_NAMES)


def named_actors(actors: Sequence[str]) -> set[str]:
    """Named actors only: "Rebels (Syria)" or "Military Forces of Syria" say nothing of a story."""
    return {a for a in actors if not any(g in a for g in GENERIC_MARKERS)}


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return list(json.loads(value or "[]"))
    return list(value)


def day_of(published: str | None) -> int | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def lead_of(title: str | None, text: str | None, lead_words: int) -> str:
    return (title or "") + "\n" + " ".join((text or "").split()[:lead_words])


def _word(w: str) -> str:
    return _POSSESSIVE.sub("", w.strip("'’-.,")).strip("'’-")


def _content(text: str) -> list[str]:
    """Content words, interned: thousands of articles of one pass share their vocabulary."""
    return [intern(t) for t in (w.strip("'-.,") for w in _TERM.findall(text.lower())) if t and t not in STOP_WORDS]


def lead_terms(title: str | None, text: str | None, lead_words: int,
               title_weight: float = 1.0) -> Counter[str]:
    """Content words and numbers of the title and the first `lead_words` words of the text.

    Numbers stay: a toll, a sum or an age is often what two reports of one incident share.
    """
    out: Counter[str] = Counter(_content(" ".join((text or "").split()[:lead_words])))
    for t in _content(title or ""):
        out[t] += title_weight
    return out


def _title_case(title: str) -> bool:
    words = [w for w in title.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= _TITLE_CASE * len(words)


def lead_names(title: str | None, text: str | None, lead_words: int) -> Counter[str]:
    """Names in the lead: each run of capitalised words whole, and its words at half weight.

    A lone capitalised word opening a sentence that the lead also writes in lower case
    ("Police said ...", "... the police") is not a name. A title set in title case or
    capitals names nothing by its capitals, so only the body is read then.
    """
    body = " ".join((text or "").split()[:lead_words])
    source = body if (title is None or _title_case(title) or title.isupper()) else f"{title}\n{body}"
    lowered = {_word(w) for w in set(_LOWER_WORD.findall(source))}
    out: Counter[str] = Counter()
    for m in _NAME.finditer(source):
        words = [_word(w).lower() for w in m.group().split()]
        words = [w for w in words if w and w not in STOP_WORDS and w not in _CALENDAR]
        if not words:
            continue
        if len(words) == 1:
            before = source[max(0, m.start() - 3):m.start()]
            opening = m.start() == 0 or "\n" in before or before.rstrip()[-1:] in (".", "!", "?", '"', "“", ":")
            if not (opening and words[0] in lowered):
                out[words[0]] += 1.0
            continue
        out[" ".join(words)] += 1.0
        for w in words:
            out[w] += 0.5
    return out


def tfidf(counts: Counter[str], idf: dict[str, float], power: float = 1.0) -> dict[str, float]:
    """Unit-length sublinear TF-IDF vector (terms in first-seen order, so sums repeat)."""
    vec = {t: (1 + math.log(c) if c >= 1 else c) * idf[t] ** power for t, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
    return {t: w / norm for t, w in vec.items()}


def idf_table(dfs: Counter[str], n: int) -> dict[str, float]:
    return {k: math.log((1 + n) / (1 + v)) + 1.0 for k, v in dfs.items()}


def overlap(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """IDF-weighted set cosine: shared weight over the geometric mean of both sides' weights.

    Not the overlap coefficient: one shared actor out of one must not count as a
    full match against an article naming five.
    """
    if not a or not b:
        return 0.0
    # Sorted sums: set order follows the per-process string hash, float sums must not.
    shared = sum(idf[x] for x in sorted(a & b))
    return shared / math.sqrt(sum(idf[x] for x in sorted(a)) * sum(idf[x] for x in sorted(b))) if shared else 0.0


@dataclass
class Centroid:
    """The sum of a story's unit vectors, with its squared norm kept as members join."""

    weights: dict[str, float] = field(default_factory=dict)
    sq_norm: float = 0.0

    def add(self, vec: dict[str, float]) -> None:
        w = self.weights
        self.sq_norm += sum(2 * w.get(t, 0.0) * x + x * x for t, x in vec.items())
        for t, x in vec.items():
            w[t] = w.get(t, 0.0) + x

    def remove(self, vec: dict[str, float]) -> None:
        w = self.weights
        self.sq_norm += sum(x * x - 2 * w.get(t, 0.0) * x for t, x in vec.items())
        for t, x in vec.items():
            left = w.get(t, 0.0) - x
            if abs(left) < 1e-12:
                w.pop(t, None)
            else:
                w[t] = left
        self.sq_norm = max(self.sq_norm, 0.0)

    def absorb(self, other: Centroid) -> None:
        for t in sorted(other.weights):
            self.weights[t] = self.weights.get(t, 0.0) + other.weights[t]
        self.sq_norm = sum(x * x for x in self.weights.values())

    def cosine(self, vec: dict[str, float]) -> float:
        if self.sq_norm <= 0.0:
            return 0.0
        w = self.weights
        return sum(x * w.get(t, 0.0) for t, x in vec.items()) / math.sqrt(self.sq_norm)


@dataclass
class ArticleFeatures:
    """One article as story linking sees it."""

    id: str
    day: int | None
    published: str | None
    actors: set[str]
    places: set[str]
    countries: set[str]
    events: set[str]
    wire: str | None
    terms: Counter[str]
    names: Counter[str]
    vec: dict[str, float] = field(default_factory=dict)
    nvec: dict[str, float] = field(default_factory=dict)
    emb: list[float] | None = None


def article_features(row: dict[str, Any], places: set[str], events: set[str], wire: str | None,
                     lead_words: int, name_words: int, title_weight: float) -> ArticleFeatures:
    """What an article row (id, published, title, text, actors, countries) brings to story linking."""
    return ArticleFeatures(
        id=row["id"], day=day_of(row.get("published")), published=row.get("published"),
        actors=named_actors(as_list(row.get("actors"))), places=set(places),
        countries=set(as_list(row.get("countries"))), events=set(events), wire=wire,
        terms=lead_terms(row.get("title"), row.get("text"), lead_words, title_weight),
        names=lead_names(row.get("title"), row.get("text"), name_words))


@dataclass
class StoryState:
    """What a story's members have in common, kept up to date as they join and leave.

    Counters, not sets, so that a member can leave (the refinement pass) in the time
    of its own features rather than the story's.
    """

    members: list[str] = field(default_factory=list)
    text: Centroid = field(default_factory=Centroid)
    names: Centroid = field(default_factory=Centroid)
    emb: list[float] | None = None
    days: Counter[int] = field(default_factory=Counter)
    actors: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)
    wires: Counter[str] = field(default_factory=Counter)

    def _bags(self) -> tuple[Counter[str], ...]:
        return (self.actors, self.places, self.countries, self.events, self.wires)

    @staticmethod
    def _items(d: ArticleFeatures) -> tuple[set[str], ...]:
        return (d.actors, d.places, d.countries, d.events, {d.wire} if d.wire else set())

    def add(self, d: ArticleFeatures) -> None:
        self.members.append(d.id)
        self.text.add(d.vec)
        self.names.add(d.nvec)
        if d.emb is not None:
            self.emb = list(d.emb) if self.emb is None else [x + y for x, y in zip(self.emb, d.emb, strict=True)]
        if d.day is not None:
            self.days[d.day] += 1
        for bag, items in zip(self._bags(), self._items(d), strict=True):
            bag.update(items)

    def remove(self, d: ArticleFeatures) -> None:
        self.members.remove(d.id)
        self.text.remove(d.vec)
        self.names.remove(d.nvec)
        if d.emb is not None and self.emb is not None:
            self.emb = [x - y for x, y in zip(self.emb, d.emb, strict=True)]
        if d.day is not None:
            self.days.subtract([d.day])
        for bag, items in zip(self._bags(), self._items(d), strict=True):
            bag.subtract(items)
        for bag in (self.days, *self._bags()):
            for k in [k for k, v in bag.items() if v <= 0]:
                del bag[k]

    def absorb(self, other: StoryState) -> None:
        self.members += other.members
        self.text.absorb(other.text)
        self.names.absorb(other.names)
        if other.emb is not None:
            self.emb = other.emb if self.emb is None else [x + y for x, y in zip(self.emb, other.emb, strict=True)]
        self.days.update(other.days)
        for mine, theirs in zip(self._bags(), other._bags(), strict=True):
            mine.update(theirs)

    def span(self) -> tuple[int, int] | None:
        return (min(self.days), max(self.days)) if self.days else None
