"""SPARQL over the store: running queries with a time limit, canned queries, result formats and statistics.

Result formats follow the W3C SPARQL 1.1 Query Results specifications (JSON, XML, CSV, TSV); CONSTRUCT and
DESCRIBE results are written as Turtle or N-Triples.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import threading
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import InputNotFound, QueryRefused, QuerySyntaxError, QueryTimeout, UsageError
from kg.namespaces import PREFIXES
from kg.paths import QUERIES_DIR
from kg.store import LAYOUT_MARKER, Store, _sparql_syntax_error

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples")
"""Output formats of ``kg query``."""

MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
}

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class QueryResult:
    """The materialised result of a query: ``kind`` is "select", "ask" or "graph" (CONSTRUCT/DESCRIBE)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool = False
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


def materialise(results: Any, max_rows: int | None = None) -> QueryResult:
    """Read pyoxigraph results into a :class:`QueryResult`, keeping at most ``max_rows`` rows or triples."""
    if isinstance(results, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(results))
    if isinstance(results, ox.QuerySolutions):
        variables = [v.value for v in results.variables]
        result = QueryResult("select", variables=variables)
        for index, solution in enumerate(results):
            if max_rows is not None and index >= max_rows:
                result.truncated = True
                break
            result.rows.append(tuple(solution[i] for i in range(len(variables))))
        return result
    result = QueryResult("graph")
    for index, triple in enumerate(results):
        if max_rows is not None and index >= max_rows:
            result.truncated = True
            break
        result.triples.append(triple)
    return result


