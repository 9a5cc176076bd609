"""An interactive HTML view of the graph (pyvis + vis-network), self-contained and safe to open offline.

pyvis assembles the nodes, relations and options; the page comes from ``kg/assets/graph.html``, which inlines
the vis-network script and stylesheet shipped inside the pyvis package (pyvis 0.3.2's own template always
pulls Bootstrap from a CDN, writes the heading unescaped, and its ``select_menu``/``filter_menu`` pick one
node or one attribute value at a time) and the page's own ``graph.js``. That script merges the relations
between two actors into one edge with a count, filters them in the page (relation family and type, actor
class, dates, confidence, corroboration) through a vis ``DataView``, searches names and aliases, focuses an
actor's neighbourhood, and clusters the communities of a large graph when zoomed out.
Article text never reaches the page as markup: the data travels as JSON in a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` escaped, and tooltips and panels are DOM elements filled with ``textContent``.
A Content-Security-Policy forbids the page any network access.

>>> from rdflib import Graph
>>> result = render_html(Graph().parse("out/graph.ttl"), "graph.html", relation="sanctions")  # doctest: +SKIP
>>> result.nodes, result.edges  # doctest: +SKIP
(12, 17)
"""

from __future__ import annotations

import difflib
import json
import math
from collections import defaultdict
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
from kg.model import check_confidence
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
"""From this many nodes on, the page uses cheaper settings (a Python layout, fewer stabilisation steps) and
clusters communities when zoomed out."""

VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
ASSETS = Path(__file__).resolve().parent / "assets"
"""The page's template, script and stylesheet (package data)."""

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


def _importance(H: nx.Graph) -> dict[str, float]:
    """PageRank over :func:`_undirected`'s graph of the drawn edges; isolated nodes get the minimum."""
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
    min_confidence: float = 0.0,
    ontology: str | Path | None = None,
) -> nx.MultiDiGraph:
    """The subgraph a view draws: asserted statements collapsed per (subject, relation, object), filtered.

    ``relation`` keeps relations (or whole quad classes, e.g. "materialConflict"; several comma-separated);
    ``since``/``until`` keep statements dated in the range; ``min_count`` drops edges with fewer statements;
    ``actor`` with ``hops`` keeps the neighbourhood of one actor; ``max_nodes`` keeps the most central actors
    (PageRank); ``min_confidence`` drops statements less sure than that. Actors without a drawn edge are left
    out (except ``actor`` itself).
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
    if check_confidence(min_confidence) > 0:
        G = G.copy()
        G.remove_edges_from(
            [
                (u, v, k)
                for u, v, k, d in G.edges(keys=True, data=True)
                if (d.get("confidence") or 0) < min_confidence
            ]
        )
    centre = find_actor(G, actor) if actor is not None else None
    A = aggregate_edges(G, relations=_relations(relation, ontology), since=start, until=end)
    A.remove_edges_from([(u, v, k) for u, v, k, d in A.edges(keys=True, data=True) if d["count"] < min_count])
    A.remove_nodes_from([n for n in list(A) if A.degree(n) == 0 and n != centre])
    if centre is not None:
        A = A.subgraph(nx.ego_graph(A.to_undirected(as_view=True), centre, radius=hops)).copy()
    if max_nodes is not None and A.number_of_nodes() > max_nodes:
        rank = _importance(_undirected(A))
        order = sorted(A, key=lambda n: (n != centre, -rank[n], str(A.nodes[n].get("label"))))
        A = A.subgraph(order[:max_nodes]).copy()
    return A


def _layout(H: nx.Graph, community: dict[str, int], seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions (in pixels) for a large graph, so that the browser only has to relax it: the communities
    laid out as a graph of their own, then each community's actors by a spring layout around its centre.

    >>> H = nx.Graph([("a", "b"), ("b", "c"), ("x", "y"), ("y", "z"), ("c", "x")])
    >>> pos = _layout(H, {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1, "z": 1})
    >>> math.dist(pos["a"], pos["b"]) < math.dist(pos["a"], pos["z"])
    True
    """
    groups: dict[int, list[str]] = defaultdict(list)
    for node in H:
        groups[community[node]].append(node)
    Q = nx.Graph()
    Q.add_nodes_from(groups)
    for u, v in H.edges():
        a, b = community[u], community[v]
        if a != b:
            Q.add_edge(a, b, weight=Q[a][b]["weight"] + 1 if Q.has_edge(a, b) else 1)
    scale = 80 * math.sqrt(H.number_of_nodes())
    centres = nx.spring_layout(Q, seed=seed, weight="weight", scale=scale)
    pos: dict[str, tuple[float, float]] = {}
    for c, members in groups.items():
        local = nx.spring_layout(H.subgraph(members), seed=seed, scale=50 * math.sqrt(len(members)))
        for node, (x, y) in local.items():
            pos[node] = (round(float(centres[c][0] + x), 1), round(float(centres[c][1] + y), 1))
    return pos


