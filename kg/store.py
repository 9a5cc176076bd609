"""The embedded store: Oxigraph (pyoxigraph), one named graph per article, derived edges in the default graph.

The layout is the one of DATA-MODEL.md: each article's triples (the article node, its statements and its
mentions) live in the named graph named by the article IRI; the default graph holds what
:meth:`Store.refresh_edges` derives from all articles: one description of each actor, plain edges and
``nkg:Edge`` summary nodes. pyoxigraph is used directly for loading, querying and serialising (it is several
times faster than going through rdflib); :meth:`Store.rdflib_dataset` offers the same data through rdflib.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
import rdflib
from rdflib.term import Node

from kg.errors import OutputError, QuerySyntaxError, StoreError
from kg.namespaces import DEFAULT_BASE_IRI, NKG, PREFIXES

Triple = tuple[Node, Node, Node]
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal

GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
"""File suffix (without the dot) -> Oxigraph format, for reading and writing graph files."""

EXPORT_FORMATS = (*GRAPH_FORMATS, "graphml")
_FORMAT_ALIASES = {
    "turtle": "ttl",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nq",
    "n-quads": "nq",
    "json-ld": "jsonld",
    "json": "jsonld",
}

FLUSH_QUADS = 20_000
"""Quads an on-disk store takes in before its write buffers are flushed to disk (about a write batch of long
articles): a transaction and the write buffers hold ~1.5 KB a quad, so a build's memory grows by that until the
flush (peak RSS of a 100-article build 481 MB at 100,000, 426 MB at 20,000; 351 MB for 10 articles)."""
LAYOUT_MARKER = "# newskg layout query: the default graph is the store's own, not the union\n"
"""First line of a query written for the store's layout (:meth:`Store.query` then keeps the default graph
as it is: edges and actor summaries derived by :meth:`Store.refresh_edges`, articles in named graphs)."""

_UNION_TRIPLES = """
SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } ORDER BY ?s ?p ?o
"""

_ACTOR_CLASSES = "nkg:State nkg:Leader nkg:Person nkg:Institution nkg:ArmedGroup nkg:Bloc nkg:Place nkg:Actor"
"""The classes of actors, for SPARQL's ``VALUES``."""

_REFRESH_EDGES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX nkg: <https://w3id.org/newskg/ontology#>
# the derived edges go: plain edges, then their nkg:Edge nodes
DELETE { ?s ?p ?o } WHERE { ?e a nkg:Edge ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } ;
DELETE WHERE { ?e a nkg:Edge ; ?p ?o } ;
# each actor is described once, in the default graph: descriptions move out of the articles' graphs
DELETE { GRAPH ?g { ?a ?p ?o } } INSERT { ?a ?p ?o }
WHERE { VALUES ?c { %CLASSES% } GRAPH ?g { ?a a ?c ; ?p ?o } } ;
# one class (a specific one over nkg:Actor) and one value of each single-valued property: the smallest
DELETE { ?a a ?c } WHERE {
  VALUES ?c { %CLASSES% } VALUES ?d { %CLASSES% }
  ?a a ?c, ?d FILTER(?c != ?d && (?c = nkg:Actor || (?d != nkg:Actor && STR(?d) < STR(?c))))
} ;
DELETE { ?a rdfs:label ?v } WHERE { ?a rdfs:label ?v, ?w FILTER(STR(?w) < STR(?v)) } ;
DELETE { ?a owl:sameAs ?v } WHERE { ?a owl:sameAs ?v, ?w FILTER(STR(?w) < STR(?v)) } ;
DELETE { ?a nkg:iso3 ?v } WHERE { ?a nkg:iso3 ?v, ?w FILTER(STR(?w) < STR(?v)) } ;
DELETE { ?a nkg:country ?v } WHERE { ?a nkg:country ?v, ?w FILTER(STR(?w) < STR(?v)) } ;
DELETE { ?a nkg:sector ?v } WHERE { ?a nkg:sector ?v, ?w FILTER(STR(?w) < STR(?v)) } ;
# an actor that no article names any more (in a mention, a statement, ...) is no longer described
DELETE { ?a ?p ?o } WHERE {
  VALUES ?c { %CLASSES% } ?a a ?c FILTER NOT EXISTS { GRAPH ?g { ?x ?q ?a } } ?a ?p ?o
} ;
INSERT {
  ?s ?p ?o .
  ?edge a nkg:Edge ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
        nkg:statementCount ?n ; nkg:articleCount ?m ; nkg:firstDate ?first ; nkg:lastDate ?last .
}
WHERE {
  {
    SELECT ?s ?p ?o (COUNT(DISTINCT ?st) AS ?n) (COUNT(DISTINCT ?g) AS ?m)
           (MIN(?date) AS ?first) (MAX(?date) AS ?last)
    WHERE {
      GRAPH ?g {
        ?st nkg:modality "asserted" ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        OPTIONAL { ?st nkg:date ?date }
      }
    }
    GROUP BY ?s ?p ?o
  }
  BIND(IRI(CONCAT(%BASE%, SHA1(CONCAT(STR(?s), " ", STR(?p), " ", STR(?o))))) AS ?edge)
}
""".replace("%CLASSES%", _ACTOR_CLASSES)

ARTICLE_INDEX_QUERY = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?source ?sha WHERE {
  GRAPH ?g { ?g a nkg:Article ; dcterms:source ?source . OPTIONAL { ?g nkg:sha256 ?sha } }
}
"""
"""Every article's graph, ``dcterms:source`` and ``nkg:sha256``: the index of incremental builds."""

