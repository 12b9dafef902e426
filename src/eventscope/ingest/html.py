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

Class/id pruning is guarded, because the words that name furniture also name
whole pages: a paywall's <body class="subType-unsubscribed">, a WordPress
article wrapper whose taxonomy classes read "tag-social-media" or
"category-sponsored-promotions", an ASP.NET page that is one big <form>. A word
must start a class/id word (so "unsubscribed" is not "subscribe"), and an
element holding a third or more of the page's paragraph words is the report or
wraps it, never furniture. On the article-extraction-benchmark (181 pages) the
unguarded substring rules cut report text from 11 pages; guarding them took shingle
F1 from 0.935 to 0.961 (benchmarks/html_extraction.py).
A page with no <p> at all gets no class/id pruning (nothing tells report from
furniture there); trafilatura's own boilerplate rules still apply.
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


#: Class/id words naming page furniture, matched only where a class/id word starts
#: ("share-bar", "socialLinks", "newsletter_box"), never inside one ("unsubscribed").
_FURNITURE_RE = re.compile(
    r"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))"
    r"(?i:newsletter|related|share|social|subscribe|sign-?up|promo|advert|recommended|most-?read)"
)
_FURNITURE_TAGS = frozenset({"aside", "form", "nav", "footer"})
#: An element with at least this share of the page's paragraph words is the report.
_REPORT_SHARE = 1 / 3
_MARK = "data-eventscope-furniture"
_MARKED_XPATH = f"//*[@{_MARK}]"
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


def _parse(markup: str) -> lxml_html.HtmlElement | None:
    """The page's tree as trafilatura builds it, else as plain lxml does; None if unusable."""
    try:
        tree = trafilatura.load_html(markup)
    except Exception:  # trafilatura may raise on undecodable or pathological input
        tree = None
    if tree is None:
        try:
            tree = lxml_html.document_fromstring(markup)
        except Exception:  # lxml rejects empty or non-markup documents
            return None
    return tree


def _paragraph_words(element: lxml_html.HtmlElement) -> int:
    return sum(len(p.text_content().split()) for p in element.iter("p"))


def _mark_furniture(tree: lxml_html.HtmlElement) -> None:
    """Flag furniture elements with `_MARK`; an element holding much of the text is never flagged."""
    total = _paragraph_words(tree)
    if total == 0:
        return
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if tag not in _FURNITURE_TAGS and not _FURNITURE_RE.search(names):
            continue
        if _paragraph_words(element) < _REPORT_SHARE * total:
            element.set(_MARK, "")


def _with_trafilatura(tree: lxml_html.HtmlElement, url: str | None) -> HtmlResult | None:
    try:  # trafilatura works on a copy; metadata is read before the marked furniture is pruned
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_images=False,
            favor_recall=True,
            date_extraction_params=dict(_DATE_PARAMS), prune_xpath=[_MARKED_XPATH],
        )
    except Exception:  # trafilatura may raise on pathological trees; fall back instead
        return None
    if doc is None:
        return None
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = _clean_lines((get("text") or "").split("\n"))
    return HtmlResult(text=text, title=get("title") or None, date=get("date") or None,
                      sitename=get("sitename") or None, url=get("url") or None)


def _with_lxml(tree: lxml_html.HtmlElement) -> HtmlResult:
    """<p> text of a page trafilatura could not use, without the marked furniture."""
    titles = tree.xpath("//title/text()|//h1//text()")
    title = " ".join(titles[0].split()) if titles else None
    for bad in tree.xpath(f"//script|//style|//noscript|{_MARKED_XPATH}"):
        if bad.getparent() is not None:
            bad.drop_tree()
    paragraphs = [p.text_content() for p in tree.iter("p")]
    return HtmlResult(text=_clean_lines(paragraphs), title=title or None, date=None,
                      sitename=None, url=None)


def extract_html(markup: str, url: str | None = None) -> HtmlResult | None:
    """Extract the report from `markup`; None when no usable text is found (→ bad_html)."""
    tree = _parse(markup)
    if tree is None:
        return None
    _mark_furniture(tree)
    result = _with_trafilatura(tree, url)
    if result is not None and _letters(result.text) >= _MIN_LETTERS:
        return result
    fallback = _with_lxml(tree)
    if _letters(fallback.text) < _MIN_LETTERS:
        return None
    if result is not None:  # keep the metadata trafilatura did find
        return HtmlResult(fallback.text, result.title or fallback.title, result.date,
                          result.sitename, result.url)
    return fallback
