"""Every export format round-trips: parse the file back and get the same triples (or quads)."""

from __future__ import annotations

import networkx as nx
import pytest
import rdflib

from kg.errors import OutputError
from kg.store import Store


def union(store: Store) -> set[str]:
    return {str(t) for t in store.union_triples()}


@pytest.mark.parametrize("suffix", ["ttl", "nt", "jsonld"])
def test_triple_formats_hold_the_union_of_all_graphs(store, tmp_path, suffix):
    path = tmp_path / f"graph.{suffix}"
    store.export(path)
    reloaded = Store.from_file(path)
    assert {str(q.triple) for q in reloaded.inner} == union(store)
    # an independent parser (rdflib's own) reads the same number of triples
    parsed = rdflib.Graph().parse(path, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[suffix])
    assert len(parsed) == len(union(store))


@pytest.mark.parametrize("suffix", ["nq", "trig"])
def test_dataset_formats_keep_the_named_graphs(store, tmp_path, suffix):
    path = tmp_path / f"graph.{suffix}"
    store.export(path)
    reloaded = Store.from_file(path)
    assert {str(q) for q in reloaded.inner} == {str(q) for q in store.inner}
    parsed = rdflib.Dataset()
    parsed.parse(path, format={"nq": "nquads", "trig": "trig"}[suffix])
    assert len(set(parsed.quads((None, None, None, None)))) == len(store)


def test_turtle_and_jsonld_use_our_prefixes(store, tmp_path):
    store.export(tmp_path / "g.ttl")
    store.export(tmp_path / "g.jsonld")
    assert "@prefix nkg: <https://w3id.org/newskg/ontology#> ." in (tmp_path / "g.ttl").read_text()
    text = (tmp_path / "g.jsonld").read_text()
    assert '"@context": {"nkg": "https://w3id.org/newskg/ontology#"' in text
    assert '"nkg:statementCount"' in text


def test_graphml_has_actor_and_edge_attributes(store, tmp_path):
    store.export(tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    russia = graph.nodes["https://w3id.org/newskg/id/actor/Q159"]
    assert (russia["class"], russia["label"], russia["qid"]) == ("State", "Russia", "Q159")
    edges = graph.get_edge_data(
        "https://w3id.org/newskg/id/actor/Q30", "https://w3id.org/newskg/id/actor/Q159"
    )
    (attributes,) = edges.values()
    assert (attributes["relation"], attributes["statementCount"], attributes["articleCount"]) == (
        "sanctions",
        2,
        2,
    )
    assert graph.number_of_edges() == 3


def test_unknown_format_and_unwritable_path_are_one_line_errors(store, tmp_path):
    with pytest.raises(OutputError, match="unknown suffix"):
        store.export(tmp_path / "g.xyz")
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputError, match="cannot write"):
        store.export(tmp_path / "file" / "g.ttl")


def test_export_replaces_a_file_atomically(store, tmp_path):
    path = tmp_path / "g.nt"
    path.write_text("old")
    store.export(path)
    assert path.read_text().count(" .\n") == len(union(store))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.nt"]
