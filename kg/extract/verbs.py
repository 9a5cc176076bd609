"""Trigger verbs: the statements of a verb the lexicon knows, in active or passive voice.

Direct, prepositional and passive objects, what a recipient verb hands over, targets inside a governed clause
("threatened to cut ties with"), deeds with a means but no doer ("a roadside bomb killed"), arrests by a state's
police, mutual deeds ("clashed with"), light verbs that only carry an event noun.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Peru was attacked by Chile.")
>>> [(s.subject, s.predicate, s.object) for s in doc._.statements]
[('Q298', 'attacks', 'Q419')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract.composites import CompositeActors
from kg.extract.resolve import ActorReader
from kg.extract.roles import RoleReader
from kg.extract.state import (
    Arg,
    DocState,
    Part,
)
from kg.extract.statements import StatementWriter
from kg.gazetteer import slugify
from kg.lexicon import Trigger
from kg.model import Actor, Statement
from kg.syntax import (
    MODIFIER_DEPS,
    OBJECT_DEPS,
    SUBJECT_DEPS,
    is_for_clause,
    is_infinitive,
)


@dataclass
class VerbArgs:
    """A trigger verb's arguments as its children are read (:meth:`VerbReader.verb_args`), with what reading them
    needs."""

    verb: Token
    relation: str
    preps: frozenset[str]  # the target's prepositions
    idiom: frozenset[str]  # the words of the verb's multi-word trigger ("side by side", "liberate ... from")
    taking: frozenset[str]  # prepositions of what is taken back ("retake from")
    hands_over: bool  # "gave aid to Ukraine": the object is what is handed over
    subjects: list[Arg] = field(default_factory=list)
    objects: list[Arg] = field(default_factory=list)
    located: list[Arg] = field(
        default_factory=list
    )  # after locative prepositions: used with no direct object
    passive: bool = False
    own_subject: bool = False  # the verb has a subject of its own: one naming no one borrows none


class VerbReader(Part):
    """Reads the statements of trigger verbs."""

    def __init__(
        self,
        state: DocState,
        resolver: ActorReader,
        roles: RoleReader,
        composites: CompositeActors,
        writer: StatementWriter,
    ) -> None:
        super().__init__(state)
        self.resolver = resolver
        self.roles = roles
        self.composites = composites
        self.writer = writer

    def verb_event(self, sent: Span, verb: Token, trigger: Trigger) -> Iterator[Statement]:
        """The statements of a trigger verb: its arguments, or the fallbacks when the text names no target.

        In steps: the verb's arguments (:meth:`verb_args`), its doers when none is named (:meth:`_doers`), the
        targets it can have (:meth:`_targets`), then the statements (:meth:`_verb_statements`).
        """
        if self._no_deed(verb):
            return
        subjects, objects = self.verb_args(verb, trigger.relation)
        subjects = self._doers(verb, trigger, subjects, objects)
        objects = self._targets(verb, trigger.relation, subjects, objects)
        yield from self._verb_statements(sent, verb, trigger, subjects, objects)

    def _doers(self, verb: Token, trigger: Trigger, subjects: list[Arg], objects: list[Arg]) -> list[Arg]:
        """The doers of a deed done to someone by no one named: unidentified attackers ("a roadside bomb killed two
        soldiers"), the police of where someone was arrested ("was arrested in Lebanon"); only the domestic sectors
        for a verb told of them ("students blocked roads", not a state)."""
        relation = trigger.relation
        if (
            not subjects
            and objects
            and relation in self.lex.unknown_doer
            and self._done_by_no_one(verb, relation)
        ):
            subjects = [self._unknown_doer(relation, verb)]
        if not subjects and objects:
            subjects = self._authorities(verb)
        if trigger in self.lex.domestic_verbs.get(verb.lemma_, ()):
            subjects = [s for s in subjects if self.actors[s.key].sector in self.lex.domestic_sectors]
        return subjects

    def _targets(self, verb: Token, relation: str, subjects: list[Arg], objects: list[Arg]) -> list[Arg]:
        """The targets the deed can have: not the doers' own pronouns, nor their own state where they protest
        ("students protested in Dhaka": at their own government), nor a class the relation does not take ("dockers
        blocked a bridge"); else those in the clause it governs."""
        own = {s.key for s in subjects}
        objects = [o for o in objects if not (self.doc[o.token].pos_ == "PRON" and o.key in own)]
        if relation in self.lex.domestic_targets and subjects:
            states = {self.actors[s.key].state for s in subjects}
            if all(self.state.located(self.doc[o.token]) and o.key in states for o in objects):
                objects = []
        allowed = self.lex.object_classes.get(relation)
        if allowed is not None:
            objects = [o for o in objects if self.actors[o.key].cls in allowed]
        if not objects and relation in self.lex.complement_target and not self.roles.asks_others(verb):
            objects = self.complement_targets(verb, relation)
        return objects

    def _verb_statements(
        self, sent: Span, verb: Token, trigger: Trigger, subjects: list[Arg], objects: list[Arg]
    ) -> Iterator[Statement]:
        """The deed's statements: mutual and symmetric deeds paired, a deed at one's own side, else from the doers
        to the targets, with a threat from a deed announced "unless" and the doers' cooperation in a joint deed."""
        relation = trigger.relation
        if self._mutual(verb, trigger):  # "Chile clashed with Peru", "Chile and Peru exchanged fire"
            partners = [
                a
                for p in verb.children
                if p.dep_ == "prep" and p.lower_ in self.lex.word("partner")
                for a in self.roles.pobj(p)
            ]
            sides = [
                o for o in objects if not self.state.located(self.doc[o.token])
            ]  # not "clashed in Khartoum"
            yield from self.writer.pairs(sent, verb, relation, subjects + (partners or sides), trigger, verb)
            return
        if not objects and relation in self.lex.symmetric and len(subjects) > 1:
            yield from self.writer.pairs(sent, verb, relation, subjects, trigger, verb)
            return
        if not objects and relation in self.lex.domestic_targets | self.lex.governing_targets:
            yield from self.writer.at_own_side(sent, verb, verb, relation, subjects, trigger)
            return
        yield from self.writer.emit(sent, verb, verb, relation, subjects, objects, trigger)
        if relation != "threatens" and self.modal.threat_condition(verb):
            threat = Trigger("threatens", (), trigger.strength * 0.9)  # "will pull out unless X complies"
            yield from self.writer.emit(sent, verb, verb, "threatens", subjects, objects, threat, "asserted")
        # "France and Britain bombed Libya": France cooperates with Britain (not "neither France nor Britain")
        shared = relation in self.lex.joint_actions and self.modal.modality(verb) == "asserted"
        if objects and shared and 1 < len({s.key for s in subjects}) <= self.lex.joint_action_max:
            joint = self.lex.joint_action
            yield from self.writer.pairs(sent, verb, joint.relation, subjects, joint, verb)

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

    def verb_args(self, verb: Token, relation: str) -> tuple[list[Arg], list[Arg]]:
        """(subjects, objects) of a trigger verb, across voice, prepositions, shared subjects and clauses.

        In steps: what each child of the verb names (:meth:`_read_child`), the objects when none is named there
        (:meth:`_objects_beyond`), the subjects when none is (:meth:`_subjects_beyond`), then a relative clause's
        head (:meth:`_relative_args`).
        """
        args = self._verb_frame(verb, relation)
        for child in verb.children:
            self._read_child(args, child)
        objects = self._objects_beyond(args)
        subjects = self._subjects_beyond(args)
        if not objects and verb.dep_ == "advcl" and verb.tag_ == "VBN" and subjects:
            objects = self.roles.subjects_of(
                verb.head, inherit=True
            )  # "X attacked, aided by Iran": X is aided
        return self._relative_args(verb, args.passive, subjects, objects)

    def _verb_frame(self, verb: Token, relation: str) -> VerbArgs:
        """What reading a verb's children needs: its target prepositions, its multi-word trigger's words, what it
        takes back from someone, whether it hands something over."""
        # "gave aid to Ukraine": the object is what is handed over; "supplied Ukraine with arms": the recipient
        hands_over = verb.lemma_ in self.lex.recipient_verbs and not any(
            c.dep_ == "prep" and c.lower_ in self.lex.word("partner") for c in verb.children
        )
        # "lifted its blockade on X": the blockade's owner is no target
        phrase = self.lex.match(verb, self.lex.verbs)
        return VerbArgs(
            verb,
            relation,
            self.lex.target_preps(relation, *self.lex.word("partner")),
            frozenset(phrase.extra) if phrase else frozenset(),
            # what is taken back from someone, with the verb's own "from" ("liberate from", "retake from")
            frozenset(w for t in self.lex.verbs.get(verb.lemma_.lower(), ()) for w in t.extra),
            hands_over,
        )

    def _read_child(self, args: VerbArgs, child: Token) -> None:
        """Add what one child of the verb names to ``args``: a subject, a passive subject, an agent, an object,
        a target preposition, a place, an idiom's target."""
        verb = args.verb
        if child.lemma_.lower() in args.idiom and child.pos_ != "ADP":
            # "stands side by side with Peru": the idiom's words hold its target
            args.objects += [
                a
                for p in child.children
                if p.dep_ == "prep" and p.lower_ in args.preps
                for a in self.roles.pobj(p, target=True)
            ]
        if child.dep_ in SUBJECT_DEPS:
            args.own_subject = True
            args.subjects += self.resolver.actors_of(child)
        elif child.dep_ == "nsubjpass":
            args.passive = True
            # "a depot in Lima was shelled", as "shelled a depot in Lima": the actors behind the thing acted on
            args.objects += self.resolver.actors_of(child, target=True) or self.roles.through(
                child, args.preps
            )
        elif child.dep_ == "agent" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            # (an "agent" of an active verb is the parser's: "condemned the invasion of X by Y")
            args.subjects += [a for p in child.children if p.dep_ == "pobj" for a in self.roles.agents(p)]
        elif child.dep_ in OBJECT_DEPS or self._misread_object(child, verb):
            args.objects += self._object_args(args, child)
        elif child.dep_ == "prep" and child.lower_ in args.idiom:  # "liberated the town from ISIL"
            args.objects += self.roles.pobj(
                child, args.preps, target=True
            )  # "called for an end to Peru's attacks"
        elif child.dep_ == "prep" and child.lower_ in args.preps:
            self._prep_args(args, child)
        elif child.dep_ == "prt" and child.lower_ in self.lex.word(
            "quantity_particle"
        ):  # "kidnapped up to 16 advisers" (a quantity)
            args.objects += [
                a
                for p in child.children
                if p.lower_ in self.lex.word("goal")
                for a in self.roles.pobj(p, target=True)
            ]

    def _object_args(self, args: VerbArgs, child: Token) -> list[Arg]:
        """The targets an object of the verb names: itself, else what it holds or, for a deed, its doer."""
        verb = args.verb
        if child.pos_ == "ADP":  # "provided fuel to the Philippines" read as a dative
            return self.roles.pobj(child, target=True)
        topic = child.dep_ == "dobj" and verb.lemma_ in self.lex.cue("topic_object_verbs")
        # "liberated the town from ISIL": what is taken back from the target is not the target (the parser may
        # hang "from ISIL" on the town)
        held_by = [p for p in child.children if p.dep_ == "prep" and p.lower_ in args.taking]
        taken_from = child.dep_ == "dobj" and (
            bool(held_by) or any(p.dep_ == "prep" and p.lower_ in args.idiom for p in verb.children)
        )
        found = (
            [a for p in held_by for a in self.roles.pobj(p, args.preps, target=True)] if taken_from else []
        )
        held = child.lemma_.lower() in self.lex.cue("captive_nouns")  # "demanded the release of X"
        skip = (
            (args.hands_over and child.dep_ == "dobj")
            or topic
            or taken_from
            or child.lemma_.lower() in args.idiom
        )
        direct = [] if skip or held else self.resolver.actors_of(child, target=True)
        if direct:
            return found + direct
        # "threatened action against Russia", "provided intelligence to Macedonia"; but who backs or condemns a
        # deed backs or accuses its doer, not its target ("backed the invasion of Peru by Chile")
        deed = self.lex.match(child, self.lex.nouns)
        if deed and args.relation in self.lex.cue("deed_doer_relations"):
            if deed.relation in self.lex.symmetric and verb.lemma_ in self.lex.cue("refusal_verbs"):
                # "rejected talks with Iran": Iran
                return found + self.roles.through(child, self.lex.target_preps(deed.relation))
            return found + self.roles.deed_doers(child, verb)
        if not taken_from and not held:  # X's captors are asked, not X
            return found + self.roles.through(child, args.preps)
        return found

    def _prep_args(self, args: VerbArgs, prep: Token) -> None:
        """Add the target after a target preposition; a locative one ("intervened in Iraq", "struck in Baghdad")
        names a place, kept for when there is no direct object (not "struck in support of Iraqi forces": a deed
        of its own, no place)."""
        found = self.roles.pobj(prep, args.preps, target=True)
        if prep.lower_ not in self.lex.locative_preps:
            args.objects += found
            return
        deed = any(self.lex.match(o, self.lex.nouns) for o in prep.children if o.dep_ == "pobj")
        args.located += [] if deed else found or self.composites.places_in(prep)

    def _objects_beyond(self, args: VerbArgs) -> list[Arg]:
        """The verb's objects, else the places it acts in, the subject of a clause it enables ("helped Ukraine
        rebuild its grid"), the object of a verb it is joined to ("to contain and defeat Russia"); none for a verb
        that hands nothing over ("returned to Geneva")."""
        verb = args.verb
        located = args.located
        if located and any(c.dep_ == "dobj" for c in verb.children):
            located = self.composites.states_of(
                located
            )  # "seized a tanker in the Strait of Hormuz": no target
        objects = args.objects or located
        if not objects and verb.lemma_ in self.lex.cue("enabling_verbs"):
            objects = [
                a
                for c in verb.children
                if c.dep_ == "ccomp"
                for s in c.children
                if s.dep_ in SUBJECT_DEPS
                for a in self.resolver.actors_of(s, target=True)
            ]
        if not objects and not args.passive:
            objects = [
                a
                for c in verb.children
                if c.dep_ == "conj" and c.pos_ == "VERB" and self.verb_relation(c) == args.relation
                for o in c.children
                if o.dep_ == "dobj"
                for a in self.resolver.actors_of(o, target=True)
            ]
        if (
            args.hands_over
            and not args.passive
            and not any(c.dep_ in ("dobj", "dative") for c in verb.children)
        ):
            objects = []
        return objects

    def _subjects_beyond(self, args: VerbArgs) -> list[Arg]:
        """The verb's subjects, else the subject it shares with the verb it depends on, or a noun clause's, or for
        a participle on a statement the statement's owner."""
        verb = args.verb
        subjects = args.subjects
        if not subjects and not args.passive and not args.own_subject:
            subjects = self.roles.inherited_subject(verb)
        if not subjects:
            subjects = self.roles.noun_clause_subjects(verb)
        if not subjects and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in ("dobj", "attr"):
            subjects = self._statement_owners(verb)
        return subjects

    def _statement_owners(self, participle: Token) -> list[Arg]:
        """Who issues what a participle describes: "blocked an EU statement condemning X" (the EU), "issued a
        statement condemning X" (the issuer; not who blocks or vetoes it)."""
        noun = participle.head
        owners = [
            a
            for c in noun.children
            if c.dep_ in MODIFIER_DEPS
            for a in self.resolver.actors_of(c, expand=False)
        ]
        subjects = owners or self.roles.inherited_subject(noun)
        holder = noun.head
        if not subjects and holder.lemma_ not in self.lex.cue("negating_verbs"):
            subjects = self.roles.subjects_of(holder)
        return subjects

    def _relative_args(
        self, verb: Token, passive: bool, subjects: list[Arg], objects: list[Arg]
    ) -> tuple[list[Arg], list[Arg]]:
        """A relative clause's or participle's head is its object ("the jet which was downed", "sanctions imposed
        by") or its subject ("Russia, which ...")."""
        if verb.dep_ not in ("relcl", "acl") or verb.head.i in {o.token for o in objects}:
            return subjects, objects
        if passive or verb.tag_ == "VBN":
            objects = objects or self.resolver.actors_of(verb.head) or self._told_doers(verb)
        elif not subjects:
            subjects = self.roles.relative_head(verb)
        return subjects, objects

    def _told_doers(self, participle: Token) -> list[Arg]:
        """Who did what a noun's "that" clause tells, for a participle on the noun after it: "the news that rebels
        freed the town, aided by Turkey" (the rebels are aided)."""
        return [
            a
            for clause in participle.head.children
            if clause.dep_ in ("acl", "ccomp")
            and clause.i < participle.i
            and any(m.dep_ == "mark" and m.lower_ in self.lex.word("complementizer") for m in clause.children)
            for a in self.roles.subjects_of(clause)
        ]

    def verb_relation(self, verb: Token) -> str | None:
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
            in_means = child.dep_ == "prep" and child.lower_ in self.lex.word("place") | self.lex.word(
                "agent"
            )
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
        state = self.composites.scene_state(verb)
        return [self.composites.composite(state, self.lex.authority_sector, verb)] if state else []

    def _unknown_doer(self, relation: str, verb: Token) -> Arg:
        """The actor for deeds of no named doer (``unknown_doer`` in the lexicon), one per state where they take
        place ("Unidentified attackers in Iraq"), else one of no state."""
        label = self.lex.unknown_doer[relation]
        scene = self.composites.scene_state(verb)
        state = self.actors[scene.key] if scene else None
        if state is not None:
            label = self.lex.unknown_doer_in.format(doer=label, state=state.label)
        key = slugify(label)
        if key not in self.actors:
            self.actors[key] = Actor(key=key, label=label, cls="Actor", country=state.key if state else None)
        return Arg(key, 0.6, verb.i)

    def complement_targets(self, verb: Token, relation: str) -> list[Arg]:
        """Targets inside the governed clause: the objects of "to <verb>" ("threatened to cut ties with
        Russia"), or the subject of a "that" clause ("demanded that the US cancel ..."). A symmetric relation
        takes only partners ("agreed to share data with Iran"), not what the clause acts on ("agreed to target
        X")."""
        partners = (
            self.lex.target_preps(relation, *self.lex.word("partner"), *self.lex.word("goal"))
            if relation in self.lex.symmetric
            else None
        )
        found = [a for clause in verb.children for a in self._governed_targets(clause, partners)]
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
                for a in self.composites.places_in(p)
            ]
        if not found and verb.lemma_ in self.lex.cue("conditional_targets"):
            found = self._condition_subjects(verb)  # "threatened to quit the talks if the US deploys"
        return found

    def _governed_targets(self, clause: Token, partners: frozenset[str] | None) -> list[Arg]:
        """The targets in one clause a verb governs (only ``partners``' objects, when given): whom what is freed is
        freed from, who is asked, what a purpose clause acts on, the subject of a "that" clause."""
        if clause.lemma_ in self.lex.cue("protective_verbs"):
            # "fought to free the town (from ISIS)": what is freed is not attacked, whom it is freed from is
            holders = [clause, *(c for c in clause.children if c.dep_ in OBJECT_DEPS)]
            return [
                a
                for node in holders
                for p in node.children
                if p.dep_ == "prep" and p.lower_ in self.lex.word("source")
                for a in self.roles.pobj(p, target=True)
            ]
        asked = [  # "pressed for Russia to use its influence": Russia is asked, not what it acts on
            a
            for c in clause.children
            if c.dep_ in SUBJECT_DEPS and is_for_clause(clause)
            for a in self.resolver.actors_of(c, target=True)
        ]
        if asked and partners is None:
            return asked
        purpose = clause.dep_ in ("advcl", "acl") and is_infinitive(clause)
        if clause.dep_ == "xcomp" or purpose:  # "threatened to cut ties with", "marched to demand"
            return self._purpose_targets(clause, partners)
        if clause.dep_ == "ccomp" and partners is None and not self.modal.marked(clause, "condition_marks"):
            # "demanded that the US cancel", not "asked whether the meeting signals"
            return [
                a
                for c in clause.children
                if c.dep_ in SUBJECT_DEPS
                for a in self.resolver.actors_of(c, target=True)
            ]
        return []

    def _purpose_targets(self, clause: Token, partners: frozenset[str] | None) -> list[Arg]:
        """What an infinitive clause acts on: its objects and their prepositions' objects, its own prepositions'
        objects (only ``partners``' prepositions, when given)."""
        found: list[Arg] = []
        for child in clause.children:
            if child.dep_ in OBJECT_DEPS:
                found += self.resolver.actors_of(child, target=True) if partners is None else []
                found += [
                    a
                    for p in child.children
                    if p.dep_ == "prep" and (partners is None or p.lower_ in partners)
                    for a in self.roles.pobj(p, target=True)
                ]
            elif child.dep_ == "prep" and (partners is None or child.lower_ in partners):
                found += self.roles.pobj(child, target=True)
        return found

    def _condition_subjects(self, verb: Token) -> list[Arg]:
        """Subjects of an "if"/"unless" clause on the verb or the clause it governs ("threatened to retaliate if",
        "warned that it would retaliate if"): whom a threat is aimed at."""
        clauses = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp"))]
        return [
            a
            for node in clauses
            for clause in node.children
            if clause.dep_ == "advcl" and self.modal.marked(clause, "condition_marks")
            for c in clause.children
            if c.dep_ in SUBJECT_DEPS
            for a in self.resolver.actors_of(c, target=True)
        ]

    def _misread_object(self, child: Token, verb: Token) -> bool:
        """An actor the parser hangs after a verb as an adverbial noun phrase ("denied attacking Chile", Chile an
        ``npadvmod``) is the verb's object when the verb has none: names are not adverbs of time or measure."""
        return (
            child.dep_ == "npadvmod"
            and child.i > verb.i
            and child.i in self.mention_at
            and not any(c.dep_ in OBJECT_DEPS for c in verb.children)
        )

    def is_light_use(self, verb: Token) -> bool:
        """True when the verb only carries an event noun ("strike a deal", "launch an attack", "provided Iraq
        with support")."""
        if verb.lemma_ not in self.lex.light_verbs:
            return False
        carried = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if verb.lemma_ in self.lex.recipient_verbs:
            carried += [
                o
                for p in verb.children
                if p.lower_ in self.lex.word("partner")
                for o in p.children
                if o.dep_ == "pobj"
            ]
        return any(
            (trigger := self.lex.match(c, self.lex.nouns)) and not self.handed_over(c, trigger.relation)
            for c in carried
        )

    def handed_over(self, noun: Token, relation: str) -> bool:
        """True for a weapon a recipient verb hands over ("sent missiles to Ukraine"): aid, not an attack."""
        return (
            relation in self.lex.cue("weapon_deeds")
            and noun.dep_ == "dobj"
            and noun.head.lemma_ in self.lex.recipient_verbs
        )
