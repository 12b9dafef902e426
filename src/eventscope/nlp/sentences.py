"""A cheap sentence and list-item splitter that keeps article offsets.

The spaCy parser costs ~1000x the tokenizer, so we split with rules first and
send only candidate sentences to any model. News layout matters here: bullet
lists ("Fighting has been reported in:" followed by one place per bullet) and
photo captions are units of their own, and a list item remembers its header so
the header's verb ("fighting") can type the items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"(?:[•●▪◦‣∙·\-–—*]|\d{1,2}[.)])[ \t\u00a0]+")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) then space + an opener.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Pvt|Adm|Gov|Sen|Rep|Rev|St|Mt|Ft|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|vs|etc|Inc|Ltd|Co|Corp|approx|"
    r"est|Jr|Sr)\.|\b(?:[A-Z]\.){1,3}[A-Z]?\.?)$"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    kind: str = "sentence"  # sentence | item | heading
    header: Sentence | None = None  # for list items: the line that introduces the list
    index: int = 0  # position in the article


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one line into sentences, skipping abbreviation dots."""
    out = []
    cur = start
    segment = text[start:end]
    for m in _END.finditer(segment):
        stop = start + m.end()
        before = text[max(cur, stop - 12):stop].rstrip("\"'”’)]")
        if _ABBREV.search(before):
            continue
        out.append((cur, stop))
        cur = stop
        while cur < end and text[cur].isspace():
            cur += 1
    if cur < end:
        out.append((cur, end))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[Sentence]:
    """Sentences, list items and headings of an article, in order, with offsets."""
    sentences: list[Sentence] = []
    header: Sentence | None = None
    for line_start, line_end in _line_spans(text):
        start, end = _strip(text, line_start, line_end)
        if start >= end:
            continue
        bullet = _BULLET.match(text, start, end)
        if bullet:
            item_start, item_end = _strip(text, bullet.end(), end)
            if item_start < item_end:
                sentences.append(Sentence(item_start, item_end, text[item_start:item_end], "item",
                                          header, len(sentences)))
            continue
        header = None
        parts = _split_line(text, start, end)
        for i, (s, e) in enumerate(parts):
            s, e = _strip(text, s, e)
            if s >= e:
                continue
            chunk = text[s:e]
            kind = "sentence"
            if not re.search(r"[.!?:\"”]$", chunk) and (
                    (len(parts) == 1 and len(chunk.split()) <= 14) or (not sentences and len(chunk.split()) <= 30)):
                kind = "heading"  # a title line; the first line of a report may be a long one
            sent = Sentence(s, e, chunk, kind, None, len(sentences))
            sentences.append(sent)
            if i == len(parts) - 1 and chunk.endswith(":"):
                header = sent
    return sentences
