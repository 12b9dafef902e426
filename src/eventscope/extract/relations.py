"""Actor–actor relations: from explicit statements and from incidents.

Statements. Every pair of parties in a sentence is tried against the cue lexicon
(data/lexicons/relation_cues.v1.tsv): text before the first party, the gap between
them and text after the second must fit one cue ("the Iran-backed Houthis", "ISWAP,
which split from Boko Haram in 2016", "fighting between the army and the RSF").
Parties are the resolver's actors plus what only a relation needs: "Al-Qaeda" in
"Al-Qaeda-linked", "the group" where the resolver resolves it, a state named by its
country or capital ("Rwanda backs M23", "Moscow-backed", "the Yemeni government";
data/lexicons/state_metonyms.v1.tsv), the backer inside an alias ("Turkish-backed
Syrian National Army"), "the government" or "pro-government militias" for the state
forces of the article's country. A generic actor in apposition is the named one
("Wazalendo, pro-government militias, attacked ..."); a name used as a modifier is
not the object of a verb ("confronting the al-Qaeda splinter group HTS"). Civilians,
claim sources and unidentified groups are never parties; a bare country is a party
only for allied and hostile. Headlines and captions are skipped: they label actors
in telegraphic form ("Al-Qaeda-linked Isis under attack") and the body says it in full.

What is asserted, and when:
- Denials and negations give nothing ("Rwanda denies backing M23", "has no links to",
  "There is no evidence that ..."); a denial's scope ends at the next assertion
  ("Rwanda denies this and says the army is working with the FDLR" keeps the FDLR).
- Accusations and reported claims are kept ("accuses Rwanda of arming the group"): the
  evidence sentence says who claims it.
- Hypotheticals and former ties ("could join forces", "once allied with", "until")
  give no alliance, affiliation or membership.
- Threats count as hostility ("threatened to attack X", "vowed to crush X"): a threat
  to attack is not an incident (DESIGN: happened, not threatened), but it is a
  statement that the two are enemies, which is what a hostile relation records.
- The date is the report's date (the statement holds then), except a split with its
  own year ("split from Boko Haram in 2016") which is dated by that year.

Incidents: the two identified armed sides of a battle are hostile on its date.
Each relation keeps the sentence that supports it and its basis.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from eventscope.data import read_tsv
from eventscope.errors import DataFileError
from eventscope.extract.roles import GENERIC_PREFIXES
from eventscope.models import ActorMention, Article, Mention, Relation, Span
from eventscope.nlp.sentences import Sentence
from eventscope.resolve.actor_anaphora import Antecedents
from eventscope.resolve.actor_data import CLAIM_SOURCE, token_key, tokenize
from eventscope.resolve.actors import ActorResolver

CUES_FILE = "lexicons/relation_cues.v1.tsv"
METONYMS_FILE = "lexicons/state_metonyms.v1.tsv"
NATIONALITIES_FILE = "actors/nationalities.v1.tsv"
KINDS = ("allied", "hostile", "affiliated", "split_from", "part_of")
DIRECTED = frozenset({"affiliated", "split_from", "part_of"})
ARMED = {"State forces", "Rebel group", "Political militia", "Identity militia", "External/Other forces"}
NOT_PARTIES = frozenset({"Civilians", "Protesters", "Rioters", CLAIM_SOURCE})
MAX_GAP = 180  # characters between two parties of one relation
_WB = r"(?!(?<=\w)\w)"  # after a token: no word continues it
_MACRO = re.compile(r"<(\w+)>")
_SLOT = re.compile(r"\{(A|B|GOV)\}")
_HEAD_LINK = re.compile(r"(?:the\s+)?(?P<inner>.+?)(?:[-‐‑](?:backed|supported|allied|aligned|armed|funded|"
                        r"sponsored|linked|affiliated)\s+|(?P<pos>['’]s)\s+)", re.IGNORECASE)
_PAREN = re.compile(r"^\s*\([^()]{0,60}\)")
_KNOWN_AS = re.compile(r"^\s*,?\s*(?:also\s+|locally\s+)?(?:known\s+as|called|dubbed)\s*$", re.IGNORECASE)
_TWO_GROUPS_SPLIT = re.compile(r"\bthe two (?:groups|factions|organi[sz]ations|movements)\b[^.]{0,120}"
                               r"\b(?:split|broke up|parted ways|fell out)\b", re.I)
_YEAR = re.compile(r"\b(\d{4})\b")


@dataclass(frozen=True)
class Cue:
    kind: str
    name: str
    coordinate: str  # right | both | none
    first: str  # which slot comes first in the text: "A" or "B"
    pre: re.Pattern[str] | None
    mid: re.Pattern[str] | None  # None: one-party cue, the other side is the government ({GOV})
    post: re.Pattern[str] | None
    glued: bool = False  # the right-hand party may be a hyphenated modifier ("M23, a Rwanda-backed group")


@dataclass(frozen=True)
class Party:
    name: str
    actor_type: str
    country: str | None
    start: int
    end: int
    head: int  # where the name proper starts ("pro-government militias known as [Wazalendo]")
    state: bool = False  # a country or capital word standing for the state
    glued: bool = False  # a modifier of the next party ("[Iran]-backed Houthis", "the [al-Qaeda] affiliate JNIM")


class RelationLexicon:
    """The compiled cue lexicon and the state words (country names, demonyms, capitals)."""

    def __init__(self, rows: list[dict[str, str]], states: dict[tuple[str, ...], tuple[str, str]],
                 iso_to_country: dict[str, str]) -> None:
        self.macros: dict[str, str] = {}
        self.cues: list[Cue] = []
        for row in rows:
            if row["kind"] == "macro":
                self.macros[row["cue"]] = row["pattern"]
            elif row["kind"] in KINDS:
                self.cues.append(self._cue(row))
            else:
                raise DataFileError(CUES_FILE, None, f"unknown kind {row['kind']!r}")
        mids = [c.mid.pattern for c in self.cues if c.mid is not None]
        self.any_mid = re.compile("|".join(f"(?:{p})" for p in mids), re.I)  # one C call rules most pairs out
        m = self._regex
        self.coord = re.compile(rf"^\s*{m('<coord>')}\s*$", re.I)
        self.tail = re.compile(rf"^\s*{m('<tail>')}(?!\w)", re.I)
        self.neg, self.hypothetical = re.compile(m("<neg>"), re.I), re.compile(m("<hypothetical>"), re.I)
        self.former, self.reset = re.compile(m("<former>"), re.I), re.compile(m("<reset>"), re.I)
        self.when = re.compile(m("<when>"), re.I)
        self.homegov = re.compile(m("<homegov>"), re.I)
        self.attributive = re.compile(rf"\s+(?:{m('<desc>')}\s+){{1,3}}", re.I)
        self.apposition = re.compile(rf"\s*,\s*(?:{m('<art>')}\s+)?(?:{m('<desc>')}\s+){{0,3}}", re.I)
        self.statehead = re.compile(rf"\s*(?:['’]s\s+)?{m('<statehead>')}\b", re.I)
        self.states, self.iso_to_country = states, iso_to_country
        self.first_keys = frozenset(k[0] for k in states if k)

    def _regex(self, body: str, depth: int = 0) -> str:
        if depth > 8:
            raise DataFileError(CUES_FILE, None, f"macros nest too deep in {body!r}")

        def expand(m: re.Match[str]) -> str:
            if m.group(1) not in self.macros:
                raise DataFileError(CUES_FILE, None, f"unknown macro <{m.group(1)}>")
            return "(?:" + self._regex(self.macros[m.group(1)], depth + 1) + ")"
        return _MACRO.sub(expand, body).replace(" ", r"\s+")

    def _tokens(self, tokens: list[str]) -> str:
        out = []
        for tok in tokens:
            quant = re.fullmatch(r"(<\w+>)([?*+]?)", tok)
            if quant:  # a whole-token macro: "<adv>*" repeats the word with its space
                out.append(f"(?:{self._regex(quant.group(1))}{_WB}\\s*){quant.group(2)}")
            else:
                out.append(f"(?:{self._regex(tok)}){_WB}\\s*")
        return "".join(out)

    def _cue(self, row: dict[str, str]) -> Cue:
        tokens = _split_pattern(row["pattern"])
        slots = [t for t in tokens if _SLOT.fullmatch(t)]
        gov = "{GOV}" in slots
        positional = [t for t in slots if t != "{GOV}"]
        if sorted(positional) != (["{A}"] if gov else ["{A}", "{B}"]):
            raise DataFileError(CUES_FILE, None, f"cue {row['cue']!r}: needs {{A}} and {{B}} (or {{A}} and {{GOV}})")
        tokens = [t for t in tokens if t != "{GOV}"]
        i = tokens.index(positional[0])
        j = tokens.index(positional[1]) if not gov else i
        pre, mid, post = tokens[:i], tokens[i + 1:j], tokens[j + 1:]
        coordinate = row.get("coordinate") or "none"
        if coordinate not in ("right", "both", "none"):
            raise DataFileError(CUES_FILE, None, f"cue {row['cue']!r}: coordinate must be right, both or none")
        try:
            return Cue(row["kind"], row["cue"], coordinate, positional[0][1],
                       re.compile(rf"(?<![\w'’-]){self._tokens(pre)}$", re.I) if pre else None,
                       None if gov else re.compile(rf"\s*{self._tokens(mid)}", re.I),
                       re.compile(rf"\s*{self._tokens(post)}", re.I) if post else None,
                       bool(post) and post[0].startswith("<hy>"))
        except re.error as exc:
            raise DataFileError(CUES_FILE, None, f"cue {row['cue']!r}: {exc}") from exc

    def state_at(self, keys: list[str], toks: list[tuple[str, int, int]], i: int) -> tuple[int, str, str] | None:
        """The longest state word starting at token i: (end token, iso2, kind)."""
        if keys[i] not in self.first_keys or not toks[i][0][:1].isupper():
            return None
        for n in (4, 3, 2, 1):
            found = self.states.get(tuple(keys[i:i + n])) if i + n <= len(keys) else None
            if found:
                return i + n, found[0], found[1]
        return None


def _split_pattern(pattern: str) -> list[str]:
    """Space-separated tokens; spaces inside (...) or [...] stay in their token."""
    tokens, cur, depth = [], "", 0
    for ch in pattern.strip():
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == " " and depth == 0:
            if cur:
                tokens.append(cur)
            cur = ""
        else:
            cur += ch
    return tokens + ([cur] if cur else [])


@lru_cache(maxsize=1)
def load_lexicon() -> RelationLexicon:
    """The process-wide relation lexicon (read and compiled once)."""
    states: dict[tuple[str, ...], tuple[str, str]] = {}
    iso_to_country: dict[str, str] = {}
    definite = {row["iso2"] for row in read_tsv("actors/definite_countries.v1.tsv", required=("iso2", "country"))}
    for row in read_tsv(NATIONALITIES_FILE, required=("word", "iso2", "country", "kind")):
        # "Military Forces of the Democratic Republic of Congo": the same name the actor resolver gives
        iso_to_country.setdefault(row["iso2"], ("the " if row["iso2"] in definite else "") + row["country"])
        states.setdefault(tuple(token_key(t) for t, _, _ in tokenize(row["word"])), (row["iso2"], row["kind"]))
    for row in read_tsv(METONYMS_FILE, required=("word", "iso2")):
        if row["iso2"] not in iso_to_country:
            raise DataFileError(METONYMS_FILE, None, f"{row['word']}: unknown ISO code {row['iso2']!r}")
        states.setdefault(tuple(token_key(t) for t, _, _ in tokenize(row["word"])), (row["iso2"], "capital"))
    return RelationLexicon(read_tsv(CUES_FILE, required=("kind", "cue", "pattern")), states, iso_to_country)


# ----------------------------------------------------------------------------- parties
_ADJECTIVAL = re.compile(r"(?:an|ese|ish|ic|i|ch|ss|ot|er|ite|ean|ine)$", re.I)
_LINKED_AFTER = re.compile(r"[-‐‑](?:backed|supported|allied|aligned|armed|funded|sponsored|linked|affiliated|"
                           r"friendly)\b|\s+(?:ally|allies|proxy|proxies|client|clients|backers?)\b", re.I)
_CAPITALISED = re.compile(r"\b(?:[A-Z][\w'’.]*(?:[-‐‑][A-Z][\w'’.]*)*)(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.]*){0,4}")
#: "backed by [the United States], has been fighting": an object of a preposition is no subject of what follows.
_OBJECT = re.compile(r"\b(?:by|with|of|to|from|for|against|on|at|in|into|alongside|than|among)\s+"
                     r"(?:(?:the|a|an|its|their)\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)
_NEW_PREDICATE = re.compile(r"\s*,(?!\s*(?:which|who|whose|that|a|an|the|and|or|known|also)\b)", re.I)
_POSSESSED = re.compile(r"\b(?:its|their|his|her)\s+$", re.I)
_GLUED = re.compile(r"[-‐‑][a-z]+\b")
#: "an alliance of former Darfuri [rebel groups]": a description of members, not a party.
_MEMBERS = re.compile(r"\b(?:alliance|coalition|umbrella|federation|front|bloc|grouping|network|made up|comprising|"
                      r"composed)\s+of\s+(?:[\w'’-]+\s+){0,2}$", re.I)


def _party(a: ActorMention) -> Party:
    return Party(a.name, a.actor_type, a.country, a.span.start, a.span.end, a.span.start)


def _overlaps(start: int, end: int, parties: list[Party]) -> bool:
    return any(start < p.end and p.start < end for p in parties)


def _state_party(lex: RelationLexicon, iso: str, start: int, end: int) -> Party:
    return Party(f"Military Forces of {lex.iso_to_country[iso]}", "State forces", iso, start, end, start, True)


def _state_words(text: str, s: Sentence, taken: list[Party], lex: RelationLexicon,
                 home: str | None) -> list[Party]:
    """Countries, capitals and (in a linking position) demonyms used for the state itself; "the
    government", "the junta" for the state of the article's country."""
    out: list[Party] = []
    for run in _CAPITALISED.finditer(text, s.start, s.end):  # state words are capitalised: look only there
        toks = tokenize(text, run.start(), run.end())
        out.extend(_states_in(text, s, toks, taken + out, lex))
    if home in lex.iso_to_country:
        for m in lex.homegov.finditer(text, s.start, s.end):
            if not _overlaps(m.start(), m.end(), taken + out):
                out.append(_state_party(lex, home, m.start(), m.end()))
    return sorted(out, key=lambda p: p.start)


