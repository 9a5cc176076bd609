"""Query rewriting: a flat query joins the actors' descriptions as a whole, not row by row.

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
2. the other triple patterns, as written;
3. the other description patterns, each as a sub-SELECT (hash-joined);
4. the remaining FILTERs.

The solutions are the same: a join does not depend on the order of its parts, and a FILTER whose variables one
triple pattern always binds may be evaluated with that pattern. Any other shape (OPTIONAL, UNION, GRAPH, BIND,
VALUES, nested groups, property paths, blank nodes, collections, a CONSTRUCT) is left as written.

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
_NOT_FLAT = frozenset({"OPTIONAL", "UNION", "GRAPH", "BIND", "VALUES", "MINUS", "SERVICE", "SELECT"})
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
        known = dict(prefixes) | _declared(tokens[:start])
        body = _rewrite_body(sparql, [t for t in tokens[start + 1 : end] if t.lastgroup != "ws"], known)
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


def _rewrite_body(sparql: str, tokens: list[Token], prefixes: Mapping[str, str]) -> str:
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
    patterns = _patterns(_terms(rest))
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
    last = [_sub(p) for p in described if not p.filters]
    return " " + " ".join([*first, *middle, *last, *outer]) + " "


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
