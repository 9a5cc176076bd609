"""Sentence-level event scoring: PLOVER gold records and CAMEO-coded sentences (``cameo-dev``), in tune and check
halves (:mod:`kg.evaluate`), with a reliability table of our confidence.

A sentence's events are its statements that code as a PLOVER type (:func:`plover_types`), best first: asserted
before announced, then by confidence. PLOVER records are scored as (source ISO-3, type, target ISO-3); CAMEO
sentences by the quad class of the best event (0 when there is none) and whether its ends match the annotated
source and target spans.

>>> quad_index("AGREE"), quad_index("ASSAULT"), quad_index("SANCTION"), quad_index("REQUEST"), quad_index(None)
(1, 4, 3, 3, 0)
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path

from rdflib.namespace import RDFS, SKOS

from kg.calibration import Curve
from kg.evaluate import NameMatcher, Report, Score, Tally, ontology_graph, ratio
from kg.gazetteer import load_gazetteer
from kg.ingest import parse_text_article
from kg.model import ArticleResult, Statement
from kg.namespaces import NKG
from kg.nlp import extract

PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
"""PLOVER 0.5 labels read as today's types."""
GOLD_CODES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}
"""Country codes of the PLOVER records that are not ISO 3166 alpha-3, read as the ISO code they stand for."""
INTENT_TYPES = {"verbalCooperation": "AGREE", "materialCooperation": "AGREE", "materialConflict": "THREATEN"}
"""PLOVER codes an announced deed as the intention (CAMEO 03 and 13): "will give aid" AGREE, "will impose
sanctions" THREATEN. Requests and verbal conflict keep their type ("will demand", "will accuse")."""
REFUSAL_QUADS = frozenset({"verbalCooperation", "materialCooperation"})
"""A refused or failed cooperation is a REJECT event ("refused to meet", "failed to reach a deal")."""
QUADS = ("verbalCooperation", "materialCooperation", "verbalConflict", "materialConflict")
"""CAMEO's quad classes 1-4 (0 is no event), as the ontology names them."""
CODED_QUADS = {"SANCTION": "verbalConflict", "REQUEST": "verbalConflict"}
"""Where the coders of the CAMEO sentences put a PLOVER type in another quad class than the ontology does, read off
the tune half and confirmed on the check half; the graph keeps the ontology's classes.

* SANCTION: CAMEO 16 (reduce relations: expel diplomats, suspend aid, break ties) is verbal conflict there, as in
  the Phoenix event data's quad classes, while PLOVER and the ontology count a sanction as material conflict (all 29
  tune sentences whose best statement is a SANCTION are coded verbal conflict, none material conflict).
* REQUEST: PLOVER merges CAMEO 02 (appeal: verbal cooperation) and 10 (demand: verbal conflict); the sentences'
  requests are mostly demands (tune: 11 coded verbal conflict, 2 verbal cooperation, 16 no event)."""
UNCODED_MODALITIES = frozenset({"hypothetical"})
"""Statements the CAMEO sentences' coders code as no event: a deed only weighed, conditional or alleged ("Chile weighs
a loan to Peru", "Peru could expel the envoy"); tune half: 8 of 11 such best statements are in sentences coded 0.
Announced deeds (future) are events, as CAMEO's intents (03, 13)."""
BUCKETS = 10
ALIGN_PREFIX = 40
"""Confidence buckets of the reliability table: [0, 0.1), [0.1, 0.2), ... [0.9, 1]."""

Event = tuple[str | None, str, str | None]
"""(source code, PLOVER type, target code)."""


@functools.cache
def plover_types() -> dict[tuple[str, str], str]:
    """(our interaction relation, modality) -> PLOVER type, read from the ontology: ``skos:closeMatch`` gives the
    type of what happened, the relation's quad class that of an announced deed (:data:`INTENT_TYPES`)."""
    graph = ontology_graph()
    types = {}
    for prop, concept in graph.subject_objects(SKOS.closeMatch):
        label = graph.value(concept, SKOS.prefLabel)
        if not str(prop).startswith(str(NKG)) or label is None:
            continue
        name = str(prop)[len(str(NKG)) :]
        quad = _local(graph.value(prop, RDFS.subPropertyOf))
        kind = str(label)
        intent = kind if kind in ("AGREE", "REQUEST") else INTENT_TYPES.get(quad, kind)
        types.update({(name, "asserted"): kind, (name, "hypothetical"): kind, (name, "future"): intent})
        if quad in REFUSAL_QUADS:
            types[(name, "negated")] = "REJECT"
    return types


def _local(term: object) -> str:
    return str(term or "")[len(str(NKG)) :]


@functools.cache
def _type_quads() -> dict[str, str]:
    """PLOVER type -> the quad class of the relation the ontology matches to it."""
    graph = ontology_graph()
    return {
        str(graph.value(concept, SKOS.prefLabel)): _local(graph.value(prop, RDFS.subPropertyOf))
        for prop, concept in graph.subject_objects(SKOS.closeMatch)
        if str(prop).startswith(str(NKG)) and graph.value(concept, SKOS.prefLabel) is not None
    }


