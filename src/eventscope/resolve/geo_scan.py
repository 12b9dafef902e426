"""Find place-name n-grams in text by dictionary lookup, not NER.

The small spaCy model labels "Aleppo" NORP and misses villages, so toponyms are
found by scanning capitalised n-grams (up to 5 words, Arabic articles and "of"/"de"
allowed inside) against the gazetteer's name-key index, longest match first. The
scan is one pass of precompiled regexes and dict lookups: ~1 ms per 5,000 chars.

It also applies the evidence rules that keep ordinary words and people out:
month/weekday/function words never match alone; a common English word ("Reading",
"Mobile") needs two of {large place, its country named in the article, not
sentence-initial}; a single word inside a run of capitalised words ("Goran Tomasevic")
or after a title ("President Obama") is a person, not a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventscope.resolve.placenames import ARTICLES, fold, key_from_tokens

MAX_TOKENS = 5
# A word, with inner apostrophes ("Ma'arat") and a leading ʿayn or hamza mark ("‘Abasān").
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:(?<![^\s(-])[ʿʾ‘’](?=[^\W\d_]))?[^\W\d_]+(?:['’ʿʾ`‘](?![sS]\b)[^\W\d_]+)*")
_ELISION = re.compile(r"^[ʿʾ‘’]?(?:[dDlL]['’](?=[^\W\d_]))?")  # "d'Oeste", "l'Eixample": the letter after counts
_JOIN = re.compile(r"[ \t]?[-‐‑]?[ \t]?")  # what may separate the words of one name
_INITIAL_BEFORE = re.compile(r"(?:^|[.!?:;\n•*\"“”(\[|]|--)[\s\"“'‘(]*$")
#: Lower-case words allowed inside a multi-word name ("Jisr al-Hajj", "Bay of Pigs").
CONNECTORS = frozenset(
    ARTICLES
    | {
        "of",
        "the",
        "de",
        "del",
        "la",
        "le",
        "les",
        "da",
        "do",
        "dos",
        "das",
        "du",
        "di",
        "y",
        "on",
        "upon",
        "sur",
        "bin",
        "ibn",
        "bani",
        "beni",
        "und",
        "am",
        "e",  # Persian ezafe: "Pul-e-Khumri", "Mazar-e-Sharif"
        "i",  # "Mazar-i-Sharif", "Dera Ismail Khan" stays capitalised
        # French, Spanish, German, Dutch, Slavic, Swahili, Pashto joining words:
        # "Port-au-Prince", "Pointe-à-Pitre", "San Cristóbal de las Casas", "Neufahrn bei
        # Freising", "Heidenheim an der Brenz", "Krimpen aan den IJssel", "Mto wa Mbu".
        "au", "aux", "a", "des", "las", "los", "lo", "en", "sous", "bei", "an", "der", "den",
        "dem", "im", "zum", "zur", "ob", "van", "von", "het", "ter", "aan", "na", "nad", "pod", "wa", "ye",
    }
)
#: Words that make the next capitalised word a person ("President Obama", "Gen. Haftar").
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "president",
        "gen",
        "general",
        "col",
        "colonel",
        "lt",
        "sgt",
        "capt",
        "captain",
        "maj",
        "major",
        "sheikh",
        "shaikh",
        "imam",
        "mullah",
        "ayatollah",
        "prime",
        "minister",
        "spokesman",
        "spokeswoman",
        "commander",
        "leader",
        "chief",
        "governor",
        "gov",
        "sen",
        "senator",
        "rep",
        "representative",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "pope",
        "father",
        "bishop",
        "rev",
        "brother",
        "sister",
        "mayor",
        "officer",
        "detective",
        "professor",
        "prof",
        "coach",
        "actor",
        "singer",
        "st",
        "saint",
        "abu",
        "umm",
    ]
)
#: Capitalised words that may precede a place without making it part of a person's name.
PLACE_MODIFIERS = frozenset(
    [
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "greater",
        "upper",
        "lower",
        "old",
        "new",
        "downtown",
        "rural",
        "outer",
        "inner",
        "the",
        "in",
        "at",
        "near",
        "from",
        "to",
        "and",
        "or",
        "of",
        "but",
        "for",
        "by",
        "as",
        "on",
        "when",
        "after",
        "before",
        "since",
        "during",
        "across",
        "outside",
        "inside",
    ]
)


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    raw: str
    folded: tuple[str, ...]
    cap: bool
    initial: bool  # first word of a sentence, list item or heading


_FOLDED: dict[str, tuple[str, ...]] = {}


def _folded(raw: str) -> tuple[str, ...]:
    parts = _FOLDED.get(raw)
    if parts is None:
        parts = tuple(fold(raw).split())
        if len(_FOLDED) < 200_000:
            _FOLDED[raw] = parts
    return parts


def tokenize(text: str) -> list[Tok]:
    toks: list[Tok] = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        parts = _folded(raw)
        if not parts:
            continue
        s = m.start()
        cap = raw[0].isupper()
        if not cap and (raw[0] in "ʿʾ‘’" or raw[1:2] in ("'", "’")):
            cap = raw[_ELISION.match(raw).end()].isupper()
        initial = cap and _INITIAL_BEFORE.search(text, max(0, s - 6), s) is not None
        toks.append(Tok(s, m.end(), raw, parts, cap, initial))
    return toks


#: Article spellings that are also English words ("at", "an", "as").
_ENGLISH_ARTICLES = frozenset({"at", "an", "as", "ad", "ed", "en"})
#: Abbreviations whose full stop stays inside a name: "St. Charles", "Mt. Hood", "Ft. Worth".
_DOTTED = frozenset({"st", "ste", "mt", "ft", "pt"})


def joined(text: str, a: Tok, b: Tok) -> bool:
    """True when two tokens are parts of one name: only a space or hyphen between them."""
    gap = b.start - a.end
    if gap == 2 and a.cap and a.folded[-1] in _DOTTED and text[a.end:b.start] == ". ":
        return True
    return 0 < gap <= 3 and _JOIN.fullmatch(text, a.end, b.start) is not None


@dataclass(frozen=True)
class Gram:
    i: int  # first token
    j: int  # last token (inclusive)
    key: str


def grams_at(text: str, toks: list[Tok], i: int) -> list[Gram]:
    """Candidate name n-grams starting at token i, longest first.

    A name starts with a capitalised word (or an article glued to one: "al-Atarib"),
    ends with a capitalised word, and may hold lower-case connectors inside.
    """
    first = toks[i]
    if not first.cap and not (
        first.folded[0] in ARTICLES
        and i + 1 < len(toks)
        and toks[i + 1].cap
        and text[first.end : first.end + 1] in "-‐"
    ):
        return []
    out: list[Gram] = []
    parts: list[str] = list(first.folded)
    if first.cap:
        out.append(Gram(i, i, key_from_tokens(parts)))
    j = i
    while j + 1 < len(toks) and j - i + 1 < MAX_TOKENS:
        nxt = toks[j + 1]
        if not joined(text, toks[j], nxt):
            break
        # A lower-case word hyphened on may end a name: "Bang Pa-in", "Kameda-honchō".
        tail = not nxt.cap and text[toks[j].end:nxt.start] in ("-", "‐", "‑")
        if not (nxt.cap or tail or nxt.folded[0] in CONNECTORS):
            break
        j += 1
        parts.extend(nxt.folded)
        if nxt.cap or tail:
            out.append(Gram(i, j, key_from_tokens(parts)))
    out.reverse()
    return out


_ROUTE_AFTER = re.compile(r"\s+(?:road|highway|motorway|expressway|route|axis|corridor|railway|rail line|"
                          r"pipeline|border|frontier|border crossing|front ?line)s?\b", re.IGNORECASE)


def route_pair(text: str, toks: list[Tok], k: int) -> bool:
    """toks[k] and toks[k+1] are two places named as a route's ends: "the Gwoza-Pulka road"."""
    if k < 0 or k + 1 >= len(toks):
        return False
    a, b = toks[k], toks[k + 1]
    if not (a.cap and b.cap) or text[a.end:b.start] not in ("-", "–", "‐", "‑"):
        return False
    end = k + 1
    while end + 1 < len(toks) and toks[end + 1].cap and text[toks[end].end:toks[end + 1].start] in ("-", "–"):
        end += 1
    return _ROUTE_AFTER.match(text, toks[end].end) is not None


