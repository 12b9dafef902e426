"""The long fuzz run of issue 11: thousands of hostile inputs through the real `eventscope run`.

Writes a seeded tree (`tests/fuzz/more_inputs.build_long`: at least 5,000 inputs of
more than 30 kinds, every one in a manifest with the outcome it must get), runs
`eventscope run` over it once and checks: no traceback, no hang (a wall-clock
limit), the exit status is the number of failed inputs (capped at 125, the CLI's
contract), every input accounted for exactly once (stored, duplicate, or failed with
its code), every valid article stored, nothing read from outside the inputs (nor the
files a walk skips), and the peak memory of the run's process tree (PSS, so pages the
workers share count once) at most 1.5 GB.

Then it kills runs over the same inputs with SIGKILL and resumes, `--kills` times, lets
the last run finish, and compares every table (events and their ids, stories, failure
rows; run ids and times aside) with the uninterrupted run's. Kill points are chosen by
progress, not by time, so that each lands while the run works. While a run goes, the
watcher reads its stage from the process tree (`loading` before the workers start,
`extracting` while they live, `linking` once they are gone and the run holds the store)
and, whenever the run has closed the store between two batches (pipeline.process), the
rows committed (articles + failure rows). Each extraction kill aims at the rows the
uninterrupted run had committed at a seeded random moment of its extraction, drawn from
the part still ahead of the store, in the first 1/(kills left + 2) of it so that later
kills have work left; the run is killed once it has committed that much and at least one
batch of its own. If nothing is left to commit, the kill lands a seeded number of seconds
into the run's extraction instead (it re-reads every input). The last `--link-kills`
kills wait for linking to begin, then a seeded part of the uninterrupted run's linking
time. Each kill's stage is printed. Run: `PYTHONPATH=src:. python benchmarks/fuzz_long.py`.
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
from collections.abc import Callable
from dataclasses import dataclass, field
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
TICK_SECONDS = 0.02  # between two looks at the process tree (cheap: no store, no PSS)
READ_SECONDS = 0.1  # between two reads of the store (each keeps the run out of it some 20 ms)
PSS_SECONDS = 0.25  # between two memory samples
_SUMMARY = re.compile(r"(\d+)\s+articles read,\s+(\d+)\s+skipped as duplicates,\s+(\d+)\s+failed")

Rows = tuple[int, int]  # articles, failure rows committed


@dataclass
class Sample:
    """What the watcher saw at one poll: seconds into the run, stage, rows committed."""

    t: float
    stage: str
    rows: Rows | None  # None when the run held the store (not readable then)
    held: bool


@dataclass
class Outcome:
    returncode: int | None
    stderr: str
    seconds: float
    peak_mb: float
    samples: list[Sample] = field(default_factory=list)
    hung: bool = False
    killed: Sample | None = None  # the state it was killed in

    def linking_seconds(self) -> float:
        times = [s.t for s in self.samples if s.stage == "linking"]
        return max(times) - min(times) if times else 0.0


#: Decides, from the newest sample, whether to kill the run now (rules keep their own state).
KillRule = Callable[[Sample], bool]


def _tree_pss_mb(proc: psutil.Process) -> float:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total / 2**20


def _committed(db: Path) -> Rows | None:
    """(articles, failure rows) in the store, or None while the run holds it (or before it exists)."""
    if not db.exists():
        return None
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    try:
        return con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM failed_inputs)").fetchone()
    except duckdb.Error:  # the schema is not there yet
        return None
    finally:
        con.close()


def _look(proc: psutil.Process, db: Path, seen_workers: bool) -> tuple[str, bool, bool]:
    """(stage, the run holds the store, workers alive) from the process tree and its open files."""
    workers = bool(proc.children())
    real = os.path.realpath(db)
    held = any(f.path.startswith(real) for f in proc.open_files())
    if workers:
        return "extracting", held, True
    if not seen_workers:
        return "loading", held, False
    return ("linking" if held else "finishing"), held, False


def run(args: list[str], db: Path, timeout: float, kill: KillRule | None = None) -> Outcome:
    """`eventscope run ARGS --db DB`, watched: its process tree's peak memory, its stage and
    committed rows; SIGKILLed when `kill` says so, or at `timeout` (a hang)."""
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}", "COLUMNS": "400", "NO_COLOR": "1"}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "eventscope.cli.main", "run", *args, "--db", str(db)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err: list[str] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)
    reader.start()
    watched = psutil.Process(proc.pid)
    out = Outcome(None, "", 0.0, 0.0)
    seen_workers, children = False, set()
    last_read = last_pss = -1.0
    while proc.poll() is None:
        now = time.monotonic() - start
        try:
            if now - last_pss >= PSS_SECONDS:
                out.peak_mb, last_pss = max(out.peak_mb, _tree_pss_mb(watched)), now
            children |= {c.pid for c in watched.children(recursive=True)}
            stage, held, alive = _look(watched, db, seen_workers)
        except psutil.NoSuchProcess:
            break
        seen_workers |= alive
        rows = None
        if not held and now - last_read >= READ_SECONDS:
            rows, last_read = _committed(db), now
        out.samples.append(Sample(now, stage, rows, held))
        if now > timeout or (kill is not None and kill(out.samples[-1])):
            proc.send_signal(signal.SIGKILL)
            out.hung, out.killed = kill is None or now > timeout, out.samples[-1]
            break
        time.sleep(TICK_SECONDS)
    proc.wait()
    _reap(children)
    reader.join(timeout=30)
    out.returncode, out.stderr, out.seconds = proc.returncode, "".join(err), time.monotonic() - start
    return out


def _reap(pids: set[int]) -> None:
    """The run's workers, once their parent is gone: they leave when their pipe closes;
    any still there after 10 s is killed (by its own id)."""
    deadline = time.monotonic() + 10
    for pid in pids:
        try:
            psutil.Process(pid).wait(timeout=max(0.1, deadline - time.monotonic()))
        except psutil.NoSuchProcess:
            continue
        except psutil.TimeoutExpired:
            os.kill(pid, signal.SIGKILL)


def last_rows(samples: list[Sample]) -> Rows | None:
    return next((s.rows for s in reversed(samples) if s.rows is not None), None)


def extraction_kill(target: int) -> KillRule:
    """Kill while it extracts, once the run has committed `target` rows and some of its own."""
    first: list[int] = []
    latest = [0]

    def rule(sample: Sample) -> bool:
        if sample.rows is not None:
            latest[0] = sum(sample.rows)
            first[:] = first or [latest[0]]
        return bool(first) and sample.stage == "extracting" and latest[0] >= target and latest[0] > first[0]
    return rule


def stage_kill(stage: str, after: float) -> KillRule:
    """Kill `after` seconds into the run's `stage`."""
    began: list[float] = []

    def rule(sample: Sample) -> bool:
        if sample.stage != stage:
            return False
        began[:] = began or [sample.t]
        return sample.t - began[0] >= after
    return rule


