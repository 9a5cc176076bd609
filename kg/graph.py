"""The graph stage: an :class:`~kg.model.ArticleResult` becomes the RDF of DATA-MODEL.md.

Each article gives the triples of one named graph: the article node, the description of every actor it mentions,
and one ``rdf:Statement`` per extracted relation with its provenance. IRIs are deterministic, so rebuilding the
same input gives the same triples. Plain edges and their counts are derived later, by the store, from all articles.

>>> from kg.model import Article, ArticleResult
>>> names = IRIs()
>>> names.actor("Q159")
rdflib.term.URIRef('https://w3id.org/newskg/id/actor/Q159')
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.model import Actor, Article, ArticleResult, Statement
from kg.namespaces import DCTERMS, DEFAULT_BASE_IRI, NKG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WD, XSD

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class IRIs:
    """Mints the IRIs of our resources under a base (``--base-iri``)."""

    base: str = DEFAULT_BASE_IRI

    def actor(self, key: str) -> URIRef:
        return URIRef(f"{self.base}actor/{key}")

    def article(self, sha256: str) -> URIRef:
        return URIRef(f"{self.base}article/{sha256}")

    def statement(self, article: Article, stmt: Statement) -> URIRef:
        """A hash of (article, sentence offsets, subject, predicate, object)."""
        ident = f"{article.sha256} {stmt.char_start} {stmt.char_end} {stmt.subject} {stmt.predicate} {stmt.object}"
        return URIRef(f"{self.base}stmt/{hashlib.sha256(ident.encode()).hexdigest()[:32]}")


def article_triples(article: Article, iris: IRIs) -> Iterator[Triple]:
    """The article node: type, title, date, source, publisher, URL and the hash of its text."""
    node = iris.article(article.sha256)
    yield node, RDF.type, NKG.Article
    yield node, RDF.type, SCHEMA.NewsArticle
    yield node, NKG.sha256, Literal(article.sha256)
    yield node, DCTERMS.source, Literal(article.source)
    if article.title:
        yield node, DCTERMS.title, Literal(article.title)
    if article.date:
        yield node, DCTERMS.date, Literal(article.date.isoformat(), datatype=XSD.date)
    if article.publisher:
        yield node, DCTERMS.publisher, Literal(article.publisher)
    if article.url and article.url.startswith(("http://", "https://")):
        yield node, SCHEMA.url, URIRef(article.url)


def actor_triples(actor: Actor, iris: IRIs) -> Iterator[Triple]:
    """An actor's class, canonical label, surface forms seen, Wikidata link, ISO-3, country and sector."""
    node = iris.actor(actor.key)
    yield node, RDF.type, NKG[actor.cls]
    yield node, RDFS.label, Literal(actor.label)
    for form in sorted(actor.alt_labels):
        yield node, SKOS.altLabel, Literal(form)
    if actor.qid:
        yield node, OWL.sameAs, WD[actor.qid]
    if actor.iso3:
        yield node, NKG.iso3, Literal(actor.iso3)
    if actor.country:
        yield node, NKG.country, iris.actor(actor.country)
    if actor.sector:
        yield node, NKG.sector, Literal(actor.sector)


def statement_triples(article: Article, stmt: Statement, iris: IRIs) -> Iterator[Triple]:
    """One reified relation with its modality, confidence, trigger, evidence, offsets, date and source."""
    node = iris.statement(article, stmt)
    yield node, RDF.type, RDF.Statement
    yield node, RDF.type, NKG.Statement
    yield node, RDF.subject, iris.actor(stmt.subject)
    yield node, RDF.predicate, NKG[stmt.predicate]
    yield node, RDF.object, iris.actor(stmt.object)
    yield node, NKG.modality, Literal(stmt.modality)
    yield node, NKG.confidence, Literal(float(stmt.confidence), datatype=XSD.double)
    yield node, NKG.trigger, Literal(stmt.trigger)
    yield node, NKG.evidence, Literal(stmt.evidence)
    yield node, NKG.charStart, Literal(stmt.char_start, datatype=XSD.integer)
    yield node, NKG.charEnd, Literal(stmt.char_end, datatype=XSD.integer)
    if stmt.date:
        yield node, NKG.date, Literal(stmt.date.isoformat(), datatype=XSD.date)
    if stmt.attributed_to:
        yield node, NKG.attributedTo, iris.actor(stmt.attributed_to)
    yield node, PROV.wasDerivedFrom, iris.article(article.sha256)


def result_triples(result: ArticleResult, iris: IRIs | None = None) -> tuple[URIRef, list[Triple]]:
    """The named graph of one article: its IRI and its triples (the article ``schema:mentions`` its actors).

    >>> from kg.model import Article, ArticleResult
    >>> name, triples = result_triples(ArticleResult(Article("Text.", "a.txt")))
    >>> len(triples)
    4
    """
    iris = iris or IRIs()
    article = result.article
    triples = list(article_triples(article, iris))
    for actor in result.actors.values():
        triples.extend(actor_triples(actor, iris))
        triples.append((iris.article(article.sha256), SCHEMA.mentions, iris.actor(actor.key)))
    for stmt in result.statements:
        triples.extend(statement_triples(article, stmt, iris))
    return iris.article(article.sha256), triples
