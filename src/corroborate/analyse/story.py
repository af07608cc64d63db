"""What every analysis step shares: the reports of one story, their outlets, origins and units.

A *unit* is one thing a report says: a quoted or reported sentence with its speaker, or a
body sentence in the outlet's own voice. Units are what get aligned into statements.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..model import Article, Quote, Sentence, Statement
from ..nlp import embed
from ..settings import Settings

MIN_UNIT_WORDS = 2
MIN_SENTENCE_UNIT_WORDS = 5  # shorter sentences in the outlet's own voice are datelines and fragments
NEGATION = re.compile(r"n['’]t\b|\b(?:not|no|never|nor|nothing|nobody|none|cannot)\b", re.I)


@dataclass
class Unit:
    article: str
    line: int
    start: int
    end: int
    text: str
    speaker: str | None
    kind: str  # direct | partial | indirect | sentence
    sentence: Sentence
    people: frozenset[str] = frozenset()  # people the unit's sentence names (canonical)
    quote: int | None = None  # where the quote this unit is a sentence of starts: one quote, one statement
    stance: str = "asserts"  # Quote.stance; a body sentence takes the stance of a speech act it reports
    speaks_for: frozenset[str] = frozenset()  # words of the speaker's roles in any report ("spokesman for the defence ministry")
    reports: frozenset[str] = frozenset()  # a body sentence: the speakers whose quotes it gives


@dataclass
class Story:
    articles: list[Article]
    settings: Settings
    units: list[Unit] = field(default_factory=list)
    vectors: Any = None  # unit embeddings, one row per unit
    origins: dict[str, str] = field(default_factory=dict)  # article id -> independent origin

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.articles}

    def outlet(self, article_id: str) -> str:
        return self.by_id[article_id].display_name

    def sentence_at(self, article_id: str, offset: int) -> Sentence | None:
        return next((s for s in self.by_id[article_id].sentences if s.start <= offset < s.end), None)


def build_units(story: Story) -> None:
    """Quotes split into sentences, plus body sentences that carry no quote, then embed them all."""
    units = story_units(story)
    story.units = units
    story.vectors = embed([u.text for u in units], story.settings.embedding_model) if units else np.zeros((0, 384))


def story_units(story: Story) -> list[Unit]:
    """What the story's reports say, unit by unit: quotes split into sentences, and body
    sentences that carry no quote."""
    units: list[Unit] = []
    roles: dict[str, set[str]] = {}
    for article in story.articles:
        for e in article.entities:
            roles.setdefault(e.name, set()).update(w for r in e.roles for w in re.findall(r"[a-z]+", r.lower()))
    for article in story.articles:
        quotes = [q for q in article.quotes if q.kind != "scare"]
        direct = [q for q in quotes if q.kind in ("direct", "partial")]
        covered: list[tuple[int, int]] = []
        for q in quotes:
            if q.act:
                continue  # "denied having any plans" reads only with its verb: its sentence is the unit
            if q.kind == "indirect" and any(d.start < q.end and q.start < d.end for d in direct):
                continue  # its quoted words stand as units of their own
            q = with_negation(article, q, quotes)
            covered.append((q.start, q.end))
            units.extend(split_quote(story, article, q, frozenset(roles.get(q.speaker, ()))))
        for s in article.sentences:
            inside = sum(max(0, min(s.end, b) - max(s.start, a)) for a, b in covered)
            text = sentence_unit_text(s.text)
            if inside < 0.4 * (s.end - s.start) and text:
                reports = frozenset(q.speaker for q in quotes if q.speaker and s.start <= q.start < s.end)
                units.append(Unit(article.id, s.line, s.start, s.end, text, None, "sentence", s,
                                  people_in(article, s.start, s.end), stance=act_stance(quotes, s), reports=reports))
    return units


def with_negation(article: Article, quote: Quote, quotes: list[Quote]) -> Quote:
    """'he added that he didn't "see any harm" in the decision': quoted words that the reported
    speech around them negates say the opposite alone, so they stand with the reported words from
    the last quoted words before them to the next."""
    if quote.kind != "partial":
        return quote
    outer = next((r for r in quotes if r.kind == "indirect" and not r.act and r.start <= quote.start and quote.end <= r.end), None)
    if outer is None:
        return quote
    inside = [d for d in quotes if d.kind in ("direct", "partial") and outer.start <= d.start and d.end <= outer.end]
    start = max((d.end for d in inside if d.end <= quote.start), default=outer.start)
    if not NEGATION.search(article.text[start:quote.start]):
        return quote
    end = min((d.start for d in inside if d.start >= quote.end), default=outer.end)
    text = article.text[start:end]
    start += len(text) - len(text.lstrip(" ,;:—–"))
    end -= len(text) - len(text.rstrip(" ,;:—–"))
    return replace(quote, start=start, end=end, text=article.text[start:end])


def sentence_unit_text(sentence: str) -> str | None:
    """The text a body sentence is aligned by, or None when it is too short to be a unit."""
    return sentence.strip() if len(sentence.split()) >= MIN_SENTENCE_UNIT_WORDS else None


def best_sentence(story: Story, statement: Statement) -> str:
    """A mention's whole sentence that names the speaker, best one that also quotes their words."""
    options = []
    for m in statement.mentions:
        s = story.sentence_at(m.article, m.start)
        if s is not None:
            names_speaker = bool(statement.speaker) and statement.speaker.split()[-1] in s.text
            quotes = any(mark in s.text for mark in '"“”«')
            options.append((not names_speaker, not quotes, len(s.text) > 320, len(s.text), s.text.strip()))
    return min(options)[-1] if options else statement.text


def people_in(article: Article, start: int, end: int) -> frozenset[str]:
    return frozenset(e.name for e in article.entities if e.kind == "person" and any(start <= m.start < end for m in e.mentions))


def split_quote(story: Story, article: Article, quote: Quote, speaks_for: frozenset[str]) -> list[Unit]:
    out = []
    for s in article.sentences:
        start, end = max(s.start, quote.start), min(s.end, quote.end)
        if end <= start:
            continue
        text = article.text[start:end].strip(" \"“”'‘’,")
        if len(re.findall(r"\w+", text)) >= MIN_UNIT_WORDS:
            out.append(Unit(article.id, quote.line, start, end, text, quote.speaker, quote.kind, s,
                            quote=quote.start, stance=quote.stance, speaks_for=speaks_for))
    return out


def act_stance(quotes: list[Quote], sentence: Sentence) -> str:
    """A sentence that reports a speech act ("X denied having any plans") says what the act does:
    a denial stays a denial when the sentence stands for it."""
    stances = sorted({q.stance for q in quotes if q.act and sentence.start <= q.start < sentence.end} - {"asserts"})
    return stances[0] if stances else "asserts"
