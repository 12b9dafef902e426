"""eventscope: news reports in, one trustworthy row per real incident out.

    >>> import eventscope
    >>> result = eventscope.process(["examples/"], "events.duckdb")
    >>> result.events
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "process", "Result", "Store"]


def __getattr__(name: str):
    # Lazy: `import eventscope` stays cheap; the pipeline pulls in spaCy and GeoNames only on use.
    if name in ("process", "Result"):
        from eventscope.pipeline import process as _process

        return getattr(_process, name)
    if name == "Store":
        from eventscope.store.db import Store

        return Store
    raise AttributeError(name)
