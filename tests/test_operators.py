"""The lexicon's operators (kg/operators.py): one test per example the lexicon gives, and the loader's checks."""

from __future__ import annotations

import pytest

from kg.errors import LexiconError
from kg.lexicon import load_lexicon
from kg.operators import load_operators
from tests.conftest import example_failure

EXAMPLES = [(op.name, example) for op in load_lexicon().operators for example in op.examples]


def test_every_operator_has_examples() -> None:
    operators = load_lexicon().operators
    assert operators and all(op.examples for op in operators)


@pytest.mark.parametrize(("operator", "example"), EXAMPLES, ids=[e["text"] for _, e in EXAMPLES])
def test_each_operator_example_gives_its_triples(nlp, operator: str, example: dict) -> None:  # type: ignore[no-untyped-def]
    failure = example_failure(nlp, example)
    assert not failure, f"{operator}: {failure}"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"name": "x", "words": ["a"], "paths": ["xcomp"], "effect": "maybe", "examples": [{"text": "t"}]},
            "effect",
        ),
        ({"name": "x", "words": ["a"], "paths": ["xcomp"], "effect": "negated"}, "needs examples"),
        (
            {"name": "x", "words": [], "paths": ["xcomp"], "effect": "negated", "examples": [{"text": "t"}]},
            "words",
        ),
        ({"name": "x", "word": ["a"], "effect": "negated", "examples": [{"text": "t"}]}, "only name"),
    ],
)
def test_a_malformed_operator_is_a_coded_error(entry: dict, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        load_operators([entry], "relations.yaml")
