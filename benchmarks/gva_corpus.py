"""Read the LongTailQA / Gun Violence Archive corpus (`the_violent_corpus`) as JSONL.

Its `*.json` files are Python pickles of a `NewsItem` object. They are loaded
with a restricted Unpickler that builds only plain records and dates, never
arbitrary classes, so a hostile file cannot run code.

    python benchmarks/gva_corpus.py PATH/the_violent_corpus -o gva.jsonl [--even-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class _Record:
    """Stands in for the corpus's NewsItem: keeps its attribute dict, nothing else."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.__dict__.update(kwargs)

    def __setstate__(self, state: Any) -> None:
        if isinstance(state, dict):
            self.__dict__.update(state)


class _SafeUnpickler(pickle.Unpickler):
    ALLOWED = {("datetime", "date"): dt.date, ("datetime", "datetime"): dt.datetime}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self.ALLOWED:
            return self.ALLOWED[(module, name)]
        if name == "NewsItem":
            return _Record
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}")


def load_item(path: Path) -> dict[str, Any]:
    obj = _SafeUnpickler(io.BytesIO(path.read_bytes()), encoding="latin-1").load()
    data = obj.__dict__ if isinstance(obj, _Record) else obj
    published = data.get("dct")
    return {
        "id": f"{path.parent.name}/{path.stem}",
        "incident": path.parent.name,
        "title": data.get("title"),
        "url": data.get("uri"),
        "published": published.isoformat()[:10] if isinstance(published, dt.date) else None,
        "text": data.get("content") or "",
        "language": "en",
    }


def iter_corpus(root: Path, even_only: bool = False) -> Iterator[dict[str, Any]]:
    for path in sorted(root.glob("*/*.json")):
        if even_only and not (path.parent.name.isdigit() and int(path.parent.name) % 2 == 0):
            continue
        try:
            yield load_item(path)
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
            print(f"skipped {path}: {exc}", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--even-only", action="store_true", help="only incidents with an even id (the dev split)")
    args = ap.parse_args()
    n = 0
    with args.output.open("w", encoding="utf-8") as out:
        for item in iter_corpus(args.root, args.even_only):
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} articles written to {args.output}")


if __name__ == "__main__":
    main()
