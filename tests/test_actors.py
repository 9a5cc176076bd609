"""Actor linking: canonical actors, metonymy, demonyms, anaphora, short names, time-aware roles."""

from __future__ import annotations

from datetime import date

import pytest

from kg.gazetteer import load_gazetteer
from tests.conftest import run_text


def linked(nlp, text: str, when: date | None = date(2015, 11, 26)) -> list[tuple[str, str]]:
    """(surface text, canonical label) of every linked mention, in order."""
    from kg.ingest import parse_text_article
    from kg.nlp import make_docs

    [doc] = list(
        nlp.pipe(make_docs(nlp, [parse_text_article(text, "t.txt", date=when and when.isoformat())]))
    )
    return [(doc[m.start : m.end].text, doc._.actors[m.key].label) for m in doc._.mentions]


def test_russia_is_one_actor_however_named(nlp) -> None:
    text = "Moscow denied it. The Kremlin said Russian jets hit targets. Russia insisted."
    assert {label for _, label in linked(nlp, text)} == {"Russia"}


@pytest.mark.parametrize(
    ("text", "acronym", "name", "others"),
    [
        (
            "The grant to the Andean Heritage Trust (AHT) was announced. Chile signed a partnership with AHT.",
            "AHT",
            "Andean Heritage Trust",
            {"Chile"},
        ),
        (
            "Peru praised the Pacific Reef Foundation (PRF) on Monday. Chile later funded PRF.",
            "PRF",
            "Pacific Reef Foundation",
            {"Peru", "Chile"},
        ),
        (
            "Chile signed a partnership with the Amazon Forest Alliance (AFA). Brazil joined AFA in May.",
            "AFA",
            "Amazon Forest Alliance",
            {"Chile", "Brazil"},
        ),
    ],
)
def test_an_acronym_spelt_out_before_is_the_same_organisation(
    nlp, text: str, acronym: str, name: str, others: set[str]
) -> None:
    found = linked(nlp, text)
    assert (acronym, name) in found
    assert {label for _, label in found} == {name} | others


def test_metonym_used_as_a_place_is_not_the_state(nlp) -> None:
    assert linked(nlp, "The ministers met in Moscow on Friday.") == []


def test_anaphor_needs_an_antecedent(nlp) -> None:
    assert linked(nlp, "The alliance met on Friday.") == []
    # at the start of a sentence too ("The alliance", the gazetteer's "the alliance")
    assert linked(nlp, "NATO expanded. The alliance met on Friday.") == [
        ("NATO", "NATO"),
        ("The alliance", "NATO"),
    ]
    assert linked(nlp, "Chile joined the EU. Later the bloc met.")[-1] == ("the bloc", "European Union")


def test_an_anaphor_said_first_names_its_actor_in_the_context_the_gazetteer_gives(nlp) -> None:
    assert linked(nlp, "The international coalition struck the rebels.") == []
    assert linked(nlp, "ISIS attacked Peru. The international coalition struck ISIS.")[2][1] == (
        "Global Coalition against Daesh"
    )


def test_an_office_many_hold_is_no_holder_the_gazetteer_knows(nlp) -> None:
    mentions = linked(nlp, "Russia's ambassador to the EU, Jane Smallwood, accused Chile.", date(2016, 4, 20))
    assert ("Jane Smallwood", "Jane Smallwood") in mentions
    assert all(label != "Vitaly Churkin" for _, label in mentions)


def test_short_name_joins_the_full_name(nlp) -> None:
    mentions = linked(nlp, "Talks: Walter Grimsby met France. Grimsby said little.")
    labels = {label for text, label in mentions if "Grimsby" in text}
    assert labels == {"Walter Grimsby"}


def test_known_leader_is_linked_with_wikidata(nlp) -> None:
    result = run_text(nlp, "Vladimir Putin met Barack Obama.")
    qids = {a.label: a.qid for a in result.actors.values()}
    assert qids["Vladimir Putin"] == "Q7747"
    assert qids["Barack Obama"] == "Q76"


def test_role_is_chosen_by_article_date() -> None:
    gaz = load_gazetteer()
    [putin] = [e for e in gaz.entries.values() if e.label == "Vladimir Putin"]
    assert putin.role_on(date(2010, 6, 1)).title == "Prime Minister"
    assert putin.role_on(date(2015, 6, 1)).title == "President"
    [medvedev] = [e for e in gaz.entries.values() if e.label == "Dmitry Medvedev"]
    assert medvedev.role_on(date(2009, 6, 1)).title == "President"
    assert medvedev.role_on(date(2013, 6, 1)).title == "Prime Minister"


def test_leader_acts_for_their_state(nlp) -> None:
    result = run_text(nlp, "Putin met Merkel.", when=date(2010, 6, 1))
    countries = {a.label: result.actors[a.country].label for a in result.actors.values() if a.country}
    assert countries == {"Vladimir Putin": "Russia", "Angela Merkel": "Germany"}


def test_gazetteer_lookups() -> None:
    gaz = load_gazetteer()
    assert gaz.lookup("the Kremlin")[0].entry.label == "Russia"
    assert gaz.lookup("Russian")[0].entry.label == "Russia"
    assert gaz.lookup("ISIL")[0].entry.qid == "Q2429253"
    assert gaz.lookup("Brussels")[0].entry.label == "European Union"
    assert gaz.lookup("Brussels")[0].kind == "metonym"


