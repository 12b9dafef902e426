import json

from eventscope.link.events import link_events


def row(mid, article, etype="Explosions/Remote violence", date="2014-01-07", lat=35.99, lon=36.39,
        location="Darkush", fatalities=None, outlet=None, geonameid=None):
    return {"id": mid, "article_id": article, "event_type": etype, "sub_event_type": "Suicide bomb",
            "date": date, "date_precision": "day", "time_precision": 1, "actor1": "ISIL", "actor2": None,
            "country": "Syria", "iso": "SY", "admin1": "Idlib", "location": location, "lat": lat, "lon": lon,
            "geonameid": geonameid, "geo_precision": 1, "fatalities": fatalities, "fatalities_low": fatalities,
            "fatalities_high": fatalities, "claim_source": None, "confidence": 0.8, "outlet": outlet,
            "evidence": json.dumps({"sentence": {"start": 0, "end": 5, "text": f"sentence {mid}"}})}


def test_link_same_incident_from_two_outlets_is_one_event_with_disagreement():
    a = row("m1", "a1", fatalities=20, outlet="Al Jazeera")
    b = row("m2", "a2", date="2014-01-08", lat=36.0, lon=36.4, fatalities=17, outlet="BBC")
    assignment, events = link_events([a, b])
    assert assignment["m1"] == assignment["m2"]
    (ev,) = events
    assert ev["corroboration"] == 2
    assert (ev["fatalities"], ev["fatalities_low"], ev["fatalities_high"]) == (17, 17, 20)
    assert json.loads(ev["disagreements"])["fatalities"] == ["17", "20"]
    assert json.loads(ev["merge_reasons"])


def test_link_same_day_same_type_in_distant_towns_stays_distinct():
    a = row("m1", "a1")
    b = row("m2", "a2", lat=33.57, lon=36.40, location="Douma")
    assignment, events = link_events([a, b])
    assert assignment["m1"] != assignment["m2"]
    assert len(events) == 2


def test_link_two_mentions_of_one_article_in_two_towns_are_not_merged():
    assignment, _ = link_events([row("m1", "a1"), row("m2", "a1", lat=36.05, lon=36.5, location="Salqin",
                                                      geonameid=163270)])
    assert assignment["m1"] != assignment["m2"]


def test_link_one_article_restating_an_incident_on_the_same_day_at_the_same_site_is_one_event():
    """ACLED codes one event per day, place, type: the lead and "Saturday's attack on Dikwa" later on."""
    lead = mention("d1", "reuters", "Attack", "2024-11-16", "Dikwa", actor1="Islamic State West Africa Province",
                   fatalities=12)
    later = mention("d2", "reuters", "Attack", "2024-11-16", "Dikwa", fatalities=12)
    a, events = events_of([lead, later])
    assert a["d1"] == a["d2"]
    assert "same article" in events[a["d1"]]["merge_reasons"]
    clash = mention("d3", "reuters", "Armed clash", "2024-11-16", "Dikwa", actor1="Military Forces of Nigeria")
    abducted = mention("d4", "reuters", "Abduction/forced disappearance", "2024-11-16", "Dikwa")
    a, _ = events_of([lead, clash, abducted])
    assert len({a["d1"], a["d3"], a["d4"]}) == 3  # other kinds of incident in one report stay apart


def test_link_is_deterministic():
    rows = [row("m1", "a1"), row("m2", "a2"), row("m3", "a3", date="2014-01-20")]
    assert link_events(rows) == link_events(list(reversed(rows)))


# --- rules (rows from tests/link/mention_rows.py: real places, invented incidents) -------------

from tests.link.mention_rows import mention  # noqa: E402

M23, FARDC = "M23", "Military Forces of Democratic Republic of Congo"
RUSSIA, UA_CIV = "Military Forces of Russia", "Civilians (Ukraine)"
RSF, SAF = "Rapid Support Forces", "Military Forces of Sudan"


def events_of(rows, **kw):
    assignment, events = link_events(rows, **kw)
    return assignment, {e["id"]: e for e in events}


def test_link_one_articles_mentions_never_chain_through_another_outlet():
    """Reuters reports fighting at Sake on Monday and again on Tuesday; BBC only Monday's."""
    rows = [mention("r-mon", "reuters", "Armed clash", "2024-06-10", "Sake", actor1=M23, actor2=FARDC),
            mention("r-tue", "reuters", "Armed clash", "2024-06-11", "Sake", actor1=M23, actor2=FARDC),
            mention("b-mon", "bbc", "Armed clash", "2024-06-10", "Sake", actor1=FARDC, geo_precision=2)]
    a, _ = events_of(rows)
    assert a["r-mon"] == a["b-mon"]
    assert a["r-tue"] != a["r-mon"]


