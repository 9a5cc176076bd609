"""An interactive HTML view of the graph (pyvis + vis-network), self-contained and safe to open offline.

pyvis assembles the nodes, edges and options; the page itself comes from this module's template, which
inlines the vis-network script and stylesheet shipped inside the pyvis package (pyvis 0.3.2's own template
pulls Bootstrap and vis-network from CDNs and writes the heading unescaped). Article text never reaches the
page as markup: the data travels as JSON in a ``<script type="application/json">`` block with ``<``, ``>``
and ``&`` escaped, and tooltips are DOM elements filled with ``textContent``. A Content-Security-Policy
forbids the page any network access.

>>> from rdflib import Graph
>>> result = render_html(Graph().parse("out/graph.ttl"), "graph.html", relation="sanctions")  # doctest: +SKIP
>>> result.nodes, result.edges  # doctest: +SKIP
(12, 17)
"""

from __future__ import annotations

import difflib
import json
import math
import random
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network
from rdflib import Graph

from kg.analysis import (
    QUAD_COLOURS,
    QUADS,
    aggregate_edges,
    find_actor,
    quad_label,
    relation_types,
    to_networkx,
)
from kg.errors import InvalidFilter
from kg.store import write_atomic

NODE_STYLES: dict[str, tuple[str, str, str]] = {
    "State": ("#4e79a7", "dot", "●"),
    "Leader": ("#f28e2b", "diamond", "◆"),
    "Person": ("#b07aa1", "triangle", "▲"),
    "Institution": ("#17a2b8", "square", "■"),
    "ArmedGroup": ("#6b3e26", "triangleDown", "▼"),
    "Bloc": ("#9c755f", "hexagon", "⬢"),
    "Place": ("#a0a830", "star", "★"),
    "Actor": ("#9e9e9e", "dot", "●"),
}
"""Per actor class: node colour, vis-network shape, and the glyph drawn in the legend."""

STRUCTURAL_COLOUR = "#8a94a6"
"""Edges of structural relations (leaderOf, memberOf, ...), which belong to no quad class: grey, dashed."""

LARGE_GRAPH = 300
"""From this many nodes on, the page uses cheaper settings (fewer stabilisation steps, no edge labels)."""

VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"

__all__ = ["NODE_STYLES", "RenderResult", "parse_date", "render_html", "select", "to_html"]


@dataclass(frozen=True)
class RenderResult:
    """What :func:`render_html` wrote: the file and the number of nodes and edges drawn."""

    path: Path
    nodes: int
    edges: int


def parse_date(text: str | date | None, *, end: bool = False) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a date: the first day of the period, or the last if ``end``.

    >>> parse_date("2015-02"), parse_date("2015-02", end=True), parse_date("2016", end=True)
    (datetime.date(2015, 2, 1), datetime.date(2015, 2, 28), datetime.date(2016, 12, 31))
    """
    if text is None or isinstance(text, date):
        return text
    parts = text.strip().split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(text.strip())
        year = int(parts[0])
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if len(parts) == 2 and len(parts[0]) == 4:
            month = int(parts[1])
            if not end:
                return date(year, month, 1)
            nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
    except ValueError:
        pass
    raise InvalidFilter(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")


def _relations(relation: str | Iterable[str] | None, ontology: str | Path | None) -> set[str] | None:
    """Relations selected by ``relation``: property names ("sanctions") or quad classes ("verbalConflict")."""
    if relation is None:
        return None
    names = [relation] if isinstance(relation, str) else list(relation)
    types = relation_types(ontology)
    chosen: set[str] = set()
    for name in (n.strip() for item in names for n in item.split(",") if n.strip()):
        by_case = {k.casefold(): k for k in (*types, *QUADS)}
        key = by_case.get(name.casefold())
        if key is None:
            close = difflib.get_close_matches(name, list(types) + list(QUADS), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise InvalidFilter(f"unknown relation {name!r}{hint}")
        chosen |= {t.name for t in types.values() if t.quad == key} if key in QUADS else {key}
    return chosen


def _importance(A: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank over the drawn edges (undirected, weighted by statements); isolated nodes get the minimum."""
    H = nx.Graph()
    H.add_nodes_from(A)
    for u, v, data in A.edges(data=True):
        if u != v:
            H.add_edge(u, v, weight=H[u][v]["weight"] + data["count"] if H.has_edge(u, v) else data["count"])
    if H.number_of_edges() == 0:
        return dict.fromkeys(H, 1.0)
    return nx.pagerank(H, weight="weight")


