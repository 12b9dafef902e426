"""Incident dates read against the article's anchor, and periods that are never a day."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope.extract.dates import (
    Anchor,
    anchor_date,
    find_anchor,
    is_aggregate_period,
    resolve_date,
)
from eventscope.models import DateValue

WED = dt.date(2014, 1, 8)  # a Wednesday
MON = dt.date(2021, 3, 1)  # a Monday
NEW_YEAR = dt.date(2014, 1, 2)  # a Thursday, just after a year boundary


def when(text: str, anchor: dt.date | Anchor | None) -> tuple[str | None, str, str] | None:
    d = resolve_date(text, 0, len(text), anchor)
    if d is None:
        return None
    assert d.span is not None and text[d.span.start:d.span.end] == d.span.text
    return d.value, d.precision, d.span.text


@pytest.mark.parametrize("text,anchor,value", [
    ("Syrian rebels on Wednesday seized a hospital in Aleppo, activists said.", WED, "2014-01-08"),
    ("Airstrikes late on Tuesday night killed 19 people in Aleppo.", WED, "2014-01-07"),
    ("Tuesday's attack on a market in Maiduguri killed five.", WED, "2014-01-07"),
    ("Gunmen stormed a church in Kasai on Tuesday morning.", WED, "2014-01-07"),
    ("Gunmen killed 12 villagers in Zamfara late on Sunday, police said.", MON, "2021-02-28"),
    ("Police in Guerrero found the bodies on Monday.", MON, "2021-03-01"),
    ("Fighting broke out in Kidal on Friday.", NEW_YEAR, "2013-12-27"),
    ("Rebels turned their guns on each other last Friday in Idlib.", WED, "2014-01-03"),
    ("Troops raided the village last Monday, residents said.", MON, "2021-02-22"),
])
def test_weekdays(text: str, anchor: dt.date, value: str) -> None:
    assert when(text, anchor)[:2] == (value, "day")


@pytest.mark.parametrize("text,value", [
    ("A suicide bomber struck a mosque in Kabul yesterday.", "2014-01-07"),
    ("Houthi forces shelled Taiz today, residents said.", "2014-01-08"),
    ("Clashes erupted in Cairo this morning.", "2014-01-08"),
    ("Russian drones hit Odesa overnight.", "2014-01-07"),
    ("Gunmen attacked a checkpoint in Sinai last night.", "2014-01-07"),
    ("A bomb exploded in Gao three days ago.", "2014-01-05"),
])
def test_relative_days(text: str, value: str) -> None:
    assert when(text, WED)[:2] == (value, "day")


def test_week_month_and_year_precision() -> None:
    # week precision: the value is the middle of the days the words allow (Wednesday of a past
    # week, Saturday of a weekend, never after the anchor), so it is at most ~3 days off
    assert when("Soldiers killed 7 herders in Mopti last week.", WED)[:2] == ("2014-01-01", "week")
    assert when("Militants attacked Beni earlier this week.", WED)[:2] == ("2014-01-07", "week")
    assert when("Militants attacked Beni this week.", dt.date(2014, 1, 7))[:2] == ("2014-01-07", "week")
    assert when("Gunmen raided a village in Zamfara over the weekend.", WED)[:2] == ("2014-01-04", "week")
    assert when("Troops retook the town two weeks ago.", WED)[:2] == ("2013-12-25", "week")
    assert when("The army shelled Sagaing earlier this month.", WED)[:2] == ("2014-01", "month")
    assert when("Cartel gunmen attacked a bar in Celaya last month.", WED)[:2] == ("2013-12", "month")
    assert when("The town was bombed in 2013.", WED)[:2] == ("2013", "year")
    assert when("Al-Shabaab seized the town last year.", WED)[:2] == ("2013", "year")


@pytest.mark.parametrize("text,anchor,value", [
    ("Militants attacked the base on 30 December.", NEW_YEAR, "2013-12-30"),
    ("The attack happened on 2 January.", NEW_YEAR, "2014-01-02"),
    ("Gunmen struck Bama on Jan. 2, officials said.", WED, "2014-01-02"),
    ("The convoy was ambushed on January 2nd near Goma.", WED, "2014-01-02"),
    ("The strike in Marib on 2 Jan killed four.", WED, "2014-01-02"),
    ("The raid took place on 2 January 2014.", None, "2014-01-02"),
    ("The massacre happened on January 2, 2014 in Borno.", None, "2014-01-02"),
    ("Reported on 2014-01-02 by the Observatory.", None, "2014-01-02"),
])
def test_calendar_dates(text: str, anchor: dt.date | None, value: str) -> None:
    assert when(text, anchor)[:2] == (value, "day")


def test_month_names_that_are_words_are_not_dates() -> None:
    assert when("Officials said more people may be killed in March-like storms.", WED) is None


def test_no_anchor_no_guess() -> None:
    assert when("Gunmen killed 12 villagers in Zamfara on Sunday.", None) is None
    assert when("A bomb exploded in Kabul yesterday.", None) is None
    assert when("Insurgents will attack again next Friday.", WED) is None


@pytest.mark.parametrize("text,period", [
    ("At least 300 people have been killed since Friday, the Observatory said.", "since Friday"),
    ("Dozens were killed or captured over the past two days.", "over the past two days"),
    ("Attacks on schools in Mali have risen in recent weeks.", "in recent weeks"),
    ("This year alone 2,000 have died in Darfur.", "This year alone"),
    ("The worst infighting since the uprising against Assad began nearly three years ago.",
     "since the uprising against Assad began nearly three years ago"),
    ("More than 130,000 people have died since the war began in 2011.", "since the war began in 2011"),
])
def test_periods_are_ranges_not_days(text: str, period: str) -> None:
    span = is_aggregate_period(text, 0, len(text))
    assert span is not None and span.text == period
    assert when(text, WED) == (None, "range", period)


def test_day_is_preferred_over_a_period_in_the_same_sentence() -> None:
    text = "On Tuesday an airstrike killed 19 in Aleppo, where 300 have died since Friday."
    assert when(text, WED)[:2] == ("2014-01-07", "day")


def test_first_expression_wins() -> None:
    text = "On Monday gunmen attacked Damaturu, a week after the Sunday raid on Gujba."
    assert when(text, WED)[:2] == ("2014-01-06", "day")


def test_no_date_no_period() -> None:
    assert when("Gunmen attacked a police station in Kano.", WED) is None
    assert is_aggregate_period("Gunmen attacked a police station in Kano.", 0, 40) is None


def test_anchor_from_publication_date() -> None:
    assert anchor_date("Gunmen killed 12 on Sunday.", dt.date(2021, 3, 1)) == (dt.date(2021, 3, 1), None)
    assert anchor_date("Gunmen killed 12 on Sunday.", "2021-03-01") == (dt.date(2021, 3, 1), None)
    assert anchor_date("Gunmen killed 12 on Sunday.", None) == (None, None)


def test_anchor_from_dateline() -> None:
    text = "CAIRO, Jan 8, 2014 (Reuters) - Militants killed five soldiers in North Sinai on Tuesday."
    day, span = anchor_date(text, None)
    assert day == dt.date(2014, 1, 8) and span is not None and span.text == "Jan 8, 2014"
    a = find_anchor(text, None)
    assert a is not None and not a.lower_bound
    assert when(text[31:], a)[:2] == ("2014-01-07", "day")


def test_dateline_without_year_borrows_a_full_date_or_gives_up() -> None:
    text = "KABUL, Dec 30 (Reuters) - A bomb hit a bus. The talks of 12 December 2013 failed."
    assert anchor_date(text, None)[0] == dt.date(2013, 12, 30)
    assert anchor_date("KABUL, Dec 30 (Reuters) - A bomb hit a bus.", None) == (None, None)


def test_caption_anchor_is_a_lower_bound() -> None:
    text = ("Fighters parade in Tel Abyad, near the border with Turkey, on 2 January 2014\n"
            "Image caption,\nThe group has alienated other rebels\n\n"
            "The fighting flared on Friday. Two were killed yesterday.")
    a = find_anchor(text, None)
    assert a is not None and a.kind == "caption" and a.date == dt.date(2014, 1, 2)
    assert a.span is not None and a.span.text == "2 January 2014"
    i = text.index("The fighting")
    assert resolve_date(text, i, i + 30, a).value == "2014-01-03"  # forward from the caption
    j = text.index("Two were")
    assert resolve_date(text, j, len(text), a) is None  # "yesterday" of an unknown day


def test_full_dates_in_prose_are_not_captions() -> None:
    text = "The ceasefire signed on 2 January 2014 collapsed.\nGunmen attacked Bama on Friday."
    assert find_anchor(text, None) is None


@pytest.mark.parametrize("text", [
    "Drones attacked Kharkiv overnight on Oct. 4, injuring seven people.",
    "Drones attacked Kharkiv overnight, on 4 October, injuring seven people.",
    "Drones attacked Kharkiv late yesterday (October 4), injuring seven people.",
])
def test_an_explicit_date_right_after_a_relative_word_wins(text: str) -> None:
    assert when(text, dt.date(2024, 10, 5))[:2] == ("2024-10-04", "day")


@pytest.mark.parametrize("text, value", [
    ("On the same day, shells fell on a camp near Goma, killing five.", "2024-06-11"),
    ("That same night gunmen raided a church in Kaduna.", "2024-06-11"),
    ("Later that day a car bomb exploded in Mogadishu.", "2024-06-11"),
    ("The following day, troops retook the village.", "2024-06-12"),
    ("A day earlier, two soldiers died in an ambush.", "2024-06-10"),
    ("Two days later the army shelled the town.", "2024-06-13"),
])
def test_follow_on_day_words_count_from_the_previous_dated_sentence(text: str, value: str) -> None:
    previous = DateValue("2024-06-11", "day", None)
    got = resolve_date(text, 0, len(text), Anchor(dt.date(2024, 6, 14), None), previous=previous)
    assert (got.value, got.precision) == (value, "day")
    assert got.span is not None and got.span.text.lower().strip(" ,") in text.lower()


def test_follow_on_day_words_without_a_previous_date_stay_unresolved() -> None:
    text = "On the same day, shells fell on a camp near Goma, killing five."
    assert resolve_date(text, 0, len(text), Anchor(dt.date(2024, 6, 14), None)) is None