def _states_in(text: str, s: Sentence, toks: list[tuple[str, int, int]], taken: list[Party],
               lex: RelationLexicon) -> list[Party]:
    keys = [token_key(t) for t, _, _ in toks]
    out, i = [], 0
    while i < len(toks):
        found = lex.state_at(keys, toks, i)
        if found is None:
            i += 1
            continue
        k, iso, kind = found
        start, end = toks[i][1], toks[k - 1][2]
        head = lex.statehead.match(text, end, s.end)
        adjectival = kind == "demonym" and _ADJECTIVAL.search(text[start:end]) and not text[start:end].isupper()
        if head:
            end = head.end()
        elif adjectival and not _LINKED_AFTER.match(text, end, s.end):
            i = k
            continue
        if not _overlaps(start, end, taken + out):
            out.append(_state_party(lex, iso, start, end))
        i = k
    return out


def _split_embedded(text: str, p: Party, resolver: ActorResolver, lex: RelationLexicon) -> list[Party]:
    """'Turkish-backed Syrian National Army', "Islamic State's Sinai affiliate": the backer or parent
    inside an alias becomes a party of its own, before the rest of the name."""
    if p.actor_type == CLAIM_SOURCE or p.name not in resolver.data.types:
        return [p]
    m = _HEAD_LINK.match(text, p.start, p.end)
    if m is None:
        return [p]
    s, e = m.start("inner"), m.end("inner")
    toks = tokenize(text, s, e)
    keys = [token_key(t) for t, _, _ in toks]
    state = lex.state_at(keys, toks, 0) if toks else None
    if state and state[0] == len(toks):
        inner = _state_party(lex, state[1], s, e)
    else:
        named = [a for a in resolver.find(text, s, e) if a.name in resolver.data.types]
        if len(named) != 1 or (named[0].span.start, named[0].span.end) != (s, e):
            return [p]
        inner = _party(named[0])
    if inner.name == p.name:
        return [p]
    rest = p.end if m.group("pos") else m.end()
    return [inner, replace(p, start=rest, head=rest)]


