"""Issue 11's acceptance test: a few hundred hostile inputs through the real `eventscope run`.

Asserts what the issue promises: no traceback, no hang, the exit status is the
number of failed inputs (capped at 125, as `cli/main.py` documents), every input
accounted for exactly once (stored, duplicate, or failed with its code), every
valid article stored, nothing read from outside the inputs, and a re-run adds
no failure rows.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventscope.store.db import Store
from tests.fuzz.hostile_inputs import SECRET, build

pytestmark = [pytest.mark.slow, pytest.mark.issue(11)]

SRC = Path(__file__).resolve().parents[2] / "src"
MAX_BYTES = 200_000
_SUMMARY = re.compile(r"(\d+)\s+articles read,\s+(\d+)\s+skipped as duplicates,\s+(\d+)\s+failed")


def _run(args: list[str], timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "400", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "eventscope.cli.main", "run", *args],
                          capture_output=True, text=True, timeout=timeout, env=env, check=False)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz")
    manifest = build(base / "in", base / "outside", base / "sidecar", max_bytes=MAX_BYTES)
    db = base / "fuzz.duckdb"
    args = [str(base / "in"), str(base / "sidecar" / "articles.jsonl"), "--db", str(db), "--quiet",
            "--max-bytes", str(MAX_BYTES)]
    start = time.monotonic()
    first = _run(args)
    elapsed = time.monotonic() - start
    second = _run(args)
    return manifest, db, first, second, elapsed


def _counts(proc: subprocess.CompletedProcess[str]) -> tuple[int, int, int]:
    found = _SUMMARY.search(proc.stderr)
    assert found, proc.stderr[-3000:]
    return int(found[1]), int(found[2]), int(found[3])


def test_fuzz_inputs_are_many_and_varied(fuzzed):
    manifest, *_ = fuzzed
    assert len(manifest.stored) + len(manifest.failed) + manifest.duplicates >= 300
    assert len({c for c in manifest.failed.values() if c}) >= 14


def test_fuzz_run_never_tracebacks_and_its_exit_status_counts_failures(fuzzed):
    manifest, _, first, _, elapsed = fuzzed
    assert "Traceback" not in first.stderr + first.stdout, first.stderr[-3000:]
    read, duplicates, failed = _counts(first)
    assert failed == len(manifest.failed)
    assert first.returncode == min(failed, 125)
    assert (read - duplicates, duplicates) == (len(manifest.stored), manifest.duplicates)
    print(f"fuzz run: {len(manifest.stored)} stored, {failed} failed, {elapsed:.1f} s")


def test_fuzz_every_input_accounted_for_exactly_once(fuzzed):
    manifest, db, *_ = fuzzed
    with Store(db, read_only=True) as store:
        stored = [r["source"] for r in store.query("SELECT source FROM articles")]
        failed = {(r["source"], r["code"]) for r in store.query("SELECT source, code FROM failed_inputs")}
    assert len(stored) == len(set(stored))
    assert set(stored) == manifest.stored  # every valid article, under its relative source
    assert {s for s, _ in failed} == set(manifest.failed)
    assert len(failed) == len(manifest.failed)  # one row per failed input
    assert {s: c for s, c in failed if manifest.failed[s]} == {s: c for s, c in manifest.failed.items() if c}
    assert not set(stored) & {s for s, _ in failed}


def test_fuzz_nothing_read_from_outside_the_inputs(fuzzed):
    _, db, *_ = fuzzed
    with Store(db, read_only=True) as store:
        leaked = store.query("SELECT source FROM articles WHERE text LIKE ? OR text LIKE '%root:x:0:0%'",
                             [f"%{SECRET}%"])
    assert leaked == []


def test_fuzz_rerun_adds_no_failure_rows(fuzzed):
    manifest, db, first, second, _ = fuzzed
    assert "Traceback" not in second.stderr
    assert second.returncode == first.returncode
    read, duplicates, failed = _counts(second)
    assert (duplicates, failed) == (read, len(manifest.failed))  # everything stored is now a duplicate
    with Store(db, read_only=True) as store:
        assert store.count("failed_inputs") == len(manifest.failed)
        assert store.count("articles") == len(manifest.stored)
