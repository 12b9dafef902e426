"""What a sentence's date alone decides, before the dearer stages read it."""

from __future__ import annotations

from eventscope.extract.dates import find_anchor
from eventscope.extract.incident_dates import sentence_date
from eventscope.extract.mentions import _lede_end
from eventscope.nlp.sentences import split_sentences

TEXT = ("Police arrested 12 protesters in Lagos on Monday, witnesses said. "
        "Since January, more than 40 people have been killed in attacks across the state. "
        "The same day, soldiers detained two journalists in Abuja. "
        "She was first arrested in May 2021 for her reporting. "
        "Troops were first deployed to the region in 1998. "
        "The group has long been accused of abuses.")


def _dates() -> list[tuple[str | None, bool]]:
    sentences = split_sentences(TEXT)
    anchor = find_anchor(TEXT, "2024-03-06")
    lede = _lede_end(sentences[:1])
    out = []
    for s in sentences:
        d = sentence_date(TEXT, sentences, s, anchor, lede)
        out.append((d.when.value if d.when else None, d.ruled_out))
    return out


def test_a_day_an_aggregate_the_same_day_a_recent_month_history_and_no_time():
    dates = _dates()
    # Monday; a toll since January (a period); "the same day" as the day before; an arrest of
    # May 2021 told late; history; no time at all past the lede.
    assert [ruled_out for _, ruled_out in dates] == [False, True, False, False, True, True]
    assert [dates[i][0] for i in (0, 2, 3, 4, 5)] == ["2024-03-04", "2024-03-04", "2021-05", "1998", None]
