"""Issue 11: failed inputs are a set keyed by (source, code), and old stores are upgraded."""

from __future__ import annotations

import duckdb
import pytest

from eventscope.models import FailedInput
from eventscope.store.db import Store
from tests.store.test_db import result

pytestmark = pytest.mark.issue(11)


def _failures(db: Store) -> list[tuple]:
    return [tuple(r.values()) for r in db.query(
        "SELECT source, code, run_id, attempted_at FROM failed_inputs ORDER BY source, code")]


def test_rerun_does_not_duplicate_failure_rows_and_keeps_the_last_time(tmp_path):
    bad = [FailedInput("a.txt", "empty_text", "empty"), FailedInput("b.jsonl:2", "bad_json", "x")]
    with Store(tmp_path / "s.duckdb") as db:
        db.write_batch([], bad, "run1", attempted_at="2026-01-01T00:00:00+00:00")
        db.write_batch([], bad + [FailedInput("a.txt", "binary", "now binary")], "run2",
                       attempted_at="2026-01-02T00:00:00+00:00")
        assert _failures(db) == [("a.txt", "binary", "run2", "2026-01-02T00:00:00+00:00"),
                                 ("a.txt", "empty_text", "run2", "2026-01-02T00:00:00+00:00"),
                                 ("b.jsonl:2", "bad_json", "run2", "2026-01-02T00:00:00+00:00")]


def test_same_failure_twice_in_one_batch_is_one_row(tmp_path):
    with Store(tmp_path / "s.duckdb") as db:
        db.write_batch([], [FailedInput("a.txt", "timeout", "1"), FailedInput("a.txt", "timeout", "2")], "r")
        assert db.count("failed_inputs") == 1


def test_a_source_stored_later_loses_its_failure_rows(tmp_path):
    ok = result()
    with Store(tmp_path / "s.duckdb") as db:
        db.write_batch([], [FailedInput(ok.article.source, "timeout", "slow")], "run1")
        db.write_batch([ok], [], "run2")
        assert db.count("failed_inputs") == 0


def test_failure_with_undecodable_name_does_not_break_the_batch(tmp_path):
    with Store(tmp_path / "s.duckdb") as db:
        db.write_batch([result()], [FailedInput("caf\udce9.txt", "binary", "caf\udce9.txt is binary")], "r")
        assert db.count("articles") == 1
        assert _failures(db)[0][0] == "caf\ufffd.txt"


def test_version_1_store_is_upgraded_and_its_repeats_collapsed(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("CREATE TABLE failed_inputs (source VARCHAR, code VARCHAR, reason VARCHAR, run_id VARCHAR)")
    con.executemany("INSERT INTO failed_inputs VALUES (?, ?, ?, ?)",
                    [["a.txt", "empty_text", "e", "r1"], ["a.txt", "empty_text", "e", "r2"],
                     ["b.txt", "binary", "b", "r1"]])
    con.close()
    with Store(path) as db:
        assert db.query("SELECT value FROM meta WHERE key = 'schema_version'") == [{"value": "2"}]
        assert [(s, c, r) for s, c, r, _ in _failures(db)] == [("a.txt", "empty_text", "r2"),
                                                                ("b.txt", "binary", "r1")]
        db.write_batch([], [FailedInput("a.txt", "empty_text", "e")], "r3")
        assert db.count("failed_inputs") == 2
