"""brief(paths) -> Briefing: the stages chained, with errors kept beside the results."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from . import ingest
from .analyse import analyse
from .analyse.story import sentence_unit_text
from .annotate import annotate
from .clean import clean
from .errors import InputError
from .model import Article, Briefing
from .nlp import embed_soon, warm_up
from .settings import Settings

Progress = Callable[[str, int, int | None], None]  # (stage, advance, total)
PREFETCH_BATCH = 64  # sentences handed to the background encoder at a time


def read(inputs: Iterable[str], settings: Settings | None = None) -> tuple[list[Article], list[InputError]]:
    """Ingest and clean: articles with line labels and metadata, and what could not be read."""
    articles, errors = [], []
    for item in ingest.read(inputs, settings or Settings()):
        (articles if isinstance(item, Article) else errors).append(item)
    # one order whatever order the inputs came in: the same reports give the same briefing
    articles.sort(key=lambda a: (a.id, a.source))
    errors.sort(key=lambda e: (e.source, e.reason))
    return clean(articles), errors


def annotated(inputs: Iterable[str], settings: Settings | None = None, progress: Progress | None = None,
              prefetch: bool = False) -> tuple[list[Article], list[InputError]]:
    settings = settings or Settings()
    articles, errors = read(inputs, settings)
    annotate_read(articles, settings, progress, prefetch)
    return articles, errors


def annotate_read(articles: list[Article], settings: Settings, progress: Progress | None = None, prefetch: bool = False) -> None:
    """Annotate; with `prefetch`, sentences are embedded in the background as soon as they are
    parsed, so analysis finds most vectors ready (parsing and encoding share the cores)."""
    paragraphs = sum(1 for a in articles for ln in a.lines if ln.label in ("body", "subheading"))
    if progress:
        progress("annotate", 0, paragraphs)
    waiting: list[str] = []

    def parsed_sentences(sentences: list[str]) -> None:
        if progress:
            progress("annotate", 1, paragraphs)
        if prefetch:
            waiting.extend(t for t in map(sentence_unit_text, sentences) if t)
            if len(waiting) >= PREFETCH_BATCH:
                embed_soon(waiting[:], settings.embedding_model)
                waiting.clear()

    annotate(articles, settings, parsed_sentences)
    if waiting:
        embed_soon(waiting, settings.embedding_model)


def brief(inputs: Iterable[str], settings: Settings | None = None, progress: Progress | None = None) -> Briefing:
    settings = settings or Settings()
    warm_up(settings.spacy_model, settings.embedding_model)
    articles, errors = annotated(inputs, settings, progress, prefetch=True)
    if progress:
        progress("analyse", 0, 1)
    briefing = analyse(articles, settings) if articles else Briefing(articles=[])
    if progress:
        progress("analyse", 1, 1)
    briefing.errors = [e.to_dict() for e in errors]
    return briefing
