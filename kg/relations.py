"""Relation extraction: the ``newskg_relation_extractor`` spaCy component.

Reads the dependency parse with the lexicon of ``ontology/relations.yaml`` (trigger verbs and event nouns per
relation, compiled by :mod:`kg.lexicon`) and the title lexicon of ``ontology/titles.yaml``, and writes
``doc._.statements``; which actors a phrase stands for is :mod:`kg.arguments`'s part. What it handles:

* verbs in active and passive voice, with direct and prepositional objects ("was attacked by", "met with");
* event nouns after a light verb ("imposed sanctions on"), with a possessive or modifier as source ("Russia's
  annexation of Crimea", "Russian airstrikes on Aleppo") and hyphenated pairs ("the EU-Turkey deal");
* coordination on either side, "X and Y met" as a symmetric relation, subjects shared through ``xcomp``/``conj``
  and relative clauses;
* targets behind nouns that name no actor ("a suspension of trade with Morocco"), in a purpose clause ("fired
  shots to disperse the crowd"), or a place's state ("shelled a depot in Lima"); reported speech attributed
  to the speaker; a deed whose means but no doer is named ("a roadside bomb killed") done by unidentified
  attackers; deeds with no target aimed at one's own side (protesters at their government, a government easing
  a curfew at its people);
* modality (negated, future, hypothetical) from negation, auxiliaries, governing verbs, ``if`` clauses, noun
  adjectives and nouns an infinitive completes ("the right to fire"); threats from deeds announced "unless";
  allies from joint deeds; membership ("as part of"); reactions ("appalled by the attack by X" accuses X);
* confidence from the lexicon's strength, the linking certainty, distance, and the clause the deed is told in
  (main clause > embedded clause > aim of another deed > topic of a noun);
* titles and appositions as ``leaderOf``/``officialOf`` ("Chilean President Michelle Bachelet", "Anders
  Fogh Rasmussen, NATO's secretary general");
* the event's date from a date phrase in the clause, resolved against the article's date.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Russia imposed new sanctions on Ukraine on Tuesday.")
>>> [(s.subject, s.predicate, s.object, s.modality) for s in doc._.statements]
[('Q159', 'sanctions', 'Q212', 'asserted')]
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.actors import MAX_TITLE_TOKENS, PERSON_CLASSES, RULER_LABEL, Mention, located
from kg.arguments import PLURAL_PRONOUNS, Arg, ArgumentReader
from kg.dates import resolve_date
from kg.errors import ExtractionWarning
from kg.gazetteer import Gazetteer, load_gazetteer, slugify
from kg.lexicon import Lexicon, Trigger, load_lexicon
from kg.model import Actor, Article, Statement
from kg.syntax import (
    MODIFIER_DEPS,
    OBJECT_DEPS,
    SHARED_SUBJECT_DEPS,
    SUBJECT_DEPS,
    is_apposition,
    is_for_clause,
    is_infinitive,
)

NOMINAL_STRENGTH = 0.85
"""How much a bare event noun, not carried by a verb, weighs against a verb's event (the confidence factor)."""
MIN_CONFIDENCE = 0.3
EMBEDDED_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj"})
CLAUSE_DECAY = 0.9
"""A deed told in an embedded clause weighs this much less per clause: the main clause's event leads."""
PURPOSE_DECAY = 0.8
"""A deed that is the aim of another ("staged a protest to demand reforms") weighs less still."""
MODE_DEPS = frozenset({"amod", "compound", "advmod", "npadvmod", "nmod", "dobj"})
"""The words of a trigger's phrase that may tell its mode ("military aid", "cooperated militarily", "sent arms");
its prepositions' objects count too ("support in the fight against ISIL")."""
MODE_DEPTH = 3
"""How far down the trigger's phrase its mode is read ("provided [ten million pounds [in [humanitarian] aid]]")."""


@Language.factory("newskg_relation_extractor", default_config={"gazetteer_files": []})
def make_relation_extractor(nlp: Language, name: str, gazetteer_files: list[str]) -> RelationExtractor:
    """The component that writes ``doc._.statements`` (see the module docstring)."""
    return RelationExtractor(load_lexicon(), load_gazetteer(gazetteer_files))


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

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the lexicon with the pipeline (``nlp.to_disk``): its source files, each as ``ROLE.yaml``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for role, source in self.lexicon.sources.items():
            shutil.copyfile(source, path / f"{role}.yaml")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        """Load the lexicon saved with the pipeline (``spacy.load``), validated as any lexicon is."""
        path = Path(path)
        self.lexicon = load_lexicon(path / "relations.yaml", path / "sectors.yaml", path / "derived.yaml")
        return self


