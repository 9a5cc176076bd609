"""The rendered page in a real browser: headless Chromium through Playwright, with the network cut off.

These tests never skip: without /usr/bin/chromium they fail and say how to install it (CI's .ci/run does).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kg.render import render_html
from tests import graph_samples
from tests.browser import READY, VIEWPORT, chromium, screenshot
from tests.graph_samples import BASE, EVIL, SAMPLE_EDGES, SAMPLE_NODES, SCRIPT_SENTENCE, build_dataset

pytestmark = pytest.mark.browser

TITLE = "Sample <b onmouseover=alert(4)>graph</b>"
RU, UA, EU, NATO, EVIL_IRI = (f"{BASE}actor/{k}" for k in ("Q159", "Q212", "Q458", "Q7184", "evil-actor"))
SAMPLE_PAIRS = 6
"""Edges drawn for the sample: actor pairs with a relation (Russia and Ukraine share three, merged into one)."""


@pytest.fixture(scope="module")
def browser() -> Iterator:
    try:
        with chromium() as browser:
            yield browser
    except FileNotFoundError as exc:
        pytest.fail(str(exc))


class Watched:
    """A page whose every non-file request is aborted and recorded, with console errors and dialogs kept."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport=VIEWPORT)
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

    def open(self, path: Path, timeout_ms: int = 30_000) -> None:
        """Load the page and wait until the network is laid out and drawn."""
        self.page.goto(path.as_uri())
        self.page.wait_for_selector(READY, state="attached", timeout=timeout_ms)

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
        tooltip = self.page.locator("div.vis-tooltip")
        self.page.mouse.move(box["x"] - 30, box["y"] - 30)
        tooltip.wait_for(state="hidden", timeout=5_000)  # not the tooltip of something hovered before
        self.page.mouse.move(box["x"], box["y"], steps=5)
        tooltip.wait_for(state="visible", timeout=5_000)
        return tooltip.inner_text()


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "graph.html"
    result = render_html(build_dataset(), path, title=TITLE)
    assert (result.nodes, result.edges) == (SAMPLE_NODES, SAMPLE_EDGES)
    return path


@pytest.fixture
def watched(browser, sample) -> Iterator[Watched]:
    """The sample page, open and drawn; afterwards: no script error, request or dialog happened."""
    opened = Watched(browser)
    opened.open(sample)
    yield opened
    opened.clean()
    opened.page.close()


def _count(watched: Watched) -> list[int]:
    """Actors and edges vis-network currently lays out and draws."""
    return watched.page.evaluate("[network.body.nodeIndices.length, network.body.edgeIndices.length]")


def test_page_draws_offline_with_readable_labels_and_merged_edges(watched, tmp_path):
    assert watched.page.evaluate("nkg.nodes.length") == SAMPLE_NODES
    assert _count(watched) == [SAMPLE_NODES, SAMPLE_PAIRS]  # the three Russia-Ukraine relations are one edge
    merged = watched.page.evaluate(
        "p => nkg.edges.get({filter: e => e.from === p[0] && e.to === p[1]}).map(e => e.members.length)",
        [RU, UA],
    )
    assert merged == [3]
    assert watched.page.inner_text("h1") == TITLE  # the heading's markup shows as text
    assert "material conflict (3)" in watched.page.inner_text("#nkg-legend")
    # labels at least 12 px on screen at the default zoom; edge labels hidden until hover or focus
    px = watched.page.evaluate(
        "network.body.nodeIndices.map(id => network.body.nodes[id].options.font.size * network.getScale())"
    )
    assert min(px) >= 12, px
    assert watched.page.evaluate("nkg.edges.get().filter(e => e.label).length") == 0
    shot = tmp_path / "graph.png"
    watched.page.screenshot(path=str(shot))
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000


