import duckdb

from eventscope.link.wire import WireIndex, independent_sources, load_index, shingles
from eventscope.link.wire_store import update_store
from tests.link.wire_texts import (
    AFP_DARKUSH,
    AP_MOGADISHU,
    AP_MOGADISHU_REPRINT,
    OWN_REPORT,
    REPRINT_GULF,
    REPRINT_NEWS24,
    REPRINT_TRIMMED,
)

DOCS = {"afp": AFP_DARKUSH, "gulf": REPRINT_GULF, "news24": REPRINT_NEWS24, "trimmed": REPRINT_TRIMMED,
        "own": OWN_REPORT, "ap": AP_MOGADISHU, "ap2": AP_MOGADISHU_REPRINT}
DATES = {"afp": "2014-01-08", "gulf": "2014-01-08", "news24": "2014-01-09", "trimmed": "2014-01-09",
         "own": "2014-01-08", "ap": "2014-01-11", "ap2": "2014-01-11"}


def build(order):
    index = WireIndex()
    for k in order:
        index.add(k, DOCS[k], DATES[k])
    return index


def test_wire_reprints_with_edits_are_one_group():
    groups = build(DOCS).groups()
    assert {groups[k] for k in ("afp", "gulf", "news24", "trimmed")} == {"afp"}
    assert groups["ap2"] == "ap"


def test_wire_independent_report_of_the_same_incident_is_not_a_copy():
    groups = build(DOCS).groups()
    assert groups["own"] == "own"
    assert groups["own"] != groups["afp"]


def test_wire_groups_do_not_depend_on_arrival_order():
    assert build(sorted(DOCS)).groups() == build(sorted(DOCS, reverse=True)).groups()


def test_wire_group_id_is_the_earliest_article():
    index = WireIndex()
    index.add("z-late", AFP_DARKUSH, "2014-01-10")
    index.add("y-early", REPRINT_GULF, "2014-01-07")
    assert index.group_of("z-late") == "y-early"


def test_wire_shingles_are_word_five_grams():
    assert shingles("One two three four five six") == {b"one two three four five", b"two three four five six"}
    assert shingles("Too short") == {b"too short"}
    assert shingles("  ") == set()


def test_wire_empty_text_is_its_own_group():
    index = WireIndex()
    index.add("a", "", None)
    index.add("b", "", None)
    assert index.groups() == {"a": "a", "b": "b"}


def stored_groups(con):
    return dict(con.execute("SELECT article_id, wire_group FROM article_signatures").fetchall())


def test_wire_store_is_incremental_and_stable(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY, text VARCHAR, published VARCHAR)")
    first = ["afp", "own", "ap"]
    con.executemany("INSERT INTO articles VALUES (?, ?, ?)", [[k, DOCS[k], DATES[k]] for k in first])
    assert update_store(con).added == 3
    assert stored_groups(con) == {"afp": "afp", "own": "own", "ap": "ap"}
    rest = [k for k in DOCS if k not in first]
    con.executemany("INSERT INTO articles VALUES (?, ?, ?)", [[k, DOCS[k], DATES[k]] for k in rest])
    update_store(con, batch=2)  # batches see the ones before them as stored
    assert stored_groups(con) == build(DOCS).groups()
    again = update_store(con)  # nothing new: nothing changes
    assert (again.added, again.merged) == (0, set())
    assert stored_groups(con) == build(DOCS).groups()
    assert len(load_index(con)) == len(DOCS)


def test_wire_store_earlier_reprint_renames_its_group(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY, text VARCHAR, published VARCHAR)")
    con.execute("INSERT INTO articles VALUES ('afp', ?, '2014-01-08')", [AFP_DARKUSH])
    update_store(con)
    # An earlier reprint arriving later takes over the group id; the stored rows follow.
    con.execute("INSERT INTO articles VALUES ('early', ?, '2014-01-07')", [REPRINT_GULF])
    update = update_store(con)
    assert stored_groups(con) == {"afp": "early", "early": "early"}
    assert update.merged == set()  # one old group renamed, no two old groups joined


def test_wire_store_a_copy_of_two_stored_groups_merges_them(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY, text VARCHAR, published VARCHAR)")
    # Two stored edits of one dispatch, too different to be copies of each other, and then
    # the dispatch itself, a copy of both: the two stored groups become one, the older id surviving.
    words = AFP_DARKUSH.split()
    a = " ".join(words[:40] + [f"alpha{i}" for i in range(11)] + words[51:])
    b = " ".join(words[:160] + [f"beta{i}" for i in range(11)] + words[171:])
    con.execute("INSERT INTO articles VALUES ('a', ?, '2014-01-08'), ('b', ?, '2014-01-09')", [a, b])
    update_store(con)
    assert stored_groups(con)["a"] != stored_groups(con)["b"]
    con.execute("INSERT INTO articles VALUES ('c', ?, '2014-01-10')", [AFP_DARKUSH])
    update = update_store(con)
    assert {stored_groups(con)[k] for k in "abc"} == {"a"} and "a" in update.merged


def test_wire_copies_count_once_as_sources():
    groups = build(DOCS).groups()
    mentions = [{"article_id": "afp", "outlet": "AFP"}, {"article_id": "gulf", "outlet": "Gulf News"},
                {"article_id": "news24", "outlet": "News24"}, {"article_id": "own", "outlet": "CNN"}]
    assert independent_sources(mentions, groups) == 2
    assert independent_sources(mentions, {}) == 4

