"""Issue 11: `events`, `export` and the web server read a store while `eventscope run` writes it.

A real run over a few hundred articles runs in a subprocess; meanwhile the readers
are called again and again against the same file. Each must succeed (no lock
refusal, no traceback) and see a consistent view: whole committed batches only,
so every article it shows has exactly the mentions it has at the end.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from eventscope.web.store import open_reader
from tests.live.runs import ENV, cli, start, write_articles

pytestmark = [pytest.mark.slow, pytest.mark.issue(11)]

N_ARTICLES = 360


def _mentions(stdout: str) -> dict[str, list[str]]:
    """Article source -> its mention lines without the event id (set only when linked)."""
    out: dict[str, list[str]] = {}
    for line in stdout.splitlines():
        rec = json.loads(line)
        rec.pop("event_id")
        out.setdefault(rec["article"], []).append(json.dumps(rec, sort_keys=True))
    return out


def test_readers_succeed_and_see_committed_batches_while_a_run_writes(tmp_path):
    write_articles(tmp_path / "in", N_ARTICLES)
    db = str(tmp_path / "live.duckdb")
    run = start("run", str(tmp_path / "in"), "--db", db, "--quiet", "--workers", "1")
    views: list[dict[str, list[str]]] = []
    web_counts: list[int] = []
    failures: list[str] = []
    try:
        while run.poll() is None:
            exported = cli("export", "--db", db, "--what", "mentions")
            shown = cli("events", "--db", db, "--limit", "3")
            for proc in (exported, shown):
                bad = proc.returncode != 0 or "Traceback" in proc.stderr
                if bad and "no database" not in proc.stderr:  # not yet created by the run
                    failures.append(proc.stderr[-2000:])
            if exported.returncode == 0 and run.poll() is None:
                views.append(_mentions(exported.stdout))
            try:
                with open_reader(db) as reader:  # what each web request does
                    web_counts.append(reader.one("SELECT count(*) AS n FROM articles")["n"])
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                if "no database" not in str(exc):
                    failures.append(repr(exc))
        out, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 0 and "Traceback" not in err, err[-3000:]
    assert failures == []
    final = _mentions(cli("export", "--db", db, "--what", "mentions").stdout)
    partial = [v for v in views if 0 < len(v) < len(final)]
    assert partial, f"no read landed mid-run ({len(views)} reads)"
    for view in views:
        assert {a: final[a] for a in view} == view  # every article shown is whole
    sizes = [len(v) for v in views]
    assert sizes == sorted(sizes) and web_counts == sorted(web_counts)
    print(f"{len(views)} exports and {len(web_counts)} web reads during the run; sizes {sizes}")


HOLD = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    print("locked", flush=True)
    sys.stdin.read()
""")


def test_a_reader_that_cannot_get_in_says_so_after_its_wait(tmp_path):
    db = str(tmp_path / "held.duckdb")
    write_articles(tmp_path / "in", 1)
    assert cli("run", str(tmp_path / "in"), "--db", db, "--quiet").returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", HOLD, db], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        env = {**ENV, "EVENTSCOPE_LOCK_WAIT": "1"}
        proc = subprocess.run([sys.executable, "-m", "eventscope.cli.main", "events", "--db", db],
                              capture_output=True, text=True, env=env, timeout=60, check=False)
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert proc.returncode == 126 and "Traceback" not in proc.stderr
    assert f"process {holder.pid}" in proc.stderr and "1 s" in proc.stderr
    assert "EVENTSCOPE_LOCK_WAIT" in proc.stderr