def test_link_a_day_apart_needs_the_same_kind_of_incident():
    clash = mention("clash", "reuters", "Armed clash", "2024-06-10", "Sake", actor1=M23, actor2=FARDC)
    capture = mention("capture", "bbc", "Non-state actor overtakes territory", "2024-06-11", "Sake", actor1=M23)
    a, _ = events_of([clash, capture])
    assert a["clash"] != a["capture"]
    # "late on Sunday night" in one outlet, Monday in the other: one strike
    sun = mention("sun", "ap", "Air/drone strike", "2021-10-10", "Sa'dah", fatalities=10)
    mon = mention("mon", "aljazeera", "Air/drone strike", "2021-10-11", "Sa'dah", fatalities=14)
    a, events = events_of([sun, mon])
    assert a["sun"] == a["mon"]
    assert "1 day(s) apart" in " ".join(json.loads(events[a["sun"]]["merge_reasons"]))


def test_link_same_day_other_kind_of_incident_in_one_town_merges_but_the_same_kind_wins():
    """Reuters' "shells" and the BBC's "bombs" on Mugunga camp, Goma, the same Tuesday: one incident."""
    shells = mention("r", "reuters", "Shelling/artillery/missile attack", "2024-06-11", "Goma", fatalities=4)
    bombs = mention("b", "bbc", "Remote explosive/landmine/IED", "2024-06-11", "Goma", fatalities=6)
    a, _ = events_of([shells, bombs])
    assert a["r"] == a["b"]
    # Reuters reports both a clash and the capture at Sake on Tuesday; the BBC's capture joins the capture
    clash = mention("r1", "reuters", "Armed clash", "2024-06-11", "Sake", actor1=M23, actor2=FARDC)
    capture = mention("r2", "reuters", "Non-state actor overtakes territory", "2024-06-11", "Sake", actor1=M23)
    bbc = mention("b1", "bbc", "Non-state actor overtakes territory", "2024-06-11", "Sake", actor1=M23)
    a, _ = events_of([clash, capture, bbc])
    assert a["b1"] == a["r2"] != a["r1"]


def test_link_province_mention_of_another_kind_needs_a_shared_actor_or_toll():
    town = mention("t", "reuters", "Suicide bomb", "2024-05-17", "Pul-e Khumri", actor1="Islamic State Khorasan Province")
    prov = mention("p", "ap", "Air/drone strike", "2024-05-17", "Baghlan")
    a, _ = events_of([town, prov])
    assert a["t"] != a["p"]
    prov["actor1"] = "Islamic State Khorasan Province"
    a, _ = events_of([town, prov])
    assert a["t"] == a["p"]


def test_link_week_precision_mention_joins_an_incident_inside_its_week():
    """AP's "last week" (its Wednesday, 8 May) is Reuters' Thursday 9 May minibus bomb."""
    week = mention("ap", "ap", "Remote explosive/landmine/IED", "2024-05-08", "Kabul", precision="week",
                   fatalities=2)
    day = mention("rt", "reuters", "Remote explosive/landmine/IED", "2024-05-09", "Kabul", fatalities=2)
    later = mention("aj", "aljazeera", "Remote explosive/landmine/IED", "2024-05-15", "Kabul", fatalities=3)
    a, events = events_of([week, day, later])
    assert a["ap"] == a["rt"]
    assert a["aj"] != a["rt"]
    assert events[a["ap"]]["date"] == "2024-05-09"  # the event keeps the precise date


def test_link_month_precision_mention_joins_an_incident_of_that_month():
    month = mention("m", "aljazeera", "Armed clash", "2024-05", "Jalalabad", actor1="Taliban")
    day = mention("d", "reuters", "Armed clash", "2024-05-19", "Jalalabad", actor1="Taliban")
    other_month = mention("o", "ap", "Armed clash", "2024-06-02", "Jalalabad", actor1="Taliban")
    a, _ = events_of([month, day, other_month])
    assert a["m"] == a["d"] != a["o"]


