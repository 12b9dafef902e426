import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from eventscope.cli.views import actors, event, network, stories
from eventscope.store.db import Store

ISIL, FSA = "Islamic State of Iraq and the Levant", "Free Syrian Army"


def _mention(mid, article, fatalities, date, sentence, claim):
    ev = {"sentence": {"start": 0, "end": len(sentence), "text": sentence}}
    return {"id": mid, "article_id": article, "event_type": "Battles", "sub_event_type": "Armed clash",
            "date": date, "actor1": FSA, "actor2": ISIL, "location": "Darkūsh", "country": "Syria",
            "iso": "SY", "geonameid": 170865, "fatalities": fatalities, "claim_source": claim,
            "verified": claim is None, "evidence": json.dumps(ev), "event_id": "E360222c6ff2e", "seq": 0}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "v.duckdb"
    with Store(path) as store:
        arts = [("a1", "Al Jazeera America", "2014-01-08", [FSA, ISIL]),
                ("a2", "BBC News", "2014-01-09", [ISIL, FSA, "Islamic Front"]),
                ("a3", "Reuters", "2014-01-08", [ISIL])]
        store.con.executemany("INSERT INTO articles (id, outlet, published, actors, source) VALUES (?, ?, ?, ?, ?)",
                              [[a, o, p, json.dumps(x), f"{a}.txt"] for a, o, p, x in arts])
        rows = [_mention("m1", "a1", 10, "2014-01-07", "At least 10 were killed in Darkush.", None),
                _mention("m2", "a2", 82, "2014-01-07", "82 died near Darkush, activists said.", "activists"),
                _mention("m3", "a3", 140, "2014-01-06", "140 were killed, the Observatory said.",
                         "Syrian Observatory for Human Rights")]
        for r in rows:
            cols = list(r)
            store.con.execute(f"INSERT INTO mentions ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                              [r[c] for c in cols])
        store.replace_table("events", [{
            "id": "E360222c6ff2e", "event_type": "Battles", "sub_event_type": "Armed clash",
            "date": "2014-01-07", "actor1": FSA, "actor2": ISIL, "location": "Darkūsh", "country": "Syria",
            "iso": "SY", "fatalities": 10, "fatalities_low": 10, "fatalities_best": 82,
            "fatalities_high": 140, "corroboration": 3, "n_mentions": 3,
            "sources": json.dumps([{"article": "a1", "outlet": "Al Jazeera America", "date": "2014-01-07",
                                    "evidence": "At least 10 were killed in Darkush."}]),
            "disagreements": json.dumps({"fatalities": ["10", "140", "82"],
                                         "date": ["2014-01-06", "2014-01-07"]}),
            "merge_reasons": json.dumps(["m2 joined m1: same type, dates 0 day(s) apart, same place"])}])
        store.replace_table("stories", [{"article_id": a, "story_id": "S1" if a != "a3" else "S2"}
                                        for a in ("a1", "a2", "a3")])
        store.replace_table("actors", [{"name": ISIL, "actor_type": "Rebel group", "country": None, "n_mentions": 3},
                                       {"name": FSA, "actor_type": "Rebel group", "country": "SY", "n_mentions": 3}])
        store.con.execute("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?)",
                          [FSA, ISIL, "hostile", "a2", json.dumps({"text": "The FSA is fighting Isis."}),
                           "statement", "2014-01-09"])
    return str(path)


def run(cmd, *args):
    result = CliRunner().invoke(cmd, [*args], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result


def test_views_event_shows_sources_side_by_side_with_evidence(db):
    out = run(event, "E360222c6ff2e", "--db", db).stdout
    for text in ("Al Jazeera America", "BBC News", "Reuters", "10", "82", "140", "activists",
                 "Syrian Observatory", "At least 10 were killed", "low/best/high 10/82/140"):
        assert text in out, text
    assert "disagreement fatalities: 10 vs 140 vs 82" in out


def test_views_event_highlights_disagreements_in_red(db):
    from eventscope.cli.views import _disagreeing, event_sources

    with Store(db, read_only=True) as store:
        _ev, mentions = event_sources(store, "E360")  # a unique prefix is enough
    assert _disagreeing(mentions) == {"fatalities", "date"}
    result = CliRunner().invoke(event, ["E360222c6ff2e", "--db", db], env={"FORCE_COLOR": "1", "COLUMNS": "250"})
    assert "\x1b[1;31m140" in result.stdout  # the disputed toll, bold red
    assert "\x1b[1;31mReuters" not in result.stdout  # outlets differ by nature: not a disagreement


def test_views_event_unknown_id_is_a_clear_error(db):
    result = CliRunner().invoke(event, ["Enope", "--db", db])
    assert result.exit_code == 1 and "no event Enope" in result.output


def test_views_stories_table(db):
    out = run(stories, "--db", db).stdout
    assert "2 stories" in out and "2014-01-08 – 2014-01-09" in out and "Darkūsh" in out


def test_views_actors_table(db):
    out = run(actors, "--db", db).stdout
    assert ISIL in out and "Rebel group" in out


def test_views_network_json_and_graphml(db, tmp_path):
    data = json.loads(run(network, "--db", db).stdout)
    kinds = {(e["kind"], e["basis"]) for e in data["edges"]}
    assert kinds == {("hostile", "incident,statement")}
    target = tmp_path / "n.graphml"
    run(network, "--db", db, "--format", "graphml", "-o", str(target))
    root = ET.parse(target).getroot()
    assert len(root.findall("{http://graphml.graphdrawing.org/xmlns}graph/{http://graphml.graphdrawing.org/xmlns}edge")) == 1


@pytest.mark.slow
def test_views_on_the_example_reports(tmp_path, examples_dir):
    from eventscope.pipeline.process import process

    path = str(tmp_path / "e.duckdb")
    process([examples_dir], path)
    data = json.loads(run(network, "--db", path).stdout)
    pairs = {(e["source"], e["target"], e["kind"]) for e in data["edges"]}
    assert ("Islamic Front", "Jabhat al-Nusra", "allied") in pairs
    assert ("Jabhat al-Nusra", ISIL, "split_from") in pairs
    assert "1 stories" in run(stories, "--db", path).stdout
    run(actors, "--db", path)
