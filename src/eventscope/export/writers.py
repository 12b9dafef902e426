"""Write export records as JSONL or CSV, streaming, to a file or stdout."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from eventscope.export.records import ACLED_EVENT_COLUMNS, MENTION_KEYS

CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "mentions": MENTION_KEYS + ("mention_id", "time_precision", "actor1_type", "actor2_type",
                                "geonameid", "fatalities_low", "fatalities_high", "outlet", "url"),
    "events": ACLED_EVENT_COLUMNS,
    "stories": ("article", "story", "article_id"),
    "relations": ("a", "b", "kind", "article", "evidence", "basis", "date"),
}


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def write_csv(records: Iterable[dict[str, Any]], out: IO[str], what: str) -> int:
    columns = CSV_COLUMNS[what]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        writer.writerow({c: _cell(rec.get(c)) for c in columns})
        n += 1
    return n
