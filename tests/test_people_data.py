"""Integrity of ``ontology/gazetteer/people.yaml`` (leaders and their terms) and ``ontology/gazetteer/titles.yaml``.

Read with PyYAML alone, so the data is checked independently of the loader that compiles it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from itertools import combinations

import pycountry
import pytest
import yaml

from kg.paths import GAZETTEER_DIR

PEOPLE = yaml.safe_load((GAZETTEER_DIR / "people.yaml").read_text(encoding="utf-8"))
TITLES = yaml.safe_load((GAZETTEER_DIR / "titles.yaml").read_text(encoding="utf-8"))
BY_LABEL = {person["label"]: person for person in PEOPLE}
TITLE_BY_NAME = {entry["title"]: entry for entry in TITLES}

# Organisations a role may be held in, by their canonical gazetteer label.
ORGANISATIONS = {
    "NATO",
    "United Nations",
    "European Union",
    "European Commission",
    "European Council",
    "European Parliament",
    "European Central Bank",
}
RELATIONS = {"leaderOf", "officialOf"}
SECTORS = {"GOV", "MIL", "LEG", "JUD", "IGO", "COP", "SPY", "PTY"}
ROLE_FIELDS = {"title", "of", "relation", "start", "end"}
PERSON_FIELDS = {"label", "class", "qid", "country", "sector", "aliases", "ambiguous", "roles"}
ISO3 = re.compile(r"^[A-Z]{3}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
QID = re.compile(r"^Q[1-9][0-9]*$")
# Offices that one person holds at a time: two terms of the same office must not overlap.
SINGLE_HOLDER = {
    "President",
    "Prime Minister",
    "Chancellor",
    "King",
    "Queen",
    "Emperor",
    "Emir",
    "Supreme Leader",
    "Secretary-General",
    "Secretary General",
    "High Representative",
    "Foreign Minister",
    "Foreign Secretary",
    "Secretary of State",
    "Defence Minister",
    "Defence Secretary",
    "Chancellor of the Exchequer",
    "Crown Prince",
}
REQUIRED_TITLES = {
    "President",
    "Vice President",
    "Prime Minister",
    "Chancellor",
    "King",
    "Queen",
    "Emir",
    "Crown Prince",
    "Supreme Leader",
    "Secretary General",
    "Secretary-General",
    "High Representative",
    "Foreign Minister",
    "Foreign Secretary",
    "Secretary of State",
    "Defence Minister",
    "Defence Secretary",
    "Interior Minister",
    "Finance Minister",
    "Minister",
    "Ambassador",
    "Envoy",
    "Special Envoy",
    "Spokesperson",
    "General",
    "Admiral",
    "Commander",
    "Chief of Staff",
    "Senator",
    "Congressman",
    "MP",
    "Speaker",
    "Mayor",
    "Governor",
    "Prosecutor",
    "Judge",
    "Party Leader",
    "Opposition Leader",
    "Director",
}
ROLES = [(person["label"], role) for person in PEOPLE for role in person.get("roles") or []]


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _term(role: dict) -> tuple[date, date]:
    """A role's (start, end); an open term ends on date.max."""
    return _day(role["start"]), _day(role["end"]) if "end" in role else date.max


def offices_on(label: str, day: date) -> set[tuple[str, str]]:
    """(title, of) of every office ``label`` held on ``day``; a term includes its start and excludes its end.

    >>> offices_on("Vladimir Putin", date(2010, 6, 1))
    {('Prime Minister', 'RUS')}
    """
    held = set()
    for role in BY_LABEL[label]["roles"]:
        start, end = _term(role)
        if start <= day < end:
            held.add((role["title"], role["of"]))
    return held


def _forms(person: dict) -> set[str]:
    return {person["label"], *(person.get("aliases") or [])}


def test_there_are_enough_people_and_roles() -> None:
    assert len(PEOPLE) >= 250
    assert len(ROLES) >= len(PEOPLE)


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.get("label", "?"))
def test_person_is_well_formed(person: dict) -> None:
    assert isinstance(person.get("label"), str) and person["label"].strip() == person["label"] != ""
    assert person.get("class") == "Leader"
    assert set(person) <= PERSON_FIELDS, set(person) - PERSON_FIELDS
    assert isinstance(person.get("roles"), list) and person["roles"], "a leader needs at least one role"
    if "qid" in person:
        assert QID.match(person["qid"])
    if "country" in person:
        assert pycountry.countries.get(alpha_3=person["country"]) is not None
    assert person.get("sector") in SECTORS
    for field in ("aliases", "ambiguous"):
        forms = person.get(field, [])
        assert isinstance(forms, list) and all(isinstance(f, str) and f.strip() == f != "" for f in forms)
    assert set(person.get("ambiguous") or []) <= set(person.get("aliases") or [])
    assert person["label"] not in (person.get("aliases") or [])


