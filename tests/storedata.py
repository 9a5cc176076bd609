"""Small hand-made article graphs in the layout of DATA-MODEL.md, shared by the store/query/serve tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.namespaces import DCTERMS, DEFAULT_BASE_IRI, NKG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WD, XSD

BASE = DEFAULT_BASE_IRI
ACTORS = {
    "Q30": ("United States", NKG.State, "USA"),
    "Q159": ("Russia", NKG.State, "RUS"),
    "Q212": ("Ukraine", NKG.State, "UKR"),
    "Q7747": ("Vladimir Putin", NKG.Leader, None),
    "Q458": ("European Union", NKG.Institution, None),
}


def actor(qid: str) -> URIRef:
    """The IRI of one of the test actors."""
    return URIRef(f"{BASE}actor/{qid}")


def article_iri(source: str, text: str) -> str:
    """The article IRI for a source and its text (sha256 of the text, as the build does)."""
    return f"{BASE}article/{hashlib.sha256(text.encode()).hexdigest()}"


def article(
    source: str,
    text: str,
    date: str,
    statements: list[tuple[str, str, str, str]],
    alt_labels: dict[str, str] | None = None,
) -> tuple[str, list[tuple[Node, Node, Node]]]:
    """One article's named graph: the article node, its statements (s, relation, o, modality) and actors."""
    iri = URIRef(article_iri(source, text))
    sha = str(iri).rsplit("/", 1)[-1]
    triples: list[tuple[Node, Node, Node]] = [
        (iri, RDF.type, NKG.Article),
        (iri, RDF.type, SCHEMA.NewsArticle),
        (iri, DCTERMS.title, Literal(text[:30])),
        (iri, DCTERMS.date, Literal(date, datatype=XSD.date)),
        (iri, DCTERMS.source, Literal(source)),
        (iri, NKG.sha256, Literal(sha)),
    ]
    mentioned: set[str] = set()
    for index, (s, relation, o, modality) in enumerate(statements):
        stmt = URIRef(f"{BASE}stmt/{hashlib.sha1(f'{sha} {index} {s} {relation} {o}'.encode()).hexdigest()}")
        triples += [
            (stmt, RDF.type, RDF.Statement),
            (stmt, RDF.type, NKG.Statement),
            (stmt, RDF.subject, actor(s)),
            (stmt, RDF.predicate, NKG[relation]),
            (stmt, RDF.object, actor(o)),
            (stmt, NKG.modality, Literal(modality)),
            (stmt, NKG.confidence, Literal(0.9)),
            (stmt, NKG.trigger, Literal(relation)),
            (stmt, NKG.evidence, Literal(f"{ACTORS[s][0]} {relation} {ACTORS[o][0]} ({source}, {index}).")),
            (stmt, NKG.charStart, Literal(index * 100)),
            (stmt, NKG.charEnd, Literal(index * 100 + 50)),
            (stmt, NKG.date, Literal(date, datatype=XSD.date)),
            (stmt, PROV.wasDerivedFrom, iri),
        ]
        mentioned |= {s, o}
    for qid in sorted(mentioned):
        label, cls, iso3 = ACTORS[qid]
        node = actor(qid)
        triples += [(node, RDF.type, cls), (node, RDFS.label, Literal(label)), (node, OWL.sameAs, WD[qid])]
        if iso3:
            triples.append((node, NKG.iso3, Literal(iso3)))
        if qid == "Q7747":
            triples.append((node, NKG.country, actor("Q159")))
        if alt_labels and qid in alt_labels:
            triples.append((node, SKOS.altLabel, Literal(alt_labels[qid])))
    return str(iri), triples


def corpus() -> list[tuple[str, list[tuple[Node, Node, Node]]]]:
    """Three articles: two assert that the US sanctions Russia, one negates that Russia attacks Ukraine."""
    return [
        article(
            "a.txt",
            "Washington sanctions Moscow.",
            "2022-02-24",
            [("Q30", "sanctions", "Q159", "asserted"), ("Q7747", "leaderOf", "Q159", "asserted")],
            {"Q30": "Washington"},
        ),
        article(
            "b.txt",
            "The US imposed sanctions on Russia.",
            "2022-03-01",
            [("Q30", "sanctions", "Q159", "asserted"), ("Q159", "meetsWith", "Q212", "future")],
            {"Q159": "Moscow"},
        ),
        article(
            "c.txt",
            "Russia did not attack Ukraine, it said.",
            "2022-01-10",
            [("Q159", "attacks", "Q212", "negated"), ("Q458", "sanctions", "Q159", "asserted")],
        ),
    ]


def write_ahead_log(db: Path) -> int:
    """Bytes in the RocksDB write-ahead log files (``000123.log``) of a store directory."""
    return sum(path.stat().st_size for path in db.glob("[0-9]*.log"))
