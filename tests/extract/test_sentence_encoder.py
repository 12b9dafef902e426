"""The shipped MiniLM encoder: it loads, it is deterministic, it reads order and meaning,
and the MiniLM head it feeds tells incidents apart where the bag of pieces cannot."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from eventscope.errors import DataFileError
from eventscope.extract.event_model import EventModel, WordPieces, tokenize
from eventscope.extract.sentence_encoder import MAX_PIECES, SentenceEncoder, quantize


@pytest.fixture(scope="module")
def model() -> EventModel:
    return EventModel()


def _embed(model: EventModel, *texts: str) -> np.ndarray:
    return model.encoder.encode([tokenize(t) for t in texts])


def test_shipped_model_has_the_minilm_head_and_unit_embeddings(model):
    assert model.can_rescore
    vecs = _embed(model, "Gunmen killed three farmers near Beni on Monday.", "Rates were left unchanged.")
    assert vecs.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_embeddings_do_not_depend_on_the_batch_they_come_in(model):
    a = "Protesters blocked the main road into Dhaka on Sunday, demanding the release of students."
    b = "Troops recaptured the town of Bakhmut after weeks of heavy fighting, the ministry said."
    alone = _embed(model, a)
    together = _embed(model, b, a, "Short one.")
    assert np.allclose(alone[0], together[1], atol=1e-5)


def test_similar_reports_are_closer_than_unrelated_text(model):
    raid, same, other = _embed(model, "Soldiers shot dead two men during a night raid on a village.",
                               "Two men were killed by troops who raided the village overnight.",
                               "The cabinet approved a new budget for schools and hospitals.")
    assert float(raid @ same) > float(raid @ other) + 0.2


def test_word_order_changes_the_embedding(model):
    a, b = _embed(model, "Police fired on the protesters.", "The protesters fired on police.")
    assert float(a @ b) < 0.999  # a bag of the same pieces would give exactly 1


def test_long_sentences_are_cut_to_the_position_table(model):
    tokens = ["killed"] * (MAX_PIECES * 3)
    assert len(model.encoder.piece_ids(tokens)) == MAX_PIECES
    assert model.encoder.encode([tokens]).shape == (1, 384)


def test_rescored_probabilities_sum_to_one_and_read_the_act(model):
    texts = ["Myanmar's military junta bombed a village in Sagaing region on Tuesday, killing at least 50 people.",
             "The finance minister said on Tuesday that the budget would be presented next month."]
    probs = model.rescored_probabilities(model.tokens(texts))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    bombed, budget = model.rescore(texts)
    assert bombed.label == "Air/drone strike" and bombed.p_event > 0.5
    assert budget.p_event < 0.5


def test_quantized_columns_keep_their_values():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(64, 32)).astype(np.float32)
    q, scale = quantize(w)
    assert q.dtype == np.int8
    assert np.abs(q.astype(np.float32) * scale - w).max() <= np.abs(w).max(axis=0).max() / 254 + 1e-6


def test_unknown_words_keep_their_place_as_unk_for_the_encoder():
    vocab = {"[UNK]": 1, "gun": 3, "##men": 4}
    assert WordPieces(vocab, keep_unknown=True).ids("xyz gunmen") == [1, 3, 4]
    assert WordPieces(vocab).ids("xyz gunmen") == [3, 4]


def test_missing_encoder_files_raise_a_named_error(tmp_path: Path):
    with pytest.raises(DataFileError) as err:
        SentenceEncoder(tmp_path)
    assert "train_event_model.py" in str(err.value)
