"""``--min-confidence`` on build, render and export: a high-precision graph for those who want one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import InvalidFilter
from kg.pipeline import build
from kg.render import select
from kg.store import Store
from tests.conftest import kg_cli

TEXT = "Sanctions\n\nChile imposed sanctions on Peru. Bolivia met Ecuador in La Paz. Chile accused Bolivia of spying.\n"
STATEMENTS = "SELECT (COUNT(?st) AS ?n) WHERE { ?st a nkg:Statement }"
EDGES = "SELECT (COUNT(?e) AS ?n) WHERE { ?e a nkg:Edge }"


def _count(store: Store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))["n"].value)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[float]]:
    folder = tmp_path_factory.mktemp("news")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    db = folder / "db"
    build([folder / "a.txt"], db=db)
    with Store.open(db) as store:
        confidences = sorted(
            float(r["c"].value) for r in store.query("SELECT ?c WHERE { ?st nkg:confidence ?c }")
        )
    assert len(set(confidences)) > 1  # the test needs statements of more than one confidence
    return db, confidences


def test_a_build_leaves_out_the_statements_below_the_minimum(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, confidences = built
    cut = (confidences[0] + confidences[-1]) / 2
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    build([tmp_path / "a.txt"], db=tmp_path / "db", min_confidence=cut)
    with Store.open(tmp_path / "db") as store:
        kept = sorted(float(r["c"].value) for r in store.query("SELECT ?c WHERE { ?st nkg:confidence ?c }"))
    assert kept == [c for c in confidences if c >= cut] and kept


def test_an_export_keeps_the_sure_statements_and_the_edges_they_make(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, confidences = built
    cut = confidences[-1]
    done = kg_cli("export", "--db", str(db), "-o", str(tmp_path / "sure.nq"), "--min-confidence", str(cut))
    assert done.returncode == 0, done.stderr
    with Store.from_file(tmp_path / "sure.nq") as sure, Store.open(db) as full:
        assert _count(sure, STATEMENTS) == confidences.count(cut) < _count(full, STATEMENTS)
        assert 0 < _count(sure, EDGES) < _count(full, EDGES)
    with Store.open(db) as full:
        assert _count(full, STATEMENTS) == len(confidences)  # the store itself is untouched


def test_a_view_draws_only_the_sure_statements() -> None:
    G = nx.MultiDiGraph()
    G.add_nodes_from([("c", {"label": "Chile"}), ("p", {"label": "Peru"}), ("b", {"label": "Bolivia"})])
    G.add_edge("c", "p", relation="sanctions", modality="asserted", date=date(2020, 1, 1), confidence=0.55)
    G.add_edge("c", "b", relation="accuses", modality="asserted", date=date(2020, 1, 1), confidence=0.25)
    assert sorted(select(G, min_confidence=0.5).edges()) == [("c", "p")]
    assert len(select(G).edges()) == 2


@pytest.mark.parametrize("command", ["build", "render", "export"])
def test_a_minimum_outside_zero_to_one_is_a_one_line_error(command: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    args = {"build": ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "g.ttl")],
            "render": ["render", str(tmp_path / "missing.ttl"), "-o", str(tmp_path / "g.html")],
            "export": ["export", str(tmp_path / "missing.ttl"), "-o", str(tmp_path / "g.ttl")]}[command]  # fmt: skip
    if command != "build":
        build([tmp_path / "a.txt"], output=tmp_path / "missing.ttl")
    done = kg_cli(*args, "--min-confidence", "1.5")
    assert done.returncode == 2
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "--min-confidence" in lines[0] and "Traceback" not in done.stderr.decode()


def test_select_refuses_a_minimum_above_one() -> None:
    with pytest.raises(InvalidFilter):
        select(nx.MultiDiGraph(), min_confidence=2)
