"""When an incident happened, read against the article's anchor date.

News dates incidents relative to publication ("on Tuesday", "yesterday", "last week"), so
every relative expression needs an anchor; without one a weekday is never guessed.

Rules (ACLED time_precision: day 1, week 2, month/year 3):
- weekday ("on Tuesday", "late on Tuesday night", "Tuesday's attack") -> the most recent such
  day on or before the anchor; "last Friday" -> strictly before; "next Friday" -> not resolved.
- "yesterday" -> anchor-1; "today", "this morning", "earlier today", "tonight" -> anchor;
  "overnight", "last night" -> anchor-1; "N days ago" -> anchor-N.
- week precision: "last week", "this week", "over the weekend", "N weeks ago". The value is the
  middle of the days the words allow (the Wednesday of a past week, the Saturday of a weekend,
  never after the anchor): a day that is at most three days from the true one.
- month precision: "this month", "earlier this month" -> YYYY-MM; "last month" -> the month before.
- "2 January", "Jan. 2", "January 2nd" -> the anchor's year, or the year before when that day
  would fall after the anchor. Full dates ("2 January 2014", "January 2, 2014", "2014-01-02")
  need no anchor. "in 2013", "last year", "earlier this year" -> year precision.
- Periods ("since Friday", "over the past two days", "in recent weeks", "this year") are never a
  day: when a sentence's only time expression is a period, resolve_date returns
  DateValue(None, "range", span-of-the-period).
- Several expressions in one sentence: the first one (in text order) that resolves, outside any
  period. Incident sentences put the incident's time next to the main verb, usually first.

An anchor taken from a photo caption is only a lower bound on the publication date (the photo
predates the report), so against such an `Anchor` weekdays resolve forward (the first such day on
or after the caption date) and "yesterday"/"last week" stay unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from eventscope.data import read_tsv
from eventscope.models import DateValue, Span

PERIODS_FILE = "lexicons/time_periods.v1.tsv"

MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d\d"
_NUMWORD = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# Every alternative below starts at one of these; checking it first halves the scan time.
_EXPR_START = (r"\b(?=\d|[A-Z][a-z]|(?i:in|during|on|since|by|of|early|late|mid|last|this|next|past|coming|"
               r"the|yesterday|earlier|today|tonight|overnight|later|at|over|a|an|one|two|three|four|five|"
               r"six|seven|eight|nine|ten|eleven|twelve)\b)")
# Month names and weekdays are matched capitalised only ("may", "march" are verbs).
_EXPR = re.compile(
    _EXPR_START + r"(?:"
    r"\b(?P<iso>" + _YEAR + r")-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)\b"
    r"|\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>" + _MONTH + r")\b\.?(?:,?\s+(?P<y1>" + _YEAR + r")\b)?"
    r"|\b(?P<m2>" + _MONTH + r")\b\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b(?!:)(?:,?\s+(?P<y2>" + _YEAR + r")\b)?"
    r"|\b(?P<m3>" + _MONTH + r")\b,?\s+(?P<y3>" + _YEAR + r")\b"
    r"|(?i:\b(?:in|during|on|since|by|of|early|late|mid|mid-)\s+)(?P<m4>" + _MONTH + r")\b(?!\.?\s+\d|-[a-z])"
    r"|(?i:\b(?:in|during|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?)(?P<y4>" + _YEAR + r")\b(?!\s*-\s*\d)"
    r"|(?i:\b(?P<wmod>last|this|next|past|coming)\s+)?(?P<wd>" + _WEEKDAY + r")(?!s\b)\b"
    r"|(?i:\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|earlier\s+today|today|tonight|"
    r"this\s+(?:morning|afternoon|evening)|overnight|last\s+night|"
    r"(?:earlier\s+|later\s+)?this\s+week|last\s+week|(?:at|over|during)\s+the\s+weekend|last\s+weekend|"
    r"(?:earlier\s+|later\s+)?this\s+month|last\s+month|earlier\s+this\s+year|last\s+year)\b)"
    r"|(?i:\b(?P<agon>" + _NUMWORD + r")\s+(?P<agou>day|week|month|year)s?\s+ago\b))",
)
# Only dates with a year, for anchors: far cheaper to scan a whole article with than _EXPR.
_FULL_DATE = re.compile(
    r"\b(?P<iso>" + _YEAR + r")-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)\b"
    r"|\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>" + _MONTH + r")\b\.?,?\s+(?P<y1>" + _YEAR + r")\b"
    r"|\b(?P<m2>" + _MONTH + r")\b\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>" + _YEAR + r")\b"
)
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z'.-]+(?:[ -][A-Z][A-Z'.-]+)*(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?,?\s+)?"
    r"(?P<m>" + _MONTH + r")\.?\s+(?P<d>\d{1,2})(?:,?\s+(?P<y>" + _YEAR + r"))?\s*"
    r"(?:\((?:Reuters|AP|AFP|Xinhua|IANS|PTI|UPI|dpa|ANI|Anadolu|AA|Bernama)\)|[-—–]\s)",
    re.MULTILINE,
)
_PUBLISHED_LINE = re.compile(
    r"^[ \t]*(?:Published|Updated|Posted|Last updated|First published)\b[^\n\d]{0,20}", re.MULTILINE)
_CAPTION_NEXT = re.compile(r"\s*\n\s*(?:Image caption|Photo|Caption|Picture|\(Photo)", re.IGNORECASE)

AnchorKind = Literal["published", "dateline", "caption"]


@dataclass(frozen=True)
class Anchor:
    """The date relative expressions are read against, where it came from, and its span."""

    date: dt.date
    span: Span | None
    kind: AnchorKind = "published"

    @property
    def lower_bound(self) -> bool:
        """A caption date: the report was published on or after it, not necessarily on it."""
        return self.kind == "caption"


@lru_cache(maxsize=1)
def _period_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(periods, cumulative-toll cues), from data/lexicons/time_periods.v1.tsv, compiled once."""
    fill = {"{WEEKDAY}": _WEEKDAY, "{MONTH}": _MONTH, "{NUM}": r"(?:\d+|" + _NUMWORD[3:-1] + r"|twenty-four)"}
    groups: dict[str, list[str]] = {"period": [], "total": []}
    for row in read_tsv(PERIODS_FILE, ("kind", "pattern")):
        pattern = row["pattern"]
        for key, value in fill.items():
            pattern = pattern.replace(key, value)
        groups[row["kind"]].append(pattern)
    return (re.compile(r"\b(?:" + "|".join(groups["period"]) + r")\b", re.IGNORECASE),
            re.compile(r"\b(?:" + "|".join(groups["total"]) + r")", re.IGNORECASE))


