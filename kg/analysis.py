"""Network analysis of the news graph with networkx: centrality, communities, paths and timelines.

Everything starts from :func:`to_networkx`, which reads an rdflib ``Graph`` (a parsed ``.ttl``/``.nt`` file)
or ``Dataset`` (the union of a store's named graphs, e.g. ``Store.rdflib_dataset()``) into a
``networkx.MultiDiGraph`` with one edge per extracted statement. The other functions take that graph.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", label="Russia", aliases=["Moscow"])
>>> G.add_node("b", label="Ukraine", aliases=[])
>>> G.add_edge("a", "b", relation="attacks", modality="asserted", evidence="Russia attacked Ukraine.")
0
>>> find_actor(G, "moscow")
'a'
"""

from __future__ import annotations

import difflib
import functools
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputNotFound, InvalidFilter, UnknownActor
from kg.namespaces import DCTERMS, NKG, OWL, PROV, RDF, RDFS, SKOS, WD
from kg.paths import ONTOLOGY_DIR

ACTOR_CLASSES = ("State", "Leader", "Person", "Institution", "ArmedGroup", "Bloc", "Place")
"""The subclasses of ``nkg:Actor`` (DATA-MODEL.md); an actor typed only ``nkg:Actor`` has class "Actor"."""

QUADS = ("verbalCooperation", "materialCooperation", "verbalConflict", "materialConflict")
"""The four quad classes: super-properties of the interaction properties in ontology/newskg.ttl."""

ONTOLOGY_FILE = ONTOLOGY_DIR / "newskg.ttl"

__all__ = [
    "ACTOR_CLASSES",
    "QUADS",
    "ActorScore",
    "Hop",
    "RelationType",
    "TimelineRow",
    "aggregate_edges",
    "centrality",
    "communities",
    "find_actor",
    "load_network",
    "quad_label",
    "relation_types",
    "shortest_path",
    "timeline",
    "to_networkx",
]


# ---------------------------------------------------------------------------------------------------------
# The ontology's relation table (quad class, Goldstein score, label): data, not code
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelationType:
    """A relation property of the ontology: its quad class (None if structural) and Goldstein score."""

    name: str
    label: str
    quad: str | None
    goldstein: float | None


