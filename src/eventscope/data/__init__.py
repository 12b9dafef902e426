"""Versioned knowledge files (actor aliases, place supplements, lexicons).

Each file is a TSV whose leading `#` lines name its source and licence, then a
header row. Files are read through importlib.resources so they work from a
wheel; a malformed row raises DataFileError naming the file and line.
"""

from __future__ import annotations

import hashlib
from importlib.resources import files

from eventscope.errors import DataFileError


def data_text(relpath: str) -> str:
    """The text of a data file, e.g. "actors/aliases.v1.tsv"."""
    resource = files("eventscope.data").joinpath(relpath)
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(relpath, None, "missing from the installed package") from exc


def data_version(relpath: str) -> str:
    """A short digest of a data file (text or binary weights), stored with each run so
    results can be traced."""
    resource = files("eventscope.data").joinpath(relpath)
    try:
        return hashlib.sha256(resource.read_bytes()).hexdigest()[:12]
    except FileNotFoundError as exc:
        raise DataFileError(relpath, None, "missing from the installed package") from exc


def read_tsv(relpath: str, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows of a data TSV as dicts; `#` lines and blank lines are skipped."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for lineno, line in enumerate(data_text(relpath).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [r for r in required if r not in header]
            if missing:
                raise DataFileError(relpath, lineno, f"header lacks columns {missing}")
            continue
        if len(cells) > len(header):
            raise DataFileError(relpath, lineno, f"{len(cells)} cells for {len(header)} columns")
        cells += [""] * (len(header) - len(cells))
        row = {h: c.strip() for h, c in zip(header, cells, strict=True)}
        for r in required:
            if not row[r]:
                raise DataFileError(relpath, lineno, f"empty required column {r!r}")
        rows.append(row)
    if header is None:
        raise DataFileError(relpath, None, "no header row")
    return rows
