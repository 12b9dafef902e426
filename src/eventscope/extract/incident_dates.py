"""The date of the incident a sentence tells, and whether its date alone rules it out.

Decided before anything dearer (the MiniLM head, roles, the parse) looks at the sentence:
a sentence told of years ago, of a whole period ("since January"), or of no time at all
past the lede is background, whatever else it says. Reads the dates module's spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventscope.extract.dates import (
    Anchor,
    counts_from_previous,
    has_time_expression,
    is_aggregate_period,
    resolve_date,
)
from eventscope.models import DateValue
from eventscope.nlp.sentences import Sentence

# A date this far before the anchor is history ("the September 11, 2001 attacks"), not an
# incident: three years for a day or a month ("arrested in May 2018", told in a 2020 report,
# is an arrest of May 2018, as ACLED codes late reports); 45 days for a year alone, which is
# no ACLED date. HRDsAttack train + dev, whose articles tell such arrests: 120 days and 45
# for months dropped 28 of the 400 articles' only incidents.
BACKGROUND_DAYS = 45
HISTORY_DAYS = 1096
#: Sentences before a sentence that "the same day" may refer to.
LOOKBACK = 3


@dataclass(frozen=True)
class SentenceDate:
    when: DateValue | None
    ruled_out: bool  # told of history, of a period without a day, or of no time past the lede


def is_background(when: DateValue | None, anchor: Anchor | None) -> bool:
    """'in 2016', 'September 11, 2001': a date well before the report is background, not an
    incident (a year alone after 45 days, a day or a month after three years)."""
    if when is None or when.value is None or anchor is None:
        return False
    if when.precision in ("day", "week"):
        try:
            return (anchor.date - date.fromisoformat(when.value)).days > HISTORY_DAYS
        except ValueError:
            return False
    if when.precision not in ("month", "year"):
        return False
    value = when.value + ("-12-31" if len(when.value) == 4 else "-28")
    try:
        return (anchor.date - date.fromisoformat(value)).days > (
            BACKGROUND_DAYS if len(when.value) == 4 else HISTORY_DAYS)
    except ValueError:
        return False


def previous_day(text: str, sentences: list[Sentence], s: Sentence, anchor: Anchor | None) -> DateValue | None:
    """The nearest day-precision date in the few sentences before s, for "on the same day"."""
    for prev in reversed(sentences[max(0, s.index - LOOKBACK):s.index]):
        if prev.kind == "heading":
            continue
        when = resolve_date(text, prev.start, prev.end, anchor)
        if when is not None and when.precision == "day" and when.value:
            return when
    return None


def sentence_date(text: str, sentences: list[Sentence], s: Sentence, anchor: Anchor | None,
                  lede_end: int) -> SentenceDate:
    """The sentence's incident date (a list item without one spans its list's range)."""
    previous = previous_day(text, sentences, s, anchor) if counts_from_previous(text, s.start, s.end) else None
    when = resolve_date(text, s.start, s.end, anchor, previous)
    if when is None and s.kind == "item":
        when = DateValue(None, "range", None)
    aggregate = is_aggregate_period(text, s.start, s.end)
    ruled_out = ((aggregate is not None and (when is None or when.precision != "day"))
                 or is_background(when, anchor)
                 # said of no time at all, past the lede: background ("sparked the protests")
                 or (s.kind != "item" and when is None and not has_time_expression(text, s.start, s.end)
                     and s.start >= lede_end))
    return SentenceDate(when, ruled_out)
