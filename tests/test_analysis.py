"""kg.analysis on graphs built by hand in the build's layout: conversion, measures, paths, timelines."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest
from rdflib import Graph

from kg.analysis import (
    QUADS,
    centrality,
    communities,
    find_actor,
    load_network,
    relation_types,
    shortest_path,
    timeline,
    to_networkx,
)
from kg.errors import InvalidFilter, UnknownActor
from tests.graph_samples import BASE, EVIL

RU, UA, EU, US = (f"{BASE}actor/{k}" for k in ("Q159", "Q212", "Q458", "Q30"))


def test_nodes_carry_label_class_qid_iso3_and_aliases(G):
    assert G.number_of_nodes() == 7
    assert G.nodes[RU] == {
        "label": "Russia",
        "cls": "State",
        "qid": "Q159",
        "iso3": "RUS",
        "aliases": ["Moscow", "the Kremlin"],
    }
    assert G.nodes[EU]["cls"] == "Institution" and G.nodes[EU]["iso3"] is None
    assert G.nodes[f"{BASE}actor/evil-actor"]["qid"] is None


def test_one_edge_per_statement_with_provenance_and_plain_edge_counts(G):
    # 11 statements; the nkg:Edge summaries in the default graph are not statements
    assert G.number_of_edges() == 11
    sanctions = [d for u, v, d in G.edges(data=True) if (u, v, d["relation"]) == (EU, RU, "sanctions")]
    assert len(sanctions) == 2
    assert {d["statement_count"] for d in sanctions} == {2}
    assert {d["article_count"] for d in sanctions} == {2}
    widened = next(d for d in sanctions if "widened" in d["evidence"])
    assert widened["date"] == date(2014, 7, 30)  # the statement's own date, not the article's
    assert widened["modality"] == "asserted"
    assert 0 < widened["confidence"] <= 1
    assert G.graph["articles"][widened["article"]]["title"] == "Fighting in eastern Ukraine"
    negated = next(d for _, _, d in G.edges(data=True) if d["modality"] == "negated")
    assert (negated["relation"], negated["statement_count"], negated["article_count"]) == ("attacks", 0, 0)


def test_same_network_from_a_turtle_file_a_trig_file_and_the_store(dataset, tmp_path):
    from kg.store import Store

    expected = to_networkx(dataset)
    union = Graph()  # what `kg export graph.ttl` writes: the union of all graphs
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    ttl, trig = tmp_path / "graph.ttl", tmp_path / "graph.trig"
    union.serialize(ttl, format="turtle")
    dataset.serialize(trig, format="trig")
    with Store.from_file(trig) as store:
        from_store = to_networkx(store.rdflib_dataset())
    for H in (to_networkx(Graph().parse(ttl)), from_store, load_network(source=ttl)):
        assert sorted(H.edges(keys=True)) == sorted(expected.edges(keys=True))
        assert dict(H.nodes(data=True)) == dict(expected.nodes(data=True))
        assert H.graph["articles"] == expected.graph["articles"]


def test_find_actor_by_label_alias_qid_iso3_case_insensitive(G):
    assert find_actor(G, "russia") == RU
    assert find_actor(G, "THE KREMLIN") == RU
    assert find_actor(G, "Q212") == UA
    assert find_actor(G, "usa") == US
    assert find_actor(G, EVIL) == f"{BASE}actor/evil-actor"


def test_unknown_actor_lists_close_matches(G):
    with pytest.raises(UnknownActor) as info:
        find_actor(G, "Rusia")
    assert "did you mean: Russia" in str(info.value)
    assert info.value.exit_code == 2
    assert "\n" not in str(info.value)


def test_ambiguous_alias_is_an_error():
    G = nx.MultiDiGraph()
    G.add_node("a", label="Georgia", aliases=[])
    G.add_node("b", label="Georgia (US state)", aliases=["Georgia"])
    assert find_actor(G, "georgia") == "a"  # the label wins
    G.add_node("c", label="Republic of Georgia", aliases=["Tbilisi"])
    G.add_node("d", label="Georgian government", aliases=["Tbilisi"])
    with pytest.raises(UnknownActor, match="ambiguous"):
        find_actor(G, "tbilisi")


def _star(leaves: str = "bcdef") -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i, leaf in enumerate(leaves):
        # the hub is subject of some statements and object of others
        u, v = ("hub", leaf) if i % 2 else (leaf, "hub")
        G.add_edge(u, v, relation="meetsWith", modality="asserted")
    G.add_edge("b", "c", relation="accuses", modality="asserted")
    G.add_edge("hub", "z", relation="attacks", modality="negated")  # not a fact: ignored by the measures
    nx.set_node_attributes(G, {n: n.upper() for n in G}, "label")
    return G


def test_centrality_ranks_the_hub_of_a_star_first_on_every_measure():
    G = _star()
    for by in ("degree", "pagerank", "betweenness"):
        scores = centrality(G, top=3, by=by)
        assert scores[0].label == "HUB", by
        assert len(scores) == 3
    hub = centrality(G, top=1)[0]
    assert hub.degree == 5
    assert hub.betweenness > 0.5
    assert {s.label for s in centrality(G, top=None)} >= {"B", "C", "Z"}
    assert next(s for s in centrality(G, top=None) if s.label == "Z").degree == 0
    with pytest.raises(InvalidFilter):
        centrality(G, by="fame")


def test_louvain_finds_two_cliques_joined_by_one_edge():
    G = nx.MultiDiGraph()
    left, right = "abcde", "vwxyz"
    for clique in (left, right):
        for i, u in enumerate(clique):
            for v in clique[i + 1 :]:
                G.add_edge(u, v, relation="cooperatesWith", modality="asserted")
    G.add_edge("e", "v", relation="accuses", modality="asserted")
    nx.set_node_attributes(G, {n: n.upper() for n in G}, "label")
    assert communities(G) == [list("ABCDE"), list("VWXYZ")]


def test_shortest_path_gives_each_hop_with_its_evidence(G):
    hops = shortest_path(G, "Putin", "EU")
    assert [(h.subject, h.relation, h.object) for h in hops] == [
        ("Vladimir Putin", "leaderOf", "Russia"),
        ("European Union", "sanctions", "Russia"),
    ]
    assert hops[0].evidence == "Russia's President Vladimir Putin signed the decree."
    assert hops[0].title == "EU and US sanction Russia over Crimea"
    assert hops[0].date == date(2014, 3, 17)
    assert hops[1].count == 2 and hops[1].evidence.startswith("The EU imposed sanctions")


def test_path_ignores_negated_statements_and_reports_no_path():
    G = nx.MultiDiGraph()
    G.add_node("a", label="A")
    G.add_node("b", label="B")
    G.add_edge("a", "b", relation="attacks", modality="negated", evidence="A did not attack B.")
    assert shortest_path(G, "A", "B") == []
    with pytest.raises(InvalidFilter):
        shortest_path(G, "A", "a")


TINY_ONTOLOGY = """
@prefix nkg: <https://w3id.org/newskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
nkg:verbalCooperation rdfs:subPropertyOf nkg:interactsWith .
nkg:materialConflict rdfs:subPropertyOf nkg:interactsWith .
nkg:talksTo rdfs:subPropertyOf nkg:verbalCooperation ; nkg:goldsteinScore 1.5 ; rdfs:label "talks to" .
nkg:bombs rdfs:subPropertyOf nkg:hurts ; nkg:goldsteinScore -9.5 .
nkg:hurts rdfs:subPropertyOf nkg:materialConflict .
nkg:headOf a owl:ObjectProperty .
"""


def test_relation_types_come_from_the_ontology_file(tmp_path):
    path = tmp_path / "tiny.ttl"
    path.write_text(TINY_ONTOLOGY)
    types = relation_types(path)
    assert (types["talksTo"].quad, types["talksTo"].goldstein, types["talksTo"].label) == (
        "verbalCooperation",
        1.5,
        "talks to",
    )
    assert (types["bombs"].quad, types["bombs"].goldstein) == ("materialConflict", -9.5)  # through a chain
    assert (types["headOf"].quad, types["headOf"].goldstein) == (None, None)
    assert not set(QUADS) & set(types)
    # the project's ontology: every interaction property has a quad class and a score
    real = relation_types()
    for name in ("agreesWith", "meetsWith", "aids", "accuses", "sanctions", "attacks"):
        assert real[name].quad in QUADS and real[name].goldstein is not None
    assert real["leaderOf"].quad is None


def test_timeline_counts_per_month_and_quad_with_net_goldstein_score(tmp_path):
    path = tmp_path / "tiny.ttl"
    path.write_text(TINY_ONTOLOGY)
    G = nx.MultiDiGraph()
    G.add_nodes_from([("r", {"label": "Russia"}), ("u", {"label": "Ukraine"}), ("e", {"label": "EU"})])
    G.add_edge("r", "u", relation="bombs", modality="asserted", date=date(2022, 2, 24))
    G.add_edge("r", "u", relation="bombs", modality="asserted", date=date(2022, 2, 25))
    G.add_edge("u", "r", relation="talksTo", modality="asserted", date=date(2022, 4, 1))
    G.add_edge("e", "r", relation="talksTo", modality="asserted", date=date(2022, 4, 3))
    G.add_edge("r", "u", relation="bombs", modality="future", date=date(2022, 4, 5))  # not counted
    G.add_edge("r", "u", relation="bombs", modality="asserted", date=None)  # undated: not counted
    G.add_edge("r", "e", relation="headOf", modality="asserted", date=date(2022, 4, 5))  # structural
    rows = timeline(G, "russia", ontology=path)
    assert [r.month for r in rows] == ["2022-02", "2022-03", "2022-04"]
    assert (rows[0].materialConflict, rows[0].verbalCooperation, rows[0].net) == (2, 0, -19.0)
    assert rows[1].total == 0 and rows[1].net == 0
    assert (rows[2].verbalCooperation, rows[2].net) == (2, 3.0)
    between = timeline(G, "Russia", "Ukraine", ontology=path)
    assert [(r.month, r.total, r.net) for r in between] == [
        ("2022-02", 2, -19.0),
        ("2022-03", 0, 0),
        ("2022-04", 1, 1.5),
    ]
    assert timeline(G, "EU", "Ukraine", ontology=path) == []


def test_timeline_of_the_sample_uses_the_project_ontology(dataset):
    types = relation_types()
    rows = {r.month: r for r in timeline(dataset, "Moscow")}
    assert rows["2014-03"].materialConflict == 2  # EU and US sanctions; the future threat is not counted
    assert rows["2014-03"].net == 2 * types["sanctions"].goldstein
    assert rows["2014-07"].materialConflict == 1
    assert rows["2015-02"].verbalCooperation == 2
    assert rows["2015-02"].net == types["meetsWith"].goldstein + types["agreesWith"].goldstein
    assert min(rows) == "2014-03" and max(rows) == "2016-04" and len(rows) == 26
