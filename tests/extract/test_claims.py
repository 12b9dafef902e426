"""Claim sources and verification, as attributions are written in wire and broadcast copy."""

from __future__ import annotations

import pytest

from eventscope.extract.claims import find_claim


def source(text: str) -> str | None:
    c = find_claim(text, 0, len(text))
    if c.span is not None:
        assert text[c.span.start:c.span.end] == c.span.text
    return c.source


@pytest.mark.parametrize("text,expected", [
    ("Syrian rebels on Wednesday seized a hospital in Aleppo used as a base by ISIL, activists said.",
     "activists"),
    ("Rebels lost 20 fighters in a suicide car bombing in Darkoush, according to the anti-Assad, "
     "British-based Syrian Observatory for Human Rights.", "Syrian Observatory for Human Rights"),
    ("In besieged Aleppo, the Observatory said a series of government airstrikes killed 19 people.",
     "the Observatory"),
    ("In Douma, three adults and a child were killed after an airstrike on Tuesday, activists and the "
     "Observatory reported.", "the Observatory"),
    ("The fighting flared on Friday, prompted partly - reports said - by gunmen who fired at residents.",
     "reports"),
    ("Gunmen killed at least 12 villagers in Zamfara state late on Sunday, police said.", "police"),
    ("Houthi shelling killed six civilians in Taiz on Monday, residents told Reuters.", "residents"),
    ("Ukraine's Defence Ministry said two soldiers were killed in shelling near Avdiivka.",
     "Ukraine's Defence Ministry"),
    ("A spokesman for the Afghan interior ministry said 14 policemen were killed in Helmand.",
     "the Afghan interior ministry"),
    ("The Taliban claimed responsibility for the bombing in Kandahar.", "The Taliban"),
    ("According to local officials in Mopti, 16 herders were killed by militiamen.",
     "local officials in Mopti"),
    ("Soldiers opened fire on protesters in Mandalay, witnesses said.", "witnesses"),
    ("Sixteen bodies were found in Zacatecas, state prosecutors reported.", "state prosecutors"),
    ("An Idlib activist, Abu Leyla, told AFP news agency that the group was retreating.", "Idlib activist"),
    ("ADF rebels killed 22 people in Beni, according to the Kivu Security Tracker.",
     "the Kivu Security Tracker"),
    ("Sources said the army had retaken the town of Bama.", "Sources"),
])
def test_sources(text: str, expected: str) -> None:
    assert source(text) == expected


@pytest.mark.parametrize("text", [
    "Gunmen attacked a church in Kasai on Sunday.",
    "But in Saraqeb, the group is reported to be rounding up suspected activists.",
    "He said five were killed.",
    "Fighting has been reported in Atareb, Aleppo province.",
    "Troops reportedly shelled villages near Kidal.",
])
def test_no_stated_source(text: str) -> None:
    c = find_claim(text, 0, len(text))
    assert c.source is None and c.span is None


@pytest.mark.parametrize("text,words", [
    ("The claims could not be independently verified.", "could not be independently verified"),
    ("The toll, given by the Observatory, could not immediately be confirmed.",
     "could not immediately be confirmed"),
    ("Activists posted unverified video of the strike in Idlib.", "unverified"),
    ("The figures have not been independently verified by Reuters.", "have not been independently verified"),
    ("It was impossible to independently verify the account from Rakhine.", "impossible to independently verify"),
])
def test_unverified(text: str, words: str) -> None:
    c = find_claim(text, 0, len(text))
    assert c.verified is False and c.verified_span is not None and c.verified_span.text == words


def test_verified_by_default_and_both_fields_together() -> None:
    text = ('"Kill them wherever you find them," al-Adnani said, according to a statement that could '
            "not be independently verified.")
    c = find_claim(text, 0, len(text))
    assert c.source == "al-Adnani" and c.verified is False
    assert find_claim("Police said 4 died.", 0, 19).verified is True


def test_window_offsets() -> None:
    text = "Residents said the market burned. In Goma, 3 died, the army said."
    i = text.index("In Goma")
    c = find_claim(text, i, len(text))
    assert c.source == "the army" and c.span is not None and c.span.start > i
