"""Sharded extraction (issue 9, item 5): `extract-shards` + `merge` store exactly what one
`eventscope run` stores on the same inputs, whatever the engine or the grouping."""

from __future__ import annotations

import json
import shutil
import sys

import pytest
from click.testing import CliRunner

from eventscope.cli import main as cli_main
from eventscope.pipeline.process import process
from eventscope.resources import Resources
from eventscope.shards.extract import Options, list_units, run_local
from eventscope.shards.format import COLUMNS, VERSION, PartitionError, check_partition
from eventscope.shards.merge import merge
from eventscope.shards.ray_engine import RayMissing, require_ray
from eventscope.store.db import Store
from eventscope.store.snapshot import table_rows
from tests.shards.shard_articles import write_shards


@pytest.fixture(scope="module")
def resources():
    return Resources()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, resources):
    """The shards, a single run's store over them, and a local extraction of them."""
    root = tmp_path_factory.mktemp("shards")
    shards = write_shards(root / "in")
    single = process([root / "in"], root / "single.duckdb", resources=resources, workers=1)
    summary = run_local([root / "in"], root / "parts", Options(articles_per_partition=2), resources)
    return {"root": root, "shards": shards, "single": single, "parts": root / "parts", "summary": summary}


def assert_same_store(expected, got) -> None:
    a, b = table_rows(expected, with_order=True), table_rows(got, with_order=True)
    for table in a:
        assert a[table] == b[table], table


@pytest.mark.slow
def test_a_local_extraction_merged_stores_what_one_run_stores(corpus):
    root = corpus["root"]
    assert len(corpus["summary"].partitions) > 4  # two articles a partition: several per shard
    result = merge([corpus["parts"]], root / "merged.duckdb")
    assert result.counts() == corpus["single"].counts()
    assert (result.duplicates, sorted(f.code for f in result.failed)) == (2, ["bad_json", "empty_text"])
    assert_same_store(root / "single.duckdb", root / "merged.duckdb")


@pytest.mark.slow
def test_two_extractions_merge_in_the_order_given(corpus, resources):
    """Two halves extracted apart and merged together equal one run over all four shards,
    whichever order the partition directories are listed in within one extraction."""
    root, shards = corpus["root"], corpus["shards"]
    run_local(shards[:2], root / "a", resources=resources)
    run_local(shards[2:], root / "b", resources=resources)
    process(shards, root / "single4.duckdb", resources=resources, workers=1)
    b_parts = sorted((root / "b").iterdir(), reverse=True)
    merge([root / "a", *b_parts], root / "two.duckdb")
    assert_same_store(root / "single4.duckdb", root / "two.duckdb")


@pytest.mark.slow
def test_merging_again_or_into_a_store_with_the_articles_adds_nothing(corpus, tmp_path):
    db = tmp_path / "s.duckdb"
    shutil.copy(corpus["root"] / "single.duckdb", db)
    before = table_rows(db)
    result = merge([corpus["parts"]], db)
    assert result.stored == 0 and result.mentions == 0
    after = table_rows(db)
    assert {t: after[t] for t in after if t != "failed_inputs"} == {t: before[t] for t in before if t != "failed_inputs"}
    assert len(after["failed_inputs"]) == len(before["failed_inputs"])


def test_units_follow_the_walk_order_of_a_run(tmp_path):
    shards = write_shards(tmp_path / "in")
    units = list_units([tmp_path / "in", shards[0], tmp_path / "missing"])
    assert [(u.rank, u.source) for u in units][:4] == [
        (0, "shard-0.jsonl"), (1, "shard-1.jsonl"), (2, "shard-2.jsonl"), (3, "shard-3.jsonl")]
    assert (units[4].source, units[4].path) == ("shard-0.jsonl", units[0].path)  # named again: read again, as a run does
    assert len(units) == 6 and units[-1].code == "not_found"


def _one_partition(corpus):
    return sorted(corpus["parts"].iterdir())[0]


@pytest.mark.slow
def test_a_bad_partition_is_named_not_a_traceback(corpus, tmp_path):
    part = tmp_path / "p"
    shutil.copytree(_one_partition(corpus), part)
    assert set(COLUMNS) <= {p.stem for p in part.iterdir()}
    check_partition(part)
    meta = json.loads((part / "_partition.json").read_text())
    (part / "_partition.json").write_text(json.dumps(meta | {"version": VERSION + 1}))
    with pytest.raises(PartitionError, match=f"version {VERSION + 1}"):
        check_partition(part)
    (part / "_partition.json").write_text(json.dumps(meta))
    (part / "mentions.parquet").unlink()
    with pytest.raises(PartitionError, match="no mentions.parquet"):
        check_partition(part)
    shutil.copy(part / "articles.parquet", part / "mentions.parquet")
    with pytest.raises(PartitionError, match="mentions.parquet has columns"):
        check_partition(part)
    out = CliRunner().invoke(cli_main.cli, ["merge", str(part), "--db", str(tmp_path / "x.duckdb")])
    assert out.exit_code == cli_main.EXIT_LIBRARY_ERROR and out.exception is not None
    assert "mentions.parquet has columns" in out.output and "Traceback" not in out.output
    out = CliRunner().invoke(cli_main.cli, ["merge", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert out.exit_code == cli_main.EXIT_LIBRARY_ERROR and "holds no partitions" in out.output


@pytest.mark.slow
def test_an_out_directory_with_partitions_is_refused(corpus):
    out = CliRunner().invoke(cli_main.cli, ["extract-shards", str(corpus["shards"][0]), "--engine", "local",
                                            "--out", str(corpus["parts"])])
    assert out.exit_code == cli_main.EXIT_LIBRARY_ERROR and "already holds partitions" in out.output


def test_without_ray_the_command_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    with pytest.raises(RayMissing, match=r"pip install 'eventscope\[ray\]'"):
        require_ray()
    write_shards(tmp_path / "in")
    out = CliRunner().invoke(cli_main.cli, ["extract-shards", str(tmp_path / "in"), "--out", str(tmp_path / "o")])
    assert out.exit_code == cli_main.EXIT_LIBRARY_ERROR
    assert "pip install 'eventscope[ray]'" in out.output and "Traceback" not in out.output


@pytest.mark.slow
def test_ray_local_mode_over_four_shards_gives_the_events_stories_and_ids_of_one_run(corpus, tmp_path):
    ray = pytest.importorskip("ray", reason="the Ray extra is not installed: pip install 'eventscope[ray]'")
    pytest.importorskip("ray.data")
    from eventscope.shards.ray_engine import run_ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        summary = run_ray(corpus["shards"], tmp_path / "parts", actors=2)
    finally:
        ray.shutdown()
    assert len(summary.partitions) == 4  # one a shard: each was one Ray batch
    merge([tmp_path / "parts"], tmp_path / "ray.duckdb")
    assert_same_store(corpus["root"] / "single.duckdb", tmp_path / "ray.duckdb")
    with Store(tmp_path / "ray.duckdb", read_only=True) as db:
        assert db.count("events") >= 5 and db.count("mentions") >= 8
