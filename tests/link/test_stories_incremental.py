from eventscope.link.stories_incremental import (
    StoryParams,
    cluster_stories_incremental,
    story_id_for,
)
from tests.link.wire_texts import AFP_DARKUSH, AP_MOGADISHU, OWN_REPORT

ISIL, FSA, IF = "Islamic State of Iraq and the Levant", "Free Syrian Army", "Islamic Front"
SNC, NUSRA = "Syrian National Coalition", "Jabhat al-Nusra"
ALEPPO, DARKUSH, MOGADISHU, GENEVA = 170063, 170865, 53654, 2660646

GENEVA_TALKS = (
    "GENEVA - The Syrian National Coalition agreed on Saturday to attend peace talks in "
    "Switzerland with the government of President Bashar al-Assad, ending weeks of division in "
    "the opposition. The United Nations envoy Lakhdar Brahimi welcomed the decision and said the "
    "conference would open in Montreux on January 22. Members of the coalition's general "
    "assembly voted after two days of debate in Istanbul; several members walked out in protest. "
    "Russia and the United States, which sponsor the talks, have pressed both sides to negotiate "
    "a transitional government. Damascus says the fate of the president is not up for discussion.")
BBC_INFIGHTING = (
    "Syria crisis: rebels seize jihadist base in Aleppo\n"
    "Syrian rebel groups have seized the headquarters of an al-Qaeda-linked jihadist group, the "
    "Islamic State of Iraq and the Levant (Isis), in the northern city of Aleppo, activists say. "
    "Fighting between rival rebel factions has raged across northern Syria for a week, with the "
    "Islamic Front and the Free Syrian Army taking on Isis in Aleppo and Idlib provinces. Dozens "
    "of prisoners were freed from the former children's hospital used by Isis as its base, the "
    "Syrian Observatory for Human Rights said.")
NIGERIA = (
    "MAIDUGURI, Nigeria - Suspected Boko Haram gunmen killed 18 villagers in an overnight raid "
    "in Borno state, residents and a local official said on Thursday. The attackers set fire to "
    "homes and a market in the village before fleeing into the bush, witnesses said. The army "
    "has been fighting the insurgents in the northeast since 2009.")
SOMALI_OWN = (
    "Al-Shabab militants attacked a hotel in Mogadishu with a car bomb and gunmen on Saturday, "
    "killing at least 11 people, Somali police said. Security forces and African Union troops "
    "ended the siege after several hours. The al-Qaeda affiliate said it targeted officials "
    "staying at the hotel.")


def art(aid, published, text, actors=(), countries=(), title=None):
    return {"id": aid, "published": published, "text": text, "title": title,
            "actors": list(actors), "countries": list(countries)}


ARTICLES = [
    art("afp", "2014-01-08", AFP_DARKUSH, [ISIL, IF, SNC], ["SY"]),
    art("own", "2014-01-08", OWN_REPORT, [ISIL], ["SY", "TR"]),
    art("bbc", None, BBC_INFIGHTING, [ISIL, IF, FSA], ["SY"]),
    art("geneva", "2014-01-18", GENEVA_TALKS, [SNC], ["SY", "CH"]),
    art("ap", "2014-01-11", AP_MOGADISHU, ["Al-Shabaab"], ["SO"]),
    art("som", "2014-01-11", SOMALI_OWN, ["Al-Shabaab"], ["SO"]),
    art("ng", "2014-01-09", NIGERIA, ["Boko Haram"], ["NG"]),
]
MENTIONS = [
    {"article_id": "afp", "geonameid": ALEPPO, "event_id": "E1"},
    {"article_id": "afp", "geonameid": DARKUSH, "event_id": "E2"},
    {"article_id": "own", "geonameid": ALEPPO, "event_id": "E9"},
    {"article_id": "bbc", "geonameid": ALEPPO, "event_id": None},
    {"article_id": "geneva", "geonameid": GENEVA, "event_id": None},
    {"article_id": "ap", "geonameid": MOGADISHU, "event_id": "E3"},
    {"article_id": "som", "geonameid": MOGADISHU, "event_id": "E4"},
]


def groups(stories):
    out = {}
    for a, s in stories.items():
        out.setdefault(s, set()).add(a)
    return sorted(sorted(g) for g in out.values())


def test_stories_incremental_groups_outlets_and_keeps_controls_apart():
    result = cluster_stories_incremental(ARTICLES, MENTIONS)
    assert groups(result.stories) == [["afp", "bbc", "own"], ["ap", "som"], ["geneva"], ["ng"]]
    assert result.stories["afp"] == story_id_for("afp")  # the earliest dated article names it
    assert "joined" in result.reasons["own"]


def test_stories_incremental_second_run_keeps_ids_and_adds_articles():
    first = cluster_stories_incremental(ARTICLES[:2] + ARTICLES[4:5], MENTIONS)
    second = cluster_stories_incremental(ARTICLES, MENTIONS, existing=first.stories)
    for aid, sid in first.stories.items():
        assert second.stories[aid] == sid
    assert second.stories["bbc"] == first.stories["afp"]
    assert second.stories["som"] == first.stories["ap"]
    assert set(second.reasons) == {"bbc", "geneva", "som", "ng"}


def test_stories_incremental_rerun_changes_nothing():
    first = cluster_stories_incremental(ARTICLES, MENTIONS)
    again = cluster_stories_incremental(ARTICLES, MENTIONS, existing=first.stories)
    assert again.stories == first.stories and again.merged == {} and again.reasons == {}


