"""Extraction on several cores: N worker processes extract, the parent alone writes.

Why processes and not threads: extraction is pure Python between short C calls, so
threads would share one GIL. Why this shape and not `multiprocessing.Pool` or
`concurrent.futures`: a Pool waits forever for the task of a worker that was killed,
and a `ProcessPoolExecutor` whose worker dies fails every pending task without saying
which article was running. Here each worker has its own pipes and the parent knows
which articles it holds, so a worker that dies (killed, out of memory, a crash in
native code) costs exactly the article it was extracting: that one becomes a
`FailedInput` (`worker_died`), the articles queued behind it go to another worker, a
fresh worker takes its place, and the run goes on.

What stays as it was in one process:
- Outcomes come back in input order, so the parent writes the same rows in the same
  order as `--workers 1`, and ids, events and stories come out identical.
- Deduplication is decided by the parent before anything is dispatched (see process).
- Memory is bounded: at most `depth` articles per worker are in flight and at most
  `window` read ahead of the oldest unfinished one; the input is streamed.
- The time budget (`budget.deadline`, SIGALRM) runs in each worker's main thread. A
  worker also lifts one of its limits: an article still running `hard_timeout` seconds
  after it started (stuck in one long C call the signal cannot interrupt) has its worker
  killed and is recorded as `timeout`.

Memory: on Linux workers are forked after the parent has loaded and warmed the models
and the gazetteer, with `gc.freeze()` first so the collector never writes to those
objects; their pages stay shared copy-on-write instead of one copy per worker (measured
in benchmarks/workers.py). Where fork is unavailable, or not the platform's safe default
(macOS, Windows), workers are spawned and each loads its own resources once.
`$EVENTSCOPE_START_METHOD` (fork, spawn, forkserver) overrides the choice.

Known limit: the parent forks while DuckDB's and the progress bar's threads run. A child
only extracts and never touches them; Python 3.12+ warns about such forks.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any

from eventscope.errors import REASONS, EventscopeError
from eventscope.models import Article, ArticleResult, FailedInput

__all__ = ["Outcome", "ParallelExtractor", "WorkerPoolError", "default_workers", "start_method"]

Outcome = ArticleResult | FailedInput
#: Called once in each worker; returns the function that extracts one article there.
WorkerSetup = Callable[[], Callable[[Article], Outcome]]

DEPTH = 3  # articles per worker in flight: one running, two queued so it never waits on the parent
MAX_START_FAILURES = 3  # workers that die before they are ready, in a row, before giving up
_STOP_SECONDS = 10.0


class WorkerPoolError(EventscopeError):
    """Worker processes cannot be started; the batches already written are kept."""


def default_workers() -> int:
    """The cores this process may run on (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def start_method() -> str:
    """fork on Linux (resources shared copy-on-write), else the platform's default."""
    chosen = os.environ.get("EVENTSCOPE_START_METHOD")
    if chosen:
        if chosen not in mp.get_all_start_methods():
            raise WorkerPoolError(f"EVENTSCOPE_START_METHOD={chosen!r} is not available here; "
                                  f"use one of {', '.join(mp.get_all_start_methods())}")
        return chosen
    if sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods():
        return "fork"
    return mp.get_start_method(allow_none=True) or "spawn"


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Connection  # parent -> worker: (seq, Article) or None to stop
    results: Connection  # worker -> parent: ("ready",) | ("done", seq, Outcome) | ("failed", message)
    inflight: deque[int] = field(default_factory=deque)  # seqs sent, oldest (the running one) first
    ready: bool = False
    broken: bool = False  # a send failed: it is dying, do not send more
    head_since: float = 0.0  # when it began the oldest in-flight article (as seen by the parent)
    killed_for: int | None = None  # the article it was stopped for, past the hard timeout


def _read_tasks(tasks: Connection, inbox: queue.SimpleQueue) -> None:
    """Drain the task pipe into the worker's inbox, so the parent's send never waits on an
    article being extracted (a large article would otherwise fill the pipe and stall it)."""
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):  # the parent has gone
            task = None
        inbox.put(task)
        if task is None:
            return