def run_query(
    store: Store,
    sparql: str,
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> QueryResult:
    """Run the read-only query ``sparql`` on ``store`` and materialise the results, giving up after
    ``timeout`` seconds.

    Updates, ``SERVICE`` and a ``FROM`` outside the store are refused before anything runs (see
    :func:`check_read_only`); the dataset follows :func:`dataset_options`. The query runs in a daemon
    thread (pyoxigraph releases the GIL while it evaluates), so a query that runs over time raises
    :class:`~kg.errors.QueryTimeout` at once; the thread finishes in the background.

    >>> from kg.store import Store
    >>> run_query(Store.open(), "ASK { ?s ?p ?o }").boolean
    False
    """
    dataset = read_only_dataset(sparql)
    if dataset or default_graphs or named_graphs:
        graphs = store.named_graphs()
        refuse_outside([*dataset.default, *default_graphs], [*dataset.named, *named_graphs], graphs)
    options = dataset_options(sparql, dataset, default_graphs, named_graphs)
    if timeout is None:
        return materialise(evaluate(store, sparql, options), max_rows)
    outcome: list[Any] = []

    def work() -> None:
        try:
            outcome.append(materialise(evaluate(store, sparql, options), max_rows))
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was abandoned (raise --timeout)")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def evaluate(store: Store, sparql: str, options: dict[str, Any]) -> Any:
    """pyoxigraph's lazy results of ``sparql`` with our prefixes and the dataset ``options``."""
    try:
        return store.inner.query(sparql, prefixes=PREFIXES, **options)
    except SyntaxError as exc:
        raise _sparql_syntax_error(exc) from None


# -- the read-only check: rdflib's SPARQL parser -----------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7]+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
"""Just enough of SPARQL's lexer to find ``$param`` variables of canned queries outside strings and IRIs."""


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset a query names with ``FROM`` (``default``) and ``FROM NAMED`` (``named``)."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.default or self.named)


@functools.lru_cache(maxsize=256)
def read_only_dataset(sparql: str) -> QueryDataset:
    """Parse ``sparql`` with rdflib's SPARQL 1.1 parser and return the dataset it names, refusing before
    anything runs an update or a ``SERVICE`` call (these would write, or make the engine fetch a URL).

    Raises :class:`~kg.errors.QueryRefused` (its message starts with "update" for updates) or
    :class:`~kg.errors.QuerySyntaxError`. Parsing takes milliseconds, so the answers of recent texts are kept.

    >>> read_only_dataset("SELECT * FROM nkgr:x FROM NAMED <urn:x:g> { ?s ?p ?o }")
    QueryDataset(default=('https://w3id.org/newskg/id/x',), named=('urn:x:g',))
    >>> read_only_dataset("select * { service <http://127.0.0.1/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kg.errors.QueryRefused: error[E402]: SERVICE is not allowed: this endpoint never fetches remote data
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import algebra, parser

    try:
        parsed = parser.parseQuery(sparql)
    except ParseBaseException as exc:
        try:
            parser.parseUpdate(sparql)
        except ParseBaseException:
            raise QuerySyntaxError(
                f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}"
            ) from None
        raise QueryRefused(
            "update refused: queries are read-only here (no INSERT, DELETE, LOAD, CLEAR, DROP)"
        ) from None
    if _names_part(parsed, "ServiceGraphPattern"):
        raise QueryRefused("SERVICE is not allowed: this endpoint never fetches remote data")
    clauses = parsed[1].get("datasetClause") or []
    if not clauses:
        return QueryDataset()
    try:
        prologue = algebra.translatePrologue(parsed[0], None, initNs=PREFIXES)
        iris = [
            (key, re.sub(r"\\(.)", r"\1", str(prologue.absolutize(clause[key]))))
            for clause in clauses
            for key in ("default", "named")
            if key in clause
        ]
    except Exception as exc:  # rdflib raises a bare Exception for an undeclared prefix
        raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from None
    return QueryDataset(
        tuple(iri for key, iri in iris if key == "default"), tuple(iri for key, iri in iris if key == "named")
    )


def check_read_only(sparql: str, graphs: Collection[str] = frozenset()) -> QueryDataset:
    """:func:`read_only_dataset`, also refusing a ``FROM``/``FROM NAMED`` that is not one of ``graphs`` (the
    store's named graphs): the engine never fetches a URL.

    >>> check_read_only("SELECT * FROM <http://127.0.0.1/x> { ?s ?p ?o }")
    Traceback (most recent call last):
    kg.errors.QueryRefused: error[E402]: FROM <http://127.0.0.1/x> is not a graph of this store: this endpoint never fetches remote data
    """
    dataset = read_only_dataset(sparql)
    refuse_outside(dataset.default, dataset.named, graphs)
    return dataset


def refuse_outside(default: Iterable[str], named: Iterable[str], graphs: Collection[str]) -> None:
    """Refuse a dataset (``FROM``, ``FROM NAMED``, or the protocol's graph parameters) outside ``graphs``."""
    for keyword, iris in (("FROM", default), ("FROM NAMED", named)):
        for iri in iris:
            if iri not in graphs:
                raise QueryRefused(
                    f"{keyword} <{iri}> is not a graph of this store: this endpoint never fetches remote data"
                )


def dataset_options(
    sparql: str,
    dataset: QueryDataset,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> dict[str, Any]:
    """pyoxigraph's query options for SPARQL 1.1 dataset semantics.

    The protocol's ``default-graph-uri``/``named-graph-uri`` (``default_graphs``/``named_graphs``) override
    the query's ``FROM``/``FROM NAMED``, which pyoxigraph then honours itself; only a query that names no
    dataset sees the union of all graphs as its default graph (a :data:`~kg.store.LAYOUT_MARKER` query sees
    the store's own default graph).

    >>> dataset_options("SELECT * { ?s ?p ?o }", QueryDataset())
    {'use_default_graph_as_union': True}
    >>> dataset_options("SELECT * FROM <urn:g> { ?s ?p ?o }", QueryDataset(("urn:g",)))
    {}
    """
    if default_graphs or named_graphs:
        return {
            "default_graph": [ox.NamedNode(g) for g in default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs],
        }
    if dataset or sparql.startswith(LAYOUT_MARKER):
        return {}
    return {"use_default_graph_as_union": True}


def _names_part(node: Any, name: str) -> bool:
    """True when the parse tree ``node`` holds a part called ``name`` (e.g. ``ServiceGraphPattern``)."""
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_names_part(value, name) for value in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_names_part(value, name) for value in node)
    return False


def sparql_literal(value: str) -> str:
    r"""``value`` as a SPARQL string literal, every special character escaped (safe to splice into a query).

    >>> print(sparql_literal('say "hi" } \\ '))
    "say \"hi\" } \\ "
    """
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


# -- canned queries --------------------------------------------------------------------------------


@dataclass
class CannedQuery:
    """A shipped ``.rq`` file: name, one-line description, parameters (name -> (default, doc)) and text."""

    name: str
    description: str
    params: dict[str, tuple[str, str]]
    text: str
    path: Path


_HEADER = re.compile(r"^#\s*(description|param)\s*:\s*(.*)$")


def canned_queries(directory: Path | None = None) -> dict[str, CannedQuery]:
    """The canned queries shipped in ``ontology/queries`` (by name, sorted).

    >>> "who-sanctions-whom" in canned_queries()
    True
    """
    found: dict[str, CannedQuery] = {}
    for path in sorted((directory or QUERIES_DIR).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        description, params = "", {}
        for line in text.splitlines():
            match = _HEADER.match(line.strip())
            if not match:
                continue
            if match.group(1) == "description":
                description = match.group(2)
            else:
                spec, _, doc = match.group(2).partition("--")
                name, _, default = spec.partition("=")
                params[name.strip()] = (default.strip(), doc.strip())
        found[path.stem] = CannedQuery(path.stem, description, params, text, path)
    return found


def load_canned(name: str, params: dict[str, str] | None = None, directory: Path | None = None) -> str:
    """The text of canned query ``name`` with our prefixes prepended and ``$param`` variables replaced.

    String parameters become escaped SPARQL literals; a parameter with a numeric default must be an integer.
    The text starts with :data:`~kg.store.LAYOUT_MARKER`: canned queries read the derived summaries of the
    store's own default graph (labels, classes, ``nkg:Edge`` counts) and the articles' graphs by ``GRAPH``.
    Unknown names and parameters are a :class:`~kg.errors.UsageError`.

    >>> "Russia" in load_canned("timeline", {"actor": "Russia"})
    True
    """
    queries = canned_queries(directory)
    if name not in queries:
        raise UsageError(f"no canned query {name!r}; known: {', '.join(queries) or '(none)'}")
    canned = queries[name]
    params = dict(params or {})
    unknown = sorted(set(params) - set(canned.params))
    if unknown:
        known = ", ".join(canned.params) or "none"
        raise UsageError(f"query {name!r} has no parameter {unknown[0]!r} (parameters: {known})")
    values: dict[str, str] = {}
    for key, (default, _doc) in canned.params.items():
        value = params.get(key, default)
        if re.fullmatch(r"-?\d+", default):
            if not re.fullmatch(r"\s*-?\d+\s*", value):
                raise UsageError(f"parameter {key!r} of query {name!r} must be an integer, not {value!r}")
            values[key] = str(int(value))
        else:
            values[key] = sparql_literal(value)
    body = "".join(
        values.get(text[1:], text) if kind == "var" and text.startswith("$") else text
        for kind, text in _tokens_with_space(canned.text)
    )
    prologue = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
    return LAYOUT_MARKER + prologue + body


def resolve_query(
    text: str | None = None,
    file: Path | None = None,
    name: str | None = None,
    params: list[str] | None = None,
) -> str:
    """The query to run from exactly one of: its text, a ``.rq`` file, or a canned query name with
    ``NAME=VALUE`` parameters (the options of ``kg query``).

    >>> resolve_query(name="timeline", params=["actor=Russia"]).count('"Russia"')
    1
    """
    if sum(x is not None for x in (text, file, name)) != 1:
        raise UsageError(
            "give exactly one query: the text, -f FILE or --name NAME (kg query --list shows names)"
        )
    if params and name is None:
        raise UsageError("--param only applies to canned queries (--name)")
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputNotFound(f"{file}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if name is not None:
        pairs: dict[str, str] = {}
        for pair in params or []:
            key, sep, value = pair.partition("=")
            if not sep or not key.strip():
                raise UsageError(f"--param takes NAME=VALUE, not {pair!r}")
            pairs[key.strip()] = value
        return load_canned(name, pairs)
    return text or ""


def _tokens_with_space(sparql: str) -> list[tuple[str, str]]:
    return [(match.lastgroup or "", match.group()) for match in _TOKEN.finditer(sparql)]


# -- result formats --------------------------------------------------------------------------------


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")},
        }
    value: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        value["datatype"] = term.datatype.value
    return value


def to_json(result: QueryResult) -> bytes:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}).encode()
    bindings = [
        {var: _json_term(term) for var, term in zip(result.variables, row, strict=True) if term is not None}
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False
    ).encode()


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = "".join(
            f"<{k}>{_xml_term(getattr(term, k))}</{k}>" for k in ("subject", "predicate", "object")
        )
        return f"<triple>{parts}</triple>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != _XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def to_xml(result: QueryResult) -> bytes:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out.append(f"<head/><boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append(
            "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>"
        )
        out.append("<results>")
        for row in result.rows:
            cells = "".join(
                f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>"
                for var, term in zip(result.variables, row, strict=True)
                if term is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out).encode()


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def to_csv(result: QueryResult) -> bytes:
    """SPARQL 1.1 Query Results CSV (plain values, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.variables)
        writer.writerows([_csv_value(term) for term in row] for row in result.rows)
    return buffer.getvalue().encode()


def to_tsv(result: QueryResult) -> bytes:
    """SPARQL 1.1 Query Results TSV (terms in Turtle/N-Triples syntax)."""
    if result.kind == "ask":
        return b"?boolean\n" + (b"true\n" if result.boolean else b"false\n")
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode()


def to_rdf(result: QueryResult, fmt: str = "turtle") -> bytes:
    """A CONSTRUCT/DESCRIBE result as Turtle (with our prefixes) or N-Triples."""
    if fmt == "ntriples":
        return ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""


def serialise(result: QueryResult, fmt: str) -> bytes:
    """``result`` in ``fmt`` (json, xml, csv, tsv for SELECT/ASK; turtle, ntriples for graphs).

    >>> serialise(QueryResult("ask", boolean=True), "json")
    b'{"head": {}, "boolean": true}'
    """
    if result.kind == "graph":
        if fmt not in ("turtle", "ntriples"):
            raise UsageError(
                f"a CONSTRUCT/DESCRIBE result is a graph: use --format turtle or ntriples, not {fmt}"
            )
        return to_rdf(result, fmt)
    writers = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}
    if fmt not in writers:
        raise UsageError(f"a SELECT/ASK result cannot be written as {fmt}; use table, csv, tsv, json or xml")
    return writers[fmt](result)


def term_text(term: Term | None) -> str:
    """A short human form of a term for tables: prefixed IRIs, plain literal values.

    >>> term_text(ox.NamedNode("https://w3id.org/newskg/ontology#sanctions"))
    'nkg:sanctions'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


# -- statistics ------------------------------------------------------------------------------------

_STATS_QUERIES = {
    "articles": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a nkg:Article }",
    "actors": """SELECT ?class (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?a a ?class
        FILTER(?class IN (nkg:State, nkg:Leader, nkg:Person, nkg:Institution, nkg:ArmedGroup, nkg:Bloc,
                          nkg:Place))
    } GROUP BY ?class ORDER BY DESC(?n)""",
    "statements": """SELECT ?relation ?modality (COUNT(DISTINCT ?st) AS ?n) WHERE {
        ?st a nkg:Statement ; nkg:modality ?modality ; rdf:predicate ?relation
    } GROUP BY ?relation ?modality ORDER BY ?relation ?modality""",
    "edges": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a nkg:Edge }",
    "dates": """SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {
        ?st a nkg:Statement ; nkg:date ?d }""",
}


