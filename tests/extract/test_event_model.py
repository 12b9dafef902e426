"""The shipped event model: it loads, its features are deterministic, it tells incidents from talk."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eventscope.errors import DataFileError
from eventscope.extract.event_model import EventModel, WordPieces, ngrams, tokenize
from eventscope.extract.sentence_events import TYPE_OF_SUB


@pytest.fixture(scope="module")
def model() -> EventModel:
    return EventModel()


def test_event_model_loads_with_every_acled_sub_type(model):
    assert set(model.labels) == set(TYPE_OF_SUB) | {"none"}
    assert 0.05 < model.temperature < 20


def test_event_model_probabilities_sum_to_one_and_repeat(model):
    texts = ["Police fired tear gas at students marching on parliament in Nairobi on Tuesday.",
             "The central bank left interest rates unchanged on Thursday."]
    first = model.probabilities(model.tokens(texts))
    again = model.probabilities(model.tokens(texts))
    assert np.allclose(first.sum(axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first, again)


def test_event_model_reads_incidents_it_was_not_shown(model):
    cases = {
        "Warplanes pounded a crowded market in the rebel-held town of Maarat on Sunday, killing "
        "eleven shoppers, rescuers said.": "Air/drone strike",
        "A suicide bomber wearing an explosives vest blew himself up at a checkpoint outside the "
        "city on Friday, killing four policemen.": "Suicide bomb",
        "Riot police fired tear gas and water cannon to break up a march by nurses demanding unpaid "
        "wages in the capital on Monday.": "Protest with intervention",
    }
    for text, label in cases.items():
        (pred,) = model.predict([text])
        assert pred.p_event > 0.5, text
        assert pred.label == label, (text, pred.label)


def test_event_model_gives_talk_and_business_no_incident(model):
    for text in ("The finance minister said on Tuesday that the budget would be presented next month.",
                 "The striker scored twice as the home side crushed their rivals 4-0 on Saturday.",
                 "Shares in the mining group fell 3% after it announced a hostile takeover bid."):
        (pred,) = model.predict([text])
        assert pred.p_event < 0.5, (text, pred.label, pred.p_event)


def test_wordpieces_split_unknown_words_into_known_pieces():
    pieces = WordPieces({"un": 0, "##break": 1, "##able": 2, "gun": 3, "##men": 4, "-": 5})
    assert pieces.ids("Unbreakable") == [0, 1, 2]
    assert pieces.ids("gunmen") == [3, 4]
    assert pieces.ids("xyz") == []  # a word with no pieces adds nothing rather than noise
    assert pieces.ids("gun-men") == [3, 5]  # "men" alone is no word piece here


def test_tokenize_cuts_words_and_single_punctuation_marks_as_bert_does():
    assert tokenize("Al-Shabaab's fighters (about 40) struck.") == [
        "Al", "-", "Shabaab", "'", "s", "fighters", "(", "about", "40", ")", "struck", "."]


def test_ngrams_fold_numbers_and_pair_neighbours():
    assert ngrams(["Killed", "12", "people"]) == ["killed", "#", "people", "killed #", "# people"]


def test_event_model_missing_files_raise_a_named_error(tmp_path: Path):
    (tmp_path / "meta.json").write_text(json.dumps({"labels": ["none"], "temperature": 1, "version": "x"}))
    with pytest.raises(DataFileError) as err:
        EventModel(tmp_path)
    assert "train_event_model.py" in str(err.value)


def test_event_model_directory_can_be_chosen_by_environment(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("EVENTSCOPE_EVENT_MODEL", str(tmp_path))
    with pytest.raises(DataFileError) as err:
        EventModel()
    assert str(tmp_path) in str(err.value)
