"""Time per article against text length: is any step worse than linear?

Builds news-like texts of growing size from varied conflict sentences (seeded,
so every run sees the same text), runs the whole pipeline on each into a
throw-away store and prints seconds per size and the ratio to the smallest.
With `--profile N` it also writes a cProfile of the N-byte run and prints the
functions with the most cumulative time, which is how issue 11's culprit was
found. `--repeat N` shows the median of N runs of each size. Run:
`PYTHONPATH=src python benchmarks/long_text.py 10000 100000 1000000 3000000 10000000`.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import tempfile
import time
from pathlib import Path

from eventscope.pipeline.process import process
from eventscope.resources import Resources

_ACTORS = ["rebels", "government forces", "ISIL fighters", "the army", "militiamen", "police",
           "Islamic Front fighters", "Kurdish forces", "gunmen", "protesters"]
_PLACES = ["Aleppo", "Idlib", "Raqqa", "Homs", "Darkush", "Beni", "Goma", "Maiduguri", "Kano", "Mosul"]
_VERBS = ["attacked", "clashed with", "shelled", "ambushed", "fought", "seized a checkpoint from"]
_DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "late on Saturday"]
_TAILS = ["activists said.", "according to the Syrian Observatory for Human Rights.",
          "a local official told reporters.", "witnesses said.", "state media reported."]


def sentence(rng: random.Random) -> str:
    """One varied conflict sentence: who did what to whom, where, when, with a toll and a source."""
    a, b = rng.sample(_ACTORS, 2)
    n = rng.randint(2, 40)
    return (f"{a.capitalize()} {rng.choice(_VERBS)} {b} in {rng.choice(_PLACES)} {rng.choice(_DAYS)}, "
            f"killing {n} people, {rng.choice(_TAILS)}")


def news_text(size: int, seed: int = 11) -> str:
    """About `size` characters of paragraphs of 3–6 sentences."""
    rng = random.Random(seed)
    parts: list[str] = ["Fighting spreads across the north", ""]
    total = 0
    while total < size:
        para = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        parts.append(para)
        total += len(para) + 2
    return "\n\n".join(parts)[:size]


def run_once(size: int, resources: Resources, profile: bool = False) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, f"long-{size}.txt")
        path.write_text(news_text(size), encoding="utf-8")
        start = time.perf_counter()
        if profile:
            prof = cProfile.Profile()
            prof.enable()
        process([path], Path(tmp, "x.duckdb"), resources=resources, max_bytes=50_000_000,
                max_seconds_per_article=None)
        elapsed = time.perf_counter() - start
        if profile:
            prof.disable()
            out = Path(f"long_text_{size}.prof")
            prof.dump_stats(out)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
            pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[30_000, 100_000, 300_000])
    parser.add_argument("--profile", type=int, default=None, help="Profile the run of this size.")
    parser.add_argument("--repeat", type=int, default=1,
                        help="Runs of each size; the median is shown (the machine may be shared).")
    args = parser.parse_args()
    resources = Resources()
    run_once(2_000, resources)  # warm-up: load models once
    base: tuple[int, float] | None = None
    for size in args.sizes:
        seconds = statistics.median(run_once(size, resources, profile=size == args.profile and i == 0)
                                    for i in range(args.repeat))
        base = base or (size, seconds)
        ratio = (seconds / base[1]) / (size / base[0])
        print(f"{size:>10,} chars  {seconds:8.2f} s  {seconds / size * 1e6:6.1f} s/MB  "
              f"time/size vs smallest ×{ratio:.2f}", flush=True)


if __name__ == "__main__":
    main()
