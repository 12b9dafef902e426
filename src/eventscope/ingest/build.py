"""Turn extracted text plus whatever metadata we have into an `Article`.

This is where the precedence rules live, in one place for every input kind:
metadata (sidecar or JSONL keys) beats what the page says; the publication date
comes from metadata, then the HTML, then explicit markers at the top of the
text, then the URL, else stays None; the language is the metadata's if given,
else the detector's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventscope.errors import InputError
from eventscope.models import Article, PublishedSource

from .dates import date_from_text, date_from_url, parse_date_value
from .html import HtmlResult
from .ids import article_id
from .language import MIN_CHARS, MIN_SCORE, detect, normalise_language

__all__ = ["make_article", "meta_str"]

_SUPPORTED = {"en"}


def meta_str(meta: Mapping[str, Any], key: str) -> str | None:
    """A metadata value as a stripped string; numbers are accepted, other types ignored."""
    value = meta.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _published(meta: Mapping[str, Any], html: HtmlResult | None, text: str,
               url: str | None) -> tuple[str | None, PublishedSource | None]:
    if found := parse_date_value(meta.get("published")):
        return found, "metadata"
    if html is not None and (found := parse_date_value(html.date)):
        return found, "html"
    if found := date_from_text(text, url):
        return found, "text"
    if found := date_from_url(url):
        return found, "url"
    return None, None


def _language(meta: Mapping[str, Any], text: str, detect_language: bool) -> str | None:
    declared = normalise_language(meta.get("language"))
    if declared is not None:
        if declared not in _SUPPORTED:
            raise InputError("unsupported_language", f"its metadata gives language {declared!r}")
        return declared
    if not detect_language:
        return None
    found = detect(text)
    if found is None:
        return None
    if found.code not in _SUPPORTED and found.score > MIN_SCORE and len(text.strip()) >= MIN_CHARS:
        raise InputError("unsupported_language",
                         f"detected language {found.code!r} (confidence {found.score:.2f})")
    return found.code


def make_article(text: str, *, source: str, kind: str, meta: Mapping[str, Any],
                 html: HtmlResult | None = None, detect_language: bool = True) -> Article:
    """Build the Article, or raise `InputError` (empty_text, unsupported_language)."""
    if not text.strip():
        raise InputError("empty_text", f"{source} has no article text")
    url = meta_str(meta, "url") or (html.url if html else None)
    published, published_source = _published(meta, html, text, url)
    return Article(
        id=article_id(text),
        text=text,
        source=source,
        title=meta_str(meta, "title") or (html.title if html else None),
        url=url,
        outlet=meta_str(meta, "outlet") or (html.sitename if html else None),
        published=published,
        published_source=published_source,
        language=_language(meta, text, detect_language),
        kind=kind,  # type: ignore[arg-type]
    )
