"""`kg serve` in a subprocess, queried with SPARQLWrapper: results, refusals (nothing fetched), timeouts."""

from __future__ import annotations

import csv
import io
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.store import Store
from tests.storedata import corpus

KG = str(Path(sys.executable).with_name("kg"))
SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s2 ?p2 ?o2 } "
    "GRAPH ?c { ?s3 ?p3 ?o3 } GRAPH ?d { ?s4 ?p4 ?o4 } }"
)
GRAPH_POLICY = "default-src 'none'; script-src 'sha256-abc='"
"""The policy the stand-in graph view states, as kg render writes one."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A running `kg serve` subprocess."""

    def __init__(self, process: subprocess.Popen, port: int, db: Path) -> None:
        self.process = process
        self.port = port
        self.db = db
        self.url = f"http://127.0.0.1:{port}/sparql"

    def client(self, query: str, fmt: str = JSON) -> SPARQLWrapper:
        client = SPARQLWrapper(self.url)
        client.setQuery(query)
        client.setReturnFormat(fmt)
        client.setTimeout(30)
        return client


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    yield from serve(tmp_path_factory, timeout=30, options=["--cors"])


@pytest.fixture(scope="module")
def impatient_server(tmp_path_factory) -> Iterator[Server]:
    """A server that gives queries one second (the one above has a margin for a loaded machine), no CORS."""
    yield from serve(tmp_path_factory, timeout=1)