def test_screenshot_writes_a_small_png_of_the_drawn_graph(browser, sample, tmp_path):
    from PIL import Image

    png = screenshot(sample, tmp_path / "docs" / "graph.png", browser)  # what `make screenshot` runs
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and 10_000 < len(data) < 300_000
    with Image.open(png) as image:
        assert image.size == (VIEWPORT["width"], VIEWPORT["height"]) and image.mode == "P"
        network = image.convert("RGB").crop(
            (260, 70, VIEWPORT["width"], VIEWPORT["height"])
        )  # right of the sidebar
        colours = {rgb for _, rgb in network.getcolors(maxcolors=1 << 16)}
    blue = (0x4E, 0x79, 0xA7)  # the states' colour, right of the sidebar: the network was drawn
    assert any(sum(abs(a - b) for a, b in zip(c, blue, strict=True)) < 16 for c in colours)


def _edge_point(watched: Watched, a: str, b: str) -> dict:
    return watched.page.evaluate(
        """([a, b]) => { const id = nkg.edges.getIds({filter: e => e.from === a && e.to === b})[0];
                         return network.body.edges[id].edgeType.getPoint(0.5); }""",
        [a, b],
    )


def test_edge_tooltip_shows_the_evidence_and_both_dates_as_text(watched):
    text = watched.hover(_edge_point(watched, RU, UA))
    for relation in ("attacks", "meetsWith", "agreesWith"):
        assert f"Russia → {relation} → Ukraine" in text
    assert SCRIPT_SENTENCE in text  # "</script><script>alert(...)" is shown, not run
    assert "Fighting in eastern Ukraine · published 2014-08-25" in text
    text = watched.hover(_edge_point(watched, EU, RU))
    assert "The EU imposed sanctions on Russia over Crimea." in text
    assert "The EU widened its sanctions against Russia." in text
    assert "2 statements in 2 articles" in text
    assert "Fighting in eastern Ukraine · published 2014-08-25 · event date 2014-07-30" in text
    assert "EU and US sanction Russia over Crimea · published 2014-03-17\n" in text  # no separate event date
    labelled = watched.page.evaluate("nkg.edges.get().filter(e => e.label).map(e => e.label)")
    assert labelled == ["sanctions"]  # the hovered edge shows its label
    assert watched.page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0


def test_tooltips_quote_the_statements_the_filters_keep(browser, tmp_path):
    reports = [
        (
            f"r{i}",
            f"Report {i}",
            date(2020, 1 + i, 1),
            [("Q159", "attacks", "Q212", "asserted", f"Shelling, report {i}.", None)],
        )
        for i in range(3)
    ]
    path = tmp_path / "reports.html"
    render_html(build_dataset(articles=reports), path)
    watched = Watched(browser)
    watched.open(path)
    text = watched.hover(_edge_point(watched, RU, UA))
    assert "3 statements in 3 articles" in text
    assert (
        "Shelling, report 0." in text and "Shelling, report 1." in text and "Shelling, report 2." not in text
    )
    assert "+1 more: click the edge" in text  # the tooltip quotes two; the side panel all three
    _set(watched, "#nkg-from", "2")  # from 2020-03
    text = watched.hover(_edge_point(watched, RU, UA))
    assert "1 statement in 1 article" in text and "Shelling, report 2." in text
    assert "report 0" not in text and "more: click" not in text
    watched.clean()
    watched.page.close()


def test_clicking_a_merged_edge_expands_it(watched):
    watched.page.mouse.click(*_dom_point(watched, _edge_point(watched, RU, UA)))
    watched.page.wait_for_function("network.body.edgeIndices.length === 8")
    relations = watched.page.evaluate(
        "p => nkg.edges.get({filter: e => e.from === p[0] && e.to === p[1]}).map(e => e.label).sort()",
        [RU, UA],
    )
    assert relations == ["agreesWith", "attacks", "meetsWith"]
    assert "Russia → meetsWith → Ukraine" in watched.page.inner_text("#nkg-details")


