"""Ingest: formats, decoding, dates, and bad input reported and skipped."""

from __future__ import annotations

import io
import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from kg.dates import resolve_date
from kg.errors import BadArticle, InputNotFound
from kg.ingest import expand_inputs, find_date, iter_articles, parse_date, parse_text_article


def read_all(*inputs: str | Path) -> tuple[list, list[str]]:
    errors: list[str] = []
    articles = list(iter_articles(inputs, lambda e: errors.append(str(e))))
    return articles, errors


def test_text_article_title_and_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Leaders meet in Minsk\nFebruary 12, 2015\n\nThe leaders met.\n")
    [article], errors = read_all(tmp_path / "a.txt")
    assert errors == []
    assert article.title == "Leaders meet in Minsk"
    assert article.date == date(2015, 2, 12)
    assert article.text.endswith("The leaders met.")


def test_dateline_below_menu_and_byline_beats_a_caption_date(tmp_path: Path) -> None:
    menu = "".join(f"{n}. Menu item {n}\n" for n in range(1, 6))
    text = f"{menu}Chile and Peru at the summit in Lima, 3 May 2011\nTalks resume\nBy A. Writer\nUpdated: Mon 11 April 2016\n\nThe talks resumed.\n"
    (tmp_path / "a.txt").write_text(text)
    [article], _ = read_all(tmp_path / "a.txt")
    assert article.date == date(2016, 4, 11)


def test_date_in_a_caption_near_the_top_when_there_is_no_dateline(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Talks resume\nChile and Peru at the summit in Lima, 3 May 2011\n\nThey met.\n"
    )
    [article], _ = read_all(tmp_path / "a.txt")
    assert article.date == date(2011, 5, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 11, 2016", date(2016, 4, 11)),
        ("11 April 2016", date(2016, 4, 11)),
        ("2016-04-11", date(2016, 4, 11)),
        ("GENEVA, Sept. 9, 2016 -", date(2016, 9, 9)),
        ("no date here", None),
        ("February 30, 2016", None),
    ],
)
def test_find_date(text: str, expected: date | None) -> None:
    assert find_date(text) == expected


def test_markdown_headline(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("# Sanctions on Russia\n\n17 March 2014\n\nThe EU acted.\n")
    [article], _ = read_all(tmp_path / "b.md")
    assert article.title == "Sanctions on Russia"
    assert article.date == date(2014, 3, 17)


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    page = """<html><head><title>Jet downed | Example News</title>
    <meta property="article:published_time" content="2015-11-24T10:00:00Z">
    <link rel="canonical" href="https://example.org/news/jet"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World news menu</a></nav>
    <article><h1>Turkey shoots down a Russian jet</h1>
    <p>Turkish fighter jets shot down a Russian warplane near the Syrian border on Tuesday, officials said.</p>
    <p>Moscow condemned the attack and warned of serious consequences for relations with Ankara.</p>
    </article><footer>Copyright Example News. Cookie settings.</footer></body></html>"""
    (tmp_path / "c.html").write_text(page)
    [article], errors = read_all(tmp_path / "c.html")
    assert errors == []
    assert "Turkish fighter jets shot down" in article.text
    assert "Cookie settings" not in article.text and "World news menu" not in article.text
    assert article.date == date(2015, 11, 24)
    assert article.url == "https://example.org/news/jet"


def test_jsonl_lines_and_malformed_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Russia and China signed a deal.", "title": "Deal", "date": "2014-05-21"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "NATO met.", "url": "https://example.org/n"}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    articles, errors = read_all(tmp_path / "feed.jsonl")
    assert [a.title for a in articles] == ["Deal", "NATO met."]
    assert articles[0].date == date(2014, 5, 21)
    assert articles[1].source == "https://example.org/n"
    assert len(errors) == 2
    assert "feed.jsonl:2" in errors[0] and "malformed JSON" in errors[0]
    assert "feed.jsonl:3" in errors[1] and '"text"' in errors[1]


def test_decoding_bom_and_legacy_encoding(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeffCafé talks\n\nThe ministers met.".encode())
    legacy = (
        "Élysée talks\n\nThe French président received the ministers at the Élysée palace on Tuesday. "
        "They discussed the crisis, the sanctions régime and the next summit, a spokesman said. "
        "Café owners nearby said the délégation arrived early."
    )
    (tmp_path / "latin.txt").write_bytes(legacy.encode("cp1252"))
    articles, errors = read_all(tmp_path)
    assert errors == []
    assert {a.title for a in articles} == {"Café talks", "Élysée talks"}


def test_normalises_to_nfc_and_newlines(tmp_path: Path) -> None:
    (tmp_path / "n.txt").write_bytes("Cafe\u0301\r\n\r\nText.".encode())
    [article], _ = read_all(tmp_path / "n.txt")
    assert article.text == "Café\n\nText."


def test_an_apostrophes_look_alike_between_letters_is_read_as_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Talks\n\nPeru\u00b4s envoy met Chile\u02bcs `envoy` in Lima.")
    [article], _ = read_all(tmp_path / "a.txt")
    assert article.text == "Talks\n\nPeru\u2019s envoy met Chile\u2019s `envoy` in Lima."  # quotes stay


def test_binary_and_empty_files_are_skipped_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\nRussia met France.")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_text("   \n")
    articles, errors = read_all(tmp_path)
    assert [a.title for a in articles] == ["Headline"]
    assert sorted(e.split(": ", 1)[1].split(":")[0].rsplit("/", 1)[-1] for e in errors) == [
        "bad.txt",
        "empty.txt",
    ]
    assert all("\n" not in e for e in errors)


def test_folder_recursion_skips_readme_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A\n\ntext")
    (tmp_path / "README.md").write_text("# About this folder")
    (tmp_path / ".hidden.txt").write_text("secret")
    (tmp_path / "notes.csv").write_text("x,y")
    errors: list[str] = []
    assert [p.name for p in expand_inputs([tmp_path], lambda e: errors.append(str(e)))] == ["a.txt"]
    assert [e.split(": ")[1].rsplit("/", 1)[-1] for e in errors] == ["notes.csv"]


def test_glob_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A\n\ntext")
    (tmp_path / "b.txt").write_text("B\n\ntext")
    assert len(expand_inputs([str(tmp_path / "*.txt")])) == 2
    with pytest.raises(InputNotFound, match="no such file"):
        expand_inputs([tmp_path / "missing.txt"])
    with pytest.raises(InputNotFound, match="no files match"):
        expand_inputs([str(tmp_path / "*.html")])


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"Breaking\n\nIran rejected the offer."))
    monkeypatch.setattr(sys, "stdin", fake)
    articles, _ = read_all("-")
    assert [(a.source, a.title) for a in articles] == [("<stdin>", "Breaking")]


