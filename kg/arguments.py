"""Argument resolution: which actors a phrase of a sentence stands for.

The first half of relation extraction (:mod:`kg.relations` reads the events): named actors and their conjuncts,
sector actors ("Iraqi security forces", "rebels in Chad", "the army"), people of a state ("Bosnian Serbs"),
organisations named by a modifier ("the al-Qaeda network"), pronouns ("I"/"we" to the quoted speaker or the
publisher's state, "their" to a coordination), "these terrorists" to the armed group in context, and the state
where a deed takes place. Everything reads the lexicon of ``ontology/sectors.yaml`` and ``ontology/relations.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from kg.actors import PERSON_CLASSES, Mention, actor_from_entry, publisher_state
from kg.gazetteer import slugify
from kg.modality import Modality
from kg.model import Actor, Article
from kg.syntax import (
    MODIFIER_DEPS,
    SHARED_SUBJECT_DEPS,
    SUBJECT_DEPS,
    between,
    is_apposition,
    is_infinitive,
)

if TYPE_CHECKING:
    from kg.relations import RelationExtractor

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours"})
DEMONSTRATIVES = frozenset({"this", "these", "that", "those", "the"})
QUANTIFIERS = frozenset({"all", "any", "every", "each", "both", "no"})
SPEAKER_WINDOW = 4
"""How many sentences back a quotation looks for its speaker ("Jane Smallwood said: ... I welcome ...")."""
ANAPHORA_WINDOW = 6
"""How many sentences back "these terrorists" or "the militants" look for the armed group they refer to."""
PARENTHESIS_LENGTH = 12
"""How many tokens a parenthesis splitting a pair may run: "between Peru, led by its president, and Bolivia"."""
OWNER_PREPS = frozenset({"of", "by", "from"})
"""Prepositions that name the owner of a sector or asset noun: "the Government of Iraq", "an appeal from Gbagbo"."""
SECTOR_OWNER_PREPS = frozenset({"in", "throughout", "across"})
"""Prepositions that name the state of a sector noun: "rebels in the Ivory Coast", "students across Iran"."""


@dataclass(frozen=True)
class Arg:
    """An argument resolved to an actor, with how sure the linking is."""

    key: str
    certainty: float
    token: int


class ArgumentReader:
    """Resolution state for one Doc: which token names which actor; :class:`kg.relations.SentenceReader` reads
    the events on top of it."""

    def __init__(self, extractor: RelationExtractor, doc: Doc) -> None:
        self.extractor = extractor
        self.lex = extractor.lexicon
        self.gazetteer = extractor.gazetteer
        self.doc = doc
        self.modal = Modality(self.lex, doc)
        if doc._.actors is None:
            doc._.actors = {}
        self.actors: dict[str, Actor] = doc._.actors  # the Doc's own: actors made here are the result's too
        self.mentions: list[Mention] = doc._.mentions or []
        self.mention_at: dict[int, Mention] = {}
        self.resolving: set[int] = (
            set()
        )  # the words whose actors are being read: a word met again stands for none
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self.mention_at[i] = mention
        self.sector_named: dict[str, tuple[int, str]] = {}  # sector -> (token, actor) of its last composite

    def _noun_clause_subjects(self, verb: Token) -> list[Arg]:
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
        supported = self._supported_in(noun)
        if supported and all(c.pos_ == "PRON" for c in owners):
            return supported
        subjects = [a for c in owners for a in self._actors(c)] or self._of_actors(noun)
        if not subjects and infinitive and noun.dep_ == "dobj":
            holder = noun.head
            subjects = self._subjects_of(holder, inherit=True)
        return subjects

    def _of_actors(self, noun: Token) -> list[Arg]:
        """The actors after a noun's "of" ("the role of Turkey")."""
        return [a for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for a in self._pobj(p)]

    def _quality_owners(self, holder: Token) -> list[Arg]:
        """Whose quality or part a gerund after "in" tells of: the owner of the noun it hangs on, or of the
        verb's object ("the unity of the EU in confronting Russia", "praised Turkey's role in fighting ISIS")."""
        noun = (
            holder if holder.pos_ == "NOUN" else next((c for c in holder.children if c.dep_ == "dobj"), None)
        )
        if noun is None or noun.pos_ != "NOUN" or self._actors(noun):
            return []
        owners = [a for c in noun.children if c.dep_ == "poss" for a in self._actors(c)]
        return owners or self._of_actors(noun)

    def _supported_in(self, phrase: Token) -> list[Arg]:
        """Those supported "in" a deed do it: "support for Iraq in the fight against ISIL", "backed Iraq in the
        war" (Iraq fights), the "in" phrase on the support or on the verb that states it ("reiterated its support
        for Iraq in the fight")."""
        if phrase.dep_ != "pobj" or phrase.head.lower_ != "in":
            return []
        holder = phrase.head.head
        for backing in (holder, *(c for c in holder.children if c.dep_ == "dobj")):
            trigger = self.lex.match(backing, self.lex.nouns if backing.pos_ == "NOUN" else self.lex.verbs)
            if trigger is None or trigger.relation not in self.lex.cue("backing_relations"):
                continue
            if backing.pos_ == "NOUN":
                return self._through(backing, self.lex.target_preps(trigger.relation))
            return [a for c in backing.children if c.dep_ == "dobj" for a in self._actors(c, target=True)]
        return []

    def _backed_in_clause(self, pronoun: Token) -> Arg | None:
        """The one backed, for the subject pronoun of an "as" or "while" clause on the verb backing it: "will
        support Iraq as it fights Daesh" (Iraq fights)."""
        clause = pronoun.head
        if pronoun.dep_ not in SUBJECT_DEPS or clause.dep_ != "advcl":
            return None
        marks = self.lex.cue("accompanying_marks")
        if not any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children):
            return None
        trigger = self.lex.match(clause.head, self.lex.verbs)
        if trigger is None or trigger.relation not in self.lex.cue("backing_relations"):
            return None
        preps = set(trigger.extra) | self.lex.target_preps(trigger.relation)  # "stand by Ukraine while it"
        backed = [a for c in clause.head.children if c.dep_ == "dobj" for a in self._actors(c, target=True)]
        backed += [
            a for c in clause.head.children if c.dep_ == "prep" and c.lower_ in preps for a in self._pobj(c)
        ]
        return Arg(backed[0].key, 0.65, pronoun.i) if len(backed) == 1 else None

    def _located(self, token: Token) -> bool:
        """True for a word naming where something happens ("in Khartoum", "in Syria, which")."""
        return token.dep_ == "pobj" and token.head.lower_ in self.lex.locative_preps

    def _relative_head(self, clause: Token) -> list[Arg]:
        """The actors a relative clause's head names, as the clause's subject: a place does not act ("in Hasaka
        Province, which killed" is the attack's doing, not the province's)."""
        head = clause.head  # "in Syria, which": no actor
        found = (
            []
            if self._located(head)
            else [a for a in self._actors(head) if self.actors[a.key].cls != "Place"]
        )
        if found or head.pos_ not in ("NOUN", "PROPN"):
            return found
        for noun in list(head.ancestors)[:6]:  # "attacks in the town of X in Y Province, which killed"
            if noun.pos_ == "NOUN" and noun.lemma_.lower() in self.lex.nouns:
                return self._actors(noun)
        return []

    def _subjects_of(self, verb: Token, inherit: bool = False) -> list[Arg]:
        """The actors ``verb``'s own subjects name; with ``inherit``, those it shares when it has none."""
        found = [a for c in verb.children if c.dep_ in SUBJECT_DEPS for a in self._actors(c)]
        return found or (self._inherited_subject(verb) if inherit else [])

    def _inherited_subject(self, verb: Token) -> list[Arg]:
        """The subject a verb shares with the verb it depends on ("plans to impose", "invaded and annexed")."""
        node = verb
        for _ in range(4):
            if node.dep_ not in SHARED_SUBJECT_DEPS or node.head.i == node.i:
                return []
            # "is committed to defeating", "was asked to attack": a passive's subject does what it governs
            # "are committed to X and have supported Y": an active verb joined to a passive shares its subject
            active_conj = node.dep_ == "conj" and (
                node.tag_ != "VBN" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in node.children)
            )
            deps = SUBJECT_DEPS | (
                {"nsubjpass"} if node.dep_ in ("xcomp", "prep", "pcomp") or active_conj else set()
            )
            # "pressed the regime to end": the parser reads some such clauses as purposes
            infinitive = node.dep_ == "xcomp" or (node.dep_ == "advcl" and is_infinitive(node))
            controlling = node.head
            if node.dep_ == "pcomp" and not self.modal.forgoing(node.head):
                # "accused Greece of attacking", "aided Syrian forces in retaking": the object does it (not in
                # "followed Washington in imposing sanctions")
                prep, holder = node.head.lower_, node.head.head
                controls = prep in self.lex.cue("gerund_control_preps") or (
                    prep == "in" and holder.lemma_ in self.lex.cue("object_control_verbs")
                )
                urged = self._gerund_controller(holder) if controls else []
                if not urged and prep in self.lex.cue("quality_preps"):
                    urged = self._quality_owners(holder)
                if urged:
                    return urged
            if infinitive and controlling.lemma_ in self.lex.cue("object_control_verbs"):
                urged = self._controller(controlling)
                if urged:  # "urged Iran to withdraw", "called on Iran to withdraw": Iran withdraws
                    return urged
                if self.asks_others(controlling):  # "urged all sides to cut ties": not the urger
                    return []
            partners = self._partners(node) if node.dep_ in ("xcomp", "advcl") else []
            node = node.head
            for child in node.children:
                if child.dep_ in deps:
                    if child.tag_ in ("WDT", "WP") and node.dep_ in ("relcl", "acl"):
                        return self._relative_head(node)  # "attacks which targeted and killed civilians"
                    return self._actors(child) + partners
            if node.dep_ == "relcl":  # "the alliance to weaken and defeat the rebels"
                return self._relative_head(node)
            if node.dep_ == "acl":  # "NATO efforts to contain and defeat Russia"
                return self._noun_clause_subjects(node)
        return []

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
        return bool(asked) and not any(self._actors(o, target=True) for o in asked)

    def _controller(self, verb: Token) -> list[Arg]:
        """The one an object-control verb has act: its object, or the object of "on" ("called on Iran"), read as
        the verb's object ("pressed the regime" is the regime named before)."""
        for child in verb.children:
            if child.dep_ == "dobj":
                return self._actors(child, target=True)
        preps = self.lex.cue("object_control_preps")
        return [
            a
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in preps
            for a in self._pobj(c, target=True)
        ]

    def _gerund_controller(self, holder: Token) -> list[Arg]:
        """The object of the verb a gerund's preposition hangs on ("accused Greece of attacking"), or that object
        itself where the parser hangs the preposition on it."""
        if holder.dep_ == "dobj":
            return self._actors(holder, target=True)
        return [a for c in holder.children if c.dep_ == "dobj" for a in self._actors(c, target=True)]

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
            for a in self._pobj(c)
        ]

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
        prepositions ("a suspension of trade with Morocco")."""
        found = []
        for p in prep.children:
            if p.dep_ == "pobj":
                found += self._actors(p, target=target) or self._through(p, through, deeper=False)
            elif p.dep_ == "prep" and prep.lower_ in self.lex.cue("compound_preps"):  # "out of East Timor"
                found += self._pobj(p, through, target)
        return found

    def _parties(self, noun: Token) -> list[Arg]:
        """Those "between" whom an event noun is: "the deal between Russia and Turkey", also after its date ("the
        accord on 3 May between ...") and where the parser split the pair at a parenthesis ("between
        Peru, led by its president, and Bolivia")."""
        found = []
        for prep in between(noun):
            found += self._pobj(prep)
            second = self._second_party(prep)
            if second is not None:
                found += self._actors(second, expand=False)
        return found

    def _second_party(self, between: Token) -> Token | None:
        """The second of two parties "between" whom something is, where a parenthesis after the first made the
        parser attach it elsewhere: the actor named after the ", and" that closes it ("between Peru, led by its
        president, and Bolivia"; "between Israel, which ..., and the Palestinians")."""
        first = next((o for o in between.children if o.dep_ == "pobj"), None)
        if first is None or first.conjuncts:
            return None
        opening = first.right_edge.i + 1
        if opening >= first.sent.end or self.doc[opening].text != ",":
            return None
        for i in range(opening, min(opening + PARENTHESIS_LENGTH, first.sent.end - 2)):
            if self.doc[i].text != ",":
                continue
            if self.doc[i + 1].lower_ != "and":
                if i == opening:  # the parenthesis is the first party's own clause
                    continue
                return None
            start = i + 2 + (self.doc[i + 2].pos_ == "DET")
            if start >= first.sent.end:
                return None
            named = self.doc[start]
            # "the Chilean Maritime Authority": up to the head of the name
            while named.dep_ in MODIFIER_DEPS and named.head.i > named.i:
                named = named.head
            return named if named.pos_ in ("NOUN", "PROPN") else None
        return None

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
                objects = self._pobj(p, preps if deeper else frozenset(), target=True)
                if p.lower_ in self.lex.locative_preps:  # "aid deliveries in Lima", "a tanker in the Strait"
                    objects = self.states_of(objects) if objects else self._places_in(p)
                found += objects
            else:
                found += [
                    a
                    for n in p.children
                    if n.dep_ == "pobj" and not self._actors(n)
                    for a in self._through(n, then, deeper=False)
                ]
        return found

    def _actors(self, token: Token, expand: bool = True, target: bool = False) -> list[Arg]:
        """The actors a token stands for, with its conjuncts and, as a target, what it includes ("civilians,
        including children"); see :meth:`_word_actors` for one word. A word whose reading leads back to itself
        ("their counterparts", read through "their" to the phrase holding it) stands for no actor there."""
        if token.i in self.resolving:
            return []
        self.resolving.add(token.i)
        try:
            return self._listed_actors(token, expand, target)
        finally:
            self.resolving.discard(token.i)

    def _listed_actors(self, token: Token, expand: bool, target: bool) -> list[Arg]:
        conjuncts = list(token.conjuncts)
        # not "welcomed [the deal between X, ..., and Y]": Y is the deal's second party, not a thing welcomed
        if conjuncts:
            parties = {self._second_party(p) for p in between(token)}
            conjuncts = [c for c in conjuncts if c not in parties]
        listed = (token, *conjuncts, *self._listed(token), *(self._included(token) if target else ()))
        return [
            a for word in (listed if expand else (token,)) for a in self._word_actors(word, token, target)
        ]

    def _word_actors(self, word: Token, head: Token, target: bool) -> list[Arg]:
        """The actors one word stands for: a named actor or pronoun; for a sector noun, the owner's government,
        forces, rebels... ("Iraqi security forces"); for an event noun, its modifier ("Russian airstrikes"); a
        person in apposition ("the foreign minister, Wang Yi"); as the ``target`` of an event, any noun's
        owner ("demolished Palestinian shops"). ``head`` is the first word of the list ``word`` is in."""
        people = self._people_of(word)
        if people is not None:
            return [people]
        group = self._coordinated_antecedent(word) if word.lower_ in PLURAL_PRONOUNS else self._pair(word)
        if group:
            return group
        arg = self._actor(word)
        if arg is not None:
            return [arg, *self._co_owners(word, arg)]
        if word.tag_ == "VBG" and word.dep_ in SUBJECT_DEPS:  # "The Red Cross working in Yemen said"
            return self._subjects_of(word)
        lemma = word.lemma_.lower()
        if word.pos_ not in ("NOUN", "PROPN") and lemma not in self.lex.containers:  # "some of the envoys"
            return []
        named = self._named_body(word) if lemma in self.lex.bodies else []
        if named:  # "the al-Qaeda network"
            return named
        appositive = [a for c in word.children if is_apposition(c) for a in self._actors(c, expand=False)]
        if appositive:
            return appositive
        named = self.mention_at.get(word.i + 1)  # "his Turkish counterpart Hakan Fidan": Fidan
        if (
            named is not None
            and named.start == word.i + 1
            and word.pos_ == "NOUN"
            and lemma in self.lex.cue("pair_people")
            and self.actors[named.key].cls in PERSON_CLASSES
        ):
            return [Arg(named.key, named.certainty, named.start)]
        if lemma in self.lex.containers or lemma in self.lex.localities:
            members = [
                a
                for p in word.children
                if p.dep_ == "prep"
                and (p.lower_ == "of" or (p.lower_ == "in" and lemma in self.lex.localities))
                for a in self._pobj(p, target=target)
            ]
            if not members and lemma in self.lex.containers:  # "Security Council members", "NATO members"
                members = [
                    a
                    for c in word.children
                    if c.dep_ == "compound" and c.i in self.mention_at
                    for a in self._actors(c, expand=False)
                    if self.actors[a.key].cls != "State"
                ]
            if lemma in self.lex.localities:
                self._name_places(members)
            if not members and target and lemma in self.lex.cue("people_containers"):
                return self._unowned(word, "CVL", target)  # "shot 12 members of the clan"
            if members or (self._sector(word) is None and lemma not in self.lex.localities):
                return members  # "opposition parties in Kenya" reads on as a sector noun, "rebel-held
                # territory" (of no place named) as any noun: its owner
        sector = self._sector(word)
        # "the Turkish side" acts, as do "the Serbian and Croatian sides of the river"; "the Iraqi side of the
        # border" that is shelled is a place
        partitive = lemma in self.lex.partitives and any(p.lower_ == "of" for p in word.children)
        if partitive and word.dep_ not in SUBJECT_DEPS:
            sector = None
        if sector is None and lemma not in self.lex.nouns and lemma not in self.lex.assets:
            return self._modifier_owners(word) if target else []
        if sector and any(self._foreign(c, word) for c in word.children):
            return []  # "foreign troops in Iraq" are not Iraq's, and the text does not say whose
        owners = self._owners(word, head, sector)
        if not owners and sector:
            return self._unowned(word, sector, target)
        return [self._composite(owner, sector, word) for owner in owners] if sector else owners

    def _foreign(self, modifier: Token, noun: Token) -> bool:
        """True for a modifier saying a sector noun is of no state named ("foreign troops", "international
        forces"), not one making a title ("foreign ministers")."""
        return (
            modifier.dep_ == "amod"
            and modifier.lower_ in self.lex.cue("foreign_modifiers")
            and self.gazetteer.title(f"{modifier.lower_} {noun.lemma_.lower()}") is None
        )

    def _name_places(self, args: list[Arg]) -> None:
        """What a locality noun names is a place, whatever the NER took it for: "the village of Umm Hosh"."""
        for arg in args:
            actor = self.actors[arg.key]
            if actor.key not in self.gazetteer.entries:
                actor.cls = "Place"

    def _named_body(self, word: Token) -> list[Arg]:
        """The organisation or armed group an organisation noun is named by: "the al-Qaeda network", "the
        NATO planning cell" (a state's adjective names none: "the Iraqi group")."""
        return [
            a
            for c in word.children
            if c.dep_ in ("amod", "compound", "poss") and c.i in self.mention_at
            for a in self._actors(c)
            if self.actors[a.key].cls != "State"
        ]

    def _owners(self, word: Token, head: Token, sector: str | None) -> list[Arg]:
        """The owners of a sector, event or asset noun: its modifiers ("Russian airstrikes"), the agent of a
        participle ("attacks claimed by"), an "of"/"by"/"from" phrase ("the Government of Iraq", shared in a list:
        "the government and people of Iraq"), for a sector noun also "in" ("rebels in Chad") and "based in"."""
        lemma = word.lemma_.lower()
        # "Iran's proxy ally in Yemen" is not Iran's militia: an ally's modifier names the other side
        owners = [] if lemma in self.lex.cue("relational_nouns") else self._modifier_actors(word)
        if lemma in self.lex.cue("counterpart_nouns"):  # "his Turkish counterpart": Turkey's, not his state's
            owners = [a for a in owners if self.doc[a.token].dep_ != "poss"]
        owners = owners or self._linked_to(word)  # "militants affiliated with ISIS"
        if not owners:  # "Vietnamese-led forces"
            owners = [
                a
                for v in word.children
                if v.dep_ == "amod" and v.lemma_ in self.lex.cue("leading_participles")
                for c in v.children
                if c.dep_ in MODIFIER_DEPS
                for a in self._actors(c, expand=False)
            ]
        if not owners and (lemma in self.lex.nouns or lemma in self.lex.assets):
            owners = self._claimed_by(word)
        if not owners:
            deed = None if sector else self.lex.match(word, self.lex.nouns)
            preps = (
                OWNER_PREPS
                - (self.lex.target_preps(deed.relation) if deed else set())  # not "the invasion of X"
                | (SECTOR_OWNER_PREPS if sector else set())
                | ({"for"} if lemma in self.lex.assets else set())
            )
            listed = (c for c in (head, *head.conjuncts) if c.i != word.i) if sector else ()
            owners = [
                a
                for n in (word, *listed)
                for p in n.children
                if p.dep_ == "prep" and p.lower_ in preps
                # "the regime in Damascus": a capital named as a place is no mention, but it lies in its state
                for a in self._pobj(p) or (self._places_in(p) if p.lower_ in SECTOR_OWNER_PREPS else [])
            ]
        if not owners and sector and head.i != word.i:  # "the Venezuelan government and the opposition"
            owners = [a for a in self._modifier_actors(head) if self.actors[a.key].cls == "State"]
        if not owners and sector:  # "a militant group based in Mali"
            owners = [
                state
                for v in word.children
                if v.dep_ == "acl" and v.lemma_ in self.lex.cue("seat_participles")
                for state in [self._scene_state(v)]
                if state
            ]
        return owners

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

    def _pair(self, word: Token) -> list[Arg]:
        """ "The two leaders", "both countries", "the two" (the lexicon's ``pair_words`` and nouns): the last pair
        joined by "and" in this sentence or the three before, else the last two people named there (for "the two
        countries", their two states)."""
        pairing = self.lex.cue("pair_words")
        lemma = word.lemma_.lower()
        if word.lower_ in pairing and word.pos_ in ("NUM", "PRON") and word.dep_ in SUBJECT_DEPS:
            kind = "any"  # "the two discussed Syria"
        elif word.pos_ == "NOUN" and any(c.lower_ in pairing and c.i < word.i for c in word.children):
            kinds = {"pair_people": "people", "pair_states": "states", "pair_sides": "any"}
            kind = next((k for cue, k in kinds.items() if lemma in self.lex.cue(cue)), "")
            if not kind:
                return []
        else:
            return []
        fits = {
            "people": lambda cls: cls in PERSON_CLASSES,
            "states": lambda cls: cls not in ("Place", *PERSON_CLASSES),
            "any": lambda cls: cls != "Place",
        }[kind]
        start = self._sentences_back(word, 3)
        for token in reversed(self.doc[start : word.i]):
            if token.dep_ != "conj" and any(c.dep_ == "cc" and c.lower_ == "and" for c in token.children):
                keys = list(dict.fromkeys(a.key for a in self._actors(token) if fits(self.actors[a.key].cls)))
                if len(keys) == 2:
                    return [Arg(k, 0.6, word.i) for k in keys]
        # else people: the states named last are often where things happen ("in Ukraine")
        keys = []
        for mention in reversed(self.mentions):
            person = self.actors[mention.key]
            key = person.state if kind == "states" else mention.key
            known = key in self.actors or key in self.gazetteer.entries
            if start <= mention.start < word.i and person.cls in PERSON_CLASSES and known and key not in keys:
                keys.append(key)
        if len(keys) < 2:
            return []
        for key in keys[:2]:
            self._add_known(key)
        return [Arg(k, 0.5, word.i) for k in keys[:2]]

    def _co_owners(self, token: Token, arg: Arg) -> list[Arg]:
        """The other owners of a state's sector named with coordinated modifiers: "French and British troops" is
        one mention ("British troops") and "French" before it."""
        mention = self.mention_at.get(token.i)
        sector = self.actors[arg.key].sector
        if mention is None or not sector or token.pos_ not in ("NOUN", "PROPN"):
            return []
        inside = range(mention.start, mention.end)
        outside = [  # a modifier outside the mention coordinated with one inside it (not "the Russian minister")
            t
            for c in token.children
            if c.dep_ in MODIFIER_DEPS and c.i not in inside and any(x.i in inside for x in c.conjuncts)
            for t in (c, *c.conjuncts)
            if t.i not in inside
        ]
        owners = [a for t in outside if (a := self._actor(t)) and self.actors[a.key].cls == "State"]
        return [self._composite(owner, sector, token) for owner in owners]

    def _people_of(self, token: Token) -> Arg | None:
        """A people named by a plural proper noun and a state's adjective are that state's civilians: "Iraqi
        Kurds", "Bosnian Serbs" (not Serbia); so is a plural demonym without an article ("Young Algerians")."""
        if token.tag_ != "NNPS" and not (token.tag_ == "NNS" and token.text[:1].isupper()):
            return None
        if self._sector(token) not in (None, "CVL"):  # "the Chilean Armed Forces" are no people
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
            # "Young Algerians", "thousands of Algerians" are people; "the Russians" often the state; "ethnic
            # Albanians demonstrated in Serbia" are people of Serbia
            ethnic = any(c.lower_ in self.lex.cue("ethnic_modifiers") for c in token.children)
            where = self._scene_state(token.head if token.dep_ in SUBJECT_DEPS else token) if ethnic else None
            return self._composite(where or Arg(own.key, own.certainty, token.i), "CVL", token)
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

    def _listed(self, token: Token) -> list[Token]:
        """The rest of a list the parser read as an apposition: "Chile, the alliance and Peru" (alliance as
        an appositive of Chile, Peru its conjunct), or as a modifier joined by "and": "Foreign Secretary Smith
        and Defence Secretary Jane Doe" (Smith as a modifier of Doe)."""
        appositive = [
            t for c in token.children if c.dep_ == "appos" and c.conjuncts for t in (c, *c.conjuncts)
        ]
        joined = [
            c
            for c in token.children
            if c.dep_ in ("nmod", "compound")
            and any(g.lower_ == "and" for g in c.children)
            and self._person_at(c.i)
            and self._person_at(token.i)
        ]
        return appositive + joined

    def _person_at(self, i: int) -> bool:
        """True when token ``i`` is in the name of a person."""
        mention = self.mention_at.get(i)
        return mention is not None and self.actors[mention.key].cls in PERSON_CLASSES

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
        noun is its object ("Da'esh claimed the attacks, which killed ...") or claims responsibility for it
        ("the bombing, for which the rebels claimed responsibility"). A participle after the parties of the noun
        describes the last of them ("the deal between Peru, led by its president, and Bolivia")."""
        parties = [p.i for p in between(token)]
        verbs = [  # not a broker ("a truce brokered by Egypt" is no deed of Egypt's)
            v
            for v in token.children
            if v.dep_ == "acl"
            and v.tag_ == "VBN"
            and v.lemma_ not in self.lex.brokering_verbs
            and not any(token.i < i < v.i for i in parties)
        ]
        if token.dep_ == "nsubj" and token.head.tag_ == "VBN":
            verbs.append(token.head)
        found = [a for v in verbs for agent in v.children if agent.dep_ == "agent" for a in self._pobj(agent)]
        doer = token.head
        if not found and token.dep_ == "dobj" and doer.lemma_ in self.lex.cue("claim_verbs"):
            found = self._subjects_of(doer)
        claims = [  # "the bombing, for which the rebels have claimed responsibility"
            v
            for v in token.children
            if v.dep_ == "relcl"
            and v.lemma_ in self.lex.cue("claim_verbs")
            and any(p.lower_ == "for" and any(w.tag_ == "WDT" for w in p.children) for p in v.children)
        ]
        return found or [a for v in claims for a in self._subjects_of(v)]

    def _sector(self, token: Token) -> str | None:
        """The sector a noun names ("forces" MIL); a sector word modifying a generic noun decides ("rebel leaders"
        REB, "army officers" MIL, "opposition candidates" OPP, "this terrorist organisation" REB), an irregular
        one any sector noun ("opposition forces" OPP); a civilian one does not ("local officials" are officials)."""
        own = self.lex.sector(token)
        if token.lemma_.lower() in self.lex.nouns:  # not "terrorist attacks"
            return own
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.i not in self.mention_at:
                modifier = self.lex.sector_of.get(child.lemma_.lower())
                generic = own in (None, "GOV", "CVL") and modifier not in (None, "CVL")
                irregular = (
                    own not in (None, *self.lex.irregular_sectors) and modifier in self.lex.irregular_sectors
                )
                if generic or irregular:
                    return modifier
        return own

    def _modifier_owners(self, token: Token) -> list[Arg]:
        """The actor modifying a common noun that names none stands for it as a target, as event coders read it:
        "demolished Palestinian homes", "kidnapped Russian advisers", "sanctions on the Taliban faction"."""
        if token.pos_ != "NOUN" or token.lemma_.lower() in self.lex.partitives:
            return []
        owning = self.lex.cue("owning_participles")  # "a British-flagged tanker"
        modifiers = [
            m
            for c in token.children
            for m in (c, *(g for g in c.children if g.dep_ in MODIFIER_DEPS and c.lower_ in owning))
        ]
        return [
            Arg(a.key, a.certainty * 0.8, a.token)
            for c in modifiers
            if c.dep_ in MODIFIER_DEPS and c.i in self.mention_at
            for a in self._actors(c)
        ] + self._linked_to(token)

    def _linked_to(self, token: Token) -> list[Arg]:
        """The actor a thing is said to be linked to or to belong to ("ships linked to Israel")."""
        return [
            Arg(a.key, a.certainty * 0.7, a.token)
            for c in token.children
            if c.dep_ == "acl" and c.lemma_ in self.lex.cue("linking_participles")
            for p in c.children
            if p.dep_ == "prep" and p.lower_ in ("to", "with")
            for a in self._pobj(p)
        ]

    def _unowned(self, token: Token, sector: str, target: bool) -> list[Arg]:
        """A sector noun with no owner: "these terrorists" is the armed group named last; otherwise the state is
        read from the context (:meth:`_unowned_doer`, :meth:`_unowned_target`)."""
        if sector == "REB" and self._anaphoric(token):
            window = self._sentences_back(token, ANAPHORA_WINDOW)
            for mention in reversed(self.mentions):
                if window <= mention.start < token.i and self.actors[mention.key].cls == "ArmedGroup":
                    self._seen(mention.key, token)
                    return [Arg(mention.key, 0.6, token.i)]
            return []
        return self._unowned_target(token, sector) if target else self._unowned_doer(token, sector)

    def _unowned_doer(self, token: Token, sector: str) -> list[Arg]:
        """People or the opposition of no named state, as subjects: of the state where they act ("prisoners rioted at a
        jail in East Timor"), else of the state the sentence names ("fundamentalists demanded the Algerian
        president's resignation"); "all parties" is no one in particular."""
        if self._quantified(token) or sector not in self.lex.domestic_sectors - {"REB"}:
            return []
        if token.dep_ not in SUBJECT_DEPS:
            return []
        state = self._scene_state(token.head) or self._sentence_state(token, anywhere=True)
        return [self._composite(state, sector, token)] if state else []

    def _unowned_target(self, token: Token, sector: str) -> list[Arg]:
        """A sector noun of no named owner as a target: rebels or activists of the place or the police's state ("police
        fired on activists in Cairo"); "the regime", "the army" the state body in context; civilians of the place
        their phrase or the deed names ("refugees fleeing the war in Liberia", "killed 20 people in Baghdad") or else
        the sector's actor of no state ("Civilians")."""
        label = self.lex.unowned.get(sector)
        # "shelled rebel positions near Aleppo": the deed's scene is theirs
        acted_on = token.dep_ in ("dobj", "nsubjpass")
        if label is None and sector in self.lex.domestic_sectors:
            state = (
                self._scene_state(token)
                or (self._scene_state(token.head) if acted_on else None)
                or self._policing_state(token)
            )
            return [self._composite(state, sector, token)] if state else []
        definite = token.pos_ == "PROPN" or any(c.lower_ == "the" for c in token.children)
        owned = token.lemma_.lower() in self.lex.assets  # "a government convoy": the government's
        if label is None and (definite or owned) and sector in self.lex.state_bodies:
            return self._state_body_in_context(token, sector)
        if label is None:
            return []
        state = self._scene_state(token)
        if state is None and acted_on:
            state = self._scene_state(token.head)
            if state is None and token.head.dep_ == "relcl":  # "attacks in Baghdad which killed 28 people"
                state = self._scene_state(token.head.head)
        state = state or self._policing_state(token)  # "Syrian police arrested 12 people"
        if state is not None:
            return [self._composite(state, sector, token)]
        key = slugify(label)
        if key not in self.actors:
            self.actors[key] = Actor(key=key, label=label, cls=self.lex.sectors[sector][1], sector=sector)
        self._seen(key, token)
        return [Arg(key, 0.6, token.i)]

    def _state_body_in_context(self, token: Token, sector: str) -> list[Arg]:
        """ "the regime": the body of ``sector`` named last in the sentences before, else that body of the state
        the sentence names before it; not of the acting state ("Chile expelled the envoy") nor of what it is listed
        with ("a meeting between the Russian ambassador and the troika"); people protesting "outside Parliament" do
        act on their own state's body."""
        named = self._last_of_sector(sector, token)
        if named is not None:
            self._seen(named, token)
            return [Arg(named, 0.6, token.i)]
        acting = self._acting_on(token)
        if token.dep_ in ("dobj", "pobj", "dative"):  # "Russia has a duty to press the regime": not Russia's
            acting += [
                a for verb in token.ancestors if verb.pos_ in ("VERB", "AUX") for a in self._subjects_of(verb)
            ]
        own = {
            self.actors[a.key].state
            for a in acting
            if self.actors[a.key].sector not in self.lex.domestic_sectors
        }
        own |= {self.actors[m.key].state for t in token.conjuncts for m in self._mentions_in(t)}
        state = self._sentence_state(token)
        return [self._composite(state, sector, token)] if state and state.key not in own else []

    @staticmethod
    def _quantified(token: Token) -> bool:
        """True for "all parties", "any communities", "each side"."""
        return any(c.dep_ in ("det", "predet") and c.lower_ in QUANTIFIERS for c in token.children)

    def _seen(self, key: str, token: Token) -> None:
        """Record the words that named an actor here: the phrase ("70 members") and its noun ("members")."""
        self.actors[key].surface_forms.update((self._phrase(token), token.text))

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
        Tehran"); a state owning the place counts only if no place is named ("outside the Russian embassy in
        Kiev" is in Ukraine)."""
        for ent in sorted(self.doc.ents, key=lambda e: e.root.dep_ in MODIFIER_DEPS):
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

    def states_of(self, places: list[Arg]) -> list[Arg]:
        """The states of the places where a deed is done to something ("struck a refinery in Donetsk": Ukraine);
        a place of no known state gives none ("seized a tanker in the Strait of Hormuz"); those aimed at are no
        place ("fired tear gas at protesters": the protesters)."""
        found = []
        aiming = self.lex.cue("aiming_preps")
        for arg in places:
            token = self.doc[arg.token]
            if self.actors[arg.key].cls != "Place" and token.dep_ == "pobj" and token.head.lower_ in aiming:
                found.append(arg)
                continue
            state = self.actors[arg.key].state
            if state is not None and (state in self.actors or state in self.gazetteer.entries):
                self._add_known(state)
                found.append(Arg(state, arg.certainty, arg.token))
        return found

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
        self._add_known(state.key)
        return Arg(state.key, 0.7, ent.root.i)

    def _acting_on(self, token: Token) -> list[Arg]:
        """The doers of the clause ``token`` is an object in: its subjects, or a passive clause's agent
        ("protesters were detained by Chilean police")."""
        clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        agents = [a for c in (clause.children if clause else ()) if c.dep_ == "agent" for a in self._pobj(c)]
        if agents:
            return agents
        while clause is not None and not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
            clause = clause.head if clause.dep_ in SHARED_SUBJECT_DEPS and clause.head.i != clause.i else None
        return self._subjects_of(clause) if clause else []

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
        if self._unplaced_group(actor, owner, token):  # "Mapuche rebels" in a sentence about Chile
            state = self._sentence_state(token, anywhere=True)
            if state is not None:
                group = sector if sector in self.lex.irregular_sectors else "CVL"
                return self._composite(state, group, token)
        if actor.cls in ("Institution", "ArmedGroup", "Bloc"):
            self._seen(actor.key, token)  # "defense ministers of the coalition", "ISIS fighters"
            return owner
        state = self.actors.get(actor.state or "")
        if state is None or state.cls != "State" or sector not in self.lex.sectors:
            return owner
        key = self.extractor.sector_entry(state.key, sector) or f"{state.key}-{sector}"
        if key not in self.actors and key in self.gazetteer.entries:
            self._add_known(key)
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
            self._seen(key, token)
        self.sector_named[sector] = (token.i, key)
        return Arg(key, owner.certainty * 0.95, token.i)

    def _unplaced_group(self, actor: Actor, owner: Arg, token: Token) -> bool:
        """True for a name only the statistical NER knows, of no state, modifying a sector noun: a people or a
        group ("Mapuche rebels", "Yoruba leaders") that event coders place in the state the sentence is about."""
        modifier = self.doc[owner.token]
        return (
            actor.key not in self.gazetteer.entries
            and actor.country is None
            and actor.cls in ("Institution", "Person", "Place")
            and modifier.head.i == token.i
            and modifier.dep_ in ("compound", "amod")
        )

    def _actor(self, token: Token) -> Arg | None:
        mention = self.mention_at.get(token.i)
        if mention is not None and self._document(mention):
            return None
        if mention is not None and not self._generic(mention):
            return Arg(mention.key, mention.certainty, token.i)
        if token.pos_ == "PRON":
            arg = self._pronoun(token)
            if arg is not None:
                self.actors[arg.key].surface_forms.add(token.text)
            return arg
        return None

    def _document(self, mention: Mention) -> bool:
        """A name the statistical NER found that names a document or an event, not an actor ("a lasting
        Cessation of Hostilities", "the Lima Framework Accord")."""
        root = self.doc[mention.start : mention.end].root
        return mention.kind == "ner" and root.lemma_.lower() in self.lex.documents

    def _generic(self, mention: Mention) -> bool:
        """A name the statistical NER found that is only a sector noun ("Parliament", "the Army", "Russia's
        Supreme Court"): read as the sector of a state, not as an actor of its own."""
        words = [t for t in self.doc[mention.start : mention.end] if t.dep_ != "det"]
        if mention.kind != "ner" or not words or self.lex.sector(words[-1]) is None:
            return False
        # "Parliament"; "Supreme Court" only with an owner ("Peru's Supreme Court")
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
        if token.dep_ in SUBJECT_DEPS and token.head.lemma_ in self.lex.cue("state_deeds"):
            wanted &= {"State"}  # "NATO accused Moscow ... after it annexed Crimea": only a state annexes
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

        backed = self._backed_in_clause(token)
        if backed is not None and self.actors[backed.key].cls in wanted:
            return backed
        clause = next((a for a in token.ancestors if a.pos_ == "VERB"), None)
        if token.dep_ == "poss" and clause is not None:  # "urged Syria to end its attacks": Syria's
            controlled = [a for a in self._inherited_subject(clause) if self.actors[a.key].cls in wanted]
            if controlled and not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
                return Arg(controlled[0].key, 0.65, token.i)
        blamed = self._blamed(token, clause)
        if blamed is not None and fits(blamed):  # "condemned Peru for its attack": Peru's
            return Arg(blamed.key, 0.65, token.i)
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
        here = [m for m in earlier if m.start >= token.sent.start]  # in the pronoun's own sentence
        if token.dep_ == "poss":
            # a possessive: its sentence's last subject ("Hollande met Renzi ahead of his meeting"), else the
            # nearest actor in its sentence ("criticised NATO for its refusal")
            mention = next((m for m in here if m in subjects), here[0] if here else None)
            if mention is not None:
                return Arg(mention.key, 0.6, token.i)
        if not here and subjects:  # "Orban met Putin. EU leaders criticised him": the last subject, Orban
            return Arg(subjects[0].key, 0.55, token.i)
        return Arg(earlier[0].key, 0.55, token.i) if earlier else None

    def _blamed(self, possessive: Token, clause: Token | None) -> Mention | None:
        """The direct object of the verb a possessive's phrase is an adjunct of ("praised Chile for its aid",
        "accused Peru over its raids"): what is told of it is the object's, not the subject's."""
        noun = possessive.head
        prep = noun.head if noun.dep_ == "pobj" else None
        if clause is None or prep is None or prep.dep_ != "prep" or prep.head.i != clause.i:
            return None
        return next(
            (
                m
                for c in clause.children
                if c.dep_ == "dobj" and c.i < possessive.i
                for m in self._mentions_in(c)
            ),
            None,
        )

    def _mentions_in(self, token: Token) -> list[Mention]:
        """The gazetteer and NER mentions inside ``token``'s phrase."""
        return [m for m in self.mentions if token.left_edge.i <= m.start <= token.right_edge.i]

    def _first_person(self, token: Token) -> Arg | None:
        """ "I" is the one quoted; "we" the state they speak for, or, outside any quotation, the state behind the
        article's publisher ("we" in a UK Government release is the United Kingdom), as it is for a quoted person
        of no known state; so is an "I" no one is quoted as (the unnamed official a government release speaks
        through)."""
        speaker = self._speaker(token) or self._quoted_speaker(token)
        actor = self.actors[speaker.key] if speaker else None
        if token.lower_ in FIRST_SINGULAR and actor and actor.cls in PERSON_CLASSES:
            return Arg(actor.key, 0.8, token.i)
        if token.lower_ in FIRST_SINGULAR and speaker is not None:
            return None
        publisher = self._publisher_state()
        if actor is not None and actor.state in self.actors:
            return Arg(actor.state or actor.key, 0.7, token.i)
        if actor is not None and not (publisher and actor.cls in PERSON_CLASSES):
            return Arg(actor.key, 0.7, token.i)
        return Arg(publisher, 0.6, token.i) if publisher else None

    def _quoted_speaker(self, token: Token) -> Arg | None:
        """The subject of the last reporting verb before ``token`` within a few sentences: the speaker of a
        quotation that follows "X said:" (not a claim of something: "Da'esh claimed responsibility")."""
        for verb in reversed(self.doc[self._sentences_back(token, SPEAKER_WINDOW) : token.i]):
            if (
                verb.lemma_ in self.lex.cue("reporting_verbs")
                and verb.pos_ == "VERB"
                and not any(c.dep_ == "dobj" for c in verb.children)
            ):
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
        if state is not None:
            self._add_known(state)
        return state

    def _add_known(self, key: str) -> None:
        """Make the gazetteer's actor ``key`` one of the Doc's actors (a state a statement names, say)."""
        if key not in self.actors:
            self.actors[key] = actor_from_entry(
                self.gazetteer.entries[key], self.gazetteer, self.doc._.article
            )

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
        "Chilean ministers said they ...")."""
        for ancestor in (token, *token.ancestors):
            if ancestor.dep_ == "ccomp" and ancestor.head.lemma_ in self.lex.cue("reporting_verbs"):
                for child in ancestor.head.children:
                    if child.dep_ in SUBJECT_DEPS and child.pos_ != "PRON":
                        found = self._actors(child, expand=False)
                        if found:
                            return Arg(found[0].key, 0.9, child.i)
        return None
