"""The derived lexicon: CAMEO-scale trigger frames under the hand-written ones.

``ontology/cameo_lexicon.yaml`` is generated from PETRARCH2's verb dictionary and the CAMEO-to-PLOVER table by
``make lexicon`` (:mod:`kg.cameo`): verbs, verb phrases ("break tie", "demand withdrawal") and event nouns, each
with its relation, CAMEO code, PLOVER type and mode. It fills in what ``ontology/relations.yaml`` does not say: a
word the hand-written lexicon has keeps its frames there, and a derived frame weighs :data:`DERIVED_WEIGHT` of its
relation's strength, as a word the project has not checked by hand.

Only verbs and nouns of a specific CAMEO code are layered (:func:`specific`): PETRARCH files the verbs it has no
finer place for under a class's root code ("add", "affect" under 050/060), and its phrases repeat the hand-written
light-verb frames with codes of their own; both cost more precision than they bring recall on the check halves of
the gold sets (the closing note of the stop that made this measures each). Even so, the layer brings coverage at
some precision (re3d precision 0.63 to 0.59 on the check half, CAMEO sentences given an event 0.63 to 0.64), so it
is off unless the lexicon says ``derived_frames: true`` (``ontology/relations.yaml``): a user who wants recall over
precision turns it on in their copy of the ontology.

>>> from kg.lexicon import Lexicon, Trigger, load_lexicon
>>> from kg.paths import ONTOLOGY_DIR
>>> lexicon = Lexicon(strength=dict(load_lexicon().strength))
>>> add_derived(lexicon, ONTOLOGY_DIR / "cameo_lexicon.yaml")
>>> lexicon.verbs["extradite"]
[Trigger(relation='coerces', extra=(), strength=0.56)]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from kg.errors import LexiconError
from kg.paths import load_yaml

if TYPE_CHECKING:
    from kg.lexicon import Lexicon

DERIVED_WEIGHT = 0.8
"""How much a derived frame weighs against a hand-written one of the same relation (the confidence factor)."""
SECTIONS = frozenset({"verbs", "phrases", "nouns", "left_out", "conflicts"})
FRAME_KEYS = frozenset({"relation", "cameo", "plover", "mode", "forms"})


def add_derived(lexicon: Lexicon, path: Path) -> None:
    """Add the frames of a derived lexicon file that the hand-written lexicon lacks (nothing when it is absent)."""
    if not path.exists():
        return
    from kg.lexicon import Trigger  # the lexicon module imports this one to load

    data = _read(path)
    hand = {
        name: {(head, t.extra) for head, entries in table.items() for t in entries}
        for name, table in (("verbs", lexicon.verbs), ("nouns", lexicon.nouns))
    }
    hand_verbs = set(lexicon.verbs)
    for section, table in (("verbs", lexicon.verbs), ("nouns", lexicon.nouns)):
        for words, frame in (data.get(section) or {}).items():
            relation = _relation(frame, lexicon, f"{path} ({section}: {words})")
            if not specific(str(frame.get("cameo", ""))):
                continue
            head, *extra = str(words).lower().split()
            if section == "nouns":
                *extra, head = str(words).lower().split()
            known = hand[section]
            if (head, tuple(extra)) in known or (section == "verbs" and head in hand_verbs):
                continue  # the hand-written lexicon says what this word means
            strength = round(lexicon.strength.get(relation, 0.7) * DERIVED_WEIGHT, 3)
            table.setdefault(head, []).append(Trigger(relation, tuple(extra), strength))
            mode = frame.get("mode")
            if mode and relation in lexicon.modes.relations:
                lexicon.modes.words.setdefault(head, str(mode))
    for table in (lexicon.verbs, lexicon.nouns):
        for entries in table.values():
            entries.sort(key=lambda t: -len(t.extra))
    lexicon.sources["derived"] = path


def specific(code: str) -> bool:
    """True for a CAMEO code finer than its class's root ("181" abduct, "0874" retreat; not "190", "060").

    >>> specific("181"), specific("0874"), specific("190"), specific("---")
    (True, True, False, False)
    """
    return len(code) >= 3 and code.isdigit() and code[2] != "0"


def _read(path: Path) -> dict:
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot load the derived lexicon ({exc})") from None
    unknown = set(data) - SECTIONS if isinstance(data, dict) else {"(not a mapping)"}
    if unknown:
        raise LexiconError(
            f"{path}: unknown section {sorted(unknown)[0]!r} (known: {', '.join(sorted(SECTIONS))})"
        )
    return data


def _relation(frame: object, lexicon: Lexicon, where: str) -> str:
    if not isinstance(frame, dict) or set(frame) - FRAME_KEYS:
        raise LexiconError(f"{where}: a frame holds only {', '.join(sorted(FRAME_KEYS))}")
    relation = str(frame.get("relation"))
    if relation not in lexicon.strength:
        raise LexiconError(f"{where}: {relation!r} is no relation of the lexicon")
    return relation
