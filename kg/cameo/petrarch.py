"""Readers for PETRARCH2's dictionaries: the CAMEO verb dictionary, the agents and the actor dictionaries.

The formats are PETRARCH2's ``dictionaries.rst``. Words are upper case, joined by ``_`` in phrases; ``#`` starts a
comment.

>>> verbs = read_verb_dictionary([
...     "&TRUCE", "+TRUCE", "+CEASE_FIRE", "",
...     "--- HIT [190] ---", "HIT {HITS HIT HITTING}", "+GUN_DOWN [193]", "- * &TRUCE [196] # HIT",
... ])
>>> verbs.synsets["TRUCE"]
('TRUCE', 'CEASE_FIRE')
>>> [(v.words, v.code) for v in verbs.classes[0].verbs]
[(('HIT',), None), (('GUN', 'DOWN'), '193')]
>>> verbs.classes[0].patterns[0].body, verbs.classes[0].patterns[0].verbs
('* &TRUCE', ('HIT',))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.errors import DictionaryError

_HEADER = re.compile(r"^---\s*(?P<name>[^\[#]*?)\s*(?:\[(?P<code>[^\]]*)\])?\s*(?:---|#|$)")
_VERB = re.compile(r"^(?P<base>[^\s{\[#]+)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?")
_PATTERN = re.compile(r"^-\s+(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*(?:#(?P<comment>.*))?$")
_AGENT = re.compile(r"^(?P<phrase>[^{\[#]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]*)[\]}]")
_ACTOR = re.compile(r"^(?P<plus>\+)?(?P<phrase>[^\[#;]+?)\s*(?:\[(?P<code>[^\]]*)\].*)?(?:[#;].*)?$")


def normal_code(raw: str | None) -> str | None:
    """A CAMEO code as digits: ``036:036`` -> ``036`` (the source's code), ``190!`` -> ``190``, ``12`` -> ``120``;
    None for the null code ``---`` or no code."""
    if raw is None:
        return None
    digits = re.sub(r"\D", "", raw.split(":")[0])
    if not digits:
        return None
    return digits + "0" if len(digits) == 2 else digits


@dataclass(frozen=True)
class VerbEntry:
    """One verb of a class: its words (``('GUN', 'DOWN')``), which word is the verb, its irregular forms and its
    code."""

    words: tuple[str, ...]
    verb_index: int
    forms: tuple[str, ...] | None  # None: regular; () written "{}"
    code: str | None  # the verb's own code, normalised
    line: int


@dataclass(frozen=True)
class Pattern:
    """A phrase pattern: the text between ``-`` and its code, the code, and the verbs its comment names."""

    body: str
    code: str | None
    verbs: tuple[str, ...]
    line: int


@dataclass
class VerbClass:
    """A ``--- NAME [code] ---`` block: its default code, verbs and patterns."""

    name: str
    code: str | None
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    """Synsets (name without ``&`` -> phrases) and verb classes in file order."""

    synsets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    classes: list[VerbClass] = field(default_factory=list)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].strip()


def _verb_words(text: str) -> tuple[tuple[str, ...], int]:
    words = text.split("_")
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    return tuple(w.lstrip("+") for w in words if w.lstrip("+")), (marked[0] if marked else 0)


def _comment_verbs(comment: str | None) -> tuple[str, ...]:
    """The verbs a pattern's comment names as its origin: ``ABANDON <ab 10 Jul 2003> , QUIT`` -> ABANDON, QUIT."""
    if not comment:
        return ()
    names = (re.match(r"\s*([A-Z][A-Z_+'-]*)", part) for part in comment.split(","))
    return tuple(dict.fromkeys(m.group(1).replace("+", "") for m in names if m))


def read_verb_dictionary(lines: Iterable[str], source: str = "verb dictionary") -> VerbDictionary:
    """Parse ``CAMEO.verbpatterns.*.txt``: synsets (``&NAME`` + ``+WORD`` lines), then classes of verbs and
    patterns."""
    result = VerbDictionary()
    synset: list[str] | None = None
    current: VerbClass | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        stripped = line.strip()
        if stripped.startswith("---"):
            match = _HEADER.match(stripped)
            current = VerbClass(
                match["name"].strip() if match else stripped, normal_code(match and match["code"])
            )
            result.classes.append(current)
            synset = None
        elif stripped.startswith("&") and current is None:
            synset = []
            result.synsets[_strip_comment(stripped)[1:].rstrip("_")] = ()
        elif synset is not None and stripped.startswith("+"):
            name = next(reversed(result.synsets))
            synset.append(_strip_comment(stripped)[1:])
            result.synsets[name] = tuple(synset)
        elif current is not None and stripped.startswith("-"):
            match = _PATTERN.match(stripped)
            if match:  # a pattern without a code is TABARI debris: PETRARCH skips it too
                current.patterns.append(
                    Pattern(
                        match["body"], normal_code(match["code"]), _comment_verbs(match["comment"]), number
                    )
                )
        elif current is not None and _strip_comment(stripped) and not stripped.startswith("~"):
            match = _VERB.match(_strip_comment(stripped))
            if not match:
                raise DictionaryError(f"{source}:{number}: cannot read verb line {stripped!r}")
            words, index = _verb_words(match["base"])
            forms = None if match["forms"] is None else tuple(match["forms"].split())
            current.verbs.append(VerbEntry(words, index, forms, normal_code(match["code"]), number))
    if not result.classes:
        raise DictionaryError(f"{source}: no verb class ('--- NAME [code] ---' line)")
    return result


@dataclass(frozen=True)
class Agent:
    """An agent noun phrase (``BORDER_GUARD``), its plural spec (None: regular) and code (``~COP``)."""

    phrase: str
    plural: str | None
    code: str


def _plural_of_another(word: str, words: list[str]) -> bool:
    """True for MEN beside MAN, MINISTRIES beside MINISTRY, MINISTERS beside MINISTER (agents are singular)."""
    singulars = (
        {word[:-3] + "Y", word[:-1], word[:-2], word[:-2] + "AN"} if word.endswith(("S", "EN")) else set()
    )
    return bool(singulars & (set(words) - {word}))


def read_agents(lines: Iterable[str], source: str = "agents dictionary") -> tuple[list[Agent], int]:
    """Parse ``Phoenix.agents.txt``, expanding substitution sets (``!PERSON! = MAN, WOMAN, ...``); also the count
    of lines with no ``[code]`` (PETRARCH skips them too)."""
    skipped = 0
    substitutions: dict[str, list[str]] = {}
    agents: list[Agent] = []
    for raw in lines:
        line = _strip_comment(raw)
        if not line or line.startswith("<"):
            continue
        if re.match(r"^!\w+!\s*=", line):
            marker, items = line.split("=", 1)
            words = [item.strip() for item in items.split(",") if item.strip()]
            substitutions[marker.strip()] = [w for w in words if not _plural_of_another(w, words)]
            continue
        match = _AGENT.match(line)
        if not match:
            skipped += 1
            continue
        phrases = [match["phrase"].strip()]
        for marker, items in substitutions.items():
            phrases = [
                p.replace(marker, item) for p in phrases for item in (items if marker in p else [marker])
            ]
        agents.extend(Agent(p, match["plural"], match["code"].strip()) for p in phrases)
    if not agents:
        raise DictionaryError(f"{source}: no 'PHRASE [code]' line")
    return agents, skipped


@dataclass
class ActorRecord:
    """An actor dictionary record: its phrases (primary first) and codes (dated or not)."""

    names: list[str]
    codes: list[str]
    line: int


def read_actors(lines: Iterable[str], source: str = "actor dictionary") -> list[ActorRecord]:
    """Parse a PETRARCH actor dictionary: a primary phrase, ``+`` synonyms, tab-indented ``[code date]`` lines."""
    records: list[ActorRecord] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        if line[:1] in " \t" and body.strip().startswith("["):
            if records:
                records[-1].codes.extend(c.split()[0] for c in re.findall(r"\[([^\]]+)\]", body) if c.split())
            continue
        match = _ACTOR.match(body.strip())
        if not match:
            raise DictionaryError(f"{source}:{number}: cannot read actor line {body.strip()!r}")
        codes = [c.split()[0] for c in re.findall(r"\[([^\]]+)\]", body) if c.split()]
        if match["plus"] and records:
            records[-1].names.append(match["phrase"].strip())
            records[-1].codes.extend(codes)
        else:
            records.append(ActorRecord([match["phrase"].strip()], codes, number))
    return records
