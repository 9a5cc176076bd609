"""Build benchmarks, every side a whole process (start-up included): cold start, overhead over bare spaCy, two
workers vs one, peak memory, store size.

The corpus is generated from ``examples/``: copy ``k`` swaps the names of the states the text mentions for other
states of the gazetteer (a rotation that depends on ``k``) and shifts every year by ``k``, so every copy has its
own text and hash; an article joins 2 to 6 such texts, 500-1,700 words like real news articles. Each figure is
measured on subprocesses (``kg build`` and a bare spaCy script), with their CPU time, wall time and peak RSS:

(0) cold start  CPU of ``kg build`` of one article / CPU of a bare ``spacy.load`` of the same model; target < 1.5
                (with the start-up cache of ``kg.cache`` filled; the first run, which fills it, reported apart)
(a) overhead    wall time of ``kg build --workers 1`` / of a bare script that loads the model and pipes the same
                texts; target <= 1.15
(b) workers     wall time of ``kg build --workers 1`` / of ``--workers 2``, default batch size; target >= 1.7
(c) memory      peak RSS of ``kg build`` on the corpus / on a tenth of it, default batch size; target < 1.3
(d) store       size of the store a build leaves / of the same quads bulk-loaded into a new store; target <= 1.3

    .venv/bin/python benchmarks/build_bench.py                 # the default sizes (a few minutes)
    .venv/bin/python benchmarks/build_bench.py --articles 10   # a quick smoke run
    .venv/bin/python benchmarks/build_bench.py --profile       # also cProfile the build, top functions
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.gazetteer import load_gazetteer  # noqa: E402
from kg.ingest import iter_articles  # noqa: E402
from kg.nlp import load_pipeline, resolve_model  # noqa: E402
from kg.pipeline import WRITE_BATCH, build  # noqa: E402

KG = str(Path(sys.executable).with_name("kg"))
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def varied_texts(copies: int) -> list[str]:
    """``copies`` varied copies of every example article (states rotated, years shifted by the copy number)."""
    originals = list(iter_articles([ROOT / "examples"], lambda error: None))
    states = sorted(entry.label for entry in load_gazetteer().by_class("State") if " " not in entry.label)
    index = {name: i for i, name in enumerate(states)}
    names = re.compile(r"\b(" + "|".join(map(re.escape, states)) + r")\b")
    texts = []
    for k in range(copies):

        def swap(match: re.Match[str], k: int = k) -> str:
            return states[(index[match.group(1)] + 7 * k) % len(states)]

        for article in originals:
            texts.append(YEAR.sub(lambda m, k=k: str(int(m.group(1)) + k % 9), names.sub(swap, article.text)))
    return texts


def make_corpus(folder: Path, articles: int) -> tuple[int, int]:
    """Write ``articles`` .txt files of 2 to 6 varied example texts each; returns (articles, whitespace tokens)."""
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [2 + number % 5 for number in range(articles)]
    texts = iter(varied_texts(sum(sizes) // 9 + 1))
    tokens = 0
    for number, size in enumerate(sizes):
        text = "\n\n".join(next(texts) for _ in range(size))
        (folder / f"{number:04d}.txt").write_text(text)
        tokens += len(text.split())
    return articles, tokens


_MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""

_BARE = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load(sys.argv[1])
for doc in nlp.pipe((p.read_text() for p in sorted(Path(sys.argv[2]).iterdir())), batch_size=32):
    pass
"""


@dataclass
class Run:
    """One subprocess: wall seconds, CPU seconds (its children's too), peak RSS (MB)."""

    wall: float
    cpu: float
    rss: float


