"""Extraction of shards on Ray Data: the same partitions as `run_local`, on a cluster.

The driver lists the units (input files, in the run's walk order) and hands them to Ray
as a dataset of small rows; `map_batches` runs `RayShardWorker`, a class, so that each
actor loads the spaCy pipeline, the gazetteer and the event model once and then extracts
batch after batch. An actor reads its units itself, so article text never travels through
the driver or Ray's object store, and writes its partitions itself to `out`, a directory
every node sees (a shared filesystem or a mounted bucket); what comes back to the driver
is one summary row per partition. A retried task rewrites the same partition names, so a
retry never duplicates rows, and the merge orders rows by their keys, not by which actor
finished first.

Ray is optional (`pip install 'eventscope[ray]'`); importing this module never imports
it, and `require_ray` says how to install it instead of raising ImportError.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from types import ModuleType
from typing import Any

from eventscope.errors import EventscopeError

from .extract import (
    ExtractSummary,
    Options,
    ShardExtractor,
    Unit,
    check_out_dir,
    list_units,
    new_extraction_id,
)

#: Units per Ray batch: one task's work. Small, so that the pool stays busy to the end.
UNITS_PER_BATCH = 1


class RayMissing(EventscopeError):
    """Ray is not installed: the message says how to install it."""


def require_ray() -> ModuleType:
    """The `ray` module with Ray Data, or RayMissing with the command that installs it."""
    try:
        import ray
        import ray.data  # noqa: F401 - Ray Data is the `data` extra of ray
    except ImportError as exc:
        raise RayMissing("the Ray engine needs Ray Data, which is not installed: "
                         "pip install 'eventscope[ray]' (or run with --engine local, in this process)") from exc
    return ray


class RayShardWorker:
    """The Ray Data UDF: one instance per actor, models loaded in the constructor."""

    def __init__(self, out: str, options: dict[str, Any], extraction_id: str) -> None:
        self.out = out
        self.worker = ShardExtractor(Options(**options), extraction_id)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        units = [Unit(**row) for row in batch.to_pylist()]
        rows = self.worker.write(units, self.out)
        if not rows:  # units with nothing to extract (a sidecar): still one row back
            rows = [{"partition": "", "articles_read": 0, "duplicates": 0}]
        return pa.Table.from_pylist([_summary_row(r) for r in rows])


def _summary_row(row: dict[str, Any]) -> dict[str, Any]:
    return {"partition": str(row.get("partition") or ""),
            **{k: int(row.get(k) or 0) for k in ("articles_read", "duplicates", "articles", "mentions", "failed")}}


def run_ray(paths: Sequence[str | Path], out: str | Path, options: Options | None = None, *,
            actors: int | None = None, address: str | None = None,
            units_per_batch: int = UNITS_PER_BATCH) -> ExtractSummary:
    """Extract `paths` into partitions under `out` with a pool of `actors` Ray actors.

    Connects to the cluster at `address` (or $RAY_ADDRESS); with neither, and no Ray
    started in this process, starts a local one on this machine's cores."""
    ray = require_ray()
    options = options or Options()
    check_out_dir(out)
    units = list_units(paths, options.follow_links)
    summary = ExtractSummary(new_extraction_id(), units=len(units))
    if not units:
        return summary
    out_path = os.path.abspath(out)
    Path(out_path).mkdir(parents=True, exist_ok=True)
    started_here = not ray.is_initialized()
    if started_here:
        init: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if address:
            init["address"] = address
        ray.init(**init)
    try:
        size = actors or max(1, int(ray.available_resources().get("CPU", 1)))
        ds = ray.data.from_items([u.as_dict() for u in units],
                                 override_num_blocks=max(1, math.ceil(len(units) / units_per_batch)))
        ds = ds.map_batches(RayShardWorker, batch_size=units_per_batch, batch_format="pyarrow",
                            fn_constructor_kwargs={"out": out_path, "options": asdict(options),
                                                   "extraction_id": summary.extraction_id},
                            compute=ray.data.ActorPoolStrategy(size=min(size, len(units))), num_cpus=1)
        for row in ds.take_all():
            summary.add(row)
    finally:
        if started_here:
            ray.shutdown()
    summary.partitions.sort()
    return summary
