"""A normal install: the wheel carries the ontology, the gazetteer, the lexicons and the canned queries as
package data, and the installed package runs from any folder with no source checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRIPLES = """@prefix nkg: <https://w3id.org/newskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/newskg/id/actor/Q212> a nkg:State ; rdfs:label "Ukraine" .
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, ROOT],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("newskg-*.whl")
    return found


def test_the_wheel_holds_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = ROOT / "ontology"
    expected = {
        f"kg/ontology/{path.relative_to(data).as_posix()}"
        for pattern in ("*.yaml", "*.ttl", "*.rq", "*.md")
        for path in data.rglob(pattern)
    }
    assert {
        "kg/ontology/relations.yaml",
        "kg/ontology/patterns.yaml",
        "kg/ontology/gazetteer/states.yaml",
    } <= expected
    assert "kg/ontology/queries/timeline.rq" in expected
    assert expected <= names
    assert "kg/__main__.py" in names
    # every module of every subpackage: a package missing from pyproject's list fails only at import
    modules = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "kg").rglob("*.py")
        if "ontology" not in path.parts
    }
    assert modules <= names, sorted(modules - names)
    # the query page of kg serve and the YASGUI it loads, vendored for offline use
    assert {
        "kg/static/query.html",
        "kg/static/yasgui/yasgui.min.js",
        "kg/static/yasgui/yasgui.min.css",
    } <= names


def _run_installed(target: Path, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """``python -m kg ARGS`` with the unpacked wheel first on the path (ahead of the editable checkout)."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=cwd,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(target), **env},
        timeout=300,
    )


def test_the_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "g.ttl").write_text(TRIPLES)
    located = subprocess.run(
        [sys.executable, "-c", "import kg.paths; print(kg.paths.ONTOLOGY_DIR)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(target)},
        check=True,
    )
    assert Path(located.stdout.strip()) == target / "kg" / "ontology"
    # canned queries and the SHACL shapes come from the installed package data
    result = _run_installed(target, elsewhere, "query", "--graph", "g.ttl", "--name", "actors-by-class")
    assert result.returncode == 0, result.stderr.decode()
    assert "Ukraine" in result.stdout.decode()
    result = _run_installed(target, elsewhere, "validate", "g.ttl")
    assert b"error[" not in result.stderr, result.stderr.decode()


def test_newskg_ontology_still_overrides(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "queries").mkdir(parents=True)
    (mine / "queries" / "mine.rq").write_text("# description: mine\nSELECT ?x WHERE { BIND(42 AS ?x) }\n")
    (tmp_path / "g.ttl").write_text(TRIPLES)
    result = _run_installed(
        ROOT, tmp_path, "query", "--graph", "g.ttl", "--name", "mine", NEWSKG_ONTOLOGY=str(mine)
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "42" in result.stdout.decode()
