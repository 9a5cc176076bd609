"""Build benchmarks: overhead over the bare spaCy parser, two workers vs one, peak memory vs corpus size.

The corpus is generated from ``examples/`` by repetition: copy ``k`` swaps the names of the states the text
mentions for other states of the gazetteer (a rotation that depends on ``k``) and shifts every year by ``k``,
so every copy has its own text and hash. Three ratios, printed as a table:

(a) overhead   ``kg.build`` wall time / bare ``nlp.pipe`` wall time of the same spaCy model (``spacy.load``
               without our components) on the same texts, both in this process with the models loaded;
               target <= 1.15
(b) workers    steady-state throughput (articles/s after the first batch is written) with 2 worker processes /
               with 1 (in process); target >= 1.7
(c) memory     peak RSS of a ``kg build`` subprocess on 10x the corpus / on 1x; target < 1.3

    .venv/bin/python benchmarks/build_bench.py                 # the default sizes (a few minutes)
    .venv/bin/python benchmarks/build_bench.py --copies 3      # a quick smoke run
    .venv/bin/python benchmarks/build_bench.py --profile       # also cProfile the build, top functions
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import spacy
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.gazetteer import load_gazetteer  # noqa: E402
from kg.ingest import iter_articles  # noqa: E402
from kg.nlp import extract, load_pipeline, resolve_model  # noqa: E402
from kg.pipeline import BuildReport, build  # noqa: E402

KG = str(Path(sys.executable).with_name("kg"))
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def make_corpus(folder: Path, copies: int) -> tuple[int, int]:
    """Write ``copies`` varied copies of the examples as .txt files; returns (articles, whitespace tokens)."""
    folder.mkdir(parents=True, exist_ok=True)
    originals = list(iter_articles([ROOT / "examples"], lambda error: None))
    states = sorted(entry.label for entry in load_gazetteer().by_class("State") if " " not in entry.label)
    index = {name: i for i, name in enumerate(states)}
    names = re.compile(r"\b(" + "|".join(map(re.escape, states)) + r")\b")
    count = tokens = 0
    for k in range(copies):

        def swap(match: re.Match[str], k: int = k) -> str:
            return states[(index[match.group(1)] + 7 * k) % len(states)]

        for number, article in enumerate(originals):
            text = YEAR.sub(lambda m, k=k: str(int(m.group(1)) + k % 9), names.sub(swap, article.text))
            (folder / f"{k:04d}_{number:02d}.txt").write_text(text)
            count += 1
            tokens += len(text.split())
    return count, tokens


def bare_pipe_seconds(texts: list[str], model: str) -> float:
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:4]))  # warm up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started


def build_seconds(corpus: Path, workdir: Path, run: int) -> float:
    nlp = load_pipeline()  # loaded once and warmed up, as the bare model is
    list(extract(list(islice(iter_articles([corpus], lambda error: None), 4)), nlp))
    started = time.perf_counter()
    build([corpus], db=workdir / f"overhead{run}.db", workers=1)
    return time.perf_counter() - started


def steady_rate(corpus: Path, workers: int, batch: int) -> float:
    """Articles per second from the first written batch to the last (process start-up excluded)."""
    marks: list[tuple[float, int]] = []

    def progress(report: BuildReport) -> None:
        marks.append((time.perf_counter(), report.articles_built))

    build([corpus], workers=workers, batch_size=batch, on_progress=progress)
    (t0, n0), (t1, n1) = marks[0], marks[-1]
    return (n1 - n0) / (t1 - t0)


_RSS_PROBE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss_mb(corpus: Path, db: Path) -> float:
    """Peak RSS (MB) of one ``kg build --workers 1`` subprocess, measured by a fresh parent process."""
    command = [KG, "build", str(corpus), "--db", str(db), "--workers", "1", "-q"]
    probe = subprocess.run(
        [sys.executable, "-c", _RSS_PROBE, *command], capture_output=True, text=True, check=True
    )
    return int(probe.stdout.strip()) / 1024


def profile_build(corpus: Path, workdir: Path, top: int) -> str:
    load_pipeline()
    profiler = cProfile.Profile()
    profiler.runcall(build, [corpus], db=workdir / "profile.db", workers=1)
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(top)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of the examples in the 1x corpus")
    parser.add_argument(
        "--runs", type=int, default=3, help="interleaved runs of (a); the fastest of each counts"
    )
    parser.add_argument("--batch", type=int, default=8, help="articles per batch in (b)")
    parser.add_argument("--memory-factor", type=int, default=10, help="size of the big corpus in (c)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one build")
    args = parser.parse_args(argv)
    console = Console()

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        workdir = Path(tmp)
        corpus = workdir / "corpus"
        articles, tokens = make_corpus(corpus, args.copies)
        big = workdir / "big"
        make_corpus(big, args.copies * args.memory_factor)
        console.print(
            f"corpus: {articles} articles, {tokens:,} tokens (and {args.memory_factor}x for memory)"
        )
        texts = [article.text for article in iter_articles([corpus], lambda error: None)]
        model = resolve_model(None)

        # interleaved, the fastest of each: this machine's speed drifts by a third within minutes
        bares, builds = [], []
        for run in range(args.runs):
            bares.append(bare_pipe_seconds(texts, model))
            builds.append(build_seconds(corpus, workdir, run))
        bare, ours = min(bares), min(builds)
        one = steady_rate(corpus, 1, args.batch)
        two = steady_rate(corpus, 2, args.batch)
        small_rss = peak_rss_mb(corpus, workdir / "rss1.db")
        big_rss = peak_rss_mb(big, workdir / "rss10.db")

        table = Table(title="kg build benchmarks", show_lines=False)
        for column in ("measure", "value", "ratio", "target", "ok"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        rows = [
            ("(a) overhead: kg.build / bare nlp.pipe", f"{ours:.1f} s / {bare:.1f} s", ours / bare, "<= 1.15",
             ours / bare <= 1.15),
            ("(b) throughput: 2 workers / 1", f"{two:.1f} / {one:.1f} articles/s", two / one, ">= 1.7",
             two / one >= 1.7),
            (f"(c) peak RSS: {args.memory_factor}x / 1x corpus", f"{big_rss:.0f} / {small_rss:.0f} MB",
             big_rss / small_rss, "< 1.3", big_rss / small_rss < 1.3),
        ]  # fmt: skip
        for measure, value, ratio, target, ok in rows:
            table.add_row(measure, value, f"{ratio:.2f}", target, "yes" if ok else "NO")
        console.print(table)
        console.print(f"tokens/s: bare {tokens / bare:,.0f}, kg.build {tokens / ours:,.0f}")
        if args.profile:
            console.print(profile_build(corpus, workdir, 40), markup=False, highlight=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
