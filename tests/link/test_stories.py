from eventscope.link.stories import cluster_stories


def art(aid, published, actors, countries=("SY",)):
    return {"id": aid, "published": published, "actors": list(actors), "countries": list(countries)}


def test_stories_shared_actors_and_country_join():
    arts = [art("a", "2014-01-08", ["Islamic State of Iraq and the Levant", "Free Syrian Army"]),
            art("b", None, ["Free Syrian Army", "Islamic State of Iraq and the Levant", "Islamic Front"]),
            art("c", "2014-01-08", ["Boko Haram"], ["NG"])]
    stories = cluster_stories(arts, {})
    assert stories["a"] == stories["b"] != stories["c"]


def test_stories_far_apart_in_time_stay_apart():
    arts = [art("a", "2014-01-08", ["Boko Haram", "ISWAP"], ["NG"]),
            art("b", "2016-05-01", ["Boko Haram", "ISWAP"], ["NG"])]
    stories = cluster_stories(arts, {})
    assert stories["a"] != stories["b"]


def test_stories_shared_event_joins():
    arts = [art("a", "2020-01-01", [], ["NG"]), art("b", "2020-01-02", [], ["NG"])]
    stories = cluster_stories(arts, {"a": {"E1"}, "b": {"E1"}})
    assert stories["a"] == stories["b"]
