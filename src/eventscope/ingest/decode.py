"""Bytes → text, with the safety checks that keep junk out of the pipeline.

Order matters: only regular files are opened and reads stop at the size limit
(a 50 MB upload, or `/dev/zero`, must never be loaded), binary signatures and NUL bytes are rejected
before any decoding is tried (so a PDF is never mis-decoded as cp1252), and an
8-bit fallback is accepted only when the result reads like Western text — a
Shift-JIS or cp1251 file decoded as cp1252 is mostly accented gibberish and is
reported as `bad_encoding` instead of silently feeding mojibake to extraction.
"""

from __future__ import annotations

import codecs
import gzip
import os
import re
import zlib
from pathlib import Path

from eventscope.errors import InputError

from .safeio import display_name, open_regular, read_bounded

__all__ = ["check_controls", "decode_bytes", "read_limited", "normalise_newlines"]

#: Leading bytes of common binary formats people drop into an inbox folder.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP/Office archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
)
_SAMPLE = 65_536
_MAX_CONTROL_RATIO = 0.02
_MAX_FOREIGN_LETTER_RATIO = 0.3
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_C1_RE = re.compile(r"[\x80-\x9f]")
_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_limited(path: Path, max_bytes: int, *, gz: bool = False) -> bytes:
    """Read a regular file, refusing it once more than `max_bytes` have actually been read.

    The size `stat` claims is only a first check: `/dev/zero` claims 0 and a file
    can grow while read, so the read itself is bounded. FIFOs and devices are
    refused before a byte is read (`safeio.open_regular`). Gzip files are capped
    on their decompressed size, so a small "zip bomb" cannot blow up memory either.
    """
    name = display_name(path.name)
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > max_bytes:
            raise InputError("too_large", f"{name} is {size:,} bytes, over the {max_bytes:,}-byte limit")
        if not gz:
            return read_bounded(fh, max_bytes, name)
        try:
            with gzip.GzipFile(fileobj=fh, mode="rb") as unzipped:
                data = unzipped.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError("unreadable", f"{name} is not a valid gzip file ({exc})") from exc
    if len(data) > max_bytes:
        raise InputError("too_large", f"{name} decompresses to more than {max_bytes:,} bytes")
    return data


def normalise_newlines(text: str) -> str:
    """\\r\\n and lone \\r become \\n, so offsets mean the same on every platform."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _looks_like_text(text: str) -> bool:
    """True when an 8-bit decode reads like a Western-language document."""
    sample = text[:_SAMPLE]
    if _C1_RE.search(sample):
        return False
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return False
    foreign = sum(1 for c in letters if not c.isascii())
    return foreign / len(letters) <= _MAX_FOREIGN_LETTER_RATIO


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET_RE.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def check_controls(text: str, name: str) -> None:
    sample = text[:_SAMPLE]
    controls = len(_CONTROL_RE.findall(sample))
    if sample and controls / len(sample) > _MAX_CONTROL_RATIO:
        raise InputError("binary", f"{name} is {controls / len(sample):.0%} control characters")


def _decode_8bit(data: bytes, name: str, declared: str | None) -> str:
    candidates = [c for c in (declared, "cp1252", "latin-1") if c and c != "utf-8"]
    for codec in dict.fromkeys(candidates):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # A charset the page itself declares is trusted; a guessed one must read like text.
        if codec == declared or _looks_like_text(text):
            return text
    raise InputError("bad_encoding", f"{name} is not valid UTF-8 and does not read as Western 8-bit text")


def decode_bytes(data: bytes, name: str, *, html: bool = False) -> str:
    """Decode an input's bytes to text with \\n newlines, or raise `InputError`."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("bad_encoding", f"{name} has a UTF-8 BOM but invalid UTF-8 at byte {exc.start}") from exc
    elif data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("bad_encoding", f"{name} has a UTF-16 BOM but is not valid UTF-16") from exc
    else:
        if not data.strip():
            raise InputError("empty_text", f"{name} is empty or only whitespace")
        for magic, what in _MAGIC:
            if data.startswith(magic):
                raise InputError("binary", f"{name} is {what}")
        if b"\x00" in data[:_SAMPLE]:
            codec = _bomless_utf16(data)
            if codec is None:
                raise InputError("binary", f"{name} contains NUL bytes")
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError("bad_encoding", f"{name} looks like {codec} without a BOM but does not decode") from exc
            if not _looks_like_text(text):
                raise InputError("binary", f"{name} contains NUL bytes")
            return _checked(text, name)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_8bit(data, name, _declared_charset(data) if html else None)
    return _checked(text, name)


def _checked(text: str, name: str) -> str:
    if not text.strip():
        raise InputError("empty_text", f"{name} is empty or only whitespace")
    check_controls(text, name)
    return normalise_newlines(text)


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the NULs sit in every other byte, as they do in
    UTF-16 Western text saved without a BOM (Windows tools do this); else None."""
    sample = data[: _SAMPLE - (_SAMPLE % 2)]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) >= 0.6 * half and even.count(0) <= 0.05 * half:
        return "utf-16-le"
    if even.count(0) >= 0.6 * half and odd.count(0) <= 0.05 * half:
        return "utf-16-be"
    return None
