"""Accuracy against gold annotations, in tune and check halves: re3d (document-level relations) here, PLOVER and
CAMEO sentences in :mod:`kg.evaluate_events`.

The scoring follows ``shared/eval/README.md``: re3d relations between actors (Organisation, Person, Nationality
or a country name) are mapped to our relations and compared per document as (subject, class, object) sets, ends
matched by name. Every gold record falls in one of two halves fixed by a hash of its id (:func:`half_of`): errors
are studied on the tune half only, and a change is judged by the check half. Each scorer keeps one
:class:`Tally` per record, so that a half, a figure and its bootstrap interval are all sums over records. The gold
data is read from a path given at run time; nothing here ships with it.

>>> score_sets([{("a", "X", "b")}], [{("a", "X", "b"), ("a", "Y", "c")}]).precision
0.5
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kg.calibration import Curve
from kg.errors import InputNotFound
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest import parse_text_article
from kg.model import Article, ArticleResult, Statement
from kg.namespaces import NKG
from kg.nlp import extract
from kg.paths import ONTOLOGY_DIR

HALVES = ("tune", "check")
"""The two halves of every gold set: study errors on ``tune``, judge changes by ``check``."""
RESAMPLES = 1000
"""Bootstrap resamples of the records for a figure's 95% interval."""

RE3D_CLASSES: dict[str, tuple[str, ...]] = {
    "CommWith": ("meetsWith", "agreesWith"),
    "AlliesOf": ("cooperatesWith", "aids", "supports"),
    "Likes": ("supports", "agreesWith"),
    "Dislikes": ("accuses", "rejects", "threatens", "sanctions"),
    "FightingAgainst": ("attacks", "coerces"),
    "BelongsTo": ("memberOf", "partOf"),
    "InChargeOf": ("leaderOf", "officialOf"),
}
"""re3d relation type -> our relations (the table of the eval README)."""
UNDIRECTED = frozenset({"CommWith", "AlliesOf"})
ALLIES_MODE = "military"
"""The mode of the statements that score as re3d's AlliesOf ("Military allies of" in the re3d schema)."""
DETERMINERS = frozenset(
    {"a", "an", "our", "their", "its", "his", "her", "your", "my", "this", "these", "those"}
)
"""Words a gold span may add to one of our descriptions ("our international coalition")."""
RE3D_ACTOR_TYPES = frozenset({"Organisation", "Person", "Nationality"})
SCORED_MODALITIES = frozenset({"asserted", "future", "hypothetical"})
"""re3d annotates what the text says happens or is announced: a negated relation is not scored there."""


@dataclass
class Score:
    """Precision, recall and F1 from true positives and the sizes of the predicted and gold sets."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        return self


def half_of(record_id: str) -> str:
    """The half a gold record falls in, fixed by a hash of its id: the same on every run and every machine.

    >>> half_of("D1") in HALVES
    True
    """
    return HALVES[hashlib.sha256(str(record_id).encode("utf-8")).digest()[0] & 1]


@dataclass
class Tally:
    """One gold record's share of a report: its scores per class, named counts the report's figures are computed
    from (``tp``, ``type_hit``, ...), and its error lines."""

    by_class: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    judged: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, right) per statement judged


FigureRule = Callable[[Counter[str]], dict[str, float]]
"""The figures of a report (accuracies, F1) computed from the sum of its records' counts."""


def _no_figures(counts: Counter[str]) -> dict[str, float]:
    return {}


@dataclass
class Report:
    """A scorer's result: one :class:`Tally` per gold record (in gold order), summed into scores per class, an
    overall score and figures; :meth:`half` keeps the records of one half, :meth:`interval` bootstraps a figure.

    >>> hit, miss = Tally(counts=Counter(n=1, hit=1)), Tally(counts=Counter(n=1))
    >>> report = Report({"a": hit, "b": miss}, lambda c: {"accuracy": c["hit"] / c["n"]})
    >>> report.figures["accuracy"]
    0.5
    """

    tallies: dict[str, Tally] = field(default_factory=dict)
    figure_rule: FigureRule = _no_figures

    @functools.cached_property
    def by_class(self) -> dict[str, Score]:
        summed: dict[str, Score] = defaultdict(Score)
        for tally in self.tallies.values():
            for name, score in tally.by_class.items():
                summed[name] += score
        return summed

    @property
    def overall(self) -> Score:
        total = Score()
        for score in self.by_class.values():
            total += score
        return total

    @functools.cached_property
    def counts(self) -> Counter[str]:
        return sum((t.counts for t in self.tallies.values()), Counter())

    @property
    def figures(self) -> dict[str, float]:
        return {"records": len(self.tallies), **self.figure_rule(self.counts)}

    @property
    def errors(self) -> list[str]:
        return [line for tally in self.tallies.values() for line in tally.errors]

    @property
    def judged(self) -> list[tuple[float, bool]]:
        """(confidence, right) of every statement judged, for calibration."""
        return [sample for tally in self.tallies.values() for sample in tally.judged]

    def half(self, name: str) -> Report:
        """The report of the records in half ``name`` (``tune`` or ``check``)."""
        kept = {key: tally for key, tally in self.tallies.items() if half_of(key) == name}
        return Report(kept, self.figure_rule)

    def interval(self, figure: str, resamples: int = RESAMPLES, seed: int = 0) -> tuple[float, float]:
        """The 95% bootstrap interval of ``figure`` over the records (resampled with replacement; seeded)."""
        tallies = list(self.tallies.values())
        if not tallies:
            return (0.0, 0.0)
        keys = sorted({key for tally in tallies for key in tally.counts})
        matrix = np.array([[tally.counts[key] for key in keys] for tally in tallies], dtype=float)
        draws = np.random.default_rng(seed).integers(0, len(tallies), size=(resamples, len(tallies)))
        values = sorted(
            self.figure_rule(Counter(dict(zip(keys, matrix[rows].sum(axis=0), strict=True))))[figure]
            for rows in draws
        )
        return (values[int(0.025 * resamples)], values[int(0.975 * resamples) - 1])