def _merge(text: str, parties: list[Party], resolver: ActorResolver) -> list[Party]:
    """'the Congolese army (FARDC)' is one party; so is 'militias known as Wazalendo' (the name)."""
    out: list[Party] = []
    for p in parties:
        prev = out[-1] if out else None
        if prev is not None and prev.end <= p.start:
            gap = text[prev.end:p.start]
            close = re.match(r"\s*\)", text[p.end:p.end + 3])
            if re.fullmatch(r"\s*\(\s*", gap) and close:
                keep = prev if prev.name in resolver.data.types or p.name not in resolver.data.types else p
                out[-1] = replace(keep, start=prev.start, end=p.end + close.end(), head=prev.head)
                continue
            if _KNOWN_AS.match(gap) and _generic(prev, resolver) and not _generic(p, resolver):
                out[-1] = replace(p, start=prev.start)
                continue
        out.append(p)
    return out


def _parties(text: str, s: Sentence, base: list[ActorMention], earlier: Antecedents,
             resolver: ActorResolver, lex: RelationLexicon, home: str | None) -> list[Party]:
    parties = [_party(a) for a in base if not a.is_claim_source]
    sources = [_party(a) for a in base if a.is_claim_source]
    states = _state_words(text, s, parties + sources, lex, home)
    if not parties and not states:
        return []  # cheap pass: no named actor and no state, nothing to relate
    extra: list[Party] = []
    for hit in resolver.scan(text, s.start, s.end, default_country=home):
        if _overlaps(hit.span.start, hit.span.end, parties + sources + extra):
            continue
        if hit.modifier and hit.mention is not None:
            extra.append(_party(hit.mention))
        elif hit.anaphor and hit.mention is None:
            nearer = [a for a in base if a.span.end <= hit.span.start]
            ref = earlier.resolve(text, hit.span.start, hit.span.end, nearer)
            if ref is not None:
                extra.append(_party(ref))
    parties += extra + [p for p in states if not _overlaps(p.start, p.end, extra)]
    parties = [p for p in parties if not (_generic(p, resolver) and _MEMBERS.search(text, s.start, p.start))]
    split = [q for p in sorted(parties, key=lambda p: p.start) for q in _split_embedded(text, p, resolver, lex)]
    merged = _merge(text, sorted(split, key=lambda p: (p.start, p.end)), resolver)
    return _mark_modifiers(text, s, merged, resolver, lex)


