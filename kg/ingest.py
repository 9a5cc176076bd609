"""Ingest: turn files, folders, globs or stdin into :class:`~kg.model.Article` objects.

Formats: ``.txt``, ``.md``, ``.html``/``.htm`` (main text through trafilatura, boilerplate dropped) and ``.jsonl``
(one article a line: ``text`` required; ``title``, ``date``, ``url``, ``publisher`` optional). Text is decoded
robustly, normalised to Unicode NFC with ``\\n`` line ends, and the publication date is taken from metadata or
from a date written near the top of the text.

>>> from kg.ingest import parse_text_article
>>> a = parse_text_article("Talks in Geneva\\nApril 11, 2016\\n\\nThe ministers met.", source="a.txt")
>>> a.title, a.date.isoformat()
('Talks in Geneva', '2016-04-11')
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from charset_normalizer import from_bytes

from kg.errors import BadArticle, InputNotFound
from kg.model import Article

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
STDIN = "-"

ErrorHandler = Callable[[BadArticle], None]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTHS_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
MONTH_PATTERN = rf"(?:{_MONTHS}|(?:{_MONTHS_ABBR})\.?)"
"""An English month name or abbreviation, as a regular expression (read with :func:`month_number`)."""
_DATE_PATTERNS = (
    (re.compile(rf"\b({MONTH_PATTERN})\s+(\d{{1,2}}),?\s+(\d{{4}})\b"), ("month", "day", "year")),
    (re.compile(rf"\b(\d{{1,2}})\s+({MONTH_PATTERN}),?\s+(\d{{4}})\b"), ("day", "month", "year")),
    (re.compile(r"(?<![-\u2212\w])(\d{4})-(\d{2})-(\d{2})\b"), ("year", "month", "day")),  # not -0044-03-15
)
_DATE_LINES = 5
"""How many non-empty lines from the top are searched for a publication date written in a sentence."""
_DATELINE_LINES = 15
"""How many non-empty lines from the top are searched for a dateline."""
_DATELINE_WORDS = re.compile(
    r"(?i)(?:published|updated|posted|last|modified|first|on|date|at|gmt|utc|bst|cet|est|edt|pst|am|pm"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)"
)
"""The words a dateline may hold besides its date ("Updated: Monday, 10:32 GMT")."""


def month_number(name: str) -> int:
    """The month number of an English month name or abbreviation (``"Sept."`` is 9)."""
    key = name.strip(".")[:3].lower()
    return [m[:3].lower() for m in _MONTHS.split("|")].index(key) + 1


def find_date(text: str) -> date | None:
    """The first full date written in ``text`` ("April 11, 2016", "11 April 2016", "2016-04-11"), or None.

    >>> find_date("Geneva, 11 April 2016 - talks resumed")
    datetime.date(2016, 4, 11)
    """
    found = _first_date(text)
    return found[1] if found else None


def _first_date(text: str) -> tuple[re.Match[str], date] | None:
    """The first valid date of ``text`` and where it is written."""
    best: tuple[re.Match[str], date] | None = None
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = int(parts["month"]) if parts["month"].isdigit() else month_number(parts["month"])
            try:
                found = date(int(parts["year"]), month, int(parts["day"]))
            except ValueError:
                continue
            if best is None or match.start() < best[0].start():
                best = (match, found)
            break
    return best


def find_publication_date(lines: list[str]) -> date | None:
    """The date of a dateline among the first lines (a line that is little more than a date, below a byline or a
    menu), else the first date of the first few lines (in a caption or the first sentence).

    >>> find_publication_date(["Talks in Minsk", "Putin in Moscow, May 10, 2015", "Updated: Mon 11 April 2016"])
    datetime.date(2016, 4, 11)
    """
    for line in lines[:_DATELINE_LINES]:
        found = _first_date(line)
        rest = line.replace(found[0].group(), "") if found else ""
        if found and all(_DATELINE_WORDS.fullmatch(w) for w in re.findall(r"[^\W\d_]+", rest)):
            return found[1]
    return find_date("\n".join(lines[:_DATE_LINES]))


def parse_date(value: object) -> date | None:
    """A date from metadata: ``date``/``datetime`` objects, ISO strings, or written-out dates."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if text.startswith(("-", "\u2212")):  # a year before the common era: not a news date
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return find_date(text)


_CONTROL_CHARACTERS = dict.fromkeys(c for c in [*range(32), *range(127, 160)] if chr(c) not in "\n\t")
"""Unicode control characters (category Cc) but line feed and tab, deleted by :func:`normalise`."""


_SURROGATES = re.compile("[\ud800-\udfff]")
_APOSTROPHES = re.compile(r"(?<=\w)[\u00b4\u02bc\u2032`](?=\w)")
"""Look-alikes of the apostrophe typed between letters (acute accent, modifier letter, prime, grave): "Colombia´s"
is read as "Colombia’s"."""


