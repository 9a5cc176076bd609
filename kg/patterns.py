"""Structural patterns: spaCy ``DependencyMatcher`` patterns, read from ``ontology/patterns.yaml`` as data.

A pattern finds a construction by the shape of the parse alone: a title in apposition to a name, "as
part of", "between X and Y", "X, including Y". Its nodes are named by the roles they play (``holder``, ``title``,
``office``, ``whole``, ``member``, ``event``, ``party``); the code that reads a match decides what the words are
(whether "President" is a title is ``ontology/gazetteer/titles.yaml``'s business, not the pattern's). A role listed under
``coordinated`` is also filled by each of its word's conjuncts ("between Chile, Peru and Bolivia" gives three
parties). Every pattern carries ``examples`` (a sentence and its rewordings, with the word each role must take),
from which tests are generated; a malformed file is a coded error (E302) on load.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Talks between Chile and Peru resumed.")
>>> [(name, roles["event"].text, roles["party"].text) for name, roles in find(doc) if name == "between"]
[('between', 'Talks', 'Chile'), ('between', 'Talks', 'Peru')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import product
from pathlib import Path

import yaml
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from kg.errors import LexiconError
from kg.paths import ONTOLOGY_DIR, load_yaml

PATTERNS_FILE = "patterns.yaml"
KEYS = frozenset({"name", "roles", "coordinated", "pattern", "examples", "unmatched"})
NODE_KEYS = frozenset({"RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP"})
REL_OPS = frozenset(
    {"<", ">", "<<", ">>", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--"}
    | {">+", ">-", ">++", ">--", "<+", "<-", "<++", "<--"}
)
"""The relation operators of spaCy's ``DependencyMatcher``."""
MIN_EXAMPLES = 3
"""A sentence and two rewordings."""
LITERAL_ATTRS = {
    "LOWER": "lower_",
    "ORTH": "orth_",
    "TEXT": "text",
    "LEMMA": "lemma_",
    "NORM": "norm_",
    "DEP": "dep_",
}
"""Token attributes a node may ask given values of: a sentence where no token has them is not searched."""

Match = tuple[str, dict[str, Token]]
"""A pattern's name and the token each of its roles took."""


@dataclass(frozen=True, eq=False)
class Pattern:
    """A ``DependencyMatcher`` pattern (``nodes``) named ``name``, whose nodes ``roles`` are reported (compared
    by identity: the loaded patterns are cached)."""

    name: str
    roles: tuple[str, ...]
    coordinated: frozenset[str]
    nodes: tuple[dict, ...]
    examples: tuple[dict, ...]
    unmatched: tuple[str, ...]

    @cached_property
    def literals(self) -> tuple[tuple[str, frozenset[str]], ...]:
        """(token attribute, values) for each node that asks for given values (word "between", lemma "part",
        dependency "appos")."""
        found = []
        for node in self.nodes:
            for key, value in node["RIGHT_ATTRS"].items():
                listed = value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else [value]
                if key in LITERAL_ATTRS and all(isinstance(w, str) for w in listed):
                    found.append((LITERAL_ATTRS[key], frozenset(listed)))
        return tuple(found)


def load_patterns(path: str | Path | None = None) -> tuple[Pattern, ...]:
    """The patterns of ``path`` (``ontology/patterns.yaml`` by default), validated."""
    return _load(str(path or ONTOLOGY_DIR / PATTERNS_FILE))


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[Pattern, ...]:
    where = Path(path).name
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise LexiconError(f"{where}: cannot read: {str(err).splitlines()[0]}") from None
    return parse_patterns(data, where)


