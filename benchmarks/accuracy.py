"""Extraction accuracy on gold data, in tune and check halves: ``python benchmarks/accuracy.py GOLD_DIR [--errors N]``.

GOLD_DIR holds re3d folders (``*/relations.json``), a PLOVER file (``plover*.json``) and/or CAMEO-coded sentences
(``cameo_class_train.tsv`` with ``cameo_ner_train.txt``), e.g. ``../shared/eval`` (``make bench-accuracy
GOLD=../shared/eval``). Every record falls in a tune or a check half by a hash of its id: the figures of both are
printed with 95% bootstrap intervals, the errors (``--errors N``) of the tune half only, and the reliability of our
confidence (share of statements right per confidence bucket) on the check half.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kg.errors import KGError
from kg.evaluate import HALVES, Report, find_gold, score_re3d
from kg.evaluate_events import reliability, score_cameo, score_plover
from kg.nlp import load_pipeline

console = Console(width=160)


def show(title: str, report: Report, errors: int) -> None:
    """The per-class table of both halves, each figure with its interval, and the tune half's errors."""
    halves = {name: report.half(name) for name in HALVES}
    table = Table(title=title, title_justify="left")
    table.add_column("class")
    for name in HALVES:
        for column in ("P", "R", "F1", "tp/pred/gold"):
            table.add_column(f"{name} {column}", justify="right")
    classes = sorted(set().union(*(h.by_class for h in halves.values())))
    for cls in [*classes, "overall"]:
        row = [cls]
        for half in halves.values():
            s = half.overall if cls == "overall" else half.by_class.get(cls)
            row += (
                [f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", f"{s.tp}/{s.predicted}/{s.gold}"]
                if s
                else [""] * 4
            )
        table.add_row(*row)
    console.print(table)
    for figure in halves["tune"].figures:
        cells = []
        for name, half in halves.items():
            value = half.figures[figure]
            if figure == "records":
                cells.append(f"{name} {value}")
            else:
                low, high = half.interval(figure)
                cells.append(f"{name} {value:.3f} [{low:.3f}, {high:.3f}]")
        console.print(f"{figure}: " + "   ".join(cells), highlight=False)
    for line in halves["tune"].errors[:errors]:
        console.print(f"  {line}", markup=False, highlight=False)


def show_reliability(title: str, report: Report) -> None:
    """Precision by confidence bucket on the check half."""
    table = Table(title=f"{title}: reliability on the check half", title_justify="left")
    for column in ("confidence", "statements", "right"):
        table.add_column(column, justify="right")
    for bucket, n, share in reliability(report.half("check")):
        table.add_row(bucket, str(n), f"{share:.2f}")
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="folder with the gold data (e.g. ../shared/eval)")
    parser.add_argument(
        "--errors", type=int, default=0, help="print this many errors of the tune half per set"
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline")
    args = parser.parse_args(argv)
    try:
        gold = find_gold(args.gold)
        if not any(gold):
            raise KGError(f"no re3d, PLOVER or CAMEO gold data under {args.gold}")
        nlp = load_pipeline(args.model)
        sets: list[tuple[str, Path | None, Callable[..., Report], bool]] = [
            ("re3d, document-level relations", gold.re3d, score_re3d, False),
            ("PLOVER, sentence-level events", gold.plover, score_plover, True),
            ("CAMEO sentences, quad classes", gold.cameo, score_cameo, True),
        ]
        for title, path, scorer, judged in sets:
            if path is None:
                continue
            started = time.perf_counter()
            report = scorer(path, nlp)
            show(f"{title} ({path})", report, args.errors)
            if judged:
                show_reliability(title, report)
            console.print(f"[dim]{time.perf_counter() - started:.1f} s[/]")
    except KGError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