def extraction_rows(first: Outcome) -> list[tuple[float, int]]:
    """(seconds in, rows committed) through the uninterrupted run's extraction, as the watcher saw it."""
    return [(s.t, sum(s.rows)) for s in first.samples if s.stage == "extracting" and s.rows is not None]


def next_kill(first: Outcome, done: int, extraction_kills_left: int, rng: random.Random) -> tuple[str, KillRule]:
    """The next extraction kill, given the rows the resumed store holds (`done`)."""
    seen = extraction_rows(first)
    final = seen[-1][1] if seen else 0
    ahead = [(t, rows) for t, rows in seen if done < rows < final]  # the final rows come with the last batch
    if not ahead:  # all committed: the run still reads and re-fails every input
        after = rng.uniform(0.05, 0.3) * (seen[-1][0] - seen[0][0] if seen else 5.0)
        return f"extracting +{after:.1f}s (nothing left to commit)", stage_kill("extracting", after)
    lo, hi = ahead[0][0], ahead[-1][0]
    at = rng.uniform(lo, lo + (hi - lo) / (extraction_kills_left + 2))  # room left after the last one too
    target = next(rows for t, rows in ahead if t >= at)
    return f"extracting past {target} rows (store had {done})", extraction_kill(target)


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
            "peak MB (PSS, tree)": round(out.peak_mb), "seconds": round(out.seconds, 1),
            "linking seconds (as polled)": round(out.linking_seconds(), 1), "read": read}


def _linked(db: Path) -> str:
    """Articles stored / of them in a story, in the store a killed run left."""
    if not db.exists():
        return "0/0"
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored, linked = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories)").fetchone()
    finally:
        con.close()
    return f"{stored}/{linked}"


