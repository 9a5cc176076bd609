"""The lexicon's operators (kg/operators.py): one test per example the lexicon gives, and the loader's checks."""

from __future__ import annotations

import pytest

from kg.errors import LexiconError
from kg.lexicon import load_lexicon
from kg.operators import Operators, load_operators
from tests.conftest import example_failure

EX = [{"text": "t"}]
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
        ({"name": "x", "word": ["a"], "effect": "negated", "examples": [{"text": "t"}]}, "only doer, effect"),
        (
            {
                "name": "x",
                "lists": ["negatng_verbs"],
                "paths": ["xcomp"],
                "effect": "negated",
                "examples": EX,
            },
            "names 'negatng_verbs', no word list",
        ),
        (
            {"name": "x", "words": ["a"], "paths": ["xcomp >auxx"], "effect": "negated", "examples": EX},
            "no dependency label 'auxx'",
        ),
        (
            {"name": "x", "words": ["a"], "paths": ["pobj:"], "effect": "negated", "examples": EX},
            "no dependency label 'pobj:'",
        ),
        (
            {
                "name": "x",
                "words": ["a"],
                "paths": ["xcomp"],
                "effect": "negated",
                "governor": "hoped",
                "examples": EX,
            },
            "governor and unless must be in",
        ),
        (
            {
                "name": "x",
                "words": ["a"],
                "paths": ["xcomp"],
                "effect": "negated",
                "unless": "maybe",
                "examples": EX,
            },
            "governor and unless must be in",
        ),
        (
            {
                "name": "x",
                "words": ["a"],
                "paths": ["xcomp"],
                "pos": ["NOUNS"],
                "effect": "negated",
                "examples": EX,
            },
            "known pos",
        ),
        (
            {
                "name": "x",
                "words": ["a"],
                "paths": ["xcomp"],
                "effect": "derive",
                "relations": "haltd",
                "examples": EX,
            },
            "a derive effect, and only it, names relations",
        ),
        (
            {
                "name": "x",
                "words": ["a"],
                "paths": ["xcomp"],
                "effect": "negated",
                "relations": "halted",
                "examples": EX,
            },
            "a derive effect, and only it, names relations",
        ),
    ],
)
def test_a_malformed_operator_is_a_coded_error(entry: dict, message: str) -> None:
    with pytest.raises(LexiconError, match=message) as raised:
        load_operators([entry], "relations.yaml", load_lexicon().modality, ("halted",))
    assert str(raised.value).startswith("error[E302]:")


def test_a_path_climbs_goes_down_and_asks_for_words(nlp) -> None:  # type: ignore[no-untyped-def]
    """``>aux:to aux acl`` goes down to the deed's "to", back up, and up to the noun it completes; a word the
    step asks for that is not there matches nothing."""
    doc = nlp("Chile has a plan to attack Peru and a wish to meet Bolivia.")
    spec = {"name": "x", "words": ["plan", "wish"], "effect": "future", "examples": EX}
    completed = load_operators([{**spec, "paths": [">aux:to aux acl|relcl"]}], "relations.yaml")[0]
    wrong_mark = load_operators([{**spec, "paths": [">aux:for aux acl|relcl"]}], "relations.yaml")[0]
    attack, meet = doc[5], doc[11]
    assert [w.text for _, w in Operators([completed]).governing(attack)] == ["plan"]
    assert [w.text for _, w in Operators([completed]).governing(meet)] == ["wish"]
    assert Operators([wrong_mark]).governing(attack) == []


def test_the_first_operator_listed_decides_for_a_word(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Chile stopped attacking Peru.")
    spec = {"name": "x", "words": ["stop"], "paths": ["xcomp"], "examples": EX}
    first, second = load_operators(
        [{**spec, "effect": "asserted"}, {**spec, "effect": "negated"}], "relations.yaml"
    )
    assert [op.effect for op, _ in Operators([first, second]).governing(doc[2])] == ["asserted"]
    assert [op.effect for op, _ in Operators([second, first]).governing(doc[2])] == ["negated"]
