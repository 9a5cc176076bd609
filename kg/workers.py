"""Where extraction runs: in this process, in a pool of worker processes, or on a Dask cluster.

Every runner takes batches of :class:`~kg.model.Article` and yields, batch by batch and in input order, the
plain :class:`~kg.model.ArticleResult` of each article (never a spaCy Doc). Each worker loads the pipeline once.
At most a few batches are in flight, so memory does not grow with the corpus.

>>> from kg.ingest import parse_text_article
>>> batch = [parse_text_article("France and Germany met Russia.", source="t.txt")]
>>> with InProcess() as runner:
...     [[r.article.source for r in results] for results in runner.results([batch])]
[['t.txt']]
"""

from __future__ import annotations

import os
import signal
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, InvalidStateError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import chain
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol, TypeVar

from kg.errors import ClusterError, show_warning
from kg.model import Article, ArticleResult
from kg.nlp import BATCH_SIZE, TIME_BUDGET, extract, load_pipeline

Batch = Sequence[Article]
T = TypeVar("T")


def extract_batch(
    articles: Batch, model: str | None = None, gazetteer: Sequence[str] = (), budget: float = TIME_BUDGET
) -> list[ArticleResult]:
    """The worker function: extract one batch of articles with the pipeline of this process (loaded once),
    each long article within ``budget`` seconds (see :func:`kg.nlp.extract`).

    >>> from kg.ingest import parse_text_article
    >>> [len(r.statements) for r in extract_batch([parse_text_article("Russia attacked Ukraine.", "a.txt")])]
    [1]
    """
    return list(extract(articles, load_pipeline(model, tuple(gazetteer)), budget=budget))


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_count(requested: int | None, force: bool = False) -> int:
    """Extraction processes for ``--workers``: by default the cores, and never more unless ``force``
    (each process holds its own pipeline, and more processes than cores only add memory).

    >>> worker_count(10_000) == cores(), worker_count(10_000, force=True)
    (True, 10000)
    """
    if requested is None:
        return cores()
    return requested if force else min(requested, cores())


class Runner(Protocol):
    """Runs :func:`extract_batch` over batches and yields their results in input order."""

    def results(self, batches: Iterable[Batch]) -> Iterator[list[ArticleResult]]: ...

    def close(self) -> None: ...


class _Closing:
    """A runner's common settings (model, gazetteer files, time budget) and its ``with`` block."""

    def __init__(
        self, model: str | None = None, gazetteer: Sequence[str | Path] = (), budget: float = TIME_BUDGET
    ) -> None:
        self.model = model
        self.gazetteer = tuple(str(path) for path in gazetteer)
        self.budget = budget

    def __enter__(self: T) -> T:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def close(self) -> None:
        """Release the runner once every batch is done."""

    def abort(self) -> None:
        """Release the runner at once, dropping the batches in flight (the build stopped or failed)."""
        self.close()


class InProcess(_Closing):
    """Extraction in this process (``--workers 1``)."""

    def results(self, batches: Iterable[Batch]) -> Iterator[list[ArticleResult]]:
        for batch in batches:
            yield extract_batch(batch, self.model, self.gazetteer, self.budget)


