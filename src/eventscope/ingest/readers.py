"""Walk the inputs and yield one Article or FailedInput at a time.

Streaming is the point: a 6,000-file folder or a multi-GB JSONL is read one
file / one line at a time, so memory stays flat. Every failure — a missing path,
a PDF in the folder, a bad JSONL line — becomes a FailedInput with a reason the
user can act on, and the run carries on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventscope.errors import REASONS, InputError
from eventscope.models import Article, FailedInput

from .build import make_article, meta_str
from .decode import decode_bytes, normalise_newlines, read_limited
from .html import extract_html
from .sidecar import SidecarIndex, sidecar_entries

__all__ = ["read_inputs"]

Item = Article | FailedInput

_TEXT_EXT = {".txt", ".text"}
_HTML_EXT = {".html", ".htm", ".xhtml"}
_GZ_HTML = (".html.gz", ".htm.gz")
#: Data files that live beside articles (gold JSON, tables, code) and are never
#: reports; skipped when walking a folder, still read if named explicitly.
_NOT_ARTICLES = {".json", ".csv", ".tsv", ".parquet", ".py", ".pyc", ".db", ".duckdb",
                 ".sqlite", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".log", ".lock",
                 ".geojson", ".graphml", ".gz", ".zip", ".wal", ".tmp"}
_LINE_SKIP_CHUNK = 1 << 20


def failed(source: str, code: str, detail: str) -> FailedInput:
    """A FailedInput whose reason says what went wrong and what to try."""
    return FailedInput(source, code, f"{detail} — {REASONS[code]}")


@dataclass
class _Run:
    max_bytes: int
    detect_language: bool
    sidecars: SidecarIndex = field(default_factory=SidecarIndex)
    seen: set[str] = field(default_factory=set)


def _walk(root: Path) -> Iterator[Path]:
    """Files under `root`, sorted, skipping hidden entries and known non-article data."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            low = name.lower()
            if name.startswith(".") or (
                os.path.splitext(low)[1] in _NOT_ARTICLES and not low.endswith(_GZ_HTML)
            ):
                continue
            yield Path(dirpath, name)


def _kind_of(path: Path) -> tuple[str | None, bool]:
    """('text' | 'html' | 'jsonl' | None to sniff, gzip?) from the file name."""
    low = path.name.lower()
    if low.endswith(_GZ_HTML):
        return "html", True
    suffix = path.suffix.lower()
    if suffix in _TEXT_EXT:
        return "text", False
    if suffix in _HTML_EXT:
        return "html", False
    if suffix == ".jsonl":
        return "jsonl", False
    return None, False


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    return "html" if head.startswith("<") else "text"


def _read_document(path: Path, kind: str | None, gz: bool, run: _Run) -> Article:
    name = path.name
    data = read_limited(path, run.max_bytes, gz=gz)
    text = decode_bytes(data, name, html=kind != "text")
    del data
    kind = kind or _sniff(text)
    meta = run.sidecars.for_file(path)
    if kind == "html":
        result = extract_html(text, url=meta_str(meta, "url"))
        if result is None:
            raise InputError("bad_html", f"{name} has no paragraph of article text")
        return make_article(result.text, source=name, kind="html", meta=meta, html=result,
                            detect_language=run.detect_language)
    return make_article(text, source=name, kind="text", meta=meta,
                        detect_language=run.detect_language)


def _jsonl_line(obj: dict[str, Any], source: str, run: _Run) -> Article:
    text, markup = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        return make_article(normalise_newlines(text), source=source, kind="jsonl", meta=obj,
                            detect_language=run.detect_language)
    if isinstance(markup, str) and markup.strip():
        result = extract_html(markup, url=meta_str(obj, "url"))
        if result is None:
            raise InputError("bad_html", f"{source}: its 'html' has no paragraph of article text")
        return make_article(result.text, source=source, kind="jsonl", meta=obj, html=result,
                            detect_language=run.detect_language)
    if "text" in obj or "html" in obj:
        raise InputError("empty_text", f"{source}: its 'text'/'html' value is empty")
    raise InputError("missing_text", f"{source} has keys {sorted(obj)[:8]} but no 'text' or 'html'")


