"""Extraction accuracy on gold data: ``python benchmarks/accuracy.py GOLD_DIR [--errors N]``.

GOLD_DIR holds re3d folders (``*/relations.json``) and/or a PLOVER file (``plover*.json``), e.g. ``../shared/eval``
(``make bench-accuracy GOLD=../shared/eval``). Prints precision, recall and F1 overall and per class, and the PLOVER
type and dyad+type accuracies.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kg.errors import KGError
from kg.evaluate import Report, find_gold, score_plover, score_re3d
from kg.nlp import load_pipeline

console = Console()


def show(title: str, report: Report, errors: int) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("class", "P", "R", "F1", "tp", "predicted", "gold"):
        table.add_column(column, justify="left" if column == "class" else "right")
    rows = [*sorted(report.by_class.items()), ("overall", report.overall)]
    for name, s in rows:
        table.add_row(
            name,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.tp),
            str(s.predicted),
            str(s.gold),
        )
    console.print(table)
    for name, value in report.figures.items():
        console.print(f"{name}: {value:.3f}" if isinstance(value, float) else f"{name}: {value}")
    for line in report.errors[:errors]:
        console.print(f"  {line}", markup=False, highlight=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="folder with the gold data (e.g. ../shared/eval)")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per data set")
    parser.add_argument("--model", default=None, help="spaCy pipeline")
    args = parser.parse_args(argv)
    try:
        re3d, plover = find_gold(args.gold)
        if re3d is None and plover is None:
            raise KGError(f"no re3d or PLOVER gold data under {args.gold}")
        nlp = load_pipeline(args.model)
        if re3d is not None:
            started = time.perf_counter()
            show(f"re3d ({re3d}), document-level relations", score_re3d(re3d, nlp), args.errors)
            console.print(f"[dim]{time.perf_counter() - started:.1f} s[/]")
        if plover is not None:
            started = time.perf_counter()
            show(f"PLOVER ({plover}), sentence-level events", score_plover(plover, nlp), args.errors)
            console.print(f"[dim]{time.perf_counter() - started:.1f} s[/]")
    except KGError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
