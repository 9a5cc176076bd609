"""The limits of `kg serve`: request bodies refused while read, security headers, admission control of the
query workers, a memory cap per query, answers that follow a build writing into the store, and SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import select
import signal
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import psutil
import pytest

from kg.pool import QueryPool, resident_bytes
from kg.store import Store
from tests.storedata import article, corpus
from tests.test_serve import GRAPH_POLICY, SLOW, Server, serve


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    yield from serve(tmp_path_factory, timeout=30)


def post_streamed(port: int, extra_headers: bytes, chunk: bytes, most: int) -> tuple[bytes, int]:
    """POST a body to /sparql, sending ``chunk`` after ``chunk`` until the server answers or ``most`` bytes
    went out: (the start of the answer, the bytes of body sent)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            + extra_headers
            + b"\r\n"
        )
        sent = 0
        while sent < most:
            readable, writable, _ = select.select([sock], [sock], [], 30)
            if readable or not writable:
                break
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        return sock.recv(4096), sent


def test_a_huge_streamed_body_is_refused_before_it_is_read(server):
    size = 400 << 20
    piece = b"#" * (64 << 10)
    frame = b"%x\r\n" % len(piece) + piece + b"\r\n"
    answer, sent = post_streamed(server.port, b"Transfer-Encoding: chunked\r\n", frame, size)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < size // 20  # refused after about a megabyte, not after 400
    answer, sent = post_streamed(server.port, b"Content-Length: %d\r\n" % size, piece, size)
    assert answer.startswith(b"HTTP/1.1 413") and sent < size // 20
    # a body within the limit still works
    small = httpx.post(
        server.url,
        content=b"ASK {}",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        timeout=30,
    )
    assert small.status_code == 200 and small.json()["boolean"] is True


def test_nosniff_everywhere_and_a_strict_policy_on_pages(server):
    base = f"http://127.0.0.1:{server.port}"
    responses = [
        httpx.get(base + path, timeout=30)
        for path in ("/", "/static/query.js", "/sparql", "/sparql?query=nonsense", "/nowhere", "/actor/Q159")
    ]
    assert [r.headers.get("x-content-type-options") for r in responses] == ["nosniff"] * len(responses)
    home, actor = responses[0], responses[-1]
    for page in (home, actor):
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
        assert "unsafe-eval" not in policy and "frame-ancestors 'none'" in policy
    assert "<script>" not in home.text  # no inline script for the policy to allow
    assert "content-security-policy" not in responses[2].headers  # not HTML


def test_the_graph_view_keeps_its_own_policy(server):
    response = httpx.get(f"http://127.0.0.1:{server.port}/graph.html", timeout=30)
    assert response.headers["content-security-policy"] == GRAPH_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"


def pool_answers(db, steps, **options) -> list[tuple]:
    """Run ``steps`` (pairs of a delay and a query) on a fresh pool, each started ``delay`` seconds after
    the previous one, and return the answers (5 s time limit)."""

    async def main() -> list[tuple]:
        pool = QueryPool(db, **options)
        pool.start()
        try:
            while pool._idle.qsize() < pool.size:  # every worker started
                await asyncio.sleep(0.05)
            tasks = []
            for delay, query in steps:
                await asyncio.sleep(delay)
                tasks.append(asyncio.create_task(pool.run((query, "csv", 10, {}), 5)))
            answers = await asyncio.gather(*tasks)
            assert all(resident_bytes(w.process.pid) < pool.memory_cap for w in pool._all)
            return answers
        finally:
            pool.stop()

    return asyncio.run(main())


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("pool") / "db"
    with Store.open(path) as store:
        store.put_articles(corpus())
    return path


def test_slow_queries_leave_the_pool_to_fast_ones(db):
    first, second, cheap = pool_answers(db, [(0, SLOW), (1.5, SLOW), (0.1, "ASK {}")], size=1, slow=1)
    assert first == ("timeout",)  # it went slow; its worker was replaced
    assert second == ("busy",)  # no second slow query at once
    assert cheap[0] == "ok" and b"true" in cheap[1]


def test_a_full_queue_turns_requests_away(db):
    running, turned_away = pool_answers(db, [(0, SLOW), (0.1, "ASK {}")], size=1, slow=0, queue=0)
    assert running == ("busy",) and turned_away == ("busy",)


BLOW_UP = (
    'SELECT (STRLEN(?x26) AS ?n) WHERE { BIND("abcdefgh" AS ?x0) '
    + " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(26))
    + " }"
)


def test_a_query_over_the_memory_cap_is_stopped_and_its_memory_freed(db):
    (answer, after) = pool_answers(db, [(0, BLOW_UP), (0, "ASK {}")], size=1, memory_cap=300 << 20)
    assert answer[:2] == ("error", 503) and "more than 300 MB of memory" in answer[2]
    assert after[0] == "ok"  # memory of the workers left is checked in pool_answers


def test_results_over_the_byte_cap_are_refused(db):
    (answer,) = pool_answers(db, [(0, "SELECT * { GRAPH ?g { ?s ?p ?o } }")], size=1, max_bytes=100)
    assert answer[:2] == ("error", 413) and "larger than" in answer[2]


def test_answers_follow_a_build_writing_into_the_store(server):
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a nkg:Article }"

    def articles() -> int:
        response = httpx.get(server.url, params={"query": count}, headers={"Accept": "text/csv"}, timeout=30)
        assert response.status_code == 200, response.text
        return int(response.text.split()[1])

    before = articles()
    seen: list[int] = []
    done = threading.Event()

    def query_meanwhile() -> None:
        while not done.is_set():
            seen.append(articles())

    reader = threading.Thread(target=query_meanwhile)
    reader.start()
    try:
        with Store.open(server.db) as store:
            for batch in range(8):
                text = f"Batch {batch}: Estonia sanctioned Russia again."
                store.put_articles([article(f"batch{batch}.txt", text, "2024-01-02", [])])
                store.inner.flush()
                assert articles() == before + batch + 1  # the latest committed state, at once
    finally:
        done.set()
        reader.join()
    assert seen and seen == sorted(seen) and set(seen) <= set(range(before, before + 9))


def test_sigterm_stops_the_server_at_once(tmp_path_factory):
    running = serve(tmp_path_factory, timeout=30)
    server = next(running)
    workers = psutil.Process(server.process.pid).children(recursive=True)

    def query() -> None:
        with contextlib.suppress(httpx.HTTPError):  # the server goes away while it runs
            httpx.get(server.url, params={"query": SLOW}, timeout=60)

    busy = threading.Thread(target=query, daemon=True)
    busy.start()
    time.sleep(0.5)
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=10)
    finally:
        running.close()  # kills it if it is still running
    assert time.monotonic() - started < 5
    psutil.wait_procs(workers, timeout=5)  # the multiprocessing helper leaves when its pipe closes
    assert workers and not [worker for worker in workers if alive(worker)]


def alive(process: psutil.Process) -> bool:
    """Whether ``process`` still runs (a zombie waiting to be reaped does not)."""
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
