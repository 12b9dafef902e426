"""Wire copies: the same agency text reprinted by many sites counts as one source.

An AFP, AP or Reuters story is reprinted by dozens of outlets with a new
headline, a trimmed tail or a reworded sentence. Counting each reprint as an
independent source is how one abduction becomes "corroborated" hundreds of
times, so near-duplicates are grouped here and event corroboration counts a
group once.

Method: word 5-shingles of the normalised text, a MinHash signature per
article (fixed seed, so the same text always gives the same signature), and a
MinHashLSH index to find candidates without comparing all pairs. A candidate
pair is a wire copy when the estimated Jaccard similarity reaches
`JACCARD_THRESHOLD`, or when the shorter text is almost wholly contained in the
longer one (a reprint that cut the last paragraphs). Groups are the connected
components of those pairs; a group's id is its earliest article (by published
date, then id), so when two groups meet through a new article the older id
survives.

Signatures persist in the `article_signatures` table (`SIGNATURES_DDL`) and their
LSH bands in `article_bands`; `link.wire_store.update_store` hashes only a run's new
articles and finds their copies with SQL, never loading the whole index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
SHINGLE = 5
JACCARD_THRESHOLD = 0.8
#: LSH recall threshold: lower than JACCARD_THRESHOLD so truncated reprints
#: (high containment, lower Jaccard) still come up as candidates.
CANDIDATE_THRESHOLD = 0.5
CONTAINMENT_THRESHOLD = 0.9
MIN_SHINGLES_FOR_CONTAINMENT = 40

SIGNATURES_DDL = """
        CREATE TABLE IF NOT EXISTS article_signatures (
            article_id VARCHAR PRIMARY KEY, wire_group VARCHAR, n_shingles INTEGER,
            published VARCHAR, signature BLOB)"""

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Word `size`-shingles of lower-cased text; a text shorter than that is one shingle."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) < size:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class Signature:
    """One article's MinHash values and shingle count (for the containment estimate)."""

    article_id: str
    hashvalues: np.ndarray  # uint32, NUM_PERM long
    n_shingles: int
    published: str | None = None

    def to_blob(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()

    @staticmethod
    def from_blob(article_id: str, blob: bytes, n_shingles: int, published: str | None) -> Signature:
        return Signature(article_id, np.frombuffer(blob, dtype="<u4").astype(np.uint32), n_shingles, published)


def _estimated_jaccard(a: Signature, b: Signature) -> float:
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)


def is_wire_copy(a: Signature, b: Signature) -> bool:
    """Near-duplicate by Jaccard, or the shorter text almost wholly inside the longer."""
    if a.n_shingles == 0 or b.n_shingles == 0:
        return False
    j = _estimated_jaccard(a, b)
    if j >= JACCARD_THRESHOLD:
        return True
    small = min(a.n_shingles, b.n_shingles)
    if small < MIN_SHINGLES_FOR_CONTAINMENT:
        return False
    shared = j * (a.n_shingles + b.n_shingles) / (1 + j)  # |A ∩ B| from J, |A| and |B|
    return shared / small >= CONTAINMENT_THRESHOLD


def _age(sig: Signature) -> tuple[str, str]:
    """Sort key for "earliest": dated articles first, by date, then id."""
    return (sig.published or "9999-99-99", sig.article_id)


