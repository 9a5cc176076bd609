"""SPARQL over the store: the read-only check and SPARQL 1.1 dataset semantics, running queries with a time
limit, canned queries, DataFrames and statistics.

Results are written by :mod:`kg.results` (pyoxigraph's serializers): SELECT/ASK as the W3C SPARQL 1.1 Query
Results formats, CONSTRUCT/DESCRIBE as RDF.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
import rdflib

from kg.errors import InputNotFound, QueryRefused, QuerySyntaxError, QueryTimeout, UsageError
from kg.namespaces import PREFIXES
from kg.paths import QUERIES_DIR
from kg.results import GRAPH_FORMATS, SOLUTION_FORMATS, format_named, formats_for, write_results
from kg.rewrite import rewrite
from kg.store import LAYOUT_MARKER, Store, _sparql_syntax_error, from_ox

if TYPE_CHECKING:
    import pandas

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

RESULT_FORMATS = ("table", *SOLUTION_FORMATS, *GRAPH_FORMATS)
"""Output formats of ``kg query`` (see :mod:`kg.results`; ``ttl``, ``nt``, ... are accepted too)."""


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
        rows = [tuple(solution) for solution in islice(results, max_rows)]
        truncated = max_rows is not None and next(results, None) is not None
        return QueryResult("select", [v.value for v in results.variables], rows, truncated=truncated)
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
    return _run(
        store, sparql, lambda results: materialise(results, max_rows), timeout, default_graphs, named_graphs
    )


def write_query(
    store: Store,
    sparql: str,
    fmt: str,
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> tuple[bytes, bool]:
    """Run ``sparql`` as :func:`run_query` does and write its results in format ``fmt`` (see
    :mod:`kg.results`): the bytes, and whether rows beyond ``max_rows`` were left out.

    >>> from kg.store import Store
    >>> write_query(Store.open(), "SELECT ?x WHERE { BIND(1 AS ?x) }", "csv")
    (b'x\\r\\n1\\r\\n', False)
    """
    kind = parse_read_only(sparql).kind
    key = format_named(kind, fmt)
    if key is None:
        names = ", ".join(formats_for(kind))
        what = "a CONSTRUCT/DESCRIBE result" if kind == "graph" else "a SELECT/ASK result"
        raise UsageError(f"{what} cannot be written as {fmt}; use {names}")
    return _run(
        store,
        sparql,
        lambda results: write_results(results, key, max_rows),
        timeout,
        default_graphs,
        named_graphs,
    )


def _run(
    store: Store,
    sparql: str,
    read: Callable[[Any], Any],
    timeout: float | None,
    default_graphs: Sequence[str],
    named_graphs: Sequence[str],
) -> Any:
    """``read`` the results of the read-only query ``sparql``, in a thread abandoned after ``timeout``."""
    parsed = parse_read_only(sparql)
    if parsed.names_dataset or default_graphs or named_graphs:
        graphs = store.named_graphs()
        refuse_outside([*parsed.default, *default_graphs], [*parsed.named, *named_graphs], graphs)
    options = dataset_options(sparql, parsed, default_graphs, named_graphs)
    if timeout is None:
        return read(evaluate(store, sparql, options))
    outcome: list[Any] = []

    def work() -> None:
        try:
            outcome.append(read(evaluate(store, sparql, options)))
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
    """pyoxigraph's lazy results of ``sparql`` with our prefixes and the dataset ``options`` (a flat query
    rewritten by :func:`kg.rewrite.rewrite`: the same solutions, the actors' descriptions joined whole)."""
    try:
        return store.inner.query(rewrite(sparql), prefixes=PREFIXES, **options)
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
class ParsedQuery:
    """What the read-only check learns of a query: its ``kind`` ("select", "ask" or "graph" for CONSTRUCT
    and DESCRIBE) and the dataset it names with ``FROM`` (``default``) and ``FROM NAMED`` (``named``)."""

    kind: str = "select"
    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    @property
    def names_dataset(self) -> bool:
        """True when the query has a ``FROM`` or ``FROM NAMED`` clause."""
        return bool(self.default or self.named)


_PARSING = threading.Lock()
"""rdflib's SPARQL parser (pyparsing) keeps state while it parses: one parse at a time (the endpoint checks
queries in threads)."""


