"""Pronouns and speakers: whom "he", "it", "they", "I" and "we" stand for.

A third-person pronoun reads back to the nearest fitting actor in its sentence or the one before ("its" to a state
or body, "he" to a person); "I" and "we" to the speaker of the quotation or the publisher's state; "their" to a
coordination ("France and Germany ... their"); the speaker of a reported statement is its attribution.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Chile said it would attack Peru.")
>>> [(s.subject, s.predicate, s.object, s.modality) for s in doc._.statements]
[('Q298', 'attacks', 'Q419', 'future')]
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from kg.actors import (
    PERSON_CLASSES,
    Mention,
)
from kg.extract.resolve import ActorReader
from kg.extract.roles import RoleReader
from kg.extract.state import (
    SPEAKER_WINDOW,
    Arg,
    DocState,
    Part,
)
from kg.syntax import (
    SUBJECT_DEPS,
)


class PronounReader(Part):
    """Reads pronouns, the speaker of a quotation and the publisher's voice."""

    def __init__(self, state: DocState, resolver: ActorReader, roles: RoleReader) -> None:
        super().__init__(state)
        self.resolver = resolver
        self.roles = roles

    def pronoun(self, token: Token) -> Arg | None:
        """What a pronoun refers to: the speaker in reported speech, else the subject of an enclosing clause,
        else, within this sentence and the one before, the last subject (for a subject pronoun) or the nearest
        actor named as a noun (not a demonym) of a compatible class.

        In steps: the classes it can stand for (:meth:`_wanted`), the speaker, an actor its clause tells of
        (:meth:`_in_clause`), an enclosing clause's subject, an actor named before (:meth:`_named_before`).
        """
        if token.lower_ in self.lex.word("first_singular") | self.lex.word("first_plural"):
            return self._first_person(token)
        wanted = self._wanted(token)
        if wanted is None:
            return None
        speaker = self.speaker(token)
        if speaker is not None and self.actors[speaker.key].cls in wanted:
            return Arg(speaker.key, 0.85, token.i)  # "Russia said it would": the speaker
        own_subjects = self._own_subjects(token)

        def fits(mention: Mention | None) -> bool:
            return (
                mention is not None
                and mention.kind != "demonym"
                and self.actors[mention.key].cls in wanted
                and mention.key not in own_subjects
            )

        found = self._in_clause(token, wanted, fits)
        if found is not None:
            return found
        for ancestor in token.ancestors:  # an enclosing clause's subject
            for child in ancestor.children:
                mention = self.mention_at.get(child.i)
                if child.dep_ in SUBJECT_DEPS and child.i < token.i and fits(mention):
                    return Arg(mention.key, 0.65, token.i)
        return self._named_before(token, fits)

    def _wanted(self, token: Token) -> set[str] | None:
        """The actor classes a third-person pronoun can stand for (None for another word): people for "he", states
        and bodies for "it", also other actors for "they"; only a state for the subject of a state's deed ("NATO
        accused Moscow ... after it annexed Crimea")."""
        word = token.lower_
        if word in self.lex.word("person_pronouns"):
            wanted = set(PERSON_CLASSES)
        elif word in self.lex.word("thing_pronouns"):
            wanted = {"State", "Institution", "ArmedGroup", "Bloc"}
        elif word in self.lex.word("plural_pronouns"):
            wanted = {"State", "Institution", "ArmedGroup", "Bloc", "Actor"}
        else:
            return None
        if token.dep_ in SUBJECT_DEPS and token.head.lemma_ in self.lex.cue("state_deeds"):
            wanted &= {"State"}
        return wanted

    def _own_subjects(self, token: Token) -> set[str]:
        """The subjects of an object pronoun's own verb, which it is not ("Kerry urged him": not Kerry, who would
        be "himself")."""
        if token.dep_ not in ("dobj", "dative", "pobj"):
            return set()
        verb = token.head.head if token.dep_ == "pobj" else token.head
        own = {m.key for c in verb.children if c.dep_ in SUBJECT_DEPS for m in self.state.mentions_in(c)}
        return own or {a.key for a in self.roles.inherited_subject(verb)}

    def _in_clause(
        self, token: Token, wanted: set[str], fits: Callable[[Mention | None], bool]
    ) -> Arg | None:
        """An actor the pronoun's clause tells of: the one backed ("will support Iraq as it fights"), the one
        asked to act for a possessive ("urged Syria to end its attacks": Syria's), the one blamed ("condemned Peru
        for its attack": Peru's)."""
        backed = self._backed_in_clause(token)
        if backed is not None and self.actors[backed.key].cls in wanted:
            return backed
        clause = next((a for a in token.ancestors if a.pos_ == "VERB"), None)
        if token.dep_ == "poss" and clause is not None:
            controlled = [a for a in self.roles.inherited_subject(clause) if self.actors[a.key].cls in wanted]
            if controlled and not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
                return Arg(controlled[0].key, 0.65, token.i)
        blamed = self._blamed(token, clause)
        if blamed is not None and fits(blamed):
            return Arg(blamed.key, 0.65, token.i)
        return None

    def _named_before(self, token: Token, fits: Callable[[Mention | None], bool]) -> Arg | None:
        """A fitting actor named before the pronoun in its sentence or the one before: a subject pronoun continues
        the last subject; a possessive takes its sentence's last subject ("Hollande met Renzi ahead of his
        meeting"), else its nearest actor ("criticised NATO for its refusal"); a pronoun with none in its sentence
        the last subject before ("Orban met Putin. EU leaders criticised him": Orban); else the nearest."""
        window = self.state.previous_sentence_start(token)
        earlier = [m for m in reversed(self.mentions) if window <= m.start < token.i and fits(m)]
        subjects = [m for m in earlier if self.doc[m.start : m.end].root.dep_ in SUBJECT_DEPS]
        if token.dep_ in SUBJECT_DEPS and subjects:
            return Arg(subjects[0].key, 0.6, token.i)
        here = [
            m for m in earlier if m.start >= self.state.sentence(token).start
        ]  # in the pronoun's own sentence
        if token.dep_ == "poss":
            mention = next((m for m in here if m in subjects), here[0] if here else None)
            if mention is not None:
                return Arg(mention.key, 0.6, token.i)
        if not here and subjects:
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
                for m in self.state.mentions_in(c)
            ),
            None,
        )

    def _first_person(self, token: Token) -> Arg | None:
        """ "I" is the one quoted; "we" the state they speak for, or, outside any quotation, the state behind the
        article's publisher ("we" in a UK Government release is the United Kingdom), as it is for a quoted person
        of no known state; so is an "I" no one is quoted as (the unnamed official a government release speaks
        through)."""
        speaker = self.speaker(token) or self._quoted_speaker(token)
        actor = self.actors[speaker.key] if speaker else None
        if token.lower_ in self.lex.word("first_singular") and actor and actor.cls in PERSON_CLASSES:
            return Arg(actor.key, 0.8, token.i)
        if token.lower_ in self.lex.word("first_singular") and speaker is not None:
            return None
        publisher = self.state.publisher_state()
        if actor is not None and actor.state in self.actors:
            return Arg(actor.state or actor.key, 0.7, token.i)
        if actor is not None and not (publisher and actor.cls in PERSON_CLASSES):
            return Arg(actor.key, 0.7, token.i)
        return Arg(publisher, 0.6, token.i) if publisher else None

    def _quoted_speaker(self, token: Token) -> Arg | None:
        """The subject of the last reporting verb before ``token`` within a few sentences: the speaker of a
        quotation that follows "X said:" (not a claim of something: "Da'esh claimed responsibility")."""
        for verb in reversed(self.doc[self.state.sentences_back(token, SPEAKER_WINDOW) : token.i]):
            if (
                verb.lemma_ in self.lex.cue("reporting_verbs")
                and verb.pos_ == "VERB"
                and not any(c.dep_ == "dobj" for c in verb.children)
            ):
                for child in verb.children:
                    if child.dep_ in SUBJECT_DEPS and child.pos_ != "PRON":
                        found = self.resolver.actors_of(child, expand=False)
                        if found:
                            return found[0]
        return None

    def speaker(self, token: Token) -> Arg | None:
        """The subject of the reporting verb whose complement holds ``token`` ("Syria said Israel ... its",
        "Chilean ministers said they ...")."""
        for ancestor in (token, *token.ancestors):
            if ancestor.dep_ == "ccomp" and ancestor.head.lemma_ in self.lex.cue("reporting_verbs"):
                for child in ancestor.head.children:
                    if child.dep_ in SUBJECT_DEPS and child.pos_ != "PRON":
                        found = self.resolver.actors_of(child, expand=False)
                        if found:
                            return Arg(found[0].key, 0.9, child.i)
        return None

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
        backed = [
            a
            for c in clause.head.children
            if c.dep_ == "dobj"
            for a in self.resolver.actors_of(c, target=True)
        ]
        backed += [
            a
            for c in clause.head.children
            if c.dep_ == "prep" and c.lower_ in preps
            for a in self.roles.pobj(c)
        ]
        return Arg(backed[0].key, 0.65, pronoun.i) if len(backed) == 1 else None
