"""Where the project's data lives: the ontology folder (gazetteer, lexicons, OWL, SHACL) and canned queries.

The folder ships inside the package as ``kg.ontology`` and is found through :mod:`importlib.resources`, so an
installed wheel needs no source checkout; ``NEWSKG_ONTOLOGY`` points elsewhere (e.g. a user's extended copy).

>>> (ONTOLOGY_DIR / "relations.yaml").is_file()
True
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import yaml

ONTOLOGY_DIR = Path(os.environ.get("NEWSKG_ONTOLOGY") or str(resources.files("kg.ontology")))
"""The ``ontology/`` folder (package data of ``kg.ontology``), or ``NEWSKG_ONTOLOGY`` when it is set."""

STATIC_DIR = Path(str(resources.files("kg") / "static"))
"""Files the query page of ``kg serve`` loads: its template and the vendored YASGUI."""

GAZETTEER_DIR = ONTOLOGY_DIR / "gazetteer"
QUERIES_DIR = ONTOLOGY_DIR / "queries"


YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: the data files load in a fraction of the pure-Python time."""


def load_yaml(text: str) -> object:
    """``yaml.safe_load`` with :data:`YAML_LOADER` (the same documents, safely, faster).

    >>> load_yaml("a: [1, 2]")
    {'a': [1, 2]}
    """
    return yaml.load(text, Loader=YAML_LOADER)  # a safe loader: CSafeLoader or SafeLoader
