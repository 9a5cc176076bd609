"""Relation extraction: the ``newskg_relation_extractor`` spaCy component.

Reads the dependency parse with the lexicon of ``ontology/relations.yaml`` (trigger verbs and event nouns per
relation) and the title lexicon of ``ontology/titles.yaml``, and writes ``doc._.statements``. What it handles:

* verbs in active and passive voice, with direct and prepositional objects ("was attacked by", "met with");
* event nouns after a light verb ("imposed sanctions on"), with a possessive or modifier as source ("Russia's
  annexation of Crimea", "Russian airstrikes on Aleppo") and hyphenated pairs ("the EU-Turkey deal");
* coordination on either side, "X and Y met" as a symmetric relation, subjects shared through ``xcomp``/``conj``
  and relative clauses;
* targets behind nouns that name no actor ("a suspension of flights with Serbia"), owners of plain nouns as
  targets ("demolished Palestinian homes"), sector actors ("Iraqi security forces", "rebels in Chad", "the army");
* pronouns resolved to the nearest compatible actor ("I"/"we" to the quoted speaker or the publisher's state),
  "these terrorists" to the armed group in context, reported speech attributed to the speaker;
* modality (negated, future, hypothetical) from negation, auxiliaries, governing verbs, ``if`` clauses and noun
  adjectives; threats from deeds announced "unless"; allies from joint deeds; membership ("as part of");
* titles and appositions as ``leaderOf``/``officialOf`` ("Russian President Vladimir Putin", "Jens Stoltenberg,
  NATO's secretary general");
* the event's date from a date phrase in the clause, resolved against the article's date.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Russia imposed new sanctions on Ukraine on Tuesday.")
>>> [(s.subject, s.predicate, s.object, s.modality) for s in doc._.statements]
[('Q159', 'sanctions', 'Q212', 'asserted')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.actors import MAX_TITLE_TOKENS, PERSON_CLASSES, Mention, actor_from_entry, publisher_state
from kg.dates import resolve_date
from kg.errors import GazetteerError
from kg.gazetteer import Gazetteer, load_gazetteer, slugify
from kg.model import Actor, Article, Statement
from kg.paths import ONTOLOGY_DIR

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
SHARED_SUBJECT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp", "prep"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours"})
DEMONSTRATIVES = frozenset({"this", "these", "that", "those", "the"})
QUANTIFIERS = frozenset({"all", "any", "every", "each", "both", "no"})
SPEAKER_WINDOW = 4
"""How many sentences back a quotation looks for its speaker ("Tobias Ellwood said: ... I welcome ...")."""
ANAPHORA_WINDOW = 6
"""How many sentences back "these terrorists" or "the militants" look for the armed group they refer to."""
OWNER_PREPS = frozenset({"of", "by", "from"})
"""Prepositions that name the owner of a sector or asset noun: "the Government of Iraq", "an appeal from Gbagbo"."""
NOMINAL_STRENGTH = 0.85
"""How much a bare event noun, not carried by a verb, weighs against a verb's event (the confidence factor)."""
SECTOR_OWNER_PREPS = frozenset({"in", "throughout", "across"})
"""Prepositions that name the state of a sector noun: "rebels in the Ivory Coast", "students across Iran"."""
MIN_CONFIDENCE = 0.3
EMBEDDED_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj"})
CLAUSE_DECAY = 0.9
"""A deed told in an embedded clause weighs this much less per clause: the main clause's event leads."""
PURPOSE_DECAY = 0.8
"""A deed that is the aim of another ("staged a protest to demand reforms") weighs less still."""


@dataclass(frozen=True)
class Trigger:
    """A lexicon entry: ``relation`` when the head lemma is present with all ``extra`` lemmas among its children."""

    relation: str
    extra: tuple[str, ...]
    strength: float


@dataclass
class Lexicon:
    """The compiled relation lexicon (``ontology/relations.yaml``)."""

    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    preps: dict[str, frozenset[str]] = field(default_factory=dict)
    symmetric: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    modality: dict[str, frozenset[str]] = field(default_factory=dict)
    negating_particles: dict[str, str] = field(default_factory=dict)
    object_classes: dict[str, frozenset[str]] = field(default_factory=dict)
    complement_target: frozenset[str] = frozenset()
    strength: dict[str, float] = field(default_factory=dict)
    recipient_verbs: frozenset[str] = frozenset()
    locative_preps: frozenset[str] = frozenset()
    measures: frozenset[str] = frozenset()  # "ten days of talks", "a series of attacks"
    lemma_fixes: dict[str, str] = field(default_factory=dict)  # word -> lemma the model gets wrong
    copulas: frozenset[str] = frozenset()  # "Russia is a member of", "Crimea became part of"
    sector_of: dict[str, str] = field(default_factory=dict)  # noun lemma -> sector code
    # nouns that stand for their owner ("Islamic State positions")
    assets: frozenset[str] = frozenset()
    # nouns that stand for the organisation modifying them ("the al-Qaeda network")
    bodies: frozenset[str] = frozenset()
    # nouns that stand for their "of" phrase ("a group of diplomats")
    containers: frozenset[str] = frozenset()
    # nouns that stand for their "of"/"in" place ("the town of Cizre")
    localities: frozenset[str] = frozenset()
    # sectors whose definite noun is a body of the state in context ("the army", "Parliament")
    state_bodies: frozenset[str] = frozenset()
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
    domestic_verbs: dict[str, list[Trigger]] = field(default_factory=dict)  # deeds only such actors do so
    preparations: dict[str, str] = field(default_factory=dict)  # deed -> the relation of preparing for it
    unknown_doer: dict[str, str] = field(
        default_factory=dict
    )  # relation -> the actor for deeds of no named doer
    unknown_doer_means: frozenset[str] = frozenset()  # nouns that name the means of such a deed ("blast")
    unknown_doer_in: str = (
        "{doer} in {state}"  # the label of such a doer in the state where the deed took place
    )
    governing_targets: frozenset[str] = frozenset()  # deeds of a state's bodies aimed at its people
    governing_sectors: frozenset[str] = frozenset()  # the sectors of actors who act so
    joint_action: Trigger = Trigger("cooperatesWith", (), 0.5)

    def match(self, token: Token, table: dict[str, list[Trigger]]) -> Trigger | None:
        """The most specific trigger for ``token`` (multi-word entries first), or None."""
        entries = table.get(token.lemma_.lower())
        if not entries and token.pos_ == "PROPN":  # a capitalised common noun ("Sanctions were ...")
            word = token.lower_
            entries = table.get(word) or table.get(word.removesuffix("s"))
        if not entries:
            return None
        child_lemmas = {c.lemma_.lower() for c in token.children}
        for trigger in entries:
            if all(extra in child_lemmas for extra in trigger.extra):
                return trigger
        return None

    def nouns_of(self, relation: str) -> Iterator[str]:
        """The head lemmas of ``relation``'s event nouns."""
        return (noun for noun, entries in self.nouns.items() if any(t.relation == relation for t in entries))

    def target_preps(self, relation: str, *symmetric_extra: str) -> frozenset[str]:
        """Prepositions that introduce the target of ``relation``; symmetric ones also take ``symmetric_extra``."""
        preps = self.preps.get(relation, frozenset())
        return preps | frozenset(symmetric_extra) if relation in self.symmetric else preps

    def cue(self, name: str) -> frozenset[str]:
        return self.modality.get(name, frozenset())


def load_lexicon(path: Path | None = None, sectors: Path | None = None) -> Lexicon:
    """Compile ``ontology/relations.yaml`` and ``ontology/sectors.yaml`` into a :class:`Lexicon`."""
    return _load_lexicon(
        str(path or ONTOLOGY_DIR / "relations.yaml"), str(sectors or ONTOLOGY_DIR / "sectors.yaml")
    )


def _read(path: str) -> dict:
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GazetteerError(f"{path}: cannot load the lexicon ({exc})") from None


@lru_cache(maxsize=2)
def _load_lexicon(path: str, sectors_path: str) -> Lexicon:
    data = _read(path)
    joint = data.get("joint_action") or {}
    domestic = data.get("domestic_target") or {}
    governing = data.get("governing_target") or {}
    lexicon = Lexicon(
        domestic_targets=frozenset(_words(domestic, "deeds", path)),
        domestic_sectors=frozenset(_words(domestic, "sectors", path)),
        domestic_verbs={
            str(verb): [Trigger(str(relation), (), 0.6)]
            for verb, relation in (domestic.get("verbs") or {}).items()
        },
        governing_targets=frozenset(_words(governing, "deeds", path)),
        governing_sectors=frozenset(_words(governing, "sectors", path)),
        joint_actions=frozenset(_words(joint, "deeds", path)),
        joint_action=Trigger(
            str(joint.get("relation", "cooperatesWith")), (), float(joint.get("strength", 0.5))
        ),
        light_verbs=frozenset(_words(data, "light_verbs", path)),
        recipient_verbs=frozenset(_words(data, "recipient_verbs", path)),
        locative_preps=frozenset(_words(data, "locative_preps", path)),
        measures=frozenset(_words(data, "measure_nouns", path)),
        lemma_fixes={str(k).lower(): str(v) for k, v in (data.get("lemma_fixes") or {}).items()},
        copulas=frozenset(_words(data, "copulas", path)),
        preparations={str(k): str(v) for k, v in (data.get("preparations") or {}).items()},
        unknown_doer={
            str(k): str(v) for k, v in ((data.get("unknown_doer") or {}).get("actors") or {}).items()
        },
        unknown_doer_means=frozenset(_words(data.get("unknown_doer") or {}, "means", path)),
        unknown_doer_in=str((data.get("unknown_doer") or {}).get("in_state", "{doer} in {state}")),
    )
    sector_data = _read(sectors_path)
    lexicon.assets = frozenset(_words(sector_data, "assets", sectors_path))
    lexicon.bodies = frozenset(_words(sector_data, "bodies", sectors_path))
    lexicon.containers = frozenset(_words(sector_data, "containers", sectors_path))
    lexicon.localities = frozenset(_words(sector_data, "localities", sectors_path))
    lexicon.partitives = frozenset(_words(sector_data, "partitives", sectors_path))
    lexicon.state_bodies = frozenset(_words(sector_data, "state_bodies", sectors_path))
    for code, spec in sector_data.get("sectors", {}).items():
        lexicon.sectors[code] = (str(spec["label"]), str(spec["class"]))
        if spec.get("unowned"):
            lexicon.unowned[code] = str(spec["unowned"])
        lexicon.sector_forms[code] = tuple(_words(spec, "gazetteer_forms", f"{sectors_path} ({code})"))
        for noun in _words(spec, "nouns", f"{sectors_path} ({code})"):
            lexicon.sector_of.setdefault(noun.lower().split()[-1], code)
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
    lexicon.symmetric = frozenset(symmetric)
    lexicon.inclusion = data.get("inclusion")
    lexicon.reaction = data.get("reaction")
    for relation, spec in data.get("structural", {}).items():
        if spec.get("states_are_members_of"):
            lexicon.part_as_member = (relation, str(spec["states_are_members_of"]))
    lexicon.complement_target = frozenset(complement)
    modality = data.get("modality", {})
    lexicon.negating_particles = dict(modality.pop("negating_particles", {}) or {})
    lexicon.modality = {name: frozenset(_words(modality, name, path)) for name in modality}
    return lexicon


