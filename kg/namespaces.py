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

PREFIXES: dict[str, str] = {
    "nkg": str(NKG),
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
"""Prefixes bound in every output and prepended to every canned query."""

__all__ = [
    "DCTERMS",
    "NKG",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "WD",
    "WDT",
    "XSD",
]