def measure(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command`` under a fresh parent process that reports its wall time, CPU time and peak RSS."""
    probe = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True, env=env
    )
    wall, cpu, rss = probe.stdout.split()
    return Run(float(wall), float(cpu), int(rss) / 1024)


def best(command: list[str], runs: int, env: dict[str, str] | None = None) -> Run:
    """The fastest of ``runs`` runs (this machine's speed drifts by a third within minutes)."""
    return min((measure(command, env) for _ in range(runs)), key=lambda run: run.wall)


def kg_build(corpus: Path, db: Path, workers: int) -> list[str]:
    """The ``kg build`` command of a fresh store ``db``."""
    shutil.rmtree(db, ignore_errors=True)
    return [KG, "build", str(corpus), "--db", str(db), "--workers", str(workers), "-q"]


def directory_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def bulk_loaded_mb(db: Path, workdir: Path) -> float:
    """The size of a new store into which the quads of ``db`` are bulk-loaded (and optimised)."""
    copy = workdir / "bulk.db"
    shutil.rmtree(copy, ignore_errors=True)
    source = ox.Store.read_only(str(db))
    target = ox.Store(str(copy))
    target.bulk_extend(source.quads_for_pattern(None, None, None, None))
    target.flush()
    target.optimize()
    del source, target
    ox.Store(str(copy))  # reopened once, as a build's store is: the write-ahead log is folded in
    return directory_mb(copy)


def profile_build(corpus: Path, workdir: Path, top: int) -> str:
    load_pipeline()
    profiler = cProfile.Profile()
    profiler.runcall(build, [corpus], db=workdir / "profile.db", workers=1)
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(top)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100, help="articles in the corpus of (a) and (b)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each side of (0); the fastest counts")
    parser.add_argument(
        "--memory-factor", type=int, default=10, help="(c): the corpus / one this many times smaller"
    )
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one build")
    args = parser.parse_args(argv)
    console = Console()
    model = resolve_model(None)
    load = os.getloadavg()[0]  # other work on the machine slows the wall times

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        workdir = Path(tmp)
        corpus, one, small = (workdir / name for name in ("corpus", "one", "small"))
        articles, tokens = make_corpus(corpus, args.articles)
        make_corpus(one, 1)
        make_corpus(small, max(1, articles // args.memory_factor))
        console.print(f"corpus: {articles} articles, {tokens:,} tokens, {tokens // articles} an article")

        bare_load = best([sys.executable, "-c", f"import spacy; spacy.load({model!r})"], args.runs)
        fresh = {**os.environ, "NEWSKG_CACHE": str(workdir / "cache")}
        single = [KG, "build", str(one), "-o", str(workdir / "one.ttl"), "--workers", "1", "-q"]  # no store
        first = measure(single, fresh)  # fills the start-up cache
        cold = best(single, args.runs, fresh)
        bare = measure([sys.executable, "-c", _BARE, model, str(corpus)], fresh)
        ours = measure(kg_build(corpus, workdir / "a.db", 1), fresh)
        two = measure(kg_build(corpus, workdir / "b.db", 2), fresh)
        small_run = measure(kg_build(small, workdir / "c.db", 1), fresh)
        stored, bulk = directory_mb(workdir / "a.db"), bulk_loaded_mb(workdir / "a.db", workdir)

        table = Table(title="kg build benchmarks (whole processes)", show_lines=False)
        for column in ("measure", "value", "ratio", "target", "ok"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        factor = args.memory_factor
        rows = [
            ("(0) cold start: kg build of 1 article / spacy.load, CPU", f"{cold.cpu:.2f} s / {bare_load.cpu:.2f} s",
             cold.cpu / bare_load.cpu, "< 1.5"),
            ("    the same, first run (fills the start-up cache)", f"{first.cpu:.2f} s / {bare_load.cpu:.2f} s",
             first.cpu / bare_load.cpu, ""),
            ("(a) overhead: kg build / bare spaCy script, wall", f"{ours.wall:.1f} s / {bare.wall:.1f} s",
             ours.wall / bare.wall, "<= 1.15"),
            ("    the same, CPU", f"{ours.cpu:.1f} s / {bare.cpu:.1f} s", ours.cpu / bare.cpu, ""),
            ("(b) --workers 1 / --workers 2, wall", f"{ours.wall:.1f} s / {two.wall:.1f} s", ours.wall / two.wall,
             ">= 1.7"),
            ("    CPU of --workers 2 (all processes) / of --workers 1", f"{two.cpu:.1f} s / {ours.cpu:.1f} s",
             two.cpu / ours.cpu, ""),
            (f"(c) peak RSS: {articles} / {articles // factor} articles, batch {WRITE_BATCH}",
             f"{ours.rss:.0f} / {small_run.rss:.0f} MB", ours.rss / small_run.rss, "< 1.3"),
            ("    peak RSS of (b) / of (a): the largest of the parent and its workers", f"{two.rss:.0f} MB",
             two.rss / ours.rss, ""),
            ("(d) store after kg build / the same quads bulk-loaded", f"{stored:.1f} / {bulk:.1f} MB", stored / bulk,
             "<= 1.3"),
        ]  # fmt: skip
        for measure_name, value, ratio, target in rows:
            table.add_row(measure_name, value, f"{ratio:.2f}", target, _verdict(ratio, target))
        console.print(table)
        console.print(f"tokens/s, wall: bare {tokens / bare.wall:,.0f}, kg build {tokens / ours.wall:,.0f}")
        console.print(
            f"load average at the start / end: {load:.1f} / {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        if args.profile:
            console.print(profile_build(corpus, workdir, 40), markup=False, highlight=False)
    return 0


def _verdict(ratio: float, target: str) -> str:
    """ "yes"/"NO" for a target such as "<= 1.15", "" when there is none."""
    if not target:
        return ""
    operator, bound = target.split()
    holds = {"<": ratio < float(bound), "<=": ratio <= float(bound), ">=": ratio >= float(bound)}[operator]
    return "yes" if holds else "NO"


if __name__ == "__main__":
    sys.exit(main())
