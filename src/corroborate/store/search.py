"""Full-text search over stored sentences: SQLite FTS5 or PostgreSQL tsvector, one result shape.

Both match every content word of the query (English stemming: "protest" finds "protesters");
common function words are left out of the query on both, as PostgreSQL's English dictionary does.
"""
from __future__ import annotations

import re

from sqlalchemy import and_, select, text

from ..text import STOP_WORDS
from .schema import report_versions, reports, sentences


def query_words(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query.lower()) if w not in STOP_WORDS]


def matching(dialect: str, query: str):
    """A WHERE clause on `sentences` for the query, or None when it has no content word."""
    words = query_words(query)
    if not words:
        return None
    if dialect == "sqlite":
        # each word quoted: FTS5 reads the user's words as terms, never as its query syntax
        fts = " ".join('"' + w.replace('"', '') + '"' for w in words)
        return sentences.c.id.in_(select(text("rowid")).select_from(text("sentences_fts"))
                                  .where(text("sentences_fts MATCH :fts").bindparams(fts=fts)))
    return text("sentences.tsv @@ plainto_tsquery('english', :tsq)").bindparams(tsq=" ".join(words))


def search_statement(dialect: str, query: str, limit: int):
    where = matching(dialect, query)
    if where is None:
        return None
    return (select(reports.c.id.label("report_id"), reports.c.url, report_versions.c.number.label("version"),
                   report_versions.c.article_id, report_versions.c.title, report_versions.c.outlet,
                   report_versions.c.published, sentences.c.line, sentences.c.text, sentences.c.speakers)
            .select_from(sentences.join(report_versions, report_versions.c.id == sentences.c.version_id)
                         .join(reports, and_(reports.c.current_version == report_versions.c.id)))
            .where(where)
            .order_by(report_versions.c.published.desc().nulls_last(), reports.c.id, sentences.c.position)
            .limit(limit))
