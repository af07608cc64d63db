"""Dated events of the story, each with the outlets that date it so."""
from __future__ import annotations

from collections import defaultdict

from ..dates import parse_iso
from ..model import TimelineEvent
from .story import Story

WINDOW_DAYS = 45  # events this far from the story's dates belong to its background, not its timeline


def build_timeline(story: Story, reference) -> list[TimelineEvent]:
    events: dict[tuple[str, str], TimelineEvent] = {}
    seen_outlets: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article in story.articles:
        body = {ln.line for ln in article.lines if ln.label == "body"}
        for v in article.values:
            day = parse_iso(v.normalized) if v.kind == "date" and len(str(v.normalized or "")) == 10 else None
            if day is None or v.line not in body or (reference and abs((day - reference).days) > WINDOW_DAYS):
                continue
            sentence = story.sentence_at(article.id, v.start)
            if sentence is None:
                continue
            key = (day.isoformat(), sentence.text.strip()[:60].lower())
            seen_outlets[key].add(story.outlet(article.id))
            events.setdefault(key, TimelineEvent(day.isoformat(), sentence.text.strip(), article.id, sentence.line, []))
    for key, event in events.items():
        event.outlets = sorted(seen_outlets[key])
    return sorted(events.values(), key=lambda e: (e.date, e.article, e.line))
