"""Opening the store when another process may hold it: wait briefly, then say who holds it.

DuckDB lets one process open a file for writing and then no other process open it
at all, not even to read. So a run opens the store only to commit a batch (and to
link at the end) and closes it in between (see pipeline.process), and every reader
opens it for one command or one web request. Two processes meeting on the file
retry here: a reader for `EVENTSCOPE_LOCK_WAIT` seconds (default LOCK_WAIT_SECONDS),
the run for WRITE_WAIT_SECONDS, since a run should outwait a long export rather than
stop. Whoever gives up raises StoreBusy with the holder's process id, one sentence,
no traceback.
"""

from __future__ import annotations

import os
import re
import time

import duckdb

from eventscope.errors import StoreError

#: How long a reader (or a library caller) waits for the file by default.
LOCK_WAIT_SECONDS = 30.0
#: How long a run waits to commit a batch while readers hold the file.
WRITE_WAIT_SECONDS = 600.0
_PID = re.compile(r"PID (\d+)")


class StoreBusy(StoreError):
    """Another process (normally `eventscope run`) holds the file and did not let go in time."""


def lock_wait(default: float = LOCK_WAIT_SECONDS) -> float:
    """The reader's wait: $EVENTSCOPE_LOCK_WAIT seconds if set to a number, else `default`."""
    raw = os.environ.get("EVENTSCOPE_LOCK_WAIT", "")
    try:
        return max(0.0, float(raw)) if raw.strip() else default
    except ValueError:
        return default


def is_lock_conflict(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def busy_message(path: str, error: str, waited: float) -> str:
    pid = _PID.search(error)
    who = f"process {pid.group(1)}" if pid else "another process"
    return (f"{path} is locked by {who} (usually `eventscope run` writing or linking) and was not "
            f"released within {waited:g} s; retry when it has finished, or wait longer with "
            "EVENTSCOPE_LOCK_WAIT=SECONDS")


def connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A connection to `path`, retrying for up to `wait` seconds while another process holds it."""
    deadline = time.monotonic() + wait
    pause = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            if not is_lock_conflict(exc):
                raise StoreError(f"cannot open {path}: {exc}") from exc
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreBusy(busy_message(path, str(exc), wait)) from exc
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.25)
