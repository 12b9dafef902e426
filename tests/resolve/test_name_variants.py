"""Name variants for spans the gazetteer lacks: pure functions, fast."""

from __future__ import annotations

from eventscope.resolve.name_variants import backoffs, demonym_stems


def test_backoffs_strip_heads_modifiers_and_of_phrases() -> None:
    assert backoffs("Vancouver Art Gallery", frozenset({"art"})) == ["Vancouver Art", "Vancouver"]
    assert backoffs("Port of Los Angeles", frozenset()) == ["Los Angeles"]
    assert backoffs("South Los Angeles", frozenset()) == ["Los Angeles"]
    assert backoffs("West Chester Twp.", frozenset())[0] == "West Chester"  # most specific first
    assert backoffs("Aleppo", frozenset({"aleppo"})) == []  # one word always stays


def test_demonym_stems_change_only_the_last_word() -> None:
    assert "Ohio" in demonym_stems("Ohioans")
    assert "Texas" in demonym_stems("Texan")
    assert "Ontario" in demonym_stems("Ontarians")
    assert "South Ossetia" in demonym_stems("South Ossetian")
    assert demonym_stems("Kabul") == [] or "Kabul" not in demonym_stems("Kabul")
    assert demonym_stems("Iran") == []  # too short to be a demonym


def test_backoffs_keep_only_capitalised_names() -> None:
    assert backoffs("on Friday", frozenset({"friday"})) == []
