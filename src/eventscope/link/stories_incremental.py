"""Stories that grow as articles arrive: a new run adds to the stories already stored.

Analysts follow a developing story over days, so story ids must be stable: an
article stored yesterday keeps its story id today, a story keeps its id when
articles join, and when a new article shows two stories are one, the older id
survives. Only new articles are compared, and only with articles that share a
blocking key (a named actor, a place, a salient title/lead term, an event, a
wire group) inside the time window, so the work grows near-linearly with the
store, never all-pairs.

Two articles link when they report a common event, are copies of one wire
dispatch, or when a weighted score of what they share reaches the threshold:
TF-IDF cosine of title + lead, IDF-weighted overlap of named actors and of
places (GeoNames ids of their mentions), and a shared country. Articles that
name countries but share none, or whose leads share almost no words, never
link on the score; shared actors and a country alone stay below the threshold
(on a dense synthetic year they chained unrelated stories together). An optional sentence
embedding (when a local model is importable) can only raise text similarity;
nothing requires it.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

Embedder = Callable[[list[str]], Sequence[Sequence[float]]]

GENERIC_MARKERS = ("(", "Military Forces of", "Police Forces of")
_TERM = re.compile(r"[a-z][a-z'\-]{2,}")


@dataclass(frozen=True)
class StoryParams:
    """The knobs of story linking; the defaults are what `eventscope run` uses."""

    window_days: int = 10
    threshold: float = 0.42  # named actors + a country alone (0.40) never make a story
    min_text: float = 0.05  # leads that share (almost) no words are not one story
    w_text: float = 0.45
    w_actors: float = 0.25
    w_places: float = 0.15
    w_country: float = 0.15
    lead_words: int = 150  # title + this many words of text form the compared "lead"
    block_terms: int = 8  # salient terms per article used as blocking keys
    max_posting: int = 300  # a key shared by more articles in one window blocks nothing
    pool_take: int = 60  # from a usable key, only its most recent articles are candidates
    max_candidates: int = 25  # scored candidates per new article (bounds the work per article)
    embedding_offset: float = 0.25  # embedding cosine minus this competes with TF-IDF cosine


@dataclass
class _Doc:
    id: str
    day: int | None
    published: str | None
    actors: set[str]
    places: set[str]
    countries: set[str]
    events: set[str]
    wire: str | None
    terms: Counter[str]
    vec: dict[str, float] = field(default_factory=dict)
    emb: list[float] | None = None


@dataclass(frozen=True)
class StoryAssignment:
    """article id -> story id for every article, and why each new article joined its story."""

    stories: dict[str, str]
    reasons: dict[str, str]
    merged: dict[str, str]  # story id that disappeared -> the older id that absorbed it


def named_actors(actors: Sequence[str]) -> set[str]:
    """Named actors only: "Rebels (Syria)" or "Military Forces of Syria" say nothing of a story."""
    return {a for a in actors if not any(g in a for g in GENERIC_MARKERS)}


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return list(json.loads(value or "[]"))
    return list(value)


def _day(published: str | None) -> int | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def lead_terms(title: str | None, text: str | None, lead_words: int) -> Counter[str]:
    """Content words of the title and the first `lead_words` words of the text."""
    words = ((title or "") + " " + " ".join((text or "").split()[:lead_words])).lower()
    return Counter(t.strip("'-") for t in _TERM.findall(words) if t not in STOP_WORDS)


def story_id_for(article_id: str) -> str:
    """The id a new story takes from its earliest article (same rule as `link.stories`)."""
    return "S" + hashlib.sha256(article_id.encode()).hexdigest()[:10]


def _age(doc: _Doc) -> tuple[str, str]:
    return (doc.published or "9999-99-99", doc.id)


def _overlap(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """IDF-weighted set cosine: shared weight over the geometric mean of both sides' weights.

    Not the overlap coefficient: one shared actor out of one must not count as a
    full match against an article naming five.
    """
    if not a or not b:
        return 0.0
    # Sorted sums: set order follows the per-process string hash, float sums must not.
    shared = sum(idf[x] for x in sorted(a & b))
    return shared / math.sqrt(sum(idf[x] for x in sorted(a)) * sum(idf[x] for x in sorted(b))) if shared else 0.0


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


class StoryLinker:
    """Holds the features of one linking pass; `run()` returns the assignment."""

    def __init__(self, articles: list[dict[str, Any]], mentions: list[dict[str, Any]],
                 existing: dict[str, str], wire_groups: dict[str, str],
                 params: StoryParams, embedder: Embedder | None) -> None:
        self.p = params
        self.existing = existing
        places: dict[str, set[str]] = defaultdict(set)
        events: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            if m.get("geonameid") is not None:
                places[m["article_id"]].add(str(m["geonameid"]))
            if m.get("event_id"):
                events[m["article_id"]].add(m["event_id"])
        self.docs: dict[str, _Doc] = {}
        for a in sorted(articles, key=lambda r: r["id"]):
            self.docs[a["id"]] = _Doc(
                id=a["id"], day=_day(a.get("published")), published=a.get("published"),
                actors=named_actors(_as_list(a.get("actors"))), places=places.get(a["id"], set()),
                countries=set(_as_list(a.get("countries"))), events=events.get(a["id"], set()),
                wire=wire_groups.get(a["id"]),
                terms=lead_terms(a.get("title"), a.get("text"), params.lead_words))
        self._weigh()
        if embedder is not None:
            self._embed(embedder, articles)

    # --- features -----------------------------------------------------------------------
    def _weigh(self) -> None:
        n = len(self.docs)
        df_terms: Counter[str] = Counter()
        df_actors: Counter[str] = Counter()
        df_places: Counter[str] = Counter()
        for d in self.docs.values():
            df_terms.update(d.terms.keys())
            df_actors.update(d.actors)
            df_places.update(d.places)

        def idf(df: Counter[str]) -> dict[str, float]:
            return {k: math.log((1 + n) / (1 + v)) + 1.0 for k, v in df.items()}

        self.idf_terms, self.idf_actors, self.idf_places = idf(df_terms), idf(df_actors), idf(df_places)
        for d in self.docs.values():
            vec = {t: (1 + math.log(c)) * self.idf_terms[t] for t, c in d.terms.items()}
            norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
            d.vec = {t: w / norm for t, w in vec.items()}

    def _embed(self, embedder: Embedder, articles: list[dict[str, Any]]) -> None:
        rows = sorted(articles, key=lambda r: r["id"])
        leads = [((r.get("title") or "") + " " + " ".join((r.get("text") or "").split()[:self.p.lead_words]))
                 for r in rows]
        for r, vec in zip(rows, embedder(leads), strict=True):
            norm = math.sqrt(sum(x * x for x in vec)) or 1.0
            self.docs[r["id"]].emb = [x / norm for x in vec]

    def _keys(self, d: _Doc) -> list[str]:
        salient = sorted(d.vec, key=lambda t: (-d.vec[t], t))[:self.p.block_terms]
        return ([f"a:{x}" for x in sorted(d.actors)] + [f"p:{x}" for x in sorted(d.places)]
                + [f"t:{x}" for x in salient] + [f"e:{x}" for x in sorted(d.events)]
                + ([f"w:{d.wire}"] if d.wire else []))

    # --- comparison ---------------------------------------------------------------------
    def score(self, a: _Doc, b: _Doc) -> tuple[float, str]:
        """(score, reason) for linking two articles; 1.0 for a shared event or wire group."""
        if a.day is not None and b.day is not None and abs(a.day - b.day) > self.p.window_days:
            return 0.0, "outside the time window"
        shared_events = a.events & b.events
        if shared_events:
            return 1.0, f"shares event {min(shared_events)}"
        if a.wire and a.wire == b.wire:
            return 1.0, f"same wire dispatch {a.wire}"
        if a.countries and b.countries and not a.countries & b.countries:
            return 0.0, "no common country"
        text = _cosine(a.vec, b.vec)
        if a.emb is not None and b.emb is not None:
            emb = sum(x * y for x, y in zip(a.emb, b.emb, strict=True)) - self.p.embedding_offset
            text = max(text, emb)
        if text < self.p.min_text:
            return 0.0, f"text {text:.2f} below {self.p.min_text}"
        actors = _overlap(a.actors, b.actors, self.idf_actors)
        places = _overlap(a.places, b.places, self.idf_places)
        country = 1.0 if a.countries & b.countries else 0.0
        s = (self.p.w_text * text + self.p.w_actors * actors + self.p.w_places * places
             + self.p.w_country * country)
        return s, f"score {s:.2f} (text {text:.2f}, actors {actors:.2f}, places {places:.2f}, country {country:.0f})"

    # --- the pass -----------------------------------------------------------------------
    def run(self) -> StoryAssignment:
        parent: dict[str, str] = {i: i for i in self.docs}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(x: str, y: str) -> None:
            rx, ry = find(x), find(y)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)

        by_story: dict[str, list[str]] = defaultdict(list)
        for aid, sid in sorted(self.existing.items()):
            if aid in self.docs:
                by_story[sid].append(aid)
        for members in by_story.values():
            for other in members[1:]:
                union(members[0], other)

        dated: dict[tuple[str, int], list[str]] = defaultdict(list)  # (key, bucket) -> ids
        undated: dict[str, list[str]] = defaultdict(list)  # key -> undated ids
        every: dict[str, list[str]] = defaultdict(list)  # key -> all ids (for undated newcomers)
        keys = {i: self._keys(d) for i, d in self.docs.items()}

        def index(d: _Doc) -> None:
            for k in keys[d.id]:
                every[k].append(d.id)
                if d.day is None:
                    undated[k].append(d.id)
                else:
                    dated[(k, d.day // self.p.window_days)].append(d.id)

        old = sorted((d for i, d in self.docs.items() if i in self.existing), key=_age)
        new = sorted((d for i, d in self.docs.items() if i not in self.existing), key=_age)
        for d in old:
            index(d)
        reasons: dict[str, str] = {}
        for d in new:
            shared: Counter[str] = Counter()
            for k in keys[d.id]:
                pools = ([every[k]] if d.day is None else
                         [dated.get((k, d.day // self.p.window_days + off), []) for off in (-1, 0, 1)]
                         + [undated.get(k, [])])
                strong = k[0] in "ew"
                for pool in pools:
                    if strong or len(pool) <= self.p.max_posting:
                        # Bounded work per article whatever the store's density: the
                        # newest members of a pool are the ones a developing story continues.
                        shared.update(pool[-self.p.pool_take:])
            best = ""
            ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:self.p.max_candidates]
            for other, _n in ranked:
                s, why = self.score(d, self.docs[other])
                if s >= self.p.threshold and find(d.id) != find(other):
                    union(d.id, other)
                    best = best or f"joined {other}: {why}"
            reasons[d.id] = best or "starts a story"
            index(d)
        return self._name(find, reasons)

    def _name(self, find: Callable[[str], str], reasons: dict[str, str]) -> StoryAssignment:
        comps: dict[str, list[str]] = defaultdict(list)
        for i in sorted(self.docs):
            comps[find(i)].append(i)
        stories: dict[str, str] = {}
        merged: dict[str, str] = {}
        for members in comps.values():
            old_ids: dict[str, tuple[str, str]] = {}  # story id -> age of its earliest old member
            for m in members:
                sid = self.existing.get(m)
                if sid is not None:
                    age = _age(self.docs[m])
                    old_ids[sid] = min(old_ids.get(sid, age), age)
            if old_ids:
                keep = min(old_ids, key=lambda s: (old_ids[s], s))
                merged.update({s: keep for s in old_ids if s != keep})
            else:
                keep = story_id_for(min((self.docs[m] for m in members), key=_age).id)
            for m in members:
                stories[m] = keep
        return StoryAssignment(stories, reasons, merged)


def cluster_stories_incremental(
        articles: list[dict[str, Any]], mentions: list[dict[str, Any]] | None = None,
        existing: dict[str, str] | None = None, wire_groups: dict[str, str] | None = None,
        params: StoryParams | None = None, embedder: Embedder | None = None) -> StoryAssignment:
    """Assign every article a story id, keeping the ids in `existing`.

    `articles` rows carry id, published, actors and countries (lists or JSON
    strings), title and text; `mentions` rows carry article_id, geonameid and
    event_id; `existing` is the stored article id -> story id; `wire_groups`
    comes from `link.wire`. Articles already in `existing` keep their story
    unless a new article merges it into an older one (see `merged`).
    """
    linker = StoryLinker(articles, mentions or [], existing or {}, wire_groups or {},
                         params or StoryParams(), embedder)
    return linker.run()


def optional_embedder(model: str = "all-MiniLM-L6-v2") -> Embedder | None:
    """A sentence-embedding function when sentence-transformers and a local copy of
    `model` are installed; None otherwise (nothing is downloaded)."""
    try:
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]

        encoder = SentenceTransformer(model, local_files_only=True)
    except Exception:  # not installed, or the model is not on disk: TF-IDF alone
        return None

    def embed(texts: list[str]) -> Sequence[Sequence[float]]:
        return [list(map(float, v)) for v in encoder.encode(texts, batch_size=64, show_progress_bar=False)]

    return embed
