"""A remote store: a SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph server, Fuseki, Virtuoso, GraphDB).

Each article's named graph is written with ``PUT <store>?graph=<article IRI>`` (N-Triples); the incremental
index is read with the same SPARQL query as the embedded store's, POSTed to the query URL; the default graph
(plain edges and ``nkg:Edge`` counts) is recomputed with the embedded store's own SPARQL update, POSTed to the
update URL. Connection errors and 5xx answers are retried with exponential backoff.

>>> Endpoint.from_url("http://127.0.0.1:7878").query
'http://127.0.0.1:7878/query'
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox

from kg.errors import EndpointError
from kg.namespaces import DEFAULT_BASE_IRI
from kg.store import (
    ARTICLE_INDEX_QUERY,
    IS_STALE_QUERY,
    MARK_STALE_UPDATE,
    ArticleIndex,
    Triple,
    refresh_edges_update,
    to_ox,
)

_GSP_SEGMENTS = ("store", "data")
"""Last path segments that name a Graph Store Protocol service (Oxigraph ``/store``, Fuseki ``/ds/data``)."""

_COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


@dataclass(frozen=True)
class Endpoint:
    """The three URLs of a SPARQL server: Graph Store Protocol, query and update."""

    store: str
    query: str
    update: str

    @classmethod
    def from_url(cls, url: str, query: str | None = None, update: str | None = None) -> Endpoint:
        """The endpoint of ``url``: a GSP URL ending in ``/store`` or ``/data`` (its siblings ``query`` and
        ``update`` are the other two), or a server base such as ``http://host:7878`` (Oxigraph's layout).

        >>> Endpoint.from_url("http://localhost:3030/ds/data")
        Endpoint(store='http://localhost:3030/ds/data', query='http://localhost:3030/ds/query', update='http://localhost:3030/ds/update')
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise EndpointError(f"{url}: not an http(s) URL")
        path = parts.path.rstrip("/")
        head, _, last = path.rpartition("/")
        if last in _GSP_SEGMENTS:
            base, store = f"{parts.scheme}://{parts.netloc}{head}", url
        else:
            base = f"{parts.scheme}://{parts.netloc}{path}"
            store = f"{base}/store"
        return cls(store=store, query=query or f"{base}/query", update=update or f"{base}/update")


class RemoteStore:
    """The build's view of a remote endpoint: the same methods as :class:`kg.store.Store` uses for writing.

    >>> with RemoteStore(Endpoint.from_url("http://127.0.0.1:7878")) as remote:  # doctest: +SKIP
    ...     remote.article_index()
    {}
    """

    def __init__(
        self, endpoint: Endpoint, *, retries: int = 5, backoff: float = 0.5, timeout: float = 120
    ) -> None:
        self.endpoint = endpoint
        self.retries = retries
        self.backoff = backoff
        self.client = httpx.Client(timeout=timeout)

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.close()

    def _send(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        """One request, retried on connection errors and 5xx answers; any other failure is an EndpointError."""
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.client.request(method, url, **kwargs)  # type: ignore[arg-type]
            except httpx.TransportError as exc:
                if last:
                    raise EndpointError(
                        f"{url}: cannot reach the endpoint: {exc or type(exc).__name__}"
                    ) from None
            else:
                if response.status_code < 500 or last:
                    if response.is_success or (method == "DELETE" and response.status_code == 404):
                        return response
                    detail = " ".join(response.text.split())[:200]
                    raise EndpointError(f"{method} {url}: HTTP {response.status_code} {detail}".rstrip())
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _select(self, sparql: str) -> list[dict[str, dict[str, str]]]:
        response = self._send(
            "POST",
            self.endpoint.query,
            content=sparql.encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        )
        try:
            return json.loads(response.content)["results"]["bindings"]
        except (ValueError, KeyError) as exc:
            raise EndpointError(f"{self.endpoint.query}: not SPARQL JSON results ({exc})") from None

    def _update(self, sparql: str) -> None:
        self._send(
            "POST",
            self.endpoint.update,
            content=sparql.encode(),
            headers={"Content-Type": "application/sparql-update"},
        )

    def article_index(self) -> ArticleIndex:
        """``dcterms:source`` -> (``nkg:sha256``, graph IRI) of every article on the endpoint."""
        return {
            row["source"]["value"]: (row["sha"]["value"] if "sha" in row else "", row["g"]["value"])
            for row in self._select(ARTICLE_INDEX_QUERY)
        }

    def put_articles(self, batch: Iterable[tuple[str, Iterable[Triple]]], remove: Iterable[str] = ()) -> None:
        """Drop the graphs in ``remove``, then replace each article's named graph (one PUT per article)."""
        for iri in remove:
            self._send("DELETE", self.endpoint.store, params={"graph": iri})
        for iri, triples in batch:
            body = ox.serialize(
                (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples),  # type: ignore[arg-type]
                format=ox.RdfFormat.N_TRIPLES,
            )
            self._send(
                "PUT",
                self.endpoint.store,
                params={"graph": str(iri)},
                content=body,
                headers={"Content-Type": "application/n-triples"},
            )

    def mark_stale(self) -> None:
        """Record on the endpoint that its default graph must be refreshed."""
        self._update(MARK_STALE_UPDATE)

    def is_stale(self) -> bool:
        """True when a build wrote articles to the endpoint and stopped before refreshing."""
        response = self._send(
            "POST",
            self.endpoint.query,
            content=IS_STALE_QUERY.encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        )
        return bool(json.loads(response.content).get("boolean"))

    def refresh_edges(self, base_iri: str = DEFAULT_BASE_IRI) -> None:
        """Recompute the endpoint's default graph with the embedded store's update (see Store.refresh_edges)."""
        self._update(refresh_edges_update(base_iri))

    def __len__(self) -> int:
        rows = self._select(_COUNT_QUERY)
        return int(rows[0]["n"]["value"]) if rows else 0