def period_spans(text: str, start: int, end: int) -> list[Span]:
    """Every period expression in text[start:end] ("since Friday", "in recent weeks")."""
    periods, _ = _period_patterns()
    return [Span(m.start(), m.end(), m.group(0)) for m in periods.finditer(text, start, end)]


def total_cue(text: str, start: int, end: int) -> Span | None:
    """A cumulative-toll cue in text[start:end] ("bringing the total to", "which has killed")."""
    _, totals = _period_patterns()
    m = totals.search(text, start, end)
    return Span(m.start(), m.end(), m.group(0)) if m else None


def is_aggregate_period(text: str, start: int, end: int) -> Span | None:
    """The first period expression in text[start:end], or None: a toll over it is an aggregate."""
    spans = period_spans(text, start, end)
    return spans[0] if spans else None


# -- anchors ----------------------------------------------------------------------------------
def _month(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(MONTH_NAMES, start=1) if m.startswith(key))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_dates(text: str, start: int = 0, end: int | None = None) -> list[tuple[dt.date, Span]]:
    """Dates with day, month and year written out, in text order."""
    out = []
    for m in _FULL_DATE.finditer(text, start, len(text) if end is None else end):
        d: dt.date | None = None
        if m.group("iso"):
            d = _safe_date(int(m.group("iso")), int(m.group("iso_m")), int(m.group("iso_d")))
        elif m.group("y1"):
            d = _safe_date(int(m.group("y1")), _month(m.group("m1")), int(m.group("d1")))
        elif m.group("y2"):
            d = _safe_date(int(m.group("y2")), _month(m.group("m2")), int(m.group("d2")))
        if d:
            out.append((d, Span(m.start(), m.end(), m.group(0))))
    return out


def find_anchor(text: str, published: dt.date | str | None) -> Anchor | None:
    """The publication date; else a dateline or "Published ..." line; else a photo caption's date.

    A dateline without a year ("CAIRO, Jan 8 (Reuters)") takes the year of the latest full date in
    the text, and stays unresolved when there is none.
    """
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published[:10])
        except ValueError:
            published = None
    if isinstance(published, dt.datetime):
        published = published.date()
    if published is not None:
        return Anchor(published, None, "published")
    head = text[:3000]
    m = _DATELINE.search(head)
    if m:
        year = int(m.group("y")) if m.group("y") else None
        if year is None:
            dated = _full_dates(text)
            year = max(d for d, _ in dated).year if dated else None
        d = _safe_date(year, _month(m.group("m")), int(m.group("d"))) if year else None
        if d:
            s, e = m.start("m"), m.end("y") if m.group("y") else m.end("d")
            return Anchor(d, Span(s, e, text[s:e]), "dateline")
    for p in _PUBLISHED_LINE.finditer(head):
        line_end = text.find("\n", p.end())
        dated = _full_dates(text, p.end(), line_end if line_end >= 0 else len(text))
        if dated:
            return Anchor(dated[0][0], dated[0][1], "dateline")
    for d, span in _full_dates(text):
        line_end = text.find("\n", span.end)
        line_end = len(text) if line_end < 0 else line_end
        line = text[text.rfind("\n", 0, span.start) + 1:line_end].rstrip()
        if not line.endswith((".", "!", "?", '"', "”", "'", ":")) or _CAPTION_NEXT.match(text, line_end):
            return Anchor(d, span, "caption")
    return None