def normalise(text: str) -> str:
    """Unicode NFC, ``\\n`` line ends, no NUL or stray control characters, a lone surrogate (from a JSON
    ``\\ud800`` escape) replaced by U+FFFD, an apostrophe's look-alike between letters by the apostrophe, trimmed.

    >>> normalise("Colombia\u00b4s army\\r\\n")
    'Colombia’s army'
    """
    text = (
        unicodedata.normalize("NFC", _SURROGATES.sub("\ufffd", text))
        .replace("\r\n", "\n")
        .replace("\r", "\n")
    )
    return _APOSTROPHES.sub("\u2019", text.translate(_CONTROL_CHARACTERS)).strip()


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
BINARY_NULS = 0.01
"""Share of NUL bytes in the first 8 KiB above which a file is binary (a stray NUL only loses its line)."""


def decode(data: bytes, source: str) -> str:
    """Decode bytes: a BOM's encoding (UTF-8, UTF-16), else UTF-8, else by detection; binary data is a
    :class:`BadArticle`.

    UTF-8 with a few stray bytes (a Latin-1 letter pasted into it) keeps its UTF-8 and loses only those bytes:

    >>> decode("Caf\\u00e9 ".encode() + b"na\\xefve", "a.txt")
    'Café na\\ufffdve'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    head = data[:8192]
    if head.count(0) > len(head) * BINARY_NULS:
        raise BadArticle(f"{source}: binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    wide = sum(1 for char in lenient if char > "\x7f" and char != "\ufffd")
    if wide >= lenient.count("\ufffd"):  # as much valid UTF-8 as not: the bad bytes are strays
        return lenient
    best = from_bytes(data).best()
    if best is None:
        raise BadArticle(f"{source}: cannot detect the text encoding")
    return str(best)


def _headline(lines: list[str]) -> str | None:
    for line in lines:
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return None


def parse_text_article(text: str, source: str, **meta: object) -> Article:
    """An article from plain text or Markdown: the first line is the headline, a date near the top is its date."""
    text = normalise(text)
    if not any(char.isalnum() for char in text):  # blank, or only marks, "#" or zero-width spaces
        raise BadArticle(f"{source}: empty article")
    head = [line for line in text.split("\n") if line.strip()][:_DATELINE_LINES]
    return Article(
        text=text,
        source=source,
        title=str(meta.get("title") or "") or _headline(head),
        date=parse_date(meta.get("date")) or find_publication_date(head),
        url=str(meta["url"]) if meta.get("url") else None,
        publisher=str(meta["publisher"]) if meta.get("publisher") else None,
    )


def parse_html_article(html: str, source: str) -> Article:
    """An article from an HTML page: main text, title, date, canonical URL and site name via trafilatura."""
    import trafilatura  # heavy import, only when HTML is read

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None or not (doc.text or "").strip():
        raise BadArticle(f"{source}: no article text found in the HTML")
    return parse_text_article(
        doc.text, source, title=doc.title, date=doc.date, url=doc.url, publisher=doc.sitename
    )


def parse_jsonl(text: str, source: str, on_error: ErrorHandler) -> Iterator[Article]:
    """Articles from JSON Lines, one object a line; a malformed line is reported and skipped."""
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield _jsonl_article(line, where)
            found = True
        except BadArticle as exc:
            on_error(exc)
    if not found and not text.strip():
        on_error(BadArticle(f"{source}: empty file, no JSON lines"))


def _jsonl_article(line: str, where: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadArticle(f"{where}: malformed JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise BadArticle(f"{where}: JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise BadArticle(f"{where}: expected a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise BadArticle(f'{where}: missing or empty "text"')
    return parse_text_article(
        body,
        safe_name(str(record.get("url") or where)),
        title=record.get("title"),
        date=record.get("date"),
        url=record.get("url"),
        publisher=record.get("publisher"),
    )


def read_articles(data: bytes, source: str, suffix: str, on_error: ErrorHandler) -> Iterator[Article]:
    """The articles in one file's bytes; ``suffix`` picks the format."""
    text = decode(data, source)
    if suffix in JSONL_SUFFIXES:
        yield from parse_jsonl(text, source, on_error)
    elif suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and _looks_like_html(text)):
        yield parse_html_article(text, source)
    else:
        yield parse_text_article(text, source)


def _looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def safe_name(name: str) -> str:
    """A name fit for a message and for the graph: undecodable bytes and control characters (terminal escape
    codes) written as Python escapes.

    >>> safe_name("bad\\x1b[31mname\\udcff.txt")
    'bad\\\\x1b[31mname\\\\xff.txt'
    """
    if _SURROGATES.search(name):  # a file name that is not UTF-8 (os.fsdecode's surrogate escapes)
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], name)


def source_key(path: Path) -> str:
    """The stable name of a file, whatever the working directory: its absolute, resolved POSIX path (escaped
    by :func:`safe_name`). Incremental builds know an article by it."""
    return safe_name(path.resolve().as_posix())


