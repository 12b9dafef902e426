"""Find the actors named in a text and resolve them to ACLED-style canonical names.

Why a token trie: reports spell the same group many ways ("ISIL", "Isis", "Daesh",
"Islamic State in Iraq and the Levant") and compose generic actors from a nationality
and an agent word ("Nigerian troops", "Yemeni government forces"). One trie over
normalised tokens (lowercase, no hyphens or apostrophes) finds every alias, agent
word and nationality word in a single left-to-right pass; per-token case rules then
keep acronyms honest ("IS" is the group, sentence-initial "Is" is not). Longest match
wins and mentions never overlap. The knowledge lives in data/actors/*.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventscope.models import ActorMention, Span
from eventscope.resolve.actor_data import (
    ANAPHOR,
    CAPITAL,
    CLAIM_SOURCE,
    EXACT,
    ActorData,
    Entry,
    load_actor_data,
    token_key,
    tokenize,
)

END = ""  # trie key holding the entries that end at a node (token keys are never empty)
PRIORITY = {"named": 0, "source": 1, "anaphor": 2, "composed": 3, "agent": 4}
#: Reporting verbs that make "residents", "officials", "reports" a claim source.
SAID = frozenset(["said", "say", "says", "told", "tell", "reported", "report", "reports", "claimed", "claim", "claims", "added", "confirmed", "confirm", "stated", "estimated", "counted", "recounted", "described", "quoted", "recalled", "testified"])
#: "Al-Qaeda-linked ISIL": a name glued to one of these by a hyphen is a modifier, not an actor.
LINK_WORDS = frozenset(["linked", "affiliated", "backed", "aligned", "allied", "inspired", "led", "held", "controlled", "run", "style", "era", "occupied", "dominated", "supported", "leaning", "friendly", "oriented", "influenced", "funded", "armed", "trained"])
#: "Isis gunmen", "Taliban commanders": a named armed group absorbs a following agent noun.
FOLLOWERS = frozenset(["fighters", "fighter", "members", "member", "commanders", "commander", "units", "unit", "brigades", "brigade", "battalions", "battalion", "cells", "cell", "loyalists", "operatives", "militiamen", "gunmen"])
ARMED = frozenset({"State forces", "Rebel group", "Political militia", "Identity militia",
                   "External/Other forces"})
HYPHEN_CHARS = frozenset("-‐‑")
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})
SENTENCE_END = frozenset({".", "!", "?", ";", ":"})


@dataclass(frozen=True)
class Hit:
    """One match: token range, the mention (None for a bare anaphor) and anaphor facts."""

    start_tok: int
    end_tok: int
    span: Span
    mention: ActorMention | None
    anaphor: bool = False  # "the group", "the militants", "its fighters"
    modifier: bool = False  # "Al-Qaeda-linked", "rebel-held": named, but not a participant


class _Tokens:
    """A tokenised stretch of text with lookup keys, shared by one scan."""

    def __init__(self, text: str, start: int, end: int | None) -> None:
        self.text = text
        self.toks = tokenize(text, start, end)
        key = token_key
        self.keys = [key(t) for t, _, _ in self.toks]

    def span(self, i: int, k: int) -> Span:
        s, e = self.toks[i][1], self.toks[k - 1][2]
        return Span(s, e, self.text[s:e])


class ActorResolver:
    """Alias trie + nationality composition + claim-source rules, built once per process."""

    def __init__(self, data: ActorData) -> None:
        self.data = data
        self._trie: dict = {}
        for entry in data.entries:
            node = self._trie
            for tok in entry.tokens:
                node = node.setdefault(token_key(tok), {})
            node.setdefault(END, []).append(entry)
        for node in self._iter_nodes(self._trie):
            if END in node:
                node[END].sort(key=lambda e: (PRIORITY.get(e.kind, 9), e.when_country is None))
        self._country_words = {e.tokens: e.country for e in data.entries if e.kind == "nation"}
        self._country_names = set(data.iso_to_country.values()) | {
            f"the {data.iso_to_country[iso]}" for iso in data.definite if iso in data.iso_to_country}
        self._generic = [(re.compile("^" + re.escape(t).replace(r"\{country\}", "(.+)") + "$"), b, ty)
                         for t, b, ty in data.agent_templates]
        self._spellings = [(re.compile("^" + re.escape(t).replace(r"\{country\}", "(?:the )?(.+)") + "$", re.I), t)
                           for t, _, _ in data.agent_templates if "{country}" in t]
        self._state_template = next((t for t, b, ty in data.agent_templates
                                     if ty == "State forces" and b == "Military Forces"), None)
        #: The last word of each civilian agent phrase ("a boy" -> "boy"), for a victim the
        #: parse names with modifiers no phrase lists ("a 15-year-old boy").
        self._civilian_heads = {token_key(e.tokens[-1]): e for e in data.entries
                                if e.kind == "agent" and e.actor_type == "Civilians"
                                and not e.qualifier_required and _one_noun(e.tokens)}

    @staticmethod
    def _iter_nodes(node: dict):
        stack = [node]
        while stack:
            n = stack.pop()
            yield n
            stack.extend(v for k, v in n.items() if k != END)

    @classmethod
    def load(cls) -> ActorResolver:
        """The shared resolver (data read and trie built once per process)."""
        return _shared()

    @classmethod
    def build(cls) -> ActorResolver:
        """A fresh resolver, re-reading the data files (tests, data-file checks)."""
        return cls(load_actor_data())

    # ----------------------------------------------------------------- public API
    def find(self, text: str, start: int = 0, end: int | None = None,
             default_country: str | None = None) -> list[ActorMention]:
        """Actors named in text[start:end], in order; spans are offsets into `text`.

        `default_country` (ISO alpha-2 or a country name) is the article's main country,
        used for generic actors without a nationality word ("villagers"). Bare anaphors
        ("the group") are left out; use ArticleActors to resolve them.
        """
        return [h.mention for h in self.scan(text, start, end, default_country)
                if h.mention and not h.modifier]

    def scan(self, text: str, start: int = 0, end: int | None = None,
             default_country: str | None = None, strict_case: bool = True) -> list[Hit]:
        """All hits, including anaphors, left to right, longest match first."""
        tk = _Tokens(text, start, end)
        iso = self.country_code(default_country)
        hits: list[Hit] = []
        i, n, root, keys = 0, len(tk.toks), self._trie, tk.keys
        while i < n:
            hit = self._best(tk, i, iso, strict_case) if keys[i] in root else None
            if hit is None:
                i += 1
                continue
            hit = self._finish(tk, hit)
            hits.append(hit)
            i = hit.end_tok
        return hits

    def _finish(self, tk: _Tokens, hit: Hit) -> Hit:
        """Mark "X-linked" modifiers; let "Isis gunmen" cover the agent noun."""
        m, k = hit.mention, hit.end_tok
        if m is None or k >= len(tk.toks):
            return hit
        end = tk.toks[k - 1][2]
        if tk.text[end:end + 1] in HYPHEN_CHARS and tk.keys[k] in LINK_WORDS:
            return Hit(hit.start_tok, k, hit.span, m, hit.anaphor, modifier=True)
        if hit.anaphor or m.actor_type not in ARMED or m.actor_type != self.data.types.get(m.name):
            return hit
        k2 = k + 1 if tk.keys[k] in FOLLOWERS else k
        if k2 == k:
            for j, entries in self._walk(tk, k):
                if any(e.kind == "agent" and e.actor_type in ARMED and not e.qualifier_required
                       for e in entries):
                    k2 = j
        if k2 == k:
            return hit
        span = tk.span(hit.start_tok, k2)
        return Hit(hit.start_tok, k2, span, ActorMention(m.name, m.actor_type, span, m.country,
                                                         m.is_claim_source))

    def canonical_name(self, name: str, default_country: str | None = None) -> str | None:
        """The canonical name for any spelling: "Syrian rebels" -> "Rebels (Syria)"; else None.

        Generic names with another spelling of the country resolve too ("Military Forces of the
        Democratic Republic of Congo"), and so does a bare country named as an actor ("Iran" in
        "allied with Iran"): its state forces, "Military Forces of Iran".
        """
        name = name.strip()
        if not name:
            return None
        for pattern, template in self._spellings:
            m = pattern.match(name)
            iso = self._country_of_words(m.group(1)) if m else None
            if iso is not None:
                return self.compose(template, iso)
        if self.actor_type(name) is not None:
            return name
        for strict in (True, False):
            hits = [h for h in self.scan(name, default_country=default_country, strict_case=strict)
                    if h.mention]
            if len(hits) == 1:
                m = hits[0].mention
                rest = (name[:m.span.start] + name[m.span.end:]).strip(" .,'\"").lower()
                if rest in ("", "the"):
                    return m.name
        state = self._country_of_words(re.sub(r"^the\s+", "", name, flags=re.I))
        if state is not None and self._state_template:
            return self.compose(self._state_template, state)
        return None

    def compose(self, template: str, iso: str) -> str:
        """A generic actor's name for a country: "Military Forces of the Philippines",
        "Civilians (Philippines)" (definite names take "the" only after "of")."""
        country = self.data.iso_to_country[iso]
        the = "the " if iso in self.data.definite and " of {country}" in template else ""
        return template.format(country=the + country)

    def actor_type(self, canonical: str) -> str | None:
        """ACLED actor type of a canonical name (named, claim source or generic form)."""
        found = self.data.types.get(canonical)
        if found is not None:
            return found
        for pattern, bare, atype in self._generic:
            if canonical == bare:
                return atype
            m = pattern.match(canonical)
            if m and (not m.groups() or m.group(1) in self._country_names):
                return atype
        return None

    def country_code(self, value: str | None) -> str | None:
        """ISO alpha-2 for an ISO code, country name or demonym; None if unknown."""
        if not value:
            return None
        value = value.strip()
        if len(value) == 2 and value.upper() in self.data.iso_to_country:
            return value.upper()
        return self._country_of_words(value)

    def _country_of_words(self, value: str) -> str | None:
        """ISO alpha-2 for a country name or demonym as written ("DR Congo", "Iranian"); no ISO codes."""
        toks = tuple(t for t, _, _ in tokenize(value.strip()))
        code = self._country_words.get(toks)
        if code is None:
            keys = tuple(token_key(t) for t in toks)
            code = next((c for w, c in self._country_words.items()
                         if tuple(token_key(t) for t in w) == keys), None)
        return code

    # ----------------------------------------------------------------- matching
    def _walk(self, tk: _Tokens, i: int) -> list[tuple[int, list[Entry]]]:
        node, out, j, n = self._trie, [], i, len(tk.keys)
        while j < n:
            node = node.get(tk.keys[j])
            if node is None:
                break
            j += 1
            if END in node:
                out.append((j, node[END]))
        return out

    def _best(self, tk: _Tokens, i: int, iso: str | None, strict: bool) -> Hit | None:
        best: tuple[int, int, Hit] | None = None
        for k, entries in self._walk(tk, i):
            for entry in entries:
                if entry.kind == "nation":
                    hit = self._compose(tk, i, k, entry, strict)
                    prio = PRIORITY["composed"]
                else:
                    hit = self._accept(tk, i, k, entry, iso, strict)
                    prio = PRIORITY[entry.kind]
                if hit and (best is None or (hit.end_tok, -prio) > (best[0], -best[1])):
                    best = (hit.end_tok, prio, hit)
                if hit and entry.kind != "nation":
                    break  # entries are in priority order: the first valid one at this end wins
        return best[2] if best else None

    def _accept(self, tk: _Tokens, i: int, k: int, e: Entry, iso: str | None,
                strict: bool) -> Hit | None:
        if strict and not self._case_ok(tk, i, e):
            return None
        if e.when_country and e.when_country != iso:
            return None
        span = tk.span(i, k)
        if e.kind == "named":
            return Hit(i, k, span, ActorMention(e.name, e.actor_type, span, e.country))
        if e.kind == "source":
            if e.needs_said and not self._said(tk, i, k):
                return None
            return Hit(i, k, span, ActorMention(e.name, CLAIM_SOURCE, span, None, True))
        if e.kind == "anaphor":
            inner = self._best(tk, i + 1, iso, strict) if k - i > 1 else None
            fallback = inner.mention if inner and inner.end_tok == k else None
            return Hit(i, k, span, fallback, anaphor=True)
        if e.qualifier_required or not self._agent_ok(tk, i):
            return None
        if e.country is None and iso in self.data.territory_forces and e.name == self._state_template:
            iso = self.data.territory_forces[iso]  # bare troops where another state's army is
        return Hit(i, k, span, self._generic_mention(e, e.country or iso, span))

    def _compose(self, tk: _Tokens, i: int, k: int, nation: Entry, strict: bool) -> Hit | None:
        """Nationality word (+ "'s") + agent phrase: "Malian soldiers", "Syria's army"."""
        if strict and not self._case_ok(tk, i, nation):
            return None
        j = k + 1 if k < len(tk.keys) and tk.keys[k] == "'s" else k
        best: Hit | None = None
        for k2, entries in self._walk(tk, j):
            agent = next((e for e in entries if e.kind == "agent"), None)
            if agent is not None:
                span = tk.span(i, k2)
                best = Hit(i, k2, span, self._generic_mention(agent, agent.country or nation.country,
                                                              span))
        return best

    def civilians(self, head: str, iso: str | None, span: Span) -> ActorMention | None:
        """Civilians (<country>) when `head` is the head word of a civilian agent phrase."""
        agent = self._civilian_heads.get(token_key(head))
        return None if agent is None else self._generic_mention(agent, iso, span)

    def _generic_mention(self, agent: Entry, iso: str | None, span: Span) -> ActorMention:
        if "{country}" not in agent.name:
            name = agent.name
        elif iso and iso in self.data.iso_to_country:
            name = self.compose(agent.name, iso)
        else:
            name, iso = agent.bare or agent.name.replace("{country}", "").strip(), None
        return ActorMention(name, agent.actor_type, span, iso)

    @staticmethod
    def _case_ok(tk: _Tokens, i: int, e: Entry) -> bool:
        for offset, (rule, alias_tok) in enumerate(zip(e.rules, e.tokens, strict=False)):
            tok = tk.toks[i + offset][0]
            if rule == EXACT and tok.replace("’", "'") != alias_tok.replace("’", "'"):
                return False
            if rule == CAPITAL and not tok[:1].isupper():
                return False
        if len(e.tokens) == 1 and e.rules[0] == EXACT and len(e.tokens[0]) <= 2:
            return not ActorResolver._all_caps_context(tk, i)
        return True

    @staticmethod
    def _all_caps_context(tk: _Tokens, i: int) -> bool:
        """True inside an ALL-CAPS headline, where "IS" is just the verb."""
        for j in (i - 1, i + 1):
            if 0 <= j < len(tk.toks):
                tok = tk.toks[j][0]
                if len(tok) > 1 and tok.isalpha() and tok.isupper():
                    return True
        return False

    @staticmethod
    def _agent_ok(tk: _Tokens, i: int) -> bool:
        """A Capitalised agent word after a Capitalised word is part of a name ("Salvation Army")."""
        tok = tk.toks[i][0]
        if not tok[:1].isupper() or i == 0:
            return True
        prev = tk.toks[i - 1][0]
        return bool(not prev[:1].isupper() or not prev.isalpha() or prev.lower() in DETERMINERS)

    @staticmethod
    def _said(tk: _Tokens, i: int, k: int) -> bool:
        """A reporting verb just after ("residents said") or "according to" just before."""
        words = 0
        for j in range(k, min(len(tk.keys), k + 6)):
            key = tk.keys[j]
            if key in SENTENCE_END:
                break
            if key in SAID:
                return True
            if key.isalnum():
                words += 1
                if words >= 3:
                    break
        before = tk.keys[max(0, i - 4):i]
        return any(a == "according" and b == "to" for a, b in zip(before, before[1:], strict=False))


def _one_noun(tokens: tuple[str, ...]) -> bool:
    """A phrase that is one noun, maybe after "a"/"an": its word alone means what it does
    ("a boy"), unlike the last word of "family members"."""
    return len(tokens) == 1 or (len(tokens) == 2 and token_key(tokens[0]) in ("a", "an"))


@lru_cache(maxsize=1)
def _shared() -> ActorResolver:
    return ActorResolver.build()


__all__ = ["ANAPHOR", "ActorResolver", "Hit"]
