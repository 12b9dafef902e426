"""eventscope: news reports in, one trustworthy row per real incident out.

    >>> import eventscope
    >>> result = eventscope.process(["examples/"], "events.duckdb")
    >>> result.events
"""

from __future__ import annotations

import os

# One BLAS thread per process: parallelism comes from `--workers` processes, and a BLAS
# pool in each of them oversubscribes the cores. The sentence encoder's matrix products
# ran at 2.8 sentences/s with the default pool beside another busy process, 16.5 with
# one thread. Set before numpy loads (a user's own setting wins).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

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