def ratio(part: float, whole: float) -> float:
    """``part / whole``, 0 for an empty whole."""
    return part / whole if whole else 0.0


def prf_figures(counts: Counter[str]) -> dict[str, float]:
    """Precision, recall and F1 of counts ``tp``, ``predicted`` and ``gold``."""
    score = Score(int(counts["tp"]), int(counts["predicted"]), int(counts["gold"]))
    return {"precision": score.precision, "recall": score.recall, "F1": score.f1}


def score_sets(gold: Sequence[set[tuple]], predicted: Sequence[set[tuple]]) -> Score:
    """Micro-averaged score of predicted sets against gold sets, pairwise (one pair per document)."""
    total = Score()
    for g, p in zip(gold, predicted, strict=True):
        total += Score(len(g & p), len(p), len(g))
    return total


def normalise_name(text: str) -> str:
    """Lowercase ASCII words without a leading "the", a possessive (of either apostrophe) or end dots: "the
    U.K.’s" is "u.k"."""
    text = (
        unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode().lower()
    )
    text = re.sub(r"'s\b", "", text).strip(" .,;:\"'()")
    return re.sub(r"^the\s+", "", " ".join(text.split()))


class Names(frozenset[str]):
    """An actor's names for matching, with those that describe it rather than name it (``descriptions``: words the
    text used for it in lower case, "officials", "people")."""

    descriptions: frozenset[str]

    def __new__(cls, names: Iterable[str], descriptions: Iterable[str] = ()) -> Names:
        self = super().__new__(cls, names)
        self.descriptions = frozenset(descriptions)
        return self


