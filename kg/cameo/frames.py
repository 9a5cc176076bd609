"""PETRARCH2's verb dictionary turned into newskg frames: verbs, phrases and event nouns with their CAMEO code,
PLOVER type, relation and mode.

Every verb of a class gets the class's code (or its own ``[code]``); a pattern becomes a phrase ("verb extra ...")
when it is the verb plus a particle, an object's head noun, or a preposition and its object's head noun, and its
code gives another relation than the verb's; an object noun of a verb that carries no relation itself ("express
condemnation") is an event noun. What is not converted is counted with the reason.

>>> from kg.cameo.petrarch import read_verb_dictionary
>>> from kg.cameo.plover import parse_plover_table
>>> table = parse_plover_table(["190: ASSAULT, , military", "1313: THREATEN, relations, diplomatic"])
>>> verbs = read_verb_dictionary(["--- CLOBBER [190] ---", "CLOBBER", "- * NEGOTIATION [1313] # CLOBBER"])
>>> result = convert_verbs(verbs, table, Lemmatizer())
>>> result.verbs["clobber"]["relation"], result.verbs["clobber"]["forms"]
('attacks', ['clobbered', 'clobbering', 'clobbers'])
>>> result.phrases["clobber negotiation"]["relation"]
'threatens'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kg.cameo.petrarch import Pattern, VerbClass, VerbDictionary, VerbEntry
from kg.cameo.plover import STATEMENT, PloverTable

# fmt: off
PREPOSITIONS = frozenset([
    "about", "above", "across", "after", "against", "along", "amid", "among", "around", "at", "before",
    "behind", "below", "beneath", "beside", "between", "beyond", "by", "despite", "during", "for", "from",
    "in", "inside", "into", "near", "of", "off", "on", "onto", "outside", "over", "per", "since", "through",
    "throughout", "to", "toward", "towards", "under", "until", "upon", "via", "with", "within", "without",
])
PARTICLES = frozenset([
    "up", "down", "off", "out", "back", "away", "over", "aside", "apart", "together", "forward", "ahead",
    "along", "around",
])
FUNCTION_WORDS = frozenset([
    "a", "an", "the", "and", "or", "but", "nor", "not", "no", "to", "would", "will", "shall", "should",
    "could", "can", "may", "might", "must", "be", "been", "being", "was", "were", "is", "are", "am", "has",
    "have", "had", "do", "does", "did", "that", "this", "these", "those", "it", "its", "their", "his", "her",
    "our", "your", "my", "they", "them", "he", "she", "we", "who", "whom", "which", "what", "when", "where",
    "why", "how", "all", "any", "some", "more", "most", "other", "such", "than", "then", "there", "here",
    "as", "so", "if", "also", "very", "only", "just", "own", "same", "too",
])
# fmt: on
EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "al", "ure", "ing", "ade")
NOMINAL_SUFFIXES = frozenset(
    {"ion", "tion", "ation", "ition", "ment", "al", "ance", "ence", "ing", "ure", "age"}
)
NULL = "---"
NULL_REASON = "the null code: PETRARCH codes no event for these verbs or patterns"
_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")
_WORD = re.compile(r"[A-Z][A-Z'-]*")


def nominalizes(noun: str, verb: str) -> bool:
    """True when ``noun`` is the event noun of ``verb``: the verb itself as a noun, or its stem with a suffix.

    >>> nominalizes("negotiation", "negotiate"), nominalizes("kidnapping", "kidnap"), nominalizes("denial", "deny")
    (True, True, True)
    >>> nominalizes("immigrant", "immigrate"), nominalizes("billion", "bill"), nominalizes("agree", "agree")
    (False, False, True)
    """
    if noun == verb:
        return True
    stem = verb[:-1] if verb.endswith("e") else verb[:-1] + "i" if verb.endswith("y") else verb
    if len(stem) < 4 or not noun.startswith(stem):
        return False
    rest = noun[len(stem) :]
    if rest[:1] == stem[-1]:  # "kidnapping"
        rest = rest[1:]
    return rest in NOMINAL_SUFFIXES and (rest != "ion" or stem[-1] in "ts")  # "extradition", not "billion"


class Lemmatizer:
    """Lower-case lemmas from the installed spaCy model's rule lemmatizer, given the part of speech.

    >>> Lemmatizer().lemma("TIES", "NOUN")
    'tie'
    """

    def __init__(self) -> None:
        self._lemmas: dict[tuple[str, str], str] = {}
        self._index: set[str] = set()

    @staticmethod
    @lru_cache(maxsize=1)
    def _pipeline():  # a spaCy Language
        import spacy

        from kg.nlp import resolve_model

        return spacy.load(resolve_model(None), exclude=["tok2vec", "tagger", "parser", "ner", "senter"])

    def lemma(self, word: str, pos: str) -> str:
        """The lemma of ``word`` as ``pos`` (NOUN, VERB)."""
        key = (word.lower(), pos)
        if key[0].endswith(("ss", "is", "us")):  # the rules would make "analysi", "dismis", "discus"
            return key[0]
        if key not in self._lemmas:
            from spacy.tokens import Doc

            nlp = self._pipeline()
            doc = Doc(nlp.vocab, words=[key[0]], pos=[pos])
            self._lemmas[key] = nlp.get_pipe("lemmatizer")(doc)[0].lemma_.lower() or key[0]
        return self._lemmas[key]

    def verb(self, word: str) -> str:
        """A verb entry's lemma: the entry itself, unless it is inflected ("RALLIED", "THREW"; not "DISMISS")."""
        lemma, word = self.lemma(word, "VERB"), word.lower()
        return lemma if word.endswith(("ed", "ing")) or not word.endswith("s") else word

    def known(self, word: str) -> bool:
        """True for a lemma of the model's lemma index (WordNet's), or a hyphenated or closed compound of two
        ("counter-attack", "ceasefire"); not for TABARI stems ("ACCUS", "NEGOTIAT") or inflected forms.

        >>> lemmas = Lemmatizer()
        >>> lemmas.known("truce"), lemmas.known("ceasefire"), lemmas.known("negotiat"), lemmas.known("killed")
        (True, True, False, False)
        """
        if not self._index:
            tables = self._pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")
            self._index.update(*tables.values())
        if word in self._index or ("-" in word and all(p in self._index for p in word.split("-") if p)):
            return True
        return any(word[:i] in self._index and word[i:] in self._index for i in range(3, len(word) - 2))

    def noun_phrase(self, words: Iterable[str]) -> str:
        """A phrase with its last word as a noun lemma: ``DIPLOMATIC TIES`` -> ``diplomatic tie``."""
        *mods, head = [w.lower() for w in words]
        return " ".join([*mods, self.lemma(head, "NOUN")])


