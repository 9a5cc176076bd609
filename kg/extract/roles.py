"""Who does what: the subjects and objects of a predicate, across the ways syntax shares them.

Subjects shared through ``xcomp``/``conj`` and relative clauses, object control ("urged Iran to withdraw": Iran
withdraws), gerunds after a preposition ("accused Greece of attacking"), the owner of a noun an infinitive completes
("NATO's efforts to contain"), prepositional objects and the actors behind nouns that name none ("a suspension of
trade with Morocco"), the parties "between" whom an event is, and the doers an event noun names ("by", "of").

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Chile urged Peru to attack Bolivia.")
>>> [(s.subject, s.predicate, s.object) for s in doc._.statements if s.predicate == "attacks"]
[('Q419', 'attacks', 'Q750')]
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.composites import CompositeActors
from kg.extract.resolve import ActorReader
from kg.extract.state import (
    Arg,
    DocState,
    Part,
)
from kg.syntax import (
    SHARED_SUBJECT_DEPS,
    SUBJECT_DEPS,
    is_infinitive,
)


class RoleReader(Part):
    """Finds the actors in each role of a predicate: subjects, controllers, prepositional objects, parties."""

    def __init__(self, state: DocState, resolver: ActorReader, composites: CompositeActors) -> None:
        super().__init__(state)
        self.resolver = resolver
        self.composites = composites

    def noun_clause_subjects(self, verb: Token) -> list[Arg]:
        """Who does what a clause completing a noun says: the noun's owner ("its commitment to support",
        "NATO efforts to contain", "the right of Peru to attack"), else whoever makes the effort ("stepped up
        its efforts to counter Russia"); not a participle's noun ("militiamen armed with")."""
        infinitive = is_infinitive(verb)
        if not (verb.dep_ == "acl" or (verb.dep_ == "relcl" and infinitive)):
            return []
        noun = verb.head
        owners = [c for c in noun.children if c.dep_ == "poss"] or [
            c
            for c in noun.children
            if infinitive and c.dep_ in ("compound", "amod") and c.i in self.mention_at
        ]
        # "supported Peru in its efforts to": Peru's efforts, whatever "its" reads as
        supported = self.supported_in(noun)
        if supported and all(c.pos_ == "PRON" for c in owners):
            return supported
        subjects = [a for c in owners for a in self.resolver.actors_of(c)] or self._of_actors(noun)
        if not subjects and infinitive and noun.dep_ == "dobj":
            holder = noun.head
            subjects = self.subjects_of(holder, inherit=True)
        return subjects

    def _of_actors(self, noun: Token) -> list[Arg]:
        """The actors after a noun's "of" ("the role of Turkey")."""
        return [
            a
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ in self.lex.word("theme")
            for a in self.pobj(p)
        ]

    def _quality_owners(self, holder: Token) -> list[Arg]:
        """Whose quality or part a gerund after "in" tells of: the owner of the noun it hangs on, or of the
        verb's object ("the unity of the EU in confronting Russia", "praised Turkey's role in fighting ISIS")."""
        noun = (
            holder if holder.pos_ == "NOUN" else next((c for c in holder.children if c.dep_ == "dobj"), None)
        )
        if noun is None or noun.pos_ != "NOUN" or self.resolver.actors_of(noun):
            return []
        owners = [a for c in noun.children if c.dep_ == "poss" for a in self.resolver.actors_of(c)]
        return owners or self._of_actors(noun)

    def supported_in(self, phrase: Token) -> list[Arg]:
        """Those supported "in" a deed do it: "support for Iraq in the fight against ISIL", "backed Iraq in the
        war" (Iraq fights), the "in" phrase on the support or on the verb that states it ("reiterated its support
        for Iraq in the fight")."""
        if phrase.dep_ != "pobj" or phrase.head.lower_ not in self.lex.word("place"):
            return []
        holder = phrase.head.head
        for backing in (holder, *(c for c in holder.children if c.dep_ == "dobj")):
            trigger = self.lex.match(backing, self.lex.nouns if backing.pos_ == "NOUN" else self.lex.verbs)
            if trigger is None or trigger.relation not in self.lex.cue("backing_relations"):
                continue
            if backing.pos_ == "NOUN":
                return self.through(backing, self.lex.target_preps(trigger.relation))
            return [
                a
                for c in backing.children
                if c.dep_ == "dobj"
                for a in self.resolver.actors_of(c, target=True)
            ]
        return []

    def relative_head(self, clause: Token) -> list[Arg]:
        """The actors a relative clause's head names, as the clause's subject: a place does not act ("in Hasaka
        Province, which killed" is the attack's doing, not the province's)."""
        head = clause.head  # "in Syria, which": no actor
        found = (
            []
            if self.state.located(head)
            else [a for a in self.resolver.actors_of(head) if self.actors[a.key].cls != "Place"]
        )
        if found or head.pos_ not in ("NOUN", "PROPN"):
            return found
        for noun in list(head.ancestors)[:6]:  # "attacks in the town of X in Y Province, which killed"
            if noun.pos_ == "NOUN" and noun.lemma_.lower() in self.lex.nouns:
                return self.resolver.actors_of(noun)
        return []

    def subjects_of(self, verb: Token, inherit: bool = False) -> list[Arg]:
        """The actors ``verb``'s own subjects name; with ``inherit``, those it shares when it has none."""
        found = [a for c in verb.children if c.dep_ in SUBJECT_DEPS for a in self.resolver.actors_of(c)]
        return found or (self.inherited_subject(verb) if inherit else [])

    def inherited_subject(self, verb: Token) -> list[Arg]:
        """The subject a verb shares with the verb it depends on ("plans to impose", "invaded and annexed"),
        looking up to four clauses up: a controlling object (:meth:`_controlled_subject`) or the subject of the
        clause above (:meth:`_shared_subject`)."""
        node = verb
        for _ in range(4):
            if node.dep_ not in SHARED_SUBJECT_DEPS or node.head.i == node.i:
                return []
            found = self._controlled_subject(node)
            if found is None:
                found = self._shared_subject(node)
            if found is not None:
                return found
            node = node.head
        return []

    def _controlled_subject(self, node: Token) -> list[Arg] | None:
        """The object that does what a clause tells, for a clause its verb's object controls: "accused Greece of
        attacking", "urged Iran to withdraw" (none for "urged all sides to cut ties"); None for no such clause."""
        if node.dep_ == "pcomp" and not self.modal.forgoing(node.head):
            # "accused Greece of attacking", "aided Syrian forces in retaking": the object does it (not in
            # "followed Washington in imposing sanctions")
            prep, holder = node.head.lower_, node.head.head
            controls = prep in self.lex.cue("gerund_control_preps") or (
                prep in self.lex.word("place") and holder.lemma_ in self.lex.cue("object_control_verbs")
            )
            urged = self._gerund_controller(holder) if controls else []
            if not urged and prep in self.lex.cue("quality_preps"):
                urged = self._quality_owners(holder)
            if urged:
                return urged
        # "pressed the regime to end": the parser reads some such clauses as purposes
        infinitive = node.dep_ == "xcomp" or (node.dep_ == "advcl" and is_infinitive(node))
        controlling = node.head
        if infinitive and controlling.lemma_ in self.lex.cue("object_control_verbs"):
            urged = self._controller(controlling)
            if urged:  # "urged Iran to withdraw", "called on Iran to withdraw": Iran withdraws
                return urged
            if self.asks_others(controlling):  # "urged all sides to cut ties": not the urger
                return []
        return None

    def _shared_subject(self, node: Token) -> list[Arg] | None:
        """The subject of the clause above ``node`` (with the partners of a purpose: "works with Peru to defeat
        ISIS"), or the head of a relative or noun clause ("attacks which targeted and killed civilians", "NATO
        efforts to contain and defeat Russia"); None when the clause above has none either."""
        # "is committed to defeating", "was asked to attack": a passive's subject does what it governs
        # "are committed to X and have supported Y": an active verb joined to a passive shares its subject
        active_conj = node.dep_ == "conj" and (
            node.tag_ != "VBN"
            or any(c.dep_ == "aux" and c.lemma_ in self.lex.word("perfect") for c in node.children)
        )
        deps = SUBJECT_DEPS | (
            {"nsubjpass"} if node.dep_ in ("xcomp", "prep", "pcomp") or active_conj else set()
        )
        partners = self._partners(node) if node.dep_ in ("xcomp", "advcl") else []
        above = node.head
        for child in above.children:
            if child.dep_ in deps:
                if child.tag_ in ("WDT", "WP") and above.dep_ in ("relcl", "acl"):
                    return self.relative_head(above)  # "attacks which targeted and killed civilians"
                return self.resolver.actors_of(child) + partners
        if above.dep_ == "relcl":  # "the alliance to weaken and defeat the rebels"
            return self.relative_head(above)
        if above.dep_ == "acl":  # "NATO efforts to contain and defeat Russia"
            return self.noun_clause_subjects(above)
        return None

    def asks_others(self, verb: Token) -> bool:
        """True for an object-control verb whose object names no actor: "called on all parties to engage with the
        UN envoy" asks the parties, not the envoy."""
        if verb.lemma_ not in self.lex.cue("object_control_verbs"):
            return False
        preps = self.lex.cue("object_control_preps")
        asked = [c for c in verb.children if c.dep_ == "dobj"] + [
            o
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in preps
            for o in p.children
            if o.dep_ == "pobj"
        ]
        return bool(asked) and not any(self.resolver.actors_of(o, target=True) for o in asked)

    def _controller(self, verb: Token) -> list[Arg]:
        """The one an object-control verb has act: its object, or the object of "on" ("called on Iran"), read as
        the verb's object ("pressed the regime" is the regime named before)."""
        for child in verb.children:
            if child.dep_ == "dobj":
                return self.resolver.actors_of(child, target=True)
        preps = self.lex.cue("object_control_preps")
        return [
            a
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in preps
            for a in self.pobj(c, target=True)
        ]

    def _gerund_controller(self, holder: Token) -> list[Arg]:
        """The object of the verb a gerund's preposition hangs on ("accused Greece of attacking"), or that object
        itself where the parser hangs the preposition on it."""
        if holder.dep_ == "dobj":
            return self.resolver.actors_of(holder, target=True)
        return [
            a for c in holder.children if c.dep_ == "dobj" for a in self.resolver.actors_of(c, target=True)
        ]

    def _partners(self, infinitive: Token) -> list[Arg]:
        """Those the governing verb acts with, who share the infinitive's deed: "works with Peru to defeat
        ISIS"."""
        if not is_infinitive(infinitive):
            return []
        preps = self.lex.cue("comitative_preps")
        return [
            a
            for c in infinitive.head.children
            if c.dep_ == "prep" and c.lower_ in preps
            for a in self.pobj(c)
        ]

    def clause_subjects(self, token: Token) -> list[Arg]:
        """Subjects of a "that" clause completing ``token`` (the one a demand or threat is aimed at)."""
        return [
            a
            for clause in token.children
            if clause.dep_ in ("ccomp", "acl", "relcl")
            and any(m.dep_ == "mark" and m.lower_ in self.lex.word("complementizer") for m in clause.children)
            for c in clause.children
            if c.dep_ in SUBJECT_DEPS
            for a in self.resolver.actors_of(c, target=True)
        ]

    def pobj(self, prep: Token, through: frozenset[str] = frozenset(), target: bool = False) -> list[Arg]:
        """The actors a preposition's object names, or, for a non-actor object, those after its own ``through``
        prepositions ("a suspension of trade with Morocco")."""
        found = []
        means = self.lex.cue("means_nouns") if prep.lower_ in self.lex.word("partner") else frozenset()
        for p in prep.children:
            if p.dep_ == "pobj" and p.lemma_.lower() in means:
                continue  # "withdrew with the help of Belarus": a means, not a partner
            if p.dep_ == "pobj":
                found += self.resolver.actors_of(p, target=target) or self.through(p, through, deeper=False)
            elif p.dep_ == "prep" and prep.lower_ in self.lex.cue("compound_preps"):  # "out of East Timor"
                found += self.pobj(p, through, target)
        return found

    def parties(self, noun: Token) -> list[Arg]:
        """Those "between" whom an event noun is, by the structural patterns: "the deal between Russia and Turkey",
        also after its date ("the accord on 3 May between ..."); and where the parser split the pair at a
        parenthesis ("between Peru, led by its president, and Bolivia")."""
        structures = self.state.structures
        found = [
            a for t in structures.fill("party", event=noun) for a in self.resolver.actors_of(t, expand=False)
        ]
        for prep in structures.fill("between", event=noun):
            second = self.composites.second_party(prep)
            if second is not None:
                found += self.resolver.actors_of(second, expand=False)
        return found

    def through(
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
                objects = self.pobj(p, preps if deeper else frozenset(), target=True)
                if p.lower_ in self.lex.locative_preps:  # "aid deliveries in Lima", "a tanker in the Strait"
                    objects = self.composites.states_of(objects) if objects else self.composites.places_in(p)
                found += objects
            else:
                found += [
                    a
                    for n in p.children
                    if n.dep_ == "pobj" and not self.resolver.actors_of(n)
                    for a in self.through(n, then, deeper=False)
                ]
        return found

    def deed_doers(self, noun: Token, verb: Token) -> list[Arg]:
        """The doer an event noun names in a preposition ("the invasion of Iraq by the US", "the incursion of
        Chinese ships"), also where the parser hangs the "by" on the active verb of which the noun is the object
        ("condemned the invasion of Iraq by the US")."""
        preps = self.agent_preps(noun)
        found = [a for p in noun.children if p.dep_ == "prep" and p.lower_ in preps for a in self.pobj(p)]
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
            if p.dep_ in ("prep", "agent") and p.lower_ in self.lex.word("agent") and p.i > noun.i
            for a in self.pobj(p)
        ]

    def agent_preps(self, noun: Token) -> frozenset[str]:
        """The prepositions naming an event noun's doer: "by", and "of" after the lexicon's agentive_of_nouns."""
        agentive = noun.lemma_.lower() in self.lex.cue("agentive_of_nouns")
        return self.lex.word("agent") | (self.lex.word("theme") if agentive else frozenset())

    def agents(self, token: Token) -> list[Arg]:
        """The doers a passive's agent names: its actors, or those an event noun comes from ("aided by support
        from Turkey")."""
        found = self.resolver.actors_of(token)
        if found or not self.lex.match(token, self.lex.nouns):
            return found
        return [
            a
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in self.lex.word("source") | self.lex.word("agent")
            for a in self.pobj(p)
        ]
