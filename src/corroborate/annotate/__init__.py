"""Annotate stage: sentences, names, quotes with speakers, and values for each clean report.

spaCy runs once over the kept paragraphs of every report (nlp.pipe, batched); the
components below read the parse and write model objects, so no later stage needs spaCy.
Each report is annotated on its own; one name per person across the reports of a story
(name_people_across) is given when the story is briefed.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from ..dates import parse_iso
from ..model import Article, Sentence
from ..nlp import spacy_pipeline
from ..settings import Settings
from .entities import (canonical_names, entities_of, find_names, name_people_across, person_keys, resolve_within,
                       retype, speaker_named)
from .parsed import Paragraph, Parsed
from .quotes import find_quotes
from .values import find_values

__all__ = ["annotate", "annotate_parsed", "name_people_across", "parse"]

ANNOTATED_LABELS = ("body", "subheading")


def parse(articles: Sequence[Article], settings: Settings, parsed_sentences: Callable[[list[str]], None] | None = None) -> list[Parsed]:
    """spaCy over every kept paragraph; `parsed_sentences` hears each paragraph's sentences as
    soon as they are parsed (for progress, and so later stages can start on them)."""
    nlp = spacy_pipeline(settings.spacy_model)
    jobs = [(a, ln) for a in articles for ln in a.lines if ln.label in ANNOTATED_LABELS]
    texts = (a.text[ln.start:ln.end].rstrip("\r") for a, ln in jobs)
    parsed = {a.id: Parsed(article=a, paragraphs=[]) for a in articles}
    for (article, line), doc in zip(jobs, nlp.pipe(texts, batch_size=settings.batch_size)):
        parsed[article.id].paragraphs.append(Paragraph(
            line=line.line, offset=line.start, doc=doc, label=line.label, sources=article.relies_on + article.wire))
        if parsed_sentences:
            parsed_sentences([s.text for s in doc.sents])
    return [parsed[a.id] for a in articles]


def annotate(articles: Sequence[Article], settings: Settings | None = None,
             parsed_sentences: Callable[[list[str]], None] | None = None) -> list[Parsed]:
    """Fill sentences, entities, quotes and values of every article; returns the parses for reuse."""
    settings = settings or Settings()
    parses = parse(articles, settings, parsed_sentences)
    annotate_parsed(parses)
    return parses


def annotate_parsed(parses: Sequence[Parsed]) -> None:
    """Everything after the parse, so a benchmark can rerun the rules on parses it kept. Each
    report is annotated on its own: what it gets never depends on the reports beside it."""
    for p in parses:
        annotate_report(p)


def annotate_report(p: Parsed) -> None:
    """Names, sentences, quotes with speakers (one name per person within the report), values."""
    find_names(p)
    retype(p.names)
    resolve_within(p.names)
    p.article.sentences = [
        Sentence(line=para.line, start=para.offset + s.start_char, end=para.offset + s.end_char, text=s.text)
        for para in p.paragraphs for s in para.doc.sents if s.text.strip()
    ]
    p.article.quotes = find_quotes(p)
    canonical = canonical_names([person_keys(p.names)])
    for quote in p.article.quotes:
        quote.speaker = speaker_named(quote.speaker, canonical)
    p.article.entities = entities_of(p.names, canonical)
    p.article.values = find_values(p, parse_iso(p.article.published))