def regular_forms(verb: str) -> list[str]:
    """The regular inflections PETRARCH generates for a verb (no doubling: irregular ones are listed).

    >>> regular_forms("deny"), regular_forms("raise"), regular_forms("push")
    (['denied', 'denies', 'denying'], ['raised', 'raises', 'raising'], ['pushed', 'pushes', 'pushing'])
    """
    consonant_y = re.search(r"[^aeiou]y$", verb) is not None
    third = verb[:-1] + "ies" if consonant_y else verb + ("es" if re.search(r"(s|x|z|ch|sh)$", verb) else "s")
    past = verb[:-1] + "ied" if consonant_y else verb + ("d" if verb.endswith("e") else "ed")
    if verb.endswith("ie"):
        ing = verb[:-2] + "ying"
    elif verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        ing = verb[:-1] + "ing"
    else:
        ing = verb + "ing"
    return sorted({third, past, ing})


@dataclass
class Candidate:
    """One reading of a lemma or phrase: its code, whether the class gave it (a bare entry), where, and whether
    the class is named after the verb (``--- STAB [182] ---`` for STAB: the verb's own class)."""

    code: str | None
    bare: bool
    line: int
    own_class: bool = False


@dataclass
class VerbFrames:
    """The converted lexicon: entries with their frames, what was left out and the conflicts resolved."""

    verbs: dict[str, dict] = field(default_factory=dict)
    phrases: dict[str, dict] = field(default_factory=dict)
    nouns: dict[str, dict] = field(default_factory=dict)
    left_out: dict[str, dict] = field(default_factory=dict)
    conflicts: dict[str, dict] = field(default_factory=dict)


