"""Query rewriting: a flat query joins the actors' descriptions as a whole, not row by row, and a top-k query
sorts a few rows, not all of them.

Oxigraph evaluates the triple patterns of a group by index lookups, row after row, in an order it guesses with no
statistics, and it evaluates a sub-SELECT on its own and hash-joins it with what comes before it. In our store each
actor is described once (``rdfs:label``, ``skos:altLabel``, ``owl:sameAs``): a few thousand triples against tens of
thousands of statements. A flat query that joins statements to labels (``?st rdf:subject ?s . ?s rdfs:label ?who``)
looks a label up for every statement, ~10 microseconds each on disk; read whole (a few milliseconds) and
hash-joined, the same join costs a fraction. So :func:`rewrite` turns the group of a SELECT or ASK query made only of
triple patterns and FILTERs into:

1. each description pattern (two variables, a description predicate) that FILTERs constrain on their own (their
   variables are all the pattern's), with those FILTERs, as a sub-SELECT: the join starts from the few actors
   they keep (a label regex);
2. the other triple patterns, as written; or, when nothing comes first (no step 1, no lookup by name) and they
   all describe one subject, one of them with a constant object (a statement by its relation: ``?st
   rdf:predicate nkg:attacks``), that one, then the others looked up for each of its rows (``LATERAL``, see
   :func:`_star`);
3. the other description patterns, each as a sub-SELECT (hash-joined);
4. the remaining FILTERs.

A ``SELECT ?a ?b ... ORDER BY ?v ... LIMIT n`` query is rewritten otherwise: its rows are cut by a threshold on
``?v`` before they are joined and sorted (see :func:`_top_k`).

The solutions are the same: a join does not depend on the order of its parts, ``LATERAL`` over triple patterns is
a join, and a FILTER whose variables one triple pattern always binds may be evaluated with that pattern. Any
other shape (OPTIONAL, UNION, GRAPH, BIND, VALUES, nested groups, property paths, blank nodes, collections, a
CONSTRUCT) is left as written. ``LATERAL`` is Oxigraph's (SPARQL 1.2's draft), not SPARQL 1.1.

>>> print(rewrite("SELECT ?who WHERE { ?s nkg:sanctions ?o . ?s rdfs:label ?who }"))
SELECT ?who WHERE { ?s nkg:sanctions ?o . { SELECT * { ?s rdfs:label ?who } } }
>>> print(rewrite('ASK { ?st rdf:subject ?s . ?s rdfs:label ?n FILTER(REGEX(?n, "^rus", "i")) }'))
ASK { { SELECT * { ?s rdfs:label ?n FILTER(REGEX(?n, "^rus", "i")) } } ?st rdf:subject ?s . }
>>> rewrite("SELECT * { ?s rdfs:label ?n OPTIONAL { ?s owl:sameAs ?w } }") == (
...     "SELECT * { ?s rdfs:label ?n OPTIONAL { ?s owl:sameAs ?w } }")
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from kg.namespaces import OWL, PREFIXES, RDFS, SKOS

DESCRIPTION = frozenset(str(term) for term in (RDFS.label, SKOS.altLabel, OWL.sameAs))
"""The predicates of an actor's description, held once per actor in the default graph."""

