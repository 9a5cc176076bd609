"""Build options fail cleanly: a coded one-line error and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.workers import cores, worker_count


@pytest.fixture
def news(tmp_path: Path) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Talks\n\nFrance met Germany in Paris.\n")
    return tmp_path / "news"


@pytest.mark.parametrize(
    ("base", "words"),
    [
        ("not an iri", "no absolute IRI"),
        ("https://example.org/a b/", "no absolute IRI"),
        ("https://example.org/a>/", "no absolute IRI"),
        ("", "no absolute IRI"),
        ("https://example.org/kg", "must end with / or #"),
    ],
)
def test_an_invalid_base_iri_is_a_coded_error(news: Path, tmp_path: Path, base: str, words: str) -> None:
    result = CliRunner().invoke(app, ["build", str(news), "-o", str(tmp_path / "g.ttl"), "--base-iri", base])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error[E105]: --base-iri") and words in line
    assert not (tmp_path / "g.ttl").exists()


def test_a_base_iri_ending_in_hash_is_used(news: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["build", str(news), "-o", str(tmp_path / "g.nt"), "--base-iri", "urn:example:kg#", "-q"]
    )
    assert result.exit_code == 0, result.stderr
    assert "<urn:example:kg#actor/Q142>" in (tmp_path / "g.nt").read_text()


@pytest.mark.parametrize("qid", ["not a qid", "159"])
def test_a_gazetteer_qid_that_is_no_qid_is_a_coded_error(news: Path, tmp_path: Path, qid: str) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(f"- label: Freedonia\n  class: State\n  qid: {qid!r}\n")
    result = CliRunner().invoke(
        app, ["build", str(news), "-o", str(tmp_path / "g.ttl"), "--gazetteer", str(extra), "--workers", "1"]
    )
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error[E301]: ") and "no Wikidata id" in line


def test_workers_are_capped_at_the_cores_unless_forced() -> None:
    assert worker_count(None) == cores()
    assert worker_count(cores() + 7) == cores()
    assert worker_count(cores() + 7, force=True) == cores() + 7
    assert worker_count(1) == 1
