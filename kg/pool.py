"""The query workers of ``kg serve``: processes that answer queries from the store's latest committed state,
with admission control, a time limit and a memory cap per query.

Each worker process opens the store read-only and reopens it before a query when the store directory has
changed since (a build wrote into it), so every answer comes from the latest committed state. The pool keeps
``size`` workers for queries; a query still running after ``slow_after`` seconds is *slow*: its worker leaves
the pool (a fresh one takes its place) and is retired once it answers, so slow queries never hold the workers
that fast queries need; a query text that was slow before is slow at once when it comes again. At most ``slow`` slow queries run at once; one more is stopped with a "busy" answer.
At most ``queue`` requests wait for a worker; more are turned away at once ("busy", HTTP 503 with
``Retry-After``). A worker whose memory grows past ``memory_cap`` bytes, or whose query outlives the time
limit, is killed: the operating system takes its memory back.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import multiprocessing
import os
import signal
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import KGError, StoreError
from kg.query import evaluate
from kg.results import write_results
from kg.store import Store

T = TypeVar("T")

DEFAULT_MEMORY_CAP = 1 << 30
"""Bytes of resident memory a query worker may use before its query is stopped."""
DEFAULT_MAX_BYTES = 64 << 20
"""Bytes of results one query may return."""
SLOW_AFTER = 0.5
"""Seconds after which a running query counts as slow."""
KNOWN_SLOW = 256
"""Texts of recent slow queries remembered: when one comes again, it goes slow at once (or is turned away
when the slow slots are full) instead of holding a worker that fast queries need."""
POLL = 0.05
"""Seconds between checks of a running query's time and memory."""
ATTEMPTS = 8
"""Readings of the store tried while a writer replaces its files."""