_LEX = re.compile(
    r"""
    (?P<ws>\s+|\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7]+)
  | (?P<punct>[{}().;,\[\]])
  | (?P<word>[^\s{}().;,\[\]<>"'?$\#]+(?:\.[^\s{}().;,\[\]<>"'?$\#]+)*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_NOT_FLAT = frozenset(
    {"OPTIONAL", "UNION", "GRAPH", "BIND", "VALUES", "MINUS", "SERVICE", "SELECT", "LATERAL"}
)
_PATH = re.compile(r"[/|^*+!]")
_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
_NEXT = {"S": {}, "P": {";": "P", ".": "S"}, "O": {}, "SEP": {",": "O", ";": "P", ".": "S"}}
"""Triples as a state machine: after a subject (S) a predicate (P), then an object (O), then a separator (SEP)."""

Token = re.Match[str]


@dataclass
class _Pattern:
    terms: tuple[str, str, str]
    filters: list[str] = field(default_factory=list)

    def variables(self) -> set[str]:
        return {term[1:] for term in self.terms if term[0] in "?$"}


class _NotFlat(Exception):
    """The group is not one :func:`rewrite` reads: the query stays as written."""


def rewrite(sparql: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """``sparql`` with its flat group rewritten as the module docstring says (``prefixes``: those the query
    may use undeclared), or unchanged."""
    tokens = list(_LEX.finditer(sparql))
    try:
        start, end = _group(tokens)
        filters, patterns = _parse_body(sparql, [t for t in tokens[start + 1 : end] if t.lastgroup != "ws"])
        try:
            order = _top_order(tokens[:start], tokens[end + 1 :], patterns)
            body = _top_k(patterns, filters, order, _names(tokens))
        except _NotFlat:
            body = _join_body(patterns, filters, dict(prefixes) | _declared(tokens[:start]))
    except _NotFlat:
        return sparql
    return sparql[: tokens[start].end()] + body + sparql[tokens[end].start() :]


def _group(tokens: list[Token]) -> tuple[int, int]:
    """The indices of the braces of the query's group (a SELECT or ASK query), else :class:`_NotFlat`."""
    form = next(
        (t.group().upper() for t in tokens if t.lastgroup == "word" and t.group().upper() in _FORMS), ""
    )
    braces = [i for i, t in enumerate(tokens) if t.lastgroup == "punct" and t.group() in "{}"]
    if form not in ("SELECT", "ASK") or len(braces) != 2 or tokens[braces[0]].group() != "{":
        raise _NotFlat
    return braces[0], braces[1]


def _declared(tokens: list[Token]) -> dict[str, str]:
    """The prefixes declared by ``PREFIX p: <iri>`` in the prologue."""
    words = [t.group() for t in tokens if t.lastgroup != "ws"]
    return {
        words[i + 1][:-1]: words[i + 2][1:-1]
        for i in range(len(words) - 2)
        if words[i].upper() == "PREFIX" and words[i + 1].endswith(":") and words[i + 2].startswith("<")
    }


def _parse_body(sparql: str, tokens: list[Token]) -> tuple[list[str], list[_Pattern]]:
    """The FILTERs (as written) and the triple patterns of a flat group, else :class:`_NotFlat`."""
    filters: list[str] = []
    rest: list[Token] = []
    index = 0
    while index < len(tokens):
        word = tokens[index].group().upper() if tokens[index].lastgroup == "word" else ""
        if word == "FILTER":
            end = _filter_end(tokens, index + 1)
            filters.append(sparql[tokens[index].start() : tokens[end - 1].end()])
            index = end
            continue
        if word in _NOT_FLAT:
            raise _NotFlat
        rest.append(tokens[index])
        index += 1
    return filters, _patterns(_terms(rest))


def _join_body(patterns: list[_Pattern], filters: list[str], prefixes: Mapping[str, str]) -> str:
    """The group with its description patterns joined whole (steps 1-4 of the module docstring)."""
    kinds = [_kind(p, prefixes) for p in patterns]
    described = [p for p, kind in zip(patterns, kinds, strict=True) if kind == "described"]
    naming = [p for p, kind in zip(patterns, kinds, strict=True) if kind == "naming"]
    others = [p for p, kind in zip(patterns, kinds, strict=True) if kind == ""]
    if not others or not (described or naming):
        raise _NotFlat
    outer = []
    for condition in filters:
        names = {t.group()[1:] for t in _LEX.finditer(condition) if t.lastgroup == "var"}
        owner = next((p for p in described if names and names <= p.variables()), None)
        (owner.filters if owner else outer).append(condition)
    first = [_sub(p) for p in described if p.filters]
    middle = [" ".join(p.terms) + " ." for p in [*naming, *others]]
    if not (first or naming):
        middle = _star(others) or middle
    elif not first:
        middle = _named_ends(naming, others) or middle
    last = [_sub(p) for p in described if not p.filters]
    return " " + " ".join([*first, *middle, *last, *outer]) + " "


def _star(patterns: list[_Pattern]) -> list[str]:
    """A star of patterns on one subject variable with an anchor, one of them with a constant object (``?st
    rdf:predicate nkg:attacks``), as the anchor and a lookup per row of it for the others (step 2 when nothing
    else comes first); none for any other shape.

    >>> _star(_patterns(["?st", "rdf:subject", "?s", ";", "rdf:predicate", "nkg:attacks", ";", "nkg:date", "?d"]))
    ['?st rdf:predicate nkg:attacks .', 'LATERAL { ?st rdf:subject ?s . ?st nkg:date ?d . }']
    """
    subject = patterns[0].terms[0]
    anchor = next((p for p in patterns if p.terms[1][0] not in "?$" and p.terms[2][0] not in "?$"), None)
    if anchor is None or subject[0] not in "?$" or any(p.terms[0] != subject for p in patterns):
        return []
    rest = [p for p in patterns if p is not anchor]
    return [_triple(anchor) + " .", _lateral(rest)] if rest else []


def _named_ends(naming: list[_Pattern], star: list[_Pattern]) -> list[str]:
    """A star of patterns on one subject variable whose objects include two or more actors found by name (the
    statements from Russia to Ukraine), as one sub-SELECT per name, each joining the actor to the star's pattern
    that points at it (a few hundred rows, read whole and hash-joined: their intersection is a few rows), then
    the star's other patterns looked up per row; none for any other shape.

    >>> print(" ".join(_named_ends(_patterns(["?a", "rdfs:label", '"A"', ".", "?b", "rdfs:label", '"B"']),
    ...                            _patterns(["?st", "rdf:subject", "?a", ";", "rdf:object", "?b", ";", "nkg:date", "?d"]))))
    { SELECT * { ?a rdfs:label "A" . ?st rdf:subject ?a . } } { SELECT * { ?b rdfs:label "B" . ?st rdf:object ?b . } } LATERAL { ?st nkg:date ?d . }
    """
    subject = star[0].terms[0]
    if subject[0] not in "?$" or any(p.terms[0] != subject for p in star):
        return []
    links: list[_Pattern] = []
    for name in naming:
        link = next((p for p in star if p.terms[2] == name.terms[0] and p not in links), None)
        if link is None:
            return []
        links.append(link)
    if len(links) < 2:
        return []
    ends = [
        f"{{ SELECT * {{ {_triple(name)} . {_triple(link)} . }} }}"
        for name, link in zip(naming, links, strict=True)
    ]
    return [*ends, _lateral([p for p in star if p not in links])]


def _filter_end(tokens: list[Token], index: int) -> int:
    """The index after the constraint of a FILTER that starts at ``index`` (``(...)`` or ``name(...)``)."""
    if index < len(tokens) and tokens[index].lastgroup in ("word", "iri"):  # FILTER regex(...)
        index += 1
    depth = 0
    while index < len(tokens):
        kind, text = tokens[index].lastgroup, tokens[index].group()
        if kind == "punct" and (text in "{}[]" or (text in ".;" and depth == 0)):
            raise _NotFlat
        if kind == "punct":
            depth += (text == "(") - (text == ")")
        index += 1
        if depth == 0:
            return index
    raise _NotFlat


def _terms(tokens: list[Token]) -> list[str]:
    """The terms and separators of a block of triples (a literal with its language tag or datatype as one)."""
    terms: list[str] = []
    for token in tokens:
        kind, text = token.lastgroup, token.group()
        literal = bool(terms) and terms[-1][:1] in "\"'"
        if literal and (text[:1] == "@" or text[:2] == "^^" or (kind == "iri" and terms[-1].endswith("^^"))):
            terms[-1] += text
        elif (kind == "punct" and text in ".;,") or (
            kind in ("string", "iri", "var", "word") and not text.startswith(("_:", "^"))
        ):
            terms.append(text)
        else:
            raise _NotFlat
    return terms


def _patterns(terms: list[str]) -> list[_Pattern]:
    """The triple patterns of a block of triples (``;`` and ``,`` lists expanded), else :class:`_NotFlat`."""
    patterns: list[_Pattern] = []
    subject = predicate = ""
    state = "S"
    for term in terms:
        if term in (".", ";", ","):
            if term not in _NEXT[state]:
                raise _NotFlat
            state = _NEXT[state][term]
        elif state == "S":
            subject, state = term, "P"
        elif state == "P" and not (_PATH.search(term) and term[0] not in "?$<"):
            predicate, state = term, "O"
        elif state == "O":
            patterns.append(_Pattern((subject, predicate, term)))
            state = "SEP"
        else:
            raise _NotFlat
    if state == "O" or not patterns:
        raise _NotFlat
    return patterns


def _kind(pattern: _Pattern, prefixes: Mapping[str, str]) -> str:
    """ "described" for ``?x P ?y`` with P a predicate of the actors' descriptions, "naming" for ``?x P "name"``
    (an actor by its name: few rows, a good start), else ""."""
    subject, predicate, obj = pattern.terms
    if subject[0] not in "?$":
        return ""
    if predicate.startswith("<"):
        iri = predicate[1:-1]
    else:
        prefix, colon, local = predicate.partition(":")
        iri = prefixes[prefix] + local if colon and prefix in prefixes else ""
    if iri not in DESCRIPTION:
        return ""
    return "described" if obj[0] in "?$" else "naming"


def _sub(pattern: _Pattern) -> str:
    return "{ SELECT * { " + " ".join([*pattern.terms, *pattern.filters]) + " } }"


# -- ORDER BY ... LIMIT: a threshold on the first sort key -------------------------------------------------

TOP_ROWS = 1000
"""The most rows (LIMIT + OFFSET) for which :func:`_top_k` rewrites an ORDER BY: a threshold is worth it when
the rows kept are a few of those sorted."""
_SAMPLE = 4
"""The threshold is read off the join of the first ``max(100, _SAMPLE * rows)`` rows of the sort key's pattern."""


@dataclass(frozen=True)
class _Order:
    """The first key of an ORDER BY (a variable, descending or not) and the rows kept (LIMIT + OFFSET)."""

    variable: str
    descending: bool
    rows: int


def _top_order(head: list[Token], tail: list[Token], patterns: list[_Pattern]) -> _Order:
    """The :class:`_Order` of a ``SELECT ?a ?b ... { group } ORDER BY key ... LIMIT n [OFFSET m]`` query whose
    first key is a variable a triple pattern binds, else :class:`_NotFlat` (DISTINCT, ``*``, an expression in
    the projection, GROUP BY, HAVING, VALUES or no LIMIT: not a plain top-k)."""
    words = [t for t in head if t.lastgroup != "ws"]
    select = next((i for i, t in enumerate(words) if t.group().upper() == "SELECT"), None)
    projection = [t.group().upper() for t in words[select + 1 : -1]] if select is not None else []
    if not projection or any(w != "WHERE" and w[0] not in "?$" for w in projection):
        raise _NotFlat
    tail_words = [t.group() for t in tail if t.lastgroup != "ws"]
    upper = [w.upper() for w in tail_words]
    if upper[:2] != ["ORDER", "BY"] or "LIMIT" not in upper:
        raise _NotFlat
    key = tail_words[2:6]
    if key and key[0][0] in "?$":
        variable, descending = key[0][1:], False
    elif (
        len(key) == 4 and key[0].upper() in ("ASC", "DESC") and key[1:4:2] == ["(", ")"] and key[2][0] in "?$"
    ):
        variable, descending = key[2][1:], key[0].upper() == "DESC"
    else:
        raise _NotFlat
    limits = {upper[i]: tail_words[i + 1] for i in range(len(upper) - 1) if upper[i] in ("LIMIT", "OFFSET")}
    if not all(n.isdigit() for n in limits.values()) or {"GROUP", "HAVING", "VALUES"} & set(upper):
        raise _NotFlat
    rows = sum(int(n) for n in limits.values())
    if not 0 < int(limits["LIMIT"]) <= rows <= TOP_ROWS or not any(
        variable in p.variables() for p in patterns
    ):
        raise _NotFlat
    return _Order(variable, descending, rows)


def _names(tokens: list[Token]) -> set[str]:
    """The names of the query's variables."""
    return {t.group()[1:] for t in tokens if t.lastgroup == "var"}


def _top_k(patterns: list[_Pattern], filters: list[str], order: _Order, names: set[str]) -> str:
    """The group of a top-k query, its rows cut by a threshold on the first sort key before they are joined.

    Oxigraph sorts every row of a group under an ORDER BY, even with a LIMIT, and compares IRIs and long strings
    by reading their text (~2 microseconds a comparison). So the pattern ``P`` binding the key ``?v`` is read
    with a FILTER that keeps only the rows at least as good as a threshold ``t`` (as good or better, or not
    comparable with it), and the rest of the group is joined to those rows by lookups (``LATERAL``). ``t`` is
    the worst of the ``rows`` best values of ``?v`` in the group's rows made from the first few rows of ``P``
    sorted by ``?v`` alone (a copy of the group, its variables renamed): those rows are some of the group's
    rows, so at least ``rows`` rows of the group are as good as ``t`` and each row the LIMIT keeps passes the
    FILTER. When that copy gives fewer than ``rows`` rows, nothing is cut. The ORDER BY and LIMIT stay as
    written, on the rows kept.

    >>> print(_top_k(_patterns(["?s", "nkg:c", "?c", ".", "?s", "rdfs:label", "?n"]), [],
    ...              _Order("c", True, 2), {"s", "c", "n"}))  # doctest: +NORMALIZE_WHITESPACE
     { SELECT ?s ?c WHERE { { SELECT (MIN(?c_0) AS ?limit_0) (COUNT(*) = 2 AS ?full_0) WHERE {
     { SELECT ?c_0 WHERE { { SELECT ?s_0 ?c_0 WHERE { ?s_0 nkg:c ?c_0 } ORDER BY DESC(?c_0) LIMIT 100 }
     LATERAL { ?s_0 rdfs:label ?n_0 . } } ORDER BY DESC(?c_0) LIMIT 2 } } }
     ?s nkg:c ?c . FILTER(!?full_0 || COALESCE(?c >= ?limit_0, true)) } } LATERAL { ?s rdfs:label ?n . }
    """
    fresh = names | {"limit", "full"}
    suffix = next(f"_{n}" for n in range(len(fresh) + 1) if not {f"{x}_{n}" for x in fresh} & names)
    first = next(p for p in patterns if order.variable in p.variables())
    rest = [p for p in patterns if p is not first]
    key, limit, full = f"?{order.variable}", f"?limit{suffix}", f"?full{suffix}"
    sort = f"DESC({key}{suffix})" if order.descending else f"ASC({key}{suffix})"
    sample = (
        f"{{ SELECT {_projection(first, suffix)} WHERE {{ {_renamed(_triple(first), suffix)} }} "
        f"ORDER BY {sort} LIMIT {max(100, _SAMPLE * order.rows)} }}"
    )
    copy = " ".join([sample, _lateral(rest, suffix), *(_renamed(f, suffix) for f in filters)])
    threshold = (
        f"{{ SELECT ({'MIN' if order.descending else 'MAX'}({key}{suffix}) AS {limit}) "
        f"(COUNT(*) = {order.rows} AS {full}) WHERE {{ {{ SELECT {key}{suffix} WHERE {{ {copy} }} "
        f"ORDER BY {sort} LIMIT {order.rows} }} }} }}"
    )
    cut = f"FILTER(!{full} || COALESCE({key} {'>=' if order.descending else '<='} {limit}, true))"
    head = f"{{ SELECT {_projection(first)} WHERE {{ {threshold} {_triple(first)} . {cut} }} }}"
    return " " + " ".join([head, _lateral(rest), *filters]) + " "


def _triple(pattern: _Pattern) -> str:
    return " ".join(pattern.terms)


def _projection(pattern: _Pattern, suffix: str = "") -> str:
    """The variables of a pattern, in order, as a projection (renamed with ``suffix``)."""
    names = dict.fromkeys(term[1:] for term in pattern.terms if term[0] in "?$")
    return " ".join(f"?{name}{suffix}" for name in names)


def _lateral(patterns: list[_Pattern], suffix: str = "") -> str:
    """The patterns joined to the rows before them by a lookup per row (Oxigraph's ``LATERAL``)."""
    if not patterns:
        return ""
    return "LATERAL { " + " ".join(_renamed(_triple(p), suffix) + " ." for p in patterns) + " }"


def _renamed(text: str, suffix: str) -> str:
    """``text`` with ``suffix`` added to every variable's name."""
    if not suffix:
        return text
    return "".join(
        f"?{t.group()[1:]}{suffix}" if t.lastgroup == "var" else t.group() for t in _LEX.finditer(text)
    )
