"""The start-up cache: entries keyed by their inputs, rebuilt when one changes, never an error."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import kg.gazetteer
import kg.nlp
from kg.cache import fingerprint, remember

SENTENCES = [
    "Zubrowka attacked Ukraine on Monday.",
    "France and Germany met Russia in Paris.",
    "The European Union imposed sanctions on Iran.",
]


def fresh_pipeline(extra: Path):  # type: ignore[no-untyped-def]
    """The pipeline loaded again in this process (its in-memory caches emptied), so the disk cache is read."""
    kg.nlp._load_pipeline.cache_clear()
    kg.gazetteer._load.cache_clear()
    return kg.nlp.load_pipeline(gazetteer_files=[extra])


def statements(nlp) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(s.subject, s.predicate, s.object) for text in SENTENCES for s in nlp(text)._.statements}


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text("- {label: Republic of Zubrowka, class: State, iso3: ZZZ, aliases: [Zubrowka]}\n")
    return path


def test_the_cached_pipeline_extracts_what_a_built_one_does(monkeypatch, tmp_path: Path, extra: Path) -> None:
    monkeypatch.setenv("NEWSKG_CACHE", "off")
    built = statements(fresh_pipeline(extra))
    monkeypatch.setenv("NEWSKG_CACHE", str(tmp_path / "cache"))
    fresh_pipeline(extra)  # fills the cache
    assert {p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()} == {"gazetteer", "patterns"}
    cached = statements(fresh_pipeline(extra))
    assert ("republic-of-zubrowka", "attacks", "Q212") in cached  # the extra gazetteer file's actor
    assert cached == built and len(built) == 4
    kg.nlp._load_pipeline.cache_clear()


def test_a_changed_gazetteer_file_is_not_read_from_the_cache(
    monkeypatch, tmp_path: Path, extra: Path
) -> None:
    monkeypatch.setenv("NEWSKG_CACHE", str(tmp_path / "cache"))
    attack = ("republic-of-zubrowka", "attacks", "Q212")
    assert attack in statements(fresh_pipeline(extra))
    extra.write_text("- {label: Republic of Zubrowka, class: State, iso3: ZZZ, aliases: [Zubrovia]}\n")
    changed = fresh_pipeline(extra)
    assert attack not in statements(changed)  # "Zubrowka" is no longer one of its names
    assert [
        (s.subject, s.predicate, s.object) for s in changed("Zubrovia attacked Ukraine.")._.statements
    ] == [attack]
    assert len(list((tmp_path / "cache").iterdir())) == 4  # two entries per version of the file
    kg.nlp._load_pipeline.cache_clear()


def test_a_file_changed_inside_a_folder_changes_the_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text("one")
    before = fingerprint([tmp_path])
    (tmp_path / "sub" / "a.yaml").write_text("two")
    assert fingerprint([tmp_path]) != before


def test_an_unwritable_or_broken_cache_is_computed_instead(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert remember("x", ["a"], lambda: [1], pickle.dumps, pickle.loads, blocked) == [1]
    folder = tmp_path / "cache"
    remember("x", ["a"], lambda: [1], pickle.dumps, pickle.loads, folder)
    [entry] = folder.iterdir()
    entry.write_bytes(b"truncated")
    assert remember("x", ["a"], lambda: [2], pickle.dumps, pickle.loads, folder) == [2]
    assert pickle.loads(entry.read_bytes()) == [2]  # rewritten
