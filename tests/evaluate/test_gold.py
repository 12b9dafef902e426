import json

import pytest

from eventscope.errors import EventscopeError
from eventscope.evaluate.gold import find_incidents, load_gold, load_incidents

INCIDENTS = {"yemen-saada-marib-2021-10": [
    {"incident": "yemen#1", "label": "Coalition air strike on Saada", "gold_events": ["107-e1", "108-e2"]},
    {"incident": "yemen#2", "gold_events": ["107-e2", "108-e3"]}]}


def test_gold_incidents_by_story_map_each_gold_event_to_its_incident(tmp_path):
    path = tmp_path / "incidents.json"
    path.write_text(json.dumps(INCIDENTS))
    assert load_incidents(path) == {"107-e1": "yemen#1", "108-e2": "yemen#1",
                                    "107-e2": "yemen#2", "108-e3": "yemen#2"}


def test_gold_incidents_may_be_a_plain_list(tmp_path):
    path = tmp_path / "inc.json"
    path.write_text(json.dumps(INCIDENTS["yemen-saada-marib-2021-10"]))
    assert load_incidents(path)["108-e3"] == "yemen#2"


def test_gold_incidents_refuse_an_event_under_two_incidents(tmp_path):
    path = tmp_path / "incidents.json"
    path.write_text(json.dumps([{"incident": "a", "gold_events": ["1-e1"]},
                                {"incident": "b", "gold_events": ["1-e1"]}]))
    with pytest.raises(EventscopeError, match="two incidents"):
        load_incidents(path)


def test_gold_incidents_refuse_an_entry_without_gold_events(tmp_path):
    path = tmp_path / "incidents.json"
    path.write_text(json.dumps([{"incident": "a"}]))
    with pytest.raises(EventscopeError, match="gold_events"):
        load_incidents(path)


def test_gold_incidents_found_in_the_gold_dir_or_above_it(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    assert find_incidents(gold) is None
    (tmp_path / "incidents.json").write_text("{}")
    assert find_incidents(gold) == tmp_path / "incidents.json"
    (gold / "incidents.json").write_text("{}")
    assert find_incidents(gold) == gold / "incidents.json"


def test_gold_loader_does_not_read_incidents_json_as_an_article(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"text": "Gunmen killed two people.", "events": []}))
    (tmp_path / "incidents.json").write_text(json.dumps(INCIDENTS))
    assert [g.name for g in load_gold(tmp_path)] == ["a"]
