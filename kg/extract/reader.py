"""The walk over a Doc's sentences: titles, then verb and noun triggers in token order, then constructions.

:class:`SentenceReader` builds one Doc's readers (actors, roles, pronouns, verbs, nouns, titles, constructions and
the statement writer, each in its own module of :mod:`kg.extract`) and yields their statements, each once.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Chile and Peru met on Friday.")
>>> [(s.subject, s.predicate, s.object) for s in doc._.statements]
[('Q298', 'meetsWith', 'Q419'), ('Q419', 'meetsWith', 'Q298')]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.actors import RULER_LABEL
from kg.errors import ExtractionWarning
from kg.extract.composites import CompositeActors
from kg.extract.constructions import ConstructionReader
from kg.extract.nouns import NounReader
from kg.extract.pronouns import PronounReader
from kg.extract.resolve import ActorReader
from kg.extract.roles import RoleReader
from kg.extract.state import DocState, Extractor, Part
from kg.extract.statements import StatementWriter
from kg.extract.titles import TitleReader
from kg.extract.verbs import VerbReader
from kg.model import Statement

MIN_CONFIDENCE = 0.3
"""Statements below this confidence are not kept."""


class SentenceReader(Part):
    """Reads the events of one Doc's sentences with the readers of :mod:`kg.extract`."""

    def __init__(self, extractor: Extractor, doc: Doc) -> None:
        super().__init__(DocState(extractor, doc))
        state = self.state
        composites = CompositeActors(state)
        resolver = ActorReader(state, composites)
        roles = RoleReader(state, resolver, composites)
        pronouns = PronounReader(state, resolver, roles)
        resolver.link(roles, pronouns)
        writer = StatementWriter(state, roles, pronouns, composites)
        self.verbs = VerbReader(state, resolver, roles, composites, writer)
        self.nouns = NounReader(state, resolver, roles, self.verbs, writer)
        self.constructions = ConstructionReader(state, resolver, roles, self.nouns, writer)
        self.titles = TitleReader(state, writer)

    def statements(self) -> Iterator[Statement]:
        """The Doc's statements, each once, above the confidence floor."""
        seen: set[tuple[str, str, str, int]] = set()
        # sentences naming an actor or a gazetteer place ("the police in Cairo arrested activists"), or pointing
        # back to two ("they met", "the two countries will cooperate")
        pointing = self.lex.word("plural_pronouns") | self.lex.cue("pair_words")
        named = (
            set(self.mention_at)
            | {ent.root.i for ent in self.state.ents if ent.label_ == RULER_LABEL}
            | {t.i for t in self.doc if t.lower_ in pointing}
        )
        for sent in self.doc.sents:
            if not any(i in named for i in range(sent.start, sent.end)):
                continue
            try:
                found = list(self._sentence(sent))
            except Exception as exc:  # a fault of ours must not lose the article: report it, read on
                source = self.doc._.article.source if self.doc._.article else "text"
                warnings.warn(
                    f"warning[{ExtractionWarning.code}]: {source}: the sentence at character {sent.start_char} was"
                    f" skipped ({type(exc).__name__}: {exc})",
                    ExtractionWarning,
                    stacklevel=1,
                )
                continue
            for stmt in found:
                ident = (stmt.subject, stmt.predicate, stmt.object, stmt.char_start)
                if stmt.subject != stmt.object and ident not in seen and stmt.confidence >= MIN_CONFIDENCE:
                    seen.add(ident)
                    yield stmt

    def _sentence(self, sent: Span) -> Iterator[Statement]:
        """One sentence: titles first (they tell whose an office holder is), then the actors of its words, then
        verb and noun triggers in token order, then obligations, reactions, inclusions."""
        yield from self.titles.titles(sent)
        self.verbs.resolver.map_sentence(sent)  # every word's actors, read before any event
        consumed: set[int] = set()  # nouns that belong to a multi-word verb ("lodged a protest")
        for token in sent:
            if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.dep_ == "ROOT"):
                trigger = self.lex.match(token, self.lex.verbs) or self.lex.match(
                    token, self.lex.domestic_verbs
                )
                if (
                    trigger
                    and (trigger.extra or not self.verbs.is_light_use(token))
                    and not self._scare_quoted(token)
                ):
                    consumed |= {c.i for c in token.children if self.lex.spelling(c) in trigger.extra}
                    yield from self.verbs.verb_event(sent, token, trigger)
            if token.pos_ in ("NOUN", "PROPN") and token.i not in self.mention_at and token.i not in consumed:
                trigger = self.lex.match(token, self.lex.nouns)
                if trigger and not self._in_compound_trigger(token) and not self._scare_quoted(token):
                    yield from self.nouns.noun_event(sent, token, trigger)
        yield from self.constructions.obligations(sent)
        yield from self.constructions.reactions(sent)
        yield from self.constructions.receipts(sent)
        yield from self.constructions.designations(sent)
        yield from self.constructions.inclusions(sent)

    def _scare_quoted(self, token: Token) -> bool:
        """True for a word set alone in quotation marks: the writer does not vouch for it (Chile's "war" on Peru)."""
        doc = self.doc
        return 0 < token.i < len(doc) - 1 and doc[token.i - 1].is_quote and doc[token.i + 1].is_quote

    def _in_compound_trigger(self, token: Token) -> bool:
        """True for a noun that is part of its head's multi-word trigger ("war" in "war games") or a sector word
        modifying a noun ("the opposition newspaper")."""
        if token.dep_ != "compound":
            return False
        if token.lemma_.lower() in self.lex.sector_of and token.head.pos_ == "NOUN":
            return True  # a sector word naming who: "the opposition newspaper"
        outer = self.lex.match(token.head, self.lex.nouns)
        return outer is not None and token.lemma_.lower() in outer.extra
