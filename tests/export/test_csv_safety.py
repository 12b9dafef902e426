"""Issue 11: CSV cells that a spreadsheet would run as formulas are neutralised; JSONL stays raw."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from eventscope.cli.main import cli
from eventscope.export.writers import neutralise, write_csv, write_jsonl
from eventscope.models import ArticleResult
from eventscope.store.db import Store
from tests.conftest import make_article

pytestmark = pytest.mark.issue(11)

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_starts_get_an_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["ISIL", "Darkush", "", " =not first", "a=b", "'quoted"])
def test_ordinary_cells_are_untouched(value):
    assert neutralise(value) == value


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_write_csv_neutralises_strings_but_not_numbers_or_raw():
    records = [{"a": v, "b": v, "kind": "allied", "date": -5, "evidence": {"text": "=x"}} for v in HOSTILE]
    out = io.StringIO()
    write_csv(records, out, "relations")
    rows = _rows(out.getvalue())
    assert [r["a"] for r in rows] == ["'" + v for v in HOSTILE]
    assert rows[0]["date"] == "-5" and rows[0]["evidence"] == '{"text": "=x"}'
    raw = io.StringIO()
    write_csv(records, raw, "relations", raw=True)
    assert [r["a"] for r in _rows(raw.getvalue())] == HOSTILE


def test_write_jsonl_stays_raw():
    out = io.StringIO()
    write_jsonl([{"a": v} for v in HOSTILE], out)
    assert [json.loads(line)["a"] for line in out.getvalue().splitlines()] == HOSTILE


def test_cli_export_csv_is_safe_by_default_and_raw_on_request(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write_batch([ArticleResult(make_article("Gunmen killed 3 in Beni.", source="=evil().txt"))], [], "r")
    safe = CliRunner().invoke(cli, ["export", "--db", str(db), "--what", "stories", "--format", "csv"])
    assert safe.exit_code == 0, safe.output
    assert _rows(safe.stdout)[0]["article"] == "'=evil().txt"
    raw = CliRunner().invoke(cli, ["export", "--db", str(db), "--what", "stories", "--format", "csv", "--raw-csv"])
    assert _rows(raw.stdout)[0]["article"] == "=evil().txt"
    jsonl = CliRunner().invoke(cli, ["export", "--db", str(db), "--what", "stories"])
    assert json.loads(jsonl.stdout.splitlines()[0])["article"] == "=evil().txt"
