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

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_YEAR = re.compile(r"^(?:in |the year )?((?:19|20)\d\d)$")
_DURATION = re.compile(r"\b(?:years?|months?|weeks?|days?|decades?|hours?)\b(?!\s+ago)")
_CALENDAR = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b", re.IGNORECASE
)
_RELATIVE = re.compile(r"\b(?:yesterday|today|tonight|ago|last (?:week|month|year))\b", re.IGNORECASE)
_LEADING = re.compile(r"^(?:on|in|at|by|since|from|during|early|earlier|late|later)\s+", re.IGNORECASE)


def resolve_date(phrase: str, base: date | None) -> date | None:
    """The calendar date a phrase names, read relative to ``base`` (the article's date); None if it names none.

    Weekdays are the latest such day on or before ``base``; a bare year is its first day; durations ("two
    years") and vague phrases ("this summer") give None, and so does a phrase without a year when there is no
    ``base``.
    """
    return _resolve(" ".join(phrase.lower().split()), base)


@lru_cache(maxsize=4096)
def _resolve(phrase: str, base: date | None) -> date | None:
    text = _LEADING.sub("", phrase).strip()
    text = text.removeprefix("last ").strip() if text.removeprefix("last ").strip() in WEEKDAYS else text
    if text in WEEKDAYS:
        if base is None:
            return None
        return base - timedelta(days=(base.weekday() - WEEKDAYS.index(text)) % 7)
    year = _YEAR.match(text)
    if year:
        return date(int(year.group(1)), 1, 1)
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
