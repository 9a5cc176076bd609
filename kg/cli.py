"""The ``kg`` command: a thin layer over the library. Each command parses options and calls one function."""

from __future__ import annotations

import contextlib
import functools
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from kg import __version__
from kg.errors import KGError, OutputError, UsageError, show_warning
from kg.namespaces import DEFAULT_BASE_IRI

if TYPE_CHECKING:
    from kg.pipeline import BuildReport

app = typer.Typer(
    name="kg",
    help="Build, query, export and view a knowledge graph of international-affairs news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., object])

MinConfidenceOption = typer.Option(
    0.0, "--min-confidence", help="Leave out statements less sure than this (0-1, the chance of being right)."
)
StoreOption = Annotated[Path | None, typer.Option("--db", help="A store directory built with kg build --db.")]
GraphArgument = Annotated[str | None, typer.Argument(metavar="GRAPH", help="A graph file (or use --db).")]
"""The two ways every reading command names its graph: ``--db DIR`` or a graph file."""


def user_errors(func: F) -> F:
    """Turn a :class:`KGError` into its one-line message on stderr and its exit code (no traceback); our
    warnings print as one line too."""

    @functools.wraps(func)
    def wrapper(*args: object, **kwargs: object) -> object:
        warnings.showwarning = show_warning
        try:
            return func(*args, **kwargs)
        except KGError as exc:
            err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("interrupted", highlight=False)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def article_total(inputs: list[str]) -> int | None:
    """How many articles the inputs hold (a JSONL file holds one a line), for the progress bar; None when
    unknown (stdin)."""
    from kg.ingest import STDIN, expand_inputs

    total = 0
    for item in expand_inputs(inputs):
        if item == STDIN:
            return None
        if str(item).lower().endswith(".jsonl"):
            with open(item, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


@contextlib.contextmanager
def build_progress(
    quiet: bool, inputs: list[str], console: Console = err
) -> Iterator[Callable[[BuildReport], None] | None]:
    """A Rich progress bar over the articles of ``inputs`` (done/total, percent, articles/s, tokens/s,
    elapsed, ETA) on stderr when it is a terminal; nothing when it is piped or ``quiet``."""
    if quiet or not console.is_terminal:
        yield None
        return
    total = article_total(inputs)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("articles"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("build", total=total, rate="")

        def update(report: BuildReport) -> None:
            elapsed = max(progress.tasks[0].elapsed or 1e-9, 1e-9)
            done = report.articles_built + report.articles_unchanged + report.articles_skipped
            rate = (
                f"{report.articles_built / elapsed:.1f} articles/s  {report.tokens / elapsed:,.0f} tokens/s"
            )
            progress.update(task, completed=done, rate=rate)

        yield update


def print_build_summary(report: BuildReport, output: Path | None, db: Path | None) -> None:
    """The closing summary of a build: articles, actors by class, statements by relation, where it went."""
    out.print(
        f"[bold]{report.articles_built}[/] articles built, {report.articles_unchanged} unchanged, "
        f"{report.articles_skipped} skipped, {len(report.pruned)} pruned; {report.statements} statements; "
        f"{report.quads:,} quads in {report.seconds:.1f} s",
        soft_wrap=True,
    )
    table = Table(show_header=True, header_style="bold", box=None)
    table.add_column("actors by class")
    table.add_column("n", justify="right")
    table.add_column("statements by relation")
    table.add_column("n", justify="right")
    actors = report.actors_by_class.most_common()
    relations = report.statements_by_relation.most_common()
    for i in range(max(len(actors), len(relations))):
        left = actors[i] if i < len(actors) else ("", "")
        right = relations[i] if i < len(relations) else ("", "")
        table.add_row(left[0], str(left[1]), right[0], str(right[1]))
    out.print(table)
    for source in report.pruned:
        out.print(f"pruned: {source}", markup=False, highlight=False, soft_wrap=True)
    for label, path in (("graph", output), ("store", db)):
        if path is not None:
            out.print(f"{label}: {path}")


def _version(value: bool) -> None:
    if value:
        out.print(f"newskg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """newskg: international-affairs news in, an RDF knowledge graph out."""


# Commands are defined below, one function each, in the order of the README's reference.


@app.command("build")
@user_errors
def build_cmd(
    inputs: list[str] = typer.Argument(
        ...,
        metavar="INPUT...",
        help="Files, folders (recursive), globs, or - for stdin (.txt .md .html .jsonl).",
    ),
    output: Path | None = typer.Option(
        None,
        "-o",
        "--output",
        help="Write the graph here; the suffix picks the format (.ttl .nt .nq .trig .jsonld).",
    ),
    db: Path | None = typer.Option(None, "--db", help="Build into this store directory (incremental)."),
    model: str | None = typer.Option(
        None, "--model", help="spaCy pipeline (default: en_core_web_sm, else its packaged twin)."
    ),
    gazetteer: list[Path] = typer.Option([], "--gazetteer", help="Extra gazetteer YAML file(s)."),
    base_iri: str = typer.Option(
        DEFAULT_BASE_IRI, "--base-iri", help="Base IRI of actors, articles, statements."
    ),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress and no summary; errors only."),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="Extraction processes (default and most: the cores; 1 = in process)."
    ),
    force_workers: bool = typer.Option(
        False, "--force-workers", help="Start --workers processes even when they are more than the cores."
    ),
    dask: str | None = typer.Option(None, "--dask", help="Extract on this Dask scheduler (tcp://host:8786)."),
    endpoint: str | None = typer.Option(
        None, "--endpoint", help="Write to this Graph Store Protocol URL (.../store) or Oxigraph server base."
    ),
    endpoint_query: str | None = typer.Option(None, "--endpoint-query", help="Its SPARQL query URL."),
    endpoint_update: str | None = typer.Option(None, "--endpoint-update", help="Its SPARQL update URL."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per batch and per transaction."),
    time_budget: float = typer.Option(
        60.0, "--time-budget", min=0.1, help="Seconds of reading per long article; the rest is left unread."
    ),
    follow_links: bool = typer.Option(
        False, "--follow-links", help="Follow symbolic links that lead out of the input folders."
    ),
    prune: bool = typer.Option(
        False,
        "--prune",
        help="Drop the articles of sources no longer among the inputs (listed in the summary).",
    ),
    min_confidence: float = MinConfidenceOption,
) -> None:
    """Build articles into a knowledge graph (a store with --db, a file with -o, or both; or --endpoint).

    Unreadable or malformed articles are reported on stderr, one line each, and skipped.
    Ctrl-C or SIGTERM stops at once, keeping the batches written; the same command then resumes the build.
    """
    from kg.cache import long_lived

    with long_lived():  # the NLP stack's modules live as long as the process
        from kg.pipeline import build
    from kg.remote import Endpoint
    from kg.workers import worker_count

    if output is None and db is None and endpoint is None:
        raise OutputError("nothing to write: give -o FILE, --db DIR, or both (or --endpoint URL)")
    with build_progress(quiet, inputs) as on_progress:
        report = build(
            inputs,
            db=db,
            output=output,
            model=model,
            gazetteer=gazetteer,
            base_iri=base_iri,
            on_error=lambda message: err.print(message, markup=False, highlight=False, soft_wrap=True),
            on_progress=on_progress,
            workers=worker_count(workers, force_workers),
            dask=dask,
            endpoint=Endpoint.from_url(endpoint, endpoint_query, endpoint_update) if endpoint else None,
            batch_size=batch_size,
            time_budget=time_budget,
            follow_links=follow_links,
            prune=prune,
            min_confidence=min_confidence,
        )
    if not quiet:
        print_build_summary(report, output, db)


@app.command("validate")
@user_errors
def validate_cmd(
    source: str = typer.Argument(
        ..., metavar="GRAPH_OR_DB", help="A graph file (.ttl .nt .nq .trig .jsonld) or a store directory."
    ),
) -> None:
    """Check a graph against the SHACL shapes of ontology/shapes.ttl.

    Prints one line per violation (focus node, property path, message),
    then "N violations" or "valid: N triples checked".
    Exits 1 when there are violations, 0 when the graph is valid.
    """
    from kg.validate import validate

    report = validate(source)
    for line in report.format().splitlines():
        out.print(line, markup=False, highlight=False, soft_wrap=True)
    if not report.conforms:
        raise typer.Exit(1)


@app.command("query")
@user_errors
def query_cmd(
    query: str | None = typer.Argument(None, help="The SPARQL query text (or use -f / --name)."),
    db: StoreOption = None,
    graph: str | None = typer.Option(None, "--graph", help="A graph file (.ttl .nt .nq .trig .jsonld)."),
    file: Path | None = typer.Option(None, "-f", "--file", help="Read the query from a .rq file."),
    name: str | None = typer.Option(None, "--name", "-n", help="Run a canned query (see --list)."),
    param: list[str] = typer.Option([], "--param", "-p", help="Canned query parameter NAME=VALUE (repeat)."),
    list_queries: bool = typer.Option(False, "--list", help="List the canned queries and their parameters."),
    fmt: str | None = typer.Option(
        None,
        "--format",
        help="table, csv, tsv, json, xml (SELECT/ASK); turtle, ntriples, rdfxml, jsonld, nquads, trig (graphs).",
    ),
    timeout: float | None = typer.Option(None, "--timeout", help="Give up after this many seconds."),
) -> None:
    """Run a SPARQL query against a store or a graph file.

    Our prefixes (nkg:, nkga:, nkgr:, rdfs:, ...) are predeclared; FROM and FROM NAMED choose graphs.
    Without --format the result is a table in a terminal, CSV (SELECT/ASK) or Turtle (CONSTRUCT/DESCRIBE)
    otherwise. A syntax error exits 2; an update is refused as read-only.

    Example: kg query --db kg.db --name timeline --param actor=Russia
    """
    from kg.query import canned_queries, parse_read_only, resolve_query, run_query, term_text, write_query
    from kg.store import open_db_or_graph

    if list_queries:
        table = Table("name", "description", "parameters (default)")
        for canned in canned_queries().values():
            params = ", ".join(f"{key}={default!r}" for key, (default, _) in canned.params.items())
            table.add_row(canned.name, canned.description, params)
        out.print(table)
        return
    sparql = resolve_query(query, file, name, param)
    kind = parse_read_only(sparql).kind
    if fmt is None or (fmt == "table" and kind == "graph"):
        fmt = "turtle" if kind == "graph" else "table" if out.is_terminal else "csv"
    with open_db_or_graph(db, graph) as store:
        if fmt != "table":
            written, _ = write_query(store, sparql, fmt, timeout=timeout)
            sys.stdout.buffer.write(written)
            sys.stdout.flush()
            return
        result = run_query(store, sparql, timeout=timeout)
    if result.kind == "ask":
        out.print("yes" if result.boolean else "no")
    elif result.kind == "select":
        table = Table(*result.variables, caption=f"{len(result.rows)} rows")
        for row in result.rows:
            table.add_row(*(term_text(term) for term in row))
        out.print(table)
    else:
        raise UsageError(
            "a CONSTRUCT/DESCRIBE result is a graph, not a table: use --format turtle (or another)"
        )


@app.command("export")
@user_errors
def export_cmd(
    source: GraphArgument = None,
    db: StoreOption = None,
    output: Path = typer.Option(..., "-o", "--output", help="The file to write (suffix = format)."),
    fmt: str | None = typer.Option(None, "--format", help="ttl, nt, nq, trig, jsonld or graphml."),
    min_confidence: float = MinConfidenceOption,
) -> None:
    """Export a store or graph file to Turtle, N-Triples, N-Quads, TriG, JSON-LD or GraphML.

    .ttl/.nt/.jsonld hold the union of all graphs, .nq/.trig keep one named graph per article,
    .graphml is the actor network (node class/label/qid, edge relation/statementCount/articleCount).

    Example: kg export --db kg.db -o graph.ttl
    """
    from kg.model import check_confidence
    from kg.store import format_for, open_db_or_graph

    format_for(output, fmt)
    with open_db_or_graph(db, source) as store:
        kept = store.at_least(check_confidence(min_confidence)) if min_confidence > 0 else store
        kept.export(output, fmt)
        count = len(kept)
    err.print(f"wrote {output} ({count} quads in the store)", highlight=False, markup=False)


@app.command("serve")
@user_errors
def serve_cmd(
    db: Path = typer.Option(..., "--db", help="The store directory to serve (read-only)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (0.0.0.0: the whole network)."),
    port: int = typer.Option(7878, "--port", help="TCP port."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds before a query is stopped (503)."),
    max_rows: int = typer.Option(10_000, "--max-rows", help="At most this many result rows per query."),
    html: Path | None = typer.Option(None, "--html", help="An HTML view (kg render) served at /graph.html."),
    cors: bool = typer.Option(False, "--cors", help="Let web pages of any origin query the endpoint (CORS)."),
    memory_cap: int = typer.Option(
        1024, "--memory-cap", min=64, help="Megabytes a query may use before it is stopped (503)."
    ),
    queue: int = typer.Option(
        32, "--queue", min=0, help="Requests that may wait for a query worker; more get 503 + Retry-After."
    ),
) -> None:
    """Serve a store as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql.

    Updates are refused (403); SERVICE and FROM outside the store are refused before running (400);
    slow queries stop after --timeout (503) and never hold up fast ones; answers follow a build writing
    into the store. GET / explains the endpoint.

    Example: kg serve --db kg.db --port 7878
    """
    from kg.serve import serve

    err.print(f"serving {db} at http://{host}:{port}/sparql (read-only; Ctrl-C stops)", highlight=False)
    serve(
        db,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        html_path=html,
        cors=cors,
        memory_cap=memory_cap << 20,
        queue=queue,
    )


@app.command("stats")
@user_errors
def stats_cmd(
    source: GraphArgument = None,
    db: StoreOption = None,
    top: int | None = typer.Option(
        None, "--top", help="Also list the N most central actors (see kg centrality)."
    ),
) -> None:
    """Show what a graph holds: articles, actors per class, statements per relation and modality, plain edges.

    Example: kg stats --db kg.db --top 10
    """
    from kg.query import stats
    from kg.store import open_db_or_graph

    with open_db_or_graph(db, source) as store:
        summary = stats(store)
    overview = Table("", "count", title="graph", show_header=False)
    overview.add_row("quads", str(summary["quads"]))
    overview.add_row("articles", str(summary["articles"]))
    overview.add_row("plain edges", str(summary["plain_edges"]))
    overview.add_row("dates", f"{summary['first_date'] or '-'} .. {summary['last_date'] or '-'}")
    out.print(overview)
    actors = Table("class", "actors", title="actors")
    for cls, count in summary["actors"].items():
        actors.add_row(cls, str(count))
    out.print(actors)
    modalities = sorted({m for per in summary["statements"].values() for m in per})
    statements = Table("relation", *modalities, title="statements")
    for relation, per in sorted(summary["statements"].items()):
        statements.add_row(relation, *(str(per.get(m, 0)) for m in modalities))
    out.print(statements)
    if top:
        print_centrality(db, source, top, "pagerank")


def print_centrality(db: Path | None, source: str | None, top: int, by: str) -> None:
    """A table of the most central actors: degree, PageRank, betweenness."""
    from kg.analysis import centrality, load_network

    scores = centrality(load_network(db, source), top, by=by)
    table = Table(
        "#", "actor", "class", "degree", "PageRank", "betweenness", title=f"top {len(scores)} by {by}"
    )
    for rank, s in enumerate(scores, 1):
        table.add_row(str(rank), s.label, s.cls, str(s.degree), f"{s.pagerank:.4f}", f"{s.betweenness:.4f}")
    out.print(table)


@app.command("render")
@user_errors
def render_cmd(
    source: GraphArgument = None,
    db: StoreOption = None,
    output: Path = typer.Option(..., "-o", "--output", help="The HTML file to write."),
    relation: list[str] = typer.Option(
        [], "--relation", "-r", help="Only this relation or quad class (sanctions, materialConflict; repeat)."
    ),
    actor: str | None = typer.Option(None, "--actor", help="Only the neighbourhood of this actor."),
    hops: int = typer.Option(1, "--hops", help="With --actor: how many steps out."),
    since: str | None = typer.Option(None, "--since", help="Only statements from this date (YYYY[-MM[-DD]])"),
    until: str | None = typer.Option(None, "--until", help="Only statements up to this date (inclusive)."),
    min_count: int = typer.Option(1, "--min-count", help="Only edges backed by N statements or more."),
    max_nodes: int | None = typer.Option(None, "--max-nodes", help="Keep only the N most central actors."),
    title: str = typer.Option("News knowledge graph", "--title", help="The page's heading."),
    min_confidence: float = MinConfidenceOption,
) -> None:
    """Write an interactive HTML view of the graph: works offline, hover an edge for its evidence.

    Example: kg render --db kg.db -o graph.html --actor Russia --hops 1 --since 2015
    """
    import time

    from kg.analysis import load_network
    from kg.render import render_html

    started = time.perf_counter()
    result = render_html(
        load_network(db, source), output, relation=relation or None, actor=actor, hops=hops, since=since,
        until=until, min_count=min_count, max_nodes=max_nodes, title=title, min_confidence=min_confidence,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    message = f"wrote {result.path}: {result.nodes} actors, {result.edges} relations ({elapsed:.1f} s)"
    if result.nodes == 0:
        message += "; nothing matches the filters"
    err.print(message, highlight=False, markup=False, soft_wrap=True)


@app.command("centrality")
@user_errors
def centrality_cmd(
    source: GraphArgument = None,
    db: StoreOption = None,
    top: int = typer.Option(10, "--top", help="How many actors to list."),
    by: str = typer.Option("pagerank", "--by", help="Rank by degree, pagerank or betweenness."),
) -> None:
    """The most central actors: degree (distinct partners), PageRank and betweenness.

    Example: kg centrality --db kg.db --top 10 --by betweenness
    """
    print_centrality(db, source, top, by)


@app.command("communities")
@user_errors
def communities_cmd(
    source: GraphArgument = None,
    db: StoreOption = None,
) -> None:
    """Groups of actors that interact mostly with each other (Louvain), largest first.

    Example: kg communities --db kg.db
    """
    from kg.analysis import communities, load_network

    for number, members in enumerate(communities(load_network(db, source)), 1):
        line = f"{number}. ({len(members)}) " + ", ".join(members)
        out.print(line, highlight=False, markup=False, soft_wrap=True)


@app.command("path")
@user_errors
def path_cmd(
    a: str = typer.Argument(..., metavar="A", help="An actor: label, alias or QID."),
    b: str = typer.Argument(..., metavar="B", help="Another actor."),
    source: GraphArgument = None,
    db: StoreOption = None,
) -> None:
    """The shortest chain of relations linking two actors, with the sentence behind each step.

    Example: kg path "Angela Merkel" Syria --db kg.db
    """
    from kg.analysis import load_network, shortest_path

    hops = shortest_path(load_network(db, source), a, b)
    if not hops:
        message = f"no chain of asserted relations links {a} and {b}"
        err.print(message, highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(1)
    for hop in hops:
        step = f"{hop.subject} --{hop.relation}--> {hop.object}"
        out.print(step, highlight=False, markup=False, soft_wrap=True)
        where = ", ".join(str(x) for x in (hop.title, hop.date) if x)
        if hop.evidence:
            line = f'    "{hop.evidence}"' + (f" ({where})" if where else "")
            out.print(line, highlight=False, markup=False, soft_wrap=True)


@app.command("timeline")
@user_errors
def timeline_cmd(
    names: list[str] = typer.Argument(..., metavar="A [B] [GRAPH]", help="One or two actors, then a graph."),
    db: StoreOption = None,
    output: Path = typer.Option(
        ..., "-o", "--output", help="The chart to write: .png, or .html (interactive)."
    ),
) -> None:
    """Cooperation and conflict per month for one actor (or between two): a table and a PNG or HTML chart.

    Without --db the last argument is the graph file. Counts are asserted statements per quad class; net is
    the sum of their Goldstein scores (from the ontology).

    Example: kg timeline Russia Ukraine --db kg.db -o timeline.html
    """
    from kg.analysis import QUADS, load_network, quad_label, timeline
    from kg.charts import plot_timeline, timeline_html

    draw = {".png": plot_timeline, ".html": timeline_html}.get(output.suffix.lower())
    if draw is None:
        raise KGError(f"cannot write a chart to {output.name!r}: use a .png or .html file")

    source = None if db is not None else names[-1] if len(names) > 1 else None
    actors = names if db is not None else names[:-1]
    if db is None and source is None:
        raise UsageError("give either --db DIR or a graph file after the actor names")
    if len(actors) not in (1, 2):
        raise UsageError(f"give one or two actor names, not {len(actors)}")
    rows = timeline(load_network(db, source), actors[0], actors[1] if len(actors) == 2 else None)
    title = " and ".join(actors)
    draw(rows, output, title=f"{title}: cooperation and conflict per month")
    table = Table("month", *(quad_label(q) for q in QUADS), "net", title=title)
    for row in rows:
        if row.total:
            table.add_row(row.month, *(str(getattr(row, q)) for q in QUADS), f"{row.net:+.1f}")
    out.print(table)
    err.print(f"wrote {output} ({len(rows)} months)", highlight=False, markup=False, soft_wrap=True)