def parse_patterns(data: object, where: str = PATTERNS_FILE) -> tuple[Pattern, ...]:
    """Patterns from the parsed YAML ``data``; :class:`~kg.errors.LexiconError` (E302) for a malformed entry.

    >>> parse_patterns([{"name": "x", "roles": ["a"], "pattern": [{"RIGHT_ID": "b"}], "examples": []}])
    Traceback (most recent call last):
    kg.errors.LexiconError: error[E302]: patterns.yaml: pattern 'x': role 'a' names no node (nodes: b)
    """
    if not isinstance(data, list):
        raise LexiconError(f"{where}: expected a list of patterns, found {type(data).__name__}")
    patterns = [_pattern(entry, where) for entry in data]
    names = [p.name for p in patterns]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise LexiconError(f"{where}: pattern {twice[0]!r} is defined twice")
    matcher = DependencyMatcher(Vocab(), validate=True)
    for p in patterns:
        try:
            matcher.add(p.name, [list(p.nodes)])
        except (ValueError, KeyError) as err:  # spaCy's own check of the token attributes
            message = " ".join(str(err).split())
            raise LexiconError(f"{where}: pattern {p.name!r}: {message[:200]}") from None
    return tuple(patterns)


def _pattern(entry: object, where: str) -> Pattern:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise LexiconError(f"{where}: each pattern needs a name (found {entry!r:.60})")
    where = f"{where}: pattern {entry['name']!r}"
    unknown = sorted(set(entry) - KEYS)
    if unknown:
        raise LexiconError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(KEYS))})")
    nodes = _nodes(entry.get("pattern"), where)
    ids = [n["RIGHT_ID"] for n in nodes]
    roles = entry.get("roles")
    if not isinstance(roles, list) or not roles:
        raise LexiconError(f"{where}: 'roles' must list the nodes the pattern reports")
    for role in roles:
        if role not in ids:
            raise LexiconError(f"{where}: role {role!r} names no node (nodes: {', '.join(ids)})")
    coordinated = entry.get("coordinated") or []
    if not isinstance(coordinated, list) or set(coordinated) - set(roles):
        raise LexiconError(f"{where}: 'coordinated' must list some of the roles {roles}")
    examples = entry.get("examples")
    if not isinstance(examples, list) or len(examples) < MIN_EXAMPLES:
        raise LexiconError(f"{where}: needs {MIN_EXAMPLES} examples (a sentence and two rewordings)")
    for example in examples:
        if (
            not isinstance(example, dict)
            or set(example) != {"text", "expect"}
            or not isinstance(example["expect"], dict)
            or set(example["expect"]) != set(roles)
        ):
            raise LexiconError(
                f"{where}: an example needs a text and the word 'expect'ed of each role {roles}"
            )
    unmatched = entry.get("unmatched") or []
    if not isinstance(unmatched, list) or not all(isinstance(t, str) for t in unmatched):
        raise LexiconError(f"{where}: 'unmatched' must list sentences the pattern must not match")
    return Pattern(
        entry["name"], tuple(roles), frozenset(coordinated), tuple(nodes), tuple(examples), tuple(unmatched)
    )


def _nodes(nodes: object, where: str) -> list[dict]:
    """The pattern's nodes, each known keys only, a known REL_OP and a LEFT_ID among the nodes before it."""
    if not isinstance(nodes, list) or not nodes:
        raise LexiconError(f"{where}: 'pattern' must be a list of DependencyMatcher nodes")
    seen: list[str] = []
    for i, node in enumerate(nodes):
        if not isinstance(node, dict):
            raise LexiconError(f"{where}: node {i} must be a mapping")
        unknown = sorted(set(node) - NODE_KEYS)
        if unknown:
            known = ", ".join(sorted(NODE_KEYS))
            raise LexiconError(f"{where}: node {i} has unknown key {unknown[0]!r} (known: {known})")
        needed = {"RIGHT_ID"} if i == 0 else {"RIGHT_ID", "LEFT_ID", "REL_OP"}
        if needed - set(node) or (i == 0 and set(node) & {"LEFT_ID", "REL_OP"}):
            raise LexiconError(
                f"{where}: node {i} needs exactly {', '.join(sorted(needed))} (and RIGHT_ATTRS)"
            )
        if i and node["REL_OP"] not in REL_OPS:
            known = " ".join(sorted(REL_OPS))
            raise LexiconError(f"{where}: node {i} has REL_OP {node['REL_OP']!r}, not one of {known}")
        if i and node["LEFT_ID"] not in seen:
            raise LexiconError(f"{where}: node {i}'s LEFT_ID {node['LEFT_ID']!r} is no node before it")
        if node["RIGHT_ID"] in seen:
            raise LexiconError(f"{where}: node {i}'s RIGHT_ID {node['RIGHT_ID']!r} is used twice")
        seen.append(node["RIGHT_ID"])
    return [{"RIGHT_ATTRS": {}, **node} for node in nodes]


