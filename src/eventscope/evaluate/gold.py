"""Read a directory of gold files (the format of shared/seeds/gold/).

A gold file holds one article's events and relations, and either the
article's `text` or the name of its `file` in the directory above the gold
directory.
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


def load_gold(gold_dir: str | Path) -> list[GoldArticle]:
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise EventscopeError(f"{gold_dir} is not a directory of gold JSON files")
    out = []
    for path in sorted(gold_dir.glob("*.json")):
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
