"""Clean stage: line labels and report metadata, each report on its own.

Lines that recur across the reports of one story (a site's menus, footers, newsletter boxes)
are found when the story is briefed (recurring_furniture): cleaning a report never depends
on the reports it is read beside.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import Article
from ..text import normalize
from .lines import is_prose, label_article
from .meta import describe

# a line in this many reports of one story is site furniture, not news
FURNITURE_REPORTS = 3
KEPT_AS_NEWS = ("body", "subheading")


def clean(articles: Sequence[Article]) -> list[Article]:
    for article in articles:
        label_article(article)
        describe(article)
    return list(articles)


def recurring_furniture(articles: Sequence[Article]) -> list[set[int]]:
    """For each report, the kept lines (by number) that are not prose and recur in
    FURNITURE_REPORTS or more reports: boilerplate wherever seen."""
    recurring = recurring_lines(articles)
    found = []
    for article in articles:
        texts = {ln.line: article.text[ln.start:ln.end].strip() for ln in article.lines if ln.label in KEPT_AS_NEWS}
        found.append({n for n, t in texts.items() if t and normalize(t) in recurring and not is_prose(t)})
    return found


def recurring_lines(articles: Sequence[Article]) -> set[str]:
    seen: Counter[str] = Counter()
    for article in articles:
        seen.update({normalize(line) for line in article.text.split("\n") if line.strip()})
    return {line for line, n in seen.items() if n >= FURNITURE_REPORTS}
