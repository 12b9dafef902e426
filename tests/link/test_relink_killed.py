"""Issue 11: linking killed (SIGKILL) between two of its transactions leaves nothing stale.

Linking writes in several transactions: the wire groups, each slice of new articles, then
the stored events whose sources a merge of wire groups changed, then actors and places. A
kill between them keeps what was committed; the next run (with nothing new to link) must
finish the rest, so the store ends as an uninterrupted run leaves it. The kill is stood in
for by an exception at that point, with the in-memory store kept as the kill leaves it.
"""

import pytest

from eventscope.link import relink
from eventscope.link.relink import relink_store
from eventscope.store.db import Store
from tests.link.store_articles import ISIL, store_article, store_reports, store_two_edits
from tests.link.test_relink_incremental import FIRST, snapshot
from tests.link.wire_texts import AFP_DARKUSH

pytestmark = pytest.mark.issue(11)


class Killed(BaseException):
    """SIGKILL: nothing after it runs, no handler sees it."""


def _kill(*_args, **_kwargs):
    raise Killed


def test_killed_after_its_last_slice_the_next_run_counts_actors_and_places(monkeypatch):
    with Store(":memory:") as whole, Store(":memory:") as killed:
        store_reports(whole, FIRST)
        relink_store(whole)
        store_reports(killed, FIRST)
        with monkeypatch.context() as m:
            m.setattr(relink, "_recount_actors_and_places", _kill)
            with pytest.raises(Killed):
                relink_store(killed)
        assert killed.count("stories") == len(FIRST) and killed.count("actors") == 0
        relink_store(killed)  # the next run: nothing new to link
        assert snapshot(killed) == snapshot(whole)


def _two_edits_then_the_dispatch(db: Store) -> None:
    """Two edits of one dispatch, linked as two sources; then the dispatch, a copy of both, stored."""
    store_two_edits(db)
    relink_store(db)
    store_article(db, "afp", "AFP", "2014-01-08", "Syrian rebels seize jihadist HQ", AFP_DARKUSH, [ISIL], ["SY"],
                  [], run_id="r2")


def test_killed_after_wire_groups_merged_the_next_run_recounts_their_events_sources(monkeypatch):
    with Store(":memory:") as whole, Store(":memory:") as killed:
        _two_edits_then_the_dispatch(whole)
        relink_store(whole)
        assert whole.query("SELECT corroboration FROM events") == [{"corroboration": 1}]
        _two_edits_then_the_dispatch(killed)
        with monkeypatch.context() as m:
            m.setattr(relink, "_link_slice", _kill)  # the groups are merged and committed, then the kill
            with pytest.raises(Killed):
                relink_store(killed)
        assert killed.count("stories") == 2
        relink_store(killed)
        assert snapshot(killed) == snapshot(whole)
