"""The REST API over a large store: latency of each endpoint at 100k and 1M events.

    python benchmarks/api_scale.py [--sizes 100000 1000000] [--repeat 20] [--json]

Events are synthesised straight into a fresh DuckDB store with SQL (no extraction runs):
60 countries, 25 sub-types, dates over six years, one to three sources each. The app is
driven in-process through FastAPI's TestClient (no network), so the figures are the
API's own work: query, JSON. Prints per endpoint the median and 95th-percentile
milliseconds over `--repeat` calls, with the store's size on disk and the peak memory of
the process. Figures are measured, never asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from eventscope.extract.sentence_events import TYPE_OF_SUB
from eventscope.store.db import Store
from eventscope.web.app import create_app

SUBTYPES = sorted(TYPE_OF_SUB)


def fill(path: Path, n: int) -> None:
    """`n` synthetic events (and one mention per event, for the event pages) in a new store."""
    Store(path).close()  # creates the schema
    import duckdb

    con = duckdb.connect(str(path))
    subs = "[" + ", ".join(f"'{s}'" for s in SUBTYPES) + "]"
    types = "[" + ", ".join(f"'{TYPE_OF_SUB[s]}'" for s in SUBTYPES) + "]"
    con.execute(f"""
        INSERT INTO events
        SELECT 'E' || lpad(CAST(i AS VARCHAR), 12, '0') AS id,
               ({types})[1 + i % 25], ({subs})[1 + i % 25],
               CAST(DATE '2018-01-01' + CAST(hash(i) % 2190 AS INTEGER) AS VARCHAR), 'day', 1,
               'Group ' || CAST(i % 997 AS VARCHAR), 'Civilians (Country ' || CAST(i % 60 AS VARCHAR) || ')',
               'Country ' || CAST(i % 60 AS VARCHAR), 'C' || lpad(CAST(i % 60 AS VARCHAR), 2, '0'),
               'Province ' || CAST(i % 17 AS VARCHAR), 'Town ' || CAST(i % 5003 AS VARCHAR),
               -30 + (hash(i) % 8000) / 100.0, -20 + (hash(i + 1) % 12000) / 100.0, 1 + i % 3,
               CAST(i % 7 AS INTEGER), CAST(i % 7 AS INTEGER), CAST(i % 7 AS INTEGER), CAST(i % 9 AS INTEGER),
               1 + i % 3, 1 + i % 3,
               '[{{"mention": "M' || CAST(i AS VARCHAR) || '", "article": "A' || CAST(i % 400000 AS VARCHAR)
                   || '", "outlet": "Outlet ' || CAST(i % 80 AS VARCHAR) || '", "evidence": "Gunmen attacked a village."}}]',
               '{{}}', '[]', 'Gunmen attacked a village.'
        FROM range({n}) t(i)""")
    con.close()


def timed(client: TestClient, url: str, repeat: int) -> dict[str, float | int]:
    times = []
    status = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        status = r.status_code
    times.sort()
    return {"status": status, "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(0.95 * len(times)) - 1)], 1)}


def measure(n: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "api.duckdb"
        t0 = time.perf_counter()
        fill(path, n)
        out: dict = {"events": n, "fill_seconds": round(time.perf_counter() - t0, 1),
                     "store_mb": round(path.stat().st_size / 1e6, 1)}
        client = TestClient(create_app(str(path)))
        first = client.get("/api/v1/events?limit=100").json()
        cursor = first.get("next_cursor")
        urls = {
            "events first page (100, newest)": "/api/v1/events?limit=100",
            "events next page": f"/api/v1/events?limit=100&cursor={cursor}" if cursor else None,
            "events one country, one year": "/api/v1/events?country=Country%207&since=2020-01-01&until=2020-12-31&limit=100",
            "events one sub-type, by fatalities": "/api/v1/events?sub_event_type=Grenade&sort=-fatalities&limit=100",
            "counts by month": "/api/v1/events/counts?by=month",
            "counts by country, one type": "/api/v1/events/counts?by=country&event_type=Battles",
            "one event": "/api/v1/events/E000000012345",
            "events as GeoJSON (500)": "/api/v1/events?limit=500&format=geojson",
            "events as CSV (500)": "/api/v1/events?limit=500&format=csv",
        }
        out["endpoints"] = {name: timed(client, url, repeat) for name, url in urls.items() if url}
        out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = [measure(n, args.repeat) for n in args.sizes]
    if args.json:
        json.dump({"sizes": results, "python": sys.version.split()[0]}, sys.stdout, indent=1)
        return
    for r in results:
        print(f"== {r['events']:,} events: store {r['store_mb']} MB, filled in {r['fill_seconds']} s, "
              f"peak RSS {r['peak_rss_mb']} MB")
        for name, t in r["endpoints"].items():
            print(f"  {name:38} {t['status']}  median {t['median_ms']:8.1f} ms  p95 {t['p95_ms']:8.1f} ms")


if __name__ == "__main__":
    main()
