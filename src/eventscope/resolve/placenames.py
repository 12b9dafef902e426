"""Place-name keys: one spelling-insensitive key per name, plus a looser consonant skeleton.

News outlets spell the same Arabic, Pashto or Hausa town many ways ("Darkoush",
"Darkush", "Derkosh"). Two keys let the gazetteer match them without fuzzy search:

* `name_key` — casefolded, accents stripped, apostrophes/ʿ/ʾ dropped, hyphens and
  spaces unified, Arabic articles unified to "al". An exact hit on this key is strong.
* `skeleton` — the consonants of the article-free key, with common transliteration
  variants folded (q/k, c/k, ch/sh, kh/k, ee/i ...), vowels and doubled letters removed.
  A hit on it is weak and the gazetteer only accepts it with country context.

Both are pure functions of the string, so the index built from GeoNames and the
n-grams read from an article always agree.
"""

from __future__ import annotations

import re
import unicodedata

#: Arabic definite-article spellings seen in transliterated names ("al-", "ash-", "el ").
ARTICLES: frozenset[str] = frozenset({"al", "el", "ad", "ar", "as", "at", "ash", "az", "an", "ed", "es", "et", "ez", "en", "ul"})
#: Articles that may be dropped from the front of a name ("al-Atarib" = "Atarib");
#: Romance "el"/"la" are kept because "El Paso" is not "Paso".
LEADING_ARTICLES: frozenset[str] = frozenset({"al", "ad", "ar", "as", "at", "ash", "az", "an", "ed", "es", "et", "ez"})

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʿʾʼʻ′\u02bc\u02bb"), None)
_DASHES = dict.fromkeys(map(ord, "-‐‑‒–—_/.,"), " ")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r" +")

# Transliteration folds for the skeleton, applied in order to a space-free key.
_SKELETON_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"dj", "j"),
        (r"tch|tsch", "ch"),
        (r"sch|ch|sh", "S"),  # French/German/English spellings of one sound
        (r"kh|gh", "k"),  # Kafr Takharim / Taharim; Ghazni / Gazni
        (r"th|dh", "t"),
        (r"ph", "f"),
        (r"[qc]", "k"),
        (r"x", "ks"),
        (r"z", "s"),
        (r"v", "w"),
    )
)
_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLE = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Casefold and strip accents and apostrophes; hyphens and punctuation become spaces."""
    text = text.translate(_APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("ı", "i").replace("ø", "o").replace("ł", "l").replace("đ", "d")
        text = text.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("ð", "d")
    text = text.casefold().translate(_DASHES)
    return _SPACES.sub(" ", _NON_WORD.sub("", text)).strip()


#: Abbreviations spelled out in keys, so "St. Paul" and "Saint Paul" are one name; never
#: the last word ("Main St" is a street).
ABBREVIATIONS: dict[str, str] = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def key_from_tokens(tokens: list[str]) -> str:
    """The name key of already-folded tokens: internal Arabic articles unified to "al",
    "St"/"Mt"/"Ft" before another word spelled out."""
    last = len(tokens) - 1
    return " ".join("al" if (i and t in ARTICLES) else ABBREVIATIONS.get(t, t) if i < last else t
                    for i, t in enumerate(tokens))


def name_key(name: str) -> str:
    """Exact-match key: "Jisr ash-Shughur" and "Jisr al Shughur" both give "jisr al shughur"."""
    return key_from_tokens(fold(name).split())


def strip_article(key: str) -> str | None:
    """The key without a leading Arabic article ("al atarib" -> "atarib"), or None."""
    head, _, rest = key.partition(" ")
    if rest and head in LEADING_ARTICLES:
        return rest
    return None


def skeleton(key: str) -> str:
    """Consonant skeleton of a name key: "maarat misreen" and "maarratmisrin" -> "mrtmsrn".

    Articles are dropped everywhere, spaces removed, transliteration variants folded,
    vowels (and y/w) after the first letter removed, doubled letters collapsed. A
    leading vowel becomes "a" so "Idlib" and "Edlib" agree.
    """
    tokens = [t for t in key.split() if t not in ARTICLES] or key.split()
    s = "".join(tokens)
    if not s:
        return ""
    leading_vowel = s[0] in "aeiou"
    for pattern, repl in _SKELETON_FOLDS:
        s = pattern.sub(repl, s)
    out = ("a" if leading_vowel else s[0]) + _VOWELS.sub("", s[1:])
    return _DOUBLE.sub(r"\1", out)
