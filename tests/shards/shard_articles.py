"""Four JSONL shards of the worker tests' reports (written for the tests, no real outlet's
text), with what a sharded run must handle as one run does: a duplicate whose first copy
is in another shard, a duplicate within a file-set, a bad JSON line and an empty text."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ingest.ingest_samples import AFGHAN_TXT, CONGO_TXT, UKRAINE_TXT
from tests.pipeline.worker_articles import FILES


def write_shards(folder: Path, n: int = 4) -> list[Path]:
    """Writes shard-0.jsonl … shard-{n-1}.jsonl into `folder`; returns them in name order."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = [{"text": text, "outlet": outlet, "published": published, "url": f"https://news.example.org/{name}"}
            for name, (text, outlet, published) in FILES.items()]
    docs += [{"text": AFGHAN_TXT, "published": "2024-05-01"}, {"text": CONGO_TXT},
             {"text": UKRAINE_TXT, "outlet": "Kyiv Post"}]
    shards: list[list[str]] = [[] for _ in range(n)]
    for i, doc in enumerate(docs):
        shards[i % n].append(json.dumps(doc))
    shards[-1].append(json.dumps(docs[0] | {"url": "https://copy.example.org/x"}))  # first copy in shard 0
    shards[2 % n].append("{not json")
    shards[1 % n].append(json.dumps({"text": "  "}))
    paths = []
    for i, lines in enumerate(shards):
        path = folder / f"shard-{i}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