_ANY_EDGE = "PREFIX nkg: <https://w3id.org/newskg/ontology#> SELECT ?e WHERE { ?e a nkg:Edge } LIMIT 1"
_DROP_WEAK = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
DELETE { GRAPH ?g { ?st ?p ?o } }
WHERE { GRAPH ?g { ?st nkg:confidence ?c . FILTER(?c < %MIN%) ?st ?p ?o } }"""
"""Removes the statements less sure than a minimum (see :meth:`Store.at_least`)."""

ArticleIndex = dict[str, tuple[str, str]]
"""``dcterms:source`` -> (``nkg:sha256`` of its text, its graph IRI)."""

BUILD_GRAPH = "urn:x-newskg:build"
"""A private named graph that holds the "edges are stale" marker while a build writes articles."""
MARK_STALE_UPDATE = (
    f"INSERT DATA {{ GRAPH <{BUILD_GRAPH}> {{ <{BUILD_GRAPH}> <urn:x-newskg:edgesStale> true }} }}"
)
IS_STALE_QUERY = f"ASK {{ GRAPH <{BUILD_GRAPH}> {{ ?s ?p ?o }} }}"


def refresh_edges_update(base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The SPARQL update that recomputes the default graph and clears the stale marker (one transaction).

    >>> "DROP SILENT GRAPH <urn:x-newskg:build>" in refresh_edges_update()
    True
    """
    base = json.dumps(f"{base_iri}edge/")
    return f"{_REFRESH_EDGES.replace('%BASE%', base).rstrip()} ;\nDROP SILENT GRAPH <{BUILD_GRAPH}>\n"


