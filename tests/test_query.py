"""Queries: canned queries and their parameters, result formats, the read-only check, `kg query` itself."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError, QueryRefused, QueryTimeout, UsageError
from kg.namespaces import NKG, RDF, RDFS
from kg.query import canned_queries, check_read_only, load_canned, run_query, stats, write_query
from kg.store import Store
from tests.storedata import corpus

KG = str(Path(sys.executable).with_name("kg"))
GRAPH = "https://w3id.org/newskg/id/article/abc"
ACTOR = "https://w3id.org/newskg/id/actor/"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("query") / "db"
    with Store.open(path) as built:
        built.put_articles(corpus())
        built.refresh_edges()
    return path


def labels(store: Store, name: str, **params: str) -> list[tuple[str, ...]]:
    result = run_query(store, load_canned(name, params), timeout=10)
    return [tuple("" if t is None else t.value for t in row) for row in result.rows]


def test_every_canned_query_is_documented_and_runs(store):
    queries = canned_queries()
    assert set(queries) >= {
        "actors-by-class",
        "between",
        "who-sanctions-whom",
        "who-attacks-whom",
        "who-meets-whom",
        "who-does-what",
        "timeline",
        "leaders",
        "most-corroborated",
        "support-by-mode",
    }
    for name, canned in queries.items():
        assert canned.description, name
        result = run_query(store, load_canned(name), timeout=10)
        assert result.kind == "select"


def test_canned_queries_answer_from_the_graph(store):
    assert labels(store, "who-sanctions-whom")[0][:4] == ("United States", "Russia", "2", "2")
    assert labels(store, "who-attacks-whom") == []  # the only attack is negated
    assert [row[:3] for row in labels(store, "between", a="ukraine", b="RUSSIA")] == [
        ("2022-01-10", "Russia", "https://w3id.org/newskg/ontology#attacks"),
        ("2022-03-01", "Russia", "https://w3id.org/newskg/ontology#meetsWith"),
    ]
    timeline = labels(store, "timeline", actor="moscow")  # an alternative label, any case
    assert [row[0] for row in timeline] == sorted(row[0] for row in timeline)
    assert len(timeline) == 6
    assert {row[1] for row in labels(store, "actors-by-class", **{"class": "Leader"})} == {"Vladimir Putin"}
    assert {row[:2] for row in labels(store, "leaders")} == {("Vladimir Putin", "Russia")}
    assert labels(store, "most-corroborated", limit="1")[0][:3] == ("United States", "sanctions", "Russia")


def test_parameters_are_literals_never_query_text(store):
    hostile = 'Russia" } } ; DROP ALL ; SELECT * { ?s ?p ?o . FILTER("'
    text = load_canned("timeline", {"actor": hostile})
    assert labels(store, "timeline", actor=hostile) == []
    assert '"Russia\\" } } ; DROP ALL' in text
    with pytest.raises(KGError, match="must be an integer"):
        load_canned("who-does-what", {"limit": "1 } ; DROP ALL"})
    with pytest.raises(KGError, match="no parameter 'nation'"):
        load_canned("timeline", {"nation": "x"})
    with pytest.raises(KGError, match="no canned query"):
        load_canned("nope")


def test_result_formats_follow_the_sparql_results_specs(store):
    select = "SELECT ?e ?n WHERE { ?e nkg:statementCount ?n } ORDER BY DESC(?n) LIMIT 2"

    def written(fmt: str, sparql: str = select, **kwargs: int) -> bytes:
        data, _ = write_query(store, sparql, fmt, **kwargs)
        return data

    doc = json.loads(written("json"))
    assert doc["head"]["vars"] == ["e", "n"]
    assert doc["results"]["bindings"][0]["n"] == {
        "type": "literal",
        "value": "2",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert doc["results"]["bindings"][0]["e"]["type"] == "uri"
    rows = list(csv.reader(io.StringIO(written("csv").decode())))
    assert rows[0] == ["e", "n"] and rows[1][1] == "2"
    tsv = written("tsv").decode().splitlines()
    assert tsv[0] == "?e\t?n" and tsv[1].startswith("<https://w3id.org/newskg/id/edge/")
    root = ET.fromstring(written("xml"))
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert [v.get("name") for v in root.iter(f"{ns}variable")] == ["e", "n"]
    assert len(list(root.iter(f"{ns}result"))) == 2
    # a row cap keeps whole rows, in every format
    assert len(json.loads(written("json", max_rows=1))["results"]["bindings"]) == 1
    assert write_query(store, select, "csv", max_rows=1)[1] is True
    assert write_query(store, select, "csv", max_rows=2)[1] is False


def test_graph_results_in_every_rdf_format(store):
    construct = "CONSTRUCT { ?e a nkg:Edge ; rdfs:label ?l } WHERE { ?e a nkg:Edge BIND(STR(?e) AS ?l) }"
    expected = {
        (str(e), str(RDF.type), str(NKG.Edge))
        for e in Graph()
        .parse(data=write_query(store, construct, "ntriples")[0].decode(), format="nt")
        .subjects(RDF.type, NKG.Edge)
    }
    assert len(expected) == 3
    for fmt, rdflib_format in [
        ("turtle", "turtle"), ("ntriples", "nt"), ("rdfxml", "xml"), ("jsonld", "json-ld"),
        ("nquads", "nquads"), ("trig", "trig"),
    ]:  # fmt: skip
        data, _ = write_query(store, construct, fmt)
        graph = Dataset().parse(data=data.decode(), format=rdflib_format)
        found = {(str(s), str(p), str(o)) for s, p, o, _ in graph.quads((None, RDF.type, NKG.Edge, None))}
        assert found == expected, fmt
        assert len(list(graph.quads((None, RDFS.label, None, None)))) == 3, fmt
    with pytest.raises(UsageError, match="cannot be written as csv"):
        write_query(store, construct, "csv")


def test_a_slow_query_times_out_quickly(store):
    slow = (
        "SELECT (COUNT(*) AS ?n) "
        "{ GRAPH ?a {?s ?p ?o} GRAPH ?b {?s2 ?p2 ?o2} GRAPH ?c {?s3 ?p3 ?o3} ?x ?y ?z }"
    )
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        run_query(store, slow, timeout=0.3)
    assert time.monotonic() - started < 2


def test_stats(store):
    summary = stats(store)
    assert summary["articles"] == 3
    assert summary["actors"] == {"State": 3, "Leader": 1, "Institution": 1}
    assert summary["statements"]["sanctions"] == {"asserted": 3}
    assert summary["statements"]["attacks"] == {"negated": 1}
    assert summary["plain_edges"] == 3
    assert (summary["first_date"], summary["last_date"]) == ("2022-01-10", "2022-03-01")


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "select * { sErViCe\n\t<http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * {#comment\nSERVICE#x\n<http://h/>{?s ?p ?o}}",
        "SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } VALUES ?endpoint { <http://h/> } }",
        "SELECT * { \\u0053ERVICE <http://h/> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:1/x> { ?s ?p ?o }",
        "select * from named <http://127.0.0.1:1/x> { graph ?g { ?s ?p ?o } }",
        "PREFIX e: <http://127.0.0.1:1/> SELECT * FROM e:x { ?s ?p ?o }",
        "BASE <http://127.0.0.1:1/> SELECT * FROM <x> { ?s ?p ?o }",
        f"SELECT * FROM <{GRAPH}x> {{ ?s ?p ?o }}",
    ],
)
def test_remote_access_is_refused_before_running(query):
    with pytest.raises(QueryRefused):
        check_read_only(query, {GRAPH})


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { ?service ?p 'SERVICE <http://h/>' } # SERVICE <http://h/>",
        "SELECT * { ?s ex:SERVICE ?o } ",
        f"SELECT * FROM <{GRAPH}> {{ ?s ?p ?o }}",
        "PREFIX nkgr: <https://w3id.org/newskg/id/> SELECT * FROM NAMED nkgr:article\\/abc { ?s ?p ?o }",
        'SELECT * { ?s ?p """FROM <http://h/> \n INSERT""" }',
    ],
)
def test_harmless_lookalikes_are_allowed(query):
    check_read_only(query, {GRAPH})