def quad_index(kind: str | None) -> int:
    """CAMEO's quad class (1-4) of a PLOVER type as the CAMEO sentences code it (:data:`CODED_QUADS`), 0 for none."""
    quad = CODED_QUADS.get(kind or "") or _type_quads().get(kind or "")
    return QUADS.index(quad) + 1 if quad in QUADS else 0


def ranked_events(result: ArticleResult) -> list[tuple[Statement, str]]:
    """The statements that code as a PLOVER type, with it, best first (asserted first, then by confidence)."""
    types = plover_types()
    ranked = sorted(result.statements, key=lambda s: (s.modality != "asserted", -s.confidence))
    return [
        (stmt, types[(stmt.predicate, stmt.modality)])
        for stmt in ranked
        if (stmt.predicate, stmt.modality) in types
    ]


def _bucket(confidence: float) -> int:
    return min(int(confidence * BUCKETS), BUCKETS - 1)


def _judge(tally: Tally, stmt: Statement, right: bool) -> None:
    """Count a sentence's best statement in its confidence bucket, right or not (for the reliability table and
    the calibration). Only the best is judged: a gold sentence codes one event, so another statement of the
    same sentence may be right where the gold is silent."""
    bucket = _bucket(stmt.confidence)
    tally.counts[f"bucket{bucket}"] += 1
    tally.counts[f"bucket{bucket}_right"] += right
    tally.counts["confidence"] += stmt.confidence
    tally.counts["judged"] += 1
    tally.counts["right"] += right
    tally.judged.append((stmt.confidence, right))


def reliability(report: Report) -> list[tuple[str, int, float]]:
    """(confidence bucket, statements, share right) for each bucket holding a statement: what a confidence means."""
    counts = report.counts
    return [
        (
            f"{b / BUCKETS:.1f}-{(b + 1) / BUCKETS:.1f}",
            int(counts[f"bucket{b}"]),
            ratio(counts[f"bucket{b}_right"], counts[f"bucket{b}"]),
        )
        for b in range(BUCKETS)
        if counts[f"bucket{b}"]
    ]


def _covered(tally: Tally, result: ArticleResult, events: list) -> None:
    """Count a sentence naming two or more actors, and whether it got any of its ``events`` (coverage)."""
    if sum(actor.cls != "Place" for actor in result.actors.values()) >= 2:
        tally.counts["multi"] += 1
        tally.counts["multi_covered"] += bool(events)


def _coverage(counts: Counter[str]) -> dict[str, float]:
    return {
        "sentences with 2+ actors given an event": ratio(counts["multi_covered"], counts["multi"]),
        "statements right": ratio(counts["right"], counts["judged"]),
    }


# -- PLOVER -------------------------------------------------------------------------------------------------


def _codes(actors: object) -> list[str]:
    if not isinstance(actors, list):
        return []
    codes = [a["code"][:3] for a in actors if isinstance(a, dict) and a.get("code")]
    return [GOLD_CODES.get(code, code) for code in codes]


def plover_figures(counts: Counter[str]) -> dict[str, float]:
    """Type accuracy and dyad+type accuracy (the top event's type, any event's dyad and type)."""
    return {
        "type accuracy": ratio(counts["type_hit"], counts["n"]),
        "dyad+type accuracy": ratio(counts["dyad_hit"], counts["n"]),
        **_coverage(counts),
    }


def score_plover(path: Path, nlp=None, curve: Curve | None = None) -> Report:  # type: ignore[no-untyped-def]
    """Score the extractor on PLOVER gold sentences: type accuracy, dyad+type accuracy, triple P/R/F1."""
    records = json.loads(path.read_text(encoding="utf-8"))
    articles = [parse_text_article(r["text"], source=r["id"], date=r.get("date") or None) for r in records]
    report = Report(figure_rule=plover_figures)
    for record, result in zip(records, extract(articles, nlp, curve=curve), strict=True):
        report.tallies[str(record["id"])] = _plover_tally(record, result)
    return report


def _plover_tally(record: dict, result: ArticleResult) -> Tally:
    tally = Tally()
    gold_type = PLOVER_RENAMES.get(record["event"], record["event"])
    sources, targets = _codes(record.get("source")), _codes(record.get("target"))
    if targets:
        dyads = {(s, t) for s in sources for t in targets}
    elif len(sources) > 1:
        dyads = {(s, t) for s in sources for t in sources if s != t}
    else:
        dyads = {(s, None) for s in sources}
    ranked = ranked_events(result)
    events: list[Event] = [(_code(result, s.subject), kind, _code(result, s.object)) for s, kind in ranked]
    matched = [e for e in events if e[1] == gold_type and ((e[0], e[2]) in dyads or (e[0], None) in dyads)]
    if events:
        _judge(tally, ranked[0][0], events[0] in matched)
    tally.counts.update(n=1, type_hit=bool(events) and events[0][1] == gold_type, dyad_hit=bool(matched))
    _covered(tally, result, events)
    tally.by_class[gold_type] += Score(bool(matched), 0, 1)
    for event in events:
        tally.by_class[event[1]].predicted += 1
    if not matched:
        found = ", ".join(f"{s}-{t}-{o}" for s, t, o in events[:3]) or "nothing"
        tally.errors.append(f"{record['id']}: gold {gold_type} {sorted(dyads)}; got {found}")
    return tally


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