def test_empty_text_is_bad_article() -> None:
    with pytest.raises(BadArticle, match="empty article"):
        parse_text_article(" \n ", source="x.txt")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Tuesday", date(2015, 11, 24)),
        ("Thursday", date(2015, 11, 26)),
        ("last week", date(2015, 11, 19)),
        ("in October of 2000", date(2000, 10, 1)),
        ("on November 18", date(2015, 11, 18)),
        ("2014", date(2014, 1, 1)),
        ("two years", None),
        ("this summer", None),
        # the common calendar forms, read without dateparser
        ("10 December", date(2014, 12, 10)),  # the latest such day on or before the article's date
        ("Sept. 11, 2001", date(2001, 9, 11)),
        ("on the 3rd of March 1999", date(1999, 3, 3)),
        ("yesterday", date(2015, 11, 25)),
        ("next week", date(2015, 12, 3)),  # "will meet next week": after the article's date
        ("tomorrow", date(2015, 11, 27)),
        ("in late October", date(2015, 10, 1)),
        ("mid-August", date(2015, 8, 1)),
        ("2015-02-30", None),
        ("marching season", None),
    ],
)
def test_resolve_date_against_article_date(phrase: str, expected: date | None) -> None:
    assert resolve_date(phrase, date(2015, 11, 26)) == expected


def test_utf16_with_bom_is_text(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes("Café talks\n\nFrance met Chile.".encode("utf-16"))
    [article], errors = read_all(tmp_path / "u16.txt")
    assert errors == [] and article.title == "Café talks"


def test_a_stray_latin1_byte_garbles_one_character(tmp_path: Path) -> None:
    (tmp_path / "mixed.txt").write_bytes(
        "Élysée talks\n\nThe président met the délégation".encode() + b" \xe0 Paris."
    )
    [article], _ = read_all(tmp_path / "mixed.txt")
    assert article.title == "Élysée talks"
    assert article.text.endswith("The président met the délégation \ufffd Paris.")


def test_a_nul_in_jsonl_loses_only_its_line(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"Iran met Iraq, day {n}."}) for n in range(3)]
    lines[1] = lines[1][:5] + "\x00" + lines[1][5:]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    articles, errors = read_all(tmp_path / "feed.jsonl")
    assert [a.text for a in articles] == ["Iran met Iraq, day 0.", "Iran met Iraq, day 2."]
    assert len(errors) == 1 and "feed.jsonl:2" in errors[0]


@pytest.mark.parametrize("text", ["\u200b\u200c\ufeff\n\u200b", "#\n\n###\n", "  \n"])
def test_files_without_a_word_are_empty_input(text: str) -> None:
    with pytest.raises(BadArticle, match="empty article"):
        parse_text_article(text, source="x.md")


def test_a_date_before_the_common_era_is_no_date() -> None:
    assert parse_date("-0044-03-15") is None
    assert find_date("Caesar died on -0044-03-15.") is None
    assert parse_date("0044-03-15") == date(44, 3, 15)


def test_links_out_of_the_folder_are_followed_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("Secret\n\nIran met Iraq.")
    (tmp_path / "news" / "own.txt").write_text("Own\n\nChile met Peru.")
    (tmp_path / "news" / "file.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    (tmp_path / "news" / "dir").symlink_to(tmp_path / "outside")
    (tmp_path / "news" / "loop").symlink_to(tmp_path / "news")
    articles, errors = read_all(tmp_path / "news")
    assert [a.title for a in articles] == ["Own"]
    assert sorted(e.split(": ")[1].rsplit("/", 1)[-1] for e in errors) == ["dir", "file.txt"]
    assert all("--follow-links" in e for e in errors)
    errors.clear()
    followed = list(iter_articles([tmp_path / "news"], lambda e: errors.append(str(e)), follow_links=True))
    assert sorted(a.title for a in followed) == [
        "Own",
        "Secret",
    ]  # the file and the folder lead to one source
    assert [e.rsplit(": ", 1)[-1] for e in errors] == ["a second article of the same source; skipped"]


def test_odd_file_names_are_escaped_in_messages_and_sources(tmp_path: Path) -> None:
    (tmp_path / "red\x1b[31m.txt").write_bytes(b"\x00\x00\x00\x00")
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text("Cafe\n\nChile met Peru.")
    articles, errors = read_all(tmp_path)
    [error] = errors
    assert "\x1b" not in error and "red\\x1b[31m.txt" in error
    assert [a.source.rsplit("/", 1)[-1] for a in articles] == ["caf\\xe9.txt"]


def test_every_skipped_input_has_its_line(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    _, errors = read_all(tmp_path)
    assert sorted(e.split(": ", 2)[2] for e in errors) == [
        "empty file, no JSON lines",
        "not a format newskg reads; skipped",
    ]
