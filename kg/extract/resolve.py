"""Which actors a word of a sentence stands for.

Named actors and their conjuncts, sector actors through :mod:`kg.extract.composites`, people of a state ("Bosnian
Serbs"), organisations named by a modifier ("the al-Qaeda network"), owners of a noun as its target ("demolished
Palestinian shops"), "the two countries" and "these terrorists" to the actors in context; pronouns are read by
:mod:`kg.extract.pronouns`, called back through :class:`Pronouns`.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("France and Germany criticised Russia.")
>>> sorted((s.subject, s.object) for s in doc._.statements)
[('Q142', 'Q159'), ('Q183', 'Q159')]
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from spacy.tokens import Span, Token

from kg.actors import (
    PERSON_CLASSES,
)
from kg.extract.composites import CompositeActors
from kg.extract.state import (
    ANAPHORA_WINDOW,
    Arg,
    DocState,
    Part,
)
from kg.gazetteer import slugify
from kg.model import Actor
from kg.syntax import (
    MODIFIER_DEPS,
    SHARED_SUBJECT_DEPS,
    SUBJECT_DEPS,
    is_apposition,
)

READINGS = ((True, False), (True, True), (False, False))
"""The readings of a word the event readers look up, as (expand, target): with its conjuncts; as the target of a
deed, with what it includes; the word alone."""
NO_ACTOR_POS = frozenset(
    {"ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "PART", "PUNCT", "SCONJ", "SPACE", "SYM"}
)
"""Parts of speech of words that stand for no actor unless they are in an actor's name."""

UNIDENTIFIED_ARMED = "UAF"
"""The sector of armed men no text names the group of (CAMEO's unidentified armed forces, ``sectors.yaml``)."""


class Roles(Protocol):
    """What actor reading asks of :class:`kg.extract.roles.RoleReader`."""

    def pobj(self, prep: Token, through: frozenset[str] = ..., target: bool = ...) -> list[Arg]: ...

    def subjects_of(self, verb: Token, inherit: bool = ...) -> list[Arg]: ...


class Pronouns(Protocol):
    """What actor reading asks of :class:`kg.extract.pronouns.PronounReader`."""

    def pronoun(self, token: Token) -> Arg | None: ...


