"""Titles and appositions: office holders as ``leaderOf``/``officialOf`` the state or body they serve.

"Chilean President Michelle Bachelet", "Anders Fogh Rasmussen, NATO's secretary general", "the Chilean president,
Michelle Bachelet"; a person holding a title becomes a Leader of its state.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Kenyan President William Ruto arrived.")
>>> [(s.predicate, s.object) for s in doc._.statements]
[('leaderOf', 'Q114')]
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.actors import (
    MAX_TITLE_TOKENS,
    PERSON_CLASSES,
    Mention,
    located,
)
from kg.extract.state import (
    Arg,
    DocState,
    Part,
)
from kg.extract.statements import StatementWriter
from kg.model import Actor, Statement


class TitleReader(Part):
    """Reads titles before names and in apposition."""

    def __init__(self, state: DocState, writer: StatementWriter) -> None:
        super().__init__(state)
        self.writer = writer

    def titles(self, sent: Span) -> Iterator[Statement]:
        """leaderOf/officialOf from a title before a name or in apposition to it."""
        done: set[str] = set()
        for mention in self.mentions:
            if not (sent.start <= mention.start < sent.end) or mention.key in done:
                continue
            person = self.actors.get(mention.key)
            if person is None or person.cls not in PERSON_CLASSES:
                continue
            found = self._title_before(mention) or self._title_in_apposition(mention)
            if found is None:
                continue
            title_span, office = found
            title = self.gazetteer.title(title_span.text)
            if title is None or office.key == person.key:
                continue
            done.add(person.key)
            self._promote(person, office, title.sector)
            yield self.writer.statement(
                sent,
                Arg(person.key, mention.certainty, mention.start),
                title.relation,
                Arg(office.key, office.certainty, office.token),
                title_span.text,
                0.85,
                self.doc[mention.start],
                "asserted",  # a title states a fact, whatever the clause around the name says
            )

    def _title_before(self, mention: Mention) -> tuple[Span, Arg] | None:
        """ "Chilean President Michelle Bachelet", "NATO Secretary General Anders Fogh Rasmussen": the linker's title
        and office (:class:`kg.actors.Mention`); a title with no office before a known person is the office the
        gazetteer has them hold with that title on the article's date ("President Volodymyr Zelenskyy"); before a
        name only the NER knows, it is held in the publisher's state, or else in the state the sentence names."""
        if mention.title is None:
            return None
        title = self.doc[mention.title : mention.start]
        if mention.office is None:  # "Vice-President Moody Kamau ... Kenya's parliament"
            if self.actors[mention.key].known:
                return self._role_titled(title, mention)
            publisher = self.state.publisher_state()  # "Minister Jane Smallwood" in a UK Government release
            state = (
                Arg(publisher, 0.6, mention.start)
                if publisher
                else self._state_named(self.state.sentence(title[0]))
            )
            if state is None or self._held_by_another(title.text, state.key):
                return None
            return title, Arg(state.key, state.certainty * 0.8, state.token)
        office = mention.office
        return title, Arg(office.key, office.certainty, office.start)

    def _role_titled(self, title: Span, mention: Mention) -> tuple[Span, Arg] | None:
        """The office a known person holds with ``title`` on the article's date, by the gazetteer's roles."""
        named = self.gazetteer.title(title.text)
        entry = self.gazetteer.entries.get(mention.key)
        if named is None or entry is None:
            return None
        role = entry.role_on(self.state.article_date)
        if role is None or role.title != named.title or role.of not in self.gazetteer.entries:
            return None
        self.state.add_known(role.of)
        return title, Arg(role.of, mention.certainty * 0.9, mention.start)

    def _held_by_another(self, title_text: str, state: str) -> bool:
        """True when the gazetteer has someone else holding this one-holder office of ``state`` on the article's
        date (or today, in an undated article; the gazetteer would know this holder too): "Prime Minister Julia
        Gillard" in a UK Government release is not Britain's prime minister."""
        title = self.gazetteer.title(title_text)
        if title is None or title.relation != "leaderOf":
            return False
        return any(
            role.holds_on(self.state.article_date) for _, role in self.gazetteer.holders(state, title.title)
        )

    def _state_named(self, sent: Span) -> Arg | None:
        """The one state a sentence names, when it names it as the owner of something ("Kenya's parliament", "the
        Kenya Road Safety Board"): the state the sentence is about; not one acted on ("met Chile"), a place
        ("in Peru"), the state of a body ("the Chilean Workers Union") or one of several."""
        states = [
            m for m in self.mentions if sent.start <= m.start < sent.end and self.actors[m.key].cls == "State"
        ]
        if len({m.key for m in states}) != 1:
            return None  # "U.S. President Obama froze the assets of Russian officials, among them Deputy ..."
        mention = states[0]
        root = self.doc[mention.start : mention.end].root
        owner = root.dep_ in ("poss", "compound") and root.head.pos_ in ("NOUN", "PROPN")
        if not owner or located(self.doc, mention):
            return None
        return Arg(mention.key, mention.certainty * 0.8, mention.start)

    def _title_in_apposition(self, mention: Mention) -> tuple[Span, Arg] | None:
        """ "Anders Fogh Rasmussen, NATO's secretary general", "the Chilean president, Michelle Bachelet": a title
        pattern's title word and office in apposition to the head of the name (ontology/patterns.yaml), with a title
        the gazetteer knows and an office that is an actor (a title before a name is the linker's,
        :func:`kg.actors.title_before`)."""
        root = self.doc[mention.start : mention.end].root
        structures = self.state.structures
        for word in structures.fill("title", holder=root):
            span = self._title_at(word, mention)
            offices = [self._office_arg(o.i) for o in structures.fill("office", holder=root, title=word)]
            office = next((o for o in offices if o is not None), None)
            if span is not None and office is not None:
                return span, office
        return None

    def _title_at(self, word: Token, mention: Mention) -> Span | None:
        """The earliest and longest title the gazetteer knows in the phrase of a title word (not the name), holding
        the word: "secretary general" in "NATO's new secretary general"."""
        words = [t.i for t in word.subtree if not mention.start <= t.i < mention.end]
        for first in (i for i in words if i <= word.i):
            for last in (i for i in reversed(words) if i >= word.i):
                span = self.doc[first : last + 1]
                if len(span) <= MAX_TITLE_TOKENS and self.gazetteer.title(span.text):
                    return span
        return None

    def _office_arg(self, i: int) -> Arg | None:
        mention = self.mention_at.get(i)
        if mention is None:
            return None
        actor = self.actors.get(mention.key)
        if actor is None or actor.cls in PERSON_CLASSES or actor.cls == "Place":
            return None
        return Arg(actor.key, mention.certainty, i)

    def _promote(self, person: Actor, office: Arg, sector: str | None) -> None:
        """An office holder is a Leader acting for the office's state."""
        if person.cls == "Person" and sector != "MIL":
            person.cls = "Leader"
        office_actor = self.actors[office.key]
        person.country = person.country or office_actor.state
        person.sector = person.sector or ("IGO" if office_actor.sector == "IGO" else sector)