def test_injected_markup_in_an_actor_label_renders_as_text(watched):
    position = watched.page.evaluate("id => network.getPositions([id])[id]", EVIL_IRI)
    text = watched.hover(position)
    assert EVIL in text and "Person" in text and "accuses (1)" in text  # the actor's relations on hover
    # click to focus it: the side panel shows the same text, still no element made from it
    watched.page.mouse.click(*_dom_point(watched, position))
    assert EVIL in watched.page.inner_text("#nkg-details")
    assert EVIL in watched.page.evaluate(
        "[...document.querySelectorAll('#nkg-names option')].map(o => o.value)"
    )
    assert watched.page.evaluate("document.querySelectorAll('img').length") == 0
    assert watched.page.evaluate("document.querySelectorAll('[onerror], [onmouseover]').length") == 0
    watched.page.wait_for_timeout(300)  # an onerror handler would have fired by now


def _dom_point(watched: Watched, canvas_point: dict) -> tuple[float, float]:
    box = watched.page.evaluate(
        """p => { const d = network.canvasToDOM(p);
                  const r = document.getElementById('nkg-network').getBoundingClientRect();
                  return [d.x + r.left, d.y + r.top]; }""",
        canvas_point,
    )
    return box[0], box[1]


@pytest.mark.parametrize(
    ("query", "enter", "actor"),
    [("Kyiv", False, UA), ("the kremlin", False, RU), ("NAT", True, NATO), ("Europ", True, EU)],
)
def test_search_finds_an_actor_by_name_or_alias_and_focuses_it(watched, query, enter, actor):
    suggestions = watched.page.evaluate(
        "[...document.querySelectorAll('#nkg-names option')].map(o => o.value)"
    )
    assert {"Ukraine", "Kyiv", "Moscow", "NATO", "European Union", "EU"} <= set(suggestions)
    watched.page.fill("#nkg-search", query)
    if enter:
        watched.page.press("#nkg-search", "Enter")
    watched.page.wait_for_function("nkg.focus !== null")
    assert watched.page.evaluate("nkg.focus.id") == actor
    assert watched.page.evaluate("network.getSelectedNodes()") == [actor]
    watched.page.wait_for_timeout(500)  # the zoom animation
    x, y = _dom_point(watched, watched.page.evaluate("id => network.getPositions([id])[id]", actor))
    canvas = watched.page.locator("#nkg-network").bounding_box()
    panel = watched.page.locator("#nkg-details").bounding_box()
    # centred in the part of the canvas the side panel leaves free
    assert abs(x - (canvas["x"] + panel["x"]) / 2) < 15 and abs(y - (canvas["y"] + canvas["height"] / 2)) < 5
    assert watched.page.evaluate("network.getScale() / nkg.baseScale") > 1.5  # zoomed in
    label = watched.page.evaluate("id => nkg.nodes.get(id).label", actor)
    assert watched.page.inner_text("#nkg-details .nkg-tip-head").startswith(label)


def _set(watched: Watched, selector: str, value: str) -> None:
    """Move a slider (or tick a box) the way a person would: the change fires an ``input`` event."""
    watched.page.evaluate(
        """([sel, value]) => { const box = document.querySelector(sel);
             if (box.type === 'checkbox') { box.checked = value === 'on'; } else { box.value = value; }
             box.dispatchEvent(new Event('input', {bubbles: true})); }""",
        [selector, value],
    )


