"""Where the project's data lives: the ontology folder (gazetteer, lexicons, OWL, SHACL) and canned queries."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ONTOLOGY_DIR = Path(os.environ.get("NEWSKG_ONTOLOGY", PACKAGE_DIR.parent / "ontology"))
"""The ``ontology/`` folder; ``NEWSKG_ONTOLOGY`` points elsewhere (e.g. a user's extended copy)."""

GAZETTEER_DIR = ONTOLOGY_DIR / "gazetteer"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
