"""Reliability: a generated adversarial corpus builds every good article, with one coded line per bad input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
import warnings
from concurrent.futures import Future
from pathlib import Path

import psutil
import pytest

from kg.errors import ArticleWarning, BudgetWarning
from kg.nlp import PART_CHARS, extract, read_in_parts
from kg.pipeline import build
from kg.store import Store
from kg.workers import quiet_cancelled_futures
from tests.conftest import KG
from tests.test_scale import write_corpus

GOOD = [
    "France met Germany in Paris on Monday.",
    "Russia attacked Ukraine near the border.",
    "The European Union imposed sanctions on Iran.",
    "Turkey will meet Greece next week.",
]
STATES = [
    "France",
    "Germany",
    "Italy",
    "Spain",
    "Poland",
    "Austria",
    "Belgium",
    "Netherlands",
    "Sweden",
    "Finland",
    "Denmark",
    "Ireland",
    "Portugal",
    "Greece",
    "Hungary",
    "Romania",
    "Bulgaria",
    "Croatia",
    "Slovenia",
    "Slovakia",
    "Estonia",
    "Latvia",
    "Lithuania",
    "Luxembourg",
    "Malta",
    "Cyprus",
    "Norway",
    "Japan",
    "Canada",
    "Australia",
]


def adversarial_corpus(folder: Path) -> dict[str, str]:
    """Write good articles and one file of each bad kind into ``folder``; returns bad file -> expected words."""
    folder.mkdir()
    for number, text in enumerate(GOOD):
        (folder / f"good{number}.txt").write_text(f"News {number}\n\n{text}\n")
    # over spaCy's 1,000,000 characters: read in parts (within the time budget), not refused
    (folder / "words.txt").write_text("\n".join(["Russia", "attacked", "Ukraine", "today."] * 800))
    (folder / "huge.txt").write_text(
        "Long report\n\n" + "Russia attacked Ukraine near the border.\n" * 26_000
    )
    nested = "[" * 100_000 + "]" * 100_000
    (folder / "nested.jsonl").write_text(f"{nested}\n{json.dumps({'text': 'Iran met Iraq in Baghdad.'})}\n")
    (folder / "surrogate.jsonl").write_text(
        '{"text": "Chile met Peru in Lima.\\ud800", "url": "https://x.org/s"}\n'
    )
    (folder / os.fsdecode(b"name\xff.txt")).write_text("Odd name\n\nEgypt met Jordan in Cairo.\n")
    (folder / "locked").mkdir()
    (folder / "locked" / "inside.txt").write_text("Hidden\n\nCuba met Mexico.\n")
    (folder / "empty.jsonl").write_text("")
    (folder / "blank.md").write_text("#\n\n##\n")
    (folder / "zero-width.txt").write_text("\u200b\u200b\n\u200b")
    return {
        "nested.jsonl:1": "nested too deeply",
        "locked": "cannot read the folder",
        "empty.jsonl": "empty file",
        "blank.md": "empty article",
        "zero-width.txt": "empty article",
    }


def test_adversarial_corpus_builds_every_good_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = adversarial_corpus(tmp_path / "news")
    scandir = os.scandir

    def locked(path: str | os.PathLike[str] = ".") -> object:  # the tests run as root: deny one folder
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", locked)
    errors: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BudgetWarning)
        report = build([tmp_path / "news"], on_error=errors.append, time_budget=0.01)
    # 4 good files, words.txt, huge.txt, a JSONL line beside the nested one, the surrogate, the odd file name
    assert report.articles_built == 9
    assert len(errors) == len(bad), errors
    for name, words in bad.items():
        [line] = [e for e in errors if f"/news/{name}" in e]
        assert line.startswith("error[E103]: ") and words in line and "\n" not in line
    budgets = [str(w.message) for w in caught if issubclass(w.category, BudgetWarning)]
    assert any("huge.txt" in line for line in budgets)
    assert all(line.startswith("warning[W502]: ") and "\n" not in line for line in budgets)
    assert report.statements_by_relation["meetsWith"] == 5  # good0, good3, nested, surrogate, odd name
    assert report.statements_by_relation["attacks"] >= 2  # good1 and the parts of huge.txt read in time


def test_kg_build_of_the_adversarial_corpus_prints_one_line_per_bad_input(tmp_path: Path) -> None:
    bad = adversarial_corpus(tmp_path / "news")
    del bad["locked"]  # a subprocess runs as root: nothing is unreadable to it
    out = tmp_path / "graph.nq"
    result = subprocess.run(
        [KG, "build", str(tmp_path / "news"), "-o", str(out), "--time-budget", "0.1", "--workers", "1"],
        capture_output=True,
        timeout=300,
    )
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 0, lines
    assert "10 articles built" in result.stdout.decode()
    assert sorted(line.split(": ")[0] for line in lines) == ["error[E103]"] * len(bad) + ["warning[W502]"] * 2
    assert out.is_file()


def test_a_long_article_is_read_in_parts_with_offsets_into_its_text(nlp) -> None:
    from kg.ingest import parse_text_article

    sentence = "Russia attacked Ukraine near the border."
    text = "Long report\n\n" + " ".join([sentence] * (PART_CHARS // len(sentence) * 2 + 10))
    article = parse_text_article(text, source="long.txt")
    result = read_in_parts(article, nlp)
    starts = sorted(s.char_start for s in result.statements)
    assert starts[-1] > 2 * PART_CHARS  # the third part was read too
    for stmt in result.statements:
        assert article.text[stmt.char_start : stmt.char_end].strip() == sentence
    assert len(result.statements) == len({s.char_start for s in result.statements}) == text.count(sentence)


def test_many_co_subjects_of_one_deed_make_no_clique(nlp) -> None:
    from kg.ingest import parse_text_article

    article = parse_text_article(" and ".join(STATES) + " sanctioned Russia.", source="eu.txt")
    [result] = extract([article], nlp)
    relations = [s.predicate for s in result.statements]
    assert relations.count("sanctions") == len(STATES)
    assert "cooperatesWith" not in relations


def test_few_co_subjects_of_one_deed_still_act_together(extract_text) -> None:
    found = extract_text("France and Britain bombed Libya.")
    assert ("France", "cooperatesWith", "United Kingdom", "asserted") in found


def test_huge_html_table_is_read(tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>Row {i}</td><td>France</td><td>{i * 3}</td></tr>" for i in range(1_500))
    page = (
        "<html><head><title>Table</title></head><body><article><h1>Figures</h1>"
        f"<p>Russia attacked Ukraine on Monday, officials said.</p><table>{rows}</table></article></body></html>"
    )
    (tmp_path / "table.html").write_text(page)
    report = build([tmp_path / "table.html"])
    assert report.articles_built == 1 and report.statements_by_relation["attacks"] == 1


# -- stopping -----------------------------------------------------------------------------------------------


def start(corpus: Path, db: Path, *options: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [KG, "build", str(corpus), "--db", str(db), "-q", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def children_of(process: subprocess.Popen[bytes], at_least: int) -> list[psutil.Process]:
    """The child processes of a build once it has ``at_least`` of them (its workers being started)."""
    for _ in range(1200):
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        children = psutil.Process(process.pid).children(recursive=True)
        if len(children) >= at_least:
            return children
        time.sleep(0.05)
    raise AssertionError("the build started no workers")


def test_a_build_killed_while_its_workers_start_leaves_no_orphans(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "news", 12)
    process = start(corpus, tmp_path / "db", "--workers", "2", "--force-workers", "--batch-size", "2")
    workers = children_of(process, 2)
    process.kill()  # the workers are still importing spaCy
    process.wait()
    _, alive = psutil.wait_procs(workers, timeout=60)
    assert not alive, "worker processes outlived the killed build"


def test_sigterm_stops_a_build_with_workers_at_once_and_it_resumes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "news", 40)
    db = tmp_path / "db"
    process = start(corpus, db, "--workers", "2", "--force-workers", "--batch-size", "2")
    workers = children_of(process, 2)
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    message = stderr.decode().strip()
    assert process.returncode == 143, message
    assert message.startswith("error[E104]: stopped by SIGTERM") and "\n" not in message
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, "worker processes outlived the stopped build"
    resumed = build([corpus], db=db)
    assert resumed.articles_built + resumed.articles_unchanged == 40
    with Store.open(db) as store:
        assert len(store.article_index()) == 40 and not store.is_stale()


def test_an_article_the_pipeline_fails_on_is_left_out_and_the_others_are_read(
    nlp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.nlp
    from kg.ingest import parse_text_article

    result_of = kg.nlp.result_of

    def fragile(doc, *args):  # stands for any fault of ours on one odd text
        if "Atlantis" in doc.text:
            raise ValueError("cannot read Atlantis")
        return result_of(doc, *args)

    monkeypatch.setattr(kg.nlp, "result_of", fragile)
    sentence = "Russia attacked Ukraine near the border.\n"
    articles = [
        parse_text_article(text, source=f"{number}.txt")
        for number, text in enumerate(
            [
                GOOD[0],
                "Atlantis met Chile.",
                GOOD[1],
                sentence * 300 + "Atlantis met Chile.\n" + sentence * 300,
            ]
        )
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ArticleWarning)
        results = list(extract(articles, nlp))
    assert [r.article.source for r in results] == ["0.txt", "2.txt", "3.txt"]
    lines = [str(w.message) for w in caught if issubclass(w.category, ArticleWarning)]
    assert len(lines) == 2 and all(line.startswith("warning[W503]: ") for line in lines)
    assert "1.txt: article left out (ValueError: cannot read Atlantis)" in lines[0]
    assert "3.txt: characters " in lines[1]
    assert 0 < len(results[2].statements) < 600  # the parts without Atlantis were read


def test_an_aborted_pool_settling_a_cancelled_future_prints_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """When a build stops, the pool's manager thread may still settle a future the stop cancelled: no traceback
    then, but any other failure of a thread is still reported."""
    reported: list[type[BaseException]] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: reported.append(args.exc_type))
    cancelled: Future[int] = Future()
    cancelled.cancel()

    def fail() -> None:
        raise ValueError("a real failure")

    with quiet_cancelled_futures():
        for target in (lambda: cancelled.set_result(1), fail):
            thread = threading.Thread(target=target)
            thread.start()
            thread.join()
    assert reported == [ValueError]