# Relations of the sample, merged per pair: EU-Russia (sanctions x2), US-Russia (sanctions), Putin-Russia
# (leaderOf), Russia-Ukraine (attacks, meetsWith, agreesWith), NATO-Russia (meetsWith), blogger-NATO (accuses).
FILTERS = {
    "no material conflict": ([("input[name=quad][value=materialConflict]", "off")], 4),
    "no structural": ([("input[name=quad][value=structural]", "off")], 5),
    "no meetsWith": ([("input[name=relation][value=meetsWith]", "off")], 5),
    "no Person": ([("input[name=cls][value=Person]", "off")], 5),
    "from 2015-01": ([("#nkg-from", "10")], 3),  # month 10 after 2014-03
    "until 2014-07": ([("#nkg-to", "4")], 3),
    "confidence 0.9": ([("#nkg-conf", "0.9")], 3),
    "two articles": ([("#nkg-corr", "2")], 1),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_each_filter_changes_the_visible_edges_without_reloading(browser, sample, name):
    steps, edges = FILTERS[name]
    watched = Watched(browser)
    watched.open(sample)
    watched.page.evaluate("window.notReloaded = true")
    assert watched.page.evaluate("nkg.months[0]") == "2014-03"
    for selector, value in steps:
        _set(watched, selector, value)
    assert _count(watched)[1] == edges
    assert watched.page.evaluate("window.notReloaded") is True
    watched.page.click("#nkg-reset")
    assert _count(watched) == [SAMPLE_NODES, SAMPLE_PAIRS]
    watched.clean()
    watched.page.close()


def test_focus_dims_all_but_the_neighbourhood_and_lists_relations(watched):
    position = watched.page.evaluate("id => network.getPositions([id])[id]", RU)
    watched.page.mouse.click(*_dom_point(watched, position))
    watched.page.wait_for_function("nkg.focus !== null")
    near = set(watched.page.evaluate("nkg.focus.near"))
    assert RU in near and UA in near and EU in near and EVIL_IRI not in near  # the blogger is two hops away
    panel = watched.page.locator("#nkg-details")
    assert panel.is_visible()
    groups = watched.page.evaluate(
        "[...document.querySelectorAll('#nkg-details details')].map(d => d.querySelector('summary').textContent)"
    )
    assert set(groups) == {"sanctions (2)", "meetsWith (2)", "attacks (1)", "agreesWith (1)", "leaderOf (1)"}
    assert "The EU imposed sanctions on Russia over Crimea." in panel.inner_text()
    dimmed = watched.page.evaluate("id => nkg.nodes.get(id).color", EVIL_IRI)
    assert dimmed != watched.page.evaluate("id => nkg.nodes.get(id).base", EVIL_IRI)
    labelled = watched.page.evaluate("nkg.edges.get().filter(e => e.label).length")
    assert labelled == 5  # the focused actor's edges show their labels
    _set(watched, "input[name=quad][value=materialConflict]", "off")  # the panel follows the filters
    groups = watched.page.evaluate(
        "[...document.querySelectorAll('#nkg-details details')].map(d => d.querySelector('summary').textContent)"
    )
    assert set(groups) == {"meetsWith (2)", "agreesWith (1)", "leaderOf (1)"}
    _set(watched, "input[name=quad][value=materialConflict]", "on")
    watched.page.mouse.dblclick(*_dom_point(watched, position))
    watched.page.wait_for_function("nkg.focus.hops === 2")
    assert EVIL_IRI in watched.page.evaluate("nkg.focus.near")
    watched.page.mouse.click(5 + VIEWPORT["width"] - 60, VIEWPORT["height"] - 20)  # empty canvas
    watched.page.wait_for_function("nkg.focus === null")


UNDER = """curved => {
  // pairs (edge, actor it does not link) where the edge runs through the actor's shape: along the drawn
  // edge (curved) or along the straight line between its ends
  const pos = network.getPositions();
  let hits = 0;
  for (const id of network.body.edgeIndices) {
    const e = network.body.edges[id];
    if (e.fromId === e.toId) { continue; }
    const a = pos[e.fromId], b = pos[e.toId];
    for (const n of network.body.nodeIndices) {
      if (n === e.fromId || n === e.toId) { continue; }
      const r = network.body.nodes[n].options.size;
      for (let k = 1; k < 50; k++) {
        const p = curved ? e.edgeType.getPoint(k / 50) : {x: a.x + (b.x - a.x) * k / 50, y: a.y + (b.y - a.y) * k / 50};
        if (Math.hypot(p.x - pos[n].x, p.y - pos[n].y) < r) { hits++; break; }
      }
    }
  }
  return hits;
}"""


def test_labels_of_a_200_actor_graph_are_readable_at_the_default_zoom(browser, tmp_path):
    path = tmp_path / "two-hundred.html"
    assert render_html(graph_samples.random_dataset(200, 400, seed=2), path).nodes == 200
    watched = Watched(browser)
    watched.open(path)
    assert watched.page.evaluate("network.getScale()") < 0.5  # fitted: far smaller than the labels' own size
    px = watched.page.evaluate(
        "network.body.nodeIndices.map(id => network.body.nodes[id].options.font.size * network.getScale())"
    )
    assert min(px) >= 12.5, min(px)
    watched.clean()
    watched.page.close()


def test_edges_bend_around_actors_they_do_not_link(browser, tmp_path):
    path = tmp_path / "sixty.html"
    render_html(graph_samples.random_dataset(60, 160, seed=5), path)
    watched = Watched(browser)
    watched.open(path)
    straight, drawn = watched.page.evaluate(UNDER, False), watched.page.evaluate(UNDER, True)
    print(f"edges through an unrelated actor: {straight} if straight, {drawn} as drawn")
    assert straight > 0 and watched.page.evaluate("nkg.bent") > 0
    assert drawn <= straight // 3
    watched.clean()
    watched.page.close()


def test_a_2000_node_graph_stabilises_then_clusters_when_zoomed_out(browser, tmp_path):
    """(How long it takes is measured by benchmarks/render_bench.py.)"""
    path = tmp_path / "big.html"
    result = render_html(graph_samples.big_network(2000, 5000), path)
    assert (result.nodes, result.edges) == (2000, 5000)
    watched = Watched(browser)
    watched.open(path, timeout_ms=120_000)
    assert watched.page.evaluate("nkg.events") == ["stabilizationIterationsDone"]
    assert watched.page.evaluate("network.physics.options.enabled") is False  # physics off once stable
    # zoomed out to the whole graph: communities drawn as one node each
    assert watched.page.evaluate("network.getScale()") < 0.5
    clusters = watched.page.evaluate("nkg.clusters")
    assert clusters >= 3 and _count(watched)[0] < 2000 - clusters
    watched.page.screenshot(path=str(tmp_path / "big.png"))
    watched.page.evaluate("nkg.zoom(1.0)")
    assert watched.page.evaluate("nkg.clusters") == 0 and _count(watched)[0] == 2000
    # opened clusters put their actors back where they were, not all on the cluster's spot
    spots = watched.page.evaluate(
        "new Set(Object.values(network.getPositions()).map(p => p.x + ',' + p.y)).size"
    )
    assert spots > 1990
    watched.page.fill("#nkg-search", "Actor 17")
    watched.page.wait_for_function("nkg.focus !== null && nkg.focus.id === '17'")
    watched.clean()
    watched.page.close()


def test_timeline_html_draws_offline_with_the_title_as_text(browser, tmp_path):
    from kg.analysis import timeline
    from kg.charts import timeline_html

    hostile = "Russia <img src=x onerror=alert(1)>"
    path = timeline_html(timeline(build_dataset(), "Russia"), tmp_path / "t.html", title=hostile)
    watched = Watched(browser)
    watched.page.goto(path.as_uri())
    watched.page.wait_for_selector(".plotly .bars path", state="attached", timeout=30_000)
    assert watched.page.text_content(".gtitle") == hostile
    names = watched.page.evaluate("[...document.querySelectorAll('.legendtext')].map(t => t.textContent)")
    assert names == [
        "verbal cooperation",
        "material cooperation",
        "verbal conflict",
        "material conflict",
        "net Goldstein score",
    ]
    assert watched.page.evaluate("document.querySelectorAll('img').length") == 0
    watched.page.wait_for_timeout(300)
    watched.clean()
    watched.page.close()
