"""Write export records as JSONL or CSV, streaming, to a file or stdout.

CSV is opened by people in Excel or LibreOffice, which run a cell that begins
with `=`, `+`, `-` or `@` (or tab/CR, which some read past) as a formula; article
text is written by strangers, so an actor name like `=HYPERLINK(...)` would be
an attack on the analyst (issue 11). Such cells get a leading apostrophe, the
OWASP advice, unless `raw=True`. Numbers are left alone (a negative number is
data, not a formula). JSONL stays raw: no spreadsheet evaluates it.
"""

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


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value: Any, raw: bool = False) -> Any:
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, str) and not raw:
        return neutralise(value)
    return value


def write_csv(records: Iterable[dict[str, Any]], out: IO[str], what: str, *, raw: bool = False) -> int:
    """CSV with the columns of `what`; cells that could run as formulas are neutralised unless `raw`."""
    columns = CSV_COLUMNS[what]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        writer.writerow({c: _cell(rec.get(c), raw) for c in columns})
        n += 1
    return n
