"""Actor–actor relations: from explicit statements and from incidents.

Statements: "Nusra is now closely allied to the Islamic Front", "X, ... loosely
affiliated with Y", "X is fighting Y as well as Z", "until they split",
"a faction of Y". Incidents: the two sides of a battle are hostile on its date.
Each relation keeps the sentence that supports it and its basis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from eventscope.models import ActorMention, Article, Mention, Relation, Span
from eventscope.nlp.sentences import Sentence

ARMED = {"State forces", "Rebel group", "Political militia", "Identity militia", "External/Other forces"}

# (kind, pattern the text BETWEEN actor A and actor B must match in full)
_BETWEEN: list[tuple[str, re.Pattern[str]]] = [
    ("allied", re.compile(r"^[\s,]*(?:(?:is|are|was|were|has been|have been|remains?|became)\s+)?(?:now\s+)?"
                          r"(?:closely\s+|firmly\s+|loosely\s+)?(?:allied|aligned)\s+(?:to|with)\s+(?:the\s+)?$", re.I)),
    ("allied", re.compile(r"^\s+(?:and|,)\s+(?:its|their)\s+all(?:y|ies)\s*,?\s*(?:the\s+)?$", re.I)),
    ("allied", re.compile(r"^[\s,]*(?:(?:has|have)\s+)?(?:formed an alliance|joined forces|allied itself)\s+with\s+(?:the\s+)?$", re.I)),
    ("affiliated", re.compile(r"^[^.;]{0,90}?\b(?:affiliated|affiliate|associated|linked|merged)\s+(?:to|with)\s+"
                              r"(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)),
    ("hostile", re.compile(r"^[\s,]*(?:(?:is|are|was|were|has been|have been)\s+)?(?:now\s+)?"
                           r"(?:fighting|battling|attacking|at war with|clash(?:ed|ing) with|fought|fights)\s+"
                           r"(?:against\s+)?(?:the\s+)?$", re.I)),
    ("split_from", re.compile(r"^[\s,]*(?:(?:has|have|had)\s+)?(?:split|broke(?:n)? away|splintered|defected)\s+"
                              r"from\s+(?:the\s+)?$", re.I)),
    ("part_of", re.compile(r"^[\s,]*(?:(?:is|are|was|were)\s+)?(?:an?\s+|the\s+)?(?:faction|wing|branch|unit|member|"
                           r"part|affiliate brigade|component)s?\s+of\s+(?:the\s+)?$", re.I)),
]
# "X is fighting Y as well as Z" / "X fought Y and Z": the verb carries over to a coordinated actor.
_COORD = re.compile(r"^\s*(?:groups?|units?|forces|fighters)?\s*(?:,|and|as well as|along with)\s+(?:the\s+)?$", re.I)
_TWO_GROUPS_SPLIT = re.compile(r"\bthe two (?:groups|factions|organi[sz]ations|movements)\b[^.]{0,120}\b(?:split|broke up|parted ways|fell out)\b", re.I)


def _named(a: ActorMention) -> bool:
    return not a.is_claim_source and "(" not in a.name


def statement_relations(article: Article, sentences: list[Sentence],
                        actors_by_sentence: dict[int, list[ActorMention]], when: str | None) -> list[Relation]:
    text = article.text
    out: list[Relation] = []
    for s in sentences:
        actors = [a for a in actors_by_sentence.get(s.index, []) if not a.is_claim_source]
        evidence = Span(s.start, s.end, s.text)
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                if a.name == b.name:
                    continue
                between = text[a.span.end:b.span.start]
                for kind, pattern in _BETWEEN:
                    if pattern.match(between):
                        out.append(Relation(a.name, b.name, kind, article.id, evidence, "statement", when))
                        if kind == "hostile":
                            out.extend(_coordinated(text, actors, b, a, evidence, article.id, when))
                        break
        split = _TWO_GROUPS_SPLIT.search(text, s.start, s.end)
        if split:
            pair = _last_two_named(actors_by_sentence, s.index, split.start())
            if pair:
                out.append(Relation(pair[0].name, pair[1].name, "split_from", article.id, evidence,
                                    "statement", when))
    return out


def _coordinated(text: str, actors: list[ActorMention], b: ActorMention, a: ActorMention,
                 evidence: Span, article_id: str, when: str | None) -> list[Relation]:
    out = []
    prev = b
    for c in actors:
        if c.span.start <= prev.span.start:
            continue
        if not _COORD.match(text[prev.span.end:c.span.start]):
            break
        if c.name != a.name:
            out.append(Relation(a.name, c.name, "hostile", article_id, evidence, "statement", when))
        prev = c
    return out


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


def incident_relations(mentions: Iterable[Mention]) -> list[Relation]:
    """The two armed sides of a battle are hostile on its date."""
    out = []
    seen = set()
    for m in mentions:
        if m.event_type != "Battles" or m.actor1 is None or m.actor2 is None:
            continue
        if m.actor1.actor_type not in ARMED or m.actor2.actor_type not in ARMED:
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