def _json_for_script(data: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no ``</script>``, ``<!--`` or ``]]>`` can appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return Markup(text)


def _undirected(A: nx.MultiDiGraph) -> nx.Graph:
    """The drawn edges as a simple undirected graph weighted by statements (no self-loops)."""
    H = nx.Graph()
    H.add_nodes_from(A)
    for u, v, data in A.edges(data=True):
        if u != v:
            H.add_edge(u, v, weight=H[u][v]["weight"] + data["count"] if H.has_edge(u, v) else data["count"])
    return H


def _communities(H: nx.Graph, seed: int = 7) -> dict[str, int]:
    """Louvain community number of each actor (largest community first), for clustering when zoomed out."""
    found = sorted(nx.community.louvain_communities(H, weight="weight", seed=seed), key=len, reverse=True)
    return {node: i for i, group in enumerate(found) for node in group}


EVIDENCE_PER_RELATION = 8
"""Evidence sentences the page keeps per relation (the most confident statements'); filters choose among them."""


class _Articles:
    """Numbers the articles the statements cite, so that the page lists each article's title and date once."""

    def __init__(self, articles: dict[str, dict[str, Any]]) -> None:
        self.known = articles
        self.index: dict[str, int] = {}
        self.rows: list[dict[str, Any]] = []

    def __call__(self, iri: str | None) -> int | None:
        if iri is None:
            return None
        if iri not in self.index:
            article = self.known.get(iri, {})
            self.index[iri] = len(self.rows)
            self.rows.append(
                {"title": article.get("title") or article.get("source") or iri, "date": article.get("date")}
            )
        return self.index[iri]


def _relation_record(data: dict[str, Any], quad: str | None, article: _Articles) -> dict[str, Any]:
    """What the page needs of one (subject, relation, object): its statements and some evidence quotes.

    ``st`` holds ``[date, confidence, article]`` per statement, for the page's filters; ``ev`` holds
    ``[sentence, article, event date, statement index]`` for the most confident statements, the article's own
    (publication) date being in the article list.
    """
    statements = data["statements"]
    return {
        "relation": data["relation"],
        "quad": quad or "structural",
        "st": [[s.get("date"), s.get("confidence"), article(s.get("article"))] for s in statements],
        "ev": [
            [s["evidence"], article(s.get("article")), s.get("date"), i]
            for i, s in enumerate(statements)
            if s.get("evidence")
        ][:EVIDENCE_PER_RELATION],
    }


