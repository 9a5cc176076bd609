"""newskg: turn international-affairs news into an RDF knowledge graph.

>>> import kg
>>> result = kg.build(["examples"], output="graph.ttl")  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"
