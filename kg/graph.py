"""The graph stage: an :class:`~kg.model.ArticleResult` becomes the RDF of DATA-MODEL.md.

Each article gives the triples of one named graph: the article node, the description of every actor it mentions,
and one ``rdf:Statement`` per extracted relation with its provenance. IRIs are deterministic, so rebuilding the
same input gives the same triples. The store later keeps each actor's description once, in its default graph,
and derives plain edges and their counts from all articles (see :meth:`kg.store.Store.refresh_edges`).

Terms are pyoxigraph's (the store's own), built once per name: this stage runs for every article, and making
rdflib terms first would cost more than parsing. ``kg.store.from_ox`` turns them into rdflib terms.

>>> IRIs().actor("Q159")
<NamedNode value=https://w3id.org/newskg/id/actor/Q159>
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import BadOption
from kg.model import Actor, Article, ArticleResult, Statement
from kg.namespaces import DCTERMS, DEFAULT_BASE_IRI, NKG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WD, XSD

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


def _iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(name))


TYPE, LABEL, ALT_LABEL, SAME_AS = _iri(RDF.type), _iri(RDFS.label), _iri(SKOS.altLabel), _iri(OWL.sameAs)
SUBJECT, PREDICATE, OBJECT, STATEMENT = (
    _iri(RDF.subject),
    _iri(RDF.predicate),
    _iri(RDF.object),
    _iri(RDF.Statement),
)
TITLE, DATE, SOURCE, PUBLISHER = (
    _iri(DCTERMS.title),
    _iri(DCTERMS.date),
    _iri(DCTERMS.source),
    _iri(DCTERMS.publisher),
)
DERIVED_FROM, MENTIONS, URL, NEWS_ARTICLE = (
    _iri(PROV.wasDerivedFrom),
    _iri(SCHEMA.mentions),
    _iri(SCHEMA.url),
    _iri(SCHEMA.NewsArticle),
)
XSD_DATE, XSD_DOUBLE, XSD_INTEGER = _iri(XSD.date), _iri(XSD.double), _iri(XSD.integer)
NKG_TERMS: dict[str, ox.NamedNode] = {}


def nkg(name: str) -> ox.NamedNode:
    """The ``nkg:`` term ``name`` (cached): ``nkg("sanctions")``."""
    term = NKG_TERMS.get(name)
    if term is None:
        term = NKG_TERMS[name] = _iri(NKG[name])
    return term


def _date(value: object) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=XSD_DATE)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class IRIs:
    """Mints the IRIs of our resources under a base (``--base-iri``): an absolute IRI ending in ``/`` or ``#``,
    else a :class:`~kg.errors.BadOption`.

    >>> IRIs("https://example.org/kg")
    Traceback (most recent call last):
    kg.errors.BadOption: error[E105]: --base-iri 'https://example.org/kg' must end with / or #
    """

    base: str = DEFAULT_BASE_IRI

    def __post_init__(self) -> None:
        try:
            ox.NamedNode(self.base)
        except ValueError as exc:
            raise BadOption(f"--base-iri {self.base!r} is no absolute IRI ({exc})") from None
        if not self.base.endswith(("/", "#")):
            raise BadOption(f"--base-iri {self.base!r} must end with / or #")

    def actor(self, key: str) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}actor/{key}")

    def article(self, key: str) -> ox.NamedNode:
        """The article (and its named graph) of :attr:`kg.model.Article.key`, a hash of its source."""
        return ox.NamedNode(f"{self.base}article/{key}")

    def statement(self, article: Article, stmt: Statement) -> ox.NamedNode:
        """A hash of (article source, sentence offsets, subject, predicate, object)."""
        ident = (
            f"{article.key} {stmt.char_start} {stmt.char_end} {stmt.subject} {stmt.predicate} {stmt.object}"
        )
        return ox.NamedNode(f"{self.base}stmt/{hashlib.sha256(ident.encode()).hexdigest()[:32]}")


def _web_iri(url: str | None) -> ox.NamedNode | None:
    """An http(s) URL as an IRI, or None when it is missing or not a valid IRI."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    try:
        return ox.NamedNode(url)
    except ValueError:
        return None