def _page_data(A: nx.MultiDiGraph, ontology: str | Path | None) -> tuple[dict[str, Any], dict[str, int]]:
    """The nodes, relations and options the page draws (assembled by pyvis); also the count per class/quad."""
    types = relation_types(ontology)
    large = A.number_of_nodes() >= LARGE_GRAPH
    H = _undirected(A)
    rank = _importance(H)
    top = max(rank.values(), default=1.0) or 1.0
    community = _communities(H) if large else {}
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    net.options = _options(A.number_of_nodes())
    positions = _layout(H, community) if large else {}
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
            community=community.get(node),
            tip=_node_tip(data),
            **dict(zip(("x", "y"), positions.get(node, ()), strict=False)),
        )
    article = _Articles(A.graph.get("articles", {}))
    for u, v, _key, data in sorted(A.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        rtype = types.get(data["relation"])
        quad = rtype.quad if rtype else None
        present[quad or "structural"] += 1
        net.add_edge(u, v, **_relation_record(data, quad, article))
    nodes, relations, _heading, _height, _width, options = net.get_network_data()
    for i, rel in enumerate(relations):
        rel["id"] = f"r{i}"
        del rel["arrows"]  # the page draws its own edges from these records
    page = {
        "nodes": nodes,
        "relations": relations,
        "articles": article.rows,
        "options": json.loads(options),
        "large": large,
        "colours": {**QUAD_COLOURS, "structural": STRUCTURAL_COLOUR},
    }
    return page, present


def _node_tip(data: dict[str, Any]) -> dict[str, Any]:
    meta = [data.get("cls") or "Actor"]
    if data.get("iso3"):
        meta.append(str(data["iso3"]))
    return {"label": data.get("label"), "meta": " · ".join(meta), "qid": data.get("qid"),
            "aliases": list(data.get("aliases") or [])[:8]}  # fmt: skip


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
                "size": 12,
                "align": "middle",
                "color": "#333",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "smooth": {"enabled": False},
            "selectionWidth": 1,
            "chosen": {"label": False},  # a selected edge's label is not bolded: focus shows the labels
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
            "solver": "barnesHut" if large else "forceAtlas2Based",
            "barnesHut": {
                "gravitationalConstant": -9000,
                "centralGravity": 0.25,
                "springLength": 110,
                "springConstant": 0.04,
                "damping": 0.25,
                "avoidOverlap": 0.6,
            },
            "forceAtlas2Based": {  # LinLog: spreads hubs' neighbours more evenly than Barnes-Hut
                "gravitationalConstant": -160,
                "centralGravity": 0.01,
                "springLength": 120,
                "springConstant": 0.06,
                "damping": 0.4,
                "avoidOverlap": 1,
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

_PAGE = jinja2.Environment(
    loader=jinja2.FileSystemLoader(ASSETS), autoescape=True, undefined=jinja2.StrictUndefined
).get_template("graph.html")


def _asset(name: str, folder: Path = ASSETS) -> Markup:
    """A script or stylesheet to inline (trusted code shipped with the package, not data)."""
    return Markup((folder / name).read_text(encoding="utf-8"))


def to_html(
    A: nx.MultiDiGraph, *, title: str = "News knowledge graph", ontology: str | Path | None = None
) -> str:
    """The self-contained HTML page drawing ``A`` (a graph from :func:`select`).

    >>> page = to_html(select(nx.MultiDiGraph()), title="Empty <graph>")
    >>> "Empty &lt;graph&gt;" in page and "https://cdn" not in page
    True
    """
    data, present = _page_data(A, ontology)
    node_legend = [(cls, st[0], st[2], present[cls]) for cls, st in NODE_STYLES.items() if present.get(cls)]
    families = [(q, quad_label(q), QUAD_COLOURS[q], False, present[q]) for q in QUADS if present.get(q)]
    if present.get("structural"):
        families.append(("structural", "structural", STRUCTURAL_COLOUR, True, present["structural"]))
    relations: dict[str, int] = defaultdict(int)
    for rel in data["relations"]:
        relations[rel["relation"]] += 1
    n_nodes, n_edges = len(data["nodes"]), len(data["relations"])
    return _PAGE.render(
        csp=CSP,
        title=title,
        summary=f"{n_nodes} actors, {n_edges} relations (asserted statements only)",
        node_legend=node_legend,
        families=families,
        relation_types=sorted(relations.items()),
        n_nodes=n_nodes,
        data=_json_for_script(data),
        vis_css=_asset("vis-network.css", VIS_DIR),
        vis_js=_asset("vis-network.min.js", VIS_DIR),
        page_css=_asset("graph.css"),
        page_js=_asset("graph.js"),
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
