"""Modality: what the words governing a deed make of it (negated, hypothetical, future or asserted).

Read on the trigger and the verbs and nouns above it: negation, auxiliaries, governing verbs ("refused to", "plans
to", "urged X to"), "if"/"unless" clauses, what is said of a "that" clause ("denied that"), the lexicon's
operators (:mod:`kg.operators`), nouns an infinitive completes ("the right to fire") and what a deed noun is the
object of ("proposed sanctions"). The word lists are the lexicon's (``ontology/relations.yaml``, ``modality``).

>>> from kg.lexicon import load_lexicon
>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Chile refused to meet Peru.")
>>> Modality(load_lexicon(), doc).modality(doc[3])
'negated'
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.lexicon import Lexicon
from kg.operators import effects
from kg.syntax import GOVERNED_DEPS, SUBJECT_DEPS, is_for_clause, is_infinitive


class Modality:
    """The modality of the deeds of one Doc, read with the lexicon's word lists and operators."""

    def __init__(self, lexicon: Lexicon, doc: Doc) -> None:
        self.lex = lexicon
        self.doc = doc

    def forgoing(self, word: Token) -> bool:
        """True for the "than" of "rather than", the "of" of "instead of": what follows is not done."""
        return word.i > 0 and self.lex.forgone_marks.get(self.doc[word.i - 1].lower_) == word.lower_

    def modality(self, head: Token) -> str:
        """negated > hypothetical > future > asserted, read on the trigger and the verbs that govern it."""
        found: set[str] = set()
        node = head
        for _ in range(5):
            found |= effects(node, self.lex.operators)
            for child in node.children:
                word = child.lower_
                if child.dep_ == "neg" or (child.dep_ == "det" and word == "no" and node.pos_ == "NOUN"):
                    found.add("negated")
                elif child.dep_ == "aux" and (
                    word in self.lex.cue("future_aux")
                    or (word in self.lex.cue("reported_future_aux") and self.reported(node))
                ):
                    found.add("future")
                elif (child.dep_ == "aux" and word in self.lex.cue("hypothetical_aux")) or (
                    child.dep_ == "mark" and word in self.lex.cue("condition_marks")
                ):
                    found.add("hypothetical")
                elif child.dep_ == "prt" and self.lex.negating_particles.get(node.lemma_) == word:
                    found.add("negated")
            if self.forgone(node):
                found.add("negated")
            infinitive = is_infinitive(node)
            noun = node.head.lemma_.lower()
            if (
                node.dep_ in ("acl", "relcl")
                and infinitive
                and node.head.pos_ == "NOUN"
                and noun not in self.lex.cue("realis_nouns")
            ):
                future = noun in self.lex.cue("future_nouns")  # "the right to fire", "its plan to attack"
                found.add("future" if future else "hypothetical")
                if any(
                    c.dep_ in ("det", "neg") and c.lower_ in self.lex.cue("negation")
                    for c in node.head.children
                ):
                    found.add("negated")  # "had no plans to attack"
                offer = node.head
                if offer.dep_ == "dobj" and offer.head.lemma_ in self.lex.cue("negating_verbs"):
                    found.add("negated")  # "rejected an invitation to attend"
            said = self.said_of(node)
            if said is not None:  # "denied that it attacked", "rejected claims that", "did not confirm that"
                found.add(said)
                break
            purpose = node.dep_ == "advcl" and infinitive  # "will blockade Paris to demand": as its head
            # "to help Peru defeat Chile", parsed as a clause: the defeat is as real as the help
            controlled = node.dep_ == "ccomp" and node.head.lemma_ in self.lex.cue("object_control_verbs")
            # "blocked a statement condemning X": the statement's fate is the condemnation's
            described = node.dep_ == "acl" and node.tag_ == "VBG"
            if (
                node.dep_ not in GOVERNED_DEPS | {"conj"} and not (purpose or controlled or described)
            ) or node.head.i == node.i:
                break
            if self.ended(node):  # "called for an end to the regime's attacks": the attacks go on
                break
            parent = node.head
            lemma = parent.lemma_
            if node.dep_ in GOVERNED_DEPS or is_for_clause(node):
                adjunct = node.dep_ in ("prep", "pobj", "pcomp") and lemma in self.lex.cue("halting_verbs")
                if lemma in self.lex.cue("negating_verbs") and not adjunct:  # not "suspended in the wake of"
                    if lemma in self.lex.cue("halting_verbs") and self.modality(parent) != "asserted":
                        break  # "must stop supplying weapons": the supplying goes on
                    found.add("negated")
                elif lemma in self.lex.cue("future_verbs"):
                    found.add("future")
                elif (
                    (lemma in self.lex.cue("hypothetical_verbs") and node.dep_ != "dobj")
                    or (parent.pos_ == "ADJ" and lemma in self.lex.cue("hypothetical_modifiers"))
                    or self.argued_for(node)
                ):  # "urged X to", "is unlikely to lift sanctions"
                    found.add("hypothetical")
            node = parent
        if self.neither(head):
            found.add("negated")
        for modality in ("negated", "hypothetical", "future"):
            if modality in found:
                return modality
        return "asserted"

    def neither(self, head: Token) -> bool:
        """True for a clause whose subjects are joined by "neither ... nor" ("Neither Chile nor Peru agreed")."""
        clause = (
            head
            if head.pos_ in ("VERB", "AUX")
            else next((a for a in head.ancestors if a.pos_ == "VERB"), head)
        )
        return any(
            c.dep_ in SUBJECT_DEPS and any(g.lower_ in ("neither", "nor") for g in c.children)
            for c in clause.children
        )

    def said_of(self, clause: Token) -> str | None:
        """The modality a "that" clause gets from what is said of it: negated when denied ("denied that it
        attacked", "rejected claims that it attacked"), hypothetical when not confirmed ("did not confirm that")."""
        if clause.dep_ not in ("ccomp", "acl"):
            return None
        holder = clause.head
        if holder.pos_ == "NOUN" and holder.dep_ == "dobj":  # "claims that", "reports that"
            holder = holder.head
        if holder.pos_ not in ("VERB", "AUX") or holder.i == clause.i:
            return None
        if holder.lemma_ in self.lex.cue("negating_verbs"):
            return "negated"
        denied = any(c.dep_ == "neg" for c in holder.children)
        if denied and holder.lemma_ in self.lex.cue("reporting_verbs") | self.lex.cue("confirming_verbs"):
            return "hypothetical"
        return None

    def forgone(self, node: Token) -> bool:
        """True for the alternative a deed is done instead of: "rather than (to) meet Peru", "instead of
        meeting Peru"."""
        if node.dep_ in ("pcomp", "pobj"):  # "instead of meeting Peru"
            return self.forgoing(node.head)
        # "to prop up Assad rather than to fight ISIS", however the parser hangs the second clause
        left = node.left_edge.i
        return node.pos_ in ("VERB", "AUX") and left > 0 and self.forgoing(self.doc[left - 1])

    def ended(self, deed: Token) -> bool:
        """True for the deed an ending noun is about ("an end to the attacks", "a halt to the talks"): the deed
        is under way, whatever is said of its end."""
        return (
            deed.dep_ == "pobj"
            and deed.head.lower_ in ("to", "of")
            and deed.head.head.lemma_.lower() in self.lex.cue("ending_nouns")
        )

    def reported(self, clause: Token) -> bool:
        """True for a clause reported after a past-tense reporting verb ("said they would leave the talks"), where
        "would" is the past of "will"."""
        return (
            clause.dep_ == "ccomp"
            and clause.head.lemma_ in self.lex.cue("reporting_verbs")
            and clause.head.tag_ in ("VBD", "VBN")
        )

    def noun_modality(self, noun: Token, phrase: Token) -> str | None:
        """The modality an event noun's adjective gives ("a possible war", "the planned deployment"), the case
        made for it ("made the case for airstrikes"), or the verb whose object its ``phrase`` (head) is
        ("proposed sanctions", "planned attacks", "prepared a package of sanctions")."""
        if noun.dep_ == "pobj" and self.argued_for(noun.head):
            return "hypothetical"
        before = noun.left_edge.i  # "calls for a rapprochement", however parsed
        called = before >= 2 and self.doc[before - 1].lower_ == "for"
        if called and self.doc[before - 2].lemma_ in self.lex.cue("hypothetical_verbs"):
            return "hypothetical"
        if self.prospect(noun) is not None:  # "its EU membership bid", "a bid for NATO membership"
            return "hypothetical"
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "for"
            and noun.head.head.lemma_ in self.lex.cue("future_verbs")
        ):
            return "future"  # "applied for EU membership"
        if phrase.dep_ == "dobj" and phrase.head.lemma_ in self.lex.cue("proposing_verbs"):
            return "hypothetical"  # "proposed sanctions on Russia"
        if phrase.dep_ == "dobj" and phrase.head.lemma_ in self.lex.cue("planning_verbs"):
            return "future"  # "planned attacks on Kyiv"
        for child in noun.children:
            if child.dep_ == "amod" and child.lower_ in self.lex.cue("hypothetical_modifiers"):
                return "hypothetical"
            if child.dep_ == "amod" and child.lower_ in self.lex.cue("future_modifiers"):
                return "future"
        # "a war between X and Y is unlikely"
        if noun.dep_ == "nsubj" and noun.head.lemma_ in self.lex.copulas:
            said = {c.lower_ for c in noun.head.children if c.dep_ == "acomp"}
            if said & self.lex.cue("hypothetical_modifiers"):
                return "hypothetical"
        return None

    def argued_for(self, prep: Token) -> bool:
        """True for the "for" of "made the case for" (the lexicon's ``advocacy_objects``): what follows is argued
        for, not done."""
        head = prep.head  # "made the case for" or "made [the case] for"
        return prep.lower_ == "for" and any(
            c.dep_ == "dobj" and c.lemma_ in self.lex.cue("advocacy_objects") for c in (head, *head.children)
        )

    def halting(self, head: Token, relation: str) -> tuple[Token, str] | None:
        """The verb halting the deed and the relation halting it is ("halted talks with Iran" sanctions Iran,
        "ended the siege" withdraws), as the lexicon's ``halted`` says; None if no such verb governs it."""
        halted_relation = self.lex.halted.get(relation)
        if halted_relation is None:
            return None
        halt = self.governing(head, ("dobj", "xcomp", "nsubjpass"), "halting_verbs", verbs_only=True)
        return (halt, halted_relation) if halt is not None else None

    def prepared(self, head: Token) -> bool:
        """True when the deed is what the actor prepares for ("the troops got ready to resume the raids")."""
        return self.governing(head, ("xcomp",), "preparation_verbs") is not None

    def governing(
        self, head: Token, deps: tuple[str, ...], cue: str, verbs_only: bool = False
    ) -> Token | None:
        """The word of the lexicon's ``cue`` list (with its particle: "break off") that governs ``head`` through
        ``deps``, up to three levels up."""
        node = head
        for _ in range(3):
            if node.dep_ not in deps or node.head.i == node.i:
                return None
            node = node.head
            words = [node.lemma_.lower(), *(c.lower_ for c in node.children if c.dep_ == "prt")]
            if (not verbs_only or node.pos_ == "VERB") and {words[0], " ".join(words)} & self.lex.cue(cue):
                return node
        return None

    def marked(self, clause: Token, cue: str) -> bool:
        """True when the clause opens with one of the lexicon's ``cue`` words ("if", "unless")."""
        return any(m.dep_ == "mark" and m.lower_ in self.lex.cue(cue) for m in clause.children)

    # -- nouns --------------------------------------------------------------------------------------------

    def threat_condition(self, verb: Token) -> bool:
        """An announced deed on a condition such as "unless" is a threat ("will withdraw unless Chad agrees")."""
        return any(clause.dep_ == "advcl" and self.marked(clause, "threat_marks") for clause in verb.children)

    def prospect(self, noun: Token) -> Token | None:
        """The noun of the lexicon's ``prospect_nouns`` an event noun is only sought in: "its EU membership bid",
        "a bid for NATO membership"."""
        holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to") else noun.head
        sought = noun.dep_ in ("compound", "pobj") and holder.i != noun.i
        return holder if sought and holder.lemma_.lower() in self.lex.cue("prospect_nouns") else None
