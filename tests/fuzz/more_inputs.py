"""More kinds of hostile input for the long fuzz run (benchmarks/fuzz_long.py), at scale.

`hostile_inputs.build` writes a few hundred inputs of some forty kinds; this adds the
kinds it lacks — BOM-only and BOM-led files, NUL bytes inside a report, mixed
encodings in one file, one very long line, nested-tag and entity HTML bombs, a
truncated gzip, a 50 MB file, a socket, hard links and in-folder symlinks (each
name read), hidden and data files (never inputs), many tiny files, JSONL with CRLF, nulls,
wrong types at the top level and repeated articles — and repeats the cheap failing
kinds until the tree holds `n_inputs`. The outcome of each is as the ingest
documents it (docs/cli.md); every input is in the manifest with its kind.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
from pathlib import Path

from tests.fuzz.hostile_inputs import Manifest, _Builder, build

#: Files the walk must not read at all (hidden, data files): never in the store.
IGNORED = ("x/ignored/.hidden.txt", "x/ignored/notes.csv", "x/ignored/table.json", "x/ignored/a.zip")


def _once(b: _Builder, big_bytes: int) -> None:
    """One or a few inputs of each kind that is costly or unique."""
    w, m = b.write, b.m
    w("x/bom/valid-utf8.txt", b"\xef\xbb\xbf" + b.text().encode())
    m.store("x/bom/valid-utf8.txt", "UTF-8 BOM")
    w("x/bom/valid-utf16.txt", "\ufeff".encode("utf-16-le") + b.text().encode("utf-16-le"))
    m.store("x/bom/valid-utf16.txt", "UTF-16 BOM")
    w("x/bom/only.txt", b"\xef\xbb\xbf")
    m.fail("x/bom/only.txt", "empty_text", "BOM only")
    w("x/nul/inside.txt", b.text().replace(". ", ".\x00 ", 1).encode())
    m.fail("x/nul/inside.txt", "binary", "NUL inside a report")
    w("x/mixed/utf8-then-latin1.txt", b.text().encode() + "Caf\u00e9 \u00e0 \u00e9t\u00e9.\n".encode("latin-1"))
    m.store("x/mixed/utf8-then-latin1.txt", "mixed encodings")
    w("x/longline/one-line.txt", (b.text().replace("\n", " ") + " ") .encode() + b"and it went on " * 6_000)
    m.store("x/longline/one-line.txt", "very long line")
    w("x/html/nested.html", b"<html><body>" + b"<div>" * 16_000 + b"text" + b"</div>" * 16_000)
    m.fail("x/html/nested.html", None, "nested-tag bomb")
    w("x/html/entities.html", b"<html><body><p>" + b"&amp;&lt;&#x41;" * 12_000 + b"</p></body></html>")
    m.fail("x/html/entities.html", None, "entity bomb")
    w("x/html/script.html", b"<html><script>" + b"var a=1;" * 1000 + b"</script></html>")
    m.fail("x/html/script.html", "bad_html", "script-only html")
    whole = gzip.compress(f"<html><body><article><p>{b.text()}</p></article></body></html>".encode())
    w("x/gz/valid.html.gz", whole)
    m.store("x/gz/valid.html.gz", "gzip html")
    w("x/gz/truncated.html.gz", whole[: len(whole) // 2])
    m.fail("x/gz/truncated.html.gz", "unreadable", "truncated gzip")
    with open(b.root / "x" / "big.txt", "wb") as fh:  # 50 MB, really written
        chunk = b"word " * 200_000
        for _ in range(big_bytes // len(chunk)):
            fh.write(chunk)
    m.fail("x/big.txt", "too_large", "50 MB file")
    sparse = b.root / "x" / "sparse.txt"
    with open(sparse, "wb") as fh:
        fh.truncate(big_bytes)
    m.fail("x/sparse.txt", "too_large", "50 MB sparse file")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(b.root / "x" / "sock.txt"))
    sock.close()
    m.fail("x/sock.txt", "not_regular", "socket")
    target = w("x/links/target.txt", b.text().encode())
    os.link(target, b.root / "x" / "links" / "hard.txt")  # walked first: the one stored
    (b.root / "x" / "links" / "soft.txt").symlink_to(target)
    m.store("x/links/hard.txt", "hard link")
    m.duplicate("symlink inside the inputs")  # soft.txt
    m.duplicate("file a link inside the inputs reached first")  # target.txt, read again under its own name
    for rel in IGNORED:
        w(rel, b.text().encode())
    name = "n" * 200 + ".txt"
    w(f"x/names/{name}", b.text().encode())
    m.store(f"x/names/{name}", "very long name")
    w("x/names/new\nline [red].txt", b.text().encode())
    m.store("x/names/new\nline [red].txt", "newline and markup in name")
    w("x/sniff/no-extension", b.text().encode())
    m.store("x/sniff/no-extension", "no extension")
    w("x/sniff/upper.HTML", f"<html><body><p>{b.text()}</p></body></html>".encode())
    m.store("x/sniff/upper.HTML", "upper-case extension")


def _jsonl_more(b: _Builder, count: int) -> None:
    """A CRLF feed with repeated articles, nulls and top-level junk."""
    repeated = b.text()
    lines: list[tuple[str, str | None, bytes]] = []
    for i in range(count):
        kind = i % 6
        if kind == 0:
            lines.append(("stored", "jsonl CRLF", json.dumps({"text": b.text()}).encode()))
        elif kind == 1:
            lines.append(("dup" if i > 1 else "stored", "jsonl repeated article", json.dumps({"text": repeated}).encode()))
        elif kind == 2:
            lines.append(("empty_text", "jsonl null text", b'{"text": null, "html": null}'))
        elif kind == 3:
            lines.append(("bad_json", "jsonl top-level junk", b"\x00\x01garbage"))
        elif kind == 4:
            lines.append(("bad_field", "jsonl huge field", json.dumps({"text": "x", "outlet": "o" * 100_000}).encode()))
        else:
            lines.append(("bad_json", "jsonl trailing comma", b'{"text": "a",}'))
    b.write("x/feeds/crlf.jsonl", b"\r\n".join(raw for *_, raw in lines) + b"\r\n")
    for lineno, (outcome, kind, _) in enumerate(lines, start=1):
        source = f"x/feeds/crlf.jsonl:{lineno}"
        if outcome == "stored":
            b.m.store(source, kind)
        elif outcome == "dup":
            b.m.duplicate(kind)
        else:
            b.m.fail(source, outcome, kind)


def _bulk(b: _Builder, count: int) -> None:
    """Cheap failing kinds, repeated: tiny files, control characters, binaries, empties."""
    makers = [("empty_text", "tiny file", lambda i: b"."),
              ("binary", "control characters", lambda i: bytes(range(1, 32)) * 4),
              ("binary", "random binary", lambda i: b.rng.randbytes(64) + b"\x00"),
              ("empty_text", "empty file", lambda i: b""),
              ("bad_json", "jsonl wrong top-level type", lambda i: b"[1, 2, 3]\n")]
    for i in range(count):
        code, kind, make = makers[i % len(makers)]
        ext = "jsonl" if kind.startswith("jsonl") else "txt"
        rel = f"x/many/{i // 500:02d}/{i:05d}.{ext}"
        b.write(rel, make(i))
        b.m.fail(rel + (":1" if ext == "jsonl" else ""), code, kind)


def build_long(root: Path, outside: Path, sidecar_dir: Path, *, seed: int = 11, n_inputs: int = 5000,
               n_valid: int = 80, max_bytes: int = 200_000, big_bytes: int = 50_000_000) -> Manifest:
    """The base hostile tree plus the kinds above, topped up to `n_inputs` inputs."""
    manifest = build(root, outside, sidecar_dir, seed=seed, n_valid=n_valid, max_bytes=max_bytes)
    b = _Builder(root, outside, seed + 1)
    b.m, b.n = manifest, 100_000  # one manifest; article numbers apart from build()'s
    _once(b, big_bytes)
    _jsonl_more(b, 120)
    have = len(manifest.stored) + len(manifest.failed) + manifest.duplicates
    _bulk(b, max(0, n_inputs - have))
    return manifest