@functools.lru_cache(maxsize=256)
def parse_read_only(sparql: str) -> ParsedQuery:
    """Parse ``sparql`` with rdflib's SPARQL 1.1 parser and return the dataset it names, refusing before
    anything runs an update or a ``SERVICE`` call (these would write, or make the engine fetch a URL).

    Raises :class:`~kg.errors.QueryRefused` (its message starts with "update" for updates) or
    :class:`~kg.errors.QuerySyntaxError`. Parsing takes milliseconds, so the answers of recent texts are kept.

    >>> parse_read_only("SELECT * FROM nkgr:x FROM NAMED <urn:x:g> { ?s ?p ?o }")
    ParsedQuery(kind='select', default=('https://w3id.org/newskg/id/x',), named=('urn:x:g',))
    >>> parse_read_only("select * { service <http://127.0.0.1/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kg.errors.QueryRefused: error[E402]: SERVICE is not allowed: this endpoint never fetches remote data
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import algebra, parser

    try:
        with _PARSING:
            parsed = parser.parseQuery(sparql)
    except ParseBaseException as exc:
        try:
            with _PARSING:
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
    kind = {"SelectQuery": "select", "AskQuery": "ask"}.get(parsed[1].name, "graph")
    clauses = parsed[1].get("datasetClause") or []
    if not clauses:
        return ParsedQuery(kind)
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
    return ParsedQuery(
        kind,
        tuple(iri for key, iri in iris if key == "default"),
        tuple(iri for key, iri in iris if key == "named"),
    )


def check_read_only(sparql: str, graphs: Collection[str] = frozenset()) -> ParsedQuery:
    """:func:`parse_read_only`, also refusing a ``FROM``/``FROM NAMED`` that is not one of ``graphs`` (the
    store's named graphs): the engine never fetches a URL.

    >>> check_read_only("SELECT * FROM <http://127.0.0.1/x> { ?s ?p ?o }")
    Traceback (most recent call last):
    kg.errors.QueryRefused: error[E402]: FROM <http://127.0.0.1/x> is not a graph of this store: this endpoint never fetches remote data
    """
    dataset = parse_read_only(sparql)
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
    dataset: ParsedQuery,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> dict[str, Any]:
    """pyoxigraph's query options for SPARQL 1.1 dataset semantics.

    The protocol's ``default-graph-uri``/``named-graph-uri`` (``default_graphs``/``named_graphs``) override
    the query's ``FROM``/``FROM NAMED``, which pyoxigraph then honours itself; only a query that names no
    dataset sees the union of all graphs as its default graph (a :data:`~kg.store.LAYOUT_MARKER` query sees
    the store's own default graph).

    >>> dataset_options("SELECT * { ?s ?p ?o }", ParsedQuery())
    {'use_default_graph_as_union': True}
    >>> dataset_options("SELECT * FROM <urn:g> { ?s ?p ?o }", ParsedQuery("select", ("urn:g",)))
    {}
    """
    if default_graphs or named_graphs:
        return {
            "default_graph": [ox.NamedNode(g) for g in default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs],
        }
    if dataset.names_dataset or sparql.startswith(LAYOUT_MARKER):
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


# -- showing terms ---------------------------------------------------------------------------------


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


# -- DataFrames ------------------------------------------------------------------------------------


def python_value(term: Term | None) -> Any:
    """A term as a plain Python value: IRIs as strings, literals as numbers, dates, booleans or strings.

    >>> python_value(ox.Literal("2016-04-20", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")))
    datetime.date(2016, 4, 20)
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        value = from_ox(term).toPython()
        return value if not isinstance(value, rdflib.Literal) else str(value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def query_df(store: Store, sparql: str, *, timeout: float | None = None) -> pandas.DataFrame:
    """The results of a SELECT query as a pandas DataFrame (as kglab's ``query_as_df``): one column per
    variable, one row per solution, values as :func:`python_value` gives them (``None`` when unbound).

    >>> from kg.store import Store
    >>> query_df(Store.open(), "SELECT ?n WHERE { VALUES ?n { 1 2 } }")["n"].tolist()
    [1, 2]
    """
    import pandas as pd

    result = run_query(store, sparql, timeout=timeout)
    if result.kind != "select":
        raise UsageError("query_df needs a SELECT query; use run_query for ASK, CONSTRUCT and DESCRIBE")
    rows = [[python_value(term) for term in row] for row in result.rows]
    return pd.DataFrame(rows, columns=result.variables)


# -- statistics ------------------------------------------------------------------------------------

_STATS_QUERIES = {
    "articles": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a nkg:Article }",
    "actors": """SELECT ?class (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?a a ?class
        FILTER(?class IN (nkg:State, nkg:Leader, nkg:Person, nkg:Institution, nkg:ArmedGroup, nkg:Bloc,
                          nkg:Place, nkg:Actor))
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
    "ParsedQuery",
    "QueryResult",
    "QuerySyntaxError",
    "canned_queries",
    "check_read_only",
    "dataset_options",
    "load_canned",
    "parse_read_only",
    "python_value",
    "query_df",
    "run_query",
    "stats",
    "write_query",
]
