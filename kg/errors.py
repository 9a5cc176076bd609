"""Errors a user can cause, each with a code and a one-line message (the spaCy habit).

The CLI prints ``error[E101]: ...`` and exits with the error's exit code; no traceback reaches the user.
"""

from __future__ import annotations

import sys
import warnings

_show_python_warning = warnings.showwarning


class KGError(Exception):
    """A user-facing error: bad input, a missing path, an invalid query. ``exit_code`` is what the CLI returns."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"error[{self.code}]: {self.message}"


class UsageError(KGError):
    """A command-line option or argument that cannot apply: an unknown canned query, format or parameter."""

    code = "E001"
    exit_code = 2


class InputNotFound(KGError):
    """A path or glob named on the command line matches nothing."""

    code = "E101"
    exit_code = 2


class BadOption(KGError):
    """A build option with a value that cannot work: a ``--base-iri`` that is no absolute IRI ending in ``/`` or
    ``#``."""

    code = "E105"
    exit_code = 2


class NothingToBuild(KGError):
    """Every input was unreadable or empty."""

    code = "E102"


class BadArticle(KGError):
    """One article (a file, or a JSONL line) that cannot be read; it is reported and skipped."""

    code = "E103"


class ModelNotFound(KGError):
    """The spaCy pipeline named with ``--model`` is not installed."""

    code = "E201"
    exit_code = 2


class GazetteerError(KGError):
    """A gazetteer file that does not follow ontology/gazetteer/README.md."""

    code = "E301"
    exit_code = 2


class LexiconError(KGError):
    """A lexicon file (ontology/relations.yaml, sectors.yaml) that does not follow its schema: an unknown key or
    word list, a relation the ontology lacks, or a word list the code asks for that the file does not hold."""

    code = "E302"
    exit_code = 2


class QuerySyntaxError(KGError):
    """A SPARQL query that does not parse."""

    code = "E401"
    exit_code = 2


class QueryRefused(KGError):
    """A query the read-only endpoint will not run (update, SERVICE, remote FROM)."""

    code = "E402"
    exit_code = 2


class StoreError(KGError):
    """A store directory or graph file that cannot be opened."""

    code = "E501"
    exit_code = 2


class OutputError(KGError):
    """An output path that cannot be written, or an unknown output format."""

    code = "E601"
    exit_code = 2


class DictionaryError(KGError):
    """A PETRARCH dictionary or CAMEO-to-PLOVER table that cannot be read (``python -m kg.cameo``)."""

    code = "E303"
    exit_code = 2


class UnknownActor(KGError):
    """An actor name (label, alias, QID) that matches no actor in the graph, or more than one."""

    code = "E701"
    exit_code = 2


class InvalidFilter(KGError):
    """An analysis or rendering option that cannot apply: an unknown relation, a bad date, nothing to plot."""

    code = "E702"
    exit_code = 2


class QueryTimeout(KGError):
    """A query that ran longer than its time limit (``--timeout``)."""

    code = "E403"
    exit_code = 3


class BuildInterrupted(KGError):
    """A build stopped by SIGINT or SIGTERM after its last committed batch; the same command resumes it."""

    code = "E104"

    def __init__(self, message: str, exit_code: int = 130) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class EndpointError(KGError):
    """A remote SPARQL endpoint that refuses a request, or stays unreachable after the retries."""

    code = "E502"
    exit_code = 3


class ClusterError(KGError):
    """A Dask scheduler that cannot be reached, or worker processes that died."""

    code = "E503"
    exit_code = 3


class KGWarning(UserWarning):
    """A warning of ours: one line on stderr, ``warning[Wnnn]: ...``; the build goes on."""

    code = "W000"


class ExtractionWarning(KGWarning):
    """A sentence the extractor could not read (a fault of ours, not of the input): it is reported as
    ``warning[W501]: ...`` and skipped, and the rest of the article is read."""

    code = "W501"


class ArticleWarning(KGWarning):
    """An article (or a part of a long one) the pipeline failed on: it is left out, the others are read."""

    code = "W503"


class BudgetWarning(KGWarning):
    """A long article whose reading took its time budget (``--time-budget``): the rest of it is left unread,
    and the article keeps what was read."""

    code = "W502"


def show_warning(message: Warning | str, category: type[Warning], *_: object, **__: object) -> None:
    """Print our warnings as one line on stderr (``warnings.showwarning`` for the CLI), others as Python does."""
    if issubclass(category, KGWarning):
        print(message, file=sys.stderr)
    else:
        _show_python_warning(message, category, *_, **__)  # type: ignore[arg-type]