def store_stamp(db: str | Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when anything writes into the store directory ``db``: its files' names, sizes and
    modification times.

    >>> store_stamp("no/such/store")
    ()
    """
    try:
        entries = list(os.scandir(db))
    except OSError:
        return ()
    stamp = []
    for entry in entries:
        with contextlib.suppress(OSError):  # a file removed while we look (a compaction) changes the stamp
            info = entry.stat()
            stamp.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(stamp))


def resident_bytes(pid: int) -> int:
    """The resident memory of process ``pid`` in bytes (0 when it cannot be read).

    >>> resident_bytes(os.getpid()) > 0
    True
    """
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class LatestStore:
    """The store directory ``db`` opened read-only, and opened again whenever the directory changed, so that
    what is read comes from the latest committed state (a reader opened earlier keeps its old snapshot)."""

    def __init__(self, db: str | Path) -> None:
        self.db = db
        self.stamp: tuple[tuple[str, int, int], ...] | None = None
        self.store: Store | None = None

    def current(self, reopen: bool = False) -> Store:
        """The store as last committed (reopened when the directory changed, or when ``reopen``)."""
        stamp = store_stamp(self.db)
        if self.store is None or reopen or stamp != self.stamp:
            if self.store is not None:
                self.store.close()
                self.store = None
            self.store = Store.open(self.db, read_only=True)
            self.stamp = stamp
        return self.store

    def read(self, use: Callable[[Store], T]) -> T:
        """``use(store)`` on the latest state; tried again on a fresh opening while a writer replaces the files
        being read (RocksDB then reports missing files)."""
        for attempt in range(ATTEMPTS):
            try:
                return use(self.current(reopen=attempt > 0))
            except (OSError, RuntimeError, StoreError):
                if attempt == ATTEMPTS - 1 or not Path(self.db, "CURRENT").is_file():
                    raise
                time.sleep(0.02 * (attempt + 1))
        raise AssertionError("unreachable")


def _written(request: tuple[Any, ...], store: Store) -> tuple[bytes, bool]:
    """The results of a worker's ``request`` (query, format, row cap, dataset options) on ``store``."""
    sparql, key, max_rows, options = request
    return write_results(evaluate(store, sparql, options), key, max_rows)


def _worker_main(db: str, conn: Connection, max_bytes: int) -> None:
    """A worker process: answer requests from the store's latest state until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    reader = LatestStore(db)
    conn.send(("ready",))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            body, truncated = reader.read(functools.partial(_written, request))
            if len(body) > max_bytes:
                conn.send(
                    ("error", 413, f"the result is larger than {max_bytes:,} bytes; ask for less (LIMIT)")
                )
            else:
                conn.send(("ok", body, truncated))
        except KGError as exc:
            conn.send(("error", 400, exc.message))
        except MemoryError:
            conn.send(("error", 503, "the query ran out of memory and was stopped"))
        except Exception as exc:
            conn.send(("error", 500, f"query failed: {' '.join(str(exc).split())}"))


@dataclass
class _Worker:
    process: Any
    conn: Connection


class QueryPool:
    """Worker processes that answer queries (see the module docstring for the limits)."""

    def __init__(
        self,
        db: Path,
        size: int = 2,
        *,
        slow: int = 1,
        queue: int = 32,
        memory_cap: int = DEFAULT_MEMORY_CAP,
        max_bytes: int = DEFAULT_MAX_BYTES,
        slow_after: float = SLOW_AFTER,
    ) -> None:
        self.db = db
        self.size = size
        self.slow = slow
        self.queue = queue
        self.memory_cap = memory_cap
        self.max_bytes = max_bytes
        self.slow_after = slow_after
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []
        self._waiting = 0
        self._running_slow = 0
        self._known_slow: OrderedDict[str, None] = OrderedDict()
        self._starting: set[asyncio.Task[None]] = set()

    def _spawn(self) -> None:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(str(self.db), child, self.max_bytes), daemon=True
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._all.append(worker)
        task = asyncio.get_running_loop().create_task(self._when_ready(worker))
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    async def _when_ready(self, worker: _Worker) -> None:
        """Put ``worker`` among the idle ones once it has started (a starting worker never holds a query)."""
        loop = asyncio.get_running_loop()
        ready = asyncio.Event()
        fd = worker.conn.fileno()
        loop.add_reader(fd, ready.set)
        try:
            await ready.wait()
        finally:
            loop.remove_reader(fd)
        try:
            worker.conn.recv()
        except (EOFError, OSError):  # it died starting, or the pool stopped
            if worker in self._all:
                self._retire(worker)
            return
        self._idle.put_nowait(worker)  # type: ignore[union-attr]

    def _retire(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self._all.remove(worker)

    def start(self) -> None:
        """Start the workers (call inside the event loop)."""
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._spawn()

    def stop(self) -> None:
        """Kill every worker (call inside the event loop)."""
        loop = asyncio.get_running_loop()
        for task in self._starting:
            task.cancel()
        for worker in list(self._all):
            loop.remove_reader(worker.conn.fileno())
            self._retire(worker)

    async def run(self, request: tuple[Any, ...], timeout: float) -> tuple[Any, ...]:
        """Send ``request`` to an idle worker and return its answer: ("ok", body, truncated),
        ("error", status, message), ("timeout",) past ``timeout`` seconds, or ("busy",) when the queue or
        the slow slots are full."""
        assert self._idle is not None, "QueryPool.start() was not called"
        known = request[0] in self._known_slow
        if (self._idle.empty() and self._waiting >= self.queue) or (
            known and self._running_slow >= self.slow
        ):
            return ("busy",)
        self._waiting += 1
        try:
            worker = await self._idle.get()
        finally:
            self._waiting -= 1
        healthy = slow = False
        try:
            worker.conn.send(request)
            answer, slow = await self._watch(worker, timeout, 0.0 if known else self.slow_after)
            if slow or answer[0] in ("timeout", "busy"):
                self._remember(request[0])
            healthy = answer[0] in ("ok", "error") and answer[1] != 503
            return answer
        except (EOFError, OSError):
            return ("error", 500, "the query worker died; the query was abandoned")
        finally:
            if slow:
                self._running_slow -= 1
            if slow:  # its replacement already took its place
                self._retire(worker)
            elif healthy:
                self._idle.put_nowait(worker)
            else:  # over time, over memory, crashed or cancelled: it may still be answering
                self._retire(worker)
                self._spawn()

    def _remember(self, sparql: str) -> None:
        """Remember ``sparql`` as slow (the most recent :data:`KNOWN_SLOW` such texts are kept)."""
        self._known_slow[sparql] = None
        self._known_slow.move_to_end(sparql)
        if len(self._known_slow) > KNOWN_SLOW:
            self._known_slow.popitem(last=False)

    async def _watch(
        self, worker: _Worker, timeout: float, slow_after: float
    ) -> tuple[tuple[Any, ...], bool]:
        """Wait for ``worker``'s answer, checking its time and memory; (the answer, whether it went slow)."""
        loop = asyncio.get_running_loop()
        ready = asyncio.Event()
        fd = worker.conn.fileno()
        loop.add_reader(fd, ready.set)
        started = loop.time()
        slow = False
        try:
            while not ready.is_set():
                elapsed = loop.time() - started
                if elapsed >= timeout:
                    return ("timeout",), slow
                if resident_bytes(worker.process.pid) > self.memory_cap:
                    message = f"the query used more than {self.memory_cap >> 20} MB of memory and was stopped"
                    return ("error", 503, message), slow
                if not slow and elapsed >= slow_after:
                    if self._running_slow >= self.slow:
                        return ("busy",), slow
                    slow = True
                    self._running_slow += 1
                    self._spawn()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(ready.wait(), POLL)
            return worker.conn.recv(), slow
        finally:
            loop.remove_reader(fd)
