"""`kg build` progress: a Rich bar with a total, a rate and an ETA on a terminal; nothing when piped or --quiet."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from kg.cli import article_total, build_progress
from kg.pipeline import BuildReport


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    (tmp_path / "a.txt").write_text("Talks\n\nFrance met Germany.\n")
    (tmp_path / "feed.jsonl").write_text('{"text": "Chile met Peru."}\n\n{"text": "Peru met Chile."}\n')
    return [str(tmp_path)]


def shown(inputs: list[str], *, terminal: bool, quiet: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=terminal, width=160)
    with build_progress(quiet, inputs, console) as update:
        if update is not None:
            update(BuildReport(articles_built=1, articles_unchanged=1, tokens=300))
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", buffer.getvalue())


def test_a_terminal_shows_total_rate_and_eta(inputs):
    text = shown(inputs, terminal=True)
    assert re.search(r"articles .*2/3 +67% .*[\d.]+ articles/s +[\d,]+ tokens/s .*eta", text), text


def test_nothing_when_piped_or_quiet(inputs):
    assert shown(inputs, terminal=False) == ""
    assert shown(inputs, terminal=True, quiet=True) == ""


def test_the_total_counts_jsonl_lines_and_is_unknown_for_stdin(inputs):
    assert article_total(inputs) == 3
    assert article_total(["-"]) is None
