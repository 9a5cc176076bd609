"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl`` (with pySHACL).

The union of all named graphs is validated as one graph (a statement in an article's graph and the edge
summary in the default graph are checked together), with the class hierarchy of ``ontology/newskg.ttl`` added
so that ``sh:targetClass nkg:Actor`` also reaches states, leaders and the other actor classes.

>>> from kg.validate import validate
>>> report = validate("out/graph.ttl")  # doctest: +SKIP
>>> print(report.format())  # doctest: +SKIP
valid: 5120 triples checked
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import InputNotFound, StoreError
from kg.namespaces import PREFIXES, RDF, RDFS, XSD
from kg.paths import ONTOLOGY_DIR
from kg.store import from_ox, open_source

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the failing node, the property path, the shape's message and the offending value."""

    focus: Node
    path: Node | None
    message: str
    severity: str = "Violation"
    value: Node | None = None

    def format(self) -> str:
        """One line: focus node, path and message, IRIs shortened with :data:`kg.namespaces.PREFIXES`.

        >>> from kg.namespaces import NKG
        >>> Violation(URIRef("https://w3id.org/newskg/id/stmt/1"), NKG.modality, "bad modality",
        ...           value=Literal("maybe")).format()
        'nkgs:1  nkg:modality  bad modality (value "maybe")'
        """
        path = short(self.path) if self.path is not None else "-"
        line = f"{short(self.focus)}  {path}  {self.message}"
        if self.value is not None:
            line += f" (value {short(self.value)})"
        if self.severity != "Violation":
            line = f"[{self.severity.lower()}] {line}"
        return line


@dataclass
class ValidationReport:
    """What :func:`validate` found: ``conforms`` is true when there is no result of severity Violation."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def format(self) -> str:
        """One line per violation, then ``N violations`` or ``valid: N triples checked``.

        >>> print(ValidationReport(conforms=True, triples=12).format())
        valid: 12 triples checked
        """
        lines = [v.format() for v in self.violations]
        if self.violations:
            n = len(self.violations)
            lines.append(f"{n} violation{'s' if n != 1 else ''}")
        else:
            lines.append(f"valid: {self.triples} triples checked")
        return "\n".join(lines)


def short(term: Node) -> str:
    """Write an IRI with the longest matching prefix of PREFIXES, a literal as ``"text"^^xsd:type``.

    >>> short(URIRef("https://w3id.org/newskg/ontology#attacks"))
    'nkg:attacks'
    >>> short(Literal(1.5))
    '"1.5"^^xsd:double'
    """
    if isinstance(term, URIRef):
        iri = str(term)
        best = max(
            (ns for ns in PREFIXES.values() if iri.startswith(ns) and len(iri) > len(ns)), key=len, default=""
        )
        if not best:
            return f"<{iri}>"
        prefix = next(p for p, ns in PREFIXES.items() if ns == best)
        return f"{prefix}:{iri[len(best) :]}"
    if isinstance(term, Literal):
        text = '"' + str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{short(term.datatype)}"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


@functools.cache
def _shapes() -> Graph:
    return _parse_ontology_file(ONTOLOGY_DIR / "shapes.ttl")


@functools.cache
def _class_hierarchy() -> tuple[Triple, ...]:
    ontology = _parse_ontology_file(ONTOLOGY_DIR / "newskg.ttl")
    return tuple(ontology.triples((None, RDFS.subClassOf, None)))


def _parse_ontology_file(path: Path) -> Graph:
    if not path.is_file():
        raise InputNotFound(f"{path}: ontology file not found (is NEWSKG_ONTOLOGY set right?)")
    graph = Graph()
    try:
        graph.parse(str(path), format="ox-turtle")
    except SyntaxError as exc:
        raise StoreError(f"{path}: not valid Turtle: {' '.join(str(exc).split())}") from None
    return union(graph)  # simple literals, as in the data graph (sh:in compares terms)


def load(source: str | Path) -> Graph:
    """The union of all graphs of a store directory or a graph file (``.ttl .nt .nq .trig .jsonld``).

    >>> len(load("out/db"))  # doctest: +SKIP
    5120
    """
    path = Path(source)
    if not path.exists():
        raise InputNotFound(f"{path}: no such file or directory")
    merged = Graph()
    with open_source(path) as store:
        for s, p, o in store.union_triples():
            merged.add((from_ox(s), from_ox(p), from_ox(o)))
    return merged


def _all_triples(graph: Graph) -> Iterator[Triple]:
    if isinstance(graph, Dataset):
        for s, p, o, _ in graph.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from graph.triples((None, None, None))


def union(graph: Graph) -> Graph:
    """Merge every named graph of ``graph`` into one plain Graph.

    ``"x"^^xsd:string`` becomes the simple literal ``"x"``: the same term in RDF 1.1, but Oxigraph's parsers
    write the former, and rdflib (so pySHACL's ``sh:in``) tells them apart.

    >>> ds = Dataset()
    >>> a, p = URIRef("urn:a"), URIRef("urn:p")
    >>> _ = ds.graph(URIRef("urn:g1")).add((a, p, Literal("x", datatype=XSD.string)))
    >>> _ = ds.graph(URIRef("urn:g2")).add((a, p, Literal("x")))
    >>> len(union(ds))
    1
    """
    merged = Graph()
    for s, p, o in _all_triples(graph):
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        merged.add((s, p, o))
    return merged


def _results(report: Graph) -> Iterable[Violation]:
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        yield Violation(
            focus=report.value(result, SH.focusNode),
            path=report.value(result, SH.resultPath),
            message=messages[0] if messages else "constraint not met",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            value=report.value(result, SH.value),
        )


def validate(source: Graph | str | Path) -> ValidationReport:
    """Validate a graph against ``ontology/shapes.ttl``: an rdflib Graph or Dataset, a graph file or a store.

    Raises :class:`~kg.errors.InputNotFound` for a missing path and :class:`~kg.errors.StoreError` for a file
    that does not parse or a directory that is not a store.

    >>> from kg.namespaces import NKG
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/newskg/id/actor/Q159"), RDF.type, NKG.State))
    >>> report = validate(g)
    >>> report.conforms
    False
    >>> for v in report.violations:
    ...     print(short(v.focus), short(v.path))
    nkga:Q159 nkg:iso3
    nkga:Q159 rdfs:label
    """
    data = union(source) if isinstance(source, Graph) else load(source)
    checked = len(data)
    for triple in _class_hierarchy():
        data.add(triple)
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=_shapes(), inference="none", advanced=True, inplace=True, allow_warnings=True
    )
    violations = sorted(_results(results), key=lambda v: (short(v.focus), v.format()))
    return ValidationReport(conforms=bool(conforms), violations=violations, triples=checked)


__all__ = ["ValidationReport", "Violation", "load", "short", "union", "validate"]
