"""Parsing one JSONL line with bounds, so no line can crash or bloat a run.

Why (issue 11): `json.loads` recurses once per nesting level, so a line nested
1,500 levels deep raised `RecursionError`, which nothing caught, and the run
died. Article metadata is a flat object; anything nested deeper than
`MAX_DEPTH` is refused as `too_deep`, whether the parser itself overflowed or
the depth is merely absurd. Field types and lengths are checked too: a `text`
that is a number is `bad_field` (not "empty"), and a metadata value longer than
`MAX_FIELD_CHARS` is refused rather than stored as a title.
"""

from __future__ import annotations

import json
from typing import Any

from eventscope.errors import InputError

__all__ = ["MAX_DEPTH", "MAX_FIELD_CHARS", "TEXT_FIELDS", "check_fields", "loads_line"]

MAX_DEPTH = 32
MAX_FIELD_CHARS = 4_096
TEXT_FIELDS = ("text", "html")
_META_FIELDS = ("file", "id", "url", "outlet", "published", "language", "title")


def _too_deep(value: Any, limit: int) -> bool:
    """True when `value` nests more than `limit` containers (iterative, stops early)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def loads_line(raw: bytes, where: str) -> dict[str, Any]:
    """One JSONL line (bytes) → its object, or `InputError` (bad_encoding, bad_json, too_deep)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("bad_encoding", f"{where} is not valid UTF-8 (byte {exc.start})") from exc
    try:
        obj = json.loads(text)
    except RecursionError as exc:
        raise InputError("too_deep", f"{where} nests JSON too deeply to parse (limit {MAX_DEPTH})") from exc
    except ValueError as exc:
        msg = getattr(exc, "msg", str(exc))
        raise InputError("bad_json", f"{where} is not valid JSON ({msg})") from exc
    if not isinstance(obj, dict):
        raise InputError("bad_json", f"{where} is a JSON {type(obj).__name__}, not an object")
    if _too_deep(obj, MAX_DEPTH):
        raise InputError("too_deep", f"{where} nests JSON more than {MAX_DEPTH} levels deep")
    return obj


def check_fields(obj: dict[str, Any], where: str) -> None:
    """Refuse a `text`/`html` that is not a string, and over-long or odd metadata values."""
    for key in TEXT_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError("bad_field", f"{where}: '{key}' is a JSON {type(value).__name__}, not a string")
    for key in _META_FIELDS:
        value = obj.get(key)
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            raise InputError("bad_field", f"{where}: '{key}' is {len(value):,} characters long "
                                          f"(limit {MAX_FIELD_CHARS:,})")
        if isinstance(value, dict | list):
            raise InputError("bad_field", f"{where}: '{key}' is a JSON {type(value).__name__}, not a string")