def display_path(path: Path) -> str:
    """A file's name in messages: relative to the working directory when inside it, else absolute (escaped)."""
    resolved = path.resolve()
    try:
        return safe_name(resolved.relative_to(Path.cwd().resolve()).as_posix())
    except ValueError:
        return safe_name(resolved.as_posix())


def _ignore(error: BadArticle) -> None:
    """The default of :func:`expand_inputs`: nothing to report to."""


def expand_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    on_error: ErrorHandler = _ignore,
    *,
    follow_links: bool = False,
) -> list[Path | str]:
    """Files to read, in a stable order: folders recursively, globs expanded, ``-`` kept for stdin.

    A name that is neither a file, a folder nor a matching glob raises :class:`InputNotFound`. In a folder,
    an unreadable sub-folder, a file of another format and a symbolic link that leads out of the folder (unless
    ``follow_links``) are reported to ``on_error``; hidden files and READMEs are skipped silently.
    """
    found: list[Path | str] = []
    for raw in inputs:
        name = os.fspath(raw)
        if name == STDIN:
            found.append(STDIN)
            continue
        path = Path(name).expanduser()
        if path.is_dir():
            found.extend(_walk(path, on_error, follow_links))
        elif path.is_file():
            found.append(path)
        elif glob.has_magic(name):
            matches = sorted(Path(p) for p in glob.glob(os.path.expanduser(name), recursive=True))
            files = [p for p in matches if p.is_file()]
            if not files:
                raise InputNotFound(f"no files match {safe_name(name)!r}")
            found.extend(files)
        else:
            raise InputNotFound(f"no such file or folder: {safe_name(name)}")
    return found


def _walk(root: Path, on_error: ErrorHandler, follow_links: bool) -> list[Path]:
    """The article files under ``root``, sorted; what is skipped for a reason goes to ``on_error``."""
    top = root.resolve()
    files: list[Path] = []
    seen: set[Path] = {top}

    def unreadable(exc: OSError) -> None:
        where = display_path(Path(exc.filename)) if exc.filename else display_path(root)
        on_error(BadArticle(f"{where}: cannot read the folder ({exc.strerror or exc}); skipped"))

    for folder, dirs, names in os.walk(root, onerror=unreadable, followlinks=follow_links):
        here = Path(folder)
        dirs[:] = [name for name in dirs if _descend(here / name, top, seen, follow_links, on_error)]
        for name in names:
            path = here / name
            if name.startswith(".") or name.upper().startswith("README"):
                continue
            if path.suffix.lower() not in SUPPORTED_SUFFIXES - {""}:
                on_error(BadArticle(f"{display_path(path)}: not a format newskg reads; skipped"))
            elif not path.is_symlink() or _inside(path, top, follow_links, on_error):
                files.append(path)
    return sorted(files)


def _descend(sub: Path, top: Path, seen: set[Path], follow_links: bool, on_error: ErrorHandler) -> bool:
    """Whether to walk into the sub-folder ``sub``: not hidden, not a link out (unless asked), not seen yet."""
    if sub.name.startswith(".") or (sub.is_symlink() and not _inside(sub, top, follow_links, on_error)):
        return False
    target = sub.resolve()
    if target in seen:  # a followed link back up: no loop
        return False
    seen.add(target)
    return True


def _inside(link: Path, top: Path, follow_links: bool, on_error: ErrorHandler) -> bool:
    """Whether to read what the symbolic link ``link`` points to: inside the folder ``top``, or asked to."""
    target = link.resolve()
    if follow_links or target.is_relative_to(top):
        return True
    on_error(
        BadArticle(
            f"{safe_name(link.as_posix())}: a link out of the input folder, not followed (--follow-links)"
        )
    )
    return False


def iter_articles(
    inputs: Iterable[str | os.PathLike[str]], on_error: ErrorHandler, *, follow_links: bool = False
) -> Iterator[Article]:
    """Every article in ``inputs``; unreadable or malformed ones go to ``on_error`` and are skipped, and so is
    a second article of the same source (a URL twice in a JSONL feed): a source names one article.

    Raises :class:`InputNotFound` before reading anything when an input names nothing.
    """
    seen: set[str] = set()
    for article in _read_inputs(inputs, on_error, follow_links):
        if article.source in seen:
            on_error(BadArticle(f"{article.source}: a second article of the same source; skipped"))
            continue
        seen.add(article.source)
        yield article


def _read_inputs(
    inputs: Iterable[str | os.PathLike[str]], on_error: ErrorHandler, follow_links: bool
) -> Iterator[Article]:
    for item in expand_inputs(inputs, on_error, follow_links=follow_links):
        if item == STDIN:
            source, suffix = "<stdin>", ""
        else:
            assert isinstance(item, Path)
            source, suffix = source_key(item), item.suffix.lower()
        try:
            data = sys.stdin.buffer.read() if item == STDIN else item.read_bytes()  # type: ignore[union-attr]
            yield from read_articles(data, source, suffix, on_error)
        except BadArticle as exc:
            on_error(exc)
        except OSError as exc:
            on_error(BadArticle(f"{source}: cannot read ({exc.strerror or exc})"))
