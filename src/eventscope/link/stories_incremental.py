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

The old stories are either all in memory (`cluster_stories_incremental`) or in the
store (`link.story_store`, what `link.relink` uses): then only the stored pools of the
newcomers' keys are read, and a stored story only when a newcomer is inside its
time window; the IDF comes from the stored document frequencies plus this pass's.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from eventscope.link.story_features import (
    ArticleFeatures,
    StoryState,
    article_features,
    lead_of,
    overlap,
    tfidf,
)
from eventscope.link.story_params import (
    KINDS,
    Embedder,
    StoredStories,
    StoryAssignment,
    StoryParams,
    doc_items,
    optional_embedder,
    story_id_for,
)
from eventscope.link.story_pools import Pools, is_strong, pools_of

__all__ = ["KINDS", "Embedder", "StoredStories", "StoryAssignment", "StoryLinker", "StoryParams",
           "cluster_stories_incremental", "doc_items", "optional_embedder", "story_id_for"]

def _age(doc: ArticleFeatures) -> tuple[str, str]:
    return (doc.published or "9999-99-99", doc.id)


class _Idf(dict):
    """IDF of one kind, computed on first use from this pass's counts and the stored ones.

    It holds what it needs, not the linker: a cycle would keep a whole pass alive until
    the garbage collector ran, beside the next one."""

    def __init__(self, kind: str, counts: Counter[str], n: int, stored: StoredStories | None) -> None:
        super().__init__()
        self.kind, self.counts, self.n, self.stored = kind, counts, n, stored

    def __missing__(self, item: str) -> float:
        df = self.counts[item]
        if self.stored is not None:
            df += self.stored.df(self.kind, [item]).get(item, 0)
        value = self[item] = math.log((1 + self.n) / (1 + df)) + 1.0
        return value


