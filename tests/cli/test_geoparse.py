"""The geoparse command through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventscope.cli.geoparse import geoparse_command

pytestmark = pytest.mark.slow

TEXT = "Air strikes hit Saraqib and Kafranbel in Idlib province, Syrian activists said."


def test_cli_with_and_without_spans_and_a_bad_line(tmp_path) -> None:
    s = TEXT.index("Kafranbel")
    u = TEXT.index("activists said")
    lines = [
        json.dumps({"id": "a", "text": TEXT}),
        json.dumps({"id": "b", "text": TEXT, "spans": [[s, s + 9], [u, u + 14]]}),
        "{not json",
        json.dumps({"id": "d", "text": ""}),
        json.dumps({"id": "e", "text": TEXT, "spans": [[1, "x"]]}),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(geoparse_command, [str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r.get("id") for r in rows] == ["a", "b", None, "d", "e"]
    found = [(p["name"], p["feature"]) for p in rows[0]["places"]]
    assert ("Saraqib", "city") in found and ("Idlib", "admin1") in found
    b = rows[1]["places"]
    assert len(b) == 2 and b[0]["geonameid"] == 168661 and b[0]["country"] == "SY"
    assert b[1]["geonameid"] is None and (b[1]["start"], b[1]["end"]) == (u, u + 14)
    assert all("error" in rows[i] for i in (2, 3, 4))


def test_cli_reads_stdin() -> None:
    result = CliRunner().invoke(geoparse_command, input=json.dumps({"id": 1, "text": TEXT}) + "\n")
    assert result.exit_code == 0
    row = json.loads(result.output.splitlines()[0])
    assert row["id"] == 1 and row["places"]
