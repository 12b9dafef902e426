"""Who did it and to whom: actor1 (agent) and actor2 (target) around a trigger.

Plain-text cues are enough for news prose: a group named right before the
trigger word owns it ("ISIL suicide car bombing", "government airstrikes"); a
group after "against/on/at/with/from" is the target; a passive trigger ("were
killed", "came under attack") makes its subject the target; "by X" after a
passive trigger names the agent.
"""

from __future__ import annotations

import re

from eventscope.models import ActorMention, Span

_PASSIVE_AFTER_SUBJECT = re.compile(
    r"\b(?:was|were|been|being|is|are|saw|came under|under)\b(?:\s+\w+){0,4}\s*$", re.IGNORECASE)
_TARGET_BEFORE = re.compile(
    r"\b(?:against|on|at|targeting|targeted|with|from|into|upon|of)\s+(?:the\s+|their\s+|its\s+)?"
    r"(?:[\w'-]+\s+){0,3}$", re.IGNORECASE)
_AGENT_BEFORE = re.compile(r"\bby\s+(?:the\s+|their\s+|its\s+|suspected\s+)?(?:[\w'-]+\s+){0,3}$", re.IGNORECASE)
_ATTRIBUTIVE_GAP = re.compile(r"^[\s'’s-]*(?:[a-z-]+\s+){0,3}$")  # "ISIL [suicide car] bombing"
_CLAUSE_BREAK = re.compile(r"[;—–]|, (?:but|while)\b")
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


def assign_roles(text: str, sent_start: int, sent_end: int, trigger: Span,
                 actors: list[ActorMention]) -> tuple[ActorMention | None, ActorMention | None]:
    """(actor1, actor2) for the incident the trigger reports."""
    actors = [a for a in actors if not a.is_claim_source]
    if not actors:
        return None, None
    before = [a for a in actors if a.span.end <= trigger.start]
    after = [a for a in actors if a.span.start >= trigger.end]
    agent: ActorMention | None = None
    target: ActorMention | None = None

    trigger_is_passive = bool(_PASSIVE_AFTER_SUBJECT.search(text[max(sent_start, trigger.start - 40):trigger.start]))
    # An actor naming the trigger itself: "ISIL suicide car bombing", "government airstrikes".
    if before and not trigger_is_passive and _ATTRIBUTIVE_GAP.match(text[before[-1].span.end:trigger.start]):
        agent = before[-1]
    for a in after:
        window = text[max(trigger.end, a.span.start - 40):a.span.start]
        if trigger_is_passive and _AGENT_BEFORE.search(window) and agent is None:
            agent = a
        elif target is None and a is not agent and (_TARGET_BEFORE.search(window) or not _CLAUSE_BREAK.search(
                text[trigger.end:a.span.start])):
            target = a
    for a in reversed(before):
        if a is agent:
            continue
        if trigger_is_passive or (agent is not None and target is None):
            if target is None:
                target = a
        elif agent is None:
            agent = a
        if agent is not None and target is not None:
            break
    if agent is not None and target is not None and agent.name == target.name:
        target = None
    return agent, target