# -- CAMEO sentences (cameo-dev) -----------------------------------------------------------------------------


def load_cameo(folder: Path) -> list[tuple[str, int, dict[str, list[str]]]]:
    """(sentence, quad class, spans by role ``S``/``T``/``R``) per line of ``cameo_class_train.tsv``. The spans
    come from the same sentence's tokens in ``cameo_ner_train.txt`` (BIO tags), found by the sentence's letters
    and digits (or their first :data:`ALIGN_PREFIX`): that file holds fewer sentences, in another order, so some
    sentences have no spans."""
    blocks: dict[str, str] = {}
    for block in (folder / "cameo_ner_train.txt").read_text(encoding="utf-8").strip().split("\n\n"):
        key = _letters("".join(row.rpartition(" ")[0] for row in block.splitlines()))
        blocks[key] = block
        blocks.setdefault(key[:ALIGN_PREFIX], block)
    records = []
    for line in (folder / "cameo_class_train.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            text, _, label = line.rpartition("\t")
            key = _letters(text)
            records.append(
                (text, int(label), _bio_spans(blocks.get(key) or blocks.get(key[:ALIGN_PREFIX], "")))
            )
    return records


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _bio_spans(block: str) -> dict[str, list[str]]:
    """Spans per role of a block of ``token TAG`` lines: ``B-S I-S`` is one source span."""
    spans: dict[str, list[list[str]]] = {}
    for row in block.splitlines():
        token, _, tag = row.rpartition(" ")
        if tag.startswith("B-") or (tag.startswith("I-") and not spans.get(tag[2:])):
            spans.setdefault(tag[2:], []).append([token])
        elif tag.startswith("I-"):
            spans[tag[2:]][-1].append(token)
    return {role: [" ".join(words) for words in found] for role, found in spans.items()}


def cameo_figures(counts: Counter[str]) -> dict[str, float]:
    """5-class accuracy, macro-F1 over the four event classes, and how often the best event's ends match."""
    f1s = []
    for c in range(1, len(QUADS) + 1):
        tp = counts[f"g{c}p{c}"]
        predicted = sum(counts[f"g{g}p{c}"] for g in range(len(QUADS) + 1))
        gold = sum(counts[f"g{c}p{p}"] for p in range(len(QUADS) + 1))
        f1s.append(Score(int(tp), int(predicted), int(gold)).f1)
    return {
        "5-class accuracy": ratio(counts["correct"], counts["n"]),
        "macro-F1 (4 event classes)": sum(f1s) / len(f1s),
        "source and target match": ratio(counts["span_hit"], counts["span_scored"]),
        **_coverage(counts),
    }


def score_cameo(folder: Path, nlp=None, curve: Curve | None = None) -> Report:  # type: ignore[no-untyped-def]
    """Score the extractor on CAMEO-coded sentences: the quad class of each sentence's best event."""
    records = load_cameo(folder)
    matcher = NameMatcher(load_gazetteer())
    articles = [parse_text_article(text, source=f"cameo-{i}") for i, (text, _, _) in enumerate(records, 1)]
    report = Report(figure_rule=cameo_figures)
    for i, ((_, gold, spans), result) in enumerate(
        zip(records, extract(articles, nlp, curve=curve), strict=True), 1
    ):
        report.tallies[str(i)] = _cameo_tally(result, gold, spans, matcher)
    return report


def _cameo_tally(
    result: ArticleResult, gold: int, spans: dict[str, list[str]], matcher: NameMatcher
) -> Tally:
    tally = Tally()
    ranked = ranked_events(result)
    events = [(s, kind) for s, kind in ranked if s.modality not in UNCODED_MODALITIES]
    predicted = quad_index(events[0][1]) if events else 0
    tally.counts.update(n=1, correct=predicted == gold, **{f"g{gold}p{predicted}": 1})
    if events and (spans or not gold):  # the best event's ends can be judged (no event is right in a 0)
        stmt, kind = events[0]
        sources, targets = spans.get("S", []) + spans.get("R", []), spans.get("T", []) + spans.get("R", [])
        subject, obj = matcher.names(result, stmt.subject), matcher.names(result, stmt.object)
        ends = any(matcher.matches(s, subject) for s in sources) and any(
            matcher.matches(t, obj) for t in targets
        )
        _judge(tally, stmt, quad_index(kind) == gold and ends)
        if gold:
            tally.counts.update(span_scored=1, span_hit=ends)
    _covered(tally, result, ranked)
    name = QUADS[gold - 1] if gold else "none"
    tally.by_class[name] += Score(predicted == gold, 0, 1)
    tally.by_class[QUADS[predicted - 1] if predicted else "none"].predicted += 1
    if predicted != gold:
        found = f"{events[0][1]} {events[0][0].subject}->{events[0][0].object}" if events else "nothing"
        tally.errors.append(f"cameo {result.article.source}: gold {gold}, got {predicted} ({found})")
    return tally