class _Converter:
    def __init__(
        self, table: PloverTable, lemmatizer: Lemmatizer, synsets: dict[str, tuple[str, ...]]
    ) -> None:
        self.table = table
        self.lemmas = lemmatizer
        self.synsets = synsets
        self.candidates: dict[str, dict[str, list[Candidate]]] = {"verbs": {}, "phrases": {}, "nouns": {}}
        self.forms: dict[str, set[str]] = {}
        self.code_counts: dict[str, Counter[str]] = {}
        self.skipped: dict[str, Counter[str]] = {
            "verbs": Counter(),
            "patterns": Counter(),
            "nouns": Counter(),
        }
        self.conflicts: dict[str, dict] = {}
        self.verb_lemmas: set[str] = set()
        self.object_nouns: set[str] = set()  # the nouns patterns have as objects
        self.unknown = 0  # words heads() refused as unknown
        self.plain_nouns: set[str] = set()  # of those, the plural ones and synset members

    def count_code(self, code: str | None, kind: str) -> bool:
        """Count a code that gives no frame (True when it gives one)."""
        if code is not None and self.table.frame(code) is not None:
            return True
        self.code_counts.setdefault(code or NULL, Counter())[kind] += 1
        return False

    def nouns_of(self, noun: str) -> list[Candidate]:
        return self.candidates["nouns"].get(noun, [])

    def add(self, section: str, key: str, candidate: Candidate) -> None:
        self.candidates[section].setdefault(key, []).append(candidate)

    def read_verb(self, entry: VerbEntry, verb_class: VerbClass) -> None:
        code = entry.code or verb_class.code
        if entry.verb_index > 0:
            self.skipped["verbs"]["the verb after its compound word (WIRE_+TAP)"] += 1
            return
        words = [w.lower() for w in entry.words]
        if len(words) > 1 and any(w in FUNCTION_WORDS or not _WORD.fullmatch(w.upper()) for w in words[1:]):
            self.skipped["verbs"]["a multi-word verb with a function word (SHOT_AND)"] += 1
            return
        self.count_code(code, "verbs")
        lemma = self.lemmas.verb(words[0])
        own = verb_class.name.rstrip("_").replace(" ", "_") == "_".join(entry.words)
        candidate = Candidate(code, entry.code is None, entry.line, own)
        if len(words) > 1:
            self.add("phrases", " ".join([lemma, *words[1:]]), candidate)
            return
        self.add("verbs", lemma, candidate)
        self.verb_lemmas.add(lemma)
        forms = self.forms.setdefault(lemma, set())
        if entry.forms is None:
            forms.update(regular_forms(lemma))
        else:
            forms.update(f.lower() for f in entry.forms if "_" not in f and f.lower() != lemma)

    def heads(self, token: str, from_synset: bool = False) -> list[tuple[str | None, str]] | None:
        """(head lemma, whole-phrase lemma) of an object token: a word, A_B compound, {A B} phrase or &SYNSET
        (whose compound members have no head to stand for them in a phrase)."""
        if token.startswith("&"):
            members = self.synsets.get(token[1:].rstrip("_"))
            if members is None:
                return None
            unknown = self.unknown
            found = [h for m in members for h in (self.heads(m.rstrip("_"), True) or [])]
            self.unknown = unknown if found else self.unknown  # a synset fails only when no member is known
            return found or None
        words = token.strip("{}").replace("_", " ").split()
        if token.startswith("{") and words and words[-1].startswith("&"):
            return self.heads(words[-1], from_synset)
        if not words or len(words) > 2 or not all(_WORD.fullmatch(w) for w in words):
            return None
        if any(w.lower() in FUNCTION_WORDS or w.lower() in PREPOSITIONS for w in words):
            return None
        head, whole = self.lemmas.lemma(words[-1], "NOUN"), self.lemmas.noun_phrase(words)
        if not all(self.lemmas.known(w) for w in whole.split()):
            self.unknown += 1
            return None
        if from_synset and len(words) > 1:  # "cease fire" and "blue helmets" are no "fire" or "helmet"
            return [(None, whole)]
        if head != words[-1].lower() or from_synset:
            self.plain_nouns.add(whole)  # plural or listed: surely a noun
        return [(head, whole)]

    def extras(self, body: str) -> tuple[list[tuple[list[str], str | None]], str]:
        """The words a pattern adds to its verb (each with the object noun phrase, when that is all it adds),
        or the reason it cannot be written as a phrase."""
        before, star, after = body.partition("*")
        if not star or before.replace("$", "").strip():
            return [], "words before the verb (a subject noun or auxiliary)"
        tokens = _TOKEN.findall(after)
        while tokens and (tokens[-1] == "+" or tokens[-1].lower() in PREPOSITIONS):
            tokens.pop()  # the target: "demand withdrawal of + from", read by the extractor
        if (
            tokens[:1] == ["+"]
            and len(tokens) > 1
            and (tokens[1].startswith("(") or tokens[1].lower() in PREPOSITIONS)
        ):
            tokens = tokens[1:]  # "ask + for aid": the target is the direct object
        if len(tokens) == 1 and tokens[0].startswith("("):
            tokens = tokens[0].strip("()").split(None, 1)
        if not tokens:
            return [], "a preposition or target slot only"
        if any(mark in token for token in tokens for mark in "+$^"):
            return [], "an actor slot where a phrase cannot have one"
        if len(tokens) == 1 and tokens[0].lower() in PARTICLES:
            return [([tokens[0].lower()], None)], ""
        prep = []
        if len(tokens) == 2 and tokens[0].lower() in PREPOSITIONS:
            prep, tokens = [tokens[0].lower()], tokens[1:]
            if prep == ["to"] and tokens[0].lower() in self.verb_lemmas:
                return [], "an infinitive (to + verb)"
        unknown = self.unknown
        heads = self.heads(tokens[0]) if len(tokens) == 1 else None
        if heads is None and self.unknown > unknown:
            return [], "a TABARI stem or a word the lemmatizer does not know (ACCUS, CONDEMNED)"
        if heads is None:
            return [], "more than a verb and one or two content words"
        return [([*prep, head] if head else [], None if prep else whole) for head, whole in heads], ""

    def read_pattern(
        self, pattern: Pattern, source: VerbEntry | None, verb_frame: dict | None, light: bool
    ) -> None:
        if not self.count_code(pattern.code, "patterns"):
            return
        if source is None or len(source.words) > 1 or source.verb_index:
            self.skipped["patterns"]["a multi-word verb or a class without verbs"] += 1
            return
        readings, reason = self.extras(pattern.body)
        if not readings:
            self.skipped["patterns"][reason] += 1
            return
        verb = self.lemmas.verb(source.words[0])
        for _, noun in readings:
            if noun is not None:  # a candidate event noun: see convert_verbs
                self.object_nouns.add(noun)
                if light:
                    self.add("nouns", noun, Candidate(pattern.code, False, pattern.line))
        frame = self.table.frame(pattern.code or "")
        if verb_frame is not None and frame is not None and frame["relation"] == verb_frame["relation"]:
            self.skipped["patterns"]["the verb's own type (no change)"] += 1
            return
        for words, _ in readings:
            if words:
                self.add("phrases", " ".join([verb, *words]), Candidate(pattern.code, False, pattern.line))

    def light_noun(self, noun: str, candidates: list[Candidate]) -> list[Candidate]:
        """The evidence for an object noun of statement verbs ("declare a ceasefire", "express condemnation"),
        when the noun names an event: it ends in a verb ("airstrike") or in one of EVENT_SUFFIXES (not "war",
        which &FIGHT has with "declare" and "end" alike, nor "town")."""
        head = re.split(r"[\s-]", noun)[-1]
        if head.endswith(EVENT_SUFFIXES) or any(head.endswith(v) for v in self.verb_lemmas if len(v) > 3):
            return candidates
        self.skipped["nouns"]["not an event noun (no verb, no -tion/-ment/... ending)"] += 1
        return []

    def choose(self, section: str, key: str, candidates: list[Candidate]) -> dict | None:
        """The frame of the code of the verb's own class (even the null code), else of the most frequent
        convertible code (bare entries first, then the earliest)."""
        usable = [c for c in candidates if c.code is not None and self.table.frame(c.code) is not None]
        pool = [c for c in usable if c.bare] or usable
        codes = {c.code or NULL for c in candidates}
        chosen = None
        own = [c for c in candidates if c.own_class]
        if own:  # "ADD" of "--- ADD [---] ---" is no cooperation, whatever GRANT [060] lists
            chosen = own[0].code
        elif pool:
            counts = Counter(c.code for c in pool)
            first = {c.code: c.line for c in reversed(pool)}
            chosen = max(counts, key=lambda code: (counts[code], -first[code]))
        if len(codes) > 1:
            self.conflicts.setdefault(section, {})[key] = {"chosen": chosen or NULL, "codes": sorted(codes)}
        return self.table.frame(chosen) if chosen else None


