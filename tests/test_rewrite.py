"""Query rewriting (kg.rewrite): a flat query answers the same rows rewritten, other shapes are left as written."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from kg.namespaces import PREFIXES
from kg.rewrite import rewrite
from kg.store import Store
from tests.storedata import corpus


@pytest.fixture(scope="module")
def store() -> Store:
    built = Store.open()
    built.put_articles(corpus())
    built.refresh_edges()
    return built


FLAT = [
    "SELECT ?who ?whom WHERE { ?s nkg:sanctions ?o . ?s rdfs:label ?who . ?o rdfs:label ?whom }",
    """SELECT ?who ?whom ?date WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; nkg:date ?date .
       ?s rdfs:label ?who . ?o rdfs:label ?whom }""",
    "SELECT ?who (COUNT(?st) AS ?n) WHERE { ?st rdf:subject ?s . ?s rdfs:label ?who } GROUP BY ?who",
    """SELECT ?who ?whom ?date WHERE { ?st rdf:subject ?s ; rdf:predicate nkg:sanctions ; rdf:object ?o ;
       nkg:date ?date . ?s rdfs:label ?who . ?o rdfs:label ?whom }""",
    """SELECT ?m ?e WHERE { ?st rdf:subject ?s ; rdf:predicate nkg:sanctions ; rdf:object ?o ; nkg:modality ?m ;
       nkg:evidence ?e . ?s rdfs:label "United States" . ?o rdfs:label "Russia" ; owl:sameAs ?wd }""",
    """SELECT ?who ?e WHERE { ?st nkg:evidence ?e ; nkg:modality "negated" ; rdf:subject ?s ; rdf:object ?o .
       ?s rdfs:label ?who . ?o owl:sameAs ?wd }""",
    """SELECT ?who ?evidence WHERE { ?st rdf:subject ?s ; nkg:evidence ?evidence . ?s rdfs:label ?who
       FILTER(REGEX(?who, "^rus", "i")) }""",
    """SELECT ?who ?alias WHERE { ?st rdf:object ?o . ?o skos:altLabel ?alias ; rdfs:label ?who
       FILTER(?who != ?alias) FILTER (STRLEN(?alias) > 3) }""",
    """SELECT ?m ?e WHERE { ?st nkg:modality ?m ; rdf:subject ?s ; nkg:evidence ?e .
       ?s rdfs:label "United States" ; owl:sameAs ?wd FILTER(?m = "asserted" && ?wd != ?s) }""",
    'SELECT ?who ?m WHERE { ?st nkg:modality ?m ; rdf:subject ?s . ?s rdfs:label ?who FILTER(?m != "asserted") }',
    "SELECT * WHERE { ?a nkg:sanctions ?b . ?b rdfs:label ?l } ORDER BY DESC(?a) LIMIT 1",
    "ASK { ?x nkg:sanctions ?y . ?y rdfs:label 'Russia'^^xsd:string , \"Russia\" ; owl:sameAs ?q }",
]


def rows(store: Store, sparql: str) -> Counter[tuple[str, ...]]:
    result = store.inner.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return Counter({(str(bool(result)),): 1})
    return Counter(tuple("" if term is None else term.value for term in solution) for solution in result)


@pytest.mark.parametrize("sparql", FLAT)
def test_a_rewritten_flat_query_answers_the_same_rows(store: Store, sparql: str) -> None:
    rewritten = rewrite(sparql)
    assert rewritten != sparql
    assert "{ SELECT * {" in rewritten or sparql.startswith(("ASK", "SELECT ?m"))
    assert rows(store, rewritten) == rows(store, sparql)
    assert rows(store, sparql) not in (Counter(), Counter({("False",): 1}))  # the query finds something


def test_a_filter_on_a_description_goes_first_with_it_and_the_others_stay_outside() -> None:
    rewritten = rewrite(
        "SELECT * { ?st rdf:subject ?s ; nkg:confidence ?c . ?s rdfs:label ?n "
        'FILTER(REGEX(?n, "^a")) FILTER(?c > 0.5) FILTER(?n != STR(?st)) }'
    )
    assert rewritten == (
        'SELECT * { { SELECT * { ?s rdfs:label ?n FILTER(REGEX(?n, "^a")) } } ?st rdf:subject ?s . '
        "?st nkg:confidence ?c . FILTER(?c > 0.5) FILTER(?n != STR(?st)) }"
    )


def test_a_statement_is_found_by_its_constant_then_its_other_properties_looked_up() -> None:
    assert rewrite(
        "SELECT * { ?st rdf:subject ?s ; rdf:predicate nkg:attacks ; nkg:date ?d . ?s rdfs:label ?n }"
    ) == (
        "SELECT * { ?st rdf:predicate nkg:attacks . LATERAL { ?st rdf:subject ?s . ?st nkg:date ?d . } "
        "{ SELECT * { ?s rdfs:label ?n } } }"
    )
    for unchanged in (
        "SELECT * { ?st rdf:subject ?s ; rdf:predicate ?p . ?s rdfs:label ?n }",  # no constant object
        "SELECT * { ?st rdf:subject ?s ; rdf:predicate nkg:attacks . ?s nkg:country ?c . ?s rdfs:label ?n }",
        'SELECT * { ?st rdf:subject ?s ; rdf:predicate nkg:attacks . ?s rdfs:label "Russia" }',  # a name first
    ):
        assert "LATERAL" not in rewrite(unchanged)


def test_the_statements_between_two_named_actors_are_found_by_both_names_first() -> None:
    assert rewrite(
        'SELECT * { ?st rdf:subject ?s ; rdf:object ?o ; nkg:date ?d . ?s rdfs:label "A" . ?o rdfs:label "B" }'
    ) == (
        'SELECT * { { SELECT * { ?s rdfs:label "A" . ?st rdf:subject ?s . } } '
        '{ SELECT * { ?o rdfs:label "B" . ?st rdf:object ?o . } } LATERAL { ?st nkg:date ?d . } }'
    )
    for unchanged in (
        'SELECT * { ?st rdf:subject ?s ; nkg:date ?d . ?s rdfs:label "A" }',  # one name: its lookup comes first
        'SELECT * { ?st rdf:subject ?s ; nkg:date ?d . ?s rdfs:label "A" . ?o rdfs:label "B" }',  # ?o not on ?st
        'SELECT * { ?st rdf:subject ?s . ?o nkg:date ?st . ?s rdfs:label "A" . ?o rdfs:label "B" }',  # no star
    ):
        assert "LATERAL" not in rewrite(unchanged)


def test_a_name_lookup_comes_first() -> None:
    assert rewrite('SELECT * { ?st rdf:subject ?s . ?s rdfs:label "Rusia"@es, "Russia"^^<urn:t> }') == (
        'SELECT * { ?s rdfs:label "Rusia"@es . ?s rdfs:label "Russia"^^<urn:t> . ?st rdf:subject ?s . }'
    )


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * { ?s nkg:sanctions ?o OPTIONAL { ?o rdfs:label ?l } }",
        "SELECT * { { ?s nkg:sanctions ?o } UNION { ?s nkg:attacks ?o } ?o rdfs:label ?l }",
        "SELECT * { GRAPH ?g { ?st rdf:subject ?s } ?s rdfs:label ?l }",
        "SELECT * { ?s nkg:sanctions ?o . { SELECT ?o ?l { ?o rdfs:label ?l } } }",
        "SELECT * { ?s nkg:sanctions/rdfs:label ?l . ?s rdfs:label ?m }",
        "SELECT * { ?s nkg:sanctions [ rdfs:label ?l ] . ?s rdfs:label ?m }",
        "SELECT * { ?s nkg:sanctions _:o . ?s rdfs:label ?m }",
        "SELECT * { ?s nkg:sanctions ?o . ?s rdfs:label ?m FILTER EXISTS { ?o rdfs:label ?l } }",
        "SELECT * { ?s nkg:sanctions ?o BIND(1 AS ?x) ?s rdfs:label ?m }",
        "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s nkg:sanctions ?o . ?s rdfs:label ?l }",
        "SELECT * { ?s nkg:sanctions ?o . ?o nkg:attacks ?x }",  # no description: nothing to gain
        "SELECT * { ?s rdfs:label ?l ; owl:sameAs ?w }",  # descriptions only
        "PREFIX rdfs: <urn:other#> SELECT * { ?s nkg:sanctions ?o . ?s rdfs:label ?l }",  # another rdfs:
        "SELECT * { ?s nkg:sanctions ?o ?s rdfs:label ?l }",  # a syntax error is Oxigraph's to report
    ],
)
def test_other_shapes_are_left_as_written(sparql: str) -> None:
    assert rewrite(sparql) == sparql


# -- ORDER BY ... LIMIT: the threshold on the first sort key ------------------------------------------------

EX = "urn:t:"


def quad(s: str, p: str, o: ox.Literal | str, graph: str | None) -> ox.Quad:
    node = o if isinstance(o, ox.Literal) else ox.NamedNode(EX + o)
    where = ox.NamedNode(EX + graph) if graph else ox.DefaultGraph()
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + p), node, where)


@pytest.fixture(scope="module")
def ranked() -> Store:
    """Statements whose sort keys tie, whose subjects have no label, one label or two, some keys not numbers; of
    the 150 best scores, only three name an actor with a label (the threshold's sample finds too few rows)."""
    store = Store.open()
    quads = []
    for n in range(400):
        graph = f"g{n % 7}"
        if n < 150:
            score: ox.Literal = ox.Literal(str(2 + n % 3), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))
            named = f"actor{n % 13}" if n % 60 == 2 else f"nameless{n % 5}"
            quads.append(quad(f"st{n}", "subject", named, graph))
        else:
            score = ox.Literal(
                f"{(n * 37 % 101) / 100:.2f}", datatype=ox.NamedNode(PREFIXES["xsd"] + "decimal")
            )
            quads.append(quad(f"st{n}", "subject", f"actor{n % 13}", graph))
        if n % 50 == 7:
            score = ox.Literal("high") if n % 100 == 7 else ox.Literal("hoch", language="de")
        quads += [quad(f"st{n}", "score", score, graph), quad(f"st{n}", "object", f"actor{n % 11}", graph)]
        if n % 90 == 3:  # the same triple in two graphs
            quads.append(quad(f"st{n}", "score", score, "copy"))
    for n in range(13):
        if n != 4:
            quads.append(quad(f"actor{n}", "label", ox.Literal(f"Actor {n:02d}"), None))
        if n % 3 == 0:
            quads.append(quad(f"actor{n}", "label", ox.Literal(f"Actor {n:02d}", language="en"), None))
    store.inner.extend(quads)
    return store


