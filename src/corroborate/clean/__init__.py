"""Clean stage: line labels and report metadata for a batch of articles."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import Article
from ..text import normalize
from .lines import label_article
from .meta import describe

# a line in this many reports of one batch is site furniture, not news
FURNITURE_REPORTS = 3


def clean(articles: Sequence[Article]) -> list[Article]:
    furniture = recurring_lines(articles)
    for article in articles:
        label_article(article, furniture)
        describe(article)
    return list(articles)


def recurring_lines(articles: Sequence[Article]) -> set[str]:
    seen: Counter[str] = Counter()
    for article in articles:
        seen.update({normalize(line) for line in article.text.split("\n") if line.strip()})
    return {line for line, n in seen.items() if n >= FURNITURE_REPORTS}
