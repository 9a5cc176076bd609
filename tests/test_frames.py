"""The lexicon's frames (ontology/relations.yaml): one test per example each relation and construction frame
gives, from sentences of our own (kg/lexicon.py refuses a frame without examples)."""

from __future__ import annotations

import pytest
import yaml

from kg.lexicon import CONSTRUCTIONS, load_lexicon
from kg.paths import ONTOLOGY_DIR
from tests.conftest import example_failure

EXAMPLES = [(frame, example) for frame, examples in load_lexicon().examples.items() for example in examples]


def test_every_frame_has_examples() -> None:
    data = yaml.safe_load((ONTOLOGY_DIR / "relations.yaml").read_text(encoding="utf-8"))
    frames = [*data["relations"], *data["structural"], *CONSTRUCTIONS]
    examples = load_lexicon().examples
    assert len(frames) > 20 and [f for f in frames if len(examples.get(f, ())) < 3] == []


@pytest.mark.parametrize(("frame", "example"), EXAMPLES, ids=[e["text"] for _, e in EXAMPLES])
def test_each_frame_example_gives_its_triples(nlp, frame: str, example: dict) -> None:  # type: ignore[no-untyped-def]
    failure = example_failure(nlp, example)
    assert not failure, f"{frame}: {failure}"
