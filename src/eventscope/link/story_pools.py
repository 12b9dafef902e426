"""Which articles share a blocking key with a new article: the pools story linking draws from.

A pool is the articles that carry one key (a salient term, a name, an actor, a
place, an event, a wire group) in one time bucket (`window_days` wide), among the
undated, or over all time (for an undated newcomer). Its articles are kept oldest
first; linking uses the newest few of a pool, or none when the pool is too common
to block anything.

A pool has two parts: the stored one, read from the store with SQL as its size and
its newest ids (`set_stored`), and the articles of this pass, kept in memory as they
are placed (`add`). Linking a store in one pass or run by run sees the same pools.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

PoolId = tuple  # ("d", key, bucket) | ("u", key) | ("e", key)

#: Keys of these kinds join a story outright, so all of their pool counts, not only the newest.
STRONG = ("e:", "w:")


def is_strong(key: str) -> bool:
    return key.startswith(STRONG)


def pools_of(key: str, day: int | None, window_days: int) -> list[PoolId]:
    """The pools a newcomer with this key and day draws from: its bucket and the two beside
    it plus the undated; an undated newcomer draws from the key's articles of all time."""
    if day is None:
        return [("e", key)]
    b = day // window_days
    return [("d", key, b - 1), ("d", key, b), ("d", key, b + 1), ("u", key)]


def homes_of(key: str, day: int | None, window_days: int) -> list[PoolId]:
    """The pools an article with this key and day belongs to."""
    return [("e", key), ("u", key) if day is None else ("d", key, day // window_days)]


_NONE: list[str] = []
_EMPTY: tuple[int, list[str]] = (0, _NONE)


class Pools:
    """Blocking pools over stored articles (size and newest ids) and this pass's (in memory)."""

    def __init__(self, window_days: int, take: int) -> None:
        self.window_days = window_days
        self.take = take
        self.stored: dict[PoolId, tuple[int, list[str]]] = {}
        self.mine: dict[PoolId, list[str]] = defaultdict(list)

    def set_stored(self, pool: PoolId, count: int, newest: list[str]) -> None:
        """A stored pool: its size and its ids oldest first (all of them for a strong key,
        else at least the newest `take`)."""
        self.stored[pool] = (count, newest)

    def add(self, article_id: str, day: int | None, keys: Iterable[str]) -> None:
        for k in keys:
            for pool in homes_of(k, day, self.window_days):
                self.mine[pool].append(article_id)

    def view(self, pool: PoolId, strong: bool, stored_only: bool = False) -> tuple[int, list[str]]:
        """(size, ids): all ids for a strong key, else the newest `take`, oldest first."""
        count, stored = self.stored.get(pool, _EMPTY)
        mine = _NONE if stored_only else self.mine.get(pool, _NONE)
        if not stored:
            return len(mine), mine if strong else mine[-self.take:]
        if strong:
            return count + len(mine), stored + mine
        need = self.take - len(mine)
        return count + len(mine), (stored[-need:] + mine) if need > 0 else mine[-self.take:]
