"""ACLED event type and sub-event type from a trigger class, the actors and the sentence.

The trigger says what kind of act it was; who did it to whom decides the
ACLED category: a killing of civilians is "Violence against civilians", the
same verb between two armed groups is a battle; a capture by state forces is
"Government regains territory", by anyone else "Non-state actor overtakes".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventscope.models import ActorMention

ARMED_TYPES = {"State forces", "Rebel group", "Political militia", "Identity militia",
               "External/Other forces"}

REMOTE = {
    "suicide": "Suicide bomb",
    "chemical": "Chemical weapon",
    "air": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
}
STRATEGIC = {
    "arrest": "Arrests",
    "agreement": "Agreement",
    "loot": "Looting/property destruction",
    "disrupt": "Disrupted weapons use",
    "base": "Headquarters or base established",
    "transfer": "Non-violent transfer of territory",
}

_TERRITORY_OBJECT = re.compile(
    r"^(?:\W+|\s)*(?:(?:control|full control|most|parts?|much) of\s+)?(?:the |a |an |its |their |his |several |two |three |\w+-held )?"
    r"(?:(?:\w+[- ])?(?:town|city|village|villages|base|headquarters|hq|hospital|checkpoints?|area|areas|district|"
    r"neighbourhoods?|neighborhoods?|positions?|airport|airbase|hill|hills|territory|province|region|"
    r"border crossing|crossing|compound|barracks|outpost|road|highway|bridge|port|island|mine|oil field|"
    r"[A-Z][\w'-]+))",
)
_PERSON_OBJECT = re.compile(
    r"\b(?:fighters?|soldiers?|troops|militants?|members|men|people|civilians|officers?|"
    r"commanders?|prisoners|hostages|suspects|journalists|children|women)\b", re.IGNORECASE)
_PROTEST_FORCE = re.compile(
    r"\b(?:fired (?:live (?:ammunition|rounds) )?(?:at|on|into)|opened fire on|shot (?:dead|at)|killed|"
    r"beat(?:en)?|crushed|massacre)\b", re.IGNORECASE)
_PROTEST_INTERVENTION = re.compile(
    r"\b(?:tear ?gas|water cannons?|dispers(?:ed|e|ing)|broke up|rubber bullets|batons?|"
    r"arrest(?:ed|s)?|detain(?:ed)?|baton[- ]charged?|clashed with (?:police|security))\b", re.IGNORECASE)
_PROTEST_VIOLENT = re.compile(
    r"\b(?:threw (?:stones|rocks|petrol bombs|molotov)|stone-throwing|torched|set fire|burn(?:ed|t)|"
    r"vandali[sz]ed|looted|smashed|rampag(?:e|ed))\b", re.IGNORECASE)
_MOB = re.compile(r"\b(?:mob|lynch(?:ed|ing)?|vigilantes?)\b", re.IGNORECASE)
_CIVILIAN_WORDS = re.compile(
    r"\b(?:civilians?|villagers?|residents?|people|passengers|worshippers|children|women|"
    r"students|farmers|family|families|mourners|shoppers|patients|pilgrims|journalists?|"
    r"aid workers?|doctors?|teachers?|traders|motorists|displaced|refugees|a (?:man|woman|boy|girl)|"
    r"adults)\b", re.IGNORECASE)
_ARMED_VICTIM_WORDS = re.compile(
    r"\b(?:soldiers?|troops|fighters|militants?|rebels|insurgents|policem[ae]n|police officers?|"
    r"officers|guards|militiamen|servicemen|combatants|jihadists)\b", re.IGNORECASE)


# The object right after a killing verb: "neutralised 22 terrorists", "killed four bandits".
_ARMED_OBJECT = re.compile(
    r"^\W*(?:(?:at least|more than|over|some|about|around|several|dozens of|scores of|\d+|\w+)\s+){0,3}"
    r"(?:suspected\s+)?(?:terrorists|bandits|insurgents|militants|fighters|gunmen|attackers|assailants|"
    r"jihadists|rebels|militiamen|kidnappers)\b", re.IGNORECASE)
# Deaths from accidents and disasters share the killing verbs but are no political violence.
_ACCIDENT = re.compile(
    r"\b(?:collided|collision|crash(?:ed|es)?|overturned|derailed|plunged|capsized|sank|collapsed|"
    r"flood(?:s|ing|waters)?|landslides?|mudslides?|earthquake|storm|cyclone|lightning|stampede|"
    r"electrocuted|drowned|fire broke out|gas (?:explosion|leak)|cholera|outbreak|road accident|accident)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class EventType:
    event_type: str
    sub_event_type: str


def is_armed(actor: ActorMention | None) -> bool:
    return actor is not None and actor.actor_type in ARMED_TYPES


def _civilian(actor: ActorMention | None) -> bool:
    return actor is not None and actor.actor_type == "Civilians"


def captures_territory(text_after_trigger: str) -> bool:
    """Whether a capture verb takes a place, not people ("captured the town" vs "captured 20 fighters")."""
    head = text_after_trigger[:60]
    person = _PERSON_OBJECT.search(head[:30])
    if person:
        return False
    return bool(_TERRITORY_OBJECT.match(head))


def classify(cls: str, sentence: str, trigger_offset: int, actor1: ActorMention | None,
             actor2: ActorMention | None, context: str = "") -> EventType | None:
    """The ACLED type for a trigger class in its sentence; None when it is not an event.

    `trigger_offset` is where the trigger ends inside `sentence`; `context` is
    neighbouring text (the next sentence) that can recast an attack as
    excessive force against protesters ("They had been protesting").
    """
    after = sentence[trigger_offset:]
    if cls in REMOTE:
        return EventType("Explosions/Remote violence", REMOTE[cls])
    if cls in STRATEGIC:
        return EventType("Strategic developments", STRATEGIC[cls])
    if cls == "sexual":
        return EventType("Violence against civilians", "Sexual violence")
    if cls == "abduct":
        return EventType("Violence against civilians", "Abduction/forced disappearance")
    if cls in ("capture", "recapture"):
        if not captures_territory(after):
            return EventType("Battles", "Armed clash") if _PERSON_OBJECT.search(after[:30]) else None
        if actor1 is not None and actor1.actor_type == "State forces":
            return EventType("Battles", "Government regains territory")
        if cls == "recapture" and actor1 is None:  # "the liberation of X" is news of a state's gain
            return EventType("Battles", "Government regains territory")
        return EventType("Battles", "Non-state actor overtakes territory")
    if cls == "battle":
        return EventType("Battles", "Armed clash")
    if cls == "protest":
        if _PROTEST_FORCE.search(sentence):
            return EventType("Protests", "Excessive force against protesters")
        if _PROTEST_VIOLENT.search(sentence):
            return EventType("Riots", "Violent demonstration")
        if _PROTEST_INTERVENTION.search(sentence):
            return EventType("Protests", "Protest with intervention")
        return EventType("Protests", "Peaceful protest")
    if cls == "riot":
        if _MOB.search(sentence):
            return EventType("Riots", "Mob violence")
        return EventType("Riots", "Violent demonstration")
    if cls == "attack":
        if not is_armed(actor1) and _ACCIDENT.search(sentence):
            return None
        if not _civilian(actor2) and _ARMED_OBJECT.match(after):
            return EventType("Battles", "Armed clash")
        victims_protesting = re.search(r"\b(?:protest(?:ing|ers?)|demonstrat(?:ing|ors?))\b",
                                       sentence + " " + context, re.IGNORECASE)
        if victims_protesting and (_civilian(actor2) or _CIVILIAN_WORDS.search(after)):
            return EventType("Protests", "Excessive force against protesters")
        if _civilian(actor2) or (actor2 is None and _CIVILIAN_WORDS.search(sentence)
                                 and not _ARMED_VICTIM_WORDS.search(sentence)):
            return EventType("Violence against civilians", "Attack")
        if is_armed(actor2) or _ARMED_VICTIM_WORDS.search(sentence):
            return EventType("Battles", "Armed clash")
        if is_armed(actor1):
            return EventType("Violence against civilians", "Attack")
        return None
    return None
