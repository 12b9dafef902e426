"""The trained sentence classifier that decides whether a sentence reports an incident.

Which of the 25 ACLED sub-event types a sentence tells (or none) depends on wording that
no rule list covers, so it is learned (training/train_event_model.py) and shipped as
data in `eventscope/data/models/event_model/`: static word-piece embeddings distilled
from all-MiniLM-L6-v2, an n-gram vocabulary with idf weights, and a linear head with
a calibration temperature. Inference is numpy only: one regex pass gives BERT's words and
punctuation, and one matrix product scores every sentence of an article at once.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from eventscope.errors import DataFileError

if TYPE_CHECKING:
    from eventscope.extract.sentence_encoder import SentenceEncoder

NONE = "none"
MODEL_DIR = "models/event_model"


#: A directory written by training/train_event_model.py to use instead of the shipped model
#: (e.g. one trained without a dev set, to score that dev set honestly).
MODEL_ENV = "EVENTSCOPE_EVENT_MODEL"


def _model_path() -> Path:
    chosen = os.environ.get(MODEL_ENV)
    return Path(chosen) if chosen else Path(str(resources.files("eventscope.data") / MODEL_DIR))


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P") or (not ch.isalnum() and not ch.isspace())


class WordPieces:
    """Greedy longest-match word pieces of a lower-cased token, as BERT's tokenizer cuts them."""

    def __init__(self, vocab: dict[str, int], unk: str = "[UNK]", max_chars: int = 100,
                 keep_unknown: bool = False) -> None:
        """`keep_unknown`: an unknown word gives the [UNK] piece, as BERT's tokenizer does
        (the encoder needs the position); else it gives nothing (a bag loses nothing)."""
        self.vocab = vocab
        self.unk = vocab.get(unk)
        self.max_chars = max_chars
        self._unknown = [self.unk] if keep_unknown and self.unk is not None else []
        self._cache: dict[str, list[int]] = {}

    def ids(self, token: str) -> list[int]:
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        out: list[int] = []
        for word in _split_punct(_strip_accents(token.lower())):
            out.extend(self._word(word))
        if len(self._cache) < 200_000:
            self._cache[token] = out
        return out

    def _word(self, word: str) -> list[int]:
        if len(word) > self.max_chars:
            return self._unknown
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return self._unknown  # BERT maps the whole word to [UNK]
            pieces.append(found)
            start = end
        return pieces


def _split_punct(text: str) -> list[str]:
    words: list[str] = []
    cur = ""
    for ch in text:
        if ch.isspace():
            if cur:
                words.append(cur)
            cur = ""
        elif _is_punct(ch):
            if cur:
                words.append(cur)
            words.append(ch)
            cur = ""
        else:
            cur += ch
    if cur:
        words.append(cur)
    return words


_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokenize(text: str) -> list[str]:
    """Words and single punctuation marks: BERT's own pre-tokenisation, which the word
    pieces were cut for (one regex pass; the model needs no parser)."""
    return _TOKEN.findall(text)


def ngrams(tokens: Sequence[str]) -> list[str]:
    """Lower-cased unigrams and bigrams of word tokens (numbers folded to '#')."""
    words = ["#" if t.replace(",", "").replace(".", "").isdigit() else t.lower() for t in tokens]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


class Featurizer:
    """Sentence features shared by training and inference: a mean word-piece embedding
    (unit length) beside l2-normalised, sublinear tf-idf n-grams (kept sparse)."""

    def __init__(self, vocab: dict[str, int], embeddings: np.ndarray, grams: Sequence[str],
                 idf: np.ndarray) -> None:
        self.pieces = WordPieces(vocab)
        self.embeddings = embeddings.astype(np.float32)
        self.gram_index = {g: i for i, g in enumerate(grams)}
        self.idf = idf.astype(np.float32)

    @property
    def dim(self) -> int:
        return int(self.embeddings.shape[1])

    def dense(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        out = np.zeros((len(token_lists), self.dim), dtype=np.float32)
        rows = [[i for t in toks for i in self.pieces.ids(t)] for toks in token_lists]
        filled = [r for r, ids in enumerate(rows) if ids]
        if not filled:
            return out
        lengths = np.array([len(rows[r]) for r in filled])
        flat = np.fromiter((i for r in filled for i in rows[r]), dtype=np.int64, count=int(lengths.sum()))
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        sums = np.add.reduceat(self.embeddings[flat], starts, axis=0)  # the mean's direction is the sum's
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        out[filled] = np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)
        return out

    def sparse(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        counts: dict[int, int] = {}
        for g in ngrams(tokens):
            j = self.gram_index.get(g)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        cols = np.fromiter(counts.keys(), dtype=np.int64)
        vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))) * self.idf[cols]
        return cols, vals / float(np.linalg.norm(vals))


