"""Actors a text names by state and sector rather than by name, and the states of places.

"Iraqi security forces" is Iraq's military, "rebels in Chad" Chad's rebels, "the police" after "in Cairo" Egypt's
police (one actor per state and sector, or the gazetteer's own entry for it); a deed in a place is done in that
place's state. Only the Doc's state and the lexicon's sector words are read: nothing here calls back into the
readers above.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Syrian rebels attacked government troops in Aleppo.")
>>> sorted(doc._.actors)
['Q41183', 'Q858', 'Q858-REB']
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.actors import (
    PERSON_CLASSES,
    Mention,
    actor_from_entry,
)
from kg.extract.state import (
    ANAPHORA_WINDOW,
    PARENTHESIS_LENGTH,
    Arg,
    DocState,
    Part,
)
from kg.model import Actor
from kg.syntax import (
    MODIFIER_DEPS,
    SUBJECT_DEPS,
)


class CompositeActors(Part):
    """Actors named by a state and a sector noun, and the states places lie in."""

    def __init__(self, state: DocState) -> None:
        super().__init__(state)

    def scene_state(self, verb: Token) -> Arg | None:
        """The state where a deed takes place: the first place or state after "in", "at", "near"... (the
        lexicon's ``scene_preps``) in the verb's clause ("rioted at a jail in East Timor", "demonstrated in
        Tehran"); a state owning the place counts only if no place is named ("outside the Russian embassy in
        Kiev" is in Ukraine)."""
        sent = self.state.sentence(verb)
        ents = [e for e in self.state.ents if sent.start <= e.start < sent.end]
        for ent in sorted(ents, key=lambda e: e.root.dep_ in MODIFIER_DEPS):
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
                self.state.add_known(state)
                found.append(Arg(state, arg.certainty, arg.token))
        return found

    def places_in(self, prep: Token) -> list[Arg]:
        """The states of the places a locative preposition names, when they are no mentions ("in Baghdad")."""
        found = []
        for ent in self.state.ents:
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
        self.state.add_known(state.key)
        return Arg(state.key, 0.7, ent.root.i)

    def composite(self, owner: Arg, sector: str, token: Token) -> Arg:
        """The actor a sector noun names with its owner: a state's government, forces, rebels...

        An organisation or armed group is its own forces ("NATO troops", "ISIS fighters"); a person stands for
        their state ("the Assad regime").
        """
        actor = self.actors[owner.key]
        if self._unplaced_group(actor, owner, token):  # "Mapuche rebels" in a sentence about Chile
            state = self.state.sentence_state(token, anywhere=True)
            if state is not None:
                group = sector if sector in self.lex.irregular_sectors else "CVL"
                return self.composite(state, group, token)
        if actor.cls in ("Institution", "ArmedGroup", "Bloc"):
            self.state.seen(actor.key, token)  # "defense ministers of the coalition", "ISIS fighters"
            return owner
        state = self.actors.get(actor.state or "")
        if state is None or state.cls != "State" or sector not in self.lex.sectors:
            return owner
        key = self.state.extractor.sector_entry(state.key, sector) or f"{state.key}-{sector}"
        if key not in self.actors and key in self.gazetteer.entries:
            self.state.add_known(key)
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
            self.state.seen(key, token)
        self.state.sector_named[sector] = (token.i, key)
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

    def last_of_sector(self, sector: str, token: Token) -> str | None:
        """The body of ``sector`` (not a person) named last in the few sentences before ``token``: a gazetteer
        mention ("the Assad regime") or a sector actor read from a noun ("Syrian officials")."""
        window = self.state.sentences_back(token, ANAPHORA_WINDOW)
        found = [
            (m.start, m.key)
            for m in self.mentions
            if window <= m.start < token.i
            and self.actors[m.key].sector == sector
            and self.actors[m.key].cls not in PERSON_CLASSES
        ]
        named = self.state.sector_named.get(sector)
        if named is not None and window <= named[0] < token.i:
            found.append(named)
        return max(found)[1] if found else None

    def people_of(self, token: Token) -> Arg | None:
        """A people named by a plural proper noun and a state's adjective are that state's civilians: "Iraqi
        Kurds", "Bosnian Serbs" (not Serbia); so is a plural demonym without an article ("Young Algerians")."""
        if token.tag_ != "NNPS" and not (token.tag_ == "NNS" and token.text[:1].isupper()):
            return None
        if self.sector(token) not in (None, "CVL"):  # "the Chilean Armed Forces" are no people
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
                return self.composite(Arg(mention.key, mention.certainty, child.i), "CVL", token)
        if own is not None and not any(c.lower_ in self.lex.word("definite") for c in token.children):
            # "Young Algerians", "thousands of Algerians" are people; "the Russians" often the state; "ethnic
            # Albanians demonstrated in Serbia" are people of Serbia
            ethnic = any(c.lower_ in self.lex.cue("ethnic_modifiers") for c in token.children)
            where = self.scene_state(token.head if token.dep_ in SUBJECT_DEPS else token) if ethnic else None
            return self.composite(where or Arg(own.key, own.certainty, token.i), "CVL", token)
        return None

    def sector(self, token: Token) -> str | None:
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

    def foreign(self, modifier: Token, noun: Token) -> bool:
        """True for a modifier saying a sector noun is of no state named ("foreign troops", "international
        forces"), not one making a title ("foreign ministers")."""
        return (
            modifier.dep_ == "amod"
            and modifier.lower_ in self.lex.cue("foreign_modifiers")
            and self.gazetteer.title(f"{modifier.lower_} {noun.lemma_.lower()}") is None
        )

    def name_places(self, args: list[Arg]) -> None:
        """What a locality noun names is a place, whatever the NER took it for: "the village of Umm Hosh"."""
        for arg in args:
            actor = self.actors[arg.key]
            if actor.key not in self.gazetteer.entries:
                actor.cls = "Place"

    def document(self, mention: Mention) -> bool:
        """A name the statistical NER found that names a document or an event, not an actor ("a lasting
        Cessation of Hostilities", "the Lima Framework Accord")."""
        root = self.doc[mention.start : mention.end].root
        return mention.kind == "ner" and root.lemma_.lower() in self.lex.documents

    def generic(self, mention: Mention) -> bool:
        """A name the statistical NER found that is only a sector noun ("Parliament", "the Army", "Russia's
        Supreme Court"): read as the sector of a state, not as an actor of its own."""
        words = [t for t in self.doc[mention.start : mention.end] if t.dep_ != "det"]
        if mention.kind != "ner" or not words or self.lex.sector(words[-1]) is None:
            return False
        # "Parliament"; "Supreme Court" only with an owner ("Peru's Supreme Court")
        return len(words) == 1 or any(c.dep_ == "poss" and c.i in self.mention_at for c in words[-1].children)

    def listed(self, token: Token) -> list[Token]:
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
            and any(g.lower_ in self.lex.word("conjunction") for g in c.children)
            and self.state.person_at(c.i)
            and self.state.person_at(token.i)
        ]
        return appositive + joined

    def included(self, token: Token) -> list[Token]:
        """Those a target phrase says it includes: "civilians, including children", "Western states including
        France" (a subject's members are members, see :meth:`_inclusions`)."""
        return self.state.structures.fill("member", whole=token)

    def second_party(self, between: Token) -> Token | None:
        """The second of two parties "between" whom something is, where a parenthesis after the first made the
        parser attach it elsewhere: the actor named after the ", and" that closes it ("between Peru, led by its
        president, and Bolivia"; "between Israel, which ..., and the Palestinians")."""
        first = next((o for o in between.children if o.dep_ == "pobj"), None)
        if first is None or first.conjuncts:
            return None
        opening, end = first.right_edge.i + 1, self.state.sentence(first).end
        if opening >= end or self.doc[opening].text != ",":
            return None
        for i in range(opening, min(opening + PARENTHESIS_LENGTH, end - 2)):
            if self.doc[i].text != ",":
                continue
            if self.doc[i + 1].lower_ not in self.lex.word("conjunction"):
                if i == opening:  # the parenthesis is the first party's own clause
                    continue
                return None
            start = i + 2 + (self.doc[i + 2].pos_ == "DET")
            if start >= end:
                return None
            named = self.doc[start]
            # "the Chilean Maritime Authority": up to the head of the name
            while named.dep_ in MODIFIER_DEPS and named.head.i > named.i:
                named = named.head
            return named if named.pos_ in ("NOUN", "PROPN") else None
        return None
