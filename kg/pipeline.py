"""The build pipeline: ingest -> nlp -> graph -> store, streaming in batches, then plain edges and the output file.

>>> report = build(["examples"], output="out/graph.ttl")  # doctest: +SKIP
>>> report.articles_built, report.statements  # doctest: +SKIP
(11, 180)
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from kg.errors import BadArticle, NothingToBuild
from kg.graph import IRIs, result_triples
from kg.ingest import iter_articles
from kg.model import Article, ArticleResult
from kg.namespaces import DEFAULT_BASE_IRI
from kg.nlp import extract, load_pipeline
from kg.store import Store, format_for

WRITE_BATCH = 64
"""Articles written to the store per transaction; memory holds at most one batch of results."""


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
    triples: int = 0
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
) -> BuildReport:
    """Build articles into a graph: into the store ``db`` (a directory; in memory when None) and/or ``output``.

    Unchanged articles already in ``db`` are not parsed again; a changed article replaces its named graph.
    Unreadable inputs are reported through ``on_error`` and skipped; if nothing at all could be read, raises
    :class:`~kg.errors.NothingToBuild`. Raises :class:`~kg.errors.InputNotFound` for a path that names nothing.
    """
    started = time.perf_counter()
    if output is not None:
        format_for(output)  # an unknown output format fails before any work
    report = BuildReport()
    iris = IRIs(base_iri)

    def skipped(error: BadArticle) -> None:
        report.articles_skipped += 1
        report.errors.append(str(error))
        if on_error:
            on_error(str(error))

    with Store.open(db) as store:
        known = store.article_index()
        articles = _changed(iter_articles(inputs, skipped), known, store, iris, report)
        nlp = load_pipeline(model, gazetteer)
        results = extract(articles, nlp)
        for batch in _batches(results, WRITE_BATCH):
            store.put_articles(result_triples(result, iris) for result in batch)
            for result in batch:
                report.add(result)
            if on_progress:
                on_progress(report)
        if report.articles_built + report.articles_unchanged == 0:
            raise NothingToBuild("no article could be read from the inputs")
        if report.articles_built:
            store.refresh_edges(base_iri)
        if output is not None:
            store.export(output)
        report.triples = len(store)
    report.seconds = time.perf_counter() - started
    return report


def _changed(
    articles: Iterable[Article], known: dict[str, str], store: Store, iris: IRIs, report: BuildReport
) -> Iterator[Article]:
    """Articles that are new or changed; a changed one's old graph is removed first."""
    for article in articles:
        previous = known.get(article.source)
        if previous == article.sha256:
            report.articles_unchanged += 1
            continue
        if previous is not None:
            old = store.article_iri_for_source(article.source)
            if old is not None:
                store.remove_article(old)
        known[article.source] = article.sha256
        yield article


def _batches(items: Iterable[ArticleResult], size: int) -> Iterator[list[ArticleResult]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
