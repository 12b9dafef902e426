"""Measure articles/s and peak memory of the main job on any corpus.

    python benchmarks/throughput.py INPUT... [--limit N] [--db PATH]

INPUT is what `eventscope run` takes (files, directories, JSONL). Throughput
is measured here, never asserted in tests. Peak memory is the process's
maximum resident set size (ru_maxrss), which includes the loaded gazetteer
and models.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from eventscope.ingest import read_inputs
from eventscope.pipeline.process import process_items
from eventscope.resources import Resources


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--limit", type=int, default=None, help="stop after N inputs")
    ap.add_argument("--db", default=None, help="database file (default: a temporary one)")
    args = ap.parse_args()

    res = Resources()
    t0 = time.perf_counter()
    # Load once, outside the timed loop, as a long-running process would.
    res.triggers, res.gazetteer, res.actors, res.event_model  # noqa: B018
    load_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.duckdb")
        items = read_inputs(args.inputs)
        if args.limit:
            items = itertools.islice(items, args.limit)
        t1 = time.perf_counter()
        result = process_items(items, db, inputs=args.inputs, resources=res)
        run_s = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = result.articles_read + result.n_failed
    report = {
        "inputs": args.inputs,
        "articles": result.articles_read,
        "failed": result.n_failed,
        "mentions": result.mentions,
        "events": result.events,
        "load_seconds": round(load_s, 2),
        "run_seconds": round(run_s, 2),
        "articles_per_second": round(n / run_s, 1) if run_s else None,
        "peak_rss_mb": round(peak_mb, 1),
        "python": sys.version.split()[0],
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
