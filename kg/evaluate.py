"""Accuracy against gold annotations: re3d (document-level relations) and PLOVER (sentence-level events).

The scoring follows ``shared/eval/README.md``: re3d relations between actors (Organisation, Person, Nationality
or a country name) are mapped to our relations and compared per document as (subject, class, object) sets, ends
matched by name; PLOVER sentences are compared as (source ISO-3, type, target ISO-3) triples, where an actor's
code is its state's. The gold data is read from a path given at run time; nothing here ships with it.

>>> score_sets([{("a", "X", "b")}], [{("a", "X", "b"), ("a", "Y", "c")}]).precision
0.5
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import InputNotFound
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest import parse_text_article
from kg.model import Article, ArticleResult, Statement
from kg.namespaces import NKG
from kg.nlp import extract
from kg.paths import ONTOLOGY_DIR

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
PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
"""PLOVER 0.5 labels read as today's types."""
GOLD_CODES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}
"""Country codes of the PLOVER records that are not ISO 3166 alpha-3, read as the ISO code they stand for."""
SCORED_MODALITIES = frozenset({"asserted", "future", "hypothetical"})
"""re3d annotates what the text says happens or is announced: a negated relation is not scored there."""
INTENT_TYPES = {"verbalCooperation": "AGREE", "materialCooperation": "AGREE", "materialConflict": "THREATEN"}
"""PLOVER codes an announced deed as the intention (CAMEO 03 and 13): "will give aid" AGREE, "will impose
sanctions" THREATEN. Requests and verbal conflict keep their type ("will demand", "will accuse")."""
REFUSAL_QUADS = frozenset({"verbalCooperation", "materialCooperation"})
"""A refused or failed cooperation is a REJECT event ("refused to meet", "failed to reach agreement")."""


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

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        return self


@dataclass
class Report:
    """Overall and per-class scores, plus free-form figures (PLOVER accuracies) and error samples."""

    overall: Score = field(default_factory=Score)
    by_class: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    figures: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


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
        words: "Foreign Secretary Boris Johnson" holds "boris johnson", "members of the Al Bu Nimr tribe" "al bu
        nimr"; "the Iraqi Army" is not Iraq. A description ("people", "the coalition") counts only where the
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


def score_re3d(folder: Path, nlp=None, gazetteer: Gazetteer | None = None) -> Report:  # type: ignore[no-untyped-def]
    """Score the extractor on the re3d documents under ``folder``."""
    gazetteer = gazetteer or load_gazetteer()
    matcher = NameMatcher(gazetteer)
    symmetric = symmetric_relations()
    documents = load_re3d(folder, gazetteer)
    report = Report()
    for (article, gold), result in zip(documents, extract([a for a, _ in documents], nlp), strict=True):
        doc_id = article.source
        predicted = _re3d_predictions(result, symmetric)
        matched_gold: set[tuple[str, str, str]] = set()
        counted: set[tuple[str, str, str]] = set()  # (subject key, class, object key): the document's set
        misses = []
        for s_key, classes, o_key, either_way in sorted(predicted):  # sorted: the same figures on every run
            hit = _match(result, matcher, (s_key, classes, o_key, either_way), sorted(gold - matched_gold))
            if hit:
                matched_gold.add(hit)
                counted.add(_keyed(s_key, hit[1], o_key, either_way))
                report.by_class[hit[1]].predicted += 1
                report.by_class[hit[1]].tp += 1
            else:
                misses.append((s_key, classes, o_key, either_way))
        for miss in misses:  # two statements saying one re3d triple are one
            s_key, classes, o_key, either_way = miss
            triple = _keyed(s_key, classes[0], o_key, either_way)
            if triple in counted or _match(result, matcher, miss, sorted(matched_gold)):
                continue  # the same pair of actors, or a gold triple another of our actors already said
            counted.add(triple)
            report.by_class[classes[0]].predicted += 1
            labels = result.actors[s_key].label, result.actors[o_key].label
            report.errors.append(f"FP {doc_id[:8]} {labels[0]} {'/'.join(classes)} {labels[1]}")
        for item in sorted(gold):
            report.by_class[item[1]].gold += 1
            if item not in matched_gold:
                report.errors.append(f"FN {doc_id[:8]} {item[0]} {item[1]} {item[2]}")
    for score in report.by_class.values():
        report.overall += score
    return report


def _keyed(s_key: str, cls: str, o_key: str, either_way: bool) -> tuple[str, str, str]:
    """A prediction as the re3d triple it states, between actor keys (in key order where direction is moot)."""
    if (either_way or cls in UNDIRECTED) and o_key < s_key:
        s_key, o_key = o_key, s_key
    return (s_key, cls, o_key)


@functools.cache
def _ontology() -> Graph:
    """``ontology/newskg.ttl``, parsed once for the scorers (read only)."""
    return Graph().parse(ONTOLOGY_DIR / "newskg.ttl")