class NameMatcher:
    """Matches a gold span to one of our actors by canonical label or any alias (seen or in the gazetteer)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.forms: dict[str, set[str]] = defaultdict(set)
        self.demonyms: set[str] = set()
        self.anaphora: set[str] = set()  # the gazetteer's descriptions: "the alliance", "the coalition"
        for entry in gazetteer.entries.values():
            for form, kind in entry.forms.items():
                name = normalise_name(form)
                self.forms[entry.key].add(name)
                if kind == "demonym":
                    self.demonyms.add(name)
                elif kind == "anaphora":
                    self.anaphora.add(name)

    def names(self, result: ArticleResult, key: str) -> Names:
        actor = result.actors[key]
        seen = {normalise_name(n): n for n in (actor.label, *actor.alt_labels, *actor.surface_forms)}
        known = self.forms.get(key, set())
        described = [n for n, written in seen.items() if written.islower() and n not in known]
        return Names(known | set(seen), described)

    def matches(self, span: str, names: Set[str]) -> bool:
        """The span is one of the names, or holds one of them (longer than three letters, not a demonym) as whole
        words: "Foreign Secretary Margaret Beckett" holds "margaret beckett", "members of the Beni Hassan clan" "beni
        hassan"; "the Iraqi Army" is not Iraq. A description ("people", "the coalition") counts only where the
        names also hold the span's other words: "people of Iraq" is the civilians of Iraq met as "people", but
        "senior regional officials" are not any "officials"."""
        value = normalise_name(span)
        padded = f" {value} "
        held = [n for n in names if len(n) > 3 and n not in self.demonyms and f" {n} " in padded]
        described = self.anaphora | (names.descriptions if isinstance(names, Names) else frozenset())
        if value in names or any(n not in described for n in held):
            return True
        words = {w for n in names for w in n.split()} | DETERMINERS
        return bool(held) and set(value.split()) <= words


# -- re3d ---------------------------------------------------------------------------------------------------


def _ndjson(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_re3d(folder: Path, gazetteer: Gazetteer) -> list[tuple[Article, set[tuple[str, str, str]]]]:
    """(article, gold set) per document of every re3d source folder under ``folder``; the article's source is
    the document id, its publisher, title and URL come from the document's metadata."""
    countries = {
        normalise_name(f) for e in gazetteer.by_class("State") for f, k in e.forms.items() if k != "demonym"
    }
    documents = []
    for source in sorted(p.parent for p in folder.rglob("relations.json")):
        types: dict[tuple[str, int, int], tuple[float, str]] = {}
        for ent in _ndjson(source / "entities.json"):
            confidence = ent.get("confidence", 1.0)
            if confidence >= 0.5:
                span = (ent["documentId"], ent["begin"], ent["end"])
                if span not in types or confidence > types[span][0]:
                    types[span] = (confidence, ent["type"])
        gold: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
        for rel in _ndjson(source / "relations.json"):
            cls = rel["type"]
            if cls not in RE3D_CLASSES or rel.get("confidence", 1) < 0.5:
                continue
            doc = rel["documentId"]
            ends = []
            for side in ("source", "target"):
                kind = types.get((doc, rel[f"{side}Begin"], rel[f"{side}End"]), (0, ""))[1]
                actorish = kind in RE3D_ACTOR_TYPES or normalise_name(rel[side]) in countries
                ends.append((rel[side], kind) if actorish else None)
            if None in ends:
                continue
            (subject, s_kind), (obj, o_kind) = ends
            if cls == "BelongsTo" and not (s_kind == o_kind == "Organisation"):
                continue
            if cls == "InChargeOf" and not (s_kind == "Person" and o_kind == "Organisation"):
                continue
            gold[doc].add(_canonical(subject, cls, obj))
        for document in _ndjson(source / "documents.json"):
            article = parse_text_article(
                document["text"],
                source=document["_id"],
                title=document.get("title"),
                url=document.get("sourceUrl"),
                publisher=document.get("sourceName"),
            )
            documents.append((article, gold.get(document["_id"], set())))
    return documents


def _canonical(subject: str, cls: str, obj: str) -> tuple[str, str, str]:
    if cls in UNDIRECTED and normalise_name(obj) < normalise_name(subject):
        subject, obj = obj, subject
    return (subject, cls, obj)


def score_re3d(
    folder: Path, nlp=None, gazetteer: Gazetteer | None = None, curve: Curve | None = None
) -> Report:  # type: ignore[no-untyped-def]
    """Score the extractor on the re3d documents under ``folder``: P/R/F1 per class and overall (``curve``
    calibrates confidence as :func:`kg.nlp.extract` does)."""
    gazetteer = gazetteer or load_gazetteer()
    matcher = NameMatcher(gazetteer)
    symmetric = symmetric_relations()
    documents = load_re3d(folder, gazetteer)
    report = Report(figure_rule=prf_figures)
    for (article, gold), result in zip(
        documents, extract([a for a, _ in documents], nlp, curve=curve), strict=True
    ):
        tally = report.tallies[article.source] = _re3d_tally(result, gold, matcher, symmetric)
        summed = sum(tally.by_class.values(), Score())
        tally.counts.update(tp=summed.tp, predicted=summed.predicted, gold=summed.gold)
    return report


def _re3d_tally(
    result: ArticleResult, gold: set[tuple[str, str, str]], matcher: NameMatcher, symmetric: frozenset[str]
) -> Tally:
    """One document's predictions against its gold set."""
    tally = Tally()
    doc_id = result.article.source
    matched_gold: set[tuple[str, str, str]] = set()
    counted: set[tuple[str, str, str]] = set()  # (subject key, class, object key): the document's set
    misses = []
    for s_key, classes, o_key, either_way in sorted(
        _re3d_predictions(result, symmetric)
    ):  # the same every run
        hit = _match(result, matcher, (s_key, classes, o_key, either_way), sorted(gold - matched_gold))
        if hit:
            matched_gold.add(hit)
            counted.add(_keyed(s_key, hit[1], o_key, either_way))
            tally.by_class[hit[1]] += Score(1, 1, 0)
        else:
            misses.append((s_key, classes, o_key, either_way))
    for miss in misses:  # two statements saying one re3d triple are one
        s_key, classes, o_key, either_way = miss
        triple = _keyed(s_key, classes[0], o_key, either_way)
        if triple in counted or _match(result, matcher, miss, sorted(matched_gold)):
            continue  # the same pair of actors, or a gold triple another of our actors already said
        counted.add(triple)
        tally.by_class[classes[0]].predicted += 1
        labels = result.actors[s_key].label, result.actors[o_key].label
        tally.errors.append(f"FP {doc_id[:8]} {labels[0]} {'/'.join(classes)} {labels[1]}")
    for item in sorted(gold):
        tally.by_class[item[1]].gold += 1
        if item not in matched_gold:
            tally.errors.append(f"FN {doc_id[:8]} {item[0]} {item[1]} {item[2]}")
    return tally


