"""Statements from resolved arguments: each subject with each object, checked and weighed.

Pairs for joint deeds (bounded by the lexicon's ``joint_action.max_subjects``), deeds aimed at one's own side when no
target is named, membership from "as part of", the PLOVER mode of the trigger's phrase ("military aid"), the
confidence from the lexicon's strength, linking certainty, distance and clause depth, the modality, the event's date
and who the statement is attributed to.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Japan gave military aid to the Philippines.")
>>> [(s.predicate, s.mode) for s in doc._.statements]
[('aids', 'military')]
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from spacy.tokens import Span, Token

from kg.actors import (
    PERSON_CLASSES,
)
from kg.dates import resolve_date
from kg.extract.composites import CompositeActors
from kg.extract.pronouns import PronounReader
from kg.extract.roles import RoleReader
from kg.extract.state import (
    Arg,
    DocState,
    Part,
)
from kg.lexicon import Trigger
from kg.model import Statement
from kg.syntax import (
    SHARED_SUBJECT_DEPS,
    is_infinitive,
)

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


UNTOLD_HALTS = ("future", "hypothetical")
"""The modalities of a halt (promised, asked for, weighed) under which the deed it would halt is told of no more
than in passing, and gives no statement of its own: the halt does."""


class StatementWriter(Part):
    """Turns a trigger's resolved subjects and objects into statements."""

    def __init__(
        self, state: DocState, roles: RoleReader, pronouns: PronounReader, composites: CompositeActors
    ) -> None:
        super().__init__(state)
        self.roles = roles
        self.pronouns = pronouns
        self.composites = composites

    def pairs(
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
                    yield from self.emit(
                        sent, trigger_token, head, relation, [a], [b], trigger, modality, joint=True
                    )

    def emit(
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
            yield from self.emit(sent, halt, halt, halted_relation, subjects, objects, trigger, joint=True)
            if self.modal.modality(halt) in UNTOLD_HALTS:
                return  # "agreed to lift its sanctions": the promise is the news, the sanctions only background
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
                    obj = self.composites.composite(
                        obj, "CVL", self.doc[obj.token]
                    )  # a leader's curfew on his own state
                domestic = relation in self.lex.person_and_state
                if subject.key != obj.key and not self._same_side(subject, obj, domestic):
                    yield self.statement(
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

    def _same_side(self, a: Arg, b: Arg, domestic: bool = False) -> bool:
        """A person, or an actor read from a pronoun, paired with their own state ("President Hollande and France
        discussed", "Hollande ... vowed to destroy it"), or a state with a body named as its own ("Chile withdrew
        its troops"): not a relation between two actors. A named person and their state named in a ``domestic`` deed
        (``domestic_target.person_and_state``) are two sides ("the chancellor defended Germany's decision")."""
        first, second = self.actors[a.key], self.actors[b.key]
        if {first.sector, second.sector} & self.lex.domestic_sectors:
            return False  # "Spanish fishermen said they would blockade Madrid" is a domestic event
        own = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in self.doc[b.token].children)
        if own and second.country is not None and second.country == first.state:
            return True  # "Chile withdrew its troops": what the doer moves of its own is no target
        persons = first.cls in PERSON_CLASSES or second.cls in PERSON_CLASSES
        pronoun = self.doc[a.token].pos_ == "PRON" or self.doc[b.token].pos_ == "PRON"
        if not pronoun and (domestic or not persons):
            return False
        return first.country == b.key or second.country == a.key

    def statement(
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
        speaker = self.pronouns.speaker(head)
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
            date=self._event_date(head) or self.state.article_date,
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

    def _event_date(self, head: Token) -> date | None:
        """The date of a date phrase attached to the trigger's clause ("on Tuesday", "in October 2000")."""
        clause = (
            head
            if head.pos_ in ("VERB", "AUX")
            else next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), head)
        )
        if clause.i not in self.state.clause_dates:
            sent = self.state.sentence(clause)
            candidates = (
                e for e in self.state.dates if sent.start <= e.start < sent.end and self._attached(e, clause)
            )
            resolved = (resolve_date(ent.text, self.state.article_date) for ent in candidates)
            self.state.clause_dates[clause.i] = next((d for d in resolved if d is not None), None)
        return self.state.clause_dates[clause.i]

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

    def _wholes_acting(self, verb: Token) -> list[Arg]:
        """What the doers act as part of, acting with them: "the UK, as part of the coalition, struck ISIL" (the
        coalition strikes too), read on the verb and the verbs it shares its subject with."""
        node: Token | None = verb
        wholes: list[Arg] = []
        for _ in range(6):
            if node is None:
                break
            for whole in self.state.structures.fill("whole", act=node):  # the "as part of" pattern
                wholes += self.roles.resolver.actors_of(whole)
            shared = node.dep_ in SHARED_SUBJECT_DEPS and node.head.i != node.i
            node = node.head if shared else None
        return wholes

    def at_own_side(
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
            yield from self.emit(sent, trigger_token, verb, relation, [subject], own, domestic)

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
        return [self.composites.composite(Arg(state, subject.certainty, subject.token), sector, verb)]