def edge_iri(s: str, p: str, o: str, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the ``nkg:Edge`` node summarising the plain edge ``s p o`` (as :meth:`Store.refresh_edges`).

    >>> edge_iri("https://w3id.org/newskg/id/actor/Q30", "https://w3id.org/newskg/ontology#sanctions",
    ...          "https://w3id.org/newskg/id/actor/Q159")
    'https://w3id.org/newskg/id/edge/00f53ec9070076c82b9bfc3a996803dc7da15f8a'
    """
    return f"{base_iri}edge/{hashlib.sha1(f'{s} {p} {o}'.encode()).hexdigest()}"


def to_ox(term: Node | OxTerm) -> OxTerm:
    """Convert an rdflib term (URIRef, BNode, Literal) to the equivalent pyoxigraph term.

    >>> to_ox(rdflib.Literal("Russia", lang="en"))
    <Literal value=Russia language=en>
    """
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}: not an IRI, blank node or literal")


def from_ox(term: OxTerm) -> Node:
    """Convert a pyoxigraph term back to rdflib.

    >>> from_ox(ox.NamedNode("http://example.org/a"))
    rdflib.term.URIRef('http://example.org/a')
    """
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))


def format_for(path: str | Path, fmt: str | None = None, allowed: Iterable[str] = EXPORT_FORMATS) -> str:
    """The format key (``ttl``, ``nt``, ...) from an explicit ``fmt`` or from the file suffix.

    >>> format_for("graph.TTL"), format_for("out.data", "json-ld")
    ('ttl', 'jsonld')
    """
    allowed = tuple(allowed)
    key = (fmt or Path(path).suffix.lstrip(".")).lower()
    key = _FORMAT_ALIASES.get(key, key)
    if key not in allowed:
        what = f"format {fmt!r}" if fmt else f"suffix {Path(path).suffix or '(none)'!r} of {path}"
        raise OutputError(f"unknown {what}; expected one of {', '.join(allowed)}")
    return key


def write_atomic(path: str | Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write`` with a binary temp file next to ``path``, then move it into place (no half files)."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _swap(path: Path, fresh: Path) -> None:
    """Put the store directory ``fresh`` in the place of ``path``; if ``path`` cannot be moved (a mount point),
    ``fresh`` is dropped and ``path`` stays as it is."""
    old = path.with_name(f".{path.name}.old-{os.getpid()}")
    try:
        os.replace(path, old)
    except OSError:
        shutil.rmtree(fresh, ignore_errors=True)
        return
    os.replace(fresh, path)
    shutil.rmtree(old)


def _compact(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if (
            iri.startswith(namespace)
            and len(iri) > len(namespace)
            and not iri[len(namespace) :].startswith("/")
        ):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _compact_jsonld(node: Any) -> Any:
    """Use our prefixes (declared in the @context) for property names, @id and @type values."""
    if isinstance(node, list):
        return [_compact_jsonld(item) for item in node]
    if not isinstance(node, dict):
        return node
    compacted: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@id":
            compacted[key] = _compact(value)
        elif key == "@type":
            compacted[key] = [_compact(v) for v in value] if isinstance(value, list) else _compact(value)
        elif key.startswith("@"):
            compacted[key] = _compact_jsonld(value)
        else:
            compacted[_compact(key)] = _compact_jsonld(value)
    return compacted


def _sparql_syntax_error(exc: SyntaxError) -> QuerySyntaxError:
    message = " ".join(str(exc).split())
    if message.startswith("error at "):
        position, _, detail = message[len("error at ") :].partition(": ")
        line, _, column = position.partition(":")
        if len(detail) > 120:
            detail = detail[:120].rsplit(",", 1)[0] + ", ..."
        message = f"line {line}, column {column}: {detail}"
    return QuerySyntaxError(f"SPARQL syntax error at {message}")


class Store:
    """An Oxigraph store (pyoxigraph) with one named graph per article and derived edges in the default graph.

    >>> article = rdflib.URIRef("https://w3id.org/newskg/id/article/1")
    >>> with Store.open() as store:
    ...     store.put_article(str(article), [(article, rdflib.RDF.type, NKG.Article)])
    ...     len(store)
    1
    """

    def __init__(self, inner: ox.Store, path: Path | None = None, read_only: bool = False) -> None:
        self._inner: ox.Store | None = inner
        self.path = path
        self.read_only = read_only
        self._unflushed = 0  # quads written since the last flush

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False) -> Store:
        """Open the store directory ``path`` (created if missing unless ``read_only``), or an in-memory store.

        A path that exists and is not an Oxigraph store is a :class:`~kg.errors.StoreError`.
        """
        if path is None:
            return cls(ox.Store())
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: is a file, not a store directory (use it as a graph file instead)")
        if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").is_file():
            raise StoreError(f"{path}: exists and is not a store directory")
        if read_only and not path.is_dir():
            raise StoreError(f"{path}: no such store directory")
        try:
            if not read_only:
                path.mkdir(parents=True, exist_ok=True)
            inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            message = " ".join(str(exc).split())
            if "lock" in message.lower():
                message = "the store is in use by another process (a running build or server?)"
            raise StoreError(f"{path}: cannot open store: {message}") from None
        return cls(inner, path, read_only)

    @classmethod
    def from_file(cls, path: str | Path) -> Store:
        """An in-memory store loaded from a graph file (.ttl .nt .nq .trig .jsonld).

        Triples of a triple format go to the default graph; N-Quads and TriG keep their named graphs.
        """
        path = Path(path)
        if not path.is_file():
            raise StoreError(f"{path}: no such graph file")
        key = format_for(path, allowed=GRAPH_FORMATS)
        inner = ox.Store()
        try:
            inner.load(path=str(path), format=GRAPH_FORMATS[key])
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{path}: not valid {key}: {' '.join(str(exc).split())}") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from None
        return cls(inner)

    @property
    def inner(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``."""
        if self._inner is None:
            raise StoreError("the store is closed")
        return self._inner

    def __len__(self) -> int:
        return len(self.inner)

    def is_empty(self) -> bool:
        """True when the store holds no quad (without counting them all)."""
        return next(iter(self.inner.quads_for_pattern(None, None, None, None)), None) is None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Flush an on-disk store and release it (the lock is freed once no result is still open)."""
        if self._inner is not None:
            if self.path is not None and not self.read_only:
                self._inner.flush()
            self._inner = None

    def compact(self, rewrite: bool = False) -> None:
        """Leave an on-disk store small: flush it, reopen it (RocksDB then folds its write-ahead log into the
        tables and deletes it) and optimise it. With ``rewrite`` its quads are first bulk-loaded into a new store
        that replaces it, as small as a bulk-loaded store (for a first build: the old versions of the rows the
        build rewrote are left behind). A store in memory or opened read-only is left as it is.

        >>> with Store.open() as store:
        ...     store.compact()
        """
        if self.path is None or self.read_only or self._inner is None:
            return
        self._inner.flush()
        fresh = self.path.with_name(f".{self.path.name}.compact-{os.getpid()}")
        rewrite = rewrite and not self.path.is_symlink()  # a link to the store stays a link to it
        if rewrite:
            shutil.rmtree(fresh, ignore_errors=True)
            copy = ox.Store(str(fresh))
            copy.bulk_extend(self._inner.quads_for_pattern(None, None, None, None))
            copy.flush()
            del copy
        self._inner = None  # releases the lock: RocksDB closes the database
        try:
            if rewrite:
                _swap(self.path, fresh)
            self._inner = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot reopen the store to compact it: {exc}") from None
        self._inner.optimize()
        self._unflushed = 0

    # -- articles ----------------------------------------------------------------------------------

    def article_index(self) -> ArticleIndex:
        """``dcterms:source`` -> (``nkg:sha256``, graph IRI) of every article in the store (incremental builds)."""
        return {
            row["source"].value: (row["sha"].value if row["sha"] else "", row["g"].value)
            for row in self.inner.query(ARTICLE_INDEX_QUERY)
        }

    def article_iri_for_source(self, source: str) -> str | None:
        """The IRI of the article whose ``dcterms:source`` is ``source``, or None."""
        return self.article_index().get(source, ("", None))[1]

    def put_article(self, article_iri: str, triples: Iterable[Triple]) -> None:
        """Replace the named graph ``article_iri`` with these triples (rdflib terms), atomically."""
        self.put_articles([(article_iri, triples)])

    def put_articles(self, batch: Iterable[tuple[str, Iterable[Triple]]], remove: Iterable[str] = ()) -> None:
        """Replace the named graph of each article in ``batch`` with its triples, all in one transaction.

        The graphs named in ``remove`` (older versions of changed articles) are dropped in the same
        transaction. New articles are added with one ``extend`` (fast); if any graph already exists or is
        removed, the whole batch becomes one SPARQL update (``DROP GRAPH`` + ``INSERT DATA``): no reader sees
        a half-replaced article.
        """
        quads: list[ox.Quad] = []
        existing = [ox.NamedNode(iri) for iri in remove]
        for article_iri, triples in batch:
            graph = ox.NamedNode(article_iri)
            if self.inner.contains_named_graph(graph):
                existing.append(graph)
            quads.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in triples)  # type: ignore[arg-type]
        if not existing:
            self.inner.extend(quads)
            self._flush(len(quads))
            return
        drops = "".join(f"DROP SILENT GRAPH {graph} ;\n" for graph in existing)
        body = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)
        self.inner.update(f"{drops}INSERT DATA {{\n{body}\n}}")
        self._flush(len(quads))

    def _flush(self, written: int) -> None:
        """Write an on-disk store's in-memory buffers to disk every FLUSH_QUADS quads, so that a build's memory
        stays flat however many articles it writes."""
        self._unflushed += written
        if self.path is not None and self._unflushed >= FLUSH_QUADS:
            self.inner.flush()
            self._unflushed = 0

    def remove_article(self, article_iri: str) -> None:
        """Remove the named graph of one article (the default graph is updated by :meth:`refresh_edges`)."""
        self.inner.remove_graph(ox.NamedNode(article_iri))

    def named_graphs(self) -> set[str]:
        """The IRIs of every named graph (article) in the store."""
        return {g.value for g in self.inner.named_graphs()}

    def refresh_edges(self, base_iri: str = DEFAULT_BASE_IRI) -> None:
        """Recompute the default graph: actor descriptions, plain edges of asserted statements and ``nkg:Edge``
        nodes with counts.

        One SPARQL update (a transaction). Each actor is described once, in the default graph: the
        descriptions the articles' graphs were written with (class, ``rdfs:label``, ``skos:altLabel``,
        ``owl:sameAs``, ``nkg:iso3``, ``nkg:country``, ``nkg:sector``) move there, keeping one class (a
        specific one over ``nkg:Actor``) and one value of each single-valued property (the smallest when
        articles disagree), and every ``skos:altLabel`` seen; an actor that no article's graph names any more
        (as the object of a mention, a statement, ...) loses its description. The article graphs keep what is the article's: the article node, its
        statements and its mentions. Then for every (s, p, o) with at least one ``nkg:modality "asserted"``
        statement the default graph holds ``s p o`` and ``<base>edge/<sha1("s p o")>`` with
        ``nkg:statementCount``, ``nkg:articleCount`` and ``nkg:firstDate``/``nkg:lastDate``. The stale marker
        of an unfinished build is cleared.
        """
        self.inner.update(refresh_edges_update(base_iri))

    def mark_stale(self) -> None:
        """Record that articles are being written and the default graph must be refreshed (see build)."""
        self.inner.update(MARK_STALE_UPDATE)

    def is_stale(self) -> bool:
        """True when a build wrote articles and stopped before :meth:`refresh_edges` (a build to resume)."""
        return bool(self.inner.query(IS_STALE_QUERY))

    # -- reading -----------------------------------------------------------------------------------

    def query(
        self, sparql: str, *, timeout: float | None = None
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query with our prefixes predeclared; a syntax error is a :class:`QuerySyntaxError`.

        A query that names no dataset sees the union of all graphs as its default graph (statements live in
        the articles' named graphs), so ``?st nkg:evidence ?e`` needs no ``GRAPH`` clause; ``GRAPH ?g { ... }``
        still names an article, and ``FROM``/``FROM NAMED`` choose graphs as SPARQL 1.1 says (see
        :func:`kg.query.dataset_options`). A query that starts with :data:`LAYOUT_MARKER` (the canned queries
        of :func:`kg.query.load_canned`) sees the store's own default graph instead: the actor descriptions,
        the derived edges and their summaries.

        Results are pyoxigraph's lazy iterators; with a ``timeout`` (seconds) the query runs in a worker
        thread and the results come back materialised as a :class:`kg.query.QueryResult` (or it raises
        :class:`~kg.errors.QueryTimeout`).
        """
        from kg.query import dataset_options, evaluate, parse_read_only, run_query

        if timeout is not None:
            return run_query(self, sparql, timeout=timeout)  # type: ignore[return-value]
        return evaluate(self, sparql, dataset_options(sparql, parse_read_only(sparql)))  # type: ignore[no-any-return]

    def query_df(self, sparql: str, *, timeout: float | None = None) -> Any:
        """The results of a SELECT query as a pandas DataFrame (see :func:`kg.query.query_df`)."""
        from kg.query import query_df

        return query_df(self, sparql, timeout=timeout)

    def union_triples(self) -> Iterator[ox.Triple]:
        """Every distinct triple of the union of all graphs, sorted (for deterministic exports)."""
        for s, p, o in self.inner.query(_UNION_TRIPLES):
            yield ox.Triple(s, p, o)

    def at_least(self, min_confidence: float) -> Store:
        """A copy in memory without the statements whose confidence is below ``min_confidence``, its plain
        edges and counts recomputed from those left (with the base of the store's own edge IRIs)."""
        copy = Store.open()
        copy.inner.bulk_extend(self.inner.quads_for_pattern(None, None, None, None))
        edge = next(iter(self.inner.query(_ANY_EDGE)), None)
        base = edge["e"].value.rsplit("edge/", 1)[0] if edge else DEFAULT_BASE_IRI
        copy.inner.update(_DROP_WEAK.replace("%MIN%", repr(float(min_confidence))))
        copy.refresh_edges(base)
        return copy

    def export(self, path: str | Path, fmt: str | None = None) -> None:
        """Write the store to ``path``; the format is ``fmt`` or the suffix (see :data:`EXPORT_FORMATS`).

        ``ttl``/``nt``/``jsonld`` hold the union of all graphs; ``nq``/``trig`` keep the named graphs;
        ``graphml`` is the network of plain edges (see :func:`edge_network`). The file is written atomically.
        """
        key = format_for(path, fmt)
        if key == "graphml":
            import networkx as nx

            graph = edge_network(self)
            write_atomic(path, lambda handle: nx.write_graphml(graph, handle))
        elif key in ("nq", "trig"):
            write_atomic(path, lambda handle: self.inner.dump(handle, GRAPH_FORMATS[key], prefixes=PREFIXES))
        elif key == "jsonld":
            nodes = json.loads(ox.serialize(self.union_triples(), format=ox.RdfFormat.JSON_LD) or b"[]")
            document = {"@context": PREFIXES, "@graph": _compact_jsonld(nodes)}
            write_atomic(path, lambda handle: handle.write(json.dumps(document, ensure_ascii=False).encode()))
        else:
            write_atomic(
                path,
                lambda handle: ox.serialize(
                    self.union_triples(), handle, GRAPH_FORMATS[key], prefixes=PREFIXES
                ),
            )

    def rdflib_dataset(self) -> rdflib.Dataset:
        """The same data seen through rdflib (an ``oxrdflib`` store over this Oxigraph store, no copy)."""
        from oxrdflib import OxigraphStore

        dataset = rdflib.Dataset(store=OxigraphStore(store=self.inner))
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace)
        return dataset