def _keyed(s_key: str, cls: str, o_key: str, either_way: bool) -> tuple[str, str, str]:
    """A prediction as the re3d triple it states, between actor keys (in key order where direction is moot)."""
    if (either_way or cls in UNDIRECTED) and o_key < s_key:
        s_key, o_key = o_key, s_key
    return (s_key, cls, o_key)


@functools.cache
def ontology_graph() -> Graph:
    """``ontology/newskg.ttl``, parsed once for the scorers (read only)."""
    return Graph().parse(ONTOLOGY_DIR / "newskg.ttl")


def symmetric_relations() -> frozenset[str]:
    """Our relations the ontology declares ``owl:SymmetricProperty`` (meetsWith, agreesWith, cooperatesWith)."""
    graph = ontology_graph()
    return frozenset(
        str(p)[len(str(NKG)) :]
        for p in graph.subjects(RDF.type, OWL.SymmetricProperty)
        if str(p).startswith(str(NKG))
    )


def _re3d_predictions(
    result: ArticleResult, symmetric: frozenset[str] = frozenset()
) -> set[tuple[str, tuple[str, ...], str, bool]]:
    """Distinct (subject key, candidate re3d classes, object key, either way) between actors (not places). A
    statement of a ``symmetric`` relation says nothing of direction: its two orders are one prediction, matched
    either way, as is one of re3d's undirected classes only."""
    predicted = set()
    for stmt in result.statements:
        if stmt.modality not in SCORED_MODALITIES:
            continue
        if "Place" in (result.actors[stmt.subject].cls, result.actors[stmt.object].cls):
            continue
        classes = tuple(
            cls
            for cls, ours in RE3D_CLASSES.items()
            if stmt.predicate in ours and _fits_re3d(cls, stmt, result)
        )
        if not classes:
            continue
        s, o = stmt.subject, stmt.object
        either_way = stmt.predicate in symmetric or all(c in UNDIRECTED for c in classes)
        if either_way and o < s:
            s, o = o, s
        predicted.add((s, classes, o, either_way))
    return predicted


def _fits_re3d(cls: str, stmt: Statement, result: ArticleResult) -> bool:
    """re3d's structural relations join organisations: InChargeOf is Person -> Organisation, BelongsTo is
    Organisation -> Organisation (a state counts as a Location there, a leader of Russia is not scored). Its
    AlliesOf is "Military allies of", "fighting alongside another entity on the same side of a conflict" (its
    schema): a cooperation, aid or support of the military mode."""
    subject_class, object_class = result.actors[stmt.subject].cls, result.actors[stmt.object].cls
    if cls == "AlliesOf":
        return stmt.mode == ALLIES_MODE
    if cls == "InChargeOf":
        return object_class == "Institution"
    if cls == "BelongsTo":
        return subject_class in ("State", "Institution", "ArmedGroup") and object_class in (
            "Institution",
            "Bloc",
        )
    return True


def _match(
    result: ArticleResult,
    matcher: NameMatcher,
    prediction: tuple[str, tuple[str, ...], str, bool],
    gold: Iterable[tuple[str, str, str]],
) -> tuple[str, str, str] | None:
    """The first gold item a prediction of :func:`_re3d_predictions` matches, if any."""
    s_key, classes, o_key, either_way = prediction
    s_names, o_names = matcher.names(result, s_key), matcher.names(result, o_key)
    for item in gold:
        subject, cls, obj = item
        if cls not in classes:
            continue
        forward = matcher.matches(subject, s_names) and matcher.matches(obj, o_names)
        backward = (either_way or cls in UNDIRECTED) and (
            matcher.matches(subject, o_names) and matcher.matches(obj, s_names)
        )
        if forward or backward:
            return item
    return None


class Gold(NamedTuple):
    """The gold sets found under a root (each None when absent)."""

    re3d: Path | None
    plover: Path | None
    cameo: Path | None


def find_gold(root: Path) -> Gold:
    """The re3d folder, the PLOVER file and the CAMEO sentences folder under a gold root (``shared/eval``)."""
    if not root.exists():
        raise InputNotFound(f"no such gold folder: {root}")
    re3d = next((p.parent.parent for p in sorted(root.rglob("relations.json"))), None)
    plover = next(iter(sorted(root.rglob("plover*.json"))), None)
    cameo = next((p.parent for p in sorted(root.rglob("cameo_class_train.tsv"))), None)
    return Gold(re3d, plover, cameo)
