"""The Oxigraph store: idempotent and incremental article graphs, derived edges, opening errors."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import QuerySyntaxError, StoreError
from kg.namespaces import NKG
from kg.store import Store, edge_iri
from tests.storedata import actor, article, corpus, write_ahead_log


def graph_quads(store: Store, iri: str) -> set[str]:
    return {str(q) for q in store.inner.quads_for_pattern(None, None, None, ox.NamedNode(iri))}


def edge_counts(store: Store) -> dict[tuple[str, str, str], tuple[int, int, str, str]]:
    rows = store.query(
        """SELECT ?s ?p ?o ?n ?m ?first ?last WHERE { ?e a nkg:Edge ; rdf:subject ?s ; rdf:predicate ?p ;
           rdf:object ?o ; nkg:statementCount ?n ; nkg:articleCount ?m ; nkg:firstDate ?first ;
           nkg:lastDate ?last }"""
    )
    return {
        (r["s"].value.rsplit("/", 1)[-1], r["p"].value.rsplit("#", 1)[-1], r["o"].value.rsplit("/", 1)[-1]): (
            int(r["n"].value),
            int(r["m"].value),
            r["first"].value,
            r["last"].value,
        )
        for r in rows
    }


def plain_edges(store: Store) -> set[tuple[str, str, str]]:
    return {
        (
            q.subject.value.rsplit("/", 1)[-1],
            q.predicate.value.rsplit("#", 1)[-1],
            q.object.value.rsplit("/", 1)[-1],
        )
        for q in store.inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
        if q.predicate.value.startswith(str(NKG))
        and q.predicate.value != str(NKG.country)  # part of the actor summaries, not an edge
        and isinstance(q.object, ox.NamedNode)
        and q.object.value.startswith(str(actor("")))
    }


def test_same_input_twice_into_the_same_directory_changes_nothing(tmp_path):
    with Store.open(tmp_path / "db") as store:
        store.put_articles(corpus())
        store.refresh_edges()
        first = len(store)
    with Store.open(tmp_path / "db") as store:
        store.put_articles(corpus())
        store.refresh_edges()
        assert len(store) == first
        assert set(store.article_index()) == {"a.txt", "b.txt", "c.txt"}


def test_refresh_edges_counts_asserted_statements_and_articles():
    store = Store.open()
    store.put_articles(corpus())
    store.refresh_edges()
    counts = edge_counts(store)
    assert counts[("Q30", "sanctions", "Q159")] == (2, 2, "2022-02-24", "2022-03-01")
    assert counts[("Q458", "sanctions", "Q159")] == (1, 1, "2022-01-10", "2022-01-10")
    # negated (attacks) and future (meetsWith) statements give no plain edge and no edge node
    assert plain_edges(store) == {
        ("Q30", "sanctions", "Q159"),
        ("Q458", "sanctions", "Q159"),
        ("Q7747", "leaderOf", "Q159"),
    }
    assert ("Q159", "attacks", "Q212") not in counts


def test_two_asserted_statements_in_one_article_count_one_article():
    store = Store.open()
    store.put_articles(
        [
            article(
                "d.txt",
                "Twice.",
                "2023-05-01",
                [("Q30", "sanctions", "Q159", "asserted"), ("Q30", "sanctions", "Q159", "asserted")],
            )
        ]
    )
    store.refresh_edges()
    assert edge_counts(store)[("Q30", "sanctions", "Q159")][:2] == (2, 1)


def test_edge_iri_is_the_sha1_computed_in_python():
    store = Store.open()
    store.put_articles(corpus())
    store.refresh_edges()
    expected = edge_iri(str(actor("Q30")), str(NKG.sanctions), str(actor("Q159")))
    assert store.query(f"ASK {{ <{expected}> a nkg:Edge ; nkg:statementCount 2 }}")


def test_replacing_an_article_replaces_only_its_graph():
    store = Store.open()
    articles = corpus()
    store.put_articles(articles)
    store.refresh_edges()
    (a_iri, _), (b_iri, _), (c_iri, _) = articles
    before_a, before_c = graph_quads(store, a_iri), graph_quads(store, c_iri)
    # b.txt changes: the sanctions statement is removed, a new one asserted; same graph name (same source)
    _, new_b = article(
        "b.txt",
        "The US imposed sanctions on Russia.",
        "2022-03-01",
        [("Q212", "appealsTo", "Q458", "asserted")],
    )
    store.put_article(b_iri, new_b)
    store.refresh_edges()
    assert graph_quads(store, a_iri) == before_a
    assert graph_quads(store, c_iri) == before_c
    # the article's graph keeps what is the article's; the actors it describes are described in the default graph
    actors = {str(actor(qid)) for qid in ("Q212", "Q458", "Q30", "Q159")}
    assert len(graph_quads(store, b_iri)) == len([t for t in new_b if str(t[0]) not in actors])
    counts = edge_counts(store)
    assert counts[("Q30", "sanctions", "Q159")][:2] == (1, 1)
    assert ("Q212", "appealsTo", "Q458") in counts


def test_removing_an_article_removes_its_edges():
    store = Store.open()
    articles = corpus()
    store.put_articles(articles)
    store.remove_article(articles[2][0])
    store.refresh_edges()
    assert ("Q458", "sanctions", "Q159") not in plain_edges(store)
    assert store.article_iri_for_source("c.txt") is None
    assert store.article_iri_for_source("a.txt") == articles[0][0]


def test_actor_labels_merge_across_articles():
    store = Store.open()
    store.put_articles(corpus())
    rows = store.query(
        f"SELECT DISTINCT ?alt WHERE {{ GRAPH ?g {{ <{actor('Q159')}> skos:altLabel ?alt }} }}"
    )
    assert {r["alt"].value for r in rows} == {"Moscow"}
    labels = store.query(f"SELECT DISTINCT ?l WHERE {{ GRAPH ?g {{ <{actor('Q159')}> rdfs:label ?l }} }}")
    assert [r["l"].value for r in labels] == ["Russia"]


def test_rdflib_view_sees_the_same_quads():
    store = Store.open()
    store.put_articles(corpus())
    store.refresh_edges()
    dataset = store.rdflib_dataset()
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == len(store)


def test_a_directory_that_is_not_a_store_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("not a store")
    with pytest.raises(StoreError, match="not a store directory"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match="is a file"):
        Store.open(tmp_path / "notes.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_syntax_error_names_line_and_column():
    with pytest.raises(QuerySyntaxError, match=r"line 2, column \d+"):
        Store.open().query("SELECT * WHERE {\n  ?s ?p }")


def test_graph_files_load_with_their_named_graphs(tmp_path):
    store = Store.open()
    store.put_articles(corpus())
    store.export(tmp_path / "g.trig")
    again = Store.from_file(tmp_path / "g.trig")
    assert len(again) == len(store)
    assert again.named_graphs() == store.named_graphs()
    (tmp_path / "bad.ttl").write_text("<a> <b> .")
    with pytest.raises(StoreError, match=r"bad\.ttl: not valid ttl"):
        Store.from_file(tmp_path / "bad.ttl")


def default_graph_of(store: Store, qid: str) -> set[tuple[str, str]]:
    """(predicate, object) of one actor in the default graph only, short forms."""
    quads = store.inner.quads_for_pattern(ox.NamedNode(str(actor(qid))), None, None, ox.DefaultGraph())
    return {(q.predicate.value.rsplit("#", 1)[-1], q.object.value.rsplit("/", 1)[-1]) for q in quads}


def test_refresh_edges_summarises_every_actor_once_in_the_default_graph():
    store = Store.open()
    articles = corpus()
    store.put_articles(articles)
    store.refresh_edges()
    assert default_graph_of(store, "Q7747") == {
        ("type", "ontology#Leader"),
        ("label", "Vladimir Putin"),
        ("sameAs", "Q7747"),
        ("country", "Q159"),
        ("leaderOf", "Q159"),  # the plain edge
    }
    assert ("altLabel", "Moscow") in default_graph_of(store, "Q159")
    assert ("iso3", "RUS") in default_graph_of(store, "Q159")
    # the union of all graphs has each label once: no duplicate rows, and COUNT agrees with the actors
    rows = store.query("SELECT ?a ?l WHERE { ?a rdfs:label ?l }")
    assert sorted(row["l"].value for row in rows) == sorted(
        ["United States", "Russia", "Ukraine", "Vladimir Putin", "European Union"]
    )
    (count,) = store.query("SELECT (COUNT(?a) AS ?n) WHERE { ?a a nkg:State }")
    assert int(count["n"].value) == 3
    # and no article's graph describes an actor
    assert not store.query("ASK { GRAPH ?g { ?a rdfs:label|skos:altLabel|owl:sameAs ?x } }")
    # the EU is described only in c.txt: once that article is gone, so is its summary
    store.remove_article(articles[2][0])
    store.refresh_edges()
    assert default_graph_of(store, "Q458") == set()
    assert ("label", "Russia") in default_graph_of(store, "Q159")


@pytest.mark.parametrize("rewrite", [False, True])
def test_compact_folds_the_write_ahead_log_and_keeps_every_quad(tmp_path, rewrite: bool):
    with Store.open(tmp_path / "db") as store:
        assert store.is_empty()
        store.put_articles(corpus())
        store.refresh_edges()
        assert not store.is_empty()
        before = {str(q) for q in store.inner}
        assert write_ahead_log(tmp_path / "db") > 0
        store.compact(rewrite=rewrite)
        assert write_ahead_log(tmp_path / "db") == 0
        assert [p.name for p in tmp_path.iterdir()] == ["db"]  # no copy left beside it
        assert {str(q) for q in store.inner} == before
        store.put_articles([article("d.txt", "Paris met Berlin.", "2022-03-01", [])])  # still writable
    with Store.open(tmp_path / "db", read_only=True) as store:
        after = {str(q) for q in store.inner}
        assert after > before and "d.txt" in store.article_index()


def test_compacting_a_store_reached_through_a_link_keeps_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with Store.open(tmp_path / "link") as store:
        store.put_articles(corpus())
        before = {str(q) for q in store.inner}
        store.compact(rewrite=True)
        assert {str(q) for q in store.inner} == before
    assert (tmp_path / "link").is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]