@pytest.mark.parametrize(("label", "role"), ROLES, ids=lambda v: v if isinstance(v, str) else v.get("title"))
def test_role_is_well_formed(label: str, role: dict) -> None:
    assert set(role) <= ROLE_FIELDS and {"title", "of", "relation", "start"} <= set(role), role
    office = role["of"]
    assert office in ORGANISATIONS or (ISO3.match(office) and pycountry.countries.get(alpha_3=office)), office
    assert role["relation"] in RELATIONS
    assert role["title"] in TITLE_BY_NAME, f"{label}: title {role['title']!r} is not in titles.yaml"
    assert role["relation"] == TITLE_BY_NAME[role["title"]]["relation"], f"{label}: {role['title']}"
    # Dates are quoted ISO strings, so every YAML loader reads them the same way.
    for key in ("start", "end"):
        if key in role:
            assert isinstance(role[key], str) and ISO_DATE.match(role[key]), f"{label}: {key} {role[key]!r}"
    start, end = _term(role)
    assert start <= end, f"{label}: {role}"
    assert date(1945, 1, 1) <= start <= date(2026, 11, 30)


def test_labels_and_qids_are_unique() -> None:
    labels = [p["label"] for p in PEOPLE]
    assert len(labels) == len(set(labels))
    qids = [p["qid"] for p in PEOPLE if "qid" in p]
    assert len(qids) == len(set(qids))


def test_no_two_people_share_a_form_unless_both_mark_it_ambiguous() -> None:
    owners: dict[str, list[dict]] = defaultdict(list)
    for person in PEOPLE:
        for form in _forms(person):
            owners[form].append(person)
    clashes = {
        form: [p["label"] for p in people]
        for form, people in owners.items()
        if len(people) > 1 and not all(form in (p.get("ambiguous") or []) for p in people)
    }
    assert clashes == {}


def test_shared_surnames_are_ambiguous() -> None:
    for form, labels in {
        "Clinton": {"Bill Clinton", "Hillary Clinton"},
        "Kim": {"Kim Jong-il", "Kim Jong-un", "Kim Dae-jung"},
        "Sharif": {"Nawaz Sharif", "Shehbaz Sharif", "Raheel Sharif"},
        "Rice": {"Condoleezza Rice", "Susan Rice"},
    }.items():
        assert {p["label"] for p in PEOPLE if form in (p.get("ambiguous") or [])} == labels


def test_terms_of_a_single_holder_office_do_not_overlap() -> None:
    terms: dict[tuple[str, str], list[tuple[date, date, str]]] = defaultdict(list)
    for label, role in ROLES:
        if role["title"] in SINGLE_HOLDER:
            terms[(role["title"], role["of"])].append((*_term(role), label))
    overlaps = [
        (office, a[2], b[2])
        for office, spans in terms.items()
        for a, b in combinations(spans, 2)
        if a[0] < b[1] and b[0] < a[1]
    ]
    assert overlaps == []


@pytest.mark.parametrize(
    ("label", "day", "office"),
    [
        ("Vladimir Putin", date(2001, 6, 1), ("President", "RUS")),
        ("Vladimir Putin", date(2010, 6, 1), ("Prime Minister", "RUS")),
        ("Vladimir Putin", date(2015, 6, 1), ("President", "RUS")),
        ("Dmitry Medvedev", date(2009, 6, 1), ("President", "RUS")),
        ("Dmitry Medvedev", date(2013, 6, 1), ("Prime Minister", "RUS")),
        ("Angela Merkel", date(2015, 1, 1), ("Chancellor", "DEU")),
        ("Jens Stoltenberg", date(2016, 6, 1), ("Secretary General", "NATO")),
        ("Recep Tayyip Erdoğan", date(2010, 6, 1), ("Prime Minister", "TUR")),
        ("Recep Tayyip Erdoğan", date(2020, 6, 1), ("President", "TUR")),
        ("Donald Trump", date(2025, 6, 1), ("President", "USA")),
        ("Donald Tusk", date(2016, 6, 1), ("President", "European Council")),
        ("Ursula von der Leyen", date(2016, 6, 1), ("Defence Minister", "DEU")),
        ("Ursula von der Leyen", date(2020, 6, 1), ("President", "European Commission")),
        ("John Kerry", date(2015, 6, 1), ("Secretary of State", "USA")),
        ("Bashar al-Assad", date(2015, 6, 1), ("President", "SYR")),
    ],
)
def test_roles_depend_on_the_date(label: str, day: date, office: tuple[str, str]) -> None:
    assert offices_on(label, day) == {office}