def _read_jsonl(path: Path, run: _Run) -> Iterator[Item]:
    """One item per non-blank line; a bad line fails alone."""
    name = path.name
    with path.open("rb") as fh:
        lineno = 0
        while raw := fh.readline(run.max_bytes + 1):
            lineno += 1
            where = f"{name}:{lineno}"
            if len(raw) > run.max_bytes and not raw.endswith(b"\n"):
                while (chunk := fh.readline(_LINE_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
                    pass
                yield failed(where, "too_large", f"line {lineno} of {name} is over {run.max_bytes:,} bytes")
                continue
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield failed(where, "bad_encoding", f"line {lineno} of {name} is not valid UTF-8")
                continue
            except ValueError as exc:
                yield failed(where, "bad_json", f"line {lineno} of {name} is not valid JSON ({exc.msg})")
                continue
            if not isinstance(obj, dict):
                yield failed(where, "bad_json",
                             f"line {lineno} of {name} is a JSON {type(obj).__name__}, not an object")
                continue
            own = meta_str(obj, "file") or meta_str(obj, "id")
            yield _guarded(own or where, lambda obj=obj, src=own or where: _jsonl_line(obj, src, run))


def _guarded(source: str, work: Any) -> Item:
    """Run `work()`; turn any failure into a FailedInput so the run goes on."""
    try:
        return work()
    except InputError as exc:
        return failed(source, exc.code, exc.detail or source)
    except (OSError, MemoryError) as exc:
        return failed(source, "unreadable", f"{source} could not be read ({exc.__class__.__name__}: {exc})")
    except Exception as exc:  # never let one input stop the run
        return failed(source, "extract_failed", f"{source} raised {exc.__class__.__name__}: {exc}")


def _read_sidecar_listing(path: Path, run: _Run) -> Iterator[Item]:
    """A sidecar named explicitly: read the files it describes."""
    for file, _meta in sidecar_entries(path):
        target = Path(file)
        if not target.is_file():
            yield failed(os.path.basename(file), "not_found",
                         f"{path.name} lists {os.path.basename(file)}, which is not beside it")
            continue
        yield from _read_path(target, run, explicit=True)


def _read_path(path: Path, run: _Run, *, explicit: bool) -> Iterator[Item]:
    key = os.path.abspath(path)
    if key in run.seen:
        return
    run.seen.add(key)
    kind, gz = _kind_of(path)
    if kind == "jsonl":
        if run.sidecars.is_sidecar(path):
            if explicit:
                yield from _read_sidecar_listing(path, run)
            return
        try:
            yield from _read_jsonl(path, run)
        except OSError as exc:
            yield failed(path.name, "unreadable", f"{path.name} could not be read ({exc})")
        return
    yield _guarded(path.name, lambda: _read_document(path, kind, gz, run))


def read_inputs(paths: Iterable[str | Path], *, max_bytes: int = 10_000_000,
                detect_language: bool = True) -> Iterator[Article | FailedInput]:
    """Yield an Article or a FailedInput for every input found under `paths`.

    Files are read as given; folders recursively in sorted order. A file reached
    twice (a folder and a file inside it) is read once. Never raises for a bad input.
    """
    run = _Run(max_bytes=max_bytes, detect_language=detect_language)
    for given in paths:
        path = Path(given)
        try:
            if path.is_dir():
                for file in _walk(path):
                    yield from _read_path(file, run, explicit=False)
            elif path.is_file():
                yield from _read_path(path, run, explicit=True)
            elif path.exists():
                yield failed(str(given), "unreadable", f"{given} is not a regular file")
            else:
                yield failed(str(given), "not_found", f"{given} does not exist")
        except OSError as exc:
            yield failed(str(given), "unreadable", f"{given} could not be read ({exc})")
