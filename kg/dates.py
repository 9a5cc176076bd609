"""Event dates: resolve a date phrase of the text against the article's publication date.

>>> from datetime import date
>>> resolve_date("on Tuesday", date(2015, 11, 26))
datetime.date(2015, 11, 24)
>>> resolve_date("in October of 2000", date(2015, 11, 26))
datetime.date(2000, 10, 1)
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from kg.ingest import MONTH_PATTERN, month_number

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_YEAR = re.compile(r"^(?:in |the year )?((?:19|20)\d\d)$")
_DURATION = re.compile(r"\b(?:years?|months?|weeks?|days?|decades?|hours?)\b(?!\s+ago)")
_CALENDAR = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b", re.IGNORECASE
)
_RELATIVE = re.compile(r"\b(?:yesterday|today|tonight|ago|last (?:week|month|year))\b", re.IGNORECASE)
_LEADING = re.compile(r"^(?:on|in|at|by|since|from|during|early|earlier|late|later|mid)[\s-]+", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(
    rf"^(?:the\s+)?(?:(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>{MONTH_PATTERN})"
    rf"(?:\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?$",
    re.IGNORECASE,
)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": 1, "last week": 7, "tomorrow": -1, "next week": -7}
"""Days before the article's date (after it, when negative: "will meet next week")."""


def _calendar(text: str, base: date | None) -> date | bool | None:
    """The common forms read without dateparser (which takes ~20 ms a phrase): "November 18", "18 November
    2015", "October of 2000", "2015-11-18", "yesterday", "last week", "next week"; False for any other form."""
    if text in _RELATIVE_DAYS:
        return base - timedelta(days=_RELATIVE_DAYS[text]) if base else None
    iso = _ISO.match(text)
    if iso:
        try:
            return date(*(int(part) for part in iso.groups()))
        except ValueError:
            return None
    match = _DAY_MONTH_YEAR.match(text)
    if match is None or (match["day1"] and match["day2"]):
        return False
    month, day = month_number(match["month"]), int(match["day1"] or match["day2"] or 1)
    if match["year"]:
        year = int(match["year"])
    elif base is not None:  # the latest such day on or before the article's date
        year = base.year if (month, day) <= (base.month, base.day) else base.year - 1
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_date(phrase: str, base: date | None) -> date | None:
    """The calendar date a phrase names, read relative to ``base`` (the article's date); None if it names none.

    Weekdays are the latest such day on or before ``base``; a bare year is its first day; durations ("two
    years") and vague phrases ("this summer") give None, and so does a phrase without a year when there is no
    ``base``.
    """
    return _resolve(" ".join(phrase.lower().split()), base)


@lru_cache(maxsize=4096)
def _resolve(phrase: str, base: date | None) -> date | None:
    text = phrase
    while _LEADING.match(text):  # "in late October"
        text = _LEADING.sub("", text, count=1).strip()
    text = text.removeprefix("last ").strip() if text.removeprefix("last ").strip() in WEEKDAYS else text
    if text in WEEKDAYS:
        if base is None:
            return None
        return base - timedelta(days=(base.weekday() - WEEKDAYS.index(text)) % 7)
    year = _YEAR.match(text)
    if year:
        return date(int(year.group(1)), 1, 1)
    calendar = _calendar(text, base)
    if calendar is not False:
        return calendar
    if not _RELATIVE.search(text) and (_DURATION.search(text) or not _CALENDAR.search(text)):
        return None
    if base is None and not re.search(r"\b(?:19|20)\d\d\b", text):
        return None  # "late October" or "last week" with no article date to anchor it
    import dateparser  # slow import, only when a date phrase needs it

    settings = {
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text.replace(" of ", " "), settings=settings, languages=["en"])
    return parsed.date() if parsed else None
