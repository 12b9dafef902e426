"""Walk the inputs and yield one Article or FailedInput at a time.

Streaming is the point: a 6,000-file folder or a multi-GB JSONL is read one
file / one line at a time, so memory stays flat. Every failure — a missing path,
a PDF in the folder, a bad JSONL line, a FIFO, a link out of the input folder —
becomes a FailedInput with a reason the user can act on, and the run carries on.
Which files are read at all is decided in `walk`; how bytes are read (only
regular files, bounded by bytes actually read) in `safeio`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventscope.errors import InputError
from eventscope.models import Article, FailedInput
from eventscope.pipeline.budget import ArticleTimeout, deadline

from .build import make_article, meta_str
from .decode import decode_bytes, normalise_newlines, read_limited
from .html import extract_html
from .jsonsafe import check_fields, loads_line
from .safeio import display_name, open_regular
from .sidecar import SidecarIndex, sidecar_entries
from .walk import Found, failed, inside, walk_inputs

__all__ = ["FileReader", "read_inputs", "failed"]

Item = Article | FailedInput

_TEXT_EXT = {".txt", ".text"}
_HTML_EXT = {".html", ".htm", ".xhtml"}
_GZ_HTML = (".html.gz", ".htm.gz")
_LINE_SKIP_CHUNK = 1 << 20


@dataclass
class _Run:
    max_bytes: int
    detect_language: bool
    follow_links: bool = False
    max_seconds: float | None = None
    sidecars: SidecarIndex = field(default_factory=SidecarIndex)


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


def _read_document(path: Path, source: str, kind: str | None, gz: bool, run: _Run) -> Article:
    data = read_limited(path, run.max_bytes, gz=gz)
    text = decode_bytes(data, source, html=kind != "text")
    del data
    kind = kind or _sniff(text)
    meta = run.sidecars.for_file(path)
    if kind == "html":
        result = extract_html(text, url=meta_str(meta, "url"))
        if result is None:
            raise InputError("bad_html", f"{source} has no paragraph of article text")
        return make_article(result.text, source=source, kind="html", meta=meta, html=result,
                            detect_language=run.detect_language)
    return make_article(text, source=source, kind="text", meta=meta,
                        detect_language=run.detect_language)


def _jsonl_line(obj: dict[str, Any], source: str, run: _Run) -> Article:
    check_fields(obj, source)
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


def _read_jsonl(path: Path, name: str, run: _Run) -> Iterator[Item]:
    """One item per non-blank line; a bad line fails alone; a file with no line fails once."""
    with open_regular(path) as fh:
        lineno = 0
        any_line = False
        while raw := fh.readline(run.max_bytes + 1):
            lineno += 1
            where = f"{name}:{lineno}"
            if len(raw) > run.max_bytes and not raw.endswith(b"\n"):
                while (chunk := fh.readline(_LINE_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
                    pass
                any_line = True
                yield failed(where, "too_large", f"line {lineno} of {name} is over {run.max_bytes:,} bytes")
                continue
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            any_line = True
            try:
                obj = loads_line(raw, f"line {lineno} of {name}")
            except InputError as exc:
                yield failed(where, exc.code, exc.detail)
                continue
            own = meta_str(obj, "file") or meta_str(obj, "id")
            source = own if own and len(own) <= 1_000 else where
            yield _guarded(source, lambda obj=obj, src=source: _jsonl_line(obj, src, run), run.max_seconds)
        if not any_line:
            yield failed(name, "empty_text", f"{name} holds no JSON lines")


def _guarded(source: str, work: Any, max_seconds: float | None = None) -> Item:
    """Run `work()` within the time budget; turn any failure into a FailedInput so the run goes on.

    The budget covers reading too: HTML extraction and language detection of a
    hostile page are as much a stall as extraction is.
    """
    try:
        with deadline(max_seconds):
            return work()
    except ArticleTimeout:
        return failed(source, "timeout", f"reading {source} took longer than {max_seconds:g} s")
    except InputError as exc:
        return failed(source, exc.code, exc.detail or source)
    except (OSError, MemoryError) as exc:
        return failed(source, "unreadable", f"{source} could not be read ({exc.__class__.__name__}: {exc})")
    except Exception as exc:  # never let one input stop the run
        return failed(source, "extract_failed", f"{source} raised {exc.__class__.__name__}: {exc}")


def _read_sidecar_listing(path: Path, run: _Run) -> Iterator[Item]:
    """A sidecar named explicitly: read the files it describes, only from inside its folder."""
    base = os.path.realpath(path.parent)
    for file, _meta in sidecar_entries(path):
        rel = display_name(os.path.relpath(file, os.path.abspath(path.parent)))
        if not inside(os.path.normpath(file), os.path.normpath(os.path.abspath(path.parent))):
            yield failed(rel, "outside_inputs", f"{display_name(path.name)} lists {rel}, outside its folder")
            continue
        real = os.path.realpath(file)
        if not run.follow_links and not inside(real, base):
            yield failed(rel, "outside_inputs", f"{rel} is a link to {display_name(real)}, outside the folder")
            continue
        if not os.path.lexists(file):
            yield failed(rel, "not_found", f"{display_name(path.name)} lists {rel}, which is not beside it")
            continue
        yield from _read_path(Found(Path(file), rel, explicit=True), run)


def _read_path(found: Found, run: _Run) -> Iterator[Item]:
    """The items of one file under the name it was found by. A file reached by two names (a
    link to it, or named again) is read under each: every name gets its outcome (issue 11), the
    later copies of an article being duplicates. The walk meets a folder once, so names stay
    as many as the folders' entries."""
    path, source = found.path, found.source
    kind, gz = _kind_of(path)
    if kind == "jsonl":
        try:
            if run.sidecars.is_sidecar(path):
                if found.explicit:
                    yield from _read_sidecar_listing(path, run)
                return
            yield from _read_jsonl(path, source, run)
        except InputError as exc:
            yield failed(source, exc.code, exc.detail or source)
        except OSError as exc:
            yield failed(source, "unreadable", f"{source} could not be read ({exc.strerror or exc})")
        return
    yield _guarded(source, lambda: _read_document(path, source, kind, gz, run), run.max_seconds)