def _init_worker(parent: int) -> None:
    """Worker initializer: leave Ctrl-C to the parent (process ``parent``) and die with it, even when it died
    while this process was still starting.

    The pipeline is loaded by the first batch (then cached), so a bad gazetteer comes back as its KGError.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warnings.showwarning = show_warning  # a skipped sentence is one line on stderr, as in the parent

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(0.5)
        os._exit(1)  # the parent was killed: nobody will ever read our results

    threading.Thread(target=watch, daemon=True).start()


@contextmanager
def quiet_cancelled_futures() -> Iterator[None]:
    """While inside, a thread that fails only to settle a future already cancelled prints nothing: when a pool is
    aborted, its manager thread may still set the result or error of a batch whose future the abort cancelled
    (CPython's ``concurrent.futures`` raises InvalidStateError there); any other failure is reported as usual.

    >>> import threading
    >>> from concurrent.futures import Future
    >>> cancelled = Future()
    >>> cancelled.cancel()
    True
    >>> with quiet_cancelled_futures():
    ...     thread = threading.Thread(target=cancelled.set_result, args=(1,))
    ...     thread.start()
    ...     thread.join()
    """
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if not issubclass(args.exc_type, InvalidStateError):
            previous(args)

    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = previous


def in_order(submit: Callable[[Batch], Any], batches: Iterable[Batch], limit: int) -> Iterator[Any]:
    """Submit batches, keeping at most ``limit`` in flight, and yield their futures in submission order.

    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as pool:
    ...     [f.result() for f in in_order(lambda b: pool.submit(sum, b), [[1, 2], [3], [4, 5]], limit=2)]
    [3, 3, 9]
    """
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= limit:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


class ProcessPool(_Closing):
    """``workers`` processes (spawned, each loading the pipeline once); a single batch runs in this process.

    Each batch goes to the workers in parts of :data:`~kg.nlp.BATCH_SIZE` articles, so that they share a few
    batches evenly (100 articles are 4 batches of 32: whole, one worker would read 64 of them)."""

    def __init__(
        self,
        workers: int,
        model: str | None = None,
        gazetteer: Sequence[str | Path] = (),
        budget: float = TIME_BUDGET,
    ) -> None:
        super().__init__(model, gazetteer, budget)
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pending: list[Future[list[ArticleResult]]] = []

    def results(self, batches: Iterable[Batch]) -> Iterator[list[ArticleResult]]:
        iterator = iter(batches)
        first = next(iterator, None)
        second = next(iterator, None) if first is not None else None
        if first is None or second is None:  # one batch: starting processes would cost more than it saves
            if first is not None:
                yield extract_batch(first, self.model, self.gazetteer, self.budget)
            return
        self._pool = ProcessPoolExecutor(
            self.workers,
            mp_context=get_context("spawn"),
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )
        pool = self._pool
        sizes: deque[int] = deque()  # the parts of each batch, in order

        def parts() -> Iterator[Batch]:
            for batch in chain((first, second), iterator):
                split = [batch[i : i + BATCH_SIZE] for i in range(0, len(batch), BATCH_SIZE)]
                sizes.append(len(split))
                yield from split

        def submit(part: Batch) -> Future[list[ArticleResult]]:
            future = pool.submit(extract_batch, list(part), self.model, self.gazetteer, self.budget)
            self._pending.append(future)
            return future

        per_batch = -(-len(first) // BATCH_SIZE)  # two batches per worker in flight, as parts
        futures = in_order(submit, parts(), limit=2 * self.workers * per_batch)
        for future in futures:
            results = self._result(future)
            for _ in range(sizes.popleft() - 1):
                results += self._result(next(futures))
            yield results

    def _result(self, future: Future[list[ArticleResult]]) -> list[ArticleResult]:
        try:
            results = future.result()
        except BrokenProcessPool:
            raise ClusterError("a worker process died (out of memory?); run the build again") from None
        self._pending.remove(future)
        return results

    def close(self) -> None:
        """Cancel what has not started and stop the processes."""
        if self._pool is not None:
            for future in self._pending:
                future.cancel()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def abort(self) -> None:
        """Stop the processes at once: the batches they are reading are dropped (a resumed build reads them)."""
        if self._pool is not None:
            with quiet_cancelled_futures():
                for process in list(getattr(self._pool, "_processes", {}).values()):
                    process.terminate()
                self.close()


class DaskCluster(_Closing):
    """The same worker function on a ``dask.distributed`` cluster (scheduler ``address``, e.g. tcp://host:8786).

    Each Dask worker loads the pipeline on its first batch and keeps it. The model and gazetteer files must be
    installed/readable on the workers too.
    """

    def __init__(
        self,
        address: str,
        model: str | None = None,
        gazetteer: Sequence[str | Path] = (),
        budget: float = TIME_BUDGET,
    ) -> None:
        from distributed import Client

        super().__init__(model, gazetteer, budget)
        try:
            self.client = Client(address, timeout=30, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self._pending: list[Any] = []

    def results(self, batches: Iterable[Batch]) -> Iterator[list[ArticleResult]]:
        threads = sum(self.client.nthreads().values())
        if not threads:
            raise ClusterError("the Dask cluster has no workers")

        def submit(batch: Batch) -> Any:
            future = self.client.submit(
                extract_batch, list(batch), self.model, self.gazetteer, self.budget, pure=False, retries=1
            )
            self._pending.append(future)
            return future

        for future in in_order(submit, batches, limit=2 * threads):
            yield future.result()
            self._pending.remove(future)

    def close(self) -> None:
        """Cancel the batches still in flight and disconnect (the cluster keeps running)."""
        if self._pending:
            self.client.cancel(self._pending)
            self._pending.clear()
        self.client.close()
