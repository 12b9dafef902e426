"""The long fuzz run of issue 11: thousands of hostile inputs through the real `eventscope run`.

Writes a seeded tree (`tests/fuzz/more_inputs.build_long`: at least 5,000 inputs of
more than 30 kinds, every one in a manifest with the outcome it must get), runs
`eventscope run` over it once and checks: no traceback, no hang (a wall-clock
limit), the exit status is the number of failed inputs (capped at 125, the CLI's
contract), every input accounted for exactly once (stored, duplicate, or failed with
its code), every valid article stored, nothing read from outside the inputs (nor the
files a walk skips), and the peak memory of the run's process tree (PSS, so pages the
workers share count once) at most 1.5 GB. Then it kills a run over the same inputs
with SIGKILL at `--kills` seeded random moments, resuming each time, lets the last run
finish, and compares every table (events and their ids, stories, failure rows; run
ids and times aside) with the uninterrupted run's. Prints a table of figures; exits 1
if a check failed. Run: `PYTHONPATH=src:. python benchmarks/fuzz_long.py`.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]
from tests.fuzz.hostile_inputs import SECRET  # noqa: E402
from tests.fuzz.more_inputs import IGNORED, build_long  # noqa: E402

from eventscope.store.snapshot import table_rows  # noqa: E402

MAX_BYTES = 200_000
PEAK_LIMIT_MB = 1536
_SUMMARY = re.compile(r"(\d+)\s+articles read,\s+(\d+)\s+skipped as duplicates,\s+(\d+)\s+failed")


@dataclass
class Outcome:
    returncode: int | None
    stderr: str
    seconds: float
    peak_mb: float
    hung: bool = False
    killed: bool = False


def _tree_pss_mb(proc: psutil.Process) -> float:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total / 2**20


def run(args: list[str], timeout: float, kill_after: float | None = None) -> Outcome:
    """`eventscope run ARGS`, its process tree's peak memory sampled; SIGKILLed after
    `kill_after` seconds if given, or at `timeout` (a hang)."""
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}", "COLUMNS": "400", "NO_COLOR": "1"}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "eventscope.cli.main", "run", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0.0]
    err: list[str] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)
    reader.start()
    watched = psutil.Process(proc.pid)
    limit = kill_after if kill_after is not None else timeout
    while proc.poll() is None and time.monotonic() - start < limit:
        try:
            peak[0] = max(peak[0], _tree_pss_mb(watched))
        except psutil.NoSuchProcess:
            break
        time.sleep(0.25)
    stopped = proc.poll() is None
    if stopped:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(timeout=30)
    return Outcome(proc.returncode, "".join(err), time.monotonic() - start, peak[0],
                   hung=stopped and kill_after is None, killed=stopped and kill_after is not None)


def check(manifest, db: Path, out: Outcome) -> dict[str, object]:
    """The figures and failed checks of one complete run."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = [r[0] for r in con.execute("SELECT source FROM articles").fetchall()]
        failed = con.execute("SELECT source, code FROM failed_inputs").fetchall()
        leaked = con.execute("SELECT count(*) FROM articles WHERE text LIKE ? OR text LIKE '%root:x:0:0%'",
                             [f"%{SECRET}%"]).fetchone()[0]
    finally:
        con.close()
    found = _SUMMARY.search(out.stderr)
    read, dups, n_failed = (int(found[1]), int(found[2]), int(found[3])) if found else (-1, -1, -1)
    codes = dict(failed)
    wrong_code = sum(1 for s, c in manifest.failed.items() if c and codes.get(s) != c)
    unaccounted = (len(set(manifest.stored) ^ set(stored)) + len(set(manifest.failed) ^ set(codes))
                   + (len(stored) - len(set(stored))) + (len(failed) - len(codes))
                   + abs(dups - manifest.duplicates) + len(set(stored) & set(codes)))
    ignored_read = sum(1 for s in stored + list(codes) if s in IGNORED)
    return {"tracebacks": out.stderr.count("Traceback"), "hangs": int(out.hung),
            "exit status": f"{out.returncode} (want {min(len(manifest.failed), 125)})",
            "exit ok": out.returncode == min(len(manifest.failed), 125) and n_failed == len(manifest.failed),
            "stored": len(stored), "duplicates": dups, "failed": len(codes),
            "valid not stored": len(set(manifest.stored) - set(stored)), "unaccounted": unaccounted,
            "wrong failure code": wrong_code, "read outside inputs": leaked + ignored_read,
            "peak MB (PSS, tree)": round(out.peak_mb), "seconds": round(out.seconds, 1), "read": read}


def _progress(db: Path) -> str:
    """Articles stored / of them linked, in the store a killed run left."""
    if not db.exists():
        return "0/0"
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored, linked = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories)").fetchone()
    finally:
        con.close()
    return f"{stored}/{linked}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=5000)
    parser.add_argument("--valid", type=int, default=80, help="valid .txt/.html articles in the base tree")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a run counts as hung")
    opts = parser.parse_args()
    begun = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        manifest = build_long(base / "in", base / "outside", base / "sidecar", seed=opts.seed,
                              n_inputs=opts.inputs, n_valid=opts.valid, max_bytes=MAX_BYTES)
        n_inputs = len(manifest.stored) + len(manifest.failed) + manifest.duplicates
        kinds = len(set(manifest.kinds.values()))
        args = [str(base / "in"), str(base / "sidecar" / "articles.jsonl"), "--quiet",
                "--max-bytes", str(MAX_BYTES), "--workers", str(opts.workers)]
        whole = base / "whole.duckdb"
        first = run([*args, "--db", str(whole)], opts.timeout)
        figures = check(manifest, whole, first)
        rng = random.Random(opts.seed)
        resumed = base / "resumed.duckdb"
        kills: list[str] = []
        tracebacks = 0
        for _ in range(opts.kills):
            at = rng.uniform(0.05, 0.95) * first.seconds
            out = run([*args, "--db", str(resumed)], opts.timeout, kill_after=at)
            tracebacks += out.stderr.count("Traceback")
            kills.append(f"{at:.0f}s:" + (f"killed@{_progress(resumed)}" if out.killed else "finished"))
        last = run([*args, "--db", str(resumed)], opts.timeout)
        tracebacks += last.stderr.count("Traceback")
        same = table_rows(resumed) == table_rows(whole)
    problems = [k for k, bad in (("tracebacks", figures["tracebacks"]), ("hangs", figures["hangs"]),
                                 ("exit status", not figures["exit ok"]),
                                 ("valid not stored", figures["valid not stored"]),
                                 ("unaccounted", figures["unaccounted"]),
                                 ("wrong failure code", figures["wrong failure code"]),
                                 ("read outside inputs", figures["read outside inputs"]),
                                 ("peak memory", figures["peak MB (PSS, tree)"] > PEAK_LIMIT_MB),
                                 ("kill/resume differs", not same), ("resume tracebacks", tracebacks))
                if bad]
    rows = [("inputs", n_inputs), ("kinds", kinds), *((k, v) for k, v in figures.items() if k != "exit ok"),
            ("kill points (s: articles/linked)", " ".join(kills)), ("resumed store = uninterrupted", same),
            ("tracebacks in resumed runs", tracebacks), ("wall seconds, all", round(time.monotonic() - begun)),
            ("problems", ", ".join(problems) or "none")]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
