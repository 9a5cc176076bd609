"""The check that no phrase of the gold data stands in the project (benchmarks/gold_phrases.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gold_phrases import find_phrases, grams  # noqa: E402


def _project(root: Path, code: str) -> Path:
    (root / "kg").mkdir(parents=True)
    (root / "kg" / "rules.py").write_text(code, encoding="utf-8")
    return root


def _gold(root: Path, text: str) -> Path:
    (root / "plover").mkdir(parents=True)
    (root / "plover" / "plover_x.json").write_text(json.dumps([{"id": "1", "text": text}]), encoding="utf-8")
    return root


def test_a_phrase_needs_three_words_that_are_not_function_words() -> None:
    assert "shelled the northern town" in grams("The army shelled the northern town at dawn.")
    assert "the northern town at" not in grams("The army shelled the northern town at dawn.")


def test_a_gold_phrase_in_the_code_is_found_with_its_file(tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold", "Rebel fighters shelled the northern town overnight.")
    project = _project(tmp_path / "project", '"""Handles "fighters shelled the northern town"."""\n')
    assert find_phrases(gold, project) == {
        "fighters shelled the northern": ["kg/rules.py"],
        "shelled the northern town": ["kg/rules.py"],
    }


def test_names_of_the_gazetteer_do_not_count(tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold", "Secretary of State Condoleezza Rice flew on.")
    project = _project(tmp_path / "project", "# Secretary of State Condoleezza Rice is a title and a name\n")
    assert find_phrases(gold, project) == {}


def test_the_check_exits_non_zero_on_a_phrase_and_two_without_gold(tmp_path: Path) -> None:
    script = [sys.executable, str(ROOT / "benchmarks" / "gold_phrases.py")]
    missing = subprocess.run([*script, str(tmp_path / "none")], capture_output=True, text=True)
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
