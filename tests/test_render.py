"""kg.render without a browser: filters, the page's safety (no remote resources, escaping) and the CLI."""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from datetime import date
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from kg.analysis import to_networkx
from kg.cli import app
from kg.errors import InvalidFilter, UnknownActor
from kg.render import LARGE_GRAPH, parse_date, render_html, select, to_html
from tests.graph_samples import (
    BASE,
    EVIL,
    SAMPLE_EDGES,
    SAMPLE_NODES,
    SCRIPT_SENTENCE,
    build_dataset,
    random_dataset,
)

RU, UA, EU, US, PUTIN, NATO = (f"{BASE}actor/{k}" for k in ("Q159", "Q212", "Q458", "Q30", "Q7747", "Q7184"))
EVIL_IRI = f"{BASE}actor/evil-actor"


def triples(A):
    return {(u.rsplit("/", 1)[-1], k, v.rsplit("/", 1)[-1]) for u, v, k in A.edges(keys=True)}


def test_unfiltered_view_has_one_edge_per_asserted_triple(G):
    A = select(G)
    assert (A.number_of_nodes(), A.number_of_edges()) == (SAMPLE_NODES, SAMPLE_EDGES)
    sanctions = A.edges[EU, RU, "sanctions"]
    assert (sanctions["count"], sanctions["articles"]) == (2, 2)
    assert (sanctions["first"], sanctions["last"]) == (date(2014, 3, 17), date(2014, 7, 30))
    assert ("Q7184", "attacks", "Q159") not in triples(A)  # negated
    assert ("Q458", "threatens", "Q159") not in triples(A)  # future


def test_relation_filter_takes_relations_and_quad_classes(G):
    assert triples(select(G, relation="sanctions")) == {
        ("Q458", "sanctions", "Q159"),
        ("Q30", "sanctions", "Q159"),
    }
    assert select(G, relation="sanctions").number_of_nodes() == 3
    conflict = triples(select(G, relation=["materialConflict"]))
    assert conflict == {
        ("Q458", "sanctions", "Q159"),
        ("Q30", "sanctions", "Q159"),
        ("Q159", "attacks", "Q212"),
    }
    assert triples(select(G, relation="accuses,leaderOf")) == {
        ("evil-actor", "accuses", "Q7184"),
        ("Q7747", "leaderOf", "Q159"),
    }
    with pytest.raises(InvalidFilter, match="did you mean sanctions"):
        select(G, relation="sanction")


def test_actor_and_hops_keep_an_ego_graph(G):
    one = select(G, actor="Kyiv", hops=1)
    assert set(one) == {UA, RU}
    assert triples(one) == {
        ("Q159", "attacks", "Q212"),
        ("Q159", "meetsWith", "Q212"),
        ("Q159", "agreesWith", "Q212"),
    }
    two = select(G, actor="Ukraine", hops=2)
    assert set(two) == {UA, RU, EU, US, PUTIN, NATO}
    assert set(select(G, actor="Ukraine", hops=0)) == {UA}
    with pytest.raises(UnknownActor):
        select(G, actor="Atlantis")


def test_since_and_until_filter_statements_by_date(G):
    assert triples(select(G, since="2016")) == {
        ("Q7184", "meetsWith", "Q159"),
        ("evil-actor", "accuses", "Q7184"),
    }
    early = select(G, until="2014-07")
    assert triples(early) == {
        ("Q458", "sanctions", "Q159"),
        ("Q30", "sanctions", "Q159"),
        ("Q7747", "leaderOf", "Q159"),
    }
    assert early.edges[EU, RU, "sanctions"]["count"] == 2  # 2014-03-17 and 2014-07-30
    window = select(G, since="2014-08-01", until=date(2015, 2, 12))
    assert triples(window) == {
        ("Q159", "attacks", "Q212"),
        ("Q159", "meetsWith", "Q212"),
        ("Q159", "agreesWith", "Q212"),
    }
    with pytest.raises(InvalidFilter, match="after"):
        select(G, since="2016", until="2015")
    with pytest.raises(InvalidFilter, match="not a date"):
        select(G, since="last week")


def test_min_count_and_max_nodes(G):
    assert triples(select(G, min_count=2)) == {("Q458", "sanctions", "Q159")}
    top = select(G, max_nodes=2)
    assert set(top) == {RU, UA}  # by PageRank over statements: Ukraine shares three relations with Russia
    assert len(triples(top)) == 3
    centred = select(G, max_nodes=2, actor="EU", hops=1)
    assert EU in centred and centred.number_of_nodes() == 2
    with pytest.raises(InvalidFilter):
        select(G, max_nodes=0)


