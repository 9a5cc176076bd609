"""The OWL ontology (ontology/newskg.ttl) and the SHACL shapes (ontology/shapes.ttl) against DATA-MODEL.md."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from kg import namespaces as ns  # SCHEMA and XSD stay out of module globals: pytest's collector probes them
from kg.namespaces import NKG, ORG, OWL, RDF, RDFS, SKOS, WDT
from kg.paths import ONTOLOGY_DIR

# DATA-MODEL.md, "Relations": PLOVER type -> (property, quad class)
INTERACTIONS = {
    "AGREE": ("agreesWith", "verbalCooperation"),
    "CONSULT": ("meetsWith", "verbalCooperation"),
    "SUPPORT": ("supports", "verbalCooperation"),
    "REQUEST": ("appealsTo", "verbalCooperation"),
    "COOPERATE": ("cooperatesWith", "materialCooperation"),
    "AID": ("aids", "materialCooperation"),
    "CONCEDE": ("concedesTo", "materialCooperation"),
    "RETREAT": ("withdrawsFrom", "materialCooperation"),
    "ACCUSE": ("accuses", "verbalConflict"),
    "REJECT": ("rejects", "verbalConflict"),
    "THREATEN": ("threatens", "verbalConflict"),
    "PROTEST": ("protestsAgainst", "materialConflict"),
    "SANCTION": ("sanctions", "materialConflict"),
    "MOBILIZE": ("mobilizesAgainst", "materialConflict"),
    "COERCE": ("coerces", "materialConflict"),
    "ASSAULT": ("attacks", "materialConflict"),
}
STRUCTURAL = ("leaderOf", "officialOf", "memberOf", "partOf")
ACTOR_CLASSES = ("State", "Leader", "Person", "Institution", "ArmedGroup", "Bloc", "Place")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "newskg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def test_header(onto: Graph) -> None:
    (ontology,) = onto.subjects(RDF.type, OWL.Ontology)
    assert onto.value(ontology, OWL.versionIRI) == URIRef("https://w3id.org/newskg/ontology/0.1.0")
    assert str(onto.value(ontology, OWL.versionInfo)) == "0.1.0"
    assert onto.value(ontology, URIRef("http://purl.org/dc/terms/title")) is not None
    assert onto.value(ontology, URIRef("http://purl.org/dc/terms/license")) is not None


def test_every_nkg_term_has_label_and_comment(onto: Graph, shapes: Graph) -> None:
    used = {
        term
        for graph in (onto, shapes)
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(str(NKG))
    }
    assert len(used) > 60  # classes, properties, PLOVER concepts
    missing = sorted(
        str(t) for t in used if onto.value(t, RDFS.label) is None or onto.value(t, RDFS.comment) is None
    )
    assert missing == []


def test_actor_classes(onto: Graph) -> None:
    for name in ACTOR_CLASSES:
        assert (NKG[name], RDFS.subClassOf, NKG.Actor) in onto, name
    for person in ("Leader", "Person"):
        assert (NKG[person], RDFS.subClassOf, ns.SCHEMA.Person) in onto
    assert (NKG.Article, RDFS.subClassOf, ns.SCHEMA.NewsArticle) in onto
    assert (NKG.Statement, RDFS.subClassOf, RDF.Statement) in onto
    assert (NKG.Edge, RDF.type, OWL.Class) in onto


def test_quad_classes_under_interacts_with(onto: Graph) -> None:
    for quad in ("verbalCooperation", "materialCooperation", "verbalConflict", "materialConflict"):
        assert (NKG[quad], RDFS.subPropertyOf, NKG.interactsWith) in onto
    assert onto.value(NKG.interactsWith, RDFS.domain) == NKG.Actor
    assert onto.value(NKG.interactsWith, RDFS.range) == NKG.Actor


@pytest.mark.parametrize("plover", sorted(INTERACTIONS))
def test_interaction_property(onto: Graph, plover: str) -> None:
    name, quad = INTERACTIONS[plover]
    prop = NKG[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert list(onto.objects(prop, RDFS.subPropertyOf)) == [NKG[quad]]

    concepts = list(onto.objects(prop, SKOS.closeMatch))
    assert concepts == [NKG[f"plover-{plover}"]]
    concept = concepts[0]
    assert (concept, RDF.type, SKOS.Concept) in onto
    assert (concept, SKOS.inScheme, NKG.PloverTypes) in onto
    assert onto.value(concept, SKOS.prefLabel) == Literal(plover)
    assert onto.value(concept, SKOS.definition) is not None

    notations = [str(n) for n in onto.objects(prop, SKOS.notation)]
    assert notations
    assert all(re.fullmatch(r"(0[1-9]|1[0-9]|20)[0-9]?", code) for code in notations), notations

    score = onto.value(prop, NKG.goldsteinScore)
    assert score is not None and score.datatype == ns.XSD.decimal
    assert Decimal(-10) <= score.toPython() <= Decimal(10)
    cooperative = quad.endswith("Cooperation")
    assert (score.toPython() > 0) == cooperative


def test_plover_scheme_has_exactly_the_sixteen_types(onto: Graph) -> None:
    concepts = set(onto.subjects(SKOS.inScheme, NKG.PloverTypes))
    assert concepts == {NKG[f"plover-{p}"] for p in INTERACTIONS}
    assert (NKG.PloverTypes, RDF.type, SKOS.ConceptScheme) in onto


def test_symmetric_properties(onto: Graph) -> None:
    symmetric = set(onto.subjects(RDF.type, OWL.SymmetricProperty))
    assert symmetric == {NKG.meetsWith, NKG.agreesWith, NKG.cooperatesWith}


def test_structural_mappings(onto: Graph) -> None:
    assert (NKG.leaderOf, RDFS.subPropertyOf, ORG.headOf) in onto
    assert set(onto.objects(NKG.leaderOf, SKOS.closeMatch)) == {WDT.P35, WDT.P6}
    assert (NKG.memberOf, RDFS.subPropertyOf, ORG.memberOf) in onto
    assert (NKG.memberOf, SKOS.closeMatch, WDT.P463) in onto
    assert (NKG.partOf, SKOS.closeMatch, WDT.P361) in onto
    for office in ("leaderOf", "officialOf"):
        domain = onto.value(NKG[office], RDFS.domain)
        union = Collection(onto, onto.value(domain, OWL.unionOf))
        assert set(union) == {NKG.Leader, NKG.Person}
        assert onto.value(NKG[office], RDFS.range) == NKG.Actor


def test_attribute_ranges(onto: Graph) -> None:
    expected = {
        "iso3": ns.XSD.string,
        "country": NKG.State,
        "confidence": ns.XSD.double,
        "charStart": ns.XSD.integer,
        "charEnd": ns.XSD.integer,
        "date": ns.XSD.date,
        "statementCount": ns.XSD.integer,
        "firstDate": ns.XSD.date,
        "goldsteinScore": ns.XSD.decimal,
    }
    for name, range_ in expected.items():
        assert onto.value(NKG[name], RDFS.range) == range_, name


def test_shapes_allow_exactly_the_twenty_relations(onto: Graph, shapes: Graph) -> None:
    (prop_shape,) = [s for s in shapes.subjects(SH.path, RDF.predicate) if (s, SH["in"], None) in shapes]
    allowed = set(Collection(shapes, shapes.value(prop_shape, SH["in"])))
    relations = {NKG[name] for name, _ in INTERACTIONS.values()} | {NKG[name] for name in STRUCTURAL}
    assert allowed == relations
    for relation in relations:
        assert (relation, RDF.type, OWL.ObjectProperty) in onto
