"""The rendered page in a real browser: headless Chromium through Playwright, with the network cut off.

These tests never skip: without /usr/bin/chromium they fail and say how to install it (CI's .ci/run does).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from kg.render import render_html
from tests.graph_samples import BASE, EVIL, SAMPLE_EDGES, SAMPLE_NODES, SCRIPT_SENTENCE, build_dataset

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TITLE = "Sample <b onmouseover=alert(4)>graph</b>"


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run these tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


class Watched:
    """A page whose every non-file request is aborted and recorded, with console errors and dialogs kept."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 860})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", self._dialog)

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path, timeout_ms: int = 30_000) -> float:
        """Load the page and wait until the network is laid out and drawn; return the seconds it took."""
        started = time.perf_counter()
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-state=stabilized]", state="attached", timeout=timeout_ms)
        return time.perf_counter() - started

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.blocked == [], self.blocked
        assert self.dialogs == [], f"markup from the data ran script: {self.dialogs}"

    def hover(self, canvas_point: dict) -> str:
        """Move the mouse over a point of the network (canvas coordinates); return the tooltip's text."""
        box = self.page.evaluate(
            """p => { const d = network.canvasToDOM(p);
                      const r = document.getElementById('nkg-network').getBoundingClientRect();
                      return {x: d.x + r.left, y: d.y + r.top}; }""",
            canvas_point,
        )
        self.page.mouse.move(box["x"] - 30, box["y"] - 30)
        self.page.mouse.move(box["x"], box["y"], steps=5)
        tooltip = self.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        return tooltip.inner_text()


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "graph.html"
    result = render_html(build_dataset(), path, title=TITLE)
    assert (result.nodes, result.edges) == (SAMPLE_NODES, SAMPLE_EDGES)
    return path


def test_page_draws_offline_with_every_node_and_edge(browser, sample, tmp_path):
    watched = Watched(browser)
    watched.open(sample)
    counts = watched.page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [SAMPLE_NODES, SAMPLE_EDGES]
    drawn = watched.page.evaluate("[network.body.nodeIndices.length, network.body.edgeIndices.length]")
    assert drawn == [SAMPLE_NODES, SAMPLE_EDGES]  # what vis-network laid out and drew
    assert watched.page.inner_text("h1") == TITLE  # the heading's markup shows as text
    assert "material conflict (3)" in watched.page.inner_text("#nkg-legend")
    shot = tmp_path / "graph.png"
    watched.page.screenshot(path=str(shot))
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    watched.clean()
    watched.page.close()


def test_edge_tooltip_shows_the_evidence_as_text(browser, sample):
    watched = Watched(browser)
    watched.open(sample)
    ru, ua = f"{BASE}actor/Q159", f"{BASE}actor/Q212"
    point = watched.page.evaluate(
        """([ru, ua]) => {
             const pick = e => e.from === ru && e.to === ua && e.relation === 'attacks';
             const id = nkg.edges.getIds({filter: pick})[0];
             return network.body.edges[id].edgeType.getPoint(0.5); }""",
        [ru, ua],
    )
    text = watched.hover(point)
    assert "Russia → attacks → Ukraine" in text
    assert SCRIPT_SENTENCE in text  # "</script><script>alert(...)" is shown, not run
    assert "Fighting in eastern Ukraine, 2014-08-25" in text
    eu = f"{BASE}actor/Q458"
    point = watched.page.evaluate(
        """eu => { const id = nkg.edges.getIds({filter: e => e.from === eu})[0];
                   return network.body.edges[id].edgeType.getPoint(0.5); }""",
        eu,
    )
    text = watched.hover(point)
    assert "The EU imposed sanctions on Russia over Crimea." in text
    assert "The EU widened its sanctions against Russia." in text
    assert "2 statements in 2 articles" in text
    assert watched.page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    watched.clean()
    watched.page.close()


def test_injected_markup_in_an_actor_label_renders_as_text(browser, sample):
    watched = Watched(browser)
    watched.open(sample)
    evil = f"{BASE}actor/evil-actor"
    position = watched.page.evaluate("id => network.getPositions([id])[id]", evil)
    text = watched.hover(position)
    assert EVIL in text and "Person" in text
    # click to pin the details panel: the same text, still no element made from it
    watched.page.mouse.click(*_dom_point(watched, position))
    assert EVIL in watched.page.inner_text("#nkg-details")
    assert watched.page.evaluate("document.querySelectorAll('img').length") == 0
    assert watched.page.evaluate("document.querySelectorAll('[onerror], [onmouseover]').length") == 0
    watched.page.wait_for_timeout(300)  # an onerror handler would have fired by now
    watched.clean()
    watched.page.close()


def _dom_point(watched: Watched, canvas_point: dict) -> tuple[float, float]:
    box = watched.page.evaluate(
        """p => { const d = network.canvasToDOM(p);
                  const r = document.getElementById('nkg-network').getBoundingClientRect();
                  return [d.x + r.left, d.y + r.top]; }""",
        canvas_point,
    )
    return box[0], box[1]


def _big_graph(n_nodes: int, n_edges: int, seed: int = 3) -> nx.MultiDiGraph:
    """A 2,000-actor network with the attributes of :func:`kg.analysis.to_networkx` (hub-heavy, like news)."""
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n_nodes, max(1, n_edges // n_nodes), seed=seed)
    G = nx.MultiDiGraph(articles={"a": {"title": "Article", "date": date(2015, 1, 1), "source": "a.txt"}})
    classes = ["State", "Leader", "Institution", "Person", "ArmedGroup", "Place"]
    for n in skeleton:
        G.add_node(
            str(n), label=f"Actor {n}", cls=rng.choice(classes), qid=f"Q{n + 1}", iso3=None, aliases=[]
        )
    relations = ["meetsWith", "agreesWith", "accuses", "sanctions", "attacks", "aids"]
    for i, (u, v) in enumerate(skeleton.edges()):
        G.add_edge(
            str(u), str(v), key=f"s{i}", relation=rng.choice(relations), modality="asserted",
            date=date(2015, 1 + i % 12, 1), confidence=0.8, evidence=f"Actor {u} and actor {v}.", trigger="x",
            article="a", statement_count=1, article_count=1,
        )  # fmt: skip
    return G


def test_a_2000_node_graph_settles_within_seconds(browser, tmp_path):
    G = _big_graph(2000, 4000)
    path = tmp_path / "big.html"
    started = time.perf_counter()
    result = render_html(G, path)
    rendered = time.perf_counter() - started
    watched = Watched(browser)
    seconds = watched.open(path, timeout_ms=90_000)
    counts = watched.page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [result.nodes, result.edges] == [2000, G.number_of_edges()]
    timing = watched.page.evaluate("nkg.timing")
    print(f"2,000 nodes: render {rendered:.2f} s, browser until drawn {seconds:.2f} s, in-page {timing}")
    watched.page.screenshot(path=str(tmp_path / "big.png"))
    watched.clean()
    watched.page.close()
    assert rendered < 20 and seconds < 30  # generous: a shared 2-core machine; typically ~1 s and ~3 s