def compare(resumed: Path, whole: Path) -> tuple[bool, str]:
    """Whether the two stores hold the same rows, table by table; each table's row count (and = or ≠)."""
    a, b = table_rows(resumed), table_rows(whole)
    return a == b, ", ".join(f"{t} {len(b[t])}{'=' if a[t] == b[t] else '≠'}" for t in b)


def _tracebacks(name: str, out: Outcome) -> int:
    """How many tracebacks a run printed; the end of its stderr goes to ours if any."""
    if "Traceback" in out.stderr:
        print(f"{name}'s stderr ends:\n{out.stderr[-3000:]}", file=sys.stderr)
    return out.stderr.count("Traceback")


def _timeline(samples: list[Sample]) -> str:
    """The stages a run went through, with when each began and the rows seen in it."""
    parts: list[str] = []
    for stage in dict.fromkeys(s.stage for s in samples):
        seen = [s for s in samples if s.stage == stage]
        rows = sorted({sum(s.rows) for s in seen if s.rows is not None})
        parts.append(f"{stage} from {seen[0].t:.1f} s" + (f", rows {rows[0]}-{rows[-1]}" if rows else ""))
    return "; ".join(parts)


def _kill_line(out: Outcome, db: Path) -> str:
    """Where a kill landed: seconds into the run, stage, rows committed, what the store kept."""
    if out.killed is None:
        return f"not killed, the run ended ({out.seconds:.0f} s: {_timeline(out.samples)})"
    at = last_rows(out.samples)
    return (f"killed {out.killed.t:.1f} s in, {out.killed.stage}{', store held' if out.killed.held else ''}, "
            f"articles/failure rows committed {at[0] if at else 0}/{at[1] if at else 0}, "
            f"articles/linked kept {_linked(db)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=5000)
    parser.add_argument("--valid", type=int, default=80, help="valid .txt/.html articles in the base tree")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--link-kills", type=int, default=2, help="of the kills, how many during linking")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a run counts as hung")
    opts = parser.parse_args()
    if opts.workers < 2:
        parser.error("--workers must be at least 2: the stage is read from the worker processes")
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
        first = run(args, whole, opts.timeout)
        figures = check(manifest, whole, first)
        resumed = base / "resumed.duckdb"
        kills: list[str] = []
        landed = tracebacks = 0
        rng, span, n_extract = random.Random(opts.seed), first.linking_seconds(), opts.kills - opts.link_kills
        for n in range(1, opts.kills + 1):
            if n <= n_extract:
                aim, rule = next_kill(first, sum(_committed(resumed) or (0, 0)), n_extract - n, rng)
            else:
                after = rng.uniform(0.05, 0.5) * span  # a resumed run's linking can be shorter than the first's
                aim, rule = f"linking +{after:.1f}s", stage_kill("linking", after)
            out = run(args, resumed, opts.timeout, kill=rule)
            tracebacks += _tracebacks(f"run {n}", out)
            kills.append(f"{n}. {aim}: {_kill_line(out, resumed)}")
            landed += out.killed is not None and aim.startswith(out.killed.stage)
        last = run(args, resumed, opts.timeout)
        tracebacks += _tracebacks("the last run", last)
        same, tables = compare(resumed, whole)
    problems = [k for k, bad in (("tracebacks", figures["tracebacks"]), ("hangs", figures["hangs"]),
                                 ("exit status", not figures["exit ok"]),
                                 ("valid not stored", figures["valid not stored"]),
                                 ("unaccounted", figures["unaccounted"]),
                                 ("wrong failure code", figures["wrong failure code"]),
                                 ("read outside inputs", figures["read outside inputs"]),
                                 ("peak memory", figures["peak MB (PSS, tree)"] > PEAK_LIMIT_MB),
                                 ("a kill missed its stage", landed != opts.kills),
                                 ("kill/resume differs", not same), ("resume tracebacks", tracebacks),
                                 ("resumed exit status", last.returncode != first.returncode))
                if bad]
    rows = [("inputs", n_inputs), ("kinds", kinds), *((k, v) for k, v in figures.items() if k != "exit ok"),
            ("resumed store = uninterrupted", same), ("tables (rows)", tables),
            ("tracebacks in resumed runs", tracebacks), ("final resumed run", f"exit {last.returncode}, "
                                                         f"{last.seconds:.0f} s"),
            ("wall seconds, all", round(time.monotonic() - begun)), ("problems", ", ".join(problems) or "none")]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    print("kills:")
    for line in kills:
        print(f"  {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
