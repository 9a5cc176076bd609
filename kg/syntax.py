"""Syntax the readers share: dependency labels by role and predicates on the parse, with no lexicon word.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Chile urged Peru to withdraw.")
>>> is_infinitive(doc[4]), doc[0].dep_ in SUBJECT_DEPS
(True, True)
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
SHARED_SUBJECT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp", "prep"})
GOVERNED_DEPS = frozenset({"xcomp", "pcomp", "pobj", "prep", "dobj", "acomp", "nsubjpass"})
"""How a word hangs on a verb whose modality it takes ("refused to meet", "ended its war", "was cancelled")."""


def is_apposition(token: Token) -> bool:
    """True for an appositive the parser found, unless "and" or "or" opens it ("the deal between Peru, led by
    its president, and Bolivia" names two parties, not an appositive Bolivia)."""
    before = token.left_edge.i - 1
    return token.dep_ == "appos" and (before < 0 or token.doc[before].lower_ not in ("and", "or"))


def is_infinitive(verb: Token) -> bool:
    """True for a verb with the infinitive marker "to" ("to defeat")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_for_clause(verb: Token) -> bool:
    """True for the verb of a "for X to do" clause ("called for Peru to withdraw"): what X is asked to do."""
    return verb.dep_ in ("advcl", "ccomp", "xcomp") and any(
        c.dep_ == "mark" and c.lower_ == "for" for c in verb.children
    )
