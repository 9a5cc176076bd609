"""The accuracy benchmark's scoring (kg.evaluate, benchmarks/accuracy.py) on small gold files written for the test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.evaluate import NameMatcher, find_gold, normalise_name, plover_types, score_plover, score_re3d
from kg.gazetteer import load_gazetteer
from kg.ingest import parse_text_article
from kg.nlp import extract

ROOT = Path(__file__).resolve().parent.parent


def _ndjson(path: Path, records: list[dict]) -> None:
    path.write_text("\ufeff" + "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    """A re3d-style folder (one document) and a PLOVER-style file."""
    folder = tmp_path / "re3d" / "Newsroom"
    folder.mkdir(parents=True)
    text = (
        "Russia attacked Ukraine. France met Germany in Paris. Egypt and Jordan signed an agreement. "
        "Italy supported Spain and worked with it."
    )
    _ndjson(folder / "documents.json", [{"_id": "D1", "text": text, "sourceName": "Newsroom"}])

    def span(value: str, kind: str, confidence: float = 1.0) -> dict:
        begin = text.index(value)
        return {"documentId": "D1", "begin": begin, "end": begin + len(value), "type": kind, "value": value,
                "confidence": confidence}  # fmt: skip

    _ndjson(
        folder / "entities.json",
        [span("Russia", "Organisation"), span("Ukraine", "Location"), span("France", "Organisation"),
         span("Germany", "Organisation"), span("Paris", "Location", 0.4)],
    )  # fmt: skip

    def relation(source: str, kind: str, target: str, confidence: float = 1.0) -> dict:
        s, t = text.index(source), text.index(target)
        return {"documentId": "D1", "source": source, "sourceBegin": s, "sourceEnd": s + len(source),
                "target": target, "targetBegin": t, "targetEnd": t + len(target), "type": kind,
                "confidence": confidence}  # fmt: skip

    _ndjson(
        folder / "relations.json",
        [
            relation("Russia", "FightingAgainst", "Ukraine"),  # Ukraine scores as a country name
            relation("Germany", "CommWith", "France"),  # undirected: matches France meets Germany
            relation("France", "Likes", "Germany"),  # a gold relation the text does not state
            relation("France", "Dislikes", "Germany", 0.3),  # below the confidence bar: ignored
            relation("France", "LocatedAt", "Paris"),  # not an actor relation: ignored
            relation("Jordan", "Likes", "Egypt"),  # a symmetric agreement matches in either direction, once
        ],
    )
    records = [
        ("Finland will give Tanzania a grant.", "AGREE", "FIN", "TZA"),  # an announced deed is an intention
        ("Syria refused to meet Lebanon.", "REJECT", "SYR", "LBN"),  # a refused meeting is a rejection
        ("Al-Qaeda attacked the United States.", "FIGHT", "IMG", "USA"),  # PLOVER 0.5 FIGHT is ASSAULT
        ("Kenya praised Uganda.", "DISAPPROVE", "KEN", "UGA"),  # wrong type: a miss
        (
            "Amnesty International accused Chile.",
            "DISAPPROVE",
            "IGO",
            "CHL",
        ),  # an NGO of no state codes as IGO
    ]
    plover = [
        {"id": f"P{i}", "text": text, "event": event, "date": "2001-05-01", "source": [{"code": source}],
         "target": [{"code": target}]}
        for i, (text, event, source, target) in enumerate(records)
    ]  # fmt: skip
    (tmp_path / "plover_dev.json").write_text(json.dumps(plover), encoding="utf-8")
    return tmp_path


def test_re3d_scores_document_level_triples(gold: Path, nlp) -> None:
    re3d, _ = find_gold(gold)
    report = score_re3d(re3d, nlp)
    # Italy supports Spain (Likes, no AlliesOf: nothing military is told) and works with it (no re3d class): one
    # false positive
    assert (report.overall.tp, report.overall.predicted, report.overall.gold) == (3, 4, 4)
    assert report.by_class["FightingAgainst"].tp == 1 and report.by_class["CommWith"].tp == 1
    assert report.by_class["Likes"].tp == 1
    assert report.by_class["Likes"].recall == 0.5
    assert any(line.startswith("FN D1 France Likes Germany") for line in report.errors)


def test_one_gold_triple_said_of_two_of_our_actors_is_one_prediction(tmp_path: Path, nlp) -> None:
    """Iraq and its government are two actors of ours but one gold name: backing both is one true positive."""
    folder = tmp_path / "re3d" / "Newsroom"
    folder.mkdir(parents=True)
    text = "Britain backed Iraq. Britain also backed the Government of Iraq."
    gold_span = "the Government of Iraq"
    s, t = text.index("Britain"), text.index(gold_span)
    _ndjson(folder / "documents.json", [{"_id": "D2", "text": text}])
    _ndjson(
        folder / "entities.json",
        [{"documentId": "D2", "begin": b, "end": b + len(v), "type": "Organisation", "value": v}
         for b, v in ((s, "Britain"), (t, gold_span))],
    )  # fmt: skip
    _ndjson(
        folder / "relations.json",
        [{"documentId": "D2", "source": "Britain", "sourceBegin": s, "sourceEnd": s + 7, "target": gold_span,
          "targetBegin": t, "targetEnd": t + len(gold_span), "type": "Likes", "confidence": 1.0}],
    )  # fmt: skip
    report = score_re3d(tmp_path / "re3d", nlp)
    assert (report.overall.tp, report.overall.predicted, report.overall.gold) == (1, 1, 1)


def test_only_military_cooperation_aid_or_support_is_an_alliance(tmp_path: Path, nlp) -> None:
    """re3d's AlliesOf is "military allies of": weapons sent make allies, food aid does not."""
    folder = tmp_path / "re3d" / "Newsroom"
    folder.mkdir(parents=True)
    text = "Italy sent weapons to Spain. Greece sent food aid to Spain."
    _ndjson(folder / "documents.json", [{"_id": "D3", "text": text}])
    _ndjson(folder / "entities.json", [])  # country names are actors without entity types
    relations = []
    for donor in ("Italy", "Greece"):
        s, t = text.index(donor), text.index("Spain", text.index(donor))
        relations.append(
            {"documentId": "D3", "source": donor, "sourceBegin": s, "sourceEnd": s + len(donor), "target": "Spain",
             "targetBegin": t, "targetEnd": t + 5, "type": "AlliesOf"}
        )  # fmt: skip
    _ndjson(folder / "relations.json", relations)
    report = score_re3d(tmp_path / "re3d", nlp)
    assert (report.overall.tp, report.overall.predicted, report.overall.gold) == (1, 1, 2)
    assert any(line.startswith("FN D3 Greece AlliesOf Spain") for line in report.errors)


