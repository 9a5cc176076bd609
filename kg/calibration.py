"""Calibrated confidence: the extractor's raw score mapped to the chance that the statement is right.

The map is data (``ontology/calibration.yaml``), fitted on the tune halves of the gold sets by
``make calibrate GOLD=...`` (:func:`fit`): the share of statements right per raw-score bucket, made monotone (pool
adjacent violators) and kept strictly increasing, so that ranking statements by calibrated confidence ranks them as
the raw score does. Between the fitted points the map is linear.

>>> curve = Curve(((0.3, 0.1), (0.6, 0.4), (0.9, 0.8)))
>>> curve(0.45), curve(0.25), curve(0.96)
(0.25, 0.05, 0.88)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import yaml

from kg.errors import LexiconError
from kg.paths import ONTOLOGY_DIR, load_yaml

STEP = 1e-3
"""The least rise between two fitted points: the map stays strictly increasing."""
MIN_SUPPORT = 10
"""Statements a bucket needs to stand as a point of its own; a thinner one is pooled with its neighbour."""


@dataclass(frozen=True)
class Curve:
    """A strictly increasing piecewise-linear map from raw confidence to probability: (raw, probability) points.
    Beyond its first and last points it goes on with the slope of its end segments (within 0 and 1), so that two
    statements keep their order."""

    points: tuple[tuple[float, float], ...]

    def __call__(self, raw: float) -> float:
        points = self.points
        if not points:
            return raw
        if len(points) == 1:
            (x0, y0), (x1, y1) = points[0], (points[0][0] + 1, points[0][1] + 1)
        elif raw <= points[0][0]:
            (x0, y0), (x1, y1) = points[0], points[1]
        elif raw >= points[-1][0]:
            (x0, y0), (x1, y1) = points[-2], points[-1]
        else:
            (x0, y0), (x1, y1) = next((a, b) for a, b in pairwise(points) if raw <= b[0])
        return round(min(1.0, max(0.0, y0 + (y1 - y0) * (raw - x0) / (x1 - x0))), 4)


def fit(samples: Iterable[tuple[float, bool]], buckets: int = 10) -> Curve:
    """The calibration curve of (raw confidence, right) samples: one point per bucket of raw scores (at the
    bucket's mean score), thin buckets pooled, shares made monotone and strictly increasing.

    >>> fit([(0.35, False)] * 9 + [(0.35, True)] + [(0.75, True)] * 8 + [(0.75, False)] * 2).points
    ((0.35, 0.1), (0.75, 0.8))
    """
    groups: dict[int, list[tuple[float, bool]]] = {}
    for raw, right in samples:
        groups.setdefault(min(int(raw * buckets), buckets - 1), []).append((raw, right))
    blocks: list[list[tuple[float, bool]]] = []  # buckets in order, a thin one joined to the one before
    for _, group in sorted(groups.items()):
        if blocks and len(blocks[-1]) < MIN_SUPPORT:
            blocks[-1] += group
        else:
            blocks.append(list(group))
    if len(blocks) > 1 and len(blocks[-1]) < MIN_SUPPORT:
        blocks[-2] += blocks.pop()
    pooled: list[list[tuple[float, bool]]] = []
    for block in blocks:  # pool adjacent violators: a share lower than the one before joins it
        pooled.append(block)
        while len(pooled) > 1 and _share(pooled[-1]) <= _share(pooled[-2]):
            last = pooled.pop()
            pooled[-1] += last
    points: list[tuple[float, float]] = []
    for block in pooled:
        share = _share(block)
        if points:
            share = max(share, points[-1][1] + STEP)
        points.append((round(sum(raw for raw, _ in block) / len(block), 4), round(min(share, 1.0), 4)))
    return Curve(tuple(points))


def _share(block: list[tuple[float, bool]]) -> float:
    return sum(right for _, right in block) / len(block)


def save(curve: Curve, path: Path, note: str) -> None:
    """Write the curve as ``ontology/calibration.yaml`` (with a note of how it was fitted)."""
    lines = [f"# {line}" for line in note.splitlines()]
    body = yaml.safe_dump(
        {"points": [list(p) for p in curve.points]}, default_flow_style=None, sort_keys=False
    )
    path.write_text("\n".join([*lines, body]), encoding="utf-8")


@functools.cache
def default_curve() -> Curve:
    """The project's curve, ``ontology/calibration.yaml``, read once."""
    return load_curve(ONTOLOGY_DIR / "calibration.yaml")


def load_curve(path: Path) -> Curve:
    """The calibration curve of a file (the identity where the file is absent)."""
    if not path.exists():
        return Curve(())
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        points = tuple((float(x), float(y)) for x, y in data.get("points", []))
    except (OSError, yaml.YAMLError, TypeError, ValueError) as exc:
        raise LexiconError(f"{path}: cannot load the calibration curve ({exc})") from None
    if set(data) - {"points"} or any(b[0] <= a[0] or b[1] <= a[1] for a, b in pairwise(points)):
        raise LexiconError(
            f"{path}: the calibration curve must be 'points:' rising in both raw score and chance"
        )
    return Curve(points)
