"""The build pipeline: ingest -> nlp -> graph -> store, streaming in batches, then plain edges and the output file.

Extraction runs in this process, in worker processes (``workers``) or on a Dask cluster (``dask``); the
results come back in input order and are written one batch per transaction to the embedded store, or to a
remote Graph Store Protocol endpoint (``endpoint``). A build that is killed resumes when run again: finished
articles are in the store's index, and a stale marker makes the next build refresh the derived edges.

>>> report = build(["examples"], output="out/graph.ttl")  # doctest: +SKIP
>>> report.articles_built, report.statements  # doctest: +SKIP
(11, 180)
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from types import FrameType
from typing import Protocol

from kg.errors import BadArticle, BuildInterrupted, NothingToBuild, OutputError
from kg.graph import IRIs, Triple, result_triples
from kg.ingest import iter_articles
from kg.model import Article, ArticleResult, check_confidence
from kg.namespaces import DEFAULT_BASE_IRI
from kg.nlp import TIME_BUDGET, resolve_model
from kg.remote import Endpoint, RemoteStore
from kg.store import ArticleIndex, Store, format_for
from kg.workers import DaskCluster, InProcess, ProcessPool, Runner

WRITE_BATCH = 32
"""Articles per unit of work and per store transaction; memory holds only the batches in flight."""


class Target(Protocol):
    """Where a build writes: the embedded :class:`~kg.store.Store` or a :class:`~kg.remote.RemoteStore`."""

    def article_index(self) -> ArticleIndex: ...

    def put_articles(
        self, batch: Iterable[tuple[str, Iterable[Triple]]], remove: Iterable[str] = ()
    ) -> None: ...

    def mark_stale(self) -> None: ...

    def is_stale(self) -> bool: ...

    def refresh_edges(self, base_iri: str = DEFAULT_BASE_IRI) -> None: ...

    def __len__(self) -> int: ...


@dataclass
class BuildReport:
    """What a build did: counts for the closing summary."""

    articles_built: int = 0
    articles_unchanged: int = 0
    articles_skipped: int = 0
    statements: int = 0
    actors: dict[str, str] = field(default_factory=dict)  # actor key -> class
    statements_by_relation: Counter[str] = field(default_factory=Counter)
    statements_by_modality: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    pruned: list[str] = field(
        default_factory=list
    )  # sources no longer in the inputs, whose graphs were dropped
    quads: int = 0  # in the store (or endpoint) after the build
    seconds: float = 0.0
    tokens: int = 0

    @property
    def actors_by_class(self) -> Counter[str]:
        return Counter(self.actors.values())

    def add(self, result: ArticleResult) -> None:
        self.articles_built += 1
        self.actors.update((key, actor.cls) for key, actor in result.actors.items())
        self.tokens += len(result.article.text.split())
        self.statements += len(result.statements)
        self.statements_by_relation.update(s.predicate for s in result.statements)
        self.statements_by_modality.update(s.modality for s in result.statements)


def build(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    db: str | Path | None = None,
    output: str | Path | None = None,
    model: str | None = None,
    gazetteer: Sequence[str | Path] = (),
    base_iri: str = DEFAULT_BASE_IRI,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[BuildReport], None] | None = None,
    workers: int = 1,
    dask: str | None = None,
    endpoint: str | Endpoint | None = None,
    batch_size: int = WRITE_BATCH,
    time_budget: float = TIME_BUDGET,
    follow_links: bool = False,
    prune: bool = False,
    min_confidence: float = 0.0,
) -> BuildReport:
    """Build articles into a graph: into the store ``db`` (a directory; in memory when None) and/or ``output``.

    Unchanged articles already in ``db`` are not parsed again; a changed article replaces its named graph.
    Unreadable inputs are reported through ``on_error`` and skipped; if nothing at all could be read, raises
    :class:`~kg.errors.NothingToBuild`. Raises :class:`~kg.errors.InputNotFound` for a path that names nothing.
    Symbolic links out of an input folder are followed only with ``follow_links``. With ``prune``, the articles
    of sources no longer among the inputs are dropped (``report.pruned``). Statements whose (calibrated)
    confidence is below ``min_confidence`` are left out of the articles extracted by this build.

    ``workers`` > 1 extracts in that many processes, ``dask`` (a scheduler address) on a Dask cluster; the
    triples are the same. ``endpoint`` (a URL or :class:`~kg.remote.Endpoint`) writes to a SPARQL Graph Store
    Protocol endpoint instead of ``db``. A long article is read for at most ``time_budget`` seconds (a
    :class:`~kg.errors.BudgetWarning` tells where it stopped). SIGINT/SIGTERM stop the build at once, the batches written so far kept, and raise
    :class:`~kg.errors.BuildInterrupted`; running the same build again finishes the job.
    """
    started = time.perf_counter()
    check_confidence(min_confidence)
    if output is not None:
        format_for(output)  # an unknown output format fails before any work
    if endpoint is not None and (db is not None or output is not None):
        raise OutputError("--endpoint writes to the server: give neither --db nor -o with it")
    if dask is None:
        resolve_model(model)  # a missing model fails here, not in every worker
    report = BuildReport()
    iris = IRIs(base_iri)

    def skipped(error: BadArticle) -> None:
        report.articles_skipped += 1
        report.errors.append(str(error))
        if on_error:
            on_error(str(error))

    with (
        _open_target(db, endpoint) as target,
        _runner(workers, dask, model, gazetteer, time_budget) as runner,
    ):
        stale = target.is_stale()  # an earlier build stopped before refreshing the edges
        first = isinstance(target, Store) and target.is_empty()
        try:
            with stop_signals():
                write_stream(
                    iter_articles(inputs, skipped, follow_links=follow_links),
                    target,
                    runner,
                    iris=iris,
                    batch_size=batch_size,
                    report=report,
                    on_progress=on_progress,
                    prune=prune,
                    min_confidence=min_confidence,
                )
        except StopRequested as stop:
            name = signal.Signals(stop.signum).name
            raise BuildInterrupted(
                f"stopped by {name} after {report.articles_built} articles were written; "
                "run the same command again to finish",
                exit_code=128 + stop.signum,
            ) from None
        if report.articles_built or report.pruned or stale:
            target.refresh_edges(base_iri)
        if report.articles_built + report.articles_unchanged == 0:
            raise NothingToBuild("no article could be read from the inputs")
        if output is not None and isinstance(target, Store):
            target.export(output)
        report.quads = len(target)
        if isinstance(target, Store):
            target.compact(rewrite=first)  # no write-ahead log left behind; a first build as if bulk-loaded
    report.seconds = time.perf_counter() - started
    return report


def write_stream(
    articles: Iterable[Article],
    target: Target,
    runner: Runner,
    *,
    iris: IRIs | None = None,
    batch_size: int = WRITE_BATCH,
    report: BuildReport | None = None,
    on_progress: Callable[[BuildReport], None] | None = None,
    prune: bool = False,
    min_confidence: float = 0.0,
) -> BuildReport:
    """Extract the new or changed ``articles`` with ``runner`` and write them to ``target``, batch by batch.

    Articles are pulled only as batches are handed to the runner, so at most the runner's batches in flight
    are held in memory. Each batch is one transaction; the target is marked stale before the first write
    (the caller refreshes its edges). With ``prune``, once every article is written, the graphs
    of the sources in ``target`` that ``articles`` did not hold are dropped, in one transaction. Statements
    whose confidence is below ``min_confidence`` are not written.

    >>> from kg.ingest import parse_text_article
    >>> with Store.open() as store, InProcess() as runner:
    ...     write_stream([parse_text_article("Russia attacked Ukraine.", "a.txt")], store, runner).statements
    1
    """
    iris = iris or IRIs()
    report = report or BuildReport()
    known = target.article_index()
    seen: set[str] = set()
    replacing: dict[str, str] = {}  # source -> graph of its older version, for changed articles in flight
    changed = _changed(articles, known, seen, replacing, report, iris)
    marked = False
    for batch in runner.results(_batches(changed, batch_size)):
        results = [result.at_least(min_confidence) for result in batch]
        if not marked:
            target.mark_stale()
            marked = True
        remove = [replacing.pop(r.article.source) for r in results if r.article.source in replacing]
        target.put_articles((result_triples(result, iris) for result in results), remove=remove)
        for result in results:
            report.add(result)
        if on_progress:
            on_progress(report)
    gone = {source: graph for source, (_, graph) in known.items() if source not in seen}
    if prune and gone:
        if not marked:
            target.mark_stale()
        target.put_articles([], remove=gone.values())
        report.pruned = sorted(gone)
    return report


class StopRequested(BaseException):
    """Raised in the main thread by the first SIGINT/SIGTERM of a build (see :func:`stop_signals`).

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` reading a sentence swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """While inside, SIGINT and SIGTERM raise :class:`StopRequested` at once, a second one KeyboardInterrupt.

    Every store write is one call into Oxigraph, one transaction, and Python runs a signal handler only
    between two such calls: the store never holds half a batch. Outside the main thread nothing is installed.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    requested: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        if requested:
            raise KeyboardInterrupt
        requested.append(signum)
        raise StopRequested(signum)

    previous = {signum: signal.signal(signum, handler) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _open_target(db: str | Path | None, endpoint: str | Endpoint | None) -> Store | RemoteStore:
    if endpoint is None:
        return Store.open(db)
    return RemoteStore(endpoint if isinstance(endpoint, Endpoint) else Endpoint.from_url(endpoint))


def _runner(
    workers: int, dask: str | None, model: str | None, gazetteer: Sequence[str | Path], budget: float
) -> InProcess | ProcessPool | DaskCluster:
    if dask is not None:
        return DaskCluster(dask, model, gazetteer, budget)
    if workers > 1:
        return ProcessPool(workers, model, gazetteer, budget)
    return InProcess(model, gazetteer, budget)


def _changed(
    articles: Iterable[Article],
    known: ArticleIndex,
    seen: set[str],
    replacing: dict[str, str],
    report: BuildReport,
    iris: IRIs,
) -> Iterator[Article]:
    """Articles that are new or changed; every source goes to ``seen``, and for a changed article stored under
    another graph name (by an older version of newskg) ``replacing`` records that graph."""
    for article in articles:
        seen.add(article.source)
        sha, graph = known.get(article.source, ("", ""))
        if sha == article.sha256:
            report.articles_unchanged += 1
            continue
        if graph and graph != iris.article(article.key).value:
            replacing[article.source] = graph
        yield article


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