def _words(section: dict, key: str, where: str) -> list[str]:
    """A list of words from the lexicon; YAML reads a bare on/no/yes as a boolean, so those must be quoted."""
    words = section.get(key) or []
    bad = [w for w in words if not isinstance(w, str)]
    if bad:
        raise GazetteerError(f"{where}: {key!r} holds {bad[0]!r}, not a word (quote on/no/yes/off in YAML)")
    return words


@Language.factory("newskg_relation_extractor", default_config={"gazetteer_files": []})
def make_relation_extractor(nlp: Language, name: str, gazetteer_files: list[str]) -> RelationExtractor:
    """The component that writes ``doc._.statements`` (see the module docstring)."""
    return RelationExtractor(load_lexicon(), load_gazetteer(gazetteer_files))


@dataclass(frozen=True)
class Arg:
    """An argument resolved to an actor, with how sure the linking is."""

    key: str
    certainty: float
    token: int


class RelationExtractor:
    """Finds relations between the actors of a Doc; see :mod:`kg.relations`."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self._sector_entries: dict[tuple[str, str], str | None] = {}

    def sector_entry(self, state: str, sector: str) -> str | None:
        """The gazetteer's own actor for a state's sector, found by the sector's ``gazetteer_forms``
        ("Government of Syria" is the entry "Syrian government", "Turkish armed forces" "Turkish Armed Forces")."""
        if (state, sector) not in self._sector_entries:
            entry = self.gazetteer.entries.get(state)
            demonyms = [f for f, kind in entry.forms.items() if kind == "demonym"] if entry else []
            forms = [
                template.format(state=entry.label if entry else "", demonym=demonym)
                for template in self.lexicon.sector_forms.get(sector, ())
                for demonym in demonyms or [""]
            ]
            found = [
                c.entry.key
                for form in forms
                for c in self.gazetteer.lookup(form)
                if c.entry.country == state and c.entry.cls == "Institution" and not c.ambiguous
            ]
            self._sector_entries[(state, sector)] = found[0] if found else None
        return self._sector_entries[(state, sector)]

    def __call__(self, doc: Doc) -> Doc:
        doc._.statements = list(SentenceReader(self, doc).statements())
        return doc


class SentenceReader:
    """Extraction state for one Doc: which token names which actor, and the article's date."""

    def __init__(self, extractor: RelationExtractor, doc: Doc) -> None:
        self.extractor = extractor
        self.lex = extractor.lexicon
        self.gazetteer = extractor.gazetteer
        self.doc = doc
        self.actors: dict[str, Actor] = doc._.actors or {}
        self.mentions: list[Mention] = doc._.mentions or []
        article: Article | None = doc._.article
        self.article_date: date | None = article.date if article else None
        self.mention_at: dict[int, Mention] = {}
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self.mention_at[i] = mention
        self.dates: list[Span] = [ent for ent in doc.ents if ent.label_ == "DATE"]
        self.clause_dates: dict[int, date | None] = {}  # clause head -> its date, computed once
        self.sector_named: dict[str, tuple[int, str]] = {}  # sector -> (token, actor) of its last composite

    # -- the walk -------------------------------------------------------------------------------------------
    def statements(self) -> Iterator[Statement]:
        seen: set[tuple[str, str, str, int]] = set()
        if not self.mentions:
            return
        for sent in self.doc.sents:
            if not any(i in self.mention_at for i in range(sent.start, sent.end)):
                continue
            for stmt in self._sentence(sent):
                ident = (stmt.subject, stmt.predicate, stmt.object, stmt.char_start)
                if stmt.subject != stmt.object and ident not in seen and stmt.confidence >= MIN_CONFIDENCE:
                    seen.add(ident)
                    yield stmt

    def _sentence(self, sent: Span) -> Iterator[Statement]:
        consumed: set[int] = set()  # nouns that belong to a multi-word verb ("lodged a protest")
        for token in sent:
            if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.dep_ == "ROOT"):
                trigger = self.lex.match(token, self.lex.verbs) or self.lex.match(
                    token, self.lex.domestic_verbs
                )
                if trigger and (trigger.extra or not self._is_light_use(token)):
                    consumed |= {c.i for c in token.children if c.lemma_.lower() in trigger.extra}
                    yield from self._verb_event(sent, token, trigger)
            if token.pos_ in ("NOUN", "PROPN") and token.i not in self.mention_at and token.i not in consumed:
                trigger = self.lex.match(token, self.lex.nouns)
                if trigger and not self._in_compound_trigger(token):
                    yield from self._noun_event(sent, token, trigger)
        yield from self._titles(sent)
        yield from self._obligations(sent)
        yield from self._reactions(sent)
        yield from self._inclusions(sent)

    def _in_compound_trigger(self, token: Token) -> bool:
        """True for a noun that is part of its head's multi-word trigger ("war" in "war games") or a sector word
        modifying a noun ("the opposition newspaper")."""
        if token.dep_ != "compound":
            return False
        if token.lemma_.lower() in self.lex.sector_of and token.head.pos_ == "NOUN":
            return True  # a sector word naming who: "the opposition newspaper"
        outer = self.lex.match(token.head, self.lex.nouns)
        return outer is not None and token.lemma_.lower() in outer.extra

    def _inclusions(self, sent: Span) -> Iterator[Statement]:
        """ "the EU, including France and Germany": the included are members of the organisation or bloc."""
        relation = self.lex.inclusion
        if relation is None:
            return
        for prep in sent:
            if prep.dep_ == "prep" and prep.lower_ in self.lex.cue("inclusion_preps"):
                groups = [
                    a for a in self._actors(prep.head) if self.actors[a.key].cls in ("Institution", "Bloc")
                ]
                members = [a for a in self._pobj(prep) if self.actors[a.key].cls in ("State", "Institution")]
                trigger = Trigger(relation, (), self.lex.strength.get(relation, 0.7))
                yield from self._emit(sent, prep, prep, relation, members, groups, trigger)

    def _obligations(self, sent: Span) -> Iterator[Statement]:
        """ "Russia said Sudan must return the helicopter": the speaker appeals to the one who must act."""
        for clause in sent:
            if clause.dep_ != "ccomp" or clause.head.lemma_ not in self.lex.cue("reporting_verbs"):
                continue
            if not any(
                c.dep_ == "aux" and c.lower_ in self.lex.cue("obligation_aux") for c in clause.children
            ):
                continue
            speakers = [a for c in clause.head.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c)]
            targets = [
                a for c in clause.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c, target=True)
            ]
            trigger = Trigger("appealsTo", (), self.lex.strength.get("appealsTo", 0.7) * 0.9)
            yield from self._emit(sent, clause, clause.head, "appealsTo", speakers, targets, trigger)

    def _reactions(self, sent: Span) -> Iterator[Statement]:
        """ "I am appalled by the attack by Assad's regime", "Canada is deeply concerned about Russia's actions":
        the one who reacts so accuses the one who caused it."""
        relation = self.lex.reaction
        if relation is None:
            return
        for word in sent:
            if word.lemma_.lower() not in self.lex.cue("reaction_words") or word.pos_ not in ("ADJ", "VERB"):
                continue
            if word.dep_ == "acomp":  # "I am appalled by", "Canada is concerned about"
                felt = [a for c in word.head.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c)]
            else:  # "Britain, appalled by ...", "I was shocked by"
                felt = [a for c in word.children if c.dep_ in ("nsubjpass", "nsubj") for a in self._actors(c)]
            causes = [
                a
                for p in word.children
                if p.dep_ in ("prep", "agent") and p.lower_ in self.lex.cue("reaction_preps")
                for a in self._pobj(p, self.lex.target_preps(relation), target=True)
            ]
            trigger = Trigger(relation, (), self.lex.strength.get(relation, 0.7) * 0.9)
            yield from self._emit(sent, word, word, relation, felt, causes, trigger)

    def _is_light_use(self, verb: Token) -> bool:
        """True when the verb only carries an event noun ("strike a deal", "launch an attack")."""
        return verb.lemma_ in self.lex.light_verbs and any(
            c.dep_ in ("dobj", "nsubjpass") and self.lex.match(c, self.lex.nouns) for c in verb.children
        )

    # -- verbs --------------------------------------------------------------------------------------------
    def _verb_event(self, sent: Span, verb: Token, trigger: Trigger) -> Iterator[Statement]:
        relation = trigger.relation
        subjects, objects = self._verb_args(verb, relation)
        if (
            not subjects
            and objects
            and relation in self.lex.unknown_doer
            and self._done_by_no_one(verb, relation)
        ):
            subjects = [self._unknown_doer(relation, verb)]  # "a roadside bomb killed two soldiers"
        if trigger in self.lex.domestic_verbs.get(verb.lemma_, ()):  # "students blocked roads", not a state
            subjects = [s for s in subjects if self.actors[s.key].sector in self.lex.domestic_sectors]
        own = {s.key for s in subjects}
        objects = [o for o in objects if not (self.doc[o.token].pos_ == "PRON" and o.key in own)]
        if not objects and relation in self.lex.complement_target:
            objects = self._complement_targets(verb, relation)
        if not objects and relation in self.lex.symmetric and len(subjects) > 1:
            yield from self._pairs(sent, verb, relation, subjects, trigger, verb)
            return
        if not objects and relation in self.lex.domestic_targets | self.lex.governing_targets:
            yield from self._at_own_side(sent, verb, verb, relation, subjects, trigger)
            return
        yield from self._emit(sent, verb, verb, relation, subjects, objects, trigger)
        if relation != "threatens" and self._threat_condition(verb):
            threat = Trigger("threatens", (), trigger.strength * 0.9)  # "will pull out unless X complies"
            yield from self._emit(sent, verb, verb, "threatens", subjects, objects, threat, "asserted")
        if objects and relation in self.lex.joint_actions and len({s.key for s in subjects}) > 1:
            joint = self.lex.joint_action  # "France and Britain bombed Libya": France cooperates with Britain
            yield from self._pairs(sent, verb, joint.relation, subjects, joint, verb)

    def _verb_args(self, verb: Token, relation: str) -> tuple[list[Arg], list[Arg]]:
        preps = self.lex.target_preps(relation, "with")
        subjects: list[Arg] = []
        objects: list[Arg] = []
        located: list[Arg] = []  # targets of locative prepositions, used when there is no direct object
        passive = False
        hands_over = verb.lemma_ in self.lex.recipient_verbs
        phrase = self.lex.match(
            verb, self.lex.verbs
        )  # "lifted its blockade on X": the blockade's owner is no target
        in_phrase = set(phrase.extra) if phrase else set()
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                subjects += self._actors(child)
            elif child.dep_ == "nsubjpass":
                passive = True
                objects += self._actors(child, target=True)
            elif child.dep_ == "agent":
                subjects += [a for p in child.children if p.dep_ == "pobj" for a in self._actors(p)]
            elif child.dep_ in OBJECT_DEPS:
                if child.pos_ == "ADP":  # "provided fuel to the Philippines" read as a dative
                    objects += self._pobj(child, target=True)
                    continue
                skip = (hands_over and child.dep_ == "dobj") or child.lemma_.lower() in in_phrase
                direct = [] if skip else self._actors(child, target=True)
                objects += direct
                if not direct:  # "threatened action against Russia", "provided intelligence to Macedonia"
                    objects += self._through(child, preps)
            elif child.dep_ == "prep" and child.lower_ in preps:
                found = self._pobj(child, preps, target=True)
                if child.lower_ in self.lex.locative_preps:  # "intervened in Iraq", "struck in Baghdad"
                    located += found or self._places_in(child)
                else:
                    objects += found
            elif child.dep_ == "prt" and child.lower_ == "up":  # "kidnapped up to 16 advisers" (a quantity)
                objects += [a for p in child.children if p.lower_ == "to" for a in self._pobj(p, target=True)]
        objects = objects or located
        if not objects and not passive:  # "to degrade and defeat Daesh": both act on Daesh
            objects = [
                a
                for c in verb.children
                if c.dep_ == "conj" and c.pos_ == "VERB" and relation in self._relations_of(c)
                for o in c.children
                if o.dep_ == "dobj"
                for a in self._actors(o, target=True)
            ]
        if hands_over and not passive and not any(c.dep_ in ("dobj", "dative") for c in verb.children):
            objects = []  # "returned to Geneva" hands nothing over
        if not subjects and not passive:
            subjects = self._inherited_subject(verb)
        if not subjects:
            subjects = self._noun_clause_subjects(verb)
        if not subjects and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in ("dobj", "attr"):
            subjects = self._inherited_subject(verb.head)  # "issued a statement condemning X"
            holder = verb.head.head
            subjects = subjects or [
                a for c in holder.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c)
            ]
        if verb.dep_ in ("relcl", "acl") and verb.head.i not in {o.token for o in objects}:
            if passive or verb.tag_ == "VBN":  # "the jet which was downed", "sanctions imposed by"
                objects = objects or self._actors(verb.head)
            elif not subjects:  # "Russia, which"
                subjects = self._relative_head(verb)
        return subjects, objects

    def _relations_of(self, verb: Token) -> set[str]:
        trigger = self.lex.match(verb, self.lex.verbs)
        return {trigger.relation} if trigger else set()

    def _noun_clause_subjects(self, verb: Token) -> list[Arg]:
        """Who does what a clause completing a noun says: the noun's owner ("its commitment to support",
        "Coalition efforts to defeat", "the right of Peru to attack"), else whoever makes the effort ("enhanced
        its efforts to counter ISIL"); not a participle's noun ("militiamen armed with")."""
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if not (verb.dep_ == "acl" or (verb.dep_ == "relcl" and infinitive)):
            return []
        noun = verb.head
        owners = [c for c in noun.children if c.dep_ == "poss"] or [
            c
            for c in noun.children
            if infinitive and c.dep_ in ("compound", "amod") and c.i in self.mention_at
        ]
        subjects = [a for c in owners for a in self._actors(c)] or [
            a for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for a in self._pobj(p)
        ]
        if not subjects and infinitive and noun.dep_ == "dobj":
            holder = noun.head
            subjects = [
                a for c in holder.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c)
            ] or self._inherited_subject(holder)
        return subjects

    def _done_by_no_one(self, verb: Token, relation: str) -> bool:
        """True when the text names a means but no doer: "a roadside bombing killed", "were killed in a blast"."""
        means = self.lex.unknown_doer_means | set(self.lex.nouns_of(relation))
        if any(c.dep_ == "agent" for c in verb.children):
            return False
        for child in verb.children:
            if (
                child.dep_ in SUBJECT_DEPS
                and child.lemma_.lower() in means
                and child.i not in self.mention_at
            ):
                return True
            in_means = child.dep_ == "prep" and child.lower_ in ("in", "by")
            if in_means and any(p.dep_ == "pobj" and p.lemma_.lower() in means for p in child.children):
                return any(c.dep_ == "nsubjpass" for c in verb.children)
        return False

    def _unknown_doer(self, relation: str, verb: Token) -> Arg:
        """The actor for deeds of no named doer (``unknown_doer`` in the lexicon), one per state where they take
        place ("Unidentified attackers in Iraq"), else one of no state."""
        label = self.lex.unknown_doer[relation]
        scene = self._scene_state(verb)
        state = self.actors[scene.key] if scene else None
        if state is not None:
            label = self.lex.unknown_doer_in.format(doer=label, state=state.label)
        key = slugify(label)
        if key not in self.actors:
            self.actors[key] = Actor(key=key, label=label, cls="Actor", country=state.key if state else None)
        return Arg(key, 0.6, verb.i)

    def _complement_targets(self, verb: Token, relation: str) -> list[Arg]:
        """Targets inside the governed clause: the objects of "to <verb>" ("threatened to cut ties with
        Russia"), or the subject of a "that" clause ("demanded that the US cancel ..."). A symmetric relation
        takes only partners ("agreed to share data with Iran"), not what the clause acts on ("agreed to target
        X")."""
        partners = self.lex.target_preps(relation, "with", "to") if relation in self.lex.symmetric else None
        found: list[Arg] = []
        for clause in verb.children:
            purpose = clause.dep_ in ("advcl", "acl") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
            )
            if clause.dep_ == "xcomp" or purpose:  # "threatened to cut ties with", "marched to demand"
                for child in clause.children:
                    if child.dep_ in OBJECT_DEPS:
                        found += self._actors(child, target=True) if partners is None else []
                        child_preps = [p for p in child.children if p.dep_ == "prep"]
                        found += [
                            a
                            for p in child_preps
                            if partners is None or p.lower_ in partners
                            for a in self._pobj(p, target=True)
                        ]
                    elif child.dep_ == "prep" and (partners is None or child.lower_ in partners):
                        found += self._pobj(child, target=True)
            elif (
                clause.dep_ == "ccomp" and partners is None and not self._marked(clause, "condition_marks")
            ):  # "demanded that the US cancel", not "asked whether the meeting signals"
                found += [
                    a for c in clause.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c, target=True)
                ]
        found = [
            a for a in found if self.doc[a.token].pos_ != "PRON"
        ]  # "warned that it would ..." is no target
        if not found and partners is None:  # "threatened to impose a curfew in Algiers"
            clauses = [c for c in verb.children if c.dep_ == "xcomp"]
            found = [
                a
                for node in clauses + [o for c in clauses for o in c.children if o.dep_ in OBJECT_DEPS]
                for p in node.children
                if p.dep_ == "prep" and p.lower_ in self.lex.locative_preps
                for a in self._places_in(p)
            ]
        if not found and verb.lemma_ in self.lex.cue("conditional_targets"):
            found = self._condition_subjects(verb)  # "threatened to quit the talks if the US deploys"
        return found

    def _condition_subjects(self, verb: Token) -> list[Arg]:
        """Subjects of an "if"/"unless" clause on the verb or the clause it governs: whom a threat is aimed at."""
        clauses = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
        return [
            a
            for node in clauses
            for clause in node.children
            if clause.dep_ == "advcl" and self._marked(clause, "condition_marks")
            for c in clause.children
            if c.dep_ in SUBJECT_DEPS
            for a in self._actors(c, target=True)
        ]

    def _relative_head(self, clause: Token) -> list[Arg]:
        """The actors a relative clause's head names, as the clause's subject: a place does not act ("in Hasaka
        Province, which killed" is the attack's doing, not the province's)."""
        head = clause.head
        located = head.dep_ == "pobj" and head.head.lower_ in self.lex.locative_preps  # "in Syria, which"
        found = [] if located else [a for a in self._actors(head) if self.actors[a.key].cls != "Place"]
        if found or head.pos_ not in ("NOUN", "PROPN"):
            return found
        for noun in list(head.ancestors)[:6]:  # "attacks in the town of X in Y Province, which killed"
            if noun.pos_ == "NOUN" and noun.lemma_.lower() in self.lex.nouns:
                return self._actors(noun)
        return []

    def _at_own_side(
        self,
        sent: Span,
        trigger_token: Token,
        verb: Token,
        relation: str,
        subjects: list[Arg],
        trigger: Trigger,
    ) -> Iterator[Statement]:
        """Statements for a deed that names no target, aimed at the actor's own side (see :meth:`_own_side`)."""
        domestic = Trigger(relation, (), trigger.strength * 0.8)  # "Ugandan rebels surrendered"
        for subject in subjects:
            own = self._own_side(subject, relation, verb)
            yield from self._emit(sent, trigger_token, verb, relation, [subject], own, domestic)

    def _own_side(self, subject: Arg, relation: str, verb: Token) -> list[Arg]:
        """Whom a deed naming no target is aimed at in the actor's own state, as event coders read it: protesters,
        rebels or a resigning leader act towards their government ("students demonstrated", "the president
        resigned"); a government or leader easing a curfew concedes to its people ("lifted the state of
        emergency")."""
        actor = self.actors[subject.key]
        person = actor.cls in PERSON_CLASSES
        if relation in self.lex.domestic_targets and (person or actor.sector in self.lex.domestic_sectors):
            sector = "GOV"
        elif (
            relation in self.lex.governing_targets
            and (person or actor.sector in self.lex.governing_sectors)
            and any(c.dep_ == "dobj" for c in verb.children)  # what it eases: not "diplomats returned"
        ):
            sector = "CVL"
        else:
            return []
        state = actor.state
        if state not in self.actors or self.actors[state].cls != "State":
            return []
        return [self._composite(Arg(state, subject.certainty, subject.token), sector, verb)]

    def _threat_condition(self, verb: Token) -> bool:
        """An announced deed on a condition such as "unless" is a threat ("will withdraw unless Chad agrees")."""
        return any(
            clause.dep_ == "advcl" and self._marked(clause, "threat_marks") for clause in verb.children
        )

    def _marked(self, clause: Token, cue: str) -> bool:
        """True when the clause opens with one of the lexicon's ``cue`` words ("if", "unless")."""
        return any(m.dep_ == "mark" and m.lower_ in self.lex.cue(cue) for m in clause.children)

    def _inherited_subject(self, verb: Token) -> list[Arg]:
        """The subject a verb shares with the verb it depends on ("plans to impose", "invaded and annexed")."""
        node = verb
        for _ in range(4):
            if node.dep_ not in SHARED_SUBJECT_DEPS or node.head.i == node.i:
                return []
            # "is committed to defeating", "was asked to attack": a passive's subject does what it governs
            deps = SUBJECT_DEPS | ({"nsubjpass"} if node.dep_ in ("xcomp", "prep", "pcomp") else set())
            if node.dep_ == "xcomp" and node.head.lemma_ in self.lex.cue("object_control_verbs"):
                urged = [c for c in node.head.children if c.dep_ == "dobj"]
                if urged:  # "urged Iran to withdraw": Iran withdraws
                    return self._actors(urged[0])
            node = node.head
            for child in node.children:
                if child.dep_ in deps:
                    if child.tag_ in ("WDT", "WP") and node.dep_ in ("relcl", "acl"):
                        return self._relative_head(node)  # "attacks which targeted and killed civilians"
                    return self._actors(child)
            if node.dep_ == "relcl":  # "the coalition to degrade and defeat Daesh"
                return self._relative_head(node)
            if node.dep_ == "acl":  # "Coalition efforts to degrade and defeat Daesh"
                return self._noun_clause_subjects(node)
        return []

    # -- nouns --------------------------------------------------------------------------------------------
    def _noun_event(self, sent: Span, noun: Token, trigger: Trigger) -> Iterator[Statement]:
        relation = trigger.relation
        preps = self.lex.target_preps(relation, "of", "with")
        phrase = self._phrase_head(noun)
        nouns = (noun,) if phrase.i == noun.i else (noun, phrase)
        # "the agreement reached yesterday between X and Y": the participle's prepositions are the noun's
        described = tuple(c for n in nouns for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN")
        objects = [
            a
            for n in nouns + described
            for a in self._through(n, preps) or self._through(n, frozenset({"of"}), then=preps)
        ]
        modifiers = [
            a
            for n in nouns
            for c in n.children
            if c.dep_ in MODIFIER_DEPS and c.i != noun.i
            for a in self._actors(c, expand=False)
        ]
        modality_head = phrase
        subjects: list[Arg] = []
        head = phrase.head
        if phrase.dep_ in ("dobj", "nsubjpass", "attr") and head.lemma_ in self.lex.light_verbs:
            verb_subjects, verb_objects = self._verb_args(head, relation)
            subjects = verb_subjects
            own = {
                noun.i,
                phrase.i,
                *(c.i for n in nouns for c in n.children),
            }  # not "their" in "their strikes"
            objects += [o for o in verb_objects if o.token not in own]
            modality_head = head
        elif (
            phrase.dep_ == "pobj"
            and head.dep_ == "prep"
            and (
                head.head.lemma_ in self.lex.light_verbs
                or (head.lower_ in ("for", "as") and head.head.pos_ in ("VERB", "AUX"))
                or (
                    relation in self.lex.symmetric
                    and head.lower_ in ("in", "during", "at")
                    and head.head.pos_ == "VERB"
                )
            )
        ):  # "took part in talks", "returned to Geneva for talks", "works as part of the coalition"
            subjects, partners = self._verb_args(head.head, relation)
            if (
                relation in self.lex.symmetric and head.lower_ == "for"
            ):  # "joined Kerry and partners for talks"
                objects += [o for o in partners if o.token != phrase.i]
            modality_head = head.head
        elif phrase.dep_ == "attr" and head.lemma_ in self.lex.copulas:  # "Russia is a member of the CSTO"
            subjects, _ = self._verb_args(head, relation)
            modality_head = head
        elif any(c.dep_ == "relcl" and c.lemma_ in self.lex.light_verbs for c in phrase.children):
            # "the atrocities that ISIL has perpetrated against civilians"
            clause = next(
                c for c in phrase.children if c.dep_ == "relcl" and c.lemma_ in self.lex.light_verbs
            )
            subjects, more = self._verb_args(clause, relation)
            objects += [o for o in more if o.token not in (noun.i, phrase.i)]
            modality_head = clause
        elif phrase.dep_ == "pobj" and head.lower_ == "as":  # "the UK, as part of the coalition, ..."
            subjects = self._actors(head.head)
        elif (
            phrase.dep_ == "pobj"
            and head.dep_ == "prep"
            and (head.head.pos_ == "ADJ" or head.head.lemma_ in self.lex.copulas)
        ):  # "the US remains steadfast in its support of", "Russia is united in its condemnation of"
            predicate = head.head
            subjects = [
                a for c in predicate.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c)
            ] or self._inherited_subject(predicate)
            modality_head = predicate
        if not objects and relation in self.lex.complement_target:
            # "its demand that Israel ease restrictions", "protests to demand reforms by X", "staged protests to ...",
            # "reiterated its demand that Israel ..." (the clause on the verb)
            objects = self._clause_subjects(phrase) or self._complement_targets(phrase, relation)
            if not objects and phrase.dep_ == "dobj":
                objects = self._clause_subjects(head)
            if not objects and modality_head.i != phrase.i:
                objects = self._complement_targets(modality_head, relation)
        modality = self._noun_modality(noun) if self._modality(modality_head) == "asserted" else None
        if (
            modality_head.i == phrase.i
        ):  # a bare nominal ("an ally in the war on terror") says less than a verb
            trigger = Trigger(trigger.relation, trigger.extra, trigger.strength * NOMINAL_STRENGTH)
        if relation in self.lex.symmetric and not objects and len(subjects or modifiers) > 1:
            # "the EU-Turkey deal", "France and Egypt began war games"
            yield from self._pairs(
                sent, noun, relation, subjects or modifiers, trigger, modality_head, modality
            )
            return
        if not subjects:
            possessive = [m for m in modifiers if self.doc[m.token].dep_ == "poss"]
            subjects = possessive or modifiers
            modifiers = [m for m in modifiers if m not in subjects]
        parties = [
            a for n in nouns + described for p in n.children if p.lower_ == "between" for a in self._pobj(p)
        ]
        if relation in self.lex.symmetric and not subjects and len({a.key for a in parties}) > 1:
            # "the deal between Russia and Turkey": the parties are each other's partners
            yield from self._pairs(sent, noun, relation, parties, trigger, modality_head, modality)
            return
        if not objects and relation in self.lex.symmetric:
            objects = modifiers
        own_side = self.lex.domestic_targets | self.lex.governing_targets
        if not objects and modality_head.i != phrase.i and relation in own_side:  # "ordered patrols"
            yield from self._at_own_side(sent, noun, modality_head, relation, subjects, trigger)
            return
        yield from self._emit(sent, noun, modality_head, relation, subjects, objects, trigger, modality)

    def _noun_modality(self, noun: Token) -> str | None:
        """The modality an event noun's adjective gives: "a possible war", "the planned deployment"."""
        for child in noun.children:
            if child.dep_ == "amod" and child.lower_ in self.lex.cue("hypothetical_modifiers"):
                return "hypothetical"
            if child.dep_ == "amod" and child.lower_ in self.lex.cue("future_modifiers"):
                return "future"
        return None

    def _phrase_head(self, noun: Token) -> Token:
        """The noun heading an event noun's phrase: "a mediation effort between", "ten days of war games"."""
        node = noun
        if node.dep_ == "compound" and node.head.pos_ == "NOUN":
            node = node.head
        if (
            node.dep_ == "pobj"
            and node.head.lower_ == "of"
            and node.head.head.lemma_.lower() in self.lex.measures
        ):
            node = node.head.head
        return node

    def _clause_subjects(self, token: Token) -> list[Arg]:
        """Subjects of a "that" clause completing ``token`` (the one a demand or threat is aimed at)."""
        return [
            a
            for clause in token.children
            if clause.dep_ in ("ccomp", "acl", "relcl")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
            for c in clause.children
            if c.dep_ in SUBJECT_DEPS
            for a in self._actors(c, target=True)
        ]

    def _pobj(self, prep: Token, through: frozenset[str] = frozenset(), target: bool = False) -> list[Arg]:
        """The actors a preposition's object names, or, for a non-actor object, those after its own ``through``
        prepositions ("a suspension of air links with Serbia")."""
        found = []
        for p in prep.children:
            if p.dep_ == "pobj":
                found += self._actors(p, target=target) or self._through(p, through, deeper=False)
        return found

    def _through(
        self, token: Token, preps: frozenset[str], deeper: bool = True, then: frozenset[str] | None = None
    ) -> list[Arg]:
        """Actors after the target prepositions of a noun that names no actor ("aid to Macedonia"), looking
        one noun further when ``deeper``, there after the ``then`` prepositions ("a suspension of flights with
        Serbia": "of", then "with"); with ``then``, the first noun must name no actor."""
        found = []
        for p in token.children:
            if p.dep_ not in ("prep", "dative") or p.lower_ not in preps:
                continue
            if then is None:
                found += self._pobj(p, preps if deeper else frozenset(), target=True)
            else:
                found += [
                    a
                    for n in p.children
                    if n.dep_ == "pobj" and not self._actors(n)
                    for a in self._through(n, then, deeper=False)
                ]
        return found

    # -- titles -------------------------------------------------------------------------------------------
    def _titles(self, sent: Span) -> Iterator[Statement]:
        """leaderOf/officialOf from a title before a name or in apposition to it."""
        done: set[str] = set()
        for mention in self.mentions:
            if not (sent.start <= mention.start < sent.end) or mention.key in done:
                continue
            person = self.actors.get(mention.key)
            if person is None or person.cls not in PERSON_CLASSES:
                continue
            found = self._title_before(mention) or self._title_in_apposition(mention)
            if found is None:
                continue
            title_span, office = found
            title = self.gazetteer.title(title_span.text)
            if title is None or office.key == person.key:
                continue
            done.add(person.key)
            self._promote(person, office, title.sector)
            yield self._statement(
                sent,
                Arg(person.key, mention.certainty, mention.start),
                title.relation,
                Arg(office.key, office.certainty, office.token),
                title_span.text,
                0.85,
                self.doc[mention.start],
                "asserted",  # a title states a fact, whatever the clause around the name says
            )

    def _title_before(self, mention: Mention) -> tuple[Span, Arg] | None:
        """ "Russian President Vladimir Putin", "NATO Secretary General Jens Stoltenberg": the linker's title
        and office (:class:`kg.actors.Mention`)."""
        if mention.title is None or mention.office is None:
            return None
        office = mention.office
        return self.doc[mention.title : mention.start], Arg(office.key, office.certainty, office.start)

    def _title_in_apposition(self, mention: Mention) -> tuple[Span, Arg] | None:
        """ "Jens Stoltenberg, NATO's secretary general" and "the Russian president, Vladimir Putin"."""
        root = self.doc[mention.start : mention.end].root
        phrases = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            phrases.append(root.head)
        for phrase in phrases:
            words = [t for t in phrase.subtree if t.i not in range(mention.start, mention.end)]
            if not words:
                continue
            for first in range(len(words)):
                for last in range(len(words), first, -1):
                    span = self.doc[words[first].i : words[last - 1].i + 1]
                    if len(span) <= MAX_TITLE_TOKENS and self.gazetteer.title(span.text):
                        office = self._office_in(words)
                        if office is not None:
                            return span, office
        return None

    def _office_in(self, tokens: Iterable[Token]) -> Arg | None:
        for token in tokens:
            arg = self._office_arg(token.i)
            if arg is not None:
                return arg
        return None

    def _office_arg(self, i: int) -> Arg | None:
        mention = self.mention_at.get(i)
        if mention is None:
            return None
        actor = self.actors.get(mention.key)
        if actor is None or actor.cls in PERSON_CLASSES or actor.cls == "Place":
            return None
        return Arg(actor.key, mention.certainty, i)

    def _promote(self, person: Actor, office: Arg, sector: str | None) -> None:
        """An office holder is a Leader acting for the office's state."""
        if person.cls == "Person" and sector != "MIL":
            person.cls = "Leader"
        office_actor = self.actors[office.key]
        person.country = person.country or office_actor.state
        person.sector = person.sector or ("IGO" if office_actor.sector == "IGO" else sector)

    # -- arguments ----------------------------------------------------------------------------------------
    def _actors(self, token: Token, expand: bool = True, target: bool = False) -> list[Arg]:
        """The actors a token stands for: a named actor or pronoun, with its conjuncts; for a sector noun, the
        owner's government, forces, rebels... ("Iraqi security forces"); for an event noun, its modifier
        ("Russian airstrikes"); a person in apposition ("the foreign minister, Sergei Lavrov"); as the
        ``target`` of an event, any noun's owner ("demolished Palestinian homes")."""
        found: list[Arg] = []
        listed = (token, *token.conjuncts, *self._listed(token), *(self._included(token) if target else ()))
        for tok in listed if expand else (token,):
            people = self._people_of(tok)
            if people is not None:
                found.append(people)
                continue
            group = self._coordinated_antecedent(tok) if tok.lower_ in PLURAL_PRONOUNS else []
            if group:
                found += group
                continue
            arg = self._actor(tok)
            if arg is not None:
                found += [arg, *self._co_owners(tok, arg)]
                continue
            if tok.tag_ == "VBG" and tok.dep_ in SUBJECT_DEPS:  # "The Red Cross operating in Iraq said"
                found += [a for c in tok.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c)]
                continue
            if tok.pos_ not in ("NOUN", "PROPN"):
                continue
            lemma = tok.lemma_.lower()
            if lemma in self.lex.bodies:
                named = [
                    a
                    for c in tok.children
                    if c.dep_ in ("amod", "compound", "poss") and c.i in self.mention_at
                    for a in self._actors(c)
                    if self.actors[a.key].cls != "State"
                ]
                if named:  # "the al-Qaeda network"
                    found += named
                    continue
            appositive = [a for c in tok.children if c.dep_ == "appos" for a in self._actors(c, expand=False)]
            if appositive:
                found += appositive
                continue
            if lemma in self.lex.containers or lemma in self.lex.localities:
                members = [
                    a
                    for p in tok.children
                    if p.dep_ == "prep"
                    and (p.lower_ == "of" or (p.lower_ == "in" and lemma in self.lex.localities))
                    for a in self._pobj(p, target=target)
                ]
                found += members
                if not members and target and lemma in self.lex.cue("people_containers"):
                    found += self._unowned(tok, "CVL", target)  # "killed 70 members of the tribe"
                    continue
                if members or self._sector(tok) is None:
                    continue  # "opposition groups in Zimbabwe" reads on as a sector noun
            sector = self._sector(tok)
            if lemma in self.lex.partitives and any(p.lower_ == "of" for p in tok.children):
                sector = None  # "the Turkish side" acts, "the Iraqi side of the border" is a place
            if sector is None and lemma not in self.lex.nouns and lemma not in self.lex.assets:
                found += self._modifier_owners(tok) if target else []
                continue
            owners = self._modifier_actors(tok)
            if not owners and (lemma in self.lex.nouns or lemma in self.lex.assets):
                owners = self._claimed_by(tok)  # "attacks claimed by", "crimes committed by"
            owner_preps = (
                OWNER_PREPS
                | (SECTOR_OWNER_PREPS if sector else set())
                | ({"for"} if lemma in self.lex.assets else set())
            )
            if not owners:  # "the Government of Iraq"; "the government and people of Iraq" share the owner
                owners = [
                    a
                    for n in (
                        tok,
                        *((c for c in (token, *token.conjuncts) if c.i != tok.i) if sector else ()),
                    )
                    for p in n.children
                    if p.dep_ == "prep" and p.lower_ in owner_preps
                    for a in self._pobj(p)
                ]
            if not owners and sector:  # "a terror group based in Trinidad"
                owners = [
                    state
                    for v in tok.children
                    if v.dep_ == "acl" and v.lemma_ in self.lex.cue("seat_participles")
                    for state in [self._scene_state(v)]
                    if state
                ]
            if not owners and sector:
                found += self._unowned(tok, sector, target)
                continue
            found += [self._composite(owner, sector, tok) for owner in owners] if sector else owners
        return found

    def _coordinated_antecedent(self, pronoun: Token) -> list[Arg]:
        """A plural pronoun after actors joined by "and" in its sentence stands for them all: "support for the
        Government of Iraq and the Iraqi people in their fight" (both fight)."""
        for token in reversed(self.doc[pronoun.sent.start : pronoun.i]):
            if token.dep_ == "conj" or not any(c.dep_ == "cc" and c.lower_ == "and" for c in token.children):
                continue
            group = self._actors(token)
            if len({a.key for a in group}) > 1:
                return [Arg(a.key, 0.6, pronoun.i) for a in group]
        return []

    def _co_owners(self, token: Token, arg: Arg) -> list[Arg]:
        """The other owners of a state's sector named with coordinated modifiers: "US and British forces" is one
        mention ("British forces") and "US" before it."""
        mention = self.mention_at.get(token.i)
        sector = self.actors[arg.key].sector
        if mention is None or not sector or token.pos_ not in ("NOUN", "PROPN"):
            return []
        outside = [
            t
            for c in token.children
            if c.dep_ in MODIFIER_DEPS and not mention.start <= c.i < mention.end
            for t in (c, *c.conjuncts)
            if not mention.start <= t.i < mention.end
        ]
        owners = [a for t in outside if (a := self._actor(t)) and self.actors[a.key].cls == "State"]
        return [self._composite(owner, sector, token) for owner in owners]

    def _people_of(self, token: Token) -> Arg | None:
        """A people named by a plural proper noun and a state's adjective are that state's civilians: "Iraqi
        Kurds", "Bosnian Serbs" (not Serbia); so is a plural demonym without an article ("Young Algerians")."""
        if token.tag_ != "NNPS" and not (token.tag_ == "NNS" and token.text[:1].isupper()):
            return None
        own = self.mention_at.get(token.i)
        if own is not None and own.kind != "demonym":
            return None
        for child in token.children:
            mention = self.mention_at.get(child.i)
            if (
                child.dep_ in ("amod", "compound")
                and mention is not None
                and mention.kind == "demonym"
                and (own is None or mention.key != own.key)
                and self.actors[mention.key].cls == "State"
            ):
                return self._composite(Arg(mention.key, mention.certainty, child.i), "CVL", token)
        if own is not None and not any(c.lower_ == "the" for c in token.children):
            # "Young Algerians", "thousands of Algerians" are people; "the Russians" often the state
            return self._composite(Arg(own.key, own.certainty, token.i), "CVL", token)
        return None

    def _modifier_actors(self, token: Token) -> list[Arg]:
        """Actors among a noun's modifiers, also one compound deeper ("US Predator attacks": US)."""
        found = []
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS:
                found += self._actors(child) or [
                    a for c in child.children if c.dep_ in ("compound", "amod") for a in self._actors(c)
                ]
        return found

    @staticmethod
    def _listed(token: Token) -> list[Token]:
        """The rest of a list the parser read as an apposition: "The UK, the Coalition and Iraq" (Coalition as
        an appositive of UK, Iraq its conjunct)."""
        return [t for c in token.children if c.dep_ == "appos" and c.conjuncts for t in (c, *c.conjuncts)]

    def _included(self, token: Token) -> list[Token]:
        """Those a target phrase says it includes: "civilians, including children", "Western states including
        France" (a subject's members are members, see :meth:`_inclusions`)."""
        return [
            t
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in self.lex.cue("inclusion_preps")
            for n in p.children
            if n.dep_ == "pobj"
            for t in (n, *n.conjuncts)
        ]

    def _claimed_by(self, token: Token) -> list[Arg]:
        """The agent of a participle describing the noun: "attacks claimed by Da'esh", "strikes carried out by
        Russia" (also when the parser reads the participle as the noun's verb); the subject of "claim" when the
        noun is its object ("Da'esh claimed the attacks, which killed ...")."""
        verbs = [v for v in token.children if v.dep_ == "acl" and v.tag_ == "VBN"]
        if token.dep_ == "nsubj" and token.head.tag_ == "VBN":
            verbs.append(token.head)
        found = [a for v in verbs for agent in v.children if agent.dep_ == "agent" for a in self._pobj(agent)]
        doer = token.head
        if not found and token.dep_ == "dobj" and doer.lemma_ in self.lex.cue("claim_verbs"):
            found = [a for c in doer.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c)]
        return found

    def _sector(self, token: Token) -> str | None:
        """The sector a noun names ("forces" MIL); a sector word modifying a generic noun decides ("rebel leaders"
        REB, "army officers" MIL, "opposition candidates" OPP, "this terrorist organisation" REB); a civilian one
        does not ("local officials" are officials)."""
        own = self.lex.sector_of.get(token.lemma_.lower()) or self.lex.sector_of.get(token.lower_)
        if (
            own in (None, "GOV", "CVL") and token.lemma_.lower() not in self.lex.nouns
        ):  # not "terrorist attacks"
            for child in token.children:
                if child.dep_ in ("compound", "amod") and child.i not in self.mention_at:
                    modifier = self.lex.sector_of.get(child.lemma_.lower())
                    if modifier not in (None, "CVL"):
                        return modifier
        return own

    def _modifier_owners(self, token: Token) -> list[Arg]:
        """The actor modifying a common noun that names none stands for it as a target, as event coders read it:
        "demolished Palestinian homes", "kidnapped Russian advisers", "sanctions on the Taliban faction"."""
        if token.pos_ != "NOUN" or token.lemma_.lower() in self.lex.partitives:
            return []
        return [
            Arg(a.key, a.certainty * 0.8, a.token)
            for c in token.children
            if c.dep_ in ("amod", "compound", "poss") and c.i in self.mention_at
            for a in self._actors(c)
        ]

    def _unowned(self, token: Token, sector: str, target: bool) -> list[Arg]:
        """A sector noun with no owner: "these terrorists" or "the militants" is the armed group named last; a
        target such as "civilians" or "innocent people" is the sector's actor of no state ("Civilians")."""
        if sector == "REB" and self._anaphoric(token):
            window = self._sentences_back(token, ANAPHORA_WINDOW)
            for mention in reversed(self.mentions):
                if window <= mention.start < token.i and self.actors[mention.key].cls == "ArmedGroup":
                    self.actors[mention.key].surface_forms.add(self._phrase(token))
                    return [Arg(mention.key, 0.6, token.i)]
            return []
        label = self.lex.unowned.get(sector)
        if not target and self._quantified(token):
            return []  # "all parties must cooperate": no one in particular
        if not target and sector in self.lex.domestic_sectors - {"REB"} and token.dep_ in SUBJECT_DEPS:
            # "prisoners rioted at a jail in East Timor", "fundamentalists demanded the Algerian president's ..."
            state = self._scene_state(token.head) or self._sentence_state(token, anywhere=True)
            return [self._composite(state, sector, token)] if state else []
        if not target:
            return []
        if label is None and sector in self.lex.domestic_sectors:  # "police fired on activists in Cairo"
            state = self._scene_state(token) or self._policing_state(token)
            return [self._composite(state, sector, token)] if state else []
        definite = token.pos_ == "PROPN" or any(c.lower_ == "the" for c in token.children)
        if label is None and definite and sector in self.lex.state_bodies:
            # "the regime": the government named last in the sentences before, else the sentence's state
            named = self._last_of_sector(sector, token)
            if named is not None:
                self.actors[named].surface_forms.add(self._phrase(token))
                return [Arg(named, 0.6, token.i)]
            # "the government", "Parliament" in a sentence about one state; a state's deed is not on its own
            # ("Chile expelled the envoy")
            own = {  # people protesting "outside Parliament" do act on their own state's body
                self.actors[a.key].state
                for a in self._acting_on(token)
                if self.actors[a.key].sector not in self.lex.domestic_sectors
            }
            state = self._sentence_state(token)
            return [self._composite(state, sector, token)] if state and state.key not in own else []
        if label is None:
            return []
        state = self._scene_state(token)  # "refugees fleeing the war in Liberia" are Liberia's
        if state is None and token.dep_ in ("dobj", "nsubjpass"):
            state = self._scene_state(token.head)  # "killed 20 people at a market in Baghdad"
        state = state or self._policing_state(token)  # "Syrian police arrested 12 people"
        if state is not None:
            return [self._composite(state, sector, token)]
        key = slugify(label)
        if key not in self.actors:
            self.actors[key] = Actor(key=key, label=label, cls=self.lex.sectors[sector][1], sector=sector)
        self.actors[key].surface_forms.add(self._phrase(token))
        return [Arg(key, 0.6, token.i)]

    @staticmethod
    def _quantified(token: Token) -> bool:
        """True for "all parties", "any communities", "each side"."""
        return any(c.dep_ in ("det", "predet") and c.lower_ in QUANTIFIERS for c in token.children)

    def _phrase(self, token: Token) -> str:
        """The noun phrase ending at ``token``: "these brutal terrorists", "60 civilians"."""
        return self.doc[token.left_edge.i : token.i + 1].text

    def _last_of_sector(self, sector: str, token: Token) -> str | None:
        """The body of ``sector`` (not a person) named last in the few sentences before ``token``: a gazetteer
        mention ("the Assad regime") or a sector actor read from a noun ("Syrian officials")."""
        window = self._sentences_back(token, ANAPHORA_WINDOW)
        found = [
            (m.start, m.key)
            for m in self.mentions
            if window <= m.start < token.i
            and self.actors[m.key].sector == sector
            and self.actors[m.key].cls not in PERSON_CLASSES
        ]
        named = self.sector_named.get(sector)
        if named is not None and window <= named[0] < token.i:
            found.append(named)
        return max(found)[1] if found else None

    def _scene_state(self, verb: Token) -> Arg | None:
        """The state where a deed takes place: the first place or state after "in", "at", "near"... (the
        lexicon's ``scene_preps``) in the verb's clause ("rioted at a jail in East Timor", "demonstrated in
        Tehran")."""
        for ent in self.doc.ents:
            root = ent.root
            inside = verb.left_edge.i <= ent.start and ent.end <= verb.right_edge.i + 1
            path = [root, *(a for a in root.ancestors if verb in a.ancestors)]  # up to the verb's own phrase
            if inside and any(
                t.dep_ == "pobj" and t.head.lower_ in self.lex.cue("scene_preps") for t in path
            ):
                state = self._place_state(ent)
                if state is not None:
                    return state
        return None

    def _places_in(self, prep: Token) -> list[Arg]:
        """The states of the places a locative preposition names, when they are no mentions ("in Baghdad")."""
        found = []
        for ent in self.doc.ents:
            if ent.root.dep_ == "pobj" and ent.root.head.i == prep.i and ent.root.i not in self.mention_at:
                state = self._place_state(ent)
                found += [state] if state else []
        return found

    def _place_state(self, ent: Span) -> Arg | None:
        """The state a place or state entity lies in; a place named as a place is no mention, so the gazetteer
        is asked ("in Baghdad": Iraq)."""
        mention = self.mention_at.get(ent.root.i)
        candidates = [] if mention else self.gazetteer.lookup(ent.text)
        if mention:
            place = self.actors[mention.key]
        elif candidates:
            place = actor_from_entry(candidates[0].entry, self.gazetteer, self.doc._.article)
        else:
            return None
        state = self.gazetteer.entries.get(place.state or "")
        if state is None or state.cls != "State":
            return None
        if state.key not in self.actors:
            self.actors[state.key] = actor_from_entry(state, self.gazetteer, self.doc._.article)
        return Arg(state.key, 0.7, ent.root.i)

    def _acting_on(self, token: Token) -> list[Arg]:
        """The subjects of the clause ``token`` is an object in."""
        clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        while clause is not None and not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
            clause = clause.head if clause.dep_ in SHARED_SUBJECT_DEPS and clause.head.i != clause.i else None
        return (
            [a for c in clause.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c)] if clause else []
        )

    def _policing_state(self, token: Token) -> Arg | None:
        """The state whose police or courts act on ``token``: they act at home ("Egyptian police dispersed
        activists" are Egypt's activists)."""
        for subject in self._acting_on(token):
            actor = self.actors[subject.key]
            if actor.sector in self.lex.cue("policing_sectors") and actor.state in self.actors:
                return Arg(actor.state, subject.certainty * 0.8, subject.token)
        return None

    def _sentence_state(self, token: Token, anywhere: bool = False) -> Arg | None:
        """The first state named in ``token``'s sentence before it (or ``anywhere`` in it), itself or as a person's
        or body's state."""
        end = token.sent.end if anywhere else token.i
        for mention in self.mentions:
            if token.sent.start <= mention.start < end:
                state = self.actors[mention.key].state
                if state in self.actors and self.actors[state].cls == "State":
                    return Arg(state, mention.certainty * 0.8, mention.start)
        return None

    def _anaphoric(self, token: Token) -> bool:
        """ "these terrorists", "the militants", "this group" refer back; "the rebel groups" (plural of a
        container) speaks of many."""
        dets = {c.lower_ for c in token.children if c.dep_ == "det"}
        if token.lemma_.lower() in self.lex.containers and token.tag_ == "NNS":
            return bool(dets & (DEMONSTRATIVES - {"the"}))
        return bool(dets & DEMONSTRATIVES)

    def _composite(self, owner: Arg, sector: str, token: Token) -> Arg:
        """The actor a sector noun names with its owner: a state's government, forces, rebels...

        An organisation or armed group is its own forces ("NATO troops", "ISIS fighters"); a person stands for
        their state ("the Assad regime").
        """
        actor = self.actors[owner.key]
        if actor.cls in ("Institution", "ArmedGroup", "Bloc"):
            return owner
        state = self.actors.get(actor.state or "")
        if state is None or state.cls != "State" or sector not in self.lex.sectors:
            return owner
        key = self.extractor.sector_entry(state.key, sector) or f"{state.key}-{sector}"
        if key not in self.actors and key in self.gazetteer.entries:
            self.actors[key] = actor_from_entry(
                self.gazetteer.entries[key], self.gazetteer, self.doc._.article
            )
        elif key not in self.actors:
            template, cls = self.lex.sectors[sector]
            label = template.format(state=state.label)
            self.actors[key] = Actor(key=key, label=label, cls=cls, country=state.key, sector=sector)
        if token.pos_ in (
            "NOUN",
            "PROPN",
        ):  # the words that named it: "Iraqi security forces", "people of Iraq"
            end = max(token.i, owner.token) + 1 if owner.token <= token.right_edge.i else token.i + 1
            words = [t for t in self.doc[token.left_edge.i : end] if t.dep_ != "det" and not t.is_punct]
            if words:
                self.actors[key].alt_labels.add(self.doc[words[0].i : end].text)
        self.sector_named[sector] = (token.i, key)
        return Arg(key, owner.certainty * 0.95, token.i)

    def _actor(self, token: Token) -> Arg | None:
        mention = self.mention_at.get(token.i)
        if mention is not None and not self._generic(mention):
            return Arg(mention.key, mention.certainty, token.i)
        if token.pos_ == "PRON":
            arg = self._pronoun(token)
            if arg is not None:
                self.actors[arg.key].surface_forms.add(token.text)
            return arg
        return None

    def _generic(self, mention: Mention) -> bool:
        """A name the statistical NER found that is only a sector noun ("Parliament", "the Army", "Russia's
        Supreme Court"): read as the sector of a state, not as an actor of its own."""
        words = [t for t in self.doc[mention.start : mention.end] if t.dep_ != "det"]
        if mention.kind != "ner" or not words or words[-1].lemma_.lower() not in self.lex.sector_of:
            return False
        # "Parliament"; "Supreme Court" only with an owner ("the Ivory Coast's Supreme Court")
        return len(words) == 1 or any(c.dep_ == "poss" and c.i in self.mention_at for c in words[-1].children)

    def _pronoun(self, token: Token) -> Arg | None:
        """What a pronoun refers to: the speaker in reported speech, else the subject of an enclosing clause,
        else, within this sentence and the one before, the last subject (for a subject pronoun) or the nearest
        actor named as a noun (not a demonym) of a compatible class."""
        word = token.lower_
        if word in FIRST_SINGULAR | FIRST_PLURAL:
            return self._first_person(token)
        if word in PERSON_PRONOUNS:
            wanted = set(PERSON_CLASSES)
        elif word in THING_PRONOUNS:
            wanted = {"State", "Institution", "ArmedGroup", "Bloc"}
        elif word in PLURAL_PRONOUNS:
            wanted = {"State", "Institution", "ArmedGroup", "Bloc", "Actor"}
        else:
            return None
        speaker = self._speaker(token)
        if speaker is not None and self.actors[speaker.key].cls in wanted:
            return Arg(speaker.key, 0.85, token.i)  # "Russia said it would": the speaker

        verb = token.head.head if token.dep_ == "pobj" else token.head
        # an object pronoun is not its own verb's subject ("Kerry urged him": not Kerry, who would be "himself")
        own_subjects: set[str] = set()
        if token.dep_ in ("dobj", "dative", "pobj"):
            own_subjects = {
                m.key for c in verb.children if c.dep_ in SUBJECT_DEPS for m in self._mentions_in(c)
            }
            own_subjects = own_subjects or {a.key for a in self._inherited_subject(verb)}

        def fits(mention: Mention | None) -> bool:
            return (
                mention is not None
                and mention.kind != "demonym"
                and self.actors[mention.key].cls in wanted
                and mention.key not in own_subjects
            )

        for ancestor in token.ancestors:
            for child in ancestor.children:
                mention = self.mention_at.get(child.i)
                if child.dep_ in SUBJECT_DEPS and child.i < token.i and fits(mention):
                    return Arg(mention.key, 0.65, token.i)
        window = self._previous_sentence_start(token)
        earlier = [m for m in reversed(self.mentions) if window <= m.start < token.i and fits(m)]
        subjects = [m for m in earlier if self.doc[m.start : m.end].root.dep_ in SUBJECT_DEPS]
        if token.dep_ in SUBJECT_DEPS and subjects:  # a subject pronoun continues the last subject
            return Arg(subjects[0].key, 0.6, token.i)
        return Arg(earlier[0].key, 0.55, token.i) if earlier else None

    def _mentions_in(self, token: Token) -> list[Mention]:
        """The gazetteer and NER mentions inside ``token``'s phrase."""
        return [m for m in self.mentions if token.left_edge.i <= m.start <= token.right_edge.i]

    def _first_person(self, token: Token) -> Arg | None:
        """ "I" is the one quoted; "we" the state they speak for, or, outside any quotation, the state behind the
        article's publisher ("we" in a UK Government release is the United Kingdom); so is an "I" no one is quoted
        as (the unnamed official a government release speaks through)."""
        speaker = self._speaker(token) or self._quoted_speaker(token)
        actor = self.actors[speaker.key] if speaker else None
        if token.lower_ in FIRST_SINGULAR and actor and actor.cls in PERSON_CLASSES:
            return Arg(actor.key, 0.8, token.i)
        if token.lower_ in FIRST_SINGULAR and speaker is not None:
            return None
        if actor is not None:
            key = actor.state if actor.state in self.actors else actor.key
            return Arg(key, 0.7, token.i)
        publisher = self._publisher_state()
        return Arg(publisher, 0.6, token.i) if publisher else None

    def _quoted_speaker(self, token: Token) -> Arg | None:
        """The subject of the last reporting verb before ``token`` within a few sentences: the speaker of a
        quotation that follows "X said:"."""
        for verb in reversed(self.doc[self._sentences_back(token, SPEAKER_WINDOW) : token.i]):
            if verb.lemma_ in self.lex.cue("reporting_verbs") and verb.pos_ == "VERB":
                for child in verb.children:
                    if child.dep_ in SUBJECT_DEPS and child.pos_ != "PRON":
                        found = self._actors(child, expand=False)
                        if found:
                            return found[0]
        return None

    def _publisher_state(self) -> str | None:
        """The state behind the article's publisher (:func:`kg.actors.publisher_state`), added to the actors."""
        article: Article | None = self.doc._.article
        state = publisher_state(article, self.gazetteer)
        if state is not None and state not in self.actors:
            self.actors[state] = actor_from_entry(self.gazetteer.entries[state], self.gazetteer, article)
        return state

    def _previous_sentence_start(self, token: Token) -> int:
        """Pronouns look back no further than the sentence before their own."""
        return self._sentences_back(token, 1)

    def _sentences_back(self, token: Token, count: int) -> int:
        """The start of the sentence ``count`` sentences before ``token``'s own (or of the Doc)."""
        start = token.sent.start
        for _ in range(count):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return start

    def _speaker(self, token: Token) -> Arg | None:
        """The subject of the reporting verb whose complement holds ``token`` ("Syria said Israel ... its",
        "Palestinian leaders said they ...")."""
        for ancestor in (token, *token.ancestors):
            if ancestor.dep_ == "ccomp" and ancestor.head.lemma_ in self.lex.cue("reporting_verbs"):
                for child in ancestor.head.children:
                    if child.dep_ in SUBJECT_DEPS and child.pos_ != "PRON":
                        found = self._actors(child, expand=False)
                        if found:
                            return Arg(found[0].key, 0.9, child.i)
        return None

    # -- statements ---------------------------------------------------------------------------------------
    def _pairs(
        self,
        sent: Span,
        trigger_token: Token,
        relation: str,
        args: list[Arg],
        trigger: Trigger,
        head: Token,
        modality: str | None = None,
    ) -> Iterator[Statement]:
        for a in args:
            for b in args:
                if a.key != b.key:
                    yield from self._emit(sent, trigger_token, head, relation, [a], [b], trigger, modality)

    def _emit(
        self,
        sent: Span,
        trigger_token: Token,
        head: Token,
        relation: str,
        subjects: list[Arg],
        objects: list[Arg],
        trigger: Trigger,
        modality: str | None = None,
    ) -> Iterator[Statement]:
        if relation in self.lex.preparations and self._prepared(head):
            relation, modality = (
                self.lex.preparations[relation],
                "asserted",
            )  # "prepared to attack": mobilized
        for subject in subjects:
            for obj in objects:
                relation = self._structural(relation, subject, obj)
                allowed = self.lex.object_classes.get(relation)
                if allowed is not None and self.actors[obj.key].cls not in allowed:
                    continue
                if self._same_side(subject, obj) and relation in self.lex.governing_targets:
                    obj = self._composite(
                        obj, "CVL", self.doc[obj.token]
                    )  # a leader's curfew on his own state
                if subject.key != obj.key and not self._same_side(subject, obj):
                    yield self._statement(
                        sent,
                        subject,
                        relation,
                        obj,
                        self._trigger_text(trigger_token),
                        trigger.strength,
                        head,
                        modality,
                    )

    def _prepared(self, head: Token) -> bool:
        """True when the deed is what the actor prepares for ("the army prepared to resume shelling")."""
        node = head
        for _ in range(3):
            if node.dep_ != "xcomp" or node.head.i == node.i:
                return False
            node = node.head
            if node.lemma_ in self.lex.cue("preparation_verbs"):
                return True
        return False

    def _structural(self, relation: str, subject: Arg, obj: Arg) -> str:
        """A state "part of" an organisation or bloc is a member of it ("the UK, as part of the coalition")."""
        member = self.lex.part_as_member
        if (
            member
            and relation == member[0]
            and self.actors[subject.key].cls == "State"
            and self.actors[obj.key].cls in self.lex.object_classes.get(member[1], frozenset())
        ):
            return member[1]
        return relation

    def _same_side(self, a: Arg, b: Arg) -> bool:
        """A person, or an actor read from a pronoun, paired with their own state ("President Hollande and France
        discussed", "Hollande ... vowed to destroy it"): not a relation between two actors."""
        first, second = self.actors[a.key], self.actors[b.key]
        if {first.sector, second.sector} & self.lex.domestic_sectors:
            return False  # "French farmers said they would blockade Paris" is a domestic event
        persons = first.cls in PERSON_CLASSES or second.cls in PERSON_CLASSES
        if not persons and self.doc[a.token].pos_ != "PRON" and self.doc[b.token].pos_ != "PRON":
            return False
        return first.country == b.key or second.country == a.key

    def _statement(
        self,
        sent: Span,
        subject: Arg,
        relation: str,
        obj: Arg,
        trigger_text: str,
        strength: float,
        head: Token,
        modality: str | None = None,
    ) -> Statement:
        distance = max(abs(subject.token - head.i), abs(obj.token - head.i))
        confidence = strength * min(subject.certainty, obj.certainty) * (1.0 if distance <= 12 else 0.85)
        for clause in (head, *head.ancestors):
            if self._topic(clause):  # "evidence about contacts between X and Y": a topic, not a deed told
                confidence *= CLAUSE_DECAY
            elif clause.dep_ in EMBEDDED_CLAUSES:
                purpose = clause.dep_ == "advcl" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
                )
                confidence *= PURPOSE_DECAY if purpose else CLAUSE_DECAY
        speaker = self._speaker(head)
        return Statement(
            subject=subject.key,
            predicate=relation,
            object=obj.key,
            modality=modality or self._modality(head),
            confidence=round(confidence, 3),
            trigger=trigger_text,
            evidence=sent.text.strip(),
            char_start=sent.start_char,
            char_end=sent.end_char,
            date=self._event_date(head) or self.article_date,
            attributed_to=speaker.key if speaker and speaker.key not in (subject.key, obj.key) else None,
        )

    def _topic(self, token: Token) -> bool:
        """True for a noun that is the topic of another noun ("evidence about contacts", "talks on sanctions")."""
        prep = token.head
        return (
            token.dep_ == "pobj" and prep.lower_ in self.lex.cue("topic_preps") and prep.head.pos_ == "NOUN"
        )

    @staticmethod
    def _trigger_text(token: Token) -> str:
        """The trigger word with its particles, auxiliaries of voice and light-verb partner."""
        words = [token]
        words += [c for c in token.children if c.dep_ in ("prt", "compound") and c.pos_ != "PROPN"]
        if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
            words.append(token.head)
        return " ".join(t.text for t in sorted(words, key=lambda t: t.i))

    def _modality(self, head: Token) -> str:
        """negated > hypothetical > future > asserted, read on the trigger and the verbs that govern it."""
        found: set[str] = set()
        node = head
        for _ in range(5):
            for child in node.children:
                word = child.lower_
                if child.dep_ == "neg" or (child.dep_ == "det" and word == "no" and node.pos_ == "NOUN"):
                    found.add("negated")
                elif child.dep_ == "aux" and (
                    word in self.lex.cue("future_aux")
                    or (word in self.lex.cue("reported_future_aux") and self._reported(node))
                ):
                    found.add("future")
                elif (child.dep_ == "aux" and word in self.lex.cue("hypothetical_aux")) or (
                    child.dep_ == "mark" and word in self.lex.cue("condition_marks")
                ):
                    found.add("hypothetical")
                elif child.dep_ == "prt" and self.lex.negating_particles.get(node.lemma_) == word:
                    found.add("negated")
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            noun = node.head.lemma_.lower()
            if (
                node.dep_ in ("acl", "relcl")
                and infinitive
                and node.head.pos_ == "NOUN"
                and noun not in self.lex.cue("realis_nouns")
            ):
                future = noun in self.lex.cue("future_nouns")  # "the right to fire", "its plan to attack"
                found.add("future" if future else "hypothetical")
            purpose = node.dep_ == "advcl" and infinitive  # "will blockade Paris to demand": as its head
            if (
                node.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "dobj", "conj", "acomp") and not purpose
            ) or node.head.i == node.i:
                break
            parent = node.head
            lemma = parent.lemma_
            if node.dep_ in ("xcomp", "pcomp", "pobj", "prep", "dobj", "acomp"):
                if lemma in self.lex.cue("negating_verbs"):
                    found.add("negated")
                elif lemma in self.lex.cue("future_verbs"):
                    found.add("future")
                elif lemma in self.lex.cue("hypothetical_verbs") and node.dep_ != "dobj":
                    found.add("hypothetical")
            node = parent
        for modality in ("negated", "hypothetical", "future"):
            if modality in found:
                return modality
        return "asserted"

    def _reported(self, clause: Token) -> bool:
        """True for a clause reported after a past-tense reporting verb ("said they would boycott"), where
        "would" is the past of "will"."""
        return (
            clause.dep_ == "ccomp"
            and clause.head.lemma_ in self.lex.cue("reporting_verbs")
            and clause.head.tag_ in ("VBD", "VBN")
        )

    def _event_date(self, head: Token) -> date | None:
        """The date of a date phrase attached to the trigger's clause ("on Tuesday", "in October 2000")."""
        clause = (
            head
            if head.pos_ in ("VERB", "AUX")
            else next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), head)
        )
        if clause.i not in self.clause_dates:
            sent = clause.sent
            candidates = (
                e for e in self.dates if sent.start <= e.start < sent.end and self._attached(e, clause)
            )
            resolved = (resolve_date(ent.text, self.article_date) for ent in candidates)
            self.clause_dates[clause.i] = next((d for d in resolved if d is not None), None)
        return self.clause_dates[clause.i]

    @staticmethod
    def _attached(ent: Span, clause: Token) -> bool:
        """True when the date phrase modifies this clause, not an embedded one."""
        node = ent.root
        for _ in range(4):
            if node.i == clause.i:
                return True
            if node.pos_ in ("VERB", "AUX"):
                return False
            node = node.head
        return node.i == clause.i
