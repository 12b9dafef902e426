"""Sidecar metadata: a JSONL file whose lines describe the files beside it.

A collection is often a folder of .txt/.html files plus one `articles.jsonl`
with `{"file", "url", "outlet", "published", "language", "title"}` per file (the
shape of shared/seeds). Any .jsonl whose first object has a `file` key and no
`text`/`html` is treated as such a sidecar. Sidecars are loaded once per
directory and keyed by absolute path, so a `file` value may also point into a
subfolder ("2014/report.txt"); a `file` that leads outside the sidecar's folder
(absolute, `../`) is never read (the reader checks, issue 11). Every read goes
through `safeio`, so a FIFO named `articles.jsonl` cannot hang a run. Only metadata is held, never article text, so a
6,000-file collection costs a few MB.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from eventscope.errors import InputError

from .jsonsafe import MAX_FIELD_CHARS, loads_line
from .safeio import open_regular

__all__ = ["SidecarIndex", "is_sidecar", "sidecar_entries", "META_KEYS"]

META_KEYS = ("url", "outlet", "published", "language", "title")
_PEEK_BYTES = 1_000_000
_MAX_SIDECAR_BYTES = 200_000_000


def _first_object(path: Path) -> dict[str, Any] | None:
    try:
        with open_regular(path) as fh:
            for _ in range(50):
                raw = fh.readline(_PEEK_BYTES)
                if not raw:
                    return None
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                try:
                    return loads_line(raw, path.name)
                except InputError:
                    return None
    except (OSError, InputError):
        return None
    return None


def is_sidecar(path: Path) -> bool:
    """True when the JSONL's first object names a `file` and carries no text or html."""
    obj = _first_object(path)
    return bool(obj) and "file" in obj and "text" not in obj and "html" not in obj


def sidecar_entries(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(absolute file path, metadata) for each valid line; malformed lines are skipped."""
    base = os.path.dirname(os.path.abspath(path))
    entries: list[tuple[str, dict[str, Any]]] = []
    try:
        with open_regular(path) as fh:
            if os.fstat(fh.fileno()).st_size > _MAX_SIDECAR_BYTES:
                return entries
            read = 0
            while raw := fh.readline(_PEEK_BYTES):
                read += len(raw)
                if read > _MAX_SIDECAR_BYTES:
                    break
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    obj = loads_line(raw, path.name)
                except InputError:
                    continue
                if not isinstance(obj.get("file"), str) or "\x00" in obj["file"]:
                    continue
                # Metadata is advice: a value of the wrong shape or absurd length is dropped.
                meta = {k: obj[k] for k in META_KEYS if obj.get(k) not in (None, "")
                        and not isinstance(obj[k], dict | list)
                        and not (isinstance(obj[k], str) and len(obj[k]) > MAX_FIELD_CHARS)}
                entries.append((os.path.normpath(os.path.join(base, obj["file"])), meta))
    except (OSError, InputError):
        return entries
    return entries


class SidecarIndex:
    """Metadata for input files, from the sidecars in each file's directory (cached)."""

    def __init__(self) -> None:
        self._by_dir: dict[str, dict[str, dict[str, Any]]] = {}
        self._kinds: dict[str, bool] = {}

    def is_sidecar(self, path: Path) -> bool:
        key = os.path.abspath(path)
        if key not in self._kinds:
            self._kinds[key] = is_sidecar(path)
        return self._kinds[key]

    def _table(self, directory: str) -> dict[str, dict[str, Any]]:
        table = self._by_dir.get(directory)
        if table is not None:
            return table
        table = {}
        try:
            names = sorted(n for n in os.listdir(directory) if n.lower().endswith(".jsonl"))
        except OSError:
            names = []
        for name in names:
            path = Path(directory, name)
            if self.is_sidecar(path):
                for file, meta in sidecar_entries(path):
                    table.setdefault(file, meta)  # the first sidecar (by name) wins
        self._by_dir[directory] = table
        return table

    def for_file(self, path: Path) -> dict[str, Any]:
        """Metadata a sidecar gives for `path`: the file's own folder first, then its parent's."""
        file = os.path.normpath(os.path.abspath(path))
        directory = os.path.dirname(file)
        for folder in (directory, os.path.dirname(directory)):
            meta = self._table(folder).get(file)
            if meta is not None:
                return meta
        return {}
