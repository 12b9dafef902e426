"""Event-linking B-cubed: do the mentions of one incident share one predicted event id?"""

from eventscope.evaluate.metrics import linking_bcubed, linking_errors


def pair(gold_id, event_id, incident=None, article="a.txt"):
    gold = {"id": gold_id, "event_type": "Battles"}
    if incident is not None:
        gold["incident"] = incident
    return gold, {"event_id": event_id, "article": article}


DIKWA = {"101-e1": "dikwa#1", "102-e1": "dikwa#1", "103-e1": "dikwa#1", "101-e2": "dikwa#2", "102-e2": "dikwa#2"}


def test_linking_bcubed_perfect_when_each_incident_is_one_event():
    matched = [pair("101-e1", "E1"), pair("102-e1", "E1"), pair("103-e1", "E1"),
               pair("101-e2", "E2"), pair("102-e2", "E2")]
    assert linking_bcubed(matched, DIKWA) == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "n": 5,
                                              "without_incident": 0}


def test_linking_bcubed_split_incident_costs_recall_only():
    matched = [pair("101-e1", "E1"), pair("102-e1", "E1"), pair("103-e1", "E9")]
    s = linking_bcubed(matched, DIKWA)
    assert s["precision"] == 1.0
    assert s["recall"] == round((2 / 3 + 2 / 3 + 1 / 3) / 3, 3)


def test_linking_bcubed_two_incidents_in_one_event_cost_precision_only():
    matched = [pair("101-e1", "E1"), pair("101-e2", "E1")]
    s = linking_bcubed(matched, DIKWA)
    assert (s["precision"], s["recall"]) == (0.5, 1.0)


def test_linking_bcubed_is_undefined_without_incident_identity():
    matched = [pair("aj-e1", "E1"), pair("bbc-e2", "E2")]
    s = linking_bcubed(matched, None)
    assert (s["precision"], s["recall"], s["f1"], s["n"]) == (None, None, None, 0)
    assert s["without_incident"] == 2


def test_linking_bcubed_takes_an_incident_key_on_the_gold_event():
    matched = [pair("x-e1", "E1", incident="saada#1"), pair("y-e2", "E1", incident="saada#1"),
               pair("y-e3", "E2")]
    s = linking_bcubed(matched, {})
    assert (s["f1"], s["n"], s["without_incident"]) == (1.0, 2, 1)


def test_linking_errors_list_split_incidents_and_merged_events():
    matched = [pair("101-e1", "E1", article="101.txt"), pair("102-e1", "E2", article="102.txt"),
               pair("101-e2", "E2", article="101.txt")]
    errs = linking_errors(matched, DIKWA)
    assert errs["split"] == [{"incident": "dikwa#1",
                              "events": {"E1": ["101-e1 (101.txt)"], "E2": ["102-e1 (102.txt)"]}}]
    assert errs["merged"] == [{"event_id": "E2",
                               "incidents": {"dikwa#1": ["102-e1 (102.txt)"], "dikwa#2": ["101-e2 (101.txt)"]}}]
