"""Issue 11: a run killed with SIGKILL loses nothing it committed.

A real `eventscope run` is killed once a few batches are in the store (and before
it links). The committed articles must then be linked without extracting them
again, by `eventscope relink` or by the next run, and come out as an uninterrupted
run would have stored them: the same rows in every table (events, their ids,
stories, failure rows), run ids and attempt times aside.
"""

from __future__ import annotations

import os
import re
import shutil
import signal

import psutil
import pytest

from eventscope.store.snapshot import table_rows
from eventscope.web.store import StoreBusy, open_reader
from tests.live.runs import cli, start, wait_for, write_articles

pytestmark = [pytest.mark.slow, pytest.mark.issue(11)]

N_ARTICLES = 260
_SKIPPED = re.compile(r"(\d+) skipped as duplicates")


def _stored(db: str) -> int:
    try:
        with open_reader(db, wait=1) as reader:
            return reader.one("SELECT count(*) AS n FROM articles")["n"]
    except StoreBusy:
        return 0
    except Exception as exc:  # noqa: BLE001 - not created yet
        if "no database" in str(exc):
            return 0
        raise


def _inputs(tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, N_ARTICLES)
    for i in range(0, N_ARTICLES, 40):  # failures between the articles, so committed batches hold some
        (folder / f"a{i:04d}-junk.txt").write_bytes(b"\x00\x01" * 40 if i % 80 else b"  \n")
    return folder


def _killed_run(folder, db: str) -> tuple[int, list[int]]:
    run = start("run", str(folder), "--db", db, "--quiet", "--workers", "2")
    try:
        assert wait_for(lambda: _stored(db) >= 128 or run.poll() is not None, timeout=240)
        assert run.poll() is None, "the run ended before it could be killed"
        workers = [c.pid for c in psutil.Process(run.pid).children(recursive=True)]
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
    finally:
        if run.poll() is None:
            run.kill()
        run.communicate()
    return _stored(db), workers


def test_a_killed_run_is_completed_by_relink_or_a_rerun_as_if_never_killed(tmp_path):
    folder = _inputs(tmp_path)
    whole = str(tmp_path / "whole.duckdb")
    assert "Traceback" not in cli("run", str(folder), "--db", whole, "--quiet", timeout=300).stderr
    killed = str(tmp_path / "killed.duckdb")
    committed, workers = _killed_run(folder, killed)
    assert 0 < committed < N_ARTICLES
    assert wait_for(lambda: not any(psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"
                                    for p in workers), timeout=30), "workers outlived their run"
    rows = table_rows(killed)
    assert rows["events"] == [] and rows["stories"] == [] and rows["failed_inputs"]  # killed before linking

    # relink: the committed articles linked as a run over just those inputs links them
    relinked = str(tmp_path / "relinked.duckdb")
    shutil.copyfile(killed, relinked)
    proc = cli("relink", "--db", relinked)
    assert proc.returncode == 0 and f"{committed} articles linked" in proc.stderr, proc.stderr
    subset = tmp_path / "subset"
    subset.mkdir()
    for source in [r[1] for r in rows["articles"]] + [r[0] for r in rows["failed_inputs"]]:
        shutil.copyfile(folder / source, subset / source)
    only = str(tmp_path / "only.duckdb")
    cli("run", str(subset), "--db", only, "--quiet", timeout=300)
    after = table_rows(relinked)
    with open_reader(relinked) as reader:  # every committed mention is in an event
        assert reader.one("SELECT count(*) AS n FROM mentions WHERE event_id IS NULL")["n"] == 0
    assert after["mentions"] and after["events"]
    assert after == table_rows(only)

    # a re-run: skips what is stored (no extraction), and ends as the uninterrupted run
    proc = cli("run", str(folder), "--db", killed, "--quiet", timeout=300)
    assert "Traceback" not in proc.stderr and int(_SKIPPED.search(proc.stderr)[1]) == committed
    assert table_rows(killed) == table_rows(whole)
