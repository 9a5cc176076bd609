"""Operators: governing words that change what a deed below them is, read from the lexicon as data.

An operator names governing ``words`` (lemmas or forms, also a verb with its particle: "break off"; or the words
of a ``lists`` word list of the lexicon's ``modality`` section), the dependency ``paths`` that lead from a deed to
one of them, and an ``effect``: ``negated``, ``hypothetical``, ``future``, ``asserted`` (the deed is as real as
the word says: nothing above it counts), or ``derive``: the deed tells another relation, as the lexicon's mapping
named by ``relations`` says ("halted talks with Iran" sanctions Iran by ``halted``). "cautioned Peru against
attacking Bolivia" holds the attack under "against" by ``pcomp``: ``{words: [against], paths: [pcomp], effect:
hypothetical}`` makes it a warning's content, not a deed done. Options: ``pos`` (the word's coarse parts of
speech), ``governor`` (the modality the word itself must have for the effect to hold; else the deed is left
asserted: "did not confirm" makes a report unconfirmed, "confirmed" leaves it told), ``unless`` (the modality
the word must not have: "will not lift the sanctions" leaves them standing, "agreed to lift" does not) and
``doer`` (who does the deed: the word's ``modifier``, as in "Ukraine's bid for membership", or the ``subject`` of
the verb whose object the word is, as in "made the case for airstrikes").

A path is a list of steps from the deed, separated by spaces: ``dep`` climbs from a word hanging by ``dep`` to
its head, ``>dep`` goes down to a child hanging by ``dep``; ``a|b`` allows either label and a ``:word|word``
suffix asks the word reached to be one of these. ``>aux:to aux acl`` goes down to the deed's infinitive "to",
back up to the deed, and up to the noun it completes ("the right to fire").

The engine knows no English word; the lexicon's ``operators`` section holds the words, each entry with
``examples`` (sentences of our own, the triples they must and must not give) from which tests are generated.
Operators are tried in the order listed; the first that matches a governing word decides what it makes of the
deed.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Chile warned Peru against attacking Bolivia.")
>>> op = load_operators([{"name": "opposed", "words": ["against"], "paths": ["pcomp"], "effect": "hypothetical",
...                       "examples": [{"text": "..."}]}], "relations.yaml")[0]
>>> [(o.effect, word.text) for o, word in Operators([op]).governing(doc[4])]
[('hypothetical', 'against')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from spacy.glossary import GLOSSARY
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Token

from kg.errors import LexiconError

EFFECTS = ("negated", "hypothetical", "future", "asserted")
"""What an operator may make of a deed: the three modalities a statement may have besides ``asserted``, strongest
first, and ``asserted`` (the deed stands as told, whatever governs the word)."""
DERIVE = "derive"
"""The effect of an operator that makes a deed tell another relation (by the lexicon mapping its ``relations``
names), not a modality."""
DOERS = ("modifier", "subject")
KEYS = frozenset({
    "name", "words", "lists", "paths", "pos", "effect", "governor", "unless", "doer", "relations", "examples",
})  # fmt: skip
EXAMPLE_KEYS = frozenset({"text", "expect", "absent"})


@dataclass(frozen=True)
class Step:
    """One step of a path: up from a word hanging by one of ``deps`` to its head, or ``down`` to such a child;
    the word reached must be one of ``words`` when any are given."""

    down: bool
    deps: frozenset[str]
    words: frozenset[str] = frozenset()

    def take(self, token: Token) -> list[Token]:
        """The words this step reaches from ``token``."""
        if self.down:
            reached = [c for c in token.children if c.dep_ in self.deps]
        else:
            reached = [token.head] if token.dep_ in self.deps and token.head.i != token.i else []
        return [t for t in reached if not self.words or named(t, self.words)]


Path = tuple[Step, ...]


@dataclass(frozen=True)
class Operator:
    """Governing ``words`` that make a deed reaching them by one of ``paths`` ``effect``."""

    name: str
    words: frozenset[str]
    paths: tuple[Path, ...]
    effect: str
    pos: frozenset[str] = frozenset()
    governor: str | None = None
    unless: str | None = None
    doer: str | None = None
    relations: str | None = None
    examples: tuple[dict, ...] = field(default=(), compare=False)

    def words_over(self, deed: Token, path: Path) -> list[Token]:
        """The words of this operator that govern ``deed`` by ``path``."""
        reached = [deed]
        for step in path:
            reached = [t for r in reached for t in step.take(r)]
        return [t for t in reached if named(t, self.words) and (not self.pos or t.pos_ in self.pos)]


def named(token: Token, words: frozenset[str]) -> bool:
    """True when ``words`` name the token: by its lemma, its form, or as a verb with its particle ("break off")."""
    lemma = token.lemma_.lower()
    if lemma in words or token.lower_ in words:
        return True
    return any(f"{lemma} {c.lower_}" in words for c in token.children if c.dep_ == "prt")


class Operators:
    """Operators filed by the first step of their paths, so that a deed is tried only with the paths that can
    start from it."""

    def __init__(self, operators: Iterable[Operator]) -> None:
        self.operators = tuple(operators)
        self.up: dict[str, list[tuple[int, int]]] = {}
        self.down: dict[str, list[tuple[int, int]]] = {}
        for rank, op in enumerate(self.operators):
            for number, path in enumerate(op.paths):
                table = self.down if path[0].down else self.up
                for dep in path[0].deps:
                    table.setdefault(dep, []).append((rank, number))

    def governing(self, deed: Token) -> list[tuple[Operator, Token]]:
        """Each word that governs ``deed`` with the operator that decides for it (the first listed that
        matches)."""
        tries = set(self.up.get(deed.dep_, ()))
        for dep in {c.dep_ for c in deed.children}:
            tries.update(self.down.get(dep, ()))
        claimed: dict[int, tuple[Operator, Token]] = {}
        for rank, number in sorted(tries):
            op = self.operators[rank]
            for word in op.words_over(deed, op.paths[number]):
                claimed.setdefault(word.i, (op, word))
        return list(claimed.values())


def load_operators(
    entries: object,
    where: str,
    lists: Mapping[str, frozenset[str]] | None = None,
    mappings: Iterable[str] = (),
) -> tuple[Operator, ...]:
    """The lexicon's ``operators`` section: a list of ``{name, words, lists, paths, effect, ...}``; every entry
    must carry examples, an effect of :data:`EFFECTS` (or :data:`DERIVE` with ``relations``, one of
    ``mappings``), words, and paths of dependency labels spaCy knows."""
    if not isinstance(entries, list):
        raise LexiconError(f"{where}: 'operators' must be a list of operators")
    return tuple(_operator(entry, where, lists or {}, frozenset(mappings)) for entry in entries)


def _operator(
    entry: object, where: str, lists: Mapping[str, frozenset[str]], mappings: frozenset[str]
) -> Operator:
    name = str(entry.get("name", "")) if isinstance(entry, dict) else ""
    if not isinstance(entry, dict) or not name or set(entry) - KEYS:
        raise LexiconError(
            f"{where}: operator {name or entry!r} needs a name and only {', '.join(sorted(KEYS))}"
        )
    where = f"{where}: operator {name!r}"
    if entry.get("effect") not in (*EFFECTS, DERIVE):
        raise LexiconError(f"{where} has effect {entry.get('effect')!r}, not one of {(*EFFECTS, DERIVE)}")
    if (entry["effect"] == DERIVE) != (entry.get("relations") in mappings):
        raise LexiconError(
            f"{where}: a {DERIVE} effect, and only it, names relations, one of {sorted(mappings)}"
        )
    modalities = (entry.get("governor", EFFECTS[-1]), entry.get("unless", EFFECTS[-1]))
    if any(m not in EFFECTS for m in modalities) or entry.get("doer", DOERS[0]) not in DOERS:
        raise LexiconError(f"{where}: its governor and unless must be in {EFFECTS}, its doer one of {DOERS}")
    examples = entry.get("examples") or []
    if not examples or any(
        not isinstance(e, dict) or set(e) - EXAMPLE_KEYS or "text" not in e for e in examples
    ):
        raise LexiconError(f"{where} needs examples of text with expect/absent triples")
    words = set(_strings(entry, "words", where))
    for listed in _strings(entry, "lists", where):
        if listed not in lists:
            raise LexiconError(f"{where} names {listed!r}, no word list of the modality section")
        words |= lists[listed]
    paths = tuple(_path(p, where) for p in _strings(entry, "paths", where))
    pos = frozenset(_strings(entry, "pos", where))
    if not words or not paths or pos - set(POS_IDS):
        raise LexiconError(f"{where} needs words, paths (dependency labels, from the deed up) and known pos")
    return Operator(
        name,
        frozenset(w.lower() for w in words),
        paths,
        entry["effect"],
        pos,
        entry.get("governor"),
        entry.get("unless"),
        entry.get("doer"),
        entry.get("relations"),
        tuple(examples),
    )


def _strings(entry: dict, key: str, where: str) -> list[str]:
    values = entry.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise LexiconError(f"{where}: {key!r} must be a list of words (quote on/no/yes/off in YAML)")
    return values


def _path(text: str, where: str) -> tuple[Step, ...]:
    """A path written as steps (``dep``, ``>dep``, ``a|b``, ``dep:word``), checked against spaCy's labels."""
    steps = []
    for part in text.split():
        deps, _, words = part.removeprefix(">").partition(":")
        labels = frozenset(deps.split("|"))
        unknown = sorted(label for label in labels if label not in GLOSSARY or label.upper() == label)
        if unknown or (not words and ":" in part):
            raise LexiconError(f"{where}: path {text!r} has no dependency label {(unknown or [part])[0]!r}")
        steps.append(
            Step(part.startswith(">"), labels, frozenset(words.split("|")) if words else frozenset())
        )
    if not steps:
        raise LexiconError(f"{where}: an empty path")
    return tuple(steps)
