"""Query latency on a ~1M-quad graph shaped like ours: our Oxigraph store vs rdflib's memory store.

Generates (deterministic seed) actors of every class and articles with statements (evidence, modality, dates),
written by the project's own writer (``Store.put_articles``: one named graph per article, each with the
descriptions of the actors it names) into an on-disk store (as ``kg build --db``; ``--memory`` for an in-memory
one); ``Store.refresh_edges()`` derives the default graph (each actor described once, plain edges, counts) and
the store is compacted as a first build's is, then reopened read-only (as ``kg query --db``). The same quads go
into ``rdflib.Dataset()``. Two tables, the same text on both engines, in CPU time (the machine may be shared):
the first run on our store (its read-only check parses the text, as every ``kg query`` does; ``kg query`` rewrites
a flat query, see :mod:`kg.rewrite`), the medians of ``--runs`` more runs on our store and ``--rdflib-runs`` on
rdflib, and their ratio:

- the flat queries users write (the README's examples, joins on labels, a 2-hop join, COUNT GROUP BY, a label
  regex, ORDER BY LIMIT), run as ``kg query`` runs them: the union of all graphs as the default graph (rdflib's
  ``default_union``); each rdflib run is run to the end;
- the canned queries (``kg query --name``), on the store's own default graph; rdflib gets ``--cap`` seconds for
  them (their multi-hop subqueries can take it minutes): one that does not finish is shown as not finished,
  with no ratio.

    .venv/bin/python benchmarks/query_bench.py            # ~1M quads
    .venv/bin/python benchmarks/query_bench.py --articles 500 --cap 5   # a quick smoke run
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import Literal, URIRef
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.namespaces import (
    DCTERMS,
    DEFAULT_BASE_IRI,
    NKG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    WD,
    XSD,
)
from kg.query import canned_queries, load_canned, parse_read_only, run_query
from kg.store import Store, from_ox

RELATIONS = [
    "agreesWith", "meetsWith", "supports", "appealsTo", "cooperatesWith", "aids", "concedesTo",
    "withdrawsFrom", "accuses", "rejects", "threatens", "protestsAgainst", "sanctions", "mobilizesAgainst",
    "coerces", "attacks",
]  # fmt: skip
CLASSES = [("State", 200), ("Leader", 300), ("Person", 900), ("Institution", 250), ("ArmedGroup", 100),
           ("Bloc", 10), ("Place", 240)]  # fmt: skip
NAMED = ["Russia", "Ukraine", "United States", "China", "Germany", "France", "Iran", "Israel"]
MODALITIES = ["asserted"] * 7 + ["negated", "future", "hypothetical"]
MODES = {"aids", "cooperatesWith", "supports"}  # the relations with an nkg:mode, half of the time
HEADER = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
FLAT = {
    "README: who sanctions whom": """SELECT ?who ?whom WHERE {
      ?s nkg:sanctions ?o . ?s rdfs:label ?who . ?o rdfs:label ?whom } ORDER BY ?who ?whom""",
    "README: evidence of one edge": """SELECT ?modality ?date ?evidence WHERE {
      ?st rdf:subject ?s ; rdf:predicate nkg:sanctions ; rdf:object ?o ;
          nkg:modality ?modality ; nkg:date ?date ; nkg:evidence ?evidence .
      ?s rdfs:label "Russia" . ?o rdfs:label "Ukraine" }""",
    "README: one actor's codes": """SELECT ?label ?code ?wikidata WHERE {
      ?a rdfs:label "Russia" ; rdfs:label ?label ; owl:sameAs ?wikidata . OPTIONAL { ?a nkg:iso3 ?code } }""",
    "flat: who attacks whom, by statement": """SELECT ?who ?whom ?date WHERE {
      ?st rdf:subject ?s ; rdf:predicate nkg:attacks ; rdf:object ?o ; nkg:date ?date .
      ?s rdfs:label ?who . ?o rdfs:label ?whom }""",
    "2-hop join on labels": """SELECT ?a ?c WHERE {
      ?x nkg:attacks ?y . ?y nkg:sanctions ?z . ?x rdfs:label ?a . ?z rdfs:label ?c }""",
    "COUNT GROUP BY label": """SELECT ?who (COUNT(?st) AS ?n) WHERE {
      ?st rdf:subject ?s ; rdf:predicate nkg:attacks . ?s rdfs:label ?who } GROUP BY ?who""",
    "label regex": """SELECT ?who ?evidence WHERE {
      ?st rdf:subject ?s ; nkg:evidence ?evidence . ?s rdfs:label ?who FILTER(REGEX(?who, "^rus", "i")) }""",
    "ORDER BY LIMIT": """SELECT ?st ?c ?who WHERE {
      ?st nkg:confidence ?c ; rdf:subject ?s . ?s rdfs:label ?who } ORDER BY DESC(?c) ?st LIMIT 10""",
}
"""Queries written as users write them, flat, no subqueries: the same text goes to both engines."""


def make_actors(rng: random.Random) -> list[tuple[URIRef, str, str, str | None]]:
    """(IRI, class, label, QID) of every actor; the first states carry real names (canned query defaults)."""
    actors = []
    for cls, count in CLASSES:
        for index in range(count):
            qid = f"Q{len(actors) + 1000}" if rng.random() < 0.8 else None
            label = NAMED[index] if cls == "State" and index < len(NAMED) else f"{cls} {index}"
            slug = qid or f"{cls.lower()}-{index}"
            actors.append((URIRef(f"{DEFAULT_BASE_IRI}actor/{slug}"), cls, label, qid))
    return actors


def state_of(leader: URIRef, states: list) -> tuple:
    """The state a leader leads (stable across runs, unlike ``hash``)."""
    return states[int(hashlib.sha1(str(leader).encode()).hexdigest(), 16) % len(states)]


def make_article(rng: random.Random, number: int, actors: list, weights: list[float], states: list) -> tuple:
    """One article's named graph: article node, 4-8 statements with provenance, the actors it mentions."""
    sha = hashlib.sha256(f"article {number}".encode()).hexdigest()
    article = URIRef(f"{DEFAULT_BASE_IRI}article/{sha}")
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    triples = [
        (article, RDF.type, NKG.Article),
        (article, RDF.type, SCHEMA.NewsArticle),
        (article, DCTERMS.title, Literal(f"Report number {number}")),
        (article, DCTERMS.date, Literal(day.isoformat(), datatype=XSD.date)),
        (article, DCTERMS.source, Literal(f"https://news.example.org/{number}.html")),
        (article, DCTERMS.publisher, Literal(f"Publisher {number % 40}")),
        (article, NKG.sha256, Literal(sha)),
    ]
    mentioned = {}
    for index in range(rng.randint(4, 8)):
        subject, obj = rng.choices(actors, weights=weights, k=2)
        if subject == obj:
            continue
        relation = rng.choice(RELATIONS) if subject[1] != "Leader" or rng.random() < 0.7 else "leaderOf"
        if relation == "leaderOf":
            obj = state_of(subject[0], states)
        start = rng.randrange(5000)
        stmt = URIRef(f"{DEFAULT_BASE_IRI}stmt/{hashlib.sha1(f'{sha} {index}'.encode()).hexdigest()}")
        triples += [
            (stmt, RDF.type, RDF.Statement),
            (stmt, RDF.type, NKG.Statement),
            (stmt, RDF.subject, subject[0]),
            (stmt, RDF.predicate, NKG[relation]),
            (stmt, RDF.object, obj[0]),
            (stmt, NKG.modality, Literal(rng.choice(MODALITIES))),
            (stmt, NKG.confidence, Literal(round(rng.uniform(0.5, 1.0), 2))),
            (stmt, NKG.trigger, Literal(relation.lower())),
            (
                stmt,
                NKG.evidence,
                Literal(f"{subject[2]} {relation} {obj[2]}, officials said in report {number}."),
            ),
            (stmt, NKG.charStart, Literal(start)),
            (stmt, NKG.charEnd, Literal(start + rng.randrange(40, 300))),
            (
                stmt,
                NKG.date,
                Literal((day - timedelta(days=rng.randrange(3))).isoformat(), datatype=XSD.date),
            ),
            (stmt, PROV.wasDerivedFrom, article),
        ]
        if relation in MODES and rng.random() < 0.5:
            triples.append((stmt, NKG.mode, Literal(rng.choice(["military", "economic", "humanitarian"]))))
        mentioned[subject[0]] = subject
        mentioned[obj[0]] = obj
    for iri, cls, label, qid in mentioned.values():
        triples += [(iri, RDF.type, NKG[cls]), (iri, RDFS.label, Literal(label))]
        if qid:
            triples.append((iri, OWL.sameAs, WD[qid]))
        if rng.random() < 0.3:
            triples.append((iri, SKOS.altLabel, Literal(f"{label} (alias {rng.randrange(3)})")))
        if cls == "Leader":
            triples.append((iri, NKG.country, state_of(iri, states)[0]))
    return str(article), triples


