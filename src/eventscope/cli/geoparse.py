"""`eventscope geoparse`: JSONL in, one JSONL line of resolved places per input line.

Input lines: {"id", "text", "spans": [[start, end], ...]} (spans optional). A bad
line becomes {"id": ..., "error": "..."} and the run goes on.
"""

from __future__ import annotations

import json
import sys
from typing import IO

import click

from eventscope.resolve.gazetteer import Gazetteer
from eventscope.resolve.geoparser import geoparse


def _parse_line(line: str) -> tuple[object, str, list[list[int]] | None]:
    obj = json.loads(line)
    if not isinstance(obj, dict):
        raise ValueError("the line is not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        raise ValueError("missing or empty 'text'")
    spans = obj.get("spans")
    if spans is not None and (not isinstance(spans, list) or not all(
        isinstance(s, list) and len(s) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in s)
        for s in spans
    )):
        raise ValueError("'spans' must be a list of [start, end] integer pairs")
    return obj.get("id"), text, spans


def run(gaz: Gazetteer, src: IO[str], dst: IO[str]) -> tuple[int, int]:
    """Geoparse every line of src into dst; returns (lines, errors)."""
    lines = errors = 0
    for raw in src:
        if not raw.strip():
            continue
        lines += 1
        rid: object = None
        try:
            try:
                obj = json.loads(raw)
                rid = obj.get("id") if isinstance(obj, dict) else None
            except json.JSONDecodeError:
                pass
            rid, text, spans = _parse_line(raw)
            out = {"id": rid, "places": geoparse(gaz, text, spans)}
        except (ValueError, json.JSONDecodeError) as exc:
            errors += 1
            out = {"id": rid, "error": str(exc)}
        dst.write(json.dumps(out, ensure_ascii=False) + "\n")
    return lines, errors


@click.command("geoparse")
@click.argument("file", type=click.File("r", encoding="utf-8"), required=False)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="write JSONL here (default: stdout)")
def geoparse_command(file: IO[str] | None, output: IO[str]) -> None:
    """Resolve place names in JSONL texts to GeoNames places (ids, coordinates, country)."""
    gaz = Gazetteer.load()
    lines, errors = run(gaz, file or sys.stdin, output)
    if errors:
        click.echo(f"geoparse: {errors} of {lines} lines had errors (see their 'error' field)", err=True)
