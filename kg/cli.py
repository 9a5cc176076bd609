"""The ``kg`` command: a thin layer over the library. Each command parses options and calls one function."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console

from kg import __version__
from kg.errors import KGError

app = typer.Typer(
    name="kg",
    help="Build, query, export and view a knowledge graph of international-affairs news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., object])


def user_errors(func: F) -> F:
    """Turn a :class:`KGError` into its one-line message on stderr and its exit code (no traceback)."""

    @functools.wraps(func)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return func(*args, **kwargs)
        except KGError as exc:
            err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("interrupted", highlight=False)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        out.print(f"newskg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """newskg: international-affairs news in, an RDF knowledge graph out."""


# Commands are defined below, one function each, in the order of the README's reference.


@app.command("validate")
@user_errors
def validate_cmd(
    source: str = typer.Argument(
        ..., metavar="GRAPH_OR_DB", help="A graph file (.ttl .nt .nq .trig .jsonld) to check."
    ),
) -> None:
    """Check a graph against the SHACL shapes of ontology/shapes.ttl.

    Prints one line per violation (focus node, property path, message),
    then "N violations" or "valid: N triples checked".
    Exits 1 when there are violations, 0 when the graph is valid.
    """
    from kg.validate import validate

    report = validate(source)
    for line in report.format().splitlines():
        out.print(line, markup=False, highlight=False, soft_wrap=True)
    if not report.conforms:
        raise typer.Exit(1)
