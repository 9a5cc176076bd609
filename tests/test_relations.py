"""Relation extraction, one construction per test, on sentences written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import run_text

A, N, F, H = "asserted", "negated", "future", "hypothetical"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # active voice, light verb + event noun + prepositional object
        ("Russia imposed new sanctions on Ukraine on Tuesday.", {("Russia", "sanctions", "Ukraine", A)}),
        # passive voice with agent
        (
            "Sanctions were imposed on Iran by the European Union.",
            {("European Union", "sanctions", "Iran", A)},
        ),
        ("Syria was attacked by Turkey.", {("Turkey", "attacks", "Syria", A)}),
        # prepositional object of a verb
        ("France cooperated with Germany.", {("France", "cooperatesWith", "Germany", A)}),
        # coordination on the subject side
        (
            "The United States and Britain attacked Iraq.",
            {("United States", "attacks", "Iraq", A), ("United Kingdom", "attacks", "Iraq", A)},
        ),
        # coordination on the object side
        (
            "France and Germany met Russia.",
            {("France", "meetsWith", "Russia", A), ("Germany", "meetsWith", "Russia", A)},
        ),
        # "X and Y met": a symmetric meeting
        (
            "Iran and Iraq met in Baghdad.",
            {("Iran", "meetsWith", "Iraq", A), ("Iraq", "meetsWith", "Iran", A)},
        ),
        # nominal event with a possessive source
        ("Russia's annexation of Crimea angered Kiev.", {("Russia", "coerces", "Crimea", A)}),
        # demonym as the source of an event noun used as subject
        ("Russian airstrikes hit Islamic State positions.", {("Russia", "attacks", "Islamic State", A)}),
        # metonyms: capitals and seats of government act for their states
        ("Moscow accused Washington of meddling.", {("Russia", "accuses", "United States", A)}),
        # modality
        ("Russia did not attack Ukraine.", {("Russia", "attacks", "Ukraine", N)}),
        ("Russia denied attacking Ukraine.", {("Russia", "attacks", "Ukraine", N)}),
        # a refusal is itself a rejection of the target (event coders read "refused to meet" as REJECT)
        (
            "France refused to meet Iran.",
            {("France", "meetsWith", "Iran", N), ("France", "rejects", "Iran", A)},
        ),
        ("Russia will meet Ukraine next week.", {("Russia", "meetsWith", "Ukraine", F)}),
        (
            "The European Union plans to impose sanctions on Russia.",
            {("European Union", "sanctions", "Russia", F)},
        ),
        ("Germany could impose sanctions on Russia.", {("Germany", "sanctions", "Russia", H)}),
        ("If Russia invades Georgia, Turkey will protest.", {("Russia", "attacks", "Georgia", H)}),
        # reported speech: the pronoun in the complement is the speaker
        ("Syria said Israel attacked its positions.", {("Israel", "attacks", "Syria", A)}),
        # shared subject through xcomp
        ("Putin is due to visit France.", {("Vladimir Putin", "meetsWith", "France", F)}),
        # the target of a threat or demand sits in the clause it governs
        (
            "Azerbaijan threatened to cut ties with Russia.",
            {("Azerbaijan", "threatens", "Russia", A), ("Azerbaijan", "sanctions", "Russia", H)},
        ),
        ("China demanded that Japan cancel the deal.", {("China", "appealsTo", "Japan", A)}),
        # sector nouns: a state's government, forces, rebels are actors coded country + sector
        (
            "Turkish jets shot down a Russian warplane.",
            {("Armed forces of Turkey", "attacks", "Armed forces of Russia", A)},
        ),
        ("Hungarian officials met Romania.", {("Government of Hungary", "meetsWith", "Romania", A)}),
        (
            "Turkish jets bombed Syrian civilians.",
            {("Armed forces of Turkey", "attacks", "Civilians of Syria", A)},
        ),
        # a plain noun with a national modifier is not the state ("U.S. companies")
        ("American companies hosted Syrian websites.", set()),
        # what is handed over is not the target; the recipient is
        ("Germany gave Crimea's refugees to Ukraine.", {("Germany", "aids", "Ukraine", A)}),
        # a place after "in" is a target only when there is no direct object
        ("Russia bombed Islamic State positions in Syria.", {("Russia", "attacks", "Islamic State", A)}),
        ("Britain intervened in Iraq.", {("United Kingdom", "attacks", "Iraq", A)}),
        # a question is not a demand
        ("Iran asked whether Iraq would attend.", set()),
    ],
)
def test_construction(extract_text, text: str, expected: set) -> None:
    assert extract_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia and the EU are different kinds of actors.",
        "The talks were held in Moscow.",
        "Ukraine is a large country in Europe.",
        "Observers from France arrived in Syria.",
    ],
)
def test_no_relation(extract_text, text: str) -> None:
    assert extract_text(text) == set()


def test_coordinated_subjects_with_possessive_object_pair_up(extract_text) -> None:
    found = extract_text("France, Germany and Russia coordinated their positions.")
    pairs = {(s, o) for s, rel, o, _ in found if rel == "cooperatesWith"}
    assert {("France", "Germany"), ("France", "Russia"), ("Germany", "Russia")} <= pairs
    assert all(s != o for s, o in pairs)


def test_title_before_name_gives_leader_and_country(nlp) -> None:
    result = run_text(nlp, "Croatian Prime Minister Andrej Plenkovic met Russia's ambassador.")
    person = next(a for a in result.actors.values() if a.label.startswith("Andrej Plenkovi"))
    assert person.cls == "Leader"
    assert result.actors[person.country].label == "Croatia"
    assert any(s.predicate == "leaderOf" and s.subject == person.key for s in result.statements)


def test_apposition_title(nlp) -> None:
    result = run_text(nlp, "Jens Stoltenberg, NATO's secretary general, warned Russia.")
    labels = {k: a.label for k, a in result.actors.items()}
    assert ("Jens Stoltenberg", "leaderOf", "NATO") in {
        (labels[s.subject], s.predicate, labels[s.object]) for s in result.statements
    }


def test_statement_carries_evidence_offsets_trigger_and_date(nlp) -> None:
    text = "Sanctions\nNovember 26, 2015\n\nThe weather was cold. Russia imposed new sanctions on Ukraine on Tuesday."
    result = run_text(nlp, text)
    [stmt] = result.statements
    article = result.article
    assert stmt.evidence == "Russia imposed new sanctions on Ukraine on Tuesday."
    assert article.text[stmt.char_start : stmt.char_end].strip() == stmt.evidence
    assert stmt.trigger == "imposed sanctions"
    assert stmt.date == date(2015, 11, 24)
    assert 0 < stmt.confidence <= 1


def test_statement_date_falls_back_to_article_date(nlp) -> None:
    [stmt] = run_text(nlp, "Russia attacked Ukraine.", when=date(2014, 8, 1)).statements
    assert stmt.date == date(2014, 8, 1)


def test_reported_speech_is_attributed(nlp) -> None:
    result = run_text(nlp, "Turkey said Russia attacked Syria.")
    [stmt] = [s for s in result.statements if s.predicate == "attacks"]
    assert result.actors[stmt.attributed_to].label == "Turkey"


def test_subject_pronoun_continues_the_previous_subject(extract_text) -> None:
    found = extract_text("Russia will not return Crimea to Ukraine. It attacked Georgia in 2008.")
    assert ("Russia", "attacks", "Georgia", "asserted") in found