class SentenceReader(ArgumentReader):
    """Reads the events of one Doc's sentences between the actors :class:`ArgumentReader` resolves."""

    def __init__(self, extractor: RelationExtractor, doc: Doc) -> None:
        super().__init__(extractor, doc)
        article: Article | None = doc._.article
        self.article_date: date | None = article.date if article else None
        self.dates: list[Span] = [ent for ent in doc.ents if ent.label_ == "DATE"]
        self.clause_dates: dict[int, date | None] = {}  # clause head -> its date, computed once

    # -- the walk -------------------------------------------------------------------------------------------
    def statements(self) -> Iterator[Statement]:
        """The Doc's statements, each once, above the confidence floor."""
        seen: set[tuple[str, str, str, int]] = set()
        # sentences naming an actor or a gazetteer place ("the police in Cairo arrested activists"), or pointing
        # back to two ("they met", "the two countries will cooperate")
        pointing = PLURAL_PRONOUNS | self.lex.cue("pair_words")
        named = (
            set(self.mention_at)
            | {ent.root.i for ent in self.doc.ents if ent.label_ == RULER_LABEL}
            | {t.i for t in self.doc if t.lower_ in pointing}
        )
        for sent in self.doc.sents:
            if not any(i in named for i in range(sent.start, sent.end)):
                continue
            try:
                found = list(self._sentence(sent))
            except Exception as exc:  # a fault of ours must not lose the article: report it, read on
                source = self.doc._.article.source if self.doc._.article else "text"
                warnings.warn(
                    f"warning[{ExtractionWarning.code}]: {source}: the sentence at character {sent.start_char} was"
                    f" skipped ({type(exc).__name__}: {exc})",
                    ExtractionWarning,
                    stacklevel=1,
                )
                continue
            for stmt in found:
                ident = (stmt.subject, stmt.predicate, stmt.object, stmt.char_start)
                if stmt.subject != stmt.object and ident not in seen and stmt.confidence >= MIN_CONFIDENCE:
                    seen.add(ident)
                    yield stmt

    def _sentence(self, sent: Span) -> Iterator[Statement]:
        """One sentence: titles first (they tell whose an office holder is), then verb and noun triggers in token
        order, then obligations, reactions, inclusions."""
        yield from self._titles(sent)
        consumed: set[int] = set()  # nouns that belong to a multi-word verb ("lodged a protest")
        for token in sent:
            if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.dep_ == "ROOT"):
                trigger = self.lex.match(token, self.lex.verbs) or self.lex.match(
                    token, self.lex.domestic_verbs
                )
                if (
                    trigger
                    and (trigger.extra or not self._is_light_use(token))
                    and not self._scare_quoted(token)
                ):
                    consumed |= {c.i for c in token.children if c.lemma_.lower() in trigger.extra}
                    yield from self._verb_event(sent, token, trigger)
            if token.pos_ in ("NOUN", "PROPN") and token.i not in self.mention_at and token.i not in consumed:
                trigger = self.lex.match(token, self.lex.nouns)
                if trigger and not self._in_compound_trigger(token) and not self._scare_quoted(token):
                    yield from self._noun_event(sent, token, trigger)
        yield from self._obligations(sent)
        yield from self._reactions(sent)
        yield from self._receipts(sent)
        yield from self._designations(sent)
        yield from self._inclusions(sent)

    def _scare_quoted(self, token: Token) -> bool:
        """True for a word set alone in quotation marks: the writer does not vouch for it (Chile's "war" on Peru)."""
        doc = self.doc
        return 0 < token.i < len(doc) - 1 and doc[token.i - 1].is_quote and doc[token.i + 1].is_quote

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
            speakers = self._subjects_of(clause.head)
            targets = [
                a for c in clause.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c, target=True)
            ]
            trigger = Trigger("appealsTo", (), self.lex.strength.get("appealsTo", 0.7) * 0.9)
            yield from self._emit(sent, clause, clause.head, "appealsTo", speakers, targets, trigger)

    def _reactions(self, sent: Span) -> Iterator[Statement]:
        """ "I am shocked by the raid by Peru's army", "Canada is deeply concerned about Chile's conduct":
        the one who reacts so accuses the one who caused it."""
        relation = self.lex.reaction
        if relation is None:
            return
        for word in sent:
            if word.lemma_.lower() not in self.lex.cue("reaction_words") or word.pos_ not in ("ADJ", "VERB"):
                continue
            if word.dep_ == "acomp":  # "I am shocked by", "Canada is concerned about"
                felt = self._subjects_of(word.head)
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

    def _receipts(self, sent: Span) -> Iterator[Statement]:
        """ "Ukraine received tanks from Germany": the giver's deed to the receiver, the relation of the noun
        received ("received a warning from Chile" is a threat), else aid for supplies (the lexicon's ``receipt``)."""
        receipt = self.lex.receipt
        for verb in sent:
            if verb.lemma_ not in receipt.verbs or verb.pos_ != "VERB":
                continue
            givers = [
                a for p in verb.children if p.dep_ == "prep" and p.lower_ == "from" for a in self._pobj(p)
            ]
            things = [self._phrase_head(c) for c in verb.children if c.dep_ == "dobj"]
            if not givers or not things:
                continue
            receivers = self._subjects_of(verb, inherit=True)
            for thing in things:
                trigger = self.lex.match(thing, self.lex.nouns)
                if trigger is None and {t.lemma_.lower() for t in thing.subtree} & receipt.words:
                    trigger = receipt.trigger
                if trigger is not None:
                    yield from self._emit(sent, verb, verb, trigger.relation, givers, receivers, trigger)

    def _designations(self, sent: Span) -> Iterator[Statement]:
        """ "The US designated Hamas (as) a terrorist organisation": a sanction on Hamas (the lexicon's
        ``designation``: its verbs, and the words that make a designation hostile)."""
        rule = self.lex.designation
        for verb in sent:
            if verb.lemma_ not in rule.verbs or verb.pos_ != "VERB":
                continue
            named = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            labels = [  # "(as) a terrorist organisation", an apposition or a complement of the one named
                t
                for c in (*named, *(p for p in verb.children if p.dep_ == "prep" and p.lower_ == "as"))
                for t in c.subtree
                if t.lemma_.lower() in rule.words
            ]
            if labels:
                targets = [a for c in named for a in self._actors(c, expand=False)]
                subjects = self._subjects_of(verb, inherit=True)
                yield from self._emit(
                    sent, verb, verb, rule.trigger.relation, subjects, targets, rule.trigger
                )

    def _is_light_use(self, verb: Token) -> bool:
        """True when the verb only carries an event noun ("strike a deal", "launch an attack", "provided Iraq
        with support")."""
        if verb.lemma_ not in self.lex.light_verbs:
            return False
        carried = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if verb.lemma_ in self.lex.recipient_verbs:
            carried += [
                o for p in verb.children if p.lower_ == "with" for o in p.children if o.dep_ == "pobj"
            ]
        return any(
            (trigger := self.lex.match(c, self.lex.nouns)) and not self._handed_over(c, trigger.relation)
            for c in carried
        )

    def _handed_over(self, noun: Token, relation: str) -> bool:
        """True for a weapon a recipient verb hands over ("sent missiles to Ukraine"): aid, not an attack."""
        return (
            relation in self.lex.cue("weapon_deeds")
            and noun.dep_ == "dobj"
            and noun.head.lemma_ in self.lex.recipient_verbs
        )

    # -- verbs --------------------------------------------------------------------------------------------
    def _verb_event(self, sent: Span, verb: Token, trigger: Trigger) -> Iterator[Statement]:
        """The statements of a trigger verb: its arguments, or the fallbacks when the text names no target."""
        if self._no_deed(verb):
            return
        relation = trigger.relation
        subjects, objects = self._verb_args(verb, relation)
        if (
            not subjects
            and objects
            and relation in self.lex.unknown_doer
            and self._done_by_no_one(verb, relation)
        ):
            subjects = [self._unknown_doer(relation, verb)]  # "a roadside bomb killed two soldiers"
        if not subjects and objects:
            subjects = self._authorities(verb)  # "was arrested in Lebanon": by Lebanon's police
        if trigger in self.lex.domestic_verbs.get(verb.lemma_, ()):  # "students blocked roads", not a state
            subjects = [s for s in subjects if self.actors[s.key].sector in self.lex.domestic_sectors]
        own = {s.key for s in subjects}
        objects = [o for o in objects if not (self.doc[o.token].pos_ == "PRON" and o.key in own)]
        if relation in self.lex.domestic_targets and subjects:
            states = {self.actors[s.key].state for s in subjects}
            if all(self._located(self.doc[o.token]) and o.key in states for o in objects):
                objects = []  # "students protested in Dhaka": at their own government (below), not their state
        allowed = self.lex.object_classes.get(relation)
        if allowed is not None:  # "dockers blocked a bridge": a place is no protest's target
            objects = [o for o in objects if self.actors[o.key].cls in allowed]
        if not objects and relation in self.lex.complement_target and not self.asks_others(verb):
            objects = self._complement_targets(verb, relation)
        if self._mutual(verb, trigger):  # "Chile clashed with Peru", "Chile and Peru exchanged fire"
            partners = [
                a for p in verb.children if p.dep_ == "prep" and p.lower_ == "with" for a in self._pobj(p)
            ]
            sides = [
                o for o in objects if not self._located(self.doc[o.token])
            ]  # not the state of "clashed in Khartoum"
            yield from self._pairs(sent, verb, relation, subjects + (partners or sides), trigger, verb)
            return
        if not objects and relation in self.lex.symmetric and len(subjects) > 1:
            yield from self._pairs(sent, verb, relation, subjects, trigger, verb)
            return
        if not objects and relation in self.lex.domestic_targets | self.lex.governing_targets:
            yield from self._at_own_side(sent, verb, verb, relation, subjects, trigger)
            return
        yield from self._emit(sent, verb, verb, relation, subjects, objects, trigger)
        if relation != "threatens" and self.modal.threat_condition(verb):
            threat = Trigger("threatens", (), trigger.strength * 0.9)  # "will pull out unless X complies"
            yield from self._emit(sent, verb, verb, "threatens", subjects, objects, threat, "asserted")
        # "France and Britain bombed Libya": France cooperates with Britain (not "neither France nor Britain")
        shared = relation in self.lex.joint_actions and self.modal.modality(verb) == "asserted"
        if objects and shared and 1 < len({s.key for s in subjects}) <= self.lex.joint_action_max:
            joint = self.lex.joint_action
            yield from self._pairs(sent, verb, joint.relation, subjects, joint, verb)

    def _mutual(self, verb: Token, trigger: Trigger) -> bool:
        """True for a deed two sides do to each other (the lexicon's ``mutual_deeds``: "clash", "exchange fire")."""
        mutual = self.lex.cue("mutual_deeds")
        lemma = verb.lemma_.lower()
        return lemma in mutual or " ".join((lemma, *trigger.extra)) in mutual

    def _no_deed(self, verb: Token) -> bool:
        """True for a trigger verb that tells no deed here: a participle setting the scene of what someone says
        ("Speaking to reporters, Putin said"), or a gift of nothing that changes hands ("to give Iraqis hope")."""
        if verb.lemma_ in self.lex.cue("reporting_frames"):
            return (
                verb.tag_ == "VBG"
                and verb.dep_ == "advcl"
                and verb.head.lemma_ in self.lex.cue("reporting_verbs")
                and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
            )
        intangible = self.lex.cue("intangible_objects")
        return verb.lemma_ in self.lex.recipient_verbs and any(
            c.dep_ == "dobj" and c.lemma_.lower() in intangible for c in verb.children
        )

    def _verb_args(self, verb: Token, relation: str) -> tuple[list[Arg], list[Arg]]:
        """(subjects, objects) of a trigger verb, across voice, prepositions, shared subjects and clauses."""
        preps = self.lex.target_preps(relation, "with")
        subjects: list[Arg] = []
        objects: list[Arg] = []
        located: list[Arg] = []  # targets of locative prepositions, used when there is no direct object
        passive = False
        # "gave aid to Ukraine": the object is what is handed over; "supplied Ukraine with arms": the recipient
        hands_over = verb.lemma_ in self.lex.recipient_verbs and not any(
            c.dep_ == "prep" and c.lower_ == "with" for c in verb.children
        )
        # "lifted its blockade on X": the blockade's owner is no target
        phrase = self.lex.match(verb, self.lex.verbs)
        in_phrase = set(phrase.extra) if phrase else set()
        # a verb with a subject of its own that names no one ("other rebel groups opposed") borrows none
        own_subject = False
        # what is taken back from someone, with the verb's own "from" ("liberate from", "retake from")
        taking = {w for t in self.lex.verbs.get(verb.lemma_.lower(), ()) for w in t.extra}
        for child in verb.children:
            if child.lemma_.lower() in in_phrase and child.pos_ != "ADP":
                # "stands side by side with Peru": the idiom's words hold its target
                objects += [
                    a
                    for p in child.children
                    if p.dep_ == "prep" and p.lower_ in preps
                    for a in self._pobj(p, target=True)
                ]
            if child.dep_ in SUBJECT_DEPS:
                own_subject = True
                subjects += self._actors(child)
            elif child.dep_ == "nsubjpass":
                passive = True
                objects += self._actors(child, target=True)
            elif child.dep_ == "agent" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
                # (an "agent" of an active verb is the parser's: "condemned the invasion of X by Y")
                subjects += [a for p in child.children if p.dep_ == "pobj" for a in self._agents(p)]
            elif child.dep_ in OBJECT_DEPS or self._misread_object(child, verb):
                if child.pos_ == "ADP":  # "provided fuel to the Philippines" read as a dative
                    objects += self._pobj(child, target=True)
                    continue
                topic = child.dep_ == "dobj" and verb.lemma_ in self.lex.cue("topic_object_verbs")
                # "liberated the town from ISIL": what is taken back from the target is not the target (the
                # parser may hang "from ISIL" on the town)
                held_by = [p for p in child.children if p.dep_ == "prep" and p.lower_ in taking]
                taken_from = child.dep_ == "dobj" and (
                    bool(held_by) or any(p.dep_ == "prep" and p.lower_ in in_phrase for p in verb.children)
                )
                if taken_from:
                    objects += [a for p in held_by for a in self._pobj(p, preps, target=True)]
                held = child.lemma_.lower() in self.lex.cue("captive_nouns")  # "demanded the release of X"
                skip = (
                    (hands_over and child.dep_ == "dobj")
                    or topic
                    or taken_from
                    or child.lemma_.lower() in in_phrase
                    or held
                )
                direct = [] if skip else self._actors(child, target=True)
                objects += direct
                # "threatened action against Russia", "provided intelligence to Macedonia"; but who backs or
                # condemns a deed backs or accuses its doer, not its target ("backed the invasion of Peru by Chile")
                deed = self.lex.match(child, self.lex.nouns)
                if deed and not direct and relation in self.lex.cue("deed_doer_relations"):
                    if deed.relation in self.lex.symmetric and verb.lemma_ in self.lex.cue("refusal_verbs"):
                        # "rejected talks with Iran": Iran
                        objects += self._through(child, self.lex.target_preps(deed.relation))
                    else:
                        objects += self._deed_doers(child, verb)
                elif not direct and not taken_from and not held:  # X's captors are asked, not X
                    objects += self._through(child, preps)
            elif child.dep_ == "prep" and child.lower_ in in_phrase:  # "liberated the town from ISIL"
                objects += self._pobj(child, preps, target=True)  # "called for an end to Peru's attacks"
            elif child.dep_ == "prep" and child.lower_ in preps:
                found = self._pobj(child, preps, target=True)
                if child.lower_ in self.lex.locative_preps:  # "intervened in Iraq", "struck in Baghdad"
                    # not "struck in support of Iraqi forces": a deed of its own, no place
                    deed = any(self.lex.match(o, self.lex.nouns) for o in child.children if o.dep_ == "pobj")
                    located += [] if deed else found or self._places_in(child)
                else:
                    objects += found
            elif child.dep_ == "prt" and child.lower_ == "up":  # "kidnapped up to 16 advisers" (a quantity)
                objects += [a for p in child.children if p.lower_ == "to" for a in self._pobj(p, target=True)]
        if located and any(c.dep_ == "dobj" for c in verb.children):
            located = self.states_of(located)  # "seized a tanker in the Strait of Hormuz": no target there
        objects = objects or located
        if not objects and verb.lemma_ in self.lex.cue("enabling_verbs"):  # "helped Ukraine rebuild its grid"
            objects = [
                a
                for c in verb.children
                if c.dep_ == "ccomp"
                for s in c.children
                if s.dep_ in SUBJECT_DEPS
                for a in self._actors(s, target=True)
            ]
        if not objects and not passive:  # "to contain and defeat Russia": both act on Russia
            objects = [
                a
                for c in verb.children
                if c.dep_ == "conj" and c.pos_ == "VERB" and self._verb_relation(c) == relation
                for o in c.children
                if o.dep_ == "dobj"
                for a in self._actors(o, target=True)
            ]
        if hands_over and not passive and not any(c.dep_ in ("dobj", "dative") for c in verb.children):
            objects = []  # "returned to Geneva" hands nothing over
        if not subjects and not passive and not own_subject:
            subjects = self._inherited_subject(verb)
        if not subjects:
            subjects = self._noun_clause_subjects(verb)
        if not subjects and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in ("dobj", "attr"):
            # "blocked an EU statement condemning X": the statement's owner; "issued a statement condemning X"
            owners = [
                a
                for c in verb.head.children
                if c.dep_ in MODIFIER_DEPS
                for a in self._actors(c, expand=False)
            ]
            subjects = owners or self._inherited_subject(verb.head)
            holder = verb.head.head  # not who blocks or vetoes it
            if not subjects and holder.lemma_ not in self.lex.cue("negating_verbs"):
                subjects = self._subjects_of(holder)
        if not objects and verb.dep_ == "advcl" and verb.tag_ == "VBN" and subjects:
            objects = self._subjects_of(verb.head, inherit=True)  # "X attacked, aided by Iran": X is aided
        if verb.dep_ in ("relcl", "acl") and verb.head.i not in {o.token for o in objects}:
            if passive or verb.tag_ == "VBN":  # "the jet which was downed", "sanctions imposed by"
                objects = objects or self._actors(verb.head) or self._told_doers(verb)
            elif not subjects:  # "Russia, which"
                subjects = self._relative_head(verb)
        return subjects, objects

    def _told_doers(self, participle: Token) -> list[Arg]:
        """Who did what a noun's "that" clause tells, for a participle on the noun after it: "the news that rebels
        freed the town, aided by Turkey" (the rebels are aided)."""
        return [
            a
            for clause in participle.head.children
            if clause.dep_ in ("acl", "ccomp")
            and clause.i < participle.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
            for a in self._subjects_of(clause)
        ]

    def _wholes_acting(self, verb: Token) -> list[Arg]:
        """What the doers act as part of, acting with them: "the UK, as part of the coalition, struck ISIL" (the
        coalition strikes too), read on the verb and the verbs it shares its subject with."""
        nouns = self.lex.cue("acting_as")
        node: Token | None = verb
        wholes: list[Arg] = []
        for _ in range(6):
            if node is None:
                break
            for prep in node.children:
                if prep.dep_ == "prep" and prep.lower_ == "as":
                    for part in prep.children:
                        if part.dep_ == "pobj" and part.lemma_.lower() in nouns:
                            wholes += [a for p in part.children if p.lower_ == "of" for a in self._pobj(p)]
            shared = node.dep_ in SHARED_SUBJECT_DEPS and node.head.i != node.i
            node = node.head if shared else None
        return wholes

    def _agents(self, token: Token) -> list[Arg]:
        """The doers a passive's agent names: its actors, or those an event noun comes from ("aided by support
        from Turkey")."""
        found = self._actors(token)
        if found or not self.lex.match(token, self.lex.nouns):
            return found
        return [
            a
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in ("from", "by")
            for a in self._pobj(p)
        ]

    def _verb_relation(self, verb: Token) -> str | None:
        """The relation the lexicon reads in ``verb``, if any."""
        trigger = self.lex.match(verb, self.lex.verbs)
        return trigger.relation if trigger else None

    def _done_by_no_one(self, verb: Token, relation: str) -> bool:
        """True when the text names a means but no doer: "a roadside bombing killed", "were killed in a blast"."""
        means = self.lex.unknown_doer_means[relation]
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

    def _authorities(self, verb: Token) -> list[Arg]:
        """The police of the state where someone was arrested, jailed or charged by no one named (the lexicon's
        ``authorities``): "a missionary was arrested in Lebanon" is arrested by the police of Lebanon."""
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        agent = any(c.dep_ == "agent" for c in verb.children)  # "detained by soldiers": someone is named
        if not passive or agent or verb.lemma_ not in self.lex.authority_verbs:
            return []
        state = self._scene_state(verb)
        return [self._composite(state, self.lex.authority_sector, verb)] if state else []

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
            purpose = clause.dep_ in ("advcl", "acl") and is_infinitive(clause)
            if clause.lemma_ in self.lex.cue("protective_verbs"):
                # "fought to free the town (from ISIS)": what is freed is not attacked, whom it is freed from is
                holders = [clause, *(c for c in clause.children if c.dep_ in OBJECT_DEPS)]
                found += [
                    a
                    for node in holders
                    for p in node.children
                    if p.dep_ == "prep" and p.lower_ == "from"
                    for a in self._pobj(p, target=True)
                ]
                continue
            asked = [  # "pressed for Russia to use its influence": Russia is asked, not what it acts on
                a
                for c in clause.children
                if c.dep_ in SUBJECT_DEPS and is_for_clause(clause)
                for a in self._actors(c, target=True)
            ]
            if asked and partners is None:
                found += asked
            elif clause.dep_ == "xcomp" or purpose:  # "threatened to cut ties with", "marched to demand"
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
                clause.dep_ == "ccomp"
                and partners is None
                and not self.modal.marked(clause, "condition_marks")
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
            if clause.dep_ == "advcl" and self.modal.marked(clause, "condition_marks")
            for c in clause.children
            if c.dep_ in SUBJECT_DEPS
            for a in self._actors(c, target=True)
        ]

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
        emergency"), promising to do something agrees with them ("promised to hold elections")."""
        actor = self.actors[subject.key]
        person = actor.cls in PERSON_CLASSES
        if relation in self.lex.domestic_targets and (person or actor.sector in self.lex.domestic_sectors):
            if relation in self.lex.not_by_governing and actor.sector in self.lex.governing_sectors:
                return []  # "the prime minister called for calm": no one named, and not his own government
            sector = "GOV"
        elif (
            relation in self.lex.governing_targets
            and (person or actor.sector in self.lex.governing_sectors)
            # what it eases or promises to do: not "diplomats returned"; a deed between equals only as a promise
            # to do something ("promised to hold elections"), not "signed an order"
            and any(
                c.dep_ == "xcomp" or (c.dep_ == "dobj" and relation not in self.lex.symmetric)
                for c in verb.children
            )
        ):
            sector = "CVL"
        else:
            return []
        state = actor.state
        if state not in self.actors or self.actors[state].cls != "State":
            return []
        return [self._composite(Arg(state, subject.certainty, subject.token), sector, verb)]

    def _noun_event(self, sent: Span, noun: Token, trigger: Trigger) -> Iterator[Statement]:
        """The statements of an event noun: its owner or the light verb's subject acts on its prepositions' objects."""
        if self._show_of_force(noun):
            trigger = Trigger(
                "mobilizesAgainst", (), self.lex.strength.get("mobilizesAgainst", trigger.strength)
            )
        relation = trigger.relation
        preps = self.lex.target_preps(relation, "of", "with")
        phrase = self._phrase_head(noun)
        if self._handed_over(phrase, relation):
            return  # "sent missiles to Peru": aid (the verb's), no attack
        nouns = (noun,) if phrase.i == noun.i else (noun, phrase)
        agents = [a for n in nouns for a in self._deed_doers(n, phrase.head)]
        # "the invasion of Iraq by the US", "the incursion of Chinese ships"
        agent_preps = self._agent_preps(noun)
        preps -= agent_preps
        # "the accord signed on Friday between X and Y": the participle's prepositions are the noun's
        described = tuple(c for n in nouns for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN")
        objects = [
            a
            for n in nouns + described
            for a in self._through(n, preps)
            or ([] if "of" in agent_preps else self._through(n, frozenset({"of"}), then=preps))
        ]
        verb = phrase.head
        if not objects and phrase.dep_ == "dobj" and self.lex.match(verb, self.lex.verbs) is None:
            # "blocked EU aid to Ukraine", the parser hanging "to Ukraine" on the verb
            objects = [
                a
                for p in verb.children
                if p.dep_ == "prep" and p.lower_ in preps - self.lex.locative_preps
                for a in self._pobj(p, target=True)
            ]
        if not objects and "of" in agent_preps:  # "the visit of Bachelet to Peru", "to Peru" hung on her
            objects = [
                a
                for p in noun.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj"
                for a in self._through(o, preps, deeper=False)
            ]
        modifiers = [
            a
            for n in nouns
            for c in n.children
            if c.dep_ in MODIFIER_DEPS and c.i != noun.i
            for a in self._actors(c, expand=False)
        ]
        if len(modifiers) == 1 and self._venue(self.doc[modifiers[0].token]):
            modifiers = []
        modality_head = phrase
        subjects: list[Arg] = []
        head = phrase.head
        own_words = {
            noun.i,
            phrase.i,
            *(c.i for n in nouns for c in n.children),
        }  # not "their" in "their strikes"
        owned = any(c.dep_ == "poss" for c in phrase.children)
        refused = (  # "rejected talks with Iran": the talks France would have held
            phrase.dep_ == "dobj"
            and head.lemma_ in self.lex.cue("refusal_verbs")
            and relation in self.lex.symmetric
        )
        if (phrase.dep_ in ("dobj", "nsubjpass", "attr") and head.lemma_ in self.lex.light_verbs) or refused:
            verb_subjects, verb_objects = self._verb_args(head, relation)
            subjects = verb_subjects
            objects += [o for o in verb_objects if o.token not in own_words]
            if not objects and phrase.dep_ == "dobj" and head.lemma_ in self.lex.recipient_verbs:
                # "sent Ukraine weapons", parsed as the compound "Ukraine weapons": the state is the recipient
                objects = [
                    m
                    for m in modifiers
                    if self.doc[m.token].dep_ == "compound" and self.actors[m.key].cls == "State"
                ]
                modifiers = [m for m in modifiers if m not in objects]
            modality_head = head
        elif (
            phrase.dep_ == "pobj"
            and head.dep_ == "prep"
            and (
                head.head.lemma_ in self.lex.light_verbs
                # not when the noun has an owner of its own: "criticised NATO for its refusal"
                or (head.lower_ in ("for", "as") and head.head.pos_ in ("VERB", "AUX") and not owned)
                or (
                    relation in self.lex.symmetric
                    and head.lower_ in self.lex.cue("occasion_preps")
                    and head.head.pos_ == "VERB"
                )
            )
        ):  # "took part in talks", "returned to Geneva for talks", "works as part of the coalition"
            subjects, partners = self._verb_args(head.head, relation)
            if (
                relation in self.lex.symmetric and head.lower_ == "for"
            ):  # "joined Kerry and partners for talks"
                objects += [o for o in partners if o.token != phrase.i]
            if head.lower_ == "with" and head.head.lemma_ in self.lex.recipient_verbs:
                objects += [o for o in partners if o.token != phrase.i]  # "provided Iraq with support"
            elif not objects and head.head.lemma_ in self.lex.light_verbs:
                # "acting in solidarity with Hamas", the parser hanging "with Hamas" on the verb
                objects = [
                    o for o in partners if o.token != phrase.i and not self._located(self.doc[o.token])
                ]
            modality_head = head.head
        elif phrase.dep_ == "pobj" and self.modal.argued_for(head) and head.head.dep_ == "dobj" and not owned:
            subjects, _ = self._verb_args(head.head.head, relation)  # "Chile made the case for airstrikes"
            modality_head = head.head.head
        elif phrase.dep_ == "attr" and head.lemma_ in self.lex.copulas:  # "Russia is a member of the CSTO"
            if relation in self.lex.cue("deeds_not_descriptions"):
                return  # "ISIL is a threat to Iraq": no threat made
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
        elif (
            phrase.dep_ == "dobj"
            and relation in self.lex.halted
            and head.lemma_.lower() in self.lex.cue("halting_verbs")
        ):
            sides = [  # "ended the war with Georgia", "suspended cooperation with Moscow"
                p
                for n in (*nouns, head)
                for p in n.children
                if p.dep_ == "prep" and p.lower_ not in self.lex.locative_preps and self._pobj(p, target=True)
            ]
            if not (owned or sides or modifiers):
                return  # "help end the war in Ukraine": whose war is not told, the ender need be no party
            subjects, more = self._verb_args(head, relation)  # "the US halted talks with Iran"
            objects += [o for o in more if o.token not in own_words]
        elif phrase.dep_ == "dobj" and head.lemma_ in self.lex.cue("drawing_verbs"):
            # "Beijing's crackdown drew criticism from London": London criticises Beijing
            subjects = [
                a for p in head.children if p.dep_ == "prep" and p.lower_ == "from" for a in self._pobj(p)
            ]
            objects = objects or self._subjects_of(head, inherit=True)
            modality_head = head
        elif phrase.dep_ == "pobj" and head.lower_ == "as":  # "the UK, as part of the coalition, ..."
            subjects = self._actors(head.head)
        elif (
            is_apposition(phrase)
            and relation not in self.lex.cue("deeds_not_descriptions")
            and not self._parties(phrase)  # not "the project, a partnership between X and Y"
        ):
            subjects = self._actors(head, expand=False)  # "Turkey, a member of NATO, ..."
        elif (
            phrase.dep_ == "pobj"
            and head.dep_ == "prep"
            and (head.head.pos_ == "ADJ" or head.head.lemma_ in self.lex.copulas)
        ):  # "the US remains steadfast in its support of", "Russia is united in its condemnation of"
            predicate = head.head
            subjects = self._subjects_of(predicate, inherit=True)
            modality_head = predicate
        elif phrase.dep_ == "nsubj" and not objects and self._verb_relation(head) is None:
            # "Chinese aid went to Peru": the verb of a deed noun says where it goes
            objects = [
                a for p in head.children if p.dep_ == "prep" and p.lower_ in preps for a in self._pobj(p)
            ]
        if not objects and relation in self.lex.complement_target:
            # "its demand that Russia withdraw its troops", "protests to demand reforms by X", "staged protests to ...",
            # "reiterated its demand that Israel ..." (the clause on the verb)
            objects = self._clause_subjects(phrase) or self._complement_targets(phrase, relation)
            if not objects and phrase.dep_ == "dobj":
                objects = self._clause_subjects(head)
            if not objects and modality_head.i != phrase.i:
                objects = self._complement_targets(modality_head, relation)
        # a bare nominal ("an ally in the war on terror") says less than a verb; "the talks would resume next
        # month" are as real, and as dated, as the resuming
        bare = modality_head.i == phrase.i
        if bare and phrase.dep_ in SUBJECT_DEPS and head.lemma_ in self.lex.cue("occurrence_verbs"):
            modality_head = head
        asserted = self.modal.modality(modality_head) == "asserted"
        modality = ("negated" if refused else self.modal.noun_modality(noun, phrase)) if asserted else None
        promised = modality_head.i != phrase.i and modality_head.lemma_ in self.lex.cue("promise_verbs")
        if modality is None and asserted and promised:  # "pledged $500 million in aid": not yet given
            modality = "future"
        if bare:
            trigger = Trigger(trigger.relation, trigger.extra, trigger.strength * NOMINAL_STRENGTH)
        # "Chile and Peru pushed for new Bolivia talks" (not "X and Y met at the X-Y summit")
        sides = {k for s in subjects for k in (s.key, self.actors[s.key].state)}
        others = [m for m in modifiers if m.key not in sides]
        # "Turkey is a NATO member"; not "struck Islamic State weapons depots"
        named_after = relation in self.lex.modifier_objects and all(
            self.doc[m.token].dep_ == "compound" for m in others
        )
        if not objects and subjects and others and (relation in self.lex.symmetric or named_after):
            objects = others
        mutual = relation in self.lex.symmetric or noun.lemma_.lower() in self.lex.cue("mutual_deeds")
        # "fought a war with Peru"
        if mutual and relation not in self.lex.symmetric and subjects and not objects:
            objects = [a for n in nouns for p in n.children if p.lower_ == "with" for a in self._pobj(p)]
            if objects:
                yield from self._pairs(
                    sent, noun, relation, subjects + objects, trigger, modality_head, modality
                )
                return
        if mutual and not objects and len(subjects or modifiers) > 1:
            # "the EU-Turkey deal", "France and Egypt began war games", "Chile and Peru fought a war"
            yield from self._pairs(
                sent, noun, relation, subjects or modifiers, trigger, modality_head, modality
            )
            return
        if not subjects:
            possessive = [m for m in modifiers if self.doc[m.token].dep_ == "poss"]
            # "supported Peru in its fight": Peru's fight, whatever "its" reads as
            supported = self._supported_in(phrase)
            if supported and all(self.doc[m.token].pos_ == "PRON" for m in possessive):
                possessive = supported
            subjects = agents or possessive or self._seekers(phrase) or modifiers or supported
            modifiers = [m for m in modifiers if m not in subjects]
        parties = [a for n in nouns + described for a in self._parties(n)]
        if head.lemma_ in self.lex.brokering_verbs and len({a.key for a in parties}) > 1:
            # "Egypt brokered a truce between Israel and Hamas": the broker mediates, the parties agree
            mediation = self.lex.mediation
            yield from self._emit(sent, head, head, mediation.relation, subjects, parties, mediation)
            subjects = objects = []
        if mutual and not subjects and len({a.key for a in parties}) > 1:
            # "the deal between Russia and Turkey": the parties are each other's partners; "the war between Iran
            # and Iraq": each attacks the other
            yield from self._pairs(sent, noun, relation, parties, trigger, modality_head, modality)
            return
        if not objects and (relation in self.lex.symmetric or relation in self.lex.modifier_objects):
            objects = modifiers  # "Sweden's NATO membership" (not "forces in the Syrian region")
        own_side = self.lex.domestic_targets | self.lex.governing_targets
        if not objects and modality_head.i != phrase.i and relation in own_side:  # "ordered patrols"
            yield from self._at_own_side(sent, noun, modality_head, relation, subjects, trigger)
            return
        yield from self._emit(sent, noun, modality_head, relation, subjects, objects, trigger, modality)

    def _show_of_force(self, noun: Token) -> bool:
        """True for one side's drills around another ("held military drills around Taiwan"), not joint ones
        ("joint drills near the border" are cooperation)."""
        if noun.lemma_.lower() not in self.lex.cue("posture_nouns"):
            return False
        if any(c.lemma_.lower() in self.lex.cue("joint_words") for c in noun.children):
            return False
        holders = (noun, noun.head) if noun.dep_ == "dobj" else (noun,)  # "around" may hang on "held"
        preps = self.lex.cue("posture_preps")
        return any(p.dep_ == "prep" and p.lower_ in preps for h in holders for p in h.children)

    def _agent_preps(self, noun: Token) -> frozenset[str]:
        """The prepositions naming an event noun's doer: "by", and "of" after the lexicon's agentive_of_nouns."""
        return frozenset({"by", "of"} if noun.lemma_.lower() in self.lex.cue("agentive_of_nouns") else {"by"})

    def _deed_doers(self, noun: Token, verb: Token) -> list[Arg]:
        """The doer an event noun names in a preposition ("the invasion of Iraq by the US", "the incursion of
        Chinese ships"), also where the parser hangs the "by" on the active verb of which the noun is the object
        ("condemned the invasion of Iraq by the US")."""
        preps = self._agent_preps(noun)
        found = [a for p in noun.children if p.dep_ == "prep" and p.lower_ in preps for a in self._pobj(p)]
        if (
            found
            or noun.dep_ != "dobj"
            or noun.head.i != verb.i
            or not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        ):
            return found
        return [
            a
            for p in verb.children
            if p.dep_ in ("prep", "agent") and p.lower_ == "by" and p.i > noun.i
            for a in self._pobj(p)
        ]

    def _seekers(self, noun: Token) -> list[Arg]:
        """Who bids for what an event noun names: "Ukraine's bid for NATO membership"."""
        bid = self.modal.prospect(noun)
        if bid is None or noun.dep_ != "pobj":
            return []
        return [a for c in bid.children if c.dep_ in MODIFIER_DEPS for a in self._actors(c, expand=False)]

    def _venue(self, token: Token) -> bool:
        """A city standing for its state names where an event is held when it alone modifies the noun: "the Paris
        meeting", "the Minsk agreement" (but "the Moscow-Kiev talks" are between two sides)."""
        return token.dep_ == "compound" and any(m.kind == "metonym" for m in self._mentions_in(token))

    def _phrase_head(self, noun: Token) -> Token:
        """The noun heading an event noun's phrase: "a mediation effort between", "two weeks of war games", "$5
        million in assistance", "500 million euros in aid"."""
        node = noun
        if node.dep_ == "compound" and node.head.pos_ == "NOUN":
            node = node.head
        amount = node.head.head  # "$100 million", "500 million euros"
        if node.dep_ == "pobj" and (
            (node.head.lower_ == "of" and amount.lemma_.lower() in self.lex.measures)
            or (
                node.head.lower_ in ("of", "in")
                and (amount.pos_ == "NUM" or any(c.dep_ == "nummod" for c in amount.children))
            )
        ):
            node = node.head.head
        return node

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
        """ "Chilean President Michelle Bachelet", "NATO Secretary General Anders Fogh Rasmussen": the linker's title
        and office (:class:`kg.actors.Mention`); a title with no office before a known person is the office the
        gazetteer has them hold with that title on the article's date ("President Volodymyr Zelenskyy"); before a
        name only the NER knows, it is held in the publisher's state, or else in the state the sentence names."""
        if mention.title is None:
            return None
        title = self.doc[mention.title : mention.start]
        if mention.office is None:  # "Vice-President Moody Kamau ... Kenya's parliament"
            if self.actors[mention.key].known:
                return self._role_titled(title, mention)
            publisher = self._publisher_state()  # "Minister Jane Smallwood" in a UK Government release
            state = Arg(publisher, 0.6, mention.start) if publisher else self._state_named(title.sent)
            if state is None or self._held_by_another(title.text, state.key):
                return None
            return title, Arg(state.key, state.certainty * 0.8, state.token)
        office = mention.office
        return title, Arg(office.key, office.certainty, office.start)

    def _role_titled(self, title: Span, mention: Mention) -> tuple[Span, Arg] | None:
        """The office a known person holds with ``title`` on the article's date, by the gazetteer's roles."""
        named = self.gazetteer.title(title.text)
        entry = self.gazetteer.entries.get(mention.key)
        if named is None or entry is None:
            return None
        role = entry.role_on(self.article_date)
        if role is None or role.title != named.title or role.of not in self.gazetteer.entries:
            return None
        self._add_known(role.of)
        return title, Arg(role.of, mention.certainty * 0.9, mention.start)

    def _held_by_another(self, title_text: str, state: str) -> bool:
        """True when the gazetteer has someone else holding this one-holder office of ``state`` on the article's
        date (or today, in an undated article; the gazetteer would know this holder too): "Prime Minister Julia
        Gillard" in a UK Government release is not Britain's prime minister."""
        title = self.gazetteer.title(title_text)
        if title is None or title.relation != "leaderOf":
            return False
        return any(role.holds_on(self.article_date) for _, role in self.gazetteer.holders(state, title.title))

    def _state_named(self, sent: Span) -> Arg | None:
        """The one state a sentence names, when it names it as the owner of something ("Kenya's parliament", "the
        Kenya Road Safety Board"): the state the sentence is about; not one acted on ("met Chile"), a place
        ("in Peru"), the state of a body ("the Chilean Workers Union") or one of several."""
        states = [
            m for m in self.mentions if sent.start <= m.start < sent.end and self.actors[m.key].cls == "State"
        ]
        if len({m.key for m in states}) != 1:
            return None  # "U.S. President Obama froze the assets of Russian officials, among them Deputy ..."
        mention = states[0]
        root = self.doc[mention.start : mention.end].root
        owner = root.dep_ in ("poss", "compound") and root.head.pos_ in ("NOUN", "PROPN")
        if not owner or located(self.doc, mention):
            return None
        return Arg(mention.key, mention.certainty * 0.8, mention.start)

    def _title_in_apposition(self, mention: Mention) -> tuple[Span, Arg] | None:
        """ "Anders Fogh Rasmussen, NATO's secretary general" and "the Chilean president, Michelle Bachelet"."""
        root = self.doc[mention.start : mention.end].root
        phrases = [c for c in root.children if is_apposition(c)]
        if is_apposition(root):
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
        """Each party with each other party, for a deed many do together ("Chile and Peru met"); past the
        lexicon's bound of co-subjects (``joint_action.max_subjects``) none: "thirty states met in Brussels" tells
        a gathering, not 870 meetings, and the output stays linear in the sentence."""
        if len({a.key for a in args}) > self.lex.joint_action_max:
            return
        for a in args:
            for b in args:
                if a.key != b.key:
                    yield from self._emit(
                        sent, trigger_token, head, relation, [a], [b], trigger, modality, joint=True
                    )

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
        joint: bool = False,
    ) -> Iterator[Statement]:
        """Statements from each subject to each object, and from what they act as part of (not in a relation
        between equals, which would make a member its own partner); ``joint`` for the pairs of one shared deed."""
        if subjects and not joint and relation not in self.lex.symmetric:
            subjects = subjects + [
                w for w in self._wholes_acting(head) if w.key not in {s.key for s in subjects}
            ]
        halted = None if joint else self.modal.halting(head, relation)
        if halted is not None:  # "Syria ended its mediation between the militias": it sanctions them
            halt, halted_relation = halted
            yield from self._emit(sent, halt, halt, halted_relation, subjects, objects, trigger, joint=True)
        prepared_noun = trigger_token.i != head.i and head.lemma_ in self.lex.cue("preparation_verbs")
        if relation in self.lex.preparations and (prepared_noun or self.modal.prepared(head)):
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
                        self._mode(relation, (trigger_token, head), subject, obj),
                    )

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
        discussed", "Hollande ... vowed to destroy it"), or a state with a body named as its own ("Chile withdrew
        its troops"): not a relation between two actors."""
        first, second = self.actors[a.key], self.actors[b.key]
        if {first.sector, second.sector} & self.lex.domestic_sectors:
            return False  # "Spanish fishermen said they would blockade Madrid" is a domestic event
        own = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in self.doc[b.token].children)
        if own and second.country is not None and second.country == first.state:
            return True  # "Chile withdrew its troops": what the doer moves of its own is no target
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
        mode: str | None = None,
    ) -> Statement:
        distance = max(abs(subject.token - head.i), abs(obj.token - head.i))
        confidence = strength * min(subject.certainty, obj.certainty) * (1.0 if distance <= 12 else 0.85)
        for clause in (head, *head.ancestors):
            if self._topic(clause):  # "evidence about contacts between X and Y": a topic, not a deed told
                confidence *= CLAUSE_DECAY
            elif clause.dep_ in EMBEDDED_CLAUSES:
                purpose = clause.dep_ == "advcl" and is_infinitive(clause)
                confidence *= PURPOSE_DECAY if purpose else CLAUSE_DECAY
        speaker = self._speaker(head)
        return Statement(
            subject=subject.key,
            predicate=relation,
            object=obj.key,
            modality=modality or self.modal.modality(head),
            confidence=round(confidence, 3),
            trigger=trigger_text,
            evidence=sent.text.strip(),
            char_start=sent.start_char,
            char_end=sent.end_char,
            date=self._event_date(head) or self.article_date,
            attributed_to=speaker.key if speaker and speaker.key not in (subject.key, obj.key) else None,
            mode=mode,
        )

    def _mode(self, relation: str, heads: tuple[Token, ...], subject: Arg, obj: Arg) -> str | None:
        """The kind of cooperation, aid or support a word of the trigger's phrase tells ("military aid",
        "support in the fight against ISIL", "sent weapons to"), else an armed end ("backed the rebels",
        "opposition forces"), else a deed a verb of the trigger's clause tells ("worked with Iraq to defeat ISIL":
        military; not "suspended cooperation with Moscow because of Russia's annexation")."""
        modes = self.lex.modes
        if relation not in modes.relations or heads[0].lemma_.lower() in modes.verbal:
            return None  # "praised the Iraqi army": words only
        phrase = [*self._phrase_words(heads), self.doc[obj.token]]  # "aid to refugees"
        for word in sorted(phrase, key=lambda t: t.i):
            mode = modes.words.get(word.lemma_.lower()) or modes.words.get(word.lower_)
            if mode:
                return mode
        ends = (self.actors[subject.key], self.actors[obj.key])
        named = (self.lex.sector(self.doc[subject.token]), self.lex.sector(self.doc[obj.token]))
        if any(a.sector in modes.armed_sectors or a.cls in modes.armed_classes for a in ends) or (
            set(named) & modes.armed_sectors  # "opposition forces": the words name armed men
        ):
            return modes.armed
        # "worked with Iraq to defeat ISIL"; a noun's own phrase also by its nouns ("support of Iraq in its fight")
        tables = {"VERB": self.lex.verbs, "NOUN": self.lex.nouns if heads[0].pos_ == "NOUN" else None}
        for word in heads[0].subtree:
            table = tables.get(word.pos_)
            trigger = self.lex.match(word, table) if table is not None else None
            if trigger is not None and trigger.relation in modes.deeds:
                return modes.deeds[trigger.relation]
        return None

    def _phrase_words(self, heads: tuple[Token, ...]) -> list[Token]:
        """The trigger's words and those of its phrase, :data:`MODE_DEPTH` deep through :data:`MODE_DEPS` and the
        modes' prepositions ("provided [ten million pounds [in [humanitarian] aid]]")."""
        preps = self.lex.modes.preps
        words = list(heads)
        frontier = list(set(heads))
        for _ in range(MODE_DEPTH):
            frontier = [
                word
                for w in frontier
                for c in w.children
                if c.dep_ in MODE_DEPS or (c.dep_ == "prep" and c.lower_ in preps)
                for word in ([o for o in c.children if o.dep_ == "pobj"] if c.dep_ == "prep" else [c])
            ]
            words += frontier
        return words

    def _topic(self, token: Token) -> bool:
        """True for a noun that is the topic of another noun ("evidence about contacts", "talks on sanctions") or
        the deed another event noun is about ("a protest of the government's refusal")."""
        prep = token.head
        if token.dep_ != "pobj" or prep.head.pos_ != "NOUN":
            return False
        topical = prep.lower_ in self.lex.cue("topic_preps")
        return topical or bool(
            self.lex.match(token, self.lex.nouns) and self.lex.match(prep.head, self.lex.nouns)
        )

    @staticmethod
    def _trigger_text(token: Token) -> str:
        """The trigger word with its particles, auxiliaries of voice and light-verb partner."""
        words = [token]
        words += [c for c in token.children if c.dep_ in ("prt", "compound") and c.pos_ != "PROPN"]
        if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
            words.append(token.head)
        return " ".join(t.text for t in sorted(words, key=lambda t: t.i))

    def _misread_object(self, child: Token, verb: Token) -> bool:
        """An actor the parser hangs after a verb as an adverbial noun phrase ("denied attacking Chile", Chile an
        ``npadvmod``) is the verb's object when the verb has none: names are not adverbs of time or measure."""
        return (
            child.dep_ == "npadvmod"
            and child.i > verb.i
            and child.i in self.mention_at
            and not any(c.dep_ in OBJECT_DEPS for c in verb.children)
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
