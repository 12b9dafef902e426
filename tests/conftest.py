"""Shared fixtures. Tests that load the spaCy model or the full gazetteer are marked slow."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventscope.ingest import article_id
from eventscope.models import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def make_article(text: str, published: str | None = "2014-01-08", **kw) -> Article:
    """An Article built by hand, so extract tests need no ingest step."""
    return Article(id=article_id(text), text=text, source=kw.pop("source", "test.txt"), published=published,
                   published_source="metadata" if published else None, language="en", **kw)


@pytest.fixture
def article_factory():
    return make_article


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
