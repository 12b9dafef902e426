"""`--workers N`: extraction in worker processes gives the rows one process gives, and a
failing, slow or killed worker costs only the article it was on."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time

import pytest
from click.testing import CliRunner

from eventscope.cli import main as cli_main
from eventscope.models import Article, ArticleResult, FailedInput
from eventscope.pipeline import parallel
from eventscope.pipeline import process as proc
from eventscope.resources import Resources
from eventscope.store.db import Store
from eventscope.store.snapshot import table_rows
from tests.ingest.ingest_samples import AFGHAN_TXT, CONGO_TXT, UKRAINE_TXT
from tests.pipeline.worker_articles import write_folder


def rows(db) -> dict[str, list[tuple]]:
    return table_rows(db, with_order=True)


@pytest.fixture(scope="module")
def resources():
    return Resources()


@pytest.mark.slow
def test_two_workers_store_exactly_the_rows_one_process_stores(tmp_path, resources):
    folder = write_folder(tmp_path / "in")
    one = proc.process([folder], tmp_path / "one.duckdb", resources=resources, workers=1)
    two = proc.process([folder], tmp_path / "two.duckdb", resources=resources, workers=2, batch_size=2)
    assert one.counts() == two.counts()
    assert (two.stored, two.duplicates, [(f.source, f.code) for f in two.failed]) == (6, 1, [("empty.txt", "empty_text")])
    assert two.events >= 4 and two.mentions >= 5
    first, second = rows(tmp_path / "one.duckdb"), rows(tmp_path / "two.duckdb")
    for table in first:
        assert first[table] == second[table], table
    with Store(tmp_path / "two.duckdb", read_only=True) as db:  # the two Somali reports are one incident
        linked = db.query("SELECT count(DISTINCT m.article_id) AS n FROM mentions m JOIN articles a "
                          "ON a.id = m.article_id WHERE a.source LIKE 'somalia%' GROUP BY m.event_id "
                          "ORDER BY n DESC LIMIT 1")
        assert linked[0]["n"] == 2


@pytest.mark.slow
def test_a_rerun_with_workers_skips_what_is_stored_before_dispatch(tmp_path, resources, monkeypatch):
    folder = write_folder(tmp_path / "in")
    db = tmp_path / "e.duckdb"
    proc.process([folder], db, resources=resources, workers=2)
    before = rows(db)
    sent: list[str] = []
    real_send = parallel.ParallelExtractor._send
    monkeypatch.setattr(parallel.ParallelExtractor, "_send",
                        lambda self, w, seq, article, retry: (sent.append(article.source),
                                                              real_send(self, w, seq, article, retry)))
    again = proc.process([folder], db, resources=resources, workers=2)
    assert (again.duplicates, again.stored, sent) == (7, 0, [])
    after = rows(db)
    assert {t: r for t, r in after.items() if t != "failed_inputs"} == \
        {t: r for t, r in before.items() if t != "failed_inputs"}


# --- stand-ins for the extractor: no model, so these run in a second -------------------------------

class _Quick:
    """Stands in for MentionExtractor; what it does to an article depends on the article's words."""

    def __init__(self, resources) -> None:
        pass

    def extract(self, article):
        if "Kunduz" in article.text:
            raise ValueError("no parse for this sentence")
        return ArticleResult(article, actors=[f"pid-{os.getpid()}"])


class _Killed(_Quick):
    def extract(self, article):
        if "Kunduz" in article.text:
            os.kill(os.getpid(), signal.SIGKILL)  # the OOM killer, or a segfault in native code
        return ArticleResult(article)


class _Looping(_Quick):
    def extract(self, article):
        if "Kunduz" in article.text:
            while True:  # pure Python: the worker's SIGALRM budget interrupts it
                sum(range(1000))
        return ArticleResult(article)


class _StuckInC(_Quick):
    def extract(self, article):
        if "Kunduz" in article.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as deaf as one long C call
            time.sleep(60)
        return ArticleResult(article)


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    texts = [CONGO_TXT, AFGHAN_TXT, UKRAINE_TXT] + [CONGO_TXT.replace("Beni", town) for town in
                                                    ("Butembo", "Oicha", "Mavivi", "Eringeti", "Kasindi")]
    for i, text in enumerate(texts):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    return folder


def _sources(db) -> list[str]:
    with Store(db, read_only=True) as store:
        return sorted(r["source"] for r in store.query("SELECT source FROM articles"))


def test_an_error_in_a_worker_fails_only_its_article(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _Quick)
    ticks: list[int] = []
    result = proc.process([inputs], tmp_path / "e.duckdb", workers=2, batch_size=3, on_progress=ticks.append)
    assert [(f.source, f.code) for f in result.failed] == [("1.txt", "extract_failed")]
    assert "ValueError: no parse for this sentence" in result.failed[0].reason
    assert (result.stored, sum(ticks)) == (7, 8)
    assert _sources(tmp_path / "e.duckdb") == [f"{i}.txt" for i in (0, 2, 3, 4, 5, 6, 7)]
    with Store(tmp_path / "e.duckdb", read_only=True) as db:  # the work was shared out, not done here
        pids = {r["actors"] for r in db.query("SELECT actors FROM articles")}
    assert len(pids) == 2 and f'["pid-{os.getpid()}"]' not in pids


