"""The pipeline saved with spaCy's ``to_disk`` and loaded with ``spacy.load`` keeps its lexicon."""

from __future__ import annotations

from pathlib import Path

import spacy

import kg.nlp  # noqa: F401  (registers the components)


def _triples(nlp, text: str) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(s.subject, s.predicate, s.object) for s in nlp(text)._.statements}


def test_the_lexicon_saved_with_the_pipeline_is_the_one_loaded(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "newskg_relation_extractor" / "relations.yaml"
    text = saved.read_text(encoding="utf-8").replace(
        "verbs: [sanction, expel, embargo,", "verbs: [expel, embargo,"
    )
    saved.write_text(text, encoding="utf-8")  # the saved copy drops one trigger verb
    loaded = spacy.load(tmp_path / "pipeline")
    live, saved_lexicon = (n.get_pipe("newskg_relation_extractor").lexicon for n in (nlp, loaded))
    assert saved_lexicon.sector_of == live.sector_of  # the derived agent nouns came along
    meeting = "Bolivia met Ecuador on Monday."
    assert _triples(loaded, meeting) == _triples(nlp, meeting) and _triples(nlp, meeting)
    assert ("Q298", "sanctions", "Q419") in _triples(nlp, "Chile sanctioned Peru.")
    assert ("Q298", "sanctions", "Q419") not in _triples(loaded, "Chile sanctioned Peru.")