def article_triples(article: Article, iris: IRIs) -> Iterator[Triple]:
    """The article node: type, title, date, source, publisher, URL and the hash of its text."""
    node = iris.article(article.key)
    yield node, TYPE, nkg("Article")
    yield node, TYPE, NEWS_ARTICLE
    yield node, nkg("sha256"), ox.Literal(article.sha256)
    yield node, SOURCE, ox.Literal(article.source)
    if article.title:
        yield node, TITLE, ox.Literal(article.title)
    if article.date:
        yield node, DATE, _date(article.date)
    if article.publisher:
        yield node, PUBLISHER, ox.Literal(article.publisher)
    url = _web_iri(article.url)
    if url is not None:
        yield node, URL, url


def actor_triples(actor: Actor, iris: IRIs) -> Iterator[Triple]:
    """An actor's class, canonical label, surface forms seen, Wikidata link, ISO-3, country and sector."""
    node = iris.actor(actor.key)
    yield node, TYPE, nkg(actor.cls)
    yield node, LABEL, ox.Literal(actor.label)
    for form in sorted(actor.alt_labels):
        yield node, ALT_LABEL, ox.Literal(form)
    if actor.qid:
        yield node, SAME_AS, _iri(WD[actor.qid])
    if actor.iso3:
        yield node, nkg("iso3"), ox.Literal(actor.iso3)
    if actor.country:
        yield node, nkg("country"), iris.actor(actor.country)
    if actor.sector:
        yield node, nkg("sector"), ox.Literal(actor.sector)


def statement_triples(article: Article, stmt: Statement, iris: IRIs) -> Iterator[Triple]:
    """One reified relation with its modality, confidence, trigger, evidence, offsets, date, source and mode."""
    node = iris.statement(article, stmt)
    yield node, TYPE, STATEMENT
    yield node, TYPE, nkg("Statement")
    yield node, SUBJECT, iris.actor(stmt.subject)
    yield node, PREDICATE, nkg(stmt.predicate)
    yield node, OBJECT, iris.actor(stmt.object)
    yield node, nkg("modality"), ox.Literal(stmt.modality)
    yield node, nkg("confidence"), ox.Literal(repr(float(stmt.confidence)), datatype=XSD_DOUBLE)
    yield node, nkg("trigger"), ox.Literal(stmt.trigger)
    yield node, nkg("evidence"), ox.Literal(stmt.evidence)
    yield node, nkg("charStart"), ox.Literal(str(stmt.char_start), datatype=XSD_INTEGER)
    yield node, nkg("charEnd"), ox.Literal(str(stmt.char_end), datatype=XSD_INTEGER)
    if stmt.date:
        yield node, nkg("date"), _date(stmt.date)
    if stmt.attributed_to:
        yield node, nkg("attributedTo"), iris.actor(stmt.attributed_to)
    if stmt.mode:
        yield node, nkg("mode"), ox.Literal(stmt.mode)
    yield node, DERIVED_FROM, iris.article(article.key)


def result_triples(result: ArticleResult, iris: IRIs | None = None) -> tuple[str, list[Triple]]:
    """The named graph of one article: its IRI and its triples (the article ``schema:mentions`` its actors).

    >>> from kg.model import Article, ArticleResult
    >>> name, triples = result_triples(ArticleResult(Article("Text.", "a.txt")))
    >>> len(triples)
    4
    """
    iris = iris or IRIs()
    article = result.article
    node = iris.article(article.key)
    triples = list(article_triples(article, iris))
    for actor in result.actors.values():
        triples.extend(actor_triples(actor, iris))
        triples.append((node, MENTIONS, iris.actor(actor.key)))
    for stmt in result.statements:
        triples.extend(statement_triples(article, stmt, iris))
    return node.value, triples
