"""Cluster stage: group annotated reports of a mixed stream into stories.

Copies of one text (wire copy, reprints) are found first with MinHash LSH; then each report
joins the reports it tells one event with, judged by what reporters use: when (dates in a
window), where and who (places, people, organisations), what (the wording of the lead, the
rare words of the whole text).
`StoryIndex` does it incrementally; `cluster` is the one-batch call.
"""
from __future__ import annotations

from ..model import Article, Story
from ..settings import Settings
from .index import Merge, StoryIndex, Update

__all__ = ["Merge", "StoryIndex", "Update", "cluster"]


def cluster(articles: list[Article], settings: Settings | None = None) -> list[Story]:
    """Every article in exactly one story (a story may hold one report), largest stories first."""
    index = StoryIndex(settings)
    index.add(articles)
    return index.stories({a.id: a for a in articles})
