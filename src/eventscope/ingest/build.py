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
from .decode import check_controls
from .html import HtmlResult
from .ids import article_id
from .language import MIN_CHARS, MIN_SCORE, detect, normalise_language
from .safeio import clean_text

__all__ = ["make_article", "meta_str"]

_SUPPORTED = {"en"}
SHORT_MIN_CHARS = 20  # below this nothing is rejected: a headline-length scrap
SHORT_MIN_SCORE = 0.9


def meta_str(meta: Mapping[str, Any], key: str) -> str | None:
    """A metadata value as a stripped string; numbers are accepted, other types ignored."""
    value = meta.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return clean_text(" ".join(value.split())) or None


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
    if found.code not in _SUPPORTED and _confident(text, found.score):
        raise InputError("unsupported_language",
                         f"detected language {found.code!r} (confidence {found.score:.2f})")
    return found.code


def _confident(text: str, score: float) -> bool:
    """Is the detector sure enough to reject? Long texts need MIN_SCORE; short ones
    (issue 11: a 60-character French report passed) need SHORT_MIN_SCORE, or a
    majority of non-Latin letters, since a few English words with foreign names
    often score low but rarely score high as another language."""
    length = len(text.strip())
    if length >= MIN_CHARS:
        return score > MIN_SCORE
    if length < SHORT_MIN_CHARS:
        return False
    letters = [c for c in text[:MIN_CHARS] if c.isalpha()]
    non_latin = sum(1 for c in letters if ord(c) > 0x24F)
    return score > SHORT_MIN_SCORE or (score > 0.5 and non_latin * 2 > len(letters))


def make_article(text: str, *, source: str, kind: str, meta: Mapping[str, Any],
                 html: HtmlResult | None = None, detect_language: bool = True) -> Article:
    """Build the Article, or raise `InputError` (empty_text, binary, unsupported_language).

    A text with no letter or digit at all (only NULs, spaces or punctuation) is
    empty whatever its length; JSONL text never went through `decode_bytes`, so
    its control characters are checked here too. Lone surrogates (`"\\ud800"` in
    JSON) become U+FFFD, one for one, so the store can always encode the text.
    """
    if not any(c.isalnum() for c in text):
        raise InputError("empty_text", f"{source} has no letter or digit, so no article text")
    check_controls(text, source)
    text = clean_text(text)
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
