"""The ``newskg_relation_extractor`` spaCy component: writes ``doc._.statements`` with :mod:`kg.extract`'s readers.

Its knowledge is data: the relation lexicon (``ontology/relations.yaml``, ``sectors.yaml`` and the derived CAMEO
files, compiled and validated by :mod:`kg.lexicon`), the structural patterns (``ontology/patterns.yaml``,
:mod:`kg.patterns`) and the gazetteer; the lexicon and the patterns are saved and loaded with the pipeline.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline()("Russia imposed new sanctions on Ukraine on Tuesday.")
>>> [(s.subject, s.predicate, s.object, s.modality) for s in doc._.statements]
[('Q159', 'sanctions', 'Q212', 'asserted')]
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.reader import SentenceReader
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.lexicon import Lexicon, load_lexicon
from kg.paths import ONTOLOGY_DIR
from kg.patterns import PATTERNS_FILE, load_patterns


@Language.factory("newskg_relation_extractor", default_config={"gazetteer_files": []})
def make_relation_extractor(nlp: Language, name: str, gazetteer_files: list[str]) -> RelationExtractor:
    """The component that writes ``doc._.statements`` (see the module docstring)."""
    return RelationExtractor(load_lexicon(), load_gazetteer(gazetteer_files))


class RelationExtractor:
    """Finds relations between the actors of a Doc; see :mod:`kg.extract`."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.patterns_path = ONTOLOGY_DIR / PATTERNS_FILE
        self.patterns = load_patterns(self.patterns_path)
        self._sector_entries: dict[tuple[str, str], str | None] = {}

    def sector_entry(self, state: str, sector: str) -> str | None:
        """The gazetteer's own actor for a state's sector, found by the sector's ``gazetteer_forms``
        ("Government of Syria" is the entry "Syrian government", "Turkish armed forces" "Turkish Armed Forces")."""
        if (state, sector) not in self._sector_entries:
            entry = self.gazetteer.entries.get(state)
            demonyms = [f for f, kind in entry.forms.items() if kind == "demonym"] if entry else []
            forms = [
                template.format(state=entry.label if entry else "", demonym=demonym)
                for template in self.lexicon.sector_forms.get(sector, ())
                for demonym in demonyms or [""]
            ]
            found = [
                c.entry.key
                for form in forms
                for c in self.gazetteer.lookup(form)
                if c.entry.country == state and c.entry.cls == "Institution" and not c.ambiguous
            ]
            self._sector_entries[(state, sector)] = found[0] if found else None
        return self._sector_entries[(state, sector)]

    def __call__(self, doc: Doc) -> Doc:
        doc._.statements = list(SentenceReader(self, doc).statements())
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the lexicon and the patterns with the pipeline (``nlp.to_disk``): their source files, the
        lexicon's each as ``ROLE.yaml``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for role, source in self.lexicon.sources.items():
            shutil.copyfile(source, path / f"{role}.yaml")
        shutil.copyfile(self.patterns_path, path / PATTERNS_FILE)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        """Load the lexicon and the patterns saved with the pipeline (``spacy.load``), validated as any are."""
        path = Path(path)
        self.lexicon = load_lexicon(path / "relations.yaml", path / "sectors.yaml", path / "derived.yaml")
        self.patterns_path = path / PATTERNS_FILE
        self.patterns = load_patterns(self.patterns_path)
        return self
