"""The structural patterns (kg/patterns.py, ontology/patterns.yaml): one test per example and per unmatched sentence
the file gives, run on the real pipeline, and the loader's coded errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import yaml

from kg.errors import LexiconError
from kg.patterns import find, load_patterns, parse_patterns

PATTERNS = load_patterns()
EXAMPLES = [(p, example) for p in PATTERNS for example in p.examples]
UNMATCHED = [(p, text) for p in PATTERNS for text in p.unmatched]


def words(nlp, text: str, name: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """The role words of each match of pattern ``name`` in ``text``."""
    return [{role: t.text for role, t in roles.items()} for n, roles in find(nlp(text)) if n == name]


def test_the_constructions_are_covered() -> None:
    roles = {p.name: set(p.roles) for p in PATTERNS}
    assert {"holder", "title", "office"} <= set().union(*roles.values())
    assert {"as part of", "between", "including"} <= set(roles)
    assert all(len(p.examples) >= 3 for p in PATTERNS)


@pytest.mark.parametrize(("pattern", "example"), EXAMPLES, ids=[e["text"] for _, e in EXAMPLES])
def test_each_example_gives_its_roles(nlp, pattern, example: dict) -> None:  # type: ignore[no-untyped-def]
    found = words(nlp, example["text"], pattern.name)
    assert example["expect"] in found, f"{pattern.name}: found {found}"


@pytest.mark.parametrize(("pattern", "text"), UNMATCHED, ids=[t for _, t in UNMATCHED])
def test_an_unmatched_sentence_gives_nothing(nlp, pattern, text: str) -> None:  # type: ignore[no-untyped-def]
    assert words(nlp, text, pattern.name) == []


def test_coordinated_roles_take_every_conjunct_in_token_order(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Peru hosted talks between Chile, Ecuador and Bolivia on Monday.")
    parties = [roles["party"].text for name, roles in find(doc) if name == "between"]
    assert parties == ["Chile", "Ecuador", "Bolivia"]


def test_a_span_gives_the_tokens_of_its_doc(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Lima is calm. The talks between Chile and Peru resumed.")
    first, second = doc.sents
    found = [(name, roles["party"]) for name, roles in find(second) if name == "between"]
    assert [(t.text, t.i, t.doc is doc) for _, t in found] == [("Chile", 7, True), ("Peru", 9, True)]
    assert all(name != "between" for name, _ in find(first))


A = "asserted"
READINGS = [
    (
        "inclusion",
        [("Kenya", "memberOf", "African Union", A), ("Ghana", "memberOf", "African Union", A)],
        [
            "The African Union, including Kenya and Ghana, condemned the coup.",
            "The coup was condemned by the African Union, including Kenya and Ghana.",
            "The African Union, including Kenya and Ghana, will condemn the coup.",
        ],
    ),
    (
        "as part of",
        [("Canada", "memberOf", "NATO", A), ("NATO", "attacks", "Islamic State", A)],
        [
            "As part of NATO, Canada struck ISIL.",
            "ISIL was struck by Canada as part of NATO.",
            "Canada, as part of NATO, has struck ISIL.",
        ],
    ),
    (
        "between",
        [("Chile", "meetsWith", "Bolivia", A), ("Peru", "meetsWith", "Bolivia", A)],
        [
            "The talks between Chile, Peru and Bolivia resumed in Lima.",
            "Talks resumed between Chile, Peru and Bolivia.",
            "Ecuador hosted talks on Monday between Chile, Peru and Bolivia.",
        ],
    ),
    (
        "title in apposition",
        [("Wang Yi", "officialOf", "China", A)],
        [
            "Wang Yi, China's foreign minister, met Kerry.",
            "China's foreign minister, Wang Yi, met Kerry.",
            "Kerry met Wang Yi, the foreign minister of China.",
        ],
    ),
]


@pytest.mark.parametrize(
    ("construction", "expect", "text"),
    [(name, expect, text) for name, expect, texts in READINGS for text in texts],
)
def test_the_extractor_reads_each_construction_through_the_patterns(
    extract_text, construction: str, expect: list, text: str
) -> None:  # type: ignore[no-untyped-def]
    found = extract_text(text)
    assert set(expect) <= found, f"{construction}: found {sorted(found)}"


VALID = {
    "name": "x",
    "roles": ["a"],
    "pattern": [{"RIGHT_ID": "a", "RIGHT_ATTRS": {"POS": "NOUN"}}],
    "examples": [{"text": "t", "expect": {"a": "w"}}] * 3,
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"role": ["a"]}, "unknown key 'role'"),
        ({"roles": ["a", "b"]}, "role 'b' names no node"),
        ({"roles": []}, "'roles' must list"),
        ({"coordinated": ["c"]}, "'coordinated' must list some of the roles"),
        ({"examples": VALID["examples"][:2]}, "needs 3 examples"),
        ({"examples": [{"text": "t", "expect": {"b": "w"}}] * 3}, "'expect'ed of each role"),
        ({"unmatched": "t"}, "'unmatched' must list"),
        ({"pattern": []}, "'pattern' must be a list"),
        ({"pattern": [{"RIGHT_ID": "a", "RIGHT_ATTR": {}}]}, "node 0 has unknown key 'RIGHT_ATTR'"),
        ({"pattern": [{"RIGHT_ID": "a"}, {"RIGHT_ID": "b", "LEFT_ID": "a"}]}, "node 1 needs exactly"),
        (
            {"pattern": [{"RIGHT_ID": "a"}, {"RIGHT_ID": "b", "LEFT_ID": "a", "REL_OP": "->"}]},
            "node 1 has REL_OP '->'",
        ),
        (
            {"pattern": [{"RIGHT_ID": "a"}, {"RIGHT_ID": "b", "LEFT_ID": "c", "REL_OP": ">"}]},
            "LEFT_ID 'c' is no node before it",
        ),
        (
            {"pattern": [{"RIGHT_ID": "a"}, {"RIGHT_ID": "a", "LEFT_ID": "a", "REL_OP": ">"}]},
            "RIGHT_ID 'a' is used twice",
        ),
        ({"pattern": [{"RIGHT_ID": "a", "RIGHT_ATTRS": {"POSS": "NOUN"}}]}, "pattern 'x': .*POSS"),
    ],
)
def test_a_malformed_pattern_is_a_one_line_coded_error(change: dict, message: str) -> None:
    with pytest.raises(LexiconError, match=message) as raised:
        parse_patterns([{**VALID, **change}])
    assert str(raised.value).startswith("error[E302]: patterns.yaml: ")
    assert "\n" not in str(raised.value)


def test_a_pattern_defined_twice_is_an_error() -> None:
    parse_patterns([VALID])
    with pytest.raises(LexiconError, match="'x' is defined twice"):
        parse_patterns([VALID, VALID])


def test_a_file_that_is_no_list_of_patterns_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "patterns.yaml"
    path.write_text("name: x\n")
    with pytest.raises(LexiconError, match=r"patterns\.yaml: expected a list of patterns"):
        load_patterns(path)
    path.write_text("- {name: x\n")
    with pytest.raises(LexiconError, match=r"patterns\.yaml: cannot read"):
        load_patterns(path)


def test_the_patterns_saved_with_the_pipeline_are_the_ones_loaded(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "newskg_relation_extractor" / "patterns.yaml"
    kept = [p for p in yaml.safe_load(saved.read_text(encoding="utf-8")) if p["name"] != "including"]
    saved.write_text(yaml.safe_dump(kept), encoding="utf-8")  # the saved copy drops the inclusion pattern
    loaded = spacy.load(tmp_path / "pipeline")
    text = "The African Union, including Kenya, condemned the coup."
    member = ("Q114", "memberOf", "Q7159")
    assert [{(s.subject, s.predicate, s.object) for s in n(text)._.statements} for n in (nlp, loaded)] == [
        {member},
        set(),
    ]
