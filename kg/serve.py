"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a store directory (Starlette + uvicorn).

Safe by default: updates are refused (403); ``SERVICE`` and ``FROM``/``FROM NAMED`` (or
``default-graph-uri``/``named-graph-uri``) naming anything but a graph of the store are refused before
execution (400), so the engine never fetches a URL; every query runs in a worker process that is killed when
it exceeds the time limit (503); results are capped at ``max_rows``; the server binds 127.0.0.1 unless told
otherwise.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import multiprocessing
import signal
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.errors import KGError, QueryRefused, StoreError, UsageError
from kg.namespaces import PREFIXES, RDF
from kg.paths import STATIC_DIR
from kg.query import canned_queries, check_read_only, dataset_options, load_canned, refuse_outside
from kg.results import GRAPH_FORMATS, SOLUTION_FORMATS, format_named, formats_for, media_type, negotiate

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
MAX_QUERY_CHARS = 100_000

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


# -- worker processes ------------------------------------------------------------------------------


def _worker_main(db: str, conn: Connection) -> None:
    """A worker process: open the store read-only, then answer requests until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from kg.query import evaluate
    from kg.results import write_results
    from kg.store import Store

    store = Store.open(db, read_only=True)
    while True:
        try:
            sparql, key, max_rows, options = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", *write_results(evaluate(store, sparql, options), key, max_rows)))
        except KGError as exc:
            conn.send(("error", 400, exc.message))
        except Exception as exc:
            conn.send(("error", 500, f"query failed: {' '.join(str(exc).split())}"))


@dataclass
class _Worker:
    process: Any
    conn: Connection


class QueryPool:
    """Worker processes that each hold the store open read-only; a query over time gets its worker killed."""

    def __init__(self, db: Path, size: int = 2) -> None:
        self.db = db
        self.size = size
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(str(self.db), child), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._all.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self._all.remove(worker)

    def start(self) -> None:
        """Start the workers (call inside the event loop)."""
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._idle.put_nowait(self._spawn())

    def stop(self) -> None:
        """Kill every worker."""
        for worker in list(self._all):
            self._retire(worker)

    async def run(self, request: tuple[Any, ...], timeout: float) -> tuple[Any, ...]:
        """Send ``request`` to an idle worker; ("timeout",) when it takes longer than ``timeout`` seconds."""
        assert self._idle is not None, "QueryPool.start() was not called"
        worker = await self._idle.get()
        healthy = False
        try:
            worker.conn.send(request)
            if await asyncio.to_thread(worker.conn.poll, timeout):
                answer = worker.conn.recv()
                healthy = True
                return answer
            return ("timeout",)
        except (EOFError, OSError):
            return ("error", 500, "the query worker died; the query was abandoned")
        finally:
            if not healthy:  # over time, crashed or cancelled: never reuse a worker that may still answer
                self._retire(worker)
                worker = self._spawn()
            self._idle.put_nowait(worker)


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


def create_app(
    db: str | Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    html_path: str | Path | None = None,
    workers: int = 2,
    cors: bool = False,
) -> Starlette:
    """The ASGI app serving the store directory ``db`` read-only at ``/sparql``; with ``cors``, pages of
    any origin may query it (Starlette's ``CORSMiddleware``).

    >>> app = create_app("no/such/store")
    Traceback (most recent call last):
    kg.errors.StoreError: error[E501]: no/such/store: no such store directory
    """
    from kg.store import Store

    db = Path(db)
    if timeout <= 0 or max_rows <= 0:
        raise UsageError("--timeout and --max-rows must be positive")
    with Store.open(db, read_only=True) as store:
        graphs = frozenset(store.named_graphs())
    view = Path(html_path) if html_path else db.parent / "graph.html"
    if html_path and not view.is_file():
        raise StoreError(f"{view}: no such HTML file")
    pool = QueryPool(db, workers)
    page = _page(db, len(graphs), view.is_file(), timeout, max_rows)

    async def home(request: Request) -> Response:
        return HTMLResponse(page)

    async def graph_html(request: Request) -> Response:
        if not view.is_file():
            return PlainTextResponse("no HTML view for this store\n", status_code=404)
        return FileResponse(view, media_type="text/html")

    async def select(query: str) -> tuple[list[dict[str, Any]], bool]:
        answer = await pool.run((query, "json", max_rows, {"use_default_graph_as_union": True}), timeout)
        if answer[0] != "ok":
            raise KGError(answer[2] if answer[0] == "error" else f"query timed out after {timeout:g} s")
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
        except KGError as exc:
            return _refused(exc.message, 503)
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
        if answer[0] == "timeout":
            return _refused(f"query timed out after {timeout:g} s", 503)
        if answer[0] == "error":
            return _refused(answer[2], answer[1])
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
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware if cors else None)


def _refused(message: str, status: int) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


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
) -> None:
    """Serve ``db`` until interrupted (uvicorn); see :func:`create_app`."""
    import uvicorn

    app = create_app(db, timeout=timeout, max_rows=max_rows, html_path=html_path, cors=cors)
    try:
        socket.create_server((host, port)).close()
    except OSError as exc:
        raise KGError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