def test_parse_date_periods():
    assert parse_date("2015") == date(2015, 1, 1)
    assert parse_date("2015", end=True) == date(2015, 12, 31)
    assert parse_date("2016-02", end=True) == date(2016, 2, 29)
    assert parse_date("2016-12", end=True) == date(2016, 12, 31)
    assert parse_date("2016-02-03") == date(2016, 2, 3)
    for bad in ("2016-13", "16", "2016-02-30", "soon"):
        with pytest.raises(InvalidFilter):
            parse_date(bad)


class Tags(HTMLParser):
    """Every start tag of a page, parsed the way a browser tokenises it (script content is raw text)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def page(dataset, tmp_path_factory):
    path = tmp_path_factory.mktemp("render") / "graph.html"
    result = render_html(dataset, path, title="Sample <script>alert(3)</script> graph")
    assert (result.nodes, result.edges) == (SAMPLE_NODES, SAMPLE_EDGES)
    return path.read_text(encoding="utf-8")


def test_page_loads_nothing_from_the_network(page):
    tags = Tags(page).tags
    for tag, attrs in tags:
        for name in ("src", "href", "action", "data", "poster", "srcset"):
            assert name not in attrs, (tag, attrs)
    assert not [tag for tag, _ in tags if tag in ("link", "iframe", "img", "object", "embed", "base")]
    assert not re.search(r"@import|url\(\s*['\"]?\s*(?:https?:)?//", page, re.IGNORECASE)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page.lower()
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0].startswith("default-src 'none';")  # no fetch of any kind, even one added later
    assert "vis.Network" in page and len(page) > 400_000  # vis-network inlined


def test_article_text_never_becomes_markup(page):
    assert EVIL not in page
    assert "</script><script>" not in page
    tags = Tags(page).tags
    assert [attrs.get("type") for tag, attrs in tags if tag == "script"] == ["application/json", None, None]
    assert not [attrs for _, attrs in tags if any(name.startswith("on") for name in attrs)]  # no handlers
    assert "<!--" not in page.split('<script type="application/json"', 1)[1].split("</script>", 1)[0]
    assert "<h1>Sample &lt;script&gt;alert(3)&lt;/script&gt; graph</h1>" in page
    assert "<title>Sample &lt;script&gt;" in page
    block = re.search(r'<script type="application/json" id="nkg-data">(.*?)</script>', page, re.DOTALL)
    data = json.loads(block.group(1))
    labels = {n["label"] for n in data["nodes"]}
    assert EVIL in labels  # kept intact as data: vis draws labels on a canvas, tooltips use textContent
    evidence = [ev[0] for rel in data["relations"] for ev in rel["ev"]]
    assert SCRIPT_SENTENCE in evidence
    assert all("title" not in item for item in data["nodes"] + data["relations"])  # tooltips are built as DOM
    script = page.split("<script>", 2)[2]
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script  # our own script never parses markup


def test_nodes_and_edges_are_styled_and_explained(page):
    data = json.loads(re.search(r'id="nkg-data">(.*?)</script>', page, re.DOTALL).group(1))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert (
        nodes[RU]["shape"] == "dot" and nodes[PUTIN]["shape"] == "diamond" and nodes[EU]["shape"] == "square"
    )
    assert nodes[RU]["size"] > nodes[US]["size"]  # sized by centrality
    assert nodes[RU]["tip"]["qid"] == "Q159"
    relations = {(r["from"], r["relation"], r["to"]): r for r in data["relations"]}
    sanction, meeting = relations[EU, "sanctions", RU], relations[NATO, "meetsWith", RU]
    assert sanction["quad"] == "materialConflict" and meeting["quad"] == "verbalCooperation"
    assert relations[PUTIN, "leaderOf", RU]["quad"] == "structural"
    assert data["colours"]["materialConflict"] != data["colours"]["verbalCooperation"]
    # per statement: its date, confidence and article, for the page's filters
    assert sorted(s[0] for s in sanction["st"]) == ["2014-03-17", "2014-07-30"]
    assert len({s[2] for s in sanction["st"]}) == 2 and all(0 < s[1] <= 1 for s in sanction["st"])
    articles = data["articles"]
    cited = {articles[ev[1]]["title"]: (articles[ev[1]]["date"], ev[2]) for ev in sanction["ev"]}
    assert cited == {  # the article's publication date and the statement's own (event) date, apart
        "EU and US sanction Russia over Crimea": ("2014-03-17", "2014-03-17"),
        "Fighting in eastern Ukraine": ("2014-08-25", "2014-07-30"),
    }
    for text in ("State (3)", "Leader (1)", "material conflict (3)", "structural (1)", "Node size: PageRank"):
        assert text in page
    checkboxes = {
        (a["name"], a["value"]) for t, a in Tags(page).tags if t == "input" and a.get("type") == "checkbox"
    }
    assert ("quad", "structural") in checkboxes and ("cls", "Leader") in checkboxes
    assert ("relation", "sanctions") in checkboxes and ("relation", "threatens") not in checkboxes


def test_large_graphs_get_a_python_layout_and_short_stabilisation():
    G = to_networkx(random_dataset(LARGE_GRAPH + 20, 600))
    page = to_html(select(G))
    data = json.loads(re.search(r'id="nkg-data">(.*?)</script>', page, re.DOTALL).group(1))
    assert len(data["nodes"]) == LARGE_GRAPH + 20
    assert all(isinstance(n.get("x"), float) and isinstance(n.get("y"), float) for n in data["nodes"])
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 50
    # laid out community by community: an actor is nearer its own community than the others, on average
    by_community = defaultdict(list)
    for n in data["nodes"]:
        by_community[n["community"]].append((n["x"], n["y"]))
    groups = [g for g in by_community.values() if len(g) >= 5]
    assert len(groups) >= 3

    def mean_distance(a, b):
        return sum(math.dist(p, q) for p in a for q in b) / (len(a) * len(b))

    within = sum(mean_distance(g, g) for g in groups) / len(groups)
    between = sum(mean_distance(g, h) for g in groups for h in groups if g is not h) / (
        len(groups) * (len(groups) - 1)
    )
    assert within < 0.75 * between
    small = json.loads(
        re.search(r'id="nkg-data">(.*?)</script>', to_html(select(build_dataset())), re.DOTALL).group(1)
    )
    assert "x" not in small["nodes"][0]


def test_render_replaces_the_file_atomically(dataset, tmp_path):
    target = tmp_path / "graph.html"
    target.write_text("old")
    render_html(dataset, target, relation="sanctions")
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_empty_selection_still_writes_a_page(dataset, tmp_path):
    result = render_html(dataset, tmp_path / "empty.html", relation="aids")
    assert (result.nodes, result.edges) == (0, 0)
    assert "Nothing matches the filters." in (tmp_path / "empty.html").read_text()


@pytest.fixture(scope="module")
def trig(dataset, tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "graph.trig"
    dataset.serialize(path, format="trig")
    return path


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_cli_render_with_filters(trig, tmp_path):
    out = tmp_path / "view.html"
    result = run(
        "render", str(trig), "-o", str(out), "--actor", "Moscow", "--hops", "1", "--relation", "sanctions"
    )
    assert result.exit_code == 0, result.output
    assert "3 actors, 2 relations" in " ".join(result.output.split())
    assert "European Union" in out.read_text()


def test_cli_unknown_actor_is_one_line_with_close_matches(trig, tmp_path):
    result = run("path", "Putn", "Ukraine", str(trig))
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error[E701]: no actor named 'Putn' in the graph; did you mean: Vladimir Putin?"
    ]
    result = run("render", str(trig), "-o", str(tmp_path / "x.html"), "--actor", "Ukrane")
    assert result.exit_code == 2 and "did you mean: Ukraine" in result.output
    assert not (tmp_path / "x.html").exists()


def test_cli_path_communities_centrality(trig):
    result = run("path", "Putin", "European Union", str(trig))
    assert result.exit_code == 0, result.output
    assert "Vladimir Putin --leaderOf--> Russia" in result.output
    assert '"The EU imposed sanctions on Russia over Crimea."' in result.output
    result = run("communities", str(trig))
    assert result.exit_code == 0 and result.output.startswith("1. (")
    assert "NATO" in result.output
    result = run("centrality", str(trig), "--top", "2")
    assert result.exit_code == 0 and "Russia" in result.output and "PageRank" in result.output
    lines = [line for line in result.output.splitlines() if "│" in line and "Russia" in line]
    assert lines and "│ 1 " in lines[0]


def test_cli_timeline_takes_one_or_two_actors_then_the_graph(trig, tmp_path):
    png = tmp_path / "t.png"
    result = run("timeline", "Russia", "Ukraine", str(trig), "-o", str(png))
    assert result.exit_code == 0, result.output
    assert png.read_bytes().startswith(b"\x89PNG")
    assert "2014-08" in result.output and "2015-02" in result.output and "2014-03" not in result.output
    assert run("timeline", "Russia", "-o", str(png)).exit_code != 0  # no graph given
    assert run("timeline", "A", "B", "C", str(trig), "-o", str(png)).exit_code != 0
