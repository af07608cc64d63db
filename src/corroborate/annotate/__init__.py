"""Annotate stage: sentences, names, quotes with speakers, and values for each clean report.

spaCy runs once over the kept paragraphs of every report (nlp.pipe, batched); the
components below read the parse and write model objects, so no later stage needs spaCy.
Speakers are canonicalised across all reports of the batch at the end.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from ..dates import parse_iso
from ..model import Article, Sentence
from ..nlp import spacy_pipeline
from ..settings import Settings
from .entities import canonical_names, entities_of, find_names, resolve_within, retype
from .parsed import Paragraph, Parsed
from .quotes import find_quotes
from .speakers import JOINT
from .values import find_values

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
    """Everything after the parse, so a benchmark can rerun the rules on parses it kept."""
    for p in parses:
        find_names(p)
    retype([n for p in parses for n in p.names])
    for p in parses:
        resolve_within(p.names)
        p.article.sentences = [
            Sentence(line=para.line, start=para.offset + s.start_char, end=para.offset + s.end_char, text=s.text)
            for para in p.paragraphs for s in para.doc.sents if s.text.strip()
        ]
        p.article.quotes = find_quotes(p)
    canonical = canonical_names([n for p in parses for n in p.names])
    for p in parses:
        for quote in p.article.quotes:
            if quote.speaker in canonical:
                quote.speaker = canonical[quote.speaker]
            elif quote.speaker and JOINT in quote.speaker:  # people speaking together, each by their one name
                quote.speaker = JOINT.join(canonical.get(k, k) for k in quote.speaker.split(JOINT))
        p.article.entities = entities_of(p.names, canonical)
        p.article.values = find_values(p, parse_iso(p.article.published))