TOP = [
    "SELECT ?st ?c ?who WHERE { ?st ex:score ?c ; ex:subject ?s . ?s ex:label ?who } ORDER BY DESC(?c) ?st ?who",
    "SELECT ?st ?c WHERE { ?st ex:score ?c ; ex:subject ?s . ?s ex:label ?who } ORDER BY ASC(?c) DESC(?st) STR(?who)",
    """SELECT ?who ?st ?c WHERE { ?st ex:subject ?s ; ex:score ?c ; ex:object ?o . ?s ex:label ?who .
       ?o ex:label ?whom FILTER(?whom != "Actor 01") } ORDER BY ?who ?st ?c ?whom""",
    "SELECT ?st ?c WHERE { ?st ex:score ?c } ORDER BY DESC(?c) ?st",
    # variables named as the rewrite's own would be
    "SELECT ?limit_0 ?c_0 WHERE { ?limit_0 ex:score ?c_0 ; ex:subject ?s } ORDER BY DESC(?c_0) ?limit_0",
    # the sample's three rows of the best scores are fewer than the LIMIT: no threshold from them
    "SELECT ?st ?c ?who WHERE { ?st ex:score ?c ; ex:subject ?s . ?s ex:label ?who FILTER(isNumeric(?c)) } "
    "ORDER BY DESC(?c) ?st ?who",
]


