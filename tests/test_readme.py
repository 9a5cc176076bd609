"""The README's worked example, run as written: every ``$ .venv/bin/kg ...`` block is executed on the sample
corpus and its output must be the one the README shows (only the build's seconds may differ). The same build
checks that the build summary, ``kg stats`` and a ``COUNT`` agree."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from kg.query import run_query, stats
from kg.store import Store
from tests.conftest import ROOT, kg_cli

pytestmark = pytest.mark.slow

PROMPT = "$ .venv/bin/kg "
SECONDS = re.compile(r" in \d+(\.\d+)? s$")


def readme_examples() -> list[tuple[list[str], list[str]]]:
    """(command arguments, output lines shown) of every fenced block of the README that starts with a prompt."""
    blocks = re.findall(r"^```\n(.*?)^```", (ROOT / "README.md").read_text(encoding="utf-8"), re.M | re.S)
    examples = []
    for block in blocks:
        lines = block.splitlines()
        if not lines or not lines[0].startswith(PROMPT):
            continue
        command = lines[0][len(PROMPT) :]
        rest = lines[1:]
        while True:
            try:
                args = shlex.split(command)
                break
            except ValueError:  # a quoted query goes on over the next lines
                command += "\n" + rest.pop(0)
        examples.append((args, rest))
    return examples


EXAMPLES = readme_examples()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out as the README assumes: ``examples/`` beside an ``out/`` the commands write."""
    folder = tmp_path_factory.mktemp("demo")
    shutil.copytree(ROOT / "examples", folder / "examples")
    return folder


def test_the_readme_shows_a_build_and_queries():
    commands = [args[0] for args, _ in EXAMPLES]
    assert commands[0] == "build" and commands.count("query") >= 3


@pytest.fixture(scope="module")
def outputs(demo: Path) -> list[list[str]]:
    """The output lines of every README example, run in order (the build first)."""
    ran = []
    for args, _ in EXAMPLES:
        result = kg_cli(*args, cwd=demo)
        assert result.returncode == 0, f"kg {shlex.join(args)}: {result.stderr.decode()}"
        ran.append([line.rstrip("\r") for line in result.stdout.decode().splitlines()])
    return ran


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=[" ".join(a[:2]) for a, _ in EXAMPLES])
def test_each_readme_example_prints_what_the_readme_shows(outputs, index):
    args, shown = EXAMPLES[index]
    printed = outputs[index][: len(shown)]
    masked = [SECONDS.sub(" in N s", line) for line in printed]
    assert masked == [SECONDS.sub(" in N s", line) for line in shown], (
        f"README example `kg {shlex.join(args)}` now prints:\n" + "\n".join(outputs[index])
    )


def test_summary_stats_and_count_agree(demo, outputs):
    summary = dict(
        re.findall(r"^\s*([A-Z][A-Za-z]+)\s+(\d+)\s", "\n".join(outputs[0]), re.M)
    )  # the "actors by class" column of the build summary
    with Store.open(demo / "out" / "db", read_only=True) as store:
        counted = stats(store)
        by_count = {
            row[0].value.rsplit("#", 1)[-1]: int(row[1].value)
            for row in run_query(
                store,
                "SELECT ?c (COUNT(?a) AS ?n) WHERE { ?a a ?c . FILTER(STRSTARTS(STR(?a), STR(nkga:))) } GROUP BY ?c",
            ).rows
        }
    assert {cls: int(n) for cls, n in summary.items()} == counted["actors"] == by_count
    assert sum(by_count.values()) > 50