def _mark_modifiers(text: str, s: Sentence, parties: list[Party], resolver: ActorResolver,
                    lex: RelationLexicon) -> list[Party]:
    """A party glued to the next one is its modifier ("Iran-backed Houthis", "the al-Qaeda splinter
    group HTS"); a generic party in apposition to a named one is that party ("Wazalendo, pro-government
    militias, attacked ...")."""
    out: list[Party] = []
    for i, p in enumerate(parties):
        nxt = parties[i + 1] if i + 1 < len(parties) else None
        if _GLUED.match(text, p.end, s.end) or (
                nxt is not None and nxt.start >= p.end and lex.attributive.fullmatch(text, p.end, nxt.start)):
            p = replace(p, glued=True)
        prev = out[-1] if out else None
        if (prev is not None and _generic(p, resolver) and not _generic(prev, resolver) and prev.end <= p.start
                and lex.apposition.fullmatch(text, prev.end, p.start)
                and (re.match(r"\s*,", text[p.end:p.end + 3])
                     or re.match(r"\s*,\s*an?\s", text[prev.end:p.start]))):
            p = replace(p, name=prev.name, actor_type=prev.actor_type, country=prev.country)
        out.append(p)
    return out


def _generic(p: Party, resolver: ActorResolver) -> bool:
    """An agent-word actor ("militias", "Congolese troops"), not a named group or a state word."""
    if p.state:
        return False
    return p.name not in resolver.data.types or "(" in p.name or p.name.startswith(GENERIC_PREFIXES)