@pytest.mark.parametrize(
    "query", ["INSERT DATA { <a> <b> <c> }", "prefix x: <y> drop all", "LOAD <http://h/>"]
)
def test_updates_are_refused(query):
    with pytest.raises(QueryRefused, match=r"^error.*update"):
        check_read_only(query)


def test_kg_query_formats(db):
    runner = CliRunner()
    result = runner.invoke(
        app, ["query", "--db", str(db), "--name", "who-sanctions-whom", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"][0]["subject"]["value"] == "United States"
    result = runner.invoke(
        app, ["query", "--db", str(db), "-n", "timeline", "-p", "actor=Russia", "--format", "csv"]
    )
    assert result.stdout.splitlines()[0] == "date,subject,relation,object,modality,evidence,source"
    result = runner.invoke(app, ["query", "--db", str(db), "ASK { ?e a nkg:Edge }", "--format", "tsv"])
    assert result.stdout == "true"
    result = runner.invoke(app, ["query", "--db", str(db), "CONSTRUCT WHERE { ?e a nkg:Edge }"])
    assert result.stdout.count("nkg:Edge") == 3
    result = runner.invoke(app, ["query", "--list"])
    assert "who-sanctions-whom" in result.stdout


def test_kg_query_from_a_file_and_a_graph_file(db, tmp_path):
    (tmp_path / "q.rq").write_text("SELECT (COUNT(*) AS ?n) WHERE { ?e a nkg:Edge }")
    with Store.open() as store:
        store.put_articles(corpus())
        store.refresh_edges()
        store.export(tmp_path / "g.trig")
    for source in (["--db", str(db)], ["--graph", str(tmp_path / "g.trig")]):
        result = CliRunner().invoke(app, ["query", *source, "-f", str(tmp_path / "q.rq"), "--format", "csv"])
        assert result.stdout_bytes == b"n\r\n3\r\n", source


def test_kg_query_syntax_error_is_one_line_exit_2(db):
    done = subprocess.run(
        [KG, "query", "--db", str(db), "SELECT * WHERE {\n ?s ?p }"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "line 2, column" in done.stderr


STATEMENTS = "SELECT (COUNT(DISTINCT ?st) AS ?n) {} WHERE {{ ?st a nkg:Statement }}"


def count(store: Store, sparql: str, **dataset: list[str]) -> int:
    return int(run_query(store, sparql, **dataset).rows[0][0].value)


def test_from_chooses_the_default_graph(db):
    first, second, _ = (iri for iri, _ in corpus())
    with Store.open(db, read_only=True) as store:
        assert count(store, STATEMENTS.format("")) == 6  # no dataset named: the union of all graphs
        assert count(store, STATEMENTS.format(f"FROM <{first}>")) == 2
        assert count(store, STATEMENTS.format(f"FROM <{first}> FROM <{second}>")) == 4
        assert len(list(store.query(f"SELECT ?st FROM <{first}> WHERE {{ ?st a nkg:Statement }}"))) == 2
        # FROM NAMED alone: an empty default graph, and only that graph for GRAPH ?g
        assert count(store, STATEMENTS.format(f"FROM NAMED <{first}>")) == 0
        in_named = (
            f"SELECT (COUNT(DISTINCT ?g) AS ?n) FROM NAMED <{first}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
        )
        assert count(store, in_named) == 1
        # the protocol's graphs override the query's FROM
        assert count(store, STATEMENTS.format(f"FROM <{first}>"), default_graphs=[first, second]) == 4
        with pytest.raises(QueryRefused, match="not a graph of this store"):
            run_query(store, STATEMENTS.format(""), default_graphs=["http://127.0.0.1:1/x"])


def test_kg_query_honours_from_and_refuses_updates(db):
    first = corpus()[0][0]
    result = CliRunner().invoke(
        app, ["query", "--db", str(db), STATEMENTS.format(f"FROM <{first}>"), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["n", "2"]
    result = CliRunner().invoke(app, ["query", "--db", str(db), "DELETE WHERE { ?s ?p ?o }"])
    assert result.exit_code == 2
    assert "error[E402]: update refused" in result.stderr and "read-only" in result.stderr
    with Store.open(db, read_only=True) as store:
        assert count(store, STATEMENTS.format("")) == 6


@pytest.mark.parametrize(
    "args",
    [
        ["--name", "nope"],
        ["--format", "yaml", "ASK {}"],
        ["--name", "timeline", "--param", "nope=1"],
        ["--name", "timeline", "--param", "actor"],
        ["ASK {}", "--name", "timeline"],
    ],
)
def test_usage_errors_exit_2_with_their_own_code(db, args):
    result = CliRunner().invoke(app, ["query", "--db", str(db), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("error[E001]: ") and len(result.stderr.splitlines()) == 1


def test_resources_have_valid_prefixed_names(db, tmp_path):
    result = CliRunner().invoke(app, ["query", "--db", str(db), "DESCRIBE nkga:Q159"])
    assert result.exit_code == 0, result.stderr
    turtle = result.stdout
    assert "@prefix nkga: <https://w3id.org/newskg/id/actor/> ." in turtle
    assert "nkga:Q159" in turtle and "\\/" not in turtle
    assert Graph().parse(data=turtle, format="turtle").value(URIRef(ACTOR + "Q159"), RDFS.label) == Literal(
        "Russia"
    )
    assert "PREFIX nkga: <https://w3id.org/newskg/id/actor/>" in load_canned("leaders")
    out = tmp_path / "g.ttl"
    assert CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    exported = out.read_text()
    assert "\\/" not in exported
    for prefix in ("nkga", "nkgd", "nkgs", "nkge"):
        assert f"@prefix {prefix}: " in exported and f"{prefix}:" in exported.split("@prefix")[-1]


def test_query_df_gives_a_dataframe_of_python_values(db):
    import datetime

    import pandas as pd

    import kg

    with kg.open(db) as store:
        frame = store.query_df(
            """SELECT ?label ?n ?first ?missing WHERE {
                 ?e a nkg:Edge ; rdf:subject ?s ; nkg:statementCount ?n ; nkg:firstDate ?first .
                 ?s rdfs:label ?label OPTIONAL { ?s nkg:nothing ?missing }
               } ORDER BY DESC(?n) ?label"""
        )
        assert isinstance(frame, pd.DataFrame)
        assert list(frame.columns) == ["label", "n", "first", "missing"]
        assert frame.iloc[0].tolist()[:3] == ["United States", 2, datetime.date(2022, 2, 24)]
        assert frame["missing"].isna().all() and len(frame) == 3
        with pytest.raises(UsageError, match="SELECT"):
            store.query_df("ASK { ?s ?p ?o }")
