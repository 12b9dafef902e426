"""relink_store: events from stored mentions, with the stories as a prior; re-running changes nothing."""

import json

from eventscope.link.relink import relink_store
from eventscope.store.db import Store
from tests.link.mention_rows import mention

M23 = "M23"
LEAD = ("M23 rebels captured the town of Sake in North Kivu, the gateway to Goma, after days of fighting "
        "with the Congolese army and allied Wazalendo militias, residents and officials said. ")


def article(aid, outlet, published, title):
    return {"id": aid, "source": f"{aid}.txt", "title": title, "url": None, "outlet": outlet,
            "published": published, "published_source": "metadata", "language": "en", "kind": None,
            "text": title + "\n" + LEAD * 3, "actors": json.dumps([M23, "Wazalendo"]),
            "countries": json.dumps(["CD"]), "run_id": "r1"}


def stored(m, seq):
    row = {k: v for k, v in m.items() if k not in ("outlet", "published")}
    return {**row, "actor1_type": None, "actor2_type": None, "associated": "[]", "verified": True,
            "event_id": None, "seq": seq}


def test_relink_undated_report_joins_its_story_event_and_rerun_changes_nothing():
    with Store(":memory:") as db:
        db._insert("articles", [article("reuters", "Reuters", "2024-06-12", "M23 rebels seize Sake near Goma"),
                                article("eastafrican", "The EastAfrican", "2024-06-13",
                                        "M23 rebels seize Sake, near Goma")])
        db._insert("mentions", [
            stored(mention("r1", "reuters", "Non-state actor overtakes territory", "2024-06-11", "Sake",
                           actor1=M23), 0),
            stored(mention("e1", "eastafrican", "Non-state actor overtakes territory", None, "Sake",
                           actor1=M23), 0)])
        relink_store(db)
        stories = {r["article_id"]: r["story_id"] for r in db.query("SELECT * FROM stories")}
        assert stories["reuters"] == stories["eastafrican"]
        events = db.query("SELECT id, n_mentions, merge_reasons, date FROM events")
        assert [(e["n_mentions"], e["date"]) for e in events] == [(2, "2024-06-11")]
        assert "same story" in events[0]["merge_reasons"]
        before = (db.query("SELECT id, event_id FROM mentions ORDER BY id"), db.query("SELECT * FROM stories"))
        relink_store(db)
        assert (db.query("SELECT id, event_id FROM mentions ORDER BY id"), db.query("SELECT * FROM stories")) == before
