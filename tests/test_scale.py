"""Scale: worker processes and Dask give the single-process triples; batches stay bounded; killed builds resume;
a remote Graph Store Protocol endpoint (a real ``oxigraph serve``) receives the same graph, idempotently."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pyoxigraph as ox
import pytest

from kg.errors import EndpointError
from kg.ingest import iter_articles, parse_text_article
from kg.model import Article
from kg.pipeline import build, write_stream
from kg.remote import Endpoint, RemoteStore
from kg.store import BUILD_GRAPH, Store
from kg.workers import InProcess, ProcessPool
from tests.conftest import KG

pytestmark = pytest.mark.slow

STATES = ["France", "Germany", "Russia", "Ukraine", "Iran", "Turkey", "China", "Japan"]
TEMPLATES = [
    "{a} imposed sanctions on {b} on Monday.\n\n{b} did not attack {a}, officials said.",
    "{a} and {b} met in Geneva to discuss a ceasefire.\n\n{a} will send aid to {b} next year.",
    "{a} accused {b} of violating the agreement.\n\n{b} rejected the accusation.",
]


def article_text(index: int) -> str:
    a, b = STATES[index % len(STATES)], STATES[(index * 3 + 1) % len(STATES)]
    if a == b:
        b = STATES[(index + 1) % len(STATES)]
    day = 1 + index % 28
    body = TEMPLATES[index % len(TEMPLATES)].format(a=a, b=b)
    return f"Report {index}\nMarch {day}, 2015\n\n{body}\n"


def write_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"{index:03d}.txt").write_text(article_text(index))
    return folder


def sorted_lines(path: Path) -> list[str]:
    return sorted(path.read_text().splitlines())


def article_graphs(store: Store) -> int:
    return len(store.named_graphs() - {BUILD_GRAPH})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("scale") / "news", 10)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The N-Quads of a single-process, in-memory build of the corpus."""
    out = tmp_path_factory.mktemp("reference") / "graph.nq"
    report = build([corpus], output=out)
    assert report.articles_built == 10 and report.statements > 10
    return sorted_lines(out)


def test_batches_in_memory_are_bounded() -> None:
    """The writer pulls the next batch of articles only once the previous one is written."""
    ahead: list[int] = []

    def articles(store: Store) -> Iterator[Article]:
        for index in range(12):
            ahead.append(index + 1 - article_graphs(store))  # pulled so far minus written
            yield parse_text_article(article_text(index), source=f"{index}.txt")

    with Store.open() as store, InProcess() as runner:
        report = write_stream(articles(store), store, runner, batch_size=3)
        assert report.articles_built == 12 and article_graphs(store) == 12
    assert max(ahead) == 3


def test_two_worker_processes_give_the_same_triples_with_few_batches_in_flight(
    corpus: Path, reference: list[str], tmp_path: Path
) -> None:
    ahead: list[int] = []

    def counted(store: Store) -> Iterator[Article]:
        for index, article in enumerate(iter_articles([corpus], print)):
            ahead.append(index + 1 - article_graphs(store))
            yield article

    out = tmp_path / "workers.nq"
    with Store.open() as store, ProcessPool(2) as runner:
        report = write_stream(counted(store), store, runner, batch_size=2)
        store.refresh_edges()
        store.export(out)
    assert report.articles_built == 10
    assert max(ahead) <= (2 * 2 + 1) * 2  # two batches per worker in flight, plus the one being read
    assert sorted_lines(out) == reference


def test_the_workers_share_a_batch_in_parts_and_give_it_back_whole_in_order() -> None:
    articles = [parse_text_article(article_text(index), source=f"{index}.txt") for index in range(11)]
    batches = [articles[:10], articles[10:]]  # the first is cut into parts of kg.nlp.BATCH_SIZE (8 and 2)
    with ProcessPool(2) as runner:
        results = list(runner.results(batches))
    assert [[r.article.source for r in batch] for batch in results] == [
        [a.source for a in batch] for batch in batches
    ]
    assert all(r.statements for batch in results for r in batch)


def test_dask_local_cluster_gives_the_same_triples(
    corpus: Path, reference: list[str], tmp_path: Path
) -> None:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        out = tmp_path / "dask.nq"
        report = build([corpus], output=out, dask=cluster.scheduler_address, batch_size=3)
    assert report.articles_built == 10
    assert sorted_lines(out) == reference


