"""Graph view benchmark: writing the page, and opening it in Chromium until the layout is stable.

For a demo-sized network (60 actors, 130 edges) and a large one (2,000 actors, 5,000 edges; both from
``tests.graph_samples.big_network``, hub-heavy), the median of ``--runs`` runs of

(a) render   ``kg.render.render_html`` wall time (selection, PageRank, communities, layout, JSON);
(b) page     in Chromium (headless, Debian's /usr/bin/chromium), from the page's first script to the end of
             ``stabilizationIterationsDone`` (physics then off), as the page records it in ``nkg.timing``;

and their large/demo ratios. Target for the large page: stable in under 10 s on the development machine.

    .venv/bin/python benchmarks/render_bench.py            # 3 runs each
    .venv/bin/python benchmarks/render_bench.py --runs 1   # a quick smoke run
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.render import render_html  # noqa: E402
from tests.browser import READY, VIEWPORT, chromium  # noqa: E402
from tests.graph_samples import big_network  # noqa: E402

SIZES = {"demo": (60, 130), "large": (2000, 5000)}


def measure(browser, nodes: int, edges: int, runs: int, folder: Path) -> tuple[float, float]:
    """Median seconds to render the page and for the page to become stable."""
    graph = big_network(nodes, edges)
    render, page_times = [], []
    for i in range(runs):
        path = folder / f"{nodes}-{i}.html"
        started = time.perf_counter()
        render_html(graph, path)
        render.append(time.perf_counter() - started)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(path.as_uri())
        page.wait_for_selector(READY, state="attached", timeout=300_000)
        timing = page.evaluate("nkg.timing")
        page_times.append((timing["stabilized"] - timing["start"]) / 1000)
        page.close()
    return statistics.median(render), statistics.median(page_times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for name, (nodes, edges) in SIZES.items():
            results[name] = measure(browser, nodes, edges, args.runs, Path(tmp))
    table = Table(
        "network", "render (s)", "page until stable (s)", title=f"graph view, median of {args.runs}"
    )
    for name, (render, page) in results.items():
        nodes, edges = SIZES[name]
        table.add_row(f"{name}: {nodes:,} actors, {edges:,} edges", f"{render:.2f}", f"{page:.2f}")
    (r_demo, p_demo), (r_large, p_large) = results["demo"], results["large"]
    table.add_row("large / demo", f"{r_large / r_demo:.1f}x", f"{p_large / p_demo:.1f}x")
    console = Console()
    console.print(table)
    console.print(
        f"large page stable in {p_large:.1f} s: target < 10 s ({'met' if p_large < 10 else 'missed'})"
    )


if __name__ == "__main__":
    main()
