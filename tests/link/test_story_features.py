import math
from collections import Counter

from eventscope.link.story_features import Centroid, lead_names, lead_terms, tfidf


def test_lead_terms_keep_numbers_and_drop_stop_words():
    terms = lead_terms("Quake of magnitude 6.1 kills 23", "The quake struck at dawn.", 50)
    assert terms["quake"] == 2 and terms["6.1"] == 1 and terms["23"] == 1
    assert "the" not in terms and "of" not in terms


def test_lead_terms_weigh_the_title():
    assert lead_terms("Coach fired", "The club fired its coach.", 50, title_weight=2.0)["coach"] == 3.0


def test_lead_names_keep_whole_names_and_skip_sentence_openings():
    text = ("Police said the singer Tara Reid checked into the Promises Treatment Center on Monday. "
            "The police gave no details. Reid's representative confirmed it.")
    names = lead_names("Singer enters rehab", text, 100)
    assert names["tara reid"] == 1.0
    assert names["promises treatment center"] == 1.0
    assert names["reid"] == 0.5 + 1.0  # half from "Tara Reid", one from "Reid's"
    assert "police" not in names  # a sentence opening the lead also writes in lower case


def test_lead_names_ignore_a_title_case_headline():
    names = lead_names("Microsoft Releases Emergency Patch For Browser Flaw",
                       "Microsoft issued an update on Wednesday.", 100)
    assert "releases" not in names and "microsoft releases emergency patch" not in names
    assert names["microsoft"] == 1.0


def test_centroid_norm_follows_members_joining_and_leaving():
    idf = {"fire": 1.0, "church": 2.0, "dairy": 3.0}
    a = tfidf(Counter({"fire": 2, "church": 1}), idf)
    b = tfidf(Counter({"fire": 1, "dairy": 1}), idf)
    c = Centroid()
    c.add(a)
    c.add(b)
    assert math.isclose(c.sq_norm, sum(x * x for x in c.weights.values()))
    c.remove(b)
    assert math.isclose(c.cosine(a), 1.0)
    assert "dairy" not in c.weights


def test_tfidf_power_favours_rare_terms():
    idf = {"navy": 1.5, "gibe": 4.0}
    flat, sharp = tfidf(Counter({"navy": 1, "gibe": 1}), idf), tfidf(Counter({"navy": 1, "gibe": 1}), idf, 2.0)
    assert sharp["gibe"] / sharp["navy"] > flat["gibe"] / flat["navy"]
