"""Find the input files under the paths a user gave, without being led astray.

Why this is its own module (issue 11): a folder is untrusted. It may hold links
to `/etc/passwd` or `/dev/zero`, named pipes, unreadable subfolders, links back
to an ancestor (an endless walk) and names that are not UTF-8. Every entry here
becomes exactly one of: a `Found` file to read, a `FailedInput` with a code, or
a deliberate skip (hidden entries, data files such as .csv/.json that are never
reports, a link to a folder already walked). A file found by two names is found
under each (readers reads it under each, so each name gets its outcome).

- Only regular files are yielded; FIFOs, devices and sockets fail `not_regular`.
- A symlink is followed only when its target stays inside the input root (by
  real path), unless `follow_links=True`; otherwise it fails `outside_inputs`.
- An unlistable folder fails `unreadable` instead of vanishing.
- `source` is the path relative to the input root, so `a/x.txt` and `b/x.txt`
  are told apart, with undecodable name bytes escaped (`safeio.display_name`).
- The walk uses an explicit stack, so folder depth cannot exhaust recursion.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventscope.errors import REASONS
from eventscope.models import FailedInput

from .safeio import display_name, kind_of_mode

__all__ = ["Found", "failed", "inside", "walk_inputs", "NOT_ARTICLES"]

_GZ_HTML = (".html.gz", ".htm.gz")
#: Data files that live beside articles (gold JSON, tables, code) and are never
#: reports; skipped when walking a folder, still read if named explicitly.
NOT_ARTICLES = {".json", ".csv", ".tsv", ".parquet", ".py", ".pyc", ".db", ".duckdb",
                ".sqlite", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".log", ".lock",
                ".geojson", ".graphml", ".gz", ".zip", ".wal", ".tmp"}


@dataclass(frozen=True)
class Found:
    """A regular file to read: where it is, and the name it is recorded under."""

    path: Path
    source: str
    explicit: bool


def failed(source: str, code: str, detail: str) -> FailedInput:
    """A FailedInput whose reason says what went wrong and what to try."""
    return FailedInput(source, code, f"{detail} — {REASONS[code]}")


def inside(path: str, root: str) -> bool:
    """True when real path `path` is `root` or below it."""
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives, or a mix of absolute and relative
        return False


def _skipped_name(name: str) -> bool:
    low = name.lower()
    return os.path.splitext(low)[1] in NOT_ARTICLES and not low.endswith(_GZ_HTML)


def _walk_root(root: Path, follow_links: bool, seen_dirs: set[tuple[int, int]]) -> Iterator[Found | FailedInput]:
    root_real = os.path.realpath(root)
    top = display_name(root)
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            where = rel or top
            yield failed(where, "unreadable", f"folder {where} could not be listed ({exc.strerror or exc})")
            continue
        subdirs: list[tuple[Path, str]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            source = f"{rel}/{display_name(entry.name)}" if rel else display_name(entry.name)
            item = _entry(entry, source, root_real, follow_links, seen_dirs)
            if item is None:
                continue
            if isinstance(item, tuple):
                subdirs.append(item)
            else:
                yield item
        stack.extend(reversed(subdirs))  # depth first, in sorted order


def _entry(entry: os.DirEntry[str], source: str, root_real: str, follow_links: bool,
           seen_dirs: set[tuple[int, int]]) -> Found | FailedInput | tuple[Path, str] | None:
    """What one directory entry is: a file, a failure, a folder to descend, or nothing."""
    try:
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if not follow_links and not inside(target, root_real):
                return failed(source, "outside_inputs",
                              f"{source} is a link to {display_name(target)}, outside the input folder")
            st = os.stat(entry.path)
        else:
            st = entry.stat(follow_symlinks=False)
    except FileNotFoundError:
        return failed(source, "not_found", f"{source} is a link to nothing")
    except OSError as exc:
        return failed(source, "unreadable", f"{source} could not be examined ({exc.strerror or exc})")
    if stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:  # a link back to a folder already walked: no endless loop
            return None
        seen_dirs.add(key)
        return Path(entry.path), source
    if _skipped_name(entry.name):
        return None
    if not stat.S_ISREG(st.st_mode):
        return failed(source, "not_regular", f"{source} is {kind_of_mode(st.st_mode)}")
    return Found(Path(entry.path), source, explicit=False)


def walk_inputs(paths: Iterable[str | Path], *, follow_links: bool = False) -> Iterator[Found | FailedInput]:
    """Every file to read under `paths`, or a failure for each entry that cannot be read.

    A path named on the command line is the user's choice and may be a link;
    it must still lead to a regular file or a folder.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        name = display_name(path)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            what = "is a link to nothing" if os.path.lexists(path) else "does not exist"
            yield failed(name, "not_found", f"{name} {what}")
            continue
        except OSError as exc:
            yield failed(name, "unreadable", f"{name} could not be examined ({exc.strerror or exc})")
            continue
        if stat.S_ISDIR(st.st_mode):
            seen_dirs.add((st.st_dev, st.st_ino))
            yield from _walk_root(path, follow_links, seen_dirs)
        elif stat.S_ISREG(st.st_mode):
            yield Found(path, display_name(path.name), explicit=True)
        else:
            yield failed(name, "not_regular", f"{name} is {kind_of_mode(st.st_mode)}")
