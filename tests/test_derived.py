"""The derived (CAMEO) frames layered under the hand-written lexicon (kg/derived.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.derived import add_derived
from kg.errors import LexiconError
from kg.lexicon import Lexicon, load_lexicon
from kg.paths import ONTOLOGY_DIR


def _derived(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "derived.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _fresh() -> Lexicon:
    hand = load_lexicon()
    lexicon = Lexicon(strength=dict(hand.strength))
    lexicon.verbs = {"attack": list(hand.verbs["attack"])}
    return lexicon


def test_a_derived_verb_the_hand_lexicon_lacks_is_added_at_a_lower_strength(tmp_path: Path) -> None:
    lexicon = _fresh()
    add_derived(lexicon, _derived(tmp_path, {"verbs": {"kidnap": {"relation": "attacks", "cameo": "181"}}}))
    [trigger] = lexicon.verbs["kidnap"]
    assert trigger.relation == "attacks" and trigger.strength < lexicon.strength["attacks"]


def test_a_hand_written_word_keeps_its_frames(tmp_path: Path) -> None:
    lexicon = _fresh()
    before = list(lexicon.verbs["attack"])
    add_derived(lexicon, _derived(tmp_path, {"verbs": {"attack": {"relation": "accuses", "cameo": "111"}}}))
    assert lexicon.verbs["attack"] == before


def test_a_root_code_is_not_layered(tmp_path: Path) -> None:
    lexicon = _fresh()
    add_derived(lexicon, _derived(tmp_path, {"verbs": {"gather": {"relation": "meetsWith", "cameo": "040"}}}))
    assert "gather" not in lexicon.verbs


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"verbs": {"kidnap": {"relation": "kidnaps", "cameo": "181"}}}, "no relation"),
        ({"verbz": {}}, "unknown section 'verbz'"),
        ({"verbs": {"kidnap": {"relation": "attacks", "code": "181"}}}, "a frame holds only"),
    ],
)
def test_a_malformed_derived_lexicon_is_a_coded_error(tmp_path: Path, data: dict, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        add_derived(_fresh(), _derived(tmp_path, data))


def test_the_lexicon_layers_the_derived_frames_only_when_it_says_so(tmp_path: Path) -> None:
    text = (ONTOLOGY_DIR / "relations.yaml").read_text(encoding="utf-8")
    assert "\nderived_frames: false\n" in text and "extradite" not in load_lexicon().verbs
    on = tmp_path / "relations.yaml"
    on.write_text(text.replace("\nderived_frames: false\n", "\nderived_frames: true\n"), encoding="utf-8")
    assert [t.relation for t in load_lexicon(on).verbs["extradite"]] == ["coerces"]


def test_derived_agent_nouns_extend_the_sectors_but_never_override_them(tmp_path: Path) -> None:
    sectors = tmp_path / "sectors.yaml"
    sectors.write_text((ONTOLOGY_DIR / "sectors.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    agents = {
        "sectors": {
            "CVL": {"nouns": ["fisherwoman", "oil freighter", "troops"]},
            "REB": {"nouns": ["maquis"]},
        }
    }
    (tmp_path / "cameo_agents.yaml").write_text(yaml.safe_dump(agents), encoding="utf-8")
    lexicon = load_lexicon(sectors=sectors)
    assert lexicon.sector_of["fisherwoman"] == "CVL" and lexicon.sector_of["maquis"] == "REB"
    assert "freighter" not in lexicon.sector_of  # a thing is no civilian
    assert lexicon.sector_of["troop"] == load_lexicon().sector_of["troop"]  # the hand-written sector stands
