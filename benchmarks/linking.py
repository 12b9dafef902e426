"""Linking a DuckDB store: a full link, then runs adding 1% and 10%, at several sizes.

    python benchmarks/linking.py [--sizes 10000 100000] [--seed 7] [--work DIR] [--check]
                                 [--span-days 365 | --days-per-10k 365]

For each size N a synthetic corpus (`synthetic_store.py`: 60 countries, stories of 1–8
articles, one in five a wire copy) of 1.1 N articles is written to a staging database;
its stories start day by day over `--span-days` (the same year whatever N, so 10x the
articles is also 10x as many a day, as in the first version of this benchmark) or over
`--days-per-10k` days for each 10,000 articles (the same density at every size: a store
that grows by the days it covers). The oldest N go into a fresh store, which is linked in full (`relink_store(db,
full=True)`); then copies of that store receive the next N/100 and the next N/10
articles and are linked as a run would link them (`relink_store(db)`). Each link runs
in its own process, so its peak RSS (VmHWM) is its own, DuckDB's
buffers included. Prints JSON: seconds per stage (wire copies; reading new mentions,
candidate events and leads; events; tokenising the new articles; stories, with their
reads; writes; actors/places), peak RSS, the ratio between sizes for each stage (10x the
articles should cost at most about 10x the time) and the incremental run's share of
the full link. `--check` also links the +1% store in full and scores how far the
incremental grouping is from it (B-cubed over mentions and articles).

Run it with another checkout's code (`PYTHONPATH=/other/src`) to compare: a
`relink_store` without `full` and stages is timed as a whole.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_store import add_articles, write_staging  # noqa: E402

STAGES = ("wire", "read", "events", "features", "stories", "write", "actors_places")


def peak_rss_mb() -> int:
    """This process's peak RSS (VmHWM). Not getrusage's ru_maxrss: on Linux a child
    inherits its parent's peak through fork and exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def child(db_path: str, full: bool) -> dict[str, Any]:
    """Link one store in this process; seconds, stages and peak RSS."""
    import inspect

    from eventscope.link.relink import relink_store
    from eventscope.store.db import Store

    with Store(db_path) as db:
        rss_before = peak_rss_mb()
        t0 = time.perf_counter()
        if "clock" in inspect.signature(relink_store).parameters:
            summary = relink_store(db, full=full, clock=time.perf_counter)
            stages = {k: round(v, 2) for k, v in summary.stage_seconds.items()}
        else:  # an older relink_store: links the whole store every time
            summary, stages = relink_store(db), {}
        seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 2), "stages": stages, "events": summary.events, "stories": summary.stories,
            "peak_rss_mb": peak_rss_mb(), "rss_before_link_mb": rss_before}


def run_child(db_path: Path, full: bool) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", str(db_path)] + (["--full"] if full else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=os.environ)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _store_with(work: Path, name: str, staging: Path, first: int, count: int, base: Path | None = None) -> Path:
    from eventscope.store.db import Store

    path = work / f"{name}.duckdb"
    path.unlink(missing_ok=True)  # left by an interrupted run
    if base is not None:
        shutil.copy(base, path)
    with Store(path) as db:
        db.con.execute(f"ATTACH '{staging}' AS staging (READ_ONLY)")
        add_articles(db.con, first, count, "staging")
        db.con.execute("DETACH staging")
        db.con.execute("CHECKPOINT")  # the link must not start by replaying a write-ahead log
    return path


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> float:
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for k in gold:
        by_gold[gold[k]].add(k)
        by_pred[pred[k]].add(k)
    p = sum(len(by_gold[gold[k]] & by_pred[pred[k]]) / len(by_pred[pred[k]]) for k in gold) / len(gold)
    r = sum(len(by_gold[gold[k]] & by_pred[pred[k]]) / len(by_gold[gold[k]]) for k in gold) / len(gold)
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _groups(path: Path, sql: str) -> dict[str, str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(con.execute(sql).fetchall())
    finally:
        con.close()


def time_size(n: int, seed: int, days: int, work: Path, check: bool) -> dict[str, Any]:
    from eventscope.store.db import Store

    staging = work / f"staging_{n}_{days}d_{seed}.duckdb"
    if not staging.exists():
        with Store(staging) as db:
            write_staging(db.con, n + n // 10, seed, days)
    out: dict[str, Any] = {"articles": n, "days": days}
    base = _store_with(work, f"full_{n}", staging, 0, n)
    out["full"] = run_child(base, full=True)
    truth = _groups(staging, "SELECT id, story FROM bench_articles")
    stories = _groups(base, "SELECT article_id, story_id FROM stories")
    out["full"]["stories_bcubed_f1_vs_synthetic_truth"] = bcubed({a: str(truth[a]) for a in stories}, stories)
    for share in (100, 10):
        path = _store_with(work, f"plus{share}_{n}", staging, n, n // share, base)
        run = out[f"incremental_plus_1_in_{share}"] = run_child(path, full=False)
        run["share_of_full_link"] = round(run["seconds"] / out["full"]["seconds"], 4)
        if check and share == 100:
            again = work / f"again_{n}.duckdb"
            shutil.copy(path, again)
            run_child(again, full=True)
            for what, sql in (("events", "SELECT id, event_id FROM mentions"),
                              ("stories", "SELECT article_id, story_id FROM stories")):
                run[f"{what}_bcubed_vs_full_relink"] = bcubed(_groups(again, sql), _groups(path, sql))
            again.unlink()
        path.unlink()
    base.unlink()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path, default=Path("/tmp/eventscope-linking-bench"),
                    help="Where the stores are written (staging corpora are kept for the next run).")
    ap.add_argument("--check", action="store_true", help="Also compare the +1%% run with a full relink.")
    ap.add_argument("--check-max", type=int, default=100_000, help="... at sizes up to this one only.")
    span = ap.add_mutually_exclusive_group()
    span.add_argument("--span-days", type=int, default=365, help="Publication days of the corpus, whatever its size.")
    span.add_argument("--days-per-10k", type=int, help="Publication days per 10,000 articles (constant density).")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.full)))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        days = args.span_days if args.days_per_10k is None else max(1, args.days_per_10k * n // 10_000)
        results.append(time_size(n, args.seed, days, args.work, args.check and n <= args.check_max))
    report: dict[str, Any] = {"sizes": results, "python": sys.version.split()[0]}
    ratios = {}
    for a, b in zip(results, results[1:], strict=False):
        key = f"{b['articles']}/{a['articles']}"
        ratios[key] = {s: round(b["full"]["stages"][s] / a["full"]["stages"][s], 2)
                       for s in STAGES if a["full"]["stages"].get(s) and s in b["full"]["stages"]}
        ratios[key]["total"] = round(b["full"]["seconds"] / a["full"]["seconds"], 2)
    report["full_link_time_ratio"] = ratios
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
