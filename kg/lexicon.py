"""The relation lexicon: ``ontology/relations.yaml`` and ``ontology/sectors.yaml`` compiled for the extractor.

Trigger verbs and event nouns per relation, their target prepositions, modality cues, sector nouns and the
other word lists the rules of :mod:`kg.extract` reads. Data, not code: every list is in
the YAML files, documented there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from kg.derived import add_derived
from kg.errors import GazetteerError, LexiconError
from kg.operators import DERIVE, EXAMPLE_KEYS, Operator, Operators, load_operators
from kg.paths import ONTOLOGY_DIR, load_yaml

FUNCTION_WORDS = frozenset({
    "agent", "area", "complementizer", "conjunction", "definite", "demonstratives", "first_plural",
    "first_singular", "goal", "infinitive", "partner", "perfect", "person_pronouns", "place", "plural_pronouns",
    "purpose", "quantifiers", "quantity_particle", "question", "role", "source", "theme", "thing_pronouns",
    "vicinity",
})  # fmt: skip
"""The function words the readers of :mod:`kg.extract` ask for by what they mark (``function_words`` in
``relations.yaml``): a reader asks for the agent's preposition, the lexicon says it is "by"."""

CUES = frozenset({
    "accompanying_marks", "agentive_of_nouns", "aiming_preps", "backing_relations", "captive_nouns",
    "carrying_preps", "claim_verbs", "comitative_preps", "compound_preps", "condition_marks", "conditional_targets",
    "counterpart_nouns", "deed_doer_relations", "deeds_not_descriptions", "drawing_verbs", "enabling_verbs",
    "ethnic_modifiers", "foreign_modifiers", "gerund_control_preps", "halting_verbs", "homeland_nouns",
    "intangible_objects", "joint_words", "leading_participles", "linking_participles", "means_nouns",
    "mutual_deeds", "negating_verbs", "object_control_preps", "object_control_verbs", "obligation_aux",
    "occasion_preps", "occurrence_verbs", "owning_participles", "pair_people", "pair_sides", "pair_states",
    "pair_words", "people_containers", "policing_sectors", "posture_nouns", "posture_preps", "preparation_verbs",
    "promise_verbs", "protective_verbs", "quality_preps", "reaction_preps", "reaction_words", "refusal_verbs",
    "relational_nouns", "reported_future_aux", "reporting_frames", "reporting_verbs", "scene_preps",
    "seat_participles", "state_deeds", "threat_marks", "topic_object_verbs", "topic_preps", "wanting_verbs",
    "weapon_deeds",
})  # fmt: skip
"""The word lists of the ``modality`` section the rules read through :meth:`Lexicon.cue`: the file must hold
each of them and no other (besides the two mappings ``negating_particles`` and ``forgone_marks``)."""