def test_link_province_mention_joins_the_town_incident_it_contains():
    prov = mention("p", "ap", "Suicide bomb", "2024-05-17", "Baghlan", fatalities=17)
    town = mention("t", "aljazeera", "Suicide bomb", "2024-05-17", "Pul-e Khumri", fatalities=17)
    a, events = events_of([prov, town])
    assert a["p"] == a["t"]
    assert events[a["p"]]["location"] == "Pul-e Khumri"  # the precise place represents the event


def test_link_province_mention_does_not_chain_two_towns_and_stays_alone_when_ambiguous():
    oblast = mention("m1", "kyivindependent", "Shelling/artillery/missile attack", "2024-10-04",
                     "Dnipropetrovsk Oblast", actor1=RUSSIA)
    dnipro = mention("m2", "reuters", "Shelling/artillery/missile attack", "2024-10-04", "Dnipro", actor1=RUSSIA,
                     fatalities=9)
    nikopol = mention("m3", "bbc", "Shelling/artillery/missile attack", "2024-10-04", "Nikopol", actor1=RUSSIA,
                      fatalities=1)
    a, _ = events_of([oblast, dnipro, nikopol])
    assert a["m2"] != a["m3"]
    assert a["m1"] not in (a["m2"], a["m3"])
    # the same toll is evidence enough to choose
    oblast["fatalities"] = oblast["fatalities_low"] = oblast["fatalities_high"] = 1
    a, _ = events_of([oblast, dnipro, nikopol])
    assert a["m1"] == a["m3"] != a["m2"]


def test_link_country_only_mention_joins_the_one_incident_it_can_be():
    country = mention("c", "afp", "Abduction/forced disappearance", "2024-08-15", "Mali",
                      actor2="Civilians (Mali)")
    town = mention("t", "journaldumali", "Abduction/forced disappearance", "2024-08-15", "Bandiagara",
                   actor1="JNIM", actor2="Civilians (Mali)")
    a, events = events_of([country, town])
    assert a["c"] == a["t"]
    assert "contains" in events[a["c"]]["merge_reasons"]


def test_link_undated_restatement_in_one_article_joins_its_event_and_counts_once():
    dated = mention("k1", "kyiv", "Shelling/artillery/missile attack", "2024-10-03", "Dnipro", actor1=RUSSIA,
                    fatalities=11)
    again = mention("k2", "kyiv", "Air/drone strike", None, "Dnipro", fatalities=11)
    reuters = mention("r1", "reuters", "Shelling/artillery/missile attack", "2024-10-03", "Dnipro",
                      actor1=RUSSIA, fatalities=9)
    a, events = events_of([dated, again, reuters])
    assert a["k1"] == a["k2"] == a["r1"]
    ev = events[a["k1"]]
    # per source: Reuters 9, Kyiv Independent 11 (its restatement is not a third source)
    assert (ev["fatalities"], ev["fatalities_low"], ev["fatalities_best"], ev["fatalities_high"]) == (9, 9, 9, 11)
    assert ev["date"] == "2024-10-03"
    assert "same article" in ev["merge_reasons"]


def test_link_undated_mentions_of_nearby_villages_in_one_article_stay_distinct():
    """BBC: "Hazzano and Maarat Misreen in Idlib province" are two places fought over, 8 km apart."""
    hazzano = mention("h", "bbc", "Armed clash", None, "Darkush", actor1="Syrian rebels")
    hazzano.update(location="Hazano", lat=36.07, lon=36.79, geonameid=170999)
    misrin = mention("m", "bbc", "Armed clash", None, "Darkush", actor1="Syrian rebels")
    misrin.update(location="Maarrat Misrin", lat=36.01, lon=36.81, geonameid=169387)
    a, _ = events_of([hazzano, misrin])
    assert a["h"] != a["m"]


def test_link_undated_restatement_as_another_type_joins_on_the_same_toll():
    """Al Jazeera: the Sunday air strike on Saada killed 14; later "the attack killed 14 civilians"."""
    strike = mention("s", "aljazeera", "Air/drone strike", "2021-10-10", "Sa'dah", fatalities=14)
    attack = mention("t", "aljazeera", "Attack", None, "Sa'dah", actor2="Civilians (Yemen)", fatalities=14)
    a, _ = events_of([strike, attack])
    assert a["s"] == a["t"]
    attack["fatalities"] = attack["fatalities_low"] = attack["fatalities_high"] = None
    a, _ = events_of([strike, attack])
    assert a["s"] != a["t"]


def test_link_undated_mention_of_another_kind_stays_out_of_its_articles_event():
    clash = mention("b1", "bbc", "Armed clash", "2024-06-10", "Sake", actor1=FARDC)
    capture = mention("b2", "bbc", "Non-state actor overtakes territory", None, "Sake", actor1=M23)
    a, _ = events_of([clash, capture])
    assert a["b1"] != a["b2"]


