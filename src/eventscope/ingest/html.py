"""Main text and metadata from an HTML page.

trafilatura does the real work (main-content detection, boilerplate removal,
title/date/sitename from meta tags and JSON-LD). We add three things it does not
guarantee: news-site furniture (newsletter boxes, "Related" rails, share bars) is
pruned by class/id before extraction; paragraphs come back separated by a blank
line like the plain-text inputs; and a page trafilatura rejects (too short,
malformed) still yields its <p> text through a plain lxml pass, so a broken page
with a real report in it is never lost. trafilatura runs in recall mode: on a
badly nested page the balanced mode drops paragraphs that fall outside the
main <div>, and a dropped paragraph is a lost incident, whereas the furniture
recall mode lets in is what the class/id pruning and the line filter remove.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import trafilatura
from lxml import html as lxml_html

__all__ = ["HtmlResult", "extract_html"]

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def _has_token(attr: str, word: str) -> str:
    lower = f"translate(@{attr},'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
    return f"contains({lower},'{word}')"


_FURNITURE_WORDS = ("newsletter", "related", "share", "social", "subscribe", "signup",
                    "sign-up", "promo", "advert", "recommended", "most-read", "mostread")
#: Elements whose class or id names them as page furniture rather than the report.
_PRUNE_XPATH: list[str] = [
    "//aside", "//form", "//nav", "//footer",
    "//*[" + " or ".join(_has_token(a, w) for a in ("class", "id") for w in _FURNITURE_WORDS) + "]",
]
#: Short lines that are calls to action, not reporting (checked only on lines < 140 chars).
_BOILER_LINE_RE = re.compile(
    r"^\W*(?:sign up|subscribe|get (?:our|the) (?:daily |free )?newsletter|related(?: (?:articles?|stories|coverage|content|topics))?\W*$"
    r"|read more\b|more on this story|share (?:this|on|via)\b|follow us\b|advertisement\W*$|click here\b)",
    re.I,
)
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2035-12-31"}
_MIN_LETTERS = 20


@dataclass(frozen=True)
class HtmlResult:
    text: str
    title: str | None
    date: str | None
    sitename: str | None
    url: str | None


def _clean_lines(lines: list[str]) -> str:
    kept = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line or (len(line) < 140 and _BOILER_LINE_RE.match(line)):
            continue
        kept.append(line)
    return "\n\n".join(kept)


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def _with_trafilatura(markup: str, url: str | None) -> HtmlResult | None:
    try:
        doc = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_images=False,
            favor_recall=True,
            date_extraction_params=dict(_DATE_PARAMS), prune_xpath=_PRUNE_XPATH,
        )
    except Exception:  # trafilatura may raise on pathological trees; fall back instead
        return None
    if doc is None:
        return None
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = _clean_lines((get("text") or "").split("\n"))
    return HtmlResult(text=text, title=get("title") or None, date=get("date") or None,
                      sitename=get("sitename") or None, url=get("url") or None)


def _with_lxml(markup: str) -> HtmlResult | None:
    """<p> text of a page trafilatura could not use; None if the markup is unusable."""
    try:
        tree = lxml_html.document_fromstring(markup)
    except Exception:  # lxml rejects empty or non-markup documents
        return None
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    paragraphs = [p.text_content() for p in tree.xpath("//p")]
    titles = tree.xpath("//title/text()|//h1//text()")
    title = " ".join(titles[0].split()) if titles else None
    return HtmlResult(text=_clean_lines(paragraphs), title=title or None, date=None,
                      sitename=None, url=None)


def extract_html(markup: str, url: str | None = None) -> HtmlResult | None:
    """Extract the report from `markup`; None when no usable text is found (→ bad_html)."""
    result = _with_trafilatura(markup, url)
    if result is not None and _letters(result.text) >= _MIN_LETTERS:
        return result
    fallback = _with_lxml(markup)
    if fallback is None or _letters(fallback.text) < _MIN_LETTERS:
        return None
    if result is not None:  # keep the metadata trafilatura did find
        return HtmlResult(fallback.text, result.title or fallback.title, result.date,
                          result.sitename, result.url)
    return fallback