ANY = None
"""A schema value: any YAML value (a scalar, a free mapping or a word list, checked where it is read)."""
RELATION_SPEC = dict.fromkeys(
    ("verbs", "nouns", "preps", "symmetric", "complement_target", "objects", "strength", "modifier_object",
     "states_are_members_of", "examples"),
    ANY,
)  # fmt: skip
CONSTRUCTIONS = ("joint_action", "receipt", "designation", "mediation", "inclusion", "reaction")
"""The construction frames of ``relations.yaml``: like every relation, each carries ``examples``."""
RELATIONS_SCHEMA: dict = {
    "light_verbs": ANY, "measure_nouns": ANY, "hyphen_prefixes": ANY, "lemma_fixes": ANY, "copulas": ANY,
    "recipient_verbs": ANY, "locative_preps": ANY, "actor_classes": ANY, "preparations": ANY, "halted": ANY,
    "inclusion": {"relation": ANY, "examples": ANY}, "reaction": {"relation": ANY, "examples": ANY},
    "object_senses": {"*": {"relation": ANY, "objects": ANY}},
    "joint_action": {"deeds": ANY, "relation": ANY, "strength": ANY, "max_subjects": ANY, "examples": ANY},
    "modes": {"relations": ANY, "words": ANY, "preps": ANY, "verbal": ANY, "deeds": ANY,
              "armed": {"sectors": ANY, "classes": ANY, "mode": ANY}},
    "receipt": {"verbs": ANY, "supplies": ANY, "relation": ANY, "examples": ANY},
    "designation": {"verbs": ANY, "marks": ANY, "relation": ANY, "examples": ANY},
    "mediation": {"verbs": ANY, "relation": ANY, "strength": ANY, "examples": ANY},
    "domestic_target": {"deeds": ANY, "sectors": ANY, "not_by_governing": ANY, "verbs": ANY, "nouns": ANY,
                        "person_and_state": ANY},
    "governing_target": {"deeds": ANY, "sectors": ANY},
    "unknown_doer": {"actors": ANY, "in_state": ANY, "means": ANY},
    "authorities": {"verbs": ANY, "sector": ANY},
    "modality": {**dict.fromkeys(CUES, ANY), "negating_particles": ANY, "forgone_marks": ANY},
    "function_words": dict.fromkeys(FUNCTION_WORDS, ANY),
    "operators": ANY,
    "derived_frames": ANY,
    "relations": {"*": RELATION_SPEC},
    "structural": {"*": RELATION_SPEC},
}  # fmt: skip
"""The keys ``ontology/relations.yaml`` may hold, nested; ``*`` stands for any key (a relation's or a verb's).
Every relation and construction frame (:data:`CONSTRUCTIONS`) must carry ``examples`` (:func:`check_examples`).
The derived lexicon (``ontology/cameo_lexicon.yaml``, :mod:`kg.derived`) is exempt: it is reference data generated
by ``make lexicon``, not frames written by hand."""
SECTORS_SCHEMA: dict = {
    **dict.fromkeys(
        ("assets", "bodies", "containers", "documents", "irregular_sectors", "localities", "partitives",
         "state_bodies"),
        ANY,
    ),
    "sectors": {"*": {"label": ANY, "class": ANY, "unowned": ANY, "gazetteer_forms": ANY, "nouns": ANY}},
}  # fmt: skip
"""The keys ``ontology/sectors.yaml`` may hold."""


def validate(data: object, schema: dict, where: str) -> None:
    """Raise :class:`LexiconError` (E302) for a key the schema does not know, naming where it stands.

    >>> validate({"modes": {"armd": {}}}, RELATIONS_SCHEMA, "relations.yaml")
    Traceback (most recent call last):
    kg.errors.LexiconError: error[E302]: relations.yaml: unknown key 'modes.armd' (known: armed, deeds, preps, ...)
    """
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected a mapping, found {type(data).__name__}")
    _validate(data, schema, where, "")


def _validate(data: dict, schema: dict, where: str, prefix: str) -> None:
    for key, value in data.items():
        spec = schema.get(key, schema.get("*", KeyError))
        if spec is KeyError:
            known = ", ".join(sorted(k for k in schema)[:3])
            raise LexiconError(f"{where}: unknown key {prefix + str(key)!r} (known: {known}, ...)")
        if isinstance(spec, dict):
            if not isinstance(value, dict):
                raise LexiconError(f"{where}: {prefix + str(key)!r} must be a mapping")
            _validate(value, spec, where, f"{prefix}{key}.")


@dataclass(frozen=True)
class Trigger:
    """A lexicon entry: ``relation`` when the head lemma is present with all ``extra`` lemmas among its children."""

    relation: str
    extra: tuple[str, ...]
    strength: float


@dataclass(frozen=True)
class VerbRule:
    """Verbs that tell ``trigger``'s relation when one of ``words`` comes with them: "received tanks from Germany"
    (the lexicon's ``receipt``: supplies received), "designated Hamas a terrorist group" (``designation``)."""

    verbs: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    trigger: Trigger = Trigger("aids", (), 0.75)


@dataclass(frozen=True)
class Modes:
    """The kinds of cooperation, aid and support (CAMEO 061-064, 071-074) and what tells them: a word of the
    trigger's phrase (lemma -> mode; with the objects of ``preps``), an armed end (``armed_sectors``,
    ``armed_classes``: ``armed``), or a deed the trigger's clause tells (relation -> mode)."""

    relations: frozenset[str] = frozenset()
    words: dict[str, str] = field(default_factory=dict)
    preps: frozenset[str] = frozenset()
    verbal: frozenset[str] = frozenset()  # triggers of support in words only: no mode
    armed_sectors: frozenset[str] = frozenset()
    armed_classes: frozenset[str] = frozenset()
    armed: str = "military"
    deeds: dict[str, str] = field(default_factory=dict)