def relation_types(ontology: str | Path | None = None) -> dict[str, RelationType]:
    """Read every ``nkg:`` relation's quad class, Goldstein score and label from the ontology file.

    ``ontology`` defaults to ``ontology/newskg.ttl`` (``NEWSKG_ONTOLOGY`` moves the folder).

    >>> types = relation_types()
    >>> types["attacks"].quad, types["attacks"].goldstein
    ('materialConflict', -10.0)
    """
    path = Path(ontology) if ontology is not None else ONTOLOGY_FILE
    if not path.is_file():
        raise InputNotFound(f"ontology file not found: {path}")
    return _relation_types(str(path.resolve()), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _relation_types(path: str, _mtime: int) -> dict[str, RelationType]:
    onto = Graph().parse(path, format="turtle")
    quad_of: dict[URIRef, str] = {}
    for quad in QUADS:
        for prop in onto.transitive_subjects(RDFS.subPropertyOf, NKG[quad]):
            if prop != NKG[quad] and isinstance(prop, URIRef):
                quad_of[prop] = quad
    scores = {
        p: float(s.toPython()) for p, s in onto.subject_objects(NKG.goldsteinScore) if isinstance(s, Literal)
    }
    props = set(quad_of) | set(scores) | {p for p in onto.subjects(RDF.type, OWL.ObjectProperty)}
    table: dict[str, RelationType] = {}
    for prop in props:
        if not isinstance(prop, URIRef) or not str(prop).startswith(str(NKG)):
            continue
        name = str(prop)[len(str(NKG)) :]
        if name in QUADS:
            continue
        label = onto.value(prop, RDFS.label)
        table[name] = RelationType(name, str(label) if label else name, quad_of.get(prop), scores.get(prop))
    return table


# ---------------------------------------------------------------------------------------------------------
# RDF -> networkx
# ---------------------------------------------------------------------------------------------------------


def _triples(
    graph: Graph, s: Node | None, p: Node | None, o: Node | None
) -> Iterator[tuple[Node, Node, Node]]:
    """Triples matching a pattern in a Graph, or in the union of all graphs of a Dataset/ConjunctiveGraph."""
    if hasattr(graph, "quads"):
        for s_, p_, o_, _ctx in graph.quads((s, p, o, None)):
            yield s_, p_, o_
    else:
        yield from graph.triples((s, p, o))


def _by_subject(graph: Graph, predicate: URIRef) -> dict[Node, Node]:
    return {s: o for s, _, o in _triples(graph, None, predicate, None)}


def _local(iri: Node, namespace: str = str(NKG)) -> str:
    text = str(iri)
    if text.startswith(namespace):
        return text[len(namespace) :]
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _date(value: Node | None) -> date | None:
    if isinstance(value, Literal):
        py = value.toPython()
        if isinstance(py, date):
            return py
    return None


def _text(value: Node | None) -> str | None:
    return str(value) if value is not None else None


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Read the knowledge graph into a ``MultiDiGraph``: actors as nodes, one edge per statement.

    Nodes are actor IRIs with ``label``, ``cls`` (State, Leader, ...), ``qid`` ("Q159" or None), ``iso3`` and
    ``aliases`` (the ``skos:altLabel`` values). Each ``rdf:Statement`` becomes an edge keyed by its IRI with
    ``relation`` (e.g. "sanctions"), ``modality``, ``date``, ``confidence``, ``evidence``, ``trigger``,
    ``mode`` ("military", ... or None), ``article`` (the article IRI) and the counts of its plain edge:
    ``statement_count`` (asserted statements of the same subject, relation and object) and ``article_count``
    (distinct articles among them); both are 0 for a statement whose triple has no asserted statement. (The ``nkg:Edge`` summaries are not read: the
    counts come from the statements themselves.)
    ``G.graph["articles"]`` maps article IRIs to their ``title``, ``date`` and ``source``.

    >>> from rdflib import Graph
    >>> ttl = '''
    ... @prefix nkg: <https://w3id.org/newskg/ontology#> .
    ... @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <urn:ru> a nkg:State ; rdfs:label "Russia" .
    ... <urn:ua> a nkg:State ; rdfs:label "Ukraine" .
    ... <urn:s1> a rdf:Statement ; rdf:subject <urn:ru> ; rdf:predicate nkg:attacks ; rdf:object <urn:ua> ;
    ...     nkg:modality "asserted" ; nkg:evidence "Russia attacked Ukraine." .
    ... '''
    >>> G = to_networkx(Graph().parse(data=ttl, format="turtle"))
    >>> G.nodes["urn:ru"]["label"], G.nodes["urn:ru"]["cls"]
    ('Russia', 'State')
    >>> [(u, v, d["relation"], d["statement_count"]) for u, v, d in G.edges(data=True)]
    [('urn:ru', 'urn:ua', 'attacks', 1)]
    """
    G = nx.MultiDiGraph()
    classes = {NKG[c]: c for c in (*ACTOR_CLASSES, "Actor")}
    actor_cls: dict[Node, str] = {}
    for cls_iri, cls in classes.items():
        for actor, _, _ in _triples(graph, None, RDF.type, cls_iri):
            if actor_cls.get(actor, "Actor") == "Actor":
                actor_cls[actor] = cls

    stmt_subject = _by_subject(graph, RDF.subject)
    stmt_object = _by_subject(graph, RDF.object)
    stmt_predicate = _by_subject(graph, RDF.predicate)
    typed = {s for t in (RDF.Statement, NKG.Statement) for s, _, _ in _triples(graph, None, RDF.type, t)}
    statements = [s for s in typed if s in stmt_subject and s in stmt_predicate and s in stmt_object]
    for stmt in statements:
        for end in (stmt_subject[stmt], stmt_object[stmt]):
            actor_cls.setdefault(end, "Actor")

    labels = _by_subject(graph, RDFS.label)
    iso3 = _by_subject(graph, NKG.iso3)
    aliases: dict[Node, set[str]] = defaultdict(set)
    for actor, _, alt in _triples(graph, None, SKOS.altLabel, None):
        aliases[actor].add(str(alt))
    qids: dict[Node, str] = {}
    for actor, _, same in _triples(graph, None, OWL.sameAs, None):
        if str(same).startswith(str(WD)):
            qids[actor] = str(same)[len(str(WD)) :]
    for actor, cls in actor_cls.items():
        G.add_node(
            str(actor),
            label=str(labels.get(actor) or _local(actor)),
            cls=cls,
            qid=qids.get(actor),
            iso3=_text(iso3.get(actor)),
            aliases=sorted(aliases.get(actor, ())),
        )

    articles: dict[str, dict[str, object]] = {}
    for article, _, _ in _triples(graph, None, RDF.type, NKG.Article):
        articles[str(article)] = {"title": None, "date": None, "source": None}
    for prop, key in ((DCTERMS.title, "title"), (DCTERMS.date, "date"), (DCTERMS.source, "source")):
        for article, _, value in _triples(graph, None, prop, None):
            if str(article) in articles:
                articles[str(article)][key] = _date(value) if key == "date" else str(value)
    G.graph["articles"] = articles

    modality = _by_subject(graph, NKG.modality)
    confidence = _by_subject(graph, NKG.confidence)
    evidence = _by_subject(graph, NKG.evidence)
    trigger = _by_subject(graph, NKG.trigger)
    mode = _by_subject(graph, NKG.mode)
    stmt_date = _by_subject(graph, NKG.date)
    derived = _by_subject(graph, PROV.wasDerivedFrom)
    rows = []
    for stmt in statements:
        article = _text(derived.get(stmt))
        when = _date(stmt_date.get(stmt))
        if when is None and article in articles:
            when = articles[article]["date"]  # type: ignore[assignment]
        conf = confidence.get(stmt)
        rows.append(
            (
                str(stmt_subject[stmt]),
                str(stmt_object[stmt]),
                str(stmt),
                {
                    "relation": _local(stmt_predicate[stmt]),
                    "modality": str(modality.get(stmt, "asserted")),
                    "date": when,
                    "confidence": float(conf.toPython()) if isinstance(conf, Literal) else None,
                    "evidence": _text(evidence.get(stmt)),
                    "trigger": _text(trigger.get(stmt)),
                    "mode": _text(mode.get(stmt)),
                    "article": article,
                },
            )
        )

    asserted: dict[tuple[str, str, str], list[str | None]] = defaultdict(list)
    for u, v, _key, data in rows:
        if data["modality"] == "asserted":
            asserted[(u, data["relation"], v)].append(data["article"])
    for u, v, key, data in rows:
        arts = asserted.get((u, data["relation"], v), [])
        G.add_edge(u, v, key=key, statement_count=len(arts), article_count=len(set(arts) - {None}), **data)

    return G


def load_network(db: str | Path | None = None, source: str | Path | None = None) -> nx.MultiDiGraph:
    """:func:`to_networkx` of a store directory (``db``) or of a graph file (``source``): give exactly one.

    >>> G = load_network(source="out/graph.ttl")  # doctest: +SKIP
    """
    from kg.store import open_db_or_graph

    with open_db_or_graph(db, source) as store:
        return to_networkx(store.rdflib_dataset())


# ---------------------------------------------------------------------------------------------------------
# Finding actors by name
# ---------------------------------------------------------------------------------------------------------


def _names(G: nx.MultiDiGraph, node: str) -> Iterable[str]:
    data = G.nodes[node]
    yield data.get("label") or node
    yield from data.get("aliases") or ()
    for key in ("qid", "iso3"):
        if data.get(key):
            yield data[key]
    yield node


def find_actor(G: nx.MultiDiGraph, name: str) -> str:
    """The node whose label, alias, QID, ISO-3 code or IRI equals ``name`` (case-insensitive).

    A label match wins over an alias match. An unknown or ambiguous name raises :class:`UnknownActor`
    listing close matches.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:ru", label="Russia", aliases=["Moscow", "the Kremlin"])
    >>> find_actor(G, "the kremlin")
    'urn:ru'
    """
    wanted = name.strip().casefold()
    by_label = [n for n in G if str(G.nodes[n].get("label", "")).casefold() == wanted]
    if len(by_label) == 1:
        return by_label[0]
    matches = by_label or [n for n in G if any(x.casefold() == wanted for x in _names(G, n))]
    if len(matches) == 1:
        return matches[0]
    if matches:
        labels = ", ".join(sorted(f"{G.nodes[n].get('label')} <{n}>" for n in matches))
        raise UnknownActor(f"{name!r} is ambiguous: {labels}")
    labels = sorted({str(G.nodes[n].get("label") or n) for n in G})
    every = {x.casefold(): str(G.nodes[n].get("label") or n) for n in G for x in _names(G, n)}
    close = difflib.get_close_matches(wanted, list(every), n=5, cutoff=0.6)
    hints = [every[c] for c in close] + [lb for lb in labels if wanted in lb.casefold()]
    hints = list(dict.fromkeys(hints))[:5]
    hint = f"; did you mean: {', '.join(hints)}?" if hints else ""
    raise UnknownActor(f"no actor named {name!r} in the graph{hint}")


# ---------------------------------------------------------------------------------------------------------
# Aggregation shared by the measures and the HTML view
# ---------------------------------------------------------------------------------------------------------


def aggregate_edges(
    G: nx.MultiDiGraph,
    *,
    relations: Iterable[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> nx.MultiDiGraph:
    """Collapse the asserted statements into one edge per (subject, relation, object), keyed by the relation.

    Each edge has ``relation``, ``count`` (statements), ``articles`` (distinct articles), ``first``/``last``
    (dates) and ``statements`` (the statement edges' data, most confident first). ``relations`` keeps only
    those relations; ``since``/``until`` keep statements dated in that range (inclusive). Every node of ``G``
    is kept, with its attributes.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", relation="attacks", modality="asserted", article="x1", date=None)
    0
    >>> G.add_edge("a", "b", relation="attacks", modality="asserted", article="x2", date=None)
    1
    >>> A = aggregate_edges(G)
    >>> A.edges["a", "b", "attacks"]["count"], A.edges["a", "b", "attacks"]["articles"]
    (2, 2)
    """
    keep = set(relations) if relations is not None else None
    A = nx.MultiDiGraph(**G.graph)
    A.add_nodes_from(G.nodes(data=True))
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for u, v, data in G.edges(data=True):
        if data.get("modality", "asserted") != "asserted":
            continue
        if keep is not None and data["relation"] not in keep:
            continue
        when = data.get("date")
        if (since or until) and (when is None or (since and when < since) or (until and when > until)):
            continue
        groups[(u, v, data["relation"])].append(data)
    for (u, v, rel), items in groups.items():
        dates = sorted(d["date"] for d in items if d.get("date"))
        items.sort(key=lambda d: (-(d.get("confidence") or 0.0), str(d.get("date") or "")))
        A.add_edge(
            u,
            v,
            key=rel,
            relation=rel,
            count=len(items),
            articles=len({d.get("article") for d in items} - {None}),
            first=dates[0] if dates else None,
            last=dates[-1] if dates else None,
            statements=items,
        )
    return A


def _weighted(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of asserted interactions, weighted by the number of statements."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if data.get("modality", "asserted") != "asserted" or u == v:
            continue
        w = H[u][v]["weight"] + 1 if H.has_edge(u, v) else 1
        H.add_edge(u, v, weight=w)
    return H


# ---------------------------------------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorScore:
    """Centrality of one actor: ``degree`` counts distinct partners; the other two are normalised."""

    actor: str
    label: str
    cls: str
    degree: int
    pagerank: float
    betweenness: float


BETWEENNESS_SAMPLE = 500
"""Above this many nodes, betweenness is estimated from this many sampled sources (seeded)."""


def centrality(G: nx.MultiDiGraph, top: int | None = 10, *, by: str = "pagerank") -> list[ActorScore]:
    """Degree, PageRank and betweenness of every actor over the asserted interactions, best ``top`` first.

    Measures use the undirected graph of actor pairs weighted by the number of statements between them.
    ``by`` is "degree", "pagerank" or "betweenness".

    >>> G = nx.MultiDiGraph()
    >>> for leaf in "bcd":
    ...     _ = G.add_edge("a", leaf, relation="meetsWith", modality="asserted")
    >>> nx.set_node_attributes(G, {n: n.upper() for n in G}, "label")
    >>> [s.label for s in centrality(G, top=2)]
    ['A', 'B']
    """
    if by not in ("degree", "pagerank", "betweenness"):
        raise InvalidFilter(f"cannot rank by {by!r}; use degree, pagerank or betweenness")
    H = _weighted(G)
    if H.number_of_nodes() == 0:
        return []
    pagerank = nx.pagerank(H, weight="weight")
    k = BETWEENNESS_SAMPLE if H.number_of_nodes() > BETWEENNESS_SAMPLE else None
    betweenness = nx.betweenness_centrality(H, k=k, seed=0)
    scores = [
        ActorScore(
            n,
            str(H.nodes[n].get("label") or n),
            str(H.nodes[n].get("cls") or "Actor"),
            H.degree(n),
            pagerank[n],
            betweenness[n],
        )
        for n in H
    ]
    scores.sort(key=lambda s: (-getattr(s, by), -s.pagerank, s.label))
    return scores if top is None else scores[:top]


def communities(G: nx.MultiDiGraph, *, seed: int = 42) -> list[list[str]]:
    """Louvain communities of the asserted interactions, largest first, each listed by actor label.

    Actors without any asserted interaction are left out.

    >>> G = nx.MultiDiGraph()
    >>> for a, b in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")]:
    ...     _ = G.add_edge(a, b, relation="meetsWith", modality="asserted")
    >>> nx.set_node_attributes(G, {n: n.upper() for n in G}, "label")
    >>> communities(G)
    [['A', 'B', 'C'], ['X', 'Y', 'Z']]
    """
    H = _weighted(G)
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])
    found = nx.community.louvain_communities(H, weight="weight", seed=seed)
    groups = [sorted(str(H.nodes[n].get("label") or n) for n in c) for c in found]
    groups.sort(key=lambda g: (-len(g), g))
    return groups


@dataclass(frozen=True)
class Hop:
    """One step of a path: the statement linking two actors (``subject`` acts on ``object``)."""

    subject: str
    relation: str
    object: str
    evidence: str | None
    article: str | None
    title: str | None
    date: date | None
    count: int = 1
    other_relations: tuple[str, ...] = field(default=())


def shortest_path(G: nx.MultiDiGraph, a: str, b: str) -> list[Hop]:
    """The shortest chain of asserted interactions between actors named ``a`` and ``b``, with evidence.

    Names are matched as in :func:`find_actor`. Direction is ignored when searching; each hop reports the
    statement's own direction, its best-supported relation and that relation's most confident evidence.
    Returns ``[]`` when no chain exists.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("r", label="Russia"); G.add_node("u", label="Ukraine"); G.add_node("e", label="EU")
    >>> _ = G.add_edge("r", "u", relation="attacks", modality="asserted", evidence="Russia attacked.")
    >>> _ = G.add_edge("e", "r", relation="sanctions", modality="asserted", evidence="The EU sanctioned it.")
    >>> [(h.subject, h.relation, h.object) for h in shortest_path(G, "ukraine", "EU")]
    [('Russia', 'attacks', 'Ukraine'), ('EU', 'sanctions', 'Russia')]
    """
    source, target = find_actor(G, a), find_actor(G, b)
    if source == target:
        raise InvalidFilter(f"{a!r} and {b!r} name the same actor")
    H = _weighted(G)
    try:
        nodes = nx.shortest_path(H, source, target)
    except nx.NetworkXNoPath:
        return []
    A = aggregate_edges(G)
    articles = G.graph.get("articles", {})
    hops = []
    for u, v in itertools.pairwise(nodes):
        candidates = [(u, v, d) for d in A.get_edge_data(u, v, default={}).values()]
        candidates += [(v, u, d) for d in A.get_edge_data(v, u, default={}).values()]
        candidates.sort(key=lambda c: (-c[2]["count"], -c[2]["articles"], c[2]["relation"]))
        s, o, best = candidates[0]
        stmt = next((d for d in best["statements"] if d.get("evidence")), best["statements"][0])
        art = stmt.get("article")
        hops.append(
            Hop(
                subject=str(G.nodes[s].get("label") or s),
                relation=best["relation"],
                object=str(G.nodes[o].get("label") or o),
                evidence=stmt.get("evidence"),
                article=art,
                title=articles.get(art, {}).get("title") if art else None,
                date=stmt.get("date"),
                count=best["count"],
                other_relations=tuple(sorted({c[2]["relation"] for c in candidates} - {best["relation"]})),
            )
        )
    return hops


# ---------------------------------------------------------------------------------------------------------
# Timelines
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    """Asserted statements of one month, counted per quad class, and their summed Goldstein score."""

    month: str  # "YYYY-MM"
    verbalCooperation: int
    materialCooperation: int
    verbalConflict: int
    materialConflict: int
    net: float

    @property
    def total(self) -> int:
        return self.verbalCooperation + self.materialCooperation + self.verbalConflict + self.materialConflict


def _months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(
    graph: Graph | nx.MultiDiGraph,
    actor: str,
    other: str | None = None,
    *,
    ontology: str | Path | None = None,
) -> list[TimelineRow]:
    """Month by month, the asserted statements involving ``actor`` (with ``other``, if given) per quad class.

    ``net`` is the sum of the ontology's per-relation Goldstein scores (cooperation positive, conflict
    negative). Months between the first and last dated statement are all listed, empty ones as zeros.
    Undated statements and structural relations (leaderOf, memberOf, ...) are not counted.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("r", label="Russia"); G.add_node("u", label="Ukraine")
    >>> _ = G.add_edge("r", "u", relation="attacks", modality="asserted", date=date(2022, 2, 24))
    >>> _ = G.add_edge("u", "r", relation="meetsWith", modality="asserted", date=date(2022, 4, 1))
    >>> [(r.month, r.materialConflict, r.net) for r in timeline(G, "Russia")]
    [('2022-02', 1, -10.0), ('2022-03', 0, 0.0), ('2022-04', 0, 1.0)]
    """
    G = graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(graph)
    types = relation_types(ontology)
    a = find_actor(G, actor)
    b = find_actor(G, other) if other is not None else None
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    net: dict[str, float] = defaultdict(float)
    pairs = [(a, b), (b, a)] if b else [(a, None), (None, a)]
    seen = set()
    for s, o in pairs:
        edges = G.out_edges(s, keys=True, data=True) if s else G.in_edges(o, keys=True, data=True)
        for u, v, key, data in edges:
            if (o is not None and v != o) or (u, v, key) in seen:
                continue
            seen.add((u, v, key))
            rtype = types.get(data["relation"])
            when = data.get("date")
            if data.get("modality", "asserted") != "asserted" or when is None:
                continue
            if rtype is None or rtype.quad is None:
                continue
            month = f"{when.year:04d}-{when.month:02d}"
            counts[month][rtype.quad] += 1
            net[month] += rtype.goldstein or 0.0
    if not counts:
        return []
    return [
        TimelineRow(month, *(counts[month][q] for q in QUADS), round(net[month], 3))
        for month in _months(min(counts), max(counts))
    ]


QUAD_COLOURS = {
    "verbalCooperation": "#8fd19e",
    "materialCooperation": "#2e8b57",
    "verbalConflict": "#f4a261",
    "materialConflict": "#c0392b",
}
"""Colours of the quad classes, shared with the HTML view: cooperation green-ish, conflict red-ish."""


def quad_label(quad: str) -> str:
    """The quad class as words: ``quad_label("verbalConflict") == "verbal conflict"``."""
    return "".join(" " + c.lower() if c.isupper() else c for c in quad)
