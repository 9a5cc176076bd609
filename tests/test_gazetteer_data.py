"""Integrity of the gazetteer data in ``ontology/gazetteer/*.yaml``, read with PyYAML alone (no loader)."""

from __future__ import annotations

import re
from collections import defaultdict

import pycountry
import pytest
import yaml

from kg.gazetteer import gazetteer_files

CLASSES = {"State", "Leader", "Person", "Institution", "ArmedGroup", "Bloc", "Place"}
SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "PTY", "IGO", "REB", "INS", "OPP", "BUS", "MED", "NGO"}
FORM_FIELDS = ("aliases", "demonyms", "metonyms")
QID = re.compile(r"^Q[0-9]+$")
ISO3 = re.compile(r"^[A-Z]{3}$")

# Codes that are not ISO 3166 (current or historic): Kosovo's XKX and the user-assigned X?? range.
NON_ISO = {
    "XKX": "Kosovo",
    "XNC": "Northern Cyprus",
    "XAB": "Abkhazia",
    "XSO": "South Ossetia",
    "XSL": "Somaliland",
    "XTN": "Transnistria",
}
UN_MEMBER_COUNT = 193
BUILT_IN = ("states.yaml", "institutions.yaml", "armed_groups.yaml", "blocs.yaml")


def _load() -> list[tuple[str, dict]]:
    entries, extensions = [], []
    for path in gazetteer_files():  # the entry files, not the title lexicon beside them
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        assert isinstance(data, list), f"{path.name}: not a YAML list"
        entries.extend((path.name, r) for r in data if "extends" not in r)
        extensions.extend(r for r in data if "extends" in r)
    by_label = {record["label"]: record for _, record in entries}
    for extension in extensions:  # ``extends: <label>`` adds aliases to that entry (cameo_aliases.yaml)
        target = by_label[extension["extends"]]
        target["aliases"] = [*(target.get("aliases") or []), *extension["aliases"]]
    return entries


ENTRIES = _load()
STATES = [e for _, e in ENTRIES if e.get("class") == "State"]
STATE_ISO3 = {e["iso3"] for e in STATES}
LABELS = {e["label"]: e for _, e in ENTRIES}


def _is_iso(code: str) -> bool:
    return bool(pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code))


def _entry_id(value: object) -> str:
    return value if isinstance(value, str) else str(value.get("label"))


def _forms(entry: dict) -> set[str]:
    forms = {entry["label"]}
    for field in FORM_FIELDS:
        forms.update(entry.get(field) or [])
    return forms


def _entries_named(form: str) -> list[dict]:
    return [e for _, e in ENTRIES if form in _forms(e)]


def test_built_in_files_are_present() -> None:
    names = {name for name, _ in ENTRIES}
    assert set(BUILT_IN) <= names


@pytest.mark.parametrize(("source", "entry"), ENTRIES, ids=_entry_id)
def test_entry_has_label_class_and_well_formed_fields(source: str, entry: dict) -> None:
    assert isinstance(entry.get("label"), str) and entry["label"].strip(), f"{source}: entry without a label"
    assert entry.get("class") in CLASSES, f"{source}: {entry['label']} has class {entry.get('class')!r}"
    if "qid" in entry:
        assert QID.match(str(entry["qid"])), f"{entry['label']}: bad QID {entry['qid']!r}"
    for field in (*FORM_FIELDS, "anaphora", "ambiguous", "members"):
        value = entry.get(field, [])
        assert isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value), (
            f"{entry['label']}: {field} must be a list of non-empty strings"
        )
    if entry["class"] not in {"State", "Bloc", "Place", "Leader", "Person"}:
        assert entry.get("sector") in SECTORS, f"{entry['label']}: sector {entry.get('sector')!r}"
    assert set(entry.get("ambiguous") or []) <= _forms(entry), (
        f"{entry['label']}: an ambiguous form must also be one of its label, aliases, demonyms or metonyms"
    )


def test_every_state_has_a_qid_and_a_known_iso3_code() -> None:
    bad = []
    for state in STATES:
        code = state.get("iso3", "")
        if not QID.match(str(state.get("qid", ""))):
            bad.append(f"{state['label']}: QID {state.get('qid')!r}")
        if not ISO3.match(code) or not (_is_iso(code) or code in NON_ISO):
            bad.append(f"{state['label']}: iso3 {code!r}")
    assert not bad, bad


