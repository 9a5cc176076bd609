"""Actors are read once per sentence, before its events: lookups read the map and make no actor."""

from __future__ import annotations

import pytest

from kg.extract.reader import SentenceReader
from kg.extract.resolve import READINGS
from kg.nlp import result_of

SENTENCES = [
    # sector nouns of a state (composites), an unowned armed group, a pronoun, a list, an inclusion
    "Chadian troops and Sudanese police clashed near the border, and gunmen later attacked them.",
    "Kenya said it would send soldiers to Somalia, including engineers and medics.",
    "The rebels in Mali accused the government of bombing their villages.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_lookups_only_read_the_map(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    assert nlp.pipe_names[-1] == "newskg_relation_extractor"
    for _, proc in nlp.pipeline[:-1]:  # everything but the relation extractor
        doc = proc(doc)
    reader = SentenceReader(nlp.get_pipe("newskg_relation_extractor"), doc)
    resolver = reader.verbs.resolver
    for sent in doc.sents:
        resolver.map_sentence(sent)
    made = dict(reader.actors)
    assert set(made) - {m.key for m in doc._.mentions}  # the map did make actors for words
    looked_up = {
        (t.i, expand, target): [a.key for a in resolver.actors_of(t, expand, target)]
        for t in doc
        for expand, target in READINGS
    }
    assert reader.actors == made  # no actor made or replaced during a lookup
    assert looked_up == {key: [a.key for a in args] for key, args in resolver.read.items()} | {
        key: [] for key in looked_up if key not in resolver.read
    }


def test_an_unknown_reading_is_an_error(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Chile met Peru.")
    resolver = SentenceReader(nlp.get_pipe("newskg_relation_extractor"), doc).verbs.resolver
    with pytest.raises(ValueError, match="no such reading"):
        resolver.actors_of(doc[0], expand=False, target=True)


@pytest.mark.parametrize(
    "text",
    [
        "Peruvian soldiers were seen in the capital. Chile criticised Bolivia.",
        "Chile criticised Bolivia. Peruvian soldiers were seen in the capital.",
        "Colombian police patrolled the streets, and Chile criticised Bolivia.",
    ],
)
def test_a_result_keeps_no_actor_made_for_a_word_no_statement_uses(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    result = result_of(doc)
    assert [(s.subject, s.object) for s in result.statements] == [("Q298", "Q750")]
    made = {key for key, actor in doc._.actors.items() if actor.sector in ("MIL", "COP")}
    assert made  # the soldiers' or the police's actor was read ...
    assert not made & set(result.actors)  # ... and is no part of the result
    assert {"Q298", "Q750"} <= set(result.actors)
