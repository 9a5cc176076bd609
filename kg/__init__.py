"""newskg: turn international-affairs news into an RDF knowledge graph.

>>> import kg
>>> report = kg.build(["examples"], output="out/graph.ttl")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["BuildReport", "__version__", "build"]


def __getattr__(name: str) -> Any:
    """``kg.build`` and ``kg.BuildReport`` load the NLP stack on first use, not on ``import kg``."""
    if name in ("build", "BuildReport"):
        from kg import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
