"""Resolve a date as a report gives it ("Tuesday", "Feb. 20", "20 January") against the report's date.

dateparser does the parsing; what it cannot know is the report's point of view, so two
rules are added here: a bare weekday points back unless its sentence speaks of the future,
and a day-month without a year stays in the report's year.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
VAGUE = re.compile(r"\b(?:seconds?|minutes?|hours?|weeks?|months?|years?|decades?|days|recent|past|coming|era|century|ago|"
                   r"period|time|times|season|overnight|night|nights)\b", re.I)
FUTURE = re.compile(r"\b(?:will|would|shall|'ll|could|might|may|as early as|as soon as|ahead of|upcoming|going to|scheduled|set to|due to|expected to|next|planned|plans to|until|wrap up|conclude|end on)\b", re.I)
MONTH_ONLY = re.compile(r"^(?:in\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$", re.I)


def resolve(surface: str, reference: date | None, sentence: str = "", future: bool | None = None) -> str | None:
    """ISO date (or year) for `surface`, or None when it names no particular day.

    `future` says whether the sentence looks ahead (from its verb's tense); without it,
    words such as "will" or "next" in `sentence` decide."""
    text = surface.strip().rstrip(".,")
    lowered = text.lower()
    lowered = re.sub(r"^(?:on|by|since|from|until|last|this)\s+", "", lowered)
    if VAGUE.search(lowered) or MONTH_ONLY.match(lowered):
        return None
    if re.fullmatch(r"(?:1[89]|20)\d\d", lowered):
        return lowered
    if lowered in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return reference.isoformat() if reference else None
    if lowered in ("yesterday", "tomorrow"):
        if not reference:
            return None
        return (reference + timedelta(days=-1 if lowered == "yesterday" else 1)).isoformat()
    day = next((d for d in WEEKDAYS if re.fullmatch(rf"{d}(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?", lowered)), None)
    if day:
        if not reference:
            return None
        ahead = (WEEKDAYS.index(day) - reference.weekday()) % 7
        if ahead == 0:
            return reference.isoformat()
        forward = future if future is not None else bool(FUTURE.search(sentence))
        return (reference + timedelta(days=ahead if forward else ahead - 7)).isoformat()
    if not reference and not YEAR.search(text):
        return None  # "Feb. 20" of an undated report: the year is unknown until the story dates it
    return calendar_date(text, reference)


@lru_cache(maxsize=4096)
def calendar_date(text: str, reference: date | None) -> str | None:
    """dateparser on a day and month (with or without year); reports repeat their dates, and
    dateparser takes milliseconds a call, so answers are kept."""
    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["day", "month"]}
    if reference:
        settings["RELATIVE_BASE"] = datetime(reference.year, reference.month, reference.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if not parsed:
        return None
    result = parsed.date()
    if reference and not YEAR.search(text):
        result = result.replace(year=reference.year)
    return result.isoformat()


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
