"""Small knowledge graphs built by hand in the layout `kg build` produces, for the analysis and render tests.

One named graph per article (article node, statements, actor descriptions); the default graph holds the
plain edges and ``nkg:Edge`` summaries of the asserted statements, as ``Store.refresh_edges()`` derives them.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from datetime import date

import networkx as nx
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

from kg.namespaces import DCTERMS, NKG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WD

BASE = "https://w3id.org/newskg/id/"
EVIL = "<img src=x onerror=alert(1)>"
SCRIPT_SENTENCE = (
    'Russian artillery shelled the town, a report said </script><script>alert("x")</script> today.'
)

ACTORS = {
    "Q159": ("Russia", "State", {"iso3": "RUS", "alt": ["Moscow", "the Kremlin"]}),
    "Q212": ("Ukraine", "State", {"iso3": "UKR", "alt": ["Kyiv"]}),
    "Q30": ("United States", "State", {"iso3": "USA", "alt": ["Washington", "U.S."]}),
    "Q458": ("European Union", "Institution", {"alt": ["EU", "Brussels"]}),
    "Q7184": ("NATO", "Institution", {"alt": []}),
    "Q7747": ("Vladimir Putin", "Leader", {"alt": ["Putin"]}),
    "evil-actor": (EVIL, "Person", {"alt": []}),
}

# (article, title, date, [(subject, relation, object, modality, evidence, statement date or None)])
ARTICLES = [
    (
        "a1",
        "EU and US sanction Russia over Crimea",
        date(2014, 3, 17),
        [
            (
                "Q458",
                "sanctions",
                "Q159",
                "asserted",
                "The EU imposed sanctions on Russia over Crimea.",
                None,
            ),
            ("Q30", "sanctions", "Q159", "asserted", "Washington also announced sanctions on Moscow.", None),
            (
                "Q7747",
                "leaderOf",
                "Q159",
                "asserted",
                "Russia's President Vladimir Putin signed the decree.",
                None,
            ),
            ("Q458", "threatens", "Q159", "future", "Brussels will impose further measures.", None),
        ],
    ),
    (
        "a2",
        "Fighting in eastern Ukraine",
        date(2014, 8, 25),
        [
            (
                "Q458",
                "sanctions",
                "Q159",
                "asserted",
                "The EU widened its sanctions against Russia.",
                date(2014, 7, 30),
            ),
            ("Q159", "attacks", "Q212", "asserted", SCRIPT_SENTENCE, None),
        ],
    ),
    (
        "a3",
        "Leaders agree ceasefire in Minsk",
        date(2015, 2, 12),
        [
            ("Q159", "meetsWith", "Q212", "asserted", "Russia and Ukraine met in Minsk.", None),
            ("Q159", "agreesWith", "Q212", "asserted", "Russia agreed with Ukraine on a ceasefire.", None),
            ("Q7184", "attacks", "Q159", "negated", "NATO did not strike Russian positions.", None),
        ],
    ),
    (
        "a4",
        "NATO and Russia hold council meeting",
        date(2016, 4, 20),
        [
            ("Q7184", "meetsWith", "Q159", "asserted", "NATO met Russian envoys in Brussels.", None),
            ("evil-actor", "accuses", "Q7184", "asserted", "A blogger accused NATO of lying.", None),
        ],
    ),
]


def actor_iri(key: str) -> URIRef:
    return URIRef(f"{BASE}actor/{key}")


def _sha(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def build_dataset(
    actors: dict[str, tuple[str, str, dict]] = ACTORS,
    articles: list = ARTICLES,
) -> Dataset:
    """The graph of ``articles`` (see ARTICLES for the shape) as an rdflib Dataset."""
    ds = Dataset()
    asserted: dict[tuple[URIRef, URIRef, URIRef], list[tuple[URIRef, date]]] = defaultdict(list)
    for key, title, day, statements in articles:
        art = URIRef(f"{BASE}article/{_sha(key)}")
        g = ds.graph(art)
        g.add((art, RDF.type, NKG.Article))
        g.add((art, RDF.type, SCHEMA.NewsArticle))
        g.add((art, DCTERMS.title, Literal(title)))
        g.add((art, DCTERMS.date, Literal(day, datatype=XSD.date)))
        g.add((art, DCTERMS.source, Literal(f"{key}.txt")))
        g.add((art, NKG.sha256, Literal(_sha(key))))
        mentioned = set()
        for i, (s, rel, o, modality, evidence, when) in enumerate(statements):
            stmt = URIRef(f"{BASE}stmt/{_sha(key, i, s, rel, o)}")
            when = when or day
            g.add((stmt, RDF.type, RDF.Statement))
            g.add((stmt, RDF.type, NKG.Statement))
            g.add((stmt, RDF.subject, actor_iri(s)))
            g.add((stmt, RDF.predicate, NKG[rel]))
            g.add((stmt, RDF.object, actor_iri(o)))
            g.add((stmt, NKG.modality, Literal(modality)))
            g.add((stmt, NKG.confidence, Literal(0.9 - 0.01 * i, datatype=XSD.double)))
            g.add((stmt, NKG.trigger, Literal(rel)))
            g.add((stmt, NKG.evidence, Literal(evidence)))
            g.add((stmt, NKG.charStart, Literal(100 * i)))
            g.add((stmt, NKG.charEnd, Literal(100 * i + len(evidence))))
            g.add((stmt, NKG.date, Literal(when, datatype=XSD.date)))
            g.add((stmt, PROV.wasDerivedFrom, art))
            mentioned |= {s, o}
            if modality == "asserted":
                asserted[(actor_iri(s), NKG[rel], actor_iri(o))].append((art, when))
        for a in mentioned:
            label, cls, extra = actors[a]
            node = actor_iri(a)
            g.add((node, RDF.type, NKG[cls]))
            g.add((node, RDFS.label, Literal(label)))
            for alt in extra.get("alt", []):
                g.add((node, SKOS.altLabel, Literal(alt)))
            if a.startswith("Q"):
                g.add((node, OWL.sameAs, WD[a]))
            if extra.get("iso3"):
                g.add((node, NKG.iso3, Literal(extra["iso3"])))
    for (s, p, o), found in asserted.items():
        ds.add((s, p, o))
        edge = URIRef(f"{BASE}edge/{hashlib.sha1(f'{s} {p} {o}'.encode()).hexdigest()}")
        dates = sorted(d for _, d in found)
        first, last = Literal(dates[0], datatype=XSD.date), Literal(dates[-1], datatype=XSD.date)
        ds.add((edge, RDF.type, NKG.Edge))
        ds.add((edge, RDF.subject, s))
        ds.add((edge, RDF.predicate, p))
        ds.add((edge, RDF.object, o))
        ds.add((edge, NKG.statementCount, Literal(len(found))))
        ds.add((edge, NKG.articleCount, Literal(len({a for a, _ in found}))))
        ds.add((edge, NKG.firstDate, first))
        ds.add((edge, NKG.lastDate, last))
    return ds


SAMPLE_NODES = 7
"""Actors drawn for the sample: all of ACTORS (each has at least one asserted statement)."""
SAMPLE_EDGES = 8
"""(subject, relation, object) triples with an asserted statement in ARTICLES."""


def random_dataset(n_actors: int, n_statements: int, seed: int = 1) -> Dataset:
    """A larger random graph in the same layout (for timing the view of a 2,000-node graph)."""
    rng = random.Random(seed)
    relations = [
        "meetsWith",
        "agreesWith",
        "accuses",
        "sanctions",
        "attacks",
        "aids",
        "threatens",
        "supports",
    ]
    classes = ["State", "Leader", "Institution", "Person", "ArmedGroup"]
    actors = {f"x{i}": (f"Actor {i}", rng.choice(classes), {"alt": []}) for i in range(n_actors)}
    keys = list(actors)
    articles = []
    for a in range(max(1, n_statements // 10)):
        statements = []
        for _ in range(10):
            s = (
                keys[min(int(rng.paretovariate(1.1)) - 1, n_actors - 1)]
                if rng.random() < 0.3
                else rng.choice(keys)
            )
            o = rng.choice(keys)
            if s != o:
                statements.append(
                    (s, rng.choice(relations), o, "asserted", f"Sentence {a} about {s} and {o}.", None)
                )
        articles.append((f"r{a}", f"Article {a}", date(2015, 1 + a % 12, 1 + a % 28), statements))
    # every actor appears at least once
    ring = [
        (keys[i], "meetsWith", keys[(i + 1) % n_actors], "asserted", "They met.", None)
        for i in range(n_actors)
    ]
    articles.append(("rall", "Roll call", date(2016, 1, 1), ring))
    return build_dataset(actors, articles)


def big_network(n_nodes: int, n_edges: int, seed: int = 3) -> nx.MultiDiGraph:
    """A network with the attributes of :func:`kg.analysis.to_networkx`, hub-heavy like news, plus random
    edges up to ``n_edges``."""
    rng = random.Random(seed)
    skeleton = nx.MultiGraph(nx.barabasi_albert_graph(n_nodes, max(1, n_edges // n_nodes), seed=seed))
    while skeleton.number_of_edges() < n_edges:
        u, v = rng.sample(range(n_nodes), 2)
        skeleton.add_edge(u, v)
    G = nx.MultiDiGraph(articles={"a": {"title": "Article", "date": date(2015, 1, 1), "source": "a.txt"}})
    classes = ["State", "Leader", "Institution", "Person", "ArmedGroup", "Place"]
    for n in skeleton:
        G.add_node(
            str(n), label=f"Actor {n}", cls=rng.choice(classes), qid=f"Q{n + 1}", iso3=None, aliases=[]
        )
    relations = ["meetsWith", "agreesWith", "accuses", "sanctions", "attacks", "aids"]
    for i, (u, v) in enumerate(skeleton.edges()):
        G.add_edge(
            str(u), str(v), key=f"s{i}", relation=relations[i % len(relations)], modality="asserted",
            date=date(2015, 1 + i % 12, 1), confidence=0.8, evidence=f"Actor {u} and actor {v}.", trigger="x",
            article="a", statement_count=1, article_count=1,
        )  # fmt: skip
    return G
