"""How the event model and the rules share the decision (no model weights needed)."""

from __future__ import annotations

from eventscope.extract.event_model import Prediction
from eventscope.extract.sentence_events import (
    TYPE_OF_SUB,
    choose_type,
    found_alone,
    model_type,
    rejects,
    report_units,
)
from eventscope.extract.typing import EventType
from eventscope.nlp.sentences import split_sentences


def _pred(label: str, p_label: float, p_event: float, **others: float) -> Prediction:
    probs = {lab: 0.0 for lab in TYPE_OF_SUB} | {"none": 1.0 - p_event, label: p_label} | others
    return Prediction(label, p_label, p_event, probs)


def test_choose_type_keeps_the_rule_when_the_model_does_not_firmly_disagree():
    rule = EventType("Violence against civilians", "Abduction/forced disappearance")
    pred = _pred("Arrests", 0.6, 0.9, **{"Abduction/forced disappearance": 0.2})
    assert choose_type(rule, pred) == rule


def test_choose_type_takes_the_model_when_it_is_sure_the_rule_is_wrong():
    rule = EventType("Violence against civilians", "Attack")
    pred = _pred("Air/drone strike", 0.85, 0.95, Attack=0.01)
    assert choose_type(rule, pred) == EventType("Explosions/Remote violence", "Air/drone strike")


def test_the_model_cannot_turn_shots_at_unarmed_people_into_a_battle():
    # ACLED: a battle is between two armed, organised groups. "Gunmen fired at residents"
    # stays the rule's reading however sure the model is that "the fighting flared".
    rule = EventType("Protests", "Excessive force against protesters")
    pred = _pred("Armed clash", 0.93, 0.97, **{"Excessive force against protesters": 0.01})
    assert choose_type(rule, pred, patient_type="Civilians") == rule
    assert choose_type(rule, pred, patient_type="Protesters") == rule
    assert choose_type(rule, pred, patient_type="Rebel group").sub_event_type == "Armed clash"
    assert choose_type(rule, pred).sub_event_type == "Armed clash"


def test_choose_type_uses_the_model_alone_where_no_rule_fires():
    assert choose_type(None, _pred("Disrupted weapons use", 0.7, 0.8)).sub_event_type == "Disrupted weapons use"
    assert choose_type(None, _pred("Disrupted weapons use", 0.3, 0.4)) is None


def test_the_model_gates_at_an_event_probability_of_one_half():
    assert model_type(_pred("Grenade", 0.45, 0.49)) is None
    assert model_type(_pred("Grenade", 0.45, 0.5)).event_type == "Explosions/Remote violence"
    assert rejects(_pred("Grenade", 0.2, 0.3)) and not rejects(_pred("Grenade", 0.45, 0.5))


def test_report_units_reads_a_headline_only_snippet_from_its_lines():
    snippet = "Gunmen kill three farmers near Bunia in overnight raid"
    units = report_units(split_sentences(snippet))
    assert [(u.text, u.kind) for u in units] == [(snippet, "sentence")]
    article = "Gunmen kill three farmers\n\nGunmen killed three farmers near Bunia overnight, officials said."
    assert [u.kind for u in report_units(split_sentences(article))] == ["sentence"]


def test_every_sub_type_has_its_acled_event_type():
    assert len(TYPE_OF_SUB) == 25
    assert set(TYPE_OF_SUB.values()) == {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                         "Protests", "Riots", "Strategic developments"}


def test_the_model_alone_finds_an_incident_only_when_sure_of_it_and_of_its_kind():
    assert found_alone(_pred("Disrupted weapons use", 0.8, 0.95))
    assert not found_alone(_pred("Disrupted weapons use", 0.8, 0.85))  # an incident, but not sure enough
    assert not found_alone(_pred("Disrupted weapons use", 0.45, 0.99))  # sure of an incident, not of its kind