class ActorReader(Part):
    """Reads the actors one word, with its conjuncts and what it includes, stands for."""

    def __init__(self, state: DocState, composites: CompositeActors) -> None:
        super().__init__(state)
        self.composites = composites
        self.roles: Roles  # set by :meth:`link`: the readers above call back into this one
        self.pronouns: Pronouns
        self.read: dict[tuple[int, bool, bool], list[Arg]] = {}  # (token, expand, target) -> its actors
        self.mapped: set[int] = set()  # the starts of the sentences whose words are read

    def link(self, roles: Roles, pronouns: Pronouns) -> None:
        """Give this reader the readers it calls back (a pronoun is read through its clause's subject)."""
        self.roles = roles
        self.pronouns = pronouns

    def map_sentence(self, sent: Span) -> None:
        """Read the actors of every word of ``sent`` that can stand for one, in each of the :data:`READINGS`, once
        and before any event of the sentence is read: the event readers then only look them up
        (:meth:`actors_of`). Actors made for a word (a state's sector, the unidentified armed men of a place) are
        made here, not during a lookup. Each word of a list is read once for both uses (:meth:`_word_readings`); a
        sentence is mapped once."""
        if sent.start in self.mapped:
            return
        self.mapped.add(sent.start)
        for token in sent:
            if token.pos_ in NO_ACTOR_POS and token.i not in self.mention_at:
                continue
            with self._reading(token):
                listed = self._listed(token)
                included = self.composites.included(token)
                readings = [self._word_readings(word, token) for word in (*listed, *included)]
            self.read[(token.i, False, False)] = readings[0][0]
            self.read[(token.i, True, False)] = [a for r in readings[: len(listed)] for a in r[0]]
            self.read[(token.i, True, True)] = [a for r in readings for a in r[1]]

    def actors_of(self, token: Token, expand: bool = True, target: bool = False) -> list[Arg]:
        """The actors a token stands for, with its conjuncts and, as a target, what it includes ("civilians,
        including children"); see :meth:`_word_actors` for one word. Looked up in its sentence's map
        (:meth:`map_sentence`), each caller getting its own list; inside the reading of another word it is read
        afresh and cut short where it would lead back to a word being read ("their counterparts", read through
        "their" to the phrase holding it, stands for no actor there).

        >>> from kg.nlp import load_pipeline
        >>> from kg.extract.reader import SentenceReader
        >>> nlp = load_pipeline()
        >>> doc = nlp("France and Germany criticised Russia.")
        >>> reader = SentenceReader(nlp.get_pipe("newskg_relation_extractor"), doc).verbs.resolver
        >>> first = reader.actors_of(doc[0])
        >>> first.clear()
        >>> [a.key for a in reader.actors_of(doc[0])], [a.key for a in reader.actors_of(doc[0], expand=False)]
        (['Q142', 'Q183'], ['Q142'])
        """
        if (expand, target) not in READINGS:
            raise ValueError(f"no such reading of a word: expand={expand}, target={target}")
        if token.i in self.state.resolving:
            return []
        if self.state.resolving:  # inside another word's reading
            with self._reading(token):
                return self._listed_actors(token, expand, target)
        self.map_sentence(self.state.sentence(token))
        return list(self.read.get((token.i, expand, target), ()))

    @contextmanager
    def _reading(self, token: Token) -> Iterator[None]:
        """While inside, ``token`` is being read: a reading that leads back to it finds no actor there."""
        self.state.resolving.add(token.i)
        try:
            yield
        finally:
            self.state.resolving.discard(token.i)

    def _listed_actors(self, token: Token, expand: bool, target: bool) -> list[Arg]:
        listed = (
            (*self._listed(token), *(self.composites.included(token) if target else ()))
            if expand
            else (token,)
        )
        return [a for word in listed for a in self._word_actors(word, token, target)]

    def _listed(self, token: Token) -> list[Token]:
        """``token`` and the words listed with it: its conjuncts and the rest of a list the parser misread."""
        conjuncts = list(token.conjuncts)
        # not "welcomed [the deal between X, ..., and Y]": Y is the deal's second party, not a thing welcomed
        if conjuncts:
            parties = {
                self.composites.second_party(p) for p in self.state.structures.fill("between", event=token)
            }
            conjuncts = [c for c in conjuncts if c not in parties]
        return [token, *conjuncts, *self.composites.listed(token)]

    def _word_readings(self, word: Token, head: Token) -> tuple[list[Arg], list[Arg]]:
        """The actors one word stands for as any argument and as the target of a deed (:meth:`_word_actors`),
        read at once: a name or pronoun reads the same both ways."""
        named = self._named_actors(word)
        if named is not None:
            return named, list(named)
        return self._unnamed_actors(word, head, False), self._unnamed_actors(word, head, True)

    def _word_actors(self, word: Token, head: Token, target: bool) -> list[Arg]:
        """The actors one word stands for: a named actor or pronoun; for a sector noun, the owner's government,
        forces, rebels... ("Iraqi security forces"); for an event noun, its modifier ("Russian airstrikes"); a
        person in apposition ("the foreign minister, Wang Yi"); as the ``target`` of an event, any noun's
        owner ("demolished Palestinian shops"). ``head`` is the first word of the list ``word`` is in.

        In steps: the word as a name or pronoun (:meth:`_named_actors`), a noun naming its actor
        (:meth:`_described_actors`), a container's members (:meth:`_members`), a sector, event or asset noun's
        owners (:meth:`_sector_actors`).
        """
        named = self._named_actors(word)
        return named if named is not None else self._unnamed_actors(word, head, target)

    def _unnamed_actors(self, word: Token, head: Token, target: bool) -> list[Arg]:
        """The actors a word that names none itself stands for (see :meth:`_word_actors`)."""
        lemma = word.lemma_.lower()
        if word.pos_ not in ("NOUN", "PROPN") and lemma not in self.lex.containers:  # "some of the envoys"
            return []
        described = self._described_actors(word, lemma)
        if described:
            return described
        if lemma in self.lex.containers or lemma in self.lex.localities:
            members = self._members(word, lemma, target)
            if members is not None:
                return members
        return self._sector_actors(word, head, target, lemma)

    def _named_actors(self, word: Token) -> list[Arg] | None:
        """The actors a word names itself: a people ("Bosnian Serbs"), a group ("the two leaders", "their" after
        "X and Y"), a name or pronoun with co-owners, the subject of a gerund ("The Red Cross working in Yemen
        said"); None when it names none and is read on."""
        people = self.composites.people_of(word)
        if people is not None:
            return [people]
        group = (
            self._coordinated_antecedent(word)
            if word.lower_ in self.lex.word("plural_pronouns")
            else self._pair(word)
        )
        if group:
            return group
        relative = self._relative_object(word)
        if relative is not None:
            return relative
        arg = self._actor(word)
        if arg is not None:
            return [arg, *self._co_owners(word, arg)]
        if word.tag_ == "VBG" and word.dep_ in SUBJECT_DEPS:
            return self.roles.subjects_of(word)
        return None

    def _relative_object(self, word: Token) -> list[Arg] | None:
        """What a relative pronoun acted on stands for: the noun its clause describes ("Peru, which Chile invaded":
        Peru); None for another word (a relative subject is read with its clause's verb)."""
        if word.tag_ not in ("WDT", "WP") or word.dep_ not in ("dobj", "nsubjpass", "pobj"):
            return None
        clause = next((a for a in list(word.ancestors)[:2] if a.dep_ == "relcl"), None)
        return self.roles.relative_head(clause) if clause is not None else None

    def _described_actors(self, word: Token, lemma: str) -> list[Arg]:
        """The actor a noun's own words name: an organisation noun's name ("the al-Qaeda network"), an
        apposition, the state of one's country ("his country"), a person named right after a noun for one ("his
        Turkish counterpart Hakan Fidan": Fidan)."""
        named = self._named_body(word) if lemma in self.lex.bodies else []
        if named:
            return named
        appositive = [a for c in word.children if is_apposition(c) for a in self.actors_of(c, expand=False)]
        if appositive:
            return appositive
        if lemma in self.lex.cue("homeland_nouns"):  # "Scholz promised that his country would": Germany
            owners = [a for c in word.children if c.dep_ == "poss" for a in self.actors_of(c, expand=False)]
            states = {self.actors[a.key].state for a in owners} - {None}
            return [Arg(key, 0.8, word.i) for key in sorted(states)]
        person = self.mention_at.get(word.i + 1)
        if (
            person is not None
            and person.start == word.i + 1
            and word.pos_ == "NOUN"
            and lemma in self.lex.cue("pair_people")
            and self.actors[person.key].cls in PERSON_CLASSES
        ):
            return [Arg(person.key, person.certainty, person.start)]
        return []

    def _members(self, word: Token, lemma: str, target: bool) -> list[Arg] | None:
        """The members of a container or locality noun ("members of the coalition", "Security Council members",
        "villages in Aleppo"); as a target, people of no one named ("shot 12 members of the clan"); None when the
        noun reads on as a sector noun ("opposition parties in Kenya")."""
        members = [
            a
            for p in word.children
            if p.dep_ == "prep"
            and (
                p.lower_ in self.lex.word("theme")
                or (p.lower_ in self.lex.word("place") and lemma in self.lex.localities)
            )
            for a in self.roles.pobj(p, target=target)
        ]
        if not members and lemma in self.lex.containers:  # "Security Council members", "NATO members"
            members = [
                a
                for c in word.children
                if c.dep_ == "compound" and c.i in self.mention_at
                for a in self.actors_of(c, expand=False)
                if self.actors[a.key].cls != "State"
            ]
        if lemma in self.lex.localities:
            self.composites.name_places(members)
        if not members and target and lemma in self.lex.cue("people_containers"):
            return self._unowned(word, "CVL", target)
        if members or (self.composites.sector(word) is None and lemma not in self.lex.localities):
            return members  # "rebel-held territory" (of no place named) reads on as any noun: its owner
        return None

    def _sector_actors(self, word: Token, head: Token, target: bool, lemma: str) -> list[Arg]:
        """A sector noun's actors, its owners' (:meth:`_owners`) or, with none, read from context
        (:meth:`_unowned`); an event or asset noun's owners; as a target, any noun's owner."""
        sector = self.composites.sector(word)
        # "the Turkish side" acts, as do "the Serbian and Croatian sides of the river"; "the Iraqi side of the
        # border" that is shelled is a place
        partitive = lemma in self.lex.partitives and any(
            p.lower_ in self.lex.word("theme") for p in word.children
        )
        if partitive and word.dep_ not in SUBJECT_DEPS:
            sector = None
        if sector is None and lemma not in self.lex.nouns and lemma not in self.lex.assets:
            return self._modifier_owners(word) if target else []
        if sector and any(self.composites.foreign(c, word) for c in word.children):
            return []  # "foreign troops in Iraq" are not Iraq's, and the text does not say whose
        owners = self._owners(word, head, sector)
        if sector in self.lex.irregular_sectors:
            owners = self._without_origins(owners)
        if not owners and sector:
            return self._unowned(word, sector, target)
        return [self.composites.composite(owner, sector, word) for owner in owners] if sector else owners

    def _without_origins(self, owners: list[Arg]) -> list[Arg]:
        """Owners of an irregular group's noun less the states that only say where an organisation owning it is
        from: "Somali al-Shabaab fighters" are al-Shabaab's, not also Somalia's rebels; a state listed with it
        stays ("Kurdish and Iraqi militias")."""
        bodies = [o for o in owners if self.actors[o.key].cls not in ("State", *PERSON_CLASSES)]
        listed = any(  # "Kenyan and AU envoys", parsed as two modifiers, the first with the "and"
            c.dep_ == "cc" or c.dep_ == "conj" for o in owners for c in self.doc[o.token].children
        ) or any(self.doc[b.token].conjuncts for b in bodies)
        return [o for o in owners if not bodies or listed or self.actors[o.key].cls != "State"]

    def _named_body(self, word: Token) -> list[Arg]:
        """The organisation or armed group an organisation noun is named by: "the al-Qaeda network", "the
        NATO planning cell" (a state's adjective names none: "the Iraqi group")."""
        return [
            a
            for c in word.children
            if c.dep_ in ("amod", "compound", "poss") and c.i in self.mention_at
            for a in self.actors_of(c)
            if self.actors[a.key].cls != "State"
        ]

    def _owners(self, word: Token, head: Token, sector: str | None) -> list[Arg]:
        """The owners of a sector, event or asset noun: its modifiers ("Russian airstrikes"), the agent of a
        participle ("attacks claimed by"), an "of"/"by"/"from" phrase ("the Government of Iraq", shared in a list:
        "the government and people of Iraq"), for a sector noun also "in" ("rebels in Chad") and "based in"."""
        lemma = word.lemma_.lower()
        owners = self._owners_named_on(word, lemma)
        if not owners and (lemma in self.lex.nouns or lemma in self.lex.assets):
            owners = self._claimed_by(word)
        if not owners:
            owners = self._owners_after(word, head, sector, lemma)
        if not owners and sector and head.i != word.i:  # "the Venezuelan government and the opposition"
            owners = [a for a in self._modifier_actors(head) if self.actors[a.key].cls == "State"]
        if not owners and sector:  # "a militant group based in Mali"
            owners = [
                state
                for v in word.children
                if v.dep_ == "acl" and v.lemma_ in self.lex.cue("seat_participles")
                for state in [self.composites.scene_state(v)]
                if state
            ]
        return owners

    def _owners_named_on(self, word: Token, lemma: str) -> list[Arg]:
        """The owners a noun's modifiers name ("Russian airstrikes"; "his Turkish counterpart" is Turkey's, not his
        state's; "Iran's proxy ally in Yemen" is not Iran's militia), or what it is linked to ("militants
        affiliated with ISIS") or led by ("Vietnamese-led forces")."""
        owners = [] if lemma in self.lex.cue("relational_nouns") else self._modifier_actors(word)
        if lemma in self.lex.cue("counterpart_nouns"):
            owners = [a for a in owners if self.doc[a.token].dep_ != "poss"]
        owners = owners or self._linked_to(word)
        if not owners:
            owners = [
                a
                for v in word.children
                if v.dep_ == "amod" and v.lemma_ in self.lex.cue("leading_participles")
                for c in v.children
                if c.dep_ in MODIFIER_DEPS
                for a in self.actors_of(c, expand=False)
            ]
        return owners

    def _owners_after(self, word: Token, head: Token, sector: str | None, lemma: str) -> list[Arg]:
        """The owners after a noun's owner prepositions ("the Government of Iraq", not "the invasion of X"), for a
        sector noun also after "in" ("rebels in Chad", "the regime in Damascus") and on the other nouns of its
        list ("the government and people of Iraq"), for an asset "for"."""
        deed = None if sector else self.lex.match(word, self.lex.nouns)
        owner_preps = self.lex.word("theme") | self.lex.word("agent") | self.lex.word("source")
        preps = (
            owner_preps - (self.lex.target_preps(deed.relation) if deed else set())
            | (self.lex.word("area") if sector else set())
            | (self.lex.word("purpose") if lemma in self.lex.assets else set())
            | (self.lex.word("vicinity") if sector and lemma in self.lex.assets else set())
        )
        listed = (c for c in (head, *head.conjuncts) if c.i != word.i) if sector else ()
        return [
            a
            for n in (word, *listed)
            for p in n.children
            if p.dep_ == "prep" and p.lower_ in preps
            # "the regime in Damascus": a capital named as a place is no mention, but it lies in its state
            for a in self.roles.pobj(p)
            or (
                self.composites.places_in(p)
                if p.lower_ in self.lex.word("area") | self.lex.word("vicinity")
                else []
            )
        ]

    def _coordinated_antecedent(self, pronoun: Token) -> list[Arg]:
        """A plural pronoun after actors joined by "and" in its sentence stands for them all: "support for the
        Government of Iraq and the Iraqi people in their fight" (both fight)."""
        for token in reversed(self.doc[self.state.sentence(pronoun).start : pronoun.i]):
            if token.dep_ == "conj" or not any(
                c.dep_ == "cc" and c.lower_ in self.lex.word("conjunction") for c in token.children
            ):
                continue
            group = self.actors_of(token)
            if len({a.key for a in group}) > 1:
                return [Arg(a.key, 0.6, pronoun.i) for a in group]
        return []

    def _pair(self, word: Token) -> list[Arg]:
        """ "The two leaders", "both countries", "the two" (the lexicon's ``pair_words`` and nouns): the last pair
        joined by "and" in this sentence or the three before, else the last two people named there (for "the two
        countries", their two states)."""
        kind = self._pair_kind(word)
        if not kind:
            return []
        fits = {
            "people": lambda cls: cls in PERSON_CLASSES,
            "states": lambda cls: cls not in ("Place", *PERSON_CLASSES),
            "any": lambda cls: cls != "Place",
        }[kind]
        start = self.state.sentences_back(word, 3)
        for token in reversed(self.doc[start : word.i]):
            if token.dep_ != "conj" and any(
                c.dep_ == "cc" and c.lower_ in self.lex.word("conjunction") for c in token.children
            ):
                keys = list(
                    dict.fromkeys(a.key for a in self.actors_of(token) if fits(self.actors[a.key].cls))
                )
                if len(keys) == 2:
                    return [Arg(k, 0.6, word.i) for k in keys]
        return self._last_two_people(word, start, kind)

    def _pair_kind(self, word: Token) -> str:
        """What a pair word stands for: "people" ("the two leaders"), "states" ("both countries"), "any" ("the
        two discussed Syria", "both sides"); "" for no pair word."""
        pairing = self.lex.cue("pair_words")
        if word.lower_ in pairing and word.pos_ in ("NUM", "PRON") and word.dep_ in SUBJECT_DEPS:
            return "any"
        if word.pos_ == "NOUN" and any(c.lower_ in pairing and c.i < word.i for c in word.children):
            lemma = word.lemma_.lower()
            kinds = {"pair_people": "people", "pair_states": "states", "pair_sides": "any"}
            return next((k for cue, k in kinds.items() if lemma in self.lex.cue(cue)), "")
        return ""

    def _last_two_people(self, word: Token, start: int, kind: str) -> list[Arg]:
        """The last two people named from ``start`` to a pair word, or their states (``kind`` "states"): the states
        named last are often where things happen ("in Ukraine")."""
        keys: list[str] = []
        for mention in reversed(self.mentions):
            person = self.actors[mention.key]
            key = person.state if kind == "states" else mention.key
            known = key in self.actors or key in self.gazetteer.entries
            if start <= mention.start < word.i and person.cls in PERSON_CLASSES and known and key not in keys:
                keys.append(key)
        if len(keys) < 2:
            return []
        for key in keys[:2]:
            self.state.add_known(key)
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
        return [self.composites.composite(owner, sector, token) for owner in owners]

    def _modifier_actors(self, token: Token) -> list[Arg]:
        """Actors among a noun's modifiers, also one compound deeper ("US Predator attacks": US)."""
        found = []
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS:
                found += self.actors_of(child) or [
                    a for c in child.children if c.dep_ in ("compound", "amod") for a in self.actors_of(c)
                ]
        return found

    def _claimed_by(self, token: Token) -> list[Arg]:
        """The agent of a participle describing the noun: "attacks claimed by Da'esh", "strikes carried out by
        Russia" (also when the parser reads the participle as the noun's verb); the subject of "claim" when the
        noun is its object ("Da'esh claimed the attacks, which killed ...") or claims responsibility for it
        ("the bombing, for which the rebels claimed responsibility"). A participle after the parties of the noun
        describes the last of them ("the deal between Peru, led by its president, and Bolivia")."""
        parties = [p.i for p in self.state.structures.fill("between", event=token)]
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
        found = [
            a for v in verbs for agent in v.children if agent.dep_ == "agent" for a in self.roles.pobj(agent)
        ]
        doer = token.head
        if not found and token.dep_ == "dobj" and doer.lemma_ in self.lex.cue("claim_verbs"):
            found = self.roles.subjects_of(doer)
        claims = [  # "the bombing, for which the rebels have claimed responsibility"
            v
            for v in token.children
            if v.dep_ == "relcl"
            and v.lemma_ in self.lex.cue("claim_verbs")
            and any(
                p.lower_ in self.lex.word("purpose") and any(w.tag_ == "WDT" for w in p.children)
                for p in v.children
            )
        ]
        return found or [a for v in claims for a in self.roles.subjects_of(v)]

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
            for a in self.actors_of(c)
        ] + self._linked_to(token)

    def _linked_to(self, token: Token) -> list[Arg]:
        """The actor a thing is said to be linked to or to belong to ("ships linked to Israel", "rebels loyal to
        Machar")."""
        return [
            Arg(a.key, a.certainty * 0.7, a.token)
            for c in token.children
            if c.dep_ in ("acl", "amod") and c.lemma_ in self.lex.cue("linking_participles")
            for p in c.children
            if p.dep_ == "prep" and p.lower_ in self.lex.word("goal") | self.lex.word("partner")
            for a in self.roles.pobj(p)
        ]

    def _unowned(self, token: Token, sector: str, target: bool) -> list[Arg]:
        """A sector noun with no owner: "these terrorists" is the armed group named last; otherwise the state is
        read from the context (:meth:`_unowned_doer`, :meth:`_unowned_target`)."""
        if sector == "REB" and self.state.anaphoric(token):
            window = self.state.sentences_back(token, ANAPHORA_WINDOW)
            for mention in reversed(self.mentions):
                if window <= mention.start < token.i and self.actors[mention.key].cls == "ArmedGroup":
                    self.state.seen(mention.key, token)
                    return [Arg(mention.key, 0.6, token.i)]
            return []
        return self._unowned_target(token, sector) if target else self._unowned_doer(token, sector)

    def _unowned_doer(self, token: Token, sector: str) -> list[Arg]:
        """People or the opposition of no named state, as subjects: of the state where they act ("prisoners rioted at a
        jail in East Timor"), else of the state the sentence names ("fundamentalists demanded the Algerian
        president's resignation"); armed men as the unidentified armed men of the state where they act ("gunmen
        attacked a convoy in Mosul", as event coders code them, not of another state the sentence names); "all
        parties" is no one in particular."""
        if self.state.quantified(token) or sector not in self.lex.domestic_sectors:
            return []
        if token.dep_ not in SUBJECT_DEPS:
            return []
        if sector == "REB":  # unidentified armed men of the state where they act
            state = self.composites.scene_state(token.head)
            return [self.composites.composite(state, UNIDENTIFIED_ARMED, token)] if state else []
        state = self.composites.scene_state(token.head) or self.state.sentence_state(token, anywhere=True)
        return [self.composites.composite(state, sector, token)] if state else []

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
                self.composites.scene_state(token)
                or (self.composites.scene_state(token.head) if acted_on else None)
                or self._policing_state(token)
            )
            return [self.composites.composite(state, sector, token)] if state else []
        definite = token.pos_ == "PROPN" or any(c.lower_ in self.lex.word("definite") for c in token.children)
        owned = token.lemma_.lower() in self.lex.assets  # "a government convoy": the government's
        body = label is None and sector in self.lex.state_bodies
        site = self.composites.scene_state(token.head) if body and owned and acted_on else None
        if site:  # "overran an army camp near Kabul"
            return [self.composites.composite(site, sector, token)]
        if body and (definite or owned):
            return self._state_body_in_context(token, sector)
        if label is None:
            return []
        state = self.composites.scene_state(token)
        if state is None and acted_on:
            state = self.composites.scene_state(token.head)
            if state is None and token.head.dep_ == "relcl":  # "attacks in Baghdad which killed 28 people"
                state = self.composites.scene_state(token.head.head)
        state = state or self._policing_state(token)  # "Syrian police arrested 12 people"
        if state is not None:
            return [self.composites.composite(state, sector, token)]
        key = slugify(label)
        if key not in self.actors:
            self.actors[key] = Actor(key=key, label=label, cls=self.lex.sectors[sector][1], sector=sector)
        self.state.seen(key, token)
        return [Arg(key, 0.6, token.i)]

    def _state_body_in_context(self, token: Token, sector: str) -> list[Arg]:
        """ "the regime": the body of ``sector`` named last in the sentences before, else that body of the state
        the sentence names before it; not of the acting state ("Chile expelled the envoy") nor of what it is listed
        with ("a meeting between the Russian ambassador and the troika"); people protesting "outside Parliament" do
        act on their own state's body."""
        named = self.composites.last_of_sector(sector, token)
        if named is not None:
            self.state.seen(named, token)
            return [Arg(named, 0.6, token.i)]
        acting = self._acting_on(token)
        if token.dep_ in ("dobj", "pobj", "dative"):  # "Russia has a duty to press the regime": not Russia's
            acting += [
                a
                for verb in token.ancestors
                if verb.pos_ in ("VERB", "AUX")
                for a in self.roles.subjects_of(verb)
            ]
        own = {
            self.actors[a.key].state
            for a in acting
            if self.actors[a.key].sector not in self.lex.domestic_sectors
        }
        own |= {self.actors[m.key].state for t in token.conjuncts for m in self.state.mentions_in(t)}
        state = self.state.sentence_state(token)
        return [self.composites.composite(state, sector, token)] if state and state.key not in own else []

    def _actor(self, token: Token) -> Arg | None:
        mention = self.mention_at.get(token.i)
        if mention is not None and self.composites.document(mention):
            return None
        if mention is not None and not self.composites.generic(mention):
            return Arg(mention.key, mention.certainty, token.i)
        if token.pos_ == "PRON":
            arg = self.pronouns.pronoun(token)
            if arg is not None:
                self.actors[arg.key].surface_forms.add(token.text)
            return arg
        return None

    def _acting_on(self, token: Token) -> list[Arg]:
        """The doers of the clause ``token`` is an object in: its subjects, or a passive clause's agent
        ("protesters were detained by Chilean police")."""
        clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        agents = [
            a for c in (clause.children if clause else ()) if c.dep_ == "agent" for a in self.roles.pobj(c)
        ]
        if agents:
            return agents
        while clause is not None and not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
            clause = clause.head if clause.dep_ in SHARED_SUBJECT_DEPS and clause.head.i != clause.i else None
        return self.roles.subjects_of(clause) if clause else []

    def _policing_state(self, token: Token) -> Arg | None:
        """The state whose police or courts act on ``token``: they act at home ("Egyptian police dispersed
        activists" are Egypt's activists)."""
        for subject in self._acting_on(token):
            actor = self.actors[subject.key]
            if actor.sector in self.lex.cue("policing_sectors") and actor.state in self.actors:
                return Arg(actor.state, subject.certainty * 0.8, subject.token)
        return None
