"""Result formats of SPARQL queries, written by pyoxigraph's serializers, and HTTP content negotiation.

SELECT and ASK results are written as W3C SPARQL 1.1 Query Results (JSON, XML, CSV, TSV); CONSTRUCT and
DESCRIBE results as Turtle, N-Triples, RDF/XML, JSON-LD, N-Quads or TriG (with our prefixes where the format
has them).
"""

from __future__ import annotations

import contextlib
import itertools
from typing import Any

import pyoxigraph as ox

from kg.namespaces import PREFIXES

SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
"""Formats of SELECT and ASK results."""

GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}
"""Formats of CONSTRUCT and DESCRIBE results."""

_ALIASES = {
    "solutions": {"srj": "json", "srx": "xml"},
    "graph": {
        "ttl": "turtle",
        "nt": "ntriples",
        "n-triples": "ntriples",
        "xml": "rdfxml",
        "rdf": "rdfxml",
        "rdf+xml": "rdfxml",
        "json": "jsonld",
        "json-ld": "jsonld",
        "nq": "nquads",
        "n-quads": "nquads",
    },
}
_EXTRA_MEDIA_TYPES = {
    "solutions": {"application/json": "json", "application/xml": "xml", "text/xml": "xml"},
    "graph": {"application/x-turtle": "turtle", "text/plain": "ntriples", "application/json": "jsonld"},
}


def formats_for(kind: str) -> dict[str, Any]:
    """The formats of a query ``kind``: "select" and "ask" answer solutions, "graph" answers a graph."""
    return GRAPH_FORMATS if kind == "graph" else SOLUTION_FORMATS


def format_named(kind: str, name: str) -> str | None:
    """The format key a user's name stands for (``ttl`` is ``turtle``; ``xml`` is RDF/XML for a graph).

    >>> format_named("graph", "xml"), format_named("select", "xml"), format_named("select", "turtle")
    ('rdfxml', 'xml', None)
    """
    name = name.lower()
    family = "graph" if kind == "graph" else "solutions"
    key = _ALIASES[family].get(name, name)
    return key if key in formats_for(kind) else None


def media_type(kind: str, key: str) -> str:
    """The media type of format ``key`` (pyoxigraph's own).

    >>> media_type("graph", "rdfxml")
    'application/rdf+xml'
    """
    return formats_for(kind)[key].media_type


def negotiate(accept: str, kind: str) -> str | None:
    """The format key that best fits an ``Accept`` header for a query ``kind``; None when nothing fits (406).

    >>> negotiate("text/csv;q=0.9, application/sparql-results+xml", "select")
    'xml'
    >>> negotiate("application/rdf+xml", "graph"), negotiate("*/*", "graph"), negotiate("image/png", "ask")
    ('rdfxml', 'turtle', None)
    """
    family = "graph" if kind == "graph" else "solutions"
    offered = {fmt.media_type.split(";")[0]: key for key, fmt in formats_for(kind).items()}
    offered.update(_EXTRA_MEDIA_TYPES[family])
    default = next(iter(formats_for(kind)))
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept or "*/*").split(",")):
        media, *params = (piece.strip().lower() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0 and media:
            ranked.append((-quality, index, media))
    for _, _, media in sorted(ranked):
        if media == "*/*":
            return default
        if media.endswith("/*"):
            kinds = [key for offer, key in offered.items() if offer.startswith(media[:-1])]
            if kinds:
                return kinds[0]
        elif media in offered:
            return offered[media]
    return None


class _Full(Exception):
    """Raised by :class:`_Capped` to stop a serializer once it has written enough rows."""


class _Capped:
    """A binary writer that keeps a TSV header and at most ``rows`` rows, then stops the serializer."""

    def __init__(self, rows: int) -> None:
        self.lines = rows + 1
        self.data = bytearray()
        self.seen = 0
        self.full = False

    def write(self, data: bytes) -> int:
        self.data += data
        self.seen += data.count(b"\n")
        if self.seen > self.lines:
            end = -1
            for _ in range(self.lines):
                end = self.data.index(b"\n", end + 1)
            del self.data[end + 1 :]
            self.full = True
            raise _Full
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the rows stay in memory."""


def write_results(results: Any, key: str, max_rows: int | None = None) -> tuple[bytes, bool]:
    """pyoxigraph's query ``results`` written in format ``key``: (the bytes, whether rows were cut off).

    At most ``max_rows`` solutions or triples are written: solutions go through a TSV document that stops
    after that many rows, which pyoxigraph then reads back and writes in the format asked for.

    >>> store = ox.Store()
    >>> write_results(store.query("SELECT ?x WHERE { VALUES ?x { 1 2 3 } }"), "csv", max_rows=2)
    (b'x\\r\\n1\\r\\n2\\r\\n', True)
    """
    if isinstance(results, ox.QueryBoolean):
        return results.serialize(format=SOLUTION_FORMATS[key]), False
    if isinstance(results, ox.QuerySolutions):
        if max_rows is None:
            return results.serialize(format=SOLUTION_FORMATS[key]), False
        capped = _Capped(max_rows)
        with contextlib.suppress(_Full):
            results.serialize(capped, format=ox.QueryResultsFormat.TSV)
        solutions = ox.parse_query_results(bytes(capped.data), format=ox.QueryResultsFormat.TSV)
        return solutions.serialize(format=SOLUTION_FORMATS[key]), capped.full
    triples = list(results if max_rows is None else itertools.islice(results, max_rows + 1))
    truncated = max_rows is not None and len(triples) > max_rows
    written = ox.serialize(triples[:max_rows], format=GRAPH_FORMATS[key], prefixes=PREFIXES)
    return written or b"", truncated


__all__ = [
    "GRAPH_FORMATS",
    "SOLUTION_FORMATS",
    "format_named",
    "formats_for",
    "media_type",
    "negotiate",
    "write_results",
]
