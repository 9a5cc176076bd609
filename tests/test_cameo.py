"""The CAMEO converter (kg/cameo) on a made-up fixture in PETRARCH2's formats, and the data files it generated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rdflib import Graph
from rdflib.namespace import SKOS

from kg.cameo import convert
from kg.cameo.actors import convert_agents, derive_aliases
from kg.cameo.frames import Lemmatizer, convert_verbs
from kg.cameo.petrarch import Agent, read_actors, read_agents, read_verb_dictionary
from kg.cameo.plover import RELATION_OF_TYPE, parse_plover_table
from kg.errors import DictionaryError, GazetteerError
from kg.gazetteer import Entry, Gazetteer, load_gazetteer
from kg.paths import GAZETTEER_DIR, ONTOLOGY_DIR

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "petrarch"
TABLE = DATA / "plover-table.txt"


def _lines(name: str) -> list[str]:
    return (FIXTURE / name).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def frames():
    table = parse_plover_table(TABLE.read_text(encoding="utf-8").splitlines())
    return convert_verbs(read_verb_dictionary(_lines("CAMEO.verbpatterns.150430.txt")), table, Lemmatizer())


def test_every_verb_of_a_class_gets_the_relation_of_its_code(frames) -> None:
    assert frames.verbs["smite"]["relation"] == "attacks"
    assert frames.verbs["smite"]["plover"] == "ASSAULT"
    assert frames.verbs["confabulate"]["relation"] == frames.verbs["negotiate"]["relation"] == "meetsWith"
    assert frames.verbs["insist"] == {
        "relation": "appealsTo",
        "cameo": "100",
        "plover": "REQUEST",
        "forms": ["insisted", "insisting", "insists"],
    }


def test_irregular_forms_are_kept_and_regular_ones_made(frames) -> None:
    assert frames.verbs["smite"]["forms"] == ["smites", "smiting", "smitten", "smote"]
    assert frames.verbs["sever"]["forms"] == ["severed", "severing", "severs"]


def test_the_mode_comes_from_the_tables_context_column(frames) -> None:
    assert frames.verbs["clobber"]["mode"] == "military"
    assert frames.phrases["plead for assistance"]["mode"] == "humanitarian"
    assert "mode" not in frames.verbs["negotiate"]  # "diplomatic" is no mode of ours


def test_a_verb_in_several_classes_takes_the_code_of_its_own_class_and_is_listed(frames) -> None:
    assert frames.verbs["clobber"]["cameo"] == "190"
    assert frames.conflicts["verbs"]["clobber"] == {"chosen": "190", "codes": ["160", "190"]}
    assert "whirl" not in frames.verbs  # --- WHIRL [---] --- says no event, though two classes list it
    assert frames.conflicts["verbs"]["whirl"] == {"chosen": "---", "codes": ["---", "100", "160"]}


def test_patterns_that_change_the_type_become_phrases(frames) -> None:
    assert frames.phrases["crack tie"]["relation"] == "sanctions"  # object head of DIPLOMATIC_TIES
    assert frames.phrases["clobber back"]["relation"] == "concedesTo"  # a particle
    assert frames.phrases["proclaim truce"]["relation"] == "withdrawsFrom"  # a synset, under a 01 verb
    assert frames.phrases["opine help"] == {
        "relation": "agreesWith",
        "cameo": "0332",
        "plover": "AGREE",
        "mode": "military",
    }
    assert frames.phrases["gun down"]["cameo"] == "193"  # a multi-word verb
    assert frames.phrases["opine analysis"]["relation"] == "accuses"  # a singular in -is stays whole
    assert "proclaim fire" not in frames.phrases  # CEASE_FIRE of &TRUCE is no "fire"


def test_patterns_that_keep_the_type_or_need_actor_slots_are_counted_not_converted(frames) -> None:
    assert "insist withdrawal" not in frames.phrases  # a request either way
    assert "clobber truce" not in frames.phrases
    assert not any(p.startswith("opine to") for p in frames.phrases)  # an infinitive
    assert "plead denounc" not in frames.phrases  # a stem of TABARI's days
    assert frames.left_out["patterns"] == {
        "a TABARI stem or a word the lemmatizer does not know (ACCUS, CONDEMNED)": 1,
        "an actor slot where a phrase cannot have one": 1,
        "an infinitive (to + verb)": 1,
        "the verb's own type (no change)": 3,
        "words before the verb (a subject noun or auxiliary)": 1,
    }
    assert frames.left_out["verbs"] == {"the verb after its compound word (WIRE_+TAP)": 1}


def test_01_statements_and_null_classes_are_left_out_with_reasons(frames) -> None:
    assert "opine" not in frames.verbs and "proclaim" not in frames.verbs
    assert "whirl" not in frames.verbs
    codes = frames.left_out["codes"]
    assert codes["010"]["verbs"] == 2
    assert codes["010"]["reason"].startswith("01 make statement")
    assert codes["---"] == {"reason": codes["---"]["reason"], "verbs": 3, "patterns": 1}


def test_event_nouns_come_from_verbs_they_name_and_from_statement_verbs(frames) -> None:
    assert frames.nouns["negotiation"]["relation"] == "meetsWith"  # what "negotiate" is
    assert frames.nouns["condemnation"]["relation"] == "accuses"  # "opine condemnation", a 01 verb
    assert "withdrawal" not in frames.nouns  # only "insist withdrawal": the request, not the noun
    assert "military help" not in frames.nouns  # no event noun


def test_02_appeals_are_read_as_their_10_twins() -> None:
    table = parse_plover_table(["1033: REQUEST, assist, humanitarian # made up"])
    assert table.frame("0233") == {
        "relation": "appealsTo",
        "cameo": "0233",
        "plover": "REQUEST",
        "mode": "humanitarian",
    }
    assert table.frame("0110") is None


def test_relations_follow_the_ontologys_plover_matches() -> None:
    onto = Graph().parse(ONTOLOGY_DIR / "newskg.ttl", format="turtle")
    matched = {
        str(o).rsplit("plover-", 1)[1]: str(s).rsplit("#", 1)[1]
        for s, o in onto.subject_objects(SKOS.closeMatch)
        if "plover-" in str(o)
    }
    assert len(matched) == 16
    assert {t: RELATION_OF_TYPE[t] for t in matched} == matched


def test_agent_nouns_map_to_our_sectors() -> None:
    agents, unreadable = read_agents(_lines("Phoenix.agents.txt"))
    result = convert_agents(agents)
    assert unreadable == 0
    assert result["sectors"]["COP"] == {"nouns": ["border sentry"], "phoenix": {"border sentry": "~COP"}}
    assert result["sectors"]["REB"]["nouns"] == ["river pirate"]  # unaligned armed forces
    assert result["sectors"]["GOV"]["phoenix"] == {"harbour minist": "~GOV", "tax collector": "~GOVBUS"}
    assert result["sectors"]["JUD"]["nouns"] == ["tribunal"]  # "THE_TRIBUNAL"
    assert result["sectors"]["CVL"]["nouns"] == ["dockfellow", "dockguy"]  # no plural from !GUY!
    assert result["left_out"] == {
        "Phoenix sector CRM: none of ours": 1,
        "not a plain noun (digits, symbols)": 1,
    }
    words = convert_agents(agents, lemmas=Lemmatizer())
    assert words["sectors"]["GOV"]["nouns"] == ["tax collector"]  # not the stem "harbour minist"
    assert words["left_out"]["a stem or a word the lemmatizer does not know"] == 1
    known = convert_agents(agents, {"border sentry": "MIL", "tribunal": "JUD"})
    assert "COP" not in known["sectors"] and "JUD" not in known["sectors"]  # sectors.yaml decides
    assert known["left_out"]["in sectors.yaml under another sector"] == 1
    assert known["left_out"]["in sectors.yaml already"] == 1


def _entry(key: str, label: str, cls: str, *forms: str, iso3: str | None = None) -> Entry:
    return Entry(key, label, cls, iso3=iso3, forms={label: "label", **dict.fromkeys(forms, "alias")})


def test_aliases_are_added_only_where_they_name_one_gazetteer_actor() -> None:
    gazetteer = Gazetteer(
        [
            _entry("shf", "Southern Hills Front", "ArmedGroup"),
            _entry("ntl", "Northland", "State", iso3="NTL"),
            _entry("js", "John Smith", "Person"),
        ]
    )
    records = read_actors(_lines("Phoenix.MilNonState.actors.txt")) + read_actors(
        _lines("Phoenix.International.actors.txt")
    )
    report = derive_aliases(records, gazetteer, frozenset({"the", "front"}))
    assert report.aliases == {
        "Northland": ["Hermit Republic"],  # its state code agrees with its name
        "Southern Hills Front": ["Hill Fighters of the South", "SHF"],
    }
    assert report.skipped["a common English word"] == 1  # "the Front"
    assert report.skipped["one or two letters"] == 1  # "SH"
    assert report.skipped["a person's name (a given name of the gazetteer's people)"] == 1  # "John Doe"
    assert report.skipped["names no gazetteer actor"] == 1  # the Southland group of the same name


def test_convert_writes_loadable_files_and_is_reproducible(tmp_path: Path) -> None:
    counts = convert(FIXTURE, TABLE, tmp_path / "a")
    convert(FIXTURE, TABLE, tmp_path / "b")
    names = ["cameo_lexicon.yaml", "cameo_agents.yaml", "gazetteer/cameo_aliases.yaml"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    lexicon = yaml.safe_load((tmp_path / "a" / "cameo_lexicon.yaml").read_text(encoding="utf-8"))
    assert counts["verbs"] == len(lexicon["verbs"]) == 6
    assert counts["phrases"] == len(lexicon["phrases"]) == 10


def test_bad_input_is_one_coded_error_line(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="no 'code: TYPE"):
        parse_plover_table(["just words"])
    run = subprocess.run(
        [sys.executable, "-m", "kg.cameo", str(tmp_path / "missing"), str(TABLE), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.startswith("error[E303]:") and len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_committed_files_load_and_have_the_documented_keys() -> None:
    lexicon = yaml.safe_load((ONTOLOGY_DIR / "cameo_lexicon.yaml").read_text(encoding="utf-8"))
    assert list(lexicon) == ["verbs", "phrases", "nouns", "left_out", "conflicts"]
    relations = set(RELATION_OF_TYPE.values())
    for section in ("verbs", "phrases", "nouns"):
        assert lexicon[section], section
        for key, frame in lexicon[section].items():
            assert key == key.lower() and frame["relation"] in relations, (section, key)
            assert isinstance(frame["cameo"], str) and not frame["cameo"].startswith("01"), (section, key)
    assert lexicon["verbs"]["bomb"]["relation"] == "attacks"
    assert {"reason", "verbs"} <= set(lexicon["left_out"]["codes"]["010"])
    agents = yaml.safe_load((ONTOLOGY_DIR / "cameo_agents.yaml").read_text(encoding="utf-8"))
    ours = set(yaml.safe_load((ONTOLOGY_DIR / "sectors.yaml").read_text(encoding="utf-8"))["sectors"])
    assert set(agents["sectors"]) <= ours
    assert all(set(spec["nouns"]) == set(spec["phoenix"]) for spec in agents["sectors"].values())
    aliases = yaml.safe_load((GAZETTEER_DIR / "cameo_aliases.yaml").read_text(encoding="utf-8"))
    assert aliases and all(set(entry) == {"extends", "aliases"} for entry in aliases)


def test_the_gazetteer_adds_extending_aliases_to_their_entry(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("- extends: Hamas\n  aliases: [Islamic Resistance of the Test]\n", encoding="utf-8")
    gazetteer = load_gazetteer([extra])
    (candidate,) = gazetteer.lookup("Islamic Resistance of the Test")
    assert candidate.entry.label == "Hamas" and candidate.kind == "alias"
    assert gazetteer.lookup("Hamas")[0].entry is candidate.entry  # one entry, its own forms kept
    wrong = tmp_path / "wrong.yaml"  # another file: loading is cached per set of files
    wrong.write_text("- extends: No Such Actor\n  aliases: [Nobody]\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="'extends' 'No Such Actor' names no gazetteer entry"):
        load_gazetteer([wrong])


def test_an_agent_phrase_with_of_is_left_out() -> None:
    """A sector noun is read by its head ("ministry"), so "ministry of fisheries" would never be read."""
    agents = [
        Agent("MINISTRY_OF_FISHERIES", "", "~GOV"),
        Agent("HARBOUR_WARDEN", "", "~COP"),
        Agent("CHIEF_OF_THE_HARBOUR_POLICE", "", "~COP"),
    ]
    result = convert_agents(agents)
    assert result["sectors"] == {"COP": {"nouns": ["harbour warden"], "phoenix": {"harbour warden": "~COP"}}}
    assert result["left_out"] == {"a phrase with 'of' (a sector noun is read by its head)": 2}