def read_inputs(paths: Iterable[str | Path], *, max_bytes: int = 10_000_000,
                detect_language: bool = True, follow_links: bool = False,
                max_seconds: float | None = None) -> Iterator[Article | FailedInput]:
    """Yield an Article or a FailedInput for every input found under `paths`.

    Files are read as given; folders recursively in sorted order. A file reached
    twice (a folder and a file inside it, or a link to it) is read under each name,
    so each gets its outcome; a folder reached twice is walked once. Symlinks
    leading out of an input folder are refused unless `follow_links`. Reading one
    input that takes over `max_seconds` fails it as `timeout` (main thread only,
    see pipeline.budget). Never raises for a bad input.
    """
    reader = FileReader(max_bytes=max_bytes, detect_language=detect_language, follow_links=follow_links,
                        max_seconds=max_seconds)
    for item in walk_inputs(paths, follow_links=follow_links):
        if isinstance(item, FailedInput):
            yield item
        else:
            yield from reader.read(item)


class FileReader:
    """Reads found files one at a time, keeping what a run shares between them (the sidecar
    cache). `read_inputs` uses one for a whole walk; sharded extraction (eventscope.shards)
    uses one per worker, on the files it is handed."""

    def __init__(self, *, max_bytes: int = 10_000_000, detect_language: bool = True,
                 follow_links: bool = False, max_seconds: float | None = None) -> None:
        self._run = _Run(max_bytes=max_bytes, detect_language=detect_language,
                         follow_links=follow_links, max_seconds=max_seconds)

    def read(self, found: Found) -> Iterator[Article | FailedInput]:
        """The articles and failures of one file, in file order, under `found.source`."""
        return _read_path(found, self._run)