@dataclass
class Lexicon:
    """The compiled relation lexicon (``ontology/relations.yaml``)."""

    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    preps: dict[str, frozenset[str]] = field(default_factory=dict)
    symmetric: frozenset[str] = frozenset()
    structural: frozenset[str] = frozenset()  # memberOf, partOf: relations of belonging, not deeds
    # relations whose noun names its object by a modifier ("a NATO member", "Sweden's NATO membership")
    modifier_objects: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    modality: dict[str, frozenset[str]] = field(default_factory=dict)
    function_words: dict[str, frozenset[str]] = field(default_factory=dict)
    negating_particles: dict[str, str] = field(default_factory=dict)
    # "rather" -> "than": what is done "rather than" is not done
    forgone_marks: dict[str, str] = field(default_factory=dict)
    object_classes: dict[str, frozenset[str]] = field(default_factory=dict)
    complement_target: frozenset[str] = frozenset()
    strength: dict[str, float] = field(default_factory=dict)
    recipient_verbs: frozenset[str] = frozenset()
    locative_preps: frozenset[str] = frozenset()
    measures: frozenset[str] = frozenset()  # "ten days of talks", "a series of attacks"
    lemma_fixes: dict[str, str] = field(default_factory=dict)  # word -> lemma the model gets wrong
    hyphen_prefixes: frozenset[str] = frozenset()  # "re-open" is one word, "reopen"
    copulas: frozenset[str] = frozenset()  # "Russia is a member of", "Crimea became part of"
    sector_of: dict[str, str] = field(default_factory=dict)  # noun lemma -> sector code
    # head lemma -> (modifier lemmas, sector code) of the multi-word sector nouns ("opposition party")
    sector_phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    # nouns that stand for their owner ("Islamic State positions")
    assets: frozenset[str] = frozenset()
    # nouns that stand for the organisation modifying them ("the al-Qaeda network")
    bodies: frozenset[str] = frozenset()
    # nouns that stand for their "of" phrase ("a group of diplomats")
    containers: frozenset[str] = frozenset()
    # nouns that stand for their "of"/"in" place ("the town of Cizre")
    localities: frozenset[str] = frozenset()
    # head nouns of names that name a document or an event, not an actor ("Cessation of Hostilities")
    documents: frozenset[str] = frozenset()
    # sectors whose definite noun is a body of the state in context ("the army", "Parliament")
    state_bodies: frozenset[str] = frozenset()
    # sectors whose modifier decides for any sector noun ("opposition forces")
    irregular_sectors: frozenset[str] = frozenset()
    # nouns a national modifier locates, not owns ("the Iraqi side")
    partitives: frozenset[str] = frozenset()
    sectors: dict[str, tuple[str, str]] = field(default_factory=dict)  # sector -> (label template, class)
    unowned: dict[str, str] = field(default_factory=dict)  # sector -> label of its actor of no state
    # sector -> the names under which the gazetteer may hold a state's actor for it
    sector_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    joint_actions: frozenset[str] = frozenset()  # deeds whose co-subjects act together
    inclusion: str | None = None  # the relation of "the EU, including France"
    reaction: str | None = None  # the relation of "appalled by the attack by X"
    part_as_member: tuple[str, str] | None = None  # (partOf, memberOf): a state part of an organisation
    domestic_targets: frozenset[str] = frozenset()  # deeds aimed at one's own government when no one is named
    domestic_sectors: frozenset[str] = frozenset()  # the sectors of actors who act so
    not_by_governing: frozenset[str] = frozenset()  # of those, deeds a governing actor does not aim at itself
    person_and_state: frozenset[str] = frozenset()  # deeds between a named person and their own state
    domestic_verbs: dict[str, list[Trigger]] = field(default_factory=dict)  # deeds only such actors do so
    domestic_nouns: dict[str, str] = field(default_factory=dict)  # event noun -> its relation when they do it
    preparations: dict[str, str] = field(default_factory=dict)  # deed -> the relation of preparing for it
    halted: dict[str, str] = field(default_factory=dict)  # deed -> the relation of halting it
    # relation -> the actor for its deeds of no named doer, and the nouns that name their means ("blast", "bombing")
    unknown_doer: dict[str, str] = field(default_factory=dict)
    unknown_doer_means: dict[str, frozenset[str]] = field(default_factory=dict)
    # the label of such a doer in the state where the deed took place
    unknown_doer_in: str = "{doer} in {state}"
    governing_targets: frozenset[str] = frozenset()  # deeds of a state's bodies aimed at its people
    governing_sectors: frozenset[str] = frozenset()  # the sectors of actors who act so
    joint_action: Trigger = Trigger("cooperatesWith", (), 0.5)
    joint_action_max: int = 5  # at most so many co-subjects act together (no quadratic clique)
    receipt: VerbRule = VerbRule()
    designation: VerbRule = VerbRule()
    # "Egypt brokered a truce between X and Y": Egypt is no party, it mediates (``mediation``) with each
    brokering_verbs: frozenset[str] = frozenset()
    mediation: Trigger = Trigger("meetsWith", (), 0.6)
    authority_verbs: frozenset[str] = frozenset()  # deeds done by a state's authorities when no one is named
    authority_sector: str = "COP"  # the sector of those authorities
    # verb -> (relation or None, object lemmas): the relation the verb carries when its direct object is one of these
    object_senses: dict[str, tuple[str | None, frozenset[str]]] = field(default_factory=dict)
    modes: Modes = Modes()
    operators: tuple[Operator, ...] = ()  # governing words that make a deed below them not asserted
    # frame (relation or construction) -> its examples: {text, expect, absent} (see :func:`check_examples`)
    examples: dict[str, tuple[dict, ...]] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)  # the files it was compiled from, by role

    def match(self, token: Token, table: dict[str, list[Trigger]]) -> Trigger | None:
        """The most specific trigger for ``token`` (multi-word entries first), or None."""
        entries = table.get(self.spelling(token))
        if not entries and token.pos_ == "PROPN":  # a capitalised common noun ("Sanctions were ...")
            word = token.lower_
            entries = table.get(word) or table.get(word.removesuffix("s"))
        if not entries:
            return None
        child_lemmas = {self.spelling(c) for c in token.children}  # "declared a cease-fire": ceasefire
        child_lemmas |= {  # "called for Peru to withdraw": "for" marks the clause the verb governs
            m.lemma_.lower()
            for c in token.children
            if c.dep_ in ("advcl", "ccomp", "xcomp")
            for m in c.children
            if m.dep_ == "mark"
        }
        for trigger in entries:
            if all(extra in child_lemmas for extra in trigger.extra):
                return self._sense(token, trigger) if table is self.verbs else trigger
        return None

    def spelling(self, token: Token) -> str:
        """The lemma the lexicon reads for a token: a word split at a hyphen is read whole when the whole is a
        trigger ("cease-fire", "air-strikes": the parser's head is the last part), a prefixed one without its
        hyphen ("re-open", "co-operate", kept one word by the tokenizer).

        >>> from kg.nlp import load_pipeline
        >>> lexicon, doc = load_lexicon(), load_pipeline()("Chad agreed to a cease-fire and will re-open its border.")
        >>> lexicon.spelling(doc[6]), lexicon.spelling(doc[9])
        ('ceasefire', 'reopen')
        """
        lemma = token.lemma_.lower()
        head, hyphen, rest = lemma.partition("-")
        if hyphen and head in self.hyphen_prefixes:
            return head + rest
        doc, i = token.doc, token.i
        if i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
            whole = doc[i - 2].lower_ + lemma
            if whole in self.nouns or whole in self.verbs:
                return whole
        return lemma

    def _sense(self, verb: Token, trigger: Trigger) -> Trigger | None:
        """The trigger as the verb's direct object reads it: "targeted individuals and entities" sanctions them;
        "met its commitments" is no meeting (a sense of no relation)."""
        sense = self.object_senses.get(verb.lemma_.lower())
        if sense is None or not any(c.dep_ == "dobj" and c.lemma_.lower() in sense[1] for c in verb.children):
            return trigger
        relation = sense[0]
        return (
            Trigger(relation, trigger.extra, self.strength.get(relation, trigger.strength))
            if relation
            else None
        )

    def sector(self, noun: Token) -> str | None:
        """The sector a noun names by itself ("forces" MIL) or with its modifiers ("border guard" COP)."""
        lemma = noun.lemma_.lower()
        modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
        for words, code in self.sector_phrases.get(lemma, ()):
            if modifiers.issuperset(words):
                return code
        found = self.sector_of.get(lemma) or self.sector_of.get(noun.lower_)
        if found is None and noun.tag_ == "NNPS" and noun.lower_.endswith("s"):
            found = self.sector_of.get(noun.lower_[:-1])  # "Christians": spaCy keeps a proper noun's plural
        return found

    def target_preps(self, relation: str, *symmetric_extra: str) -> frozenset[str]:
        """Prepositions that introduce the target of ``relation``; symmetric ones also take ``symmetric_extra``."""
        preps = self.preps.get(relation, frozenset())
        return preps | frozenset(symmetric_extra) if relation in self.symmetric else preps

    @cached_property
    def modal_operators(self) -> Operators:
        """The operators that tell a deed's modality (all but those that derive a relation), filed for lookup."""
        return Operators(op for op in self.operators if op.effect != DERIVE)

    @cached_property
    def deriving_operators(self) -> dict[str, Operators]:
        """The operators that derive a relation, per the mapping they derive it by (``halted``, ...)."""
        names = {op.relations for op in self.operators if op.relations}
        return {name: Operators(op for op in self.operators if op.relations == name) for name in names}

    def word(self, name: str) -> frozenset[str]:
        """The function words of one role (``function_words`` in ``relations.yaml``: "agent" is "by"); a name
        not among :data:`FUNCTION_WORDS` is an error, never an empty set.

        >>> sorted(load_lexicon().word("agent"))
        ['by']
        """
        if name not in FUNCTION_WORDS:
            raise LexiconError(f"no function word {name!r} in the lexicon (see lexicon.FUNCTION_WORDS)")
        return self.function_words[name]

    def cue(self, name: str) -> frozenset[str]:
        """A word list of the lexicon's ``modality`` section ("negating_verbs", "reporting_verbs", ...); a name
        not among :data:`CUES` is an error, never an empty list."""
        if name not in CUES:
            raise LexiconError(f"no word list {name!r} in the lexicon's modality section (see lexicon.CUES)")
        return self.modality[name]