def serve(tmp_path_factory, timeout: float, options: list[str] | None = None) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("serve") / "kg<b>db"
    with Store.open(db) as store:
        store.put_articles(corpus())
        store.refresh_edges()
    (db.parent / "graph.html").write_text(
        f'<html><head><meta http-equiv="Content-Security-Policy" content="{GRAPH_POLICY}"></head>'
        "<body>graph view</body></html>"
    )
    port = free_port()
    process = subprocess.Popen(
        [
            *(KG, "serve", "--db", str(db), "--port", str(port)),
            *("--timeout", str(timeout), "--max-rows", "5", *(options or [])),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "kg serve did not start"
            time.sleep(0.2)
        yield Server(process, port, db)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Listener:
    """A local socket that records whether anything connected to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        time.sleep(0.5)  # give a (wrongly) fetching engine time to connect
        self._stop.set()
        self._thread.join()
        self.sock.close()


def test_select_in_json_xml_and_csv(server):
    query = "SELECT ?n WHERE { ?e a nkg:Edge ; nkg:statementCount ?n } ORDER BY DESC(?n)"
    result = server.client(query, JSON).queryAndConvert()
    assert [b["n"]["value"] for b in result["results"]["bindings"]] == ["2", "1", "1"]
    document = server.client(query, XML).queryAndConvert()
    assert [node.firstChild.data for node in document.getElementsByTagName("literal")] == ["2", "1", "1"]
    rows = list(csv.reader(io.StringIO(server.client(query, CSV).queryAndConvert().decode())))
    assert rows == [["n"], ["2"], ["1"], ["1"]]


def test_post_bodies_and_graph_results(server):
    query = "CONSTRUCT { ?e a nkg:Edge } WHERE { ?e a nkg:Edge }"
    response = httpx.post(
        server.url,
        content=query,
        timeout=30,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"},
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert response.text.count("nkg:Edge") == 3
    response = httpx.post(
        server.url, data={"query": query}, headers={"Accept": "application/n-triples"}, timeout=30
    )
    assert response.text.count("<https://w3id.org/newskg/ontology#Edge> .") == 3
    response = httpx.get(
        server.url,
        params={"query": "SELECT * { ?s ?p ?o }"},
        headers={"Accept": "text/tab-separated-values"},
        timeout=30,
    )
    assert response.headers["x-result-truncated"] == "true"
    assert len(response.text.splitlines()) == 1 + 5  # --max-rows 5


def test_updates_are_refused_with_403(server):
    before = server.client("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }").queryAndConvert()
    client = SPARQLWrapper(server.url)
    client.setMethod("POST")
    client.setQuery("INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> <http://x/c> } }")
    with pytest.raises(Exception, match="403"):
        client.query()
    for body, content_type in [
        ("DROP ALL", "application/sparql-update"),
        ("CLEAR ALL", "application/sparql-query"),
    ]:
        response = httpx.post(server.url, content=body, headers={"Content-Type": content_type}, timeout=30)
        assert response.status_code == 403
    assert httpx.post(server.url, data={"update": "DROP ALL"}, timeout=30).status_code == 403
    after = server.client("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }").queryAndConvert()
    assert after == before


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        "select * where {{ # a comment\n sErViCe   <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "PREFIX e: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE e:x {{ ?s ?p ?o }} }}",
        "SELECT * FROM <http://127.0.0.1:{port}/x> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <http://127.0.0.1:{port}/x> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ],
)
def test_remote_access_is_refused_and_nothing_is_fetched(server, template):
    listener = Listener()
    try:
        with pytest.raises(QueryBadFormed):
            server.client(template.format(port=listener.port)).query()
    finally:
        listener.close()
    assert listener.connections == 0


def test_dataset_parameters_outside_the_store_are_refused(server):
    listener = Listener()
    try:
        response = httpx.get(
            server.url,
            params={
                "query": "SELECT * { ?s ?p ?o }",
                "default-graph-uri": f"http://127.0.0.1:{listener.port}/",
            },
            timeout=30,
        )
    finally:
        listener.close()
    assert response.status_code == 400 and listener.connections == 0


def test_a_slow_query_times_out_and_the_server_recovers(impatient_server):
    started = time.monotonic()
    response = httpx.get(impatient_server.url, params={"query": SLOW}, timeout=30)
    assert response.status_code == 503 and "timed out" in response.text
    assert time.monotonic() - started < 5
    result = impatient_server.client("ASK { ?e a nkg:Edge }").queryAndConvert()
    assert result["boolean"] is True


def test_syntax_errors_are_400_with_the_position(server):
    response = httpx.get(server.url, params={"query": "SELECT * WHERE { ?s ?p }"}, timeout=30)
    assert response.status_code == 400 and "line 1, column" in response.text


def test_home_page_escapes_and_links_the_html_view(server):
    page = httpx.get(f"http://127.0.0.1:{server.port}/", timeout=30).text
    assert "kg&lt;b&gt;db" in page and "kg<b>db" not in page
    assert 'href="/graph.html"' in page
    assert "graph view" in httpx.get(f"http://127.0.0.1:{server.port}/graph.html", timeout=30).text


def test_binds_loopback_only_by_default(server):
    listening = {
        conn.laddr.ip
        for proc in [psutil.Process(server.process.pid)]
        for conn in proc.net_connections(kind="tcp")
        if conn.status == psutil.CONN_LISTEN
    }
    assert listening == {"127.0.0.1"}


STATEMENTS = "SELECT (COUNT(DISTINCT ?st) AS ?n) {} WHERE {{ ?st a nkg:Statement }}"


def test_from_and_the_dataset_parameters_choose_the_default_graph(server):
    first, second, _ = (iri for iri, _ in corpus())

    def counted(query: str) -> int:
        return int(server.client(query).queryAndConvert()["results"]["bindings"][0]["n"]["value"])

    assert counted(STATEMENTS.format("")) == 6
    assert counted(STATEMENTS.format(f"FROM <{first}>")) == 2
    # the protocol's default-graph-uri, sent by curl, overrides the query's FROM
    answer = subprocess.run(
        [
            "curl", "-sS", "--get", server.url,
            "-H", "Accept: text/csv",
            "--data-urlencode", f"query={STATEMENTS.format(f'FROM <{first}>')}",
            "--data-urlencode", f"default-graph-uri={first}",
            "--data-urlencode", f"default-graph-uri={second}",
        ],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert answer.stdout.split() == ["n", "4"]


def test_rdflib_sparqlstore_reads_one_article_graph(server):
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    first = corpus()[0][0]
    union = Graph(store=SPARQLStore(server.url, returnFormat="json"))
    assert int(next(iter(union.query(STATEMENTS.format(""))))[0]) == 6
    assert int(next(iter(union.query(STATEMENTS.format(f"FROM <{first}>"))))[0]) == 2
    # a graph with an identifier: SPARQLStore sends it as the protocol's default-graph-uri
    article = Graph(store=SPARQLStore(server.url, returnFormat="json"), identifier=URIRef(first))
    assert int(next(iter(article.query(STATEMENTS.format(""))))[0]) == 2


CONSTRUCT = "CONSTRUCT { ?e a nkg:Edge } WHERE { ?e a nkg:Edge }"


@pytest.mark.parametrize(
    ("query", "accept", "media", "rdflib_format"),
    [
        (
            "SELECT ?e { ?e a nkg:Edge }",
            "application/sparql-results+json",
            "application/sparql-results+json",
            None,
        ),
        (
            "SELECT ?e { ?e a nkg:Edge }",
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            None,
        ),
        ("SELECT ?e { ?e a nkg:Edge }", "text/csv", "text/csv", None),
        ("ASK { ?e a nkg:Edge }", "text/tab-separated-values", "text/tab-separated-values", None),
        (CONSTRUCT, "text/turtle", "text/turtle", "turtle"),
        (CONSTRUCT, "application/n-triples", "application/n-triples", "nt"),
        (CONSTRUCT, "application/rdf+xml", "application/rdf+xml", "xml"),
        (CONSTRUCT, "application/ld+json", "application/ld+json", "json-ld"),
        (CONSTRUCT, "application/n-quads", "application/n-quads", "nquads"),
        (CONSTRUCT, "application/trig", "application/trig", "trig"),
        (CONSTRUCT, "text/html;q=0.9, */*;q=0.1", "text/turtle", "turtle"),
    ],
)
def test_content_negotiation(server, query, accept, media, rdflib_format):
    response = httpx.get(server.url, params={"query": query}, headers={"Accept": accept}, timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    if rdflib_format:
        from rdflib import Dataset

        graph = Dataset().parse(data=response.text, format=rdflib_format)
        assert len(list(graph.quads((None, None, None, None)))) == 3


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("SELECT * { ?s ?p ?o }", "text/turtle"),
        (CONSTRUCT, "application/sparql-results+json"),
        (CONSTRUCT, "image/png"),
    ],
)
def test_unacceptable_formats_are_406(server, query, accept):
    response = httpx.get(server.url, params={"query": query}, headers={"Accept": accept}, timeout=30)
    assert response.status_code == 406


def test_sparqlwrapper_default_construct_is_an_rdflib_graph(server):
    from rdflib import Graph

    client = SPARQLWrapper(server.url)
    client.setQuery(CONSTRUCT)
    graph = client.queryAndConvert()
    assert isinstance(graph, Graph) and len(graph) == 3


def test_service_description_on_get_without_a_query(server):
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF

    response = httpx.get(server.url, timeout=30)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    (service,) = graph.subjects(RDF.type, URIRef(sd + "Service"))
    assert graph.value(service, URIRef(sd + "endpoint")) == URIRef(server.url)
    formats = set(graph.objects(service, URIRef(sd + "resultFormat")))
    assert URIRef("http://www.w3.org/ns/formats/RDF_XML") in formats
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats


def test_cors_only_when_asked(server, impatient_server):
    origin = {"Origin": "http://example.org"}
    preflight = {
        **origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = httpx.get(server.url, params={"query": "ASK {}"}, headers=origin, timeout=30)
    assert allowed.headers["access-control-allow-origin"] == "*"
    assert httpx.options(server.url, headers=preflight, timeout=30).status_code == 200
    plain = httpx.get(impatient_server.url, params={"query": "ASK {}"}, headers=origin, timeout=30)
    assert "access-control-allow-origin" not in plain.headers
    assert httpx.options(impatient_server.url, headers=preflight, timeout=30).status_code == 405


def test_actor_pages(server):
    base = f"http://127.0.0.1:{server.port}/actor/"
    page = httpx.get(base + "Q7747", timeout=30)
    assert page.status_code == 200 and "<h1>Vladimir Putin</h1>" in page.text
    assert '<a href="/actor/Q159">Russia</a>' in page.text  # the other actor of its statement, linked
    assert httpx.get(base + "Q1", timeout=30).status_code == 404
    assert httpx.get(base + "Q1%3E%20%7D", timeout=30).status_code == 404  # not an IRI: never spliced in
