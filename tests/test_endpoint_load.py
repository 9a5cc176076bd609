"""A load run against `kg serve` on 127.0.0.1 (under 30 s): clients sending cheap queries keep getting fast
answers while other clients send expensive queries, which time out or are turned away (503).

Run it by hand against any endpoint for the README's figures:
``python -m tests.test_endpoint_load http://127.0.0.1:7878/sparql``.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from tests.test_serve import SLOW, Server, serve

pytestmark = pytest.mark.load

CHEAP = "SELECT ?who WHERE { ?e a nkg:Edge ; rdf:subject ?s . ?s rdfs:label ?who } LIMIT 3"


@dataclass
class Load:
    """What the clients of a load run saw: latencies (seconds) and status codes per kind of query."""

    cheap: list[float] = field(default_factory=list)
    cheap_status: list[int] = field(default_factory=list)
    expensive: list[float] = field(default_factory=list)
    expensive_status: list[int] = field(default_factory=list)
    retry_after: set[str] = field(default_factory=set)

    def p99(self) -> float:
        """The 99th percentile latency of the cheap queries."""
        ordered = sorted(self.cheap)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def run_load(url: str, seconds: float, cheap_clients: int = 4, expensive_clients: int = 3) -> Load:
    """Send cheap and expensive queries to the endpoint ``url`` from parallel clients for ``seconds``."""
    load = Load()
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client(query: str, cheap: bool) -> None:
        with httpx.Client(timeout=120) as http:
            while time.monotonic() < stop:
                started = time.monotonic()
                try:
                    response = http.get(url, params={"query": query}, headers={"Accept": "text/csv"})
                    status, retry = response.status_code, response.headers.get("retry-after")
                except httpx.HTTPError:
                    status, retry = 0, None
                elapsed = time.monotonic() - started
                with lock:
                    if cheap:
                        load.cheap.append(elapsed)
                        load.cheap_status.append(status)
                    else:
                        load.expensive.append(elapsed)
                        load.expensive_status.append(status)
                        if retry:
                            load.retry_after.add(retry)

    threads = [threading.Thread(target=client, args=(CHEAP, True)) for _ in range(cheap_clients)]
    threads += [threading.Thread(target=client, args=(SLOW, False)) for _ in range(expensive_clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    yield from serve(tmp_path_factory, timeout=2)


def test_cheap_queries_stay_fast_while_expensive_ones_time_out(server):
    load = run_load(server.url, seconds=12)
    assert load.cheap_status and set(load.cheap_status) == {200}
    assert load.p99() < 3.0, sorted(load.cheap)[-5:]
    assert load.expensive_status and set(load.expensive_status) == {503}  # timed out or turned away
    assert max(load.expensive) < 10  # nothing waits for long, expensive or not
    assert load.retry_after <= {"2"}


if __name__ == "__main__":
    result = run_load(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 12)
    print(
        f"cheap: {len(result.cheap)} answers, p99 {result.p99():.3f} s, statuses {sorted(set(result.cheap_status))}; "
        f"expensive: {len(result.expensive)} answers, max {max(result.expensive):.1f} s, "
        f"statuses {sorted(set(result.expensive_status))}"
    )