def load_lexicon(
    path: Path | None = None, sectors: Path | None = None, derived: Path | None = None
) -> Lexicon:
    """Compile ``ontology/relations.yaml`` and ``ontology/sectors.yaml`` into a :class:`Lexicon`, with the
    derived CAMEO frames of ``ontology/cameo_lexicon.yaml`` under them (:mod:`kg.derived`)."""
    return _load_lexicon(
        str(path or ONTOLOGY_DIR / "relations.yaml"),
        str(sectors or ONTOLOGY_DIR / "sectors.yaml"),
        str(derived or ONTOLOGY_DIR / "cameo_lexicon.yaml"),
    )


def _read(path: str) -> dict:
    try:
        return load_yaml(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GazetteerError(f"{path}: cannot load the lexicon ({exc})") from None


@lru_cache(maxsize=2)
def _load_lexicon(path: str, sectors_path: str, derived_path: str) -> Lexicon:
    data = _read(path)
    validate(data, RELATIONS_SCHEMA, path)
    missing = sorted(CUES - set(data.get("modality") or {}))
    if missing:
        raise LexiconError(f"{path}: the modality section lacks the word list {missing[0]!r}")
    missing = sorted(FUNCTION_WORDS - set(data.get("function_words") or {}))
    if missing:
        raise LexiconError(f"{path}: the function_words section lacks {missing[0]!r}")
    examples = check_examples(data, path)
    joint = data.get("joint_action") or {}
    mediation = data.get("mediation") or {}
    domestic = data.get("domestic_target") or {}
    authorities = data.get("authorities") or {}
    governing = data.get("governing_target") or {}
    unknown = data.get("unknown_doer") or {}
    lexicon = Lexicon(
        domestic_targets=frozenset(_words(domestic, "deeds", path)),
        domestic_sectors=frozenset(_words(domestic, "sectors", path)),
        not_by_governing=frozenset(_words(domestic, "not_by_governing", path)),
        person_and_state=frozenset(_words(domestic, "person_and_state", path)),
        domestic_verbs={
            str(verb): [Trigger(str(relation), (), 0.6)]
            for verb, relation in (domestic.get("verbs") or {}).items()
        },
        domestic_nouns={str(k): str(v) for k, v in (domestic.get("nouns") or {}).items()},
        governing_targets=frozenset(_words(governing, "deeds", path)),
        governing_sectors=frozenset(_words(governing, "sectors", path)),
        joint_actions=frozenset(_words(joint, "deeds", path)),
        joint_action=Trigger(
            str(joint.get("relation", "cooperatesWith")), (), float(joint.get("strength", 0.5))
        ),
        joint_action_max=int(joint.get("max_subjects", 5)),
        brokering_verbs=frozenset(_words(mediation, "verbs", path)),
        mediation=Trigger(
            str(mediation.get("relation", "meetsWith")), (), float(mediation.get("strength", 0.6))
        ),
        light_verbs=frozenset(_words(data, "light_verbs", path)),
        recipient_verbs=frozenset(_words(data, "recipient_verbs", path)),
        locative_preps=frozenset(_words(data, "locative_preps", path)),
        measures=frozenset(_words(data, "measure_nouns", path)),
        lemma_fixes={str(k).lower(): str(v) for k, v in (data.get("lemma_fixes") or {}).items()},
        hyphen_prefixes=frozenset(_words(data, "hyphen_prefixes", path)),
        copulas=frozenset(_words(data, "copulas", path)),
        preparations={str(k): str(v) for k, v in (data.get("preparations") or {}).items()},
        halted={str(k): str(v) for k, v in (data.get("halted") or {}).items()},
        unknown_doer={str(k): str(v) for k, v in (unknown.get("actors") or {}).items()},
        unknown_doer_in=str(unknown.get("in_state", "{doer} in {state}")),
        authority_verbs=frozenset(_words(authorities, "verbs", path)),
        authority_sector=str(authorities.get("sector", "COP")),
        object_senses={
            str(verb): (
                str(spec["relation"]) if spec.get("relation") else None,
                frozenset(_words(spec, "objects", f"{path} ({verb})")),
            )
            for verb, spec in (data.get("object_senses") or {}).items()
        },
    )
    sector_data = _read(sectors_path)
    validate(sector_data, SECTORS_SCHEMA, sectors_path)
    lexicon.assets = frozenset(_words(sector_data, "assets", sectors_path))
    lexicon.bodies = frozenset(_words(sector_data, "bodies", sectors_path))
    lexicon.containers = frozenset(_words(sector_data, "containers", sectors_path))
    lexicon.localities = frozenset(_words(sector_data, "localities", sectors_path))
    lexicon.documents = frozenset(_words(sector_data, "documents", sectors_path))
    lexicon.partitives = frozenset(_words(sector_data, "partitives", sectors_path))
    lexicon.state_bodies = frozenset(_words(sector_data, "state_bodies", sectors_path))
    lexicon.irregular_sectors = frozenset(_words(sector_data, "irregular_sectors", sectors_path))
    for code, spec in sector_data.get("sectors", {}).items():
        lexicon.sectors[code] = (str(spec["label"]), str(spec["class"]))
        if spec.get("unowned"):
            lexicon.unowned[code] = str(spec["unowned"])
        lexicon.sector_forms[code] = tuple(_words(spec, "gazetteer_forms", f"{sectors_path} ({code})"))
        _add_sector_nouns(lexicon, code, _words(spec, "nouns", f"{sectors_path} ({code})"))
    symmetric: set[str] = set()
    complement: set[str] = set()
    sections = {**data.get("relations", {}), **data.get("structural", {})}
    for relation, spec in sections.items():
        strength = float(spec.get("strength", 0.7))
        lexicon.strength[relation] = strength
        for table, key in ((lexicon.verbs, "verbs"), (lexicon.nouns, "nouns")):
            for phrase in _words(spec, key, f"{path} ({relation})"):
                words = phrase.lower().split()
                head, extra = (words[0], words[1:]) if key == "verbs" else (words[-1], words[:-1])
                table.setdefault(head, []).append(Trigger(relation, tuple(extra), strength))
        lexicon.preps[relation] = frozenset(_words(spec, "preps", f"{path} ({relation})"))
        if spec.get("objects"):
            lexicon.object_classes[relation] = frozenset(_words(spec, "objects", f"{path} ({relation})"))
        if spec.get("symmetric"):
            symmetric.add(relation)
        if spec.get("complement_target"):
            complement.add(relation)
    for table in (lexicon.verbs, lexicon.nouns):
        for entries in table.values():
            entries.sort(key=lambda t: -len(t.extra))
    _add_agents(lexicon, Path(sectors_path).with_name("cameo_agents.yaml"))
    means = frozenset(_words(unknown, "means", path))
    for relation in lexicon.unknown_doer:  # the named means and the relation's own event nouns ("bombing")
        nouns = {
            noun for noun, entries in lexicon.nouns.items() if any(t.relation == relation for t in entries)
        }
        lexicon.unknown_doer_means[relation] = means | nouns
    lexicon.symmetric = frozenset(symmetric)
    lexicon.inclusion = (data.get("inclusion") or {}).get("relation")
    lexicon.reaction = (data.get("reaction") or {}).get("relation")
    lexicon.receipt = _verb_rule(data, "receipt", "supplies", lexicon, path)
    lexicon.designation = _verb_rule(data, "designation", "marks", lexicon, path)
    lexicon.structural = frozenset(data.get("structural", {}))
    lexicon.modifier_objects = frozenset(
        relation for relation, spec in data.get("structural", {}).items() if spec.get("modifier_object")
    )
    for relation, spec in data.get("structural", {}).items():
        if spec.get("states_are_members_of"):
            lexicon.part_as_member = (relation, str(spec["states_are_members_of"]))
    lexicon.complement_target = frozenset(complement)
    lexicon.modes = _modes(data, path)
    modality = data.get("modality", {})
    lexicon.negating_particles = dict(modality.pop("negating_particles", {}) or {})
    lexicon.forgone_marks = dict(modality.pop("forgone_marks", {}) or {})
    lexicon.modality = {name: frozenset(_words(modality, name, path)) for name in modality}
    words = data["function_words"]
    lexicon.function_words = {name: frozenset(_words(words, name, path)) for name in words}
    lexicon.operators = load_operators(
        data.get("operators") or [], path, lexicon.modality, ("halted", "preparations")
    )
    lexicon.examples = examples
    lexicon.sources.update(relations=Path(path), sectors=Path(sectors_path))
    if data.get("derived_frames"):
        add_derived(lexicon, Path(derived_path))
    _check_relation_names(data, lexicon, path)
    return lexicon


RELATION_REFERENCES = {
    "preparations": "both", "halted": "both", "modes.relations": "items", "modes.deeds": "keys",
    "joint_action.deeds": "items", "joint_action.relation": "items", "mediation.relation": "items",
    "receipt.relation": "items", "designation.relation": "items", "domestic_target.deeds": "items",
    "domestic_target.not_by_governing": "items", "domestic_target.verbs": "values",
    "domestic_target.person_and_state": "items", "domestic_target.nouns": "values",
    "governing_target.deeds": "items", "unknown_doer.actors": "keys", "inclusion.relation": "items",
    "reaction.relation": "items",
    "modality.backing_relations": "items", "modality.deed_doer_relations": "items",
    "modality.weapon_deeds": "items", "modality.deeds_not_descriptions": "items",
}  # fmt: skip
"""The places of ``relations.yaml`` that name relations: a mapping's keys, values or both, or a list's items (or
one scalar)."""


def check_examples(data: dict, where: str) -> dict[str, tuple[dict, ...]]:
    """The examples of each relation and construction frame of ``relations.yaml`` data, by frame; a frame with
    none, or an example with no text or with triples not of four items, is an error (E302).

    >>> check_examples({"relations": {"attacks": {"examples": [{"text": "Chad shelled Niger."}]}}}, "x.yaml")
    Traceback (most recent call last):
    kg.errors.LexiconError: error[E302]: x.yaml: relations.attacks: example 'Chad shelled Niger.' has no triple
    """
    frames = {
        f"{part}.{name}": spec
        for part in ("relations", "structural")
        for name, spec in data.get(part, {}).items()
    }
    frames.update((name, data[name]) for name in CONSTRUCTIONS if name in data)
    found = {}
    for place, spec in frames.items():
        examples = spec.get("examples") if isinstance(spec, dict) else None
        if not examples or not isinstance(examples, list):
            raise LexiconError(f"{where}: {place} needs examples (texts with the triples they must give)")
        for example in examples:
            text = example.get("text") if isinstance(example, dict) else None
            if not isinstance(text, str) or not text.strip() or set(example) - EXAMPLE_KEYS:
                raise LexiconError(
                    f"{where}: {place}: an example needs a text, and only expect and absent besides"
                )
            triples = [example.get("expect", []), example.get("absent", [])]
            if not all(
                isinstance(t, list) and all(isinstance(x, list) and len(x) == 4 for x in t) for t in triples
            ):
                raise LexiconError(
                    f"{where}: {place}: example {text!r}: expect and absent must be lists of "
                    "[subject, relation, object, modality]"
                )
            if not any(triples):
                raise LexiconError(f"{where}: {place}: example {text!r} has no triple")
        found[place.split(".")[-1]] = tuple(examples)
    return found


def _check_relation_names(data: dict, lexicon: Lexicon, path: str) -> None:
    """Every relation the file names is one it defines (or a title's): a typo is an error, not a dead rule."""
    known = set(lexicon.strength) | {"leaderOf", "officialOf"}
    for place, part in RELATION_REFERENCES.items():
        value: object = data
        for key in place.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, dict):
            names = [*(value if part != "values" else ()), *(value.values() if part != "keys" else ())]
        else:
            names = value if isinstance(value, list) else [value]
        unknown = sorted(str(n) for n in names if n is not None and str(n) not in known)
        if unknown:
            raise LexiconError(f"{path}: {place} names {unknown[0]!r}, which is no relation of the lexicon")


