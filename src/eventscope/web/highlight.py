"""Cut a text into segments, each knowing which evidence spans cover it, for highlighting.

The dashboard never builds HTML from article text: it hands these segments to
a Jinja template (autoescaped), which wraps covered segments in <mark>. Field
names become CSS classes only through a fixed whitelist.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

FIELDS = ("sentence", "trigger", "actor1", "actor2", "place", "date", "fatalities", "claim_source",
          "verified", "associated", "relation")


def segments(text: str, spans: list[dict[str, Any]], offset: int = 0) -> list[dict[str, Any]]:
    """`text` (which starts at `offset` in its article) as segments with the fields covering each.

    Spans outside the text are clipped; spans with missing or inverted offsets are ignored.
    """
    marks = []
    for s in spans:
        start, end = s.get("start"), s.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or end <= start:
            continue
        start, end = max(start - offset, 0), min(end - offset, len(text))
        if start < end:
            field = s.get("field") if s.get("field") in FIELDS else "other"
            value = s.get("value")
            marks.append((start, end, field, f"{field}: {value}" if value not in (None, "") else field))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m[0] <= a and b <= m[1]]
        fields = sorted({m[2] for m in covering})
        out.append({"text": text[a:b], "fields": fields,
                    "title": "; ".join(dict.fromkeys(m[3] for m in covering))})
    return out


def safe_url(url: str | None) -> str | None:
    """The url if it is http(s), else None: a `javascript:` or `data:` link is shown as text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None