def time_ours(store: Store, text: str, runs: int) -> tuple[float, float, int]:
    """CPU seconds of the first run (the read-only check parses the text, as each ``kg query`` does), the
    median of ``runs`` runs (the parse then remembered), and the row count."""
    times, rows = [], 0
    parse_read_only.cache_clear()
    for _ in range(runs + 1):
        started = time.process_time()
        rows = len(run_query(store, text))
        times.append(time.process_time() - started)
    return times[0], statistics.median(times[1:]), rows


def _rdflib_child(dataset: rdflib.Dataset, text: str, runs: int, conn, union: bool) -> None:
    dataset.default_union = union
    for _ in range(runs):
        started = time.process_time()
        rows = len(list(dataset.query(text)))
        conn.send((time.process_time() - started, rows))
    conn.close()


def time_rdflib(
    dataset: rdflib.Dataset, text: str, runs: int, cap: float | None, union: bool
) -> tuple[float | None, int | None]:
    """Median over ``runs`` in a forked child (dataset shared copy-on-write); None when over ``cap`` seconds
    (no cap: run to the end). With ``union`` the default graph is the union of all graphs."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_rdflib_child, args=(dataset, text, runs, child, union))
    process.start()
    times, rows = [], None
    deadline = time.monotonic() + (cap if cap is not None else float("inf"))
    while len(times) < runs:
        left = deadline - time.monotonic()
        if left <= 0 or not parent.poll(None if cap is None else left):
            break
        seconds, rows = parent.recv()
        times.append(seconds)
    process.kill()
    process.join()
    return (statistics.median(times) if times else None), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=6300, help="articles to generate (6300: ~0.77M quads; 8200: ~1M)"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per query on our store")
    parser.add_argument("--rdflib-runs", type=int, default=3, help="runs per query on rdflib")
    parser.add_argument(
        "--cap", type=float, default=20.0, help="seconds allowed per query on rdflib (all runs)"
    )
    parser.add_argument("--memory", action="store_true", help="use an in-memory store, not an on-disk one")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="query-bench-") as tmp:
        run(args, None if args.memory else Path(tmp) / "db")


def run(args: argparse.Namespace, path: Path | None) -> None:
    """Generate the graph into a store at ``path`` (None: in memory), then time the canned queries."""
    console = Console()
    rng = random.Random(args.seed)
    actors = make_actors(rng)
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(actors))]  # a few actors dominate the news
    states = [a for a in actors if a[1] == "State"]

    started = time.perf_counter()
    store = Store.open(path)
    batch = []
    for number in range(args.articles):
        batch.append(make_article(rng, number, actors, weights, states))
        if len(batch) == 1000:
            store.put_articles(batch)
            batch = []
    store.put_articles(batch)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    store.refresh_edges()
    refresh = time.perf_counter() - started
    if path is not None:
        store.compact(rewrite=True)  # as a first kg build leaves it
        store.close()
        store = Store.open(path, read_only=True)
    console.print(
        f"generated and stored {len(store):,} quads from {args.articles:,} articles in {generated:.1f} s "
        f"({'in memory' if path is None else 'on disk'}); refresh_edges {refresh:.2f} s"
    )

    started = time.perf_counter()
    dataset = rdflib.Dataset()
    graphs: dict[str, rdflib.Graph] = {}

    def graph_of(name: ox.NamedNode | ox.DefaultGraph) -> rdflib.Graph:
        if isinstance(name, ox.DefaultGraph):
            return dataset.default_graph
        if name.value not in graphs:
            graphs[name.value] = dataset.graph(URIRef(name.value))
        return graphs[name.value]

    dataset.addN(
        (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), graph_of(q.graph_name))
        for q in store.inner
    )
    console.print(f"loaded the same quads into rdflib.Dataset() in {time.perf_counter() - started:.1f} s")

    columns = ("query", "rows", "ours first (ms)", "ours median (ms)", "rdflib median (ms)", "rdflib / ours")
    flat = Table(*columns, title="flat queries (CPU time)")
    for name, text in FLAT.items():
        first, ours, rows = time_ours(store, HEADER + text, args.runs)
        theirs, their_rows = time_rdflib(dataset, HEADER + text, args.rdflib_runs, None, union=True)
        assert theirs is not None
        shown = (
            f"{first * 1000:,.1f}",
            f"{ours * 1000:,.1f}",
            f"{theirs * 1000:,.1f}",
            f"{theirs / ours:,.1f}",
        )
        flat.add_row(name, _rows(rows, their_rows), *shown)
        console.print(f"  {name}: ours {ours * 1000:.1f} ms, rdflib {theirs * 1000:.1f} ms")
    console.print(flat)

    table = Table(*columns, title="canned queries (CPU time)")
    for name in canned_queries():
        text = load_canned(name)
        first, ours, rows = time_ours(store, text, args.runs)
        theirs, their_rows = time_rdflib(dataset, text, args.rdflib_runs, args.cap, union=False)
        if theirs is None:
            theirs_shown, ratio = f"not finished in {args.cap:g} s", "-"
        else:
            theirs_shown, ratio = f"{theirs * 1000:,.1f}", f"{theirs / ours:,.1f}"
        table.add_row(
            name, _rows(rows, their_rows), f"{first * 1000:,.1f}", f"{ours * 1000:,.1f}", theirs_shown, ratio
        )
        console.print(f"  {name}: ours {ours * 1000:.1f} ms, rdflib {theirs_shown}")
    console.print(table)
    store.close()


def _rows(ours: int, theirs: int | None) -> str:
    """The row count, and rdflib's when it differs (a semantic difference, not a speed one)."""
    return str(ours) if theirs in (None, ours) else f"{ours} (rdflib {theirs})"


if __name__ == "__main__":
    main()
