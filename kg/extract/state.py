"""The state one Doc's readers share: its actors, mentions and lexicon, and the small lookups on them.

Every reader of :mod:`kg.extract` is a :class:`Part` over one :class:`DocState`: the actors dict is the Doc's own
(actors made while reading are the result's too), ``mention_at`` maps each token to the gazetteer or NER mention it
is in, and ``resolving`` guards actor reading against a word whose reading leads back to itself.

>>> from kg.nlp import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp("Chile met Peru in Lima.")
>>> state = DocState(nlp.get_pipe("newskg_relation_extractor"), doc)
>>> {i: m.key for i, m in state.mention_at.items()}, state.located(doc[4])
({0: 'Q298', 2: 'Q419'}, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from kg.actors import PERSON_CLASSES, Mention, actor_from_entry, publisher_state
from kg.gazetteer import Gazetteer
from kg.lexicon import Lexicon
from kg.modality import Modality
from kg.model import Actor, Article
from kg.patterns import Pattern, Structures

SPEAKER_WINDOW = 4
"""How many sentences back a quotation looks for its speaker ("Jane Smallwood said: ... I welcome ...")."""
ANAPHORA_WINDOW = 6
"""How many sentences back "these terrorists" or "the militants" look for the armed group they refer to."""
PARENTHESIS_LENGTH = 12
"""How many tokens a parenthesis splitting a pair may run: "between Peru, led by its president, and Bolivia"."""


@dataclass(frozen=True)
class Arg:
    """An argument resolved to an actor, with how sure the linking is."""

    key: str
    certainty: float
    token: int


class Extractor(Protocol):
    """What the readers need of the spaCy component (:class:`kg.extract.component.RelationExtractor`)."""

    lexicon: Lexicon
    gazetteer: Gazetteer
    patterns: tuple[Pattern, ...]

    def sector_entry(self, state: str, sector: str) -> str | None: ...


class DocState:
    """One Doc's reading state: its actors and mentions, the lexicon, modality, dates."""

    def __init__(self, extractor: Extractor, doc: Doc) -> None:
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
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self.mention_at[i] = mention
        # the words whose actors are being read: a word met again stands for none
        self.resolving: set[int] = set()
        self.sector_named: dict[str, tuple[int, str]] = {}  # sector -> (token, actor) of its last composite
        article: Article | None = doc._.article
        self.article_date: date | None = article.date if article else None
        self.ents: list[Span] = list(doc.ents)  # spaCy makes the list anew on each ``doc.ents``
        self.dates: list[Span] = [ent for ent in self.ents if ent.label_ == "DATE"]
        self.sentences: list[Span] = list(doc.sents)
        self._sentence_at = [
            n for n, sent in enumerate(self.sentences) for _ in sent
        ]  # token -> its sentence
        self.clause_dates: dict[int, date | None] = {}  # clause head -> its date, computed once
        self.structures = Structures(doc, extractor.patterns)  # the patterns' matches, found on first use

    def add_known(self, key: str) -> None:
        """Make the gazetteer's actor ``key`` one of the Doc's actors (a state a statement names, say)."""
        if key not in self.actors:
            self.actors[key] = actor_from_entry(
                self.gazetteer.entries[key], self.gazetteer, self.doc._.article
            )

    def sentence(self, token: Token) -> Span:
        """``token``'s sentence (as ``token.sent``, looked up, not sought)."""
        return self.sentences[self._sentence_at[token.i]]

    def sentences_back(self, token: Token, count: int) -> int:
        """The start of the sentence ``count`` sentences before ``token``'s own (or of the Doc)."""
        return self.sentences[max(0, self._sentence_at[token.i] - count)].start

    def previous_sentence_start(self, token: Token) -> int:
        """Pronouns look back no further than the sentence before their own."""
        return self.sentences_back(token, 1)

    def mentions_in(self, token: Token) -> list[Mention]:
        """The gazetteer and NER mentions inside ``token``'s phrase."""
        return [m for m in self.mentions if token.left_edge.i <= m.start <= token.right_edge.i]

    def seen(self, key: str, token: Token) -> None:
        """Record the words that named an actor here: the phrase ("70 members") and its noun ("members")."""
        self.actors[key].surface_forms.update((self._phrase(token), token.text))

    def _phrase(self, token: Token) -> str:
        """The noun phrase ending at ``token``: "these brutal terrorists", "60 civilians"."""
        return self.doc[token.left_edge.i : token.i + 1].text

    def person_at(self, i: int) -> bool:
        """True when token ``i`` is in the name of a person."""
        mention = self.mention_at.get(i)
        return mention is not None and self.actors[mention.key].cls in PERSON_CLASSES

    def sentence_state(self, token: Token, anywhere: bool = False) -> Arg | None:
        """The first state named in ``token``'s sentence before it (or ``anywhere`` in it), itself or as a person's
        or body's state."""
        sent = self.sentence(token)
        end = sent.end if anywhere else token.i
        for mention in self.mentions:
            if sent.start <= mention.start < end:
                state = self.actors[mention.key].state
                if state in self.actors and self.actors[state].cls == "State":
                    return Arg(state, mention.certainty * 0.8, mention.start)
        return None

    def publisher_state(self) -> str | None:
        """The state behind the article's publisher (:func:`kg.actors.publisher_state`), added to the actors."""
        article: Article | None = self.doc._.article
        state = publisher_state(article, self.gazetteer)
        if state is not None:
            self.add_known(state)
        return state

    def located(self, token: Token) -> bool:
        """True for a word naming where something happens ("in Khartoum", "in Syria, which")."""
        return token.dep_ == "pobj" and token.head.lower_ in self.lex.locative_preps

    def quantified(self, token: Token) -> bool:
        """True for "all parties", "any communities", "each side"."""
        return any(
            c.dep_ in ("det", "predet") and c.lower_ in self.lex.word("quantifiers") for c in token.children
        )

    def anaphoric(self, token: Token) -> bool:
        """ "these terrorists", "the militants", "this group" refer back; "the rebel groups" (plural of a
        container) speaks of many."""
        dets = {c.lower_ for c in token.children if c.dep_ == "det"}
        if token.lemma_.lower() in self.lex.containers and token.tag_ == "NNS":
            return bool(dets & (self.lex.word("demonstratives") - self.lex.word("definite")))
        return bool(dets & self.lex.word("demonstratives"))


class Part:
    """A reader over one Doc's :class:`DocState`, with its most used fields at hand."""

    def __init__(self, state: DocState) -> None:
        self.state = state
        self.lex = state.lex
        self.gazetteer = state.gazetteer
        self.doc = state.doc
        self.modal = state.modal
        self.actors = state.actors
        self.mentions = state.mentions
        self.mention_at = state.mention_at
