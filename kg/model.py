"""Plain data passed between the stages: articles in, extraction results out.

Everything here is a small picklable dataclass (no spaCy objects), so worker processes and Dask tasks can
return it to the writer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from kg.errors import InvalidFilter

MODALITIES = ("asserted", "negated", "future", "hypothetical")


@dataclass(frozen=True)
class Article:
    """One news text after ingest. ``source`` (a file's absolute path, a URL) names the article: two sources of
    the same text are two articles; ``sha256`` is of the normalised text and tells when it changed."""

    text: str
    source: str
    title: str | None = None
    date: date | None = None
    url: str | None = None
    publisher: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def key(self) -> str:
        """The sha256 of the source: the article's IRI and named graph, the same across edits of its text."""
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()


@dataclass
class Actor:
    """A canonical actor: a gazetteer entry, or an unlinked named entity found in the text.

    ``key`` is stable across builds: the Wikidata QID when known, else a slug of the label.
    """

    key: str
    label: str
    cls: str  # State | Leader | Person | Institution | ArmedGroup | Bloc | Place
    qid: str | None = None
    iso3: str | None = None
    country: str | None = None  # ISO-3 of the state it belongs to or acts for
    sector: str | None = None  # PLOVER/CAMEO sector code: GOV, MIL, IGO, REB, ...
    alt_labels: set[str] = field(default_factory=set)  # other names seen (skos:altLabel)
    surface_forms: set[str] = field(default_factory=set)  # every text that referred to it, anaphors included
    known: bool = False  # from the gazetteer (not only found by the statistical NER)

    @property
    def state(self) -> str | None:
        """The key of the state it is or belongs to: itself for a state, else its ``country``."""
        return self.key if self.cls == "State" else self.country


@dataclass(frozen=True)
class Statement:
    """One extracted relation with its evidence (an ``rdf:Statement`` in the graph)."""

    subject: str  # Actor.key
    predicate: str  # local name in the nkg: namespace, e.g. "sanctions"
    object: str  # Actor.key
    modality: str  # one of MODALITIES
    confidence: float
    trigger: str
    evidence: str
    char_start: int  # sentence offsets in the article text
    char_end: int
    date: date | None = None
    attributed_to: str | None = None  # Actor.key of the speaker in reported speech
    mode: str | None = None  # the kind of cooperation, aid or support: "military", "economic", ...


def check_confidence(min_confidence: float) -> float:
    """A minimum confidence as given by a user: a number from 0 to 1, else :class:`~kg.errors.InvalidFilter`."""
    if not 0.0 <= min_confidence <= 1.0:
        raise InvalidFilter(f"--min-confidence must be from 0 to 1, not {min_confidence}")
    return min_confidence


@dataclass
class ArticleResult:
    """What extraction returns for one article: its actors (with surface forms seen) and statements."""

    article: Article
    actors: dict[str, Actor] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)

    def at_least(self, min_confidence: float) -> ArticleResult:
        """The result without the statements whose confidence is below ``min_confidence``."""
        if min_confidence <= 0:
            return self
        kept = [s for s in self.statements if s.confidence >= min_confidence]
        return ArticleResult(self.article, self.actors, kept)
