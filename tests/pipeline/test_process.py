"""End to end through the library: the examples in, events out, re-runs idempotent."""

import shutil

import pytest

from eventscope.pipeline.process import process
from eventscope.resources import Resources
from eventscope.store.db import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def resources():
    return Resources()


def test_process_examples_end_to_end(tmp_path, examples_dir, resources):
    db = tmp_path / "e.duckdb"
    result = process([examples_dir], db, resources=resources)
    assert (result.articles_read, result.n_failed, result.duplicates) == (2, 0, 0)
    assert result.mentions >= 8
    with Store(db, read_only=True) as store:
        darkush = store.query("SELECT * FROM events WHERE sub_event_type = 'Suicide bomb'")
        assert len(darkush) == 1
        assert (darkush[0]["date"], darkush[0]["fatalities"], darkush[0]["admin1"]) == ("2014-01-07", 20, "Idlib")
        tolls = {r["fatalities"] for r in store.query("SELECT fatalities FROM events WHERE sub_event_type = 'Air/drone strike'")}
        assert tolls == {19, 4}
        assert not store.query("SELECT * FROM mentions WHERE fatalities >= 100")  # no aggregate toll


def test_process_rerun_changes_nothing(tmp_path, examples_dir, resources):
    db = tmp_path / "e.duckdb"
    process([examples_dir], db, resources=resources)
    with Store(db, read_only=True) as store:
        before = store.query("SELECT id FROM events ORDER BY id")
    again = process([examples_dir], db, resources=resources)
    assert (again.duplicates, again.stored) == (2, 0)
    with Store(db, read_only=True) as store:
        assert store.query("SELECT id FROM events ORDER BY id") == before
        assert store.count("articles") == 2


def test_process_bad_inputs_are_recorded_and_the_rest_is_kept(tmp_path, examples_dir, resources):
    inputs = tmp_path / "in"
    shutil.copytree(examples_dir, inputs)
    (inputs / "empty.txt").write_text("   \n")
    (inputs / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    (inputs / "feed.jsonl").write_text('{"text": "Police arrested 14 protesters in Kinshasa on Monday."}\nnot json\n')
    db = tmp_path / "e.duckdb"
    result = process([inputs], db, resources=resources)
    codes = sorted(f.code for f in result.failed)
    assert codes == ["bad_json", "binary", "empty_text"]
    assert result.articles_read == 3
    with Store(db, read_only=True) as store:
        assert store.count("failed_inputs") == 3
        assert store.count("articles") == 3
