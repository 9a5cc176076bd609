"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a store directory (Starlette + uvicorn).

Safe by default: updates are refused (403); ``SERVICE`` and ``FROM``/``FROM NAMED`` (or
``default-graph-uri``/``named-graph-uri``) naming anything but a graph of the store are refused before
execution (400), so the engine never fetches a URL; every query runs in a worker process (:mod:`kg.pool`: a
time limit, a memory cap, slow queries kept apart from fast ones, a bounded queue, the store's latest committed
state); results are capped at ``max_rows``; request bodies past :data:`MAX_BODY_BYTES` are refused while read
(:class:`Guard`, which also sets ``nosniff`` and the pages' Content-Security-Policy); the server binds 127.0.0.1
unless told otherwise.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import re
import socket
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.errors import KGError, QueryRefused, StoreError, UsageError
from kg.namespaces import PREFIXES, RDF
from kg.paths import STATIC_DIR
from kg.pool import DEFAULT_MEMORY_CAP, LatestStore, QueryPool, store_stamp
from kg.query import canned_queries, check_read_only, dataset_options, load_canned, refuse_outside
from kg.results import GRAPH_FORMATS, SOLUTION_FORMATS, format_named, formats_for, media_type, negotiate

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
MAX_QUERY_CHARS = 100_000
MAX_BODY_BYTES = 1 << 20
"""Bytes of request body read at most: a longer body is refused (413) as soon as it passes this."""
RETRY_AFTER = 2
"""Seconds a client turned away (503, the endpoint is busy) is asked to wait."""
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
"""The Content-Security-Policy of our HTML pages: scripts, styles and requests from this server only."""

SD = "http://www.w3.org/ns/sparql-service-description#"


def service_description(endpoint: str) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint`` (answered to ``GET /sparql``).

    >>> len(service_description("http://127.0.0.1:7878/sparql"))
    14
    """
    service = ox.BlankNode("service")

    def sd(term: str) -> ox.NamedNode:
        return ox.NamedNode(SD + term)

    formats = [*SOLUTION_FORMATS.values(), *GRAPH_FORMATS.values()]
    return [
        ox.Triple(service, ox.NamedNode(str(RDF.type)), sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        *(ox.Triple(service, sd("resultFormat"), ox.NamedNode(fmt.iri)) for fmt in formats),
    ]


# -- the app ---------------------------------------------------------------------------------------


EXAMPLE_QUERY = """SELECT ?s ?who ?relation ?o ?whom ?statements WHERE {
  ?edge a nkg:Edge ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; nkg:statementCount ?statements .
  ?s rdfs:label ?who . ?o rdfs:label ?whom .
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
} ORDER BY DESC(?statements) ?who LIMIT 20
"""


def _page(db: Path, graphs: int, html_view: bool, timeout: float, max_rows: int) -> str:
    """The query page: YASGUI (vendored, served from ``/static``) with our prefixes and the canned queries."""
    config = {
        "prefixes": PREFIXES,
        "example": "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items()) + EXAMPLE_QUERY,
        "queries": [
            {"name": name, "description": canned.description, "text": load_canned(name)}
            for name, canned in canned_queries().items()
        ],
    }
    view = (
        '<p>An interactive view of the graph: <a href="/graph.html">graph.html</a>.</p>' if html_view else ""
    )
    fields = {
        "@@STORE@@": html.escape(db.name),
        "@@GRAPHS@@": str(graphs),
        "@@TIMEOUT@@": f"{timeout:g}",
        "@@MAX_ROWS@@": str(max_rows),
        "@@VIEW@@": view,
        "@@CONFIG@@": json.dumps(config).replace("<", "\\u003c"),
    }
    page = (STATIC_DIR / "query.html").read_text(encoding="utf-8")
    for marker, value in fields.items():
        page = page.replace(marker, value)
    return page


ACTOR_QUERY = """SELECT ?label ?class ?same ?alt WHERE {
  <%(iri)s> rdfs:label ?label ; a ?class .
  OPTIONAL { <%(iri)s> owl:sameAs ?same } OPTIONAL { <%(iri)s> skos:altLabel ?alt }
} ORDER BY ?alt"""
ACTOR_STATEMENTS_QUERY = """SELECT ?date ?s ?who ?relation ?o ?whom ?modality ?evidence ?source WHERE {
  GRAPH ?g {
    { ?st rdf:subject <%(iri)s> } UNION { ?st rdf:object <%(iri)s> }
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; nkg:modality ?modality ; nkg:evidence ?evidence .
    OPTIONAL { ?st nkg:date ?date } OPTIONAL { ?g dcterms:source ?source }
  }
  ?s rdfs:label ?who . ?o rdfs:label ?whom .
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
} ORDER BY ?date ?who ?relation ?whom LIMIT 500"""


def actor_page(
    iri: str, description: list[dict[str, Any]], statements: list[dict[str, Any]], truncated: bool = False
) -> str:
    """The HTML page of one actor: its description, then every statement it is the subject or object of,
    with links to the other actors' pages. Every value is escaped.

    >>> "&lt;b&gt;" in actor_page("urn:x", [{"label": {"value": "<b>"}, "class": {"value": "#State"}}], [])
    True
    """

    def text(row: dict[str, Any], key: str) -> str:
        return html.escape(row[key]["value"]) if key in row else ""

    def link(row: dict[str, Any], key: str, label: str) -> str:
        target = row[key]["value"]
        if not target.startswith(PREFIXES["nkga"]):
            return text(row, label)
        return f'<a href="/actor/{html.escape(target[len(PREFIXES["nkga"]) :])}">{text(row, label)}</a>'

    first = description[0]
    alts = sorted({row["alt"]["value"] for row in description if "alt" in row})
    cls = first["class"]["value"].rsplit("#", 1)[-1]
    same = f" · <code>{text(first, 'same')}</code>" if "same" in first else ""
    cells = ("date", "s", "relation", "o", "modality", "evidence", "source")
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{link(row, cell, 'who' if cell == 's' else 'whom') if cell in ('s', 'o') else text(row, cell)}</td>"
            for cell in cells
        )
        + "</tr>\n"
        for row in statements
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{text(first, "label")}: newskg</title></head>
<body>
<p><a href="/">query page</a></p>
<h1>{text(first, "label")}</h1>
<p>{html.escape(cls)} · <code>{html.escape(iri)}</code>{same}</p>
<p>Also called: {html.escape(", ".join(alts)) or "-"}</p>
<h2>Statements ({len(statements)}{" shown: the first, as --max-rows allows" if truncated else ""})</h2>
<table id="statements"><thead><tr><th>date</th><th>subject</th><th>relation</th><th>object</th><th>modality</th>
<th>evidence</th><th>source</th></tr></thead>
<tbody>
{rows}</tbody></table>
</body></html>
"""


class _BodyTooLarge(Exception):
    pass


class Guard:
    """ASGI middleware: a request body longer than ``max_body`` bytes is refused (413) while it is read,
    before it is read whole; every response says ``X-Content-Type-Options: nosniff`` and HTML pages get
    :data:`PAGE_CSP` unless they bring their own policy."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise _BodyTooLarge
            return message

        async def secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", PAGE_CSP)
            await send(message)

        length = dict(scope["headers"]).get(b"content-length", b"0")
        try:
            if not length.isdigit() or int(length) > self.max_body:
                raise _BodyTooLarge
            await self.app(scope, limited, secured)
        except _BodyTooLarge:
            if started:
                raise
            message = f"request body larger than {self.max_body} bytes"
            await _refused(message, 413, {"Connection": "close"})(scope, receive, secured)


def create_app(
    db: str | Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    html_path: str | Path | None = None,
    workers: int = 2,
    cors: bool = False,
    memory_cap: int = DEFAULT_MEMORY_CAP,
    queue: int = 32,
) -> Starlette:
    """The ASGI app serving the store directory ``db`` read-only at ``/sparql``; with ``cors``, pages of
    any origin may query it (Starlette's ``CORSMiddleware``).

    Queries run in ``workers`` processes (:class:`~kg.pool.QueryPool`: at most ``queue`` requests wait,
    slow queries leave the pool, a worker over ``memory_cap`` bytes is stopped) and always read the latest
    committed state of the store, even while a build writes into it.

    >>> app = create_app("no/such/store")
    Traceback (most recent call last):
    kg.errors.StoreError: error[E501]: no/such/store: no such store directory
    """
    db = Path(db)
    if timeout <= 0 or max_rows <= 0:
        raise UsageError("--timeout and --max-rows must be positive")
    latest = LatestStore(db)
    seen: dict[str, Any] = {}
    reading = threading.Lock()

    def current_graphs() -> frozenset[str]:
        """The store's named graphs, read again whenever the store changed (called from threads)."""
        with reading:
            stamp = store_stamp(db)
            if seen.get("stamp") != stamp:
                seen.update(stamp=stamp, graphs=latest.read(lambda store: frozenset(store.named_graphs())))
            return seen["graphs"]  # type: ignore[no-any-return]

    graphs = current_graphs()
    view = Path(html_path) if html_path else db.parent / "graph.html"
    if html_path and not view.is_file():
        raise StoreError(f"{view}: no such HTML file")
    pool = QueryPool(db, workers, queue=queue, memory_cap=memory_cap)
    page = _page(db, len(graphs), view.is_file(), timeout, max_rows)

    async def home(request: Request) -> Response:
        return HTMLResponse(page)

    async def graph_html(request: Request) -> Response:
        if not view.is_file():
            return PlainTextResponse("no HTML view for this store\n", status_code=404)
        policy = _page_policy(view)
        headers = {"Content-Security-Policy": policy} if policy else None
        return FileResponse(view, media_type="text/html", headers=headers)

    async def select(query: str) -> tuple[list[dict[str, Any]], bool]:
        answer = await pool.run((query, "json", max_rows, {"use_default_graph_as_union": True}), timeout)
        failure = _failure(answer, timeout)
        if failure is not None:
            raise _Failed(failure)
        return json.loads(answer[1])["results"]["bindings"], answer[2]

    async def actor(request: Request) -> Response:
        iri = PREFIXES["nkga"] + request.path_params["key"]
        try:
            ox.NamedNode(iri)
        except ValueError:
            return _refused("not an actor IRI", 404)
        try:
            description, _ = await select(ACTOR_QUERY % {"iri": iri})
            if not description:
                return _refused(f"no actor {iri} in this store", 404)
            statements, truncated = await select(ACTOR_STATEMENTS_QUERY % {"iri": iri})
        except _Failed as failed:
            return failed.response
        return HTMLResponse(actor_page(iri, description, statements, truncated))

    async def sparql(request: Request) -> Response:
        params = dict(request.query_params)
        default_graphs = request.query_params.getlist("default-graph-uri")
        named_graphs = request.query_params.getlist("named-graph-uri")
        query: str | None = params.get("query")
        if "update" in params:
            return _refused("update refused: this endpoint is read-only", 403)
        if request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == "application/sparql-update":
                return _refused("update refused: this endpoint is read-only", 403)
            if content_type == "application/x-www-form-urlencoded" or content_type == "multipart/form-data":
                form = await request.form()
                if "update" in form:
                    return _refused("update refused: this endpoint is read-only", 403)
                query = str(form.get("query", "")) or query
                default_graphs += [str(v) for v in form.getlist("default-graph-uri")]
                named_graphs += [str(v) for v in form.getlist("named-graph-uri")]
                params.update({k: str(v) for k, v in form.items() if k in ("format", "output")})
            elif content_type == "application/sparql-query":
                query = (await request.body()).decode("utf-8", errors="replace")
            else:
                return _refused(f"unsupported content type {content_type or '(none)'!r}", 415)
        if not query and request.method == "GET" and not params:
            return _graph_response(service_description(str(request.url)), request.headers.get("accept", ""))
        if not query:
            return _refused("missing 'query' parameter (see GET / for how to use this endpoint)", 400)
        if len(query) > MAX_QUERY_CHARS:
            return _refused(f"query longer than {MAX_QUERY_CHARS} characters", 413)
        try:
            graphs = await asyncio.to_thread(current_graphs)
            dataset = await asyncio.to_thread(check_read_only, query, graphs)
            refuse_outside(default_graphs, named_graphs, graphs)
        except QueryRefused as exc:
            return _refused(exc.message, 403 if exc.message.startswith("update") else 400)
        except KGError as exc:
            return _refused(exc.message, 400)
        options = dataset_options(query, dataset, default_graphs, named_graphs)
        override = params.get("format") or params.get("output")
        key = format_named(dataset.kind, override) if override else None
        key = key or negotiate(request.headers.get("accept", ""), dataset.kind)
        if key is None:
            return _not_acceptable(dataset.kind)
        answer = await pool.run((query, key, max_rows, options), timeout)
        failure = _failure(answer, timeout)
        if failure is not None:
            return failure
        _, body, truncated = answer
        headers = {"Vary": "Accept"} | ({"X-Result-Truncated": "true"} if truncated else {})
        return Response(body, media_type=media_type(dataset.kind, key), headers=headers)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.stop()

    routes = [
        Route("/", home, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
        Route("/graph.html", graph_html, methods=["GET"]),
        Route("/actor/{key:path}", actor, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
    ]
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type"],
            expose_headers=["X-Result-Truncated"],
        )
    ]
    guard = [Middleware(Guard)]
    return Starlette(routes=routes, lifespan=lifespan, middleware=[*guard, *(middleware if cors else [])])


def _refused(message: str, status: int, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


class _Failed(Exception):
    """A query of a page failed; ``response`` tells the client."""

    def __init__(self, response: Response) -> None:
        self.response = response


def _failure(answer: tuple[Any, ...], timeout: float) -> Response | None:
    """The response for a query worker's ``answer`` that is not a result (None when it is one)."""
    if answer[0] == "timeout":
        return _refused(f"query timed out after {timeout:g} s", 503)
    if answer[0] == "busy":
        message = "the endpoint is busy with other queries; retry later"
        return _refused(message, 503, {"Retry-After": str(RETRY_AFTER)})
    if answer[0] == "error":
        return _refused(answer[2], answer[1])
    return None


def _page_policy(view: Path) -> str | None:
    """The Content-Security-Policy an HTML file states in its ``<meta>`` tag (kg render writes one)."""
    found = re.search(
        r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', view.read_text(errors="replace")
    )
    return html.unescape(found.group(1)) if found else None


def _not_acceptable(kind: str) -> Response:
    offered = ", ".join(media_type(kind, key).split(";")[0] for key in formats_for(kind))
    return _refused(f"406 Not Acceptable: this result can be {offered}", 406)


def _graph_response(triples: list[ox.Triple], accept: str) -> Response:
    key = negotiate(accept, "graph")
    if key is None:
        return _not_acceptable("graph")
    body = ox.serialize(triples, format=GRAPH_FORMATS[key], prefixes={"sd": SD}) or b""
    return Response(body, media_type=media_type("graph", key), headers={"Vary": "Accept"})


def serve(
    db: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    html_path: str | Path | None = None,
    cors: bool = False,
    memory_cap: int = DEFAULT_MEMORY_CAP,
    queue: int = 32,
) -> None:
    """Serve ``db`` until interrupted (uvicorn); see :func:`create_app`. SIGTERM or Ctrl-C stops it at once:
    running queries are abandoned and their workers killed."""
    import uvicorn

    app = create_app(
        db,
        timeout=timeout,
        max_rows=max_rows,
        html_path=html_path,
        cors=cors,
        memory_cap=memory_cap,
        queue=queue,
    )
    try:
        socket.create_server((host, port)).close()
    except OSError as exc:
        raise KGError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    uvicorn.run(
        app, host=host, port=port, log_level="warning", server_header=False, timeout_graceful_shutdown=0.5
    )
