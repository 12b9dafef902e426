from eventscope.store.bulk import column_types, id_list, insert_columns, insert_rows
from eventscope.store.db import Store


def test_bulk_insert_rows_keeps_nulls_types_and_json():
    with Store(":memory:") as db:
        insert_rows(db.con, "story_features", [
            {"article_id": "a", "published": None, "day": 735000, "terms": '{"raid": 2}', "names": "{}",
             "actors": '["Boko Haram"]', "places": "[]", "countries": '["NG"]'},
            {"article_id": "b", "published": "2014-01-09", "day": None, "terms": None, "names": None,
             "actors": None, "places": None, "countries": None}])
        rows = db.query("SELECT article_id, published, day, terms FROM story_features ORDER BY article_id")
        assert rows == [{"article_id": "a", "published": None, "day": 735000, "terms": '{"raid": 2}'},
                        {"article_id": "b", "published": "2014-01-09", "day": None, "terms": None}]
        assert column_types(db.con, "story_features")["terms"] == "VARCHAR"  # JSON travels as text


def test_bulk_insert_of_nothing_is_a_no_op_and_ids_are_sorted_once():
    with Store(":memory:") as db:
        insert_rows(db.con, "stories", [])
        insert_columns(db.con, "stories", {"article_id": [], "story_id": []})
        assert db.count("stories") == 0
    assert id_list(["b", "a", "b"]) == ["a", "b"]
