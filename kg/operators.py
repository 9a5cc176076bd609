"""Operators: governing words that change what a deed below them is, read from the lexicon as data.

An operator names governing words (lemmas), the dependency paths by which a deed hangs on one of them, and an
effect: ``negated``, ``hypothetical`` or ``future``. "cautioned Peru against attacking Bolivia" holds the attack
under "against" by ``pcomp``: an operator ``{words: [against], paths: [pcomp], effect: hypothetical}`` makes it a
warning's content, not a deed done. The engine knows no English word; the lexicon's ``operators`` section holds
the words, each entry with ``examples`` (sentences of our own, the triples they must and must not give) from
which tests are generated.

>>> op = Operator("opposed deed", frozenset({"against"}), (("pcomp",), ("pobj",)), "hypothetical", ())
>>> op.matches(["pcomp"], "against"), op.matches(["pcomp", "prep"], "warn")
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from kg.errors import LexiconError

EFFECTS = ("negated", "hypothetical", "future")
"""What an operator may make of a deed, strongest first (as statement modalities rank)."""
REACH = 4
"""How many steps up the parse an operator's path may run."""
EXAMPLE_KEYS = frozenset({"text", "expect", "absent"})


@dataclass(frozen=True)
class Operator:
    """Governing ``words`` that make a deed hanging on them by one of ``paths`` (dependency labels, from the
    deed up) ``effect``."""

    name: str
    words: frozenset[str]
    paths: tuple[tuple[str, ...], ...]
    effect: str
    examples: tuple[dict, ...]

    def matches(self, path: list[str], lemma: str) -> bool:
        """True when a deed reaching a word of lemma ``lemma`` by ``path`` is under this operator."""
        return lemma in self.words and tuple(path) in self.paths


def effects(deed: Token, operators: Iterable[Operator]) -> set[str]:
    """The effects of the operators above a deed: each word up to :data:`REACH` steps above it is tried with
    the path of dependency labels that leads to it."""
    found: set[str] = set()
    operators = tuple(operators)
    path: list[str] = []
    node = deed
    for _ in range(REACH):
        if node.head.i == node.i:
            break
        path.append(node.dep_)
        node = node.head
        lemma = node.lemma_.lower()
        found |= {op.effect for op in operators if op.matches(path, lemma)}
    return found


def load_operators(entries: object, where: str) -> tuple[Operator, ...]:
    """The lexicon's ``operators`` section: a list of ``{name, words, paths, effect, examples}``; every entry
    must carry examples, an effect of :data:`EFFECTS` and paths of dependency labels."""
    if not isinstance(entries, list):
        raise LexiconError(f"{where}: 'operators' must be a list of operators")
    operators = []
    for entry in entries:
        name = str(entry.get("name", "")) if isinstance(entry, dict) else ""
        if not name or set(entry) - {"name", "words", "paths", "effect", "examples"}:
            raise LexiconError(f"{where}: operator {name or entry!r} needs a name and only name, words, paths, "
                               "effect, examples")  # fmt: skip
        if entry.get("effect") not in EFFECTS:
            raise LexiconError(
                f"{where}: operator {name!r} has effect {entry.get('effect')!r}, not one of {EFFECTS}"
            )
        examples = entry.get("examples") or []
        if not examples or any(
            not isinstance(e, dict) or set(e) - EXAMPLE_KEYS or "text" not in e for e in examples
        ):
            raise LexiconError(
                f"{where}: operator {name!r} needs examples of text with expect/absent triples"
            )
        words = entry.get("words") or []
        paths = entry.get("paths") or []
        if not words or not paths or not all(isinstance(w, str) for w in [*words, *paths]):
            raise LexiconError(
                f"{where}: operator {name!r} needs words and paths (dependency labels, from the deed up)"
            )
        operators.append(
            Operator(
                name,
                frozenset(w.lower() for w in words),
                tuple(tuple(p.split()) for p in paths),
                entry["effect"],
                tuple(examples),
            )
        )
    return tuple(operators)
