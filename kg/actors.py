"""Actor recognition and linking: two spaCy components, registered by name.

``newskg_actor_ruler``
    An entity ruler, placed before the statistical NER, that marks every gazetteer surface form
    ("Russia", "the Kremlin", "Russian", "ISIL", "the alliance") with the label ``NKG``.
``newskg_actor_linker``
    Gives each entity its canonical actor (:class:`kg.model.Actor`): gazetteer forms by lookup, with metonyms
    used as places dropped ("talks in Moscow"), anaphors and ambiguous forms resolved to an actor already named in
    the article, time-aware roles chosen by the article's date; unlinked PERSON/ORG/GPE entities become actors with
    a slug key, and a person's short name ("Lavrov" after "Sergei Lavrov") joins the full name.

The results are on the Doc: ``doc._.actors`` (key to Actor) and ``doc._.mentions`` (a list of :class:`Mention`).

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Moscow said the Kremlin would respond.")
>>> sorted({m.key for m in doc._.mentions})
['Q159']
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.cache import remember
from kg.gazetteer import Entry, Gazetteer, load_gazetteer, slugify
from kg.ingest import MONTH_PATTERN
from kg.model import Actor, Article
from kg.paths import ONTOLOGY_DIR

RULER_LABEL = "NKG"
PERSON_CLASSES = ("Leader", "Person")
DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
YEAR = re.compile(r"(?:1[89]|20)\d\d")
DATE_PREPS = frozenset(
    {"in", "on", "since", "until", "till", "by", "early", "late", "mid", "last", "next", "of"}
)
"""Words before a month's name that make it a date ("in May", "since May"), not a person named May."""
LOCATIVE_PREPS = frozenset({"in", "at", "to", "from", "near", "outside", "inside", "into", "via", "across"})
NER_CLASSES = {"PERSON": "Person", "ORG": "Institution", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
MAX_TITLE_TOKENS = 6
CERTAINTY = {"label": 1.0, "alias": 0.95, "demonym": 0.85, "metonym": 0.9, "anaphora": 0.7, "ner": 0.75}


@dataclass(frozen=True)
class Mention:
    """A span of the Doc naming an actor. ``kind`` says how: a gazetteer form kind, or "ner". A person named after
    a title ("Chilean President Michelle Bachelet") has the title's first token and the office that modifies it."""

    start: int  # token offsets
    end: int
    key: str
    kind: str
    certainty: float
    title: int | None = None  # token where the title before the name starts
    office: Mention | None = None  # the state or organisation named before the title


def title_before(doc: Doc, start: int, gazetteer: Gazetteer) -> int | None:
    """Where the longest title right before token ``start`` begins, inside its sentence ("President")."""
    sent_start = doc[start].sent.start
    for first in range(max(sent_start, start - MAX_TITLE_TOKENS), start):
        if gazetteer.title(doc[first:start].text) is not None:
            return first
    return None


def month_date(ent: Span) -> Span:
    """A gazetteer name that is a month's name ("May") written as part of a date ("on 3 May", "May 3, 2016", "in
    May") is that date, with its day and year; a month the NER found alone gets its day and year; any other entity
    is itself."""
    doc = ent.doc
    if ent.label_ not in (RULER_LABEL, "DATE") or len(ent) != 1 or not re.fullmatch(MONTH_PATTERN, ent.text):
        return ent  # (the NER's own "June" of "4 June" gets its day too)
    start, end = ent.start, ent.end
    if start > 0 and DAY.fullmatch(doc[start - 1].text):  # "3 May"
        start -= 1
    if end < len(doc) and DAY.fullmatch(doc[end].text):  # "May 3"
        end += 1
    if end + 1 < len(doc) and doc[end].text == "," and YEAR.fullmatch(doc[end + 1].text):  # "May 3, 2016"
        end += 2
    elif end < len(doc) and YEAR.fullmatch(doc[end].text):  # "3 May 2016"
        end += 1
    dated = start < ent.start or end > ent.end or (ent.start > 0 and doc[ent.start - 1].lower_ in DATE_PREPS)
    return Span(doc, start, end, label="DATE") if dated else ent


def located(doc: Doc, mention: Mention) -> bool:
    """True for a place named after a locative preposition ("In Peru Minister Smallwood"); a demonym or a possessive
    never is ("opposed to Syrian President Assad", "pressure from Kenya's parliament")."""
    after_prep = mention.start > 0 and doc[mention.start - 1].lower_ in LOCATIVE_PREPS
    owner = doc[mention.start : mention.end].root.dep_ == "poss"
    return after_prep and not owner and mention.kind != "demonym"


def office_before(
    doc: Doc, start: int, end: int, mention_at: dict[int, Mention], actors: dict[str, Actor]
) -> Mention | None:
    """The state or organisation modifying the title ``doc[start:end]`` ("Russian President", "NATO's chief",
    "Britain's foreign secretary"), not a place before it ("In Peru, Minister Smallwood")."""
    for i in range(start - 1, max(start - 4, -1), -1):
        mention = mention_at.get(i)
        if (
            mention is not None
            and actors[mention.key].cls not in (*PERSON_CLASSES, "Place")
            and start <= doc[i].head.i < end
            and doc[i].sent.start == doc[start].sent.start
            and not located(doc, mention)
        ):
            return mention
        if doc[i].is_punct:
            break
    return None


for _name, _default in (("article", None), ("actors", None), ("mentions", None), ("statements", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def publisher_state(article: Article | None, gazetteer: Gazetteer) -> str | None:
    """The state behind an article's publisher: its longest leading words that name a state or a body of one
    ("UK Government" is the United Kingdom, "US State Department" the United States)."""
    words = (article.publisher or "").split() if article else []
    for end in range(len(words), 0, -1):
        for candidate in gazetteer.lookup(" ".join(words[:end])):
            state = candidate.entry.country  # a state's entry is its own country
            if state in gazetteer.entries:
                return state
    return None


def actor_from_entry(entry: Entry, gazetteer: Gazetteer, when: Article | None) -> Actor:
    """The :class:`Actor` for a gazetteer entry; a person's country and sector follow their role on the date, a
    place's country is the state it is part of."""
    country, sector = entry.country, entry.sector
    if country is None and entry.cls == "Place" and entry.part_of in gazetteer.entries:
        country = entry.part_of if gazetteer.entries[entry.part_of].cls == "State" else None
    cls = entry.cls
    role = entry.role_on(when.date if when else None) if entry.roles else None
    if role is not None:
        office = gazetteer.entries.get(role.of)
        if office is not None:
            country = office.key if office.cls == "State" else (office.country or country)
            sector = sector or ("IGO" if office.sector == "IGO" else "GOV")
    return Actor(
        key=entry.key,
        label=entry.label,
        cls=cls,
        qid=entry.qid,
        iso3=entry.iso3,
        country=country if country != entry.key else None,
        sector=sector,
        known=True,
    )


@Language.factory("newskg_actor_ruler", default_config={"gazetteer_files": []})
def make_actor_ruler(nlp: Language, name: str, gazetteer_files: list[str]) -> EntityRuler:
    """An entity ruler holding every surface form of the gazetteer as a phrase pattern labelled ``NKG``."""
    gazetteer = load_gazetteer(gazetteer_files)
    for form in gazetteer.forms():  # "SPLM/A" is one name, not "SPLM", "/", "A"
        if "/" in form and " " not in form:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    ruler = EntityRuler(nlp, name=name, phrase_matcher_attr="ORTH", overwrite_ents=True)
    ruler.phrase_patterns[RULER_LABEL].extend(map(PatternText, gazetteer.forms()))
    ruler.phrase_matcher.add(RULER_LABEL, phrase_patterns(nlp, gazetteer_files))
    return ruler


class PatternText(str):
    """A phrase pattern of the ruler kept as its text, all that ``EntityRuler.patterns`` (and so ``to_disk``)
    reads of it; the ruler's matcher holds its tokens (see :func:`phrase_patterns`)."""

    @property
    def text(self) -> str:
        return str(self)


def phrase_patterns(nlp: Language, gazetteer_files: Sequence[str]) -> list[tuple[int, ...]]:
    """Every surface form of the gazetteer tokenised by ``nlp``, as the ORTH hashes of its tokens (what the
    ruler's phrase matcher keeps of a pattern Doc): the ruler's patterns, cached on disk (see :mod:`kg.cache`)
    per ontology, gazetteer files, model and spaCy version, since tokenising ~16k forms, or making Docs and
    lexemes of their words, is most of the pipeline's start-up.

    >>> from kg.nlp import load_pipeline
    >>> nlp = load_pipeline()
    >>> patterns = dict(zip(load_gazetteer().forms(), phrase_patterns(nlp, [])))
    >>> patterns["the Kremlin"] == tuple(token.orth for token in nlp.make_doc("the Kremlin"))
    True
    """
    forms = load_gazetteer(gazetteer_files).forms()

    def tokenise() -> list[tuple[int, ...]]:
        return [tuple(token.orth for token in doc) for doc in nlp.tokenizer.pipe(forms)]

    inputs = [ONTOLOGY_DIR, *map(Path, gazetteer_files), f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"]
    inputs += [str(nlp.meta.get("version")), spacy.about.__version__]
    return remember("patterns", inputs, tokenise, pickle.dumps, pickle.loads)


@Language.factory("newskg_actor_linker", default_config={"gazetteer_files": []})
def make_actor_linker(nlp: Language, name: str, gazetteer_files: list[str]) -> ActorLinker:
    """The component that links entities to canonical actors (see the module docstring)."""
    return ActorLinker(nlp, load_gazetteer(gazetteer_files))


class ActorLinker:
    """Fills ``doc._.actors`` and ``doc._.mentions``; see :mod:`kg.actors`."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.titles = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.titles.add("TITLE", [nlp.make_doc(form) for form in gazetteer.titles])

    def __call__(self, doc: Doc) -> Doc:
        article: Article | None = doc._.article
        actors: dict[str, Actor] = {}
        mentions: list[Mention] = []
        # "on 3 May" is a date, not Theresa May
        doc.ents = filter_spans([month_date(ent) for ent in doc.ents])
        titles = sorted(self.titles(doc), key=lambda m: (m[1], -m[2]))  # longest first at each start
        in_titles = {i for _, start, end in titles for i in range(start, end)}
        for ent in doc.ents:
            if ent.label_ != RULER_LABEL and all(t.i in in_titles for t in ent):
                continue  # the NER's "State" of "Secretary of State" is part of a title
            ent = self._full_name(ent)
            found = self._link(ent, actors, mentions, article)
            if found is None:
                continue
            actor, kind = found
            if actor.key not in actors:
                actors[actor.key] = actor
                self._add_country(actor, actors, article)
            if kind not in ("anaphora", "demonym"):
                actors[actor.key].alt_labels.add(ent.text)
            mentions.append(Mention(ent.start, ent.end, actor.key, kind, CERTAINTY.get(kind, 0.8)))
        mentions = self._titled(doc, actors, mentions)
        mentions = self._title_anaphora(doc, actors, mentions, article, titles)
        for mention in mentions:
            actors[mention.key].surface_forms.add(doc[mention.start : mention.end].text)
        for actor in actors.values():
            actor.alt_labels.discard(actor.label)
        doc._.actors = actors
        doc._.mentions = mentions
        return doc

    def _titled(self, doc: Doc, actors: dict[str, Actor], mentions: list[Mention]) -> list[Mention]:
        """Each person's mention with the title and office before the name, if any; a name only the NER knows
        that follows a title is a person's, whatever label the NER gave it ("Vice-President Moody Kamau")."""
        mention_at = {i: m for m in mentions for i in range(m.start, m.end)}
        found = []
        for mention in mentions:
            actor = actors[mention.key]
            unknown_name = mention.kind == "ner" and not actor.known and doc[mention.start].is_title
            person = actor.cls in PERSON_CLASSES or unknown_name
            first = title_before(doc, mention.start, self.gazetteer) if person else None
            if first is not None and actor.cls not in PERSON_CLASSES:
                actor.cls = "Person"
            if first is not None:
                office = office_before(doc, first, mention.end, mention_at, actors)
                mention = replace(mention, title=first, office=office)
            found.append(mention)
        return found

    def _title_anaphora(
        self,
        doc: Doc,
        actors: dict[str, Actor],
        mentions: list[Mention],
        article: Article | None,
        titles: list[tuple[int, int, int]],
    ) -> list[Mention]:
        """ "The Foreign Secretary added" refers to the person last named with that title in the article ("Foreign
        Secretary Margaret Beckett"); "the Russian president" to the gazetteer's holder of the office on the date."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        titled = [  # (position, person key, title)
            (m.start, m.key, self.gazetteer.title(doc[m.title : m.start].text).title)  # type: ignore[union-attr]
            for m in mentions
            if m.title is not None
        ]
        mention_at = {i: m for m in mentions for i in range(m.start, m.end)}
        found: list[Mention] = []
        for _, start, end in titles:
            named = end + 1 if end < len(doc) and doc[end].text == "," else end  # "the Foreign Minister, X"
            appositive = any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in doc[end - 1].children)
            if (
                any(i in taken for i in range(start, end))
                or (named < len(doc) and doc[named].pos_ == "PROPN")
                or appositive  # "Russia's ambassador to NATO, Alexander Grushko"
            ):
                continue
            title = self.gazetteer.title(doc[start:end].text)
            found_office = office_before(doc, start, end, mention_at, actors)
            office = found_office.key if found_office else None
            det = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else None
            if title is None or (det is None and office is None):
                continue  # a bare "president" is too vague
            if title.generic:  # "the French leader": France's head last named, whatever their title
                heads = {t.title for t in self.gazetteer.titles.values() if t.relation == title.relation}
                leaders = [(m.start, m.key, title.title) for m in mentions if actors[m.key].cls == "Leader"]
                titled_here = [(p, k, title.title) for p, k, t in titled if t in heads] + leaders
            else:
                titled_here = titled
            earlier = [
                key
                for pos, key, t in sorted(titled_here)
                if pos < start and t == title.title and (office is None or actors[key].country == office)
            ]
            office = office or publisher_state(article, self.gazetteer)
            key = earlier[-1] if earlier else None
            if key is None and title.generic:
                continue  # "the French leader" of no French head named: France's government (a sector noun)
            if key is None and not title.shared:  # "the ambassador" is none of a state's many ambassadors
                key = self._office_holder(title.title, office, article, actors)
            if key is None:
                key = self._office_actor(title.title, office, actors)
            if key is None:
                continue
            if key not in actors:
                actors[key] = actor_from_entry(self.gazetteer.entries[key], self.gazetteer, article)
            begin = det if det is not None else start
            found.append(Mention(begin, end, key, "anaphora", CERTAINTY["anaphora"]))
            taken.update(range(begin, end))
        return sorted([*mentions, *found], key=lambda m: m.start)

    def _office_holder(
        self, title: str, office: str | None, article: Article | None, actors: dict[str, Actor]
    ) -> str | None:
        """The one person the gazetteer has holding ``title`` of ``office`` on the article's date; in an undated
        article, the one person named in it who ever held it."""
        if office is None:
            return None
        when = article.date if article else None
        holders = {
            entry.key
            for entry, role in self.gazetteer.holders(office, title)
            if (role.holds_on(when) if when else entry.key in actors)
        }
        return holders.pop() if len(holders) == 1 else None

    def _office_actor(self, title: str, office: str | None, actors: dict[str, Actor]) -> str | None:
        """An office whose holder the article does not name stands for itself: "the Foreign Secretary" in a UK
        Government release is the actor "Foreign Secretary of United Kingdom"."""
        state = self.gazetteer.entries.get(office or "")
        if state is None or state.cls != "State":
            return None
        key = f"{state.key}-{slugify(title)}"
        if key not in actors:
            actors[key] = Actor(
                key=key, label=f"{title} of {state.label}", cls="Leader", country=state.key, sector="GOV"
            )
            self._add_country(actors[key], actors, None)
        return key

    def _add_country(self, actor: Actor, actors: dict[str, Actor], article: Article | None) -> None:
        """Describe the state an actor belongs to, so its ``nkg:country`` has a label in the graph."""
        if actor.country and actor.country not in actors and actor.country in self.gazetteer.entries:
            entry = self.gazetteer.entries[actor.country]
            actors[actor.country] = actor_from_entry(entry, self.gazetteer, article)

    def _link(
        self, ent: Span, actors: dict[str, Actor], mentions: list[Mention], article: Article | None
    ) -> tuple[Actor, str] | None:
        if ent.label_ == RULER_LABEL:
            return self._link_gazetteer(ent, mentions, article)
        cls = NER_CLASSES.get(ent.label_)
        if cls is None:
            return None
        text = (
            ent.text.removeprefix("the ")
            .removeprefix("The ")
            .removesuffix("'s")
            .removesuffix("\u2019s")
            .strip()
        )
        if (
            not text
            or not any(ch.isupper() for ch in text)
            or ent[-1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT")
        ):
            return None  # no capitals, or a fragment such as "Government of" before a linked name
        if cls in ("Place", "Institution"):
            state = self.gazetteer.misspelt_state(text)  # "Boliva", whatever the NER took it for
            if state is not None:
                return actor_from_entry(state, self.gazetteer, article), "ner"
        if cls == "Person":
            earlier = self._earlier_person(text, actors, mentions)
            if earlier is not None:
                return earlier, "ner"
            known = self.gazetteer.misspelt_person(text)  # "Laurent Gbago"
            if known is not None:
                return actor_from_entry(known, self.gazetteer, article), "ner"
        key = slugify(text)
        # "WWF" after "the World Wildlife Fund (WWF)"
        spelt_out = self._spelt_out(ent, text, actors, mentions)
        if spelt_out is not None:
            return spelt_out, "ner"
        return actors.get(key) or Actor(key=key, label=text, cls=cls), "ner"

    @staticmethod
    def _spelt_out(ent: Span, text: str, actors: dict[str, Actor], mentions: list[Mention]) -> Actor | None:
        """The organisation an acronym stands for, spelt out before it with the acronym in brackets: "the World
        Wildlife Fund (WWF)", then "WWF"."""
        if not (text.isupper() and text.isalpha() and 2 <= len(text) <= 8):
            return None
        doc = ent.doc
        for mention in mentions:
            actor = actors[mention.key]
            initials = "".join(w[0] for w in actor.label.split() if w[0].isupper())
            bracketed = (
                mention.end + 2 < len(doc)
                and doc[mention.end].text == "("
                and doc[mention.end + 1].text == text
            )
            if initials == text and (bracketed or text in actor.alt_labels):
                actor.alt_labels.add(text)
                return actor
        return None

    def _link_gazetteer(
        self, ent: Span, mentions: list[Mention], article: Article | None
    ) -> tuple[Actor, str] | None:
        candidates = self.gazetteer.lookup(ent.text)
        if not candidates:
            return None
        kind = candidates[0].kind
        if kind == "anaphora" or candidates[0].ambiguous:
            keys = {c.entry.key for c in candidates}
            entry = next(
                (self.gazetteer.entries[m.key] for m in reversed(mentions) if m.key in keys),
                None,
            )
            named = candidates[0].entry
            if (
                entry is None
                and kind == "anaphora"
                and len(keys) == 1
                and (ent[-1].text[:1].isupper() or any(m.key in named.context for m in mentions))
            ):  # "the Coalition", "the Alliance": a name, even when said first; so is "the international
                # coalition" once ISIL is named
                entry = named
            if entry is None:
                return None
            kind = "anaphora" if kind == "anaphora" else "alias"
        else:
            entry = candidates[0].entry
        if kind == "metonym" and self._is_locative(ent):
            return None
        return actor_from_entry(entry, self.gazetteer, article), kind

    def _full_name(self, ent: Span) -> Span:
        """A known person's short name that runs on into a longer name is someone else: "Boris" in "Boris
        Yeltsin" is not Boris Johnson. The longer name is returned as a PERSON entity."""
        if ent.label_ != RULER_LABEL or ent.end >= len(ent.doc):
            return ent
        following = ent.doc[ent.end]
        candidates = self.gazetteer.lookup(ent.text)
        if not (candidates and candidates[0].entry.cls in PERSON_CLASSES and candidates[0].kind == "alias"):
            return ent
        if following.pos_ != "PROPN" or not following.is_title or following.ent_type_:
            return ent
        end = ent.end
        while end < len(ent.doc) and ent.doc[end].pos_ == "PROPN" and ent.doc[end].is_title:
            end += 1
        return Span(ent.doc, ent.start, end, label="PERSON")

    @staticmethod
    def _is_locative(ent: Span) -> bool:
        """True for a place used as a place ("in Moscow", "flew from Moscow"), not as an actor ("criticism from
        London", "a delegation from Beijing": what comes from a capital after a noun is its state's)."""
        root = ent.root
        prep = root.head
        if root.dep_ != "pobj" or prep.lower_ not in LOCATIVE_PREPS:
            return False
        # "(drew) criticism from London": what comes from a capital after a noun or an object is its state's
        return prep.lower_ != "from" or not (
            prep.head.pos_ == "NOUN" or any(c.dep_ == "dobj" for c in prep.head.children)
        )

    def _earlier_person(self, text: str, actors: dict[str, Actor], mentions: list[Mention]) -> Actor | None:
        """A person already named whose full name ends with this short name ("Lavrov" → "Sergei Lavrov")."""
        for mention in reversed(mentions):
            actor = actors.get(mention.key)
            if actor is None or actor.cls not in PERSON_CLASSES:
                continue
            names = {actor.label, *actor.alt_labels}
            if any(name == text or name.endswith(" " + text) for name in names):
                return actor
        return None