def _can_take_part(p: Party, kind: str, bare: frozenset[str]) -> bool:
    if p.actor_type in NOT_PARTIES or p.name.startswith("Unidentified") or p.name in bare:
        return False
    return not (kind in DIRECTED and (p.state or "(" in p.name))


def _pair_ok(a: Party, b: Party) -> bool:
    if a.name == b.name:
        return False
    same_state = a.actor_type == b.actor_type == "State forces" and a.country and a.country == b.country
    return not same_state


def _home_country(actors: list[ActorMention]) -> str | None:
    counts = Counter(a.country for a in actors if a.country and not a.is_claim_source)
    return counts.most_common(1)[0][0] if counts else None


# ----------------------------------------------------------------------------- statements
_DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ying|ial)|reject\w*|dismiss\w*|refut\w*|disavow\w*|no evidence|"
                     r"no proof|not true|not clear|unclear|false(?:ly)?|baseless|unfounded|unsubstantiated|"
                     r"unproven|no sign)\b", re.I)
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}


@dataclass
class _Context:
    article: Article
    text: str
    sentence: Sentence
    parties: list[Party]
    lex: RelationLexicon
    bare: frozenset[str]
    gov: Party | None
    when: str | None


def statement_relations(article: Article, sentences: list[Sentence],
                        actors_by_sentence: dict[int, list[ActorMention]], when: str | None,
                        resolver: ActorResolver | None = None) -> list[Relation]:
    """Relations stated in the article's sentences, each with its sentence as evidence."""
    resolver = resolver or ActorResolver.load()
    lex = load_lexicon()
    text = article.text
    every = sorted((a for acts in actors_by_sentence.values() for a in acts), key=lambda a: a.span.start)
    home = _home_country(every)
    gov = _state_party(lex, home, -1, -1) if home in lex.iso_to_country else None
    bare = frozenset(b for _, b, _ in resolver.data.agent_templates if b)
    out: list[Relation] = []
    earlier = Antecedents(resolver)  # the actors before the sentence, each weighed once
    k = 0
    for s in sentences:
        while k < len(every) and every[k].span.end <= s.start:
            earlier.add(every[k])
            k += 1
        if _headline(s):
            continue
        parties = _parties(text, s, actors_by_sentence.get(s.index, []), earlier, resolver, lex, home)
        ctx = _Context(article, text, s, parties, lex, bare, gov, when)
        out.extend(_pair_relations(ctx))
        out.extend(_government_relations(ctx))
        split = _TWO_GROUPS_SPLIT.search(text, s.start, s.end)
        if split:
            pair = _last_two_named(actors_by_sentence, s.index, split.start())
            if pair:
                date = _relation_date(lex, text[split.start():s.end], when) or when
                out.append(Relation(pair[0].name, pair[1].name, "split_from", article.id,
                                    Span(s.start, s.end, s.text), "statement", date))
    return out


