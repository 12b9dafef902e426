"""A seeded generator of hostile inputs, with the outcome each one must get.

Every kind the issue-11 report tried is here — FIFOs, links to devices and out
of the folder, deep JSON, wrong field types, bad names, bombs, binaries, bad
encodings, sidecars pointing elsewhere — mixed with valid articles written in
many shapes (UTF-16 without BOM, latin-1, CRLF, lone surrogates, non-UTF-8
names). The manifest says, for every input, whether it must be stored (and
under which source) or fail (and with which code, when the code is certain).
The same seed gives the same files, so a failure can be replayed.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from tests.ingest.ingest_samples import FRENCH_TXT

#: Text that must never appear in the store: it lives only outside the inputs.
SECRET = "SECRET-OUTSIDE-THE-INPUTS 7f3a"

_ACTORS = ["Rebels", "Government forces", "Militiamen", "Police", "Gunmen", "Soldiers", "Protesters"]
_VERBS = ["attacked", "clashed with", "shelled", "ambushed", "fought"]
_TARGETS = ["villagers", "a police post", "an army base", "a market", "a convoy", "a checkpoint"]
_PLACES = ["Beni", "Goma", "Aleppo", "Idlib", "Maiduguri", "Kano", "Kunduz", "Kharkiv", "Mopti", "Sanaa"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SAYS = ["officials said", "witnesses said", "a local leader told reporters", "police said"]


@dataclass
class Manifest:
    """What the run must do: stored sources, failures (source -> code or None for any)."""

    stored: set[str] = field(default_factory=set)
    failed: dict[str, str | None] = field(default_factory=dict)
    duplicates: int = 0
    roots: list[Path] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # source (or "dup:N") -> kind of input

    def store(self, source: str, kind: str = "valid") -> None:
        assert source not in self.stored and source not in self.failed, source
        self.stored.add(source)
        self.kinds[source] = kind

    def fail(self, source: str, code: str | None, kind: str | None = None) -> None:
        assert source not in self.stored and source not in self.failed, source
        self.failed[source] = code
        self.kinds[source] = kind or code or "any failure"

    def duplicate(self, kind: str = "duplicate") -> None:
        self.duplicates += 1
        self.kinds[f"dup:{self.duplicates}"] = kind


def article(rng: random.Random, n: int) -> str:
    """A short English conflict report; `n` makes its text (and so its id) unique."""
    place, day = rng.choice(_PLACES), rng.choice(_DAYS)
    lines = [f"{rng.choice(_ACTORS)} kill {n + 2} in {place} (report {n})", ""]
    for _ in range(rng.randint(2, 4)):
        lines.append(f"{rng.choice(_ACTORS)} {rng.choice(_VERBS)} {rng.choice(_TARGETS)} in {place} "
                     f"on {day}, killing {rng.randint(2, 30)} people, {rng.choice(_SAYS)}. "
                     f"Residents of {place} said the fighting lasted several hours (item {n}).")
    return "\n\n".join(lines) + "\n"


class _Builder:
    def __init__(self, root: Path, outside: Path, seed: int) -> None:
        self.root, self.outside = root, outside
        self.rng = random.Random(seed)
        self.n = 0
        self.m = Manifest(roots=[root])

    def text(self) -> str:
        self.n += 1
        return article(self.rng, self.n)

    def write(self, rel: str, data: bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def valid_files(self, count: int) -> None:
        for i in range(count):
            shape = i % 8
            text = self.text()
            if shape == 0:
                rel, data = f"ok/{i:03d}.txt", text.encode("utf-8")
            elif shape == 1:
                rel, data = f"ok/{i:03d}-crlf.txt", text.replace("\n", "\r\n").encode("utf-8")
            elif shape == 2:
                rel, data = f"ok/{i:03d}-le.txt", text.encode("utf-16-le")
            elif shape == 3:
                rel, data = f"ok/{i:03d}-be.txt", text.encode("utf-16-be")
            elif shape == 4:
                rel, data = f"ok/{i:03d}-latin1.txt", (text + "Caf\u00e9 owners fled.\n").encode("latin-1")
            elif shape == 5:
                body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
                rel, data = f"ok/{i:03d}.html", f"<html><body><article>{body}</article></body></html>".encode()
            elif shape == 6:
                rel, data = f"ok/{i:03d}-formula.txt", ("=HYPERLINK(\"http://evil\") " + text).encode("utf-8")
            else:
                rel, data = f"deep/{'/'.join('d' for _ in range(40))}/{i:03d}.txt", text.encode("utf-8")
            self.write(rel, data)
            self.m.store(rel, ("utf-8", "crlf", "utf-16-le no BOM", "utf-16-be no BOM", "latin-1", "html",
                               "formula prefix", "deep folders")[shape])

    def same_names(self) -> None:
        for sub in ("east", "west"):
            self.write(f"{sub}/report.txt", self.text().encode("utf-8"))
            self.m.store(f"{sub}/report.txt")
        copy = self.text().encode("utf-8")
        self.write("dup/a.txt", copy)
        self.write("dup/b.txt", copy)
        self.m.store("dup/a.txt")
        self.m.duplicate()

    def bad_names(self) -> None:
        base = os.fsencode(self.root / "names")
        os.makedirs(base, exist_ok=True)
        for i in range(6):
            raw = b"caf\xe9-%d\xff.txt" % i
            body = self.text().encode("utf-8") if i % 2 == 0 else b"\x00\x01" * 50
            with open(os.path.join(base, raw), "wb") as fh:
                fh.write(body)
            source = "names/" + raw.decode("utf-8", errors="backslashreplace")
            if i % 2 == 0:
                self.m.store(source, "non-UTF-8 name")
            else:
                self.m.fail(source, "binary", "non-UTF-8 name, binary")

    def junk_files(self, count: int, max_bytes: int) -> None:
        rng = self.rng
        makers = [
            ("empty_text", lambda: b""), ("empty_text", lambda: b" \n\t\n" * rng.randint(1, 50)),
            ("binary", lambda: b"\x00" * rng.randint(1, 3000)),
            ("binary", lambda: b"%PDF-1.7\n" + rng.randbytes(200)),
            ("binary", lambda: b"\x89PNG\r\n" + rng.randbytes(200)),
            (None, lambda: rng.randbytes(rng.randint(300, 3000))),
            ("too_large", lambda: b"a " * (max_bytes // 2 + 10)),
            ("binary", lambda: ("news \x01\x02\x03\x04 " * 200).encode()),
            ("bad_encoding", lambda: "\u0416\u0443\u0440\u043d\u0430\u043b ".encode("cp1251") * 200),
            ("unsupported_language", lambda: FRENCH_TXT.encode("utf-8")),
            ("empty_text", lambda: b"... --- !!! ??? " * 20),
        ]
        for i in range(count):
            code, make = makers[i % len(makers)]
            rel = f"junk/{i:03d}.txt"
            self.write(rel, make())
            self.m.fail(rel, code, f"junk {i % len(makers)}")
        for i in range(max(2, count // 20)):
            rel = f"junk/bomb{i}.html.gz"
            self.write(rel, gzip.compress(b"<p>" + b"a" * (max_bytes + 1000) + b"</p>"))
            self.m.fail(rel, "too_large", "gzip bomb")
            rel = f"junk/notgz{i}.html.gz"
            self.write(rel, b"\x1f\x8bnot really gzip" + rng.randbytes(50))
            self.m.fail(rel, "unreadable", "not gzip")
            rel = f"junk/menu{i}.html"
            self.write(rel, b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
            self.m.fail(rel, "bad_html", "menu-only html")

    def special_files(self) -> None:
        (self.root / "special").mkdir()
        for i in range(3):
            os.mkfifo(self.root / "special" / f"pipe{i}.txt")
            self.m.fail(f"special/pipe{i}.txt", "not_regular", "FIFO")
        os.mkfifo(self.root / "special" / "feed.jsonl")
        self.m.fail("special/feed.jsonl", "not_regular", "FIFO")
        links = {"zero.txt": "/dev/zero", "random.txt": "/dev/urandom", "passwd.txt": "/etc/passwd",
                 "secret.txt": str(self.outside / "secret.txt")}
        for name, target in links.items():
            (self.root / "special" / name).symlink_to(target)
            self.m.fail(f"special/{name}", "outside_inputs", f"symlink to {target.split('/')[-1]}")
        (self.root / "special" / "outdir").symlink_to(self.outside, target_is_directory=True)
        self.m.fail("special/outdir", "outside_inputs", "symlink to an outside folder")
        (self.root / "special" / "dangling.txt").symlink_to(self.root / "nowhere.txt")
        self.m.fail("special/dangling.txt", "not_found", "dangling symlink")
        (self.root / "special" / "loop").symlink_to(self.root, target_is_directory=True)  # read nothing twice

    def jsonl(self, count: int) -> None:
        rng = self.rng
        lines: list[tuple[str | None, bytes]] = []
        for i in range(count):
            kind = i % 12
            if kind == 0:
                lines.append(("stored", json.dumps({"text": self.text(), "outlet": "Wire"}).encode()))
            elif kind == 1:
                depth = rng.choice([40, 1_500, 20_000])
                lines.append(("too_deep", b'{"text": "x", "a": ' + b"[" * depth + b"]" * depth + b"}"))
            elif kind == 2:
                lines.append(("bad_field", json.dumps({"text": rng.choice([123, 1.5, True, ["a"], {"b": 1}])}).encode()))
            elif kind == 3:
                lines.append(("bad_json", b'{"text": "unterminated'))
            elif kind == 4:
                lines.append(("bad_json", json.dumps(rng.choice([[1, 2], "text", 5, None])).encode()))
            elif kind == 5:
                lines.append(("missing_text", json.dumps({"title": "no body"}).encode()))
            elif kind == 6:
                lines.append(("bad_encoding", b'{"text": "caf\xe9 \xff"}'))
            elif kind == 7:
                lines.append(("bad_field", json.dumps({"text": self.text(), "title": "t" * 20_000}).encode()))
            elif kind == 8:
                lines.append(("empty_text", json.dumps({"text": "\u0000" * rng.randint(1, 500)}).encode()))
            elif kind == 9:
                body = json.dumps(self.text())[:-1] + ' \\ud800 end."'
                lines.append(("stored", b'{"text": ' + body.encode() + b"}"))
            elif kind == 10:
                lines.append(("empty_text", json.dumps({"text": "   ", "html": ""}).encode()))
            else:
                lines.append(("stored", json.dumps({"html": "<p>" + self.text() + "</p>"}).encode()))
        marked = [("[/]", ""), ("[red]x[/red] [bold", 5), ("[link=file:///etc/passwd]y", self.text())]
        path = self.root / "feeds" / "mixed.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        tail = [json.dumps({"id": i, "text": t}).encode() for i, t in marked]  # console markup in a source
        path.write_bytes(b"\n".join([raw for _, raw in lines] + tail) + b"\n\n")
        self.m.fail("[/]", "empty_text", "markup in id")
        self.m.fail("[red]x[/red] [bold", "bad_field", "markup in id")
        self.m.store("[link=file:///etc/passwd]y", "markup in id")
        for lineno, (outcome, _) in enumerate(lines, start=1):
            source = f"feeds/mixed.jsonl:{lineno}"
            kind = f"jsonl line {(lineno - 1) % 12}"
            if outcome == "stored":
                self.m.store(source, kind)
            else:
                self.m.fail(source, outcome, kind)
        self.write("feeds/empty.jsonl", b"")
        self.m.fail("feeds/empty.jsonl", "empty_text", "empty jsonl")
        self.write("feeds/blank.jsonl", b"\n \n")
        self.m.fail("feeds/blank.jsonl", "empty_text", "blank jsonl")

    def outside_tree(self) -> None:
        self.outside.mkdir(parents=True, exist_ok=True)
        for name in ("secret.txt", "other.txt"):
            (self.outside / name).write_text(SECRET + "\n\n" + article(self.rng, 9999) + SECRET, encoding="utf-8")


def build(root: Path, outside: Path, sidecar_dir: Path, *, seed: int = 11, n_valid: int = 32,
          n_junk: int = 160, n_lines: int = 96, max_bytes: int = 200_000) -> Manifest:
    """Write the hostile tree under `root` (and a named sidecar in `sidecar_dir`); return the manifest.

    The sidecar folder is a second input root, named by its `articles.jsonl`, whose
    `file` entries try `../`, absolute paths and a missing file beside one good file.
    """
    b = _Builder(root, outside, seed)
    root.mkdir(parents=True, exist_ok=True)
    b.outside_tree()
    b.valid_files(n_valid)
    b.same_names()
    b.bad_names()
    b.junk_files(n_junk, max_bytes)
    b.special_files()
    b.jsonl(n_lines)
    sidecar_dir.mkdir(parents=True, exist_ok=True)
    (sidecar_dir / "good.txt").write_text(b.text(), encoding="utf-8")
    entries = [{"file": "good.txt", "outlet": "Sidecar Times"},
               {"file": os.path.relpath(outside / "secret.txt", sidecar_dir)},
               {"file": str(outside / "other.txt")}, {"file": "/etc/passwd"}, {"file": "missing.txt"}]
    (sidecar_dir / "articles.jsonl").write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    b.m.store("good.txt", "sidecar")
    for target in (outside / "secret.txt", outside / "other.txt", Path("/etc/passwd")):  # ../ and absolute
        b.m.fail(os.path.relpath(target, sidecar_dir), "outside_inputs", "sidecar escape")
    b.m.fail("missing.txt", "not_found", "sidecar missing file")
    return b.m
