"""Stories that grow as articles arrive: a new run adds to the stories already stored.

Analysts follow a developing story over days, so story ids must be stable: an
article stored yesterday keeps its story id today, a story keeps its id when
articles join, and when a new article shows two stories are one (it reports an
event of each, or is a wire copy of both), the older id survives. Only new
articles are compared, and only with the stories of articles that share a blocking
key (a named actor, a place, a salient title/lead term or name, an event, a wire
group) inside the time window, so the work grows near-linearly with the store,
never all-pairs.

A new article joins the story it is most like, compared with the story as a whole
(the centroid of its members' vectors), not with its single nearest member: one
article about a second, similar incident must not chain two stories together. Like
means TF-IDF cosine of title and lead, blended with the cosine of the names in them
(see `story_features`), plus what extraction found in common: named actors, GeoNames
places, a country. Articles that name countries but share none never join on the
score, nor an article dated outside the story's time window (a story that has been
quiet for longer than its window is closed). A shared event or wire group joins
outright. An optional sentence embedding (when a local model is importable) can only
raise text similarity; nothing requires it.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from eventscope.link.story_features import (
    ArticleFeatures,
    StoryState,
    as_list,
    day_of,
    idf_table,
    lead_names,
    lead_of,
    lead_terms,
    named_actors,
    overlap,
    tfidf,
)

Embedder = Callable[[list[str]], Sequence[Sequence[float]]]


@dataclass(frozen=True)
class StoryParams:
    """The knobs of story linking; the defaults are what `eventscope run` uses.

    The text weights and the threshold were chosen on ECB+ dev topics 1-35 (all
    subjects, two similar events per topic) and the seeds; see docs/linking.md.
    """

    window_days: int = 10
    threshold: float = 0.25  # similarity to the story's centroid needed to join it
    min_text: float = 0.05  # leads that share (almost) no words are not one story
    w_names: float = 0.3  # share of the names' cosine in the text similarity
    w_actors: float = 0.15
    w_places: float = 0.10
    w_country: float = 0.05
    lead_words: int = 400  # title + this many words of text form the compared "lead"
    name_words: int = 100  # names are read from the title and this many words: who the story is about
    title_weight: float = 1.0  # a title word counts this many times
    block_terms: int = 8  # salient terms (and as many names) per article used as blocking keys
    max_posting: int = 300  # a key shared by more articles in one window blocks nothing
    pool_take: int = 60  # from a usable key, only its most recent articles are candidates
    max_candidates: int = 25  # stories scored per new article (bounds the work per article)
    embedding_offset: float = 0.25  # embedding cosine minus this competes with TF-IDF cosine
    idf_power: float = 1.5  # rarer words and names weigh more: they tell similar stories apart
    refine_passes: int = 2  # passes that move a new article to the story it now fits best
    refine_margin: float = 0.02  # ... when that story scores this much higher than its own


@dataclass(frozen=True)
class StoryAssignment:
    """article id -> story id for every article, and why each new article joined its story."""

    stories: dict[str, str]
    reasons: dict[str, str]
    merged: dict[str, str]  # story id that disappeared -> the older id that absorbed it


def story_id_for(article_id: str) -> str:
    """The id a new story takes from its earliest article (same rule as `link.stories`)."""
    return "S" + hashlib.sha256(article_id.encode()).hexdigest()[:10]


def _age(doc: ArticleFeatures) -> tuple[str, str]:
    return (doc.published or "9999-99-99", doc.id)


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
        self.docs: dict[str, ArticleFeatures] = {}
        for a in sorted(articles, key=lambda r: r["id"]):
            terms = lead_terms(a.get("title"), a.get("text"), params.lead_words, params.title_weight)
            self.docs[a["id"]] = ArticleFeatures(
                id=a["id"], day=day_of(a.get("published")), published=a.get("published"),
                actors=named_actors(as_list(a.get("actors"))), places=places.get(a["id"], set()),
                countries=set(as_list(a.get("countries"))), events=events.get(a["id"], set()),
                wire=wire_groups.get(a["id"]), terms=terms,
                names=lead_names(a.get("title"), a.get("text"), params.name_words))
        self._weigh()
        if embedder is not None:
            self._embed(embedder, articles)

    # --- features -----------------------------------------------------------------------
    def _weigh(self) -> None:
        n = len(self.docs)
        df_terms: Counter[str] = Counter()
        df_names: Counter[str] = Counter()
        df_actors: Counter[str] = Counter()
        df_places: Counter[str] = Counter()
        for d in self.docs.values():
            df_terms.update(d.terms.keys())
            df_names.update(d.names.keys())
            df_actors.update(d.actors)
            df_places.update(d.places)
        idf_terms, idf_names = idf_table(df_terms, n), idf_table(df_names, n)
        self.idf_actors, self.idf_places = idf_table(df_actors, n), idf_table(df_places, n)
        for d in self.docs.values():
            d.vec = tfidf(d.terms, idf_terms, self.p.idf_power)
            d.nvec = tfidf(d.names, idf_names, self.p.idf_power)

    def _embed(self, embedder: Embedder, articles: list[dict[str, Any]]) -> None:
        rows = sorted(articles, key=lambda r: r["id"])
        leads = [lead_of(r.get("title"), r.get("text"), self.p.lead_words) for r in rows]
        for r, vec in zip(rows, embedder(leads), strict=True):
            norm = math.sqrt(sum(x * x for x in vec)) or 1.0
            self.docs[r["id"]].emb = [x / norm for x in vec]

    def _keys(self, d: ArticleFeatures) -> list[str]:
        salient = sorted(d.vec, key=lambda t: (-d.vec[t], t))[:self.p.block_terms]
        names = sorted(d.nvec, key=lambda t: (-d.nvec[t], t))[:self.p.block_terms]
        return ([f"a:{x}" for x in sorted(d.actors)] + [f"p:{x}" for x in sorted(d.places)]
                + [f"t:{x}" for x in salient] + [f"n:{x}" for x in names if x not in salient]
                + [f"e:{x}" for x in sorted(d.events)] + ([f"w:{d.wire}"] if d.wire else []))

    # --- comparison ---------------------------------------------------------------------
    def score(self, d: ArticleFeatures, s: StoryState) -> tuple[float, str]:
        """(score, reason) for `d` joining story `s`; 1.0 for a shared event or wire group."""
        w, span = self.p.window_days, s.span()
        if d.day is not None and span is not None and not span[0] - w <= d.day <= span[1] + w:
            return 0.0, "outside the story's time window"
        shared_events = d.events & s.events.keys()
        if shared_events:
            return 1.0, f"shares event {min(shared_events)}"
        if d.wire and d.wire in s.wires:
            return 1.0, f"same wire dispatch {d.wire}"
        if d.countries and s.countries and not d.countries & s.countries.keys():
            return 0.0, "no common country"
        text = s.text.cosine(d.vec)
        if d.emb is not None and s.emb is not None:
            norm = math.sqrt(sum(x * x for x in s.emb)) or 1.0
            emb = sum(x * y for x, y in zip(d.emb, s.emb, strict=True)) / norm - self.p.embedding_offset
            text = max(text, emb)
        if text < self.p.min_text:
            return 0.0, f"text {text:.2f} below {self.p.min_text}"
        names = s.names.cosine(d.nvec)
        actors = overlap(d.actors, set(s.actors), self.idf_actors)
        places = overlap(d.places, set(s.places), self.idf_places)
        country = 1.0 if d.countries & s.countries.keys() else 0.0
        like = (1 - self.p.w_names) * text + self.p.w_names * names
        total = like + self.p.w_actors * actors + self.p.w_places * places + self.p.w_country * country
        return total, (f"score {total:.2f} (text {text:.2f}, names {names:.2f}, actors {actors:.2f}, "
                       f"places {places:.2f}, country {country:.0f})")

    # --- the pass -----------------------------------------------------------------------
    def run(self) -> StoryAssignment:
        self.story_of: dict[str, str] = {}  # article id -> key of its story in self.stories
        self.stories: dict[str, StoryState] = {}
        by_story: dict[str, list[ArticleFeatures]] = defaultdict(list)
        for aid, sid in sorted(self.existing.items()):
            if aid in self.docs:
                by_story[sid].append(self.docs[aid])
        for members in by_story.values():
            members.sort(key=_age)
            self._start(members[0])
            for m in members[1:]:
                self._join(m, members[0].id)
        self.dated: dict[tuple[str, int], list[str]] = defaultdict(list)  # (key, bucket) -> ids
        self.undated: dict[str, list[str]] = defaultdict(list)  # key -> undated ids
        self.every: dict[str, list[str]] = defaultdict(list)  # key -> all ids (for undated newcomers)
        self.keys = {i: self._keys(d) for i, d in self.docs.items()}
        old = sorted((d for i, d in self.docs.items() if i in self.existing), key=_age)
        new = sorted((d for i, d in self.docs.items() if i not in self.existing), key=_age)
        for d in old:
            self._index(d)
        reasons: dict[str, str] = {}
        for d in new:
            reasons[d.id] = self._place(d)
            self._index(d)
        for _ in range(self.p.refine_passes):
            if not self._refine(new, reasons):
                break
        return self._name(reasons)

    def _start(self, d: ArticleFeatures) -> None:
        self.stories[d.id] = StoryState()
        self._join(d, d.id)

    def _join(self, d: ArticleFeatures, key: str) -> None:
        self.story_of[d.id] = key
        self.stories[key].add(d)

    def _merge(self, keys: list[str]) -> str:
        keep = min(keys)
        for k in sorted(set(keys) - {keep}):
            gone = self.stories.pop(k)
            for m in gone.members:
                self.story_of[m] = keep
            self.stories[keep].absorb(gone)
        return keep

    def _index(self, d: ArticleFeatures) -> None:
        for k in self.keys[d.id]:
            self.every[k].append(d.id)
            if d.day is None:
                self.undated[k].append(d.id)
            else:
                self.dated[(k, d.day // self.p.window_days)].append(d.id)

    def _candidates(self, d: ArticleFeatures) -> list[str]:
        """Keys of the stories worth scoring for `d`: all reached by an event or wire key,
        then the ones sharing most blocking keys, at most `max_candidates` of those."""
        shared: Counter[str] = Counter()
        strong: set[str] = set()
        for k in self.keys[d.id]:
            pools = ([self.every[k]] if d.day is None else
                     [self.dated.get((k, d.day // self.p.window_days + off), []) for off in (-1, 0, 1)]
                     + [self.undated.get(k, [])])
            for pool in pools:
                if k[0] in "ew":
                    strong.update(self.story_of[x] for x in pool if x != d.id)
                elif len(pool) <= self.p.max_posting:
                    # Bounded work per article whatever the store's density: the
                    # newest members of a pool are the ones a developing story continues.
                    shared.update(self.story_of[x] for x in pool[-self.p.pool_take:] if x != d.id)
        ranked = [r for r, _n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])) if r not in strong]
        return sorted(strong) + ranked[:self.p.max_candidates]

    def _best(self, d: ArticleFeatures, keys: list[str]) -> tuple[list[tuple[str, str]], tuple[float, str, str] | None]:
        """(stories `d` must join, best other story above the threshold with its score)."""
        hard: list[tuple[str, str]] = []
        best: tuple[float, str, str] | None = None
        for key in keys:
            s, why = self.score(d, self.stories[key])
            if s >= 1.0:
                hard.append((key, why))
            elif s >= self.p.threshold and (best is None or (s, key) > (best[0], best[1])):
                best = (s, key, why)
        return hard, best

    def _place(self, d: ArticleFeatures) -> str:
        hard, best = self._best(d, self._candidates(d))
        if hard:
            key = self._merge([k for k, _why in hard])
            self._join(d, key)
            return f"joined {self.stories[key].members[0]}: {hard[0][1]}"
        if best is not None:
            self._join(d, best[1])
            return f"joined {best[1]}: {best[2]}"
        self._start(d)
        return "starts a story"

    def _refine(self, new: list[ArticleFeatures], reasons: dict[str, str]) -> int:
        """Move each new article to the story it is now most like; returns how many moved.

        The first pass saw each story only as far as it had grown; a story formed by
        later articles can fit an earlier one better. Old articles never move, nor an
        article held by an event or a wire copy.
        """
        moved = 0
        for d in new:
            key = self.story_of[d.id]
            story = self.stories[key]
            story.remove(d)
            own = self.score(d, story)[0] if story.members else 0.0
            story.add(d)
            if own >= 1.0:
                continue
            hard, best = self._best(d, [k for k in self._candidates(d) if k != key])
            if hard or best is None or best[0] <= own + self.p.refine_margin:
                continue
            story.remove(d)
            if not story.members:
                del self.stories[key]
            self._join(d, best[1])
            reasons[d.id] = f"joined {best[1]}: {best[2]} (moved)"
            moved += 1
        return moved

    def _name(self, reasons: dict[str, str]) -> StoryAssignment:
        comps: dict[str, list[str]] = defaultdict(list)
        for i in sorted(self.docs):
            comps[self.story_of[i]].append(i)
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