class WireIndex:
    """Near-duplicate groups over a growing set of articles.

    `add()` hashes new articles, queries the LSH index for candidates, verifies
    them and merges groups; `groups()` maps every article id to its wire group.
    Adding the same articles in any order gives the same groups.
    """

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
        self._perms = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
        self._sigs: dict[str, Signature] = {}
        self._parent: dict[str, str] = {}
        self._new: list[str] = []

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._sigs

    # --- building -----------------------------------------------------------------------
    def signature(self, article_id: str, text: str, published: str | None = None) -> Signature:
        sh = shingles(text)
        mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=self._perms)
        if sh:
            mh.update_batch(sorted(sh))
        return Signature(article_id, mh.hashvalues.copy(), len(sh), published)

    def add(self, article_id: str, text: str, published: str | None = None) -> None:
        """Hash and index one article (a no-op when it is already indexed)."""
        if article_id not in self._sigs:
            self.add_signature(self.signature(article_id, text, published))

    def add_many(self, rows: Iterable[dict[str, Any]]) -> int:
        """Index rows with `id`, `text` and optional `published`; returns how many were new."""
        n = 0
        for r in rows:
            if r["id"] not in self._sigs:
                self.add(r["id"], r.get("text") or "", r.get("published"))
                n += 1
        return n

    def add_signature(self, sig: Signature) -> None:
        """Index a signature (computed now or loaded from the store) and link it to its copies."""
        if sig.article_id in self._sigs:
            return
        self._sigs[sig.article_id] = sig
        self._parent[sig.article_id] = sig.article_id
        self._new.append(sig.article_id)
        if sig.n_shingles == 0:
            return  # an empty text is nobody's copy
        mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=sig.hashvalues,
                     permutations=self._perms)
        for other in sorted(self._lsh.query(mh)):
            if is_wire_copy(sig, self._sigs[other]):
                self._union(sig.article_id, other)
        self._lsh.insert(sig.article_id, mh, check_duplication=False)

    # --- groups -------------------------------------------------------------------------
    def _find(self, x: str) -> str:
        root = x
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[x] != root:
            self._parent[x], x = root, self._parent[x]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        # The root is always the group's earliest article: its id is the group id.
        if _age(self._sigs[rb]) < _age(self._sigs[ra]):
            ra, rb = rb, ra
        self._parent[rb] = ra

    def group_of(self, article_id: str) -> str:
        return self._find(article_id)

    def groups(self) -> dict[str, str]:
        """article id -> wire group id (the earliest article of its near-duplicate group)."""
        return {a: self._find(a) for a in sorted(self._sigs)}

    def members(self) -> dict[str, list[str]]:
        """wire group id -> its article ids, only for groups of two or more."""
        out: dict[str, list[str]] = {}
        for a, g in self.groups().items():
            out.setdefault(g, []).append(a)
        return {g: m for g, m in out.items() if len(m) > 1}

    def take_new(self) -> list[str]:
        """Ids indexed since the last call (what a store must persist)."""
        new, self._new = self._new, []
        return new

    def signature_rows(self, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Rows for `article_signatures` (all articles, or the given ids)."""
        chosen = sorted(self._sigs) if ids is None else sorted(ids)
        return [{"article_id": a, "wire_group": self._find(a), "n_shingles": self._sigs[a].n_shingles,
                 "published": self._sigs[a].published, "signature": self._sigs[a].to_blob()}
                for a in chosen]


# --- the store -------------------------------------------------------------------------------
def load_index(con: Any) -> WireIndex:
    """A WireIndex from the `article_signatures` table of a DuckDB connection (every
    signature in memory: for inspection and tests, not for linking a large store)."""
    con.execute(SIGNATURES_DDL)
    index = WireIndex()
    rows = con.execute("SELECT article_id, signature, n_shingles, published FROM article_signatures "
                       "ORDER BY article_id").fetchall()
    for article_id, blob, n_shingles, published in rows:
        sig = Signature.from_blob(article_id, bytes(blob), n_shingles, published)
        if len(sig.hashvalues) == NUM_PERM:  # a signature of another configuration is recomputed
            index.add_signature(sig)
    index.take_new()
    return index


def independent_sources(mentions: Iterable[dict[str, Any]], wire_groups: dict[str, str]) -> int:
    """How many independent sources report these mentions: wire copies count once.

    `mentions` rows carry `article_id` and optionally `outlet`. Two mentions are
    one source when their articles share a wire group or an outlet (the
    components of that relation are counted).
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m in mentions:
        group = "g:" + wire_groups.get(m["article_id"], m["article_id"])
        outlet = "o:" + (m.get("outlet") or m["article_id"])
        ra, rb = find(group), find(outlet)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return len({find(x) for x in parent})