@lru_cache(maxsize=64)
def _matcher(vocab: Vocab, patterns: tuple[Pattern, ...]) -> DependencyMatcher:
    matcher = DependencyMatcher(vocab)
    for p in patterns:
        matcher.add(p.name, [list(p.nodes)])
    return matcher


def find(doclike: Doc | Span, patterns: Iterable[Pattern] | None = None) -> list[Match]:
    """The matches of ``patterns`` (the ontology's by default) in a Doc or Span: (pattern name, {role: token}),
    one per filling of the roles, in token order (by the first of their tokens). Each sentence is searched for
    the patterns whose given words and dependencies it holds."""
    patterns = tuple(load_patterns() if patterns is None else patterns)
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    start, end = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
    by_name = {p.name: p for p in patterns}
    found: set[tuple[str, tuple[int, ...]]] = set()
    for sent in doclike.sents:
        values: dict[str, set[str]] = {}  # token attribute -> the sentence's values, read when a pattern asks
        able = tuple(p for p in patterns if not any(_lacks(sent, values, a, v) for a, v in p.literals))
        for key, ids in _matcher(doc.vocab, able)(sent) if able else ():
            pattern = by_name[doc.vocab.strings[key]]
            at = dict(zip((n["RIGHT_ID"] for n in pattern.nodes), (sent.start + i for i in ids), strict=True))
            fillings = [
                [at[role], *(c.i for c in doc[at[role]].conjuncts)]
                if role in pattern.coordinated
                else [at[role]]
                for role in pattern.roles
            ]
            found |= {(pattern.name, f) for f in product(*fillings) if all(start <= i < end for i in f)}
    order = sorted(found, key=lambda m: (min(m[1]), m[1], m[0]))
    return [
        (name, {role: doc[i] for role, i in zip(by_name[name].roles, f, strict=True)}) for name, f in order
    ]


def _lacks(sent: Span, values: dict[str, set[str]], attr: str, listed: frozenset[str]) -> bool:
    """True when no token of ``sent`` has one of ``listed`` as ``attr``."""
    if attr not in values:
        values[attr] = {getattr(t, attr) for t in sent}
    return values[attr].isdisjoint(listed)


class Structures:
    """The matches of one Doc, found on first use and looked up by the tokens of their roles.

    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline()("Talks between Chile and Peru resumed.")
    >>> [t.text for t in Structures(doc).fill("party", event=doc[0])]
    ['Chile', 'Peru']
    """

    def __init__(self, doc: Doc, patterns: Iterable[Pattern] | None = None) -> None:
        self.doc = doc
        self.patterns = patterns

    @cached_property
    def _by_role(self) -> dict[tuple[str, int], list[dict[str, Token]]]:
        index: dict[tuple[str, int], list[dict[str, Token]]] = {}
        for _, roles in find(self.doc, self.patterns):
            for role, token in roles.items():
                index.setdefault((role, token.i), []).append(roles)
        return index

    def fill(self, role: str, **given: Token) -> list[Token]:
        """The tokens that fill ``role`` in the matches whose roles ``given`` are those tokens, in token order:
        ``fill("party", event=talks)``."""
        (first, token), *rest = given.items()
        found = {
            roles[role].i: roles[role]
            for roles in self._by_role.get((first, token.i), [])
            if role in roles and all(roles.get(r) == t for r, t in rest)
        }
        return [found[i] for i in sorted(found)]
