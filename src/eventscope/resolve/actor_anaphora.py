"""Article-level actor resolution: "the group", "the jihadists", "its fighters".

Why: reports name a group once ("the Islamic State in Iraq and the Levant (Isis)")
and then refer back to it ("The group is accused of...", "Dozens of its members").
An incident extracted from such a sentence needs the named group, not "the group".
We keep it deliberately simple and predictable: a definite anaphor refers to the most
recently named non-state actor earlier in the article; anaphors made of armed words
("the militants", "the jihadist group") only to a named *armed* group, while plain
"the group" / "the organisation" may also refer to a named political body (SNC).
With no antecedent, "the militants" falls back to its generic reading
(Unidentified Armed Group) and "the group" is dropped: never guess.
"""

from __future__ import annotations

from bisect import bisect_left

from eventscope.models import ActorMention, Span
from eventscope.resolve.actor_data import NON_STATE_ARMED
from eventscope.resolve.actors import ActorResolver

#: An anaphor containing one of these words needs an armed antecedent.
ARMED_WORDS = frozenset(["jihadist", "jihadists", "militant", "militants", "extremist", "extremists", "insurgent", "insurgents", "armed", "terror", "terrorist", "terrorists", "islamist", "islamists", "attackers", "assailants", "fighters", "gunmen", "militia", "forces"])
POLITICAL = "Political party/organisation"


def _eligible(resolver: ActorResolver, mention: ActorMention, armed_only: bool) -> bool:
    """A named (not generic) non-state actor: the only kind an anaphor may point back to."""
    atype = resolver.data.types.get(mention.name)
    if atype is None or mention.is_claim_source:
        return False
    return atype in NON_STATE_ARMED or (not armed_only and atype == POLITICAL)


def _armed_only(span_text: str) -> bool:
    return any(w.strip(".,'’s").lower() in ARMED_WORDS for w in span_text.split())


def resolve_anaphora(mentions_so_far: list[ActorMention], text: str, start: int, end: int,
                     resolver: ActorResolver | None = None) -> ActorMention | None:
    """The actor that the anaphor text[start:end] ("the group") refers to, or None.

    `mentions_so_far` are the article's earlier mentions in text order (e.g. from
    ActorResolver.find over the preceding sentences).
    """
    resolver = resolver or ActorResolver.load()
    armed = _armed_only(text[start:end])
    for m in reversed(mentions_so_far):
        if m.span.end <= start and _eligible(resolver, m, armed):
            return ActorMention(m.name, m.actor_type, Span(start, end, text[start:end]), m.country)
    return None


class Antecedents:
    """What an anaphor can point back to, kept as an article's mentions are met in text order:
    the latest eligible mention of each kind. `resolve` gives what `resolve_anaphora` over
    every mention added so far gives, without reading them again, so the work on an article
    stays linear in its length (issue 11: reading them per sentence made a long text quadratic)."""

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self.armed: ActorMention | None = None
        self.any: ActorMention | None = None

    def add(self, mention: ActorMention) -> None:
        """The next mention in text order (it ends before any anaphor later asked about)."""
        if _eligible(self.resolver, mention, armed_only=True):
            self.armed = self.any = mention
        elif _eligible(self.resolver, mention, armed_only=False):
            self.any = mention

    def nearest(self, span_text: str) -> ActorMention | None:
        """The antecedent of the anaphor `span_text` among the mentions added."""
        return self.armed if _armed_only(span_text) else self.any

    def resolve(self, text: str, start: int, end: int, nearer: list[ActorMention]) -> ActorMention | None:
        """`resolve_anaphora(added + nearer, ...)`: `nearer` are mentions after those added."""
        found = resolve_anaphora(nearer, text, start, end, self.resolver)
        if found is not None:
            return found
        m = self.nearest(text[start:end])
        return None if m is None else ActorMention(m.name, m.actor_type, Span(start, end, text[start:end]), m.country)


class ArticleActors:
    """Every actor mention of one article, anaphors resolved, looked up by sentence range.

    Build once per article (one scan of the whole text), then ask `in_range(start, end)`
    for each candidate sentence: cheaper than calling find() per sentence and it
    carries the article context that anaphora needs.
    """

    def __init__(self, text: str, default_country: str | None = None,
                 resolver: ActorResolver | None = None) -> None:
        self.resolver = resolver or ActorResolver.load()
        self.text = text
        self.mentions: list[ActorMention] = []
        self.anaphoric: set[int] = set()  # indexes of mentions that came from an anaphor
        seen = Antecedents(self.resolver)
        for hit in self.resolver.scan(text, default_country=default_country):
            if hit.modifier:
                continue
            mention = hit.mention
            if hit.anaphor:
                antecedent = seen.nearest(hit.span.text)
                if antecedent is not None:
                    mention = ActorMention(antecedent.name, antecedent.actor_type, hit.span,
                                           antecedent.country)
                    self.anaphoric.add(len(self.mentions))
            elif mention is not None:
                seen.add(mention)
            if mention is not None:
                self.mentions.append(mention)
        self._starts = [m.span.start for m in self.mentions]

    def in_range(self, start: int, end: int) -> list[ActorMention]:
        """Mentions whose span lies inside [start, end), in text order."""
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].span.start < end:
            if self.mentions[i].span.end <= end:
                out.append(self.mentions[i])
            i += 1
        return out
