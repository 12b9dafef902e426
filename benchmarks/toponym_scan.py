"""How long the gazetteer takes to find the toponyms of a 5,000-character article.

Speed is measured here, not asserted in a test: the test that asserted it failed whenever the
shared CI machine was loaded. The target is 5 ms a call.
Run: `PYTHONPATH=src python benchmarks/toponym_scan.py [--calls 50]`.
"""

from __future__ import annotations

import argparse
import statistics
import time

from eventscope.resolve.gazetteer import Gazetteer

TEXT = ("Fighting spread from Aleppo to Idlib and Raqqa, Syrian activists said. " * 70)[:5000]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=50)
    args = ap.parse_args()
    gaz = Gazetteer.load()
    gaz.find_toponyms(TEXT)  # warm: index loaded, memo tables filled
    times = []
    for _ in range(args.calls):
        gaz._last = None  # the per-text memo would make every later call free
        t0 = time.perf_counter()
        gaz.find_toponyms(TEXT)
        times.append(time.perf_counter() - t0)
    print(f"find_toponyms on {len(TEXT)} chars: median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms over {args.calls} calls (target 5 ms)")


if __name__ == "__main__":
    main()