@dataclass(frozen=True)
class Prediction:
    """Calibrated probabilities of one sentence: `p_event` = 1 - P(none)."""

    label: str  # the most probable sub-event type (never "none")
    p_label: float
    p_event: float
    probs: dict[str, float]
    rescored: bool = False  # by the MiniLM head


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class EventModel:
    """Loads the shipped weights once; `predict` scores a batch of sentences."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or _model_path()
        try:
            meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
            self.labels: list[str] = meta["labels"]
            self.temperature = float(meta["temperature"])
            self.version = meta["version"]
            vocab = json.loads((self.path / "wordpieces.json").read_text(encoding="utf-8"))
            grams = (self.path / "ngrams.txt").read_text(encoding="utf-8").split("\n")
            arrays = np.load(self.path / "weights.npz")
            self.featurizer = Featurizer(vocab, arrays["embeddings"], grams, arrays["idf"])
            self.weights = arrays["weights"].astype(np.float32)
            self.bias = arrays["bias"].astype(np.float32)
            self.rerank_weights = arrays["rerank_weights"].astype(np.float32) if "encoder" in meta else None
            self.rerank_bias = arrays["rerank_bias"].astype(np.float32) if "encoder" in meta else None
            self.rerank_temperature = float(meta.get("rerank_temperature", 1.0))
        except (OSError, KeyError, ValueError) as exc:
            raise DataFileError(str(self.path), None, f"event model missing or unreadable ({exc}); "
                                "reinstall eventscope or run training/train_event_model.py") from exc
        expected = (self.featurizer.dim + len(grams), len(self.labels))
        if self.weights.shape != expected:
            raise DataFileError(str(self.path), None, f"weight shape {self.weights.shape} is not {expected}")
        self.none_index = self.labels.index(NONE)
        self._encoder: SentenceEncoder | None = None

    @property
    def can_rescore(self) -> bool:
        """Whether this model ships the MiniLM head that `rescore` uses."""
        return self.rerank_weights is not None

    @property
    def encoder(self) -> SentenceEncoder:
        if self._encoder is None:
            from eventscope.extract.sentence_encoder import SentenceEncoder

            self._encoder = SentenceEncoder(self.path)
        return self._encoder

    def tokens(self, texts: Sequence[str]) -> list[list[str]]:
        return [tokenize(t) for t in texts]

    def logits(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        return self._bag_logits(token_lists, self.weights, self.bias)

    def _bag_logits(self, token_lists: Sequence[Sequence[str]], weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
        """A head's logits from the bag features: the rows of `weights` for the dense
        embedding, then one row per n-gram (a head may have more rows after those)."""
        f = self.featurizer
        out = f.dense(token_lists) @ weights[:f.dim] + bias
        for row, toks in enumerate(token_lists):
            cols, vals = f.sparse(toks)
            if len(cols):
                out[row] += vals @ weights[f.dim + cols]
        return out

    def probabilities(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        if not token_lists:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return _softmax(self.logits(token_lists) / self.temperature)

    def rescored_probabilities(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """The second head: the same features beside each sentence's MiniLM embedding."""
        if not token_lists or self.rerank_weights is None or self.rerank_bias is None:
            return self.probabilities(token_lists)
        width = self.featurizer.dim + len(self.featurizer.gram_index)
        z = self._bag_logits(token_lists, self.rerank_weights, self.rerank_bias)
        z += self.encoder.encode(token_lists) @ self.rerank_weights[width:]
        return _softmax(z / self.rerank_temperature)

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        return self.predict_tokens(self.tokens(texts))

    def rescore(self, texts: Sequence[str]) -> list[Prediction]:
        """Predictions of the MiniLM head (the plain head where the model has none): ~30x
        slower per sentence, so for the sentences that could become mentions."""
        return self._predictions(self.rescored_probabilities(self.tokens(texts)), rescored=self.can_rescore)

    def predict_tokens(self, token_lists: Sequence[Sequence[str]]) -> list[Prediction]:
        return self._predictions(self.probabilities(token_lists))

    def _predictions(self, probs: np.ndarray, rescored: bool = False) -> list[Prediction]:
        out = []
        for p in probs:
            event = p.copy()
            event[self.none_index] = -1.0
            best = int(event.argmax())
            out.append(Prediction(self.labels[best], float(p[best]), float(1.0 - p[self.none_index]),
                                  {lab: float(v) for lab, v in zip(self.labels, p, strict=True)}, rescored))
        return out
