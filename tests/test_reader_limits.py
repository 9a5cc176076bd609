"""The reader's hard limits: no sentence sends it into unbounded recursion (a W501 warning fails these tests,
as the suite's filterwarnings turns ExtractionWarning into an error)."""

from __future__ import annotations

import pytest

from kg.ingest import parse_text_article
from kg.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        # a plural possessive inside a coordination whose conjunct it modifies: "their" is read through the
        # phrase that holds it
        "Chile lifted limits on contacts between Chilean diplomats and their Peruvian counterparts.",
        "Norway eased curbs on talks between Norwegian envoys and their Danish counterparts.",
        "The ban on meetings between Greek officers and their Turkish counterparts was lifted by Athens.",
    ],
)
def test_a_pronoun_read_through_its_own_phrase_is_no_loop(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    [result] = extract([parse_text_article(text, "t.txt")], nlp)
    assert all(s.subject != s.object for s in result.statements)


def test_a_meeting_of_many_is_no_clique_of_meetings(nlp) -> None:  # type: ignore[no-untyped-def]
    """Past the lexicon's bound of co-subjects a symmetric deed makes no pairwise statements: output stays linear."""
    states = [
        "France",
        "Germany",
        "Italy",
        "Spain",
        "Portugal",
        "Greece",
        "Austria",
        "Belgium",
        "Poland",
        "Sweden",
    ]
    text = ", ".join(states[:-1]) + " and " + states[-1] + " met in Brussels."
    [result] = extract([parse_text_article(text, "t.txt")], nlp)
    assert [s for s in result.statements if s.predicate == "meetsWith"] == []
    [few] = extract([parse_text_article("France, Germany and Italy met in Brussels.", "t.txt")], nlp)
    assert len([s for s in few.statements if s.predicate == "meetsWith"]) == 6