def test_former_office_holders_are_out_of_office() -> None:
    assert offices_on("Vladimir Putin", date(1990, 1, 1)) == set()
    assert offices_on("Donald Trump", date(2022, 6, 1)) == set()
    assert offices_on("Bashar al-Assad", date(2025, 6, 1)) == set()
    assert offices_on("Dmitry Medvedev", date(2021, 6, 1)) == {("Deputy Chairman", "RUS")}


def test_who_held_an_office_on_a_day() -> None:
    def holders(title: str, office: str, day: date) -> set[str]:
        return {
            label
            for label, role in ROLES
            if role["title"] == title and role["of"] == office and _term(role)[0] <= day < _term(role)[1]
        }

    assert holders("President", "RUS", date(2010, 6, 1)) == {"Dmitry Medvedev"}
    assert holders("Prime Minister", "GBR", date(2017, 1, 1)) == {"Theresa May"}
    assert holders("Secretary-General", "United Nations", date(2010, 1, 1)) == {"Ban Ki-moon"}
    assert holders("High Representative", "European Union", date(2016, 1, 1)) == {"Federica Mogherini"}
    assert holders("Supreme Leader", "IRN", date(2020, 1, 1)) == {"Ali Khamenei"}
    assert holders("Crown Prince", "SAU", date(2020, 1, 1)) == {"Mohammed bin Salman"}


def test_international_civil_servants_have_no_country() -> None:
    for label in ("Ban Ki-moon", "António Guterres", "Javier Solana", "Jean-Claude Juncker", "Mark Rutte"):
        assert "country" not in BY_LABEL[label] and BY_LABEL[label]["sector"] == "IGO"
    assert BY_LABEL["Sergei Lavrov"]["country"] == "RUS"
    assert BY_LABEL["Valery Gerasimov"]["sector"] == "MIL"


@pytest.mark.parametrize("entry", TITLES, ids=lambda t: t.get("title", "?"))
def test_title_is_well_formed(entry: dict) -> None:
    assert (
        {"title", "relation", "sector", "forms"}
        <= set(entry)
        <= {"title", "relation", "sector", "forms", "shared", "generic"}
    )
    assert entry.get("shared", False) in (True, False)
    assert entry.get("generic", False) in (True, False)
    assert entry["relation"] in RELATIONS
    assert entry["sector"] in SECTORS
    forms = entry["forms"]
    assert (
        isinstance(forms, list) and forms and all(isinstance(f, str) and f.strip() == f != "" for f in forms)
    )
    assert entry["title"] in forms
    assert len(forms) == len(set(forms))


def test_titles_are_unique_and_each_form_names_one_title() -> None:
    assert len(TITLE_BY_NAME) == len(TITLES)
    owners: dict[str, list[str]] = defaultdict(list)
    for entry in TITLES:
        for form in entry["forms"]:
            owners[form].append(entry["title"])
    assert {form: titles for form, titles in owners.items() if len(titles) > 1} == {}


def test_title_lexicon_covers_the_required_titles() -> None:
    assert set(TITLE_BY_NAME) >= REQUIRED_TITLES
    forms = {form for entry in TITLES for form in entry["forms"]}
    for form in (
        "PM",
        "Premier",
        "premier",
        "Defense Secretary",
        "Spokesman",
        "spokeswoman",
        "Secretary-General",
    ):
        assert form in forms
    assert TITLE_BY_NAME["Prime Minister"]["relation"] == "leaderOf"
    assert TITLE_BY_NAME["Ambassador"]["relation"] == "officialOf"
    assert TITLE_BY_NAME["General"]["sector"] == "MIL"