def _add_sector_nouns(lexicon: Lexicon, code: str, nouns: list[str]) -> None:
    """Nouns naming a sector ("rebels" REB; "opposition party" only whole); a noun named keeps its first sector."""
    for noun in nouns:
        *modifiers, head = noun.lower().split()
        if modifiers:
            lexicon.sector_phrases.setdefault(head, []).append((tuple(modifiers), code))
        else:
            lexicon.sector_of.setdefault(head, code)


PEOPLE_ENDINGS = ("ist", "ists", "ian", "ians", "man", "men", "woman", "women", "person", "people", "ant", "ants",
                  "ee", "ees")  # fmt: skip
"""Endings of nouns for people: a derived civilian noun must have one ("activist", "fisherman", "migrant"), so that
things PETRARCH lists among agents ("tanker", "airliner") name no civilians."""


def _add_agents(lexicon: Lexicon, path: Path) -> None:
    """PETRARCH2's agent nouns (``ontology/cameo_agents.yaml``, generated) under ours: only nouns of a head the
    hand-written sectors do not know, that no trigger or asset noun is, and, for civilians, a word for people."""
    if not path.exists():
        return
    lexicon.sources[path.stem] = path  # saved with the pipeline beside sectors.yaml, where it is read from
    known = {*lexicon.sector_of, *lexicon.sector_phrases, *lexicon.assets, *lexicon.documents, *lexicon.nouns}
    for code, spec in (_read(str(path)).get("sectors") or {}).items():
        if code not in lexicon.sectors:
            continue
        nouns = []
        for noun in _words(spec, "nouns", f"{path} ({code})"):
            head = noun.lower().split()[-1]
            if head in known:
                continue
            if code == "CVL" and not head.endswith(PEOPLE_ENDINGS):
                continue
            nouns.append(noun)
        _add_sector_nouns(lexicon, code, nouns)


