"""A time budget per article, so one pathological text cannot stall a run.

Why a signal: extraction is the lead's code and changes often; a budget that
needs it to check a clock cooperatively would silently stop working the day
someone adds a new loop. `SIGALRM` (via `setitimer`, sub-second) interrupts
whatever Python code is running, wherever it is.

Limits, on purpose and documented in docs/cli.md:
- Signals are delivered only to the main thread, so the budget applies only
  when `process()` runs there (the CLI does). Elsewhere (a web worker thread)
  `deadline` does nothing and says so in `enforced`.
- A signal is handled between Python bytecodes: one long call into C (a single
  regex match, one spaCy pipe) finishes before the timeout is raised.
- Not on Windows (no SIGALRM): no budget.
With `--workers` > 1 (pipeline/parallel.py) each article is extracted in the main
thread of a worker process, so the budget holds whichever thread called
`process()`, and the parent stops a worker still on one article well past its
budget (one long C call), which lifts the first two limits there.

`ArticleTimeout` derives from BaseException so an `except Exception` in
extraction code cannot swallow it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["ArticleTimeout", "can_enforce", "deadline"]


class ArticleTimeout(BaseException):
    """The article's time budget ran out."""


def can_enforce() -> bool:
    """True when a deadline set here would be enforced (main thread, POSIX)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float | None) -> Iterator[bool]:
    """Raise `ArticleTimeout` in the body once `seconds` have passed; yields whether it is enforced."""
    if not seconds or seconds <= 0 or not can_enforce():
        yield False
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
