"""Dated events of the story, each with the outlets that date it so.

A day that counts from the moment of speaking ("tomorrow", "today") inside a quote is the
speaker's, often rhetorical ("it won't happen tomorrow ... the day after tomorrow?"): no event.
A day that counts from the report's own date is marked inferred when that date was inferred."""
from __future__ import annotations

import re
from collections import defaultdict

from ..dates import YEAR, parse_iso
from ..model import Article, TimelineEvent, Value
from .story import Story

WINDOW_DAYS = 45  # events this far from the story's dates belong to its background, not its timeline
DEICTIC = re.compile(r"\b(?:today|tonight|tomorrow|yesterday|this (?:morning|afternoon|evening|week))\b", re.I)


def build_timeline(story: Story, reference) -> list[TimelineEvent]:
    events: dict[tuple[str, str], TimelineEvent] = {}
    seen_outlets: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article in story.articles:
        body = {ln.line for ln in article.lines if ln.label == "body"}
        for v in article.values:
            day = parse_iso(v.normalized) if v.kind == "date" and len(str(v.normalized or "")) == 10 else None
            if day is None or v.line not in body or (reference and abs((day - reference).days) > WINDOW_DAYS):
                continue
            if DEICTIC.search(v.surface) and quoted(article, v):
                continue
            sentence = story.sentence_at(article.id, v.start)
            if sentence is None:
                continue
            key = (day.isoformat(), sentence.text.strip()[:60].lower())
            seen_outlets[key].add(story.outlet(article.id))
            event = events.setdefault(key, TimelineEvent(day.isoformat(), sentence.text.strip(), article.id, sentence.line, [],
                                                         inferred=True))
            event.inferred = event.inferred and counts_from_inferred_date(article, v)
    for key, event in events.items():
        event.outlets = sorted(seen_outlets[key])
    return sorted(events.values(), key=lambda e: (e.date, e.article, e.line))


def quoted(article: Article, v: Value) -> bool:
    return any(q.kind in ("direct", "partial") and q.start <= v.start < q.end for q in article.quotes)


def counts_from_inferred_date(article: Article, v: Value) -> bool:
    """The day was worked out from the report's date ("Tuesday", "Feb. 20": no year written), and that date is inferred."""
    return article.published_inferred and not YEAR.search(v.surface)