def _worker_main(setup: WorkerSetup, tasks: Connection, results: Connection,
                 inherited: list[Connection]) -> None:
    """A worker's life: set up once, then extract articles in order until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for conn in inherited:  # the parent's ends of other pipes: holding them would hide its exit
        conn.close()
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_read_tasks, args=(tasks, inbox), daemon=True).start()
    try:
        extract = setup()
    except Exception as exc:
        _tell(results, ("failed", f"{type(exc).__name__}: {exc}"))
        return
    if not _tell(results, ("ready",)):
        return
    while (task := inbox.get()) is not None:
        seq, article = task
        out = extract(article)
        try:
            results.send(("done", seq, out))
        except OSError:  # the parent has gone (killed): nobody is left to tell
            return
        except Exception as exc:  # pickling refused it: nothing was written to the pipe yet
            if not _tell(results, ("done", seq, FailedInput(
                    article.source, "extract_failed",
                    f"its result could not be sent to the writer ({type(exc).__name__}: {exc}); "
                    f"{REASONS['extract_failed']}"))):
                return


def _tell(results: Connection, message: tuple[Any, ...]) -> bool:
    """Send `message` to the parent; False when it has gone (a SIGKILLed run leaves its workers
    a closed pipe), so the worker leaves quietly instead of printing a traceback into the
    killed run's stderr."""
    try:
        results.send(message)
    except OSError:
        return False
    return True


