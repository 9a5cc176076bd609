"""Constructions that tell an event without a trigger word of their own.

"the EU, including France" (membership), "Russia said Sudan must return" (an appeal), "appalled by the raid by X"
(an accusation of X), "received tanks from Germany" (the giver's aid), "designated Hamas a terrorist organisation"
(a sanction).

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Ukraine received tanks from Germany.")
>>> [(s.subject, s.predicate, s.object) for s in doc._.statements]
[('Q183', 'aids', 'Q212')]
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from kg.extract.nouns import NounReader
from kg.extract.resolve import ActorReader
from kg.extract.roles import RoleReader
from kg.extract.state import (
    DocState,
    Part,
)
from kg.extract.statements import StatementWriter
from kg.lexicon import Trigger
from kg.model import Statement
from kg.syntax import (
    SUBJECT_DEPS,
)


class ConstructionReader(Part):
    """Reads inclusions, obligations, reactions, receipts and designations."""

    def __init__(
        self,
        state: DocState,
        resolver: ActorReader,
        roles: RoleReader,
        nouns: NounReader,
        writer: StatementWriter,
    ) -> None:
        super().__init__(state)
        self.resolver = resolver
        self.roles = roles
        self.nouns = nouns
        self.writer = writer

    def inclusions(self, sent: Span) -> Iterator[Statement]:
        """ "the EU, including France and Germany": the included are members of the organisation or bloc."""
        relation = self.lex.inclusion
        if relation is None:
            return
        structures = self.state.structures
        for whole in sent:
            for prep in structures.fill("including", whole=whole):
                groups = [
                    a
                    for a in self.resolver.actors_of(whole)
                    if self.actors[a.key].cls in ("Institution", "Bloc")
                ]
                members = [
                    a
                    for m in structures.fill("member", including=prep)
                    for a in self.resolver.actors_of(m, expand=False)
                    if self.actors[a.key].cls in ("State", "Institution")
                ]
                trigger = Trigger(relation, (), self.lex.strength.get(relation, 0.7))
                yield from self.writer.emit(sent, prep, prep, relation, members, groups, trigger)

    def obligations(self, sent: Span) -> Iterator[Statement]:
        """ "Russia said Sudan must return the helicopter", "Russia wants Sudan to return it": the speaker, or the
        one who wants it, appeals to the one who is to act ("Russia wants to return it" appeals to no one)."""
        for clause in sent:
            if clause.dep_ != "ccomp":
                continue
            auxiliaries = {c.lower_ for c in clause.children if c.dep_ == "aux"}
            told = clause.head.lemma_ in self.lex.cue("reporting_verbs") and auxiliaries & self.lex.cue(
                "obligation_aux"
            )
            wanted = clause.head.lemma_ in self.lex.cue("wanting_verbs") and auxiliaries & self.lex.word(
                "infinitive"
            )
            if not (told or wanted):
                continue
            speakers = self.roles.subjects_of(clause.head)
            targets = [
                a
                for c in clause.children
                if c.dep_ in SUBJECT_DEPS
                for a in self.resolver.actors_of(c, target=True)
            ]
            trigger = Trigger("appealsTo", (), self.lex.strength.get("appealsTo", 0.7) * 0.9)
            yield from self.writer.emit(sent, clause, clause.head, "appealsTo", speakers, targets, trigger)

    def reactions(self, sent: Span) -> Iterator[Statement]:
        """ "I am shocked by the raid by Peru's army", "Canada is deeply concerned about Chile's conduct":
        the one who reacts so accuses the one who caused it."""
        relation = self.lex.reaction
        if relation is None:
            return
        for word in sent:
            if word.lemma_.lower() not in self.lex.cue("reaction_words") or word.pos_ not in ("ADJ", "VERB"):
                continue
            if word.dep_ == "acomp":  # "I am shocked by", "Canada is concerned about"
                felt = self.roles.subjects_of(word.head)
            elif word.dep_ == "acl":  # "Britain, appalled by ...": the participle tells of the one it follows
                felt = self.resolver.actors_of(word.head)
            else:  # "I was shocked by"
                felt = [
                    a
                    for c in word.children
                    if c.dep_ in ("nsubjpass", "nsubj")
                    for a in self.resolver.actors_of(c)
                ]
            causes = [
                a
                for p in word.children
                if p.dep_ in ("prep", "agent") and p.lower_ in self.lex.cue("reaction_preps")
                for a in self.roles.pobj(p, self.lex.target_preps(relation), target=True)
            ]
            trigger = Trigger(relation, (), self.lex.strength.get(relation, 0.7) * 0.9)
            yield from self.writer.emit(sent, word, word, relation, felt, causes, trigger)

    def receipts(self, sent: Span) -> Iterator[Statement]:
        """ "Ukraine received tanks from Germany": the giver's deed to the receiver, the relation of the noun
        received ("received a warning from Chile" is a threat), else aid for supplies (the lexicon's ``receipt``)."""
        receipt = self.lex.receipt
        for verb in sent:
            if verb.lemma_ not in receipt.verbs or verb.pos_ != "VERB":
                continue
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            givers = [  # "from" on the verb, or on what is received ("got [a loan from Japan]")
                a
                for head in (verb, *objects)
                for p in head.children
                if p.dep_ == "prep" and p.lower_ in self.lex.word("source")
                for a in self.roles.pobj(p)
            ]
            things = [self.nouns.phrase_head(c) for c in objects]
            if not givers or not things:
                continue
            receivers = self.roles.subjects_of(verb, inherit=True)
            for thing in things:
                trigger = self.lex.match(thing, self.lex.nouns)
                if trigger is None and {t.lemma_.lower() for t in thing.subtree} & receipt.words:
                    trigger = receipt.trigger
                if trigger is not None:
                    yield from self.writer.emit(
                        sent, verb, verb, trigger.relation, givers, receivers, trigger
                    )

    def designations(self, sent: Span) -> Iterator[Statement]:
        """ "The US designated Hamas (as) a terrorist organisation": a sanction on Hamas (the lexicon's
        ``designation``: its verbs, and the words that make a designation hostile)."""
        rule = self.lex.designation
        for verb in sent:
            if verb.lemma_ not in rule.verbs or verb.pos_ != "VERB":
                continue
            named = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            # "a terrorist organisation", "as a terrorist group": the object's predicate or complement
            complements = [
                c
                for c in verb.children
                if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in self.lex.word("role"))
            ]
            labels = [  # or an apposition of the one named
                t for c in (*named, *complements) for t in c.subtree if t.lemma_.lower() in rule.words
            ]
            if labels:
                targets = [a for c in named for a in self.resolver.actors_of(c, expand=False)]
                subjects = self.roles.subjects_of(verb, inherit=True)
                yield from self.writer.emit(
                    sent, verb, verb, rule.trigger.relation, subjects, targets, rule.trigger
                )
