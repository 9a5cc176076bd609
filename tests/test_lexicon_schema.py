"""The lexicon is validated on load: a typo in a key, a word list or a relation name is a coded error (E302),
never a rule silently switched off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kg.errors import LexiconError
from kg.lexicon import CUES, FUNCTION_WORDS, load_lexicon
from kg.paths import ONTOLOGY_DIR

ROOT = Path(__file__).resolve().parent.parent


def _lexicon_with(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load((ONTOLOGY_DIR / "relations.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "relations.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _rename(section: dict, old: str, new: str) -> None:
    section[new] = section.pop(old)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: _rename(d, "light_verbs", "lite_verbs"), "unknown key 'lite_verbs'"),
        (
            lambda d: _rename(d["modality"], "negating_verbs", "negatng_verbs"),
            "unknown key 'modality.negatng_verbs'",
        ),
        (lambda d: d["modality"].pop("reporting_verbs"), "lacks the word list 'reporting_verbs'"),
        (
            lambda d: _rename(d["relations"]["attacks"], "preps", "prepositions"),
            "relations.attacks.prepositions",
        ),
        (lambda d: d["halted"].update(meetsWith="sanctons"), "halted names 'sanctons'"),
        (lambda d: d["modes"]["deeds"].update(atacks="military"), "modes.deeds names 'atacks'"),
        (lambda d: d.update(modes=["military"]), "'modes' must be a mapping"),
        (lambda d: d["function_words"].pop("agent"), "the function_words section lacks 'agent'"),
        (lambda d: d["function_words"].update(agnt=["by"]), "unknown key 'function_words.agnt'"),
        (
            lambda d: next(op for op in d["operators"] if "lists" in op).update(lists=["haltng_verbs"]),
            "names 'haltng_verbs', no word list of the modality section",
        ),
        (lambda d: d["operators"][0].update(paths=["xcmp"]), "no dependency label 'xcmp'"),
        (lambda d: d.update(inclusion="memberOf"), "'inclusion' must be a mapping"),
        (lambda d: d["relations"]["attacks"].pop("examples"), "relations.attacks needs examples"),
        (lambda d: d["structural"]["partOf"].update(examples=[]), "structural.partOf needs examples"),
        (lambda d: d["mediation"].pop("examples"), "mediation needs examples"),
        (lambda d: d["reaction"].update(examples="Chad is shocked."), "reaction needs examples"),
        (
            lambda d: d["relations"]["aids"]["examples"].append(
                {"expect": [["Chad", "aids", "Niger", "asserted"]]}
            ),
            "relations.aids: an example needs a text",
        ),
        (
            lambda d: d["receipt"]["examples"][0].update(expected=[]),
            "receipt: an example needs a text, and only expect and absent besides",
        ),
        (
            lambda d: d["relations"]["aids"]["examples"].append(
                {"text": "Chad aided Niger.", "expect": [["Chad", "aids", "Niger"]]}
            ),
            "relations.aids: example 'Chad aided Niger.': expect and absent must be lists of",
        ),
        (
            lambda d: d["joint_action"]["examples"].append(
                {"text": "Chad and Mali shelled Niger.", "absent": "none"}
            ),
            "joint_action: example 'Chad and Mali shelled Niger.': expect and absent must be lists of",
        ),
        (
            lambda d: d["relations"]["aids"]["examples"].append({"text": "Chad aided Niger.", "expect": []}),
            "relations.aids: example 'Chad aided Niger.' has no triple",
        ),
    ],
)
def test_a_typo_in_the_lexicon_is_a_coded_error(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    path = _lexicon_with(tmp_path, change)
    with pytest.raises(LexiconError, match=re.escape(message)) as raised:
        load_lexicon(path)
    assert str(raised.value).startswith("error[E302]:") and "\n" not in str(raised.value)


def test_a_word_list_the_code_asks_for_by_a_wrong_name_is_an_error() -> None:
    lexicon = load_lexicon()
    assert "say" in lexicon.cue("reporting_verbs")
    with pytest.raises(LexiconError, match="no word list 'reportng_verbs'"):
        lexicon.cue("reportng_verbs")


def test_a_function_word_the_code_asks_for_by_a_wrong_name_is_an_error() -> None:
    lexicon = load_lexicon()
    assert lexicon.word("agent") == {"by"}
    with pytest.raises(LexiconError, match="no function word 'agnt'"):
        lexicon.word("agnt")


def test_every_word_list_the_code_names_is_declared() -> None:
    """Each ``cue("...")`` and ``word("...")`` in the code names a declared list, so none can fail at run time."""
    cues, words = set(), set()
    for path in (ROOT / "kg").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        cues |= set(re.findall(r'cue\("([a-z_]+)"\)', text))
        words |= set(re.findall(r'\.word\("([a-z_]+)"\)', text))
    assert cues and cues <= CUES
    assert words and words <= FUNCTION_WORDS