def test_non_iso_codes_are_exactly_the_listed_ones() -> None:
    unknown = {s["iso3"]: s["label"] for s in STATES if not _is_iso(s["iso3"])}
    assert unknown == NON_ISO


def test_iso3_codes_qids_and_labels_are_unique() -> None:
    codes = [s["iso3"] for s in STATES]
    assert len(codes) == len(set(codes))
    qids = [e["qid"] for _, e in ENTRIES if e.get("qid")]
    assert sorted(q for q in set(qids) if qids.count(q) > 1) == []
    labels = [e["label"] for _, e in ENTRIES]
    assert sorted(x for x in set(labels) if labels.count(x) > 1) == []


def test_all_un_member_states_are_present() -> None:
    un = LABELS["United Nations"]
    members = set(un["members"])
    assert len(un["members"]) == len(members) == UN_MEMBER_COUNT
    assert members <= STATE_ISO3
    assert len(STATES) >= UN_MEMBER_COUNT
    for observer in ("PSE", "VAT"):
        assert observer in STATE_ISO3 and observer not in members


def test_no_surface_form_names_two_entries_unless_marked_ambiguous() -> None:
    owners: dict[str, list[dict]] = defaultdict(list)
    for _, entry in ENTRIES:
        for form in _forms(entry):
            owners[form].append(entry)
    clashes = {
        form: [e["label"] for e in entries]
        for form, entries in owners.items()
        if len(entries) > 1 and not all(form in (e.get("ambiguous") or []) for e in entries)
    }
    assert clashes == {}


def test_members_country_and_part_of_refer_to_known_entries() -> None:
    bad = []
    for _, entry in ENTRIES:
        for code in entry.get("members") or []:
            if code not in STATE_ISO3:
                bad.append(f"{entry['label']}: member {code}")
        if "country" in entry and entry["country"] not in STATE_ISO3:
            bad.append(f"{entry['label']}: country {entry['country']}")
        part_of = entry.get("part_of")
        if part_of is not None and part_of not in STATE_ISO3 and part_of not in LABELS:
            bad.append(f"{entry['label']}: part_of {part_of}")
        if part_of in STATE_ISO3 and entry.get("country", part_of) != part_of:
            bad.append(f"{entry['label']}: country {entry['country']} but part_of {part_of}")
    assert not bad, bad


def test_demonyms_are_capitalised() -> None:
    lower = [(e["label"], d) for _, e in ENTRIES for d in e.get("demonyms") or [] if not d[0].isupper()]
    assert lower == []


@pytest.mark.parametrize(
    ("form", "field", "expected"),
    [
        ("the Kremlin", "label", "Russia"),
        ("Moscow", "label", "Russia"),
        ("ISIL", "qid", "Q2429253"),
        ("Daesh", "qid", "Q2429253"),
        ("Brussels", "label", "European Union"),
        ("Britain", "label", "United Kingdom"),
        ("Downing Street", "iso3", "GBR"),
        ("Washington", "qid", "Q30"),
        ("Kyiv", "iso3", "UKR"),
        ("Élysée", "iso3", "FRA"),
        ("the Pentagon", "country", "USA"),
        ("Revolutionary Guards", "country", "IRN"),
        ("the West", "class", "Bloc"),
        ("Americans", "iso3", "USA"),
        ("Soviet", "iso3", "SUN"),
    ],
)
def test_spot_checks(form: str, field: str, expected: str) -> None:
    named = _entries_named(form)
    assert len(named) == 1, f"{form!r} names {[e['label'] for e in named]}"
    assert named[0].get(field) == expected


def test_ambiguous_forms_name_every_candidate() -> None:
    assert {e["iso3"] for e in _entries_named("Congo")} == {"COG", "COD"}
    assert {e["iso3"] for e in _entries_named("Korean")} == {"KOR", "PRK"}


def test_membership_lists() -> None:
    bodies = ("NATO", "European Union", "UN Security Council")
    members = {label: set(LABELS[label]["members"]) for label in bodies}
    assert len(members["NATO"]) == 32 and {"FIN", "SWE"} <= members["NATO"]
    assert len(members["European Union"]) == 27 and "GBR" not in members["European Union"]
    assert members["UN Security Council"] == {"CHN", "FRA", "RUS", "GBR", "USA"}
    assert {"EGY", "ETH", "IRN", "ARE"} <= set(LABELS["BRICS"]["members"])
    assert LABELS["NATO"]["qid"] == "Q7184" and "the alliance" in LABELS["NATO"]["anaphora"]
