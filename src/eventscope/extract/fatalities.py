"""How many people one incident killed, read conservatively (ACLED), with the words behind it.

Only deaths count (data/lexicons/death_terms.v1.tsv); a count is attached to a death word by
where it stands:
- before it: "12 villagers were killed", "20 of their fighters killed", "left 5 dead";
- after it:  "killed at least 12 villagers", "killing 19 people", "the killing of 7";
- after a toll word: "the death toll rose to 30".
A count is refused (the next death word is tried, else None) when:
- it is indistinct: "killed or captured", "killed and wounded", "wounded or killed";
- it is not a number: "several were killed";
- it is irrealis: "could kill", "threatened that 20 would be killed", "feared dead";
- its clause is an aggregate: "300 killed since Friday", "the war, which has killed 130,000",
  "this year alone 2,000 have died", "bringing the total to 50".
"no one was killed" / "no casualties" is a stated zero. Of several tolls in one sentence the
first acceptable one is returned (conservative: counts are never summed across clauses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventscope.data import read_tsv
from eventscope.extract.dates import period_spans, total_cue
from eventscope.extract.numbers import Quantity, find_quantities
from eventscope.models import Fatalities, Span

DEATH_TERMS_FILE = "lexicons/death_terms.v1.tsv"
NONFATAL_FILE = "lexicons/nonfatal_terms.v1.tsv"

_AUX = {"was", "were", "been", "being", "be", "is", "are", "get", "got"}
# Words that may stand between a count and a later death word: nouns and modifiers of the
# counted people, auxiliaries, reporting adverbs, manner verbs ("were shot and killed").
_GAP_BLOCK = {"or", "but", "who", "which", "that", "when", "after", "while", "because", "as", "where",
              "than", "not", "no", "never", "could", "would", "might", "may", "will", "should", "can",
              "must", "if", "unless", "feared", "fear", "threatened", "before", "whom", "those"}
_IRREALIS = re.compile(
    r"\b(?:could|would|might|(?-i:may)|will|shall|should|threat(?:s|en|ens|ened|ening)?|"
    r"vow(?:s|ed|ing)?|warn(?:s|ed|ing)?|plan(?:s|ned|ning)?\s+to|fear(?:s|ed|ing)?|risk(?:s|ed)?|if|"
    r"unless|whether|tr(?:y|ied|ies|ying)\s+to|attempt(?:s|ed|ing)?\s+to|aim(?:s|ed|ing)?\s+to|"
    r"intend(?:s|ed)?|den(?:y|ied|ies)|no\s+evidence|rumou?r(?:s|ed)?)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|,|\s-\s|[.!?](?:\s|$)")
_ZERO = re.compile(
    r"\b(?:no\s+one|nobody|none|no\s+(?:people|civilians|soldiers|one\s+else))\s+(?:\w+\s+)?"
    r"(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:killed|hurt|injured|harmed|wounded)\b"
    r"|(?<!immediate\s)\bno\s+(?:deaths|fatalities|casualties|loss\s+of\s+life|lives\s+were\s+lost)\b"
    r"|\bwithout\s+(?:causing\s+)?(?:any\s+)?(?:casualties|deaths|fatalities)\b"
    r"|\bkilling\s+no\s+one\b",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_TOLL_LEAD = re.compile(r"(?:\bto|\bat|\bof|\breached|\bhit|\bis|\bwas|\bstood\s+at|\bnow|:)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Term:
    pattern: re.Pattern[str]
    count: str  # before | after | toll


class FatalityReader:
    """Compiled death and non-fatal terms; build once per process (see `reader()`)."""

    def __init__(self, terms: list[dict[str, str]], nonfatal: list[dict[str, str]]) -> None:
        self.terms = [_Term(re.compile(r"\b(?:" + r["pattern"] + r")\b", re.IGNORECASE), r["count"])
                      for r in terms]
        self._any = re.compile(r"\b(?:" + "|".join(r["pattern"] for r in terms) + r")\b", re.IGNORECASE)
        words = "|".join(sorted((r["word"] for r in nonfatal), key=len, reverse=True))
        self.nonfatal = {r["word"].lower() for r in nonfatal}
        self._indistinct_after = re.compile(
            r"\s*(?:,\s*)?(?:or|and/or|and)\s+(?:were\s+|been\s+|later\s+)?(?:" + words + r")\b", re.IGNORECASE)
        self._indistinct_before = re.compile(r"\b(?:" + words + r")\s+(?:or|and/or|and)\s+$", re.IGNORECASE)
        self.death_words = {"killed", "dead", "died", "deaths", "death", "executed", "slain"}

    def find(self, text: str, start: int, end: int) -> Fatalities | None:
        hits = self._hits(text, start, end)
        quantities = find_quantities(text, start, end) if hits else []
        for ts, te, role in self._ordered(text, hits):
            q = self._attach(text, quantities, ts, te, role, end)
            if q is None or q.best is None:
                continue
            if self._refused(text, q, ts, te, start, end):
                continue
            return Fatalities(q.best, q.low if q.low is not None else q.best, q.high,
                              Span(q.start, q.end, text[q.start:q.end]))
        zero = _ZERO.search(text, start, end)
        if zero:
            return Fatalities(0, 0, 0, Span(zero.start(), zero.end(), zero.group(0)))
        return None

    def _hits(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, count side) of every death term; one combined scan finds where to look."""
        hits = set()
        for m in self._any.finditer(text, start, end):
            for t in self.terms:
                hit = t.pattern.match(text, m.start(), end)
                if hit:
                    hits.add((hit.start(), hit.end(), t.count))
        return sorted(hits, key=lambda h: (h[0], h[1]))

    def _ordered(self, text: str, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Passive death words ("were killed") look left for their count first, active ones right."""
        def rank(h: tuple[int, int, str]) -> tuple[int, int]:
            prev = text[max(0, h[0] - 12):h[0]].split()
            passive = bool(prev) and prev[-1].lower() in _AUX
            order = {"before": 0 if passive else 1, "after": 1 if passive else 0, "toll": 0}
            return h[0], order[h[2]]
        return sorted(hits, key=rank)

    def _attach(self, text: str, qs: list[Quantity], ts: int, te: int, role: str, end: int) -> Quantity | None:
        if role == "after":
            prev = text[max(0, ts - 12):ts].split()
            if prev and prev[-1].lower() in _AUX:
                return None  # "was killed 5 km away": passive, the count is not its object
            q = next((q for q in qs if q.start >= te and not text[te:q.start].strip()), None)
            if q and q.parts:
                after = _NEXT_WORD.match(text, q.np_end, end)
                if after and (after.group(1) in _AUX | {"have", "has", "had"} or after.group(1).endswith("ed")):
                    return q.parts[0]  # "killed 21 fishermen and 1,200 people fled": a new clause
            return q
        if role == "toll":
            for q in qs:
                if q.start >= te and q.start - te <= 60:
                    between = text[te:q.start]
                    if not _CLAUSE_BREAK.search(between) and _TOLL_LEAD.search(between):
                        return q
            return None
        before = [q for q in qs if q.np_end <= ts]
        if not before:
            return None
        q = before[-1]
        return q if self._gap_ok(text[q.np_end:ts]) else None

    def _gap_ok(self, gap: str) -> bool:
        """May the words between a count and a death word after it belong to one clause about it?"""
        if re.search(r"[^\w\s'’-]", gap):
            return False
        words = [w.lower() for w in gap.split()]
        if len(words) > 8:
            return False
        seen_aux = False
        for w in words:
            if w in _GAP_BLOCK or w in self.nonfatal or w in self.death_words or w[:1].isdigit():
                return False
            if w == "and" and not seen_aux:
                return False  # "abducted 12 villagers and killed them": 12 were not killed
            seen_aux = seen_aux or w in _AUX or w in ("have", "has", "had")
        return True

    def _refused(self, text: str, q: Quantity, ts: int, te: int, start: int, end: int) -> bool:
        if self._indistinct_after.match(text, te, end) or self._indistinct_before.search(text[max(start, ts - 30):ts]):
            return True
        left, right = min(q.start, ts), max(q.end, te)
        c_start = max([m.end() for m in _CLAUSE_BREAK.finditer(text, start, left)], default=start)
        nxt = _CLAUSE_BREAK.search(text, right, end)
        c_end = nxt.start() if nxt else end
        if _IRREALIS.search(text, c_start, ts):
            return True
        # a period phrase right after the clause (", over the past two days") still governs it
        tail_end = c_end
        if nxt and nxt.group(0).strip() == ",":
            follow = _CLAUSE_BREAK.search(text, nxt.end(), end)
            tail_end = follow.start() if follow else end
        periods = period_spans(text, c_start, tail_end)
        if any(p.start <= c_end + 3 for p in periods):
            return True
        return total_cue(text, c_start, c_end) is not None


@lru_cache(maxsize=1)
def reader() -> FatalityReader:
    """The process-wide reader (the lexicons are read once)."""
    return FatalityReader(read_tsv(DEATH_TERMS_FILE, ("pattern", "count")), read_tsv(NONFATAL_FILE, ("word",)))


def find_fatalities(text: str, start: int, end: int) -> Fatalities | None:
    """The deaths reported for the incident in text[start:end], or None when none are stated."""
    return reader().find(text, start, end)
