"""Rules that keep datelines, headlines and history out of the incident list (no model needed)."""

from datetime import date

from eventscope.extract.dates import Anchor
from eventscope.extract.mentions import _is_background, _is_dateline
from eventscope.models import DateValue


def test_mentions_wire_dateline_city_is_not_the_incident_place():
    for text in ("KABUL, May 17 (Reuters) - A suicide bomber blew himself up in Pul-e Khumri.",
                 "Bamako (AFP) - Six soldiers were killed in an ambush near Niono.",
                 "CAIRO (Reuters) - Police fired tear gas at protesters."):
        city_end = text.index(" ") if not text.startswith("KABUL") else text.index(",")
        if text.startswith("Bamako") or text.startswith("CAIRO"):
            city_end = text.index(" (")
        assert _is_dateline(text, 0, 0, city_end), text


def test_mentions_place_opening_a_sentence_is_not_a_dateline():
    text = "Kano was hit by a bomb on Monday, police said."
    assert not _is_dateline(text, 0, 0, 4)


def test_mentions_coarse_old_dates_are_background():
    anchor = Anchor(date(2024, 8, 16), None)
    assert _is_background(DateValue("2023-04", "month", None), anchor)
    assert _is_background(DateValue("2016", "year", None), anchor)
    assert not _is_background(DateValue("2024-08", "month", None), anchor)
    assert not _is_background(DateValue("2024-08-13", "day", None), anchor)