def test_plover_type_and_dyad_accuracy(gold: Path, nlp) -> None:
    _, plover = find_gold(gold)
    report = score_plover(plover, nlp)
    assert report.figures["sentences"] == 5
    assert report.figures["type accuracy"] == 0.8
    assert report.figures["dyad+type accuracy"] == 0.8
    assert report.by_class["ACCUSE"].gold == 2 and report.by_class["ACCUSE"].tp == 1


def test_names_lose_a_possessive_of_either_apostrophe() -> None:
    assert normalise_name("The Coalition\u2019s Small Group") == "coalition small group"
    assert normalise_name("the U.K.'s") == "u.k"


def test_a_gold_span_holding_a_name_matches_it_but_not_a_demonym() -> None:
    matcher = NameMatcher(load_gazetteer())
    assert matcher.matches("Foreign Secretary Boris Johnson", {"boris johnson"})
    assert matcher.matches("Iraqi", {"iraq", "iraqi"})
    assert not matcher.matches("the Iraqi Army", {"iraq", "iraqi"})  # another actor, named after the state


def test_a_description_matches_a_gold_span_only_with_the_spans_other_words(nlp) -> None:
    [result] = extract([parse_text_article("Chile met Peruvian officials.", "t.txt")], nlp)
    matcher = NameMatcher(load_gazetteer())
    names = matcher.names(result, "Q419-GOV")  # "Government of Peru", seen as "officials"
    assert matcher.matches("Peruvian officials", names)
    assert matcher.matches("the officials of Peru", names)
    assert not matcher.matches("senior regional officials", names)


def test_plover_types_of_modalities() -> None:
    types = plover_types()
    assert types[("attacks", "asserted")] == "ASSAULT"
    assert types[("attacks", "future")] == "THREATEN"
    assert types[("aids", "future")] == "AGREE"
    assert types[("appealsTo", "future")] == "REQUEST"
    assert types[("meetsWith", "negated")] == "REJECT"
    assert ("attacks", "negated") not in types


def test_benchmark_prints_the_figures(gold: Path) -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/accuracy.py", str(gold)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "type accuracy: 0.800" in done.stdout
    assert "FightingAgainst" in done.stdout


def test_benchmark_without_gold_is_a_one_line_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/accuracy.py", str(tmp_path / "missing")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
