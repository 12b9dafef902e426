"""The CLI contract: commands, exit codes, export keys and evidence."""

import json

import pytest
from click.testing import CliRunner

from eventscope.cli.main import cli
from eventscope.export.records import MENTION_KEYS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory, examples_dir_module):
    path = tmp_path_factory.mktemp("cli") / "e.duckdb"
    result = CliRunner().invoke(cli, ["run", str(examples_dir_module), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def examples_dir_module():
    from tests.conftest import EXAMPLES

    return EXAMPLES


def test_cli_every_command_has_help():
    runner = CliRunner()
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, name


def test_cli_export_mentions_have_contract_keys_and_evidence(db, examples_dir_module):
    out = CliRunner().invoke(cli, ["export", "--db", str(db), "--what", "mentions", "--format", "jsonl"])
    assert out.exit_code == 0
    lines = [json.loads(x) for x in out.stdout.splitlines() if x.startswith("{")]
    assert len(lines) >= 8
    texts = {p.name: p.read_text(encoding="utf-8") for p in examples_dir_module.glob("*.txt")}
    for line in lines:
        assert set(MENTION_KEYS) <= set(line)
        text = texts[line["article"]]
        assert line["evidence"] in text
        for field, span in line["evidence_spans"].items():
            spans = span if isinstance(span, list) else [span]
            for sp in spans:
                assert text[sp["start"]:sp["end"]] == sp["text"], field
        for field in ("actor1", "actor2", "location", "fatalities", "claim_source"):
            key = "place" if field == "location" else field
            if line[field] is not None:
                assert key in line["evidence_spans"], (field, line)


def test_cli_export_stories_has_one_line_per_article(db):
    out = CliRunner().invoke(cli, ["export", "--db", str(db), "--what", "stories"])
    stories = [json.loads(x) for x in out.stdout.splitlines() if x.startswith("{")]
    assert sorted(s["article"] for s in stories) == ["000_18d4f89314b8d183.txt", "003_cb45ddb110bccc13.txt"]


def test_cli_export_events_csv_uses_acled_columns(db, tmp_path):
    target = tmp_path / "events.csv"
    out = CliRunner().invoke(cli, ["export", "--db", str(db), "--what", "events", "--format", "csv", "-o", str(target)])
    assert out.exit_code == 0
    header = target.read_text().splitlines()[0].split(",")
    for col in ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                "location", "latitude", "longitude", "geo_precision", "time_precision", "fatalities",
                "source", "notes"):
        assert col in header


def test_cli_events_filters(db):
    out = CliRunner().invoke(cli, ["events", "--db", str(db), "--type", "Battles", "--since", "2014-01-08"])
    assert out.exit_code == 0
    assert "Aleppo" in out.output


def test_cli_run_exit_status_counts_failures(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01" * 50)
    out = CliRunner().invoke(cli, ["run", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--quiet"])
    assert out.exit_code == 2
    assert "empty_text" in out.output and "binary" in out.output


def test_cli_missing_database_is_a_clear_error(tmp_path):
    out = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert out.exit_code == 126
    assert "eventscope run" in out.output


def test_cli_eval_on_seed_gold_reports_metrics(tmp_path):
    from tests.conftest import EXAMPLES

    gold = tmp_path / "gold"
    gold.mkdir()
    for p in (EXAMPLES.parent / "tests" / "fixtures" / "gold").glob("*.json"):
        (gold / p.name).write_text(p.read_text())
    for p in EXAMPLES.glob("*.txt"):
        (tmp_path / p.name).write_text(p.read_text())
    # every seed gold event is its own incident: no two may share a predicted event
    ids = [e["id"] for p in gold.glob("*.json") for e in json.loads(p.read_text())["events"]]
    (tmp_path / "incidents.json").write_text(json.dumps([{"incident": i, "gold_events": [i]} for i in ids]))
    out = CliRunner().invoke(cli, ["eval", str(gold), "--json"])
    assert out.exit_code == 0, out.output
    metrics = json.loads(out.stdout)["metrics"]
    assert metrics["events"]["f1"] >= 0.85
    assert metrics["invented_fatalities"]["invented"] == 0
    assert metrics["incidents_file"] == str(tmp_path / "incidents.json")
    assert metrics["linking_bcubed"]["precision"] == 1.0


def test_cli_eval_incidents_option_needs_an_existing_file(tmp_path):
    out = CliRunner().invoke(cli, ["eval", str(tmp_path), "--incidents", str(tmp_path / "none.json")])
    assert out.exit_code == 2
    assert "--incidents" in out.output


def test_cli_eval_table_prints_na_when_linking_is_undefined():
    from rich.console import Console

    from eventscope.cli.tables import metrics_table

    prf = {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    acc = {"n": 1, "correct": 1, "accuracy": 1.0}
    metrics = {"articles": 1, "gold_events": 1, "gold_digest": "x", "events": prf, "relations": prf,
               **{k: acc for k in ("sub_event_type", "actor1", "actor2", "date", "fatalities")},
               "invented_fatalities": {"invented": 0, "unstated": 0, "rate": 0.0},
               "stories_bcubed": {"precision": 1.0, "recall": 1.0, "f1": 1.0},
               "linking_bcubed": {"precision": None, "recall": None, "f1": None, "n": 0, "without_incident": 1}}
    console = Console(width=200, record=True)
    console.print(metrics_table(metrics))
    text = console.export_text()
    assert "event linking B-cubed" in text and "n/a" in text


@pytest.mark.issue(11)
def test_cli_run_prints_hostile_sources_literally(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "[/]", "text": ""}\n{"id": "[red]x[/red] [bold", "text": 5}\n', encoding="utf-8")
    out = CliRunner().invoke(cli, ["run", str(feed), "--db", str(tmp_path / "e.duckdb"), "--quiet"])
    assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
    assert out.exit_code == 2
    assert "[/]" in out.output and "[red]x[/red] [bold" in out.output
