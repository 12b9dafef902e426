"""relink_store links a run's new articles against what could match them, and nothing else."""

import pytest

from eventscope.link import event_store, story_store
from eventscope.link.relink import relink_store
from eventscope.store.db import Store
from tests.link.store_articles import ISIL, groups, store_article, store_reports, store_two_edits
from tests.link.wire_texts import AFP_DARKUSH

FIRST = ["afp", "ng", "ap", "darkush2013"]
SECOND = ["own", "ng2"]
TABLES = ("SELECT id, event_id FROM mentions ORDER BY id", "SELECT * FROM events ORDER BY id",
          "SELECT * FROM stories ORDER BY article_id", "SELECT * FROM actors ORDER BY name",
          "SELECT * FROM places ORDER BY key", "SELECT * FROM article_signatures ORDER BY article_id",
          "SELECT * FROM story_features ORDER BY article_id",
          "SELECT * FROM story_keys ORDER BY article_id, key", "SELECT * FROM story_df ORDER BY kind, term")


def snapshot(db):
    return [db.query(q) for q in TABLES]


def story_of(db):
    return {r["article_id"]: r["story_id"] for r in db.query("SELECT * FROM stories")}


def event_of(db):
    return {r["id"]: r["event_id"] for r in db.query("SELECT id, event_id FROM mentions")}


@pytest.fixture
def db():
    with Store(":memory:") as store:
        yield store


def test_second_run_joins_the_stored_story_and_event_keeping_their_ids(db):
    store_reports(db, FIRST)
    relink_store(db)
    stories, events = story_of(db), event_of(db)
    darkush = db.query("SELECT * FROM events WHERE id = ?", [events["afp-1"]])[0]
    assert darkush["n_mentions"] == 1

    store_reports(db, SECOND, "r2")
    summary = relink_store(db)
    assert summary.linked == 2
    after, after_events = story_of(db), event_of(db)
    assert all(after[a] == s for a, s in stories.items())  # an article keeps its story
    assert all(after_events[m] == e for m, e in events.items())  # a mention keeps its event
    assert after["own"] == stories["afp"] and after["ng2"] == stories["ng"]
    assert after_events["own-1"] == events["afp-1"]  # the stored incident's id, not a new one
    assert after_events["ng2-1"] == events["ng-1"]
    darkush = db.query("SELECT * FROM events WHERE id = ?", [events["afp-1"]])[0]
    assert (darkush["n_mentions"], darkush["corroboration"]) == (2, 2)
    assert "own-1 (CNN) joined via afp-1 (AFP): strict" in darkush["merge_reasons"]
    assert (summary.events, summary.stories) == (4, 4)


def test_a_run_reads_only_the_stored_events_and_stories_that_could_match(db, monkeypatch):
    store_reports(db, FIRST)
    relink_store(db)
    far_event = event_of(db)["d13-1"]
    candidates, read = [], set()
    real_candidates, real_load = event_store.candidate_event_ids, story_store.StoreStories.load

    def spy_candidates(con, facts):
        candidates.extend(found := real_candidates(con, facts))
        return found

    def spy_load(self, keys):
        loaded = real_load(self, keys)
        read.update(d.id for _sid, members in loaded for d in members)
        return loaded

    monkeypatch.setattr("eventscope.link.relink.candidate_event_ids", spy_candidates)
    monkeypatch.setattr(story_store.StoreStories, "load", spy_load)
    store_reports(db, SECOND, "r2")
    relink_store(db)
    # The Darkush clash of 2013 names the same town, kind of incident and words, ten months earlier.
    assert far_event not in candidates and "darkush2013" not in read
    assert set(candidates) == {event_of(db)["afp-1"], event_of(db)["ng-1"]}
    # The stories the newcomers join, and any other inside the window sharing a blocking word.
    assert {"afp", "ng"} <= read <= {"afp", "ng", "ap"}


def test_probes_cover_the_date_windows_by_country_and_type():
    from eventscope.link.compat import Facts
    from tests.link.store_articles import REPORTS

    found = event_store.probes([Facts.of(REPORTS["own"][6][0])])
    days = sorted(v for iso, t, kind, v in found if kind == "d" and t == "Battles")
    assert {iso for iso, *_ in found} == {"SY"}
    assert days[0] == "2014-01-03" and days[-1] == "2014-01-11"  # ±1 day, ±3 more for a week date
    assert ("SY", "Battles", "m", "2014-01") in found and ("SY", "Battles", "y", "2014") in found


def test_rerun_with_nothing_new_changes_nothing(db):
    store_reports(db, FIRST + SECOND)
    relink_store(db)
    before = snapshot(db)
    assert relink_store(db).linked == 0
    assert snapshot(db) == before


def test_two_runs_group_as_one_run_over_the_same_articles(db):
    store_reports(db, FIRST)
    relink_store(db)
    store_reports(db, SECOND, "r2")
    relink_store(db)
    with Store(":memory:") as once:
        store_reports(once, FIRST + SECOND)
        relink_store(once)
        assert groups(story_of(db)) == groups(story_of(once))
        assert groups(event_of(db)) == groups(event_of(once))
        assert story_of(db) == story_of(once)  # a story is named after its earliest article either way


