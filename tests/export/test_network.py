import json
import xml.etree.ElementTree as ET

from eventscope.export.network import GRAPHML_NS, build_network, network_graphml, network_json

NUSRA, IF, ISIL = "Jabhat al-Nusra", "Islamic Front", "Islamic State of Iraq and the Levant"
FSA = "Free Syrian Army"


def rel(a, b, kind, article, text, date, basis="statement", outlet="BBC News"):
    return {"a": a, "b": b, "kind": kind, "article_id": article, "basis": basis, "date": date,
            "outlet": outlet, "evidence": json.dumps({"start": 0, "end": len(text), "text": text})}


RELATIONS = [
    rel(NUSRA, IF, "allied", "bbc1", "Nusra is now closely allied to the Islamic Front.", "2014-01-08"),
    rel(IF, NUSRA, "allied", "aja1", "The Islamic Front and Nusra fought side by side.", "2014-01-10",
        outlet="Al Jazeera America"),
    rel(NUSRA, IF, "hostile", "rt9", "Nusra fighters clashed with the Islamic Front in Idlib.", "2014-06-02",
        basis="incident", outlet="Reuters"),
    rel(NUSRA, ISIL, "split_from", "bbc1", "The two groups split last year.", "2014-01-08"),
    rel("Syrian National Coalition", FSA, "affiliated", "aja1",
        "The coalition is loosely affiliated with the Free Syrian Army.", "2014-01-08"),
]
EVENTS = [
    {"id": "E1", "event_type": "Battles", "date": "2014-01-07", "actor1": FSA, "actor2": ISIL,
     "notes": "Rebels seized the ISIL base in Aleppo.",
     "sources": json.dumps([{"article": "aja1", "outlet": "Al Jazeera America", "date": "2014-01-07",
                             "evidence": "Rebels seized the ISIL base in Aleppo."},
                            {"article": "bbc1", "outlet": "BBC News", "date": "2014-01-07",
                             "evidence": "Rebel groups seized the Isis headquarters."}])},
    {"id": "E2", "event_type": "Violence against civilians", "date": "2014-01-07", "actor1": ISIL,
     "actor2": "Civilians (Syria)", "notes": "x", "sources": "[]"},
]
ACTORS = [{"name": ISIL, "actor_type": "Rebel group", "country": None, "n_mentions": 7},
          {"name": FSA, "actor_type": "Rebel group", "country": "SY", "n_mentions": 3}]


def edge(net, a, b, kind):
    (found,) = [e for e in net.edges if {e.source, e.target} == {a, b} and e.kind == kind]
    return found


def test_network_alliance_ends_when_hostility_follows():
    net = build_network(RELATIONS, EVENTS, ACTORS)
    allied = edge(net, NUSRA, IF, "allied")
    assert (allied.first_seen, allied.last_seen, allied.ended) == ("2014-01-08", "2014-01-10", "2014-06-02")
    assert allied.articles == 2 and allied.outlets == ["Al Jazeera America", "BBC News"]
    assert edge(net, NUSRA, IF, "hostile").ended is None


def test_network_alliance_reaffirmed_after_a_clash_has_not_ended():
    later = rel(NUSRA, IF, "allied", "x", "Nusra and the Front are allied again.", "2014-07-01")
    net = build_network(RELATIONS + [later])
    assert edge(net, NUSRA, IF, "allied").ended is None


def test_network_battles_become_incident_edges_with_each_source():
    net = build_network(RELATIONS, EVENTS, ACTORS)
    hostile = edge(net, FSA, ISIL, "hostile")
    assert hostile.basis == "incident" and hostile.articles == 2
    assert {e.event for e in hostile.evidence} == {"E1"}
    assert not [e for e in net.edges if "Civilians (Syria)" in (e.source, e.target)]


def test_network_nodes_carry_type_and_counts():
    nodes = {n.id: n for n in build_network(RELATIONS, EVENTS, ACTORS).nodes}
    assert nodes[ISIL].actor_type == "Rebel group" and nodes[ISIL].mentions == 7
    assert nodes[ISIL].events == 2 and nodes[FSA].events == 1
    assert nodes[NUSRA].actor_type is None and nodes[NUSRA].degree == 3


def test_network_directed_kinds_keep_their_direction():
    split = edge(build_network(RELATIONS), NUSRA, ISIL, "split_from")
    assert (split.source, split.target, split.directed) == (NUSRA, ISIL, True)


def test_network_time_filter_drops_evidence_outside_the_range():
    net = build_network(RELATIONS, EVENTS, ACTORS, since="2014-06-01")
    assert [(e.source, e.target, e.kind) for e in net.edges] == [(IF, NUSRA, "hostile")]


def test_network_json_has_edges_with_evidence():
    data = network_json(build_network(RELATIONS, EVENTS, ACTORS))
    json.dumps(data)
    e = data["edges"][0]
    assert set(e) >= {"source", "target", "kind", "basis", "first_seen", "last_seen", "ended",
                      "articles", "evidence"}
    assert all(set(x) >= {"article", "outlet", "date", "text", "basis"} for x in e["evidence"])


def test_network_graphml_parses_with_expected_nodes_and_edges():
    net = build_network(RELATIONS, EVENTS, ACTORS)
    root = ET.fromstring(network_graphml(net).encode())
    ns = {"g": GRAPHML_NS}
    nodes = {n.get("id") for n in root.findall("g:graph/g:node", ns)}
    assert nodes == {NUSRA, IF, ISIL, FSA, "Syrian National Coalition"}
    edges = root.findall("g:graph/g:edge", ns)
    assert len(edges) == len(net.edges) == 5
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    allied = [e for e in edges if any(d.text == "allied" for d in e.findall("g:data", ns))][0]
    data = {keys[d.get("key")]: d.text for d in allied.findall("g:data", ns)}
    assert data["ended"] == "2014-06-02" and data["articles"] == "2"
    assert json.loads(data["evidence"])[0]["text"].startswith("Nusra is now closely allied")


def test_network_civilians_caught_in_a_battle_are_not_a_side():
    battle = {"id": "E3", "event_type": "Battles", "date": "2024-06-10", "actor1": "March 23 Movement",
              "actor2": "Civilians (Democratic Republic of Congo)", "notes": "x", "sources": "[]"}
    net = build_network([], [battle], [])
    assert not net.edges
