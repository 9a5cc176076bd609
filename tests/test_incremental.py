"""Incremental builds lose nothing: a graph per source, duplicates as corroboration, --prune, any cwd."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import build
from kg.store import Store
from tests.storedata import write_ahead_log

TEXTS = {
    "a.txt": "Sanctions\n\nThe European Union imposed sanctions on Russia.\n",
    "b.txt": "Talks\n\nFrance met Germany in Paris.\n",
    "c.txt": "Strikes\n\nRussia attacked Ukraine near the border.\n",
}


def write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text)
    return folder


def quads(db: Path) -> set[str]:
    with Store.open(db) as store:
        return {str(quad) for quad in store.inner}


def test_same_text_in_two_sources_is_two_articles_and_editing_one_keeps_the_other(tmp_path: Path) -> None:
    news = write(tmp_path / "news", {**TEXTS, "copy.txt": TEXTS["a.txt"]})
    db = tmp_path / "db"
    first = build([news], db=db, batch_size=1)
    assert first.articles_built == 4
    assert write_ahead_log(db) == 0  # compacted at the end of the build
    with Store.open(db) as store:
        [[count]] = store.query(
            "SELECT ?m WHERE { ?e a nkg:Edge ; rdf:predicate nkg:sanctions ; nkg:articleCount ?m }"
        )
        assert count.value == "2"  # corroborated by two articles
    (news / "a.txt").write_text("Sanctions\n\nThe European Union eased its curbs on Iran.\n")
    second = build([news], db=db, batch_size=1)
    assert (second.articles_built, second.articles_unchanged) == (1, 3)
    with Store.open(db) as store:
        sources = {
            row["s"].value.rsplit("/", 1)[-1]
            for row in store.query(
                "SELECT ?s WHERE { ?st rdf:predicate nkg:sanctions ; prov:wasDerivedFrom ?a . ?a dcterms:source ?s }"
            )
        }
    assert sources == {"copy.txt"}  # the copy keeps its statements
    third = build([news], db=db, batch_size=1)  # nothing left to do, and it ends
    assert (third.articles_built, third.articles_unchanged) == (0, 4)


def test_rebuild_after_edits_duplicates_and_deletions_equals_a_clean_build(tmp_path: Path) -> None:
    news = write(tmp_path / "news", TEXTS)
    db = tmp_path / "db"
    build([news], db=db)
    (news / "b.txt").write_text("Talks\n\nFrance met Italy in Rome.\n")
    (news / "d.txt").write_text(TEXTS["c.txt"])
    (news / "c.txt").unlink()
    report = build([news], db=db, prune=True)
    assert [p.rsplit("/", 1)[-1] for p in report.pruned] == ["c.txt"]
    assert (report.articles_built, report.articles_unchanged) == (2, 1)
    clean = tmp_path / "clean"
    build([news], db=clean)
    assert quads(db) == quads(clean)


def test_without_prune_a_deleted_source_stays(tmp_path: Path) -> None:
    news = write(tmp_path / "news", TEXTS)
    db = tmp_path / "db"
    build([news], db=db)
    (news / "c.txt").unlink()
    assert build([news], db=db).pruned == []
    with Store.open(db) as store:
        assert len(store.article_index()) == 3


def test_building_from_another_directory_reextracts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = write(tmp_path / "work" / "news", TEXTS)
    db = tmp_path / "db"
    monkeypatch.chdir(tmp_path / "work")
    build(["news"], db=db)
    monkeypatch.chdir(news)
    report = build(["."], db=db)
    assert (report.articles_built, report.articles_unchanged) == (0, 3)


def test_kg_build_prune_lists_the_dropped_sources(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    news = write(tmp_path / "news", TEXTS)
    db = tmp_path / "db"
    assert (
        CliRunner().invoke(app, ["build", str(news), "--db", str(db), "-q", "--workers", "1"]).exit_code == 0
    )
    (news / "c.txt").unlink()
    result = CliRunner().invoke(app, ["build", str(news), "--db", str(db), "--prune", "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    assert "0 articles built, 2 unchanged, 0 skipped, 1 pruned" in result.stdout
    assert f"pruned: {(news / 'c.txt').resolve().as_posix()}" in result.stdout.splitlines()
