"""`kg validate` and kg.validate: the layout `kg build` writes passes; broken graphs name the fault."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from typer.testing import CliRunner

from kg import namespaces as ns  # XSD stays out of module globals: pytest's collector probes it
from kg.cli import app
from kg.errors import InputNotFound, StoreError
from kg.namespaces import DCTERMS, NKG, OWL, PROV, RDF, RDFS, SKOS, WD
from kg.store import Store
from kg.validate import union, validate

KG = Path(sys.executable).with_name("kg")
R = "https://w3id.org/newskg/id/"
SHA = "9c1e" + "0" * 60
ARTICLE = URIRef(f"{R}article/{SHA}")
RUSSIA, UKRAINE, NATO, PUTIN = (URIRef(f"{R}actor/{q}") for q in ("Q159", "Q212", "Q7184", "Q7747"))
STMT, STMT2 = URIRef(f"{R}stmt/a1"), URIRef(f"{R}stmt/b2")
EDGE = URIRef(f"{R}edge/e1")
SENTENCE = "Russian forces shelled Ukrainian positions near the border on Tuesday."


def build_dataset() -> Dataset:
    """A one-article graph in the layout of DATA-MODEL.md: article graph plus the derived default graph."""
    ds = Dataset()
    g = ds.graph(ARTICLE)
    g.add((ARTICLE, RDF.type, NKG.Article))
    g.add((ARTICLE, RDF.type, ns.SCHEMA.NewsArticle))
    g.add((ARTICLE, DCTERMS.title, Literal("Shelling near the border")))
    g.add((ARTICLE, DCTERMS.date, Literal(date(2022, 3, 1))))
    g.add((ARTICLE, DCTERMS.source, Literal("border.txt")))
    g.add((ARTICLE, NKG.sha256, Literal(SHA)))
    for stmt, pred, obj, modality in (
        (STMT, NKG.attacks, UKRAINE, "asserted"),
        (STMT2, NKG.leaderOf, RUSSIA, "asserted"),
    ):
        subject = PUTIN if pred == NKG.leaderOf else RUSSIA
        g.add((stmt, RDF.type, RDF.Statement))
        g.add((stmt, RDF.type, NKG.Statement))
        g.add((stmt, RDF.subject, subject))
        g.add((stmt, RDF.predicate, pred))
        g.add((stmt, RDF.object, obj))
        g.add((stmt, NKG.modality, Literal(modality)))
        g.add((stmt, NKG.confidence, Literal(0.82)))
        g.add((stmt, NKG.trigger, Literal("shelled")))
        g.add((stmt, NKG.evidence, Literal(SENTENCE)))
        g.add((stmt, NKG.charStart, Literal(0)))
        g.add((stmt, NKG.charEnd, Literal(len(SENTENCE))))
        g.add((stmt, NKG.date, Literal(date(2022, 3, 1))))
        g.add((stmt, PROV.wasDerivedFrom, ARTICLE))
    actors = (
        (RUSSIA, NKG.State, "Russia", "Q159", "RUS"),
        (UKRAINE, NKG.State, "Ukraine", "Q212", "UKR"),
        (NATO, NKG.Institution, "NATO", "Q7184", None),
        (PUTIN, NKG.Leader, "Vladimir Putin", "Q7747", None),
    )
    for actor, cls, label, qid, iso3 in actors:
        g.add((actor, RDF.type, cls))
        g.add((actor, RDFS.label, Literal(label)))
        g.add((actor, OWL.sameAs, WD[qid]))
        if iso3:
            g.add((actor, NKG.iso3, Literal(iso3)))
    g.add((RUSSIA, SKOS.altLabel, Literal("Russian")))
    g.add((PUTIN, NKG.country, RUSSIA))
    g.add((PUTIN, NKG.sector, Literal("GOV")))
    g.add((NATO, NKG.sector, Literal("IGO")))

    d = ds.default_graph
    d.add((RUSSIA, NKG.attacks, UKRAINE))
    d.add((PUTIN, NKG.leaderOf, RUSSIA))
    d.add((EDGE, RDF.type, NKG.Edge))
    d.add((EDGE, RDF.subject, RUSSIA))
    d.add((EDGE, RDF.predicate, NKG.attacks))
    d.add((EDGE, RDF.object, UKRAINE))
    d.add((EDGE, NKG.statementCount, Literal(1)))
    d.add((EDGE, NKG.articleCount, Literal(1)))
    d.add((EDGE, NKG.firstDate, Literal(date(2022, 3, 1))))
    d.add((EDGE, NKG.lastDate, Literal(date(2022, 3, 1))))
    return ds


def write(ds: Dataset, path: Path) -> Path:
    fmt = {".trig": "ox-trig", ".nq": "ox-nquads", ".ttl": "ox-turtle", ".jsonld": "ox-json-ld"}[path.suffix]
    (ds if path.suffix in (".trig", ".nq") else union(ds)).serialize(path, format=fmt)
    return path


def test_valid_graph_library() -> None:
    ds = build_dataset()
    report = validate(ds)
    assert report.violations == []
    assert report.conforms
    assert report.triples == len(union(ds)) > 50
    assert report.format() == f"valid: {report.triples} triples checked"


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl", ".jsonld"])
def test_valid_graph_every_file_format(tmp_path: Path, suffix: str) -> None:
    report = validate(write(build_dataset(), tmp_path / f"graph{suffix}"))
    assert report.conforms, report.format()


def test_valid_store_directory(tmp_path: Path) -> None:
    ds = build_dataset()
    with Store.open(tmp_path / "db") as store:
        store.put_article(str(ARTICLE), ds.graph(ARTICLE))
        store.refresh_edges()  # the store derives the default graph itself
    report = validate(tmp_path / "db")
    assert report.conforms, report.format()
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "db")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("valid: ")


def test_valid_graph_cli(tmp_path: Path) -> None:
    path = write(build_dataset(), tmp_path / "graph.trig")
    proc = subprocess.run([str(KG), "validate", str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == f"valid: {len(union(build_dataset()))} triples checked"


def _remove(s: URIRef, p: URIRef) -> Callable[[Dataset], None]:
    return lambda ds: ds.graph(ARTICLE).remove((s, p, None))


def _replace(s: URIRef, p: URIRef, o: Literal) -> Callable[[Dataset], None]:
    return lambda ds: ds.graph(ARTICLE).set((s, p, o))


def _add(s: URIRef, p: URIRef, o: URIRef | Literal, default: bool = False) -> Callable[[Dataset], None]:
    return lambda ds: (ds.default_graph if default else ds.graph(ARTICLE)).add((s, p, o))


BROKEN = {
    "no evidence": (_remove(STMT, NKG.evidence), "nkgs:a1", "nkg:evidence", "nkg:evidence"),
    "modality maybe": (
        _replace(STMT, NKG.modality, Literal("maybe")),
        "nkgs:a1",
        "nkg:modality",
        '"maybe"',
    ),
    "confidence 1.5": (_replace(STMT, NKG.confidence, Literal(1.5)), "nkgs:a1", "nkg:confidence", "1.5"),
    "iso3 lower case": (_replace(RUSSIA, NKG.iso3, Literal("ru")), "nkga:Q159", "nkg:iso3", '"ru"'),
    "state leads": (
        _add(RUSSIA, NKG.leaderOf, NATO, True),
        "nkga:Q159",
        "nkg:leaderOf",
        "nkg:Leader or nkg:Person",
    ),
    "institution holds office": (
        _add(NATO, NKG.officialOf, UKRAINE, True),
        "nkga:Q7184",
        "nkg:officialOf",
        "nkg:Leader or nkg:Person",
    ),
    "state leads (statement)": (
        _replace(STMT2, RDF.subject, UKRAINE),
        "nkgs:b2",
        "rdf:subject",
        "nkga:Q212",
    ),
    "two labels": (
        _add(NATO, RDFS.label, Literal("North Atlantic Treaty Organization")),
        "nkga:Q7184",
        "rdfs:label",
        "exactly one rdfs:label",
    ),
    "bad sha256": (
        _replace(ARTICLE, NKG.sha256, Literal("XYZ")),
        f"nkgd:{SHA}",
        "nkg:sha256",
        '"XYZ"',
    ),
    "edge count 0": (
        lambda ds: ds.default_graph.set((EDGE, NKG.statementCount, Literal(0))),
        "nkge:e1",
        "nkg:statementCount",
        "0",
    ),
    "unknown predicate": (
        _replace(STMT, RDF.predicate, NKG.likes),
        "nkgs:a1",
        "rdf:predicate",
        "nkg:likes",
    ),
    "derived from nothing": (
        _remove(ARTICLE, RDF.type),
        "nkgs:a1",
        "prov:wasDerivedFrom",
        "nkg:Article",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_graph_gives_the_right_violation(tmp_path: Path, case: str) -> None:
    breaker, focus, path, detail = BROKEN[case]
    ds = build_dataset()
    breaker(ds)
    graph = write(ds, tmp_path / "broken.trig")

    result = CliRunner().invoke(app, ["validate", str(graph)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.strip().splitlines()
    if case == "derived from nothing":  # both statements point at the untyped article
        assert lines[-1] == "2 violations"
    else:
        assert lines[-1] == "1 violation", result.stdout
    fields = lines[0].split("  ")
    assert fields[:2] == [focus, path], lines[0]
    assert detail in lines[0]


def test_library_report_fields() -> None:
    ds = build_dataset()
    ds.graph(ARTICLE).set((STMT, NKG.modality, Literal("maybe")))
    report = validate(ds)
    assert not report.conforms
    (violation,) = report.violations
    assert violation.focus == STMT
    assert violation.path == NKG.modality
    assert violation.value == Literal("maybe")
    assert violation.severity == "Violation"
    assert "asserted" in violation.message


def test_xsd_string_literals_as_oxigraph_writes_them() -> None:
    ds = build_dataset()
    ds.graph(ARTICLE).set((STMT, NKG.modality, Literal("negated", datatype=ns.XSD.string)))
    assert validate(ds).conforms


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match=r"no-such\.ttl"):
        validate(tmp_path / "no-such.ttl")
    proc = subprocess.run(
        [str(KG), "validate", str(tmp_path / "no-such.ttl")], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("error[E101]:") and "no-such.ttl" in line


def test_malformed_turtle(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        '@prefix nkg: <https://w3id.org/newskg/ontology#> .\n\n<urn:a> nkg:evidence "open\n', "utf-8"
    )
    with pytest.raises(StoreError, match=r"bad\.ttl: .*line 3"):
        validate(bad)
    proc = subprocess.run([str(KG), "validate", str(bad)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("error[E501]:") and "bad.ttl" in line and "line 3" in line


@pytest.mark.parametrize("name", ["graph.csv", "folder"])
def test_unsupported_input(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name == "folder":
        path.mkdir()
    else:
        path.write_text("a,b\n", "utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert name in result.stderr and "Traceback" not in result.output
