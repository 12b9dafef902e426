"""Counts of people in news prose: "at least 12", "twenty-one", "dozens", "three adults and a child".

Fatality counts are read conservatively (ACLED): a stated number is taken as stated, a vague
plural takes its floor, and a word that is not a number ("several", "a number of") stays
unknown. The rules, in one place:

- "at least 5", "more than 20", "over 20", "about 30", "some 30"  -> best = low = the number, high None
  (ACLED records the stated number; "more than 20" is 20, not 21).
- "nearly 40", "almost 40", "up to 30", "as many as 30"           -> best = low = high = the number
  (an upper bound reported as stated; we do not subtract one).
- "between 10 and 15", "10 to 15", "10-15", "two or three"      -> best = low = 10, high = 15.
- "dozens" 12, "scores" 20, "tens" 10, "hundreds" 100, "thousands" 1000 -> best = low = floor, high None.
- "several", "some", "many", "a number of"                      -> best None (not a number).
- "a child", "the doctor", "his wife" (a singular person noun)   -> 1.
- "three adults and a child", "two soldiers and three civilians" -> the sum (people lists only).

Words come from data/lexicons/number_words.v1.tsv and person_nouns.v1.tsv, compiled once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from eventscope.data import read_tsv
from eventscope.extract import claims

NUMBER_WORDS_FILE = "lexicons/number_words.v1.tsv"
PERSON_NOUNS_FILE = "lexicons/person_nouns.v1.tsv"


@dataclass(frozen=True)
class Quantity:
    """A count in the text. `start`/`end` cover the number words (qualifier included);
    `np_end` is the end of the person noun it counts, when one follows."""

    best: int | None
    low: int | None
    high: int | None
    start: int
    end: int
    np_end: int
    head: str | None = None  # the person noun counted ("villagers"), if any
    vague: bool = False  # "dozens", "hundreds": a floor, not a count
    parts: tuple[Quantity, ...] = ()  # the summed counts of a list ("three adults", "a child")


_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_UNIT_AFTER = re.compile(
    r"\s*(?:%|per\s?cent\b|km\b|kilomet|miles?\b|metres?\b|meters?\b|mm\b|cm\b|kg\b|tons?\b|tonnes?\b|"
    r"a\.?m\b|p\.?m\b|gmt\b|hours?\b|minutes?\b|seconds?\b|days?\b|nights?\b|weeks?\b|months?\b|"
    r"years?\b|decades?\b|o'clock|st\b|nd\b|rd\b|th\b|(?:" + _MONTHS + r")\b\.?|times\b|"
    r"dollars?\b|euros?\b|pounds\b|rounds\b|shells\b|rockets\b|missiles\b|vehicles\b|houses\b|homes\b|"
    r"buildings\b|villages\b|towns\b|cars\b|trucks\b)",
    re.IGNORECASE,
)
_BEFORE_EXCLUDE = re.compile(
    r"(?:[$£€#]|\b(?:" + _MONTHS + r")\.?\s+|\bno\.\s*|\b(?:resolution|route|highway|article|page|"
    r"brigade|division|battalion|regiment|flight|number|aged?|age of)\s+)$",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"(?P<q>at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|more\s+than|over|upwards\s+of|"
    r"in\s+excess\s+of|well\s+over|just\s+over|nearly|almost|close\s+to|just\s+under|up\s+to|as\s+many\s+as|"
    r"at\s+most|fewer\s+than|less\s+than|about|around|approximately|roughly|some|an\s+estimated|"
    r"estimated|approx\.)\s+$",
    re.IGNORECASE,
)
_UPPER_BOUND = {"nearly", "almost", "close to", "just under", "up to", "as many as", "at most",
                "fewer than", "less than"}
_RANGE_JOIN = re.compile(r"\s*(?:-|–|\bto\b|\bor\b)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_MOD = r"(?:[\w'’-]+\s+){0,3}?"
_WORD = re.compile(r"[\w'’-]+")
_HEAD_STOP = {"and", "or", "but", "were", "was", "are", "is", "have", "has", "had", "been", "being",
              "who", "which", "that", "in", "on", "at", "by", "from", "to", "with", "after", "when",
              "killed", "dead", "died", "wounded", "injured", "said"}
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)", re.IGNORECASE)


class NumberReader:
    """Compiled number and person-noun patterns; build once per process (see `reader()`)."""

    def __init__(self, words: list[dict[str, str]], persons: list[dict[str, str]],
                 speech_verbs: Sequence[str] = ()) -> None:
        #: "a military officer said": the person after a list who tells it, not one of its dead.
        self._teller = re.compile(r"\s+(?:\w+\s+){0,2}?(?:" + "|".join(map(re.escape, speech_verbs)) + r")\b",
                                  re.IGNORECASE) if speech_verbs else None
        self.value: dict[str, int] = {}
        self.kind: dict[str, str] = {}
        for row in words:
            self.kind[row["word"]] = row["kind"]
            if row["value"]:
                self.value[row["word"]] = int(row["value"])
        exact = [w for w, k in self.kind.items() if k in ("unit", "tens", "scale", "dozen")]
        word = "(?:" + "|".join(sorted(exact, key=len, reverse=True)) + ")"
        vague = "|".join(w for w, k in self.kind.items() if k == "vague")
        indefinite = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, k in
                              sorted(self.kind.items(), key=lambda kv: -len(kv[0])) if k == "indefinite")
        self._atom = re.compile(
            r"(?<![\w.,:/])(?<![A-Za-z]-)(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\s+(?P<dscale>million|thousand))?"
            r"(?![\w’']|[.,:/]\d|-[A-Za-z])"
            r"|\b(?P<words>(?:half\s+)?(?:an?\s+(?=(?:hundred|thousand|million|dozen)\b))?"
            + word + r"(?:(?:\s+|-)(?:and\s+)?" + word + r")*)\b"
            r"|\b(?P<vague>(?:" + vague + r")(?:\s+of\s+(?:thousands|millions))?)\b"
            r"|\b(?P<indef>" + indefinite + r")\b",
            re.IGNORECASE,
        )
        singular = {r["singular"].split()[-1].lower() for r in persons}
        plural = {r["plural"].split()[-1].lower() for r in persons}
        self.persons = singular | plural
        sing_alt = "|".join(sorted(singular - plural, key=len, reverse=True))
        self._one_person = re.compile(
            r"\b(?P<det>an?|the|his|her|their|its|one)\s+" + _MOD + r"(?P<head>" + sing_alt + r")\b",
            re.IGNORECASE,
        )

    # -- single numbers -------------------------------------------------------------------
    def parse(self, words: str) -> int | None:
        """The value of a number phrase: "1,200" -> 1200, "twenty-one" -> 21, "a dozen" -> 12."""
        w = words.strip().lower()
        m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\s+(million|thousand))?", w)
        if m:
            n = int(m.group(1).replace(",", ""))
            return n * (self.value[m.group(2)] if m.group(2) else 1)
        if w in self.value and self.kind[w] == "vague":
            return self.value[w]
        tokens = [t for t in re.split(r"[\s-]+", w) if t and t != "and"]
        if tokens[:2] == ["half", "a"] and tokens[2:] == ["dozen"]:
            return 6
        total = current = 0
        for i, t in enumerate(tokens):
            if t in ("a", "an") and i == 0:
                current = 1
            elif t not in self.value:
                return None
            elif self.kind[t] in ("unit", "tens"):
                current += self.value[t]
            elif self.kind[t] == "dozen":
                current = max(current, 1) * 12
            elif t == "hundred":
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * self.value[t]
                current = 0
        return total + current

    def _atoms(self, text: str, start: int, end: int) -> list[tuple[int, int, int | None, bool]]:
        """(start, end, value, vague) for each number-like phrase; value None for "several"."""
        out: list[tuple[int, int, int | None, bool]] = []
        for m in self._atom.finditer(text, start, end):
            s, e = m.span()
            if m.group("words"):
                s, e = self._trim_and(text, s, e)
                if re.match(r"one\s+another\b", text[s:s + 12], re.IGNORECASE) or re.search(
                        r"\b(?:no|any|every|each|which|the)\s+$", text[max(0, s - 7):s], re.IGNORECASE):
                    continue
            if m.group("indef"):
                if m.group("indef").lower() == "some" and self._atom.match(text, e + 1, end):
                    continue  # "some 30" is a qualifier, handled below
                out.append((s, e, None, False))
                continue
            if _BEFORE_EXCLUDE.search(text[max(0, s - 20):s]) or _UNIT_AFTER.match(text, e):
                continue
            if m.group("digits") and not m.group("dscale") and re.fullmatch(r"(?:19|20)\d\d", m.group("digits")):
                continue  # a year
            vague = bool(m.group("vague"))
            value = self.parse(text[s:e]) if not vague else self._vague_value(text[s:e])
            if value is not None:
                out.append((s, e, value, vague))
        return out

    def _trim_and(self, text: str, s: int, e: int) -> tuple[int, int]:
        """Cut "two and three" after "two": "and" joins number words only after hundred/thousand."""
        for m in re.finditer(r"\s+and\s+", text[s:e], re.IGNORECASE):
            before = text[s:s + m.start()].split()[-1].lower()
            if before not in ("hundred", "thousand", "million"):
                return s, s + m.start()
        return s, e

    def _vague_value(self, phrase: str) -> int:
        tokens = phrase.lower().split()
        value = self.value[tokens[0]]
        if len(tokens) == 3:  # "tens of thousands"
            value *= self.value[tokens[2]]
        return value

    # -- counts with qualifiers, ranges, heads and lists ------------------------------------
    def quantities(self, text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
        """Counts in text[start:end], left to right, non-overlapping, lists of people summed."""
        end = len(text) if end is None else end
        atoms = self._atoms(text, start, end)
        singles: list[Quantity] = []
        i = 0
        while i < len(atoms):
            s, e, value, vague = atoms[i]
            best, low, high = value, value, None
            nxt = atoms[i + 1] if i + 1 < len(atoms) else None
            lead = text[max(start, s - 30):s]
            if nxt and value is not None and nxt[2] is not None:
                gap = text[e:nxt[0]]
                between = _BETWEEN.search(lead)
                joined = (between and re.fullmatch(r"\s+and\s+", gap, re.IGNORECASE)) or _RANGE_JOIN.fullmatch(gap)
                if joined and _FROM.search(lead):
                    s, e, best, low, high = nxt[0], nxt[1], nxt[2], nxt[2], None
                    i += 1
                elif joined and nxt[2] > value:
                    if between:
                        s = s - len(between.group(0))
                    best, low, high, e = value, value, nxt[2], nxt[1]
                    i += 1
            q = _QUALIFIER.search(text[max(start, s - 25):s])
            if q and best is not None and high is None:
                s -= len(q.group(0))
                if re.sub(r"\s+", " ", q.group("q").lower()) in _UPPER_BOUND:
                    high = best
            head, np_end = self._head_of(text, e, end)
            singles.append(Quantity(best, low, high, s, e, np_end, head, vague))
            i += 1
        singles += self._single_persons(text, start, end, singles)
        singles.sort(key=lambda q: q.start)
        return self._compose(text, singles)

    def _head_of(self, text: str, e: int, end: int) -> tuple[str | None, int]:
        """The person noun a count applies to, within four words ("20 of their fighters")."""
        prev_end = e
        for k, m in enumerate(_WORD.finditer(text, e, min(end, e + 60))):
            if k > 4 or text[prev_end:m.start()].strip(" "):
                break  # too far, or punctuation between words
            w = m.group(0).lower()
            if w in self.persons:
                return w, m.end()
            if w in _HEAD_STOP or (w == "of" and k > 0):
                break
            prev_end = m.end()
        return None, e

    def _single_persons(self, text: str, start: int, end: int, taken: list[Quantity]) -> list[Quantity]:
        """ "a child", "the doctor", "his wife" -> 1, where no number already covers the words."""
        out = []
        for m in self._one_person.finditer(text, start, end):
            if any(q.start <= m.start() < q.np_end for q in taken):
                continue
            mods = text[m.end("det"):m.start("head")].lower().split()
            if any(w in ("and", "or", "of", "were", "was", "said") for w in mods):
                continue
            if self._teller is not None and self._teller.match(text, m.end(), end):
                continue
            out.append(Quantity(1, 1, None, m.start(), m.end(), m.end(), m.group("head").lower()))
        return out

    def _compose(self, text: str, qs: list[Quantity]) -> list[Quantity]:
        """Sum lists of counted people: "three adults and a child" -> 4."""
        out: list[Quantity] = []
        for q in qs:
            prev = out[-1] if out else None
            if (prev and prev.head and q.head and prev.best is not None and q.best is not None
                    and _LIST_JOIN.fullmatch(text[prev.np_end:q.start])):
                high = None if prev.high is None and q.high is None else (
                    (prev.high or prev.best) + (q.high or q.best))
                out[-1] = Quantity(prev.best + q.best, (prev.low or 0) + (q.low or 0), high, prev.start,
                                   q.np_end, q.np_end, q.head, prev.vague or q.vague,
                                   (prev.parts or (prev,)) + (q,))
            else:
                out.append(q)
        return out


@lru_cache(maxsize=1)
def reader() -> NumberReader:
    """The process-wide reader (the lexicons are read once)."""
    return NumberReader(read_tsv(NUMBER_WORDS_FILE, ("word", "kind")),
                        read_tsv(PERSON_NOUNS_FILE, ("singular", "plural")),
                        claims.reader().verbs)


def parse_number(words: str) -> int | None:
    """The value of a number phrase ("twenty-one", "1,200", "a dozen"); None if it is not one."""
    return reader().parse(words)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Counts in text[start:end] with their spans (offsets into `text`)."""
    return reader().quantities(text, start, end)