def _death_reason(article: Article, exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"was killed by signal {-exitcode}"
    else:
        how = f"exited with status {exitcode}"
    return f"the worker process extracting its {len(article.text):,} characters {how}; {REASONS['worker_died']}"


class ParallelExtractor:
    """A pool of extraction workers; `extract(items)` yields one outcome per item, in order.

    Use as a context manager: entering starts the workers, leaving stops them (at once
    when leaving on an error or Ctrl-C)."""

    def __init__(self, setup: WorkerSetup, workers: int, *, method: str | None = None,
                 depth: int = DEPTH, window: int = 128, hard_timeout: float | None = None) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.setup = setup
        self.n = workers
        self.method = method or start_method()
        self.ctx = mp.get_context(self.method)
        self.depth = depth
        self.window = max(window, workers * depth)
        self.hard_timeout = hard_timeout
        self.workers: list[_Worker] = []
        self.started_workers = 0
        self._start_failures = 0
        self._froze = False

    # --- the pool -------------------------------------------------------------------------------
    def __enter__(self) -> ParallelExtractor:
        if self.method == "fork":
            gc.freeze()  # the inherited objects' pages stay shared: the collector never writes them
            self._froze = True
        try:
            for _ in range(self.n):
                self.workers.append(self._start())
        except BaseException:
            self._stop(at_once=True)
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop(at_once=exc_type is not None)

    def _start(self) -> _Worker:
        task_out, task_in = self.ctx.Pipe(duplex=False)
        result_out, result_in = self.ctx.Pipe(duplex=False)
        inherited = ([c for w in self.workers for c in (w.tasks, w.results)] + [task_in, result_out]
                     if self.method == "fork" else [])
        process = self.ctx.Process(target=_worker_main, args=(self.setup, task_out, result_in, inherited),
                                   name=f"eventscope-worker-{self.started_workers}", daemon=True)
        process.start()
        self.started_workers += 1
        task_out.close()
        result_in.close()
        return _Worker(process, task_in, result_out, head_since=time.monotonic())

    def _stop(self, at_once: bool) -> None:
        for w in self.workers:
            if at_once:
                w.process.terminate()
            else:
                with contextlib.suppress(OSError):  # already gone
                    w.tasks.send(None)
        deadline = time.monotonic() + (1.0 if at_once else _STOP_SECONDS)
        for w in self.workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.tasks.close()
            w.results.close()
        self.workers = []
        if self._froze:
            gc.unfreeze()
            self._froze = False

    # --- the run ----------------------------------------------------------------------------------
    def extract(self, items: Iterable[Article | FailedInput]) -> Iterator[Outcome]:
        """Extract every Article of `items` on the workers; a FailedInput passes through in place."""
        source = iter(items)
        done: dict[int, Outcome] = {}
        held: dict[int, Article] = {}  # dispatched or waiting for re-dispatch
        retry: deque[int] = deque()
        next_seq = next_out = 0
        exhausted = False
        while True:
            while (w := self._free_worker()) is not None:
                if retry:
                    seq = retry.popleft()
                elif exhausted or next_seq - next_out >= self.window:
                    break
                else:
                    try:
                        item = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    seq, next_seq = next_seq, next_seq + 1
                    if isinstance(item, FailedInput):
                        done[seq] = item
                        continue
                    held[seq] = item
                self._send(w, seq, held[seq], retry)
            while next_out in done:
                held.pop(next_out, None)
                out = done.pop(next_out)
                next_out += 1
                yield out
            if exhausted and next_out == next_seq:
                return
            if any(w.inflight or w.broken for w in self.workers):  # else the window has room again
                self._collect(done, held, retry)

    def _free_worker(self) -> _Worker | None:
        free = [w for w in self.workers if not w.broken and len(w.inflight) < self.depth]
        return min(free, key=lambda w: len(w.inflight)) if free else None

    def _send(self, w: _Worker, seq: int, article: Article, retry: deque[int]) -> None:
        try:
            w.tasks.send((seq, article))
        except OSError:  # it died; its sentinel will say so on the next wait
            w.broken = True
            retry.appendleft(seq)
            return
        if not w.inflight:
            w.head_since = time.monotonic()
        w.inflight.append(seq)

    def _collect(self, done: dict[int, Outcome], held: dict[int, Article], retry: deque[int]) -> None:
        """Wait for results or a worker's death, whichever comes first, and take them in."""
        waits: list[Any] = [c for w in self.workers for c in (w.results, w.process.sentinel)]
        for ready in wait(waits, timeout=self._next_hard_deadline()):
            for i, w in enumerate(self.workers):
                if ready is w.results or ready is w.process.sentinel:
                    if not self._drain(w, done) or not w.process.is_alive():
                        self.workers[i] = self._replace(w, done, held, retry)
                    break
        self._enforce_hard_timeout()

    def _drain(self, w: _Worker, done: dict[int, Outcome]) -> bool:
        """Take in every message waiting from `w`; False when its pipe has closed."""
        try:
            while w.results.poll():
                msg = w.results.recv()
                if msg[0] == "done":
                    _, seq, out = msg
                    w.inflight.remove(seq)
                    done[seq] = out
                    w.head_since = time.monotonic()
                elif msg[0] == "ready":
                    w.ready = True
                    w.head_since = time.monotonic()
                    self._start_failures = 0
                else:
                    raise WorkerPoolError(f"a worker process could not load the models: {msg[1]}")
        except (EOFError, OSError):
            return False
        return True

    def _replace(self, w: _Worker, done: dict[int, Outcome], held: dict[int, Article],
                 retry: deque[int]) -> _Worker:
        """Record what a dead worker's death cost, re-queue the rest, and start another."""
        w.process.join(_STOP_SECONDS)
        if w.process.is_alive():  # its pipe closed but it lingers
            w.process.kill()
            w.process.join()
        w.tasks.close()
        w.results.close()
        pending = list(w.inflight)
        if not w.ready:
            self._start_failures += 1
            if self._start_failures >= MAX_START_FAILURES:
                raise WorkerPoolError(f"worker processes exit before they are ready (last exit code "
                                      f"{w.process.exitcode}); run with --workers 1 to see why")
        elif w.killed_for is not None:  # stopped by us; if that article finished meanwhile, no one is to blame
            if w.killed_for in pending:
                pending.remove(w.killed_for)
                head = held[w.killed_for]
                done[w.killed_for] = FailedInput(head.source, "timeout", (
                    f"extraction of {len(head.text):,} characters was still running after "
                    f"{self.hard_timeout:g} s, where the time budget could not interrupt it, so its "
                    f"worker process was stopped; {REASONS['timeout']}"))
        elif pending:  # it works in order: the oldest article is the one it died on
            seq = pending.pop(0)
            done[seq] = FailedInput(held[seq].source, "worker_died", _death_reason(held[seq], w.process.exitcode))
        retry.extendleft(reversed(pending))  # not started yet: another worker takes them, in order
        return self._start()  # the dead one's pipes are closed: the new child inherits nothing live

    def _next_hard_deadline(self) -> float | None:
        if not self.hard_timeout:
            return None
        running = [w.head_since for w in self.workers if w.ready and w.inflight and w.killed_for is None]
        if not running:
            return None
        return max(0.05, min(running) + self.hard_timeout - time.monotonic())

    def _enforce_hard_timeout(self) -> None:
        if not self.hard_timeout:
            return
        now = time.monotonic()
        for w in self.workers:
            if w.ready and w.inflight and w.killed_for is None and now - w.head_since > self.hard_timeout:
                w.killed_for = w.inflight[0]
                w.process.kill()  # its sentinel fires; _replace records the timeout
