"""Actor mentions that are one actor told twice: "Isis gunmen", "(ISWAP) insurgents".

Who did it to whom is decided in `resolve.actor_roles`.
"""

from __future__ import annotations

from eventscope.models import ActorMention

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