_GRAPHML_NODES = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?actor (SAMPLE(?class) AS ?cls) (SAMPLE(?label) AS ?lbl) (SAMPLE(?same) AS ?qid) WHERE {
  ?actor a ?class . FILTER(?class IN (nkg:State, nkg:Leader, nkg:Person, nkg:Institution,
                                      nkg:ArmedGroup, nkg:Bloc, nkg:Place, nkg:Actor))
  OPTIONAL { ?actor rdfs:label ?label }
  OPTIONAL { ?actor owl:sameAs ?same FILTER(STRSTARTS(STR(?same), "http://www.wikidata.org/entity/")) }
}
GROUP BY ?actor
"""

_GRAPHML_EDGES = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o ?n ?m WHERE {
  ?e a nkg:Edge ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     nkg:statementCount ?n ; nkg:articleCount ?m .
}
"""


def edge_network(store: Store) -> Any:
    """The network of plain edges as a ``networkx.MultiDiGraph`` (for GraphML): one edge per plain edge with
    its counts. :func:`kg.analysis.to_networkx` gives the richer network, one edge per statement.

    Node attributes: ``class`` (e.g. "State"), ``label``, ``qid`` (e.g. "Q159", "" when unlinked).
    Edge attributes (keyed by relation): ``relation`` ("sanctions"), ``statementCount``, ``articleCount``.
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    for row in store.inner.query(_GRAPHML_NODES):
        graph.add_node(
            row["actor"].value,
            **{
                "class": row["cls"].value.rsplit("#", 1)[-1],
                "label": row["lbl"].value if row["lbl"] else "",
                "qid": row["qid"].value.rsplit("/", 1)[-1] if row["qid"] else "",
            },
        )
    for row in store.inner.query(_GRAPHML_EDGES):
        subject, predicate, obj = row["s"].value, row["p"].value, row["o"].value
        relation = predicate[len(str(NKG)) :] if predicate.startswith(str(NKG)) else predicate
        for node in (subject, obj):
            if node not in graph:
                graph.add_node(node, **{"class": "", "label": "", "qid": ""})
        graph.add_edge(
            subject,
            obj,
            key=relation,
            relation=relation,
            statementCount=int(row["n"].value),
            articleCount=int(row["m"].value),
        )
    return graph


def open_source(source: str | Path) -> Store:
    """Open a store directory (read-only) or load a graph file into memory, for query/export/render/validate.

    >>> open_source("no/such/thing")
    Traceback (most recent call last):
    kg.errors.StoreError: error[E501]: no/such/thing: no such store directory or graph file
    """
    path = Path(source)
    if path.is_dir():
        return Store.open(path, read_only=True)
    if path.is_file():
        return Store.from_file(path)
    raise StoreError(f"{source}: no such store directory or graph file")


def open_db_or_graph(db: str | Path | None, graph: str | Path | None) -> Store:
    """The store for the CLI's ``--db DIR`` or graph-file argument: exactly one of them must be given.

    >>> open_db_or_graph(None, None)
    Traceback (most recent call last):
    kg.errors.StoreError: error[E501]: give either --db DIR or a graph file
    """
    if (db is None) == (graph is None):
        raise StoreError("give either --db DIR or a graph file" + (" (not both)" if db is not None else ""))
    if db is not None:
        if not Path(db).is_dir():
            raise StoreError(f"{db}: no such store directory")
        return Store.open(db, read_only=True)
    return open_source(str(graph))
