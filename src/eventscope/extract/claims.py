"""Who a sentence says the information comes from, and whether it says it was verified.

Sources are read from attributions: "according to X", "X said / told AFP / reported / claimed",
"- reports said -", "a spokesman for X said" (-> X), "X claimed responsibility" (the claimant).
The phrase kept is the head of the name: leading modifiers ("the anti-Assad, British-based") are
dropped, so the resolver sees "Syrian Observatory for Human Rights"; a leading "the" stays when it
is next to the name ("the Observatory"). In a coordination ("activists and the Observatory") a named
organisation is preferred over generic words (data/lexicons/generic_sources.v1.tsv). Passive
"is reported to", pronouns ("he said") and "reportedly" name no source. When several
attributions occur, a named source wins, else the first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventscope.data import read_tsv
from eventscope.models import Claim, Span

CLAIM_VERBS_FILE = "lexicons/claim_verbs.v1.tsv"
GENERIC_FILE = "lexicons/generic_sources.v1.tsv"

_UNVERIFIED = re.compile(
    r"\b(?:could\s+not|couldn't|cannot|can\s+not|can't|has\s+not|have\s+not|had\s+not|was\s+not|were\s+not|"
    r"is\s+not|are\s+not|not)\s+(?:be\s+|been\s+|yet\s+be\s+|yet\s+been\s+)?(?:(?:immediately|independently|"
    r"yet|officially|separately)\s+)*(?:be\s+)?(?:verified|confirmed)\b"
    r"|\b(?:unverified|unconfirmed)\b"
    r"|\b(?:impossible|not\s+possible|unable|difficult)\s+to\s+(?:independently\s+)?(?:verify|confirm)\b"
    r"|\bno\s+(?:independent\s+)?(?:verification|confirmation)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_LEFT_BOUND = re.compile(r"[,;:()\"“”—–]|\s-\s|[.!?]\s|\b(?:that|which|who|whom|when|after|while|as|but|"
                         r"because|where|if|since|before|whereas)\b", re.IGNORECASE)
_RIGHT_BOUND = re.compile(r"[;:()\"“”—–]|\s-\s|[.!?](?:\s|$)|,|\b(?:that|which|who|said|says|adding|citing|"
                          r"while|but|because|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                          r"Sunday))\b", re.IGNORECASE)
_PASSIVE = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "this", "that", "one", "some",
             "others", "both", "neither", "none", "everyone", "someone", "reportedly"}
_DETERMINERS = {"the", "a", "an"}
_FUNCTION_WORDS = {"with", "of", "in", "on", "at", "for", "by", "to", "from", "and", "or", "the", "a", "an",
                   "also", "not", "and/or", "amid", "despite", "over", "under", "into"}
_NOUN_USE = re.compile(r"\s+(?:of|on|from|about|that\s+(?:he|she|it|they)\s+(?:was|were))\b", re.IGNORECASE)
_MODIFIER = re.compile(r"^(?:(?:anti|pro|non|ex)-[\w'’-]+|[\w'’]+-(?:based|backed|linked|led|run|allied|"
                       r"affiliated|funded|supported|owned|controlled|aligned|leaning|inspired))$", re.IGNORECASE)
_ROLE_OF = re.compile(r"^(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:spokes(?:man|woman|person)|official|"
                      r"representative|commander|member|leader|statement|source)\s+(?:for|of|from|with)\s+",
                      re.IGNORECASE)
_WORD = re.compile(r"[\w'’-]+")


class ClaimReader:
    """Compiled attribution patterns; build once per process (see `reader()`)."""

    def __init__(self, verbs: list[dict[str, str]], generic: list[dict[str, str]]) -> None:
        #: The attribution verbs, longest first (numbers.py reads them too: "a military officer said").
        self.verbs = sorted((r["verb"] for r in verbs), key=len, reverse=True)
        self._verb = re.compile(r"\b(?:" + "|".join(self.verbs) + r")\b", re.IGNORECASE)
        self.generic = {r["word"].lower() for r in generic}

    def find(self, text: str, start: int, end: int) -> Claim:
        v = _UNVERIFIED.search(text, start, end)
        verified_span = Span(v.start(), v.end(), v.group(0)) if v else None
        candidates: list[Span] = []
        for m in _ACCORDING.finditer(text, start, end):
            span = self._np_right(text, m.end(), end)
            if span:
                candidates.append(span)
        for m in self._verb.finditer(text, start, end):
            if _NOUN_USE.match(text, m.end(), end):
                continue  # "with reports of dozens captured": a noun, not an attribution
            span = self._np_left(text, start, m.start())
            if span:
                candidates.append(span)
        if not candidates:
            return Claim(None, None, verified_span is None, verified_span)
        candidates.sort(key=lambda s: s.start)
        best = next((c for c in candidates if self._named(c.text)), candidates[0])
        return Claim(re.sub(r"\s+", " ", best.text), best, verified_span is None, verified_span)

    # -- noun phrases -------------------------------------------------------------------------
    def _np_left(self, text: str, start: int, verb_start: int) -> Span | None:
        """The subject of an attribution verb: back to the nearest clause boundary."""
        window_start = max(start, verb_start - 120)
        bounds = list(_LEFT_BOUND.finditer(text, window_start, verb_start))
        s = bounds[-1].end() if bounds else window_start
        if not bounds and window_start > start:
            return None  # no boundary within reach: not a short subject
        words = list(_WORD.finditer(text, s, verb_start))
        if not words and len(bounds) >= 2 and bounds[-1].group(0) == ",":
            return self._appositive(text, start, bounds)
        if not words or len(words) > 9 or text[words[-1].end():verb_start].strip():
            return None
        last = words[-1].group(0).lower()
        if last in _PASSIVE or last in _PRONOUNS or last in _FUNCTION_WORDS:
            return None
        for k, w in enumerate(words):  # a finite verb inside means this is a clause, not a subject
            low = w.group(0).lower()
            if k > 0 and low.endswith("ed") and "-" not in low and low not in ("armed", "united"):
                return None
        return self._head(text, words[0].start(), words[-1].end())

    def _appositive(self, text: str, start: int, bounds: list[re.Match[str]]) -> Span | None:
        """ "An Idlib activist, Abu Leyla, told AFP": the described role if it has a common-noun
        head ("Idlib activist"), else the name in the appositive ("Abu Leyla")."""
        name_s, name_e = bounds[-2].end(), bounds[-1].start()
        role_s = bounds[-3].end() if len(bounds) >= 3 else start
        role = _WORD.findall(text, role_s, bounds[-2].start())
        if bounds[-2].group(0) == "," and 0 < len(role) <= 4 and role[-1].islower():
            words = list(_WORD.finditer(text, role_s, bounds[-2].start()))
            return self._head(text, words[0].start(), words[-1].end())
        words = list(_WORD.finditer(text, name_s, name_e))
        return self._head(text, words[0].start(), words[-1].end()) if 0 < len(words) <= 4 else None

    def _np_right(self, text: str, s: int, end: int) -> Span | None:
        """The object of "according to": up to a boundary, reading through modifier commas."""
        pos = s
        while True:
            b = _RIGHT_BOUND.search(text, pos, end)
            e = b.start() if b else end
            if b and b.group(0) == "," and self._only_modifiers(text[s:e]):
                pos = b.end()
                continue
            break
        words = list(_WORD.finditer(text, s, e))
        if not words or len(words) > 12:
            return None
        return self._head(text, words[0].start(), words[-1].end())

    def _only_modifiers(self, phrase: str) -> bool:
        words = _WORD.findall(phrase)
        return bool(words) and all(w.lower() in _DETERMINERS or _MODIFIER.match(w) for w in words)

    def _head(self, text: str, s: int, e: int) -> Span | None:
        """Drop leading modifiers, take X from "a spokesman for X", and prefer a named conjunct."""
        role = _ROLE_OF.match(text, s, e)
        if role:
            s = role.end()
        parts = self._conjuncts(text, s, e)
        named = [p for p in parts if self._named(text[p[0]:p[1]])]
        s, e = (named or parts)[0]
        words = list(_WORD.finditer(text, s, e))
        k = 0
        while k < len(words) and (words[k].group(0).lower() in _DETERMINERS or _MODIFIER.match(words[k].group(0))):
            k += 1
        if k >= len(words):
            return None
        # keep a "the" that stands right before the name ("the Observatory")
        head_start = words[k - 1 if k > 0 and words[k - 1].group(0).lower() == "the" else k].start()
        if words[-1].group(0).lower() in _PRONOUNS or words[k].group(0).lower() in _PRONOUNS:
            return None
        return Span(head_start, e, text[head_start:e])

    def _conjuncts(self, text: str, s: int, e: int) -> list[tuple[int, int]]:
        parts, pos = [], s
        for m in re.finditer(r"\s+and\s+", text[s:e]):
            parts.append((pos, s + m.start()))
            pos = s + m.end()
        parts.append((pos, e))
        return parts

    def _named(self, phrase: str) -> bool:
        """Does the phrase contain a proper name (not just "Activists" capitalised at a start)?"""
        for w in _WORD.findall(phrase):
            core = w.split("-")[-1]
            if core[:1].isupper() and w.lower() not in self.generic and w.lower() not in _DETERMINERS:
                return True
        return False


@lru_cache(maxsize=1)
def reader() -> ClaimReader:
    """The process-wide reader (the lexicons are read once)."""
    return ClaimReader(read_tsv(CLAIM_VERBS_FILE, ("verb",)), read_tsv(GENERIC_FILE, ("word",)))


def find_claim(text: str, start: int, end: int) -> Claim:
    """The stated source of text[start:end] and whether it is said to be unverified."""
    return reader().find(text, start, end)