def test_a_killed_worker_costs_only_its_article_and_the_run_goes_on(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _Killed)
    result = proc.process([inputs], tmp_path / "e.duckdb", workers=2, max_seconds_per_article=5)
    assert [(f.source, f.code) for f in result.failed] == [("1.txt", "worker_died")]
    assert "killed by SIGKILL" in result.failed[0].reason and "--workers 1" in result.failed[0].reason
    assert result.stored == 7
    assert _sources(tmp_path / "e.duckdb") == [f"{i}.txt" for i in (0, 2, 3, 4, 5, 6, 7)]


def test_an_article_over_its_budget_in_a_worker_is_a_timeout(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _Looping)
    start = time.monotonic()
    result = proc.process([inputs], tmp_path / "e.duckdb", workers=2, max_seconds_per_article=0.5)
    assert time.monotonic() - start < 20
    assert [(f.source, f.code) for f in result.failed] == [("1.txt", "timeout")]
    assert "0.5 s" in result.failed[0].reason and result.stored == 7


def test_an_article_the_budget_cannot_interrupt_has_its_worker_stopped(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _StuckInC)
    monkeypatch.setattr(proc, "HARD_TIMEOUT_GRACE", 0.5)
    start = time.monotonic()
    result = proc.process([inputs], tmp_path / "e.duckdb", workers=2, max_seconds_per_article=0.5)
    assert time.monotonic() - start < 20
    assert [(f.source, f.code) for f in result.failed] == [("1.txt", "timeout")]
    assert "worker process was stopped" in result.failed[0].reason and result.stored == 7


def test_outcomes_come_back_in_input_order_whatever_finishes_first(tmp_path, inputs, monkeypatch):
    class Uneven(_Quick):
        def extract(self, article):
            time.sleep(0.2 if "Beni" in article.text else 0.0)
            return ArticleResult(article)

    monkeypatch.setattr(proc, "MentionExtractor", Uneven)
    proc.process([inputs], tmp_path / "e.duckdb", workers=2, batch_size=2)
    with Store(tmp_path / "e.duckdb", read_only=True) as db:
        order = [r["source"] for r in db.query("SELECT source FROM articles ORDER BY rowid")]
    assert order == sorted(order) and len(order) == 8


class _BrokenInWorkers(_Quick):
    parent = os.getpid()

    def __init__(self, resources) -> None:
        if os.getpid() != self.parent:
            raise RuntimeError("model file is truncated")


def test_workers_that_cannot_load_stop_the_run_with_a_clear_message(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _BrokenInWorkers)
    with pytest.raises(parallel.WorkerPoolError, match="could not load the models: RuntimeError: model file"):
        proc.process([inputs], tmp_path / "e.duckdb", workers=2)


def test_spawned_workers_give_the_same_result(tmp_path, inputs, monkeypatch):
    monkeypatch.setattr(proc, "MentionExtractor", _Quick)
    monkeypatch.setenv("EVENTSCOPE_START_METHOD", "spawn")
    result = proc.process([inputs], tmp_path / "e.duckdb", workers=2, max_seconds_per_article=None)
    assert (result.stored, [(f.source, f.code) for f in result.failed]) == (7, [("1.txt", "extract_failed")])


def test_an_unknown_start_method_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("EVENTSCOPE_START_METHOD", "teleport")
    with pytest.raises(parallel.WorkerPoolError, match="EVENTSCOPE_START_METHOD='teleport'"):
        parallel.start_method()


def test_process_refuses_zero_workers(tmp_path):
    with pytest.raises(ValueError, match="at least 1"):
        proc.process_items([], tmp_path / "e.duckdb", workers=0)


# --- the CLI option -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_cli_workers_must_be_a_positive_number(tmp_path, value):
    out = CliRunner().invoke(cli_main.cli, ["run", str(tmp_path), "--db", str(tmp_path / "e.duckdb"),
                                            "--workers", value])
    assert out.exit_code == 2
    assert "Invalid value for '--workers'" in out.output
    assert not (tmp_path / "e.duckdb").exists()


@pytest.mark.parametrize(("args", "expected"), [([], "cores"), (["--workers", "1"], 1), (["--workers", "3"], 3)])
def test_cli_workers_reach_the_pipeline(tmp_path, monkeypatch, args, expected):
    seen = {}

    def fake_process(paths, db, **kw):
        seen.update(kw)
        return proc.Result(run_id="r")

    monkeypatch.setattr(proc, "process", fake_process)
    out = CliRunner().invoke(cli_main.cli, ["run", str(tmp_path), "--db", str(tmp_path / "e.duckdb"), "--quiet", *args])
    assert out.exit_code == 0, out.output
    assert seen["workers"] == (parallel.default_workers() if expected == "cores" else expected)


def _answer(article):
    return FailedInput(article.source, "extract_failed", "a stand-in")


@pytest.mark.issue(11)
def test_a_worker_whose_run_was_killed_leaves_quietly(capfd):
    """SIGKILL a run while its workers extract and they find the result pipe closed: each must
    leave without a traceback (each printed one into the killed run's stderr)."""
    ctx = mp.get_context("fork")
    task_out, task_in = ctx.Pipe(duplex=False)
    result_out, result_in = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=parallel._worker_main, args=(lambda: _answer, task_out, result_in,
                                                              [task_in, result_out]), daemon=True)
    worker.start()
    task_out.close()
    result_in.close()
    assert result_out.recv() == ("ready",)
    result_out.close()  # the run is gone: nobody reads what the worker sends
    task_in.send((0, Article(id="a1", text="Gunmen attacked a village.", source="a.txt")))
    task_in.close()
    worker.join(30)
    assert worker.exitcode == 0
    assert "Traceback" not in capfd.readouterr().err