def anchor_date(text: str, published: dt.date | str | None) -> tuple[dt.date | None, Span | None]:
    """The anchor as (date, span): span None for the publication date; (None, None) if none."""
    a = find_anchor(text, published)
    return (a.date, a.span) if a else (None, None)


# -- resolution -------------------------------------------------------------------------------
def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _midweek(monday: dt.date, latest: dt.date | None = None) -> str:
    """The value of a week-precision date: its Wednesday, or the latest day the words allow."""
    mid = monday + dt.timedelta(days=2)
    if latest is not None:
        mid = max(monday, min(mid, latest))
    return mid.isoformat()


def _prev_month(d: dt.date) -> str:
    return f"{d.year - 1}-12" if d.month == 1 else f"{d.year}-{d.month - 1:02d}"


def _day_month(day: int, month: int, year: str | None, a: Anchor | None) -> str | None:
    if year:
        d = _safe_date(int(year), month, day)
        return d.isoformat() if d else None
    if a is None:
        return None
    d = _safe_date(a.date.year, month, day)
    if d is None:
        return None
    if a.lower_bound:
        if d < a.date - dt.timedelta(days=183):
            d = _safe_date(a.date.year + 1, month, day)
    elif d > a.date:
        d = _safe_date(a.date.year - 1, month, day)
    return d.isoformat() if d else None


def _weekday(name: str, mod: str | None, a: Anchor) -> dt.date | None:
    target = WEEKDAYS.index(name.lower())
    mod = (mod or "").lower()
    if mod in ("next", "coming"):
        return None  # a future day is not an incident date
    if a.lower_bound:
        return None if mod in ("last", "past") else a.date + dt.timedelta(days=(target - a.date.weekday()) % 7)
    back = (a.date.weekday() - target) % 7
    if back == 0 and mod in ("last", "past"):
        back = 7
    return a.date - dt.timedelta(days=back)


def _relative(rel: str, a: Anchor) -> tuple[str, str] | None:
    """(value, precision) of a word like "yesterday" or "last week"; None for a caption anchor."""
    if a.lower_bound:
        return None
    d = a.date
    r = re.sub(r"\s+", " ", rel.lower())
    if r == "the day before yesterday":
        return (d - dt.timedelta(days=2)).isoformat(), "day"
    if r in ("yesterday", "overnight", "last night"):
        return (d - dt.timedelta(days=1)).isoformat(), "day"
    if r.endswith(("today", "tonight", "morning", "afternoon", "evening")):
        return d.isoformat(), "day"
    if r.endswith("this week"):
        latest = d - dt.timedelta(days=1) if r.startswith("earlier") else d
        return _midweek(_monday(d), latest), "week"
    if r == "last week":
        return _midweek(_monday(d) - dt.timedelta(days=7)), "week"
    if r.endswith("weekend"):
        saturday = d - dt.timedelta(days=(d.weekday() - 5) % 7)
        if r == "last weekend" and saturday == d:
            saturday -= dt.timedelta(days=7)
        return saturday.isoformat(), "week"
    if r.endswith("this month"):
        return f"{d.year}-{d.month:02d}", "month"
    if r == "last month":
        return _prev_month(d), "month"
    if r == "earlier this year":
        return str(d.year), "year"
    if r == "last year":
        return str(d.year - 1), "year"
    return None


def _ago(n: str, unit: str, a: Anchor) -> tuple[str, str] | None:
    if a.lower_bound:
        return None
    k = int(n) if n.isdigit() else _SMALL[n.lower()]
    d = a.date
    if unit.lower() == "day":
        return (d - dt.timedelta(days=k)).isoformat(), "day"
    if unit.lower() == "week":
        return _midweek(_monday(d - dt.timedelta(days=7 * k))), "week"
    if unit.lower() == "month":
        months = d.year * 12 + d.month - 1 - k
        return f"{months // 12}-{months % 12 + 1:02d}", "month"
    return str(d.year - k), "year"


