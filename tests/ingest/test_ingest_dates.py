"""Publication-date discovery: metadata values, text markers, URLs."""

from __future__ import annotations

import pytest

from eventscope.ingest.dates import date_from_text, date_from_url, parse_date_value, url_year

MALI_WIRE = (
    "Mali army says jihadists killed in central region\n\n"
    "BAMAKO, March 3 (Reuters) - Malian soldiers killed at least 30 militants in an operation "
    "near the town of Djenne in the central Mopti region on Sunday, the army said.\n"
)


@pytest.mark.parametrize("value, expected", [
    ("2014-01-08", "2014-01-08"),
    ("2014-01-08T23:30:00+03:00", "2014-01-08"),  # the date as the outlet wrote it, no tz shift
    ("2021-02-01T06:15:00Z", "2021-02-01"),
    ("2022-02-24 05:40:00 +0200", "2022-02-24"),
    ("Thu, 24 Feb 2022 05:40:00 GMT", "2022-02-24"),
    ("24 February 2022", "2022-02-24"),
    ("20140108", "2014-01-08"),
    ("last Tuesday", None),
    ("2014-02-30", None),
    ("", None),
    (None, None),
    (12, None),
])
def test_metadata_date_values(value, expected):
    assert parse_date_value(value) == expected


def test_published_line_at_top():
    text = ("Saudi-led coalition air strike hits Yemen market\n\n"
            "Published 8 January 2014\n\n"
            "An air strike on a crowded market in Saada province killed at least 14 civilians.\n")
    assert date_from_text(text) == "2014-01-08"


def test_published_beats_updated_and_accepts_weekday_and_time():
    text = ("Gunmen attack checkpoint in Tamaulipas\n"
            "Updated: Thursday, January 9, 2014 3:24 PM ET\n"
            "Posted on Wednesday, January 8, 2014 11:02 AM ET\n"
            "Gunmen ambushed a police checkpoint outside Reynosa, killing four officers.\n")
    assert date_from_text(text) == "2014-01-08"


def test_wire_dateline_takes_year_from_url():
    assert date_from_text(MALI_WIRE, "https://wire.example/world/2019/mali-army-idUSKCN1QK0AB") == "2019-03-03"


def test_wire_dateline_without_any_year_gives_nothing():
    assert date_from_text(MALI_WIRE) is None


def test_dateline_with_year():
    text = ("KABUL, Afghanistan, Aug. 26, 2021 (AP) — Two suicide bombers and gunmen attacked "
            "crowds outside Kabul's airport on Thursday.\n")
    assert date_from_text(text) == "2021-08-26"


def test_lone_date_line_near_top():
    text = ("Myanmar junta air strike kills villagers in Sagaing\n"
            "Tue 11 Apr 2023 14.02 BST\n\n"
            "A military air strike on a gathering in Pazigyi village killed dozens of people.\n")
    assert date_from_text(text) == "2023-04-11"


def test_date_in_a_sentence_or_caption_is_not_a_publication_date():
    text = ("Al-Qaeda-linked Isis under attack in northern Syria\n\n"
            "  • Published\n"
            "Fighters carry their weapons during a parade at the Syrian town of Tel Abyad, "
            "on 2 January 2014\n"
            "Image caption,\n"
            "Rebels said that on 3 January 2014 they had driven Isis out of two villages.\n")
    assert date_from_text(text) is None


def test_lone_date_deep_in_the_article_is_ignored():
    lines = [f"Paragraph {i} of a long report from Goma about fighting with M23 rebels." for i in range(20)]
    lines.append("12 November 2013")
    assert date_from_text("\n".join(lines)) is None


@pytest.mark.parametrize("url, expected", [
    ("http://america.aljazeera.com/articles/2014/1/8/syria-rebels.html", "2014-01-08"),
    ("https://news.example/2014/01/08/egypt-protest", "2014-01-08"),
    ("https://www.theguardian.com/world/2022/feb/24/ukraine-kharkiv-shelling", "2022-02-24"),
    ("https://outlet.example/africa/2019-03-03-mali-ogossagou", "2019-03-03"),
    ("https://outlet.example/a/20170415-aleppo-bus-bombing", "2017-04-15"),
    ("http://www.bbc.co.uk/news/world-middle-east-25606370", None),
    ("https://outlet.example/2014/13/45/no", None),
    ("https://outlet.example/archive/1989-06-04-beijing", None),  # before 1990
    ("https://outlet.example/story/20451231", None),  # after 2035
    (None, None),
])
def test_url_dates(url, expected):
    assert date_from_url(url) == expected


def test_url_year_only_as_a_path_segment():
    assert url_year("https://wire.example/world/2019/mali") == 2019
    assert url_year("https://wire.example/story-id-20190303x") is None
