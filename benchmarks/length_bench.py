"""Build throughput against article length, for ordinary and pathological layouts.

Every figure is a ratio of characters read per second, so it does not depend on the machine's speed:

(a) length      throughput on an article of n characters / on one of 5,000 characters (ordinary paragraphs
                of news prose); linear time in the length keeps it near 1 (target >= 0.7 at every length)
(b) layouts     throughput on 200,000 characters written as one line, one word per line, or an HTML table
                (through ``kg.ingest``) / on the same length of ordinary paragraphs (target >= 0.5)
(c) co-subjects statements and cooperatesWith among them from "A and B and ... sanctioned Russia" with n
                co-subjects (no clique: at most n statements, no cooperatesWith)

Each text is read in this process, with the pipeline loaded and the time budget lifted; time is this process's
CPU time, the best of a few runs for the short texts (other work on a shared machine still adds some noise).

    .venv/bin/python benchmarks/length_bench.py                  # lengths up to 1,280,000 characters
    .venv/bin/python benchmarks/length_bench.py --max 80000      # a quick run
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.gazetteer import load_gazetteer  # noqa: E402
from kg.ingest import parse_text_article, read_articles  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.nlp import extract, load_pipeline  # noqa: E402

PARAGRAPH = (
    "The foreign ministers of France and Germany met their Russian counterpart in Geneva on Tuesday. "
    "Moscow rejected the proposal, a spokesman said, and warned Kyiv against new strikes near the border. "
    "The European Union imposed further sanctions on Russian banks, while Turkey offered to mediate.\n\n"
)
NO_BUDGET = 1e9


def prose(length: int) -> str:
    """Ordinary news paragraphs, ``length`` characters."""
    return ("Talks in Geneva\n\n" + PARAGRAPH * (length // len(PARAGRAPH) + 1))[:length]


def layouts(length: int) -> dict[str, Article]:
    """The same prose as one line, as one word per line, and as the cells of an HTML table."""
    words = prose(length).split()
    rows = "".join(
        f"<tr><td>{' '.join(words[i : i + 8])}</td><td>{i}</td></tr>" for i in range(0, len(words), 8)
    )
    page = f"<html><body><article><h1>Figures</h1><table>{rows}</table></article></body></html>"
    [table] = read_articles(page.encode(), "table.html", ".html", print)
    return {
        "one line": parse_text_article(" ".join(words), "line.txt"),
        "one word per line": parse_text_article("\n".join(words), "words.txt"),
        "HTML table": table,
    }


def throughput(article: Article, nlp, runs: int = 1) -> float:
    """Characters read per second of this process's CPU time (other processes on the machine do not count),
    the best of ``runs``."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        list(extract([article], nlp, budget=NO_BUDGET))
        best = min(best, time.process_time() - started)
    return len(article.text) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max", type=int, default=1_280_000, help="the longest article, in characters")
    args = parser.parse_args()
    nlp = load_pipeline()
    list(extract([parse_text_article(prose(5_000), "warm.txt")], nlp))  # warm up
    console = Console()

    base = throughput(parse_text_article(prose(5_000), "base.txt"), nlp, runs=5)
    table = Table("(a) characters", "chars/s", "ratio to 5,000", title="throughput against length")
    length = 5_000
    while length <= args.max:
        rate = throughput(
            parse_text_article(prose(length), f"{length}.txt"), nlp, runs=3 if length < 50_000 else 1
        )
        table.add_row(f"{length:,}", f"{rate:,.0f}", f"{rate / base:.2f}")
        length *= 4
    console.print(table)

    size = min(200_000, args.max)
    normal = throughput(parse_text_article(prose(size), "normal.txt"), nlp)
    table = Table(
        "(b) layout", "characters", "chars/s", "ratio to prose", title=f"layouts of {size:,} characters"
    )
    for name, article in layouts(size).items():
        rate = throughput(article, nlp)
        table.add_row(name, f"{len(article.text):,}", f"{rate:,.0f}", f"{rate / normal:.2f}")
    console.print(table)

    states = sorted({entry.label for entry in load_gazetteer().by_class("State")})
    table = Table(
        "(c) co-subjects", "statements", "cooperatesWith", "CPU seconds", title="one deed, many doers"
    )
    for count in (30, 200):
        text = " and ".join(states[:count]) + " sanctioned Russia."
        started = time.process_time()
        [result] = extract([parse_text_article(text, "many.txt")], nlp)
        joint = sum(s.predicate == "cooperatesWith" for s in result.statements)
        table.add_row(
            str(count), str(len(result.statements)), str(joint), f"{time.process_time() - started:.2f}"
        )
    console.print(table)


if __name__ == "__main__":
    main()
