"""The accuracy benchmark's scoring (kg.evaluate, benchmarks/accuracy.py) on small gold files written for the test."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kg.evaluate import HALVES, NameMatcher, Report, Tally, find_gold, half_of, normalise_name, score_re3d
from kg.evaluate_events import load_cameo, plover_types, quad_index, reliability, score_cameo, score_plover
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
        ("Norway will give Kenya a loan.", "AGREE", "NOR", "KEN"),  # an announced deed is an intention
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
    _cameo(tmp_path / "cameo")
    return tmp_path


CAMEO_SENTENCES = [
    # (text, quad class, source span, target span)
    ("Estonia signed a trade agreement with Latvia on Monday.", 1, "Estonia", "Latvia"),
    ("Norway sent food aid to Yemen.", 2, "Norway", "Yemen"),
    ("Belarus accused Lithuania of spying.", 3, "Belarus", "Lithuania"),
    ("Finland suspended its aid to Estonia.", 3, "Finland", "Estonia"),  # reduced relations: verbal conflict
    ("Sudanese troops shelled villages in Chad.", 4, "Sudanese troops", "villages in Chad"),
    ("The weather in Oslo was mild.", 0, None, None),
    ("Latvia could impose sanctions on Estonia.", 0, None, None),  # a deed only possible is coded no event
]


def _cameo(folder: Path) -> None:
    """A cameo-dev-style folder: sentences with classes, and their tokens with BIO tags in another order."""
    folder.mkdir()
    (folder / "cameo_class_train.tsv").write_text(
        "".join(f"{text}\t{cls}\n" for text, cls, _, _ in CAMEO_SENTENCES), encoding="utf-8"
    )
    blocks = []
    for text, _, source, target in reversed(CAMEO_SENTENCES):
        rows = []
        tokens = text.replace(".", " .").split()
        for i, token in enumerate(tokens):
            tag = "O"
            for role, span in (("S", source), ("T", target)):
                words = span.split() if span else []
                for j in range(len(tokens) - len(words) + 1):
                    if words and tokens[j : j + len(words)] == words and j <= i < j + len(words):
                        tag = ("B-" if i == j else "I-") + role
            rows.append(f"{token} {tag}")
        blocks.append("\n".join(rows))
    (folder / "cameo_ner_train.txt").write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def test_re3d_scores_document_level_triples(gold: Path, nlp) -> None:
    re3d = find_gold(gold).re3d
    report = score_re3d(re3d, nlp)
    # Italy supports Spain (Likes, no AlliesOf: nothing military is told) and works with it (no re3d class): one
    # false positive
    assert (report.overall.tp, report.overall.predicted, report.overall.gold) == (3, 4, 4)
    assert report.by_class["FightingAgainst"].tp == 1 and report.by_class["CommWith"].tp == 1
    assert report.by_class["Likes"].tp == 1
    assert report.by_class["Likes"].recall == 0.5
    assert any(line.startswith("FN D1 France Likes Germany") for line in report.errors)


def test_one_gold_triple_said_of_two_of_our_actors_is_one_prediction(tmp_path: Path, nlp) -> None:
    """Jordan and its government are two actors of ours but one gold name: backing both is one true positive."""
    folder = tmp_path / "re3d" / "Newsroom"
    folder.mkdir(parents=True)
    text = "Britain backed Jordan. Britain also backed the Government of Jordan."
    gold_span = "the Government of Jordan"
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
    report = score_plover(find_gold(gold).plover, nlp)
    assert report.figures["records"] == 5
    assert report.figures["type accuracy"] == 0.8
    assert report.figures["dyad+type accuracy"] == 0.8
    assert report.by_class["ACCUSE"].gold == 2 and report.by_class["ACCUSE"].tp == 1


def test_names_lose_a_possessive_of_either_apostrophe() -> None:
    assert normalise_name("The Coalition\u2019s Small Group") == "coalition small group"
    assert normalise_name("the U.K.'s") == "u.k"


def test_a_gold_span_holding_a_name_matches_it_but_not_a_demonym() -> None:
    matcher = NameMatcher(load_gazetteer())
    assert matcher.matches("Foreign Secretary Margaret Beckett", {"margaret beckett"})
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
    for figure in ("type accuracy", "F1", "5-class accuracy", "macro-F1 (4 event classes)"):
        assert f"{figure}: tune " in done.stdout and "check " in done.stdout.split(f"{figure}: tune ")[1]
    assert "FightingAgainst" in done.stdout
    assert "reliability on the check half" in done.stdout


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


def test_halves_are_fixed_by_the_record_id_and_split_a_set() -> None:
    ids = [f"record-{i}" for i in range(400)]
    halves = [half_of(i) for i in ids]
    assert halves == [half_of(i) for i in ids]  # the same on every call
    assert set(halves) == set(HALVES)
    assert 150 < halves.count("tune") < 250  # about half each


def test_a_report_keeps_its_records_per_half_and_bootstraps_an_interval() -> None:
    tallies = {f"r{i}": Tally(counts=Counter(n=1, hit=i % 4 != 0)) for i in range(200)}
    report = Report(tallies, lambda c: {"accuracy": c["hit"] / c["n"]})
    assert report.figures["accuracy"] == 0.75
    tune, check = report.half("tune"), report.half("check")
    assert len(tune.tallies) + len(check.tallies) == 200
    assert all(half_of(key) == "tune" for key in tune.tallies)
    low, high = report.interval("accuracy")
    assert low < 0.75 < high and high - low < 0.2
    assert report.interval("accuracy") == (low, high)  # seeded: the same on every run


def test_cameo_sentences_align_with_their_spans_in_another_order(gold: Path) -> None:
    records = load_cameo(gold / "cameo")
    assert [cls for _, cls, _ in records] == [c for _, c, _, _ in CAMEO_SENTENCES]
    assert records[4][2] == {"S": ["Sudanese troops"], "T": ["villages in Chad"]}
    assert records[5][2] == {}


def test_cameo_scores_the_quad_class_of_the_best_event(gold: Path, nlp) -> None:
    report = score_cameo(gold / "cameo", nlp)
    assert report.figures["records"] == len(CAMEO_SENTENCES)
    assert report.figures["5-class accuracy"] == 1.0
    assert report.figures["macro-F1 (4 event classes)"] == 1.0
    assert report.figures["source and target match"] >= 0.75
    assert quad_index("REJECT") == 3 and quad_index("AID") == 2
    assert quad_index("SANCTION") == 3  # as the CAMEO sentences code it; the ontology says material conflict
    assert quad_index("REQUEST") == 3  # their requests are mostly demands (CAMEO 10), not appeals (02)


def test_reliability_is_the_share_of_statements_right_per_confidence_bucket() -> None:
    counts = Counter(bucket5=4, bucket5_right=3, bucket8=2, bucket8_right=2)
    table = reliability(Report({"r": Tally(counts=counts)}))
    assert table == [("0.5-0.6", 4, 0.75), ("0.8-0.9", 2, 1.0)]
