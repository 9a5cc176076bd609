"""The sample corpus in ``examples/``: its shape, so that ``make demo`` and the README can rely on it."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXT_FILES = sorted(p for p in EXAMPLES.glob("*.txt")) + sorted(
    p for p in EXAMPLES.glob("*.md") if p.name != "README.md"
)
HTML_FILES = sorted(EXAMPLES.glob("*.html"))
JSONL_FILES = sorted(EXAMPLES.glob("*.jsonl"))

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_PATTERNS = (
    (re.compile(rf"\b((?:{MONTHS}) \d{{1,2}}, \d{{4}})\b"), "%B %d, %Y"),
    (re.compile(rf"\b(\d{{1,2}} (?:{MONTHS}) \d{{4}})\b"), "%d %B %Y"),
)
MIN_WORDS, MAX_WORDS = 150, 350


def find_date(line: str) -> date | None:
    """Return the written-out date ("March 17, 2014" or "17 March 2014") in ``line``, if any."""
    for pattern, fmt in DATE_PATTERNS:
        match = pattern.search(line)
        if match:
            return datetime.strptime(match.group(1), fmt).date()
    return None


def jsonl_records() -> list[pytest.ParameterSet]:
    """Every non-blank line of every JSONL file, as a test parameter named ``file:line``."""
    return [
        pytest.param(line, id=f"{path.name}:{number}")
        for path in JSONL_FILES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip()
    ]


class PageParser(HTMLParser):
    """Collects the metadata and the article body of a news page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.open_tags: list[str] = []
        self.h1 = ""
        self.paragraphs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta" and "content" in values:
            key = values.get("property") or values.get("name")
            if key:
                self.meta[key] = values["content"]
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href")
        elif tag not in {"meta", "link", "input", "br", "img"}:
            self.open_tags.append(tag)
            if tag == "p" and "article" in self.open_tags:
                self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open_tags:
            del self.open_tags[len(self.open_tags) - 1 - self.open_tags[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if "article" not in self.open_tags:
            return
        if self.open_tags[-1] == "h1":
            self.h1 += data
        elif "p" in self.open_tags and self.paragraphs:
            self.paragraphs[-1] += data


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_corpus_size() -> None:
    total = len(TEXT_FILES) + len(HTML_FILES) + len(jsonl_records())
    assert 8 <= total <= 12, f"{total} articles in examples/"
    assert TEXT_FILES and HTML_FILES and JSONL_FILES, "every input format is represented"
    assert any(p.suffix == ".md" for p in TEXT_FILES)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_text_file_has_headline_and_date(path: Path) -> None:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    headline = lines[0]
    if path.suffix == ".md":
        assert headline.startswith("# "), "a Markdown article starts with a '# Headline'"
        headline = headline[2:]
    assert len(headline.split()) >= 4 and find_date(headline) is None
    found = [(i, d) for i, d in enumerate(map(find_date, lines[1:3]), start=1) if d]
    assert found, "no written-out date in the first 3 lines"
    index, published = found[0]
    assert date(2003, 1, 1) <= published <= date(2024, 12, 31)
    body = " ".join(lines[index + 1 :])
    assert MIN_WORDS <= len(body.split()) <= MAX_WORDS


@pytest.mark.parametrize("path", HTML_FILES, ids=lambda p: p.name)
def test_html_page_has_metadata_and_article(path: Path) -> None:
    page = parse_page(path)
    published = datetime.fromisoformat(page.meta["article:published_time"])
    assert 2003 <= published.year <= 2024
    assert page.canonical and page.canonical.startswith("https://")
    assert page.meta.get("author") and page.meta.get("og:site_name")
    assert page.h1.strip()
    words = sum(len(p.split()) for p in page.paragraphs)
    assert MIN_WORDS <= words <= MAX_WORDS
    assert not any("cookie" in p.lower() or "Related stories" in p for p in page.paragraphs)


def test_html_boilerplate_is_outside_the_article() -> None:
    for path in HTML_FILES:
        source = path.read_text(encoding="utf-8")
        for marker in ("<nav", "<footer", "Related stories", "cookie-banner"):
            assert marker in source, f"{path.name} lacks {marker!r}"
        assert "<script src" not in source, "no external scripts"


@pytest.mark.parametrize("line", jsonl_records())
def test_jsonl_line_is_an_article(line: str) -> None:
    record = json.loads(line)
    assert isinstance(record, dict)
    assert isinstance(record.get("text"), str) and record["text"].strip()
    assert MIN_WORDS <= len(record["text"].split()) <= MAX_WORDS
    if "date" in record:
        assert date(2003, 1, 1) <= date.fromisoformat(record["date"]) <= date(2024, 12, 31)


def test_readme_lists_every_file() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in (*TEXT_FILES, *HTML_FILES, *JSONL_FILES):
        assert path.name in readme
    assert "CC0" in readme