def select(
    graph: Graph | nx.MultiDiGraph,
    *,
    relation: str | Iterable[str] | None = None,
    actor: str | None = None,
    hops: int = 1,
    since: str | date | None = None,
    until: str | date | None = None,
    min_count: int = 1,
    max_nodes: int | None = None,
    ontology: str | Path | None = None,
) -> nx.MultiDiGraph:
    """The subgraph a view draws: asserted statements collapsed per (subject, relation, object), filtered.

    ``relation`` keeps relations (or whole quad classes, e.g. "materialConflict"; several comma-separated);
    ``since``/``until`` keep statements dated in the range; ``min_count`` drops edges with fewer statements;
    ``actor`` with ``hops`` keeps the neighbourhood of one actor; ``max_nodes`` keeps the most central actors
    (PageRank). Actors without a drawn edge are left out (except ``actor`` itself).
    Edges are those of :func:`kg.analysis.aggregate_edges`.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("r", {"label": "Russia"}), ("u", {"label": "Ukraine"}), ("e", {"label": "EU"})])
    >>> _ = G.add_edge("r", "u", relation="attacks", modality="asserted", date=date(2022, 2, 24))
    >>> _ = G.add_edge("e", "r", relation="sanctions", modality="asserted", date=date(2022, 3, 1))
    >>> sorted(select(G, relation="attacks").edges(keys=True))
    [('r', 'u', 'attacks')]
    """
    if hops < 0:
        raise InvalidFilter("--hops must be 0 or more")
    if min_count < 1:
        raise InvalidFilter("--min-count must be 1 or more")
    if max_nodes is not None and max_nodes < 1:
        raise InvalidFilter("--max-nodes must be 1 or more")
    start, end = parse_date(since), parse_date(until, end=True)
    if start and end and start > end:
        raise InvalidFilter(f"--since {since} is after --until {until}")
    G = graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(graph)
    centre = find_actor(G, actor) if actor is not None else None
    A = aggregate_edges(G, relations=_relations(relation, ontology), since=start, until=end)
    A.remove_edges_from([(u, v, k) for u, v, k, d in A.edges(keys=True, data=True) if d["count"] < min_count])
    A.remove_nodes_from([n for n in list(A) if A.degree(n) == 0 and n != centre])
    if centre is not None:
        A = A.subgraph(nx.ego_graph(A.to_undirected(as_view=True), centre, radius=hops)).copy()
    if max_nodes is not None and A.number_of_nodes() > max_nodes:
        rank = _importance(A)
        order = sorted(A, key=lambda n: (n != centre, -rank[n], str(A.nodes[n].get("label"))))
        A = A.subgraph(order[:max_nodes]).copy()
    return A


LAYOUT_SAMPLE = 250
"""Large graphs get a Python layout: a spring layout of this many most central actors, the rest placed by
their neighbours; the browser then only relaxes it for a few iterations."""