def _resolve_match(m: re.Match[str], a: Anchor | None) -> tuple[str, str] | None:
    """(value, precision) of one date expression, or None when it cannot be resolved."""
    g = m.groupdict()
    if g["iso"]:
        d = _safe_date(int(g["iso"]), int(g["iso_m"]), int(g["iso_d"]))
        return (d.isoformat(), "day") if d else None
    if g["m1"] or g["m2"]:
        day = int(g["d1"] or g["d2"])
        value = _day_month(day, _month(g["m1"] or g["m2"]), g["y1"] or g["y2"], a)
        return (value, "day") if value else None
    if g["m3"]:
        return f"{g['y3']}-{_month(g['m3']):02d}", "month"
    if g["m4"]:
        if a is None:
            return None
        month = _month(g["m4"])
        year = a.date.year - 1 if month > a.date.month and not a.lower_bound else a.date.year
        return f"{year}-{month:02d}", "month"
    if g["y4"]:
        return g["y4"], "year"
    if a is None:
        return None  # relative expressions are never guessed without an anchor
    if g["wd"]:
        d = _weekday(g["wd"], g["wmod"], a)
        return (d.isoformat(), "day") if d else None
    if g["rel"]:
        return _relative(g["rel"], a)
    return _ago(g["agon"], g["agou"], a)


# "On the same day", "the following day", "a day earlier": a day counted from the date the
# previous sentences gave, not from the anchor.
_FOLLOW_ON = re.compile(
    r"\b(?:(?:on|later|earlier)\s+)?(?:(?P<same>(?:the|that)\s+(?:same\s+)?(?:day|night|morning|afternoon|evening))"
    r"|(?P<next>the\s+(?:following|next)\s+day|(?:a|one)\s+day\s+later)"
    r"|(?P<before>the\s+(?:previous|preceding)\s+day|the\s+day\s+before|(?:a|one)\s+day\s+(?:earlier|before))"
    r"|(?P<n>two|three|four|five|\d)\s+days\s+(?P<dir>later|earlier|before))\b",
    re.IGNORECASE)
# "overnight on Oct. 4", "late yesterday (October 4)": the calendar date restates the relative one.
_RESTATES = re.compile(r"^[\s,(]*(?:on\s+)?$", re.IGNORECASE)


def _follow_on(text: str, start: int, end: int, previous: DateValue | None) -> DateValue | None:
    if previous is None or previous.precision != "day" or not previous.value:
        return None
    m = _FOLLOW_ON.search(text, start, end)
    if m is None:
        return None
    base = dt.date.fromisoformat(previous.value)
    if m.group("same"):
        days = 0
    elif m.group("next"):
        days = 1
    elif m.group("before"):
        days = -1
    else:
        k = int(m.group("n")) if m.group("n").isdigit() else _SMALL[m.group("n").lower()]
        days = k if m.group("dir").lower() == "later" else -k
    value = (base + dt.timedelta(days=days)).isoformat()
    return DateValue(value, "day", Span(m.start(), m.end(), m.group(0)))


def counts_from_previous(text: str, start: int, end: int) -> bool:
    """Whether the sentence dates itself from an earlier one ("on the same day")."""
    return _FOLLOW_ON.search(text, start, end) is not None


def has_time_expression(text: str, start: int, end: int) -> bool:
    """Whether the sentence says when at all, resolvable or not ("on Tuesday" with no anchor)."""
    return (_EXPR.search(text, start, end) is not None or _FOLLOW_ON.search(text, start, end) is not None
            or bool(period_spans(text, start, end)))


def resolve_date(text: str, start: int, end: int, anchor: dt.date | Anchor | None,
                 previous: DateValue | None = None) -> DateValue | None:
    """The date of the incident described in text[start:end] (see the module notes for rules).

    `previous` is the last day-precision date of the sentences before: "the same day" and
    "the following day" count from it, and stay unresolved without it.
    """
    a = Anchor(anchor, None) if isinstance(anchor, dt.date) else anchor
    periods = period_spans(text, start, end)
    follow = _follow_on(text, start, end, previous)
    matches = [m for m in _EXPR.finditer(text, start, end)
               if not any(p.start <= m.start() < p.end or m.start() <= p.start < m.end() for p in periods)]
    for k, m in enumerate(matches):
        if follow is not None and follow.span is not None and follow.span.start <= m.start():
            return follow
        resolved = _resolve_match(m, a)
        if not resolved:
            continue
        if m.group("rel") and k + 1 < len(matches):
            nxt = matches[k + 1]
            if (nxt.group("m1") or nxt.group("m2") or nxt.group("iso")) and _RESTATES.match(text[m.end():nxt.start()]):
                explicit = _resolve_match(nxt, a)
                if explicit:
                    m, resolved = nxt, explicit
        s, e = m.span()
        if text[s:e][:1].isspace():
            s += len(text[s:e]) - len(text[s:e].lstrip())
        return DateValue(resolved[0], resolved[1], Span(s, e, text[s:e]))  # type: ignore[arg-type]
    if follow is not None:
        return follow
    if periods:
        return DateValue(None, "range", periods[0])
    return None
