"""What a story-linking pass takes and gives: its knobs, its result, its stored side.

Kept apart from the pass itself (`link.stories_incremental`) so that the store's side
(`link.story_store`) and the pass can both name them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from eventscope.link.story_features import ArticleFeatures
from eventscope.link.story_pools import Pools

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


#: The document-frequency tables: title/lead terms, names, actors, places.
KINDS = ("t", "n", "a", "p")


def doc_items(d: ArticleFeatures) -> dict[str, Iterable[str]]:
    """What one article adds to each document-frequency table."""
    return {"t": d.terms.keys(), "n": d.names.keys(), "a": d.actors, "p": d.places}


class StoredStories(Protocol):
    """The stored side of a pass (`link.story_store.StoreStories`): document frequencies,
    stored pools, and stored stories read on demand."""

    n_docs: int

    def df(self, kind: str, items: Iterable[str]) -> dict[str, int]: ...

    def fill_pools(self, pools: Pools, wants: dict[str, tuple[int | None, list[str]]]) -> None: ...

    def story_key(self, article_id: str) -> str: ...

    def span(self, key: str) -> tuple[int, int] | None: ...

    def load(self, keys: list[str]) -> list[tuple[str, list[ArticleFeatures]]]: ...


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
