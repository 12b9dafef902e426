"""Which sentences report an incident, and of which ACLED sub-type: the event model's say.

The trained model (`event_model.py`) scores every sentence of an article in one batch.
A sentence is a candidate when the model gives it an event probability of at least
`CANDIDATE_P`, or when the trigger lexicon finds a word in it; a candidate the cheap
head is unsure of (`in_doubt`) is scored again by the model's MiniLM head, whose say
then counts. The model's sub-type wins
when it is confident (`EVENT_P`); a sentence the model is sure tells nothing
(`REJECT_P`) yields nothing even when a trigger word stands in it. The lexicon's
happened-vs-threatened cues stay hard constraints (see `MentionExtractor`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from eventscope.extract.event_model import EventModel, Prediction
from eventscope.extract.typing import EventType
from eventscope.nlp.sentences import Sentence

#: The model's event probability at which its sub-type decides.
EVENT_P = 0.5
#: Below this, a sentence is no incident whatever words it has: the model is the gate.
REJECT_P = 0.5
#: At or above this, a sentence without trigger words is still examined (set on CASE 2021
#: odd ids with a model trained without them: 0.5 -> 0.9 kept 13% more controls eventless
#: for 0.005 of weighted F1; general news (ECB+) showed most false events on this path).
CANDIDATE_P = 0.9
#: ... and one sub-type at least this: the model must also know which kind of incident.
MODEL_ONLY_LABEL_P = 0.5
#: The model overrides a rule's sub-type only when it gives the rule's answer less than this
#: and its own at least `OVERRIDE_P`.
KEEP_RULE_P = 0.05
OVERRIDE_P = 0.7
#: The cheap head's answers the MiniLM head re-scores: an event probability of at least
#: RESCORE_FROM, unless both it and the sub-type's are sure (see `in_doubt`).
RESCORE_FROM = 0.2
SURE_EVENT_P = 0.97
SURE_LABEL_P = 0.9
#: Actor types that are never a party to a battle.
UNARMED = frozenset({"Civilians", "Protesters", "Rioters"})
#: Armed actors that are not the state: what they call an arrest is an abduction.
NON_STATE_ARMED = {"Rebel group", "Political militia", "Identity militia"}

#: ACLED event type of each sub-event type (ACLED codebook).
TYPE_OF_SUB = {
    "Armed clash": "Battles", "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence", "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence", "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians", "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests", "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots", "Mob violence": "Riots",
    "Agreement": "Strategic developments", "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments", "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments", "Other": "Strategic developments",
}


def report_units(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The units that can tell an incident: body sentences and list items. An article of
    headline-like lines only (a snippet, a caption) is read from those lines, as sentences."""
    body = [s for s in sentences if s.kind != "heading"]
    return body or [replace(s, kind="sentence") for s in sentences]


def score_units(model: EventModel, units: Sequence[Sentence]) -> dict[int, Prediction]:
    """Event-model predictions keyed by sentence index, one batch per article."""
    return {s.index: p for s, p in zip(units, model.predict([s.text for s in units]), strict=True)}


def in_doubt(pred: Prediction) -> bool:
    """Whether the MiniLM head could change the cheap head's answer: out of fold on CASE
    2021 odd ids, re-scoring only these kept all of its gain (weighted F1 0.677 -> 0.739)
    while re-scoring 60% of the snippets, and far fewer sentences of a whole article."""
    return pred.p_event >= RESCORE_FROM and (pred.p_event < SURE_EVENT_P or pred.p_label < SURE_LABEL_P)


def rescore_units(model: EventModel, units: Sequence[Sentence]) -> dict[int, Prediction]:
    """The MiniLM head's predictions for these units, keyed by sentence index, one batch
    (batches of similar length run ~1.6x faster than one sentence at a time)."""
    if not units or not model.can_rescore:
        return {}
    return {s.index: p for s, p in zip(units, model.rescore([s.text for s in units]), strict=True)}


def found_alone(pred: Prediction) -> bool:
    """Whether the model alone makes a sentence without trigger words an incident."""
    return pred.p_event >= CANDIDATE_P and pred.p_label >= MODEL_ONLY_LABEL_P


def model_type(pred: Prediction | None) -> EventType | None:
    """The model's ACLED type when it is confident the sentence reports an incident."""
    if pred is None or pred.p_event < EVENT_P:
        return None
    return EventType(TYPE_OF_SUB[pred.label], pred.label)


def choose_type(rule: EventType | None, pred: Prediction | None, from_header: bool = False,
                patient_type: str | None = None) -> EventType | None:
    """The rule's type where its trigger and actors decide it and the model does not
    firmly disagree; else the model's, when it is confident. A list item typed by its
    header ("Clashes were reported in:") keeps the header's type: the model sees the item
    alone. The model never makes a battle of an act whose patient is unarmed
    (`patient_type`): ACLED's battles are between two armed, organised groups."""
    learned = model_type(pred)
    if rule is None or pred is None or from_header:
        return rule or learned
    if learned is not None and learned.event_type == "Battles" and patient_type in UNARMED:
        return rule
    if learned is not None and pred.probs.get(rule.sub_event_type, 0.0) < KEEP_RULE_P \
            and pred.p_label >= OVERRIDE_P:
        return learned
    return rule


def codebook_constraints(etype: EventType, actor1_type: str | None) -> EventType:
    """ACLED's own definitions: only state forces arrest; the same act by a rebel group
    or militia is an abduction."""
    if etype.sub_event_type == "Arrests" and actor1_type in NON_STATE_ARMED:
        return EventType("Violence against civilians", "Abduction/forced disappearance")
    return etype



def rejects(pred: Prediction | None) -> bool:
    return pred is not None and pred.p_event < REJECT_P


def type_confidence(pred: Prediction | None, sub_event_type: str) -> float | None:
    """Calibrated probability that the sentence tells an incident of this sub-type."""
    return None if pred is None else pred.probs.get(sub_event_type)
