"""Counts of people as news prose writes them, read conservatively."""

from __future__ import annotations

import pytest

from eventscope.extract.numbers import find_quantities, parse_number


def counts(text: str) -> list[tuple[int | None, int | None, int | None, str]]:
    out = []
    for q in find_quantities(text):
        out.append((q.best, q.low, q.high, text[q.start:q.end]))
    return out


@pytest.mark.parametrize("words,value", [
    ("20", 20), ("1,200", 1200), ("twenty-one", 21), ("three hundred", 300), ("a dozen", 12),
    ("two dozen", 24), ("half a dozen", 6), ("three hundred and twenty", 320), ("Eleven", 11),
    ("2 million", 2_000_000), ("several", None), ("twenty-foo", None),
])
def test_parse_number(words: str, value: int | None) -> None:
    assert parse_number(words) == value


def test_digits_and_words_in_a_sentence() -> None:
    text = "Boko Haram fighters killed twenty-one fishermen; 1,200 people fled Baga."
    assert [c[0] for c in counts(text)] == [21, 1200]


def test_qualifiers_follow_the_stated_number() -> None:
    text = ("In Kandahar at least 5 died; in Helmand more than 20 were hurt; "
            "nearly 40 miners were trapped and up to 30 went missing near Kolwezi.")
    assert counts(text) == [(5, 5, None, "at least 5"), (20, 20, None, "more than 20"),
                            (40, 40, 40, "nearly 40"), (30, 30, 30, "up to 30")]


def test_ranges_take_the_low_figure_as_best() -> None:
    assert counts("between 10 and 15 civilians")[0] == (10, 10, 15, "between 10 and 15")
    assert counts("two or three gunmen")[0] == (2, 2, 3, "two or three")
    assert counts("10-15 soldiers")[0][:3] == (10, 10, 15)


def test_toll_changes_keep_the_new_figure() -> None:
    assert counts("the toll in Sanaa rose from 10 to 15")[0][:3] == (15, 15, None)


def test_vague_plurals_are_floors() -> None:
    text = "Dozens of villagers fled. Scores of fighters. Hundreds of families. Tens of thousands of people."
    assert [c[0] for c in counts(text)] == [12, 20, 100, 10_000]


def test_indefinite_words_are_not_numbers() -> None:
    text = "Several soldiers and a number of civilians were hurt in Gao."
    assert [c[0] for c in counts(text)][:2] == [None, None]


@pytest.mark.parametrize("text,best", [
    ("three adults and a child were killed in Douma", 4),
    ("two soldiers and three civilians died in Donetsk", 5),
    ("a 20-year-old man was shot in Culiacan", 1),
    ("gunmen killed the doctor in Goma", 1),
    ("a senior commander and his driver", 2),
])
def test_people_lists_are_summed(text: str, best: int) -> None:
    assert counts(text)[0][0] == best


def test_numbers_that_are_not_counts_are_skipped() -> None:
    text = "On 2 January 2014 at 10 am, 5 km from Mopti, in 2013, 3 days later, Resolution 2100 passed."
    assert counts(text) == []


def test_no_one_is_not_one() -> None:
    assert counts("no one was hurt in Kabul") == []


def test_offsets_respect_the_window() -> None:
    text = "Five died in Aden. Seven died in Taiz."
    qs = find_quantities(text, 19, len(text))
    assert [(q.best, text[q.start:q.end]) for q in qs] == [(7, "Seven")]
