"""Wire groups kept in the store, so a run hashes and compares only its new articles.

The in-memory `WireIndex` holds every signature and an LSH table of the whole store:
about 3 KB an article, so memory grew with the store. Here the LSH bands live in
the `article_bands` table (one row per band of each article: the same bands
datasketch's `MinHashLSH` uses, each folded into a 64-bit hash), and a batch of
new articles finds its candidates with one SQL join on those bands. Only the
candidates' signatures are read back, verified with `wire.is_wire_copy`, and
their groups merged. The groups are the same as `WireIndex` gives in any arrival
order: connected components of verified band-sharing pairs, named after their
earliest article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from eventscope.link.wire import (
    CANDIDATE_THRESHOLD,
    NUM_PERM,
    SCHEME,
    SEED,
    SIGNATURES_DDL,
    Signature,
    is_wire_copy,
    shingles,
)
from eventscope.store.bulk import columns_view, id_list, insert_columns

BANDS_DDL = "CREATE TABLE IF NOT EXISTS article_bands (band BIGINT, article_id VARCHAR)"
MERGED_DDL = "CREATE TABLE IF NOT EXISTS wire_merged (wire_group VARCHAR)"
_LSH = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
N_BANDS, BAND_ROWS = _LSH.b, _LSH.r
_PERMS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
BATCH = 20_000  # new articles hashed and matched together: one scan of the bands each


def signature_of(article_id: str, text: str, published: str | None) -> Signature:
    """The same MinHash signature `WireIndex.signature` computes."""
    sh = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_PERMS)
    if sh:
        mh.update_batch(sorted(sh))
    return Signature(article_id, mh.hashvalues.copy(), len(sh), published)


def band_hashes(hashvalues: np.ndarray) -> np.ndarray:
    """(n, N_BANDS) int64: each LSH band of each signature (rows of `hashvalues`) as one hash.

    Two signatures share a band exactly when datasketch's LSH would bucket them
    together (up to 64-bit collisions, which only add a candidate to verify).
    """
    n = hashvalues.shape[0]
    x = hashvalues[:, :N_BANDS * BAND_ROWS].reshape(n, N_BANDS, BAND_ROWS).astype(np.uint64)
    h = np.broadcast_to(np.arange(1, N_BANDS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15),
                        (n, N_BANDS)).copy()
    for j in range(BAND_ROWS):
        h ^= x[:, :, j]
        h *= np.uint64(0x100000001B3)
        h ^= h >> np.uint64(29)
    return h.view(np.int64)


@dataclass
class WireUpdate:
    """What `update_store` did: how many articles it hashed, and the groups whose old
    members used to be in two or more groups (their events' corroboration changes)."""

    added: int = 0
    merged: set[str] = field(default_factory=set)


def _age(published: str | None, article_id: str) -> tuple[str, str]:
    return (published or "9999-99-99", article_id)


class _Components:
    """Union-find over new article ids and stored group ids, rooted at the earliest."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.age: dict[str, tuple[str, str]] = {}

    def node(self, name: str, age: tuple[str, str]) -> str:
        if name not in self.parent:
            self.parent[name], self.age[name] = name, age
        return name

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if self.age[rb] < self.age[ra]:
                ra, rb = rb, ra
            self.parent[rb] = ra


def ensure_tables(con: Any) -> None:
    con.execute(SIGNATURES_DDL)
    con.execute(BANDS_DDL)
    con.execute(MERGED_DDL)


def pending_merges(con: Any) -> set[str]:
    """The merged groups whose stored events' sources are not recounted yet: this run's, and
    any a run killed before its recount left (`update_store` writes them with the merge)."""
    return {r[0] for r in con.execute("SELECT DISTINCT wire_group FROM wire_merged").fetchall()}


def backfill_bands(con: Any) -> int:
    """Band the stored signatures that have no bands (a store written before bands existed)."""
    n_banded = con.execute("SELECT count(*) FROM article_bands").fetchone()[0]
    n_sigs = con.execute("SELECT count(*) FROM article_signatures WHERE n_shingles > 0").fetchone()[0]
    if n_banded == N_BANDS * n_sigs:
        return 0
    done, last = 0, ""
    while rows := con.execute(
            "SELECT s.article_id, s.signature FROM article_signatures s WHERE s.n_shingles > 0 "
            "AND s.article_id > ? AND s.article_id NOT IN (SELECT article_id FROM article_bands) "
            "ORDER BY s.article_id LIMIT ?", [last, BATCH]).fetchall():
        sigs = [(a, np.frombuffer(bytes(b), dtype="<u4")) for a, b in rows]
        sigs = [(a, v) for a, v in sigs if len(v) == NUM_PERM]
        if sigs:
            bands = band_hashes(np.stack([v for _a, v in sigs]).astype(np.uint32))
            insert_columns(con, "article_bands", {"band": bands.ravel(),
                                                  "article_id": [a for a, _v in sigs for _ in range(N_BANDS)]})
        done += len(sigs)
        last = rows[-1][0]
    return done


def update_store(con: Any, batch: int = BATCH) -> WireUpdate:
    """Hash the stored articles that have no signature yet and merge their wire groups.

    Works `batch` new articles at a time, each batch in one transaction, so memory
    stays bounded whatever the number of new articles or the size of the store.
    """
    ensure_tables(con)
    backfill_bands(con)
    out, last = WireUpdate(), ""
    while ids := [r[0] for r in con.execute(
            "SELECT a.id FROM articles a ANTI JOIN article_signatures s ON s.article_id = a.id "
            "WHERE a.id > ? ORDER BY a.id LIMIT ?", [last, batch]).fetchall()]:
        # The texts of this batch only: selecting them in the query above would sort them all.
        rows = con.execute("SELECT id, text, published FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) "
                           "ORDER BY id", [ids]).fetchall()
        _add_batch(con, [signature_of(a, t or "", p) for a, t, p in rows], out)
        del rows
        out.added += len(ids)
        last = ids[-1]
    return out


def _candidates(con: Any, sigs: list[Signature], bands: np.ndarray) -> tuple[set[tuple[str, str]],
                                                                              set[tuple[str, str]]]:
    """(new-new pairs, new-stored pairs) that share an LSH band."""
    ids = [s.article_id for s in sigs for _ in range(N_BANDS)]
    flat = bands.ravel().tolist()
    bucket: dict[int, list[str]] = {}
    for band, aid in zip(flat, ids, strict=True):
        bucket.setdefault(band, []).append(aid)
    inner = {(a, b) for members in bucket.values() for i, a in enumerate(members) for b in members[i + 1:] if a != b}
    with columns_view(con, {"band": bands.ravel(), "article_id": ids}) as view:
        outer = set(con.execute(f"SELECT DISTINCT n.article_id, b.article_id FROM {view} n "
                                "JOIN article_bands b ON b.band = n.band").fetchall())
    return inner, outer


def _add_batch(con: Any, sigs: list[Signature], out: WireUpdate) -> None:
    banded = [s for s in sigs if s.n_shingles > 0]
    bands = band_hashes(np.stack([s.hashvalues for s in banded])) if banded else np.zeros((0, N_BANDS), np.int64)
    inner, outer = _candidates(con, banded, bands) if banded else (set(), set())
    by_id = {s.article_id: s for s in sigs}
    stored: dict[str, tuple[Signature, str]] = {}
    for aid, blob, n_sh, published, group in con.execute(
            "SELECT article_id, signature, n_shingles, published, wire_group FROM article_signatures "
            "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [id_list(b for _a, b in outer)]).fetchall():
        sig = Signature.from_blob(aid, bytes(blob), n_sh, published)
        if len(sig.hashvalues) == NUM_PERM:
            stored[aid] = (sig, group)
    group_age = dict(con.execute(
        "SELECT article_id, published FROM article_signatures WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [id_list(g for _s, g in stored.values())]).fetchall())
    comps = _Components()
    for s in sigs:
        comps.node("a:" + s.article_id, _age(s.published, s.article_id))
    for a, b in sorted(inner):
        if is_wire_copy(by_id[a], by_id[b]):
            comps.union("a:" + a, "a:" + b)
    for a, b in sorted(outer):
        if b in stored and is_wire_copy(by_id[a], stored[b][0]):
            g = stored[b][1]
            comps.union("a:" + a, comps.node("g:" + g, _age(group_age.get(g), g)))
    old_groups: dict[str, list[str]] = {}
    for name in comps.parent:
        if name.startswith("g:"):
            old_groups.setdefault(comps.find(name), []).append(name[2:])
    renames = {g: comps.find("g:" + g)[2:] for gs in old_groups.values() for g in gs}
    renames = {g: r for g, r in renames.items() if g != r}
    merged = sorted(root[2:] for root, gs in old_groups.items() if len(gs) > 1)
    out.merged.update(merged)
    con.execute("BEGIN TRANSACTION")
    try:
        if merged:  # with the merge, so a kill before the recount cannot lose it
            insert_columns(con, "wire_merged", {"wire_group": merged})
        insert_columns(con, "article_signatures", {
            "article_id": [s.article_id for s in sigs],
            "wire_group": [comps.find("a:" + s.article_id)[2:] for s in sigs],
            "n_shingles": [s.n_shingles for s in sigs], "published": [s.published for s in sigs],
            "signature": [s.to_blob() for s in sigs]})
        insert_columns(con, "article_bands", {"band": bands.ravel(),
                                              "article_id": [s.article_id for s in banded for _ in range(N_BANDS)]})
        if renames:
            con.execute("UPDATE article_signatures SET wire_group = m.new FROM (SELECT unnest(?::VARCHAR[]) AS old, "
                        "unnest(?::VARCHAR[]) AS new) m WHERE article_signatures.wire_group = m.old",
                        [list(renames), list(renames.values())])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def groups_of(con: Any, article_ids: list[str]) -> dict[str, str]:
    """article id -> wire group for the given articles (those with a signature)."""
    return dict(con.execute("SELECT article_id, wire_group FROM article_signatures "
                            "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [id_list(article_ids)]).fetchall())