def _source_verb(verb_class: VerbClass, pattern: Pattern) -> VerbEntry | None:
    """The verb a pattern was written for (its comment), else the class's first verb."""
    for entry in verb_class.verbs:
        names = {"_".join(entry.words), *(f.replace("+", "") for f in entry.forms or ())}
        if names & set(pattern.verbs):
            return entry
    return verb_class.verbs[0] if verb_class.verbs else None


def convert_verbs(dictionary: VerbDictionary, table: PloverTable, lemmatizer: Lemmatizer) -> VerbFrames:
    """Convert a parsed verb dictionary with the CAMEO-to-PLOVER table."""
    converter = _Converter(table, lemmatizer, dictionary.synsets)
    for verb_class in dictionary.classes:
        for entry in verb_class.verbs:
            converter.read_verb(entry, verb_class)
    result = VerbFrames()
    for lemma, candidates in sorted(converter.candidates["verbs"].items()):
        frame = converter.choose("verbs", lemma, candidates)
        if frame is not None:
            result.verbs[lemma] = {**frame, "forms": sorted(converter.forms[lemma])}
    for verb_class in dictionary.classes:
        for pattern in verb_class.patterns:
            source = _source_verb(verb_class, pattern)
            verb = lemmatizer.verb(source.words[0]) if source else ""
            light = (source.code or verb_class.code or "").startswith(STATEMENT) if source else False
            converter.read_pattern(pattern, source, result.verbs.get(verb), light)
    for key, candidates in sorted(converter.candidates["phrases"].items()):
        if frame := converter.choose("phrases", key, candidates):
            result.phrases[key] = frame
    for noun in sorted(converter.object_nouns):
        verbs = [
            v for v in result.verbs if nominalizes(noun, v) and (v != noun or noun in converter.plain_nouns)
        ]
        if verbs:  # "negotiation" is what "negotiate" is, "talks" what "talk" is (not "refuse to agree")
            result.nouns[noun] = {k: v for k, v in result.verbs[max(verbs, key=len)].items() if k != "forms"}
        elif frame := converter.choose("nouns", noun, converter.light_noun(noun, converter.nouns_of(noun))):
            result.nouns[noun] = frame
    result.conflicts = converter.conflicts
    result.left_out = {
        "codes": {
            code: {
                "reason": NULL_REASON if code == NULL else table.left_out_reason(code),
                **dict(sorted(n.items())),
            }
            for code, n in sorted(converter.code_counts.items())
        },
        "verbs": dict(sorted(converter.skipped["verbs"].items())),
        "patterns": dict(sorted(converter.skipped["patterns"].items())),
        "nouns": dict(sorted(converter.skipped["nouns"].items())),
    }
    return result
