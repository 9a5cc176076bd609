"""Event nouns: "sanctions on", "Russia's annexation of Crimea", "the EU-Turkey deal", "talks between".

The doer is the noun's owner or modifier, an agent preposition, or the subject of the light verb that carries the
noun ("imposed sanctions on"); the target is after the noun's prepositions; symmetric nouns pair their parties.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Russia imposed sanctions on Ukraine.")
>>> [(s.subject, s.predicate, s.object) for s in doc._.statements]
[('Q159', 'sanctions', 'Q212')]
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.resolve import ActorReader
from kg.extract.roles import RoleReader
from kg.extract.state import (
    Arg,
    DocState,
    Part,
)
from kg.extract.statements import StatementWriter
from kg.extract.verbs import VerbReader
from kg.lexicon import Trigger
from kg.model import Statement
from kg.syntax import (
    MODIFIER_DEPS,
    SUBJECT_DEPS,
    is_apposition,
)

NOMINAL_STRENGTH = 0.85
"""How much a bare event noun, not carried by a verb, weighs against a verb's event (the confidence factor)."""


class NounReader(Part):
    """Reads the statements of event nouns."""

    def __init__(
        self,
        state: DocState,
        resolver: ActorReader,
        roles: RoleReader,
        verbs: VerbReader,
        writer: StatementWriter,
    ) -> None:
        super().__init__(state)
        self.resolver = resolver
        self.roles = roles
        self.verbs = verbs
        self.writer = writer

    def noun_event(self, sent: Span, noun: Token, trigger: Trigger) -> Iterator[Statement]:
        """The statements of an event noun: its owner or the light verb's subject acts on its prepositions' objects."""
        if self._show_of_force(noun):
            trigger = Trigger(
                "mobilizesAgainst", (), self.lex.strength.get("mobilizesAgainst", trigger.strength)
            )
        relation = trigger.relation
        preps = self.lex.target_preps(relation, "of", "with")
        phrase = self.phrase_head(noun)
        if self.verbs.handed_over(phrase, relation):
            return  # "sent missiles to Peru": aid (the verb's), no attack
        nouns = (noun,) if phrase.i == noun.i else (noun, phrase)
        agents = [a for n in nouns for a in self.roles.deed_doers(n, phrase.head)]
        # "the invasion of Iraq by the US", "the incursion of Chinese ships"
        agent_preps = self.roles.agent_preps(noun)
        preps -= agent_preps
        # "the accord signed on Friday between X and Y": the participle's prepositions are the noun's
        described = tuple(c for n in nouns for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN")
        objects = [
            a
            for n in nouns + described
            for a in self.roles.through(n, preps)
            or ([] if "of" in agent_preps else self.roles.through(n, frozenset({"of"}), then=preps))
        ]
        verb = phrase.head
        if not objects and phrase.dep_ == "dobj" and self.lex.match(verb, self.lex.verbs) is None:
            # "blocked EU aid to Ukraine", the parser hanging "to Ukraine" on the verb
            objects = [
                a
                for p in verb.children
                if p.dep_ == "prep" and p.lower_ in preps - self.lex.locative_preps
                for a in self.roles.pobj(p, target=True)
            ]
        if not objects and "of" in agent_preps:  # "the visit of Bachelet to Peru", "to Peru" hung on her
            objects = [
                a
                for p in noun.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj"
                for a in self.roles.through(o, preps, deeper=False)
            ]
        modifiers = [
            a
            for n in nouns
            for c in n.children
            if c.dep_ in MODIFIER_DEPS and c.i != noun.i
            for a in self.resolver.actors_of(c, expand=False)
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
            verb_subjects, verb_objects = self.verbs.verb_args(head, relation)
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
            subjects, partners = self.verbs.verb_args(head.head, relation)
            if (
                relation in self.lex.symmetric and head.lower_ == "for"
            ):  # "joined Kerry and partners for talks"
                objects += [o for o in partners if o.token != phrase.i]
            if head.lower_ == "with" and head.head.lemma_ in self.lex.recipient_verbs:
                objects += [o for o in partners if o.token != phrase.i]  # "provided Iraq with support"
            elif not objects and head.head.lemma_ in self.lex.light_verbs:
                # "acting in solidarity with Hamas", the parser hanging "with Hamas" on the verb
                objects = [
                    o for o in partners if o.token != phrase.i and not self.state.located(self.doc[o.token])
                ]
            modality_head = head.head
        elif phrase.dep_ == "pobj" and self.modal.argued_for(head) and head.head.dep_ == "dobj" and not owned:
            subjects, _ = self.verbs.verb_args(
                head.head.head, relation
            )  # "Chile made the case for airstrikes"
            modality_head = head.head.head
        elif phrase.dep_ == "attr" and head.lemma_ in self.lex.copulas:  # "Russia is a member of the CSTO"
            if relation in self.lex.cue("deeds_not_descriptions"):
                return  # "ISIL is a threat to Iraq": no threat made
            subjects, _ = self.verbs.verb_args(head, relation)
            modality_head = head
        elif any(c.dep_ == "relcl" and c.lemma_ in self.lex.light_verbs for c in phrase.children):
            # "the atrocities that ISIL has perpetrated against civilians"
            clause = next(
                c for c in phrase.children if c.dep_ == "relcl" and c.lemma_ in self.lex.light_verbs
            )
            subjects, more = self.verbs.verb_args(clause, relation)
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
                if p.dep_ == "prep"
                and p.lower_ not in self.lex.locative_preps
                and self.roles.pobj(p, target=True)
            ]
            if not (owned or sides or modifiers):
                return  # "help end the war in Ukraine": whose war is not told, the ender need be no party
            subjects, more = self.verbs.verb_args(head, relation)  # "the US halted talks with Iran"
            objects += [o for o in more if o.token not in own_words]
        elif phrase.dep_ == "dobj" and head.lemma_ in self.lex.cue("drawing_verbs"):
            # "Beijing's crackdown drew criticism from London": London criticises Beijing
            subjects = [
                a
                for p in head.children
                if p.dep_ == "prep" and p.lower_ == "from"
                for a in self.roles.pobj(p)
            ]
            objects = objects or self.roles.subjects_of(head, inherit=True)
            modality_head = head
        elif phrase.dep_ == "pobj" and head.lower_ == "as":  # "the UK, as part of the coalition, ..."
            subjects = self.resolver.actors_of(head.head)
        elif (
            is_apposition(phrase)
            and relation not in self.lex.cue("deeds_not_descriptions")
            and not self.roles.parties(phrase)  # not "the project, a partnership between X and Y"
        ):
            subjects = self.resolver.actors_of(head, expand=False)  # "Turkey, a member of NATO, ..."
        elif (
            phrase.dep_ == "pobj"
            and head.dep_ == "prep"
            and (head.head.pos_ == "ADJ" or head.head.lemma_ in self.lex.copulas)
        ):  # "the US remains steadfast in its support of", "Russia is united in its condemnation of"
            predicate = head.head
            subjects = self.roles.subjects_of(predicate, inherit=True)
            modality_head = predicate
        elif phrase.dep_ == "nsubj" and not objects and self.verbs.verb_relation(head) is None:
            # "Chinese aid went to Peru": the verb of a deed noun says where it goes
            objects = [
                a for p in head.children if p.dep_ == "prep" and p.lower_ in preps for a in self.roles.pobj(p)
            ]
        if not objects and relation in self.lex.complement_target:
            # "its demand that Russia withdraw its troops", "protests to demand reforms by X", "staged protests to ...",
            # "reiterated its demand that Israel ..." (the clause on the verb)
            objects = self.roles.clause_subjects(phrase) or self.verbs.complement_targets(phrase, relation)
            if not objects and phrase.dep_ == "dobj":
                objects = self.roles.clause_subjects(head)
            if not objects and modality_head.i != phrase.i:
                objects = self.verbs.complement_targets(modality_head, relation)
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
            objects = [a for n in nouns for p in n.children if p.lower_ == "with" for a in self.roles.pobj(p)]
            if objects:
                yield from self.writer.pairs(
                    sent, noun, relation, subjects + objects, trigger, modality_head, modality
                )
                return
        if mutual and not objects and len(subjects or modifiers) > 1:
            # "the EU-Turkey deal", "France and Egypt began war games", "Chile and Peru fought a war"
            yield from self.writer.pairs(
                sent, noun, relation, subjects or modifiers, trigger, modality_head, modality
            )
            return
        if not subjects:
            possessive = [m for m in modifiers if self.doc[m.token].dep_ == "poss"]
            # "supported Peru in its fight": Peru's fight, whatever "its" reads as
            supported = self.roles.supported_in(phrase)
            if supported and all(self.doc[m.token].pos_ == "PRON" for m in possessive):
                possessive = supported
            subjects = agents or possessive or self._seekers(phrase) or modifiers or supported
            modifiers = [m for m in modifiers if m not in subjects]
        parties = [a for n in nouns + described for a in self.roles.parties(n)]
        if head.lemma_ in self.lex.brokering_verbs and len({a.key for a in parties}) > 1:
            # "Egypt brokered a truce between Israel and Hamas": the broker mediates, the parties agree
            mediation = self.lex.mediation
            yield from self.writer.emit(sent, head, head, mediation.relation, subjects, parties, mediation)
            subjects = objects = []
        if mutual and not subjects and len({a.key for a in parties}) > 1:
            # "the deal between Russia and Turkey": the parties are each other's partners; "the war between Iran
            # and Iraq": each attacks the other
            yield from self.writer.pairs(sent, noun, relation, parties, trigger, modality_head, modality)
            return
        if not objects and (relation in self.lex.symmetric or relation in self.lex.modifier_objects):
            objects = modifiers  # "Sweden's NATO membership" (not "forces in the Syrian region")
        own_side = self.lex.domestic_targets | self.lex.governing_targets
        if not objects and modality_head.i != phrase.i and relation in own_side:  # "ordered patrols"
            yield from self.writer.at_own_side(sent, noun, modality_head, relation, subjects, trigger)
            return
        yield from self.writer.emit(sent, noun, modality_head, relation, subjects, objects, trigger, modality)

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

    def _seekers(self, noun: Token) -> list[Arg]:
        """Who bids for what an event noun names: "Ukraine's bid for NATO membership"."""
        bid = self.modal.prospect(noun)
        if bid is None or noun.dep_ != "pobj":
            return []
        return [
            a
            for c in bid.children
            if c.dep_ in MODIFIER_DEPS
            for a in self.resolver.actors_of(c, expand=False)
        ]

    def _venue(self, token: Token) -> bool:
        """A city standing for its state names where an event is held when it alone modifies the noun: "the Paris
        meeting", "the Minsk agreement" (but "the Moscow-Kiev talks" are between two sides)."""
        return token.dep_ == "compound" and any(m.kind == "metonym" for m in self.state.mentions_in(token))

    def phrase_head(self, noun: Token) -> Token:
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