def test_a_stale_store_is_refreshed_even_when_nothing_changed(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    build([corpus], db=db)
    with Store.open(db) as store:
        edges = len(store)
        # as if killed after writing the articles, before refreshing: the derived edges are not there yet
        store.inner.update("DELETE WHERE { ?e a <https://w3id.org/newskg/ontology#Edge> ; ?p ?o }")
        store.mark_stale()
    report = build([corpus], db=db)
    assert report.articles_built == 0 and report.articles_unchanged == 10
    with Store.open(db) as store:
        assert not store.is_stale()
        assert len(store) == edges


def test_changed_article_replaces_its_graph_in_one_batch(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "news", 4)
    db = tmp_path / "db"
    build([folder], db=db, batch_size=2)
    (folder / "001.txt").write_text(article_text(7))
    report = build([folder], db=db, batch_size=2, output=tmp_path / "updated.nq")
    assert (report.articles_built, report.articles_unchanged) == (1, 3)
    build([folder], output=tmp_path / "fresh.nq")
    assert sorted_lines(tmp_path / "updated.nq") == sorted_lines(tmp_path / "fresh.nq")


# -- resume after a kill -----------------------------------------------------------------------------------


def written_articles(db: Path) -> int:
    """Articles committed so far, seen through a read-only view (the build holds the write lock)."""
    if not (db / "CURRENT").is_file():
        return 0
    try:
        view = ox.Store.read_only(str(db))
    except (OSError, RuntimeError):  # the build is still creating the store
        return 0
    return sum(1 for graph in view.named_graphs() if graph.value != BUILD_GRAPH)


def start_build(corpus: Path, db: Path, *options: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [KG, "build", str(corpus), "--db", str(db), "--batch-size", "3", "-q", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for_articles(db: Path, process: subprocess.Popen[bytes], at_least: int) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        written = written_articles(db)
        if written >= at_least:
            return written
        time.sleep(0.05)
    raise AssertionError("the build wrote nothing in time")


def test_killed_and_stopped_builds_resume_to_the_same_graph(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "news", 60)
    db = tmp_path / "db"

    # kill -9 a build with two workers once a batch is committed: nothing is cleaned up
    process = start_build(corpus, db, "--workers", "2")
    wait_for_articles(db, process, 3)
    workers = psutil.Process(process.pid).children()
    assert len(workers) >= 2
    process.kill()
    process.wait()
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, "worker processes outlived the killed build"

    # SIGTERM a resumed build: it stops after the batch being written, one line, exit 143
    first = written_articles(db)
    process = start_build(corpus, db, "--workers", "1")
    wait_for_articles(db, process, first + 3)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    message = stderr.decode().strip()
    assert process.returncode == 143, message
    assert message.startswith("error[E104]: stopped by SIGTERM") and "\n" not in message
    assert first < written_articles(db) < 60

    # the third run finishes the job
    done = subprocess.run(
        [KG, "build", str(corpus), "--db", str(db), "--workers", "1", "-o", str(tmp_path / "resumed.nq")],
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr.decode()
    build([corpus], output=tmp_path / "straight.nq")
    assert sorted_lines(tmp_path / "resumed.nq") == sorted_lines(tmp_path / "straight.nq")


# -- remote endpoint ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A real ``oxigraph serve`` on a free loopback port; yields its base URL."""
    port = free_port()
    binary = str(Path(sys.executable).with_name("oxigraph"))
    server = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "server"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "oxigraph serve did not start"
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def server_quads(base: str) -> list[str]:
    response = httpx.get(f"{base}/store", headers={"Accept": "application/n-quads"}, timeout=30)
    response.raise_for_status()
    return sorted(response.text.splitlines())


def test_endpoint_receives_the_same_graph_idempotently(
    oxigraph_server: str, corpus: Path, reference: list[str], tmp_path: Path
) -> None:
    first = build([corpus], endpoint=f"{oxigraph_server}/store", batch_size=4)
    assert first.articles_built == 10
    assert server_quads(oxigraph_server) == reference
    assert first.quads == len(reference)

    again = build([corpus], endpoint=oxigraph_server)
    assert (again.articles_built, again.articles_unchanged) == (0, 10)
    assert again.quads == first.quads
    assert server_quads(oxigraph_server) == reference

    (corpus / "004.txt").write_text(article_text(11))  # a changed article replaces its graph on the server
    try:
        report = build([corpus], endpoint=oxigraph_server)
        assert (report.articles_built, report.articles_unchanged) == (1, 9)
        build([corpus], output=tmp_path / "changed.nq")
    finally:
        (corpus / "004.txt").write_text(article_text(4))
    assert server_quads(oxigraph_server) == sorted_lines(tmp_path / "changed.nq")


def test_endpoint_cli_and_unreachable_endpoint(oxigraph_server: str, corpus: Path) -> None:
    result = subprocess.run(
        [KG, "build", str(corpus), "--endpoint", oxigraph_server, "--workers", "1"], capture_output=True
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "10 articles built" in result.stdout.decode()
    with RemoteStore(Endpoint.from_url(oxigraph_server)) as remote:
        assert len(remote.article_index()) == 10 and not remote.is_stale()

    closed = f"http://127.0.0.1:{free_port()}"
    remote = RemoteStore(Endpoint.from_url(closed), retries=2, backoff=0.01)
    with remote, pytest.raises(EndpointError, match="cannot reach the endpoint"):
        remote.article_index()
    assert Endpoint.from_url("http://h:3030/ds/data").update == "http://h:3030/ds/update"


def test_workers_option_rejects_zero() -> None:
    result = subprocess.run([KG, "build", "x.txt", "-o", "g.ttl", "--workers", "0"], capture_output=True)
    assert result.returncode == 2 and b"--workers" in result.stderr
