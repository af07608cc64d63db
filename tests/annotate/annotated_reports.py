"""What the annotate tests share: a report made of real paragraphs, cleaned and annotated, and
the quote holding some words (pytest puts this folder on the import path)."""
from __future__ import annotations

from corroborate.annotate import annotate
from corroborate.clean import clean
from corroborate.model import Article, Quote


def annotated_report(title: str, *paragraphs: str) -> Article:
    # blank lines between paragraphs, as in the reports
    article = Article(id="r.txt", source="r.txt", text="\n\n".join((title, *paragraphs)))
    clean([article])
    annotate([article])
    return article


def quote_with(article: Article, words: str, kind: str | None = None) -> Quote:
    found = [q for q in article.quotes if words in q.text and q.kind != "scare" and kind in (None, q.kind)]
    assert found, (words, [(q.kind, q.speaker, q.text) for q in article.quotes])
    return found[0]
