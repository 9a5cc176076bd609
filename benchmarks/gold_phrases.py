"""Phrases of the gold data that stand in the project: ``python benchmarks/gold_phrases.py GOLD_DIR``.

A rule, word list or test written from a gold sentence fixes that sentence and nothing else; this check finds them.
A phrase is four words in a row, at least three of them not function words, that the gold texts under GOLD_DIR
(re3d ``documents.json``, PLOVER ``plover*.json``, CAMEO ``*.tsv``) share with ``kg/``, ``tests/``, ``benchmarks/``
or the lexicon (``ontology/``, not the gazetteer). The gazetteer's names and titles don't count: a phrase whose
content words all belong to them ("Secretary of State Condoleezza Rice") names an actor, it tells no rule. Prints one
line per phrase with the files it stands in, and exits 1 if there is any (``make check-gold GOLD=../shared/eval``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputNotFound
from kg.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
SIZE = 4
WORD = re.compile(r"[a-z0-9']+")
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "and",
        "or",
        "but",
        "not",
        "no",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "we",
        "our",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "while",
        "than",
        "then",
        "there",
        "into",
        "over",
        "under",
        "about",
        "after",
        "before",
        "between",
        "against",
        "during",
        "since",
        "until",
        "up",
        "out",
        "off",
        "also",
        "more",
        "most",
        "other",
        "such",
    ]
)
SCANNED = ("kg", "tests", "benchmarks", "ontology")
SUFFIXES = frozenset({".py", ".yaml", ".yml", ".ttl", ".rq", ".json", ".md", ".txt"})


def grams(text: str) -> set[str]:
    """The phrases of a text: runs of four words with three or more that are not function words.

    >>> sorted(grams("The army shelled the northern town at dawn"))
    ['army shelled the northern', 'northern town at dawn', 'shelled the northern town']
    """
    words = WORD.findall(text.lower().replace("\u2019", "'"))
    runs = (words[i : i + SIZE] for i in range(len(words) - SIZE + 1))
    return {" ".join(run) for run in runs if sum(w not in FUNCTION_WORDS for w in run) >= SIZE - 1}


def gold_texts(root: Path) -> Iterator[str]:
    """Every gold text under ``root``."""
    for path in sorted(root.rglob("documents.json")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                yield json.loads(line).get("text", "")
    for path in sorted(root.rglob("plover*.json")):
        yield from (record.get("text", "") for record in json.loads(path.read_text(encoding="utf-8")))
    for path in sorted(root.rglob("*.tsv")):
        yield from (line.rsplit("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())


def name_words() -> frozenset[str]:
    """The words of the gazetteer's names and of its titles."""
    gazetteer = load_gazetteer()
    forms = [form for entry in gazetteer.entries.values() for form in entry.forms] + list(gazetteer.titles)
    return frozenset(word for form in forms for word in WORD.findall(form.lower()))


def project_files(root: Path) -> Iterator[Path]:
    """The files of the project this check reads (not the gazetteer)."""
    for top in SCANNED:
        for path in sorted((root / top).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and "gazetteer" not in path.parts:
                yield path


def find_phrases(gold: Path, root: Path = ROOT) -> dict[str, list[str]]:
    """Gold phrase -> the project files it stands in."""
    shared = set().union(*(grams(text) for text in gold_texts(gold)))
    names = name_words()
    hits: dict[str, list[str]] = {}
    for path in project_files(root):
        for phrase in sorted(grams(path.read_text(encoding="utf-8", errors="ignore")) & shared):
            if not all(w in FUNCTION_WORDS or w in names for w in phrase.split()):
                hits.setdefault(phrase, []).append(str(path.relative_to(root)))
    return hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="folder with the gold data (e.g. ../shared/eval)")
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        print(InputNotFound(f"no such gold folder: {args.gold}"), file=sys.stderr)
        return 2
    hits = find_phrases(args.gold)
    for phrase, files in sorted(hits.items()):
        print(f'"{phrase}" in {", ".join(files)}')
    print(f"{len(hits)} gold phrases in the project")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
