"""Guess who did it (actor1) and to whom (actor2) from plain-text cues around a trigger.

Why rule-based: the cues that decide roles in news prose are few and local - word
order around the trigger ("X seized", "attacked X"), prepositions ("by X", "against
X", "attack on X"), possessives and modifiers ("X's suicide bombing", "an ISIL
suicide car bombing") and the passive voice ("X fighters were killed"). Rules over
the sentence text are fast, deterministic and explainable; when no cue decides, the
role stays None rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventscope.models import ActorMention, Span

PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got|get|gets|be)\s+"
                            r"(?:\w+ly\s+|also\s+|reportedly\s+)?$", re.I)
BY_NEAR = re.compile(r"^\W*(?:\S+\s+){0,1}?by\s+(?:the\s+|a\s+|an\s+|their\s+|its\s+)?\W*$", re.I)
BY_FAR = re.compile(r"^\W*(?:\S+\s+){0,6}?by\s+(?:the\s+|a\s+|an\s+|their\s+|its\s+)?\W*$", re.I)
AGENCY_BY = re.compile(r"\b(?:carried out|claimed|planted|launched|conducted|perpetrated|led|"
                       r"staged|mounted|committed|fired|detonated|orchestrated)\s+by\b", re.I)
#: "killed 14 militants", "abducted 30 students": the mention is the object of a violent verb.
OBJECT_OF = re.compile(r"\b(?:killed|killing|kill|kills|attacked|attacking|attack|targeted|targeting|"
                       r"abducted|abducting|kidnapped|kidnapping|wounded|wounding|injured|injuring|"
                       r"captured|capturing|ambushed|ambushing|shot|shooting|executed|arrested|"
                       r"massacred|beheaded|shelled|shelling|bombed|bombing|hit|struck|fired on|"
                       r"fired at|opened fire on)\s+(?:(?:at least|some|about|nearly|more than|"
                       r"over|up to|dozens of|scores of|hundreds of)\s+)?"
                       r"(?:(?!(?:in|on|at|by|near|during|with|after|when|as|from)\b)[\w-]+\s+){0,2}$",
                       re.I)
#: "Three Malian soldiers died", "X fighters were killed": the mention is the victim.
VICTIM_AFTER = re.compile(r"^\W*(?:[\w-]+\s+){0,2}?(?:(?:were|was|have been|had been|being|are|is|"
                          r"got)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|abducted|kidnapped|"
                          r"captured|targeted|attacked|shot|executed|hit|hurt|ambushed|seized)|"
                          r"died|perished|lost their lives)\b", re.I)
SPEAKER_AFTER = re.compile(r"^\s*(?:spokes\w+\s+)?(?:said|says|say|told|reported|claimed|confirmed|"
                           r"stated|announced|added)\b", re.I)
TARGET_PREP = re.compile(r"\b(?:against|on|upon|at|targeting|targeted|toward|towards|into)\s+"
                         r"(?:the\s+|a\s+|an\s+|their\s+|its\s+|several\s+|some\s+|\w+\s+)?"
                         r"(?:positions\s+of\s+|members\s+of\s+)?\W*$", re.I)
AGENT_VERBS = re.compile(r"\b(?:carried out|launched|conducted|staged|claimed|mounted|fired|"
                         r"detonated|seized|stormed|attacked|shelled|bombed|killed|abducted|"
                         r"kidnapped|ambushed|targeted|raided|struck|shot|executed|burned|looted)\b",
                         re.I)
VICTIM_CUES = re.compile(r"\b(?:killed|wounded|injured|died|dead|came under|suffered|lost|"
                         r"targeted|hit|abducted|kidnapped|captured)\b", re.I)
WITH_BEFORE = re.compile(r"\b(?:with|between)\s+(?:the\s+)?\W*$", re.I)
WORD = re.compile(r"[\w'’]+")
NOUN_TRIGGER = re.compile(r"(?:ing|ion|ment|ack|acks|ault|ike|ikes|aid|aids|ush|bush|ast|asts|"
                          r"ire|ension|fensive|ash|ashes|ight|re)$", re.I)


@dataclass(frozen=True)
class Roles:
    """actor1 = the agent, actor2 = the target; others named in the sentence are associated."""

    actor1: ActorMention | None
    actor2: ActorMention | None
    associated: list[ActorMention] = field(default_factory=list)


def _words(s: str) -> list[str]:
    return WORD.findall(s)


def _is_nominal(trigger_text: str, after: str) -> bool:
    """"bombing", "attack", "airstrike", "raid" - a noun rather than a finite verb."""
    last = trigger_text.split()[-1] if trigger_text.split() else ""
    if re.match(r"^\s*(?:on|against|by|in|of)\b", after, re.I) and not last.lower().endswith("ed"):
        return True
    return bool(NOUN_TRIGGER.search(last)) and not last.lower().endswith("ed")


def _cue(text: str, m: ActorMention, t0: int, t1: int, passive: bool, nominal: bool,
         nearest_before: bool) -> tuple[str, int]:
    """(role, strength) of one actor: role 'agent' | 'target' | '', strength 3 strong .. 1 weak."""
    if m.span.start < t1 and m.span.end > t0:
        return "agent", 3  # the actor names the violence itself: "government airstrikes"
    left = text[max(0, m.span.start - 60):m.span.start]
    if OBJECT_OF.search(left) and not re.search(r"\bby\s+(?:\S+\s+){0,2}$", left, re.I):
        return "target", 3
    if VICTIM_AFTER.match(text[m.span.end:m.span.end + 60]):
        return "target", 3
    if m.span.end <= t0:
        between = text[m.span.end:t0]
        if TARGET_PREP.search(left) and not nominal:
            return "target", 2
        if nominal and nearest_before and len(_words(between)) <= 3 and not re.search(
                r"\b(?:on|against|at|of|in|by|and|with|after|before)\b", between, re.I):
            return "agent", 3  # "ISIL suicide car bombing", "X's attack"
        if re.search(r"\b(?:saw|had|have|lost)\b.*\b(?:killed|wounded|injured)\b", between, re.I):
            return "target", 2  # "the rebels, who saw 20 of their fighters killed in ..."
        if passive or re.search(r"\bcame under\b|\b(?:was|were) hit\b", between, re.I):
            return "target", 2
        if nominal:
            if AGENT_VERBS.search(between):
                return "agent", 2
            return ("target", 1) if VICTIM_CUES.search(between) else ("", 0)
        return "agent", 2  # active voice subject: "X seized", "X fighters fired"
    between = text[t1:m.span.start]
    if BY_NEAR.match(between) or (BY_FAR.match(between) and (passive or AGENCY_BY.search(between))):
        return "agent", 3
    if TARGET_PREP.search(between[-40:]):
        return "target", 3
    if WITH_BEFORE.search(between[-20:]):
        return ("agent", 1) if passive else ("target", 1)
    if passive:
        return "", 0
    if nominal and re.match(r"^\s*(?:in|near|at)\b", between, re.I):
        return "", 0
    return "target", 2  # object of an active verb: "killed 19 people"


def assign_roles(text: str, actors: list[ActorMention],
                 trigger: Span | tuple[int, int]) -> Roles:
    """actor1 / actor2 / associated for one incident sentence and its trigger word(s).

    `actors` are the sentence's mentions (from ActorResolver.find or ArticleActors);
    claim sources ("activists said") never take a role.
    """
    t0, t1 = (trigger.start, trigger.end) if isinstance(trigger, Span) else trigger
    people = [m for m in actors if not m.is_claim_source
              and not SPEAKER_AFTER.match(text[m.span.end:m.span.end + 30])]
    # one mention per actor: the one nearest the trigger
    nearest: dict[str, ActorMention] = {}
    for m in people:
        d = min(abs(m.span.start - t1), abs(t0 - m.span.end))
        cur = nearest.get(m.name)
        if cur is None or d < min(abs(cur.span.start - t1), abs(t0 - cur.span.end)):
            nearest[m.name] = m
    cands = sorted(nearest.values(), key=lambda m: m.span.start)
    if not cands:
        return Roles(None, None, [])
    # "is taking on", "is reported to be rounding up": a progressive verb is never passive.
    progressive = text[t0:t1].split(" ")[0].lower().endswith("ing")
    passive = not progressive and bool(PASSIVE_BEFORE.search(text[max(0, t0 - 40):t0]))
    nominal = _is_nominal(text[t0:t1], text[t1:t1 + 12])
    before = [m for m in cands if m.span.end <= t0]
    last_before = before[-1] if before else None
    scored = []
    for m in cands:
        role, strength = _cue(text, m, t0, t1, passive, nominal, m is last_before)
        dist = t0 - m.span.end if m.span.end <= t0 else m.span.start - t1
        scored.append((m, role, strength, dist))
    agents = sorted((s for s in scored if s[1] == "agent"), key=lambda s: (-s[2], s[3]))
    targets = sorted((s for s in scored if s[1] == "target"), key=lambda s: (-s[2], s[3]))
    actor1 = agents[0][0] if agents else None
    actor2 = next((s[0] for s in targets if actor1 is None or s[0].name != actor1.name), None)
    # Civilians do not fight back: never actor1 while an armed actor is in the sentence.
    if actor1 is not None and actor1.actor_type == "Civilians":
        armed = next((s[0] for s in agents[1:] + targets if s[0].actor_type != "Civilians"), None)
        if armed is not None:
            actor1, actor2 = armed, actor1
    chosen = {id(actor1), id(actor2)}
    associated = [m for m in cands if id(m) not in chosen]
    return Roles(actor1, actor2, associated)
