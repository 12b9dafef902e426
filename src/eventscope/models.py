"""The records that flow between stages.

Every value an analyst sees carries the article offsets that support it
(`Span`) and, where it has one, its precision. Stages pass these dataclasses,
never positional tuples, so adding a field never breaks a caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PublishedSource = Literal["metadata", "html", "text", "url"]
DatePrecision = Literal["day", "week", "month", "year", "range"]

#: ACLED time_precision codes for our date precisions.
TIME_PRECISION: dict[str, int] = {"day": 1, "week": 2, "month": 3, "year": 3, "range": 3}


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) into `Article.text`, with the covered text."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Article:
    """One report, as read from a file, an HTML page or a JSONL line."""

    id: str
    text: str
    source: str  # the input file name (or file:line for JSONL), shown to users
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    published_source: PublishedSource | None = None
    language: str | None = None
    kind: Literal["text", "html", "jsonl"] = "text"


@dataclass(frozen=True)
class FailedInput:
    """An input that could not become an article: where, why, and what to try."""

    source: str
    code: str  # a stable code from eventscope.errors.REASONS
    reason: str


@dataclass(frozen=True)
class Place:
    """A geocoded place. geonameid is None for supplement rows without one."""

    name: str
    lat: float | None
    lon: float | None
    country: str | None  # country name
    iso: str | None  # ISO 3166-1 alpha-2
    admin1: str | None
    geonameid: int | None = None
    feature: str = "city"  # city | district | admin1 | country | supplement
    geo_precision: int = 1  # ACLED: 1 town, 2 near/district/part of, 3 province or wider
    source: str = "geonames"


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    span: Span


@dataclass(frozen=True)
class ActorMention:
    """An actor named in the text, resolved to its canonical name."""

    name: str  # canonical, e.g. "Islamic State of Iraq and the Levant"
    actor_type: str  # ACLED actor type name, e.g. "Rebel group", "State forces"
    span: Span
    country: str | None = None  # ISO alpha-2 where the actor is national
    is_claim_source: bool = False  # monitors, outlets, "activists"


@dataclass(frozen=True)
class DateValue:
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY; None for an unresolved range
    precision: DatePrecision
    span: Span | None

    @property
    def time_precision(self) -> int:
        return TIME_PRECISION[self.precision]


@dataclass(frozen=True)
class Fatalities:
    best: int  # ACLED's conservative figure
    low: int
    high: int | None
    span: Span


@dataclass(frozen=True)
class Claim:
    source: str | None  # "Syrian Observatory for Human Rights", "activists", "reports"
    span: Span | None
    verified: bool = True
    verified_span: Span | None = None  # the "could not be independently verified" words


@dataclass
class Mention:
    """One article's account of one incident, with the evidence behind each field."""

    article_id: str
    event_type: str
    sub_event_type: str
    evidence: Span  # the sentence (or list item) the incident comes from
    trigger: Span
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    associated: list[ActorMention] = field(default_factory=list)
    place: PlaceMention | None = None
    date: DateValue | None = None
    fatalities: Fatalities | None = None
    claim: Claim = field(default_factory=lambda: Claim(None, None))
    confidence: float = 0.5
    id: str = ""
    event_id: str | None = None


@dataclass(frozen=True)
class Relation:
    a: str
    b: str
    kind: Literal["allied", "hostile", "affiliated", "split_from", "part_of"]
    article_id: str
    evidence: Span
    basis: Literal["statement", "incident"] = "statement"
    date: str | None = None


@dataclass
class ArticleResult:
    """What extraction made of one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # Named actors and countries of the whole article: what story clustering compares.
    actors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
