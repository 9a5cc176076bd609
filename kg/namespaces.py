"""RDF namespaces of the data contract, declared once (see DATA-MODEL.md)."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

NKG = Namespace("https://w3id.org/newskg/ontology#")
"""Our ontology: classes and properties (ontology/newskg.ttl). Not configurable."""

DEFAULT_BASE_IRI = "https://w3id.org/newskg/id/"
"""Default base for our resources (the ``nkgr:`` prefix); ``--base-iri`` changes it."""

WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SCHEMA = SDO

RESOURCE_PREFIXES: dict[str, str] = {
    "nkga": "actor/",
    "nkgd": "article/",
    "nkgs": "stmt/",
    "nkge": "edge/",
}
"""A prefix per kind of resource (under the base IRI), so that ``nkga:Q159`` is a valid prefixed name in
SPARQL and Turtle where ``nkgr:actor/Q159`` is not."""

PREFIXES: dict[str, str] = {
    "nkg": str(NKG),
    **{prefix: DEFAULT_BASE_IRI + kind for prefix, kind in RESOURCE_PREFIXES.items()},
    "nkgr": DEFAULT_BASE_IRI,
    "wd": str(WD),
    "wdt": str(WDT),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "schema": str(SDO),
}
"""Prefixes bound in every output and prepended to every canned query (the most specific first).

>>> PREFIXES["nkga"]
'https://w3id.org/newskg/id/actor/'
"""

__all__ = [
    "DCTERMS",
    "NKG",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RESOURCE_PREFIXES",
    "SCHEMA",
    "SKOS",
    "WD",
    "WDT",
    "XSD",
]
