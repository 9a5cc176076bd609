"""Modality: what the words governing a deed make of it (negated, hypothetical, future or asserted).

A walk up from the trigger through the words that govern it ("refused to meet", "ended its war"), reading at each
word the lexicon's operators (:mod:`kg.operators`: governing words, the dependency paths to them, their effects),
and the structural rules of grammar: negation, auxiliaries, "if"/"unless" clauses, an infinitive completing a
noun ("the right to fire"), "rather than", "neither ... nor".

>>> from kg.lexicon import load_lexicon
>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Chile refused to meet Peru.")
>>> Modality(load_lexicon(), doc).modality(doc[3])
'negated'
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.lexicon import Lexicon
from kg.operators import EFFECTS
from kg.syntax import GOVERNED_DEPS, SUBJECT_DEPS, is_infinitive


class Modality:
    """The modality of the deeds of one Doc, read with the lexicon's word lists and operators."""

    def __init__(self, lexicon: Lexicon, doc: Doc) -> None:
        self.lex = lexicon
        self.doc = doc
        self.operators = lexicon.modal_operators

    def forgoing(self, word: Token) -> bool:
        """True for the "than" of "rather than", the "of" of "instead of": what follows is not done."""
        return word.i > 0 and self.lex.forgone_marks.get(self.doc[word.i - 1].lower_) == word.lower_

    def modality(self, head: Token) -> str:
        """negated > hypothetical > future > asserted, read on the trigger and the words that govern it: the
        lexicon's operators, and the structural rules of negation, auxiliaries, "if" clauses and questions."""
        found: set[str] = set()
        node = head
        for _ in range(5):
            effects, stop, claimed = self.operated(node)
            found |= effects
            found |= self.structural(node)
            infinitive = is_infinitive(node)
            completed = node.dep_ in ("acl", "relcl") and infinitive and node.head.pos_ == "NOUN"
            if (
                completed and node.head.i not in claimed
            ):  # "the right to fire", unless an operator says otherwise
                found.add("hypothetical")
            purpose = node.dep_ == "advcl" and infinitive  # "will blockade Paris to demand": as its head
            # "to help Peru defeat Chile", parsed as a clause: the defeat is as real as the help
            controlled = node.dep_ == "ccomp" and node.head.lemma_ in self.lex.cue("object_control_verbs")
            # "blocked a statement condemning X": the statement's fate is the condemnation's
            described = node.dep_ == "acl" and node.tag_ == "VBG"
            if stop or node.head.i == node.i:
                break
            if node.dep_ not in GOVERNED_DEPS | {"conj"} and not (purpose or controlled or described):
                break
            node = node.head
        if self.neither(head):
            found.add("negated")
        if node.dep_ == "ROOT" and node.right_edge.lower_ in self.lex.word("question"):
            found.add("hypothetical")  # "Will Russia invade Finland?": asked, not told
        return next((m for m in EFFECTS if m in found), "asserted")

    def structural(self, node: Token) -> set[str]:
        """What the grammar makes of ``node``: a negation, "no" before a noun, an auxiliary ("will", "would"
        reported, "could"), an "if"/"unless" clause, "ruled out", "rather than"."""
        found = set()
        for child in node.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and word == "no" and node.pos_ == "NOUN"):
                found.add("negated")
            elif child.dep_ == "aux" and child.tag_ == "MD" and word in self.lex.cue("reported_future_aux"):
                found.add("future" if self.reported(node) else "hypothetical")
            elif child.dep_ == "prt" and self.lex.negating_particles.get(node.lemma_) == word:
                found.add("negated")
        if self.forgone(node):
            found.add("negated")
        return found

    def operated(self, node: Token) -> tuple[set[str], bool, set[int]]:
        """What the lexicon's operators make of ``node``: their effects, whether one leaves it asserted whatever
        governs it ("an end to the attacks", "will not stop supplying arms": the deed goes on), and the words that
        govern it."""
        effects, stop, claimed = set(), False, set()
        for op, word in self.operators.governing(node):
            claimed.add(word.i)
            # the modality the governing word has itself, when an option asks for it
            own = self.modality(word) if (op.governor or op.unless) and word.is_ancestor(node) else None
            unheld = (op.governor and own != op.governor) or (op.unless and own == op.unless)
            if op.effect == "asserted" or unheld:
                stop = True
            else:
                effects.add(op.effect)
        return effects, stop, claimed

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

    def forgone(self, node: Token) -> bool:
        """True for the alternative a deed is done instead of: "rather than (to) meet Peru", "instead of
        meeting Peru"."""
        if node.dep_ in ("pcomp", "pobj"):  # "instead of meeting Peru"
            return self.forgoing(node.head)
        # "to prop up Assad rather than to fight ISIS", however the parser hangs the second clause
        left = node.left_edge.i
        return node.pos_ in ("VERB", "AUX") and left > 0 and self.forgoing(self.doc[left - 1])

    def reported(self, clause: Token) -> bool:
        """True for a clause reported after a past-tense reporting verb ("said they would leave the talks"), where
        "would" is the past of "will"."""
        return (
            clause.dep_ == "ccomp"
            and clause.head.lemma_ in self.lex.cue("reporting_verbs")
            and clause.head.tag_ in ("VBD", "VBN")
        )

    def noun_modality(self, noun: Token, phrase: Token) -> str | None:
        """The modality the operators on an event noun or its phrase (head) give it, when the verb it is told with
        says nothing: "a possible war", "the planned deployment", "proposed sanctions", "made the case for
        airstrikes", "its bid for NATO membership", "applied for EU membership"; None if they give none."""
        found = self.operated(noun)[0] | self.operated(phrase)[0]
        return next((m for m in EFFECTS if m in found), None)

    def argued_for(self, prep: Token) -> bool:
        """True for the "for" of "made the case for": what follows is argued for by the verb's subject (the
        lexicon's operators with ``doer: subject``), not done."""
        return any(
            op.doer == "subject"
            for deed in prep.children
            if deed.dep_ in ("pobj", "pcomp")
            for op, _ in self.operators.governing(deed)
        )

    def halting(self, head: Token, relation: str) -> tuple[Token, str] | None:
        """The verb halting the deed and the relation halting it is ("halted talks with Iran" sanctions Iran,
        "ended the siege" withdraws), as the lexicon's ``halted`` says; None if no such verb governs it."""
        halted_relation = self.lex.halted.get(relation)
        halt = self.deriving(head, "halted") if halted_relation else None
        return (halt, halted_relation) if halt is not None and halted_relation else None

    def prepared(self, head: Token) -> bool:
        """True when the deed is what the actor prepares for ("the troops got ready to resume the raids")."""
        return self.deriving(head, "preparations") is not None

    def deriving(self, head: Token, mapping: str) -> Token | None:
        """The word of an operator that makes the deed another relation by the lexicon's ``mapping``."""
        operators = self.lex.deriving_operators.get(mapping)
        return next((word for _, word in operators.governing(head)), None) if operators else None

    def marked(self, clause: Token, cue: str) -> bool:
        """True when the clause opens with one of the lexicon's ``cue`` words ("if", "unless")."""
        return any(m.dep_ == "mark" and m.lower_ in self.lex.cue(cue) for m in clause.children)

    # -- nouns --------------------------------------------------------------------------------------------

    def threat_condition(self, verb: Token) -> bool:
        """An announced deed on a condition such as "unless" is a threat ("will withdraw unless Chad agrees")."""
        return any(clause.dep_ == "advcl" and self.marked(clause, "threat_marks") for clause in verb.children)

    def prospect(self, noun: Token) -> Token | None:
        """The noun an event noun is only sought in, whose owner seeks it (the lexicon's operators with ``doer:
        modifier``): "its EU membership bid", "a bid for NATO membership"."""
        return next((word for op, word in self.operators.governing(noun) if op.doer == "modifier"), None)