def _headline(s: Sentence) -> bool:
    """Headlines, standfirsts and captions ("Al-Qaeda-linked Isis under attack in northern Syria")
    label actors in telegraphic form and restate the body, which tells the relation in full."""
    return s.kind == "heading" or s.text.rstrip()[-1:] not in ".!?\"'”’)"


def _pair_relations(ctx: _Context) -> list[Relation]:
    text, s, parties = ctx.text, ctx.sentence, ctx.parties
    out: list[Relation] = []
    for i, x in enumerate(parties):
        if _POSSESSED.search(text, s.start, x.start):
            continue  # "Boko Haram and its [Islamic State] offshoot": x describes what follows
        for j in range(i + 1, len(parties)):
            y = parties[j]
            if y.start < x.end:
                continue
            if y.start - x.end > MAX_GAP:
                break
            between = _between(ctx.lex, text[x.end:y.start])
            if not ctx.lex.any_mid.fullmatch(between):
                continue
            if _NEW_PREDICATE.match(text, x.end, y.start) and _OBJECT.search(text, s.start, x.start):
                continue
            for cue in ctx.lex.cues:
                if cue.mid is None or (y.glued and not cue.glued) or not cue.mid.fullmatch(between):
                    continue
                if cue.pre and not cue.pre.search(text[s.start:x.head]):
                    continue
                post = cue.post.match(text, y.end, s.end) if cue.post else None
                if cue.post and post is None:
                    continue
                a, b = (x, y) if cue.first == "A" else (y, x)
                if not (_can_take_part(a, cue.kind, ctx.bare) and _can_take_part(b, cue.kind, ctx.bare)):
                    continue
                end = post.end() if post else y.end
                if not _asserted(ctx, cue.kind, x.start, text[x.end:y.start], end):
                    break  # a denied or hypothetical statement: no other reading of this pair
                if _pair_ok(a, b):
                    out.append(_relation(ctx, cue.kind, a, b, end))
                out.extend(_coordinated(ctx, cue, i, j, end))
                break
    return out


