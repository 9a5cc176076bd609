"""SPARQL over the store: running queries with a time limit, canned queries, result formats and statistics.

Result formats follow the W3C SPARQL 1.1 Query Results specifications (JSON, XML, CSV, TSV); CONSTRUCT and
DESCRIBE results are written as Turtle or N-Triples.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import InputNotFound, KGError, QueryRefused, QuerySyntaxError, QueryTimeout
from kg.namespaces import PREFIXES
from kg.paths import QUERIES_DIR
from kg.store import LAYOUT_MARKER, Store

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
    store: Store, sparql: str, *, timeout: float | None = None, max_rows: int | None = None
) -> QueryResult:
    """Run ``sparql`` on ``store`` and materialise the results, giving up after ``timeout`` seconds.

    The query runs in a daemon thread (pyoxigraph releases the GIL while it evaluates), so a query that
    runs over time raises :class:`~kg.errors.QueryTimeout` at once; the thread finishes in the background.

    >>> from kg.store import Store
    >>> run_query(Store.open(), "ASK { ?s ?p ?o }").boolean
    False
    """
    if timeout is None:
        return materialise(store.query(sparql), max_rows)
    outcome: list[Any] = []

    def work() -> None:
        try:
            outcome.append(materialise(store.query(sparql), max_rows))
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


# -- SPARQL tokens: for parameters and for the endpoint's safety checks ----------------------------

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7]+)
  | (?P<pname>(?:[^\W\d][\w.\-\u00b7]*)?:(?:[\w\-:%.\u00b7]|\\.)*)
  | (?P<word>[^\W\d]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


def tokens(sparql: str) -> list[tuple[str, str]]:
    """Split SPARQL into ``(kind, text)`` tokens, skipping whitespace and comments.

    Kinds: string, iri, var, pname, word (keywords and function names), other (punctuation, numbers).

    >>> tokens('SELECT * { ?s "x # y" } # comment')  # doctest: +NORMALIZE_WHITESPACE
    [('word', 'SELECT'), ('other', '*'), ('other', '{'), ('var', '?s'), ('string', '"x # y"'),
     ('other', '}')]
    """
    return [
        (match.lastgroup, match.group())
        for match in _TOKEN.finditer(sparql)
        if match.lastgroup not in ("ws", "comment")
    ]  # type: ignore[misc]


def decode_codepoints(sparql: str) -> str:
    r"""Apply SPARQL's codepoint escapes (``\u0053`` is ``S``), which a parser applies before tokenising."""

    def char(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except ValueError:
            return match.group()

    return _CODEPOINT.sub(char, sparql)


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


def check_read_only(sparql: str, named_graphs: set[str] | frozenset[str] = frozenset()) -> None:
    """Refuse (before running anything) an update, a ``SERVICE`` call, or a ``FROM``/``FROM NAMED`` that
    is not one of ``named_graphs``: these would write, or make the engine fetch a URL (request forgery).

    Raises :class:`~kg.errors.QueryRefused`; its message starts with "update" for updates.

    >>> check_read_only("select * { service <http://127.0.0.1/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kg.errors.QueryRefused: error[E402]: SERVICE is not allowed: this endpoint never fetches remote data
    """
    for text in {sparql, decode_codepoints(sparql)}:
        toks = tokens(text)
        prefixes = dict(PREFIXES)
        base = ""
        for index, (kind, value) in enumerate(toks):
            if kind != "word":
                continue
            keyword = value.upper()
            if keyword in UPDATE_KEYWORDS:
                raise QueryRefused(
                    f"update refused: this endpoint is read-only ({keyword} is an update operation)"
                )
            if keyword == "SERVICE":
                raise QueryRefused("SERVICE is not allowed: this endpoint never fetches remote data")
            following = toks[index + 1 : index + 3]
            if keyword == "BASE" and following and following[0][0] == "iri":
                base = urljoin(base, following[0][1][1:-1])
            elif keyword == "PREFIX" and len(following) == 2 and following[0][0] == "pname":
                prefixes[following[0][1].rstrip(":")] = urljoin(base, following[1][1][1:-1])
            elif keyword == "FROM":
                _check_from(toks[index + 1 : index + 3], prefixes, base, named_graphs)


def _check_from(following: list[tuple[str, str]], prefixes: dict[str, str], base: str, graphs: Any) -> None:
    if following and following[0][0] == "word" and following[0][1].upper() == "NAMED":
        following = following[1:]
    iri = None
    if following and following[0][0] == "iri":
        iri = urljoin(base, following[0][1][1:-1])
    elif following and following[0][0] == "pname":
        prefix, _, local = following[0][1].partition(":")
        if prefix in prefixes:
            iri = prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    if iri is None or iri not in graphs:
        shown = iri or (following[0][1] if following else "(nothing)")
        raise QueryRefused(
            f"FROM {shown} is not a graph of this store: this endpoint never fetches remote data"
        )


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
    Unknown names and parameters are a :class:`~kg.errors.KGError`.

    >>> "Russia" in load_canned("timeline", {"actor": "Russia"})
    True
    """
    queries = canned_queries(directory)
    if name not in queries:
        raise KGError(f"no canned query {name!r}; known: {', '.join(queries) or '(none)'}")
    canned = queries[name]
    params = dict(params or {})
    unknown = sorted(set(params) - set(canned.params))
    if unknown:
        known = ", ".join(canned.params) or "none"
        raise KGError(f"query {name!r} has no parameter {unknown[0]!r} (parameters: {known})")
    values: dict[str, str] = {}
    for key, (default, _doc) in canned.params.items():
        value = params.get(key, default)
        if re.fullmatch(r"-?\d+", default):
            if not re.fullmatch(r"\s*-?\d+\s*", value):
                raise KGError(f"parameter {key!r} of query {name!r} must be an integer, not {value!r}")
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
        raise KGError(
            "give exactly one query: the text, -f FILE or --name NAME (kg query --list shows names)"
        )
    if params and name is None:
        raise KGError("--param only applies to canned queries (--name)")
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
                raise KGError(f"--param takes NAME=VALUE, not {pair!r}")
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
            raise KGError(
                f"a CONSTRUCT/DESCRIBE result is a graph: use --format turtle or ntriples, not {fmt}"
            )
        return to_rdf(result, fmt)
    writers = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}
    if fmt not in writers:
        raise KGError(f"a SELECT/ASK result cannot be written as {fmt}; use table, csv, tsv, json or xml")
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
    "QueryResult",
    "QuerySyntaxError",
    "canned_queries",
    "check_read_only",
    "load_canned",
    "run_query",
    "serialise",
    "stats",
]
