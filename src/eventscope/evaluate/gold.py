"""Read a directory of gold files (the format of shared/seeds/gold/).

A gold file holds one article's events and relations, and either the
article's `text` or the name of its `file` in the directory above the gold
directory. An optional `incidents.json` (in the gold directory or above it)
says which gold events, across articles, report the same real incident.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventscope.errors import EventscopeError
from eventscope.ingest import article_id
from eventscope.models import Article

INCIDENTS_FILE = "incidents.json"


@dataclass
class GoldArticle:
    name: str
    article: Article
    story: str | None
    events: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)


def gold_digest(gold_dir: str | Path) -> str:
    """SHA-256 over the gold files, so a pinned baseline knows what it was measured on."""
    h = hashlib.sha256()
    for p in sorted(Path(gold_dir).glob("*.json")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def find_incidents(gold_dir: str | Path) -> Path | None:
    """`incidents.json` in the gold directory or the directory above it, if there is one."""
    gold_dir = Path(gold_dir)
    for candidate in (gold_dir / INCIDENTS_FILE, gold_dir.parent / INCIDENTS_FILE):
        if candidate.is_file():
            return candidate
    return None


def load_incidents(path: str | Path) -> dict[str, str]:
    """Gold event id -> incident id, from an incidents file.

    The file is `{story: [{"incident": id, "gold_events": [gold event ids]}, ...]}`
    (the dev set's `incidents.json`) or just the list of such entries.
    """
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EventscopeError(f"{path}: not a readable incidents JSON file ({exc})") from exc
    if isinstance(doc, dict) and all(isinstance(v, list) for v in doc.values()):
        entries = [e for group in doc.values() for e in group]
    elif isinstance(doc, list):
        entries = doc
    else:
        raise EventscopeError(f"{path}: expected a list of incidents or a dict of story -> list of incidents")
    out: dict[str, str] = {}
    for entry in entries:
        if not isinstance(entry, dict) or "incident" not in entry or not isinstance(entry.get("gold_events"), list):
            raise EventscopeError(f"{path}: each incident needs 'incident' and a 'gold_events' list, got {entry!r}")
        incident = str(entry["incident"])
        for gold_id in entry["gold_events"]:
            if out.setdefault(str(gold_id), incident) != incident:
                raise EventscopeError(f"{path}: gold event {gold_id} is listed under two incidents")
    return out


def load_gold(gold_dir: str | Path) -> list[GoldArticle]:
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise EventscopeError(f"{gold_dir} is not a directory of gold JSON files")
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        if path.name == INCIDENTS_FILE:
            continue
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise EventscopeError(f"{path}: not a readable gold JSON file ({exc})") from exc
        text = doc.get("text")
        name = doc.get("file") or path.stem
        if text is None:
            src = gold_dir.parent / name
            if not src.is_file():
                raise EventscopeError(f"{path}: no 'text' and no article file {src}")
            text = src.read_text(encoding="utf-8")
        published = doc.get("published")
        article = Article(id=article_id(text), text=text, source=name, outlet=doc.get("outlet"),
                          url=doc.get("url"), published=published[:10] if published else None,
                          published_source="metadata" if published else None, language="en")
        out.append(GoldArticle(name, article, doc.get("story"), doc.get("events", []),
                               doc.get("relations", [])))
    if not out:
        raise EventscopeError(f"{gold_dir} holds no *.json gold files")
    return out