def _verb_rule(data: dict, name: str, words: str, lexicon: Lexicon, path: str) -> VerbRule:
    """The :class:`VerbRule` of the lexicon's section ``name`` (its ``verbs``, its ``words`` list, its relation)."""
    section = data.get(name) or {}
    relation = str(section.get("relation", "aids"))
    return VerbRule(
        frozenset(_words(section, "verbs", path)),
        frozenset(_words(section, words, path)),
        Trigger(relation, (), lexicon.strength.get(relation, 0.7)),
    )


def _modes(data: dict, path: str) -> Modes:
    """The lexicon's ``modes`` section as :class:`Modes`."""
    section = data.get("modes") or {}
    armed = section.get("armed") or {}
    return Modes(
        relations=frozenset(_words(section, "relations", path)),
        words={
            word.lower(): str(mode)
            for mode in (section.get("words") or {})
            for word in _words(section["words"], mode, f"{path} (modes)")
        },
        preps=frozenset(_words(section, "preps", path)),
        verbal=frozenset(_words(section, "verbal", path)),
        armed_sectors=frozenset(_words(armed, "sectors", path)),
        armed_classes=frozenset(_words(armed, "classes", path)),
        armed=str(armed.get("mode", "military")),
        deeds={str(k): str(v) for k, v in (section.get("deeds") or {}).items()},
    )


def _words(section: dict, key: str, where: str) -> list[str]:
    """A list of words from the lexicon; YAML reads a bare on/no/yes as a boolean, so those must be quoted."""
    words = section.get(key) or []
    bad = [w for w in words if not isinstance(w, str)]
    if bad:
        raise GazetteerError(f"{where}: {key!r} holds {bad[0]!r}, not a word (quote on/no/yes/off in YAML)")
    return words
