"""Phoenix agent nouns as newskg sector nouns, and actor-dictionary aliases the gazetteer lacks.

>>> from kg.cameo.petrarch import Agent
>>> convert_agents([Agent("BORDER_GUARD", None, "~COP"), Agent("THIEF", "THIEVES", "~CRM")])["sectors"]
{'COP': {'nouns': ['border guard'], 'phoenix': {'border guard': '~COP'}}}
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kg.cameo.frames import Lemmatizer
from kg.cameo.petrarch import ActorRecord, Agent
from kg.gazetteer import Gazetteer

SECTOR_OF_PHOENIX = {
    "GOV": "GOV",
    "MIL": "MIL",
    "REB": "REB",
    "INS": "REB",
    "UAF": "REB",
    "OPP": "OPP",
    "COP": "COP",
    "LEG": "LEG",
    "JUD": "JUD",
    "SPY": "SPY",
    "CVL": "CVL",
    "PPL": "CVL",
    "REF": "CVL",
    "EDU": "CVL",
    "LAB": "CVL",
    "AGR": "CVL",
    "HLH": "CVL",
    "BUS": "CVL",
    "MED": "CVL",
}
"""Phoenix sector -> newskg sector (ontology/sectors.yaml): unaligned armed forces and insurgents are rebels;
students, workers, farmers, doctors, business people and journalists are civilians there. Others (criminals,
religions, NGOs, parties, ...) name no sector of ours."""


# fmt: off
SMALL_WORDS = frozenset({
    "of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "el", "al", "y", "da", "von",
    "van", "with", "by",
})
"""Words a title-cased name writes in lower case ("Army of the Pure"), and that an agent noun does not end in."""
# fmt: on


def _agent_noun(phrase: str) -> str | None:
    words = phrase.lower().replace("_", " ").split()
    if words[:1] in (["the"], ["a"], ["an"]):
        words = words[1:]
    if not words or words[-1] in SMALL_WORDS or not all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words):
        return None  # model names ("F/A-22 FIGHTER") and stems are no nouns
    return " ".join(words)


def convert_agents(
    agents: Iterable[Agent], known: dict[str, str] | None = None, lemmas: Lemmatizer | None = None
) -> dict[str, dict]:
    """Agent nouns per newskg sector (``nouns``, as in sectors.yaml) with each noun's Phoenix code, and the
    counts left out; nouns in ``known`` (noun -> sector, sectors.yaml's) are left out too, so that the file only
    extends sectors.yaml and never contradicts it ("border guard" is COP there, MIL in Phoenix); with ``lemmas``,
    so are nouns with a word it does not know (stems such as "FINANCE_MINIST", misspellings)."""
    known = known or {}
    sectors: dict[str, dict[str, str]] = {}
    left_out: Counter[str] = Counter()
    for agent in agents:
        code = agent.code.replace("~", "")
        ours = SECTOR_OF_PHOENIX.get(code[:3])
        noun = _agent_noun(agent.phrase)
        if noun is None:
            left_out["not a plain noun (digits, symbols)"] += 1
        elif lemmas and not all(
            w in SMALL_WORDS or lemmas.known(lemmas.lemma(w, "NOUN")) for w in noun.split()
        ):
            left_out["a stem or a word the lemmatizer does not know"] += 1
        elif " of " in f" {noun} ":
            left_out["a phrase with 'of' (a sector noun is read by its head)"] += 1
        elif ours is None:
            left_out[f"Phoenix sector {code[:3]}: none of ours"] += 1
        elif noun in known:
            same = known[noun] == ours
            left_out["in sectors.yaml already" if same else "in sectors.yaml under another sector"] += 1
        else:
            sectors.setdefault(ours, {}).setdefault(noun, agent.code)
    return {
        "sectors": {
            code: {"nouns": sorted(nouns), "phoenix": dict(sorted(nouns.items()))}
            for code, nouns in sorted(sectors.items())
        },
        "left_out": dict(sorted(left_out.items())),
    }


def title_case(phrase: str) -> str:
    """An upper-case dictionary phrase as news writes it: ``ISLAMIC_ARMY_OF_ADEN`` -> ``Islamic Army of Aden``;
    a word with no vowel or dots stays as it is (``PKK``, ``U.N.``).

    >>> title_case("HERMIT_KINGDOM"), title_case("LIBERATION_TIGERS_OF_TAMIL_EELAM"), title_case("PKK")
    ('Hermit Kingdom', 'Liberation Tigers of Tamil Eelam', 'PKK')
    """
    words = phrase.replace("_", " ").split()
    out: list[str] = []
    for i, word in enumerate(words):
        if not re.search(r"[AEIOU]", word) or "." in word or (len(words) == 1 and len(word) <= 5):
            out.append(word)
        elif (i or word == "THE") and word.lower() in SMALL_WORDS:  # "the Islamic State", as the gazetteer
            out.append(word.lower())
        else:
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


@dataclass
class AliasReport:
    """Aliases per gazetteer entry label, and counts of what was skipped and why."""

    aliases: dict[str, list[str]]
    skipped: dict[str, int]


def _names(record: ActorRecord) -> list[str]:
    """A record's phrases without PETRARCH's marks; ``NAME_(ABBR)`` gives ``NAME`` and ``ABBR`` when that is the
    name's initials; a name with a qualifier such as ``(EL_SALVADOR)`` is left out (it is another actor's name).

    >>> _names(ActorRecord(["ISLAMIC_ARMY_OF_ADEN_(IAA)_", "RED_FLAG_(VENEZUELA)_", "RED_BANNER_"], [], 1))
    ['IAA', 'ISLAMIC_ARMY_OF_ADEN', 'RED_BANNER']
    """
    names = []
    for raw in record.names:
        raw = raw.strip().rstrip("_").strip()
        inside = re.search(r"\(([^)]*)\)", raw)
        raw = re.sub(r"_?\([^)]*\)_?", "_", raw).strip("_ ")
        initials = "".join(w[0] for w in re.split(r"[_\s-]+", raw) if w and w.lower() not in SMALL_WORDS)
        if inside and inside.group(1).strip("_ ") != initials:
            continue  # "NATIONAL_LIBERATION_ARMY_(BOLIVIA)" is not the gazetteer's (Colombian) one
        if inside:
            names.append(initials)
        names.append(raw)
    return [n for n in names if n]


@dataclass
class _Known:
    """What the gazetteer already says: case-folded form -> labels, states by ISO3, people's given names."""

    forms: dict[str, set[str]]
    states: dict[str, str]
    given_names: frozenset[str]
    common: frozenset[str]

    @classmethod
    def of(cls, gazetteer: Gazetteer, common: frozenset[str]) -> _Known:
        forms: dict[str, set[str]] = {}
        for form, candidates in gazetteer.forms().items():
            forms.setdefault(form.casefold(), set()).update(c.entry.label for c in candidates)
        people = gazetteer.by_class("Person") + gazetteer.by_class("Leader")
        given = frozenset(e.label.split()[0].casefold() for e in people if len(e.label.split()) > 1)
        states = {e.iso3: e.label for e in gazetteer.by_class("State") if e.iso3}
        return cls(forms, states, given, common)

    def owner(self, names: list[str], codes: list[str]) -> tuple[str | None, str]:
        """The one gazetteer actor a record's names name (a state code must agree), or why there is none."""
        owners = set().union(*(self.forms.get(n.casefold(), set()) for n in names))
        coded = {self.states[c] for c in codes if c in self.states}
        if coded and owners and not coded & owners:
            return None, "its state code names another actor than its names"
        if len(owners) != 1:
            return None, "names no gazetteer actor" if not owners else "names several gazetteer actors"
        return next(iter(owners)), ""

    def objection(self, name: str, owner: str) -> str | None:
        """Why ``name`` is no new alias of ``owner`` (None when it is one)."""
        key = name.casefold()
        words = key.split()
        own = {f for f, labels in self.forms.items() if owner in labels}
        if key in self.forms:
            return "already in the gazetteer" if key in own else "a form of another actor"
        if len(re.sub(r"\W", "", name)) <= 2:
            return "one or two letters"
        if all(w in self.common for w in words):
            return "a common English word"
        if len(words) == 1 and not name.isupper():
            return "one word that is no acronym (a surname, a nickname)"
        if len(words) <= 4 and words[0] in self.given_names:
            return "a person's name (a given name of the gazetteer's people)"
        if any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", key) for f in own if len(f) > 3):
            return "contains a name the gazetteer has (a title or qualifier around it)"
        return None


def derive_aliases(
    records: Iterable[ActorRecord], gazetteer: Gazetteer, common: frozenset[str]
) -> AliasReport:
    """Names of actor records that name exactly one gazetteer actor (by an existing form; a state code must
    agree) and that the gazetteer lacks; no common words (``common``), 1-2 letter strings, persons' names or
    names of another actor."""
    known = _Known.of(gazetteer, common)
    aliases: dict[str, set[str]] = {}
    skipped: Counter[str] = Counter()
    for record in records:
        names = [title_case(n) for n in _names(record)]
        owner, why = known.owner(names, record.codes)
        if owner is None:
            skipped[why] += 1
            continue
        for name in names:
            if (objection := known.objection(name, owner)) is not None:
                skipped[objection] += 1
            else:
                aliases.setdefault(owner, set()).add(name)
    return AliasReport(
        {label: sorted(names) for label, names in sorted(aliases.items())}, dict(sorted(skipped.items()))
    )