def test_stories_incremental_merge_keeps_older_id():
    existing = {"afp": "S-old", "own": "S-young"}
    arts = [art("afp", "2014-01-05", "x", [ISIL], ["SY"]), art("own", "2014-01-08", "y", [FSA], ["SY"]),
            art("bridge", "2014-01-09", "z", [], ["SY"])]
    mentions = [{"article_id": "bridge", "geonameid": None, "event_id": "E1"},
                {"article_id": "afp", "geonameid": None, "event_id": "E1"},
                {"article_id": "bridge", "geonameid": None, "event_id": "E2"},
                {"article_id": "own", "geonameid": None, "event_id": "E2"}]
    result = cluster_stories_incremental(arts, mentions, existing=existing)
    assert set(result.stories.values()) == {"S-old"}
    assert result.merged == {"S-young": "S-old"}


def test_stories_incremental_same_actors_outside_window_stay_apart():
    arts = [art("a", "2014-01-08", AFP_DARKUSH, [ISIL, IF], ["SY"]),
            art("b", "2014-03-08", AFP_DARKUSH.replace("Wednesday", "Saturday"), [ISIL, IF], ["SY"])]
    result = cluster_stories_incremental(arts, [], params=StoryParams(window_days=7))
    assert result.stories["a"] != result.stories["b"]


def test_stories_incremental_wire_group_joins_without_shared_features():
    arts = [art("a", "2014-01-08", "one", [], ["SY"]), art("b", "2014-01-09", "two", [], ["SY"])]
    result = cluster_stories_incremental(arts, [], wire_groups={"a": "a", "b": "a"})
    assert result.stories["a"] == result.stories["b"]
    assert "wire" in result.reasons["b"]


def test_stories_incremental_uses_an_embedder_when_given():
    calls = []

    def embed(texts):
        calls.append(len(texts))
        return [[1.0, 0.0] for _ in texts]  # every lead "means" the same thing

    # Blocking still decides who is compared: the two leads share one word, "convoy".
    arts = [art("a", "2014-01-08", "Gunmen ambushed an aid convoy near Homs", [], ["SY"]),
            art("b", "2014-01-08", "Relief trucks attacked; convoy drivers wounded", [], ["SY"])]
    assert len(set(cluster_stories_incremental(arts, []).stories.values())) == 2
    assert len(set(cluster_stories_incremental(arts, [], embedder=embed).stories.values())) == 1
    assert calls == [2]


# Everyday news with no actors, places or countries from extraction: the story must form
# from what the articles say. Two stories of one kind (a singer entering rehab) stay apart.
REHAB_PEOPLE = ("Actress Tara Reid has checked herself into the Promises Treatment Center in Malibu, "
                "her publicist told People magazine on Tuesday. Reid, 33, asked for privacy while "
                "she receives treatment, the publicist said.")
REHAB_AP = ("Tara Reid entered a rehabilitation program at Promises in Malibu this week, a spokesman "
            "for the American Pie star confirmed. The 33-year-old Reid has struggled with her image "
            "for years.")
REHAB_BLOG = ("American Pie actress Tara Reid is in rehab. Reid checked into the Promises Treatment "
              "Center, according to her publicist, who asked that her privacy be respected.")
LOHAN = ("Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage on Friday to begin a "
         "court-ordered 90-day stay, her lawyer Mark Heller said. Lohan, 26, avoided jail under a "
         "plea deal over a car crash.")
LOHAN_2 = ("Lindsay Lohan has arrived at the Betty Ford Center, lawyer Mark Heller said, starting a "
           "90-day rehab stay ordered by a Los Angeles judge after her car crash case.")
CABLES = ("Internet and telephone traffic between Europe and the Middle East was disrupted after "
          "two undersea cables were cut in the Mediterranean near Alexandria, operators said.")


def test_everyday_news_forms_stories_from_text_and_names():
    arts = [art("r1", None, REHAB_PEOPLE, title="Tara Reid checks into rehab"),
            art("r2", None, REHAB_AP, title="Reid enters rehab program"),
            art("r3", None, REHAB_BLOG),
            art("l1", None, LOHAN, title="Lohan checks into Betty Ford"),
            art("l2", None, LOHAN_2),
            art("c1", None, CABLES, title="Undersea cables cut")]
    assert groups(cluster_stories_incremental(arts, []).stories) == [["c1"], ["l1", "l2"], ["r1", "r2", "r3"]]


LOHAN_PEOPLE = ("Lindsay Lohan has checked herself into the Betty Ford Center in Rancho Mirage, her "
                "publicist told People magazine on Tuesday. Lohan asked for privacy while she "
                "receives treatment.")


def test_an_article_moves_to_the_story_that_formed_after_it():
    # When "c" arrives only the Reid story exists, and its publicist's wording matches
    # that story's; the Lohan story it belongs to forms after it. The refinement pass
    # compares it again with every story as it stands and moves it.
    arts = [art("a", "2013-05-01", REHAB_PEOPLE), art("b", "2013-05-01", REHAB_AP),
            art("c", "2013-05-02", LOHAN_PEOPLE), art("d", "2013-05-03", LOHAN),
            art("e", "2013-05-03", LOHAN_2)]
    greedy = cluster_stories_incremental(arts, [], params=StoryParams(refine_passes=0))
    assert groups(greedy.stories) == [["a", "b", "c"], ["d", "e"]]
    refined = cluster_stories_incremental(arts, [])
    assert groups(refined.stories) == [["a", "b"], ["c", "d", "e"]]
    assert refined.reasons["c"].startswith("joined d") and refined.reasons["c"].endswith("(moved)")


def test_a_story_quiet_for_longer_than_its_window_is_closed():
    arts = [art("a", "2013-05-03", LOHAN), art("b", "2013-05-04", LOHAN_2),
            art("c", "2013-06-20", LOHAN.replace("Friday", "Monday"))]
    result = cluster_stories_incremental(arts, [])
    assert result.stories["a"] == result.stories["b"] != result.stories["c"]
    assert result.reasons["c"] == "starts a story"