def test_full_relink_gives_what_one_run_over_the_store_gives(db):
    store_reports(db, FIRST)
    relink_store(db)
    store_reports(db, SECOND, "r2")
    relink_store(db)
    relink_store(db, full=True)
    with Store(":memory:") as once:
        store_reports(once, FIRST + SECOND)
        relink_store(once)
        assert snapshot(db) == snapshot(once)


def test_a_run_larger_than_a_slice_links_like_consecutive_runs(db):
    store_reports(db, FIRST + SECOND)
    relink_store(db, chunk=2)
    with Store(":memory:") as once:
        store_reports(once, FIRST + SECOND)
        relink_store(once)
        assert groups(story_of(db)) == groups(story_of(once))
        assert groups(event_of(db)) == groups(event_of(once))


def test_a_digest_reporting_two_stored_incidents_merges_their_stories_older_id_first(db):
    store_reports(db, FIRST)
    relink_store(db)
    stories = story_of(db)
    store_reports(db, ["digest"], "r2")
    relink_store(db)
    after = story_of(db)
    # It reports an event of each story, so they are one story now; afp's (the older) id survives.
    assert after["digest"] == after["ng"] == after["afp"] == stories["afp"]
    assert stories["ng"] not in set(after.values())
    assert event_of(db)["dg-1"] == event_of(db)["afp-1"] and event_of(db)["dg-2"] == event_of(db)["ng-1"]


def test_a_store_linked_before_the_index_existed_gets_it_and_keeps_its_ids(db):
    store_reports(db, FIRST)
    relink_store(db)
    index = snapshot(db)[6:]
    stories, events = story_of(db), event_of(db)
    for table in ("story_features", "story_keys", "story_df"):
        db.con.execute(f"DELETE FROM {table}")  # what an earlier eventscope leaves
    store_reports(db, SECOND, "r2")
    relink_store(db)
    assert all(story_of(db)[a] == s for a, s in stories.items())
    assert all(event_of(db)[m] == e for m, e in events.items())
    assert story_of(db)["own"] == stories["afp"]
    assert db.count("story_features") == 6
    with Store(":memory:") as again:
        store_reports(again, FIRST)
        relink_store(again)
        assert snapshot(again)[6:] == index  # the backfill wrote what the first run had written


def test_actors_and_places_are_counted_over_every_mention(db):
    store_reports(db, FIRST)
    relink_store(db)
    store_reports(db, SECOND, "r2")
    relink_store(db)
    actors = {r["name"]: r["n_mentions"] for r in db.query("SELECT * FROM actors")}
    assert actors == {"Islamic State of Iraq and the Levant": 2, "Boko Haram": 2, "Free Syrian Army": 1}
    places = {r["name"]: (r["key"], r["n_mentions"]) for r in db.query("SELECT * FROM places")}
    assert places == {"Darkush": ("170865", 3), "Dikwa": ("2344854", 2)}


def test_a_copy_of_two_stored_dispatches_makes_them_one_source(db):
    # Two sites' edits of one dispatch, too different to be taken for copies of each other:
    # two sources of one clash. Then the dispatch itself arrives, a copy of both.
    store_two_edits(db)
    relink_store(db)
    event = event_of(db)["gulf-1"]
    assert event_of(db)["news24-1"] == event
    assert db.query("SELECT corroboration FROM events WHERE id = ?", [event]) == [{"corroboration": 2}]
    store_article(db, "afp", "AFP", "2014-01-08", "Syrian rebels seize jihadist HQ", AFP_DARKUSH, [ISIL], ["SY"],
                  [], run_id="r2")
    relink_store(db)
    assert db.query("SELECT corroboration FROM events WHERE id = ?", [event]) == [{"corroboration": 1}]
    assert story_of(db)["afp"] == story_of(db)["gulf"]  # a wire copy joins the story outright


def test_leads_are_read_from_the_first_characters_unless_they_hold_too_few_words(db):
    from eventscope.link.index_backfill import LEAD_CHARS, read_leads

    store_article(db, "long", "AFP", "2014-01-08", "t", "Darkush " * 2000, [], [], [])
    store_article(db, "odd", "AFP", "2014-01-08", "t", "x" * LEAD_CHARS + " Darkush" * 500, [], [], [])
    rows = {r["id"]: r["text"] for r in read_leads(db.con, ["long", "odd"], 400)}
    assert len(rows["long"]) == LEAD_CHARS and len(rows["long"].split()) > 400
    assert rows["odd"].endswith("Darkush") and len(rows["odd"]) > LEAD_CHARS  # read whole


def test_linking_a_file_store_bounds_duckdb_memory_and_restores_the_limit(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        before = store.con.execute("SELECT current_setting('memory_limit')").fetchone()
        store_reports(store, FIRST)
        assert relink_store(store).linked == 4
        assert store.con.execute("SELECT current_setting('memory_limit')").fetchone() == before
