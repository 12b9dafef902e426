"""Score eventscope's HTML ingest on the article-extraction-benchmark and time the main job on it.

    python benchmarks/html_extraction.py PATH/article-extraction-benchmark [--limit N]
        [--ngram 4] [--worst K] [--no-pipeline] [--db PATH] [--score-output FILE] [--per-page FILE]

PATH is a local copy of https://github.com/scrapinghub/article-extraction-benchmark
(181 pages in `html/*.html.gz`, their hand-checked main text in `ground-truth.json`);
nothing of it lives in this repo. Each page goes through `read_inputs`, the ingest
path `eventscope run` uses (gzip, decoding, trafilatura, our furniture pruning and line
filter, lxml fallback), with language detection off so every page is scored. The
extracted text is compared with the page's `articleBody`:

* `tokens` — bag of `\\w+` tokens: per page, tp = tokens both texts have (multiset),
  precision = tp / predicted tokens, recall = tp / true tokens;
* `shingles` — the same over runs of `--ngram` consecutive tokens (4 by default). This
  is the measure the benchmark's published table uses (trafilatura 2.0: F1 0.958,
  P 0.938, R 0.978; newspaper4k: F1 0.949), so only it compares with those figures.

Precision is averaged over pages with some predicted text, recall over pages with some
true text, and F1 is the harmonic mean of the two averages, as in the published table;
`page_f1` is the plain mean of per-page F1 (an empty prediction scores 0 there).
`--score-output` scores one of the benchmark's own `output/*.json` files with the same
code instead, to check this metric reproduces the published figures.

Then, unless `--no-pipeline`, the whole main job (`process_items`: ingest, extract,
store, link) runs over the same pages into a database (`--db`, else a temporary one)
and reports articles/s and peak resident memory (ru_maxrss, which includes the models
and gazetteer). Pages that are not English fail there as `unsupported_language`, as
they would in a real run.
Prints JSON. Measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from eventscope.ingest import read_inputs
from eventscope.models import FailedInput
from eventscope.pipeline.process import process_items
from eventscope.resources import Resources

_WORD_RE = re.compile(r"\w+")


def tokenise(text: str | None) -> list[str]:
    """Word tokens, case kept; punctuation and whitespace only separate."""
    return _WORD_RE.findall(text or "")


def grams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    """Multiset of the n-token runs; a text shorter than n is one (short) run."""
    if not tokens:
        return Counter()
    if len(tokens) <= n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_scores(true: str | None, pred: str | None, n: int) -> tuple[float | None, float | None, float]:
    """(precision or None if nothing predicted, recall or None if nothing true, F1)."""
    t, p = grams(tokenise(true), n), grams(tokenise(pred), n)
    n_true, n_pred = sum(t.values()), sum(p.values())
    if n_true == n_pred == 0:
        return 1.0, 1.0, 1.0
    common = sum((t & p).values())
    precision = common / n_pred if n_pred else None
    recall = common / n_true if n_true else None
    f1 = 2 * common / (n_true + n_pred)
    return precision, recall, f1


def aggregate(truth: dict[str, str], pred: dict[str, str], n: int) -> dict[str, float]:
    ps, rs, fs = [], [], []
    for key, true in truth.items():
        p, r, f = page_scores(true, pred.get(key), n)
        if p is not None:
            ps.append(p)
        if r is not None:
            rs.append(r)
        fs.append(f)
    precision, recall = statistics.mean(ps), statistics.mean(rs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "page_f1": round(statistics.mean(fs), 3)}


def load_truth(root: Path) -> dict[str, str]:
    data = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return {key: item.get("articleBody") or "" for key, item in data.items()}


def load_output(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if set(data) == {"version", "output"}:
        data = data["output"]
    return {key: (item or {}).get("articleBody") or "" for key, item in data.items()}


def page_id(source: str) -> str:
    return source.split(".", 1)[0]


def extract_all(files: list[Path]) -> tuple[dict[str, str], dict[str, str], float]:
    """Page id → extracted text, page id → failure code, and the seconds it took."""
    pred: dict[str, str] = {}
    failures: dict[str, str] = {}
    t0 = time.perf_counter()
    for item in read_inputs([str(f) for f in files], detect_language=False):
        if isinstance(item, FailedInput):
            failures[page_id(item.source)] = item.code
        else:
            pred[page_id(item.source)] = item.text
    return pred, failures, time.perf_counter() - t0


def run_pipeline(files: list[Path], db: str | None) -> dict[str, object]:
    res = Resources()
    t0 = time.perf_counter()
    res.triggers, res.gazetteer, res.actors  # noqa: B018  (loaded once, outside the timing)
    load_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t1 = time.perf_counter()
        result = process_items(read_inputs([str(f) for f in files]), db or str(Path(tmp) / "bench.duckdb"),
                               inputs=[str(files[0].parent)], resources=res)
        run_s = time.perf_counter() - t1
    n = result.articles_read + result.n_failed
    return {
        "pages": n,
        "articles": result.articles_read,
        "failed": dict(Counter(f.code for f in result.failed)),
        "mentions": result.mentions,
        "events": result.events,
        "load_seconds": round(load_s, 2),
        "run_seconds": round(run_s, 2),
        "articles_per_second": round(n / run_s, 1) if run_s else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("benchmark", type=Path, help="local copy of article-extraction-benchmark")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by id)")
    ap.add_argument("--ngram", type=int, default=4, help="shingle length (default 4, as published)")
    ap.add_argument("--worst", type=int, default=0, help="list the K pages with the lowest shingle F1")
    ap.add_argument("--no-pipeline", action="store_true", help="score extraction only, skip the timing run")
    ap.add_argument("--db", default=None, help="database for the timing run (default: a temporary one)")
    ap.add_argument("--score-output", type=Path, default=None,
                    help="score this benchmark output/*.json instead of running eventscope")
    ap.add_argument("--per-page", type=Path, default=None, help="write per-page scores as JSONL here")
    args = ap.parse_args()

    truth = load_truth(args.benchmark)
    files = sorted((args.benchmark / "html").glob("*.html.gz"))
    if args.limit:
        files = files[:args.limit]
        truth = {page_id(f.name): truth[page_id(f.name)] for f in files}
    if not files:
        sys.exit(f"no html/*.html.gz under {args.benchmark}")

    report: dict[str, object] = {"benchmark": str(args.benchmark), "pages": len(truth)}
    failures: dict[str, str] = {}
    if args.score_output:
        pred = load_output(args.score_output)
        report["scored"] = str(args.score_output)
    else:
        pred, failures, extract_s = extract_all(files)
        report["extract_seconds"] = round(extract_s, 2)
        report["extract_pages_per_second"] = round(len(files) / extract_s, 1)
        report["extract_failed"] = failures
    report["tokens"] = aggregate(truth, pred, 1)
    report[f"shingles{args.ngram}"] = aggregate(truth, pred, args.ngram)
    rows = []
    for key in truth:
        p, r, f = page_scores(truth[key], pred.get(key), args.ngram)
        rows.append({"id": key, "precision": p, "recall": r, "f1": round(f, 3),
                     "true_tokens": len(tokenise(truth[key])), "pred_tokens": len(tokenise(pred.get(key))),
                     "failed": failures.get(key)})
    if args.worst:
        report["worst"] = sorted(rows, key=lambda row: row["f1"])[:args.worst]
    if args.per_page:
        args.per_page.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    if not (args.score_output or args.no_pipeline):
        report["pipeline"] = run_pipeline(files, args.db)
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    report["python"] = sys.version.split()[0]
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
