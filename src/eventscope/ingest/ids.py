"""Stable article ids.

The id is a hash of the *normalised* text so the same report reaches the same id
whichever way it arrived (a .txt file, a JSONL line, a re-run): case, Unicode
composition and whitespace differences between copies must not split it in two.
`Article.text` itself is never normalised — offsets into it are evidence.
"""

from __future__ import annotations

import hashlib
import unicodedata

__all__ = ["article_id", "normalise_for_id"]


def normalise_for_id(text: str) -> str:
    """NFC, casefold and collapse every whitespace run to one space."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return " ".join(folded.split())


def article_id(text: str) -> str:
    """First 16 hex digits of the sha256 of the normalised text."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]
