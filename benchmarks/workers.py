"""Time `eventscope run --workers N` end to end for several N, and check the outputs agree.

    python benchmarks/workers.py INPUT... [--workers 1 2] [--start-method fork|spawn]

INPUT is what `eventscope run` takes, e.g. the GVA corpus made by gva_corpus.py. Each
N runs the real CLI in a subprocess into a fresh database. Reported per N:
- wall seconds and articles/s (inputs read / wall seconds), and the same after taking
  off the start-up cost, measured by a run of the same N on a one-article input
  (imports, loading and warming the models, starting the workers);
- peak memory of the whole process tree, sampled every 0.2 s: the sum of RSS (counts a
  page shared by the parent and its forked workers once per process) and the sum of
  PSS (shares it out, so it is the real total), via psutil;
- whether every table (articles, mentions, relations, events, stories, actors, places,
  signatures, failures; run ids and times left out) is identical to the first N's;
- the load average before and after, since a shared machine skews the figures.
Measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import psutil

from eventscope.store.snapshot import table_rows

_PROBE = {"text": "Gunmen killed four farmers in Gwoza on Sunday, a local official said.",
          "published": "2021-03-07"}


class TreeMemory:
    """Peak sum of RSS and of PSS over a process and all its descendants."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.root = psutil.Process(pid)
        self.every = every
        self.peak_rss = self.peak_pss = 0
        self.max_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            rss = pss = 0
            for p in procs:
                try:
                    info = p.memory_full_info()
                except psutil.Error:
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.max_processes = max(self.max_processes, len(procs))
            self._stop.wait(self.every)


def run_cli(inputs: list[str], db: Path, workers: int, env: dict[str, str]) -> dict:
    cmd = [sys.executable, "-m", "eventscope.cli.main", "run", *inputs, "--db", str(db), "--quiet",
           "--workers", str(workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeMemory(proc.pid) as mem:
        _, err = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode > 125:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    con = duckdb.connect(str(db), read_only=True)
    counts = json.loads(con.execute("SELECT counts FROM runs ORDER BY finished DESC LIMIT 1").fetchone()[0])
    con.close()
    return {"wall_s": wall, "counts": counts, "peak_rss_mb": mem.peak_rss / 2**20,
            "peak_pss_mb": mem.peak_pss / 2**20, "processes": mem.max_processes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="the N to compare (default: 1 2)")
    ap.add_argument("--start-method", choices=["fork", "spawn", "forkserver"],
                    help="how workers start (EVENTSCOPE_START_METHOD); default: fork on Linux")
    args = ap.parse_args()
    env = dict(os.environ)
    if args.start_method:
        env["EVENTSCOPE_START_METHOD"] = args.start_method

    load_before = os.getloadavg()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.jsonl"
        probe.write_text(json.dumps(_PROBE) + "\n", encoding="utf-8")
        first: dict | None = None
        for n in args.workers:
            startup = run_cli([str(probe)], Path(tmp) / f"probe{n}.duckdb", n, env)["wall_s"]
            db = Path(tmp) / f"w{n}.duckdb"
            r = run_cli(args.inputs, db, n, env)
            tables = table_rows(db)
            first = first or tables
            read = r["counts"]["articles_read"] + r["counts"]["failed"]
            rows.append({"workers": n, **r, "startup_s": startup, "inputs": read,
                         "articles_per_s": read / r["wall_s"],
                         "articles_per_s_after_startup": read / max(r["wall_s"] - startup, 1e-9),
                         "identical_to_first": tables == first,
                         "differing_tables": [t for t in tables if tables[t] != first[t]]})
    load_after = os.getloadavg()

    print(json.dumps({"inputs": args.inputs, "start_method": args.start_method or "default",
                      "load_before": load_before, "load_after": load_after, "cores": os.cpu_count(),
                      "python": sys.version.split()[0], "runs": rows}, indent=1, default=str))
    print("\n| workers | wall s | art/s | art/s after start-up | start-up s | peak RSS sum MB | "
          "peak PSS sum MB | processes | identical |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['workers']} | {r['wall_s']:.1f} | {r['articles_per_s']:.1f} | "
              f"{r['articles_per_s_after_startup']:.1f} | {r['startup_s']:.1f} | {r['peak_rss_mb']:.0f} | "
              f"{r['peak_pss_mb']:.0f} | {r['processes']} | {'yes' if r['identical_to_first'] else 'NO'} |")
    print(f"\nload average (1, 5, 15 min) before {load_before}, after {load_after}")


if __name__ == "__main__":
    main()
