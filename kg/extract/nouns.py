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
from dataclasses import dataclass, field

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


@dataclass
class NounEvent:
    """An event noun's reading so far: the noun and the phrase it heads, the doers and targets named on it, its
    actor modifiers; once the word carrying it is read (:class:`Carrier`), the deed's doers and targets, and its
    modality."""

    noun: Token
    phrase: Token  # the phrase's head: "war games" in "two weeks of war games"
    trigger: Trigger
    nouns: tuple[Token, ...]  # the noun, and the phrase's head when it is another word
    described: tuple[Token, ...]  # participles on them: "the accord signed on Friday between X and Y"
    preps: frozenset[str]  # the target's prepositions, less those naming the doer
    agents: list[Arg]  # doers named on the noun: "the invasion of Iraq by the US"
    objects: list[Arg]
    modifiers: list[Arg]  # actors modifying the noun: "Russian airstrikes", "the EU-Turkey deal"
    owned: bool  # the phrase has an owner of its own ("its refusal")
    refused: bool  # "rejected talks with Iran": the talks one side would have held
    subjects: list[Arg] = field(default_factory=list)
    modality: str | None = None

    @property
    def relation(self) -> str:
        return self.trigger.relation

    @property
    def own_words(self) -> set[int]:
        """The noun's own words: not "their" in "their strikes" as the carrying verb's target."""
        return {self.noun.i, self.phrase.i, *(c.i for n in self.nouns for c in n.children)}

    def says(
        self, subjects: list[Arg], clause: Token | None = None, objects: list[Arg] | None = None
    ) -> Carrier:
        """A carrier naming ``subjects`` (and ``objects``, else the noun's own) with modality from ``clause``."""
        return Carrier(
            subjects,
            self.objects if objects is None else objects,
            self.modifiers,
            self.phrase if clause is None else clause,
        )


