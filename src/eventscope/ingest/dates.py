"""Publication dates from metadata values, article text and URLs.

Only *explicit publication markers* count in the text: a "Published/Updated/Posted
<date>" line, a wire dateline ("CAIRO, Jan 8 (Reuters) -"), or a line that is a
date and nothing else among the first lines. A date inside a sentence or a photo
caption ("...during a parade on 2 January 2014") is an event date, not the
publication date, and is never taken — a wrong publication date silently shifts
every relative date ("on Tuesday") the extractor resolves.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["date_from_text", "date_from_url", "parse_date_value", "url_year"]

_MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:r(?:s)?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
#: A full calendar date with a year, in the forms English-language outlets print.
_DATE = (
    rf"{_WEEKDAY}(?:"
    rf"(?P<d1>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH},?\s+(?P<y1>\d{{4}})"
    rf"|{_MONTH.replace('mon>', 'mon2>')}\s+(?P<d2>\d{{1,2}}){_ORD},?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"
    r")"
)
#: What may follow a date on a date-only line: a time, a zone, a separator.
_TAIL = (r"(?:\s*[,|·•\-–—]?\s*(?:at\s+)?\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?"
         r"(?:\s*\(?(?:[A-Z]{2,5}|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?)\)?)?)?")
_LEAD = r"^[\s•·|*>\-–—]*"
_LONE_RE = re.compile(rf"{_LEAD}{_DATE}{_TAIL}[\s.]*$", re.I)
_MARKER_RE = re.compile(
    rf"{_LEAD}(?P<marker>(?:first\s+)?published|posted|(?:last\s+)?updated)(?:\s+on)?\s*[:\-–—]?\s*{_DATE}",
    re.I,
)
_DATELINE_RE = re.compile(
    r"^\s*[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30})?,\s+"
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
    r"\s+(?P<day>\d{1,2}),?(?:\s+(?P<year>\d{4}))?\s*(?:\([A-Za-z .]{2,30}\)\s*)?[-–—]"
)
_URL_SEP_RE = re.compile(r"(?<!\d)(\d{4})([/_.-])(\d{1,2})\2(\d{1,2})(?!\d)")
_URL_MON_RE = re.compile(r"(?<!\d)(\d{4})/([a-z]{3,9})/(\d{1,2})(?!\d)", re.I)
_URL_COMPACT_RE = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_URL_YEAR_RE = re.compile(r"(?<![\d])(?:/|-|_)((?:19|20)\d{2})(?=/|-|_)")
_ISO_PREFIX_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_TOP_LINES = 12
_TOP_CHARS = 3000
URL_YEARS = (1990, 2035)
ANY_YEARS = (1900, 2100)


def _valid(year: int, month: int, day: int, years: tuple[int, int]) -> str | None:
    if not years[0] <= year <= years[1]:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(word: str) -> int | None:
    return _MONTHS.get(word[:3].casefold())


def _from_match(m: re.Match[str], years: tuple[int, int] = ANY_YEARS) -> str | None:
    if m.group("y1"):
        mon = _month_number(m.group("mon"))
        return _valid(int(m.group("y1")), mon, int(m.group("d1")), years) if mon else None
    if m.group("y2"):
        mon = _month_number(m.group("mon2"))
        return _valid(int(m.group("y2")), mon, int(m.group("d2")), years) if mon else None
    return _valid(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")), years)


def parse_date_value(value: object) -> str | None:
    """A metadata date or datetime in any common form → 'YYYY-MM-DD', else None.

    The calendar date is taken as written (no timezone shift): outlets date a
    report in their own zone, and that is the date analysts cite.
    """
    if isinstance(value, datetime):
        return _valid(value.year, value.month, value.day, ANY_YEARS)
    if isinstance(value, date):
        return _valid(value.year, value.month, value.day, ANY_YEARS)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
        return _valid(parsed.year, parsed.month, parsed.day, ANY_YEARS)
    except ValueError:
        pass
    if m := _ISO_PREFIX_RE.match(text):
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), ANY_YEARS)
    if m := _LONE_RE.match(text):
        return _from_match(m)
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _valid(parsed.year, parsed.month, parsed.day, ANY_YEARS)


def url_year(url: str | None) -> int | None:
    """A year that stands alone as a URL path segment ('/2014/'), used to date a yearless dateline."""
    if not url:
        return None
    for m in _URL_YEAR_RE.finditer(url + "/"):
        year = int(m.group(1))
        if URL_YEARS[0] <= year <= URL_YEARS[1]:
            return year
    return None


def _top_lines(text: str) -> list[str]:
    lines = [line for line in text[:_TOP_CHARS].split("\n") if line.strip()]
    return lines[:_TOP_LINES]


def date_from_text(text: str, url: str | None = None) -> str | None:
    """The publication date stated at the top of an article, or None.

    Preference: a "Published/Posted" line, then an "Updated" line, then a wire
    dateline (its year from the dateline or, failing that, the URL), then a
    date-only line.
    """
    lines = _top_lines(text)
    published = updated = dateline = lone = None
    for line in lines:
        if m := _MARKER_RE.match(line):
            found = _from_match(m)
            if found and m.group("marker").casefold().endswith("updated"):
                updated = updated or found
            elif found:
                published = published or found
            continue
        if dateline is None and (m := _DATELINE_RE.match(line)):
            year = int(m.group("year")) if m.group("year") else url_year(url)
            mon = _month_number(m.group("mon"))
            if year and mon:
                dateline = _valid(year, mon, int(m.group("day")), ANY_YEARS)
            continue
        if lone is None and (m := _LONE_RE.match(line)):
            lone = _from_match(m)
    return published or updated or dateline or lone


def date_from_url(url: str | None) -> str | None:
    """A full date in a URL path (/2014/1/8/, /2014/jan/08/, 2014-01-08, 20140108), 1990–2035."""
    if not url:
        return None
    for m in _URL_SEP_RE.finditer(url):
        if found := _valid(int(m.group(1)), int(m.group(3)), int(m.group(4)), URL_YEARS):
            return found
    for m in _URL_MON_RE.finditer(url):
        mon = _month_number(m.group(2))
        if mon and m.group(2).casefold()[:3] in _MONTHS and (
            found := _valid(int(m.group(1)), mon, int(m.group(3)), URL_YEARS)
        ):
            return found
    for m in _URL_COMPACT_RE.finditer(url):
        if found := _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), URL_YEARS):
            return found
    return None