def _layout(A: nx.MultiDiGraph, rank: dict[str, float], seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions (in pixels) for a large graph: spring layout of the central sample, the rest around it."""
    H = nx.Graph()
    H.add_nodes_from(A)
    H.add_edges_from((u, v) for u, v in A.edges() if u != v)
    sample = H.subgraph(sorted(H, key=lambda n: -rank.get(n, 0.0))[:LAYOUT_SAMPLE])
    core = max(nx.connected_components(sample), key=len)  # a sample actor alone would be pushed far out
    pos = {n: (float(x), float(y)) for n, (x, y) in nx.spring_layout(H.subgraph(core), seed=seed).items()}
    rng = random.Random(seed)
    spread = 1.0 / math.sqrt(len(core))
    queue = deque(core)
    while queue:  # breadth first from the sample: each actor lands near its already placed neighbours
        for node in H[queue.popleft()]:
            if node not in pos:
                near = [pos[m] for m in H[node] if m in pos]
                x = sum(p[0] for p in near) / len(near) + rng.uniform(-spread, spread)
                y = sum(p[1] for p in near) / len(near) + rng.uniform(-spread, spread)
                pos[node] = (x, y)
                queue.append(node)
    for node in H:
        if node not in pos:
            angle, radius = rng.uniform(0, 2 * math.pi), rng.uniform(1.1, 1.4)
            pos[node] = (radius * math.cos(angle), radius * math.sin(angle))
    scale = 45 * math.sqrt(H.number_of_nodes())
    return {n: (round(x * scale, 1), round(y * scale, 1)) for n, (x, y) in pos.items()}


def _json_for_script(data: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no ``</script>``, ``<!--`` or ``]]>`` can appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return Markup(text)


def _node_tip(data: dict[str, Any]) -> dict[str, Any]:
    meta = [data.get("cls") or "Actor"]
    if data.get("iso3"):
        meta.append(str(data["iso3"]))
    return {"label": data.get("label"), "meta": " · ".join(meta), "qid": data.get("qid"),
            "aliases": list(data.get("aliases") or [])[:8]}  # fmt: skip


def _edge_tip(A: nx.MultiDiGraph, u: str, v: str, data: dict[str, Any], quad: str | None) -> dict[str, Any]:
    articles = A.graph.get("articles", {})
    span = " – ".join(dict.fromkeys(str(d) for d in (data.get("first"), data.get("last")) if d))
    meta = [
        quad_label(quad) if quad else "structural relation",
        f"{data['count']} statement{'s' * (data['count'] != 1)} in {data['articles']} "
        f"article{'s' * (data['articles'] != 1)}",
    ]
    if span:
        meta.append(span)
    evidence = []
    for stmt in data["statements"]:
        if stmt.get("evidence") and len(evidence) < 5:
            article = articles.get(stmt.get("article"), {})
            when = stmt.get("date") or article.get("date")
            evidence.append(
                {
                    "text": stmt["evidence"],
                    "title": article.get("title") or article.get("source") or stmt.get("article"),
                    "date": str(when) if when else None,
                }
            )
    return {
        "subject": A.nodes[u].get("label") or u,
        "relation": data["relation"],
        "object": A.nodes[v].get("label") or v,
        "meta": " · ".join(meta),
        "evidence": evidence,
    }


def _network(A: nx.MultiDiGraph, ontology: str | Path | None) -> tuple[Network, dict[str, int]]:
    """A pyvis Network holding the styled nodes and edges of ``A``; also the count of nodes per class/quad."""
    types = relation_types(ontology)
    large = A.number_of_nodes() >= LARGE_GRAPH
    rank = _importance(A)
    top = max(rank.values(), default=1.0) or 1.0
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    net.options = _options(A.number_of_nodes())
    positions = _layout(A, rank) if large else {}
    present: dict[str, int] = defaultdict(int)
    for node, data in A.nodes(data=True):
        cls = data.get("cls") if data.get("cls") in NODE_STYLES else "Actor"
        colour, shape, _glyph = NODE_STYLES[cls]
        present[cls] += 1
        net.add_node(
            node,
            label=str(data.get("label") or node),
            shape=shape,
            color=colour,
            size=round(8 + 28 * math.sqrt(rank.get(node, 0.0) / top), 2),
            cls=cls,
            tip=_node_tip(data),
            **dict(zip(("x", "y"), positions.get(node, ()), strict=False)),
        )
    pair_index: dict[frozenset[str], int] = defaultdict(int)
    for u, v, _key, data in sorted(A.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        rtype = types.get(data["relation"])
        quad = rtype.quad if rtype else None
        present[quad or "structural"] += 1
        k = pair_index[frozenset((u, v))]
        pair_index[frozenset((u, v))] += 1
        edge: dict[str, Any] = {
            "label": data["relation"],
            "color": {"color": QUAD_COLOURS.get(quad or "", STRUCTURAL_COLOUR), "opacity": 0.85},
            "width": round(1 + 2.2 * math.log2(1 + max(data["articles"], 1)), 2),
            "dashes": quad is None,
            "relation": data["relation"],
            "quad": quad or "structural",
            "count": data["count"],
            "tip": _edge_tip(A, u, v, data, quad),
        }
        if k or u == v:
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW",
                "roundness": round(0.2 * k + 0.1 * (u == v), 2),
            }
        if large:
            edge["font"] = {"size": 0}
        net.add_edge(u, v, **edge)
    return net, present


def _options(n_nodes: int) -> dict[str, Any]:
    large = n_nodes >= LARGE_GRAPH
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n_nodes <= 100, "randomSeed": 7},
        "nodes": {
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "font": {
                "size": 11,
                "align": "middle",
                "color": "#444",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "smooth": {"enabled": False},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -9000 if large else -6000,
                "centralGravity": 0.25,
                "springLength": 110 if large else 170,
                "springConstant": 0.04,
                "damping": 0.25,
                "avoidOverlap": 0.1,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 30 if large else 400,
                "updateInterval": 50,
                "fit": True,
            },
            "minVelocity": 1.5,
        },
    }


CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:"
"""The page's Content-Security-Policy: no network access of any kind; inline script and style only
('unsafe-eval' only so that test drivers such as Playwright's ``wait_for_function`` can poll the page)."""

_PAGE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<title>{{ title }}</title>
<style>{{ vis_css }}</style>
<style>
html, body { margin: 0; height: 100%; color: #222;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
body { display: flex; flex-direction: column; background: #fafafa; }
header { padding: 8px 16px 6px; border-bottom: 1px solid #ddd; background: #fff; }
header h1 { margin: 0; font-size: 20px; font-weight: 600; }
header p { margin: 2px 0 0; color: #666; font-size: 12px; }
main { position: relative; flex: 1; min-height: 420px; }
#nkg-network { position: absolute; inset: 0; background: #fff; }
#nkg-legend { position: absolute; top: 10px; left: 10px; background: rgba(255,255,255,.92);
  border: 1px solid #ddd; border-radius: 6px; padding: 8px 10px; font-size: 12px; max-width: 220px;
  z-index: 2; }
#nkg-legend h2 { font-size: 12px; margin: 0 0 4px; text-transform: uppercase; letter-spacing: .04em;
  color: #555; }
#nkg-legend ul { list-style: none; margin: 0 0 6px; padding: 0; }
#nkg-legend li { margin: 1px 0; white-space: nowrap; }
#nkg-legend .glyph { display: inline-block; width: 18px; text-align: center; font-size: 14px; }
#nkg-legend .line { display: inline-block; width: 22px; height: 0; border-top: 3px solid;
  vertical-align: middle; margin-right: 6px; }
#nkg-legend .note { color: #666; margin: 4px 0 0; }
#nkg-details { position: absolute; right: 10px; top: 10px; width: 340px; max-height: 70%; overflow: auto;
  z-index: 2; background: #fff; border: 1px solid #ccc; border-radius: 6px; padding: 10px 12px;
  box-shadow: 0 2px 8px rgba(0,0,0,.15); }
#nkg-details[hidden] { display: none; }
#nkg-details button { float: right; border: 0; background: none; font-size: 16px; cursor: pointer;
  color: #666; }
#nkg-empty { position: absolute; top: 45%; width: 100%; text-align: center; color: #888; font-size: 16px; }
div.vis-tooltip { max-width: 420px; white-space: normal; font: 13px/1.4 system-ui, sans-serif;
  padding: 8px 10px; background: #fffef6; border: 1px solid #bbb; border-radius: 5px;
  box-shadow: 0 2px 6px rgba(0,0,0,.18); }
.nkg-tip-head { font-weight: 600; margin-bottom: 2px; }
.nkg-tip-meta { color: #666; font-size: 12px; margin-bottom: 4px; }
.nkg-tip blockquote { margin: 6px 0 0; padding: 0 0 0 8px; border-left: 3px solid #ccc; }
.nkg-tip cite { display: block; color: #666; font-size: 11px; font-style: normal; }
</style>
</head>
<body>
<header>
<h1>{{ title }}</h1>
<p>{{ summary }}</p>
</header>
<main>
<div id="nkg-network"></div>
<aside id="nkg-legend">
<h2>Actors</h2>
<ul>{% for cls, colour, glyph, n in node_legend %}
<li><span class="glyph" style="color: {{ colour }}">{{ glyph }}</span> {{ cls }} ({{ n }})</li>{% endfor %}
</ul>
<h2>Relations</h2>
<ul>{% for name, colour, dashed, n in edge_legend %}
<li><span class="line" style="border-top-color: {{ colour }};
{%- if dashed %} border-top-style: dashed;{% endif %}"></span>{{ name }} ({{ n }})</li>{% endfor %}
</ul>
<p class="note">Node size: PageRank. Edge width: number of articles. Hover for evidence, click to pin it.</p>
</aside>
<aside id="nkg-details" hidden></aside>
{% if not n_nodes %}<div id="nkg-empty">Nothing matches the filters.</div>{% endif %}
</main>
<script type="application/json" id="nkg-data">{{ data }}</script>
<script>{{ vis_js }}</script>
<script>
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("nkg-data").textContent);
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function nodeTip(t) {
    var d = el("div", "nkg-tip");
    d.appendChild(el("div", "nkg-tip-head", t.label));
    d.appendChild(el("div", "nkg-tip-meta", t.meta));
    if (t.qid && /^Q[0-9]+$/.test(t.qid)) {
      var a = el("a", null, "Wikidata " + t.qid);
      a.href = "https://www.wikidata.org/wiki/" + t.qid;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      d.appendChild(a);
    }
    if (t.aliases && t.aliases.length) {
      d.appendChild(el("div", "nkg-tip-meta", "also: " + t.aliases.join(", ")));
    }
    return d;
  }
  function edgeTip(t) {
    var d = el("div", "nkg-tip");
    d.appendChild(el("div", "nkg-tip-head", t.subject + " \u2192 " + t.relation + " \u2192 " + t.object));
    d.appendChild(el("div", "nkg-tip-meta", t.meta));
    t.evidence.forEach(function (ev) {
      var q = el("blockquote", null, ev.text);
      q.appendChild(el("cite", null, [ev.title, ev.date].filter(Boolean).join(", ")));
      d.appendChild(q);
    });
    return d;
  }
  data.nodes.forEach(function (n) { n.title = nodeTip(n.tip); });
  data.edges.forEach(function (e) { e.title = edgeTip(e.tip); });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("nkg-network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  window.network = network;
  window.nkg = {nodes: nodes, edges: edges, state: "drawing", timing: {start: t0, built: performance.now()}};
  var details = document.getElementById("nkg-details");
  function pin(content) {
    details.textContent = "";
    var close = el("button", null, "\u00d7");
    close.type = "button";
    close.title = "close";
    close.addEventListener("click", function () { details.hidden = true; });
    details.appendChild(close);
    details.appendChild(content);
    details.hidden = false;
  }
  network.on("click", function (p) {
    if (p.nodes.length) { pin(nodeTip(nodes.get(p.nodes[0]).tip)); }
    else if (p.edges.length) { pin(edgeTip(edges.get(p.edges[0]).tip)); }
    else { details.hidden = true; }
  });
  function ready() {
    if (window.nkg.state === "stabilized") { return; }
    network.setOptions({physics: {enabled: false}});
    window.nkg.state = "stabilized";
    window.nkg.timing.stabilized = performance.now();
    document.body.setAttribute("data-state", "stabilized");
  }
  if (data.options.physics.enabled && data.nodes.length) {
    network.once("stabilizationIterationsDone", ready);
  } else {
    network.once("afterDrawing", ready);
    network.redraw();
  }
})();
</script>
</body>
</html>
"""
)


def to_html(
    A: nx.MultiDiGraph, *, title: str = "News knowledge graph", ontology: str | Path | None = None
) -> str:
    """The self-contained HTML page drawing ``A`` (a graph from :func:`select`).

    >>> page = to_html(select(nx.MultiDiGraph()), title="Empty <graph>")
    >>> "Empty &lt;graph&gt;" in page and "https://cdn" not in page
    True
    """
    net, present = _network(A, ontology)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    node_legend = [(cls, st[0], st[2], present[cls]) for cls, st in NODE_STYLES.items() if present.get(cls)]
    edge_legend = [(quad_label(q), QUAD_COLOURS[q], False, present[q]) for q in QUADS if present.get(q)]
    if present.get("structural"):
        edge_legend.append(("structural", STRUCTURAL_COLOUR, True, present["structural"]))
    n_nodes, n_edges = len(nodes), len(edges)
    return _PAGE.render(
        csp=CSP,
        title=title,
        summary=f"{n_nodes} actors, {n_edges} relations (asserted statements only)",
        node_legend=node_legend,
        edge_legend=edge_legend,
        n_nodes=n_nodes,
        data=_json_for_script({"nodes": nodes, "edges": edges, "options": json.loads(options)}),
        vis_css=Markup((VIS_DIR / "vis-network.css").read_text(encoding="utf-8")),
        vis_js=Markup((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")),
    )


def render_html(
    graph: Graph | nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str = "News knowledge graph",
    ontology: str | Path | None = None,
    **filters: Any,
) -> RenderResult:
    """Write the interactive HTML view of ``graph`` to ``path``, atomically.

    ``graph`` is an rdflib Graph/Dataset or a graph from :func:`kg.analysis.to_networkx`; ``filters`` are the
    keyword filters of :func:`select` (``relation``, ``actor``, ``hops``, ``since``, ``until``, ``min_count``,
    ``max_nodes``).

    >>> from rdflib import Graph
    >>> render_html(Graph(), "empty.html", relation="sanctions").nodes  # doctest: +SKIP
    0
    """
    A = select(graph, ontology=ontology, **filters)
    page = to_html(A, title=title, ontology=ontology)
    path = Path(path)
    write_atomic(path, lambda fh: fh.write(page.encode("utf-8")))
    return RenderResult(path, A.number_of_nodes(), A.number_of_edges())