@dataclass(frozen=True)
class Carrier:
    """What the word carrying an event noun says of its deed: the doers, the targets (the noun's own and any the
    word adds), the modifiers left to the noun, the word whose clause gives the modality; ``dropped`` when it tells
    of no deed ("ISIL is a threat to Iraq")."""

    subjects: list[Arg]
    objects: list[Arg]
    modifiers: list[Arg]
    clause: Token
    dropped: bool = False


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
        """The statements of an event noun: its owner or the light verb's subject acts on its prepositions' objects.

        In steps: what the noun names itself (:meth:`_own_reading`), what the word carrying it says
        (:meth:`_carrier`), targets in a clause it governs, its modality, then the statements
        (:meth:`_statements`).
        """
        event = self._own_reading(noun, trigger)
        if event is None:
            return  # "sent missiles to Peru": aid (the verb's), no attack
        carrier = self._carrier(event)
        if carrier.dropped:
            return
        event.subjects, event.objects = carrier.subjects, carrier.objects
        event.modifiers = carrier.modifiers
        self._domestic_sense(event)
        if not event.objects and event.relation in self.lex.complement_target:
            event.objects = self._clause_targets(event, carrier.clause)
        clause = self._modality(event, carrier.clause)
        yield from self._statements(sent, event, clause)

    def _domestic_sense(self, event: NounEvent) -> None:
        """The deed a noun tells when people, rebels or the opposition do it (the lexicon's
        ``domestic_target.nouns``): "dock workers went on strike" is a protest, not an attack."""
        relation = self.lex.domestic_nouns.get(event.noun.lemma_.lower())
        doers = event.subjects or event.modifiers
        if relation and doers and all(self.actors[a.key].sector in self.lex.domestic_sectors for a in doers):
            event.trigger = Trigger(relation, (), self.lex.strength.get(relation, event.trigger.strength))
            event.subjects = event.subjects or doers

    def _own_reading(self, noun: Token, trigger: Trigger) -> NounEvent | None:
        """What an event noun names itself: its phrase, doers ("by X"), targets after its prepositions and actor
        modifiers; None for a weapon handed over."""
        if self._show_of_force(noun):
            trigger = Trigger(
                "mobilizesAgainst", (), self.lex.strength.get("mobilizesAgainst", trigger.strength)
            )
        relation = trigger.relation
        phrase = self.phrase_head(noun)
        if self.verbs.handed_over(phrase, relation):
            return None
        nouns = (noun,) if phrase.i == noun.i else (noun, phrase)
        agents = [a for n in nouns for a in self.roles.deed_doers(n, phrase.head)]
        # "the invasion of Iraq by the US", "the incursion of Chinese ships"
        agent_preps = self.roles.agent_preps(noun)
        preps = (
            self.lex.target_preps(relation, *self.lex.word("theme"), *self.lex.word("partner")) - agent_preps
        )
        # "the accord signed on Friday between X and Y": the participle's prepositions are the noun's
        described = tuple(c for n in nouns for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN")
        objects = self._own_targets(noun, phrase, nouns + described, preps, agent_preps)
        modifiers = [
            a
            for n in nouns
            for c in n.children
            if c.dep_ in MODIFIER_DEPS and c.i != noun.i
            for m in (*self._hyphened(c), c)
            for a in self.resolver.actors_of(m, expand=False)
        ]
        if len(modifiers) == 1 and self._venue(self.doc[modifiers[0].token]):
            modifiers = []
        refused = (  # "rejected talks with Iran": the talks France would have held
            phrase.dep_ == "dobj"
            and phrase.head.lemma_ in self.lex.cue("refusal_verbs")
            and relation in self.lex.symmetric
        )
        owned = any(c.dep_ == "poss" for c in phrase.children)
        return NounEvent(
            noun, phrase, trigger, nouns, described, preps, agents, objects, modifiers, owned, refused
        )

    def _hyphened(self, modifier: Token) -> list[Token]:
        """The words joined to a modifier by a hyphen, which the parser hangs on it: "EU" in "the EU-Turkey deal"
        and in "EU-Russian cooperation"."""
        doc = self.doc
        return [
            c
            for c in modifier.children
            if c.i + 2 == modifier.i and doc[c.i + 1].tag_ == "HYPH" and c.dep_ in MODIFIER_DEPS
        ]

    def _own_targets(
        self,
        noun: Token,
        phrase: Token,
        holders: tuple[Token, ...],
        preps: frozenset[str],
        agent_preps: frozenset[str],
    ) -> list[Arg]:
        """Targets after the prepositions of the noun (or its phrase or a participle on it, the ``holders``), also
        behind nouns that name no actor, or where the parser hangs them on the verb or the doer."""
        objects = [
            a
            for n in holders
            for a in self.roles.through(n, preps)
            or (
                []
                if agent_preps & self.lex.word("theme")
                else self.roles.through(n, self.lex.word("theme"), then=preps)
            )
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
        if not objects and agent_preps & self.lex.word(
            "theme"
        ):  # "the visit of Bachelet to Peru", "to Peru" hung on her
            objects = [
                a
                for p in noun.children
                if p.dep_ == "prep" and p.lower_ in self.lex.word("theme")
                for o in p.children
                if o.dep_ == "pobj"
                for a in self.roles.through(o, preps, deeper=False)
            ]
        return objects

    def _carrier(self, event: NounEvent) -> Carrier:
        """What the word carrying the noun says of the deed: the first of a light verb ("imposed sanctions on"), a
        verb the noun is the aim of ("took part in talks"), an argument for it, a copula, a relative clause, a
        halting or drawing verb, "as", an apposition, a predicate adjective, a verb telling where it goes; else
        nothing (a bare nominal)."""
        readings = (
            self._by_light_verb,
            self._by_verb_through_prep,
            self._argued_for,
            self._by_copula,
            self._by_relative_clause,
            self._by_halting_verb,
            self._by_drawing_verb,
            self._as_part,
            self._by_apposition,
            self._by_predicate,
            self._by_going_verb,
        )
        for read in readings:
            carrier = read(event)
            if carrier is not None:
                return carrier
        return event.says([])

    def _by_light_verb(self, event: NounEvent) -> Carrier | None:
        """A light verb's subject does the deed, its objects are targets too ("imposed sanctions on X"; "rejected
        talks with Iran"); a one-sided deed owned by another than the subject is the owner's ("the parliament
        approved Sweden's membership": Sweden's)."""
        phrase, verb = event.phrase, event.phrase.head
        carried = phrase.dep_ in ("dobj", "nsubjpass", "attr") and verb.lemma_ in self.lex.light_verbs
        if not (carried or event.refused):
            return None
        subjects, more = self.verbs.verb_args(verb, event.relation)
        objects = event.objects + [o for o in more if o.token not in event.own_words]
        modifiers = event.modifiers
        owners = self._other_owners(event, subjects)
        if owners:
            return Carrier(owners, objects, [m for m in modifiers if m not in owners], verb)
        if not objects and phrase.dep_ == "dobj" and verb.lemma_ in self.lex.recipient_verbs:
            # "sent Ukraine weapons", parsed as the compound "Ukraine weapons": the state is the recipient
            objects = [
                m
                for m in modifiers
                if self.doc[m.token].dep_ == "compound" and self.actors[m.key].cls == "State"
            ]
            modifiers = [m for m in modifiers if m not in objects]
        return Carrier(subjects, objects, modifiers, verb)

    def _other_owners(self, event: NounEvent, subjects: list[Arg]) -> list[Arg]:
        """The named owners of a one-sided deed a light verb's subjects do not own, nor their states own ("the
        parliament approved Sweden's membership": Sweden; "Modi pledged India's support": Modi's)."""
        if event.relation in self.lex.symmetric:
            return []
        sides = {k for a in subjects for k in (a.key, self.actors[a.key].state)}
        owners = [
            m
            for m in event.modifiers
            if self.doc[m.token].dep_ == "poss"
            and self.doc[m.token].pos_ != "PRON"
            and self.doc[m.token].head.i == event.phrase.i
        ]
        return [] if {o.key for o in owners} & sides else owners

    def _by_verb_through_prep(self, event: NounEvent) -> Carrier | None:
        """The subject of the verb whose preposition holds the noun: "took part in talks", "returned to Geneva for
        talks", "works as part of the coalition"; "joined Kerry and partners for talks", "provided Iraq with
        support" name the other side too."""
        phrase, prep = event.phrase, event.phrase.head
        verb = prep.head
        if not (phrase.dep_ == "pobj" and prep.dep_ == "prep" and self._aim_of_verb(event, prep)):
            return None
        subjects, partners = self.verbs.verb_args(verb, event.relation)
        others = [o for o in partners if o.token != phrase.i]
        objects = event.objects
        if event.relation in self.lex.symmetric and prep.lower_ in self.lex.word("purpose"):
            objects = objects + others
        if prep.lower_ in self.lex.word("partner") and verb.lemma_ in self.lex.recipient_verbs:
            objects = objects + others
        elif not objects and verb.lemma_ in self.lex.light_verbs:
            # "acting in solidarity with Hamas", the parser hanging "with Hamas" on the verb
            objects = [o for o in others if not self.state.located(self.doc[o.token])]
        return event.says(subjects, verb, objects)

    def _aim_of_verb(self, event: NounEvent, prep: Token) -> bool:
        """True when ``prep`` makes the noun the aim of its verb: a light verb's by one of the lexicon's
        ``carrying_preps`` ("took part in talks", "went on strike"; not "sent aid after the attack"), "for"/"as" on
        any verb (not when the noun has an owner of its own: "criticised NATO for its refusal"), a symmetric deed's
        occasion."""
        verb = prep.head
        return (
            (verb.lemma_ in self.lex.light_verbs and prep.lower_ in self.lex.cue("carrying_preps"))
            or (
                prep.lower_ in self.lex.word("purpose") | self.lex.word("role")
                and verb.pos_ in ("VERB", "AUX")
                and not event.owned
            )
            or (
                event.relation in self.lex.symmetric
                and prep.lower_ in self.lex.cue("occasion_preps")
                and verb.pos_ == "VERB"
            )
        )

    def _argued_for(self, event: NounEvent) -> Carrier | None:
        """Who argues for the deed: "Chile made the case for airstrikes"."""
        phrase, head = event.phrase, event.phrase.head
        if not (phrase.dep_ == "pobj" and self.modal.argued_for(head) and head.head.dep_ == "dobj"):
            return None
        if event.owned:
            return None
        verb = head.head.head
        subjects, _ = self.verbs.verb_args(verb, event.relation)
        return event.says(subjects, verb)

    def _by_copula(self, event: NounEvent) -> Carrier | None:
        """The subject of a copula: "Russia is a member of the CSTO" ("ISIL is a threat to Iraq" makes none)."""
        phrase, verb = event.phrase, event.phrase.head
        if not (phrase.dep_ == "attr" and verb.lemma_ in self.lex.copulas):
            return None
        if event.relation in self.lex.cue("deeds_not_descriptions"):
            return Carrier([], [], [], verb, dropped=True)
        subjects, _ = self.verbs.verb_args(verb, event.relation)
        return event.says(subjects, verb)

    def _by_relative_clause(self, event: NounEvent) -> Carrier | None:
        """A light verb in a relative clause on the noun: "the atrocities that ISIL has perpetrated against
        civilians"."""
        clause = next(
            (c for c in event.phrase.children if c.dep_ == "relcl" and c.lemma_ in self.lex.light_verbs), None
        )
        if clause is None:
            return None
        subjects, more = self.verbs.verb_args(clause, event.relation)
        objects = event.objects + [o for o in more if o.token not in (event.noun.i, event.phrase.i)]
        return event.says(subjects, clause, objects)

    def _by_halting_verb(self, event: NounEvent) -> Carrier | None:
        """Who halts a deed with another side does it: "the US halted talks with Iran", "ended the war with
        Georgia"; not "help end the war in Ukraine" (whose war is not told, the ender need be no party)."""
        phrase, verb = event.phrase, event.phrase.head
        if not (
            phrase.dep_ == "dobj"
            and event.relation in self.lex.halted
            and verb.lemma_.lower() in self.lex.cue("halting_verbs")
        ):
            return None
        sides = [
            p
            for n in (*event.nouns, *event.described, verb)  # "lifted the sanctions imposed on Iran"
            for p in n.children
            if p.dep_ == "prep"
            and p.lower_ not in self.lex.locative_preps
            and self.roles.pobj(p, target=True)
        ]
        if not (event.owned or sides or event.modifiers):
            return Carrier([], [], [], phrase, dropped=True)
        subjects, more = self.verbs.verb_args(verb, event.relation)
        return event.says(
            subjects, objects=event.objects + [o for o in more if o.token not in event.own_words]
        )

    def _by_drawing_verb(self, event: NounEvent) -> Carrier | None:
        """A deed drawing a reaction is its target: "Beijing's crackdown drew criticism from London" (London
        criticises Beijing)."""
        phrase, verb = event.phrase, event.phrase.head
        if not (phrase.dep_ == "dobj" and verb.lemma_ in self.lex.cue("drawing_verbs")):
            return None
        subjects = [
            a
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in self.lex.word("source")
            for a in self.roles.pobj(p)
        ]
        return event.says(subjects, verb, event.objects or self.roles.subjects_of(verb, inherit=True))

    def _as_part(self, event: NounEvent) -> Carrier | None:
        """The word "as" is on does the deed: "the UK, as part of the coalition, ..."."""
        phrase, prep = event.phrase, event.phrase.head
        if not (phrase.dep_ == "pobj" and prep.lower_ in self.lex.word("role")):
            return None
        return event.says(self.resolver.actors_of(prep.head))

    def _by_apposition(self, event: NounEvent) -> Carrier | None:
        """The actor a description is in apposition to: "Turkey, a member of NATO, ..." (not "the project, a
        partnership between X and Y")."""
        phrase = event.phrase
        if not (
            is_apposition(phrase)
            and event.relation not in self.lex.cue("deeds_not_descriptions")
            and not self.roles.parties(phrase)
        ):
            return None
        return event.says(self.resolver.actors_of(phrase.head, expand=False))

    def _by_predicate(self, event: NounEvent) -> Carrier | None:
        """The subject of a predicate the noun's preposition is on: "the US remains steadfast in its support of",
        "Russia is united in its condemnation of"."""
        phrase, prep = event.phrase, event.phrase.head
        predicate = prep.head
        if not (
            phrase.dep_ == "pobj"
            and prep.dep_ == "prep"
            and (predicate.pos_ == "ADJ" or predicate.lemma_ in self.lex.copulas)
        ):
            return None
        return event.says(self.roles.subjects_of(predicate, inherit=True), predicate)

    def _by_going_verb(self, event: NounEvent) -> Carrier | None:
        """The verb of a deed noun telling where it goes: "Chinese aid went to Peru"."""
        phrase, verb = event.phrase, event.phrase.head
        if not (phrase.dep_ == "nsubj" and not event.objects and self.verbs.verb_relation(verb) is None):
            return None
        objects = [
            a
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in event.preps
            for a in self.roles.pobj(p)
        ]
        return event.says([], objects=objects)

    def _clause_targets(self, event: NounEvent, clause: Token) -> list[Arg]:
        """Targets in a clause on the noun or on the word carrying it (``clause``): "its demand that Russia
        withdraw its troops", "protests to demand reforms by X", "reiterated its demand that Israel ..."."""
        phrase, relation = event.phrase, event.relation
        objects = self.roles.clause_subjects(phrase) or self.verbs.complement_targets(phrase, relation)
        if not objects and phrase.dep_ == "dobj":
            objects = self.roles.clause_subjects(phrase.head)
        if not objects and clause.i != phrase.i:
            objects = self.verbs.complement_targets(clause, relation)
        return objects

    def _modality(self, event: NounEvent, clause: Token) -> Token:
        """Set the deed's modality (from the carrying word's clause, the noun's own words, a refusal, a promise:
        "pledged $500 million in aid" is not yet given) and return the word whose clause gives it. A bare nominal
        ("an ally in the war on terror") says less than a verb; "the talks would resume next month" are as real,
        and as dated, as the resuming."""
        phrase, head = event.phrase, event.phrase.head
        bare = clause.i == phrase.i
        if bare and phrase.dep_ in SUBJECT_DEPS and head.lemma_ in self.lex.cue("occurrence_verbs"):
            clause = head
        asserted = self.modal.modality(clause) == "asserted"
        modality = (
            ("negated" if event.refused else self.modal.noun_modality(event.noun, phrase))
            if asserted
            else None
        )
        promised = clause.i != phrase.i and clause.lemma_ in self.lex.cue("promise_verbs")
        event.modality = "future" if modality is None and asserted and promised else modality
        if bare:
            trigger = event.trigger
            event.trigger = Trigger(trigger.relation, trigger.extra, trigger.strength * NOMINAL_STRENGTH)
        return clause

    def _statements(self, sent: Span, event: NounEvent, clause: Token) -> Iterator[Statement]:
        """The deed's statements: mutual sides paired, a broker's mediation between parties, the parties of a
        mutual deed, a deed at one's own side, else from the doers to the targets."""
        noun, relation = event.noun, event.relation
        event.objects = self._modifier_targets(event)
        mutual = relation in self.lex.symmetric or noun.lemma_.lower() in self.lex.cue("mutual_deeds")
        sides = self._mutual_sides(event) if mutual else []
        if sides:
            yield from self.writer.pairs(sent, noun, relation, sides, event.trigger, clause, event.modality)
            return
        if not event.subjects:
            event.subjects = self._doers_on_noun(event)
            event.modifiers = [m for m in event.modifiers if m not in event.subjects]
        parties = [a for n in event.nouns + event.described for a in self.roles.parties(n)]
        head = event.phrase.head
        if head.lemma_ in self.lex.brokering_verbs and len({a.key for a in parties}) > 1:
            # "Egypt brokered a truce between Israel and Hamas": the broker mediates, the parties agree
            mediation = self.lex.mediation
            yield from self.writer.emit(
                sent, head, head, mediation.relation, event.subjects, parties, mediation
            )
            event.subjects = event.objects = []
        if mutual and not event.subjects and len({a.key for a in parties}) > 1:
            # "the deal between Russia and Turkey": the parties are each other's partners; "the war between Iran
            # and Iraq": each attacks the other
            yield from self.writer.pairs(sent, noun, relation, parties, event.trigger, clause, event.modality)
            return
        if not event.objects and (relation in self.lex.symmetric or relation in self.lex.modifier_objects):
            event.objects = event.modifiers  # "Sweden's NATO membership" (not "forces in the Syrian region")
        own_side = self.lex.domestic_targets | self.lex.governing_targets
        if not event.objects and clause.i != event.phrase.i and relation in own_side:  # "ordered patrols"
            yield from self.writer.at_own_side(sent, noun, clause, relation, event.subjects, event.trigger)
            return
        yield from self.writer.emit(
            sent, noun, clause, relation, event.subjects, event.objects, event.trigger, event.modality
        )

    def _modifier_targets(self, event: NounEvent) -> list[Arg]:
        """The targets, or when none is told the modifiers naming another side than the doers': "Chile and Peru
        pushed for new Bolivia talks" (not "X and Y met at the X-Y summit"), "Turkey is a NATO member" (not "struck
        Islamic State weapons depots")."""
        if event.objects or not event.subjects:
            return event.objects
        sides = {k for s in event.subjects for k in (s.key, self.actors[s.key].state)}
        others = [m for m in event.modifiers if m.key not in sides]
        named_after = event.relation in self.lex.modifier_objects and all(
            self.doc[m.token].dep_ == "compound" for m in others
        )
        return others if others and (event.relation in self.lex.symmetric or named_after) else event.objects

    def _mutual_sides(self, event: NounEvent) -> list[Arg]:
        """The sides of a mutual deed told with no target: "fought a war with Peru"; "the EU-Turkey deal", "France
        and Egypt began war games" (two doers or modifiers)."""
        if event.objects:
            return []
        if event.relation not in self.lex.symmetric and event.subjects:
            partners = [
                a
                for n in event.nouns
                for p in n.children
                if p.lower_ in self.lex.word("partner")
                for a in self.roles.pobj(p)
            ]
            if partners:
                return event.subjects + partners
        sides = event.subjects or event.modifiers
        return sides if len(sides) > 1 else []

    def _doers_on_noun(self, event: NounEvent) -> list[Arg]:
        """The doers named on the noun when the carrying word names none: an agent ("by X"), an owner (for "its",
        the one "supported in its fight"), a bidder ("Ukraine's bid for NATO membership"), a modifier."""
        possessive = [m for m in event.modifiers if self.doc[m.token].dep_ == "poss"]
        # "supported Peru in its fight": Peru's fight, whatever "its" reads as
        supported = self.roles.supported_in(event.phrase)
        if supported and all(self.doc[m.token].pos_ == "PRON" for m in possessive):
            possessive = supported
        return event.agents or possessive or self._seekers(event.phrase) or event.modifiers or supported

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
            (node.head.lower_ in self.lex.word("theme") and amount.lemma_.lower() in self.lex.measures)
            or (
                node.head.lower_ in self.lex.word("theme") | self.lex.word("place")
                and (amount.pos_ == "NUM" or any(c.dep_ == "nummod" for c in amount.children))
            )
        ):
            node = node.head.head
        return node