def symmetric_relations() -> frozenset[str]:
    """Our relations the ontology declares ``owl:SymmetricProperty`` (meetsWith, agreesWith, cooperatesWith)."""
    graph = _ontology()
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


# -- PLOVER -------------------------------------------------------------------------------------------------


def plover_types() -> dict[tuple[str, str], str]:
    """(our interaction relation, modality) -> PLOVER type, read from the ontology: ``skos:closeMatch`` gives the
    type of what happened, the relation's quad class that of an announced deed (:data:`INTENT_TYPES`)."""
    graph = _ontology()
    types = {}
    for prop, concept in graph.subject_objects(SKOS.closeMatch):
        label = graph.value(concept, SKOS.prefLabel)
        if not str(prop).startswith(str(NKG)) or label is None:
            continue
        name = str(prop)[len(str(NKG)) :]
        quad = str(graph.value(prop, RDFS.subPropertyOf) or "")[len(str(NKG)) :]
        kind = str(label)
        intent = kind if kind in ("AGREE", "REQUEST") else INTENT_TYPES.get(quad, kind)
        types.update({(name, "asserted"): kind, (name, "hypothetical"): kind, (name, "future"): intent})
        if quad in REFUSAL_QUADS:
            types[(name, "negated")] = "REJECT"
    return types


def _codes(actors: object) -> list[str]:
    if not isinstance(actors, list):
        return []
    codes = [a["code"][:3] for a in actors if isinstance(a, dict) and a.get("code")]
    return [GOLD_CODES.get(code, code) for code in codes]


def score_plover(path: Path, nlp=None) -> Report:  # type: ignore[no-untyped-def]
    """Score the extractor on PLOVER gold sentences: type accuracy, dyad+type accuracy, triple P/R/F1."""
    types = plover_types()
    records = json.loads(path.read_text(encoding="utf-8"))
    articles = [parse_text_article(r["text"], source=r["id"], date=r.get("date") or None) for r in records]
    report = Report()
    type_hits = dyad_hits = 0
    for record, result in zip(records, extract(articles, nlp), strict=True):
        gold_type = PLOVER_RENAMES.get(record["event"], record["event"])
        sources, targets = _codes(record.get("source")), _codes(record.get("target"))
        if targets:
            dyads = {(s, t) for s in sources for t in targets}
        elif len(sources) > 1:
            dyads = {(s, t) for s in sources for t in sources if s != t}
        else:
            dyads = {(s, None) for s in sources}
        events = []
        for stmt in sorted(result.statements, key=lambda s: (s.modality != "asserted", -s.confidence)):
            kind = types.get((stmt.predicate, stmt.modality))
            if kind is not None:
                events.append((_code(result, stmt.subject), kind, _code(result, stmt.object)))
        top_type = events[0][1] if events else None
        type_hits += top_type == gold_type
        matched = [
            e for e in events if e[1] == gold_type and ((e[0], e[2]) in dyads or (e[0], None) in dyads)
        ]
        dyad_hits += bool(matched)
        cls = report.by_class[gold_type]
        cls.gold += 1
        cls.tp += bool(matched)
        for event in events:
            report.by_class[event[1]].predicted += 1
        if not matched:
            found = ", ".join(f"{s}-{t}-{o}" for s, t, o in events[:3]) or "nothing"
            report.errors.append(f"{record['id']}: gold {gold_type} {sorted(dyads)}; got {found}")
    for score in report.by_class.values():
        report.overall += score
    n = len(records) or 1
    report.figures = {
        "sentences": len(records),
        "type accuracy": type_hits / n,
        "dyad+type accuracy": dyad_hits / n,
    }
    return report


def _code(result: ArticleResult, key: str) -> str | None:
    """The PLOVER actor code: a state's ISO-3 (a leader or body counts as its state), ``IGO`` for an organisation
    of no state (the PLOVER records code Amnesty International and the Red Cross so, as the UN), ``IMG`` for an
    armed group of no state."""
    actor = result.actors[key]
    if actor.sector in ("IGO", "NGO") and not actor.country:
        return "IGO"
    if actor.cls == "ArmedGroup" and not actor.country:
        return "IMG"  # CAMEO's code for a transnational militant group
    if actor.iso3:
        return actor.iso3
    country = result.actors.get(actor.country) if actor.country else None
    return country.iso3 if country else None


def find_gold(root: Path) -> tuple[Path | None, Path | None]:
    """The re3d folder and the PLOVER file under a gold root (``shared/eval``)."""
    if not root.exists():
        raise InputNotFound(f"no such gold folder: {root}")
    re3d = next((p.parent.parent for p in sorted(root.rglob("relations.json"))), None)
    plover = next(iter(sorted(root.rglob("plover*.json"))), None)
    return re3d, plover
