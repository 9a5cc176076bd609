"""End to end through the ``kg`` command: a small corpus written for the test becomes a contract-shaped graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from kg.namespaces import NKG, WD
from tests.conftest import kg_cli

pytestmark = pytest.mark.slow

ACTOR = "https://w3id.org/newskg/id/actor/"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "EU widens sanctions\nMarch 17, 2014\n\n"
        "The European Union imposed sanctions on Russia on Monday.\n\n"
        "Moscow did not attack Ukraine, the Kremlin said.\n"
    )
    (folder / "b.md").write_text(
        "# Talks\n\n12 February 2015\n\nFrance and Germany met Russia in Minsk. Germany sent weapons to Ukraine.\n"
    )
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": "Turkey will meet Iran next week.", "title": "Visit", "date": "2016-01-05"})
        + "\n"
    )
    return folder


def statements(graph: Graph) -> set[tuple[str, str, str, str]]:
    label = {s: str(o) for s, o in graph.subject_objects(RDFS.label)}
    rows = set()
    for node in graph.subjects(RDF.type, NKG.Statement):
        s, p, o = (graph.value(node, prop) for prop in (RDF.subject, RDF.predicate, RDF.object))
        rows.add((label[s], str(p).split("#")[1], label[o], str(graph.value(node, NKG.modality))))
    return rows


def test_build_writes_the_contract(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    result = kg_cli("build", str(corpus), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert "3 articles built" in result.stdout.decode()
    graph = Graph().parse(out)
    assert {
        ("European Union", "sanctions", "Russia", "asserted"),
        ("Russia", "attacks", "Ukraine", "negated"),
        ("France", "meetsWith", "Russia", "asserted"),
        ("Germany", "meetsWith", "Russia", "asserted"),
        ("Turkey", "meetsWith", "Iran", "future"),
    } <= statements(graph)
    russia = URIRef(ACTOR + "Q159")
    assert list(graph.objects(russia, RDFS.label)) == [Literal("Russia")]
    assert (russia, OWL.sameAs, WD.Q159) in graph
    assert (russia, NKG.iso3, Literal("RUS")) in graph
    # every statement has its provenance
    for node in graph.subjects(RDF.type, NKG.Statement):
        article = graph.value(node, PROV.wasDerivedFrom)
        assert (article, RDF.type, NKG.Article) in graph
        assert graph.value(node, NKG.evidence)
        assert graph.value(node, NKG.charStart).datatype == XSD.integer
        assert graph.value(node, NKG.date).datatype == XSD.date
    # every article lists the actors it mentions, those in no statement included
    mentioned = {
        graph.value(a, RDFS.label) for a in graph.objects(None, URIRef("https://schema.org/mentions"))
    }
    assert {Literal("Russia"), Literal("Ukraine"), Literal("European Union"), Literal("Turkey")} <= mentioned
    # aid, cooperation and support say their kind when the text tells it; other relations have none
    modes = {
        (str(graph.value(n, RDF.predicate)).split("#")[1], str(graph.value(n, NKG.mode)))
        for n in graph.subjects(RDF.type, NKG.Statement)
    }
    assert ("aids", "military") in modes and ("meetsWith", "None") in modes
    assert not any(m != "None" for p, m in modes if p in ("sanctions", "meetsWith", "attacks"))
    # plain edges only for asserted statements
    eu = URIRef(ACTOR + "Q458")
    assert (eu, NKG.sanctions, russia) in graph
    assert (russia, NKG.attacks, URIRef(ACTOR + "Q212")) not in graph
    assert not any(graph.triples((None, NKG.meetsWith, URIRef(ACTOR + "Q794"))))


def test_alt_labels_collect_every_surface_form(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    assert kg_cli("build", str(corpus), "-o", str(out)).returncode == 0
    graph = Graph().parse(out)
    alt = {
        str(o)
        for o in graph.objects(URIRef(ACTOR + "Q159"), URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))
    }
    assert {"Moscow", "the Kremlin"} <= alt


def test_rebuild_gives_identical_triples(corpus: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "1.nt", tmp_path / "2.nt"
    assert kg_cli("build", str(corpus), "-o", str(first), "-q").returncode == 0
    assert kg_cli("build", str(corpus), "-o", str(second), "-q").returncode == 0
    assert sorted(first.read_text().splitlines()) == sorted(second.read_text().splitlines())


def test_named_graph_per_article(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.nq"
    assert kg_cli("build", str(corpus), "-o", str(out), "-q").returncode == 0
    dataset = Dataset().parse(out, format="nquads")
    names = {
        str(g.identifier)
        for g in dataset.graphs()
        if str(g.identifier).startswith("https://w3id.org/newskg/id/article/")
    }
    assert len(names) == 3


def test_support_of_one_mode_is_a_canned_query(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    assert kg_cli("build", str(corpus), "--db", str(db), "-q").returncode == 0
    military = kg_cli("query", "--db", str(db), "--name", "support-by-mode", "--format", "csv")
    assert military.returncode == 0, military.stderr.decode()
    rows = military.stdout.decode().splitlines()
    assert rows[0].startswith("subject,relation,object,statements,articles")
    assert [row.split(",")[:5] for row in rows[1:]] == [["Germany", "aids", "Ukraine", "1", "1"]]
    economic = kg_cli("query", "--db", str(db), "--name", "support-by-mode", "--param", "mode=economic")
    assert economic.returncode == 0 and "Germany" not in economic.stdout.decode()


def test_stdin_input(tmp_path: Path) -> None:
    out = tmp_path / "s.ttl"
    result = kg_cli("build", "-", "-o", str(out), stdin=b"Headline\n\nRussia attacked Ukraine on Friday.")
    assert result.returncode == 0, result.stderr.decode()
    assert ("Russia", "attacks", "Ukraine", "asserted") in statements(Graph().parse(out))


def test_bad_files_are_reported_and_skipped(corpus: Path, tmp_path: Path) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00\x00\x01\x02")
    (corpus / "empty.md").write_text("")
    (corpus / "feed.jsonl").write_text('{"text": "Iran met Iraq."}\n{oops\n')
    out = tmp_path / "g.ttl"
    result = kg_cli("build", str(corpus), "-o", str(out))
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert any("broken.txt" in line and "binary" in line for line in lines)
    assert any("empty.md" in line and "empty" in line for line in lines)
    assert any("feed.jsonl:2" in line and "malformed JSON" in line for line in lines)
    assert "3 articles built" in result.stdout.decode() and "3 skipped" in result.stdout.decode()
    assert out.exists()


def test_nothing_readable_fails(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"\x00binary")
    result = kg_cli("build", str(tmp_path / "x.txt"), "-o", str(tmp_path / "g.ttl"))
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert b"no article could be read" in result.stderr
    assert not (tmp_path / "g.ttl").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["build", "no/such/folder", "-o", "g.ttl"], 2, b"no such file or folder"),
        (["build", "x", "-o", "g.docx"], 2, b"unknown suffix"),
        (["build", "x"], 2, b"nothing to write"),
    ],
)
def test_usage_errors_are_one_line(tmp_path: Path, args: list[str], code: int, message: bytes) -> None:
    (tmp_path / "x").mkdir()
    result = kg_cli(*args, cwd=tmp_path)
    assert result.returncode == code
    assert message in result.stderr
    assert b"Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_version() -> None:
    result = kg_cli("--version")
    assert result.returncode == 0 and result.stdout.decode().startswith("newskg ")