def looks_like_person(text: str, toks: list[Tok], i: int, j: int, weak: bool,
                      heads: frozenset[str] = frozenset()) -> bool:
    """A one-word match that reads as part of a person's or organisation's name.

    After a title, or after another capitalised word ("Goran Tomasevic", "Bashar
    al-Assad"), it is a name. Before a capitalised word it is a given name when the
    place is weak evidence anyway (a common word or a small place: "Abu Mohammed"),
    and also for a large place or a country when that word reads as a surname
    ("Jordan Peterson", "Israel Katz", "Paris Hilton"): one that is none of `heads`,
    the generic words that name something at the place ("Kabul University", "Aleppo
    Sunday"). A two-word place ("Gaza City") never gets here: the longer name matches first.
    """
    if i != j:
        return False
    tok = toks[i]
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and prev.folded[-1] in TITLES and 0 < tok.start - prev.end <= 5:
        return True
    if (
        prev is not None
        and not prev.cap
        and prev.folded[-1] in ARTICLES
        # "Students at Kabul", "known as Aleppo": English words, not an article, unless hyphened
        and (prev.folded[-1] not in _ENGLISH_ARTICLES or text[prev.end:tok.start] in ("-", "‐"))
        and i > 1
        and joined(text, prev, tok)
        and joined(text, toks[i - 2], prev)
    ):
        prev = toks[i - 2]  # look past the article
    elif prev is not None and (not joined(text, prev, tok) or route_pair(text, toks, i - 1)):
        prev = None
    prev_name = (
        prev is not None and prev.cap and not tok.initial and prev.folded[-1] not in PLACE_MODIFIERS
    )
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    next_name = (
        nxt is not None
        and nxt.cap
        and joined(text, tok, nxt)
        and nxt.folded[0] not in PLACE_MODIFIERS
        and not route_pair(text, toks, j)
    )
    if not next_name or prev_name:
        return prev_name
    return weak or _surname_like(toks, i, j + 1, heads)


def _surname_like(toks: list[Tok], i: int, k: int, heads: frozenset[str]) -> bool:
    """toks[k], after the place toks[i], reads as a surname rather than a name's head word.

    Not in capitals ("GAZA CITY", a dateline), not a head word, and not in a title-case
    line ("Fighting In Aleppo Kills Dozens"), where every word is capitalised.
    """
    tok, nxt = toks[i], toks[k]
    if tok.raw.isupper() or nxt.raw.isupper() or nxt.folded[0] in heads:
        return False
    prev = toks[i - 1] if i > 0 else None
    return not (prev is not None and prev.cap and not prev.initial and prev.folded[-1] in PLACE_MODIFIERS)