class StoryLinker:
    """One linking pass: new articles placed among the stories of old ones.

    Old articles come either all in memory (`old` with their `existing` story ids) or
    from the store (`stored`), which gives the document frequencies and the pools
    and brings in a stored story only when a newcomer could join it.
    """

    def __init__(self, new: list[ArticleFeatures], old: list[ArticleFeatures], existing: dict[str, str],
                 params: StoryParams, stored: StoredStories | None = None) -> None:
        self.p = params
        self.stored = stored
        self.existing = dict(existing)
        self.docs: dict[str, ArticleFeatures] = {d.id: d for d in sorted([*old, *new], key=lambda d: d.id)}
        self.new_ids = {d.id for d in new} - set(self.existing)
        counted = new if stored is not None else list(self.docs.values())
        self.counts: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
        for d in counted:
            for kind, items in doc_items(d).items():
                self.counts[kind].update(items)
        self.n = len(counted) + (stored.n_docs if stored is not None else 0)
        self.idf = {k: _Idf(k, self.counts[k], self.n, stored) for k in KINDS}
        self.pools = Pools(params.window_days, params.pool_take)
        self._vectorize(list(self.docs.values()))
        self.story_of: dict[str, str] = {}  # article id -> key of its story in self.stories
        self.stories: dict[str, StoryState] = {}
        self.keys: dict[str, list[str]] = {}
        self._asked: set[str] = set()

    # --- features -----------------------------------------------------------------------
    def _vectorize(self, docs: list[ArticleFeatures]) -> None:
        if self.stored is not None:  # one query per table for all of them, not one per word
            for kind in KINDS:
                self.stored.df(kind, {x for d in docs for x in doc_items(d)[kind]})
        for d in docs:
            d.vec = tfidf(d.terms, self.idf["t"], self.p.idf_power)
            d.nvec = tfidf(d.names, self.idf["n"], self.p.idf_power)

    def embed(self, embedder: Embedder, articles: list[dict[str, Any]]) -> None:
        rows = sorted(articles, key=lambda r: r["id"])
        leads = [lead_of(r.get("title"), r.get("text"), self.p.lead_words) for r in rows]
        for r, vec in zip(rows, embedder(leads), strict=True):
            norm = math.sqrt(sum(x * x for x in vec)) or 1.0
            self.docs[r["id"]].emb = [x / norm for x in vec]

    def keys_of(self, d: ArticleFeatures) -> list[str]:
        """Blocking keys: actors, places, the most salient terms and names, events, wire group."""
        salient = sorted(d.vec, key=lambda t: (-d.vec[t], t))[:self.p.block_terms]
        names = sorted(d.nvec, key=lambda t: (-d.nvec[t], t))[:self.p.block_terms]
        return ([f"a:{x}" for x in sorted(d.actors)] + [f"p:{x}" for x in sorted(d.places)]
                + [f"t:{x}" for x in salient] + [f"n:{x}" for x in names if x not in salient]
                + [f"e:{x}" for x in sorted(d.events)] + ([f"w:{d.wire}"] if d.wire else []))

    # --- comparison ---------------------------------------------------------------------
    def score(self, d: ArticleFeatures, s: StoryState) -> tuple[float, str]:
        """(score, reason) for `d` joining story `s`; 1.0 for a shared event or wire group."""
        if not self._in_window(d.day, s.span()):
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
        actors = overlap(d.actors, set(s.actors), self.idf["a"])
        places = overlap(d.places, set(s.places), self.idf["p"])
        country = 1.0 if d.countries & s.countries.keys() else 0.0
        like = (1 - self.p.w_names) * text + self.p.w_names * names
        total = like + self.p.w_actors * actors + self.p.w_places * places + self.p.w_country * country
        return total, (f"score {total:.2f} (text {text:.2f}, names {names:.2f}, actors {actors:.2f}, "
                       f"places {places:.2f}, country {country:.0f})")

    def _in_window(self, day: int | None, span: tuple[int, int] | None) -> bool:
        """Whether an article of `day` may join a story of `span` (a quiet story is closed)."""
        w = self.p.window_days
        return day is None or span is None or span[0] - w <= day <= span[1] + w

    # --- the pass -----------------------------------------------------------------------
    def run(self) -> StoryAssignment:
        by_story: dict[str, list[ArticleFeatures]] = defaultdict(list)
        for aid, sid in sorted(self.existing.items()):
            if aid in self.docs:
                by_story[sid].append(self.docs[aid])
        self._adopt(list(by_story.items()))
        self.keys = {i: self.keys_of(d) for i, d in self.docs.items()}
        new = sorted((self.docs[i] for i in self.new_ids), key=_age)
        if self.stored is None:
            for d in sorted((d for i, d in self.docs.items() if i not in self.new_ids), key=_age):
                self.pools.add(d.id, d.day, self.keys[d.id])
        else:
            # What the store offers each newcomer, read in one go; the rest on demand.
            self.stored.fill_pools(self.pools, {d.id: (d.day, self.keys[d.id]) for d in new})
            self._ensure([(d.day, self._candidates(d, stored_only=True)) for d in new])
        reasons: dict[str, str] = {}
        for d in new:
            reasons[d.id] = self._place(d)
            self.pools.add(d.id, d.day, self.keys[d.id])
        for _ in range(self.p.refine_passes):
            if not self._refine(new, reasons):
                break
        return self._name(reasons)

    def _adopt(self, groups: list[tuple[str, list[ArticleFeatures]]]) -> None:
        """Old stories, each keyed by its earliest member."""
        for sid, members in groups:
            members.sort(key=_age)
            self._start(members[0])
            for m in members[1:]:
                self._join(m, members[0].id)
            for m in members:
                self.existing[m.id] = sid

    def _ensure(self, wants: list[tuple[int | None, list[str]]]) -> None:
        """Read from the store the stories among the keys that an article of that day could
        join (a stored story outside every newcomer's window is never read)."""
        if self.stored is None:
            return
        want = sorted({k for day, keys in wants for k in keys
                       if k not in self.stories and k not in self._asked and self._in_window(day, self.stored.span(k))})
        if not want:
            return
        self._asked.update(want)  # each stored story is read at most once a pass
        loaded = self.stored.load(want)
        docs = [m for _sid, members in loaded for m in members if m.id not in self.docs]
        for m in docs:
            self.docs[m.id] = m
        self._vectorize(docs)
        self._adopt(loaded)

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

    def _story_of(self, article_id: str) -> str:
        key = self.story_of.get(article_id)
        if key is None:
            assert self.stored is not None
            return self.stored.story_key(article_id)
        return key

    def _candidates(self, d: ArticleFeatures, stored_only: bool = False) -> list[str]:
        """Keys of the stories worth scoring for `d`: all reached by an event or wire key,
        then the ones sharing most blocking keys, at most `max_candidates` of those.
        `stored_only` looks at the stored part of the pools only (what to read up front)."""
        shared: list[str] = []
        strong: set[str] = set()
        story_of = self._story_of
        for k in self.keys[d.id]:
            hard = is_strong(k)
            for pool in pools_of(k, d.day, self.p.window_days):
                count, ids = self.pools.view(pool, hard, stored_only)
                if hard:
                    strong.update(story_of(x) for x in ids if x != d.id)
                elif count <= self.p.max_posting:
                    # Bounded work per article whatever the store's density: the
                    # newest members of a pool are the ones a developing story continues.
                    shared += [story_of(x) for x in ids if x != d.id]
        counts = Counter(shared)
        ranked = [r for r, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if r not in strong]
        return sorted(strong) + ranked[:self.p.max_candidates]

    def _best(self, d: ArticleFeatures, keys: list[str]) -> tuple[list[tuple[str, str]], tuple[float, str, str] | None]:
        """(stories `d` must join, best other story above the threshold with its score)."""
        self._ensure([(d.day, keys)])
        hard: list[tuple[str, str]] = []
        best: tuple[float, str, str] | None = None
        for key in keys:
            story = self.stories.get(key)
            if story is None:
                continue  # a stored story outside d's time window: left in the store
            s, why = self.score(d, story)
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
    unless a new article merges it into an older one (see `merged`). Everything
    is in memory; `link.relink` links a store, reading only what can match.
    """
    params = params or StoryParams()
    existing = existing or {}
    places: dict[str, set[str]] = defaultdict(set)
    events: dict[str, set[str]] = defaultdict(set)
    for m in mentions or []:
        if m.get("geonameid") is not None:
            places[m["article_id"]].add(str(m["geonameid"]))
        if m.get("event_id"):
            events[m["article_id"]].add(m["event_id"])
    docs = [article_features(a, places.get(a["id"], set()), events.get(a["id"], set()),
                             (wire_groups or {}).get(a["id"]), params.lead_words, params.name_words,
                             params.title_weight) for a in articles]
    linker = StoryLinker([d for d in docs if d.id not in existing], [d for d in docs if d.id in existing],
                         existing, params)
    if embedder is not None:
        linker.embed(embedder, articles)
    return linker.run()
