"""Calibrated confidence (kg.calibration): a monotone map fitted on gold, applied to every extracted statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.calibration import Curve, fit, load_curve, save
from kg.errors import LexiconError
from kg.ingest import parse_text_article
from kg.nlp import extract


def test_the_fitted_curve_reads_as_the_share_right_per_bucket() -> None:
    samples = [(0.35, i < 2) for i in range(20)] + [(0.55, i < 10) for i in range(20)]
    samples += [(0.85, i < 18) for i in range(20)]
    curve = fit(samples)
    assert curve.points == ((0.35, 0.1), (0.55, 0.5), (0.85, 0.9))
    assert curve(0.45) == pytest.approx(0.3)


def test_a_bucket_less_right_than_the_one_below_is_pooled_and_the_curve_keeps_rising() -> None:
    samples = [(0.45, i < 12) for i in range(20)] + [(0.65, i < 8) for i in range(20)]
    curve = fit(samples)
    assert len(curve.points) == 1 and curve.points[0][1] == pytest.approx(0.5)
    rising = fit([(0.45, i < 10) for i in range(20)] + [(0.65, i < 10) for i in range(20)])
    assert all(b[1] > a[1] and b[0] > a[0] for a, b in zip(rising.points, rising.points[1:], strict=False))


def test_thin_buckets_join_a_neighbour() -> None:
    samples = [(0.15, False)] * 3 + [(0.35, i < 3) for i in range(20)]
    assert len(fit(samples).points) == 1


def test_a_saved_curve_loads_and_a_falling_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "calibration.yaml"
    save(Curve(((0.4, 0.2), (0.7, 0.6))), path, "fitted for a test")
    assert load_curve(path).points == ((0.4, 0.2), (0.7, 0.6))
    path.write_text("points: [[0.4, 0.6], [0.7, 0.2]]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="E302"):
        load_curve(path)


def test_extracted_statements_carry_the_calibrated_confidence(nlp) -> None:  # type: ignore[no-untyped-def]
    article = parse_text_article("Serbia imposed sanctions on Kosovo.", "t.txt")
    [raw] = extract([article], nlp, curve=Curve(()))
    curve = Curve(((0.0, 0.05), (1.0, 0.95)))
    [calibrated] = extract([article], nlp, curve=curve)
    assert raw.statements and len(raw.statements) == len(calibrated.statements)
    for before, after in zip(raw.statements, calibrated.statements, strict=True):
        assert after.confidence == pytest.approx(0.05 + 0.9 * before.confidence, abs=1e-4)
