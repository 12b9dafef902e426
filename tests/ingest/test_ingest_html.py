"""extract_html on pages whose markup misleads class/id furniture pruning, and on junk."""

from __future__ import annotations

import pytest

from eventscope.ingest.html import extract_html
from tests.ingest.ingest_samples import NIGERIA_HTML, SOMALIA_WP_HTML, SUDAN_FORM_HTML

SOMALIA_PARAGRAPHS = (
    "killing at least 12 people, including three soldiers",
    "The attack began with a car bomb at the hotel gate",
    "all five attackers had been killed",
    "claimed responsibility for the attack",
    "to overthrow Somalia's internationally backed federal government",
)


def test_html_report_wrapper_with_furniture_words_in_its_classes_is_kept():
    """body 'subType-unsubscribed', wrapper 'tag-social-media …': the report is not furniture."""
    result = extract_html(SOMALIA_WP_HTML)
    assert result is not None
    for words in SOMALIA_PARAGRAPHS:
        assert words in result.text, words
    for junk in ("Share on X", "Horn Observer briefing", "in your inbox",
                 "Somali forces retake town", "All rights reserved"):
        assert junk not in result.text, junk
    assert result.title == "Al-Shabaab attack on Mogadishu hotel kills 12"


def test_html_report_inside_a_page_wide_form_is_kept():
    result = extract_html(SUDAN_FORM_HTML)
    assert result is not None
    for words in ("killed nine civilians, among them four children",
                  "struck the Abu Shouk camp", "besieging El Fasher",
                  "could be independently verified"):
        assert words in result.text, words
    assert "never miss a story" not in result.text


def test_html_small_furniture_blocks_are_still_pruned():
    result = extract_html(NIGERIA_HTML)
    assert result is not None and "Kadawa village" in result.text
    for junk in ("Share on Facebook", "morning briefing", "Kidnappers free 20 students"):
        assert junk not in result.text, junk


def test_html_fallback_when_trafilatura_fails_keeps_report_drops_furniture(monkeypatch):
    def boom(*args, **kwargs):
        raise RecursionError("pathological tree")

    monkeypatch.setattr("eventscope.ingest.html.trafilatura.bare_extraction", boom)
    result = extract_html(SOMALIA_WP_HTML)
    assert result is not None
    for words in SOMALIA_PARAGRAPHS:
        assert words in result.text, words
    for junk in ("in your inbox", "All rights reserved"):
        assert junk not in result.text, junk
    assert result.title == "Al-Shabaab attack on Mogadishu hotel kills 12 - Horn Observer"


@pytest.mark.parametrize("markup", [
    "",
    "   \n\t ",
    "<html><body></body></html>",
    "<html><body><form id='aspnetForm'><input type='hidden' value='x'></form></body></html>",
    "\x00\x01\x02\xff\xfe binary \x00",
    "<<<>>><p<div</",
    "<html><head><title>Only a title</title></head></html>",
])
def test_html_junk_gives_none_never_raises(markup):
    assert extract_html(markup) is None