@pytest.mark.parametrize(
    ("text", "anaphor"),
    [
        (
            "Foreign Secretary Walter Grimsby arrived on Monday. Later the Foreign Secretary visited Russia.",
            "the Foreign Secretary",
        ),
        (
            "Foreign Secretary Walter Grimsby landed in Lima. The Foreign Secretary then spoke to Chile.",
            "The Foreign Secretary",
        ),
    ],
)
def test_title_anaphor_refers_to_the_person_last_named_with_that_title(nlp, text: str, anaphor: str) -> None:
    assert (anaphor, "Walter Grimsby") in linked(nlp, text)


def test_brussels_is_the_eu_only_when_it_acts(nlp) -> None:
    assert linked(nlp, "Brussels warned Hungary.")[0] == ("Brussels", "European Union")
    assert ("Brussels", "European Union") not in linked(nlp, "Leaders gathered in Brussels on Friday.")


def test_extra_gazetteer_adds_an_actor(tmp_path) -> None:
    from kg.ingest import parse_text_article
    from kg.nlp import extract, load_pipeline

    extra = tmp_path / "extra.yaml"
    extra.write_text("- {label: Republic of Zubrowka, class: State, iso3: ZZZ, aliases: [Zubrowka]}\n")
    nlp = load_pipeline(gazetteer_files=[extra])
    [result] = list(extract([parse_text_article("Zubrowka attacked Ukraine.", "z.txt")], nlp))
    assert {(result.actors[s.subject].label, s.predicate) for s in result.statements} == {
        ("Republic of Zubrowka", "attacks")
    }


def test_the_russian_president_is_the_office_holder_on_the_articles_date(nlp) -> None:
    assert ("president", "Vladimir Putin") in linked(
        nlp, "The Russian president spoke.", when=date(2015, 6, 1)
    )
    assert ("president", "Dmitry Medvedev") in linked(nlp, "Russia's president spoke.", when=date(2010, 6, 1))
    assert all(
        label != "Vladimir Putin" for _, label in linked(nlp, "The Russian president spoke.", when=None)
    )


def test_a_name_misspelt_by_one_letter_is_the_known_person() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.misspelt_person("Laurent Gbago").label == "Laurent Gbagbo"  # a letter dropped
    assert gazetteer.misspelt_person("Abdelaziz Bouteflicka").label == "Abdelaziz Bouteflika"  # one added
    assert gazetteer.misspelt_person("Laurent Gbxxbo") is None  # two letters off
    assert gazetteer.misspelt_person("Pierre Gbago") is None  # another first name
    assert gazetteer.misspelt_person("Kofi Anan") is None  # too short a surname to guess


def test_a_state_misspelt_by_one_letter_is_the_state(nlp) -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.misspelt_state("Ethopia").label == "Ethiopia"
    assert gazetteer.misspelt_state("Nigera") is None  # one letter from Niger and from Nigeria
    assert gazetteer.misspelt_state("Omen") is None  # too short to guess
    assert ("Boliva", "Bolivia") in linked(nlp, "Chile attacked Boliva.")


def test_a_misspelt_name_links_to_the_known_person(nlp) -> None:
    result = run_text(nlp, "President Laurent Gbago met the rebels.", date(2003, 5, 1))
    assert "Laurent Gbagbo" in {a.label for a in result.actors.values()}


def test_a_sector_actor_keeps_the_words_that_named_it(nlp) -> None:
    """The scorer matches an actor by the words the text used: "innocent people" are the Civilians of Iraq of the
    scene, "the Iraqi people" those named by their state."""
    text = "ISIL killed innocent people across Iraq. Russia bombed the Syrian people. Chile met NATO defence ministers."
    forms = {a.label: a.surface_forms for a in run_text(nlp, text).actors.values()}
    assert {"innocent people", "people"} <= forms["Civilians of Iraq"]  # the phrase and its noun
    assert "the Syrian people" in forms["Civilians of Syria"]
    assert "NATO defence ministers" in forms["NATO"]  # an organisation's own people are the organisation


def test_what_a_locality_noun_names_is_a_place(nlp) -> None:
    result = run_text(nlp, "ISIS shelled the village of Umm Hosh.")
    assert {a.label: a.cls for a in result.actors.values()}["Umm Hosh"] == "Place"


def test_a_name_after_a_title_is_a_person_of_the_state_the_sentence_names(nlp) -> None:
    """The NER may label an unknown name ORG; after a title it is an office holder, of the state the sentence is
    about (named as the owner of something); not of a place ("In Peru, Minister X") nor of the one acted on."""
    for text, name in (
        (
            "Deputy Minister Tamsin Okafor-Reyes resigned under pressure from Chile's parliament.",
            "Tamsin Okafor-Reyes",
        ),
        (
            "Vice-President Moody Kamau declined to quit despite pressure from Kenya's parliament.",
            "Moody Kamau",
        ),
    ):
        person = next(a for a in run_text(nlp, text).actors.values() if a.label == name)
        assert person.cls in ("Person", "Leader") and person.country in ("Q298", "Q114")


def test_a_titled_name_is_no_official_of_a_place_or_of_whom_it_meets(nlp) -> None:
    for text in (
        "In Peru Minister Jane Smallwood met Chile.",
        "Chile's president froze the assets of Peruvian officials, among them Deputy Minister Ivan Petrovsky.",
    ):
        assert not any(s.predicate == "officialOf" for s in run_text(nlp, text).statements), text


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("The Kurds are opposed to Iranian President Hassan Rouhani.", "Iran"),
        ("The rebels are hostile to Venezuelan President Nicolas Maduro.", "Venezuela"),
    ],
)
def test_a_demonym_after_to_is_an_office_not_a_place(nlp, text: str, state: str) -> None:
    result = run_text(nlp, text)
    assert ("leaderOf", state) in {(s.predicate, result.actors[s.object].label) for s in result.statements}
