"""Actor mentions that are one actor told twice ("Isis gunmen", "(ISWAP) insurgents"), and
the victim the parse names where no actor phrase did.

Who did it to whom is decided in `resolve.actor_roles`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventscope.models import ActorMention, Span

if TYPE_CHECKING:
    from eventscope.nlp.sentences import Sentence
    from eventscope.resources import Resources

GENERIC_PREFIXES = ("Unidentified Armed Group", "Rebels (", "Military Forces of", "Civilians")


def drop_generic_after_named(actors: list[ActorMention], text: str) -> list[ActorMention]:
    """'Isis gunmen', 'Taliban fighters': the generic word is the named group, not a second actor."""
    out: list[ActorMention] = []
    for a in actors:
        if out and a.name.startswith(GENERIC_PREFIXES) and not out[-1].name.startswith(GENERIC_PREFIXES):
            gap = text[out[-1].span.end:a.span.start]
            if len(gap) <= 3 and not gap.strip(" -)"):  # "ISWAP insurgents", "(ISWAP) insurgents"
                continue
        out.append(a)
    return out


def victim_from_parse(res: Resources, text: str, s: Sentence, verb: Span,
                      actors: list[ActorMention], iso: str | None) -> ActorMention | None:
    """Civilians (<country>) when the parse names a civilian as what the act at `verb` was
    done to ("killed a 15-year-old boy"): a victim the actor phrases missed for its
    modifiers. Callers parse only mentions still without a second actor, so the parser's
    cost stays off the common path."""
    hit = res.parser.patient(text, s.start, s.end, (verb.start, verb.end))
    if hit is None or any(a.span.start <= hit[0] < a.span.end for a in actors):
        return None
    return res.actors.civilians(hit[2], iso, Span(hit[0], hit[1], text[hit[0]:hit[1]]))