def stats(store: Store) -> dict[str, Any]:
    """Counts that describe a built graph.

    Keys: ``quads``, ``articles``, ``actors`` (class -> count), ``statements`` (relation -> modality ->
    count),
    ``plain_edges``, ``first_date``/``last_date`` (of statements, ISO strings or None).

    >>> stats(Store.open())["articles"]
    0
    """
    rows = {key: list(store.query(q)) for key, q in _STATS_QUERIES.items()}
    statements: dict[str, dict[str, int]] = {}
    for row in rows["statements"]:
        relation = term_text(row["relation"]).removeprefix("nkg:")
        statements.setdefault(relation, {})[row["modality"].value] = int(row["n"].value)
    dates = rows["dates"][0] if rows["dates"] else None
    return {
        "quads": len(store),
        "articles": int(rows["articles"][0]["n"].value),
        "actors": {term_text(r["class"]).removeprefix("nkg:"): int(r["n"].value) for r in rows["actors"]},
        "statements": statements,
        "plain_edges": int(rows["edges"][0]["n"].value),
        "first_date": dates["first"].value if dates is not None and dates["first"] else None,
        "last_date": dates["last"].value if dates is not None and dates["last"] else None,
    }


__all__ = [
    "CannedQuery",
    "QueryDataset",
    "QueryResult",
    "QuerySyntaxError",
    "canned_queries",
    "check_read_only",
    "dataset_options",
    "load_canned",
    "read_only_dataset",
    "run_query",
    "serialise",
    "stats",
]