def test_link_undated_mention_from_another_outlet_joins_only_inside_its_story():
    dated = mention("r", "reuters", "Non-state actor overtakes territory", "2024-06-11", "Sake", actor1=M23,
                    published="2024-06-12")
    undated = mention("e", "eastafrican", "Non-state actor overtakes territory", None, "Sake", actor1=M23,
                      published="2024-06-13")
    a, events = events_of([dated, undated], stories={"reuters": "s1", "eastafrican": "s1"})
    assert a["r"] == a["e"]
    assert "same story" in events[a["r"]]["merge_reasons"]
    assert len(set(events_of([dated, undated])[0].values())) == 2
    assert len(set(events_of([dated, undated], stories={"reuters": "s1", "eastafrican": "s2"})[0].values())) == 2
    undated["published"] = "2024-08-01"  # weeks later: not this incident's report
    assert len(set(events_of([dated, undated], stories={"reuters": "s1", "eastafrican": "s1"})[0].values())) == 2


def test_link_close_types_merge_on_same_day_place_and_actor_inside_a_story():
    """BBC codes the Kharkiv drone strike as a strike, the Kyiv Independent as an attack on civilians."""
    strike = mention("b", "bbc", "Air/drone strike", "2024-10-04", "Kharkiv", actor1=RUSSIA, actor2=UA_CIV)
    attack = mention("k", "kyiv", "Attack", "2024-10-04", "Kharkiv", actor1=RUSSIA, actor2=UA_CIV)
    stories = {"bbc": "s", "kyiv": "s"}
    a, events = events_of([strike, attack], stories=stories)
    assert a["b"] == a["k"]
    assert "type" in events[a["b"]]["merge_reasons"]
    assert len(set(events_of([strike, attack])[0].values())) == 2  # no story: no evidence enough


def test_link_battle_and_shelling_in_one_town_on_one_day_stay_distinct():
    clash = mention("c", "aljazeera", "Armed clash", "2024-12-14", "El Fasher", actor1=RSF, actor2=SAF)
    shelling = mention("s", "sudantribune", "Shelling/artillery/missile attack", "2024-12-14", "El Fasher",
                       actor1=RSF, actor2="Civilians (Sudan)", geo_precision=2, fatalities=10)
    a, _ = events_of([clash, shelling], stories={"aljazeera": "s", "sudantribune": "s"})
    assert a["c"] != a["s"]


def test_link_attack_on_villagers_and_the_armys_clash_with_the_attackers_stay_distinct():
    """Dikwa: ISWAP kill villagers; the army fights the withdrawing ISWAP fighters outside the town."""
    iswap, army = "Islamic State West Africa Province", "Military Forces of Nigeria"
    attack = mention("a", "reuters", "Attack", "2024-11-16", "Dikwa", actor1=iswap, actor2="Civilians (Nigeria)",
                     fatalities=12)
    clash = mention("c", "afp", "Armed clash", "2024-11-16", "Dikwa", actor1=army, actor2=iswap, fatalities=22)
    strike = mention("s", "dailytrust", "Air/drone strike", "2024-11-16", "Dikwa", actor1=army, actor2=iswap)
    a, _ = events_of([attack, clash, strike], stories={"reuters": "s", "afp": "s", "dailytrust": "s"})
    assert a["a"] != a["c"]
    assert a["a"] != a["s"]  # ISWAP shared, but as the attacker in one and the target in the other


def test_link_two_days_apart_join_through_the_day_between():
    """Dates a day off either way: Reuters' Wednesday, the BBC's Thursday, the Kyiv Independent's Friday."""
    rows = [mention("r", "reuters", "Shelling/artillery/missile attack", "2024-10-02", "Dnipro", fatalities=9),
            mention("b", "bbc", "Shelling/artillery/missile attack", "2024-10-03", "Dnipro", fatalities=11),
            mention("k", "kyiv", "Shelling/artillery/missile attack", "2024-10-04", "Dnipro", fatalities=11)]
    a, _ = events_of(rows)
    assert a["r"] == a["b"] == a["k"]
    rows.append(mention("x", "ukrinform", "Shelling/artillery/missile attack", "2024-10-05", "Dnipro"))
    a, _ = events_of(rows)
    assert a["x"] != a["r"]  # three days from Wednesday: another strike
