"""The paraphrase suite (tests/paraphrases.yaml): a construction told three ways must give the same triples."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.evaluate import symmetric_relations
from tests.conftest import run_text, triples_of

SYMMETRIC = symmetric_relations()
CASES = yaml.safe_load((Path(__file__).with_name("paraphrases.yaml")).read_text(encoding="utf-8"))


def test_every_construction_has_three_wordings() -> None:
    assert CASES and all(len(case["sentences"]) == 3 for case in CASES)
    assert all(case.get("expect") or case.get("absent") for case in CASES)


@pytest.mark.parametrize(
    ("construction", "text", "expect", "absent"),
    [
        (case["construction"], text, case.get("expect", []), case.get("absent", []))
        for case in CASES
        for text in case["sentences"]
    ],
)
def test_each_wording_gives_the_constructions_triples(
    nlp, construction: str, text: str, expect, absent
) -> None:  # type: ignore[no-untyped-def]
    found = triples_of(run_text(nlp, text))
    found |= {(o, r, s, m) for s, r, o, m in found if r in SYMMETRIC}  # stated once, true both ways
    missing = [tuple(t) for t in expect if tuple(t) not in found]
    wrong = [tuple(t) for t in absent if tuple(t) in found]
    assert not missing and not wrong, (
        f"{construction}: missing {missing}, wrong {wrong}; found {sorted(found)}"
    )