def _government_relations(ctx: _Context) -> list[Relation]:
    """'pro-government militias known as Wazalendo': allied with the state forces of the article's country."""
    if ctx.gov is None:
        return []
    out = []
    for p in ctx.parties:
        for cue in ctx.lex.cues:
            if cue.mid is not None or not _can_take_part(p, cue.kind, ctx.bare):
                continue
            if cue.pre and not cue.pre.search(ctx.text[ctx.sentence.start:p.head]):
                continue
            post = cue.post.match(ctx.text, p.end, ctx.sentence.end) if cue.post else None
            if cue.post and post is None:
                continue
            end = post.end() if post else p.end
            if _pair_ok(p, ctx.gov) and _asserted(ctx, cue.kind, p.start, "", end):
                out.append(_relation(ctx, cue.kind, p, ctx.gov, end))
            break
    return out


def _between(lex: RelationLexicon, gap: str) -> str:
    """The gap without a leading acronym in brackets or a head noun ('M23 [group], which')."""
    gap = _PAREN.sub("", gap, count=1)
    tail = lex.tail.match(gap)
    return gap[tail.end():] if tail else gap


def _coordinated(ctx: _Context, cue: Cue, i: int, j: int, end: int) -> list[Relation]:
    """'fighting ISKP as well as the NRF', 'backed by Russia and Iran': the cue reaches the list."""
    out: list[Relation] = []
    steps = [(j, 1)] if cue.coordinate == "right" else [(j, 1), (i, -1)] if cue.coordinate == "both" else []
    for start, step in steps:
        other = ctx.parties[i if step == 1 else j]
        prev, k = ctx.parties[start], start + step
        while 0 <= k < len(ctx.parties):
            z = ctx.parties[k]
            gap = ctx.text[prev.end:z.start] if step == 1 else ctx.text[z.end:prev.start]
            if (z.start < prev.end if step == 1 else z.end > prev.start) or not ctx.lex.coord.match(gap):
                break
            # z takes the place of the party it is coordinated with, in the same slot
            a, b = (other, z) if (cue.first == "A") == (step == 1) else (z, other)
            if _can_take_part(z, cue.kind, ctx.bare) and _pair_ok(a, b):
                out.append(_relation(ctx, cue.kind, a, b, max(end, z.end)))
            prev, k = z, k + step
    return out


