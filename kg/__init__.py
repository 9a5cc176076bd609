"""newskg: turn international-affairs news into an RDF knowledge graph.

>>> import kg
>>> report = kg.build(["examples"], db="out/db", output="out/graph.ttl")  # doctest: +SKIP
>>> kg.open("out/db").query_df("SELECT ?actor WHERE { ?a a nkg:State ; rdfs:label ?actor }")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.store import Store

__version__ = "0.1.0"
__all__ = ["BuildReport", "__version__", "build", "open"]


def open(path: str | Path | None = None, *, read_only: bool = True) -> Store:
    """The store at ``path`` (a directory built with ``kg build --db``; in memory when None), read-only unless
    ``read_only=False``; ``kg.open(db).query_df(sparql)`` gives a pandas DataFrame.

    >>> open().query_df("SELECT ?x WHERE { BIND(1 AS ?x) }").shape
    (1, 1)
    """
    from kg.store import Store

    return Store.open(path, read_only=read_only and path is not None)


def __getattr__(name: str) -> Any:
    """``kg.build`` and ``kg.BuildReport`` load the NLP stack on first use, not on ``import kg``."""
    if name in ("build", "BuildReport"):
        from kg import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
