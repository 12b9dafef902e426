"""Opening input files so that no file can hang or exhaust a run.

Why each rule exists (issue 11):
- A FIFO blocks `open()` until a writer appears, and `/dev/zero` reports size 0
  but never ends; so files are opened non-blocking and refused unless `fstat` on
  the *open descriptor* says regular file (checking the path first would race).
- A file's claimed size is not trusted: reads stop after `max_bytes + 1` bytes
  actually read, whatever `stat` said.
- File names are bytes on POSIX and need not be UTF-8; Python carries the bad
  bytes as lone surrogates, which the store cannot encode. `display_name`
  escapes them (`\\xff`) for anything shown or stored, while the real path is
  still used to open the file.
"""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from eventscope.errors import InputError

__all__ = ["display_name", "clean_text", "open_regular", "read_bounded", "kind_of_mode"]

_READ_CHUNK = 1 << 20
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def display_name(name: str | os.PathLike[str]) -> str:
    """`name` as valid UTF-8 text: undecodable bytes of a file name become `\\xNN` escapes."""
    raw = os.fsencode(name)
    return raw.decode("utf-8", errors="backslashreplace")


def clean_text(text: str) -> str:
    """Replace lone surrogates (from `\\ud800` in JSON, or bad names) with U+FFFD.

    One character for one, so offsets into the text keep their meaning; without
    this a single such string makes the whole store batch fail to encode.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _SURROGATE_RE.sub("\ufffd", text)


def kind_of_mode(mode: int) -> str:
    """A short human word for a non-regular file type, for failure messages."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def open_regular(path: Path) -> BinaryIO:
    """Open `path` for reading without blocking; raise `InputError` unless it is a regular file."""
    name = display_name(path.name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError("not_regular", f"{name} is {kind_of_mode(mode)}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return io.open(fd, "rb", closefd=True)  # noqa: UP020 — wraps a descriptor, not a path
    except BaseException:
        os.close(fd)
        raise


def read_bounded(fh: BinaryIO, max_bytes: int, name: str) -> bytes:
    """At most `max_bytes` from `fh`, counting bytes actually read; over that is `too_large`."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = fh.read(min(_READ_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > max_bytes:
        raise InputError("too_large", f"{name} is over the {max_bytes:,}-byte limit")
    return b"".join(chunks)