def _asserted(ctx: _Context, kind: str, left: int, between: str, end: int) -> bool:
    """Not denied, negated, hypothetical or (for ties) former."""
    lex, text, s = ctx.lex, ctx.text, ctx.sentence
    window = text[s.start:left]
    denials = list(_DENIAL.finditer(window))
    if denials and not lex.reset.search(window, denials[-1].end()):
        return False
    if lex.neg.search(between):
        return False
    if kind == "hostile":
        return True
    resets = list(lex.reset.finditer(window))
    tail = window[resets[-1].end():] if resets else window
    if lex.hypothetical.search(between) or lex.hypothetical.search(tail[-60:]):
        return False
    if kind == "split_from":
        return True
    stated = text[left:min(s.end, end + 40)].split(";")[0]  # "a former al-Qaeda affiliate", "... until 2017"
    return not lex.former.search(stated)


def _relation(ctx: _Context, kind: str, a: Party, b: Party, end: int) -> Relation:
    s = ctx.sentence
    date = ctx.when
    if kind == "split_from":
        clause = ctx.text[min(a.start, b.start):min(s.end, end + 60)].split(";")[0]
        date = _relation_date(ctx.lex, clause, ctx.when) or ctx.when
    return Relation(a.name, b.name, kind, ctx.article.id, Span(s.start, s.end, s.text), "statement", date)


def _relation_date(lex: RelationLexicon, clause: str, published: str | None) -> str | None:
    """The time a clause gives: 'in 2016' -> '2016', 'last year' -> the year before the report."""
    m = lex.when.search(clause)
    if m is None:
        return None
    phrase = m.group(0).lower()
    year = _YEAR.search(phrase)
    if year and "ago" not in phrase:
        return year.group(1)
    if published is None or not published[:4].isdigit():
        return None
    now = int(published[:4])
    if "last year" in phrase:
        return str(now - 1)
    if "this year" in phrase:
        return str(now)
    ago = re.match(r"(\w+) years? ago", phrase)
    if ago:
        n = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBER_WORDS.get(ago.group(1))
        return str(now - n) if n else None
    return None


def _named(a: ActorMention) -> bool:
    return not a.is_claim_source and "(" not in a.name


def _last_two_named(actors_by_sentence: dict[int, list[ActorMention]], index: int,
                    before: int) -> tuple[ActorMention, ActorMention] | None:
    """'the two groups ... split': the groups named just before, this sentence and the previous one."""
    here = [a for a in actors_by_sentence.get(index, []) if _named(a) and a.span.start < before]
    earlier = [a for a in actors_by_sentence.get(index - 1, []) if _named(a)]
    if not here:
        return None
    b = here[-1]
    a = next((x for x in reversed(earlier + here[:-1]) if x.name != b.name), None)
    return (a, b) if a else None


# ----------------------------------------------------------------------------- incidents
def _identified(a: ActorMention) -> bool:
    """A side that can be a node of the network: armed, named or of a known country."""
    return (a.actor_type in ARMED and not a.is_claim_source and not a.name.startswith("Unidentified")
            and a.name not in ("Military Forces", "Police Forces", "Rebels"))


def incident_relations(mentions: Iterable[Mention]) -> list[Relation]:
    """The two identified armed sides of a battle are hostile on its date."""
    out = []
    seen = set()
    for m in mentions:
        if m.event_type != "Battles" or m.actor1 is None or m.actor2 is None:
            continue
        if not (_identified(m.actor1) and _identified(m.actor2)):
            continue
        key = (m.actor1.name, m.actor2.name, m.date.value if m.date else None)
        if key in seen or m.actor1.name == m.actor2.name:
            continue
        seen.add(key)
        out.append(Relation(m.actor1.name, m.actor2.name, "hostile", m.article_id, m.evidence, "incident",
                            m.date.value if m.date else None))
    return out


def dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per (a, b, kind, basis) in an article; symmetric kinds ignore order."""
    out, seen = [], set()
    for r in relations:
        a, b = (r.a, r.b) if r.kind in ("split_from", "part_of") or r.a <= r.b else (r.b, r.a)
        key = (a, b, r.kind, r.basis)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
