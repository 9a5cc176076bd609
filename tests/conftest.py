"""Shared fixtures: the real pipeline (loaded once) and helpers that read its output by actor label."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kg.ingest import parse_text_article
from kg.model import ArticleResult
from kg.nlp import extract, load_pipeline

ROOT = Path(__file__).resolve().parent.parent
KG = str(Path(sys.executable).with_name("kg"))


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


def run_text(nlp, text: str, when: date | None = date(2015, 11, 26)) -> ArticleResult:
    """Extract from one text written for a test, as an article published on ``when``."""
    article = parse_text_article(text, source="test.txt", date=when.isoformat() if when else None)
    return next(extract([article], nlp))


def triples_of(result: ArticleResult) -> set[tuple[str, str, str, str]]:
    """(subject label, relation, object label, modality) of every statement."""
    label = {key: actor.label for key, actor in result.actors.items()}
    return {(label[s.subject], s.predicate, label[s.object], s.modality) for s in result.statements}


def example_failure(nlp, example: dict) -> str:  # type: ignore[no-untyped-def]
    """What a lexicon example ({text, expect, absent}) gets wrong: its ``expect`` triples not found and its
    ``absent`` ones found, with all that was found; empty when it holds."""
    found = triples_of(run_text(nlp, example["text"]))
    missing = [tuple(t) for t in example.get("expect", []) if tuple(t) not in found]
    wrong = [tuple(t) for t in example.get("absent", []) if tuple(t) in found]
    return f"missing {missing}, wrong {wrong}; found {sorted(found)}" if missing or wrong else ""


@pytest.fixture
def extract_text(nlp):
    """``extract_text("Russia attacked Ukraine.")`` -> {("Russia", "attacks", "Ukraine", "asserted")}."""

    def run(text: str, when: date | None = date(2015, 11, 26)) -> set[tuple[str, str, str, str]]:
        return triples_of(run_text(nlp, text, when))

    return run


def kg_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``kg`` command as a user would."""
    return subprocess.run(
        [KG, *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "200"},
    )


@pytest.fixture(scope="module")
def dataset():
    """A small graph in the build's layout, written by hand (tests/graph_samples.py)."""
    from tests.graph_samples import build_dataset

    return build_dataset()


@pytest.fixture(scope="module")
def G(dataset):
    """``dataset`` as a networkx MultiDiGraph."""
    from kg.analysis import to_networkx

    return to_networkx(dataset)


@pytest.fixture(scope="module")
def store():
    """An in-memory store holding the articles of tests/storedata.py, with its edges refreshed."""
    from kg.store import Store
    from tests.storedata import corpus

    built = Store.open()
    built.put_articles(corpus())
    built.refresh_edges()
    return built