@pytest.mark.parametrize("sparql", TOP)
@pytest.mark.parametrize(
    "cut", ["LIMIT 1", "LIMIT 10", "LIMIT 5 OFFSET 3", "OFFSET 40 LIMIT 30", "LIMIT 300"]
)
def test_a_top_k_query_answers_the_same_rows_in_the_same_order(ranked: Store, sparql: str, cut: str) -> None:
    text = f"PREFIX ex: <{EX}> {sparql} {cut}"
    rewritten = rewrite(text)
    assert "COALESCE" in rewritten

    def ordered(query: str) -> list[tuple[str, ...]]:
        solutions = ranked.inner.query(query, use_default_graph_as_union=True)
        return [tuple(str(term) for term in solution) for solution in solutions]

    expected = ordered(text)
    assert ordered(rewritten) == expected
    assert len(expected) == min(int(cut.split("LIMIT ")[1].split()[0]), len(ordered(text.split(" LIMIT")[0])))


def test_the_threshold_leaves_a_few_rows_to_sort(ranked: Store) -> None:
    """Of the 335 rows of labelled actors, the ten lowest scores leave fewer than a third to sort (the rows of the
    highest scores name no labelled actor: a threshold on them would cut nothing)."""
    text = f"PREFIX ex: <{EX}> {TOP[1]} LIMIT 10"
    head, order = text.split(" ORDER BY ")
    rewritten = rewrite(text)
    assert rewritten.endswith(" ORDER BY " + order)

    def count(query: str) -> int:
        query = query.replace("SELECT ?st ?c WHERE", "SELECT (COUNT(*) AS ?n) WHERE", 1)
        return int(next(iter(ranked.inner.query(query, use_default_graph_as_union=True)))["n"].value)

    labels = {n: 0 if n == 4 else 2 if n % 3 == 0 else 1 for n in range(13)}  # as the fixture writes them
    copies = {n: 2 if n % 90 == 3 else 1 for n in range(400)}  # the union of the graphs keeps both
    named = [n for n in range(400) if n >= 150 or n % 60 == 2]
    assert count(head) == sum(labels[n % 13] * copies[n] for n in named) == 335
    assert 10 <= count(rewritten.removesuffix(" ORDER BY " + order)) < 100


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT DISTINCT ?st ?c WHERE { ?st ex:score ?c ; ex:subject ?s } ORDER BY DESC(?c) LIMIT 3",
        "SELECT * WHERE { ?st ex:score ?c ; ex:subject ?s } ORDER BY DESC(?c) LIMIT 3",
        "SELECT ?st ?c WHERE { ?st ex:score ?c ; ex:subject ?s } ORDER BY DESC(?c)",
        "SELECT ?st (STR(?c) AS ?x) WHERE { ?st ex:score ?c ; ex:subject ?s } ORDER BY DESC(?c) LIMIT 3",
        "SELECT ?st ?c WHERE { ?st ex:score ?c ; ex:subject ?s } ORDER BY DESC(STR(?c)) LIMIT 3",
        "SELECT ?s (COUNT(?c) AS ?n) WHERE { ?st ex:score ?c ; ex:subject ?s } GROUP BY ?s ORDER BY ?n LIMIT 3",
        "SELECT ?st ?c WHERE { ?st ex:score ?c ; ex:subject ?s } ORDER BY DESC(?x) LIMIT 3",
        "SELECT ?st ?c WHERE { ?st ex:score ?c ; ex:subject ?s } ORDER BY ?c LIMIT 1001",
        "SELECT ?st ?c WHERE { ?st ex:score ?c ; ex:subject ?s } ORDER BY ?c LIMIT 0",
        "SELECT ?st ?c WHERE { ?st ex:score ?c OPTIONAL { ?st ex:subject ?s } } ORDER BY ?c LIMIT 3",
    ],
)
def test_other_orders_are_not_cut(sparql: str) -> None:
    assert "COALESCE" not in rewrite(f"PREFIX ex: <{EX}> {sparql}")
