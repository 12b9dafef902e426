"""geoparse(): one place per given span, or the toponyms it finds."""

from __future__ import annotations

import pytest

from eventscope.resolve.gazetteer import Gazetteer
from eventscope.resolve.geoparser import geoparse

pytestmark = pytest.mark.slow

TEXT = "Boko Haram fighters attacked Konduga and Bama in Borno State, Nigeria, on Friday."


def test_with_spans_one_place_per_span_in_order(gaz: Gazetteer) -> None:
    spans = [[TEXT.index("Bama"), TEXT.index("Bama") + 4], [TEXT.index("Konduga"), TEXT.index("Konduga") + 7],
             [TEXT.index("on Friday"), TEXT.index("on Friday") + 9]]
    out = geoparse(gaz, TEXT, spans)
    assert [(r["start"], r["end"]) for r in out] == [tuple(s) for s in spans]
    assert out[0]["country"] == "NG" and out[0]["admin1"] == "Borno"
    assert isinstance(out[1]["geonameid"], int)
    assert out[2]["geonameid"] is None and out[2]["lat"] is None  # kept, unresolved


def test_without_spans_finds_toponyms(gaz: Gazetteer) -> None:
    names = [TEXT[r["start"]:r["end"]] for r in geoparse(gaz, TEXT)]
    assert names == ["Konduga", "Bama", "Borno State", "Nigeria"]


def test_bad_span_is_an_error(gaz: Gazetteer) -> None:
    with pytest.raises(ValueError):
        geoparse(gaz, TEXT, [[5, 500]])


def test_given_spans_anchor_each_other(gaz: Gazetteer) -> None:
    """Only the caller's spans anchor: "Green Oaks Boulevard" (a street the scan reads as the
    Illinois village) must not pull "Arlington" away from Tarrant County, Texas."""
    text = ("ARLINGTON — The council approved a drilling site at Green Oaks Boulevard in north "
            "Arlington. Tarrant County officials and Fort Worth residents spoke.")
    names = ["ARLINGTON", "Arlington", "Tarrant County", "Fort Worth"]
    spans = []
    for n in names:
        s = text.index(n, spans[-1][1] if spans else 0)
        spans.append([s, s + len(n)])
    out = geoparse(gaz, text, spans)
    assert [(r["country"], r["admin1"]) for r in out] == [("US", "Texas")] * 4
    assert out[2]["feature"] == "admin2"
